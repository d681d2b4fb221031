"""laporan/interchange/skm.py: the `skm` and `evaluasi_sakip` parts of the interchange format, used
directly (rules with their JSON paths, nothing written on error, identity on re-import, export
then import gives the same parts)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from kinerja import selectors_skm
from kinerja.models import EvaluasiSakip, KomponenSakip, RekomendasiSakip, SurveiSkm, TindakLanjut, UnsurSkm
from kinerja.services import skm as layanan_skm
from kinerja.services.skm import IsianRespon
from laporan.interchange.skema import baca_dokumen
from laporan.interchange.skm import impor_skm_sakip, periksa_skm_sakip, skm_sakip_ekspor
from lkjip.format import format_angka
from tests.laporan.normalisasi import normalisasi_skm

pytestmark = pytest.mark.django_db

D = Decimal


def _demo_002() -> dict:
    teks = (Path(settings.LKJIP_DEMO_DIR) / "002_1603eaf73c731b3b.json").read_text(encoding="utf-8")
    dok = baca_dokumen(teks)
    return {"skm": dok["skm"], "evaluasi_sakip": dok["evaluasi_sakip"]}


def _jumlah_baris() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (SurveiSkm, UnsurSkm, EvaluasiSakip, KomponenSakip, RekomendasiSakip, TindakLanjut)
    )


def test_impor_purwareja_klampok(operator_a, kecamatan_a):
    hasil = impor_skm_sakip(_demo_002(), kecamatan=kecamatan_a, pengguna=operator_a)
    assert (hasil.galat, hasil.peringatan) == ([], [])
    assert _jumlah_baris() == (1, 9, 3, 13, 4, 3)
    survei = SurveiSkm.objects.get()
    ringkas = selectors_skm.survei_hasil(kecamatan=kecamatan_a, survei_id=survei.pk)
    assert (format_angka(ringkas.ikm, 3), format_angka(ringkas.konversi), ringkas.mutu.kode) == (
        "3,400",
        "85,00",
        "B",
    )
    assert survei.saran == [
        "Pelayanan ditingkatkan, melayani dengan senyum dan ramah.",
        "Produk layanan: memberikan layanan prima meliputi pelayanan perizinan, pelayanan umum, pelayanan "
        "administrasi kependudukan, dan pelayanan PBB.",
    ]
    assert selectors_skm.nilai_skm_tahun(kecamatan_a, 2024) == D("85")
    assert selectors_skm.nilai_sakip_per_tahun(kecamatan=kecamatan_a) == {
        2022: D("60.59"),
        2023: D("71.20"),
        2024: D("72.10"),
    }
    lhe = selectors_skm.evaluasi_hasil(
        kecamatan=kecamatan_a, evaluasi_id=EvaluasiSakip.objects.get(tahun_evaluasi=2024).pk
    )
    assert (format_angka(lhe.total), lhe.predikat.kode) == ("72,10", "BB")
    assert [r.tindak_lanjut.status if r.tindak_lanjut else None for r in lhe.rekomendasi] == [
        "selesai",
        "selesai",
        None,
        "selesai",
    ]
    assert hasil.ringkasan["survei SKM"] == {"dibuat": 1, "diubah": 0, "dihapus": 0}
    assert hasil.ringkasan["komponen SAKIP"] == {"dibuat": 13, "diubah": 0, "dihapus": 0}


def test_ekspor_lalu_impor_sama(operator_a, kecamatan_a, kecamatan_b):
    masuk = _demo_002()
    impor_skm_sakip(masuk, kecamatan=kecamatan_a, pengguna=operator_a)
    keluar = skm_sakip_ekspor(kecamatan_a)
    assert normalisasi_skm(keluar) == normalisasi_skm(masuk)
    # ... and into another kecamatan, the exported parts give the same parts again.
    assert impor_skm_sakip(keluar, kecamatan=kecamatan_b).galat == []
    assert normalisasi_skm(skm_sakip_ekspor(kecamatan_b)) == normalisasi_skm(masuk)


def test_impor_ulang_tidak_menulis_apa_pun(operator_a, kecamatan_a):
    impor_skm_sakip(_demo_002(), kecamatan=kecamatan_a, pengguna=operator_a)
    riwayat = (UnsurSkm.history.count(), KomponenSakip.history.count())
    hasil = impor_skm_sakip(_demo_002(), kecamatan=kecamatan_a, pengguna=operator_a)
    assert (hasil.galat, hasil.baris_berubah) == ([], 0)
    assert (UnsurSkm.history.count(), KomponenSakip.history.count()) == riwayat


def test_impor_ulang_mengubah_dan_menghapus_yang_hilang(operator_a, kecamatan_a):
    impor_skm_sakip(_demo_002(), kecamatan=kecamatan_a, pengguna=operator_a)
    dok = _demo_002()
    dok["skm"][0]["unsur"] = dok["skm"][0]["unsur"][:8]
    dok["skm"][0]["unsur"][0]["nrr"] = "3.5"
    lhe = dok["evaluasi_sakip"][2]
    lhe["rekomendasi"] = lhe["rekomendasi"][2:]  # the first two (with tindak lanjut) are gone
    dok["evaluasi_sakip"] = [lhe]  # LHE 2022 and 2023 are not in the document: they stay
    hasil = impor_skm_sakip(dok, kecamatan=kecamatan_a, pengguna=operator_a)
    assert hasil.galat == []
    assert _jumlah_baris() == (1, 8, 3, 13, 2, 1)
    assert hasil.ringkasan["unsur SKM"] == {"dibuat": 0, "diubah": 1, "dihapus": 1}
    assert hasil.ringkasan["tindak lanjut rekomendasi"]["dihapus"] == 2
    assert list(RekomendasiSakip.objects.values_list("urutan", "komponen")) == [
        (1, "Pelaporan Kinerja"),
        (2, "Evaluasi Internal"),
    ]


def test_galat_dengan_jalur_dan_tidak_ada_yang_ditulis(kecamatan_a):
    dok = _demo_002()
    dok["skm"][0]["unsur"][0]["nrr"] = 5
    dok["skm"][0]["unsur"][1]["jumlah_jawaban"] = [0, 1, 2, 3]
    dok["skm"][0]["unsur"][2] = {"nama": "Waktu", "distribusi": [0, 40, 20, 39]}
    dok["skm"][0]["unsur"][3] = {"nama": "Biaya", "jumlah_jawaban": [0, 0, 0, 0]}
    dok["skm"].append({"tahun": 2024, "periode": "semester-1", "unsur": [{"nama": "Persyaratan", "nrr": 3}]})
    dok["skm"].append({"tahun": 2024, "unsur": [{"nama": "Persyaratan", "nrr": 3}]})
    dok["evaluasi_sakip"][2]["komponen"][1]["nilai"] = 31
    dok["evaluasi_sakip"][2]["tanggal"] = "2023-06-25"
    dok["evaluasi_sakip"][1]["tahun_dievaluasi"] = 2023
    hasil = impor_skm_sakip(dok, kecamatan=kecamatan_a)
    assert hasil.galat == [
        "$.skm[0].unsur[0].nrr: NRR 5 harus antara 1 dan 4",
        "$.skm[0].unsur[1]: isi tepat satu dari nrr, jumlah_jawaban atau distribusi "
        "(ada nrr, jumlah_jawaban)",
        "$.skm[0].unsur[2].distribusi: jumlah persentase 99, harus 100 (selisih paling banyak 0.5)",
        "$.skm[0].unsur[3].jumlah_jawaban: jumlah jawaban tidak boleh semuanya nol",
        "$.skm[1].periode: tahun 2024 sudah memakai periode tahunan di $.skm[0]; satu tahun memakai satu "
        "jenis periode saja (tahunan, semester atau triwulan)",
        "$.skm[2].periode: survei tahun 2024 periode tahunan sudah ada di $.skm[0]",
        "$.evaluasi_sakip[2].tahun_dievaluasi: evaluasi atas AKIP 2023 sudah ada di $.evaluasi_sakip[1]",
        "$.evaluasi_sakip[2].tanggal: tanggal surat 2023-06-25 tidak pada tahun evaluasi 2024",
        "$.evaluasi_sakip[2].komponen[1].nilai: nilai 31 melebihi bobot 30",
    ]
    assert _jumlah_baris() == (0, 0, 0, 0, 0, 0)


def test_galat_skema_dengan_jalur(kecamatan_a):
    dok = _demo_002()
    dok["skm"][0]["unsur"][0]["nrr"] = "3,34"
    dok["evaluasi_sakip"][0]["komponen"][0].pop("bobot")
    hasil = impor_skm_sakip(dok, kecamatan=kecamatan_a)
    assert hasil.galat == [
        "$.evaluasi_sakip[0].komponen[0]: kolom wajib 'bobot' tidak ada",
        '$.skm[0].unsur[0].nrr: "3,34" bukan angka yang valid: tulis angka dengan titik sebagai pemisah '
        "desimal dan tanpa pemisah ribuan, mis. 1234567.89",
    ]
    assert _jumlah_baris() == (0, 0, 0, 0, 0, 0)


def test_peringatan(kecamatan_a):
    dok = {
        "skm": [{"tahun": 2020, "metode": "kepmenpan-25-2004", "unsur": [{"nama": "Persyaratan", "nrr": 3}]}],
        "evaluasi_sakip": [
            {
                "tahun_evaluasi": 2022,
                "tahun_dievaluasi": 2021,
                "komponen": [{"nama": "Perencanaan Kinerja", "bobot": 30, "nilai": 20}],
                "rekomendasi": [{"komponen": "Pengukuran", "uraian": "Perbaiki"}],
            }
        ],
    }
    assert periksa_skm_sakip(dok) == (
        [],
        [
            "$.skm[0].unsur: pedoman kepmenpan-25-2004 memakai 14 unsur, dokumen berisi 1",
            "$.evaluasi_sakip[0].komponen: jumlah bobot 30, bukan 100",
            '$.evaluasi_sakip[0].rekomendasi[0].komponen: "Pengukuran" bukan nama komponen evaluasi ini',
        ],
    )


def test_kuesioner_daring_diekspor_sebagai_jumlah_jawaban(operator_a, kecamatan_a):
    survei = layanan_skm.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2025, periode="semester-1")
    layanan_skm.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2025, periode="semester-2")
    layanan_skm.kuesioner_buka(user=operator_a, survei=survei)
    for i, jawaban in enumerate([(4,) * 9, (3, 3, 3, 3, 3, 3, 3, 3, 2)]):
        layanan_skm.respon_kirim(
            survei=survei, respon=IsianRespon(jawaban=jawaban), peramban=f"p{i}", alamat="10.1.1.1"
        )
    keluar = skm_sakip_ekspor(kecamatan_a)
    assert keluar["skm"] == [
        {
            "tahun": 2025,
            "periode": "semester-1",
            "metode": "permenpan-rb-14-2017",
            "unsur": [
                *[
                    {"nama": n, "jumlah_jawaban": [0, 0, 1, 1]}
                    for n in [u.nama for u in survei.unsur.all()][:8]
                ],
                {"nama": "Sarana dan Prasarana", "jumlah_jawaban": [0, 1, 0, 1]},
            ],
        }
    ]
    assert "evaluasi_sakip" not in keluar
    hasil = impor_skm_sakip(keluar, kecamatan=kecamatan_a, pengguna=operator_a)
    assert (hasil.galat, hasil.baris_berubah) == ([], 0)
    assert {u.bentuk for u in survei.unsur.all()} == {""}


def test_survei_dengan_respon_tidak_hilang_oleh_impor(operator_a, kecamatan_a):
    survei = layanan_skm.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2025)
    layanan_skm.kuesioner_buka(user=operator_a, survei=survei)
    layanan_skm.respon_kirim(survei=survei, respon=IsianRespon(jawaban=(4,) * 9), peramban="p", alamat="a")
    assert impor_skm_sakip(_demo_002(), kecamatan=kecamatan_a).galat == []
    assert SurveiSkm.objects.filter(kecamatan=kecamatan_a).count() == 2
    assert survei.respon.count() == 1
