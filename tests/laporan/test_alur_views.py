"""The workflow pages of a kecamatan's report (laporan/views_alur.py): persona matrix of every view,
and the steps through HTTP (submit, approve with preconditions and warnings, progress, signing with
the passphrase, revision, signed PDF download, timeline)."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from laporan.models import DokumenFinal, Laporan, RiwayatStatus
from lkjip.format import format_tanggal
from tests.conftest import bagian, tabel, teks
from tests.laporan.alur_bersama import FRASA, PESAN_ANALISIS_S2, PESAN_S22, dokumen_siap

# The shared fixtures (pytest finds them as module attributes).

Status = Laporan.Status
PEMBACA = {
    "operator_a": 200,
    "camat_a": 200,
    "inspektorat": 200,
    "admin_kabupaten": 200,
    "operator_b": 404,
    "inspektorat_lain": 404,
    "tanpa_peran": 404,
}
KECAMATAN = {**PEMBACA, "inspektorat": 403, "admin_kabupaten": 403}
CAMAT = {**KECAMATAN, "operator_a": 403}


def _url(nama: str, laporan: Laporan, *lain) -> str:
    return reverse(f"laporan:{nama}", args=[laporan.kecamatan_id, laporan.tahun, *lain])


def _minta(client, metode: str, url: str):
    return client.post(url) if metode == "post" else client.get(url)


def _matriks(client, request, metode: str, url: str, harapan: dict[str, int]) -> None:
    hasil = {}
    for persona in harapan:
        client.force_login(request.getfixturevalue(persona))
        hasil[persona] = _minta(client, metode, url).status_code
    assert hasil == harapan
    client.logout()
    respons = _minta(client, metode, url)
    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("login"))


# --- persona matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "harapan"),
    [("alur_panel", PEMBACA), ("alur_riwayat", PEMBACA), ("alur_ajukan", KECAMATAN)],
)
def test_matriks_halaman_draf(client, request, siap_ttd, nama, harapan):
    _matriks(client, request, "get", _url(nama, siap_ttd), harapan)


@pytest.mark.parametrize("nama", ["alur_kembalikan_draf", "alur_setujui"])
def test_matriks_halaman_camat(client, request, diajukan, nama, tugas_tunda):
    _matriks(client, request, "get", _url(nama, diajukan), CAMAT)


def test_matriks_tanda_tangan_dan_status(client, request, diajukan, camat_a):
    dokumen_siap(diajukan, camat_a)
    _matriks(client, request, "get", _url("alur_tandatangan", diajukan), CAMAT)
    _matriks(client, request, "get", _url("alur_status", diajukan), CAMAT)


def test_matriks_susun_ulang(client, request, diajukan, camat_a):
    DokumenFinal.objects.filter(pk=dokumen_siap(diajukan, camat_a).pk).update(
        status=DokumenFinal.Status.GAGAL
    )
    _matriks(client, request, "post", _url("alur_susun_ulang", diajukan), {**CAMAT, "camat_a": 302})


def test_matriks_revisi_dan_unduh(client, request, ditandatangani):
    _matriks(client, request, "get", _url("alur_revisi", ditandatangani), KECAMATAN)
    _matriks(client, request, "get", _url("alur_unduh", ditandatangani, 1), PEMBACA)


# --- the panel on the report page ----------------------------------------------------------------------


def test_halaman_laporan_memuat_panel_alur(client, operator_a, siap_ttd):
    client.force_login(operator_a)
    html = client.get(reverse("laporan:isi_detail", args=[siap_ttd.kecamatan_id, 2021])).content.decode()
    assert f'hx-get="{_url("alur_panel", siap_ttd)}"' in html


def test_panel_aksi_menurut_peran_dan_status(client, operator_a, camat_a, inspektorat, diajukan):
    client.force_login(operator_a)
    html = client.get(_url("alur_panel", diajukan)).content
    assert bagian(html, "status-alur") == "Diajukan versi 1"
    assert "aksi-alur" not in html.decode()
    assert "Menunggu persetujuan camat." in teks(html)
    client.force_login(camat_a)
    assert bagian(client.get(_url("alur_panel", diajukan)).content, "aksi-alur") == (
        "Setujui dan tanda tangani Kembalikan ke draf"
    )
    client.force_login(inspektorat)
    assert "aksi-alur" not in client.get(_url("alur_panel", diajukan)).content.decode()


def test_panel_setelah_ditandatangani(client, inspektorat, ditandatangani):
    client.force_login(inspektorat)
    html = client.get(_url("alur_panel", ditandatangani)).content
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    assert bagian(html, "aksi-alur") == "Buka halaman reviu"
    tanggal = dokumen.tanggal_tanda_tangan
    assert bagian(html, "dokumen-ttd").startswith(f"Versi 1, ditandatangani {tanggal.day} ")
    assert f'href="{reverse("laporan:verifikasi", args=[dokumen.kode])}"' in html.decode()


# --- submitting and returning ---------------------------------------------------------------------------


def test_ajukan_lalu_ajukan_lagi_menampilkan_alasan(client, operator_a, siap_ttd):
    client.force_login(operator_a)
    url = _url("alur_ajukan", siap_ttd)
    halaman = client.get(url).content
    assert bagian(halaman, "syarat") == "Semua syarat penandatanganan terpenuhi."
    respons = client.post(url, {"catatan": "Siap"})
    assert respons.status_code == 302
    assert respons["Location"] == reverse("laporan:isi_detail", args=[siap_ttd.kecamatan_id, 2021])
    assert Laporan.objects.get(pk=siap_ttd.pk).status == Status.DIAJUKAN
    respons = client.post(url, {"catatan": ""})
    assert respons.status_code == 200
    assert bagian(respons.content, "kesalahan") == (
        "LKjIP Kecamatan Ajibarang 2021 berstatus diajukan; ajukan ke camat hanya dapat dilakukan pada "
        "laporan berstatus draf."
    )


def test_kembalikan_ke_draf_tanpa_catatan_salah_di_bidang(client, camat_a, diajukan):
    client.force_login(camat_a)
    respons = client.post(_url("alur_kembalikan_draf", diajukan), {"catatan": ""})
    assert respons.status_code == 200
    assert bagian(respons.content, "error_1_id_catatan") == "Yang harus diperbaiki wajib diisi."
    assert Laporan.objects.get(pk=diajukan.pk).status == Status.DIAJUKAN
    respons = client.post(_url("alur_kembalikan_draf", diajukan), {"catatan": "Lengkapi bagan"})
    assert respons.status_code == 302
    assert Laporan.objects.get(pk=diajukan.pk).status == Status.DRAF


# --- approving ----------------------------------------------------------------------------------------


def test_setujui_menampilkan_syarat_tanpa_tombol(client, camat_a, data_a, kecamatan_a, sertifikat_camat):
    laporan = Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021, status=Status.DIAJUKAN)
    client.force_login(camat_a)
    html = client.get(_url("alur_setujui", laporan)).content
    assert bagian(html, "syarat") == (
        f"Belum dapat ditandatangani: 2 syarat belum terpenuhi. {PESAN_S22} Perbaiki "
        f"{PESAN_ANALISIS_S2} Perbaiki"
    )
    assert "form-setujui" not in html.decode()


def test_setujui_peringatan_wajib_dicentang_lalu_ke_tanda_tangan(client, camat_a, diajukan, tugas_tunda):
    client.force_login(camat_a)
    url = _url("alur_setujui", diajukan)
    html = client.get(url).content
    assert bagian(html, "peringatan") == (
        "Peringatan (1), tidak menghalangi penandatanganan: Realisasi S2.1 tahun 2021 masih sementara."
    )
    respons = client.post(url, {})
    assert respons.status_code == 200
    assert bagian(respons.content, "error_1_id_peringatan_diakui") == (
        "Centang pernyataan bahwa Anda telah membaca peringatan di atas."
    )
    respons = client.post(url, {"peringatan_diakui": "on"})
    assert respons.status_code == 302
    assert respons["Location"] == _url("alur_tandatangan", diajukan)
    html = client.get(respons["Location"]).content.decode()
    assert f'hx-get="{_url("alur_status", diajukan)}"' in html
    assert "Menunggu giliran disusun…" in teks(html)
    # Approved already: the approval page leads on to signing.
    assert client.get(url)["Location"] == _url("alur_tandatangan", diajukan)


def test_status_penyusunan_memuat_ulang_halaman_saat_siap(client, camat_a, diajukan):
    dokumen = dokumen_siap(diajukan, camat_a)
    client.force_login(camat_a)
    DokumenFinal.objects.filter(pk=dokumen.pk).update(status=DokumenFinal.Status.BERJALAN)
    respons = client.get(_url("alur_status", diajukan), headers={"HX-Request": "true"})
    assert "HX-Refresh" not in respons
    assert "Sedang disusun…" in teks(respons.content)
    DokumenFinal.objects.filter(pk=dokumen.pk).update(status=DokumenFinal.Status.SIAP)
    respons = client.get(_url("alur_status", diajukan), headers={"HX-Request": "true"})
    assert respons["HX-Refresh"] == "true"


def test_tanda_tangan_tanpa_persetujuan_diarahkan_ke_setujui(client, camat_a, diajukan):
    client.force_login(camat_a)
    respons = client.get(_url("alur_tandatangan", diajukan))
    assert respons["Location"] == _url("alur_setujui", diajukan)


def test_tanda_tangan_frasa_salah_lalu_benar(client, camat_a, diajukan):
    dokumen = dokumen_siap(diajukan, camat_a)
    client.force_login(camat_a)
    url = _url("alur_tandatangan", diajukan)
    html = client.get(url).content
    assert (
        bagian(html, "dokumen-siap")
        == f"SHA-256 PDF final {dokumen.sha256_draf} Kode verifikasi {dokumen.kode}"
    )
    respons = client.post(url, {"frasa_sandi": "salah"})
    assert respons.status_code == 200
    assert bagian(respons.content, "error_1_id_frasa_sandi") == "Frasa sandi sertifikat salah."
    assert 'value="salah"' not in respons.content.decode()
    respons = client.post(url, {"frasa_sandi": FRASA})
    assert respons.status_code == 302
    assert Laporan.objects.get(pk=diajukan.pk).status == Status.DITANDATANGANI


def test_tanda_tangan_frasa_kosong_salah_di_bidang(client, camat_a, diajukan):
    dokumen_siap(diajukan, camat_a)
    client.force_login(camat_a)
    respons = client.post(_url("alur_tandatangan", diajukan), {"frasa_sandi": ""})
    assert bagian(respons.content, "error_1_id_frasa_sandi") == "Frasa sandi sertifikat wajib diisi."


def test_susun_ulang_yang_tidak_perlu_memberi_pesan(client, camat_a, diajukan):
    dokumen_siap(diajukan, camat_a)
    client.force_login(camat_a)
    respons = client.post(_url("alur_susun_ulang", diajukan), follow=True)
    assert [str(m) for m in respons.context["messages"]] == [
        "PDF final siap ditandatangani; tidak perlu disusun ulang."
    ]


# --- after signing --------------------------------------------------------------------------------------


def test_unduh_pdf_bertanda_tangan_apa_adanya(client, inspektorat, ditandatangani):
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    client.force_login(inspektorat)
    respons = client.get(_url("alur_unduh", ditandatangani, 1))
    isi = b"".join(respons.streaming_content)
    assert hashlib.sha256(isi).hexdigest() == dokumen.sha256
    assert respons["Content-Type"] == "application/pdf"
    assert respons["Content-Disposition"] == 'attachment; filename="LKjIP-Ajibarang-2021-v1.pdf"'
    assert client.get(_url("alur_unduh", ditandatangani, 2)).status_code == 404


def test_unduh_pdf_laporan_yang_ditandatangani_memberi_berkas_bertanda_tangan(
    client, operator_a, ditandatangani
):
    """The report page's "Unduh PDF" gives the signed bytes, never a fresh rendering."""
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    client.force_login(operator_a)
    respons = client.get(reverse("laporan:cetak_pdf", args=[ditandatangani.kecamatan_id, 2021]))
    assert hashlib.sha256(b"".join(respons.streaming_content)).hexdigest() == dokumen.sha256


