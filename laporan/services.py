"""Writing the report's own content: the Laporan (tempat, tanggal), its narrative texts and block
settings, the kabupaten defaults of the outline, penghargaan, SDM tables, permasalahan, isu
strategis, the uploaded images (bagan, lampiran) and the kabupaten logo.

Every function checks the permission itself (operator or camat of the kecamatan; admin kabupaten
for the kabupaten defaults and logo), validates with `full_clean()` and runs in one transaction:
a refusal writes nothing. A report that is no longer a draft (submitted, signed, ...) is frozen:
its texts, settings and images are refused with the reason.

Uploaded images are checked by their content (Pillow), never by their name, and stored under a
random name; a replaced or deleted file is removed from storage once the transaction commits.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from PIL import Image, UnidentifiedImageError

from laporan import alur
from laporan.kerangka import BLOK
from laporan.models import (
    BerkasLaporan,
    BlokKabupaten,
    BlokLaporan,
    CatatanReviu,
    DokumenFinal,
    IsuStrategis,
    Laporan,
    LogoKabupaten,
    Narasi,
    Penghargaan,
    PercobaanFrasaSandi,
    Permasalahan,
    RiwayatStatus,
    SdmRekap,
)
from laporan.narasi import teks_bawaan, teks_rapi
from laporan.selectors import laporan_terbaru
from lkjip.akses import bisa_mengedit, bisa_mengelola_kabupaten
from lkjip.format import format_angka
from lkjip.models import Kabupaten, Kecamatan

MAKS_UKURAN = 5 * 1024 * 1024
MAKS_PIKSEL = 40_000_000
FORMAT_GAMBAR = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
BUKAN_GAMBAR = (
    "Berkas ini bukan gambar JPEG atau PNG yang utuh. Unggah hasil pindaian dalam format JPEG atau PNG."
)
NAIK, TURUN = "naik", "turun"

logger = logging.getLogger(__name__)


# --- permissions ------------------------------------------------------------------------------------


def _periksa_izin(user, kecamatan: Kecamatan) -> None:
    if not bisa_mengedit(user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan laporan kecamatan ini.")


def _periksa_izin_kabupaten(user, kabupaten: Kabupaten) -> None:
    if not bisa_mengelola_kabupaten(user, kabupaten):
        raise PermissionDenied("Hanya admin kabupaten yang dapat mengubah pengaturan ini.")


def laporan_terkunci(laporan: Laporan) -> str:
    return (
        f"{laporan} berstatus {laporan.get_status_display().lower()}; isinya tidak dapat diubah lagi. "
        "Perubahan hanya dapat dilakukan pada laporan berstatus draf."
    )


# --- images -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoGambar:
    mime: str
    ext: str
    lebar: int
    tinggi: int
    ukuran: int


def periksa_gambar(berkas) -> InfoGambar:
    """The uploaded file as a JPEG or PNG image, judged by its content (Pillow decodes it whole),
    never by its name; ValidationError in Indonesian when it is too big, empty, damaged, of
    another type or too many pixels."""
    ukuran = berkas.size or 0
    if ukuran > MAKS_UKURAN:
        mb = format_angka(ukuran / (1024 * 1024))
        raise ValidationError(
            f"Berkas terlalu besar ({mb} MB). Ukuran paling besar 5 MB; perkecil resolusi pindaian.",
            code="besar",
        )
    if ukuran == 0:
        raise ValidationError("Berkas kosong.", code="kosong")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            berkas.seek(0)
            with Image.open(berkas) as img:
                jenis = img.format
                img.verify()
            berkas.seek(0)
            with Image.open(berkas) as img:
                lebar, tinggi = img.size
                if lebar * tinggi > MAKS_PIKSEL:
                    raise ValidationError(
                        f"Gambar terlalu besar ({format_angka(lebar)} × {format_angka(tinggi)} piksel). "
                        "Perkecil resolusi pindaian.",
                        code="piksel",
                    )
                img.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise ValidationError(BUKAN_GAMBAR, code="bukan_gambar") from None
    finally:
        berkas.seek(0)
    if jenis not in FORMAT_GAMBAR:
        raise ValidationError(
            f"Gambar berformat {jenis} tidak diterima. Unggah gambar JPEG atau PNG.", code="format"
        )
    mime, ext = FORMAT_GAMBAR[jenis]
    return InfoGambar(mime, ext, lebar, tinggi, ukuran)


def _simpan_berkas(obj, berkas, user) -> None:
    """Check the image, store it under a random name and save `obj`; the stored file is removed
    again when saving fails."""
    info = periksa_gambar(berkas)
    obj.mime, obj.lebar, obj.tinggi, obj.ukuran = info.mime, info.lebar, info.tinggi, info.ukuran
    obj.pengunggah = user if getattr(user, "is_authenticated", False) else None
    berkas.seek(0)
    obj.berkas.save(f"gambar{info.ext}", File(berkas), save=False)
    nama, storage = obj.berkas.name, obj.berkas.storage
    try:
        obj.full_clean()
        obj.save()
    except Exception:
        storage.delete(nama)
        raise


def _hapus_berkas_nanti(berkas_field) -> None:
    nama, storage = berkas_field.name, berkas_field.storage
    if nama:
        transaction.on_commit(lambda: storage.delete(nama))


# --- the report -------------------------------------------------------------------------------------


def laporan_pastikan(*, user, kecamatan: Kecamatan, tahun: int) -> Laporan:
    """The latest version of the kecamatan's yearly report for `tahun`, created (draf, versi 1)
    when it has not been started yet."""
    _periksa_izin(user, kecamatan)
    laporan = (
        Laporan.objects.select_for_update()
        .filter(kecamatan=kecamatan, tahun=tahun, jenis=Laporan.Jenis.TAHUNAN, periode="")
        .order_by("-versi")
        .first()
    )
    if laporan is None:
        laporan = Laporan(kecamatan=kecamatan, tahun=tahun)
        laporan.full_clean()
        laporan.save()
    laporan.kecamatan = kecamatan
    return laporan


def _laporan_draf(user, kecamatan: Kecamatan, tahun: int) -> Laporan:
    laporan = laporan_pastikan(user=user, kecamatan=kecamatan, tahun=tahun)
    if not laporan.bisa_diubah:
        raise PermissionDenied(laporan_terkunci(laporan))
    return laporan


def _blok_isian(kode: str):
    blok = BLOK.get(kode)
    if blok is None:
        raise ValidationError({"kode": f"Blok laporan {kode!r} tidak dikenal."})
    return blok


@transaction.atomic
def laporan_penandatanganan_simpan(
    *, user, kecamatan: Kecamatan, tahun: int, tempat: str, tanggal: date | None
) -> Laporan:
    """Place and date of signing (kata pengantar and the signature blocks)."""
    laporan = _laporan_draf(user, kecamatan, tahun)
    laporan.tempat = tempat.strip()
    laporan.tanggal = tanggal
    laporan.full_clean()
    laporan.save()
    return laporan


@transaction.atomic
def narasi_simpan(*, user, kecamatan: Kecamatan, tahun: int, kode: str, teks: str) -> Narasi:
    """Store the text of a block (plain text, laporan/narasi.py); it replaces the default text."""
    blok = _blok_isian(kode)
    if not blok.bisa_diisi:
        raise ValidationError(
            {"teks": f"Blok {blok.judul} dihasilkan dari data dan tidak memiliki teks isian."}
        )
    laporan = _laporan_draf(user, kecamatan, tahun)
    narasi = Narasi.objects.filter(laporan=laporan, kode=kode).first() or Narasi(laporan=laporan, kode=kode)
    narasi.teks = teks_rapi(teks)
    narasi.full_clean()
    narasi.save()
    return narasi


@transaction.atomic
def narasi_kembalikan(*, user, kecamatan: Kecamatan, tahun: int, kode: str) -> bool:
    """Drop the stored text of a block so that it shows its default text again; False when it had
    none."""
    _blok_isian(kode)
    laporan = _laporan_draf(user, kecamatan, tahun)
    jumlah, _ = Narasi.objects.filter(laporan=laporan, kode=kode).delete()
    return bool(jumlah)


@transaction.atomic
def blok_laporan_simpan(
    *, user, kecamatan: Kecamatan, tahun: int, kode: str, aktif: bool | None, judul: str
) -> None:
    """The report's adjustment of one block: `aktif` None and `judul` "" follow the kabupaten's
    default (and then no row is kept)."""
    _blok_isian(kode)
    laporan = _laporan_draf(user, kecamatan, tahun)
    judul = judul.strip()
    if aktif is None and not judul:
        BlokLaporan.objects.filter(laporan=laporan, kode=kode).delete()
        return
    obj = BlokLaporan.objects.filter(laporan=laporan, kode=kode).first() or BlokLaporan(
        laporan=laporan, kode=kode
    )
    obj.aktif, obj.judul = aktif, judul
    obj.full_clean()
    obj.save()


@transaction.atomic
def blok_simpan(
    *, user, kecamatan: Kecamatan, tahun: int, kode: str, aktif: bool | None, judul: str, teks: str | None
) -> None:
    """The block editor: title and on/off of the block in this report and, when `teks` is given,
    its text. A text equal to the default text of a block without a stored text is not stored,
    so the block keeps following the default."""
    blok_laporan_simpan(user=user, kecamatan=kecamatan, tahun=tahun, kode=kode, aktif=aktif, judul=judul)
    if teks is None:
        return
    laporan = _laporan_draf(user, kecamatan, tahun)
    bawaan = teks_bawaan(kode, kecamatan=kecamatan.nama, kabupaten=kecamatan.kabupaten.nama, tahun=tahun)
    if (
        teks_rapi(teks) == teks_rapi(bawaan)
        and not Narasi.objects.filter(laporan=laporan, kode=kode).exists()
    ):
        return
    narasi_simpan(user=user, kecamatan=kecamatan, tahun=tahun, kode=kode, teks=teks)


@transaction.atomic
def blok_kabupaten_simpan(*, user, kabupaten: Kabupaten, pengaturan: Mapping[str, tuple[bool, str]]) -> int:
    """The kabupaten defaults of the outline: per block kode (on or off, title; "" = the outline's
    title). Rows equal to the outline's own defaults are not kept. Returns the blocks changed."""
    _periksa_izin_kabupaten(user, kabupaten)
    ada = {b.kode: b for b in BlokKabupaten.objects.select_for_update().filter(kabupaten=kabupaten)}
    berubah = 0
    for kode, (aktif, judul) in pengaturan.items():
        blok = _blok_isian(kode)
        judul = judul.strip()
        if judul == blok.judul:
            judul = ""
        obj = ada.get(kode)
        lama = (obj.aktif, obj.judul) if obj else (blok.aktif_bawaan, "")
        if lama == (aktif, judul):
            continue
        berubah += 1
        if aktif == blok.aktif_bawaan and not judul:
            if obj:
                obj.delete()
            continue
        obj = obj or BlokKabupaten(kabupaten=kabupaten, kode=kode)
        obj.aktif, obj.judul = aktif, judul
        obj.full_clean()
        obj.save()
    return berubah


