"""Administration by the admin kabupaten (kecamatan and desa, pejabat, accounts and roles) and the
password change of every user: services, forms, and the pages with their persona matrix."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.models import PerjanjianKinerja, Renstra
from lkjip import services
from lkjip.forms import (
    FormGantiSandi,
    KecamatanForm,
    PejabatForm,
    PenggunaBuatForm,
    PenugasanTambahForm,
    SandiAturForm,
    desa_formset,
)
from lkjip.models import Desa, Kecamatan, Pejabat, Penugasan
from lkjip.services import DesaIsian
from tests import factories as f
from tests.conftest import bagian, tabel, teks

pytestmark = pytest.mark.django_db

User = get_user_model()
Peran = Penugasan.Peran
SANDI_BARU = "Kopi-Tubruk-2024"


@pytest.fixture
def admin_lain(kabupaten_lain):
    """Admin of Cilacap: another kabupaten."""
    user = f.UserFactory(username="admin_lain")
    f.PenugasanFactory(user=user, peran=Peran.ADMIN_KABUPATEN, kecamatan=None, kabupaten=kabupaten_lain)
    return user


def _pesan(galat: ValidationError) -> dict[str, list[str]] | list[str]:
    return galat.value.message_dict if hasattr(galat.value, "error_dict") else galat.value.messages


# =================================================================================================
# services
# =================================================================================================

# --- kecamatan ------------------------------------------------------------------------------------


def test_kecamatan_simpan_baru_dengan_desa(admin_kabupaten, kabupaten):
    kecamatan = services.kecamatan_simpan(
        oleh=admin_kabupaten,
        kabupaten=kabupaten,
        data={"nama": " Pekuncen ", "luas_ha": Decimal("9270.50"), "dasar_hukum": ["UU 23/2014"]},
        desa=[
            DesaIsian(nama="Karangklesem", jenis="desa", jumlah_dusun=3, jumlah_rw=7, jumlah_rt=31),
            DesaIsian(nama="Cibangkong", jenis="desa"),
        ],
    )
    kecamatan.refresh_from_db()
    assert (kecamatan.kabupaten, kecamatan.nama, kecamatan.luas_ha, kecamatan.dasar_hukum) == (
        kabupaten,
        "Pekuncen",
        Decimal("9270.50"),
        ["UU 23/2014"],
    )
    assert list(
        kecamatan.desa.values_list("nama", "jenis", "jumlah_dusun", "jumlah_rw", "jumlah_rt", "urutan")
    ) == [
        ("Karangklesem", "desa", 3, 7, 31, 1),
        ("Cibangkong", "desa", None, None, None, 2),
    ]


def test_kecamatan_simpan_ubah_mengganti_daftar_desa(admin_kabupaten, kecamatan_a):
    services.kecamatan_simpan(
        oleh=admin_kabupaten,
        kecamatan=kecamatan_a,
        data={"telepon": "(0281) 571015"},
        desa=[DesaIsian(nama="Ajibarang Wetan"), DesaIsian(nama="Ajibarang Kulon", jenis="kelurahan")],
    )
    kecamatan_a.refresh_from_db()
    assert (kecamatan_a.nama, kecamatan_a.telepon) == ("Ajibarang", "(0281) 571015")
    assert list(kecamatan_a.desa.values_list("nama", "jenis", "urutan")) == [
        ("Ajibarang Wetan", "", 1),
        ("Ajibarang Kulon", "kelurahan", 2),
    ]


def test_kecamatan_simpan_nama_kembar_ditolak(admin_kabupaten, kabupaten, kecamatan_a):
    with pytest.raises(ValidationError) as galat:
        services.kecamatan_simpan(oleh=admin_kabupaten, kabupaten=kabupaten, data={"nama": "AJIBARANG"})
    assert _pesan(galat) == {"nama": ["Kecamatan AJIBARANG sudah ada di Kabupaten Banyumas."]}
    assert Kecamatan.objects.count() == 1


def test_kecamatan_simpan_nama_sama_di_kabupaten_lain_boleh(admin_lain, kabupaten_lain, kecamatan_a):
    baru = services.kecamatan_simpan(oleh=admin_lain, kabupaten=kabupaten_lain, data={"nama": "Ajibarang"})
    assert baru.kabupaten == kabupaten_lain


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "admin_lain"])
def test_kecamatan_simpan_bukan_admin_kabupatennya_ditolak(request, persona, kabupaten, kecamatan_a):
    with pytest.raises(PermissionDenied):
        services.kecamatan_simpan(
            oleh=request.getfixturevalue(persona), kecamatan=kecamatan_a, data={"nama": "Baru"}
        )
    kecamatan_a.refresh_from_db()
    assert kecamatan_a.nama == "Ajibarang"


def test_desa_simpan_semua_nama_ganda_ditolak(admin_kabupaten, kecamatan_a):
    with pytest.raises(ValidationError) as galat:
        services.desa_simpan_semua(
            oleh=admin_kabupaten,
            kecamatan=kecamatan_a,
            daftar=[DesaIsian(nama="Tipar"), DesaIsian(nama="tipar "), DesaIsian(nama="Pancasan")],
        )
    assert _pesan(galat) == ["Nama desa/kelurahan ganda: Tipar, tipar."]
    assert list(kecamatan_a.desa.values_list("nama", flat=True)) == ["Ajibarang Kulon", "Ajibarang Wetan"]


def test_kecamatan_hapus_beserta_desa(admin_kabupaten, kecamatan_b):
    f.DesaFactory(kecamatan=kecamatan_b, nama="Pageraji")
    services.kecamatan_hapus(oleh=admin_kabupaten, kecamatan=kecamatan_b)
    assert (
        Kecamatan.objects.filter(nama="Cilongok").count(),
        Desa.objects.filter(nama="Pageraji").count(),
    ) == (
        0,
        0,
    )


def test_kecamatan_hapus_ditolak_bila_ada_data(admin_kabupaten, kecamatan_b):
    f.RenstraFactory(kecamatan=kecamatan_b)
    f.PerjanjianKinerjaFactory(kecamatan=kecamatan_b, tahun=2021)
    f.PerjanjianKinerjaFactory(kecamatan=kecamatan_b, tahun=2022)
    f.PejabatFactory(kecamatan=kecamatan_b)
    with pytest.raises(ValidationError) as galat:
        services.kecamatan_hapus(oleh=admin_kabupaten, kecamatan=kecamatan_b)
    assert _pesan(galat) == [
        "Kecamatan Cilongok tidak dapat dihapus karena masih memiliki data: "
        "2 Perjanjian Kinerja, 1 Renstra, 1 pejabat."
    ]
    assert Kecamatan.objects.filter(pk=kecamatan_b.pk).exists()


def test_kecamatan_hapus_ditolak_bila_ada_peran_pengguna(admin_kabupaten, kecamatan_b, operator_b):
    with pytest.raises(ValidationError) as galat:
        services.kecamatan_hapus(oleh=admin_kabupaten, kecamatan=kecamatan_b)
    assert _pesan(galat) == [
        "Kecamatan Cilongok tidak dapat dihapus karena masih ada 1 peran pengguna (operator/camat) di "
        "kecamatan ini. Hapus peran tersebut lebih dulu."
    ]


def test_kecamatan_hapus_admin_lain_ditolak(admin_lain, kecamatan_b):
    with pytest.raises(PermissionDenied):
        services.kecamatan_hapus(oleh=admin_lain, kecamatan=kecamatan_b)
    assert Kecamatan.objects.filter(pk=kecamatan_b.pk).exists()


# --- pejabat --------------------------------------------------------------------------------------


def _data_pejabat(**lain) -> dict:
    return {
        "peran": Pejabat.Peran.KEPALA,
        "nama": "Drs. SUTARNO",
        "jabatan": "Camat Cilongok",
        "nip": "196805121990031005",
        "pangkat": "Pembina",
        "golongan": "IV/a",
        "mulai": date(2020, 1, 2),
        "selesai": None,
        **lain,
    }


def test_pejabat_simpan_baru(admin_kabupaten, kecamatan_b):
    pejabat = services.pejabat_simpan(oleh=admin_kabupaten, kecamatan=kecamatan_b, data=_data_pejabat())
    pejabat.refresh_from_db()
    assert (pejabat.kecamatan, pejabat.kabupaten, pejabat.nama, pejabat.nip_cetak, pejabat.golongan) == (
        kecamatan_b,
        None,
        "Drs. SUTARNO",
        "19680512 199003 1 005",
        "IV/a",
    )


def test_pejabat_simpan_bupati_milik_kabupaten(admin_kabupaten, kabupaten):
    bupati = services.pejabat_simpan(
        oleh=admin_kabupaten, kabupaten=kabupaten, data=_data_pejabat(nama="Ir. ACHMAD HUSEIN", nip="")
    )
    assert (bupati.kabupaten, bupati.kecamatan) == (kabupaten, None)


def test_pejabat_simpan_nip_salah(admin_kabupaten, kecamatan_b):
    with pytest.raises(ValidationError) as galat:
        services.pejabat_simpan(
            oleh=admin_kabupaten, kecamatan=kecamatan_b, data=_data_pejabat(nip="19680512199003100A")
        )
    assert _pesan(galat) == {"nip": ["NIP harus terdiri dari tepat 18 digit angka tanpa spasi."]}
    assert Pejabat.objects.count() == 0


def test_pejabat_simpan_selesai_sebelum_mulai(admin_kabupaten, kecamatan_b):
    with pytest.raises(ValidationError) as galat:
        services.pejabat_simpan(
            oleh=admin_kabupaten, kecamatan=kecamatan_b, data=_data_pejabat(selesai=date(2019, 12, 31))
        )
    assert _pesan(galat) == {"selesai": ["Tanggal selesai menjabat tidak boleh sebelum tanggal mulai."]}


def test_pejabat_simpan_kepala_bertumpuk_ditolak(admin_kabupaten, kecamatan_a, camat_pejabat_a):
    with pytest.raises(ValidationError) as galat:
        services.pejabat_simpan(
            oleh=admin_kabupaten, kecamatan=kecamatan_a, data=_data_pejabat(mulai=date(2022, 3, 1))
        )
    assert _pesan(galat) == {
        "mulai": [
            "Masa jabatan bertumpuk dengan kepala lain: PARSONO, S.Sos., M.Si. (2 Januari 2019 – sekarang). "
            "Hanya satu kepala yang menjabat pada satu tanggal; isi tanggal selesai pejabat sebelumnya "
            "atau ubah tanggal mulai."
        ]
    }
    assert Pejabat.objects.count() == 1


def test_pejabat_simpan_kepala_berganti_tanpa_tumpang_tindih(admin_kabupaten, kecamatan_a, camat_pejabat_a):
    services.pejabat_simpan(
        oleh=admin_kabupaten, pejabat=camat_pejabat_a, data={"selesai": date(2022, 2, 28)}
    )
    baru = services.pejabat_simpan(
        oleh=admin_kabupaten, kecamatan=kecamatan_a, data=_data_pejabat(mulai=date(2022, 3, 1))
    )
    assert list(Pejabat.objects.order_by("mulai").values_list("nama", "mulai", "selesai")) == [
        ("PARSONO, S.Sos., M.Si.", date(2019, 1, 2), date(2022, 2, 28)),
        (baru.nama, date(2022, 3, 1), None),
    ]


def test_pejabat_simpan_kepala_tanpa_tanggal_bertumpuk(admin_kabupaten, kecamatan_b):
    f.PejabatFactory(kecamatan=kecamatan_b, nama="Lama", mulai=None, selesai=None)
    with pytest.raises(ValidationError) as galat:
        services.pejabat_simpan(oleh=admin_kabupaten, kecamatan=kecamatan_b, data=_data_pejabat(mulai=None))
    assert list(_pesan(galat)) == ["mulai"]


def test_pejabat_simpan_pejabat_lain_boleh_bersamaan(admin_kabupaten, kecamatan_a, camat_pejabat_a):
    sekcam = services.pejabat_simpan(
        oleh=admin_kabupaten,
        kecamatan=kecamatan_a,
        data=_data_pejabat(peran=Pejabat.Peran.LAINNYA, jabatan="Sekretaris Kecamatan"),
    )
    assert sekcam.pk is not None


def test_pejabat_simpan_admin_lain_ditolak(admin_lain, kecamatan_b):
    with pytest.raises(PermissionDenied):
        services.pejabat_simpan(oleh=admin_lain, kecamatan=kecamatan_b, data=_data_pejabat())


def test_pejabat_hapus_melepas_tautan_akun_camat(admin_kabupaten, camat_a, camat_pejabat_a):
    services.pejabat_hapus(oleh=admin_kabupaten, pejabat=camat_pejabat_a)
    assert list(Penugasan.objects.filter(user=camat_a).values_list("peran", "pejabat")) == [("camat", None)]


def test_pejabat_hapus_admin_lain_ditolak(admin_lain, camat_pejabat_a):
    with pytest.raises(PermissionDenied):
        services.pejabat_hapus(oleh=admin_lain, pejabat=camat_pejabat_a)


# --- accounts -------------------------------------------------------------------------------------


def test_pengguna_buat_dengan_peran_pertama(admin_kabupaten, kecamatan_a, camat_pejabat_a):
    pengguna = services.pengguna_buat(
        oleh=admin_kabupaten,
        username="camat.ajibarang",
        nama_lengkap="Parsono ",
        email="camat@ajibarang.go.id",
        sandi=SANDI_BARU,
        peran=Peran.CAMAT,
        kecamatan=kecamatan_a,
        pejabat=camat_pejabat_a,
    )
    pengguna.refresh_from_db()
    assert (pengguna.username, pengguna.get_full_name(), pengguna.email, pengguna.is_active) == (
        "camat.ajibarang",
        "Parsono",
        "camat@ajibarang.go.id",
        True,
    )
    assert pengguna.check_password(SANDI_BARU)
    assert list(pengguna.penugasan.values_list("peran", "kecamatan", "kabupaten", "pejabat")) == [
        ("camat", kecamatan_a.pk, None, camat_pejabat_a.pk)
    ]


def test_pengguna_buat_peran_kabupaten(admin_kabupaten, kabupaten):
    pengguna = services.pengguna_buat(
        oleh=admin_kabupaten,
        username="inspektorat2",
        nama_lengkap="Inspektur Pembantu",
        sandi=SANDI_BARU,
        peran=Peran.INSPEKTORAT,
        kabupaten=kabupaten,
    )
    assert list(pengguna.penugasan.values_list("peran", "kecamatan", "kabupaten")) == [
        ("inspektorat", None, kabupaten.pk)
    ]


def test_pengguna_buat_nama_pengguna_kembar(admin_kabupaten, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as galat:
        services.pengguna_buat(
            oleh=admin_kabupaten,
            username="Operator_A",
            nama_lengkap="X",
            sandi=SANDI_BARU,
            peran=Peran.OPERATOR,
            kecamatan=kecamatan_a,
        )
    assert _pesan(galat) == {"username": ["Nama pengguna ini sudah dipakai."]}


def test_pengguna_buat_sandi_lemah(admin_kabupaten, kecamatan_a):
    with pytest.raises(ValidationError) as galat:
        services.pengguna_buat(
            oleh=admin_kabupaten,
            username="baru",
            nama_lengkap="Baru",
            sandi="1234567",
            peran=Peran.OPERATOR,
            kecamatan=kecamatan_a,
        )
    assert _pesan(galat) == {
        "sandi": [
            "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter.",
            "Kata sandi ini terlalu umum.",
            "Kata sandi ini seluruhnya terdiri dari angka.",
        ]
    }
    assert not User.objects.filter(username="baru").exists()


def test_pengguna_buat_di_kabupaten_lain_ditolak(admin_kabupaten, kecamatan_lain):
    with pytest.raises(PermissionDenied):
        services.pengguna_buat(
            oleh=admin_kabupaten,
            username="baru",
            nama_lengkap="Baru",
            sandi=SANDI_BARU,
            peran=Peran.OPERATOR,
            kecamatan=kecamatan_lain,
        )
    assert not User.objects.filter(username="baru").exists()


def test_pengguna_ubah(admin_kabupaten, operator_a):
    services.pengguna_ubah(
        oleh=admin_kabupaten, pengguna=operator_a, nama_lengkap="Siti Aminah, S.E.", email="siti@example.id"
    )
    operator_a.refresh_from_db()
    assert (operator_a.first_name, operator_a.last_name, operator_a.email) == (
        "Siti Aminah, S.E.",
        "",
        "siti@example.id",
    )


def test_pengguna_ubah_akun_dengan_peran_di_kabupaten_lain_ditolak(
    admin_kabupaten, operator_a, kabupaten_lain
):
    f.PenugasanFactory(user=operator_a, peran=Peran.INSPEKTORAT, kecamatan=None, kabupaten=kabupaten_lain)
    with pytest.raises(PermissionDenied):
        services.pengguna_ubah(oleh=admin_kabupaten, pengguna=operator_a, nama_lengkap="X")


def test_pengguna_aktifkan_nonaktif_lalu_aktif(admin_kabupaten, operator_a):
    services.pengguna_aktifkan(oleh=admin_kabupaten, pengguna=operator_a, aktif=False)
    operator_a.refresh_from_db()
    assert operator_a.is_active is False
    services.pengguna_aktifkan(oleh=admin_kabupaten, pengguna=operator_a, aktif=True)
    operator_a.refresh_from_db()
    assert operator_a.is_active is True


def test_pengguna_aktifkan_diri_sendiri_ditolak(admin_kabupaten):
    with pytest.raises(ValidationError) as galat:
        services.pengguna_aktifkan(oleh=admin_kabupaten, pengguna=admin_kabupaten, aktif=False)
    assert _pesan(galat) == ["Anda tidak dapat menonaktifkan akun Anda sendiri."]
    admin_kabupaten.refresh_from_db()
    assert admin_kabupaten.is_active is True


def test_pengguna_aktifkan_superuser_ditolak(admin_kabupaten, kecamatan_a):
    su = f.UserFactory(username="su", is_superuser=True)
    f.PenugasanFactory(user=su, kecamatan=kecamatan_a)
    with pytest.raises(PermissionDenied):
        services.pengguna_aktifkan(oleh=admin_kabupaten, pengguna=su, aktif=False)


def test_sandi_atur(admin_kabupaten, operator_a):
    services.sandi_atur(oleh=admin_kabupaten, pengguna=operator_a, sandi=SANDI_BARU)
    operator_a.refresh_from_db()
    assert operator_a.check_password(SANDI_BARU)


def test_sandi_atur_akun_sendiri_ditolak(admin_kabupaten):
    with pytest.raises(ValidationError) as galat:
        services.sandi_atur(oleh=admin_kabupaten, pengguna=admin_kabupaten, sandi=SANDI_BARU)
    assert _pesan(galat) == ["Untuk akun Anda sendiri, gunakan menu Ganti kata sandi."]


def test_sandi_atur_mirip_nama_pengguna(admin_kabupaten, operator_a):
    with pytest.raises(ValidationError) as galat:
        services.sandi_atur(oleh=admin_kabupaten, pengguna=operator_a, sandi="operator_a1")
    assert _pesan(galat) == {"sandi": ["Kata sandi terlalu mirip dengan nama pengguna."]}


# --- roles ----------------------------------------------------------------------------------------


def test_penugasan_tambah_camat_dengan_pejabat(admin_kabupaten, operator_a, kecamatan_a, camat_pejabat_a):
    penugasan = services.penugasan_tambah(
        oleh=admin_kabupaten,
        pengguna=operator_a,
        peran=Peran.CAMAT,
        kecamatan=kecamatan_a,
        pejabat=camat_pejabat_a,
    )
    assert (penugasan.peran, penugasan.kecamatan, penugasan.kabupaten, penugasan.pejabat) == (
        "camat",
        kecamatan_a,
        None,
        camat_pejabat_a,
    )


def test_penugasan_tambah_pejabat_kecamatan_lain_ditolak(
    admin_kabupaten, operator_a, kecamatan_b, camat_pejabat_a
):
    with pytest.raises(ValidationError) as galat:
        services.penugasan_tambah(
            oleh=admin_kabupaten,
            pengguna=operator_a,
            peran=Peran.CAMAT,
            kecamatan=kecamatan_b,
            pejabat=camat_pejabat_a,
        )
    assert _pesan(galat) == {"pejabat": ["Pejabat harus dari kecamatan yang sama."]}


def test_penugasan_tambah_kembar_ditolak(admin_kabupaten, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as galat:
        services.penugasan_tambah(
            oleh=admin_kabupaten, pengguna=operator_a, peran=Peran.OPERATOR, kecamatan=kecamatan_a
        )
    assert _pesan(galat) == {"peran": ["operator_a sudah menjadi Operator kecamatan di Kecamatan Ajibarang."]}


def test_penugasan_tambah_kabupaten_lain_ditolak(admin_kabupaten, operator_a, kabupaten_lain):
    with pytest.raises(PermissionDenied):
        services.penugasan_tambah(
            oleh=admin_kabupaten, pengguna=operator_a, peran=Peran.INSPEKTORAT, kabupaten=kabupaten_lain
        )


def test_penugasan_hapus(admin_kabupaten, operator_a, kecamatan_b):
    kedua = f.PenugasanFactory(user=operator_a, peran=Peran.OPERATOR, kecamatan=kecamatan_b)
    services.penugasan_hapus(oleh=admin_kabupaten, penugasan=kedua)
    assert list(operator_a.penugasan.values_list("kecamatan__nama", flat=True)) == ["Ajibarang"]


def test_penugasan_hapus_satu_satunya_ditolak(admin_kabupaten, operator_a):
    with pytest.raises(ValidationError) as galat:
        services.penugasan_hapus(oleh=admin_kabupaten, penugasan=operator_a.penugasan.get())
    assert _pesan(galat) == [
        "Ini satu-satunya peran pengguna ini. Tambahkan peran lain lebih dulu, "
        "atau nonaktifkan akunnya bila tidak lagi diperlukan."
    ]


def test_penugasan_hapus_peran_admin_sendiri_ditolak(admin_kabupaten, kecamatan_a):
    f.PenugasanFactory(user=admin_kabupaten, peran=Peran.OPERATOR, kecamatan=kecamatan_a)
    with pytest.raises(ValidationError) as galat:
        services.penugasan_hapus(
            oleh=admin_kabupaten, penugasan=admin_kabupaten.penugasan.get(peran=Peran.ADMIN_KABUPATEN)
        )
    assert _pesan(galat) == ["Anda tidak dapat menghapus peran admin kabupaten Anda sendiri."]


def test_penugasan_hapus_admin_lain_ditolak(admin_lain, operator_a):
    with pytest.raises(PermissionDenied):
        services.penugasan_hapus(oleh=admin_lain, penugasan=operator_a.penugasan.get())


# =================================================================================================
# forms
# =================================================================================================


def _form_kecamatan(**isian) -> KecamatanForm:
    return KecamatanForm({"nama": "Pekuncen", **isian})


def test_form_kecamatan_angka_indonesia():
    form = _form_kecamatan(
        luas_ha="9.270,5",
        penduduk_laki_laki="54.979",
        jumlah_rt="653",
        tahun_data="2021",
        dasar_hukum="UU 23/2014\n\n  Perbup 68/2018  \n",
    )
    assert form.is_valid(), form.errors
    d = form.cleaned_data
    assert (d["luas_ha"], d["penduduk_laki_laki"], d["jumlah_rt"], d["tahun_data"], d["dasar_hukum"]) == (
        Decimal("9270.5"),
        54979,
        653,
        2021,
        ["UU 23/2014", "Perbup 68/2018"],
    )


@pytest.mark.parametrize(
    ("bidang", "isian", "pesan"),
    [
        (
            "luas_ha",
            "9,270.5",
            'Angka tidak valid: "9,270.5". Gunakan titik untuk ribuan dan koma untuk desimal, '
            "contoh 1.234.567,89.",
        ),
        ("luas_ha", "12,345", "Paling banyak 2 angka di belakang koma."),
        ("luas_ha", "-5", "Tidak boleh negatif."),
        ("penduduk_perempuan", "2,5", "Isi bilangan bulat, tanpa angka di belakang koma."),
        ("jumlah_rw", "enam", "Isi bilangan bulat, mis. 45 atau 54.979."),
        ("tahun_data", "21", "Tahun paling awal 1900."),
        ("email", "kecamatan@", "Masukkan alamat email yang valid."),
    ],
)
def test_form_kecamatan_isian_salah_di_bidangnya(bidang, isian, pesan):
    form = _form_kecamatan(**{bidang: isian})
    assert form.errors == {bidang: [pesan]}


def test_form_kecamatan_menampilkan_angka_indonesia(kecamatan_a):
    html = str(KecamatanForm(instance=kecamatan_a))
    assert 'value="6.653,00"' in html
    assert 'value="54.979"' in html


def _data_desa(*baris, awal: int = 0) -> dict:
    data = {"desa-TOTAL_FORMS": str(len(baris)), "desa-INITIAL_FORMS": str(awal)}
    for i, b in enumerate(baris):
        for kunci, nilai in b.items():
            data[f"desa-{i}-{kunci}"] = nilai
    return data


def test_formset_desa_daftar_tanpa_baris_kosong_dan_terhapus():
    formset = desa_formset(
        _data_desa(
            {"nama": "Tipar", "jenis": "desa", "jumlah_rt": "31"},
            {"nama": "Pancasan", "DELETE": "on"},
            {"nama": ""},
        )
    )
    assert formset.is_valid(), formset.errors
    assert formset.daftar() == [DesaIsian(nama="Tipar", jenis="desa", jumlah_rt=31)]


def test_formset_desa_nama_ganda_di_bidangnya():
    formset = desa_formset(
        _data_desa({"nama": "Tipar"}, {"nama": "TIPAR"}, {"nama": "Pancasan", "jumlah_rw": "x"})
    )
    assert not formset.is_valid()
    assert formset.errors == [
        {},
        {"nama": ["Nama ini sudah ada di baris lain."]},
        {"jumlah_rw": ["Isi bilangan bulat, mis. 45 atau 54.979."]},
    ]


def test_formset_desa_baris_lama_tanpa_nama(kecamatan_a):
    formset = desa_formset(_data_desa({"nama": ""}, awal=1), kecamatan=kecamatan_a)
    assert formset.errors == [{"nama": ["Isi nama desa/kelurahan, atau centang Hapus."]}]


def _form_pejabat(kabupaten, **isian) -> PejabatForm:
    data = {"unit": f"kab-{kabupaten.pk}", "peran": "kepala", "nama": "Ir. ACHMAD HUSEIN", **isian}
    return PejabatForm(data, kabupaten=[kabupaten])


@pytest.mark.parametrize(
    ("isian", "galat"),
    [
        (
            {"nip": "19670701 199209 1 001"},
            {"nip": ["NIP harus terdiri dari tepat 18 digit angka tanpa spasi."]},
        ),
        ({"nip": "19670701199209100"}, {"nip": ["NIP harus terdiri dari tepat 18 digit angka tanpa spasi."]}),
        (
            {"mulai": "2021-01-04", "selesai": "2020-12-31"},
            {"selesai": ["Tanggal selesai menjabat tidak boleh sebelum tanggal mulai."]},
        ),
        ({"mulai": "31-02-2021"}, {"mulai": ["Masukkan tanggal yang valid."]}),
        ({"nama": ""}, {"nama": ["Bidang ini tidak boleh kosong."]}),
    ],
)
def test_form_pejabat_isian_salah_di_bidangnya(kabupaten, isian, galat):
    assert _form_pejabat(kabupaten, **isian).errors == galat


def test_form_pejabat_unit_kecamatan_lain_ditolak(kabupaten, kecamatan_lain):
    form = _form_pejabat(kabupaten, unit=f"kec-{kecamatan_lain.pk}")
    assert form.errors == {
        "unit": [
            f"Masukkan pilihan yang valid. kec-{kecamatan_lain.pk} bukan salah satu dari pilihan "
            "yang tersedia."
        ]
    }


def test_form_pejabat_unit_kecamatan(kabupaten, kecamatan_a):
    form = _form_pejabat(kabupaten, unit=f"kec-{kecamatan_a.pk}", nip="196707011992091001")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit"] == (kecamatan_a, None)


def _form_pengguna(kabupaten, **isian) -> PenggunaBuatForm:
    data = {
        "username": "operator.cilongok",
        "nama_lengkap": "Budi Santoso",
        "sandi": SANDI_BARU,
        "sandi_ulang": SANDI_BARU,
        "peran": "operator",
        **isian,
    }
    return PenggunaBuatForm(data, kabupaten=[kabupaten])


@pytest.mark.parametrize(
    ("isian", "galat"),
    [
        (
            {"sandi_ulang": "Kopi-Tubruk-2025"},
            {"sandi_ulang": ["Kedua kata sandi tidak sama. Ketik ulang kata sandi yang sama."]},
        ),
        (
            {"sandi": "budisantoso", "sandi_ulang": "budisantoso"},
            {"sandi": ["Kata sandi terlalu mirip dengan nama lengkap."]},
        ),
        (
            {"username": "operator cilongok"},
            {"username": ["Nama pengguna hanya boleh berisi huruf, angka dan . @ + - _ (tanpa spasi)."]},
        ),
        ({"username": "OPERATOR_A"}, {"username": ["Nama pengguna ini sudah dipakai."]}),
        ({"kecamatan": ""}, {"kecamatan": ["Pilih kecamatan untuk peran operator atau camat."]}),
        ({"email": "budi@"}, {"email": ["Masukkan alamat email yang valid."]}),
    ],
)
def test_form_pengguna_isian_salah_di_bidangnya(kabupaten, kecamatan_b, operator_a, isian, galat):
    form = _form_pengguna(kabupaten, **{"kecamatan": str(kecamatan_b.pk), **isian})
    assert form.errors == galat


def test_form_pengguna_kecamatan_kabupaten_lain_tidak_bisa_dipilih(kabupaten, kecamatan_lain):
    form = _form_pengguna(kabupaten, kecamatan=str(kecamatan_lain.pk))
    assert form.errors == {
        "kecamatan": [
            "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
        ]
    }


def test_form_pengguna_peran_kabupaten_tanpa_memilih_kabupaten(kabupaten):
    form = _form_pengguna(kabupaten, peran="inspektorat")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kabupaten"] == kabupaten


def test_form_penugasan_banyak_kabupaten_wajib_memilih(kabupaten, kabupaten_lain):
    form = PenugasanTambahForm({"peran": "admin_kabupaten"}, kabupaten=[kabupaten, kabupaten_lain])
    assert form.errors == {"kabupaten": ["Pilih kabupaten untuk peran inspektorat atau admin kabupaten."]}


def test_form_sandi_atur_tidak_sama(operator_a):
    form = SandiAturForm({"sandi": SANDI_BARU, "sandi_ulang": "lain"}, pengguna=operator_a)
    assert form.errors == {"sandi_ulang": ["Kedua kata sandi tidak sama. Ketik ulang kata sandi yang sama."]}


def test_form_ganti_sandi_sandi_lama_salah(operator_a):
    form = FormGantiSandi(
        operator_a, {"old_password": "salah", "new_password1": SANDI_BARU, "new_password2": SANDI_BARU}
    )
    assert form.errors == {"old_password": ["Kata sandi lama salah. Silakan ketik ulang."]}


# =================================================================================================
# pages
# =================================================================================================

LIST = ["admin_kecamatan_daftar", "admin_pejabat_daftar", "admin_pengguna_daftar"]
TANPA_OBJEK = [
    *LIST,
    "admin_kecamatan_tambah",
    "admin_pejabat_tambah",
    "admin_pengguna_tambah",
    "admin_desa_baris",
]
OBJEK = {
    "admin_kecamatan_ubah": "kecamatan",
    "admin_kecamatan_hapus": "kecamatan",
    "admin_pejabat_ubah": "pejabat",
    "admin_pejabat_hapus": "pejabat",
    "admin_pengguna_ubah": "pengguna",
    "admin_pengguna_aktif": "pengguna",
    "admin_pengguna_sandi": "pengguna",
    "admin_penugasan_tambah": "pengguna",
    "admin_penugasan_hapus": "penugasan",
}


@pytest.fixture
def objek(kecamatan_a, camat_pejabat_a, operator_a) -> dict:
    return {
        "kecamatan": kecamatan_a.pk,
        "pejabat": camat_pejabat_a.pk,
        "pengguna": operator_a.pk,
        "penugasan": operator_a.penugasan.get().pk,
    }


def _semua_url(objek) -> list[str]:
    return [reverse(n) for n in TANPA_OBJEK] + [reverse(n, args=[objek[jenis]]) for n, jenis in OBJEK.items()]


def test_halaman_admin_kabupaten_bisa_membuka_semua(client, admin_kabupaten, objek):
    client.force_login(admin_kabupaten)
    assert {url: client.get(url).status_code for url in _semua_url(objek)} == {
        url: 200 for url in _semua_url(objek)
    }


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "tanpa_peran"])
def test_halaman_peran_lain_403(request, client, persona, objek):
    client.force_login(request.getfixturevalue(persona))
    urls = _semua_url(objek)
    assert {url: client.get(url).status_code for url in urls} == {url: 403 for url in urls}
    # Pages that accept a POST refuse it too (the lists and the htmx row answer GET only: 405).
    bisa_post = [url for url in urls if url not in {reverse(n) for n in [*LIST, "admin_desa_baris"]}]
    assert {url: client.post(url).status_code for url in bisa_post} == {url: 403 for url in bisa_post}


def test_halaman_admin_kabupaten_lain_404_pada_objek(client, admin_lain, objek):
    client.force_login(admin_lain)
    urls = [reverse(n, args=[objek[jenis]]) for n, jenis in OBJEK.items()]
    assert {url: client.get(url).status_code for url in urls} == {url: 404 for url in urls}
    assert {url: client.post(url).status_code for url in urls} == {url: 404 for url in urls}


def test_halaman_anonim_ke_login(client, objek):
    for url in _semua_url(objek):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


def test_halaman_superuser_bisa_membuka_semua(client, objek):
    client.force_login(f.UserFactory(username="root", is_superuser=True))
    assert {url: client.get(url).status_code for url in _semua_url(objek)} == {
        url: 200 for url in _semua_url(objek)
    }


# --- navbar ---------------------------------------------------------------------------------------


def test_navbar_admin_ada_menu_administrasi(client, admin_kabupaten):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("beranda")).content
    assert bagian(html, "navbar-utama") == (
        "Beranda Meja reviu Administrasi Kecamatan dan desa Pejabat Pengguna dan peran Skala predikat "
        "Kerangka laporan "
        "admin_kabupaten Admin kabupaten · Banyumas Masuk sebagai admin_kabupaten Ganti kata sandi Keluar"
    )


def test_navbar_operator_tanpa_menu_administrasi(client, operator_a):
    client.force_login(operator_a)
    html = client.get(reverse("beranda")).content
    assert bagian(html, "navbar-utama") == (
        "Beranda Siti Aminah Operator kecamatan · Ajibarang Masuk sebagai operator_a Ganti kata sandi Keluar"
    )


# --- kecamatan pages ------------------------------------------------------------------------------


def test_daftar_kecamatan(
    client, admin_kabupaten, kecamatan_a, camat_pejabat_a, operator_a, kecamatan_b, kecamatan_lain
):
    f.PejabatFactory(kecamatan=kecamatan_b, nama="Mantan", mulai=date(2010, 1, 1), selesai=date(2015, 1, 1))
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_kecamatan_daftar")).content
    assert tabel(html, "tabel-kecamatan") == [
        ["Kecamatan", "Desa/kel.", "Camat saat ini", "Pengguna", "Aksi"],
        ["Ajibarang", "2", "PARSONO, S.Sos., M.Si.", "1", "Pejabat Hapus"],
        ["Cilongok", "0", "-", "0", "Pejabat Hapus"],
    ]


def test_daftar_kecamatan_cari_dan_paginasi(client, admin_kabupaten, kabupaten):
    for i in range(30):
        f.KecamatanFactory(kabupaten=kabupaten, nama=f"Kec {i:02d}")
    client.force_login(admin_kabupaten)
    url = reverse("admin_kecamatan_daftar")
    html = client.get(url, {"q": "kec", "halaman": 2}).content
    assert [b[0] for b in tabel(html, "tabel-kecamatan")[1:]] == [f"Kec {i:02d}" for i in range(25, 30)]
    assert 'href="?q=kec&amp;halaman=1"' in html.decode()
    html = client.get(url, {"q": "07"}).content
    assert [b[0] for b in tabel(html, "tabel-kecamatan")[1:]] == ["Kec 07"]


def _post_kecamatan(**isian) -> dict:
    return {
        "nama": "Pekuncen",
        "alamat": "Jl. Raya Pekuncen 1",
        "luas_ha": "9.270,5",
        "penduduk_laki_laki": "35.001",
        "dasar_hukum": "UU 23/2014\nPerbup 68/2018",
        **_data_desa(
            {"nama": "Karangklesem", "jenis": "desa", "jumlah_rt": "31"},
            {"nama": "Cibangkong", "jenis": "desa"},
            {"nama": ""},
        ),
        **isian,
    }


def test_tambah_kecamatan_dengan_desa(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    response = client.post(reverse("admin_kecamatan_tambah"), _post_kecamatan())
    assert (response.status_code, response.url) == (302, reverse("admin_kecamatan_daftar"))
    kecamatan = Kecamatan.objects.get(nama="Pekuncen")
    assert (kecamatan.kabupaten, kecamatan.luas_ha, kecamatan.penduduk_laki_laki, kecamatan.dasar_hukum) == (
        kabupaten,
        Decimal("9270.50"),
        35001,
        ["UU 23/2014", "Perbup 68/2018"],
    )
    assert list(kecamatan.desa.values_list("nama", "jumlah_rt")) == [
        ("Karangklesem", 31),
        ("Cibangkong", None),
    ]
    html = client.get(response.url).content
    assert "Data Kecamatan Pekuncen disimpan." in teks(html)
    assert tabel(html, "tabel-kecamatan")[1] == ["Pekuncen", "2", "-", "0", "Pejabat Hapus"]


def test_tambah_kecamatan_salah_tidak_menyimpan_apa_pun(client, admin_kabupaten, kecamatan_a):
    client.force_login(admin_kabupaten)
    data = _post_kecamatan(nama="ajibarang")
    response = client.post(reverse("admin_kecamatan_tambah"), data)
    assert response.status_code == 200
    html = response.content
    assert bagian(html, "error_1_id_nama") == "Kecamatan ajibarang sudah ada di Kabupaten Banyumas."
    assert Kecamatan.objects.count() == 1


def test_tambah_kecamatan_desa_ganda_di_barisnya(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    response = client.post(
        reverse("admin_kecamatan_tambah"), _post_kecamatan(**{"desa-1-nama": "karangklesem"})
    )
    assert response.status_code == 200
    assert bagian(response.content, "galat-form") == "Periksa isian yang ditandai merah di bawah."
    assert "Nama ini sudah ada di baris lain." in teks(response.content)
    assert Kecamatan.objects.count() == 0


def test_ubah_kecamatan_menampilkan_isian_dan_desa(client, admin_kabupaten, kecamatan_a):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_kecamatan_ubah", args=[kecamatan_a.pk])).content.decode()
    assert 'name="desa-0-nama" value="Ajibarang Kulon"' in html
    assert 'name="desa-1-nama" value="Ajibarang Wetan"' in html
    assert 'name="desa-TOTAL_FORMS" value="3"' in html
    assert 'name="luas_ha" value="6.653,00"' in html


def test_ubah_kecamatan_simpan(client, admin_kabupaten, kecamatan_a):
    client.force_login(admin_kabupaten)
    data = _post_kecamatan(
        nama="Ajibarang",
        **_data_desa({"nama": "Ajibarang Wetan"}, {"nama": "Ajibarang Kulon", "DELETE": "on"}, awal=2),
    )
    response = client.post(reverse("admin_kecamatan_ubah", args=[kecamatan_a.pk]), data)
    assert response.status_code == 302
    kecamatan_a.refresh_from_db()
    assert (kecamatan_a.alamat, list(kecamatan_a.desa.values_list("nama", flat=True))) == (
        "Jl. Raya Pekuncen 1",
        ["Ajibarang Wetan"],
    )


def test_baris_desa_htmx(client, admin_kabupaten):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_desa_baris"), {"desa-TOTAL_FORMS": "4"}).content.decode()
    assert 'name="desa-4-nama"' in html
    assert 'name="desa-4-DELETE"' in html
    assert (
        '<input type="hidden" name="desa-TOTAL_FORMS" value="5" id="id_desa-TOTAL_FORMS" hx-swap-oob="true">'
        in html
    )


def test_hapus_kecamatan_konfirmasi_lalu_hapus(client, admin_kabupaten, kecamatan_b):
    client.force_login(admin_kabupaten)
    url = reverse("admin_kecamatan_hapus", args=[kecamatan_b.pk])
    html = client.get(url).content
    assert bagian(html, "keterangan").startswith(
        "Kecamatan Cilongok (Kabupaten Banyumas) akan dihapus beserta 0 desa/kelurahan dalam daftarnya."
    )
    assert Kecamatan.objects.filter(pk=kecamatan_b.pk).exists()
    response = client.post(url)
    assert (response.status_code, response.url) == (302, reverse("admin_kecamatan_daftar"))
    assert not Kecamatan.objects.filter(pk=kecamatan_b.pk).exists()


def test_hapus_kecamatan_ditolak_dengan_alasan(client, admin_kabupaten, kecamatan_a, data_a):
    Penugasan.objects.filter(kecamatan=kecamatan_a).delete()
    client.force_login(admin_kabupaten)
    response = client.post(reverse("admin_kecamatan_hapus", args=[kecamatan_a.pk]))
    assert response.status_code == 200
    assert bagian(response.content, "galat") == (
        "Kecamatan Ajibarang tidak dapat dihapus karena masih memiliki data: 3 Perjanjian Kinerja, 1 Renstra."
    )
    assert (Renstra.objects.count(), PerjanjianKinerja.objects.count()) == (1, 3)


# --- pejabat pages --------------------------------------------------------------------------------


def test_daftar_pejabat_kabupaten_dan_kecamatan(
    client, admin_kabupaten, kabupaten, camat_pejabat_a, kecamatan_lain
):
    f.PejabatFactory(
        kecamatan=None, kabupaten=kabupaten, nama="Ir. ACHMAD HUSEIN", jabatan="Bupati Banyumas", nip=""
    )
    f.PejabatFactory(kecamatan=kecamatan_lain, nama="Camat Kroya")
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_pejabat_daftar")).content
    assert tabel(html, "tabel-pejabat") == [
        ["Pejabat", "Pangkat/gol.", "Unit kerja", "Masa jabatan", "Aksi"],
        [
            "Ir. ACHMAD HUSEIN Kepala Bupati Banyumas",
            "Pembina Tingkat I (IV/b)",
            "Kabupaten Banyumas",
            "-",
            "Hapus",
        ],
        [
            "PARSONO, S.Sos., M.Si. Kepala Camat Ajibarang NIP. 19670701 199209 1 001",
            "Pembina Tingkat I (IV/b)",
            "Ajibarang",
            "2 Januari 2019 – sekarang",
            "Hapus",
        ],
    ]
    html = client.get(reverse("admin_pejabat_daftar"), {"unit": f"kab-{kabupaten.pk}"}).content
    assert [b[0] for b in tabel(html, "tabel-pejabat")[1:]] == ["Ir. ACHMAD HUSEIN Kepala Bupati Banyumas"]


def test_tambah_pejabat(client, admin_kabupaten, kecamatan_b):
    client.force_login(admin_kabupaten)
    data = {
        "unit": f"kec-{kecamatan_b.pk}",
        "peran": "kepala",
        "nama": "Drs. SUTARNO",
        "jabatan": "Camat Cilongok",
        "nip": "196805121990031005",
        "mulai": "2020-01-02",
    }
    response = client.post(reverse("admin_pejabat_tambah"), data)
    assert (response.status_code, response.url) == (302, reverse("admin_pejabat_daftar"))
    assert list(Pejabat.objects.values_list("kecamatan", "nama", "nip", "mulai", "selesai")) == [
        (kecamatan_b.pk, "Drs. SUTARNO", "196805121990031005", date(2020, 1, 2), None)
    ]


def test_tambah_pejabat_nip_salah_di_bidangnya(client, admin_kabupaten, kecamatan_b):
    client.force_login(admin_kabupaten)
    data = {"unit": f"kec-{kecamatan_b.pk}", "peran": "kepala", "nama": "X", "nip": "1968 0512"}
    response = client.post(reverse("admin_pejabat_tambah"), data)
    assert (
        bagian(response.content, "error_1_id_nip")
        == "NIP harus terdiri dari tepat 18 digit angka tanpa spasi."
    )
    assert Pejabat.objects.count() == 0


def test_ubah_pejabat_bertumpuk_di_bidang_mulai(client, admin_kabupaten, kecamatan_a, camat_pejabat_a):
    lain = f.PejabatFactory(kecamatan=kecamatan_a, nama="Baru", mulai=date(2023, 1, 1))
    client.force_login(admin_kabupaten)
    camat_pejabat_a.selesai = date(2022, 12, 31)
    camat_pejabat_a.save()
    data = {"unit": f"kec-{kecamatan_a.pk}", "peran": "kepala", "nama": "Baru", "mulai": "2022-06-01"}
    response = client.post(reverse("admin_pejabat_ubah", args=[lain.pk]), data)
    assert bagian(response.content, "error_1_id_mulai") == (
        "Masa jabatan bertumpuk dengan kepala lain: "
        "PARSONO, S.Sos., M.Si. (2 Januari 2019 – 31 Desember 2022). "
        "Hanya satu kepala yang menjabat pada satu tanggal; isi tanggal selesai pejabat sebelumnya "
        "atau ubah tanggal mulai."
    )
    lain.refresh_from_db()
    assert lain.mulai == date(2023, 1, 1)


def test_hapus_pejabat_konfirmasi_menyebut_akun_tertaut(client, admin_kabupaten, camat_a, camat_pejabat_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_pejabat_hapus", args=[camat_pejabat_a.pk])
    assert bagian(client.get(url).content, "akun-tertaut") == (
        "Akun yang tertaut ke pejabat ini akan kehilangan tautannya (perannya tetap): camat_a."
    )
    response = client.post(url)
    assert (response.status_code, response.url) == (302, reverse("admin_pejabat_daftar"))
    assert not Pejabat.objects.exists()


# --- user pages -----------------------------------------------------------------------------------


def test_daftar_pengguna_hanya_kabupatennya(
    client, admin_kabupaten, operator_a, camat_a, operator_b, inspektorat_lain
):
    operator_b.is_active = False
    operator_b.save()
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_pengguna_daftar")).content
    assert tabel(html, "tabel-pengguna") == [
        ["Pengguna", "Peran"],
        ["admin_kabupaten", "Admin kabupaten · Banyumas"],
        ["camat_a Parsono", "Camat · Ajibarang"],
        ["operator_a Siti Aminah", "Operator kecamatan · Ajibarang"],
        ["operator_b Nonaktif", "Operator kecamatan · Cilongok"],
    ]


def test_daftar_pengguna_cari(client, admin_kabupaten, operator_a, camat_a):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_pengguna_daftar"), {"q": "aminah"}).content
    assert [b[0] for b in tabel(html, "tabel-pengguna")[1:]] == ["operator_a Siti Aminah"]


def _post_pengguna(kecamatan, **isian) -> dict:
    return {
        "username": "operator.cilongok",
        "nama_lengkap": "Budi Santoso",
        "email": "",
        "sandi": SANDI_BARU,
        "sandi_ulang": SANDI_BARU,
        "peran": "operator",
        "kecamatan": str(kecamatan.pk),
        **isian,
    }


def test_tambah_pengguna(client, admin_kabupaten, kecamatan_b):
    client.force_login(admin_kabupaten)
    response = client.post(reverse("admin_pengguna_tambah"), _post_pengguna(kecamatan_b))
    baru = User.objects.get(username="operator.cilongok")
    assert (response.status_code, response.url) == (302, reverse("admin_pengguna_ubah", args=[baru.pk]))
    html = client.get(response.url).content
    assert tabel(html, "tabel-peran") == [
        ["Peran", "Lingkup", "Pejabat tertaut", "Aksi"],
        ["Operator kecamatan", "Kecamatan Cilongok", "-", "Cabut"],
    ]
    client.logout()
    assert client.login(username="operator.cilongok", password=SANDI_BARU)


def test_tambah_pengguna_galat_di_bidangnya(client, admin_kabupaten, kecamatan_b):
    client.force_login(admin_kabupaten)
    data = _post_pengguna(kecamatan_b, sandi="12345678", sandi_ulang="12345679")
    response = client.post(reverse("admin_pengguna_tambah"), data)
    html = response.content
    assert (
        bagian(html, "error_1_id_sandi_ulang")
        == "Kedua kata sandi tidak sama. Ketik ulang kata sandi yang sama."
    )
    assert bagian(html, "error_1_id_sandi") == "Kata sandi ini terlalu umum."
    assert bagian(html, "error_2_id_sandi") == "Kata sandi ini seluruhnya terdiri dari angka."
    assert not User.objects.filter(username="operator.cilongok").exists()


def test_ubah_pengguna(client, admin_kabupaten, operator_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_pengguna_ubah", args=[operator_a.pk])
    response = client.post(url, {"nama_lengkap": "Siti Aminah, S.E.", "email": "siti@example.id"})
    assert (response.status_code, response.url) == (302, url)
    operator_a.refresh_from_db()
    assert (operator_a.get_full_name(), operator_a.email) == ("Siti Aminah, S.E.", "siti@example.id")


def test_ubah_pengguna_lintas_kabupaten_hanya_baca(client, admin_kabupaten, operator_a, kabupaten_lain):
    f.PenugasanFactory(user=operator_a, peran=Peran.INSPEKTORAT, kecamatan=None, kabupaten=kabupaten_lain)
    client.force_login(admin_kabupaten)
    url = reverse("admin_pengguna_ubah", args=[operator_a.pk])
    html = client.get(url).content
    assert tabel(html, "tabel-peran")[1:] == [
        ["Inspektorat", "Kabupaten Cilacap", "-", ""],
        ["Operator kecamatan", "Kecamatan Ajibarang", "-", "Cabut"],
    ]
    assert "tindakan-akun" not in html.decode()
    assert client.post(url, {"nama_lengkap": "X"}).status_code == 403


def test_nonaktifkan_pengguna_lalu_tidak_bisa_masuk(client, admin_kabupaten, operator_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_pengguna_aktif", args=[operator_a.pk])
    assert bagian(client.get(url).content, "keterangan") == (
        "Siti Aminah tidak akan dapat masuk lagi sampai akunnya diaktifkan kembali. "
        "Data dan perannya tetap tersimpan."
    )
    response = client.post(url, {"aktif": "0"})
    assert (response.status_code, response.url) == (302, reverse("admin_pengguna_ubah", args=[operator_a.pk]))
    client.logout()
    response = client.post(reverse("login"), {"username": "operator_a", "password": f.KATA_SANDI})
    assert response.status_code == 200
    assert bagian(response.content, "galat-masuk") == (
        "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
    )


def test_aktifkan_kembali_pengguna(client, admin_kabupaten, operator_a):
    operator_a.is_active = False
    operator_a.save()
    client.force_login(admin_kabupaten)
    client.post(reverse("admin_pengguna_aktif", args=[operator_a.pk]), {"aktif": "1"})
    client.logout()
    assert client.login(username="operator_a", password=f.KATA_SANDI)


def test_nonaktifkan_diri_sendiri_ditolak_di_halaman(client, admin_kabupaten):
    client.force_login(admin_kabupaten)
    response = client.post(reverse("admin_pengguna_aktif", args=[admin_kabupaten.pk]), {"aktif": "0"})
    assert bagian(response.content, "galat") == "Anda tidak dapat menonaktifkan akun Anda sendiri."
    admin_kabupaten.refresh_from_db()
    assert admin_kabupaten.is_active is True


def test_atur_ulang_sandi_pengguna(client, admin_kabupaten, operator_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_pengguna_sandi", args=[operator_a.pk])
    response = client.post(url, {"sandi": SANDI_BARU, "sandi_ulang": SANDI_BARU})
    assert (response.status_code, response.url) == (302, reverse("admin_pengguna_ubah", args=[operator_a.pk]))
    client.logout()
    assert client.login(username="operator_a", password=SANDI_BARU)


def test_atur_ulang_sandi_galat_di_bidangnya(client, admin_kabupaten, operator_a):
    client.force_login(admin_kabupaten)
    response = client.post(
        reverse("admin_pengguna_sandi", args=[operator_a.pk]), {"sandi": "pendek", "sandi_ulang": "pendek"}
    )
    assert bagian(response.content, "error_1_id_sandi") == (
        "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter."
    )
    operator_a.refresh_from_db()
    assert operator_a.check_password(f.KATA_SANDI)


def test_tambah_peran(client, admin_kabupaten, operator_a, kecamatan_a, camat_pejabat_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_penugasan_tambah", args=[operator_a.pk])
    data = {"peran": "camat", "kecamatan": str(kecamatan_a.pk), "pejabat": str(camat_pejabat_a.pk)}
    response = client.post(url, data)
    assert (response.status_code, response.url) == (302, reverse("admin_pengguna_ubah", args=[operator_a.pk]))
    assert list(operator_a.penugasan.order_by("peran").values_list("peran", "pejabat")) == [
        ("camat", camat_pejabat_a.pk),
        ("operator", None),
    ]


def test_tambah_peran_kembar_di_bidangnya(client, admin_kabupaten, operator_a, kecamatan_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_penugasan_tambah", args=[operator_a.pk])
    response = client.post(url, {"peran": "operator", "kecamatan": str(kecamatan_a.pk)})
    assert bagian(response.content, "error_1_id_peran") == (
        "operator_a sudah menjadi Operator kecamatan di Kecamatan Ajibarang."
    )


def test_cabut_peran_konfirmasi(client, admin_kabupaten, operator_a, kecamatan_b):
    kedua = f.PenugasanFactory(user=operator_a, peran=Peran.OPERATOR, kecamatan=kecamatan_b)
    client.force_login(admin_kabupaten)
    url = reverse("admin_penugasan_hapus", args=[kedua.pk])
    assert bagian(client.get(url).content, "keterangan") == (
        "Siti Aminah tidak lagi menjadi Operator kecamatan di Kecamatan Cilongok. "
        "Akunnya dan peran lainnya tetap ada."
    )
    response = client.post(url)
    assert (response.status_code, response.url) == (302, reverse("admin_pengguna_ubah", args=[operator_a.pk]))
    assert operator_a.penugasan.count() == 1


def test_cabut_peran_terakhir_ditolak_di_halaman(client, admin_kabupaten, operator_a):
    client.force_login(admin_kabupaten)
    response = client.post(reverse("admin_penugasan_hapus", args=[operator_a.penugasan.get().pk]))
    assert bagian(response.content, "galat") == (
        "Ini satu-satunya peran pengguna ini. Tambahkan peran lain lebih dulu, "
        "atau nonaktifkan akunnya bila tidak lagi diperlukan."
    )
    assert operator_a.penugasan.count() == 1


# --- query counts ---------------------------------------------------------------------------------


def _isi_kabupaten(kabupaten, jumlah: int) -> None:
    for i in range(jumlah):
        kecamatan = f.KecamatanFactory(kabupaten=kabupaten, nama=f"Kec {i}")
        f.DesaFactory(kecamatan=kecamatan)
        f.PejabatFactory(kecamatan=kecamatan, mulai=date(2020, 1, 1))
        user = f.UserFactory(username=f"op{i}")
        f.PenugasanFactory(user=user, peran=Peran.OPERATOR, kecamatan=kecamatan)
        f.PenugasanFactory(user=user, peran=Peran.CAMAT, kecamatan=kecamatan)


@pytest.mark.parametrize("jumlah", [1, 3])
@pytest.mark.parametrize(
    ("nama_url", "id_tabel", "kueri"),
    [
        ("admin_kecamatan_daftar", "tabel-kecamatan", 6),
        ("admin_pejabat_daftar", "tabel-pejabat", 7),
        ("admin_pengguna_daftar", "tabel-pengguna", 7),
    ],
)
def test_daftar_jumlah_query_tetap(
    client, admin_kabupaten, kabupaten, jumlah, nama_url, id_tabel, kueri, django_assert_num_queries
):
    _isi_kabupaten(kabupaten, jumlah)
    client.force_login(admin_kabupaten)
    with django_assert_num_queries(kueri):
        response = client.get(reverse(nama_url))
    jumlah_baris = jumlah + 1 if nama_url == "admin_pengguna_daftar" else jumlah  # + the admin
    assert len(tabel(response.content, id_tabel)) == jumlah_baris + 1


# --- password change ------------------------------------------------------------------------------


def test_ganti_sandi_anonim_ke_login(client):
    url = reverse("ganti_sandi")
    response = client.get(url)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


def test_ganti_sandi_halaman_bahasa_indonesia(client, operator_a):
    client.force_login(operator_a)
    isi = teks(client.get(reverse("ganti_sandi")).content)
    assert (
        "Ganti kata sandi Ketik kata sandi lama Anda, lalu kata sandi baru dua kali. "
        "Kata sandi lama* Kata sandi baru* Minimal 8 karakter" in isi
    )


def test_ganti_sandi_lama_salah_di_bidangnya(client, operator_a):
    client.force_login(operator_a)
    response = client.post(
        reverse("ganti_sandi"),
        {"old_password": "salah", "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
    )
    assert (
        bagian(response.content, "error_1_id_old_password") == "Kata sandi lama salah. Silakan ketik ulang."
    )
    operator_a.refresh_from_db()
    assert operator_a.check_password(f.KATA_SANDI)


def test_ganti_sandi_berhasil_tetap_masuk_dan_sandi_baru_berlaku(client, operator_a):
    client.force_login(operator_a)
    response = client.post(
        reverse("ganti_sandi"),
        {"old_password": f.KATA_SANDI, "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
    )
    assert (response.status_code, response.url) == (302, reverse("ganti_sandi_selesai"))
    html = client.get(response.url).content
    assert bagian(html, "sandi-diganti") == (
        "Kata sandi Anda sudah diganti. Gunakan kata sandi baru saat masuk berikutnya."
    )
    client.logout()
    assert not client.login(username="operator_a", password=f.KATA_SANDI)
    assert client.login(username="operator_a", password=SANDI_BARU)


def test_superuser_memilih_kabupaten_kecamatan_baru(client, kabupaten, kabupaten_lain):
    client.force_login(f.UserFactory(username="root", is_superuser=True))
    url = reverse("admin_kecamatan_tambah")
    response = client.post(url, _post_kecamatan())
    assert bagian(response.content, "error_1_id_kabupaten") == "Bidang ini tidak boleh kosong."
    response = client.post(url, _post_kecamatan(kabupaten=str(kabupaten_lain.pk)))
    assert response.status_code == 302
    assert Kecamatan.objects.get(nama="Pekuncen").kabupaten == kabupaten_lain


def test_ganti_sandi_django_admin_memakai_templat_admin(client):
    """Our password pages have their own templates: Django admin keeps its own look."""
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "registration/password_change_form.html"
    assert "lkjip/ganti_sandi.html" not in [t.name for t in response.templates]


def test_navbar_inspektorat_ada_meja_reviu(client, inspektorat):
    client.force_login(inspektorat)
    html = client.get(reverse("beranda")).content
    assert bagian(html, "navbar-utama").startswith("Beranda Meja reviu ")
    assert f'href="{reverse("laporan:meja_reviu")}"' in html.decode()
