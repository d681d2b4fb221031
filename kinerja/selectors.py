"""Scoped reads for the kinerja pages (STYLE.md §2: selectors read).

Every function takes its scope as a required keyword (`kecamatan=`, `tahun=`, `kabupaten=`), does
its own select_related/prefetch_related and returns plain data for the templates, so the number
of queries of a page never grows with the number of rows. Objects outside the scope are not
found: the function returns None and the view answers 404.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kinerja import skm
from kinerja.capaian import agregat_periode
from kinerja.models import (
    MAKS_TAHUN_SEJARAH,
    Arah,
    Indikator,
    Pembanding,
    PerjanjianKinerja,
    ProgramPK,
    Realisasi,
    Renstra,
    Sasaran,
    SdmSasaran,
    SumberRealisasi,
    Target,
    TargetPK,
    TargetTriwulanPK,
    Tujuan,
)
from kinerja.nilai import format_nilai
from kinerja.selectors_skm import (
    nilai_sakip_per_tahun,
    nilai_sakip_tahun,
    nilai_skm_per_tahun,
    nilai_skm_tahun,
)
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat

Jenis = PerjanjianKinerja.Jenis
Periode = Realisasi.Periode

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERIODE_TRIWULAN = {Periode.TW1: 1, Periode.TW2: 2, Periode.TW3: 3, Periode.TW4: 4}


# --- realisasi taken from the SKM or the SAKIP evaluation ----------------------------------------
# An indicator whose `sumber_realisasi` is skm or sakip takes its yearly realisasi from the survey
# result or the LHE of the year once one is recorded (issue 6 items 4-5): that value is the yearly
# realisasi everywhere (pages, pengukuran, report, Excel) and cannot be typed over. A year without a
# result keeps the typed or triwulan-derived value, as for any indicator.

_ASAL_SUMBER = {SumberRealisasi.SKM: "SKM", SumberRealisasi.SAKIP: "evaluasi SAKIP"}
_URL_SUMBER = {SumberRealisasi.SKM: "kinerja:skm_daftar", SumberRealisasi.SAKIP: "kinerja:sakip_daftar"}


@dataclass(frozen=True)
class NilaiSumber:
    """The yearly realisasi an indicator takes from the SKM of `tahun` (nilai konversi 25-100, the
    mean of the year's periods, DOMAIN.md §3.7 step 5) or from the SAKIP evaluation issued in `tahun`
    (its total, DOMAIN.md §3.8). A SAKIP value carries the predikat its scale derives ("BB (72,10)",
    as the reports print the SAKIP realisasi, §3.10 S1); an SKM value is a plain number ("85,00", as
    reports print the IKM realisasi next to a plain target, §3.7 step 7). Full precision."""

    sumber: str
    tahun: int
    nilai: Decimal
    label: str = ""

    @property
    def teks(self) -> str:
        """ "85,00", "BB (72,10)"."""
        return format_nilai(self.nilai, self.label)

    @property
    def asal(self) -> str:
        """ "SKM 2024", "evaluasi SAKIP 2024"."""
        return f"{_ASAL_SUMBER[self.sumber]} {self.tahun}"

    @property
    def keterangan(self) -> str:
        """ "dari SKM 2024: 85,00"."""
        return f"dari {self.asal}: {self.teks}"

    @property
    def nama_url(self) -> str:
        return _URL_SUMBER[self.sumber]


def _nilai_sumber(sumber: str, tahun: int, nilai: Decimal | None) -> NilaiSumber | None:
    if nilai is None:
        return None
    label = ""
    if sumber == SumberRealisasi.SAKIP:
        pita = skm.predikat_sakip(nilai)
        label = pita.kode if pita else ""
    return NilaiSumber(sumber=sumber, tahun=tahun, nilai=nilai, label=label)


def menunggu_sumber(indikator: Indikator, tahun: int) -> str:
    """What a page says for an skm/sakip indicator in a year without a result yet ("" for isian)."""
    if indikator.sumber_realisasi == SumberRealisasi.SKM:
        return f"Realisasi {tahun} akan diambil dari hasil SKM {tahun} setelah hasilnya dicatat."
    if indikator.sumber_realisasi == SumberRealisasi.SAKIP:
        return (
            f"Realisasi {tahun} akan diambil dari evaluasi SAKIP yang terbit tahun {tahun} setelah "
            "hasilnya dicatat."
        )
    return ""


@dataclass(frozen=True)
class SumberKecamatan:
    """The SKM and SAKIP values of every year of a kecamatan, read once per page."""

    skm: dict[int, Decimal] = field(default_factory=dict)
    sakip: dict[int, Decimal] = field(default_factory=dict)

    def untuk(self, indikator: Indikator, tahun: int) -> NilaiSumber | None:
        """The value `indikator` takes in `tahun`; None for an isian indicator or a year without one."""
        if indikator.sumber_realisasi == SumberRealisasi.SKM:
            return _nilai_sumber(SumberRealisasi.SKM, tahun, self.skm.get(tahun))
        if indikator.sumber_realisasi == SumberRealisasi.SAKIP:
            return _nilai_sumber(SumberRealisasi.SAKIP, tahun, self.sakip.get(tahun))
        return None


def sumber_kecamatan(*, kecamatan: Kecamatan, indikator: Iterable[Indikator]) -> SumberKecamatan:
    """The SKM values (3 queries) when one of `indikator` takes its realisasi from the SKM, and the
    SAKIP values (2 queries) when one takes it from the evaluation; no query otherwise. The count
    does not grow with the number of indicators or years."""
    jenis = {i.sumber_realisasi for i in indikator}
    return SumberKecamatan(
        skm=nilai_skm_per_tahun(kecamatan=kecamatan) if SumberRealisasi.SKM in jenis else {},
        sakip=nilai_sakip_per_tahun(kecamatan=kecamatan) if SumberRealisasi.SAKIP in jenis else {},
    )


def nilai_sumber(*, indikator: Indikator, tahun: int) -> NilaiSumber | None:
    """The value one indicator takes in one year (for the services that refuse a typed value)."""
    kecamatan = indikator.renstra.kecamatan
    if indikator.sumber_realisasi == SumberRealisasi.SKM:
        return _nilai_sumber(SumberRealisasi.SKM, tahun, nilai_skm_tahun(kecamatan, tahun))
    if indikator.sumber_realisasi == SumberRealisasi.SAKIP:
        return _nilai_sumber(SumberRealisasi.SAKIP, tahun, nilai_sakip_tahun(kecamatan, tahun))
    return None


# --- beranda and kecamatan page -----------------------------------------------------------------


@dataclass(frozen=True)
class TahunRenstra:
    """One year of a Renstra period and which PK documents exist for it."""

    tahun: int
    ada_murni: bool
    ada_perubahan: bool

    @property
    def ada_pk(self) -> bool:
        return self.ada_murni or self.ada_perubahan


@dataclass(frozen=True)
class RingkasanRenstra:
    renstra: Renstra
    tahun: list[TahunRenstra]

    @property
    def tahun_tanpa_pk(self) -> list[int]:
        return [t.tahun for t in self.tahun if not t.ada_pk]


@dataclass(frozen=True)
class BelumRealisasi:
    """The indicators of the effective PK of a year that have no yearly realisasi yet."""

    perjanjian: PerjanjianKinerja
    indikator: list[Indikator]

    @property
    def tahun(self) -> int:
        return self.perjanjian.tahun


@dataclass(frozen=True)
class RingkasanKecamatan:
    kecamatan: Kecamatan
    renstra: list[RingkasanRenstra]
    belum_realisasi: list[BelumRealisasi]

    @property
    def tahun_tanpa_pk(self) -> list[int]:
        return sorted({t for r in self.renstra for t in r.tahun_tanpa_pk})

    @property
    def lengkap(self) -> bool:
        return not self.tahun_tanpa_pk and not self.belum_realisasi


@dataclass(frozen=True)
class ProfilKecamatan:
    kecamatan: Kecamatan
    desa: list[Desa]
    camat: Pejabat | None
    renstra: list[RingkasanRenstra]
    # PK years that no Renstra period covers (older documents): still linked from the page.
    tahun_pk_lain: list[int]


def kecamatan_daftar(*, kabupaten: QuerySet[Kabupaten] | Iterable[Kabupaten], q: str = "") -> QuerySet:
    """The kecamatan of the given kabupaten, optionally filtered by name, with their latest Renstra
    period and latest PK year annotated (subqueries: one query however long the list)."""
    renstra_terakhir = Renstra.objects.filter(kecamatan=OuterRef("pk")).order_by("-tahun_awal")
    pk_terakhir = (
        PerjanjianKinerja.objects.filter(kecamatan=OuterRef("pk"))
        .values("kecamatan")
        .annotate(terakhir=Max("tahun"))
        .values("terakhir")
    )
    daftar = Kecamatan.objects.filter(kabupaten__in=kabupaten).select_related("kabupaten")
    q = q.strip()
    if q:
        daftar = daftar.filter(nama__icontains=q)
    return daftar.annotate(
        renstra_awal=Subquery(renstra_terakhir.values("tahun_awal")[:1]),
        renstra_akhir=Subquery(renstra_terakhir.values("tahun_akhir")[:1]),
        pk_terakhir=Subquery(pk_terakhir[:1]),
    ).order_by("kabupaten__nama", "nama")


def _ringkasan_renstra(
    renstra: Iterable[Renstra], perjanjian: Iterable[PerjanjianKinerja]
) -> list[RingkasanRenstra]:
    jenis_per_tahun: dict[int, set[str]] = defaultdict(set)
    for pk in perjanjian:
        jenis_per_tahun[pk.tahun].add(pk.jenis)
    return [
        RingkasanRenstra(
            renstra=r,
            tahun=[
                TahunRenstra(
                    tahun=t,
                    ada_murni=Jenis.MURNI in jenis_per_tahun[t],
                    ada_perubahan=Jenis.PERUBAHAN in jenis_per_tahun[t],
                )
                for t in r.tahun_periode
            ],
        )
        for r in renstra
    ]


def _pk_efektif(perjanjian: Iterable[PerjanjianKinerja]) -> dict[int, PerjanjianKinerja]:
    """The PK in force per year: the perubahan when there is one, else the murni."""
    efektif: dict[int, PerjanjianKinerja] = {}
    for pk in perjanjian:
        if pk.tahun not in efektif or pk.jenis == Jenis.PERUBAHAN:
            efektif[pk.tahun] = pk
    return efektif


def ringkasan_kecamatan(*, kecamatan: Kecamatan) -> RingkasanKecamatan:
    """What the operator and the camat see on their home page: the Renstra with its years and
    which PK exist, and what is still missing (years without PK, PK indicators without realisasi).

    An indicator has its yearly realisasi when the yearly value is entered, or when all four
    triwulan values are (the yearly value is then aggregated from them, DESIGN.md §3), or when it
    takes it from the year's SKM or SAKIP result and that result is recorded.
    """
    renstra = list(Renstra.objects.filter(kecamatan=kecamatan).order_by("-tahun_awal"))
    perjanjian = list(
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan)
        .order_by("tahun", "jenis")
        .prefetch_related(
            Prefetch("target", queryset=TargetPK.objects.select_related("indikator").order_by("urutan", "id"))
        )
    )
    ada_tahunan: set[tuple[int, int]] = set()
    triwulan_terisi: dict[tuple[int, int], int] = defaultdict(int)
    for indikator_id, tahun, periode in Realisasi.objects.filter(
        indikator__renstra__kecamatan=kecamatan, nilai__isnull=False
    ).values_list("indikator_id", "tahun", "periode"):
        if periode == Periode.TAHUNAN:
            ada_tahunan.add((indikator_id, tahun))
        else:
            triwulan_terisi[(indikator_id, tahun)] += 1

    indikator_pk = [b.indikator for pk in perjanjian for b in pk.target.all()]
    sumber = sumber_kecamatan(kecamatan=kecamatan, indikator=indikator_pk)

    def ada_realisasi(indikator: Indikator, tahun: int) -> bool:
        if sumber.untuk(indikator, tahun) is not None:
            return True
        return (indikator.pk, tahun) in ada_tahunan or triwulan_terisi[(indikator.pk, tahun)] == 4

    belum = []
    for tahun, pk in sorted(_pk_efektif(perjanjian).items()):
        kurang = [b.indikator for b in pk.target.all() if not ada_realisasi(b.indikator, tahun)]
        if kurang:
            belum.append(BelumRealisasi(perjanjian=pk, indikator=kurang))
    return RingkasanKecamatan(
        kecamatan=kecamatan, renstra=_ringkasan_renstra(renstra, perjanjian), belum_realisasi=belum
    )


def _camat_menjabat(pejabat: Iterable[Pejabat], pada: date) -> Pejabat | None:
    """The kepala in office on `pada`; else the one who took office last."""
    kepala = [p for p in pejabat if p.peran == Pejabat.Peran.KEPALA]
    menjabat = [
        p for p in kepala if (p.mulai is None or p.mulai <= pada) and (p.selesai is None or p.selesai >= pada)
    ]
    calon = menjabat or kepala
    if not calon:
        return None
    return max(calon, key=lambda p: (p.mulai or date.min, p.id))


def kecamatan_profil(*, kecamatan: Kecamatan) -> ProfilKecamatan:
    """The profile page of a kecamatan: profile data, desa, the camat in office, Renstra and years."""
    renstra = list(Renstra.objects.filter(kecamatan=kecamatan).order_by("-tahun_awal"))
    perjanjian = list(PerjanjianKinerja.objects.filter(kecamatan=kecamatan).order_by("tahun", "jenis"))
    ringkasan = _ringkasan_renstra(renstra, perjanjian)
    tahun_renstra = {t.tahun for r in ringkasan for t in r.tahun}
    return ProfilKecamatan(
        kecamatan=kecamatan,
        desa=list(Desa.objects.filter(kecamatan=kecamatan).order_by("urutan", "id")),
        camat=_camat_menjabat(Pejabat.objects.filter(kecamatan=kecamatan), timezone.localdate()),
        renstra=ringkasan,
        tahun_pk_lain=sorted({pk.tahun for pk in perjanjian} - tahun_renstra),
    )


# --- Renstra tree ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Misi:
    nomor: int
    teks: str
    didukung: bool


@dataclass(frozen=True)
class BarisIndikator:
    """An indicator with its Renstra target for each year of the period (None where missing)."""

    indikator: Indikator
    target: list[Target | None]
    target_akhir: Target | None


@dataclass(frozen=True)
class SasaranPohon:
    sasaran: Sasaran
    indikator: list[BarisIndikator]
    sdm: list[SdmSasaran]


@dataclass(frozen=True)
class TujuanPohon:
    tujuan: Tujuan
    indikator: list[BarisIndikator]
    sasaran: list[SasaranPohon]


@dataclass(frozen=True)
class RenstraPohon:
    renstra: Renstra
    tahun: list[int]
    misi: list[Misi]
    tujuan: list[TujuanPohon]


def _target_akhir(indikator: Indikator) -> Target | None:
    # An unsaved Target only to print the end target the same way as the yearly ones (`tampil`).
    if indikator.target_akhir is None:
        return None
    return Target(
        nilai=indikator.target_akhir,
        label=indikator.target_akhir_label,
        pembanding=indikator.target_akhir_pembanding,
    )


def _prefetch_indikator() -> Prefetch:
    return Prefetch(
        "indikator",
        queryset=Indikator.objects.order_by("urutan", "id").prefetch_related(
            Prefetch("target", queryset=Target.objects.order_by("tahun"))
        ),
    )


def renstra_pohon(*, kecamatan: Kecamatan, renstra_id: int) -> RenstraPohon | None:
    """The Renstra `renstra_id` of the kecamatan as a tree: tujuan > sasaran > indikator with targets."""
    renstra = (
        Renstra.objects.filter(kecamatan=kecamatan, pk=renstra_id)
        .prefetch_related(
            Prefetch(
                "tujuan",
                queryset=Tujuan.objects.order_by("urutan", "id").prefetch_related(
                    _prefetch_indikator(),
                    Prefetch(
                        "sasaran",
                        queryset=Sasaran.objects.order_by("urutan", "id").prefetch_related(
                            _prefetch_indikator(),
                            Prefetch("sdm", queryset=SdmSasaran.objects.order_by("tahun")),
                        ),
                    ),
                ),
            )
        )
        .first()
    )
    if renstra is None:
        return None
    tahun = renstra.tahun_periode

    def baris(indikator: Indikator) -> BarisIndikator:
        per_tahun = {t.tahun: t for t in indikator.target.all()}
        return BarisIndikator(
            indikator=indikator,
            target=[per_tahun.get(t) for t in tahun],
            target_akhir=_target_akhir(indikator),
        )

    didukung = {int(n) for n in renstra.misi_didukung if str(n).isdigit()}
    return RenstraPohon(
        renstra=renstra,
        tahun=tahun,
        misi=[Misi(nomor=i, teks=teks, didukung=i in didukung) for i, teks in enumerate(renstra.misi, 1)],
        tujuan=[
            TujuanPohon(
                tujuan=tujuan,
                indikator=[baris(i) for i in tujuan.indikator.all()],
                sasaran=[
                    SasaranPohon(
                        sasaran=sasaran,
                        indikator=[baris(i) for i in sasaran.indikator.all()],
                        sdm=list(sasaran.sdm.all()),
                    )
                    for sasaran in tujuan.sasaran.all()
                ],
            )
            for tujuan in renstra.tujuan.all()
        ],
    )


# --- Perjanjian Kinerja of a year -----------------------------------------------------------------


@dataclass(frozen=True)
class DokumenPK:
    perjanjian: PerjanjianKinerja
    program: list[ProgramPK]
    total_anggaran: Decimal


@dataclass(frozen=True)
class BarisPK:
    indikator: Indikator
    murni: TargetPK | None
    perubahan: TargetPK | None
    triwulan_murni: list[TargetTriwulanPK | None]
    triwulan_perubahan: list[TargetTriwulanPK | None]


@dataclass(frozen=True)
class PKTahun:
    tahun: int
    murni: DokumenPK | None
    perubahan: DokumenPK | None
    baris: list[BarisPK]
    ada_triwulan_murni: bool
    ada_triwulan_perubahan: bool


def _triwulan(baris: TargetPK | None) -> list[TargetTriwulanPK | None]:
    if baris is None:
        return [None] * 4
    per_tw = {tw.triwulan: tw for tw in baris.triwulan.all()}
    return [per_tw.get(i) for i in range(1, 5)]


def pk_tahun(*, kecamatan: Kecamatan, tahun: int) -> PKTahun | None:
    """The PK murni and perubahan of a year side by side; None when the year has no PK."""
    dokumen = {
        pk.jenis: pk
        for pk in PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun)
        .order_by("jenis")
        .prefetch_related(
            Prefetch(
                "target",
                queryset=TargetPK.objects.select_related("indikator")
                .prefetch_related("triwulan")
                .order_by("urutan", "id"),
            ),
            Prefetch("program", queryset=ProgramPK.objects.order_by("urutan", "id")),
        )
    }
    if not dokumen:
        return None
    murni, perubahan = dokumen.get(Jenis.MURNI), dokumen.get(Jenis.PERUBAHAN)

    # Rows in the order of the murni document, then what only the perubahan has, in its order.
    urutan: list[Indikator] = []
    target: dict[str, dict[int, TargetPK]] = {Jenis.MURNI: {}, Jenis.PERUBAHAN: {}}
    for pk in (murni, perubahan):
        if pk is None:
            continue
        for baris in pk.target.all():
            if all(baris.indikator_id not in per_indikator for per_indikator in target.values()):
                urutan.append(baris.indikator)
            target[pk.jenis][baris.indikator_id] = baris

    semua_baris = []
    for indikator in urutan:
        m = target[Jenis.MURNI].get(indikator.pk)
        p = target[Jenis.PERUBAHAN].get(indikator.pk)
        semua_baris.append(
            BarisPK(
                indikator=indikator,
                murni=m,
                perubahan=p,
                triwulan_murni=_triwulan(m),
                triwulan_perubahan=_triwulan(p),
            )
        )

    def dok(pk: PerjanjianKinerja | None) -> DokumenPK | None:
        if pk is None:
            return None
        program = list(pk.program.all())
        return DokumenPK(
            perjanjian=pk, program=program, total_anggaran=sum((p.anggaran for p in program), Decimal(0))
        )

    return PKTahun(
        tahun=tahun,
        murni=dok(murni),
        perubahan=dok(perubahan),
        baris=semua_baris,
        ada_triwulan_murni=any(tw for b in semua_baris for tw in b.triwulan_murni),
        ada_triwulan_perubahan=any(tw for b in semua_baris for tw in b.triwulan_perubahan),
    )


# --- realisasi of a year --------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisRealisasi:
    indikator: Indikator
    target: Target | TargetPK | None
    sumber_target: str
    tahunan: Realisasi | None
    triwulan: list[Realisasi | None]
    # The yearly realisasi taken from the SKM or SAKIP result of the year (it wins over `tahunan`).
    sumber: NilaiSumber | None = None
    # For an skm/sakip indicator without a result for the year yet: what the page says.
    menunggu: str = ""

    @property
    def status(self) -> str:
        """The status of the yearly realisasi as shown ("" when there is none)."""
        if self.sumber is not None:
            if self.tahunan is not None and self.tahunan.status == Realisasi.Status.SEMENTARA:
                return self.tahunan.get_status_display()
            return Realisasi.Status.FINAL.label
        return self.tahunan.get_status_display() if self.tahunan else ""


@dataclass(frozen=True)
class KelompokRealisasi:
    tingkat: str
    kode: str
    uraian: str
    baris: list[BarisRealisasi]


@dataclass(frozen=True)
class RealisasiTahun:
    tahun: int
    renstra: Renstra
    perjanjian: PerjanjianKinerja | None
    kelompok: list[KelompokRealisasi] = field(default_factory=list)

    @property
    def ada_sumber(self) -> bool:
        """Whether an indicator takes its yearly realisasi from the SKM or SAKIP result."""
        return any(
            b.indikator.sumber_realisasi != SumberRealisasi.ISIAN for k in self.kelompok for b in k.baris
        )


def realisasi_tahun(*, kecamatan: Kecamatan, tahun: int) -> RealisasiTahun | None:
    """Every indicator of the Renstra covering `tahun`, grouped by tujuan and sasaran, with its
    target for the year (the effective PK's, else the Renstra's) and its yearly and triwulan
    realisasi (the yearly one from the SKM/SAKIP result for such indicators: see NilaiSumber). None
    when no Renstra of the kecamatan covers the year. No capaian here."""
    renstra = (
        Renstra.objects.filter(kecamatan=kecamatan, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal")
        .prefetch_related(
            Prefetch("tujuan", queryset=Tujuan.objects.order_by("urutan", "id")),
            Prefetch("sasaran", queryset=Sasaran.objects.order_by("urutan", "id")),
            Prefetch(
                "indikator",
                queryset=Indikator.objects.order_by("urutan", "id").prefetch_related(
                    Prefetch("target", queryset=Target.objects.filter(tahun=tahun)),
                    Prefetch("realisasi", queryset=Realisasi.objects.filter(tahun=tahun)),
                ),
            ),
        )
        .first()
    )
    if renstra is None:
        return None
    pk = _pk_efektif(
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun)
        .order_by("jenis")
        .prefetch_related("target")
    ).get(tahun)
    target_pk = {t.indikator_id: t for t in pk.target.all()} if pk else {}
    sumber_pk = ("PK Perubahan" if pk.jenis == Jenis.PERUBAHAN else "PK") if pk else ""
    dari_sumber = sumber_kecamatan(kecamatan=kecamatan, indikator=renstra.indikator.all())

    def baris(indikator: Indikator) -> BarisRealisasi:
        realisasi = {r.periode: r for r in indikator.realisasi.all()}
        target: Target | TargetPK | None = target_pk.get(indikator.pk)
        sumber = sumber_pk
        if target is None:
            target = next(iter(indikator.target.all()), None)
            sumber = "Renstra" if target else ""
        nilai_sumber = dari_sumber.untuk(indikator, tahun)
        return BarisRealisasi(
            indikator=indikator,
            target=target,
            sumber_target=sumber,
            tahunan=realisasi.get(Periode.TAHUNAN),
            triwulan=[realisasi.get(p) for p in Realisasi.TRIWULAN],
            sumber=nilai_sumber,
            menunggu="" if nilai_sumber else menunggu_sumber(indikator, tahun),
        )

    per_tujuan: dict[int, list[Indikator]] = defaultdict(list)
    per_sasaran: dict[int, list[Indikator]] = defaultdict(list)
    for indikator in renstra.indikator.all():
        if indikator.sasaran_id:
            per_sasaran[indikator.sasaran_id].append(indikator)
        else:
            per_tujuan[indikator.tujuan_id].append(indikator)
    sasaran_per_tujuan: dict[int, list[Sasaran]] = defaultdict(list)
    for sasaran in renstra.sasaran.all():
        sasaran_per_tujuan[sasaran.tujuan_id].append(sasaran)

    kelompok = []
    for tujuan in renstra.tujuan.all():
        if per_tujuan[tujuan.pk]:
            kelompok.append(
                KelompokRealisasi(
                    tingkat="Tujuan",
                    kode=tujuan.kode,
                    uraian=tujuan.uraian,
                    baris=[baris(i) for i in per_tujuan[tujuan.pk]],
                )
            )
        for sasaran in sasaran_per_tujuan[tujuan.pk]:
            kelompok.append(
                KelompokRealisasi(
                    tingkat="Sasaran",
                    kode=sasaran.kode,
                    uraian=sasaran.uraian,
                    baris=[baris(i) for i in per_sasaran[sasaran.pk]],
                )
            )
    return RealisasiTahun(tahun=tahun, renstra=renstra, perjanjian=pk, kelompok=kelompok)


# --- change history of an indicator ---------------------------------------------------------------


@dataclass(frozen=True)
class PerubahanNilai:
    """One field of a history row: its value before and after. `angka` says to format as a number."""

    nama: str
    lama: Any
    baru: Any
    angka: bool = False


@dataclass(frozen=True)
class EntriRiwayat:
    waktu: datetime
    pengguna: str
    objek: str
    jenis: str
    perubahan: list[PerubahanNilai]
    alasan: str

    @property
    def jenis_tampil(self) -> str:
        return {"+": "dibuat", "~": "diubah", "-": "dihapus"}.get(self.jenis, self.jenis)


@dataclass(frozen=True)
class RiwayatIndikator:
    indikator: Indikator
    entri: list[EntriRiwayat]


def _tampil_pilihan(pilihan: type, nilai: str) -> str:
    if not nilai:
        return ""
    try:
        return str(pilihan(nilai).label)
    except ValueError:
        return nilai


def _ya_tidak(nilai: bool | None) -> str:
    return "" if nilai is None else ("Ya" if nilai else "Tidak")


# (label, how to read it from a history row, numeric?) per tracked model.
_KOLOM_NILAI = [
    ("nilai", lambda h: h.nilai, True),
    ("label", lambda h: h.label, False),
    ("pembanding", lambda h: _tampil_pilihan(Pembanding, h.pembanding), False),
]
_KOLOM_REALISASI = [
    ("nilai", lambda h: h.nilai, True),
    ("label", lambda h: h.label, False),
    ("status", lambda h: _tampil_pilihan(Realisasi.Status, h.status), False),
]
_KOLOM_INDIKATOR = [
    ("kode", lambda h: h.kode, False),
    ("nama", lambda h: h.nama, False),
    ("satuan", lambda h: h.satuan, False),
    ("arah", lambda h: _tampil_pilihan(Arah, h.arah), False),
    ("IKU", lambda h: _ya_tidak(h.iku), False),
    ("target akhir", lambda h: h.target_akhir, True),
    ("label target akhir", lambda h: h.target_akhir_label, False),
]


def _kosong(nilai: Any) -> bool:
    return nilai is None or nilai == ""


def _entri(baris_riwayat: list, kolom: list, objek) -> list[EntriRiwayat]:
    """Turn the history rows of one model into entries, each compared with the previous row of
    the same object (rows come in any order; they are grouped by object id here)."""
    per_objek: dict[int, list] = defaultdict(list)
    for h in baris_riwayat:
        per_objek[h.id].append(h)
    hasil = []
    for rows in per_objek.values():
        rows.sort(key=lambda h: (h.history_date, h.history_id))
        sebelumnya = None
        for h in rows:
            perubahan = []
            for nama, baca, angka in kolom:
                baru = baca(h)
                if h.history_type == "-":
                    if not _kosong(baru):
                        perubahan.append(PerubahanNilai(nama=nama, lama=baru, baru=None, angka=angka))
                    continue
                lama = baca(sebelumnya) if sebelumnya is not None else None
                if sebelumnya is None or h.history_type == "+":
                    if not _kosong(baru):
                        perubahan.append(PerubahanNilai(nama=nama, lama=None, baru=baru, angka=angka))
                elif lama != baru:
                    perubahan.append(PerubahanNilai(nama=nama, lama=lama, baru=baru, angka=angka))
            hasil.append(
                EntriRiwayat(
                    waktu=timezone.localtime(h.history_date),
                    pengguna=h.history_user.get_username() if h.history_user else "sistem",
                    objek=objek(h),
                    jenis=h.history_type,
                    perubahan=perubahan,
                    alasan=h.history_change_reason or "",
                )
            )
            sebelumnya = h
    return hasil


def _nama_pk(perjanjian: PerjanjianKinerja | None) -> str:
    if perjanjian is None:
        return "target PK (dokumen PK sudah dihapus)"
    jenis = " perubahan" if perjanjian.jenis == Jenis.PERUBAHAN else ""
    return f"target PK{jenis} {perjanjian.tahun}"


def indikator_riwayat(*, kecamatan: Kecamatan, indikator_id: int) -> RiwayatIndikator | None:
    """Every recorded change of an indicator, its Renstra and PK targets (yearly and triwulan) and its
    realisasi, newest first. None when the indicator is not of this kecamatan."""
    indikator = (
        Indikator.objects.filter(pk=indikator_id, renstra__kecamatan=kecamatan)
        .select_related("renstra", "tujuan", "sasaran")
        .first()
    )
    if indikator is None:
        return None
    riwayat_pk = list(
        TargetPK.history.filter(indikator_id=indikator.pk).select_related("history_user", "perjanjian")
    )
    # The PK of a triwulan line is that of its (possibly deleted) yearly line: its latest history row.
    pk_baris = {h.id: h.perjanjian for h in sorted(riwayat_pk, key=lambda h: (h.history_date, h.history_id))}
    riwayat_tw = list(
        TargetTriwulanPK.history.filter(baris_id__in=list(pk_baris)).select_related("history_user")
    )

    def nama_realisasi(h) -> str:
        tw = PERIODE_TRIWULAN.get(h.periode)
        return f"realisasi {h.tahun}" + (f" TW {ROMAWI[tw]}" if tw else "")

    entri = [
        *_entri(
            list(Indikator.history.filter(id=indikator.pk).select_related("history_user")),
            _KOLOM_INDIKATOR,
            lambda h: "indikator",
        ),
        *_entri(
            list(Target.history.filter(indikator_id=indikator.pk).select_related("history_user")),
            _KOLOM_NILAI,
            lambda h: f"target {h.tahun}",
        ),
        *_entri(riwayat_pk, _KOLOM_NILAI, lambda h: _nama_pk(h.perjanjian)),
        *_entri(
            riwayat_tw,
            _KOLOM_NILAI,
            lambda h: f"{_nama_pk(pk_baris.get(h.baris_id))} TW {ROMAWI.get(h.triwulan, h.triwulan)}",
        ),
        *_entri(
            list(Realisasi.history.filter(indikator_id=indikator.pk).select_related("history_user")),
            _KOLOM_REALISASI,
            nama_realisasi,
        ),
    ]
    # Newest first; rows of the same instant keep a fixed order, so pagination is stable.
    urut = sorted(enumerate(entri), key=lambda p: (p[1].waktu, p[0]), reverse=True)
    return RiwayatIndikator(indikator=indikator, entri=[e for _, e in urut])


# --- editing the Perjanjian Kinerja ---------------------------------------------------------------


def renstra_untuk_tahun(*, kecamatan: Kecamatan, tahun: int) -> Renstra | None:
    """The Renstra a PK or realisasi year belongs to: the one whose period contains the year (the
    latest when periods overlap), else the earliest one that allows it as a history year
    (Renstra.tahun_diizinkan: up to 5 years before its period). None when none allows it."""
    calon = [
        r
        for r in Renstra.objects.filter(kecamatan=kecamatan, tahun_akhir__gte=tahun).order_by("tahun_awal")
        if r.tahun_diizinkan(tahun)
    ]
    dalam_periode = [r for r in calon if r.tahun_awal <= tahun]
    if dalam_periode:
        return dalam_periode[-1]
    return calon[0] if calon else None


def tahun_pk_baru(*, kecamatan: Kecamatan) -> list[int]:
    """The years for which a PK murni can still be made: allowed by a Renstra, without a murni yet."""
    sudah = set(
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan, jenis=Jenis.MURNI).values_list(
            "tahun", flat=True
        )
    )
    boleh: set[int] = set()
    for awal, akhir in Renstra.objects.filter(kecamatan=kecamatan).values_list("tahun_awal", "tahun_akhir"):
        boleh.update(range(awal - MAKS_TAHUN_SEJARAH, akhir + 1))
    return sorted(boleh - sudah)


def snapshot_pejabat(pejabat: Pejabat | None) -> dict[str, str]:
    """What a PK prints of a signatory (schema `pejabat`): only the fields that are filled."""
    if pejabat is None:
        return {}
    data = {"nama": pejabat.nama, "jabatan": pejabat.jabatan, "nip": pejabat.nip, "pangkat": pejabat.pangkat}
    return {k: v for k, v in data.items() if v}


def pihak_bawaan(*, kecamatan: Kecamatan, pada: date) -> tuple[dict[str, str], dict[str, str]]:
    """The signatories a new PK starts with: the kecamatan's kepala (camat) as pihak pertama and the
    kabupaten's kepala (bupati) as pihak kedua, each the one in office on `pada`."""
    kepala = list(
        Pejabat.objects.filter(
            Q(kecamatan=kecamatan) | Q(kabupaten_id=kecamatan.kabupaten_id), peran=Pejabat.Peran.KEPALA
        )
    )
    camat = _camat_menjabat([p for p in kepala if p.kecamatan_id], pada)
    bupati = _camat_menjabat([p for p in kepala if p.kabupaten_id], pada)
    return snapshot_pejabat(camat), snapshot_pejabat(bupati)


def pk_dokumen(*, kecamatan: Kecamatan, tahun: int, jenis: str) -> PerjanjianKinerja | None:
    """One PK document with its target lines (indicator and triwulan targets) and program lines."""
    return (
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jenis=jenis)
        .prefetch_related(
            Prefetch(
                "target",
                queryset=TargetPK.objects.select_related("indikator")
                .prefetch_related(
                    Prefetch("triwulan", queryset=TargetTriwulanPK.objects.order_by("triwulan"))
                )
                .order_by("urutan", "id"),
            ),
            Prefetch("program", queryset=ProgramPK.objects.order_by("urutan", "id")),
        )
        .first()
    )


