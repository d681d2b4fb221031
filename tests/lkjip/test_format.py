"""Tests for lkjip.format (Indonesian formatting) and its template filters."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.format import (
    NIP_PESAN,
    format_angka,
    format_nip,
    format_persen,
    format_rupiah,
    format_tanggal,
    nip_valid,
    parse_angka,
)

BATAS = Decimal("1e15")


def _kuantum(d: int) -> Decimal:
    return Decimal(1).scaleb(-d)


# --- format_angka -----------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "desimal", "hasil"),
    [
        (Decimal("1234567.89"), 2, "1.234.567,89"),
        (Decimal("85.78"), 2, "85,78"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("-1234.5"), 2, "-1.234,50"),
        (Decimal("0"), 2, "0,00"),
        (Decimal("999"), 2, "999,00"),
        (Decimal("1000"), 2, "1.000,00"),
        (Decimal("1234567"), 0, "1.234.567"),
        (Decimal("1234.5678"), 3, "1.234,568"),
        (Decimal("0.1"), 4, "0,1000"),
        (1234567, 2, "1.234.567,00"),
        (-5, 0, "-5"),
        ("1234.5", 2, "1.234,50"),
        (" -1234567.891 ", 2, "-1.234.567,89"),
        (1234567.891, 2, "1.234.567,89"),
        (0.1, 2, "0,10"),
        (Decimal("1E+3"), 2, "1.000,00"),
        (Decimal("12345678901234567890123456789.5"), 2, "12.345.678.901.234.567.890.123.456.789,50"),
    ],
)
def test_format_angka(x, desimal, hasil):
    assert format_angka(x, desimal) == hasil


def test_format_angka_default_dua_desimal():
    assert format_angka(Decimal("85.78")) == "85,78"
    assert format_angka(7) == "7,00"


@pytest.mark.parametrize(
    ("x", "desimal", "hasil"),
    [
        (Decimal("2.345"), 2, "2,35"),
        (Decimal("2.344"), 2, "2,34"),
        (Decimal("-2.345"), 2, "-2,35"),
        (Decimal("0.5"), 0, "1"),
        (Decimal("1.5"), 0, "2"),
        (Decimal("2.5"), 0, "3"),  # half-up, not banker's rounding
        (Decimal("-0.5"), 0, "-1"),
        (Decimal("999.995"), 2, "1.000,00"),
        (Decimal("-0.005"), 2, "-0,01"),  # ties go away from zero
        (Decimal("-0.004"), 2, "0,00"),  # rounds to zero: no minus sign
        (Decimal("-0"), 2, "0,00"),
    ],
)
def test_format_angka_pembulatan_half_up(x, desimal, hasil):
    assert format_angka(x, desimal) == hasil


def test_format_angka_none():
    assert format_angka(None) == "-"
    assert format_angka(None, 0) == "-"


@pytest.mark.parametrize("x", ["abc", "", "1,5", "1.234,5", "1e5", "nan", float("nan"), Decimal("Infinity")])
def test_format_angka_nilai_tidak_valid(x):
    with pytest.raises(ValueError):
        format_angka(x)


@pytest.mark.parametrize("x", [True, [1], object()])
def test_format_angka_tipe_tidak_valid(x):
    with pytest.raises(TypeError):
        format_angka(x)


@pytest.mark.parametrize("desimal", [-1, 1.5, True])
def test_format_angka_desimal_tidak_valid(desimal):
    with pytest.raises(ValueError):
        format_angka(Decimal("1"), desimal)


# --- format_rupiah / format_persen -----------------------------------------


@pytest.mark.parametrize(
    ("x", "hasil"),
    [
        (Decimal("3492380983"), "Rp 3.492.380.983,00"),
        (3492380983, "Rp 3.492.380.983,00"),
        (Decimal("1555446741.005"), "Rp 1.555.446.741,01"),
        (Decimal("-1234.5"), "Rp -1.234,50"),
        (0, "Rp 0,00"),
        (None, "-"),
    ],
)
def test_format_rupiah(x, hasil):
    assert format_rupiah(x) == hasil


@pytest.mark.parametrize(
    ("x", "desimal", "hasil"),
    [
        (Decimal("103.45"), 2, "103,45 %"),
        (Decimal("103.445"), 2, "103,45 %"),
        (Decimal("85.78"), 1, "85,8 %"),
        (100, 0, "100 %"),
        (Decimal("1234.5"), 2, "1.234,50 %"),
        (None, 2, "-"),
    ],
)
def test_format_persen(x, desimal, hasil):
    assert format_persen(x, desimal) == hasil


def test_format_persen_default_dua_desimal():
    assert format_persen(Decimal("103.45")) == "103,45 %"


# --- format_tanggal ---------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "hasil"),
    [
        (date(2021, 1, 4), "4 Januari 2021"),
        (date(2021, 2, 28), "28 Februari 2021"),
        (date(2021, 3, 1), "1 Maret 2021"),
        (date(2021, 4, 10), "10 April 2021"),
        (date(2021, 5, 5), "5 Mei 2021"),
        (date(2021, 6, 6), "6 Juni 2021"),
        (date(2021, 7, 7), "7 Juli 2021"),
        (date(2021, 8, 17), "17 Agustus 2021"),
        (date(2021, 9, 9), "9 September 2021"),
        (date(2021, 10, 31), "31 Oktober 2021"),
        (date(2021, 11, 11), "11 November 2021"),
        (date(2021, 12, 25), "25 Desember 2021"),
        (datetime(2021, 1, 4, 23, 59), "4 Januari 2021"),
        (None, ""),
    ],
)
def test_format_tanggal(d, hasil):
    assert format_tanggal(d) == hasil


def test_format_tanggal_bukan_tanggal():
    with pytest.raises(TypeError):
        format_tanggal("2021-01-04")


# --- NIP --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "hasil"),
    [
        ("196707011992091001", "19670701 199209 1 001"),
        ("  196707011992091001\n", "19670701 199209 1 001"),
        ("19670701199209100", "19670701199209100"),  # 17 digits: unchanged
        ("1967070119920910011", "1967070119920910011"),  # 19 digits: unchanged
        (" 19670701 199209 1 001 ", "19670701 199209 1 001"),  # already grouped: only stripped
        ("12345678901234567X", "12345678901234567X"),
        ("", ""),
        (None, ""),
    ],
)
def test_format_nip(s, hasil):
    assert format_nip(s) == hasil


@pytest.mark.parametrize(
    ("s", "valid"),
    [
        ("196707011992091001", True),
        ("19670701199209100", False),
        ("1967070119920910011", False),
        ("19670701 199209 1 001", False),
        (" 196707011992091001", False),
        ("196707011992091001\n", False),
        ("١٩٦٧٠٧٠١١٩٩٢٠٩١٠٠١", False),  # 18 non-ASCII digits
        ("", False),
        (None, False),
    ],
)
def test_nip_valid(s, valid):
    assert nip_valid(s) is valid


def test_nip_pesan():
    assert isinstance(NIP_PESAN, str)
    assert "18" in NIP_PESAN


# --- parse_angka ------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "hasil"),
    [
        ("1.555.446.741,00", "1555446741.00"),
        ("85,78", "85.78"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("1234567", "1234567"),
        ("1234567,5", "1234567.5"),
        ("85.78", "85.78"),
        ("0.5", "0.5"),
        ("1.2345", "1.2345"),
        ("1234.5", "1234.5"),
        ("0,5", "0.5"),
        ("0", "0"),
        ("-1.234,50", "-1234.50"),
        ("-85.78", "-85.78"),
        ("  1.234,5  ", "1234.5"),
        ("103,45 %", "103.45"),
        ("103,45%", "103.45"),
        ("007", "7"),
    ],
)
def test_parse_angka(s, hasil):
    nilai = parse_angka(s)
    assert nilai == Decimal(hasil)
    # The typed number of decimals is kept.
    assert nilai.as_tuple().exponent == Decimal(hasil).as_tuple().exponent


@pytest.mark.parametrize(
    "s",
    [
        "12,3,4",
        "1.23.4",
        "abc",
        "",
        "   ",
        "1.234,5,6",
        "1,234.56",
        "1.234.56",
        "12.34.567",
        "1234.567",  # first thousands group longer than 3 digits
        "0.500",  # ambiguous: leading zero before a thousands group
        "1.2345.678",
        ".5",
        ",5",
        "5.",
        "5,",
        "1.",
        "-",
        "--5",
        "+5",
        "- 5",
        "1 234",
        "Rp 1.234",
        "1e5",
        "NaN",
        "Infinity",
        "%",
        "5%%",
        "١٢٣",  # non-ASCII digits
    ],
)
def test_parse_angka_tidak_valid(s):
    with pytest.raises(ValueError, match="Angka tidak valid"):
        parse_angka(s)


def test_parse_angka_pesan_kesalahan():
    with pytest.raises(ValueError) as info:
        parse_angka("abc")
    assert str(info.value) == (
        'Angka tidak valid: "abc". Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89.'
    )


def test_parse_angka_bukan_teks():
    with pytest.raises(TypeError):
        parse_angka(12)


# --- properties -------------------------------------------------------------


@st.composite
def desimal_dan_angka(draw):
    d = draw(st.integers(min_value=0, max_value=4))
    x = draw(st.decimals(min_value=-BATAS, max_value=BATAS, places=d, allow_nan=False, allow_infinity=False))
    return d, x


@given(desimal_dan_angka())
def test_parse_membalik_format_angka(data):
    d, x = data
    hasil = parse_angka(format_angka(x, d))
    harapan = x.quantize(_kuantum(d))
    assert hasil == harapan
    assert hasil.as_tuple().exponent == -d


@given(
    st.integers(min_value=0, max_value=4),
    st.decimals(min_value=-BATAS, max_value=BATAS, allow_nan=False, allow_infinity=False),
)
def test_parse_format_angka_sama_dengan_pembulatan_half_up(d, x):
    assert parse_angka(format_angka(x, d)) == x.quantize(_kuantum(d), rounding=ROUND_HALF_UP)


@given(st.decimals(min_value=-BATAS, max_value=BATAS, places=2, allow_nan=False, allow_infinity=False))
def test_parse_membalik_format_rupiah(x):
    teks = format_rupiah(x)
    assert teks.startswith("Rp ")
    assert parse_angka(teks.removeprefix("Rp ")) == x


@given(st.decimals(min_value=-BATAS, max_value=BATAS, places=2, allow_nan=False, allow_infinity=False))
def test_parse_membalik_format_persen(x):
    assert parse_angka(format_persen(x)) == x


@given(st.integers(min_value=-(10**40), max_value=10**40), st.integers(min_value=0, max_value=4))
def test_angka_besar_tidak_kehilangan_digit(n, d):
    # More digits than Decimal's default 28-digit precision must survive exactly.
    assert parse_angka(format_angka(n, d)) == n


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_angka_bilangan_bulat_polos(n):
    assert parse_angka(str(n)) == n


_angka_valid = st.builds(
    format_angka,
    st.decimals(min_value=-BATAS, max_value=BATAS, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=4),
)


@given(_angka_valid, st.characters(categories=["L"]), st.data())
def test_parse_angka_dengan_huruf_ditolak(teks, huruf, data):
    posisi = data.draw(st.integers(min_value=0, max_value=len(teks)))
    with pytest.raises(ValueError):
        parse_angka(teks[:posisi] + huruf + teks[posisi:])


@given(_angka_valid, st.sampled_from([",", ".", ",1", ".1", ",12", "..", ",,"]))
def test_parse_angka_tanda_berlebih_ditolak(teks, ekor):
    # A comma already present (or a dot after the comma) can never be valid.
    if "," not in teks:
        teks += ",5"
    with pytest.raises(ValueError):
        parse_angka(teks + ekor)


@given(
    st.integers(min_value=1, max_value=999),
    st.lists(st.text(alphabet="0123456789", min_size=0, max_size=6), min_size=2, max_size=5),
)
def test_parse_angka_kelompok_ribuan_salah_ditolak(awal, kelompok):
    # With two or more dots every later group must be exactly three digits.
    if all(len(k) == 3 for k in kelompok):
        kelompok[0] += "0"
    with pytest.raises(ValueError):
        parse_angka(".".join([str(awal), *kelompok]))


# --- template filters -------------------------------------------------------


def _render(sumber: str, **konteks) -> str:
    from django.template import Context, Template

    return Template(sumber).render(Context(konteks))


@pytest.mark.parametrize(
    ("sumber", "konteks", "hasil"),
    [
        ("{{ x|angka }}", {"x": Decimal("1234.5")}, "1.234,50"),
        ("{{ x|angka:3 }}", {"x": Decimal("1234.5678")}, "1.234,568"),
        ("{{ x|angka:0 }}", {"x": Decimal("1234.5")}, "1.235"),
        ("{{ x|angka }}", {"x": None}, "-"),
        ("{{ x|rupiah }}", {"x": Decimal("3492380983")}, "Rp 3.492.380.983,00"),
        ("{{ x|persen }}", {"x": Decimal("103.45")}, "103,45 %"),
        ("{{ x|persen:1 }}", {"x": Decimal("103.45")}, "103,5 %"),
        ("{{ d|tanggal }}", {"d": date(2021, 1, 4)}, "4 Januari 2021"),
        ("{{ d|tanggal }}", {"d": None}, ""),
        ("NIP. {{ p.nip|nip }}", {"p": {"nip": "196707011992091001"}}, "NIP. 19670701 199209 1 001"),
    ],
)
def test_filter_template(sumber, konteks, hasil):
    assert _render(sumber, **konteks) == hasil


@pytest.mark.parametrize(
    ("sumber", "konteks", "hasil"),
    [
        ("{{ x|angka }}", {"x": "bukan angka"}, "bukan angka"),
        ("{{ x|rupiah }}", {"x": "<b>"}, "&lt;b&gt;"),
        ("{{ x|angka:'a' }}", {"x": Decimal("1")}, "1"),
        ("{{ d|tanggal }}", {"d": "2021-01-04"}, "2021-01-04"),
    ],
)
def test_filter_template_nilai_aneh_tidak_merusak_halaman(sumber, konteks, hasil):
    assert _render(sumber, **konteks) == hasil
