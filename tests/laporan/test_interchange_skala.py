"""Import and export of the kabupaten's predikat scale and cap option (data/SCHEMA.md `skala`,
`kabupaten.skala_capaian`, `kabupaten.batasi_capaian_100`)."""

from decimal import Decimal

import pytest

from kinerja.capaian import SKALA
from laporan.interchange.ekspor import ekspor_lkjip
from laporan.interchange.impor import BAGIAN_KABUPATEN_DILEWATI, impor_lkjip
from lkjip.models import Kabupaten, Kecamatan
from tests.laporan.test_interchange import baca, dokumen_kecil

pytestmark = pytest.mark.django_db

D = Decimal
ALUH_ALUH = "004_967187eea9a8bd95.json"
AJIBARANG = "000_50ea6dba58a8a3bd.json"


def _skala_khusus(*pita) -> dict:
    return {"nama": "Skala Uji", "pita": list(pita)}


def test_impor_skala_khusus_banjar_dan_ekspor_kembali_sama():
    masuk = baca(ALUH_ALUH)
    hasil = impor_lkjip(masuk)
    assert hasil.galat == []
    assert not [d for d in hasil.dilewati if "skala" in d]
    kabupaten = Kabupaten.objects.get(nama="Banjar")
    skala = kabupaten.skala()
    assert skala.nama == "Skala Nilai Peringkat Kinerja Kabupaten Banjar"
    assert [(p.interval(), p.label, p.warna) for p in skala.pita] == [
        ("≥ 100", "Berhasil", "hijau"),
        ("70 - < 100", "Cukup Berhasil", "biru"),
        ("40 - < 70", "Kurang Berhasil", "kuning"),
        ("< 40", "Tidak Berhasil", "merah"),
    ]
    assert skala.predikat(D("88.24")).label == "Cukup Berhasil"
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama="Aluh Aluh"))
    assert keluar["kabupaten"]["skala_capaian"] == masuk["kabupaten"]["skala_capaian"]
    assert "batasi_capaian_100" not in keluar["kabupaten"]


def test_impor_preset_tetap_nama():
    assert impor_lkjip(baca(AJIBARANG)).galat == []
    kabupaten = Kabupaten.objects.get(nama="Banyumas")
    assert kabupaten.skala_capaian == "permendagri-86-2017"
    assert kabupaten.skala() is SKALA["permendagri-86-2017"]
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama="Ajibarang"))
    assert keluar["kabupaten"]["skala_capaian"] == "permendagri-86-2017"


def test_impor_ulang_skala_sama_tidak_menulis():
    impor_lkjip(baca(ALUH_ALUH))
    kedua = impor_lkjip(baca(ALUH_ALUH))
    assert (kedua.galat, kedua.baris_berubah) == ([], 0)


def test_impor_batasi_100_dan_ekspor():
    dok = dokumen_kecil()
    dok["kabupaten"] |= {"skala_capaian": "jember", "batasi_capaian_100": True}
    assert impor_lkjip(dok).galat == []
    kabupaten = Kabupaten.objects.get(nama="Contoh")
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == ("jember", True)
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama="Uji"))["kabupaten"]
    assert (keluar["skala_capaian"], keluar["batasi_capaian_100"]) == ("jember", True)


def test_impor_tanpa_skala_membiarkan_yang_ada():
    dok = dokumen_kecil()
    dok["kabupaten"] |= {"skala_capaian": "sakip", "batasi_capaian_100": True}
    impor_lkjip(dok)
    hasil = impor_lkjip(dokumen_kecil())
    assert (hasil.galat, hasil.baris_berubah) == ([], 0)
    kabupaten = Kabupaten.objects.get(nama="Contoh")
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == ("sakip", True)