def test_versi_belum_ditandatangani_tidak_dapat_diunduh(client, operator_a, diajukan, camat_a):
    dokumen_siap(diajukan, camat_a)
    client.force_login(operator_a)
    assert client.get(_url("alur_unduh", diajukan, 1)).status_code == 404


def test_revisi_lewat_halaman(client, operator_a, ditandatangani):
    client.force_login(operator_a)
    url = _url("alur_revisi", ditandatangani)
    respons = client.post(url, {"alasan": ""})
    assert (
        bagian(respons.content, "error_1_id_alasan")
        == "Tulis alasan perubahan laporan yang sudah ditandatangani."
    )
    respons = client.post(url, {"alasan": "Koreksi S2.1"}, follow=True)
    assert [str(m) for m in respons.context["messages"]] == [
        "Versi 2 dibuat sebagai draf. Versi 1 yang ditandatangani tetap dapat diunduh dan diverifikasi."
    ]
    assert list(Laporan.objects.order_by("versi").values_list("versi", "status")) == [
        (1, Status.DITANDATANGANI),
        (2, Status.DRAF),
    ]


def test_riwayat_menampilkan_versi_dan_langkah(client, camat_a, ditandatangani):
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    client.force_login(camat_a)
    html = client.get(_url("alur_riwayat", ditandatangani)).content
    assert tabel(html, "tabel-versi")[1][:4] == [
        "1",
        "Ditandatangani",
        f"{format_tanggal(dokumen.tanggal_tanda_tangan)}, PARSONO, S.Sos., M.Si.",
        dokumen.sha256,
    ]
    assert bagian(html, "linimasa").startswith("Ditandatangani (diajukan → ditandatangani) · versi 1")
    assert bagian(html, "perubahan-data").startswith("Tidak ada perubahan data sejak")