# --- lists: penghargaan, SDM, permasalahan, isu strategis -------------------------------------------


def _urutan_berikut(queryset: models.QuerySet) -> int:
    terbesar = queryset.aggregate(m=models.Max("urutan"))["m"]
    return 0 if terbesar is None else terbesar + 1


def _simpan(obj: models.Model) -> models.Model:
    obj.full_clean()
    obj.save()
    return obj


def _pindah(saudara: models.QuerySet, obj, arah: str) -> bool:
    """Swap `obj` with its neighbour among `saudara` (ordered by urutan, id) and number them 0..n-1;
    False when it is already first (naik) or last (turun)."""
    if arah not in (NAIK, TURUN):
        raise ValidationError({"arah": 'Arah harus "naik" atau "turun".'})
    daftar = list(saudara.select_for_update().order_by("urutan", "id").values_list("pk", "urutan"))
    lama = dict(daftar)
    urut = [pk for pk, _ in daftar]
    i = urut.index(obj.pk)
    j = i - 1 if arah == NAIK else i + 1
    if not 0 <= j < len(urut):
        return False
    urut[i], urut[j] = urut[j], urut[i]
    for nomor, pk in enumerate(urut):
        if lama[pk] != nomor:
            saudara.model.objects.filter(pk=pk).update(urutan=nomor)
    obj.urutan = urut.index(obj.pk)
    return True


