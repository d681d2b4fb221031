"""lkjip/excel.py: numbers read back exactly from cells, tables written with header and formats."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lkjip.excel import (
    BUKAN_XLSX,
    FORMAT_ANGKA,
    Kolom,
    baca_angka,
    baca_teks,
    buka_buku,
    buku_baru,
    cari_kolom,
    lokasi,
    respons_xlsx,
    tambah_pilihan,
    tulis_petunjuk,
    tulis_tabel,
)

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


# --- templates and uploads ---------------------------------------------------------------------------


def _simpan_buku(buku) -> bytes:
    isi = BytesIO()
    buku.save(isi)
    return isi.getvalue()


@pytest.mark.parametrize("isi", [b"", b"bukan zip", b"PK\x03\x04rusak", b"Kode;Nilai\n"])
def test_buka_buku_menolak_bukan_xlsx(isi):
    with pytest.raises(ValueError) as e:
        buka_buku(isi)
    assert str(e.value) == BUKAN_XLSX


def test_buka_buku_membaca_nilai():
    buku = buku_baru()
    tulis_tabel(buku, "Data", [Kolom("Kode"), Kolom("Nilai")], [["A", D("1.5")]])
    assert [list(r) for r in buka_buku(_simpan_buku(buku))["Data"].values] == [["Kode", "Nilai"], ["A", 1.5]]


@pytest.mark.parametrize(
    ("sel", "hasil"), [(None, ""), ("  S1.1 ", "S1.1"), (12.0, "12"), (1.5, "1.5"), (7, "7")]
)
def test_baca_teks(sel, hasil):
    assert baca_teks(sel) == hasil


def test_cari_kolom_menemukan_judul_di_mana_pun():
    buku = buku_baru()
    lembar = buku.create_sheet("Data")
    lembar.append(["Judul laporan"])
    lembar.append([])
    lembar.append([None, "nilai ", "  KODE", "Lain", "Kode"])
    assert cari_kolom(lembar, ["Kode", "Nilai", "Satuan"]) == (3, {"Kode": 3, "Nilai": 2})
    assert cari_kolom(lembar, ["Tidak ada"]) is None


def test_tambah_pilihan_dan_petunjuk():
    buku = buku_baru()
    lembar = tulis_tabel(buku, "Data", [Kolom("Status")], [["Final"], ["Sementara"]])
    tambah_pilihan(lembar, 1, 2, 3, ["Final", "Sementara", "Belum tersedia"], judul="Status tidak dikenal")
    tulis_petunjuk(buku, "Petunjuk", "Cara mengisi", ["1. Isi kolom Status.", "2. Simpan."])
    baca = load_workbook(BytesIO(_simpan_buku(buku)))
    [validasi] = baca["Data"].data_validations.dataValidation
    assert (
        str(validasi.sqref),
        validasi.formula1,
        validasi.errorTitle,
        validasi.error,
        validasi.showErrorMessage,
    ) == (
        "A2:A3",
        '"Final,Sementara,Belum tersedia"',
        "Status tidak dikenal",
        "Pilih Final, Sementara atau Belum tersedia.",
        True,
    )
    petunjuk = baca["Petunjuk"]
    assert [r[0] for r in petunjuk.values] == ["Cara mengisi", "1. Isi kolom Status.", "2. Simpan."]
    assert (
        petunjuk["A1"].font.bold,
        petunjuk["A2"].alignment.wrap_text,
        petunjuk.column_dimensions["A"].width,
    ) == (
        True,
        True,
        100,
    )


def test_tambah_pilihan_menolak_koma():
    lembar = buku_baru().create_sheet("Data")
    with pytest.raises(ValueError):
        tambah_pilihan(lembar, 1, 2, 3, ["Satu, dua"])
