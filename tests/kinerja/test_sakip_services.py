"""kinerja/services/sakip.py and the SAKIP part of kinerja/selectors_skm.py: the evaluation (LHE)
recorded by inspektorat, the tindak lanjut recorded by the kecamatan, and the yearly SAKIP value."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja import selectors_skm
from kinerja.models import EvaluasiSakip, KomponenSakip, RekomendasiSakip, TindakLanjut
from kinerja.services import sakip as layanan
from kinerja.services.sakip import IsianKomponen, IsianRekomendasi
from lkjip.format import format_angka

pytestmark = pytest.mark.django_db

D = Decimal


def komponen_88_2021(*nilai: str) -> list[IsianKomponen]:
    nama = ["Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja", "Evaluasi Internal"]
    bobot = [30, 30, 15, 25]
    return [IsianKomponen(n, D(b), D(v)) for n, b, v in zip(nama, bobot, nilai, strict=True)]


def lhe_2024(user, kecamatan) -> EvaluasiSakip:
    """002 Purwareja Klampok: LHE 700/42/LHE/2024 of 25 Juni 2024 on AKIP 2023."""
    return layanan.evaluasi_buat(
        user=user,
        kecamatan=kecamatan,
        tahun_evaluasi=2024,
        tahun_dievaluasi=2023,
        nomor_surat="700/42/LHE/2024",
        tanggal=date(2024, 6, 25),
        komponen=komponen_88_2021("22.20", "21.60", "10.80", "17.50"),
        rekomendasi=[
            IsianRekomendasi(
                "Target kurang menantang pada sasaran strategis.", komponen="Perencanaan Kinerja"
            ),
            IsianRekomendasi(
                "Belum menginformasikan perbandingan realisasi kinerja dengan target jangka menengah.",
                komponen="Pelaporan Kinerja",
            ),
        ],
    )


def test_lhe_2024_total_72_10_bb(inspektorat, kecamatan_a):
    evaluasi = lhe_2024(inspektorat, kecamatan_a)
    hasil = selectors_skm.evaluasi_hasil(kecamatan=kecamatan_a, evaluasi_id=evaluasi.pk)
    assert format_angka(hasil.total) == "72,10"
    assert (hasil.predikat.kode, hasil.predikat.label) == ("BB", "Sangat Baik")
    assert [format_angka(k.persen) for k in hasil.komponen] == ["74,00", "72,00", "72,00", "70,00"]
    assert (hasil.jumlah_bobot, hasil.bobot_bukan_100) == (D(100), False)
    assert [r.rekomendasi.komponen for r in hasil.rekomendasi] == ["Perencanaan Kinerja", "Pelaporan Kinerja"]
    assert str(evaluasi) == "LHE SAKIP 2024 (AKIP 2023)"


def test_nilai_sakip_tahun_dari_lhe_yang_terbit(inspektorat, kecamatan_a):
    lhe_2024(inspektorat, kecamatan_a)
    layanan.evaluasi_buat(
        user=inspektorat,
        kecamatan=kecamatan_a,
        tahun_evaluasi=2023,
        tahun_dievaluasi=2022,
        komponen=komponen_88_2021("22.20", "21.00", "10.50", "17.50"),
    )
    assert selectors_skm.nilai_sakip_tahun(kecamatan_a, 2024) == D("72.10")
    assert selectors_skm.nilai_sakip_tahun(kecamatan_a, 2023) == D("71.20")
    assert selectors_skm.nilai_sakip_tahun(kecamatan_a, 2022) is None
    assert selectors_skm.nilai_sakip_per_tahun(kecamatan=kecamatan_a) == {2024: D("72.10"), 2023: D("71.20")}


def test_hanya_inspektorat_kabupatennya(operator_a, camat_a, admin_kabupaten, inspektorat_lain, kecamatan_a):
    for user in (operator_a, camat_a, admin_kabupaten, inspektorat_lain):
        with pytest.raises(PermissionDenied):
            lhe_2024(user, kecamatan_a)
    assert not EvaluasiSakip.objects.exists()


def test_nilai_melebihi_bobot_ditolak_tanpa_menyimpan(inspektorat, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        layanan.evaluasi_buat(
            user=inspektorat,
            kecamatan=kecamatan_a,
            tahun_evaluasi=2024,
            tahun_dievaluasi=2023,
            komponen=komponen_88_2021("22.20", "31", "10.80", "17.50"),
        )
    assert e.value.message_dict == {"komponen-2": ["Nilai 31,00 melebihi bobot 30,00."]}
    assert not EvaluasiSakip.objects.exists()


def test_tahun_ganda_dan_urutan_tahun(inspektorat, kecamatan_a):
    lhe_2024(inspektorat, kecamatan_a)
    with pytest.raises(ValidationError) as e:
        lhe_2024(inspektorat, kecamatan_a)
    assert e.value.message_dict == {
        "tahun_dievaluasi": ["Evaluasi atas AKIP 2023 untuk Kecamatan Ajibarang sudah ada."]
    }
    with pytest.raises(ValidationError) as e:
        layanan.evaluasi_buat(
            user=inspektorat,
            kecamatan=kecamatan_a,
            tahun_evaluasi=2021,
            tahun_dievaluasi=2022,
            komponen=komponen_88_2021("1", "1", "1", "1"),
        )
    assert e.value.message_dict == {
        "tahun_evaluasi": ["Tahun evaluasi tidak boleh sebelum tahun yang dievaluasi."]
    }
    with pytest.raises(ValidationError) as e:
        layanan.evaluasi_buat(
            user=inspektorat,
            kecamatan=kecamatan_a,
            tahun_evaluasi=2022,
            tahun_dievaluasi=2021,
            tanggal=date(2023, 1, 5),
            komponen=komponen_88_2021("1", "1", "1", "1"),
        )
    assert e.value.message_dict == {"tanggal": ["Tanggal surat harus pada tahun evaluasi 2022."]}


def test_komponen_lain_dan_bobot_bukan_100(inspektorat, kecamatan_a):
    evaluasi = layanan.evaluasi_buat(
        user=inspektorat,
        kecamatan=kecamatan_a,
        tahun_evaluasi=2022,
        tahun_dievaluasi=2021,
        komponen=[
            IsianKomponen("Perencanaan Kinerja", D(30), D("18.8")),
            IsianKomponen("Lainnya", D(60), D(40)),
        ],
    )
    hasil = selectors_skm.evaluasi_hasil(kecamatan=kecamatan_a, evaluasi_id=evaluasi.pk)
    assert (hasil.total, hasil.predikat.kode, hasil.jumlah_bobot, hasil.bobot_bukan_100) == (
        D("58.8"),
        "CC",
        D(90),
        True,
    )


def test_ubah_evaluasi_menulis_hanya_yang_berubah(inspektorat, kecamatan_a):
    evaluasi = lhe_2024(inspektorat, kecamatan_a)
    rek = list(evaluasi.rekomendasi.all())
    layanan.evaluasi_ubah(
        user=inspektorat,
        evaluasi=evaluasi,
        tahun_evaluasi=2024,
        tahun_dievaluasi=2023,
        nomor_surat="700/42/LHE/2024",
        tanggal=date(2024, 6, 25),
        komponen=komponen_88_2021("22.20", "21.60", "10.80", "18.00"),
        rekomendasi=[IsianRekomendasi(rek[1].uraian, rek[1].komponen, id=rek[1].pk)],
    )
    assert KomponenSakip.history.filter(history_type="~").count() == 1
    assert list(RekomendasiSakip.objects.values_list("pk", flat=True)) == [rek[1].pk]
    assert selectors_skm.nilai_sakip_tahun(kecamatan_a, 2024) == D("72.60")


def test_tindak_lanjut_oleh_kecamatan(inspektorat, operator_a, operator_b, kecamatan_a):
    evaluasi = lhe_2024(inspektorat, kecamatan_a)
    rek = evaluasi.rekomendasi.first()
    for user in (inspektorat, operator_b):
        with pytest.raises(PermissionDenied):
            layanan.tindak_lanjut_simpan(user=user, rekomendasi=rek, uraian="x")
    layanan.tindak_lanjut_simpan(
        user=operator_a,
        rekomendasi=rek,
        uraian="Reviu rumusan sasaran",
        waktu="Juli 2024",
        penanggung_jawab="Sekretaris Camat",
        status=TindakLanjut.Status.PROSES,
    )
    tl = layanan.tindak_lanjut_simpan(
        user=operator_a, rekomendasi=rek, uraian="Reviu rumusan sasaran", status=TindakLanjut.Status.SELESAI
    )
    assert TindakLanjut.objects.count() == 1
    assert (tl.status, tl.waktu) == ("selesai", "")
    hasil = selectors_skm.evaluasi_hasil(kecamatan=kecamatan_a, evaluasi_id=evaluasi.pk)
    assert hasil.tindak_lanjut_selesai == 1


def test_hapus_ditolak_bila_sudah_ada_tindak_lanjut(inspektorat, operator_a, kecamatan_a):
    evaluasi = lhe_2024(inspektorat, kecamatan_a)
    rek = evaluasi.rekomendasi.first()
    layanan.tindak_lanjut_simpan(user=operator_a, rekomendasi=rek, uraian="Sudah")
    with pytest.raises(ValidationError) as e:
        layanan.evaluasi_hapus(user=inspektorat, evaluasi=evaluasi)
    assert e.value.messages == [
        "LHE SAKIP 2024 (AKIP 2023) tidak dapat dihapus karena masih dipakai oleh 1 tindak lanjut "
        "rekomendasi yang dicatat kecamatan."
    ]
    with pytest.raises(ValidationError) as e:
        layanan.evaluasi_ubah(
            user=inspektorat,
            evaluasi=evaluasi,
            tahun_evaluasi=2024,
            tahun_dievaluasi=2023,
            komponen=komponen_88_2021("22.20", "21.60", "10.80", "17.50"),
            rekomendasi=[],
        )
    assert e.value.message_dict == {
        "rekomendasi": [
            'Rekomendasi "Target kurang menantang pada sasaran strategis." tidak dapat dihapus karena '
            "kecamatan sudah mencatat tindak lanjutnya."
        ]
    }
    assert EvaluasiSakip.objects.get().nomor_surat == "700/42/LHE/2024"
    assert RekomendasiSakip.objects.count() == 2


def test_hapus_evaluasi_tanpa_tindak_lanjut(inspektorat, kecamatan_a):
    evaluasi = lhe_2024(inspektorat, kecamatan_a)
    layanan.evaluasi_hapus(user=inspektorat, evaluasi=evaluasi)
    assert (
        EvaluasiSakip.objects.count(),
        KomponenSakip.objects.count(),
        RekomendasiSakip.objects.count(),
    ) == (
        0,
        0,
        0,
    )
