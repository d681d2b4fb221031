"""Writing realisasi: one value (a grid cell) or the whole grid of a year at once.

Every save records who (history user) and why (`_change_reason`); changing a value that is
already stored needs a reason (DESIGN.md §3: simple-history says who changed which figure, when
and why).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from kinerja import konflik, peringatan, selectors
from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, Renstra, Target, TargetPK
from kinerja.nilai import Nilai, format_nilai
from kinerja.services.perencanaan import satuan_cacah, target_negatif, target_renstra_simpan
from lkjip.akses import bisa_mengedit
from lkjip.models import Kecamatan

Status = Realisasi.Status
Periode = Realisasi.Periode

ALASAN_WAJIB = "Alasan perubahan wajib diisi karena nilai yang sudah tersimpan berubah."
BELUM_TERSEDIA_BERNILAI = "Realisasi yang belum tersedia tidak boleh berisi nilai: kosongkan nilai tahunan."


def sumber_diketik(sumber: selectors.NilaiSumber) -> str:
    """The refusal of a typed yearly value where the SKM/SAKIP result is the realisasi."""
    halaman = "Survei SKM" if sumber.sumber == "skm" else "Evaluasi SAKIP"
    return (
        f"Realisasi tahunan {sumber.tahun} diambil otomatis dari {sumber.asal} ({sumber.teks}) dan tidak "
        f"dapat diketik. Kosongkan nilai tahunan; bila hasilnya keliru, perbaiki di halaman {halaman}."
    )


def sumber_belum_tersedia(sumber: selectors.NilaiSumber) -> str:
    return (
        f"Realisasi tahunan {sumber.tahun} sudah tersedia dari {sumber.asal} ({sumber.teks}), jadi "
        "statusnya tidak dapat Belum tersedia."
    )


def _sama(realisasi: Realisasi, nilai: Nilai | None) -> bool:
    """Whether the stored value equals `nilai` (numbers compared as numbers: 85,7 = 85,7000)."""
    if nilai is None:
        return realisasi.nilai is None
    return (
        realisasi.nilai is not None
        and realisasi.nilai == nilai.nilai
        and realisasi.label == nilai.label
        and realisasi.pembanding == nilai.pembanding
    )


def teks_realisasi(nilai: Nilai | None, status: str = Status.FINAL) -> str:
    """A realisasi as the grid shows it, for a conflict message."""
    if nilai is None and status == Status.BELUM_TERSEDIA:
        return Status(status).label
    return konflik.teks_nilai(nilai)


def _konflik(indikator: Indikator, tahun: int, periode: str, nilai: Nilai | None, status: str):
    """The refusal of a save whose form was opened before someone else saved (or removed) the
    realisasi; reads the row as it is now and its latest history record."""
    kini = Realisasi.objects.filter(indikator=indikator, tahun=tahun, periode=periode).first()
    riwayat = Realisasi.history.filter(indikator_id=indikator.pk, tahun=tahun, periode=periode)
    lain = None if kini is None else (teks_realisasi(_nilai_dari(kini), kini.status) or konflik.KOSONG)
    pesan = konflik.pesan(rekaman=konflik.terakhir(riwayat), lain=lain, isian=teks_realisasi(nilai, status))
    return konflik.KonflikVersi({"nilai": pesan})


def _periksa_izin(user, indikator: Indikator) -> None:
    if not bisa_mengedit(user, indikator.renstra.kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan realisasi kecamatan ini.")


@transaction.atomic
def realisasi_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    periode: str,
    nilai: Nilai | None,
    status: str,
    keterangan: str,
    alasan: str,
    versi: int | None = None,
) -> Realisasi | None:
    """Save the realisasi of an indicator for a year and periode.

    `versi` is the versi of the row when the form was opened (0: there was none; None: not
    checked): when someone saved or removed it since, KonflikVersi is raised on `nilai` with their
    value, and nothing is written (kinerja/konflik.py). Saving what is already stored is no conflict.

    No value with status final and no keterangan means "nothing": the row is deleted (None is
    returned). Changing or removing a value already stored needs `alasan`; nothing changes when the
    input equals what is stored. Raises ValidationError keyed by field (nilai, status, alasan, ...).

    The yearly value of an indicator that takes its realisasi from the SKM or SAKIP result of a year
    that has one cannot be typed (refused on `nilai`), nor marked belum tersedia; its status and
    keterangan can be saved, and a value typed before the result was recorded is kept as it is (it
    counts again only if the result is removed).
    """
    _periksa_izin(user, indikator)
    renstra = indikator.renstra
    if not renstra.tahun_diizinkan(tahun):
        raise ValidationError(
            {
                "tahun": f"Tahun {tahun} di luar {renstra} (boleh {renstra.tahun_awal - 5} "
                f"sampai {renstra.tahun_akhir})."
            }
        )
    keterangan, alasan = keterangan.strip(), alasan.strip()
    lama = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, tahun=tahun, periode=periode)
        .first()
    )
    if periode == Periode.TAHUNAN and (sumber := selectors.nilai_sumber(indikator=indikator, tahun=tahun)):
        if nilai is not None:
            raise ValidationError({"nilai": sumber_diketik(sumber)})
        if status == Status.BELUM_TERSEDIA:
            raise ValidationError({"status": sumber_belum_tersedia(sumber)})
        nilai = _nilai_dari(lama)
    hapus = nilai is None and status == Status.FINAL and not keterangan
    nilai_berubah = lama is not None and lama.nilai is not None and not _sama(lama, None if hapus else nilai)

    if hapus:
        if lama is None:
            return None
        if konflik.bentrok(lama, versi):
            raise _konflik(indikator, tahun, periode, nilai, status)
        if nilai_berubah and not alasan:
            raise ValidationError({"alasan": ALASAN_WAJIB})
        lama._change_reason = alasan or None
        lama._history_user = user
        lama.delete()
        return None

    realisasi = lama or Realisasi(indikator=indikator, tahun=tahun, periode=periode)
    baru = (
        nilai.nilai if nilai else None,
        nilai.label if nilai else "",
        nilai.pembanding if nilai else "",
        status,
        keterangan,
    )
    if lama is not None and _sama(lama, nilai) and (lama.status, lama.keterangan) == (status, keterangan):
        return lama
    if konflik.bentrok(lama, versi):
        raise _konflik(indikator, tahun, periode, nilai, status)
    if lama is None:
        realisasi.versi = konflik.versi_awal(
            Realisasi.history.filter(indikator_id=indikator.pk, tahun=tahun, periode=periode)
        )
    (realisasi.nilai, realisasi.label, realisasi.pembanding, realisasi.status, realisasi.keterangan) = baru
    kesalahan: dict[str, list[str]] = {}
    try:
        realisasi.full_clean()
    except ValidationError as e:
        kesalahan = e.message_dict
    if nilai_berubah and not alasan:
        kesalahan = {**kesalahan, "alasan": [ALASAN_WAJIB]}
    if kesalahan:
        raise ValidationError(kesalahan)
    realisasi._change_reason = alasan or None
    realisasi._history_user = user
    try:
        with transaction.atomic():
            realisasi.save()
    except IntegrityError:
        # Made by someone else between our read and our insert (the unique constraint waited for
        # their commit): the same conflict as a row saved since the form was opened.
        ada = Realisasi.objects.filter(indikator=indikator, tahun=tahun, periode=periode).exists()
        if lama is not None or not ada:
            raise
        raise _konflik(indikator, tahun, periode, nilai, status) from None
    return realisasi


def realisasi_triwulan_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    periode: str,
    nilai: Nilai | None,
    alasan: str,
    versi: int | None = None,
) -> Realisasi | None:
    """Save a triwulan cell of the grid, which has no status or keterangan of its own: a value keeps
    the stored status (final when there was none or it was belum tersedia) and keterangan; an empty
    cell removes a stored value and leaves a row without value (belum tersedia) as it is. `versi`:
    as for realisasi_simpan."""
    lama = Realisasi.objects.filter(indikator=indikator, tahun=tahun, periode=periode).first()
    if nilai is None:
        if lama is None or lama.nilai is None:
            _periksa_izin(user, indikator)
            return lama
        return realisasi_simpan(
            user=user,
            indikator=indikator,
            tahun=tahun,
            periode=periode,
            nilai=None,
            status=Status.FINAL,
            keterangan="",
            alasan=alasan,
            versi=versi,
        )
    status = lama.status if lama is not None and lama.status != Status.BELUM_TERSEDIA else Status.FINAL
    return realisasi_simpan(
        user=user,
        indikator=indikator,
        tahun=tahun,
        periode=periode,
        nilai=nilai,
        status=status,
        keterangan=lama.keterangan if lama is not None else "",
        alasan=alasan,
        versi=versi,
    )


@dataclass(frozen=True)
class IsianBaris:
    """What the grid submits for one indicator: the four triwulan, the yearly value, its status and
    keterangan, and per periode a reason typed in that cell (else the reason of the whole submit)."""

    indikator: Indikator
    triwulan: Sequence[Nilai | None]
    tahunan: Nilai | None
    status: str
    keterangan: str
    alasan_sel: dict[str, str]
    # Per periode, the versi of the realisasi when the grid was opened (kinerja/konflik.py).
    versi: dict[str, int | None] = field(default_factory=dict)


class GridTidakValid(Exception):
    """Some cells were refused; nothing was saved. `kesalahan[(indikator_id, periode)]` says why."""

    def __init__(self, kesalahan: dict[tuple[int, str], ValidationError]) -> None:
        super().__init__(f"{len(kesalahan)} isian realisasi ditolak.")
        self.kesalahan = kesalahan


@transaction.atomic
def realisasi_grid_simpan(*, user, tahun: int, isian: Sequence[IsianBaris], alasan: str) -> None:
    """Save the whole grid of a year, all or nothing (raises GridTidakValid with every refusal)."""
    kesalahan: dict[tuple[int, str], ValidationError] = {}
    for baris in isian:
        for periode, nilai in zip(Realisasi.TRIWULAN, baris.triwulan, strict=True):
            try:
                with transaction.atomic():
                    realisasi_triwulan_simpan(
                        user=user,
                        indikator=baris.indikator,
                        tahun=tahun,
                        periode=periode,
                        nilai=nilai,
                        alasan=baris.alasan_sel.get(periode) or alasan,
                        versi=baris.versi.get(periode),
                    )
            except ValidationError as e:
                kesalahan[(baris.indikator.pk, periode)] = e
        try:
            with transaction.atomic():
                realisasi_simpan(
                    user=user,
                    indikator=baris.indikator,
                    tahun=tahun,
                    periode=Periode.TAHUNAN,
                    nilai=baris.tahunan,
                    status=baris.status,
                    keterangan=baris.keterangan,
                    alasan=baris.alasan_sel.get(Periode.TAHUNAN) or alasan,
                    versi=baris.versi.get(Periode.TAHUNAN),
                )
        except ValidationError as e:
            kesalahan[(baris.indikator.pk, Periode.TAHUNAN)] = e
    if kesalahan:
        raise GridTidakValid(kesalahan)


# --- import of a year's targets and realisasi (Excel) ---------------------------------------------


@dataclass(frozen=True)
class BarisLingkup:
    """An indicator the import of a year may write: its stored target of the year (the PK line, or
    the Renstra target when the year has no PK) and its realisasi per periode."""

    indikator: Indikator
    target_pk: TargetPK | None
    target_renstra: Target | None
    realisasi: dict[str, Realisasi]
    # The yearly realisasi taken from the SKM/SAKIP result of the year (the import ignores Tahunan).
    sumber: selectors.NilaiSumber | None = None

    @property
    def target(self) -> Nilai | None:
        t = self.target_pk or self.target_renstra
        return Nilai(nilai=t.nilai, label=t.label, pembanding=t.pembanding) if t else None


@dataclass(frozen=True)
class LingkupRealisasi:
    """What a year's import covers: the indicators of the effective PK (perubahan, else murni) in PK
    order with its target lines; when the year has no PK, the indicators of the Renstra of the year
    with their Renstra targets (history years before a PK existed in the application)."""

    kecamatan: Kecamatan
    tahun: int
    perjanjian: PerjanjianKinerja | None
    renstra: Renstra
    baris: list[BarisLingkup]

    @property
    def target_boleh(self) -> bool:
        """Whether the target column can be written: a PK line, or a Renstra target of a year of
        the period (a history year before the period has no Renstra target)."""
        return self.perjanjian is not None or self.tahun in self.renstra.tahun_periode

    @property
    def sumber_target(self) -> str:
        if self.perjanjian is not None:
            return str(self.perjanjian)
        if self.target_boleh:
            return f"{self.renstra} (tahun {self.tahun} belum memiliki Perjanjian Kinerja)"
        return ""

    def alasan_tanpa_target(self) -> str:
        return (
            f"Tahun {self.tahun} belum memiliki Perjanjian Kinerja dan berada di luar periode "
            f"{self.renstra}: target tidak dapat diisi, kosongkan kolom Target."
        )


def lingkup_realisasi(*, kecamatan: Kecamatan, tahun: int) -> LingkupRealisasi | None:
    """The indicators an import of `tahun` writes (see LingkupRealisasi); None when no Renstra
    covers the year. The Excel template reads the same, so the template and the import agree."""
    grid = selectors.realisasi_grid(kecamatan=kecamatan, tahun=tahun)
    if grid.perjanjian is not None:
        if not grid.baris:
            renstra = selectors.renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun)
            if renstra is None:
                return None
        else:
            renstra = grid.baris[0].indikator.renstra
        return LingkupRealisasi(
            kecamatan=kecamatan,
            tahun=tahun,
            perjanjian=grid.perjanjian,
            renstra=renstra,
            baris=[
                BarisLingkup(
                    indikator=b.indikator,
                    target_pk=b.target,
                    target_renstra=None,
                    realisasi=b.realisasi,
                    sumber=b.sumber,
                )
                for b in grid.baris
            ],
        )
    if grid.renstra is None:
        return None
    renstra = grid.renstra
    renstra.kecamatan = kecamatan
    indikator = selectors.indikator_renstra(renstra=renstra)
    target = selectors.target_renstra_tahun(renstra=renstra, tahun=tahun)
    realisasi: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    for r in Realisasi.objects.filter(indikator__renstra=renstra, tahun=tahun):
        realisasi[r.indikator_id][r.periode] = r
    for i in indikator:
        i.renstra = renstra
    dari_sumber = selectors.sumber_kecamatan(kecamatan=kecamatan, indikator=indikator)
    return LingkupRealisasi(
        kecamatan=kecamatan,
        tahun=tahun,
        perjanjian=None,
        renstra=renstra,
        baris=[
            BarisLingkup(
                indikator=i,
                target_pk=None,
                target_renstra=target.get(i.pk),
                realisasi=realisasi[i.pk],
                sumber=dari_sumber.untuk(i, tahun),
            )
            for i in indikator
        ],
    )


KOLOM_IMPOR = ("target", "tw1", "tw2", "tw3", "tw4", "tahunan", "status", "keterangan")
JUDUL_KOLOM_IMPOR = {
    "kode": "Kode",
    "target": "Target",
    "tw1": "TW I",
    "tw2": "TW II",
    "tw3": "TW III",
    "tw4": "TW IV",
    "tahunan": "Tahunan",
    "status": "Status",
    "keterangan": "Keterangan",
}
_KOLOM_PERIODE = {Periode.TW1: "tw1", Periode.TW2: "tw2", Periode.TW3: "tw3", Periode.TW4: "tw4"}
ALASAN_IMPOR_WAJIB = "Alasan impor wajib diisi (dicatat di riwayat setiap nilai yang berubah)."


def target_pk_kosong(perjanjian: PerjanjianKinerja) -> str:
    return (
        f"Target wajib diisi: indikator ini ada di {perjanjian}. Mengeluarkan indikator dari PK dilakukan di "
        "halaman Perjanjian Kinerja."
    )


def bukan_lingkup(lingkup: LingkupRealisasi, kode: str) -> str:
    asal = lingkup.perjanjian if lingkup.perjanjian is not None else lingkup.renstra
    return f'Kode "{kode}" tidak ada di {asal}.'


@dataclass(frozen=True)
class IsianImpor:
    """One indicator's row of an import: its target of the year, the four triwulan, the yearly
    value, its status and keterangan; the whole row as it should be after the import."""

    indikator: Indikator
    target: Nilai | None
    triwulan: tuple[Nilai | None, ...]
    tahunan: Nilai | None
    status: str
    keterangan: str


def _desimal(n: Decimal) -> int:
    """Decimals to show a stored value exactly, at least two (85,7825 is not shown as 85,78)."""
    eksponen = n.normalize().as_tuple().exponent
    return max(2, -eksponen) if isinstance(eksponen, int) else 2


Sel = Nilai | str | None


def _teks_sel(kolom: str, isi: Sel) -> str:
    if isi is None or isi == "":
        return "(kosong)"
    if isinstance(isi, Nilai):
        return format_nilai(isi.nilai, isi.label, isi.pembanding, desimal=_desimal(isi.nilai))
    if kolom == "status":
        return Status(isi).label
    return isi


@dataclass(frozen=True)
class Perubahan:
    """One cell that the import changes: the indicator, the column, the stored and the new value."""

    indikator: Indikator
    kolom: str
    lama: Sel
    baru: Sel

    @property
    def judul(self) -> str:
        return JUDUL_KOLOM_IMPOR[self.kolom]

    @property
    def teks_lama(self) -> str:
        return _teks_sel(self.kolom, self.lama)

    @property
    def teks_baru(self) -> str:
        return _teks_sel(self.kolom, self.baru)


@dataclass(frozen=True)
class HasilImporRealisasi:
    """What an import did (or, previewed or refused, would do): the changed cells in row order, the
    refusals per (indicator id, column), a fingerprint of the changes (so a confirmation applies
    exactly what was previewed) and, for a preview, the warnings as they would stand afterwards."""

    perubahan: list[Perubahan]
    kesalahan: dict[tuple[int, str], list[str]]
    sidik: str
    tersimpan: bool
    peringatan_target: list = field(default_factory=list)
    peringatan_realisasi: list = field(default_factory=list)
    # Yearly values of the file that were ignored: the indicator takes them from the SKM/SAKIP.
    peringatan_sumber: list[str] = field(default_factory=list)


def _nilai_dari(obj) -> Nilai | None:
    if obj is None or obj.nilai is None:
        return None
    return Nilai(nilai=obj.nilai, label=obj.label, pembanding=obj.pembanding)


def _keadaan(lingkup: LingkupRealisasi, indikator_id: list[int]) -> dict[tuple[int, str], Sel]:
    """The stored cells of the import's indicators, as the template shows them (two queries)."""
    sel: dict[tuple[int, str], Sel] = {}
    for r in Realisasi.objects.filter(indikator_id__in=indikator_id, tahun=lingkup.tahun):
        if r.periode == Periode.TAHUNAN:
            sel[(r.indikator_id, "tahunan")] = _nilai_dari(r)
            sel[(r.indikator_id, "status")] = r.status
            sel[(r.indikator_id, "keterangan")] = r.keterangan
        else:
            sel[(r.indikator_id, _KOLOM_PERIODE[r.periode])] = _nilai_dari(r)
    if lingkup.perjanjian is not None:
        target = TargetPK.objects.filter(perjanjian=lingkup.perjanjian, indikator_id__in=indikator_id)
    else:
        target = Target.objects.filter(tahun=lingkup.tahun, indikator_id__in=indikator_id)
    for t in target:
        sel[(t.indikator_id, "target")] = _nilai_dari(t)
    return sel


