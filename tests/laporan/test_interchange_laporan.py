"""laporan/interchange/laporan.py: `laporan` (tempat, tanggal, narasi), `penghargaan`, `sdm`,
`permasalahan` and `isu_strategis` in the `lkjip-data/1` import and export."""

import copy
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from laporan.interchange.ekspor import ekspor_lkjip
from laporan.interchange.impor import impor_lkjip
from laporan.interchange.laporan import periksa_isi_laporan
from laporan.interchange.skema import baca_dokumen
from laporan.models import IsuStrategis, Laporan, Narasi, Penghargaan, Permasalahan, SdmRekap
from laporan.selectors import isi_laporan
from lkjip.models import Kecamatan

pytestmark = pytest.mark.django_db

DEMO = Path(settings.LKJIP_DEMO_DIR)
BAGIAN = ("penghargaan", "sdm", "permasalahan", "isu_strategis")


def baca(nama: str) -> dict:
    return baca_dokumen((DEMO / nama).read_text(encoding="utf-8"))


def _tanpa_analisis(laporan: list[dict]) -> list[dict]:
    return [{k: v for k, v in lap.items() if k != "analisis"} for lap in laporan]


def _keadaan():
    return [
        list(m.objects.order_by("pk").values())
        for m in (Laporan, Narasi, Penghargaan, SdmRekap, Permasalahan, IsuStrategis)
    ]


@pytest.mark.parametrize(
    "nama", ["000_50ea6dba58a8a3bd.json", "002_1603eaf73c731b3b.json", "004_967187eea9a8bd95.json"]
)
def test_bagian_laporan_pulang_pergi(nama):
    masuk = baca(nama)
    hasil = impor_lkjip(copy.deepcopy(masuk))
    assert hasil.galat == []
    keluar = ekspor_lkjip(hasil.kecamatan)
    for b in BAGIAN:
        assert keluar.get(b) == masuk.get(b), b
    assert _tanpa_analisis(keluar["laporan"]) == _tanpa_analisis(masuk["laporan"])
    # A second import of the same document writes nothing.
    kedua = impor_lkjip(copy.deepcopy(masuk))
    assert (kedua.galat, kedua.baris_berubah) == ([], 0)


def test_impor_purwareja_klampok_mengisi_laporan():
    hasil = impor_lkjip(baca("002_1603eaf73c731b3b.json"))
    assert hasil.dilewati == []
    for jenis, jumlah in [("laporan", 1), ("narasi", 10), ("penghargaan", 1), ("rekap SDM", 10)]:
        assert hasil.ringkasan[jenis] == {"dibuat": jumlah, "diubah": 0, "dihapus": 0}, jenis
    isi = isi_laporan(hasil.kecamatan, 2024)
    assert (isi.tempat, isi.tanggal) == ("Banjarnegara", None)
    assert isi.blok_kode("kata_pengantar").teks_bawaan is False
    assert isi.blok_kode("kata_pengantar").teks.startswith(
        "Dalam rangka terselenggaranya pemerintahan yang baik"
    )
    assert [(t.judul, t.jumlah) for t in isi.sdm] == [
        ("Eselon", 10),
        ("Status Kepegawaian", 13),
        ("Pendidikan", 10),
    ]
    assert [p.penerima for p in isi.penghargaan] == ["Desa Pagak"]
    assert len(isi.permasalahan) == 4 and len(isi.isu_strategis) == 3


def test_impor_ulang_menghapus_yang_hilang_dan_memperbarui():
    dok = baca("004_967187eea9a8bd95.json")
    kecamatan = impor_lkjip(copy.deepcopy(dok)).kecamatan
    laporan = Laporan.objects.get()
    # A text of a block the format cannot hold stays as it is.
    Narasi.objects.create(laporan=laporan, kode="sdm", teks="Pengantar tabel SDM.")
    dok["laporan"][0]["narasi"] = {"penutup": "Penutup baru."}
    dok["laporan"][0]["tempat"] = "Martapura"
    dok["permasalahan"] = dok["permasalahan"][1:2]
    dok["isu_strategis"] = ["Isu baru", "Isu kedua"]
    dok["penghargaan"] = [{"tahun": 2022, "nama": "Kecamatan Terbaik", "tingkat": "kabupaten"}]
    dok["sdm"] = [{"tahun": 2022, "kategori": "status", "rincian": {"PNS": 12}}]
    hasil = impor_lkjip(dok)
    assert hasil.galat == []
    assert hasil.ringkasan["narasi"] == {"dibuat": 0, "diubah": 1, "dihapus": 8}
    assert hasil.ringkasan["permasalahan"] == {"dibuat": 0, "diubah": 1, "dihapus": 3}
    assert sorted(Narasi.objects.values_list("kode", "teks")) == [
        ("penutup", "Penutup baru."),
        ("sdm", "Pengantar tabel SDM."),
    ]
    assert Laporan.objects.get().tempat == "Martapura"
    assert list(Permasalahan.objects.values_list("masalah", "urutan")) == [
        ("Pengoptimalan penyelenggaraan urusan pemerintahan umum", 0)
    ]
    assert list(IsuStrategis.objects.values_list("uraian", flat=True)) == ["Isu baru", "Isu kedua"]
    assert list(Penghargaan.objects.values_list("nama", "tingkat")) == [("Kecamatan Terbaik", "kabupaten")]
    assert list(SdmRekap.objects.values_list("kategori", "uraian", "jumlah")) == [("status", "PNS", 12)]
    assert Kecamatan.objects.get() == kecamatan