@pytest.mark.parametrize("jumlah", [1, 3])
def test_jumlah_kueri_riwayat_tetap(client, camat_a, siap_ttd, jumlah, django_assert_num_queries):
    laporan = siap_ttd
    for i in range(jumlah):
        RiwayatStatus.objects.create(
            laporan=laporan,
            aksi="ajukan",
            dari="draf",
            ke="diajukan",
            waktu=laporan.dibuat,
            nama_pengguna="x",
        )
        if i < jumlah - 1:
            laporan = Laporan.objects.create(kecamatan=laporan.kecamatan, tahun=2021, versi=laporan.versi + 1)
    client.force_login(camat_a)
    url = _url("alur_riwayat", siap_ttd)
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("nama", "data", "peran_salah"),
    [
        ("alur_ajukan", {"catatan": ""}, "inspektorat"),
        ("alur_kembalikan_draf", {"catatan": "x"}, "operator_a"),
        ("alur_setujui", {"peringatan_diakui": "on"}, "operator_a"),
        ("alur_tandatangan", {"frasa_sandi": FRASA}, "operator_a"),
        ("alur_revisi", {"alasan": "x"}, "inspektorat"),
    ],
)
def test_kirim_langkah_kecamatan_lain_404_peran_lain_403(
    client, request, diajukan, camat_a, operator_b, nama, data, peran_salah, tugas_tunda
):
    dokumen_siap(diajukan, camat_a)
    url = _url(nama, diajukan)
    client.force_login(operator_b)
    assert client.post(url, data).status_code == 404
    client.force_login(request.getfixturevalue(peran_salah))
    assert client.post(url, data).status_code == 403
    assert Laporan.objects.get(pk=diajukan.pk).status == Status.DIAJUKAN
    assert Laporan.objects.count() == 1


def test_kirim_setujui_dengan_syarat_belum_terpenuhi_menampilkan_pesan(
    client, camat_a, data_a, kecamatan_a, sertifikat_camat, tugas_tunda
):
    laporan = Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021, status=Status.DIAJUKAN)
    client.force_login(camat_a)
    respons = client.post(_url("alur_setujui", laporan), {"peringatan_diakui": "on"})
    assert respons.status_code == 200
    assert bagian(respons.content, "kesalahan") == f"{PESAN_S22} {PESAN_ANALISIS_S2}"
    assert not DokumenFinal.objects.exists()
