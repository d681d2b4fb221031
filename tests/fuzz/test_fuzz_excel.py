"""Fuzzed Excel uploads (issue 9): our own templates (realisasi, anggaran) and export broken cell by
cell and byte by byte, and random bytes. Reading a file refuses it whole with a ValueError (the
message the upload form shows) or returns what it read with every refusal at its cell ("Lembar
'X', baris 5, kolom D ..."); then the import service either saves every row or, refusing, writes
no row at all. A file it accepts is imported fully: reading it again afterwards changes nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from io import BytesIO

import pytest
from hypothesis import HealthCheck, Phase, assume, event, given, note
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from openpyxl import load_workbook

from anggaran import excel as excel_anggaran
from anggaran import selectors as selectors_anggaran
from anggaran.services import pos_anggaran_impor_excel
from kinerja import excel as excel_kinerja
from kinerja.services.realisasi import lingkup_realisasi, realisasi_impor
from tests.anggaran.conftest import pohon_a  # noqa: F401 (fixture)
from tests.fuzz import HITUNG
from tests.fuzz.conftest import jumlah_baris, kembalikan

pytestmark = pytest.mark.django_db

TAHUN_REALISASI = 2021
TAHUN_ANGGARAN = 2024
LOKASI = re.compile(r"^Lembar '[^']+', baris \d+, kolom [A-Z]+\b")


def pengaturan(contoh: int):
    return hsettings(
        max_examples=contoh,
        deadline=None,
        database=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def _bytes(buku) -> bytes:
    isi = BytesIO()
    buku.save(isi)
    return isi.getvalue()


# --- breaking a workbook ------------------------------------------------------------------------

NILAI_SEL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**20, -(10**20), 2**63, -1, 0]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=6),
    st.text(max_size=30).map(lambda t: "".join(c for c in t if c.isprintable())),
    st.sampled_from(
        [
            "",
            " ",
            "1.234,56",
            "1,234.56",
            "1.2.3",
            "BB (72,10)",
            ">= 80",
            "≤ 5",
            "-0",
            "NaN",
            "inf",
            "=SUM(A1:A3)",
            "#DIV/0!",
            "Final",
            "Sementara",
            "Belum tersedia",
            "Kode",
            "Jumlah",
            "x" * 2000,
            "1" * 40,
            "0,00001",
        ]
    ),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.times(),
)


@st.composite
def buku_rusak(draw, asal: bytes) -> bytes:
    """A workbook saved by our exporter, changed one to five times in the ways people change them."""
    buku = load_workbook(BytesIO(asal))
    for _ in range(draw(st.integers(1, 5))):
        lembar = buku.worksheets[draw(st.integers(0, len(buku.worksheets) - 1))]
        aksi = draw(
            st.sampled_from(
                [
                    "sel",
                    "sel",
                    "sel",
                    "sel",
                    "judul",
                    "hapus_lembar",
                    "nama_lembar",
                    "baris",
                    "kolom",
                    "tambah",
                ]
            )
        )
        baris = draw(st.integers(1, lembar.max_row + 3))
        kolom = draw(st.integers(1, lembar.max_column + 2))
        note(f"{aksi} {lembar.title} baris {baris} kolom {kolom}")
        if aksi == "sel":
            lembar.cell(row=baris, column=kolom).value = draw(NILAI_SEL)
        elif aksi == "judul":
            # A header renamed, emptied or given to another column.
            for sel in lembar[min(baris, lembar.max_row)]:
                if isinstance(sel.value, str) and draw(st.booleans()):
                    sel.value = draw(
                        st.sampled_from(["", "Kode", "Target", "Tahunan", "Pagu", sel.value.upper()])
                    )
        elif aksi == "hapus_lembar" and len(buku.worksheets) > 1:
            buku.remove(lembar)
        elif aksi == "nama_lembar":
            lembar.title = draw(st.sampled_from(["Sheet1", "realisasi", "Anggaran", "Data", "Lembar 2"]))
        elif aksi == "baris":
            if draw(st.booleans()):
                lembar.delete_rows(baris, draw(st.integers(1, 3)))
            else:
                lembar.insert_rows(baris, draw(st.integers(1, 3)))
        elif aksi == "kolom":
            if draw(st.booleans()):
                lembar.delete_cols(kolom)
            else:
                lembar.insert_cols(kolom)
        elif aksi == "tambah":
            # A row copied below the table (duplicate codes), with some cells changed.
            salinan = [c.value for c in lembar[min(baris, lembar.max_row)]]
            for i in range(len(salinan)):
                if draw(st.integers(0, 3)) == 0:
                    salinan[i] = draw(NILAI_SEL)
            lembar.append(salinan)
    try:
        return _bytes(buku)
    except (ValueError, TypeError, IndexError):  # a value openpyxl cannot write
        assume(False)


@st.composite
def bytes_rusak(draw, asal: bytes) -> bytes:
    """The file's bytes truncated, with bytes flipped, or random bytes."""
    aksi = draw(st.sampled_from(["potong", "balik", "acak", "kosong"]))
    note(aksi)
    if aksi == "potong":
        return asal[: draw(st.integers(0, len(asal) - 1))]
    if aksi == "balik":
        isi = bytearray(asal)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(isi) - 1))
            isi[i] ^= draw(st.integers(1, 255))
        return bytes(isi)
    if aksi == "acak":
        return draw(st.binary(max_size=2000))
    return b""


