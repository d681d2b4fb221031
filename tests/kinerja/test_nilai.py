from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.nilai import Nilai, format_nilai, parse_nilai


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("85,78", Nilai(Decimal("85.78"))),
        ("1.234.567,89", Nilai(Decimal("1234567.89"))),
        ("BB (72,10)", Nilai(Decimal("72.10"), "BB")),
        ("bb(72,10)", Nilai(Decimal("72.10"), "bb")),
        (">= 80", Nilai(Decimal("80"), "", ">=")),
        ("≥ 80", Nilai(Decimal("80"), "", ">=")),
        ("<=5", Nilai(Decimal("5"), "", "<=")),
        ("B (≥ 80)", Nilai(Decimal("80"), "B", ">=")),
        ("  100  ", Nilai(Decimal("100"))),
    ],
)
def test_parse_nilai(teks, hasil):
    assert parse_nilai(teks) == hasil


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("", "Nilai wajib diisi."),
        ("BB", 'Nilai huruf "BB" perlu angkanya, tulis mis. "BB (72,10)".'),
        ("12,3,4", 'Angka tidak valid: "12,3,4".'),
        (">= abc", 'Angka tidak valid: "abc".'),
    ],
)
def test_parse_nilai_salah(teks, pesan):
    with pytest.raises(ValueError) as e:
        parse_nilai(teks)
    assert str(e.value).startswith(pesan)


def test_format_nilai():
    assert format_nilai(Decimal("72.1"), "BB") == "BB (72,10)"
    assert format_nilai(Decimal("80"), "", ">=") == "≥ 80,00"
    assert format_nilai(Decimal("80"), "B", ">=") == "B (≥ 80,00)"
    assert format_nilai(None) == "-"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "A", "BB", "CC"]),
    st.sampled_from(["", ">=", "<="]),
)
def test_parse_membalik_format(nilai, label, pembanding):
    assert parse_nilai(format_nilai(nilai, label, pembanding)) == Nilai(nilai, label, pembanding)
