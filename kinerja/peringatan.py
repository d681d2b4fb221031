"""Warnings while targets and realisasi are entered (DOMAIN.md §5.2): what an evaluator would
object to, said while it can still be fixed.

- "Target kurang menantang" (LHE 002 L793): a target of the year below last year's realisasi (above
  it for an indicator whose arah is turun).
- Realisasi not entered yet: a PK indicator of the year with neither a yearly nor a triwulan value,
  and not marked belum tersedia (signing needs every PK indicator accounted for, DOMAIN.md §6.3).

Selectors: they read, take their scope as required keywords, and run a fixed number of queries
whatever the number of indicators. The grid page uses the `_grid` variants instead: pure functions
over what kinerja.selectors.realisasi_grid(dengan_pembanding=True) already read. Each warning is a
frozen dataclass with its kind, the indicator (and its sasaran), the Indonesian message and the
values compared. `templates/kinerja/_peringatan.html` renders a list of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.capaian import agregat_periode
from kinerja.models import (
    Arah,
    Indikator,
    PerjanjianKinerja,
    Realisasi,
    Sasaran,
    SumberRealisasi,
    Target,
    TargetPK,
)
from kinerja.nilai import format_nilai
from kinerja.selectors import BarisGrid, GridRealisasi, SumberKecamatan, sumber_kecamatan
from lkjip.models import Kecamatan

Periode = Realisasi.Periode
Status = Realisasi.Status
Jenis = PerjanjianKinerja.Jenis


class JenisPeringatan(StrEnum):
    TARGET_KURANG_MENANTANG = "target_kurang_menantang"
    REALISASI_BELUM_DIISI = "realisasi_belum_diisi"


class SumberTarget(StrEnum):
    PK_MURNI = "pk_murni"
    PK_PERUBAHAN = "pk_perubahan"
    RENSTRA = "renstra"


SEMUA_SUMBER = tuple(SumberTarget)
_NAMA_SUMBER = {
    SumberTarget.PK_MURNI: "PK",
    SumberTarget.PK_PERUBAHAN: "PK Perubahan",
    SumberTarget.RENSTRA: "Renstra",
}


@dataclass(frozen=True)
class Peringatan:
    """One warning about one indicator. `target` and `realisasi` are the values compared (target
    kurang menantang); `sumber` says which target (PK murni, PK perubahan or Renstra)."""

    jenis: JenisPeringatan
    indikator: Indikator
    sasaran: Sasaran | None
    pesan: str
    tahun: int
    sumber: SumberTarget | None = None
    target: Decimal | None = None
    realisasi: Decimal | None = None
    tahun_realisasi: int | None = None


def _realisasi_setahun(indikator: Indikator, per_periode: dict[str, Realisasi]) -> Realisasi | Decimal | None:
    """The yearly realisasi: the yearly row when it holds a value, else the value derived from the
    triwulan (DESIGN.md §3); None when there is none or the year is marked belum tersedia."""
    tahunan = per_periode.get(Periode.TAHUNAN)
    if tahunan is not None and tahunan.nilai is not None:
        return tahunan
    if tahunan is not None and tahunan.status == Status.BELUM_TERSEDIA:
        return None
    return agregat_periode(
        [r.nilai if (r := per_periode.get(p)) else None for p in Realisasi.TRIWULAN],
        kumulatif=indikator.kumulatif,
        indeks=indikator.sumber_realisasi == SumberRealisasi.SKM,
    )


def _dalam_kurung(teks: str) -> str:
    """ "(80,00)", but a graded value keeps its own brackets: "BB (72,10)"."""
    return teks if teks.endswith(")") else f"({teks})"


def target_kurang_menantang(
    *, kecamatan: Kecamatan, tahun: int, sumber: Collection[SumberTarget] = SEMUA_SUMBER
) -> list[Peringatan]:
    """Targets of `tahun` (in the PK murni, the PK perubahan and the Renstra, or only the `sumber`
    asked for) that ask less than the indicator already achieved in `tahun - 1`: lower than that
    realisasi for arah naik, higher for arah turun. Graded and threshold values compare by their
    number. An indicator is compared with its own realisasi only (a new Renstra's indicators have
    no history of their own). Ordered by indicator, then PK, PK Perubahan, Renstra. Three queries
    at most (plus the SKM/SAKIP values when an indicator takes its realisasi from them)."""
    target_pk: list[TargetPK] = []
    if SumberTarget.PK_MURNI in sumber or SumberTarget.PK_PERUBAHAN in sumber:
        target_pk = list(
            TargetPK.objects.filter(perjanjian__kecamatan=kecamatan, perjanjian__tahun=tahun).select_related(
                "perjanjian", "indikator__sasaran"
            )
        )
    target_renstra: list[Target] = []
    if SumberTarget.RENSTRA in sumber:
        target_renstra = list(
            Target.objects.filter(indikator__renstra__kecamatan=kecamatan, tahun=tahun).select_related(
                "indikator__sasaran"
            )
        )
    calon = _calon(target_pk, target_renstra, sumber)
    if not calon:
        return []
    realisasi: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    for r in Realisasi.objects.filter(indikator_id__in={t.indikator_id for _, t in calon}, tahun=tahun - 1):
        realisasi[r.indikator_id][r.periode] = r
    dari_sumber = sumber_kecamatan(kecamatan=kecamatan, indikator={t.indikator for _, t in calon})
    return _kurang_menantang(calon, realisasi, dari_sumber, tahun)


def target_kurang_menantang_grid(
    grid: GridRealisasi, *, sumber: Collection[SumberTarget] = SEMUA_SUMBER
) -> list[Peringatan]:
    """target_kurang_menantang over what the realisasi grid already read (a grid read with
    dengan_pembanding=True); no query."""
    pembanding = grid.pembanding
    if pembanding is None:
        raise ValueError("Grid dibaca tanpa pembanding (dengan_pembanding=True).")
    calon = _calon(pembanding.target_pk, pembanding.target_renstra, sumber)
    return _kurang_menantang(calon, pembanding.realisasi_lalu, pembanding.sumber, grid.tahun)


def _calon(
    target_pk: Iterable[TargetPK], target_renstra: Iterable[Target], sumber: Collection[SumberTarget]
) -> list[tuple[SumberTarget, Target | TargetPK]]:
    """The targets compared, each with where it comes from, restricted to `sumber`."""
    calon: list[tuple[SumberTarget, Target | TargetPK]] = []
    for t in target_pk:
        asal = SumberTarget.PK_PERUBAHAN if t.perjanjian.jenis == Jenis.PERUBAHAN else SumberTarget.PK_MURNI
        if asal in sumber:
            calon.append((asal, t))
    if SumberTarget.RENSTRA in sumber:
        calon.extend((SumberTarget.RENSTRA, t) for t in target_renstra)
    return calon


def _kurang_menantang(
    calon: list[tuple[SumberTarget, Target | TargetPK]],
    realisasi: dict[int, dict[str, Realisasi]],
    dari_sumber: SumberKecamatan,
    tahun: int,
) -> list[Peringatan]:
    """The warnings of target_kurang_menantang from loaded data: `realisasi` holds the realisasi of
    `tahun - 1` per indicator id and periode."""
    urutan_sumber = list(SumberTarget)
    calon = sorted(calon, key=lambda c: (c[1].indikator.urutan, c[1].indikator_id, urutan_sumber.index(c[0])))
    hasil = []
    for asal, t in calon:
        indikator = t.indikator
        lalu = _realisasi_setahun(indikator, realisasi.get(indikator.pk, {}))
        if (otomatis := dari_sumber.untuk(indikator, tahun - 1)) is not None:
            lalu = Realisasi(nilai=otomatis.nilai, label=otomatis.label)
        if lalu is None:
            continue
        if isinstance(lalu, Realisasi):
            nilai_lalu, teks_lalu = lalu.nilai, format_nilai(lalu.nilai, lalu.label, lalu.pembanding)
        else:
            nilai_lalu, teks_lalu = lalu, format_nilai(lalu)
        turun = indikator.arah == Arah.TURUN
        if not (t.nilai > nilai_lalu if turun else t.nilai < nilai_lalu):
            continue
        banding = "lebih tinggi" if turun else "lebih rendah"
        teks_target = _dalam_kurung(format_nilai(t.nilai, t.label, t.pembanding))
        pesan = (
            f"Target {_NAMA_SUMBER[asal]} {tahun} {teks_target} "
            f"{banding} dari realisasi {tahun - 1} {_dalam_kurung(teks_lalu)}: target kurang menantang"
        )
        pesan += " (indikator makin rendah makin baik)." if turun else "."
        hasil.append(
            Peringatan(
                jenis=JenisPeringatan.TARGET_KURANG_MENANTANG,
                indikator=indikator,
                sasaran=indikator.sasaran,
                pesan=pesan,
                tahun=tahun,
                sumber=asal,
                target=t.nilai,
                realisasi=nilai_lalu,
                tahun_realisasi=tahun - 1,
            )
        )
    return hasil


def target_kurang_menantang_indikator(*, indikator: Indikator) -> list[Peringatan]:
    """The Renstra targets of one indicator, over its Renstra period, that ask less than its
    realisasi of the year before (for the Renstra target page)."""
    renstra = indikator.renstra
    return [
        p
        for tahun in range(renstra.tahun_awal, renstra.tahun_akhir + 1)
        for p in target_kurang_menantang(
            kecamatan=renstra.kecamatan, tahun=tahun, sumber=(SumberTarget.RENSTRA,)
        )
        if p.indikator.pk == indikator.pk
    ]


def realisasi_belum_diisi(*, kecamatan: Kecamatan, tahun: int) -> list[Peringatan]:
    """The indicators of the year's effective PK (the perubahan when there is one) that have no
    realisasi value at all, yearly or triwulan, and are not marked belum tersedia; in PK order.
    Empty when the year has no PK. Three queries at most (plus the SKM/SAKIP values when an
    indicator takes its realisasi from them)."""
    dokumen = {pk.jenis: pk for pk in PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun)}
    perjanjian = dokumen.get(Jenis.PERUBAHAN) or dokumen.get(Jenis.MURNI)
    if perjanjian is None:
        return []
    baris = list(
        TargetPK.objects.filter(perjanjian=perjanjian)
        .select_related("indikator__sasaran")
        .order_by("urutan", "id")
    )
    terisi: set[int] = set()
    belum_tersedia: set[int] = set()
    for indikator_id, periode, nilai, status in Realisasi.objects.filter(
        indikator_id__in=[b.indikator_id for b in baris], tahun=tahun
    ).values_list("indikator_id", "periode", "nilai", "status"):
        if nilai is not None:
            terisi.add(indikator_id)
        elif periode == Periode.TAHUNAN and status == Status.BELUM_TERSEDIA:
            belum_tersedia.add(indikator_id)
    dari_sumber = sumber_kecamatan(kecamatan=kecamatan, indikator=[b.indikator for b in baris])
    terisi |= {b.indikator_id for b in baris if dari_sumber.untuk(b.indikator, tahun) is not None}
    return [
        _belum_diisi(b.indikator, tahun)
        for b in baris
        if b.indikator_id not in terisi and b.indikator_id not in belum_tersedia
    ]


def realisasi_belum_diisi_grid(grid: GridRealisasi) -> list[Peringatan]:
    """realisasi_belum_diisi over the rows the realisasi grid already read; no query."""
    return [_belum_diisi(b.indikator, grid.tahun) for b in grid.baris if _belum_diisi_baris(b)]


def _belum_diisi_baris(baris: BarisGrid) -> bool:
    if baris.sumber is not None or any(r.nilai is not None for r in baris.realisasi.values()):
        return False
    tahunan = baris.tahunan
    return tahunan is None or tahunan.status != Status.BELUM_TERSEDIA


def _belum_diisi(indikator: Indikator, tahun: int) -> Peringatan:
    return Peringatan(
        jenis=JenisPeringatan.REALISASI_BELUM_DIISI,
        indikator=indikator,
        sasaran=indikator.sasaran,
        pesan=(
            f"Realisasi {tahun} belum diisi, tahunan maupun triwulan. Isi nilainya, atau pilih status "
            "Belum tersedia dan jelaskan di keterangan."
        ),
        tahun=tahun,
    )