def berkas(asal: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(buku_rusak(asal), buku_rusak(asal), buku_rusak(asal), bytes_rusak(asal))


def _periksa_lokasi(kesalahan) -> None:
    for k in kesalahan:
        assert LOKASI.match(str(k)), str(k)


# --- realisasi (kinerja/excel.py) -----------------------------------------------------------------


@pytest.fixture
def templat_realisasi(data_a, kecamatan_a) -> bytes:
    lingkup = lingkup_realisasi(kecamatan=kecamatan_a, tahun=TAHUN_REALISASI)
    return _bytes(excel_kinerja.templat_realisasi(lingkup))


def _baca_realisasi(isi: bytes, kecamatan):
    lingkup = lingkup_realisasi(kecamatan=kecamatan, tahun=TAHUN_REALISASI)
    try:
        return excel_kinerja.baca_realisasi(isi, lingkup)
    except ValueError as e:
        assert str(e)
        return None


def _impor_realisasi(bacaan, kecamatan, user, *, pratinjau=False):
    return realisasi_impor(
        user=user,
        kecamatan=kecamatan,
        tahun=TAHUN_REALISASI,
        isian=bacaan.isian,
        alasan="Impor Excel: fuzz.xlsx",
        pratinjau=pratinjau,
    )


def test_realisasi_templat_utuh_tanpa_perubahan(templat_realisasi, kecamatan_a, operator_a):
    bacaan = _baca_realisasi(templat_realisasi, kecamatan_a)
    hasil = _impor_realisasi(bacaan, kecamatan_a, operator_a, pratinjau=True)
    assert (bacaan.kesalahan, hasil.kesalahan, hasil.perubahan) == ([], {}, [])


@pengaturan(250)
@given(data=st.data())
def test_realisasi_excel_dirusak(templat_realisasi, kecamatan_a, operator_a, data):
    isi = data.draw(berkas(templat_realisasi), label="berkas")
    HITUNG["excel: realisasi (kinerja/excel.py)"] += 1
    with kembalikan():
        sebelum = jumlah_baris()
        bacaan = _baca_realisasi(isi, kecamatan_a)
        assert jumlah_baris() == sebelum  # reading writes nothing
        if bacaan is None:
            event("berkas ditolak utuh")
            return
        _periksa_lokasi(bacaan.kesalahan)
        hasil = _impor_realisasi(bacaan, kecamatan_a, operator_a)
        semua = bacaan.semua_kesalahan(hasil.kesalahan)
        note(f"kesalahan: {[str(k) for k in semua][:5]}")
        _periksa_lokasi(semua)
        event("ada kesalahan sel" if bacaan.kesalahan else "terbaca bersih")
        if hasil.kesalahan:
            event("ditolak layanan")
            assert not hasil.tersimpan
            assert jumlah_baris() == sebelum
        else:
            event("tersimpan")
            assert hasil.tersimpan
            # All there: the same rows again change nothing.
            ulang = _impor_realisasi(bacaan, kecamatan_a, operator_a, pratinjau=True)
            assert (ulang.kesalahan, ulang.perubahan) == ({}, [])


# --- anggaran (anggaran/excel.py) -----------------------------------------------------------------


@pytest.fixture
def berkas_anggaran(pohon_a, kecamatan_a) -> list[bytes]:  # noqa: F811
    pohon = selectors_anggaran.pohon_anggaran(kecamatan=kecamatan_a, tahun=TAHUN_ANGGARAN)
    return [
        _bytes(excel_anggaran.templat_anggaran(pohon, kecamatan_a)),
        _bytes(excel_anggaran.ekspor_anggaran(pohon, [], kecamatan_a)),
    ]


def _baca_anggaran(isi: bytes, kecamatan):
    pohon = selectors_anggaran.pohon_anggaran(kecamatan=kecamatan, tahun=TAHUN_ANGGARAN)
    try:
        return pohon, excel_anggaran.baca_anggaran(isi, pohon)
    except ValueError as e:
        assert str(e)
        return pohon, None


@pengaturan(250)
@given(data=st.data())
def test_anggaran_excel_dirusak(berkas_anggaran, kecamatan_a, operator_a, data):
    asal = data.draw(st.sampled_from(berkas_anggaran), label="asal")
    isi = data.draw(berkas(asal), label="berkas")
    HITUNG["excel: anggaran (anggaran/excel.py)"] += 1
    with kembalikan():
        sebelum = jumlah_baris()
        pohon, bacaan = _baca_anggaran(isi, kecamatan_a)
        assert jumlah_baris() == sebelum
        if bacaan is None:
            event("berkas ditolak utuh")
            return
        note(f"kesalahan: {bacaan.kesalahan[:5]}")
        _periksa_lokasi(bacaan.kesalahan)
        if bacaan.kesalahan:
            event("ada kesalahan sel")
            return  # the page offers no confirmation: nothing can be written
        event("tersimpan")
        pos_anggaran_impor_excel(
            user=operator_a,
            tahun_anggaran=pohon.tahun_anggaran,
            isian=[(i.pos_id, i.nilai) for i in bacaan.isian],
            alasan="Impor Excel: fuzz.xlsx",
        )
        _, ulang = _baca_anggaran(isi, kecamatan_a)
        assert (ulang.kesalahan, ulang.perubahan) == ([], [])


@pengaturan(100)
@given(isi=st.one_of(st.binary(max_size=4000), st.sampled_from([b"", b"PK\x03\x04", b"<html></html>"])))
def test_bytes_acak_ditolak_utuh(templat_realisasi, pohon_a, kecamatan_a, isi):  # noqa: F811
    """Random bytes: both readers refuse with their Indonesian message, never anything else."""
    HITUNG["excel: bytes acak"] += 1
    assert _baca_realisasi(isi, kecamatan_a) is None
    assert _baca_anggaran(isi, kecamatan_a)[1] is None