def _bawaan(kolom: str) -> Sel:
    return {"status": Status.FINAL, "keterangan": ""}.get(kolom)


def _sama_sel(a: Sel, b: Sel) -> bool:
    if isinstance(a, Nilai) and isinstance(b, Nilai):
        return (a.nilai, a.label, a.pembanding) == (b.nilai, b.label, b.pembanding)
    return a == b


def _sidik(perubahan: Sequence[Perubahan]) -> str:
    def kunci(isi: Sel) -> str:
        if isinstance(isi, Nilai):
            return f"{isi.nilai.normalize()}|{isi.label}|{isi.pembanding}"
        return "" if isi is None else f"'{isi}"

    teks = "\n".join(f"{p.indikator.pk}\t{p.kolom}\t{kunci(p.lama)}\t{kunci(p.baru)}" for p in perubahan)
    return hashlib.sha256(teks.encode()).hexdigest()


def _simpan_target(
    lingkup: LingkupRealisasi, baris: BarisLingkup, nilai: Nilai | None, *, user, alasan: str
) -> None:
    """Write the target of the year of one indicator: its PK line, or its Renstra target when the
    year has no PK (through the planning service). Raises ValidationError with the reason."""
    indikator = baris.indikator
    if nilai is not None and nilai.nilai < 0 and satuan_cacah(indikator.satuan):
        raise ValidationError(target_negatif(indikator.satuan))
    lama = baris.target
    if lingkup.perjanjian is not None:
        if nilai is None:
            raise ValidationError(target_pk_kosong(lingkup.perjanjian))
        if lama is not None and _sama_sel(lama, nilai):
            return
        tpk = baris.target_pk
        tpk.nilai, tpk.label, tpk.pembanding = nilai.nilai, nilai.label, nilai.pembanding
        tpk.full_clean()
        tpk._change_reason = alasan
        tpk._history_user = user
        tpk.save()
        return
    if _sama_sel(lama, nilai):
        return
    if not lingkup.target_boleh:
        raise ValidationError(lingkup.alasan_tanpa_target())
    target_renstra_simpan(
        user=user,
        indikator=indikator,
        target={lingkup.tahun: nilai},
        target_akhir=(
            Nilai(
                nilai=indikator.target_akhir,
                label=indikator.target_akhir_label,
                pembanding=indikator.target_akhir_pembanding,
            )
            if indikator.target_akhir is not None
            else None
        ),
        alasan=alasan,
    )


