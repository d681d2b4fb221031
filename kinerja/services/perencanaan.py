"""Writing the planning data of a kecamatan: the Renstra (period, visi, misi), its tujuan and
sasaran, their indicators, the Renstra targets per year and the analysis per sasaran.

Every function checks the permission itself (operator or camat of the kecamatan), validates with
`full_clean()` and runs in one transaction: a refusal writes nothing. Indicators and their targets
are tracked by simple-history; every write records the user and a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError

from kinerja import konflik
from kinerja.models import (
    AnalisisSasaran,
    Arah,
    Indikator,
    Realisasi,
    Renstra,
    Sasaran,
    SdmSasaran,
    SumberRealisasi,
    Target,
    TargetPK,
    Tujuan,
)
from kinerja.nilai import Nilai
from lkjip.akses import bisa_mengedit
from lkjip.models import Kecamatan

ALASAN_BAWAAN = "Diubah lewat formulir"
ALASAN_DIBUAT = "Dibuat lewat formulir"
MAKS_TAHUN_PERIODE = 10
TAHUN_AKHIR_SEBELUM_AWAL = "Tahun akhir tidak boleh sebelum tahun awal."
IKU_TANPA_TARGET_AKHIR = "Indikator IKU wajib memiliki target akhir Renstra."
SDM_NEGATIF = "Jumlah SDM tidak boleh negatif."

# Units that count things: a target in one of them can never be negative (compared on the first
# word, so "Jenis Laporan" and "orang/hari" count too).
SATUAN_CACAH = frozenset(
    {
        "orang",
        "dokumen",
        "laporan",
        "unit",
        "paket",
        "lembar",
        "kegiatan",
        "desa",
        "kali",
        "jenis",
        "pemohon",
        "asn",
    }
)


def kode_terpakai(kode: str) -> str:
    return f'Kode "{kode}" sudah dipakai di Renstra ini.'


def target_negatif(satuan: str) -> str:
    return f'Target untuk satuan "{satuan.strip()}" tidak boleh negatif.'


def satuan_cacah(satuan: str) -> bool:
    """True when the unit counts things (orang, dokumen, ...): its targets are never negative."""
    kata = re.split(r"[\s/]+", satuan.strip(), maxsplit=1)[0]
    return kata.casefold() in SATUAN_CACAH


def sdm_tidak_lengkap(tahun: int) -> str:
    return f"Isi target dan realisasi SDM tahun {tahun}, atau kosongkan keduanya."


def periode_terlalu_panjang() -> str:
    return f"Periode Renstra paling lama {MAKS_TAHUN_PERIODE} tahun."


def misi_tidak_ada(nomor: int, jumlah: int) -> str:
    if jumlah == 0:
        return f"Misi nomor {nomor} tidak ada: misi belum diisi."
    return f"Misi nomor {nomor} tidak ada: Renstra ini hanya memiliki {jumlah} misi."


def _gabung(bagian: Sequence[str]) -> str:
    """ "a", "a dan b", "a, b dan c"."""
    if len(bagian) <= 1:
        return "".join(bagian)
    return f"{', '.join(bagian[:-1])} dan {bagian[-1]}"


@dataclass(frozen=True)
class SdmTahun:
    """Staff of a sasaran in one year; target and realisasi both None (and no keterangan) removes it."""

    tahun: int
    target: int | None
    realisasi: int | None
    keterangan: str = ""


def _periksa_izin(user, kecamatan: Kecamatan) -> None:
    if not bisa_mengedit(user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan perencanaan kecamatan ini.")


def _daftar(isi: Sequence[str]) -> list[str]:
    return [s.strip() for s in isi if s and s.strip()]


def _simpan_riwayat(obj, *, user, alasan: str) -> None:
    obj._change_reason = alasan
    obj._history_user = user
    obj.save()


def _hapus_riwayat(obj, *, user, alasan: str) -> None:
    obj._change_reason = alasan
    obj._history_user = user
    obj.delete()


def _urutan_berikut(queryset: models.QuerySet) -> int:
    terbesar = queryset.aggregate(m=models.Max("urutan"))["m"]
    return (terbesar or 0) + 1


# --- Renstra ------------------------------------------------------------------------------------------


@transaction.atomic
def renstra_simpan(
    *,
    user,
    kecamatan: Kecamatan,
    renstra: Renstra | None = None,
    tahun_awal: int,
    tahun_akhir: int,
    dasar: str = "",
    visi: str = "",
    misi: Sequence[str] = (),
    misi_didukung: Sequence[int] = (),
) -> Renstra:
    """Make a Renstra of the kecamatan (renstra None) or change it. `misi_didukung` holds the 1-based
    numbers of the misi the kecamatan supports; each must exist. The period may not lose a year
    that still has Renstra targets or SDM figures."""
    _periksa_izin(user, kecamatan)
    if renstra is not None and renstra.kecamatan_id != kecamatan.pk:
        raise PermissionDenied("Renstra ini bukan milik kecamatan tersebut.")
    if tahun_akhir < tahun_awal:
        raise ValidationError({"tahun_akhir": TAHUN_AKHIR_SEBELUM_AWAL})
    if tahun_akhir - tahun_awal + 1 > MAKS_TAHUN_PERIODE:
        raise ValidationError({"tahun_akhir": periode_terlalu_panjang()})
    misi = _daftar(misi)
    didukung: list[int] = []
    for nomor in misi_didukung:
        if not 1 <= nomor <= len(misi):
            raise ValidationError({"misi_didukung": misi_tidak_ada(nomor, len(misi))})
        if nomor not in didukung:
            didukung.append(nomor)
    lain = Renstra.objects.filter(kecamatan=kecamatan, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir)
    if renstra is not None:
        lain = lain.exclude(pk=renstra.pk)
        hilang = sorted(set(renstra.tahun_periode) - set(range(tahun_awal, tahun_akhir + 1)))
        if hilang:
            _periksa_tahun_hilang(renstra, hilang)
    if lain.exists():
        raise ValidationError(
            {"tahun_awal": f"Renstra {tahun_awal}–{tahun_akhir} sudah ada untuk kecamatan ini."}
        )
    renstra = renstra or Renstra(kecamatan=kecamatan)
    renstra.tahun_awal, renstra.tahun_akhir = tahun_awal, tahun_akhir
    renstra.dasar, renstra.visi = dasar.strip(), visi.strip()
    renstra.misi, renstra.misi_didukung = misi, sorted(didukung)
    renstra.full_clean()
    renstra.save()
    return renstra


def _periksa_tahun_hilang(renstra: Renstra, hilang: list[int]) -> None:
    target = sorted(
        set(
            Target.objects.filter(indikator__renstra=renstra, tahun__in=hilang).values_list(
                "tahun", flat=True
            )
        )
    )
    sdm = sorted(
        set(
            SdmSasaran.objects.filter(sasaran__renstra=renstra, tahun__in=hilang).values_list(
                "tahun", flat=True
            )
        )
    )
    masih = []
    if target:
        masih.append(f"target Renstra tahun {_gabung([str(t) for t in target])}")
    if sdm:
        masih.append(f"data SDM tahun {_gabung([str(t) for t in sdm])}")
    if masih:
        raise ValidationError(
            {
                "tahun_awal": f"Periode tidak dapat dipersempit karena masih ada {_gabung(masih)}. "
                "Hapus dulu data tahun itu."
            }
        )


# --- tujuan and sasaran ---------------------------------------------------------------------------


def _periksa_kode(
    model: type[models.Model], renstra: Renstra, kode: str, sendiri: models.Model | None
) -> None:
    lain = model.objects.filter(renstra=renstra, kode=kode)
    if sendiri is not None and sendiri.pk:
        lain = lain.exclude(pk=sendiri.pk)
    if lain.exists():
        raise ValidationError({"kode": kode_terpakai(kode)})


@transaction.atomic
def tujuan_simpan(*, user, renstra: Renstra, tujuan: Tujuan | None = None, kode: str, uraian: str) -> Tujuan:
    """Make a tujuan at the end of the Renstra (tujuan None) or change its kode and uraian."""
    _periksa_izin(user, renstra.kecamatan)
    if tujuan is not None and tujuan.renstra_id != renstra.pk:
        raise ValidationError("Tujuan ini bukan bagian dari Renstra tersebut.")
    kode = kode.strip()
    _periksa_kode(Tujuan, renstra, kode, tujuan)
    if tujuan is None:
        tujuan = Tujuan(renstra=renstra, urutan=_urutan_berikut(Tujuan.objects.filter(renstra=renstra)))
    tujuan.kode, tujuan.uraian = kode, uraian.strip()
    tujuan.full_clean()
    tujuan.save()
    return tujuan


@transaction.atomic
def sasaran_simpan(
    *,
    user,
    tujuan: Tujuan,
    sasaran: Sasaran | None = None,
    kode: str,
    uraian: str,
    strategi: Sequence[str] = (),
    kebijakan: Sequence[str] = (),
    sdm: Sequence[SdmTahun] | None = None,
) -> Sasaran:
    """Make a sasaran at the end of `tujuan` (sasaran None) or change it (also moving it to another
    tujuan of the same Renstra). `sdm` sets the SDM figures of the given years of the period (both
    empty: removed); None leaves them as they are."""
    renstra = tujuan.renstra
    _periksa_izin(user, renstra.kecamatan)
    if sasaran is not None and sasaran.renstra_id != renstra.pk:
        raise ValidationError({"tujuan": "Tujuan harus dari Renstra yang sama."})
    kode = kode.strip()
    _periksa_kode(Sasaran, renstra, kode, sasaran)
    for baris in sdm or ():
        _periksa_sdm(renstra, baris)
    if sasaran is None or sasaran.tujuan_id != tujuan.pk:
        urutan = _urutan_berikut(Sasaran.objects.filter(tujuan=tujuan))
        sasaran = sasaran or Sasaran(renstra=renstra)
        sasaran.urutan = urutan
    sasaran.tujuan = tujuan
    sasaran.kode, sasaran.uraian = kode, uraian.strip()
    sasaran.strategi, sasaran.kebijakan = _daftar(strategi), _daftar(kebijakan)
    sasaran.full_clean()
    sasaran.save()
    if sdm is not None:
        _tulis_sdm(sasaran, sdm)
    return sasaran


def _periksa_sdm(renstra: Renstra, baris: SdmTahun) -> None:
    if baris.tahun not in renstra.tahun_periode:
        raise ValidationError(f"Tahun {baris.tahun} di luar periode {renstra}.")
    if (baris.target is None) != (baris.realisasi is None):
        kosong = "realisasi" if baris.realisasi is None else "target"
        raise ValidationError({f"sdm_{kosong}_{baris.tahun}": sdm_tidak_lengkap(baris.tahun)})
    if baris.target is None and baris.keterangan.strip():
        raise ValidationError({f"sdm_target_{baris.tahun}": sdm_tidak_lengkap(baris.tahun)})
    for nama, nilai in (("target", baris.target), ("realisasi", baris.realisasi)):
        if nilai is not None and nilai < 0:
            raise ValidationError({f"sdm_{nama}_{baris.tahun}": SDM_NEGATIF})


def _tulis_sdm(sasaran: Sasaran, sdm: Sequence[SdmTahun]) -> None:
    lama = {s.tahun: s for s in SdmSasaran.objects.filter(sasaran=sasaran)}
    for baris in sdm:
        obj = lama.get(baris.tahun)
        if baris.target is None:
            if obj is not None:
                obj.delete()
            continue
        obj = obj or SdmSasaran(sasaran=sasaran, tahun=baris.tahun)
        baru = (baris.target, baris.realisasi, baris.keterangan.strip())
        if obj.pk and (obj.target, obj.realisasi, obj.keterangan) == baru:
            continue
        obj.target, obj.realisasi, obj.keterangan = baru
        obj.full_clean()
        obj.save()


# --- indicators -------------------------------------------------------------------------------------


@transaction.atomic
def indikator_simpan(
    *,
    user,
    indikator: Indikator | None = None,
    tujuan: Tujuan | None = None,
    sasaran: Sasaran | None = None,
    kode: str,
    nama: str,
    satuan: str,
    arah: str = Arah.NAIK,
    kumulatif: bool = False,
    iku: bool = False,
    definisi: str = "",
    formula: str = "",
    sumber_data: str = "",
    penanggung_jawab: str = "",
    sumber_realisasi: str = SumberRealisasi.ISIAN,
    target_akhir: Nilai | None = None,
    alasan: str = "",
) -> Indikator:
    """Make an indicator at the end of its tujuan or sasaran (exactly one of them) or change it
    (moving it to another parent of the same Renstra puts it last there). The kode is unique in the
    Renstra; an IKU needs a target akhir; a counting unit never a negative one."""
    if (tujuan is None) == (sasaran is None):
        raise ValidationError({"induk": "Pilih satu induk: tujuan atau sasaran."})
    induk = tujuan or sasaran
    renstra = induk.renstra
    _periksa_izin(user, renstra.kecamatan)
    if indikator is not None and indikator.renstra_id != renstra.pk:
        raise ValidationError({"induk": "Induk harus dari Renstra yang sama."})
    kode, satuan = kode.strip(), satuan.strip()
    _periksa_kode(Indikator, renstra, kode, indikator)
    _periksa_target_akhir(iku=iku, satuan=satuan, target_akhir=target_akhir)
    pindah = indikator is None or (indikator.tujuan_id, indikator.sasaran_id) != (
        tujuan.pk if tujuan else None,
        sasaran.pk if sasaran else None,
    )
    baru = indikator is None
    indikator = indikator or Indikator(renstra=renstra)
    if pindah:
        saudara = (
            Indikator.objects.filter(tujuan=tujuan) if tujuan else Indikator.objects.filter(sasaran=sasaran)
        )
        indikator.urutan = _urutan_berikut(saudara)
    indikator.tujuan, indikator.sasaran = tujuan, sasaran
    indikator.kode, indikator.nama, indikator.satuan = kode, nama.strip(), satuan
    indikator.arah, indikator.kumulatif, indikator.iku = arah, kumulatif, iku
    indikator.definisi, indikator.formula = definisi.strip(), formula.strip()
    indikator.sumber_data, indikator.penanggung_jawab = sumber_data.strip(), penanggung_jawab.strip()
    indikator.sumber_realisasi = sumber_realisasi
    _isi_target_akhir(indikator, target_akhir)
    indikator.full_clean()
    _simpan_riwayat(indikator, user=user, alasan=alasan.strip() or (ALASAN_DIBUAT if baru else ALASAN_BAWAAN))
    return indikator


def _periksa_target_akhir(*, iku: bool, satuan: str, target_akhir: Nilai | None) -> None:
    if iku and target_akhir is None:
        raise ValidationError({"target_akhir": IKU_TANPA_TARGET_AKHIR})
    if target_akhir is not None and target_akhir.nilai < 0 and satuan_cacah(satuan):
        raise ValidationError({"target_akhir": target_negatif(satuan)})


def _isi_target_akhir(indikator: Indikator, nilai: Nilai | None) -> bool:
    lama = (indikator.target_akhir, indikator.target_akhir_label, indikator.target_akhir_pembanding)
    if nilai is None:
        baru = (None, "", "")
    else:
        baru = (nilai.nilai, nilai.label, nilai.pembanding)
    indikator.target_akhir, indikator.target_akhir_label, indikator.target_akhir_pembanding = baru
    return lama != baru


def _periksa_versi_target(
    indikator: Indikator, lama: dict[int, Target], target: Mapping[int, Nilai | None], versi: Mapping
) -> None:
    """Refuse (KonflikVersi on every year concerned) the years whose stored target moved on from
    the versi the form was opened at, unless the form leaves them as they are now."""
    pesan = {}
    for tahun, nilai in sorted(target.items()):
        obj = lama.get(tahun)
        if not konflik.bentrok(obj, versi.get(tahun)) or konflik.nilai_dari(obj) == nilai:
            continue
        rekaman = konflik.terakhir(Target.history.filter(indikator_id=indikator.pk, tahun=tahun))
        lain = konflik.teks_nilai(konflik.nilai_dari(obj)) if obj is not None else None
        pesan[f"target_{tahun}"] = konflik.pesan(rekaman=rekaman, lain=lain, isian=konflik.teks_nilai(nilai))
    if pesan:
        raise konflik.KonflikVersi(pesan)


@transaction.atomic
def target_renstra_simpan(
    *,
    user,
    indikator: Indikator,
    target: Mapping[int, Nilai | None],
    target_akhir: Nilai | None,
    alasan: str = "",
    versi: Mapping[int, int | None] | None = None,
) -> None:
    """Set the Renstra targets of an indicator for the years given (each a year of the period; None
    deletes that year's target) and its target akhir, in one go. Only what changed is written; each
    write records `alasan` (or "Diubah lewat formulir") in the history.

    `versi`: per year, the versi of the target when the form was opened (0: none; missing or None:
    not checked). A year someone else saved or removed since is refused on `target_<tahun>` with
    their value (KonflikVersi, every such year at once) and nothing is written."""
    renstra = indikator.renstra
    _periksa_izin(user, renstra.kecamatan)
    alasan = alasan.strip() or ALASAN_BAWAAN
    periode = renstra.tahun_periode
    for tahun, nilai in target.items():
        if tahun not in periode:
            raise ValidationError(f"Tahun {tahun} di luar periode {renstra}.")
        if nilai is not None and nilai.nilai < 0 and satuan_cacah(indikator.satuan):
            raise ValidationError({f"target_{tahun}": target_negatif(indikator.satuan)})
    _periksa_target_akhir(iku=indikator.iku, satuan=indikator.satuan, target_akhir=target_akhir)
    lama = {t.tahun: t for t in Target.objects.select_for_update().filter(indikator=indikator)}
    _periksa_versi_target(indikator, lama, target, versi or {})
    for tahun, nilai in sorted(target.items()):
        obj = lama.get(tahun)
        if nilai is None:
            if obj is not None:
                _hapus_riwayat(obj, user=user, alasan=alasan)
            continue
        if obj is None:
            obj = Target(indikator=indikator, tahun=tahun)
            obj.versi = konflik.versi_awal(Target.history.filter(indikator_id=indikator.pk, tahun=tahun))
        baru = (nilai.nilai, nilai.label, nilai.pembanding)
        if obj.pk and (obj.nilai, obj.label, obj.pembanding) == baru:
            continue
        obj.nilai, obj.label, obj.pembanding = baru
        obj.full_clean()
        try:
            with transaction.atomic():
                _simpan_riwayat(obj, user=user, alasan=alasan)
        except IntegrityError:
            # Made by someone else between our read and our insert: a conflict like any other.
            if not versi:
                raise
            _periksa_versi_target(
                indikator, {t.tahun: t for t in Target.objects.filter(indikator=indikator)}, target, versi
            )
            raise
    if _isi_target_akhir(indikator, target_akhir):
        indikator.full_clean()
        _simpan_riwayat(indikator, user=user, alasan=alasan)


# --- analysis per sasaran ---------------------------------------------------------------------------


@transaction.atomic
def analisis_simpan(
    *,
    user,
    sasaran: Sasaran,
    tahun: int,
    pendukung: Sequence[str] = (),
    penghambat: Sequence[str] = (),
    solusi: Sequence[str] = (),
    catatan: str = "",
) -> AnalisisSasaran | None:
    """Set the analysis of a sasaran for a year of its Renstra period (faktor pendukung, penghambat,
    solusi, catatan). Everything empty removes it; returns the stored analysis or None."""
    renstra = sasaran.renstra
    _periksa_izin(user, renstra.kecamatan)
    if tahun not in renstra.tahun_periode:
        raise ValidationError({"tahun": f"Tahun {tahun} di luar periode {renstra}."})
    isi = {
        "pendukung": _daftar(pendukung),
        "penghambat": _daftar(penghambat),
        "solusi": _daftar(solusi),
        "catatan": catatan.strip(),
    }
    analisis = AnalisisSasaran.objects.filter(sasaran=sasaran, tahun=tahun).first()
    if not any(isi.values()):
        if analisis is not None:
            analisis.delete()
        return None
    analisis = analisis or AnalisisSasaran(sasaran=sasaran, tahun=tahun)
    for nama, nilai in isi.items():
        setattr(analisis, nama, nilai)
    analisis.full_clean()
    analisis.save()
    return analisis


# --- order ------------------------------------------------------------------------------------------

NAIK, TURUN = "naik", "turun"


def _pindah(saudara: models.QuerySet, obj: models.Model, arah: str) -> bool:
    """Swap `obj` with its neighbour among `saudara` (ordered by urutan, id) and number them 1..n.
    False when it is already first (naik) or last (turun).

    queryset.update, not save(): the order is not a figure, so it leaves no history rows."""
    if arah not in (NAIK, TURUN):
        raise ValidationError({"arah": 'Arah harus "naik" atau "turun".'})
    daftar = list(saudara.select_for_update().order_by("urutan", "id").values_list("pk", "urutan"))
    urutan_lama = dict(daftar)
    id_urut = [pk for pk, _ in daftar]
    i = id_urut.index(obj.pk)
    j = i - 1 if arah == NAIK else i + 1
    if not 0 <= j < len(id_urut):
        return False
    id_urut[i], id_urut[j] = id_urut[j], id_urut[i]
    for nomor, pk in enumerate(id_urut, 1):
        if urutan_lama[pk] != nomor:
            saudara.model.objects.filter(pk=pk).update(urutan=nomor)
    obj.urutan = id_urut.index(obj.pk) + 1
    return True


@transaction.atomic
def tujuan_pindah(*, user, tujuan: Tujuan, arah: str) -> bool:
    """Move a tujuan one place up (naik) or down (turun) in its Renstra."""
    _periksa_izin(user, tujuan.renstra.kecamatan)
    return _pindah(Tujuan.objects.filter(renstra_id=tujuan.renstra_id), tujuan, arah)


@transaction.atomic
def sasaran_pindah(*, user, sasaran: Sasaran, arah: str) -> bool:
    """Move a sasaran one place up or down among the sasaran of its tujuan."""
    _periksa_izin(user, sasaran.renstra.kecamatan)
    return _pindah(Sasaran.objects.filter(tujuan_id=sasaran.tujuan_id), sasaran, arah)


@transaction.atomic
def indikator_pindah(*, user, indikator: Indikator, arah: str) -> bool:
    """Move an indicator one place up or down among the indicators of its tujuan or sasaran."""
    _periksa_izin(user, indikator.renstra.kecamatan)
    if indikator.sasaran_id:
        saudara = Indikator.objects.filter(sasaran_id=indikator.sasaran_id)
    else:
        saudara = Indikator.objects.filter(tujuan_id=indikator.tujuan_id)
    return _pindah(saudara, indikator, arah)


# --- deleting ---------------------------------------------------------------------------------------


def _jumlah(pasangan: Sequence[tuple[int, str]]) -> str:
    return _gabung([f"{n} {nama}" for n, nama in pasangan if n])


def _uraian_terlindung(e: ProtectedError) -> str:
    hitung = Counter(str(o._meta.verbose_name) for o in e.protected_objects)
    return _jumlah([(n, nama) for nama, n in sorted(hitung.items())])


def tujuan_kendala_hapus(*, tujuan: Tujuan) -> str:
    """Why the tujuan cannot be deleted (it still has sasaran or indicators); "" when it can."""
    isi = _jumlah(
        [
            (Sasaran.objects.filter(tujuan=tujuan).count(), "sasaran"),
            (Indikator.objects.filter(tujuan=tujuan).count(), "indikator"),
        ]
    )
    return f"Tujuan {tujuan.kode} tidak dapat dihapus karena masih memiliki {isi}." if isi else ""


def sasaran_kendala_hapus(*, sasaran: Sasaran) -> str:
    """Why the sasaran cannot be deleted (it still has indicators); "" when it can."""
    isi = _jumlah([(Indikator.objects.filter(sasaran=sasaran).count(), "indikator")])
    return f"Sasaran {sasaran.kode} tidak dapat dihapus karena masih memiliki {isi}." if isi else ""


def indikator_kendala_hapus(*, indikator: Indikator) -> str:
    """Why the indicator cannot be deleted (PK target lines or realisasi refer to it); "" when it can."""
    isi = _jumlah(
        [
            (TargetPK.objects.filter(indikator=indikator).count(), "target PK"),
            (Realisasi.objects.filter(indikator=indikator).count(), "realisasi"),
        ]
    )
    return f"Indikator {indikator.kode} tidak dapat dihapus karena masih dipakai oleh {isi}." if isi else ""


def _hapus_terlindung(nama: str, hapus) -> None:
    try:
        with transaction.atomic():
            hapus()
    except ProtectedError as e:
        raise ValidationError(
            f"{nama} tidak dapat dihapus karena masih dipakai oleh {_uraian_terlindung(e)}."
        ) from e


@transaction.atomic
def tujuan_hapus(*, user, tujuan: Tujuan) -> None:
    """Delete a tujuan without sasaran or indicators; refused with the reason otherwise."""
    _periksa_izin(user, tujuan.renstra.kecamatan)
    if alasan := tujuan_kendala_hapus(tujuan=tujuan):
        raise ValidationError(alasan)
    _hapus_terlindung(f"Tujuan {tujuan.kode}", tujuan.delete)


@transaction.atomic
def sasaran_hapus(*, user, sasaran: Sasaran) -> None:
    """Delete a sasaran without indicators, with its SDM figures and analyses; refused otherwise."""
    _periksa_izin(user, sasaran.renstra.kecamatan)
    if alasan := sasaran_kendala_hapus(sasaran=sasaran):
        raise ValidationError(alasan)
    _hapus_terlindung(f"Sasaran {sasaran.kode}", sasaran.delete)


@transaction.atomic
def indikator_hapus(*, user, indikator: Indikator) -> None:
    """Delete an indicator with its Renstra targets (their history records the deletion). Refused,
    naming what depends on it, while PK target lines or realisasi refer to it."""
    _periksa_izin(user, indikator.renstra.kecamatan)
    if alasan := indikator_kendala_hapus(indikator=indikator):
        raise ValidationError(alasan)
    catatan = f"Indikator {indikator.kode} dihapus"

    def hapus() -> None:
        for target in Target.objects.filter(indikator=indikator):
            _hapus_riwayat(target, user=user, alasan=catatan)
        _hapus_riwayat(indikator, user=user, alasan=catatan)

    _hapus_terlindung(f"Indikator {indikator.kode}", hapus)