def indikator_renstra(*, renstra: Renstra) -> list[Indikator]:
    """The indicators of a Renstra in tree order (tujuan indicators and sasaran indicators)."""
    return list(
        Indikator.objects.filter(renstra=renstra).select_related("tujuan", "sasaran").order_by("urutan", "id")
    )


# --- the realisasi grid -------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisGrid:
    """One indicator of the effective PK with its realisasi of the year, per periode."""

    indikator: Indikator
    target: TargetPK
    realisasi: dict[str, Realisasi]
    # The yearly realisasi taken from the SKM or SAKIP result of the year: shown, never typed.
    sumber: NilaiSumber | None = None
    # For an skm/sakip indicator without a result for the year yet: what the grid says.
    menunggu: str = ""

    @property
    def tahunan(self) -> Realisasi | None:
        return self.realisasi.get(Periode.TAHUNAN)

    @property
    def triwulan(self) -> list[Realisasi | None]:
        return [self.realisasi.get(p) for p in Realisasi.TRIWULAN]

    @property
    def rerata(self) -> bool:
        return self.indikator.sumber_realisasi == SumberRealisasi.SKM

    @property
    def cara_turunan(self) -> str:
        if self.rerata:
            return "rata-rata"
        return "jumlah" if self.indikator.kumulatif else "nilai terakhir"

    @property
    def turunan(self) -> Decimal | None:
        """The yearly value derived from the triwulan (capaian.agregat_periode) when no yearly
        value is entered, the yearly realisasi is not marked belum tersedia and does not come from
        the SKM/SAKIP; else None."""
        tahunan = self.tahunan
        if self.sumber is not None:
            return None
        if tahunan is not None and (
            tahunan.nilai is not None or tahunan.status == Realisasi.Status.BELUM_TERSEDIA
        ):
            return None
        return agregat_periode(
            [r.nilai if r else None for r in self.triwulan],
            kumulatif=self.indikator.kumulatif,
            indeks=self.rerata,
        )


