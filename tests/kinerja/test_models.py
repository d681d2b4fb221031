"""Invariants the database itself keeps (constraints, PROTECT) and model validation messages."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, Renstra, Sasaran, Target, TargetPK, Tujuan
from lkjip.models import Kabupaten, Kecamatan, Pejabat


@pytest.fixture
def renstra(db):
    kab = Kabupaten.objects.create(nama="Banyumas")
    kec = Kecamatan.objects.create(kabupaten=kab, nama="Ajibarang")
    return Renstra.objects.create(kecamatan=kec, tahun_awal=2018, tahun_akhir=2023)


@pytest.fixture
def indikator(renstra):
    tujuan = Tujuan.objects.create(renstra=renstra, kode="T1", uraian="Tujuan")
    sasaran = Sasaran.objects.create(renstra=renstra, tujuan=tujuan, kode="S1", uraian="Sasaran")
    return Indikator.objects.create(
        renstra=renstra, sasaran=sasaran, kode="S1.1", nama="IKM", satuan="indeks"
    )


def test_kode_indikator_unik_per_renstra(indikator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indikator.objects.create(
            renstra=indikator.renstra, sasaran=indikator.sasaran, kode="S1.1", nama="Lain", satuan="%"
        )


def test_indikator_harus_milik_tujuan_atau_sasaran(indikator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indikator.objects.create(renstra=indikator.renstra, kode="X", nama="Yatim", satuan="%")


def test_satu_pk_per_kecamatan_tahun_dan_jenis(renstra):
    PerjanjianKinerja.objects.create(kecamatan=renstra.kecamatan, tahun=2020)
    PerjanjianKinerja.objects.create(kecamatan=renstra.kecamatan, tahun=2020, jenis="perubahan")
    with pytest.raises(IntegrityError), transaction.atomic():
        PerjanjianKinerja.objects.create(kecamatan=renstra.kecamatan, tahun=2020, jenis="murni")


def test_hierarki_dilindungi_dari_penghapusan(indikator):
    with pytest.raises(ProtectedError):
        indikator.sasaran.delete()
    with pytest.raises(ProtectedError):
        indikator.renstra.kecamatan.delete()
    pk = PerjanjianKinerja.objects.create(kecamatan=indikator.renstra.kecamatan, tahun=2020)
    TargetPK.objects.create(perjanjian=pk, indikator=indikator, nilai=Decimal("85.78"))
    Target.objects.create(indikator=indikator, tahun=2020, nilai=Decimal("85"))
    with pytest.raises(ProtectedError):
        indikator.delete()


def test_realisasi_belum_tersedia_tanpa_nilai(indikator):
    r = Realisasi(indikator=indikator, tahun=2020, nilai=Decimal("1"), status="belum_tersedia")
    with pytest.raises(ValidationError) as e:
        r.full_clean()
    assert e.value.message_dict["nilai"] == ["Realisasi yang belum tersedia tidak boleh berisi nilai."]
    with pytest.raises(IntegrityError), transaction.atomic():
        r.save()


def test_nip_harus_18_digit(renstra):
    p = Pejabat(kecamatan=renstra.kecamatan, nama="X", nip="19670701199209100")
    with pytest.raises(ValidationError) as e:
        p.full_clean()
    assert e.value.message_dict["nip"] == ["NIP harus terdiri dari tepat 18 digit angka tanpa spasi."]
    p.nip = "196707011992091001"
    p.full_clean()
    assert p.nip_cetak == "19670701 199209 1 001"


def test_renstra_tahun_akhir_tidak_sebelum_tahun_awal(renstra):
    r = Renstra(kecamatan=renstra.kecamatan, tahun_awal=2024, tahun_akhir=2020)
    with pytest.raises(ValidationError) as e:
        r.full_clean()
    assert e.value.message_dict["tahun_akhir"] == ["Tahun akhir tidak boleh sebelum tahun awal."]


def test_tahun_diizinkan_lima_tahun_sebelum_periode(renstra):
    assert [t for t in range(2011, 2026) if renstra.tahun_diizinkan(t)] == list(range(2013, 2024))


def test_tampil_nilai_bergrade_dan_ambang(indikator):
    assert Target(indikator=indikator, tahun=2020, nilai=Decimal("71.2"), label="BB").tampil == "BB (71,20)"
    assert Target(indikator=indikator, tahun=2020, nilai=Decimal("80"), pembanding=">=").tampil == "≥ 80,00"


def test_riwayat_perubahan_target_mencatat_nilai_lama_dan_alasan(indikator):
    t = Target.objects.create(indikator=indikator, tahun=2020, nilai=Decimal("85"))
    t.nilai = Decimal("90")
    t._change_reason = "Revisi Renstra"
    t.save()
    baru, lama = t.history.order_by("-history_id")
    assert (lama.nilai, baru.nilai, baru.history_change_reason, baru.history_type) == (
        Decimal("85"),
        Decimal("90"),
        "Revisi Renstra",
        "~",
    )
