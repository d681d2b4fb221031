"""Shared pieces of the fuzz tests: the per-example rollback, row counts of every model, the case
count printed at the end of the run, and a compatibility shim for hypothesis-jsonschema.

Database and hypothesis: each test runs in pytest-django's transaction; each example runs inside
`kembalikan()` (a savepoint that is always rolled back), so examples never see each other's rows.
"""

from __future__ import annotations

import types
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction

from tests.fuzz import HITUNG

APLIKASI = ("kinerja", "anggaran", "laporan", "lkjip")


class _Kembalikan(Exception):
    pass


@contextmanager
def kembalikan():
    """Run the block in a savepoint that is always rolled back (even when the block commits)."""
    try:
        with transaction.atomic():
            yield
            raise _Kembalikan
    except _Kembalikan:
        pass


def jumlah_baris() -> dict[str, int]:
    """Rows of every model (history tables included) of the apps an import may write."""
    return {
        m._meta.label: m._default_manager.count()
        for app in APLIKASI
        for m in apps.get_app_config(app).get_models()
    }


def pytest_terminal_summary(terminalreporter):
    if HITUNG:
        terminalreporter.section("jumlah kasus fuzz")
        for nama, jumlah in sorted(HITUNG.items()):
            terminalreporter.write_line(f"{nama}: {jumlah}")
        terminalreporter.write_line(f"total: {sum(HITUNG.values())}")


# hypothesis-jsonschema 0.23.1 draws object keys with `cu.many(...).more()`, an internal API that
# hypothesis 6.170 no longer has ("'many' object has no attribute 'more'"). This is the old
# behaviour of that helper, given to hypothesis-jsonschema only (called by the test module that uses
# it, not at conftest import, which hypothesis warns about).
def pasang_many_lama() -> None:
    import hypothesis_jsonschema._from_schema as dari_skema
    from hypothesis.internal.conjecture import utils as cu

    if hasattr(cu.many, "more"):
        return

    class _ManyLama:
        def __init__(self, data, min_size, max_size, average_size):
            self.data, self.min_size, self.max_size = data, min_size, max_size
            self.p_continue = cu._calc_p_continue(average_size - min_size, max_size - min_size)
            self.count = 0
            self.rejections = 0
            self.berhenti = False

        def more(self) -> bool:
            if self.berhenti or self.count >= self.max_size:
                return False
            lanjut = self.count < self.min_size or self.data.draw_boolean(self.p_continue)
            self.count += lanjut
            return lanjut

        def reject(self) -> None:
            self.count -= 1
            self.rejections += 1
            if self.rejections > max(3, 2 * self.count):
                if self.count < self.min_size:
                    self.data.mark_invalid()
                self.berhenti = True

    dari_skema.cu = types.SimpleNamespace(many=_ManyLama)