@dataclass(frozen=True)
class PembandingTarget:
    """What the warnings of the grid page compare (kinerja.peringatan), read with the grid: every
    target of the year (PK murni and perubahan, Renstra), the realisasi of the year before of their
    indicators, and the SKM/SAKIP values of every year."""

    target_pk: list[TargetPK]
    target_renstra: list[Target]
    realisasi_lalu: dict[int, dict[str, Realisasi]]
    sumber: SumberKecamatan


@dataclass(frozen=True)
class GridRealisasi:
    tahun: int
    perjanjian: PerjanjianKinerja | None
    # The Renstra of the year (for the link to make a PK when there is none); None when a PK exists.
    renstra: Renstra | None
    baris: list[BarisGrid]
    # Read only when asked for (dengan_pembanding=True).
    pembanding: PembandingTarget | None = None

    @property
    def ada_sumber(self) -> bool:
        """Whether a row takes its yearly realisasi from the SKM or SAKIP result."""
        return any(b.sumber is not None for b in self.baris)


def realisasi_grid(
    *, kecamatan: Kecamatan, tahun: int, indikator_id: int | None = None, dengan_pembanding: bool = False
) -> GridRealisasi:
    """The realisasi input grid of a year: one row per indicator of the effective PK (the perubahan
    when there is one, else the murni) in the PK's order, with its realisasi per periode. With
    `indikator_id`, only that indicator's row (none when it is not in the PK). With
    `dengan_pembanding`, also what the page's warnings compare (GridRealisasi.pembanding).

    Queries: the PK documents, their targets, the realisasi, and the SKM/SAKIP values when an
    indicator takes its realisasi from them (sumber_kecamatan); with `dengan_pembanding` one more
    for the Renstra targets of the year (the realisasi of the year before comes with the same
    query). Without a PK: the Renstra of the year instead of the targets and realisasi (and, with
    `dengan_pembanding`, the Renstra targets and last year's realisasi). The count does not grow
    with the number of indicators."""
    dokumen = list(PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun))
    pk = _pk_efektif(dokumen).get(tahun)
    target_renstra: list[Target] = []
    if dengan_pembanding:
        target_renstra = list(
            Target.objects.filter(indikator__renstra__kecamatan=kecamatan, tahun=tahun).select_related(
                "indikator__sasaran"
            )
        )
    target_pk: list[TargetPK] = []
    if pk is not None:
        baris_pk = TargetPK.objects.select_related("indikator__renstra", "indikator__sasaran").order_by(
            "urutan", "id"
        )
        if indikator_id is not None:
            baris_pk = baris_pk.filter(perjanjian=pk, indikator_id=indikator_id)
        elif dengan_pembanding:
            # The murni's targets too: the warnings compare them (one query for both documents).
            baris_pk = baris_pk.filter(perjanjian__in=dokumen)
        else:
            baris_pk = baris_pk.filter(perjanjian=pk)
        per_id = {d.pk: d for d in dokumen}
        for t in baris_pk:
            t.perjanjian = per_id[t.perjanjian_id]
            target_pk.append(t)
    baris_pk = [t for t in target_pk if t.perjanjian_id == pk.pk] if pk is not None else []
    id_baris = [b.indikator_id for b in baris_pk]
    id_lalu = {t.indikator_id for t in (*target_pk, *target_renstra)} if dengan_pembanding else set()
    realisasi: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    realisasi_lalu: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    if id_baris or id_lalu:
        for r in Realisasi.objects.filter(
            Q(tahun=tahun, indikator_id__in=id_baris) | Q(tahun=tahun - 1, indikator_id__in=id_lalu)
        ):
            (realisasi if r.tahun == tahun else realisasi_lalu)[r.indikator_id][r.periode] = r
    for b in baris_pk:
        # The kecamatan is known: spare the services a query per row when they check permission.
        b.indikator.renstra.kecamatan = kecamatan
    dari_sumber = sumber_kecamatan(
        kecamatan=kecamatan,
        indikator=[t.indikator for t in (*target_pk, *target_renstra)],
    )
    pembanding = (
        PembandingTarget(
            target_pk=target_pk,
            target_renstra=target_renstra,
            realisasi_lalu=realisasi_lalu,
            sumber=dari_sumber,
        )
        if dengan_pembanding
        else None
    )
    if pk is None:
        return GridRealisasi(
            tahun=tahun,
            perjanjian=None,
            renstra=renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun),
            baris=[],
            pembanding=pembanding,
        )

    def baris(b: TargetPK) -> BarisGrid:
        nilai_sumber = dari_sumber.untuk(b.indikator, tahun)
        return BarisGrid(
            indikator=b.indikator,
            target=b,
            realisasi=realisasi[b.indikator_id],
            sumber=nilai_sumber,
            menunggu="" if nilai_sumber else menunggu_sumber(b.indikator, tahun),
        )

    return GridRealisasi(
        tahun=tahun, perjanjian=pk, renstra=None, baris=[baris(b) for b in baris_pk], pembanding=pembanding
    )


