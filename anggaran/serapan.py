"""Budget calculations (DESIGN.md §4, DOMAIN.md §3.4-3.5). Pure: Decimal in, Decimal out, no Django.

Full precision, never rounded here: the efficiency of a sasaran is computed from the unrounded
serapan, otherwise 100 - 98,27 would give 1,73 only by luck (the seed's truncated 98,26 gives 1,74).
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["efisiensi", "serapan"]

SERATUS = Decimal(100)


def serapan(*, pagu: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Serapan (% realisasi anggaran) = realisasi / pagu x 100 (DOMAIN.md §3.4), on the latest pagu.

    None when the pagu is 0 or missing (nothing to absorb: undefined, not 0 %) or the realisasi is
    missing. Above 100 is kept (004 Tabel 3.7 spends 101,51 %): the page shows it as it is.
    """
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi * SERATUS / pagu


def efisiensi(*, capaian: Decimal | None, serapan: Decimal | None) -> Decimal | None:
    """Tingkat efisiensi (DOMAIN.md §3.5 E2) = capaian kinerja (%) - serapan (%), in percentage
    points: positive means the target was reached with less of the budget. None when either side is
    undefined. The caller passes the capped capaian when the kabupaten caps averages at 100."""
    if capaian is None or serapan is None:
        return None
    return capaian - serapan
