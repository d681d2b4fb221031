"""Fixtures shared by the tests of tests/laporan."""

from tests.laporan.alur_bersama import (  # noqa: F401 (fixtures are found by name)
    bahan_ttd,
    diajukan,
    direviu,
    ditandatangani,
    sertifikat_camat,
    siap_ttd,
    tugas_tunda,
)
