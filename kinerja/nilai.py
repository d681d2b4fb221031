"""Target and realisasi values as people type them: "85,78", "BB (72,10)", ">= 80", "≥ 80".

Pure (no Django): the forms of every kinerja page read values through here, so the page, the
grid and the importer agree on what a graded or threshold value is (DOMAIN.md §2.1.11).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from lkjip.format import format_angka, parse_angka

PEMBANDING = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", "=": "="}
TAMPIL_PEMBANDING = {">=": "≥", "<=": "≤", "=": "="}
_POLA_PEMBANDING = re.compile(r"^(>=|<=|≥|≤|=)\s*(.+)$")
_POLA_HURUF = re.compile(r"[A-Ea-e]{1,2}")
_POLA_LABEL = re.compile(r"^([A-Za-z][A-Za-z+\-]{0,9})\s*\(\s*(.+?)\s*\)$")


@dataclass(frozen=True)
class Nilai:
    nilai: Decimal
    label: str = ""
    pembanding: str = ""

    def __str__(self) -> str:
        return format_nilai(self.nilai, self.label, self.pembanding)


def format_nilai(nilai: Decimal | None, label: str = "", pembanding: str = "", desimal: int = 2) -> str:
    """The inverse of parse_nilai: "BB (72,10)", "≥ 80,00", "85,78"; "-" when there is no value."""
    if nilai is None:
        return "-"
    teks = format_angka(nilai, desimal)
    if pembanding and pembanding != "=":
        teks = f"{TAMPIL_PEMBANDING[pembanding]} {teks}"
    if label:
        teks = f"{label} ({teks})"
    return teks


def parse_nilai(teks: str) -> Nilai:
    """Read a value: a number, a grade with its number "BB (72,10)", or a threshold ">= 80".

    Raises ValueError with an Indonesian message pointing at what is wrong.
    """
    teks = (teks or "").strip()
    if not teks:
        raise ValueError("Nilai wajib diisi.")
    label = ""
    cocok = _POLA_LABEL.match(teks)
    if cocok:
        label, teks = cocok.group(1), cocok.group(2)
    pembanding = ""
    cocok = _POLA_PEMBANDING.match(teks)
    if cocok:
        pembanding, teks = PEMBANDING[cocok.group(1)], cocok.group(2).strip()
    try:
        nilai = parse_angka(teks)
    except ValueError as e:
        if not pembanding and _POLA_HURUF.fullmatch(teks):
            raise ValueError(f'Nilai huruf "{teks}" perlu angkanya, tulis mis. "{teks} (72,10)".') from e
        raise
    return Nilai(nilai=nilai, label=label, pembanding=pembanding)
