"""Issue #2's acceptance on the demo data: what the demo accounts see after `make run`."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lkjip.models import Kecamatan
from tests.conftest import baris, tabel, teks


@pytest.fixture
def demo(db):
    call_command("muat_demo", stdout=io.StringIO())


def _masuk(client, username):
    assert client.login(username=username, password="demo12345")


def test_operator_ajibarang_melihat_9_indikator_pk_2020(client, demo):
    _masuk(client, "operator.ajibarang")
    ajibarang = Kecamatan.objects.get(nama="Ajibarang")
    html = client.get(reverse("beranda")).content.decode()
    assert "Kecamatan Ajibarang" in teks(html)
    html = client.get(reverse("kinerja:pk_detail", args=[ajibarang.pk, 2020])).content.decode()
    baris_pk = tabel(html, "tabel-target-pk")
    assert len([b for b in baris_pk if len(b) == 5]) == 10  # the header and 9 indicators
    assert [b[0] for b in baris_pk if b and b[0].startswith("S")] == [
        "S1.1",
        "S2.1",
        "S2.2",
        "S3.1",
        "S3.2",
        "S3.3",
        "S3.4",
        "S3.5",
        "S3.6",
    ]
    html = client.get(reverse("kinerja:realisasi_tahun", args=[ajibarang.pk, 2020])).content.decode()
    # kode, indikator, satuan, target, sumber target, realisasi
    assert baris(html, "S1.1")[2:6] == ["indeks", "85,78", "PK", "85,78"]
    assert baris(html, "S2.2")[2:6] == ["%", "87,00", "PK", "90,00"]
    assert baris(html, "S3.4")[2:6] == ["%", "85,00", "PK", "90,00"]


def test_inspektorat_banyumas_melihat_ajibarang_saja(client, demo):
    _masuk(client, "inspektorat.banyumas")
    isi = teks(client.get(reverse("beranda")).content)
    assert "Ajibarang" in isi
    assert "Purwareja Klampok" not in isi
    purwareja = Kecamatan.objects.get(nama="Purwareja Klampok")
    assert client.get(reverse("kecamatan_detail", args=[purwareja.pk])).status_code == 404
    ajibarang = Kecamatan.objects.get(nama="Ajibarang")
    assert client.get(reverse("kecamatan_detail", args=[ajibarang.pk])).status_code == 200
