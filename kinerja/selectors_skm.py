"""Scoped reads of SKM surveys and SAKIP evaluations (STYLE.md §2: selectors read).

Every function takes its scope (`kecamatan=`) and returns frozen dataclasses with every figure
already computed by kinerja/skm.py, so the pages, the report and the realisasi of indicators with
`sumber_realisasi` skm/sakip print the same numbers. The number of queries never grows with the
number of surveys, unsur, responses or evaluations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from kinerja import skm
from kinerja.capaian import SKALA, Pita, Skala, kelas_warna
from kinerja.models import (
    EvaluasiSakip,
    KomponenSakip,
    RekomendasiSakip,
    ResponSkm,
    SurveiSkm,
    TautanKuesioner,
    TindakLanjut,
    UnsurSkm,
    VersiSkm,
)
from lkjip.format import format_angka
from lkjip.models import Kecamatan

KRITIK_SARAN_TERBARU = 30


# --- SKM ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilUnsur:
    """One unsur of a survey with its NRR (full precision) and mutu. `bentuk` says where the NRR
    comes from: "nrr", "jumlah", "distribusi" (as entered), "kuesioner" (the responses) or ""
    (not filled)."""

    kode: str
    nama: str
    bentuk: str
    nrr: Decimal | None
    mutu: Pita | None
    jumlah_jawaban: tuple[int, int, int, int] | None = None
    distribusi: tuple[Decimal, Decimal, Decimal, Decimal] | None = None
    terendah: bool = False
    tertinggi: bool = False
    di_bawah_rerata: bool = False

    @property
    def kelas_mutu(self) -> str:
        return kelas_warna(self.mutu.warna) if self.mutu else ""

    @property
    def catatan(self) -> str:
        """ "terendah · di bawah rerata · jawaban 1/2/3/4: 0/2/17/4" for the unsur table."""
        bagian = []
        if self.terendah:
            bagian.append("terendah")
        elif self.tertinggi:
            bagian.append("tertinggi")
        if self.di_bawah_rerata:
            bagian.append("di bawah rerata")
        if self.jumlah_jawaban is not None:
            bagian.append("jawaban 1/2/3/4: " + "/".join(str(n) for n in self.jumlah_jawaban))
        elif self.distribusi is not None:
            bagian.append("jawaban 1/2/3/4: " + "/".join(format_angka(p) for p in self.distribusi) + " %")
        elif self.nrr is None:
            bagian.append("belum terisi")
        return " · ".join(bagian)


@dataclass(frozen=True)
class HasilSurvei:
    survei: SurveiSkm
    unsur: tuple[HasilUnsur, ...]
    ikm: Decimal | None
    konversi: Decimal | None
    mutu: Pita | None
    jumlah_respon: int

    @property
    def kelas_mutu(self) -> str:
        return kelas_warna(self.mutu.warna) if self.mutu else ""

    @property
    def responden(self) -> int | None:
        """The number of respondents as entered, else the number of questionnaire responses."""
        if self.survei.responden is not None:
            return self.survei.responden
        return self.jumlah_respon or None

    @property
    def dari_kuesioner(self) -> bool:
        return any(u.bentuk == "kuesioner" for u in self.unsur)

    @property
    def terisi(self) -> list[HasilUnsur]:
        return [u for u in self.unsur if u.nrr is not None]

    @property
    def terendah(self) -> list[HasilUnsur]:
        return [u for u in self.unsur if u.terendah]

    @property
    def tertinggi(self) -> list[HasilUnsur]:
        return [u for u in self.unsur if u.tertinggi]

    @property
    def di_bawah_rerata(self) -> list[HasilUnsur]:
        return [u for u in self.unsur if u.di_bawah_rerata]

    @property
    def skala(self) -> Skala:
        return skm.skala_mutu(self.survei.versi)

    @property
    def skala_nrr(self) -> Skala:
        return skm.SKALA_NRR[self.survei.versi]

    @property
    def tabel_interval(self) -> list[skm.BarisInterval]:
        return skm.tabel_interval(self.survei.versi)

    @property
    def pedoman(self) -> str:
        return skm.VERSI[self.survei.versi]


@dataclass(frozen=True)
class TahunSkm:
    """The surveys of one year and its yearly value (the mean of its periods)."""

    tahun: int
    survei: tuple[HasilSurvei, ...]
    ikm: Decimal | None
    konversi: Decimal | None
    mutu: Pita | None

    @property
    def kelas_mutu(self) -> str:
        return kelas_warna(self.mutu.warna) if self.mutu else ""


def hitung_respon(id_survei: Iterable[int]) -> dict[int, dict[str, tuple[int, int, int, int]]]:
    """Per survey, per answer field (u1..u9), how many responses answered 1, 2, 3, 4: one query."""
    id_survei = list(id_survei)
    if not id_survei:
        return {}
    hitung = {f"{u}_{k}": Count("id", filter=Q(**{u: k})) for u in ResponSkm.JAWABAN for k in skm.SKOR}
    hasil: dict[int, dict[str, tuple[int, int, int, int]]] = {}
    for baris in ResponSkm.objects.filter(survei_id__in=id_survei).values("survei_id").annotate(**hitung):
        hasil[baris["survei_id"]] = {
            u: tuple(baris[f"{u}_{k}"] for k in skm.SKOR)  # type: ignore[misc]
            for u in ResponSkm.JAWABAN
        }
    return hasil


def _jumlah_respon(per_unsur: dict[str, tuple[int, int, int, int]]) -> int:
    return sum(per_unsur["u1"]) if per_unsur else 0


def _nrr_unsur(
    u: UnsurSkm, respon: dict[str, tuple[int, int, int, int]]
) -> tuple[str, Decimal | None, tuple | None]:
    if u.nrr is not None:
        return "nrr", u.nrr, None
    jumlah = u.jumlah_jawaban
    if jumlah is not None:
        return "jumlah", skm.nrr_dari_jumlah(jumlah), jumlah
    distribusi = u.distribusi
    if distribusi is not None:
        return "distribusi", skm.nrr_dari_distribusi(distribusi), None
    dari_respon = respon.get(u.kode.lower())
    if dari_respon is not None and sum(dari_respon):
        return "kuesioner", skm.nrr_dari_jumlah(dari_respon), dari_respon
    return "", None, None


def _hasil_survei(survei: SurveiSkm, respon: dict[str, tuple[int, int, int, int]]) -> HasilSurvei:
    versi = survei.versi
    mentah = []
    for u in survei.unsur.all():
        bentuk, nrr, jumlah = _nrr_unsur(u, respon)
        mentah.append((u, bentuk, nrr, jumlah))
    pasangan = [(u.kode, nrr) for u, _, nrr, _ in mentah]
    terisi = {nrr for _, nrr in pasangan if nrr is not None}
    # With one value (or all equal) there is no lowest or highest unsur worth naming.
    terendah = set(skm.unsur_terendah(pasangan)) if len(terisi) > 1 else set()
    tertinggi = set(skm.unsur_tertinggi(pasangan)) if len(terisi) > 1 else set()
    bawah = set(skm.unsur_di_bawah_rerata(pasangan))
    unsur = tuple(
        HasilUnsur(
            kode=u.kode,
            nama=u.nama,
            bentuk=bentuk,
            nrr=nrr,
            mutu=skm.mutu_unsur(nrr, versi) if nrr is not None else None,
            jumlah_jawaban=jumlah,
            distribusi=u.distribusi if bentuk == "distribusi" else None,
            terendah=u.kode in terendah,
            tertinggi=u.kode in tertinggi,
            di_bawah_rerata=u.kode in bawah,
        )
        for u, bentuk, nrr, jumlah in mentah
    )
    nilai_ikm = skm.ikm(nrr for _, nrr in pasangan)
    nilai_konversi = skm.konversi(nilai_ikm) if nilai_ikm is not None else None
    return HasilSurvei(
        survei=survei,
        unsur=unsur,
        ikm=nilai_ikm,
        konversi=nilai_konversi,
        mutu=skm.mutu(nilai_konversi, versi) if nilai_konversi is not None else None,
        jumlah_respon=_jumlah_respon(respon),
    )


def _survei_qs(kecamatan: Kecamatan):
    return (
        SurveiSkm.objects.filter(kecamatan=kecamatan)
        .select_related("kecamatan__kabupaten")
        .prefetch_related(Prefetch("unsur", queryset=UnsurSkm.objects.order_by("urutan", "id")))
    )


_URUTAN_PERIODE = {p: i for i, p in enumerate(SurveiSkm.Periode.values)}


def _per_tahun(hasil: Iterable[HasilSurvei]) -> list[TahunSkm]:
    kelompok: dict[int, list[HasilSurvei]] = defaultdict(list)
    for h in hasil:
        kelompok[h.survei.tahun].append(h)
    daftar = []
    for tahun in sorted(kelompok, reverse=True):
        survei = sorted(kelompok[tahun], key=lambda h: _URUTAN_PERIODE[h.survei.periode])
        nilai_ikm = skm.ikm_tahunan(h.ikm for h in survei)
        nilai_konversi = skm.konversi(nilai_ikm) if nilai_ikm is not None else None
        # A year's surveys share a version in practice; the mutu follows the latest period's.
        versi = survei[-1].survei.versi
        daftar.append(
            TahunSkm(
                tahun=tahun,
                survei=tuple(survei),
                ikm=nilai_ikm,
                konversi=nilai_konversi,
                mutu=skm.mutu(nilai_konversi, versi) if nilai_konversi is not None else None,
            )
        )
    return daftar


def survei_daftar(*, kecamatan: Kecamatan) -> list[TahunSkm]:
    """Every survey of the kecamatan grouped by year (latest first), with the yearly value: 3 queries."""
    survei = list(_survei_qs(kecamatan))
    respon = hitung_respon(s.pk for s in survei)
    return _per_tahun(_hasil_survei(s, respon.get(s.pk, {})) for s in survei)


def survei_untuk(*, kecamatan: Kecamatan, survei_id: int) -> SurveiSkm | None:
    """The survey `survei_id` of this kecamatan (None for another kecamatan's: the view answers 404)."""
    return _survei_qs(kecamatan).filter(pk=survei_id).first()


def survei_hasil(*, kecamatan: Kecamatan, survei_id: int) -> HasilSurvei | None:
    survei = survei_untuk(kecamatan=kecamatan, survei_id=survei_id)
    if survei is None:
        return None
    return _hasil_survei(survei, hitung_respon([survei.pk]).get(survei.pk, {}))


@dataclass(frozen=True)
class CatatanRespon:
    """A kritik or saran written in a questionnaire, for the staff to read and summarise."""

    waktu: object
    jenis_layanan: str
    kritik: str
    saran: str


def kritik_saran_respon(*, survei: SurveiSkm, batas: int = KRITIK_SARAN_TERBARU) -> list[CatatanRespon]:
    """The latest responses of the survey that wrote a kritik or a saran (newest first)."""
    qs = (
        ResponSkm.objects.filter(survei=survei)
        .exclude(kritik="", saran="")
        .order_by("-dibuat", "-id")
        .values("dibuat", "jenis_layanan", "kritik", "saran")[:batas]
    )
    return [CatatanRespon(r["dibuat"], r["jenis_layanan"], r["kritik"], r["saran"]) for r in qs]


@dataclass(frozen=True)
class ProfilRespon:
    """How many responses gave each answer of a profile question (the report's respondent profile)."""

    judul: str
    baris: tuple[tuple[str, int], ...]


def profil_respon(*, survei: SurveiSkm) -> list[ProfilRespon]:
    """Counts per jenis kelamin, usia, pendidikan and pekerjaan (unanswered: "Tidak diisi"): one query."""
    kolom = {
        "jenis_kelamin": ("Jenis kelamin", ResponSkm.JenisKelamin),
        "usia": ("Usia", ResponSkm.Usia),
        "pendidikan": ("Pendidikan", ResponSkm.Pendidikan),
        "pekerjaan": ("Pekerjaan", ResponSkm.Pekerjaan),
    }
    hitung = {
        f"{nama}__{nilai or 'kosong'}": Count("id", filter=Q(**{nama: nilai}))
        for nama, (_, pilihan) in kolom.items()
        for nilai in [*pilihan.values, ""]
    }
    angka = ResponSkm.objects.filter(survei=survei).aggregate(**hitung)
    hasil = []
    for nama, (judul, pilihan) in kolom.items():
        baris = [(label, angka[f"{nama}__{nilai}"]) for nilai, label in pilihan.choices]
        baris.append(("Tidak diisi", angka[f"{nama}__kosong"]))
        hasil.append(ProfilRespon(judul=judul, baris=tuple(b for b in baris if b[1])))
    return hasil


def tautan_kecamatan(*, kecamatan: Kecamatan) -> TautanKuesioner | None:
    return TautanKuesioner.objects.filter(kecamatan=kecamatan).first()


@dataclass(frozen=True)
class Kuesioner:
    """What the public questionnaire page needs: the kecamatan and its open survey (None: closed)."""

    tautan: TautanKuesioner
    kecamatan: Kecamatan
    survei: SurveiSkm | None


def kuesioner_dari_token(token: str) -> Kuesioner | None:
    """The public questionnaire of a link (no login, so no user scope: the unguessable token is
    the scope). None for an unknown token (404)."""
    tautan = TautanKuesioner.objects.select_related("kecamatan__kabupaten").filter(token=token).first()
    if tautan is None:
        return None
    survei = SurveiSkm.objects.filter(
        kecamatan=tautan.kecamatan, terbuka=True, versi=VersiSkm.PERMENPAN_RB_14_2017
    ).first()
    return Kuesioner(tautan=tautan, kecamatan=tautan.kecamatan, survei=survei)


def nilai_skm_per_tahun(*, kecamatan: Kecamatan) -> dict[int, Decimal]:
    """The yearly SKM value (nilai konversi, the mean of the year's periods) of every year with a
    result: 3 queries whatever the number of years."""
    return {t.tahun: t.konversi for t in survei_daftar(kecamatan=kecamatan) if t.konversi is not None}


def nilai_skm_tahun(kecamatan: Kecamatan, tahun: int) -> Decimal | None:
    """The realisasi of an indicator with `sumber_realisasi` skm for `tahun`: the nilai konversi
    (25-100) of the year's SKM, the mean of its periods (DOMAIN.md §3.7 step 5; issue 6 item 4).
    None when the year has no survey result. Full precision; round at display."""
    survei = list(_survei_qs(kecamatan).filter(tahun=tahun))
    if not survei:
        return None
    respon = hitung_respon(s.pk for s in survei)
    tahunan = _per_tahun(_hasil_survei(s, respon.get(s.pk, {})) for s in survei)
    return tahunan[0].konversi


# --- SAKIP ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisSkala:
    """A band of the SAKIP scale as the page prints it: "> 70 - ≤ 80", BB, Sangat Baik."""

    interval: str
    kode: str
    label: str
    kelas: str


@dataclass(frozen=True)
class BarisKomponen:
    nama: str
    bobot: Decimal
    nilai: Decimal
    persen: Decimal | None


@dataclass(frozen=True)
class BarisRekomendasi:
    rekomendasi: RekomendasiSakip
    tindak_lanjut: TindakLanjut | None


@dataclass(frozen=True)
class HasilEvaluasi:
    evaluasi: EvaluasiSakip
    komponen: tuple[BarisKomponen, ...]
    rekomendasi: tuple[BarisRekomendasi, ...]
    total: Decimal
    predikat: Pita | None
    jumlah_bobot: Decimal

    @property
    def kelas_predikat(self) -> str:
        return kelas_warna(self.predikat.warna) if self.predikat else ""

    @property
    def bobot_bukan_100(self) -> bool:
        return self.jumlah_bobot != 100

    @property
    def skala(self) -> Skala:
        return SKALA["sakip"]

    @property
    def tabel_skala(self) -> list[BarisSkala]:
        return [BarisSkala(p.interval(), p.kode, p.label, kelas_warna(p.warna)) for p in SKALA["sakip"].pita]

    @property
    def tindak_lanjut_selesai(self) -> int:
        return sum(
            1
            for r in self.rekomendasi
            if r.tindak_lanjut and r.tindak_lanjut.status == TindakLanjut.Status.SELESAI
        )


def _evaluasi_qs(kecamatan: Kecamatan):
    return (
        EvaluasiSakip.objects.filter(kecamatan=kecamatan)
        .select_related("kecamatan__kabupaten")
        .prefetch_related(
            Prefetch("komponen", queryset=KomponenSakip.objects.order_by("urutan", "id")),
            Prefetch(
                "rekomendasi",
                queryset=RekomendasiSakip.objects.select_related("tindak_lanjut").order_by("urutan", "id"),
            ),
        )
        .order_by("-tahun_dievaluasi")
    )


def _tindak_lanjut(r: RekomendasiSakip) -> TindakLanjut | None:
    try:
        return r.tindak_lanjut
    except TindakLanjut.DoesNotExist:
        return None


def _hasil_evaluasi(evaluasi: EvaluasiSakip) -> HasilEvaluasi:
    komponen = tuple(
        BarisKomponen(
            nama=k.nama, bobot=k.bobot, nilai=k.nilai, persen=skm.persen_komponen_sakip(k.nilai, k.bobot)
        )
        for k in evaluasi.komponen.all()
    )
    total = skm.total_sakip(k.nilai for k in komponen)
    return HasilEvaluasi(
        evaluasi=evaluasi,
        komponen=komponen,
        rekomendasi=tuple(BarisRekomendasi(r, _tindak_lanjut(r)) for r in evaluasi.rekomendasi.all()),
        total=total,
        predikat=skm.predikat_sakip(total),
        jumlah_bobot=sum((k.bobot for k in komponen), Decimal(0)),
    )


def evaluasi_daftar(*, kecamatan: Kecamatan) -> list[HasilEvaluasi]:
    """Every evaluation of the kecamatan, the latest evaluated year first: 3 queries."""
    return [_hasil_evaluasi(e) for e in _evaluasi_qs(kecamatan)]


def evaluasi_untuk(*, kecamatan: Kecamatan, evaluasi_id: int) -> EvaluasiSakip | None:
    return _evaluasi_qs(kecamatan).filter(pk=evaluasi_id).first()


def evaluasi_hasil(*, kecamatan: Kecamatan, evaluasi_id: int) -> HasilEvaluasi | None:
    evaluasi = evaluasi_untuk(kecamatan=kecamatan, evaluasi_id=evaluasi_id)
    return _hasil_evaluasi(evaluasi) if evaluasi is not None else None


def rekomendasi_untuk(
    *, kecamatan: Kecamatan, evaluasi_id: int, rekomendasi_id: int
) -> RekomendasiSakip | None:
    return (
        RekomendasiSakip.objects.select_related("evaluasi__kecamatan__kabupaten", "tindak_lanjut")
        .filter(pk=rekomendasi_id, evaluasi_id=evaluasi_id, evaluasi__kecamatan=kecamatan)
        .first()
    )


def nilai_sakip_per_tahun(*, kecamatan: Kecamatan) -> dict[int, Decimal]:
    """The SAKIP score by the year its LHE was issued (evaluations without tahun_evaluasi are left
    out): 2 queries whatever the number of years."""
    total: dict[int, Decimal] = defaultdict(Decimal)
    for e in EvaluasiSakip.objects.filter(kecamatan=kecamatan, tahun_evaluasi__isnull=False).prefetch_related(
        "komponen"
    ):
        total[e.tahun_evaluasi] = skm.total_sakip(k.nilai for k in e.komponen.all())
    return dict(total)


def nilai_sakip_tahun(kecamatan: Kecamatan, tahun: int) -> Decimal | None:
    """The realisasi of an indicator with `sumber_realisasi` sakip for `tahun`: the total of the
    evaluation issued in that year (tahun_evaluasi; the LKjIP of year N reports the LHE issued in
    N, DOMAIN.md §3.8). None when no LHE was issued that year."""
    evaluasi = (
        EvaluasiSakip.objects.filter(kecamatan=kecamatan, tahun_evaluasi=tahun)
        .prefetch_related("komponen")
        .first()
    )
    if evaluasi is None:
        return None
    return skm.total_sakip(k.nilai for k in evaluasi.komponen.all())
