"""Regressions found by the fuzz tests (tests/fuzz/test_fuzz_excel.py): uploads the Excel readers
crashed on instead of refusing them with their Indonesian message."""

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook

from anggaran import excel as excel_anggaran
from anggaran import selectors as selectors_anggaran
from kinerja import excel as excel_kinerja
from kinerja.services.realisasi import lingkup_realisasi
from lkjip.excel import BUKAN_XLSX, buka_buku
from tests.anggaran.conftest import pohon_a  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _deflate_rusak() -> bytes:
    """A zip whose one member has a broken deflate stream (its first block type is invalid): reading
    it raises zlib.error, not BadZipFile. A flipped byte inside an uploaded .xlsx does this."""
    isi = BytesIO()
    with zipfile.ZipFile(isi, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>" * 200)
    data = bytearray(isi.getvalue())
    panjang_nama = int.from_bytes(data[26:28], "little")
    panjang_tambahan = int.from_bytes(data[28:30], "little")
    data[30 + panjang_nama + panjang_tambahan] = 0xFF
    return bytes(data)


def test_deflate_rusak_memang_zlib_error():
    import zlib

    with pytest.raises(zlib.error), zipfile.ZipFile(BytesIO(_deflate_rusak())) as z:
        z.read("[Content_Types].xml")


def test_buka_buku_deflate_rusak_ditolak_dengan_pesan():
    with pytest.raises(ValueError) as e:
        buka_buku(_deflate_rusak())
    assert str(e.value) == BUKAN_XLSX


def test_realisasi_deflate_rusak_ditolak(data_a, kecamatan_a):
    lingkup = lingkup_realisasi(kecamatan=kecamatan_a, tahun=2021)
    with pytest.raises(ValueError) as e:
        excel_kinerja.baca_realisasi(_deflate_rusak(), lingkup)
    assert str(e.value) == BUKAN_XLSX


def test_anggaran_deflate_rusak_ditolak(pohon_a, kecamatan_a):  # noqa: F811
    pohon = selectors_anggaran.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    with pytest.raises(ValueError) as e:
        excel_anggaran.baca_anggaran(_deflate_rusak(), pohon)
    assert str(e.value) == BUKAN_XLSX


def _lembar_polos(*baris) -> bytes:
    buku = Workbook()
    lembar = buku.active
    lembar.title = "Data"
    lembar.append(["Kode", "Nama", "Pagu murni", "Pagu", "Realisasi"])
    for b in baris:
        lembar.append(list(b))
    isi = BytesIO()
    buku.save(isi)
    return isi.getvalue()


@pytest.mark.parametrize("pagu", [9.223372036854776e28, -1e30, "1" * 40])
def test_anggaran_angka_raksasa_ditolak_di_selnya(pohon_a, kecamatan_a, pagu):  # noqa: F811
    # Crashed with decimal.InvalidOperation: the check of two decimals ran before the size check.
    pohon = selectors_anggaran.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    isi = _lembar_polos(["7.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", None, pagu, None])
    bacaan = excel_anggaran.baca_anggaran(isi, pohon)
    # With an error the page offers no confirmation, so nothing is written.
    assert bacaan.kesalahan == ["Lembar 'Data', baris 2, kolom D (pagu): angka terlalu besar"]