@transaction.atomic
def penghargaan_simpan(
    *,
    user,
    kecamatan: Kecamatan,
    penghargaan: Penghargaan | None = None,
    tahun: int,
    nama: str,
    pemberi: str = "",
    tingkat: str = "",
    penerima: str = "",
) -> Penghargaan:
    _periksa_izin(user, kecamatan)
    if penghargaan is None:
        penghargaan = Penghargaan(
            kecamatan=kecamatan, urutan=_urutan_berikut(Penghargaan.objects.filter(kecamatan=kecamatan))
        )
    elif penghargaan.kecamatan_id != kecamatan.pk:
        raise PermissionDenied("Penghargaan ini milik kecamatan lain.")
    penghargaan.tahun, penghargaan.nama, penghargaan.pemberi = tahun, nama.strip(), pemberi.strip()
    penghargaan.tingkat, penghargaan.penerima = tingkat, penerima.strip()
    return _simpan(penghargaan)


@transaction.atomic
def penghargaan_hapus(*, user, penghargaan: Penghargaan) -> None:
    _periksa_izin(user, penghargaan.kecamatan)
    penghargaan.delete()


def sdm_terpakai(kategori: str, uraian: str, tahun: int) -> str:
    return f'"{uraian}" sudah ada pada tabel {SdmRekap.judul_kategori(kategori).lower()} tahun {tahun}.'


@transaction.atomic
def sdm_simpan(
    *,
    user,
    kecamatan: Kecamatan,
    baris: SdmRekap | None = None,
    tahun: int,
    kategori: str,
    uraian: str,
    jumlah: int,
) -> SdmRekap:
    """One line of an SDM table (kategori "pendidikan", uraian "Sarjana", jumlah 6)."""
    _periksa_izin(user, kecamatan)
    kategori, uraian = kategori.strip().lower().replace(" ", "_"), uraian.strip()
    kembar = SdmRekap.objects.filter(
        kecamatan=kecamatan, tahun=tahun, kategori=kategori, uraian__iexact=uraian
    ).exclude(pk=baris.pk if baris else None)
    if kembar.exists():
        raise ValidationError({"uraian": sdm_terpakai(kategori, uraian, tahun)})
    if baris is None:
        baris = SdmRekap(
            kecamatan=kecamatan, urutan=_urutan_berikut(SdmRekap.objects.filter(kecamatan=kecamatan))
        )
    elif baris.kecamatan_id != kecamatan.pk:
        raise PermissionDenied("Baris SDM ini milik kecamatan lain.")
    baris.tahun, baris.kategori, baris.uraian, baris.jumlah = tahun, kategori, uraian, jumlah
    return _simpan(baris)


@transaction.atomic
def sdm_hapus(*, user, baris: SdmRekap) -> None:
    _periksa_izin(user, baris.kecamatan)
    baris.delete()


@transaction.atomic
def permasalahan_simpan(
    *,
    user,
    kecamatan: Kecamatan,
    permasalahan: Permasalahan | None = None,
    masalah: str,
    pokok_masalah: str = "",
    akar_masalah: str = "",
) -> Permasalahan:
    _periksa_izin(user, kecamatan)
    if permasalahan is None:
        permasalahan = Permasalahan(
            kecamatan=kecamatan, urutan=_urutan_berikut(Permasalahan.objects.filter(kecamatan=kecamatan))
        )
    elif permasalahan.kecamatan_id != kecamatan.pk:
        raise PermissionDenied("Permasalahan ini milik kecamatan lain.")
    permasalahan.pokok_masalah = pokok_masalah.strip()
    permasalahan.masalah = masalah.strip()
    permasalahan.akar_masalah = akar_masalah.strip()
    return _simpan(permasalahan)


