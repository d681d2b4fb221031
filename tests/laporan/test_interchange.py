"""Import and export of `lkjip-data/1` documents (data/SCHEMA.md)."""

import copy
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.models import (
    AnalisisSasaran,
    Indikator,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Target,
    TargetPK,
)
from laporan.interchange.ekspor import angka_json, ekspor_lkjip
from laporan.interchange.impor import impor_lkjip
from laporan.interchange.skema import baca_dokumen
from lkjip.models import Kabupaten, Kecamatan, Pejabat
from tests.laporan.normalisasi import normalisasi

DEMO = Path(settings.LKJIP_DEMO_DIR)
DOKUMEN = {
    "000_50ea6dba58a8a3bd.json": "Ajibarang",
    "002_1603eaf73c731b3b.json": "Purwareja Klampok",
    "004_967187eea9a8bd95.json": "Aluh Aluh",
}
SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"


def baca(nama: str) -> dict:
    return baca_dokumen((DEMO / nama).read_text(encoding="utf-8"))


def dokumen_kecil() -> dict:
    """A minimal valid document with one sasaran, two indicators and one PK."""
    return baca_dokumen(
        json.dumps(
            {
                "format": "lkjip-data/1",
                "kabupaten": {"nama": "Contoh"},
                "kecamatan": {
                    "nama": "Uji",
                    "kepala": {"nama": "CAMAT UJI", "nip": "196707011992091001"},
                },
                "renstra": {
                    "tahun_awal": 2021,
                    "tahun_akhir": 2026,
                    "tujuan": [
                        {
                            "kode": "T1",
                            "uraian": "Tujuan",
                            "sasaran": [
                                {
                                    "kode": "S1",
                                    "uraian": "Sasaran",
                                    "indikator": [
                                        {
                                            "kode": "S1.1",
                                            "nama": "IKM",
                                            "satuan": "indeks",
                                            "target": {"2022": 80},
                                            "realisasi": {"2022": 82.5},
                                        },
                                        {"kode": "S1.2", "nama": "Laporan", "satuan": "dokumen"},
                                    ],
                                }
                            ],
                        }
                    ],
                },
                "perjanjian_kinerja": [
                    {
                        "tahun": 2022,
                        "indikator": [{"kode": "S1.1", "target": 80}, {"kode": "S1.2", "target": 12}],
                    }
                ],
            }
        )
    )


def semua_baris() -> int:
    return sum(
        m.objects.count()
        for m in (
            Kabupaten,
            Kecamatan,
            Pejabat,
            Renstra,
            Indikator,
            Target,
            Realisasi,
            PerjanjianKinerja,
            TargetPK,
        )
    )


def jumlah_riwayat() -> int:
    return sum(m.history.count() for m in (Indikator, Target, TargetPK, Realisasi))


@pytest.mark.django_db
@pytest.mark.parametrize("nama", sorted(DOKUMEN))
def test_ekspor_setelah_impor_sama_dengan_masukan(nama):
    masuk = baca(nama)
    hasil = impor_lkjip(masuk)
    assert hasil.galat == []
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama=DOKUMEN[nama]))
    assert normalisasi(keluar) == normalisasi(masuk)


@pytest.mark.django_db
@pytest.mark.parametrize("nama", sorted(DOKUMEN))
def test_impor_kedua_tidak_mengubah_apa_pun(nama):
    pertama = impor_lkjip(baca(nama))
    assert pertama.baris_berubah > 0
    riwayat = jumlah_riwayat()
    baris = semua_baris()
    kedua = impor_lkjip(baca(nama))
    assert kedua.galat == []
    assert kedua.baris_berubah == 0
    assert jumlah_riwayat() == riwayat
    assert semua_baris() == baris