def realisasi_baris_segar(*, baris: BarisGrid, tahun: int) -> BarisGrid:
    """A grid row with its realisasi read again (one query), e.g. after a cell was saved; the
    indicator, its target and its SKM/SAKIP value stay as they were read."""
    realisasi = {r.periode: r for r in Realisasi.objects.filter(indikator=baris.indikator, tahun=tahun)}
    return replace(baris, realisasi=realisasi)


def target_renstra_tahun(*, renstra: Renstra, tahun: int) -> dict[int, Target]:
    """The Renstra targets of a year per indicator id (a new PK starts from them)."""
    return {t.indikator_id: t for t in Target.objects.filter(indikator__renstra=renstra, tahun=tahun)}


# --- the indicator page of the planning editor -------------------------------------------------


def _tampil_nilai(nilai: Decimal | None, label: str, pembanding: str) -> str:
    return format_nilai(nilai, label, pembanding)


@dataclass(frozen=True)
class TahunIndikator:
    """One year of an indicator: its Renstra target and its yearly realisasi (the yearly value when
    entered, else derived from the triwulan values, DESIGN.md §3)."""

    tahun: int
    dalam_periode: bool
    target: Target | None
    realisasi: Realisasi | None
    nilai_realisasi: Decimal | None
    label_realisasi: str = ""
    pembanding_realisasi: str = ""
    dari_triwulan: bool = False
    # The yearly realisasi taken from the SKM or SAKIP result of the year.
    sumber: NilaiSumber | None = None

    @property
    def belum_tersedia(self) -> bool:
        return (
            self.sumber is None
            and self.realisasi is not None
            and self.realisasi.status == Realisasi.Status.BELUM_TERSEDIA
            and self.nilai_realisasi is None
        )

    @property
    def tampil_target(self) -> str:
        t = self.target
        return _tampil_nilai(t.nilai, t.label, t.pembanding) if t else "-"

    @property
    def tampil_realisasi(self) -> str:
        if self.belum_tersedia:
            return "Belum tersedia"
        return _tampil_nilai(self.nilai_realisasi, self.label_realisasi, self.pembanding_realisasi)

    @property
    def status(self) -> str:
        if self.sumber is not None:
            return f"Dari {self.sumber.asal}"
        if self.dari_triwulan:
            return "Dari triwulan"
        return self.realisasi.get_status_display() if self.realisasi else ""


