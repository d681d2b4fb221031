"""Indonesian number, money, percentage, date and NIP formatting.

Pure Python (no Django) so it can be used in templates, forms, exports and
tests alike. Numbers are always handled as ``Decimal``; Indonesian notation
uses "." to group thousands and "," as the decimal mark.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "NAMA_BULAN",
    "NIP_PESAN",
    "format_angka",
    "format_nip",
    "format_persen",
    "format_rupiah",
    "format_tanggal",
    "nip_valid",
    "parse_angka",
]

Angka = Decimal | int | float | str

NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

NIP_PESAN = "NIP harus terdiri dari tepat 18 angka, tanpa spasi atau tanda baca."

# A plain decimal as written in code/data (not Indonesian notation): "-1234.5".
_DESIMAL_POLOS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# What people type, Indonesian style. [0-9] rather than \d so that only ASCII digits pass.
_ANGKA_POLOS = re.compile(r"(?P<bulat>[0-9]+)(?:,(?P<pecahan>[0-9]+))?")
_ANGKA_RIBUAN = re.compile(r"(?P<bulat>[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,(?P<pecahan>[0-9]+))?")
_ANGKA_TITIK_DESIMAL = re.compile(r"(?P<bulat>[0-9]+)\.(?P<pecahan>[0-9]{1,2}|[0-9]{4,})")
_NIP = re.compile(r"[0-9]{18}")


def _ke_decimal(x: Angka) -> Decimal:
    """Convert a supported input to a finite Decimal.

    Floats go through ``str`` so 0.1 becomes Decimal("0.1"), not its binary expansion.
    """
    if isinstance(x, bool):
        raise TypeError("Nilai benar/salah (bool) bukan angka.")
    if isinstance(x, Decimal):
        nilai = x
    elif isinstance(x, int):
        nilai = Decimal(x)
    elif isinstance(x, float):
        nilai = Decimal(str(x))
    elif isinstance(x, str):
        teks = x.strip()
        if not _DESIMAL_POLOS.fullmatch(teks):
            raise ValueError(f'Bukan angka desimal biasa: "{x}".')
        nilai = Decimal(teks)
    else:
        raise TypeError(f"Tipe {type(x).__name__} tidak bisa diformat sebagai angka.")
    if not nilai.is_finite():
        raise ValueError(f"Angka harus terhingga, bukan {nilai}.")
    return nilai


def format_angka(x: Angka | None, desimal: int = 2) -> str:
    """Format a number Indonesian style: "1.234.567,89".

    Rounds to ``desimal`` places with ROUND_HALF_UP (ties away from zero, the
    rule taught in school and used in government reports). A value that rounds
    to zero is shown without a minus sign. None gives "-".
    """
    if x is None:
        return "-"
    if isinstance(desimal, bool) or not isinstance(desimal, int) or desimal < 0:
        raise ValueError(f"Jumlah desimal harus bilangan bulat >= 0, bukan {desimal!r}.")
    nilai = _ke_decimal(x)
    # Enough precision that quantize never fails on large numbers.
    presisi = max(28, nilai.adjusted() + desimal + 2)
    dibulatkan = nilai.quantize(
        Decimal(1).scaleb(-desimal), context=Context(prec=presisi, rounding=ROUND_HALF_UP)
    )
    # copy_abs, not abs(): abs() would round to the context precision (28 digits).
    # Python formats as "1,234,567.89"; swap the separators to "1.234.567,89".
    teks = f"{dibulatkan.copy_abs():,f}".translate(str.maketrans(",.", ".,"))
    return f"-{teks}" if dibulatkan < 0 else teks


def format_rupiah(x: Angka | None) -> str:
    """Format an amount of money: "Rp 3.492.380.983,00" (always 2 decimals). None gives "-"."""
    if x is None:
        return "-"
    return f"Rp {format_angka(x, 2)}"


def format_persen(x: Angka | None, desimal: int = 2) -> str:
    """Format a percentage: "103,45 %" (with a space before %). None gives "-"."""
    if x is None:
        return "-"
    return f"{format_angka(x, desimal)} %"


def format_tanggal(d: date | None) -> str:
    """Format a date the Indonesian way: "4 Januari 2021" (no leading zero). None gives "".

    A datetime is shown by its own date part; convert aware datetimes to local time first.
    """
    if d is None:
        return ""
    if not isinstance(d, date):
        raise TypeError(f"Tipe {type(d).__name__} bukan tanggal.")
    return f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}"


def nip_valid(s: str | None) -> bool:
    """True when ``s`` is exactly 18 ASCII digits (the civil-servant NIP format), nothing else."""
    return isinstance(s, str) and _NIP.fullmatch(s) is not None


def format_nip(s: str | None) -> str:
    """Group an 18-digit NIP as "19670701 199209 1 001" (birth date, appointment, sex, number).

    Anything that is not 18 digits is returned unchanged apart from trimming, so
    old or odd data still shows. None gives "".
    """
    if s is None:
        return ""
    nip = str(s).strip()
    if not nip_valid(nip):
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def _tidak_valid(s: str) -> ValueError:
    return ValueError(
        f'Angka tidak valid: "{s}". Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89.'
    )


def parse_angka(s: str) -> Decimal:
    """Read a number typed Indonesian style and return it as an exact Decimal.

    Accepted: optional "-", then plain digits ("1234567"), or thousands grouped
    with "." ("1.234.567", first group 1-3 digits not starting with 0, later
    groups exactly 3), optionally followed by "," and decimals ("1.234,56").
    A single "." followed by anything other than exactly three digits is read
    as a decimal point ("85.78", "0.5"), since it cannot be a thousands mark.
    Surrounding whitespace and one trailing "%" are ignored. Everything else,
    including ambiguous or English-style input ("1,234.56"), raises ValueError.
    The number of decimals typed is kept: "1,00" gives Decimal("1.00").
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_angka butuh teks, bukan {type(s).__name__}.")
    teks = s.strip()
    if teks.endswith("%"):
        teks = teks[:-1].rstrip()
    tanda = ""
    if teks.startswith("-"):
        tanda, teks = "-", teks[1:]
    for pola in (_ANGKA_POLOS, _ANGKA_RIBUAN):
        cocok = pola.fullmatch(teks)
        if cocok:
            bulat = cocok["bulat"].replace(".", "")
            pecahan = cocok["pecahan"]
            return Decimal(f"{tanda}{bulat}.{pecahan}" if pecahan else f"{tanda}{bulat}")
    cocok = _ANGKA_TITIK_DESIMAL.fullmatch(teks)
    if cocok:
        return Decimal(f"{tanda}{cocok['bulat']}.{cocok['pecahan']}")
    raise _tidak_valid(s)
