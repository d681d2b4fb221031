"""The demo loader behind `make run`."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from kinerja.models import PerjanjianKinerja
from lkjip.models import Pejabat, Penugasan


@pytest.mark.django_db
def test_muat_demo_membuat_akun_per_peran_dan_wilayah():
    keluar = io.StringIO()
    call_command("muat_demo", stdout=keluar)
    akun = sorted(
        Penugasan.objects.values_list("user__username", "peran", "kecamatan__nama", "kabupaten__nama")
    )
    assert akun == [
        ("admin.banjar", "admin_kabupaten", None, "Banjar"),
        ("admin.banjarnegara", "admin_kabupaten", None, "Banjarnegara"),
        ("admin.banyumas", "admin_kabupaten", None, "Banyumas"),
        ("camat.ajibarang", "camat", "Ajibarang", None),
        ("camat.aluh-aluh", "camat", "Aluh Aluh", None),
        ("camat.purwareja-klampok", "camat", "Purwareja Klampok", None),
        ("inspektorat.banjar", "inspektorat", None, "Banjar"),
        ("inspektorat.banjarnegara", "inspektorat", None, "Banjarnegara"),
        ("inspektorat.banyumas", "inspektorat", None, "Banyumas"),
        ("operator.ajibarang", "operator", "Ajibarang", None),
        ("operator.aluh-aluh", "operator", "Aluh Aluh", None),
        ("operator.purwareja-klampok", "operator", "Purwareja Klampok", None),
    ]
    assert "  operator.purwareja-klampok" in keluar.getvalue()
    assert authenticate(username="operator.ajibarang", password="demo12345") is not None


@pytest.mark.django_db
def test_muat_demo_mengaitkan_akun_camat_dengan_pejabatnya():
    call_command("muat_demo", stdout=io.StringIO())
    camat = Penugasan.objects.select_related("pejabat").get(user__username="camat.ajibarang")
    assert (camat.pejabat.nama, camat.pejabat.nip) == ("PARSONO, S.Sos., M.Si.", "196707011992091001")
    # Purwareja Klampok's document names no camat: the demo gives it a marked stand-in to sign with.
    pengganti = (
        Penugasan.objects.select_related("pejabat").get(user__username="camat.purwareja-klampok").pejabat
    )
    assert (pengganti.nama, pengganti.jabatan, pengganti.nip) == (
        "Camat Demo Purwareja Klampok",
        "Camat Purwareja Klampok (pejabat contoh, bukan dari laporan)",
        "198001012006041001",
    )


@pytest.mark.django_db
def test_muat_demo_dua_kali_tidak_menggandakan():
    call_command("muat_demo", stdout=io.StringIO())
    pejabat = set(Pejabat.objects.values_list("pk", flat=True))
    call_command("muat_demo", stdout=io.StringIO())
    assert set(Pejabat.objects.values_list("pk", flat=True)) == pejabat
    assert Penugasan.objects.count() == 12
    assert PerjanjianKinerja.objects.filter(kecamatan__nama="Ajibarang").count() == 2
