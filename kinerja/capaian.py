"""Performance calculations (DESIGN.md §3-4, DOMAIN.md §3). Pure: Decimal in, Decimal out, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def realisasi_tahunan(
    triwulan: Sequence[Decimal | None], *, kumulatif: bool, rerata: bool = False
) -> Decimal | None:
    """The yearly realisasi derived from the triwulan values, for when the yearly one is not entered
    (DESIGN.md §3, "the yearly realisasi ... aggregated from the triwulan values").

    `triwulan` holds the values of TW I..IV in order, None where a triwulan has no value.
    Rule: `rerata` (indicators whose realisasi comes from a survey, sumber realisasi skm) -> the
    mean of the values present; else `kumulatif` -> their sum; else the last value present (the
    position at the end of the latest triwulan). None when no triwulan has a value.
    Full precision: nothing is rounded here (rounding happens once, at display).
    """
    ada = [n for n in triwulan if n is not None]
    if not ada:
        return None
    if rerata:
        return sum(ada, Decimal(0)) / Decimal(len(ada))
    if kumulatif:
        return sum(ada, Decimal(0))
    return ada[-1]