@transaction.atomic
def permasalahan_hapus(*, user, permasalahan: Permasalahan) -> None:
    _periksa_izin(user, permasalahan.kecamatan)
    permasalahan.delete()


@transaction.atomic
def permasalahan_pindah(*, user, permasalahan: Permasalahan, arah: str) -> bool:
    _periksa_izin(user, permasalahan.kecamatan)
    return _pindah(Permasalahan.objects.filter(kecamatan_id=permasalahan.kecamatan_id), permasalahan, arah)


@transaction.atomic
def isu_strategis_simpan(
    *, user, kecamatan: Kecamatan, isu: IsuStrategis | None = None, uraian: str
) -> IsuStrategis:
    _periksa_izin(user, kecamatan)
    if isu is None:
        isu = IsuStrategis(
            kecamatan=kecamatan, urutan=_urutan_berikut(IsuStrategis.objects.filter(kecamatan=kecamatan))
        )
    elif isu.kecamatan_id != kecamatan.pk:
        raise PermissionDenied("Isu strategis ini milik kecamatan lain.")
    isu.uraian = uraian.strip()
    return _simpan(isu)


@transaction.atomic
def isu_strategis_hapus(*, user, isu: IsuStrategis) -> None:
    _periksa_izin(user, isu.kecamatan)
    isu.delete()


@transaction.atomic
def isu_strategis_pindah(*, user, isu: IsuStrategis, arah: str) -> bool:
    _periksa_izin(user, isu.kecamatan)
    return _pindah(IsuStrategis.objects.filter(kecamatan_id=isu.kecamatan_id), isu, arah)


# --- uploaded images --------------------------------------------------------------------------------


@transaction.atomic
def berkas_unggah(
    *, user, kecamatan: Kecamatan, tahun: int, jenis: str, berkas, keterangan: str = ""
) -> BerkasLaporan:
    """Attach an image to the report: the bagan organisasi (replacing the previous one) or a
    scanned page as lampiran (added at the end)."""
    if jenis not in BerkasLaporan.Jenis.values:
        raise ValidationError({"jenis": f"Jenis berkas {jenis!r} tidak dikenal."})
    laporan = _laporan_draf(user, kecamatan, tahun)
    obj = BerkasLaporan(laporan=laporan, jenis=jenis, keterangan=keterangan.strip())
    if jenis == BerkasLaporan.Jenis.BAGAN:
        for lama in BerkasLaporan.objects.filter(laporan=laporan, jenis=jenis):
            _hapus_berkas_nanti(lama.berkas)
            lama.delete()
    else:
        obj.urutan = _urutan_berikut(BerkasLaporan.objects.filter(laporan=laporan, jenis=jenis))
    _simpan_berkas(obj, berkas, user)
    return obj


def _berkas_draf(user, berkas: BerkasLaporan) -> None:
    _periksa_izin(user, berkas.laporan.kecamatan)
    if not berkas.laporan.bisa_diubah:
        raise PermissionDenied(laporan_terkunci(berkas.laporan))


@transaction.atomic
def berkas_ubah(*, user, berkas: BerkasLaporan, keterangan: str) -> BerkasLaporan:
    _berkas_draf(user, berkas)
    berkas.keterangan = keterangan.strip()
    return _simpan(berkas)


@transaction.atomic
def berkas_pindah(*, user, berkas: BerkasLaporan, arah: str) -> bool:
    _berkas_draf(user, berkas)
    return _pindah(
        BerkasLaporan.objects.filter(laporan_id=berkas.laporan_id, jenis=berkas.jenis), berkas, arah
    )


@transaction.atomic
def berkas_hapus(*, user, berkas: BerkasLaporan) -> None:
    _berkas_draf(user, berkas)
    _hapus_berkas_nanti(berkas.berkas)
    berkas.delete()


@transaction.atomic
def logo_unggah(*, user, kabupaten: Kabupaten, berkas) -> LogoKabupaten:
    """The kabupaten logo on the cover of every report (replacing the previous one)."""
    _periksa_izin_kabupaten(user, kabupaten)
    lama = LogoKabupaten.objects.filter(kabupaten=kabupaten).first()
    if lama is not None:
        _hapus_berkas_nanti(lama.berkas)
        lama.delete()
    logo = LogoKabupaten(kabupaten=kabupaten)
    _simpan_berkas(logo, berkas, user)
    return logo


@transaction.atomic
def logo_hapus(*, user, kabupaten: Kabupaten) -> bool:
    _periksa_izin_kabupaten(user, kabupaten)
    logo = LogoKabupaten.objects.filter(kabupaten=kabupaten).first()
    if logo is None:
        return False
    _hapus_berkas_nanti(logo.berkas)
    logo.delete()
    return True


# --- approval workflow and signing (DESIGN.md §6; the transition table is in laporan/alur.py) --------
#
# Every action works on the latest version of the kecamatan's yearly report for `tahun`, re-read
# under a row lock, so two clicks (or two people) cannot both move it. The role is checked first
# (PermissionDenied, answered 403), then the state and the preconditions (ValidationError with the
# reason, shown on the page). Each step records a RiwayatStatus and, once committed, e-mails the
# next actor.