def test_impor_skala_dengan_batas_teks_dan_inklusivitas_dibakukan():
    dok = dokumen_kecil()
    dok["kabupaten"]["skala_capaian"] = _skala_khusus(
        {"bawah": "100.00", "label": "Sangat Baik", "bawah_termasuk": False, "kode": "SB"},
        {"bawah": 76, "atas": 100, "atas_termasuk": True, "label": "Baik"},
        {"atas": 76, "label": "Kurang"},
    )
    assert impor_lkjip(dok).galat == []
    assert Kabupaten.objects.get(nama="Contoh").skala_capaian == {
        "nama": "Skala Uji",
        "pita": [
            {"bawah": "100", "label": "Sangat Baik", "kode": "SB", "bawah_termasuk": False},
            {"bawah": "76", "atas": "100", "label": "Baik", "atas_termasuk": True},
            {"atas": "76", "label": "Kurang"},
        ],
    }
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama="Uji"))["kabupaten"]["skala_capaian"]
    assert keluar["pita"][0] == {"bawah": 100, "label": "Sangat Baik", "kode": "SB", "bawah_termasuk": False}
    assert impor_lkjip(dok).baris_berubah == 0


@pytest.mark.parametrize(
    ("skala", "galat"),
    [
        (
            _skala_khusus({"bawah": 91, "label": "Sangat Tinggi"}, {"atas": 90, "label": "Tinggi"}),
            "$.kabupaten.skala_capaian.pita[1]: Pita 'Tinggi' (< 90) dan 'Sangat Tinggi' (≥ 91) "
            "menyisakan celah antara 90 dan 91.",
        ),
        (
            _skala_khusus(
                {"atas": 50, "label": "Rendah"},
                {"bawah": 50, "atas": 80, "label": "Sedang"},
                {"bawah": 70, "label": "Tinggi"},
            ),
            "$.kabupaten.skala_capaian.pita[1]: Pita 'Sedang' (50 s.d. < 80) dan 'Tinggi' (≥ 70) "
            "tumpang tindih antara 70 dan 80.",
        ),
        (
            _skala_khusus({"bawah": 0, "label": "Semua"}),
            "$.kabupaten.skala_capaian.pita[0]: Tidak ada pita untuk nilai di bawah 0: pita 'Semua' (≥ 0) "
            "adalah yang terendah. Kosongkan batas bawahnya agar semua nilai mendapat predikat.",
        ),
        (
            "permendagri",
            '$.kabupaten.skala_capaian: Skala "permendagri" tidak dikenal. Pilih salah satu: '
            "permendagri-86-2017, jember, banjar, sakip, skm-permenpan-rb-14-2017, skm-kepmenpan-25-2004.",
        ),
    ],
)
def test_impor_skala_rusak_ditolak_tanpa_menulis(skala, galat):
    dok = dokumen_kecil()
    dok["kabupaten"]["skala_capaian"] = skala
    hasil = impor_lkjip(dok)
    assert hasil.galat == [galat]
    assert Kabupaten.objects.count() == 0


def test_tanpa_ubah_kabupaten_skala_berbeda_dilewati():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    dok["kabupaten"] |= {"skala_capaian": "banjar", "batasi_capaian_100": True}
    hasil = impor_lkjip(dok, ubah_kabupaten=False)
    assert (hasil.galat, hasil.dilewati) == ([], [BAGIAN_KABUPATEN_DILEWATI])
    kabupaten = Kabupaten.objects.get(nama="Contoh")
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == (None, False)


def test_tanpa_ubah_kabupaten_skala_sama_tidak_dilaporkan():
    dok = dokumen_kecil()
    dok["kabupaten"]["skala_capaian"] = "banjar"
    impor_lkjip(dok)
    hasil = impor_lkjip(dok, ubah_kabupaten=False)
    assert (hasil.galat, hasil.dilewati, hasil.baris_berubah) == ([], [], 0)


def test_ekspor_tanpa_skala_tidak_menulis_kolomnya():
    impor_lkjip(dokumen_kecil())
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama="Uji"))["kabupaten"]
    assert keluar == {"nama": "Contoh"}
