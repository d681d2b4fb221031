"""kinerja/services/pk.py: the PK murni, its perubahan, target and program lines, deletion."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import PerjanjianKinerja, ProgramPK, TargetPK, TargetTriwulanPK
from kinerja.nilai import Nilai
from kinerja.services.pk import (
    BarisProgram,
    BarisTarget,
    pk_buat,
    pk_hapus,
    pk_perubahan_buat,
    pk_program_ubah,
    pk_target_ubah,
    pk_ubah,
)
from tests import factories as f
from tests.conftest import PIHAK_KEDUA, PIHAK_PERTAMA

pytestmark = pytest.mark.django_db

Jenis = PerjanjianKinerja.Jenis
D = Decimal


def _buat(user, kecamatan, tahun, target=(), program=()):
    return pk_buat(
        user=user,
        kecamatan=kecamatan,
        tahun=tahun,
        tanggal=date(tahun, 1, 4),
        tempat="Ajibarang",
        pihak_pertama=PIHAK_PERTAMA,
        pihak_kedua=PIHAK_KEDUA,
        target=list(target),
        program=list(program),
    )


def _target(perjanjian):
    return [
        (
            b.indikator.kode,
            b.nilai,
            b.label,
            [(tw.triwulan, tw.nilai) for tw in b.triwulan.order_by("triwulan")],
        )
        for b in TargetPK.objects.filter(perjanjian=perjanjian).select_related("indikator").order_by("urutan")
    ]


def _program(perjanjian):
    return list(
        ProgramPK.objects.filter(perjanjian=perjanjian)
        .order_by("urutan")
        .values_list("kode", "nama", "anggaran", "sumber")
    )


def _riwayat_target(perjanjian_id):
    return [
        (
            h.history_type,
            h.indikator.kode,
            h.nilai,
            getattr(h.history_user, "username", None),
            h.history_change_reason,
        )
        for h in TargetPK.history.filter(perjanjian_id=perjanjian_id)
        .select_related("indikator")
        .order_by("history_id")
    ]


def test_pk_murni_dibuat_dengan_target_dan_program(data_a, operator_a, kecamatan_a):
    pk = _buat(
        operator_a,
        kecamatan_a,
        2022,
        target=[
            BarisTarget(
                indikator=data_a.s11,
                target=Nilai(D("87")),
                triwulan=(Nilai(D("84")), None, Nilai(D("86")), Nilai(D("87"))),
            ),
            BarisTarget(indikator=data_a.t11, target=Nilai(D("72.5"), label="BB")),
        ],
        program=[
            BarisProgram(kode="7.01.01", nama="Program Penunjang", anggaran=D("637343395"), sumber="APBD")
        ],
    )
    assert (pk.tahun, pk.jenis, pk.tanggal, pk.pihak_pertama, pk.pihak_kedua) == (
        2022,
        "murni",
        date(2022, 1, 4),
        PIHAK_PERTAMA,
        PIHAK_KEDUA,
    )
    assert _target(pk) == [
        ("S1.1", D("87.0000"), "", [(1, D("84.0000")), (3, D("86.0000")), (4, D("87.0000"))]),
        ("T1.1", D("72.5000"), "BB", []),
    ]
    assert _program(pk) == [("7.01.01", "Program Penunjang", D("637343395.00"), "APBD")]
    assert _riwayat_target(pk.pk) == [
        ("+", "S1.1", D("87.0000"), "operator_a", "PK murni 2022 dibuat"),
        ("+", "T1.1", D("72.5000"), "operator_a", "PK murni 2022 dibuat"),
    ]


def test_tahun_sejarah_renstra_boleh_lebih_lama_ditolak(data_a, operator_a, kecamatan_a):
    assert _buat(operator_a, kecamatan_a, 2014).tahun == 2014
    with pytest.raises(ValidationError) as e:
        _buat(operator_a, kecamatan_a, 2013)
    assert e.value.message_dict == {
        "tahun": [
            "Tidak ada Renstra Kecamatan Ajibarang yang mencakup tahun 2013 "
            "(tahun dalam periode Renstra atau paling lama 5 tahun sebelumnya)."
        ]
    }
    with pytest.raises(ValidationError):
        _buat(operator_a, kecamatan_a, 2024)
    assert not PerjanjianKinerja.objects.filter(tahun__in=[2013, 2024]).exists()


def test_pk_murni_kedua_ditolak(data_a, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        _buat(operator_a, kecamatan_a, 2021)
    assert e.value.message_dict == {"tahun": ["PK murni tahun 2021 sudah ada."]}


def test_indikator_renstra_lain_ditolak(data_a, operator_a, kecamatan_a):
    lain = f.IndikatorFactory(
        kode="X1", sasaran=f.SasaranFactory(tujuan=f.TujuanFactory(renstra=f.RenstraFactory()))
    )
    with pytest.raises(ValidationError) as e:
        _buat(operator_a, kecamatan_a, 2022, target=[BarisTarget(indikator=lain, target=Nilai(D("1")))])
    assert e.value.message_dict == {"target": ["Indikator X1 bukan bagian dari Renstra 2019-2023."]}
    assert not PerjanjianKinerja.objects.filter(tahun=2022).exists()


def test_indikator_dua_kali_ditolak(data_a, operator_a, kecamatan_a):
    baris = BarisTarget(indikator=data_a.s11, target=Nilai(D("1")))
    with pytest.raises(ValidationError) as e:
        _buat(operator_a, kecamatan_a, 2022, target=[baris, baris])
    assert e.value.message_dict == {"target": ["Indikator S1.1 muncul lebih dari sekali."]}


@pytest.mark.parametrize("posisi", ["tahunan", "triwulan"])
def test_target_negatif_untuk_satuan_cacah_ditolak(data_a, operator_a, kecamatan_a, posisi):
    data_a.s11.satuan = "dokumen"
    data_a.s11.save()
    minus = Nilai(D("-2"))
    baris = (
        BarisTarget(indikator=data_a.s11, target=minus)
        if posisi == "tahunan"
        else BarisTarget(indikator=data_a.s11, target=Nilai(D("4")), triwulan=(None, minus, None, None))
    )
    with pytest.raises(ValidationError) as e:
        _buat(operator_a, kecamatan_a, 2022, target=[baris])
    assert e.value.message_dict == {
        "target": ['Indikator S1.1: Target untuk satuan "dokumen" tidak boleh negatif.']
    }
    assert not PerjanjianKinerja.objects.filter(tahun=2022).exists()


def test_anggaran_negatif_ditolak(data_a, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        _buat(operator_a, kecamatan_a, 2022, program=[BarisProgram(nama="Program A", anggaran=D("-1"))])
    assert e.value.message_dict == {"program": ["Program A: Anggaran tidak boleh negatif."]}
    assert not PerjanjianKinerja.objects.filter(tahun=2022).exists()


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat", "admin_kabupaten"])
def test_tanpa_hak_ubah_ditolak(request, data_a, kecamatan_a, persona):
    with pytest.raises(PermissionDenied):
        _buat(request.getfixturevalue(persona), kecamatan_a, 2022)
    with pytest.raises(PermissionDenied):
        pk_hapus(user=request.getfixturevalue(persona), perjanjian=data_a.pk_2020)
    assert PerjanjianKinerja.objects.filter(tahun=2020).count() == 1


# --- perubahan ------------------------------------------------------------------------------------------


def _perubahan(user, kecamatan, tahun, alasan):
    return pk_perubahan_buat(
        user=user,
        kecamatan=kecamatan,
        tahun=tahun,
        alasan=alasan,
        tanggal=date(tahun, 9, 1),
        tempat="Ajibarang",
        pihak_pertama=PIHAK_PERTAMA,
        pihak_kedua=PIHAK_KEDUA,
    )


def test_perubahan_disalin_dari_murni_tanpa_mengubah_murni(data_a, camat_a, kecamatan_a):
    murni = data_a.pk_2021_murni
    sebelum = (_target(murni), _program(murni))
    data_a.pk_2021_perubahan.delete()
    perubahan = _perubahan(camat_a, kecamatan_a, 2021, "Refocusing anggaran")
    assert (perubahan.jenis, perubahan.alasan, perubahan.tanggal) == (
        "perubahan",
        "Refocusing anggaran",
        date(2021, 9, 1),
    )
    assert _target(perubahan) == [
        (
            "S1.1",
            D("84.0000"),
            "",
            [(1, D("80.0000")), (2, D("82.0000")), (3, D("83.0000")), (4, D("84.0000"))],
        ),
        ("S2.1", D("100.0000"), "", []),
    ]
    assert _program(perubahan) == [
        ("", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", D("637343395.00"), "APBD"),
        ("", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", D("12725000.00"), "APBD"),
    ]
    assert (_target(murni), _program(murni)) == sebelum
    assert {r[4] for r in _riwayat_target(perubahan.pk)} == {
        "Disalin dari PK murni 2021: Refocusing anggaran"
    }
    assert {r[3] for r in _riwayat_target(perubahan.pk)} == {"camat_a"}


def test_perubahan_tanpa_murni_kosong(data_a, operator_a, kecamatan_a):
    perubahan = _perubahan(operator_a, kecamatan_a, 2022, "Perubahan SOTK")
    assert (_target(perubahan), _program(perubahan)) == ([], [])


def test_perubahan_tanpa_alasan_ditolak(data_a, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        _perubahan(operator_a, kecamatan_a, 2020, "  ")
    assert e.value.message_dict == {"alasan": ["Alasan perubahan wajib diisi."]}
    assert not PerjanjianKinerja.objects.filter(tahun=2020, jenis=Jenis.PERUBAHAN).exists()


def test_perubahan_kedua_ditolak(data_a, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        _perubahan(operator_a, kecamatan_a, 2021, "Lagi")
    assert e.value.message_dict == {"tahun": ["PK perubahan tahun 2021 sudah ada."]}


def test_ubah_kepala_perubahan_perlu_alasan(data_a, operator_a):
    pk = data_a.pk_2021_perubahan
    with pytest.raises(ValidationError) as e:
        pk_ubah(
            user=operator_a,
            perjanjian=pk,
            tanggal=None,
            tempat="",
            pihak_pertama={},
            pihak_kedua={},
            alasan="",
        )
    assert e.value.message_dict == {"alasan": ["Alasan perubahan wajib diisi."]}
    pk_ubah(
        user=operator_a,
        perjanjian=pk,
        tanggal=date(2021, 10, 1),
        tempat="Purwokerto",
        pihak_pertama={"nama": "Camat Baru"},
        pihak_kedua={},
        alasan="Pergeseran anggaran",
    )
    pk.refresh_from_db()
    assert (pk.tanggal, pk.tempat, pk.pihak_pertama, pk.pihak_kedua, pk.alasan) == (
        date(2021, 10, 1),
        "Purwokerto",
        {"nama": "Camat Baru"},
        None,
        "Pergeseran anggaran",
    )


# --- target and program lines ---------------------------------------------------------------------------


def test_target_diubah_ditambah_dihapus_dengan_alasan(data_a, operator_a):
    murni = data_a.pk_2021_murni
    pk_target_ubah(
        user=operator_a,
        perjanjian=murni,
        target=[
            BarisTarget(indikator=data_a.s22, target=Nilai(D("5"), pembanding="<=")),
            BarisTarget(
                indikator=data_a.s11,
                target=Nilai(D("85")),
                triwulan=(Nilai(D("80")), Nilai(D("82")), None, Nilai(D("85"))),
            ),
        ],
        alasan="Koreksi target",
    )
    assert _target(murni) == [
        ("S2.2", D("5.0000"), "", []),
        ("S1.1", D("85.0000"), "", [(1, D("80.0000")), (2, D("82.0000")), (4, D("85.0000"))]),
    ]
    assert TargetPK.objects.get(perjanjian=murni, indikator=data_a.s22).pembanding == "<="
    riwayat = [r for r in _riwayat_target(murni.pk) if r[4] == "Koreksi target"]
    assert sorted(riwayat) == [
        ("+", "S2.2", D("5.0000"), "operator_a", "Koreksi target"),
        ("-", "S2.1", D("100.0000"), "operator_a", "Koreksi target"),
        ("~", "S1.1", D("85.0000"), "operator_a", "Koreksi target"),
    ]
    tw3 = TargetTriwulanPK.history.filter(triwulan=3, history_type="-").get()
    assert (tw3.nilai, tw3.history_change_reason) == (D("83.0000"), "Koreksi target")


def test_target_tanpa_perubahan_tidak_menambah_riwayat(data_a, operator_a):
    murni = data_a.pk_2021_murni
    sebelum = _riwayat_target(murni.pk)
    pk_target_ubah(
        user=operator_a,
        perjanjian=murni,
        target=[
            BarisTarget(
                indikator=data_a.s11,
                target=Nilai(D("84.00")),
                triwulan=tuple(Nilai(D(n)) for n in ["80", "82", "83", "84"]),
            ),
            BarisTarget(indikator=data_a.s21, target=Nilai(D("100"))),
        ],
    )
    assert _riwayat_target(murni.pk) == sebelum


def test_program_diubah_ditambah_dihapus(data_a, operator_a):
    murni = data_a.pk_2021_murni
    pertama = ProgramPK.objects.filter(perjanjian=murni).order_by("urutan").first()
    pk_program_ubah(
        user=operator_a,
        perjanjian=murni,
        program=[
            BarisProgram(
                id=pertama.pk, kode="7.01.01", nama=pertama.nama, anggaran=D("600000000"), sumber="DAU"
            ),
            BarisProgram(nama="Program Baru", anggaran=D("0")),
        ],
    )
    assert _program(murni) == [
        ("7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", D("600000000.00"), "DAU"),
        ("", "Program Baru", D("0.00"), ""),
    ]
    assert ProgramPK.objects.filter(perjanjian=murni).order_by("urutan").first().pk == pertama.pk


def test_program_milik_pk_lain_ditolak(data_a, operator_a):
    lain = ProgramPK.objects.filter(perjanjian=data_a.pk_2021_perubahan).first()
    with pytest.raises(ValidationError) as e:
        pk_program_ubah(
            user=operator_a,
            perjanjian=data_a.pk_2021_murni,
            program=[BarisProgram(id=lain.pk, nama="X", anggaran=D("1"))],
        )
    assert e.value.message_dict == {
        "program": [f"Baris program {lain.pk} bukan milik Perjanjian Kinerja 2021."]
    }


def test_hapus_pk_mencatat_riwayat_target(data_a, operator_a):
    murni_id = data_a.pk_2021_murni.pk
    pk_hapus(user=operator_a, perjanjian=data_a.pk_2021_murni)
    assert not PerjanjianKinerja.objects.filter(pk=murni_id).exists()
    assert PerjanjianKinerja.objects.filter(tahun=2021, jenis=Jenis.PERUBAHAN).exists()
    dihapus = [r for r in _riwayat_target(murni_id) if r[0] == "-"]
    assert dihapus == [
        ("-", "S1.1", D("84.0000"), "operator_a", "Perjanjian Kinerja 2021 dihapus"),
        ("-", "S2.1", D("100.0000"), "operator_a", "Perjanjian Kinerja 2021 dihapus"),
    ]
    assert TargetTriwulanPK.history.filter(history_type="-").count() == 4