def _tahunan_diabaikan(baris: BarisLingkup, tahunan: Nilai) -> str:
    """The warning for a yearly value of the file ignored because the indicator takes its realisasi
    from the SKM/SAKIP result of the year; "" when the file only repeats that result as the template
    shows it (rounded to two decimals), which is no value of its own."""
    sumber = baris.sumber
    tampil = sumber.nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if tahunan.nilai in (sumber.nilai, tampil):
        return ""
    indikator = baris.indikator
    return (
        f"{indikator.kode} {indikator.nama}: nilai Tahunan {format_nilai(tahunan.nilai, tahunan.label)} "
        f"untuk tahun {sumber.tahun} diabaikan, karena realisasi tahunan indikator ini diambil dari "
        f"{sumber.asal} ({sumber.teks})."
    )


def _pesan(e: ValidationError) -> list[str]:
    return [m for pesan in getattr(e, "message_dict", {"": e.messages}).values() for m in pesan]


@transaction.atomic
def realisasi_impor(
    *,
    user,
    kecamatan: Kecamatan,
    tahun: int,
    isian: Sequence[IsianImpor],
    alasan: str,
    pratinjau: bool = False,
    harapan: str | None = None,
) -> HasilImporRealisasi:
    """Import the targets and realisasi of a year (an Excel upload), all rows or none.

    Each row is the whole state of its indicator after the import: the target of the year (the line
    of the effective PK; the Renstra target when the year has no PK), the four triwulan, the yearly
    value, status and keterangan. Realisasi cells are saved by the same code as the grid
    (realisasi_grid_simpan), so every rule of the grid holds; every changed Target, TargetPK and
    Realisasi records `alasan` (e.g. "Impor Excel: realisasi.xlsx") in its history, which is the
    reason a change of a stored realisasi needs.

    The Tahunan of an indicator that takes its realisasi from the SKM/SAKIP result of the year is
    ignored, with a warning naming the indicator and year in `peringatan_sumber` (none when the file
    only repeats the result as the template shows it).

    Every row is tried, so the result names every refusal, keyed by (indicator id, column); with any
    refusal nothing is kept. `pratinjau` runs the very same writes and rolls them back, returning
    what would change and the warnings as they would stand. `harapan` is the fingerprint (`sidik`)
    of a preview: when the changes differ from it (the data moved since), nothing is kept either.
    """
    if not bisa_mengedit(user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan realisasi kecamatan ini.")
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": ALASAN_IMPOR_WAJIB})
    lingkup = lingkup_realisasi(kecamatan=kecamatan, tahun=tahun)
    if lingkup is None:
        raise ValidationError({"tahun": f"Tidak ada Renstra {kecamatan} yang mencakup tahun {tahun}."})
    per_indikator = {b.indikator.pk: b for b in lingkup.baris}
    kesalahan: dict[tuple[int, str], list[str]] = {}
    dilihat: set[int] = set()
    for baris in isian:
        if baris.indikator.pk not in per_indikator:
            kesalahan[(baris.indikator.pk, "kode")] = [bukan_lingkup(lingkup, baris.indikator.kode)]
        elif baris.indikator.pk in dilihat:
            kesalahan[(baris.indikator.pk, "kode")] = [
                f'Kode "{baris.indikator.kode}" muncul lebih dari sekali.'
            ]
        dilihat.add(baris.indikator.pk)
    if kesalahan:
        transaction.set_rollback(True)
        return HasilImporRealisasi(perubahan=[], kesalahan=kesalahan, sidik="", tersimpan=False)

    urutan = [b.indikator.pk for b in isian]
    sebelum = _keadaan(lingkup, urutan)
    peringatan_sumber = []
    for baris in isian:
        ada = per_indikator[baris.indikator.pk]
        tahunan = baris.tahunan
        if ada.sumber is not None and tahunan is not None:
            if pesan := _tahunan_diabaikan(ada, tahunan):
                peringatan_sumber.append(pesan)
            tahunan = None
        try:
            with transaction.atomic():
                _simpan_target(lingkup, ada, baris.target, user=user, alasan=alasan)
        except ValidationError as e:
            kesalahan[(ada.indikator.pk, "target")] = _pesan(e)
        try:
            realisasi_grid_simpan(
                user=user,
                tahun=tahun,
                isian=[
                    IsianBaris(
                        indikator=ada.indikator,
                        triwulan=tuple(baris.triwulan),
                        tahunan=tahunan,
                        status=baris.status,
                        keterangan=baris.keterangan,
                        alasan_sel={},
                    )
                ],
                alasan=alasan,
            )
        except GridTidakValid as e:
            for (indikator_id, periode), galat in e.kesalahan.items():
                for nama, pesan in getattr(galat, "message_dict", {"": galat.messages}).items():
                    if periode != Periode.TAHUNAN:
                        kolom = _KOLOM_PERIODE[periode]
                    else:
                        kolom = nama if nama in ("status", "keterangan") else "tahunan"
                    kesalahan.setdefault((indikator_id, kolom), []).extend(pesan)

    sesudah = _keadaan(lingkup, urutan)
    perubahan = [
        Perubahan(indikator=per_indikator[i].indikator, kolom=k, lama=lama, baru=baru)
        for i in urutan
        for k in KOLOM_IMPOR
        if not _sama_sel(lama := sebelum.get((i, k), _bawaan(k)), baru := sesudah.get((i, k), _bawaan(k)))
    ]
    sidik = _sidik(perubahan)
    peringatan_target, peringatan_realisasi = [], []
    if pratinjau and not kesalahan:
        peringatan_target = peringatan.target_kurang_menantang(kecamatan=kecamatan, tahun=tahun)
        peringatan_realisasi = peringatan.realisasi_belum_diisi(kecamatan=kecamatan, tahun=tahun)
    tersimpan = not (kesalahan or pratinjau or (harapan is not None and harapan != sidik))
    if not tersimpan:
        transaction.set_rollback(True)
    return HasilImporRealisasi(
        perubahan=perubahan,
        kesalahan=kesalahan,
        sidik=sidik,
        tersimpan=tersimpan,
        peringatan_target=peringatan_target,
        peringatan_realisasi=peringatan_realisasi,
        peringatan_sumber=peringatan_sumber,
    )