def test_laporan_yang_sudah_diajukan_tidak_diubah_impor():
    dok = baca("000_50ea6dba58a8a3bd.json")
    impor_lkjip(copy.deepcopy(dok))
    Laporan.objects.update(status=Laporan.Status.DITANDATANGANI)
    # The same content: nothing to change, accepted.
    assert impor_lkjip(copy.deepcopy(dok)).galat == []
    dok["laporan"][0]["tempat"] = "Purwokerto"
    sebelum = _keadaan()
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.laporan[0]: LKjIP Kecamatan Ajibarang 2020 berstatus ditandatangani; isinya tidak dapat diubah "
        "lagi. Perubahan hanya dapat dilakukan pada laporan berstatus draf."
    ]
    assert _keadaan() == sebelum


def test_aturan_dengan_jalur_dan_tidak_menulis_apa_pun():
    dok = baca("002_1603eaf73c731b3b.json")
    dok["laporan"][0]["tanggal"] = "2023-12-31"
    dok["penghargaan"].append(
        {"tahun": 2024, "nama": "juara i gelar desa wisata tingkat provinsi jawa tengah"}
    )
    dok["penghargaan"].append({"tahun": 2024, "nama": "Lain", "tingkat": "internasional"})
    dok["penghargaan"].append({"tahun": 2024, "nama": " "})
    dok["sdm"].append({"tahun": 2024, "kategori": "Pendidikan", "rincian": {"S2": 1, "s2 ": 2, "": 1}})
    dok["sdm"].append({"tahun": 2024, "kategori": "golongan", "rincian": {}})
    dok["permasalahan"].append({"masalah": ""})
    dok["isu_strategis"].append("   ")
    galat = periksa_isi_laporan(dok)
    assert galat == [
        "$.laporan[0].tanggal: tanggal penandatanganan 2023-12-31 sebelum tahun laporan 2024",
        '$.penghargaan[1].nama: "juara i gelar desa wisata tingkat provinsi jawa tengah" tahun 2024 '
        "sama dengan $.penghargaan[0]",
        '$.penghargaan[2].tingkat: "internasional" tidak termasuk pilihan yang sah '
        '("kecamatan", "kabupaten", "provinsi", "nasional")',
        "$.penghargaan[3].nama: nama penghargaan tidak boleh kosong",
        '$.sdm[3].kategori: kategori "Pendidikan" tahun 2024 sama dengan $.sdm[2]',
        '$.sdm[3].rincian: "s2 " sama dengan "S2"',
        "$.sdm[3].rincian: uraian tidak boleh kosong",
        "$.sdm[4].rincian: rincian tidak boleh kosong",
        "$.permasalahan[4].masalah: masalah tidak boleh kosong",
        "$.isu_strategis[3]: isu strategis tidak boleh kosong",
    ]
    hasil = impor_lkjip(dok)
    assert hasil.galat == galat
    assert _keadaan() == [[], [], [], [], [], []]


def test_isian_terlalu_panjang_ditolak_dengan_jalur():
    dok = baca("004_967187eea9a8bd95.json")
    dok["laporan"][0]["tempat"] = "x" * 121
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.laporan[0]: Pastikan nilai ini mengandung paling banyak 120 karakter (sekarang 121 karakter)."
    ]
    assert Laporan.objects.count() == 0


def test_ekspor_teks_kosong_dan_laporan_tanpa_isi(kecamatan_a, data_a, operator_a):
    from laporan import services

    services.narasi_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2021, kode="saran", teks="")
    services.narasi_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2021, kode="sdm", teks="Tidak diekspor."
    )
    # A report started but empty (only a block setting) is not exported.
    services.blok_laporan_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2022, kode="rkt", aktif=True, judul=""
    )
    services.laporan_penandatanganan_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2021, tempat="Ajibarang", tanggal=date(2022, 1, 5)
    )
    laporan = ekspor_lkjip(kecamatan_a)["laporan"]
    assert laporan == [
        {"tahun": 2021, "tempat": "Ajibarang", "tanggal": "2022-01-05", "narasi": {"saran": ""}}
    ]