@pytest.mark.django_db
def test_impor_ajibarang_nilai_pk_2020():
    impor_lkjip(baca("000_50ea6dba58a8a3bd.json"))
    pk = PerjanjianKinerja.objects.get(kecamatan__nama="Ajibarang", tahun=2020, jenis="murni")
    baris = [(b.indikator.kode, b.nilai) for b in pk.target.select_related("indikator")]
    assert baris == [
        ("S1.1", Decimal("85.78")),
        ("S2.1", Decimal("100")),
        ("S2.2", Decimal("87")),
        ("S3.1", Decimal("100")),
        ("S3.2", Decimal("100")),
        ("S3.3", Decimal("100")),
        ("S3.4", Decimal("85")),
        ("S3.5", Decimal("95")),
        ("S3.6", Decimal("100")),
    ]
    ikm = Realisasi.objects.get(indikator__kode="S1.1", tahun=2020, periode="tahunan")
    assert (ikm.nilai, ikm.status) == (Decimal("85.78"), "final")
    kepala = Pejabat.objects.get(kecamatan__nama="Ajibarang", peran="kepala")
    assert (kepala.nama, kepala.nip_cetak) == ("PARSONO, S.Sos., M.Si.", "19670701 199209 1 001")


@pytest.mark.django_db
def test_impor_nilai_bergrade_disimpan_dengan_label():
    impor_lkjip(baca("002_1603eaf73c731b3b.json"))
    realisasi = Realisasi.objects.get(indikator__kode="S1.1", tahun=2024)
    assert (realisasi.nilai, realisasi.label) == (Decimal("72.10"), "BB")


@pytest.mark.django_db
def test_impor_analisis_per_sasaran():
    impor_lkjip(baca("000_50ea6dba58a8a3bd.json"))
    analisis = AnalisisSasaran.objects.get(sasaran__kode="S1", tahun=2020)
    dok = baca("000_50ea6dba58a8a3bd.json")
    assert analisis.pendukung == dok["laporan"][0]["analisis"]["S1"]["pendukung"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "berkas", ["000_50ea6dba58a8a3bd.json", "002_1603eaf73c731b3b.json", "004_967187eea9a8bd95.json"]
)
def test_impor_demo_tidak_melewati_bagian_apa_pun(berkas):
    """Every part of the interchange format is imported now: nothing is reported as skipped."""
    assert impor_lkjip(baca(berkas)).dilewati == []


@pytest.mark.django_db
def test_impor_kode_indikator_pk_tak_dikenal_ditolak():
    dok = dokumen_kecil()
    dok["perjanjian_kinerja"][0]["indikator"][1]["kode"] = "S9.9"
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        '$.perjanjian_kinerja[0].indikator[1].kode: indikator "S9.9" tidak ada di Renstra dokumen ini'
    ]
    assert semua_baris() == 0


@pytest.mark.django_db
def test_impor_tahun_realisasi_sesudah_renstra_ditolak():
    dok = dokumen_kecil()
    dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["realisasi"]["2027"] = 90
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.renstra.tujuan[0].sasaran[0].indikator[0].realisasi['2027']: "
        "tahun realisasi 2027 sesudah periode Renstra 2021-2026"
    ]
    assert semua_baris() == 0


@pytest.mark.django_db
def test_impor_tahun_realisasi_lebih_dari_lima_tahun_sebelum_renstra_ditolak():
    dok = dokumen_kecil()
    realisasi = dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["realisasi"]
    realisasi["2016"] = 70
    realisasi["2015"] = 60
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.renstra.tujuan[0].sasaran[0].indikator[0].realisasi['2015']: "
        "tahun realisasi 2015 lebih dari 5 tahun sebelum periode Renstra 2021-2026"
    ]
    assert semua_baris() == 0


@pytest.mark.django_db
def test_impor_angka_berformat_indonesia_ditolak():
    dok = dokumen_kecil()
    dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["target"]["2022"] = "85,78"
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.renstra.tujuan[0].sasaran[0].indikator[0].target['2022']: "
        '"85,78" bukan angka yang valid: tulis angka '
        "dengan titik sebagai pemisah desimal dan tanpa pemisah ribuan, mis. 1234567.89"
    ]
    assert semua_baris() == 0


@pytest.mark.django_db
def test_impor_nip_17_digit_ditolak():
    dok = dokumen_kecil()
    dok["kecamatan"]["kepala"]["nip"] = "19670701199209100"
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        '$.kecamatan.kepala.nip: NIP "19670701199209100" tidak valid: '
        "NIP harus tepat 18 digit angka tanpa spasi"
    ]
    assert semua_baris() == 0


