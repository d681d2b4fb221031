"""anggaran/serapan.py: serapan (% realisasi anggaran) and tingkat efisiensi (DOMAIN.md §3.4-3.5),
checked against the golden values of DOMAIN.md §3.12."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anggaran.serapan import efisiensi, serapan
from kinerja.capaian import agregat_periode, rata_rata
from lkjip.format import format_angka

D = Decimal


@pytest.mark.parametrize(
    ("realisasi", "pagu", "hasil"),
    [
        (665_149_795, 676_886_100, "98,27"),  # 000 Tabel 3.12 (the seed truncates to 98,26)
        (14_428_001, 172_083_310, "8,38"),  # 001
        (2_214_540_470, 2_322_917_223, "95,33"),  # 002 sasaran 2
        (2_257_682_070, 2_368_755_823, "95,31"),  # 002 L1078
        (1_984_707_841, 1_955_165_841, "101,51"),  # 004 Tabel 3.7: above 100 is kept
    ],
)
def test_serapan_nilai_emas(realisasi, pagu, hasil):
    assert format_angka(serapan(pagu=D(pagu), realisasi=D(realisasi))) == hasil


def test_serapan_induk_dari_jumlah_sub_kegiatan():
    """002: sub kegiatan 1.589.071.682 + 22.164.000 + 655.500 vs pagu 1.678.571.471."""
    jumlah = agregat_periode([D(1_589_071_682), D(22_164_000), D(655_500)], kumulatif=True)
    assert format_angka(jumlah, 0) == "1.611.891.182"
    assert format_angka(serapan(pagu=D(1_678_571_471), realisasi=jumlah)) == "96,03"


def test_efisiensi_dari_serapan_tidak_dibulatkan():
    """000 Tabel 3.14 recomputed: 100 - 98,27 = 1,73 (the seed's truncated 98,26 gives 1,74)."""
    nilai_serapan = serapan(pagu=D(676_886_100), realisasi=D(665_149_795))
    hasil = efisiensi(capaian=D(100), serapan=nilai_serapan)
    assert format_angka(hasil) == "1,73"
    assert hasil == D(100) - D(66_514_979_500) / D(676_886_100)


def test_efisiensi_dengan_capaian_dibatasi_100():
    """000 Tabel 3.14 uses 100 for sasaran whose capaian is 101,72 (the kabupaten cap option)."""
    capaian_sasaran = rata_rata([D(100), D(9000) / D(87)], batas_100=True)
    assert format_angka(efisiensi(capaian=capaian_sasaran, serapan=D("98.12"))) == "1,88"
    assert format_angka(efisiensi(capaian=D("101.7241"), serapan=D("98.12"))) == "3,60"


def test_efisiensi_bisa_negatif():
    """E3 (002): capaian 90 against 92,31 % spent is -2,31 poin persen."""
    assert efisiensi(capaian=D(90), serapan=D("92.31")) == D("-2.31")


@pytest.mark.parametrize(
    ("pagu", "realisasi"), [(D(0), D(10)), (D("0.00"), D(0)), (None, D(10)), (D(10), None), (None, None)]
)
def test_serapan_tak_terdefinisi(pagu, realisasi):
    assert serapan(pagu=pagu, realisasi=realisasi) is None


def test_serapan_nol_bukan_none():
    assert serapan(pagu=D(1_000_000), realisasi=D(0)) == 0


@pytest.mark.parametrize(("capaian", "nilai_serapan"), [(None, D(90)), (D(100), None), (None, None)])
def test_efisiensi_tak_terdefinisi(capaian, nilai_serapan):
    assert efisiensi(capaian=capaian, serapan=nilai_serapan) is None


_rupiah = st.decimals(min_value=1, max_value=D("1e13"), places=2, allow_nan=False)


@given(_rupiah, _rupiah, _rupiah)
def test_serapan_monoton_dalam_realisasi(pagu, r1, r2):
    rendah, tinggi = sorted([r1, r2])
    assert serapan(pagu=pagu, realisasi=rendah) <= serapan(pagu=pagu, realisasi=tinggi)


@given(_rupiah, _rupiah)
def test_serapan_penuh_dan_efisiensi_nol(pagu, realisasi):
    assert serapan(pagu=pagu, realisasi=pagu) == 100
    s = serapan(pagu=pagu, realisasi=realisasi)
    assert efisiensi(capaian=s, serapan=s) == 0
