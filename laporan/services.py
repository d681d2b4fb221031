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

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import models, transaction
from PIL import Image, UnidentifiedImageError

from laporan.kerangka import BLOK
from laporan.models import (
    BerkasLaporan,
    BlokKabupaten,
    BlokLaporan,
    IsuStrategis,
    Laporan,
    LogoKabupaten,
    Narasi,
    Penghargaan,
    Permasalahan,
    SdmRekap,
)
from laporan.narasi import teks_bawaan, teks_rapi
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
