"""kinerja/capaian.py: capaian, averages, period aggregates, tingkat kemajuan and trend
(DESIGN.md §4, DOMAIN.md §3), checked against every golden value of DOMAIN.md §3.12."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.capaian import (
    SKALA,
    agregat_periode,
    capaian,
    capaian_terpotong,
    predikat,
    rata_rata,
    tingkat_kemajuan,
    tren,
)
from kinerja.nilai import parse_nilai
from lkjip.format import format_angka

D = Decimal


def tampil(x: Decimal | None, desimal: int = 2) -> str:
    """As the report prints it: ROUND_HALF_UP, Indonesian marks."""
    return format_angka(x, desimal)


# --- golden values, DOMAIN.md §3.12 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "target", "hasil"),
    [
        ("85.78", "85", "100,92"),  # 000 Tabel 3.6
        ("90", "87", "103,45"),  # 000 Tabel 3.8
        ("97", "95", "102,11"),  # 000 Tabel 3.2, uncapped
        ("85", "100", "85,00"),  # 001 Tabel 3.1
        ("80", "100", "80,00"),  # 001 Tabel 3.1
        ("72.10", "71.20", "101,26"),  # 002 SAKIP
        ("86.30", "85.50", "100,94"),  # 002 SKM
        ("84.24", "73", "115,40"),  # 004
        ("84.24", "84", "100,29"),  # 004
    ],
)
def test_capaian_naik_nilai_emas(realisasi, target, hasil):
    assert tampil(capaian(target=D(target), realisasi=D(realisasi))) == hasil
    assert tampil(capaian(target=D(target), realisasi=D(realisasi), arah="naik")) == hasil


def test_capaian_tidak_dibulatkan():
    assert capaian(target=D(87), realisasi=D(90)) == D(9000) / D(87)
    assert str(capaian(target=D(87), realisasi=D(90))) == "103.4482758620689655172413793"


def test_capaian_97_95_dibatasi_100_hanya_di_rata_rata():
    nilai = capaian(target=D(95), realisasi=D(97))
    assert tampil(nilai) == "102,11"
    assert tampil(rata_rata([nilai], batas_100=True)) == "100,00"
    assert tampil(rata_rata([nilai])) == "102,11"


def test_rata_rata_sasaran_dari_capaian_tidak_dibulatkan():
    """000 Tabel 3.13: the seed prints 101,7 / 101,8 from pre-rounded inputs."""
    sasaran_2 = [capaian(target=D(100), realisasi=D(100)), capaian(target=D(87), realisasi=D(90))]
    assert tampil(rata_rata(sasaran_2)) == "101,72"
    # Pre-rounding 103,45 first would give 101,73: the unrounded value matters.
    assert tampil(rata_rata([D(100), D("103.45")])) == "101,73"
    sasaran_3 = [
        capaian(target=D(100), realisasi=D(100)),
        capaian(target=D(100), realisasi=D(100)),
        capaian(target=D(100), realisasi=D(100)),
        capaian(target=D(85), realisasi=D(90)),  # 105,88
        capaian(target=D(95), realisasi=D(100)),  # 105,26
        capaian(target=D(100), realisasi=D(100)),
    ]
    assert tampil(rata_rata(sasaran_3)) == "101,86"


def test_tingkat_kemajuan_nilai_emas():
    assert tampil(tingkat_kemajuan(target_akhir=D("71.30"), realisasi=D("72.10"))) == "101,12"
    assert tampil(tingkat_kemajuan(target_akhir=D("85.80"), realisasi=D("86.30"))) == "100,58"
    assert tampil(tingkat_kemajuan(target_akhir=D("96.27"), realisasi=D("95.79"))) == "99,50"


def test_target_bertingkat_memakai_angkanya():
    """002: target "B (71,20)", realisasi "BB (72,10)" -> 101,26 % (C3); the grade is a label."""
    target, realisasi = parse_nilai("B (71,20)"), parse_nilai("BB (72,10)")
    assert (target.label, realisasi.label) == ("B", "BB")
    assert tampil(capaian(target=target.nilai, realisasi=realisasi.nilai)) == "101,26"


def test_target_ambang_memakai_angka_ambangnya():
    """001: target "B (≥ 80)" (C4): capaian = C1 with T = 80."""
    target = parse_nilai("B (≥ 80)")
    assert target.pembanding == ">="
    assert tampil(capaian(target=target.nilai, realisasi=D("84.40"))) == "105,50"
    assert tampil(capaian(target=target.nilai, realisasi=D(80))) == "100,00"


def test_sakip_komponen_total_dan_predikat():
    """002: 22,20/30 ... -> component % and the total 72,10, predikat BB (S1)."""
    komponen = [("22.20", "30"), ("21.60", "30"), ("10.80", "15"), ("17.50", "25")]
    persen = [tampil(capaian(target=D(b), realisasi=D(n))) for n, b in komponen]
    assert persen == ["74,00", "72,00", "72,00", "70,00"]
    total = agregat_periode([D(n) for n, _ in komponen], kumulatif=True)
    assert tampil(total) == "72,10"
    pita = predikat(total, SKALA["sakip"])
    assert (pita.kode, pita.label) == ("BB", "Sangat Baik")


def test_ikm_rata_rata_nrr_tepat_sepersembilan():
    """002: IKM = mean NRR with exact 1/n (3,400), konversi x 25 = 85,00, mutu B "Baik"."""
    nrr = [D(x) for x in ("3.340", "3.380", "3.200", "3.970", "3.180", "3.390", "3.380", "3.380", "3.380")]
    ikm = rata_rata(nrr)
    assert tampil(ikm, 3) == "3,400"
    konversi = ikm * 25
    assert tampil(konversi) == "85,00"
    pita = predikat(konversi, SKALA["skm-permenpan-rb-14-2017"])
    assert (pita.kode, pita.label) == ("B", "Baik")


def test_total_realisasi_belanja_langsung():
    """003: 193.623.560 + 26.947.607 + 0 + 72.848.000 + 20.335.000 = 313.754.167."""
    bagian = [D(193623560), D(26947607), D(0), D(72848000), D(20335000)]
    assert tampil(agregat_periode(bagian, kumulatif=True), 0) == "313.754.167"


@pytest.mark.parametrize(
    ("realisasi", "hasil", "terpotong"),
    [("8", "120,00", False), ("12", "80,00", False), ("25", "0,00", True), ("20", "0,00", False)],
)
def test_capaian_turun_nilai_emas(realisasi, hasil, terpotong):
    """Synthetic T 10: (2T - R)/T x 100; R 25 would be -50, floored at 0 with the warning flag."""
    assert tampil(capaian(target=D(10), realisasi=D(realisasi), arah="turun")) == hasil
    assert capaian_terpotong(target=D(10), realisasi=D(realisasi), arah="turun") is terpotong


# --- undefined values and edge cases ------------------------------------------------------------------


@pytest.mark.parametrize("arah", ["naik", "turun"])
@pytest.mark.parametrize(
    ("target", "realisasi"), [(D(0), D(5)), (D("0.00"), D(0)), (None, D(5)), (D(10), None), (None, None)]
)
def test_capaian_tak_terdefinisi(target, realisasi, arah):
    assert capaian(target=target, realisasi=realisasi, arah=arah) is None
    assert capaian_terpotong(target=target, realisasi=realisasi, arah=arah) is False
    assert tingkat_kemajuan(target_akhir=target, realisasi=realisasi, arah=arah) is None


def test_realisasi_nol_memberi_nol_bukan_none():
    assert capaian(target=D(10), realisasi=D(0)) == 0
    assert capaian(target=D(10), realisasi=D(0), arah="turun") == 200


def test_naik_tidak_pernah_terpotong():
    assert capaian(target=D(10), realisasi=D(-5)) == D(-50)
    assert capaian_terpotong(target=D(10), realisasi=D(-5)) is False


def test_turun_tepat_dua_kali_target_nol_tanpa_peringatan():
    assert capaian(target=D(10), realisasi=D(20), arah="turun") == 0
    assert capaian_terpotong(target=D(10), realisasi=D(20), arah="turun") is False
    assert capaian_terpotong(target=D(10), realisasi=D("20.01"), arah="turun") is True


def test_tingkat_kemajuan_turun_sama_dengan_capaian_turun():
    """DOMAIN.md §3.3: negative polarity uses C2 with T = target akhir, floored like capaian."""
    assert tingkat_kemajuan(target_akhir=D(10), realisasi=D(8), arah="turun") == D(120)
    assert tingkat_kemajuan(target_akhir=D(10), realisasi=D(25), arah="turun") == 0
    assert capaian_terpotong(target=D(10), realisasi=D(25), arah="turun") is True


def test_tingkat_kemajuan_kumulatif_memakai_jumlah_realisasi():
    """Kumulatif indicators: the sum of R from the Renstra start to year n against the end target."""
    realisasi = agregat_periode([D(120), D(150), None, D(130)], kumulatif=True)
    assert tampil(tingkat_kemajuan(target_akhir=D(500), realisasi=realisasi)) == "80,00"


def test_arah_tidak_dikenal_ditolak():
    with pytest.raises(ValueError, match='Arah indikator harus "naik" atau "turun", bukan "datar"'):
        capaian(target=D(10), realisasi=D(5), arah="datar")
    with pytest.raises(ValueError, match='bukan "datar"'):
        tren(sebelumnya=D(1), sekarang=D(2), arah="datar")


# --- rata_rata ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "batas", "hasil"),
    [
        ([D(90), None, D(110)], False, D(100)),
        ([D(90), None, D(110)], True, D(95)),
        ([D(101), D(120)], True, D(100)),
        ([D(80), D(100)], True, D(90)),
        ([None, None], False, None),
        ([], True, None),
    ],
)
def test_rata_rata_nilai_pasti(nilai, batas, hasil):
    assert rata_rata(nilai, batas_100=batas) == hasil


def test_rata_rata_menerima_generator():
    assert rata_rata(D(x) for x in (1, 2, 4)) == D(7) / D(3)


# --- agregat_periode ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "kumulatif", "indeks", "hasil"),
    [
        ([D("10"), D("20.5"), None, D("4.25")], True, False, D("34.75")),
        ([D("80.10"), D("82.50"), D("84"), D("86.48")], False, False, D("86.48")),
        ([D("80.10"), D("82.50"), None, None], False, False, D("82.50")),
        ([None, D("90"), None, D("70")], False, False, D("70")),
        ([D("3.1"), None, D("3.3"), None], False, True, D("3.2")),
        ([D("80"), D("85"), D("90"), None], True, True, D("85")),  # an index is never summed
        ([D("0"), None, None, None], True, False, D("0")),
        ([None, None, None, None], True, False, None),
        ([None, None, None, None], False, True, None),
        ([], False, False, None),
    ],
)
def test_agregat_periode_nilai_pasti(nilai, kumulatif, indeks, hasil):
    assert agregat_periode(nilai, kumulatif=kumulatif, indeks=indeks) == hasil


def test_agregat_periode_ikm_semester():
    """002 L48: "Indek Kepuasan Masyarakat = (nilai IKM semester 1 + nilai IKM semester 2) / 2"."""
    assert tampil(agregat_periode([D("86.10"), D("86.50")], kumulatif=False, indeks=True)) == "86,30"


def test_agregat_periode_rerata_tidak_dibulatkan():
    hasil = agregat_periode([D("1"), D("1"), D("2"), None], kumulatif=False, indeks=True)
    assert hasil == D(4) / D(3)
    assert str(hasil) == "1.333333333333333333333333333"


# --- tren ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sebelumnya", "sekarang", "arah", "hasil"),
    [
        (D("85.39"), D("86.30"), "naik", "Meningkat"),  # 002 SKM 2023 -> 2024
        (D("88.05"), D("85.39"), "naik", "Menurun"),
        (D("71.20"), D("71.2"), "naik", "Tetap"),
        (D(12), D(8), "turun", "Meningkat"),  # less is better
        (D(8), D(12), "turun", "Menurun"),
        (D(8), D(8), "turun", "Tetap"),
        (None, D(8), "naik", "-"),
        (D(8), None, "turun", "-"),
        (None, None, "naik", "-"),
    ],
)
def test_tren(sebelumnya, sekarang, arah, hasil):
    assert tren(sebelumnya=sebelumnya, sekarang=sekarang, arah=arah) == hasil


# --- properties ---------------------------------------------------------------------------------------

_positif = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2, allow_nan=False)
_angka = st.decimals(min_value=-1_000_000, max_value=1_000_000, places=4, allow_nan=False)
_faktor = st.decimals(min_value=D("0.001"), max_value=D("10000"), places=3, allow_nan=False)


@given(_positif, _angka, _angka)
def test_capaian_naik_monoton_dalam_realisasi(target, r1, r2):
    rendah, tinggi = sorted([r1, r2])
    assert capaian(target=target, realisasi=rendah) <= capaian(target=target, realisasi=tinggi)


@given(_positif, _angka, _angka)
def test_capaian_turun_monoton_terbalik(target, r1, r2):
    rendah, tinggi = sorted([r1, r2])
    assert capaian(target=target, realisasi=rendah, arah="turun") >= capaian(
        target=target, realisasi=tinggi, arah="turun"
    )


@given(_positif, _angka, _faktor, st.sampled_from(["naik", "turun"]))
def test_capaian_tak_berubah_bila_t_dan_r_diskalakan(target, realisasi, faktor, arah):
    assert capaian(target=target * faktor, realisasi=realisasi * faktor, arah=arah) == capaian(
        target=target, realisasi=realisasi, arah=arah
    )


@given(_positif, st.decimals(min_value=-1_000_000, max_value=1_000_000, places=2, allow_nan=False))
def test_turun_cermin_naik_di_sekitar_target(target, selisih):
    """Turun with R = T + d equals naik with R = T - d, as long as the floor does not apply."""
    assume(selisih <= target)  # realisasi T + d <= 2T: not floored
    turun = capaian(target=target, realisasi=target + selisih, arah="turun")
    assert turun == capaian(target=target, realisasi=target - selisih)
    assert capaian_terpotong(target=target, realisasi=target + selisih, arah="turun") is False


@given(_positif, _angka)
def test_turun_tidak_pernah_negatif_dan_peringatan_tepat(target, realisasi):
    hasil = capaian(target=target, realisasi=realisasi, arah="turun")
    assert hasil >= 0
    assert capaian_terpotong(target=target, realisasi=realisasi, arah="turun") is (realisasi > 2 * target)


@given(st.lists(st.one_of(st.none(), _angka), max_size=8), st.booleans())
def test_rata_rata_di_antara_minimum_dan_maksimum(nilai, batas):
    ada = [min(n, 100) if batas else n for n in nilai if n is not None]
    hasil = rata_rata(nilai, batas_100=batas)
    if not ada:
        assert hasil is None
    else:
        assert min(ada) <= hasil <= max(ada)
        if batas:
            assert hasil <= 100


_periode = st.lists(st.one_of(st.none(), _angka), min_size=4, max_size=4)


@given(_periode, st.integers(min_value=0, max_value=3), st.decimals(min_value=0, max_value=1000, places=2))
def test_jumlah_monoton(periode, posisi, tambahan):
    """Kumulatif: raising one period value never lowers the sum."""
    if periode[posisi] is None:
        periode[posisi] = D(0)
    naik = list(periode)
    naik[posisi] = periode[posisi] + tambahan
    assert agregat_periode(naik, kumulatif=True) >= agregat_periode(periode, kumulatif=True)


@given(_periode, _periode)
def test_terakhir_mengabaikan_nilai_sebelumnya(awal, lain):
    """Not kumulatif: only the last value present counts, whatever comes before it."""
    terakhir = next((n for n in reversed(awal) if n is not None), None)
    if terakhir is None:
        assert agregat_periode(awal, kumulatif=False) is None
        return
    indeks = max(i for i, n in enumerate(awal) if n is not None)
    diganti = lain[:indeks] + awal[indeks:]
    assert agregat_periode(diganti, kumulatif=False) == terakhir == agregat_periode(awal, kumulatif=False)


@given(_periode, st.booleans())
def test_indeks_di_antara_minimum_dan_maksimum(periode, kumulatif):
    ada = [n for n in periode if n is not None]
    hasil = agregat_periode(periode, kumulatif=kumulatif, indeks=True)
    if not ada:
        assert hasil is None
    else:
        assert min(ada) <= hasil <= max(ada)


@given(_angka, _angka, st.sampled_from(["naik", "turun"]))
def test_tren_antisimetris(a, b, arah):
    maju, mundur = tren(sebelumnya=a, sekarang=b, arah=arah), tren(sebelumnya=b, sekarang=a, arah=arah)
    lawan = {"Meningkat": "Menurun", "Menurun": "Meningkat", "Tetap": "Tetap"}
    assert lawan[maju] == mundur
