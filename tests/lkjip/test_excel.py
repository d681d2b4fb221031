"""lkjip/excel.py: numbers read back exactly from cells, tables written with header and formats."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lkjip.excel import FORMAT_ANGKA, Kolom, baca_angka, buku_baru, lokasi, respons_xlsx, tulis_tabel

D = Decimal


@pytest.mark.parametrize(
    ("sel", "hasil"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        (1555446741, D("1555446741")),
        (0.1, D("0.1")),
        (105.88, D("105.88")),
        ("1.555.446.741,00", D("1555446741.00")),
        ("85,78", D("85.78")),
        (D("2.5"), D("2.5")),
    ],
)
def test_baca_angka(sel, hasil):
    assert baca_angka(sel) == hasil


@pytest.mark.parametrize("sel", ["12,3,4", "dua", True])
def test_baca_angka_menolak_bukan_angka(sel):
    with pytest.raises(ValueError):
        baca_angka(sel)


def test_lokasi_menyebut_lembar_baris_dan_kolom():
    assert lokasi("Realisasi", 5, 4) == "Lembar 'Realisasi', baris 5, kolom D"


def test_tulis_tabel_dan_unduh():
    buku = buku_baru()
    tulis_tabel(
        buku,
        "Capaian",
        [Kolom("Indikator", 40), Kolom("Capaian (%)", 12, FORMAT_ANGKA)],
        [["PBB", D("105.88")], ["Kosong", None]],
        judul=["Pengukuran Kinerja 2020"],
    )
    respons = respons_xlsx(buku, "capaian.xlsx")
    assert respons["Content-Disposition"] == 'attachment; filename="capaian.xlsx"'
    lembar = load_workbook(BytesIO(respons.content))["Capaian"]
    assert [c.value for c in lembar[1]][:1] == ["Pengukuran Kinerja 2020"]
    assert [c.value for c in lembar[3]] == ["Indikator", "Capaian (%)"]
    assert [c.value for c in lembar[4]] == ["PBB", 105.88]
    assert lembar["B4"].number_format == FORMAT_ANGKA
    assert lembar.freeze_panes == "A4"
    assert [c.value for c in lembar[5]] == ["Kosong", None]