@pytest.mark.django_db
def test_impor_melaporkan_semua_kesalahan_sekaligus():
    dok = dokumen_kecil()
    dok["renstra"]["tujuan"][0]["sasaran"][0]["kode"] = "T1"
    dok["perjanjian_kinerja"].append(copy.deepcopy(dok["perjanjian_kinerja"][0]))
    dok["laporan"] = [{"tahun": 2022, "analisis": {"S7": {"catatan": "x"}}}]
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        '$.renstra.tujuan[0].sasaran[0].kode: kode "T1" sudah dipakai di $.renstra.tujuan[0]',
        "$.perjanjian_kinerja[1]: Perjanjian Kinerja murni tahun 2022 sudah ada di $.perjanjian_kinerja[0]",
        '$.laporan[0].analisis.S7: sasaran "S7" tidak ada di Renstra dokumen ini',
    ]


@pytest.mark.django_db
def test_impor_kolom_tak_dikenal_dan_wajib_hilang_ditolak():
    dok = dokumen_kecil()
    dok["kecamatan"]["kepala_desa"] = "x"
    del dok["renstra"]["tujuan"][0]["uraian"]
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.kecamatan: kolom 'kepala_desa' tidak dikenal",
        "$.renstra.tujuan[0]: kolom wajib 'uraian' tidak ada",
    ]


@pytest.mark.django_db
def test_impor_ulang_memperbarui_dan_mencatat_riwayat():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["realisasi"]["2022"] = 84
    hasil = impor_lkjip(dok)
    assert hasil.baris_berubah == 1
    realisasi = Realisasi.objects.get(indikator__kode="S1.1", tahun=2022)
    assert realisasi.nilai == Decimal("84")
    terakhir, sebelumnya = realisasi.history.order_by("-history_id")[:2]
    assert (sebelumnya.nilai, terakhir.nilai) == (Decimal("82.5"), Decimal("84"))
    assert terakhir.history_change_reason == "Impor dokumen lkjip-data"
    assert Kecamatan.objects.count() == 1


@pytest.mark.django_db
def test_impor_nama_kecamatan_tidak_peka_huruf_besar():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    dok["kabupaten"]["nama"] = "CONTOH"
    dok["kecamatan"]["nama"] = "uji"
    impor_lkjip(dok)
    assert list(Kecamatan.objects.values_list("kabupaten__nama", "nama")) == [("CONTOH", "uji")]


@pytest.mark.django_db
def test_impor_ulang_menghapus_indikator_yang_tidak_dipakai():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    del dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][1]
    dok["perjanjian_kinerja"][0]["indikator"].pop()
    hasil = impor_lkjip(dok)
    assert hasil.galat == []
    assert list(Indikator.objects.values_list("kode", flat=True)) == ["S1.1"]


@pytest.mark.django_db
def test_impor_ulang_tidak_menghapus_indikator_yang_masih_dipakai():
    impor_lkjip(dokumen_kecil())
    dok = dokumen_kecil()
    del dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][1]
    # The PK of 2022 is no longer in the document, so it stays, and it still uses S1.2.
    dok["perjanjian_kinerja"] = []
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        '$.renstra.tujuan: indikator "S1.2 Laporan" tidak ada lagi di dokumen tetapi tidak dapat dihapus '
        "karena masih dipakai oleh target PK"
    ]
    assert sorted(Indikator.objects.values_list("kode", flat=True)) == ["S1.1", "S1.2"]


@pytest.mark.django_db
def test_perintah_impor_dokumen_tidak_valid_keluar_dengan_status_1(tmp_path):
    dok = dokumen_kecil()
    dok["kecamatan"]["kepala"]["nip"] = "1967"
    berkas = tmp_path / "salah.json"
    berkas.write_text(json.dumps(dok, default=str))
    galat = io.StringIO()
    with pytest.raises(CommandError) as e:
        call_command("impor_lkjip", str(berkas), stderr=galat)
    assert e.value.returncode == 1
    assert galat.getvalue().splitlines() == [
        '$.kecamatan.kepala.nip: NIP "1967" tidak valid: NIP harus tepat 18 digit angka tanpa spasi'
    ]
    assert semua_baris() == 0


@pytest.mark.django_db
def test_perintah_impor_bukan_json_keluar_dengan_status_1(tmp_path):
    berkas = tmp_path / "rusak.json"
    berkas.write_text('{"format": ')
    with pytest.raises(CommandError) as e:
        call_command("impor_lkjip", str(berkas))
    assert e.value.returncode == 1
    assert str(e.value).startswith("$: bukan JSON yang valid (baris 1, kolom 12)")