BATAS_FRASA_SALAH = 5
JENDELA_FRASA_SALAH = timedelta(minutes=15)
# A rendering still "waiting" or "running" after this long is taken as lost (a worker that died).
BATAS_PENYUSUNAN = timedelta(minutes=15)


def _nama_pengguna(user) -> str:
    return user.get_full_name() or user.get_username()


def _terbaru_terkunci(kecamatan: Kecamatan, tahun: int) -> Laporan:
    laporan = (
        Laporan.objects.select_for_update()
        .filter(kecamatan=kecamatan, tahun=tahun, jenis=Laporan.Jenis.TAHUNAN, periode="")
        .order_by("-versi")
        .first()
    )
    if laporan is None:
        raise ValidationError(f"LKjIP Kecamatan {kecamatan.nama} {tahun} belum dimulai.")
    laporan.kecamatan = kecamatan
    return laporan


def _izin_aksi(user, kecamatan: Kecamatan, aksi: str) -> None:
    if not alur.boleh_peran(user, aksi, kecamatan):
        raise PermissionDenied(alur.TRANSISI[aksi].ditolak)


def _status_aksi(laporan: Laporan, aksi: str) -> None:
    if laporan.status not in alur.TRANSISI[aksi].dari:
        raise ValidationError(alur.pesan_status_salah(laporan, aksi))


def _catat_status(
    laporan: Laporan,
    aksi: str,
    *,
    user,
    dari: str,
    catatan: str = "",
    peringatan: Sequence[str] = (),
    kirim: bool = True,
) -> RiwayatStatus:
    riwayat = RiwayatStatus(
        laporan=laporan,
        aksi=aksi,
        dari=dari,
        ke=laporan.status,
        oleh=user,
        nama_pengguna=_nama_pengguna(user),
        waktu=timezone.now(),
        catatan=catatan,
        peringatan=list(peringatan),
    )
    riwayat.full_clean()
    riwayat.save()
    if kirim:
        alur.kirim_pemberitahuan(laporan, aksi, oleh=user, catatan=catatan)
    return riwayat


def _pindah_status(laporan: Laporan, aksi: str, *, user, catatan: str = "", peringatan: Sequence[str] = ()):
    dari = laporan.status
    laporan.status = alur.TRANSISI[aksi].ke
    laporan.full_clean()
    laporan.save(update_fields=["status", "tanggal", "diubah"])
    return _catat_status(laporan, aksi, user=user, dari=dari, catatan=catatan, peringatan=peringatan)


def _catatan_wajib(catatan: str, pesan: str) -> str:
    catatan = catatan.strip()
    if not catatan:
        raise ValidationError({"catatan": pesan})
    return catatan


def _buang_dokumen(laporan: Laporan) -> None:
    """Drop the unsigned final PDF of an approval that is withdrawn (never a signed one)."""
    for dok in DokumenFinal.objects.filter(laporan=laporan):
        if dok.ditandatangani:
            raise ValidationError(f"{laporan} sudah ditandatangani; dokumennya tidak dapat dibuang.")
        _hapus_berkas_nanti(dok.berkas_draf)
        dok.delete()


@transaction.atomic
def laporan_ajukan(*, user, kecamatan: Kecamatan, tahun: int, catatan: str = "") -> Laporan:
    """Draf -> diajukan: the operator (or camat) hands the report to the camat; editing stops."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.AJUKAN)
    laporan_pastikan(user=user, kecamatan=kecamatan, tahun=tahun)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.AJUKAN)
    _pindah_status(laporan, RiwayatStatus.Aksi.AJUKAN, user=user, catatan=catatan.strip())
    return laporan


@transaction.atomic
def laporan_kembalikan_ke_draf(*, user, kecamatan: Kecamatan, tahun: int, catatan: str) -> Laporan:
    """Diajukan -> draf (camat), with the note saying what to fix; an approval not yet signed is
    withdrawn with its final PDF."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.KEMBALIKAN_DRAF)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.KEMBALIKAN_DRAF)
    catatan = _catatan_wajib(catatan, "Tulis apa yang harus diperbaiki operator.")
    _buang_dokumen(laporan)
    _pindah_status(laporan, RiwayatStatus.Aksi.KEMBALIKAN_DRAF, user=user, catatan=catatan)
    return laporan


def _antrekan_penyusunan(dokumen: DokumenFinal) -> None:
    # Imported here: laporan.tasks imports this module.
    from laporan.tasks import susun_dokumen_final

    hasil = susun_dokumen_final.enqueue(dokumen.pk)
    DokumenFinal.objects.filter(pk=dokumen.pk).update(id_tugas=str(hasil.id))
    dokumen.id_tugas = str(hasil.id)


