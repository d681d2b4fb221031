"""Pengukuran kinerja of a kecamatan in a year: BAB III of the LKjIP as plain data (DOMAIN.md §1.2
item 6, §3.1-3.6, §5.2).

`pengukuran_kinerja` reads the year's targets (the PK in force, else the Renstra), the realisasi of
that year and of the years before, and hands every figure to kinerja/capaian.py: this module
computes no formula of its own, it only chooses the inputs, keeps full precision and writes down
why a figure is undefined. The result is frozen dataclasses without HTML, so the page, the .xlsx
download and the report generator print the same numbers.

Queries: a fixed number per call (PK lines, Renstra targets, realisasi, analyses are each read in
one go; the SKM and SAKIP results once, and only when an indicator takes its realisasi from them),
whatever the number of sasaran and indicators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Prefetch, Q, Value

from kinerja.capaian import (
    Pita,
    Skala,
    agregat_periode,
    capaian,
    capaian_terpotong,
    kelas_warna,
    predikat,
    rata_rata,
    tingkat_kemajuan,
    tren,
)
from kinerja.models import (
    AnalisisSasaran,
    Arah,
    Indikator,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    SumberRealisasi,
    Target,
    TargetPK,
)
from kinerja.nilai import format_nilai
from kinerja.selectors import NilaiSumber, renstra_untuk_tahun, sumber_kecamatan
from lkjip.format import format_angka, format_persen
from lkjip.models import Kecamatan

Jenis = PerjanjianKinerja.Jenis
Periode = Realisasi.Periode
Status = Realisasi.Status

# How many years before the report year the comparison table shows (DOMAIN.md §3.2: "this year vs
# last year and the last 3 years").
TAHUN_PEMBANDING = 3

SUMBER_PK = "pk"
SUMBER_PK_PERUBAHAN = "pk_perubahan"
SUMBER_RENSTRA = "renstra"
NAMA_SUMBER = {SUMBER_PK: "PK", SUMBER_PK_PERUBAHAN: "PK Perubahan", SUMBER_RENSTRA: "Renstra"}

TIDAK_DIHITUNG = "tidak dihitung dalam rata-rata"
TANPA_CAPAIAN = "tidak ada indikator yang capaiannya dapat dihitung"
TANPA_CAPAIAN_SASARAN = f"{TANPA_CAPAIAN}; sasaran tidak dihitung dalam capaian organisasi"


# --- the data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nilai:
    """A target or realisasi value as stored: the number and, for graded or threshold values, the
    label ("BB") and comparator (">=")."""

    nilai: Decimal | None
    label: str = ""
    pembanding: str = ""

    @property
    def teks(self) -> str:
        """ "85,78", "BB (72,10)", "≥ 80,00"; "-" without a value."""
        return format_nilai(self.nilai, self.label, self.pembanding)


@dataclass(frozen=True)
class NilaiRealisasi(Nilai):
    """The yearly realisasi: the SKM/SAKIP result of the year for an indicator that takes it from
    there (`sumber`), else the yearly value when entered, else derived from the triwulan."""

    status: str = ""
    keterangan: str = ""
    dari_triwulan: bool = False
    sumber: NilaiSumber | None = None

    @property
    def belum_tersedia(self) -> bool:
        return self.status == Status.BELUM_TERSEDIA and self.nilai is None

    @property
    def sementara(self) -> bool:
        return self.status == Status.SEMENTARA

    @property
    def teks(self) -> str:
        return "Belum tersedia" if self.belum_tersedia else super().teks


@dataclass(frozen=True)
class TahunKinerja:
    """One year of an indicator: target, realisasi, capaian and the trend against the year before."""

    tahun: int
    target: Nilai | None
    sumber_target: str
    realisasi: NilaiRealisasi | None
    capaian: Decimal | None
    alasan: str
    terpotong: bool
    # "Meningkat" / "Menurun" / "Tetap"; None when either year has no realisasi.
    tren: str | None

    @property
    def nama_sumber_target(self) -> str:
        return NAMA_SUMBER.get(self.sumber_target, "")


@dataclass(frozen=True)
class IndikatorKinerja:
    nomor: int
    indikator_id: int
    kode: str
    nama: str
    satuan: str
    arah: str
    kumulatif: bool
    iku: bool
    sumber_target: str
    target: Nilai | None
    realisasi: NilaiRealisasi | None
    capaian: Decimal | None
    # Why capaian is undefined ("target 0", "belum tersedia: ...", "realisasi belum diisi").
    alasan: str
    predikat: Pita | None
    # Arah turun and realisasi above twice the target: capaian floored at 0 (DOMAIN.md §4.4 #4).
    terpotong: bool
    # Footnote number of the reason when capaian is undefined.
    catatan: int | None
    # Trend of the realisasi against the year before.
    tren: str | None
    # The years of PengukuranKinerja.tahun_pembanding, in that order (None: nothing that year).
    tahun_lalu: list[TahunKinerja | None]
    # Comparison with the Renstra end target (DOMAIN.md §3.3).
    target_akhir: Nilai | None
    tahun_akhir_renstra: int | None
    realisasi_kemajuan: Decimal | None
    tingkat_kemajuan: Decimal | None
    # A measurement up to a triwulan (pengukuran_kinerja(sampai_triwulan=...)) whose target is the
    # yearly one because the PK line has no triwulan targets.
    target_tahunan: bool = False

    @property
    def riwayat(self) -> list[TahunKinerja]:
        """The previous years that hold a target or a realisasi of this indicator, oldest first."""
        return [t for t in self.tahun_lalu if t is not None]

    @property
    def nama_arah(self) -> str:
        return Arah(self.arah).label if self.arah in Arah.values else self.arah

    @property
    def nama_sumber_target(self) -> str:
        return NAMA_SUMBER.get(self.sumber_target, "")

    @property
    def kelas_predikat(self) -> str:
        return kelas_warna(self.predikat.warna) if self.predikat else ""


@dataclass(frozen=True)
class KelompokKinerja:
    """A sasaran (or a tujuan, when the PK holds tujuan indicators) with its indicators and mean."""

    tingkat: str  # "sasaran" / "tujuan"
    objek_id: int
    kode: str
    uraian: str
    tahun_dalam_renstra: bool
    indikator: list[IndikatorKinerja]
    rata_rata: Decimal | None
    predikat: Pita | None
    jumlah_tidak_dihitung: int
    ada_analisis: bool
    # Footnote number when no indicator of the group has a capaian.
    catatan: int | None

    @property
    def adalah_sasaran(self) -> bool:
        return self.tingkat == "sasaran"

    @property
    def jumlah_dihitung(self) -> int:
        return len(self.indikator) - self.jumlah_tidak_dihitung

    @property
    def kelas_predikat(self) -> str:
        return kelas_warna(self.predikat.warna) if self.predikat else ""


@dataclass(frozen=True)
class RekapPita:
    """One band of the scale with how many sasaran and indicators fall in it (000 Tabel 3.3)."""

    pita: Pita
    interval: str
    jumlah_sasaran: int
    jumlah_indikator: int

    @property
    def kelas(self) -> str:
        return kelas_warna(self.pita.warna)


@dataclass(frozen=True)
class Catatan:
    """A footnote: one reason, with the codes of every indicator or sasaran it applies to."""

    nomor: int
    teks: str
    kode: tuple[str, ...]

    @property
    def teks_lengkap(self) -> str:
        """ "realisasi belum diisi; tidak dihitung dalam rata-rata (S2.2, S3.1)" """
        return f"{self.teks} ({', '.join(self.kode)})"


@dataclass(frozen=True)
class Peringatan:
    jenis: str  # "analisis_belum_diisi", "capaian_terpotong", "realisasi_sementara", "tanpa_pk"
    teks: str
    kode: str = ""
    # For "analisis_belum_diisi": the sasaran whose analysis of the year can be filled in (None when
    # the year lies outside its Renstra period, where no analysis can be entered).
    sasaran_id: int | None = None


@dataclass(frozen=True)
class PengukuranKinerja:
    kecamatan: Kecamatan
    tahun: int
    perjanjian: PerjanjianKinerja | None
    # Where this year's targets come from: SUMBER_PK, SUMBER_PK_PERUBAHAN, SUMBER_RENSTRA or "".
    sumber_target: str
    renstra: Renstra | None
    skala: Skala
    batas_100: bool
    kelompok: list[KelompokKinerja]
    capaian_organisasi: Decimal | None
    rumus_capaian_organisasi: str
    predikat_organisasi: Pita | None
    rekap_predikat: list[RekapPita]
    jumlah_sasaran_tidak_dihitung: int
    jumlah_indikator_tidak_dihitung: int
    tahun_pembanding: list[int]
    catatan: list[Catatan]
    peringatan: list[Peringatan]
    # The last triwulan measured (1-3) for a report during the year; None for the whole year.
    sampai_triwulan: int | None = None

    @property
    def keterangan_sumber_target(self) -> str:
        if self.perjanjian is not None:
            return str(self.perjanjian)
        if self.sumber_target == SUMBER_RENSTRA and self.renstra is not None:
            return (
                f"Target {self.renstra} tahun {self.tahun} (belum ada Perjanjian Kinerja tahun {self.tahun})"
            )
        return ""

    @property
    def sasaran(self) -> list[KelompokKinerja]:
        return [k for k in self.kelompok if k.adalah_sasaran]

    @property
    def indikator(self) -> list[IndikatorKinerja]:
        return [i for k in self.kelompok for i in k.indikator]

    @property
    def jumlah_sasaran(self) -> int:
        return len(self.sasaran)

    @property
    def jumlah_indikator(self) -> int:
        return len(self.indikator)

    @property
    def kosong(self) -> bool:
        return not self.kelompok

    @property
    def kelas_predikat_organisasi(self) -> str:
        return kelas_warna(self.predikat_organisasi.warna) if self.predikat_organisasi else ""

    @property
    def ada_kemajuan(self) -> bool:
        return any(i.target_akhir is not None for i in self.indikator)


@dataclass(frozen=True)
class TahunPengukuran:
    tahun: int
    ada_pk: bool
    ada_realisasi: bool


# --- helpers --------------------------------------------------------------------------------------


def _sumber_pk(pk: PerjanjianKinerja) -> str:
    return SUMBER_PK_PERUBAHAN if pk.jenis == Jenis.PERUBAHAN else SUMBER_PK


def _pk_efektif(perjanjian: Iterable[PerjanjianKinerja]) -> dict[int, PerjanjianKinerja]:
    """The PK in force per year: the perubahan when there is one, else the murni."""
    efektif: dict[int, PerjanjianKinerja] = {}
    for pk in perjanjian:
        if pk.tahun not in efektif or pk.jenis == Jenis.PERUBAHAN:
            efektif[pk.tahun] = pk
    return efektif


def _nilai(obj) -> Nilai:
    return Nilai(nilai=obj.nilai, label=obj.label, pembanding=obj.pembanding)


def _realisasi_tahun(
    indikator: Indikator, per_periode: dict[str, Realisasi], sumber: NilaiSumber | None = None
) -> NilaiRealisasi | None:
    """The SKM/SAKIP result of the year wins for an indicator that takes its realisasi from there
    (a typed value is ignored; its status counts only as sementara); else the yearly value entered
    (also when marked belum tersedia); else the triwulan values, aggregated by
    capaian.agregat_periode (DESIGN.md §3)."""
    tahunan = per_periode.get(Periode.TAHUNAN)
    if sumber is not None:
        sementara = tahunan is not None and tahunan.status == Status.SEMENTARA
        return NilaiRealisasi(
            nilai=sumber.nilai,
            label=sumber.label,
            status=Status.SEMENTARA if sementara else Status.FINAL,
            keterangan=tahunan.keterangan if tahunan else "",
            sumber=sumber,
        )
    if tahunan is not None and (tahunan.nilai is not None or tahunan.status == Status.BELUM_TERSEDIA):
        return NilaiRealisasi(
            nilai=tahunan.nilai,
            label=tahunan.label,
            pembanding=tahunan.pembanding,
            status=tahunan.status,
            keterangan=tahunan.keterangan,
        )
    triwulan = [r.nilai if (r := per_periode.get(p)) else None for p in Realisasi.TRIWULAN]
    if all(n is None for n in triwulan):
        return None
    nilai = agregat_periode(
        triwulan,
        kumulatif=indikator.kumulatif,
        indeks=indikator.sumber_realisasi == SumberRealisasi.SKM,
    )
    if nilai is None:
        return None
    sementara = any(r is not None and r.status == Status.SEMENTARA for r in per_periode.values())
    return NilaiRealisasi(
        nilai=nilai,
        status=Status.SEMENTARA if sementara else Status.FINAL,
        keterangan=tahunan.keterangan if tahunan else "",
        dari_triwulan=True,
    )


def _realisasi_sampai(
    indikator: Indikator, per_periode: dict[str, Realisasi], sampai: int
) -> NilaiRealisasi | None:
    """The realisasi up to the end of triwulan `sampai` (1-3): the triwulan values up to it,
    aggregated by capaian.agregat_periode (kumulatif: sum; survey indicators: mean; else the last
    defined). The yearly value and the SKM/SAKIP result of the year are not used: they describe the
    whole year."""
    dipakai = [per_periode.get(p) for p in Realisasi.TRIWULAN[:sampai]]
    nilai = agregat_periode(
        [r.nilai if r else None for r in dipakai],
        kumulatif=indikator.kumulatif,
        indeks=indikator.sumber_realisasi == SumberRealisasi.SKM,
    )
    if nilai is None:
        return None
    sementara = any(r is not None and r.status == Status.SEMENTARA for r in dipakai)
    return NilaiRealisasi(
        nilai=nilai, status=Status.SEMENTARA if sementara else Status.FINAL, dari_triwulan=True
    )


def _target_sampai(baris: TargetPK, kumulatif: bool, sampai: int) -> Nilai | None:
    """The target of a PK line up to the end of triwulan `sampai` from its triwulan targets
    (kumulatif: the sum of the targets up to it; else the target of that triwulan); None when the
    line has no triwulan target to use."""
    per_tw = {t.triwulan: t for t in baris.triwulan.all()}
    if kumulatif:
        nilai = [per_tw[n].nilai for n in range(1, sampai + 1) if n in per_tw and per_tw[n].nilai is not None]
        if not nilai:
            return None
        return Nilai(nilai=agregat_periode(nilai, kumulatif=True))
    tw = per_tw.get(sampai)
    if tw is None or tw.nilai is None:
        return None
    return _nilai(tw)


def _alasan(target: Nilai | None, realisasi: NilaiRealisasi | None) -> str:
    """Why the capaian of a year cannot be computed ("" when it can)."""
    if target is None or target.nilai is None:
        return "target belum diisi"
    if realisasi is not None and realisasi.belum_tersedia:
        return f"belum tersedia: {realisasi.keterangan}" if realisasi.keterangan else "belum tersedia"
    if realisasi is None or realisasi.nilai is None:
        return "realisasi belum diisi"
    if target.nilai == 0:
        return "target 0"
    return ""


def _hitung(target: Nilai | None, realisasi: NilaiRealisasi | None, arah: str):
    """(capaian, reason when undefined, floored at 0)."""
    alasan = _alasan(target, realisasi)
    if alasan:
        return None, alasan, False
    hasil = capaian(target=target.nilai, realisasi=realisasi.nilai, arah=arah)
    if hasil is None:
        return None, "tidak dapat dihitung", False
    return hasil, "", capaian_terpotong(target=target.nilai, realisasi=realisasi.nilai, arah=arah)


def _tren(sebelumnya: NilaiRealisasi | None, sekarang: NilaiRealisasi | None, arah: str) -> str | None:
    if sebelumnya is None or sekarang is None or sebelumnya.nilai is None or sekarang.nilai is None:
        return None
    return tren(sebelumnya=sebelumnya.nilai, sekarang=sekarang.nilai, arah=arah)


def rumus_rata_rata(nilai: list[Decimal], hasil: Decimal | None) -> str:
    """ "(100,00 + 101,72 + 101,86) : 3 = 101,19 %": the mean written out, each term rounded for
    print; the result is the unrounded mean rounded once."""
    if not nilai or hasil is None:
        return ""
    suku = " + ".join(format_angka(n) for n in nilai)
    if len(nilai) > 1:
        suku = f"({suku})"
    return f"{suku} : {len(nilai)} = {format_persen(hasil)}"


# --- the selector ---------------------------------------------------------------------------------


def tahun_pengukuran(*, kecamatan: Kecamatan) -> list[TahunPengukuran]:
    """The years of the kecamatan that hold performance data (a PK, a Renstra target or a
    realisasi), for the year switcher; newest last."""

    def tahun_dari(queryset, jenis: str):
        return (
            queryset.order_by()
            .annotate(asal=Value(jenis, output_field=CharField()))
            .values_list("tahun", "asal")
        )

    # One query: the three kinds of year in a UNION.
    baris = tahun_dari(PerjanjianKinerja.objects.filter(kecamatan=kecamatan), "pk").union(
        tahun_dari(
            Realisasi.objects.filter(indikator__renstra__kecamatan=kecamatan).filter(
                Q(nilai__isnull=False) | Q(status=Status.BELUM_TERSEDIA)
            ),
            "realisasi",
        ),
        tahun_dari(Target.objects.filter(indikator__renstra__kecamatan=kecamatan), "target"),
    )
    jenis_per_tahun: dict[int, set[str]] = defaultdict(set)
    for t, jenis in baris:
        jenis_per_tahun[t].add(jenis)
    return [
        TahunPengukuran(tahun=t, ada_pk="pk" in jenis, ada_realisasi="realisasi" in jenis)
        for t, jenis in sorted(jenis_per_tahun.items())
    ]


def tahun_pengukuran_bawaan(tahun: list[TahunPengukuran]) -> int | None:
    """The year a page without a year opens: the latest with realisasi, else the latest at all."""
    dengan_realisasi = [t.tahun for t in tahun if t.ada_realisasi]
    if dengan_realisasi:
        return dengan_realisasi[-1]
    return tahun[-1].tahun if tahun else None


def _baris_tahun_ini(
    *, kecamatan: Kecamatan, tahun: int, perjanjian: dict[int, PerjanjianKinerja]
) -> tuple[PerjanjianKinerja | None, str, Renstra | None, list[tuple[Indikator, Nilai]]]:
    """The indicators measured this year with their target: the PK lines in force, else the Renstra
    targets of the year (the Renstra covering it)."""
    pk = perjanjian.get(tahun)
    if pk is not None:
        return pk, _sumber_pk(pk), None, [(b.indikator, _nilai(b)) for b in pk.target.all()]
    renstra = renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun)
    if renstra is None:
        return None, "", None, []
    target = (
        Target.objects.filter(indikator__renstra=renstra, tahun=tahun)
        .select_related("indikator__renstra", "indikator__sasaran__tujuan", "indikator__tujuan")
        .order_by("indikator__urutan", "indikator__id")
    )
    baris = [(t.indikator, _nilai(t)) for t in target]
    return None, SUMBER_RENSTRA if baris else "", renstra, baris


def _kunci_kelompok(indikator: Indikator) -> tuple:
    if indikator.sasaran_id:
        s = indikator.sasaran
        return (s.tujuan.urutan, s.tujuan_id, 1, s.urutan, s.pk)
    return (indikator.tujuan.urutan, indikator.tujuan_id, 0, 0, 0)


def pengukuran_kinerja(
    *, kecamatan: Kecamatan, tahun: int, sampai_triwulan: int | None = None
) -> PengukuranKinerja | None:
    """The measurement of the year (BAB III A-B): every indicator of the PK in force (the perubahan
    when there is one, else the murni; without a PK the Renstra targets of the year) with its
    realisasi, capaian and predikat, grouped per sasaran with the sasaran mean; the capaian
    organisasi (mean of the sasaran means) with its formula; counts per predikat; the previous years
    and the Renstra end target per indicator; and the warnings of DOMAIN.md §5.2.

    `sampai_triwulan` (1-4) cuts the year at the end of that triwulan (triwulan and semester
    reports): the realisasi of the year (and of the year before, for the trend) is the aggregate of
    the triwulan values up to it, and the target the PK line's triwulan targets up to it when it has
    them (else the yearly target, marked `target_tahunan`). 4 or None measure the whole year.

    None when the year has neither a PK nor a Renstra that allows it.
    """
    if sampai_triwulan is not None and not 1 <= sampai_triwulan <= 4:
        raise ValueError("Triwulan harus antara 1 dan 4.")
    sampai = sampai_triwulan if sampai_triwulan is not None and sampai_triwulan < 4 else None
    kabupaten = kecamatan.kabupaten
    skala = kabupaten.skala()
    batas_100 = bool(kabupaten.batasi_capaian_100)

    baris_pk = TargetPK.objects.select_related(
        "indikator__renstra", "indikator__sasaran__tujuan", "indikator__tujuan"
    ).order_by("urutan", "id")
    if sampai is not None:
        baris_pk = baris_pk.prefetch_related("triwulan")
    perjanjian = _pk_efektif(
        PerjanjianKinerja.objects.filter(
            kecamatan=kecamatan, tahun__lte=tahun, tahun__gte=tahun - TAHUN_PEMBANDING
        )
        .order_by("tahun", "jenis")
        .prefetch_related(Prefetch("target", queryset=baris_pk))
    )
    pk, sumber, renstra, baris = _baris_tahun_ini(kecamatan=kecamatan, tahun=tahun, perjanjian=perjanjian)
    if pk is None and renstra is None:
        return None
    if renstra is None and baris:
        renstra = baris[0][0].renstra

    id_indikator = [i.pk for i, _ in baris]
    target_renstra: dict[int, dict[int, Target]] = defaultdict(dict)
    for t in Target.objects.filter(indikator_id__in=id_indikator, tahun__lte=tahun):
        target_renstra[t.indikator_id][t.tahun] = t
    target_pk: dict[int, dict[int, tuple[Nilai, str]]] = defaultdict(dict)
    for t, dok in perjanjian.items():
        for b in dok.target.all():
            target_pk[b.indikator_id][t] = (_nilai(b), _sumber_pk(dok))
    realisasi: dict[int, dict[int, dict[str, Realisasi]]] = defaultdict(lambda: defaultdict(dict))
    for r in Realisasi.objects.filter(indikator_id__in=id_indikator, tahun__lte=tahun):
        realisasi[r.indikator_id][r.tahun][r.periode] = r
    dari_sumber = sumber_kecamatan(kecamatan=kecamatan, indikator=[i for i, _ in baris])
    id_sasaran = {i.sasaran_id for i, _ in baris if i.sasaran_id}
    beranalisis = set(
        AnalisisSasaran.objects.filter(sasaran_id__in=id_sasaran, tahun=tahun).values_list(
            "sasaran_id", flat=True
        )
    )

    def realisasi_pada(indikator: Indikator, t: int, potong: int | None = None) -> NilaiRealisasi | None:
        per_periode = realisasi[indikator.pk].get(t)
        if potong is not None:
            return _realisasi_sampai(indikator, per_periode, potong) if per_periode else None
        sumber_t = dari_sumber.untuk(indikator, t)
        if not per_periode and sumber_t is None:
            return None
        return _realisasi_tahun(indikator, per_periode or {}, sumber_t)

    def target_pada(indikator: Indikator, t: int) -> tuple[Nilai | None, str]:
        if t in target_pk[indikator.pk]:
            return target_pk[indikator.pk][t]
        if t in target_renstra[indikator.pk]:
            return _nilai(target_renstra[indikator.pk][t]), SUMBER_RENSTRA
        return None, ""

    tahun_pembanding = sorted(
        {
            t
            for i, _ in baris
            for t in range(tahun - TAHUN_PEMBANDING, tahun)
            if realisasi_pada(i, t) is not None or target_pada(i, t)[0] is not None
        }
    )

    # Footnotes by reason: the same reason keeps its number (reason -> (number, codes)).
    catatan: dict[str, tuple[int, list[str]]] = {}
    peringatan: list[Peringatan] = []
    if sumber == SUMBER_RENSTRA:
        peringatan.append(
            Peringatan(
                jenis="tanpa_pk",
                teks=(
                    f"Belum ada Perjanjian Kinerja tahun {tahun}: target diambil dari {renstra} "
                    f"tahun {tahun}."
                ),
            )
        )

    def catat(kode: str, teks: str) -> int:
        nomor, kode_semua = catatan.setdefault(teks, (len(catatan) + 1, []))
        kode_semua.append(kode)
        return nomor

    # The PK lines of the year by indicator, for their triwulan targets.
    baris_tahun_ini = {b.indikator_id: b for b in pk.target.all()} if pk is not None and sampai else {}

    def satu_indikator(nomor: int, indikator: Indikator, target: Nilai) -> IndikatorKinerja:
        arah = indikator.arah
        target_tahunan = False
        if sampai is not None:
            b_pk = baris_tahun_ini.get(indikator.pk)
            t_periode = _target_sampai(b_pk, indikator.kumulatif, sampai) if b_pk is not None else None
            if t_periode is not None:
                target = t_periode
            else:
                target_tahunan = True
        r = realisasi_pada(indikator, tahun, sampai)
        nilai_capaian, alasan, terpotong = _hitung(target, r, arah)
        lalu = []
        for t in tahun_pembanding:
            t_target, t_sumber = target_pada(indikator, t)
            t_real = realisasi_pada(indikator, t)
            if t_target is None and t_real is None:
                lalu.append(None)
                continue
            t_capaian, t_alasan, t_terpotong = _hitung(t_target, t_real, arah)
            lalu.append(
                TahunKinerja(
                    tahun=t,
                    target=t_target,
                    sumber_target=t_sumber,
                    realisasi=t_real,
                    capaian=t_capaian,
                    alasan=t_alasan,
                    terpotong=t_terpotong,
                    tren=_tren(realisasi_pada(indikator, t - 1), t_real, arah),
                )
            )
        if terpotong:
            peringatan.append(
                Peringatan(
                    jenis="capaian_terpotong",
                    kode=indikator.kode,
                    teks=(
                        f"Capaian {indikator.kode} dibatasi 0 %: realisasi {r.teks} melebihi dua kali "
                        f"target {target.teks} pada indikator yang makin rendah makin baik."
                    ),
                )
            )
        if r is not None and r.sementara:
            peringatan.append(
                Peringatan(
                    jenis="realisasi_sementara",
                    kode=indikator.kode,
                    teks=f"Realisasi {indikator.kode} tahun {tahun} masih sementara.",
                )
            )

        renstra_i = indikator.renstra
        if indikator.kumulatif:
            per_tahun = [
                realisasi_pada(indikator, t, sampai if t == tahun else None)
                for t in range(renstra_i.tahun_awal, tahun + 1)
            ]
            nilai_kemajuan = agregat_periode([x.nilai if x else None for x in per_tahun], kumulatif=True)
        else:
            nilai_kemajuan = r.nilai if r is not None else None
        target_akhir = kemajuan = None
        if indikator.target_akhir is not None:
            target_akhir = Nilai(
                nilai=indikator.target_akhir,
                label=indikator.target_akhir_label,
                pembanding=indikator.target_akhir_pembanding,
            )
            kemajuan = tingkat_kemajuan(
                target_akhir=indikator.target_akhir, realisasi=nilai_kemajuan, arah=arah
            )
        return IndikatorKinerja(
            nomor=nomor,
            indikator_id=indikator.pk,
            kode=indikator.kode,
            nama=indikator.nama,
            satuan=indikator.satuan,
            arah=arah,
            kumulatif=indikator.kumulatif,
            iku=indikator.iku,
            sumber_target=sumber,
            target=target,
            realisasi=r,
            capaian=nilai_capaian,
            alasan=alasan,
            predikat=predikat(nilai_capaian, skala) if nilai_capaian is not None else None,
            terpotong=terpotong,
            catatan=catat(indikator.kode, f"{alasan}; {TIDAK_DIHITUNG}") if alasan else None,
            tren=_tren(realisasi_pada(indikator, tahun - 1, sampai), r, arah),
            tahun_lalu=lalu,
            target_akhir=target_akhir,
            tahun_akhir_renstra=renstra_i.tahun_akhir if target_akhir is not None else None,
            realisasi_kemajuan=nilai_kemajuan,
            tingkat_kemajuan=kemajuan,
            target_tahunan=target_tahunan,
        )

    # Groups in Renstra order (tujuan, then its sasaran); indicators in the document's order.
    per_kelompok: dict[tuple, list[tuple[Indikator, Nilai]]] = defaultdict(list)
    for indikator, target in baris:
        per_kelompok[_kunci_kelompok(indikator)].append((indikator, target))

    kelompok: list[KelompokKinerja] = []
    nomor = 0
    for kunci in sorted(per_kelompok):
        isi = []
        for indikator, target in per_kelompok[kunci]:
            nomor += 1
            isi.append(satu_indikator(nomor, indikator, target))
        contoh = per_kelompok[kunci][0][0]
        induk = contoh.sasaran if contoh.sasaran_id else contoh.tujuan
        tingkat = "sasaran" if contoh.sasaran_id else "tujuan"
        terhitung = [i.capaian for i in isi if i.capaian is not None]
        rerata = rata_rata(terhitung, batas_100=batas_100) if terhitung else None
        catatan_kelompok = None
        if rerata is None:
            catatan_kelompok = catat(
                induk.kode,
                TANPA_CAPAIAN_SASARAN if tingkat == "sasaran" else TANPA_CAPAIAN,
            )
        ada_analisis = tingkat == "sasaran" and induk.pk in beranalisis
        tahun_dalam_renstra = tahun in contoh.renstra.tahun_periode
        kelompok.append(
            KelompokKinerja(
                tingkat=tingkat,
                objek_id=induk.pk,
                kode=induk.kode,
                uraian=induk.uraian,
                tahun_dalam_renstra=tahun_dalam_renstra,
                indikator=isi,
                rata_rata=rerata,
                predikat=predikat(rerata, skala) if rerata is not None else None,
                jumlah_tidak_dihitung=len(isi) - len(terhitung),
                ada_analisis=ada_analisis,
                catatan=catatan_kelompok,
            )
        )
        if tingkat == "sasaran" and rerata is not None and rerata < 100 and not ada_analisis:
            peringatan.append(
                Peringatan(
                    jenis="analisis_belum_diisi",
                    kode=induk.kode,
                    sasaran_id=induk.pk if tahun_dalam_renstra else None,
                    teks=(
                        f"Analisis sasaran {induk.kode} tahun {tahun} belum diisi: rata-rata capaiannya "
                        f"{format_persen(rerata)}, di bawah 100 %, jadi faktor penghambat dan solusinya "
                        "wajib dijelaskan."
                    ),
                )
            )

    rerata_sasaran = [k.rata_rata for k in kelompok if k.adalah_sasaran and k.rata_rata is not None]
    organisasi = rata_rata(rerata_sasaran, batas_100=batas_100) if rerata_sasaran else None
    semua_indikator = [i for k in kelompok for i in k.indikator]
    rekap = []
    for pita in skala.pita:
        rekap.append(
            RekapPita(
                pita=pita,
                interval=pita.interval(),
                jumlah_sasaran=sum(1 for k in kelompok if k.adalah_sasaran and k.predikat == pita),
                jumlah_indikator=sum(1 for i in semua_indikator if i.predikat == pita),
            )
        )
    return PengukuranKinerja(
        kecamatan=kecamatan,
        tahun=tahun,
        perjanjian=pk,
        sumber_target=sumber,
        renstra=renstra,
        skala=skala,
        batas_100=batas_100,
        kelompok=kelompok,
        capaian_organisasi=organisasi,
        rumus_capaian_organisasi=rumus_rata_rata(rerata_sasaran, organisasi),
        predikat_organisasi=predikat(organisasi, skala) if organisasi is not None else None,
        rekap_predikat=rekap,
        jumlah_sasaran_tidak_dihitung=sum(1 for k in kelompok if k.adalah_sasaran and k.rata_rata is None),
        jumlah_indikator_tidak_dihitung=sum(1 for i in semua_indikator if i.capaian is None),
        tahun_pembanding=tahun_pembanding,
        catatan=[Catatan(nomor=n, teks=t, kode=tuple(k)) for t, (n, k) in catatan.items()],
        peringatan=peringatan,
        sampai_triwulan=sampai,
    )
