"""Survei Kepuasan Masyarakat and the SAKIP evaluation score (DESIGN.md §4, DOMAIN.md §3.7-3.8, §3.10).

Pure: Decimal in, Decimal out, no Django. Nothing is rounded here; the page and the report round
once, at display (NRR and IKM to 3 decimals, konversi to 2, ROUND_HALF_UP).

SKM (PermenPAN-RB 14/2017): each respondent scores each unsur 1-4; an unsur's Nilai Rata-Rata
(NRR) is the mean of its scores; the IKM is the mean NRR over the unsur filled, with the exact
weight 1/n (the printed 0,111 or 0,11 lowers 3,400 to 3,366); nilai konversi = IKM x 25; the mutu
comes from the versioned interval table on the konversi, an unsur's mutu from its NRR.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from kinerja.capaian import SKALA, Pita, Skala, agregat_periode, buat_pita, kelas_warna, predikat

__all__ = [
    "BOBOT_SAKIP_88_2021",
    "PENIMBANG_KONVERSI",
    "PERTANYAAN_14_2017",
    "SKALA_NRR",
    "UNSUR",
    "VERSI",
    "VERSI_BAKU",
    "BarisInterval",
    "Pertanyaan",
    "ikm",
    "ikm_tahunan",
    "konversi",
    "mutu",
    "mutu_unsur",
    "nrr_dari_distribusi",
    "nrr_dari_jawaban",
    "nrr_dari_jumlah",
    "persen_komponen_sakip",
    "predikat_sakip",
    "skala_mutu",
    "tabel_interval",
    "total_sakip",
    "unsur_di_bawah_rerata",
    "unsur_tertinggi",
    "unsur_terendah",
]

NOL = Decimal(0)
SERATUS = Decimal(100)
PENIMBANG_KONVERSI = Decimal(25)
SKOR = (1, 2, 3, 4)

VERSI_BAKU = "permenpan-rb-14-2017"
VERSI = {
    "permenpan-rb-14-2017": "PermenPAN-RB Nomor 14 Tahun 2017",
    "kepmenpan-25-2004": "Kepmenpan Nomor KEP/25/M.PAN/2/2004",
}

# The unsur of each version as (kode, nama), in the regulation's order (DOMAIN.md §3.7).
UNSUR: dict[str, tuple[tuple[str, str], ...]] = {
    "permenpan-rb-14-2017": (
        ("U1", "Persyaratan"),
        ("U2", "Sistem, Mekanisme, dan Prosedur"),
        ("U3", "Waktu Penyelesaian"),
        ("U4", "Biaya/Tarif"),
        ("U5", "Produk Spesifikasi Jenis Pelayanan"),
        ("U6", "Kompetensi Pelaksana"),
        ("U7", "Perilaku Pelaksana"),
        ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
        ("U9", "Sarana dan Prasarana"),
    ),
    "kepmenpan-25-2004": (
        ("U1", "Prosedur Pelayanan"),
        ("U2", "Persyaratan Pelayanan"),
        ("U3", "Kejelasan Petugas Pelayanan"),
        ("U4", "Kedisiplinan Petugas Pelayanan"),
        ("U5", "Tanggung Jawab Petugas Pelayanan"),
        ("U6", "Kemampuan Petugas Pelayanan"),
        ("U7", "Kecepatan Pelayanan"),
        ("U8", "Keadilan Mendapatkan Pelayanan"),
        ("U9", "Kesopanan dan Keramahan Petugas"),
        ("U10", "Kewajaran Biaya Pelayanan"),
        ("U11", "Kepastian Biaya Pelayanan"),
        ("U12", "Kepastian Jadwal Pelayanan"),
        ("U13", "Kenyamanan Lingkungan"),
        ("U14", "Keamanan Pelayanan"),
    ),
}


@dataclass(frozen=True)
class Pertanyaan:
    """One question of the questionnaire and its four answers, scored 1..4 in this order."""

    kode: str
    teks: str
    jawaban: tuple[str, str, str, str]


# The questionnaire of PermenPAN-RB 14/2017 (Lampiran), one question per unsur U1..U9.
PERTANYAAN_14_2017: tuple[Pertanyaan, ...] = (
    Pertanyaan(
        "U1",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Pertanyaan(
        "U2",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Pertanyaan(
        "U3",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Pertanyaan(
        "U4",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Pertanyaan(
        "U5",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
        "standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Pertanyaan(
        "U6",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Pertanyaan(
        "U7",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan "
        "keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    Pertanyaan(
        "U8",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    Pertanyaan(
        "U9",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)


# An unsur's mutu from its NRR on the 1-4 scale (DESIGN.md §4; DOMAIN.md §3.10 K1). Same codes
# and colours as the konversi scales of kinerja/capaian.py.
SKALA_NRR: dict[str, Skala] = {
    "permenpan-rb-14-2017": Skala(
        nama="Nilai interval NRR (PermenPAN-RB Nomor 14 Tahun 2017)",
        sumber="Peraturan Menteri PAN-RB Nomor 14 Tahun 2017, nilai interval 1-4",
        pita=(
            buat_pita("Sangat Baik", "A", "hijau", "3.5324"),
            buat_pita("Baik", "B", "biru", "3.0644", "3.5324"),
            buat_pita("Kurang Baik", "C", "kuning", "2.60", "3.0644"),
            buat_pita("Tidak Baik", "D", "merah", None, "2.60"),
        ),
    ),
    "kepmenpan-25-2004": Skala(
        nama="Nilai interval IKM (Kepmenpan Nomor 25 Tahun 2004)",
        sumber="Keputusan Menteri PAN Nomor KEP/25/M.PAN/2/2004, nilai interval 1-4",
        pita=(
            buat_pita("Sangat Baik", "A", "hijau", "3.26"),
            buat_pita("Baik", "B", "biru", "2.51", "3.26"),
            buat_pita("Kurang Baik", "C", "kuning", "1.76", "2.51"),
            buat_pita("Tidak Baik", "D", "merah", None, "1.76"),
        ),
    ),
}
for _skala in SKALA_NRR.values():
    _skala.periksa()


def _periksa_versi(versi: str) -> None:
    if versi not in VERSI:
        raise ValueError(f'Versi SKM "{versi}" tidak dikenal. Pilih salah satu: {", ".join(VERSI)}.')


# --- NRR of one unsur -------------------------------------------------------------------------------


def nrr_dari_jawaban(jawaban: Sequence[int]) -> Decimal | None:
    """NRR of an unsur from the individual answers (DOMAIN.md §3.7 step 2): sum of scores / number
    of respondents who answered it. None when nobody answered. Each answer must be 1, 2, 3 or 4."""
    for j in jawaban:
        if isinstance(j, bool) or j not in SKOR:
            raise ValueError(f"Jawaban harus 1, 2, 3 atau 4, bukan {j!r}.")
    if not jawaban:
        return None
    return Decimal(sum(jawaban)) / Decimal(len(jawaban))


def nrr_dari_jumlah(jumlah: Sequence[int]) -> Decimal | None:
    """NRR from how many respondents answered 1, 2, 3 and 4 (the interchange `jumlah_jawaban`):
    sum(k x n_k) / sum(n_k). None when all four counts are 0."""
    if len(jumlah) != 4:
        raise ValueError(f"Jumlah jawaban harus empat angka (untuk jawaban 1 sampai 4), bukan {len(jumlah)}.")
    for n in jumlah:
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"Jumlah jawaban harus bilangan bulat tidak negatif, bukan {n!r}.")
    total = sum(jumlah)
    if total == 0:
        return None
    return Decimal(sum(k * n for k, n in zip(SKOR, jumlah, strict=True))) / Decimal(total)


def nrr_dari_distribusi(persen: Sequence[Decimal]) -> Decimal:
    """NRR from the percentage of respondents per answer 1..4 (DOMAIN.md §3.7, 003 "Biaya lain
    0% 40% 20% 40%" -> 3,00): sum(k x p_k) / 100. The percentages should add up to 100; the
    importer and the form check that (within 0,5), this function does not rescale."""
    if len(persen) != 4:
        raise ValueError(
            f"Distribusi harus empat persentase (untuk jawaban 1 sampai 4), bukan {len(persen)}."
        )
    nilai = [Decimal(p) for p in persen]
    for p in nilai:
        if p < 0:
            raise ValueError(f"Persentase tidak boleh negatif, bukan {p}.")
    return sum((k * p for k, p in zip(SKOR, nilai, strict=True)), NOL) / SERATUS


# --- IKM, konversi and mutu -------------------------------------------------------------------------


def ikm(nrr: Iterable[Decimal | None]) -> Decimal | None:
    """IKM on the 1-4 scale: the mean NRR over the unsur filled, with the exact weight 1/n
    (PermenPAN-RB 14/2017; DOMAIN.md §3.7 step 3). Unfilled unsur (None) are left out. None when
    no unsur is filled."""
    ada = [Decimal(n) for n in nrr if n is not None]
    if not ada:
        return None
    return sum(ada, NOL) / Decimal(len(ada))


def konversi(nilai_ikm: Decimal) -> Decimal:
    """Nilai konversi (25-100) = IKM x 25, the figure reports and targets use (DOMAIN.md §3.7 step 4)."""
    return Decimal(nilai_ikm) * PENIMBANG_KONVERSI


def skala_mutu(versi: str = VERSI_BAKU) -> Skala:
    """The interval table on the konversi for a version: SKALA["skm-" + versi] of kinerja/capaian.py."""
    _periksa_versi(versi)
    return SKALA["skm-" + versi]


def mutu(nilai_konversi: Decimal, versi: str = VERSI_BAKU) -> Pita:
    """Mutu pelayanan (kode A-D, label Sangat Baik .. Tidak Baik) of a nilai konversi, from the
    versioned interval table (DESIGN.md §4; DOMAIN.md §3.10 K1)."""
    pita = predikat(Decimal(nilai_konversi), skala_mutu(versi))
    assert pita is not None  # the presets are validated: every value has a band
    return pita


def mutu_unsur(nrr: Decimal, versi: str = VERSI_BAKU) -> Pita:
    """Mutu of one unsur from its NRR on the 1-4 scale (14/2017: >= 3,5324 A, >= 3,0644 B,
    >= 2,60 C, else D; 25/2004: >= 3,26 A, >= 2,51 B, >= 1,76 C, else D; DESIGN.md §4)."""
    _periksa_versi(versi)
    pita = predikat(Decimal(nrr), SKALA_NRR[versi])
    assert pita is not None
    return pita


@dataclass(frozen=True)
class BarisInterval:
    """A row of the interval table a survey page and the report print."""

    nrr: str
    konversi: str
    kode: str
    label: str
    warna: str

    @property
    def kelas(self) -> str:
        return kelas_warna(self.warna)


def _teks_batas(x: Decimal) -> str:
    """A bound with at least 2 decimals, as the regulation prints it: "2,60", "3,5324", "88,31"."""
    desimal = max(2, -x.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{x:.{desimal}f}".replace(".", ",")


def tabel_interval(versi: str = VERSI_BAKU) -> list[BarisInterval]:
    """The interval table used for a version: NRR interval, konversi interval, mutu and kinerja
    unit, best first (DOMAIN.md §3.10 K1, with each column taken from the same regulation)."""
    _periksa_versi(versi)
    per_kode = {p.kode: p for p in SKALA_NRR[versi].pita}
    return [
        BarisInterval(
            nrr=per_kode[p.kode].interval(teks=_teks_batas),
            konversi=p.interval(teks=_teks_batas),
            kode=p.kode,
            label=p.label,
            warna=p.warna,
        )
        for p in skala_mutu(versi).pita
    ]


def ikm_tahunan(nilai_periode: Iterable[Decimal | None]) -> Decimal | None:
    """The yearly value: the mean of the periods' values (semester 1 and 2, or the triwulan;
    DOMAIN.md §3.7 step 5). Works alike on IKM and on konversi (the mean commutes with x 25).
    Periods without a value are left out; None when none has one."""
    return agregat_periode(
        [None if n is None else Decimal(n) for n in nilai_periode], kumulatif=False, indeks=True
    )


# --- diagnostics: lowest, highest and below-the-mean unsur ------------------------------------------

K = TypeVar("K")


def _terisi(unsur: Iterable[tuple[K, Decimal | None]]) -> list[tuple[K, Decimal]]:
    return [(k, Decimal(n)) for k, n in unsur if n is not None]


def unsur_terendah(unsur: Iterable[tuple[K, Decimal | None]]) -> list[K]:
    """The unsur with the lowest NRR (all of them on a tie), in the given order (DOMAIN.md §3.7
    step 8). `unsur` holds (key, nrr) pairs; the key is returned (a name, a code or an object)."""
    ada = _terisi(unsur)
    if not ada:
        return []
    bawah = min(n for _, n in ada)
    return [k for k, n in ada if n == bawah]


def unsur_tertinggi(unsur: Iterable[tuple[K, Decimal | None]]) -> list[K]:
    """The unsur with the highest NRR (all of them on a tie), in the given order."""
    ada = _terisi(unsur)
    if not ada:
        return []
    atas = max(n for _, n in ada)
    return [k for k, n in ada if n == atas]


def unsur_di_bawah_rerata(unsur: Iterable[tuple[K, Decimal | None]]) -> list[K]:
    """The unsur whose NRR is below the IKM (the mean of the unsur filled): the priorities for
    improvement ("Nilai di bawah rerata adalah aspek yang harus ditingkatkan", DOMAIN.md §3.7)."""
    ada = _terisi(unsur)
    rerata = ikm(n for _, n in ada)
    if rerata is None:
        return []
    return [k for k, n in ada if n < rerata]


# --- SAKIP evaluation (LHE) -------------------------------------------------------------------------

# PermenPAN-RB 88/2021 components and their weights (DOMAIN.md §3.8), the preset of a new evaluation.
BOBOT_SAKIP_88_2021: tuple[tuple[str, Decimal], ...] = (
    ("Perencanaan Kinerja", Decimal(30)),
    ("Pengukuran Kinerja", Decimal(30)),
    ("Pelaporan Kinerja", Decimal(15)),
    ("Evaluasi Internal", Decimal(25)),
)


def total_sakip(nilai: Iterable[Decimal]) -> Decimal:
    """The SAKIP score: the sum of the component values (DOMAIN.md §3.8; 22,20 + 21,60 + 10,80 +
    17,50 = 72,10)."""
    return sum((Decimal(n) for n in nilai), NOL)


def persen_komponen_sakip(nilai: Decimal, bobot: Decimal) -> Decimal | None:
    """A component's value as a percentage of its weight (22,20 / 30 = 74,00 %); None for weight 0."""
    if bobot == 0:
        return None
    return Decimal(nilai) * SERATUS / Decimal(bobot)


def predikat_sakip(total: Decimal | None) -> Pita | None:
    """The predikat AA..D of a SAKIP score on SKALA["sakip"] (DOMAIN.md §3.10 S1; 72,10 -> BB)."""
    return predikat(None if total is None else Decimal(total), SKALA["sakip"])