@transaction.atomic
def laporan_setujui(*, user, kecamatan: Kecamatan, tahun: int, peringatan_diakui: bool) -> DokumenFinal:
    """The camat approves the submitted report: every precondition of laporan/alur.py
    `periksa_laporan` must hold (else ValidationError listing each unmet one) and its warnings be
    acknowledged. The signing date becomes today when none was set. The final PDF, with the QR
    code of its verification page, is then rendered once by a background task; the camat signs it
    when it is ready (`laporan_tandatangani`)."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.SETUJUI)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.SETUJUI)
    if DokumenFinal.objects.filter(laporan=laporan).exists():
        raise ValidationError(
            f"{laporan} sudah disetujui; PDF finalnya sedang atau sudah disusun. Lanjutkan penandatanganan."
        )
    if laporan.tanggal is None:
        laporan.tanggal = timezone.localdate()
    pemeriksaan = alur.periksa_laporan(laporan, user=user)
    if pemeriksaan.syarat:
        raise ValidationError([s.pesan for s in pemeriksaan.syarat])
    if pemeriksaan.peringatan and not peringatan_diakui:
        raise ValidationError(
            {"peringatan_diakui": "Centang pernyataan bahwa Anda telah membaca peringatan di atas."}
        )
    laporan.full_clean()
    laporan.save(update_fields=["tanggal", "diubah"])
    dokumen = DokumenFinal(
        laporan=laporan,
        kode=alur.kode_verifikasi_baru(),
        disetujui_oleh=user,
        disetujui_pada=timezone.now(),
    )
    dokumen.full_clean()
    dokumen.save()
    _catat_status(
        laporan,
        RiwayatStatus.Aksi.SETUJUI,
        user=user,
        dari=laporan.status,
        peringatan=pemeriksaan.teks_peringatan,
    )
    _antrekan_penyusunan(dokumen)
    return dokumen


@transaction.atomic
def laporan_susun_ulang(*, user, kecamatan: Kecamatan, tahun: int) -> DokumenFinal:
    """Queue the final PDF again after it failed, or after it waited longer than BATAS_PENYUSUNAN
    (a worker that stopped)."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.SETUJUI)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.SETUJUI)
    dokumen = DokumenFinal.objects.select_for_update().filter(laporan=laporan).first()
    if dokumen is None:
        raise ValidationError(f"{laporan} belum disetujui.")
    macet = dokumen.sedang_disusun and dokumen.disetujui_pada < timezone.now() - BATAS_PENYUSUNAN
    if dokumen.status != DokumenFinal.Status.GAGAL and not macet:
        raise ValidationError(f"PDF final {dokumen.get_status_display().lower()}; tidak perlu disusun ulang.")
    dokumen.status, dokumen.pesan, dokumen.disetujui_pada = DokumenFinal.Status.MENUNGGU, "", timezone.now()
    dokumen.save(update_fields=["status", "pesan", "disetujui_pada"])
    _antrekan_penyusunan(dokumen)
    return dokumen


def dokumen_final_susun(*, dokumen_id: int) -> str:
    """The background task's work: render the approved version once (konteks_final: signed
    layout, QR code of the verification URL), store the unsigned bytes and their SHA-256, and
    freeze the desk's figures. Returns the resulting state; a document that is no longer waiting
    (already rendered, withdrawn) is left alone. Rendering runs outside any transaction."""
    with transaction.atomic():
        dokumen = (
            DokumenFinal.objects.select_for_update()
            .select_related("laporan__kecamatan__kabupaten")
            .filter(pk=dokumen_id)
            .first()
        )
        if dokumen is None or dokumen.status != DokumenFinal.Status.MENUNGGU:
            return dokumen.status if dokumen else "tidak_ada"
        dokumen.status = DokumenFinal.Status.BERJALAN
        dokumen.save(update_fields=["status"])
    laporan = dokumen.laporan
    try:
        from laporan.konteks import konteks_final
        from laporan.pdf import render_pdf

        konteks = konteks_final(
            laporan.kecamatan, laporan.tahun, url_verifikasi=alur.url_verifikasi(dokumen.kode)
        )
        pdf = render_pdf(konteks)
        ringkasan = alur.ringkasan_angka(laporan.kecamatan, laporan.tahun)
    except Exception as e:
        logger.exception("PDF final %s gagal disusun.", laporan)
        DokumenFinal.objects.filter(pk=dokumen_id, status=DokumenFinal.Status.BERJALAN).update(
            status=DokumenFinal.Status.GAGAL,
            pesan=f"PDF final gagal disusun ({type(e).__name__}). Coba susun ulang; bila tetap gagal, "
            "hubungi admin aplikasi.",
        )
        return DokumenFinal.Status.GAGAL
    with transaction.atomic():
        dokumen = DokumenFinal.objects.select_for_update().filter(pk=dokumen_id).first()
        if dokumen is None or dokumen.status != DokumenFinal.Status.BERJALAN:
            return dokumen.status if dokumen else "tidak_ada"
        dokumen.berkas_draf.save("final.pdf", ContentFile(pdf), save=False)
        dokumen.sha256_draf = hashlib.sha256(pdf).hexdigest()
        dokumen.ringkasan = ringkasan
        dokumen.disusun_pada = timezone.now()
        dokumen.status = DokumenFinal.Status.SIAP
        dokumen.pesan = ""
        dokumen.save()
    return DokumenFinal.Status.SIAP


def batas_frasa_sandi(user) -> datetime | None:
    """When the user may try a passphrase again after BATAS_FRASA_SALAH wrong ones within
    JENDELA_FRASA_SALAH (None: now)."""
    sejak = timezone.now() - JENDELA_FRASA_SALAH
    salah = list(
        PercobaanFrasaSandi.objects.filter(user=user, waktu__gte=sejak)
        .order_by("-waktu")
        .values_list("waktu", flat=True)[:BATAS_FRASA_SALAH]
    )
    if len(salah) < BATAS_FRASA_SALAH:
        return None
    return salah[-1] + JENDELA_FRASA_SALAH


