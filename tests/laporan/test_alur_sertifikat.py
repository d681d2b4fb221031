"""Uploading a pejabat's signing certificate (lkjip/administrasi.py `pejabat_sertifikat`)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from laporan.tandatangan.berkas import lokasi_sertifikat
from tests import factories as f
from tests.conftest import bagian


def _url(pejabat) -> str:
    return reverse("admin_pejabat_sertifikat", args=[pejabat.pk])


def test_matriks_unggah_sertifikat(client, request, camat_pejabat_a, kabupaten_lain):
    admin_lain = f.UserFactory(username="admin_lain")
    f.PenugasanFactory(user=admin_lain, peran="admin_kabupaten", kecamatan=None, kabupaten=kabupaten_lain)
    hasil = {}
    for persona in ("admin_kabupaten", "inspektorat", "operator_a", "camat_a", "tanpa_peran"):
        client.force_login(request.getfixturevalue(persona))
        hasil[persona] = client.get(_url(camat_pejabat_a)).status_code
    client.force_login(admin_lain)
    hasil["admin_lain"] = client.get(_url(camat_pejabat_a)).status_code
    assert hasil == {
        "admin_kabupaten": 200,
        "inspektorat": 403,
        "operator_a": 403,
        "camat_a": 403,
        "tanpa_peran": 403,
        "admin_lain": 404,
    }
    client.logout()
    assert client.get(_url(camat_pejabat_a))["Location"].startswith(reverse("login"))


def test_unggah_sertifikat_disimpan_di_luar_basis_data(client, admin_kabupaten, camat_pejabat_a, bahan_ttd):
    _, p12 = bahan_ttd
    client.force_login(admin_kabupaten)
    assert bagian(client.get(_url(camat_pejabat_a)).content, "status-sertifikat").startswith("Belum ada")
    respons = client.post(
        _url(camat_pejabat_a), {"berkas": SimpleUploadedFile("camat.p12", p12)}, follow=True
    )
    assert [str(m) for m in respons.context["messages"]] == [
        "Sertifikat tanda tangan elektronik PARSONO, S.Sos., M.Si. disimpan."
    ]
    assert lokasi_sertifikat(camat_pejabat_a.pk).read_bytes() == p12
    assert bagian(client.get(_url(camat_pejabat_a)).content, "status-sertifikat").startswith("Sudah diunggah")


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"bukan sertifikat", "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah."),
        (b"x" * (101 * 1024), "Berkas terlalu besar (101 KB); batasnya 100 KB."),
    ],
)
def test_berkas_bukan_sertifikat_salah_di_bidang(client, admin_kabupaten, camat_pejabat_a, isi, pesan):
    client.force_login(admin_kabupaten)
    respons = client.post(_url(camat_pejabat_a), {"berkas": SimpleUploadedFile("camat.p12", isi)})
    assert respons.status_code == 200
    assert bagian(respons.content, "error_1_id_berkas") == pesan
    assert not lokasi_sertifikat(camat_pejabat_a.pk).exists()


def test_halaman_ubah_pejabat_kecamatan_menautkan_sertifikat(client, admin_kabupaten, camat_pejabat_a):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_pejabat_ubah", args=[camat_pejabat_a.pk])).content
    assert bagian(html, "tautan-sertifikat") == (
        "Sertifikat tanda tangan elektronik: unggah atau ganti berkas .p12 yang dipakai pejabat ini untuk "
        "menandatangani laporan."
    )
    assert f'href="{_url(camat_pejabat_a)}"' in html.decode()