@dataclass(frozen=True)
class DetailIndikator:
    indikator: Indikator
    tahun: list[TahunIndikator]

    @property
    def tampil_target_akhir(self) -> str:
        i = self.indikator
        return _tampil_nilai(i.target_akhir, i.target_akhir_label, i.target_akhir_pembanding)


def indikator_detail(*, kecamatan: Kecamatan, indikator_id: int) -> DetailIndikator | None:
    """An indicator of the kecamatan with its parent, its Renstra target and yearly realisasi per year
    (the years of the period plus any earlier year holding a target or realisasi). None when the
    indicator is not of this kecamatan."""
    indikator = (
        Indikator.objects.filter(pk=indikator_id, renstra__kecamatan=kecamatan)
        .select_related("renstra", "tujuan", "sasaran__tujuan")
        .prefetch_related(
            Prefetch("target", queryset=Target.objects.order_by("tahun")),
            Prefetch("realisasi", queryset=Realisasi.objects.order_by("tahun", "periode")),
        )
        .first()
    )
    if indikator is None:
        return None
    indikator.renstra.kecamatan = kecamatan
    target = {t.tahun: t for t in indikator.target.all()}
    realisasi: dict[int, dict[str, Realisasi]] = defaultdict(dict)
    for r in indikator.realisasi.all():
        realisasi[r.tahun][r.periode] = r
    periode = indikator.renstra.tahun_periode
    rerata = indikator.sumber_realisasi == SumberRealisasi.SKM
    dari_sumber = sumber_kecamatan(kecamatan=kecamatan, indikator=[indikator])

    def tahun_ini(tahun: int) -> TahunIndikator:
        per_periode = realisasi.get(tahun, {})
        tahunan = per_periode.get(Periode.TAHUNAN)
        dasar = {"tahun": tahun, "dalam_periode": tahun in periode, "target": target.get(tahun)}
        if (nilai_sumber := dari_sumber.untuk(indikator, tahun)) is not None:
            return TahunIndikator(
                **dasar,
                realisasi=tahunan,
                nilai_realisasi=nilai_sumber.nilai,
                label_realisasi=nilai_sumber.label,
                sumber=nilai_sumber,
            )
        if tahunan is not None and (
            tahunan.nilai is not None or tahunan.status == Realisasi.Status.BELUM_TERSEDIA
        ):
            return TahunIndikator(
                **dasar,
                realisasi=tahunan,
                nilai_realisasi=tahunan.nilai,
                label_realisasi=tahunan.label,
                pembanding_realisasi=tahunan.pembanding,
            )
        turunan = agregat_periode(
            [r.nilai if (r := per_periode.get(p)) else None for p in Realisasi.TRIWULAN],
            kumulatif=indikator.kumulatif,
            indeks=rerata,
        )
        return TahunIndikator(
            **dasar, realisasi=tahunan, nilai_realisasi=turunan, dari_triwulan=turunan is not None
        )

    semua_tahun = sorted(set(periode) | set(target) | set(realisasi))
    return DetailIndikator(indikator=indikator, tahun=[tahun_ini(t) for t in semua_tahun])