@sensitive_variables("frasa_sandi")
def laporan_tandatangani(*, user, kecamatan: Kecamatan, tahun: int, frasa_sandi: str) -> DokumenFinal:
    """The camat signs the ready final PDF with the passphrase of their certificate (PAdES B-B by
    the configured backend, laporan/tandatangan/penanda.py); the signed bytes are stored with their
    SHA-256 and the report becomes ditandatangani.

    The passphrase lives only in this call: it is not stored, queued or logged. A wrong one is
    counted (PercobaanFrasaSandi) and, after BATAS_FRASA_SALAH within JENDELA_FRASA_SALAH, signing
    is refused until the window has passed. Not one transaction: the count of a wrong passphrase
    must survive the refusal, and signing holds no lock; the result is stored atomically after
    re-checking the state.
    """
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.TANDATANGANI)
    laporan = laporan_terbaru(kecamatan=kecamatan, tahun=tahun)
    if laporan is None:
        raise ValidationError(f"LKjIP Kecamatan {kecamatan.nama} {tahun} belum dimulai.")
    laporan.kecamatan = kecamatan
    _status_aksi(laporan, RiwayatStatus.Aksi.TANDATANGANI)
    dokumen = DokumenFinal.objects.filter(laporan=laporan).first()
    if dokumen is None:
        raise ValidationError(f"{laporan} belum disetujui; setujui terlebih dahulu.")
    if dokumen.status != DokumenFinal.Status.SIAP:
        raise ValidationError(
            f"PDF final {dokumen.get_status_display().lower()}; tanda tangan dibubuhkan setelah PDF siap."
        )
    boleh_lagi = batas_frasa_sandi(user)
    if boleh_lagi is not None:
        raise ValidationError(
            {
                "frasa_sandi": f"Frasa sandi salah {BATAS_FRASA_SALAH} kali dalam "
                f"{int(JENDELA_FRASA_SALAH.total_seconds() // 60)} menit. Coba lagi setelah pukul "
                f"{timezone.localtime(boleh_lagi):%H.%M}."
            }
        )
    pejabat = alur.pejabat_akun(user, kecamatan)
    if pejabat is None:
        raise ValidationError(
            "Akun Anda belum terhubung dengan data pejabat camat. Minta admin kabupaten menghubungkannya."
        )
    with dokumen.berkas_draf.open("rb") as berkas:
        pdf = berkas.read()
    if hashlib.sha256(pdf).hexdigest() != dokumen.sha256_draf:
        raise ValidationError(
            "PDF final berubah sejak disusun. Kembalikan laporan ke draf lalu setujui ulang."
        )

    from laporan.tandatangan.penanda import FrasaSandiSalah, GagalMenandatangani, penanda_tangan

    galat, salah = "", False
    try:
        ttd = penanda_tangan().tandatangani(
            pdf,
            pejabat_id=pejabat.pk,
            frasa_sandi=frasa_sandi,
            alasan=f"Persetujuan {laporan}",
            lokasi=laporan.tempat or kecamatan.nama,
        )
    except FrasaSandiSalah as e:
        galat, salah = str(e), True
    except GagalMenandatangani as e:
        galat = str(e)
    # Raised here, outside the except blocks: the library's exception must not ride along.
    if galat:
        if salah:
            PercobaanFrasaSandi.objects.create(user=user, laporan=laporan, waktu=timezone.now())
        raise ValidationError({"frasa_sandi": galat})
    return _simpan_tanda_tangan(user=user, laporan=laporan, dokumen_id=dokumen.pk, ttd=ttd, pejabat=pejabat)


@transaction.atomic
def _simpan_tanda_tangan(*, user, laporan: Laporan, dokumen_id: int, ttd: bytes, pejabat) -> DokumenFinal:
    laporan = _terbaru_terkunci(laporan.kecamatan, laporan.tahun)
    dokumen = DokumenFinal.objects.select_for_update().filter(pk=dokumen_id, laporan=laporan).first()
    if (
        laporan.status != Laporan.Status.DIAJUKAN
        or dokumen is None
        or dokumen.status != DokumenFinal.Status.SIAP
    ):
        raise ValidationError(f"{laporan} berubah status selama ditandatangani; muat ulang halaman.")
    dokumen.berkas.save("ttd.pdf", ContentFile(ttd), save=False)
    nama_berkas = dokumen.berkas.name
    try:
        _hapus_berkas_nanti(dokumen.berkas_draf)
        dokumen.berkas_draf = ""
        dokumen.sha256 = hashlib.sha256(ttd).hexdigest()
        dokumen.ukuran = len(ttd)
        dokumen.pejabat = pejabat
        dokumen.penanda_nama, dokumen.penanda_nip = pejabat.nama, pejabat.nip
        dokumen.ditandatangani_oleh = user
        dokumen.ditandatangani_pada = timezone.now()
        dokumen.status = DokumenFinal.Status.DITANDATANGANI
        dokumen.full_clean()
        dokumen.save()
        _pindah_status(
            laporan, RiwayatStatus.Aksi.TANDATANGANI, user=user, catatan=f"SHA-256 {dokumen.sha256}"
        )
    except Exception:
        dokumen.berkas.storage.delete(nama_berkas)
        raise
    return dokumen


