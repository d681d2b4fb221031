"""The importer's preview mode and its per-kind counters (laporan/interchange/impor.py)."""

import pytest

from kinerja.models import (
    AnalisisSasaran,
    Indikator,
    PerjanjianKinerja,
    ProgramPK,
    Realisasi,
    Renstra,
    Sasaran,
    Target,
    TargetPK,
    TargetTriwulanPK,
    Tujuan,
)
from laporan.interchange.impor import BAGIAN_KABUPATEN_DILEWATI, impor_lkjip
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat
from tests.laporan.test_interchange import baca, dokumen_kecil

pytestmark = pytest.mark.django_db

AJIBARANG = "000_50ea6dba58a8a3bd.json"
JENIS = [
    "kabupaten",
    "kecamatan",
    "pejabat",
    "desa/kelurahan",
    "Renstra",
    "tujuan",
    "sasaran",
    "SDM sasaran",
    "indikator",
    "target Renstra",
    "Perjanjian Kinerja",
    "target PK",
    "target triwulan PK",
    "program PK",
    "realisasi",
    "analisis sasaran",
    "tahun anggaran",
    "jenis belanja",
    "pos anggaran",
    "indikator keluaran",
    "program pendukung sasaran",
    "survei SKM",
    "unsur SKM",
    "evaluasi SAKIP",
    "komponen SAKIP",
    "rekomendasi SAKIP",
    "tindak lanjut rekomendasi",
    "laporan",
    "narasi",
    "penghargaan",
    "rekap SDM",
    "permasalahan",
    "isu strategis",
]
MODEL = [
    Kabupaten,
    Kecamatan,
    Pejabat,
    Desa,
    Renstra,
    Tujuan,
    Sasaran,
    Indikator,
    Target,
    PerjanjianKinerja,
    TargetPK,
    TargetTriwulanPK,
    ProgramPK,
    Realisasi,
    AnalisisSasaran,
]
RIWAYAT = [Indikator, Target, TargetPK, TargetTriwulanPK, Realisasi]


def jumlah_baris() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODEL}


def jumlah_riwayat() -> dict[str, int]:
    return {m.__name__: m.history.count() for m in RIWAYAT}


def dibuat(ringkasan: dict) -> dict[str, int]:
    return {jenis: n["dibuat"] for jenis, n in ringkasan.items()}


def semua_nol(ringkasan: dict) -> dict:
    return {jenis: {"dibuat": 0, "diubah": 0, "dihapus": 0} for jenis in ringkasan}


def test_pratinjau_impor_pertama_ajibarang_menghitung_per_jenis():
    hasil = impor_lkjip(baca(AJIBARANG), pratinjau=True)
    assert hasil.galat == []
    assert list(hasil.ringkasan) == JENIS
    assert dibuat(hasil.ringkasan) == {
        "kabupaten": 1,
        "kecamatan": 1,
        "pejabat": 2,
        "desa/kelurahan": 0,
        "Renstra": 1,
        "tujuan": 3,
        "sasaran": 3,
        "SDM sasaran": 0,
        "indikator": 12,
        "target Renstra": 9,
        "Perjanjian Kinerja": 2,
        "target PK": 18,
        "target triwulan PK": 0,
        "program PK": 5,
        "realisasi": 18,
        "analisis sasaran": 3,
        "tahun anggaran": 1,
        "jenis belanja": 2,
        "pos anggaran": 3,
        "indikator keluaran": 0,
        "program pendukung sasaran": 3,
        "survei SKM": 0,
        "unsur SKM": 0,
        "evaluasi SAKIP": 0,
        "komponen SAKIP": 0,
        "rekomendasi SAKIP": 0,
        "tindak lanjut rekomendasi": 0,
        "laporan": 1,
        "narasi": 11,
        "penghargaan": 0,
        "rekap SDM": 2,
        "permasalahan": 0,
        "isu strategis": 0,
    }
    assert {j: (n["diubah"], n["dihapus"]) for j, n in hasil.ringkasan.items()} == dict.fromkeys(
        JENIS, (0, 0)
    )
    assert (hasil.pratinjau, hasil.baris_berubah, hasil.kecamatan, hasil.ada_perubahan) == (
        True,
        101,
        None,
        True,
    )


def test_pratinjau_tidak_menulis_apa_pun():
    kosong_baris, kosong_riwayat = jumlah_baris(), jumlah_riwayat()
    impor_lkjip(baca(AJIBARANG), pratinjau=True)
    assert jumlah_baris() == kosong_baris
    assert jumlah_riwayat() == kosong_riwayat
    assert sum(kosong_baris.values()) == 0


def test_impor_sungguhan_menghitung_sama_dengan_pratinjau_dan_jumlah_baris():
    pratinjau = impor_lkjip(baca(AJIBARANG), pratinjau=True)
    hasil = impor_lkjip(baca(AJIBARANG))
    assert hasil.ringkasan == pratinjau.ringkasan
    assert (hasil.pratinjau, hasil.baris_berubah, hasil.kecamatan.nama) == (False, 101, "Ajibarang")
    assert jumlah_baris() == {
        "Kabupaten": 1,
        "Kecamatan": 1,
        "Pejabat": 2,
        "Desa": 0,
        "Renstra": 1,
        "Tujuan": 3,
        "Sasaran": 3,
        "Indikator": 12,
        "Target": 9,
        "PerjanjianKinerja": 2,
        "TargetPK": 18,
        "TargetTriwulanPK": 0,
        "ProgramPK": 5,
        "Realisasi": 18,
        "AnalisisSasaran": 3,
    }


