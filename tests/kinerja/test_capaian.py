"""kinerja/capaian.py: the yearly realisasi derived from the triwulan values (DESIGN.md §3)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.capaian import realisasi_tahunan

D = Decimal


@pytest.mark.parametrize(
    ("triwulan", "kumulatif", "rerata", "hasil"),
    [
        ([D("10"), D("20.5"), None, D("4.25")], True, False, D("34.75")),
        ([D("80.10"), D("82.50"), D("84"), D("86.48")], False, False, D("86.48")),
        ([D("80.10"), D("82.50"), None, None], False, False, D("82.50")),
        ([None, D("90"), None, D("70")], False, False, D("70")),
        ([D("3.1"), None, D("3.3"), None], False, True, D("3.2")),
        ([D("80"), D("85"), D("90"), None], True, True, D("85")),
        ([D("0"), None, None, None], True, False, D("0")),
        ([None, None, None, None], True, False, None),
        ([None, None, None, None], False, True, None),
        ([], False, False, None),
    ],
)
def test_realisasi_tahunan_nilai_pasti(triwulan, kumulatif, rerata, hasil):
    assert realisasi_tahunan(triwulan, kumulatif=kumulatif, rerata=rerata) == hasil


def test_realisasi_tahunan_rerata_tidak_dibulatkan():
    hasil = realisasi_tahunan([D("1"), D("1"), D("2"), None], kumulatif=False, rerata=True)
    assert hasil == D(4) / D(3)
    assert str(hasil) == "1.333333333333333333333333333"


_angka = st.decimals(min_value=-1_000_000, max_value=1_000_000, places=4, allow_nan=False)
_triwulan = st.lists(st.one_of(st.none(), _angka), min_size=4, max_size=4)


@given(_triwulan, st.integers(min_value=0, max_value=3), st.decimals(min_value=0, max_value=1000, places=2))
def test_jumlah_monoton(triwulan, posisi, tambahan):
    """Kumulatif: raising one triwulan value never lowers the yearly sum."""
    if triwulan[posisi] is None:
        triwulan[posisi] = D(0)
    naik = list(triwulan)
    naik[posisi] = triwulan[posisi] + tambahan
    assert realisasi_tahunan(naik, kumulatif=True) >= realisasi_tahunan(triwulan, kumulatif=True)


@given(_triwulan, _triwulan)
def test_terakhir_mengabaikan_nilai_sebelumnya(awal, lain):
    """Not kumulatif: only the last value present counts, whatever comes before it."""
    terakhir = next((n for n in reversed(awal) if n is not None), None)
    if terakhir is None:
        assert realisasi_tahunan(awal, kumulatif=False) is None
        return
    indeks = max(i for i, n in enumerate(awal) if n is not None)
    diganti = lain[:indeks] + awal[indeks:]
    assert realisasi_tahunan(diganti, kumulatif=False) == terakhir == realisasi_tahunan(awal, kumulatif=False)


@given(_triwulan, st.booleans())
def test_rerata_di_antara_minimum_dan_maksimum(triwulan, kumulatif):
    ada = [n for n in triwulan if n is not None]
    hasil = realisasi_tahunan(triwulan, kumulatif=kumulatif, rerata=True)
    if not ada:
        assert hasil is None
    else:
        assert min(ada) <= hasil <= max(ada)