@transaction.atomic
def laporan_buka_reviu(*, user, kecamatan: Kecamatan, tahun: int) -> Laporan:
    """Ditandatangani -> direviu: inspektorat opens the signed report for review."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.BUKA_REVIU)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.BUKA_REVIU)
    _pindah_status(laporan, RiwayatStatus.Aksi.BUKA_REVIU, user=user)
    return laporan


@transaction.atomic
def catatan_reviu_tambah(*, user, kecamatan: Kecamatan, tahun: int, kode: str, teks: str) -> CatatanReviu:
    """A review note on the report under review, on the whole report (kode "") or one block."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.KEMBALIKAN)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    if laporan.status != Laporan.Status.DIREVIU:
        raise ValidationError(
            f"{laporan} berstatus {laporan.get_status_display().lower()}; catatan reviu ditulis selama "
            "laporan direviu. Mulai reviu terlebih dahulu."
        )
    if kode:
        _blok_isian(kode)
    catatan = CatatanReviu(
        laporan=laporan, kode=kode, teks=teks.strip(), oleh=user, nama_pengguna=_nama_pengguna(user)
    )
    catatan.full_clean()
    catatan.save()
    return catatan


@transaction.atomic
def catatan_reviu_hapus(*, user, catatan: CatatanReviu) -> None:
    laporan = catatan.laporan
    _izin_aksi(user, laporan.kecamatan, RiwayatStatus.Aksi.KEMBALIKAN)
    if laporan.status != Laporan.Status.DIREVIU:
        raise ValidationError("Catatan reviu hanya dapat dihapus selama laporan direviu.")
    catatan.delete()


@transaction.atomic
def laporan_terima(*, user, kecamatan: Kecamatan, tahun: int, catatan: str = "") -> Laporan:
    """Direviu -> diterima: inspektorat accepts the signed report."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.TERIMA)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.TERIMA)
    _pindah_status(laporan, RiwayatStatus.Aksi.TERIMA, user=user, catatan=catatan.strip())
    return laporan


@transaction.atomic
def laporan_kembalikan(*, user, kecamatan: Kecamatan, tahun: int, catatan: str) -> Laporan:
    """Direviu -> dikembalikan with the review notes; version n+1 opens in draf (its texts, block
    settings and images copied), the signed version n and its PDF stay as they are. Returns the
    new version."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.KEMBALIKAN)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.KEMBALIKAN)
    catatan = _catatan_wajib(catatan, "Tulis ringkasan catatan reviu: apa yang harus diperbaiki kecamatan.")
    _pindah_status(laporan, RiwayatStatus.Aksi.KEMBALIKAN, user=user, catatan=catatan)
    return _versi_baru(laporan, user=user, alasan=f"Dikembalikan inspektorat: {catatan}", kirim=False)


@transaction.atomic
def laporan_revisi(*, user, kecamatan: Kecamatan, tahun: int, alasan: str) -> Laporan:
    """A signed (or accepted) report needs a change: version n+1 opens in draf with the reason;
    the signed version and its PDF stay downloadable and verifiable. Returns the new version."""
    _izin_aksi(user, kecamatan, RiwayatStatus.Aksi.VERSI_BARU)
    laporan = _terbaru_terkunci(kecamatan, tahun)
    _status_aksi(laporan, RiwayatStatus.Aksi.VERSI_BARU)
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": "Tulis alasan perubahan laporan yang sudah ditandatangani."})
    return _versi_baru(laporan, user=user, alasan=alasan, kirim=True)


def _versi_baru(lama: Laporan, *, user, alasan: str, kirim: bool) -> Laporan:
    baru = Laporan(
        kecamatan=lama.kecamatan,
        tahun=lama.tahun,
        jenis=lama.jenis,
        periode=lama.periode,
        versi=lama.versi + 1,
        status=Laporan.Status.DRAF,
        tempat=lama.tempat,
        alasan_versi=alasan,
    )
    baru.full_clean()
    baru.save()
    Narasi.objects.bulk_create(
        Narasi(laporan=baru, kode=n.kode, teks=n.teks) for n in Narasi.objects.filter(laporan=lama)
    )
    BlokLaporan.objects.bulk_create(
        BlokLaporan(laporan=baru, kode=b.kode, aktif=b.aktif, judul=b.judul)
        for b in BlokLaporan.objects.filter(laporan=lama)
    )
    for b in BerkasLaporan.objects.filter(laporan=lama):
        _salin_berkas(b, baru)
    _catat_status(baru, RiwayatStatus.Aksi.VERSI_BARU, user=user, dari="", catatan=alasan, kirim=kirim)
    return baru


def _salin_berkas(asal: BerkasLaporan, laporan: Laporan) -> None:
    """A copy of an image for the new version, under a name of its own: deleting it from the new
    draft must not take the old version's file."""
    try:
        with asal.berkas.open("rb") as f:
            isi = f.read()
    except FileNotFoundError:
        logger.warning("Berkas %s (%s) tidak ditemukan; tidak disalin.", asal.pk, asal.berkas.name)
        return
    salinan = BerkasLaporan(
        laporan=laporan,
        jenis=asal.jenis,
        keterangan=asal.keterangan,
        urutan=asal.urutan,
        mime=asal.mime,
        lebar=asal.lebar,
        tinggi=asal.tinggi,
        ukuran=asal.ukuran,
        pengunggah=asal.pengunggah,
    )
    salinan.berkas.save(f"gambar{PurePosixPath(asal.berkas.name).suffix}", ContentFile(isi), save=False)
    nama, storage = salinan.berkas.name, salinan.berkas.storage
    try:
        salinan.full_clean()
        salinan.save()
    except Exception:
        storage.delete(nama)
        raise