@pytest.mark.django_db
def test_perintah_ekspor_ke_standar_keluaran():
    call_command("impor_lkjip", str(DEMO / "004_967187eea9a8bd95.json"), stdout=io.StringIO())
    keluar = io.StringIO()
    call_command(
        "ekspor_lkjip", "--kabupaten", "banjar", "--kecamatan", "ALUH ALUH", "-o", "-", stdout=keluar
    )
    dok = json.loads(keluar.getvalue())
    assert dok["kecamatan"]["nama"] == "Aluh Aluh"
    assert normalisasi(baca_dokumen(keluar.getvalue())) == normalisasi(baca("004_967187eea9a8bd95.json"))


@pytest.mark.django_db
def test_perintah_ekspor_kecamatan_tak_dikenal_keluar_dengan_status_1():
    with pytest.raises(CommandError) as e:
        call_command("ekspor_lkjip", "--kabupaten", "Banjar", "--kecamatan", "Tidak Ada", "-o", "-")
    assert e.value.returncode == 1
    assert str(e.value) == "Kecamatan Tidak Ada di Kabupaten Banjar tidak ditemukan."


@pytest.mark.parametrize(
    ("nilai", "json_"),
    [(Decimal("85.7800"), 85.78), (Decimal("100.0000"), 100), (Decimal("637343395.00"), 637343395)],
)
def test_angka_json(nilai, json_):
    hasil = angka_json(nilai)
    assert (hasil, type(hasil)) == (json_, type(json_))


def test_skema_proyek_sama_dengan_skema_bersama():
    if not (SHARED / "lkjip-data.schema.json").exists():
        pytest.skip("../shared/data tidak ada di mesin ini")
    proyek = json.loads(Path(settings.LKJIP_SCHEMA_PATH).read_text(encoding="utf-8"))
    bersama = json.loads((SHARED / "lkjip-data.schema.json").read_text(encoding="utf-8"))
    assert proyek == bersama


def _ubah_kode_pk(dok):
    dok["perjanjian_kinerja"][0]["indikator"][0]["kode"] = "X1"


def _realisasi_sesudah_renstra(dok):
    dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["realisasi"]["2030"] = 1


def _realisasi_terlalu_lama(dok):
    dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["realisasi"]["2010"] = 1


def _angka_rusak(dok):
    dok["perjanjian_kinerja"][0]["indikator"][0]["target"] = "1.234,5"


def _nip_17_digit(dok):
    dok["kecamatan"]["kepala"]["nip"] = "19670701199209100"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rusak", "baris"),
    [
        (
            _ubah_kode_pk,
            '$.perjanjian_kinerja[0].indikator[0].kode: indikator "X1" tidak ada di Renstra dokumen ini',
        ),
        (
            _realisasi_sesudah_renstra,
            "$.renstra.tujuan[0].sasaran[0].indikator[0].realisasi['2030']: "
            "tahun realisasi 2030 sesudah periode Renstra 2021-2026",
        ),
        (
            _realisasi_terlalu_lama,
            "$.renstra.tujuan[0].sasaran[0].indikator[0].realisasi['2010']: "
            "tahun realisasi 2010 lebih dari 5 tahun sebelum periode Renstra 2021-2026",
        ),
        (
            _angka_rusak,
            '$.perjanjian_kinerja[0].indikator[0].target: "1.234,5" bukan angka yang valid: '
            "tulis angka dengan titik sebagai pemisah desimal dan tanpa pemisah ribuan, mis. 1234567.89",
        ),
        (
            _nip_17_digit,
            '$.kecamatan.kepala.nip: NIP "19670701199209100" tidak valid: '
            "NIP harus tepat 18 digit angka tanpa spasi",
        ),
    ],
)
def test_perintah_impor_menolak_masukan_buruk(tmp_path, rusak, baris):
    """Issue #2's bad inputs, through the command: one `$.path` line each, nothing written, exit 1."""
    dok = dokumen_kecil()
    rusak(dok)
    berkas = tmp_path / "dok.json"
    berkas.write_text(json.dumps(dok, default=str))
    galat = io.StringIO()
    with pytest.raises(CommandError) as e:
        call_command("impor_lkjip", str(berkas), stderr=galat)
    assert e.value.returncode == 1
    assert galat.getvalue().splitlines() == [baris]
    assert semua_baris() == 0