def test_pratinjau_kedua_setelah_impor_semua_nol():
    impor_lkjip(baca(AJIBARANG))
    baris, riwayat = jumlah_baris(), jumlah_riwayat()
    hasil = impor_lkjip(baca(AJIBARANG), pratinjau=True)
    assert hasil.galat == []
    assert hasil.ringkasan == semua_nol(JENIS)
    assert (hasil.baris_berubah, hasil.ada_perubahan, hasil.kecamatan.nama) == (0, False, "Ajibarang")
    assert (jumlah_baris(), jumlah_riwayat()) == (baris, riwayat)


def test_pratinjau_perubahan_dan_penghapusan_tanpa_menulis():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    indikator = dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"]
    indikator[0]["realisasi"]["2022"] = 84
    indikator[0]["target"] = {}
    del indikator[1]
    dok["perjanjian_kinerja"][0]["indikator"].pop()
    baris, riwayat = jumlah_baris(), jumlah_riwayat()
    hasil = impor_lkjip(dok, pratinjau=True)
    assert hasil.galat == []
    berubah = {j: n for j, n in hasil.ringkasan.items() if any(n.values())}
    assert berubah == {
        "indikator": {"dibuat": 0, "diubah": 0, "dihapus": 1},
        "target Renstra": {"dibuat": 0, "diubah": 0, "dihapus": 1},
        "target PK": {"dibuat": 0, "diubah": 0, "dihapus": 1},
        "realisasi": {"dibuat": 0, "diubah": 1, "dihapus": 0},
    }
    assert (jumlah_baris(), jumlah_riwayat()) == (baris, riwayat)
    assert sorted(Indikator.objects.values_list("kode", flat=True)) == ["S1.1", "S1.2"]


def test_penghapusan_berantai_dihitung_per_jenis():
    """Deleting a PK line deletes its triwulan targets too: both are counted."""
    dok = dokumen_kecil()
    dok["perjanjian_kinerja"][0]["indikator"][1]["target_triwulan"] = [3, 6, 9, 12]
    impor_lkjip(dok)
    dok["perjanjian_kinerja"][0]["indikator"].pop()
    hasil = impor_lkjip(dok, pratinjau=True)
    berubah = {j: n["dihapus"] for j, n in hasil.ringkasan.items() if n["dihapus"]}
    assert berubah == {"target PK": 1, "target triwulan PK": 4}
    assert TargetTriwulanPK.objects.count() == 4


def test_pratinjau_melaporkan_galat_yang_baru_muncul_saat_menulis():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    del dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][1]
    dok["perjanjian_kinerja"] = []
    hasil = impor_lkjip(dok, pratinjau=True)
    assert hasil.galat == [
        '$.renstra.tujuan: indikator "S1.2 Laporan" tidak ada lagi di dokumen tetapi tidak dapat dihapus '
        "karena masih dipakai oleh target PK"
    ]


def test_pratinjau_dokumen_tidak_valid_hanya_galat():
    dok = dokumen_kecil()
    dok["kecamatan"]["kepala"]["nip"] = "1967"
    hasil = impor_lkjip(dok, pratinjau=True)
    assert hasil.galat == [
        '$.kecamatan.kepala.nip: NIP "1967" tidak valid: NIP harus tepat 18 digit angka tanpa spasi'
    ]
    assert hasil.ringkasan == semua_nol(JENIS)


def test_tanpa_ubah_kabupaten_data_kabupaten_tetap_dan_dilaporkan():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    dok["kabupaten"] = {
        "nama": "CONTOH",
        "provinsi": "Jawa Tengah",
        "kepala_daerah": {"nama": "BUPATI BARU", "jabatan": "Bupati Contoh"},
    }
    riwayat = jumlah_riwayat()
    hasil = impor_lkjip(dok, ubah_kabupaten=False)
    assert hasil.galat == []
    assert hasil.dilewati == [BAGIAN_KABUPATEN_DILEWATI]
    assert hasil.ringkasan == semua_nol(JENIS)
    assert list(Kabupaten.objects.values_list("nama", "provinsi")) == [("Contoh", "")]
    assert Pejabat.objects.filter(kabupaten__isnull=False).count() == 0
    assert jumlah_riwayat() == riwayat


def test_tanpa_ubah_kabupaten_yang_sama_tidak_melaporkan_apa_pun():
    impor_lkjip(dokumen_kecil())
    hasil = impor_lkjip(dokumen_kecil(), ubah_kabupaten=False)
    assert (hasil.galat, hasil.dilewati, hasil.baris_berubah) == ([], [], 0)


def test_tanpa_ubah_kabupaten_kabupaten_baru_ditolak():
    hasil = impor_lkjip(dokumen_kecil(), ubah_kabupaten=False, pratinjau=True)
    assert hasil.galat == [
        "$.kabupaten.nama: Kabupaten Contoh belum terdaftar; hanya admin kabupaten yang dapat menambahkannya"
    ]
    assert sum(jumlah_baris().values()) == 0
