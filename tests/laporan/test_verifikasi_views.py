"""The public verification page (laporan/views_verifikasi.py): what it shows without login, the
status of a replaced version, and the check of an uploaded PDF (byte for byte and signature)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from laporan import services as layanan
from laporan import views_verifikasi
from laporan.models import DokumenFinal, Laporan
from lkjip.format import format_tanggal
from tests.conftest import bagian, tabel
from tests.laporan import alur_bersama as bersama
from tests.laporan.alur_bersama import FRASA, dokumen_siap


@pytest.fixture
def dokumen(ditandatangani) -> DokumenFinal:
    return DokumenFinal.objects.select_related("laporan").get(laporan=ditandatangani)


def _url(dokumen: DokumenFinal) -> str:
    return reverse("laporan:verifikasi", args=[dokumen.kode])


def _unggah(client, dokumen: DokumenFinal, isi: bytes):
    return client.post(_url(dokumen), {"berkas": SimpleUploadedFile("laporan.pdf", isi, "application/pdf")})


@pytest.mark.parametrize(
    "persona", [None, "operator_a", "camat_a", "operator_b", "inspektorat_lain", "tanpa_peran"]
)
def test_halaman_verifikasi_terbuka_untuk_siapa_saja(client, request, dokumen, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    html = client.get(_url(dokumen)).content
    waktu = timezone.localtime(dokumen.ditandatangani_pada)
    assert tabel(html, "tabel-dokumen") == [
        ["Instansi", "Kecamatan Ajibarang, Kabupaten Banyumas"],
        ["Dokumen", "LKjIP Tahun 2021"],
        ["Versi", "1"],
        ["Penanda tangan", "PARSONO, S.Sos., M.Si. (NIP 19670701 199209 1 001)"],
        ["Waktu tanda tangan", f"{format_tanggal(waktu.date())} pukul {waktu:%H.%M} WIB"],
        ["SHA-256", dokumen.sha256],
        ["Status", "Berlaku"],
    ]
    assert bagian(html, "status-dokumen") == "Berlaku: ini versi terakhir yang ditandatangani."


def test_kode_tidak_dikenal_atau_belum_ditandatangani_404(client, diajukan, camat_a):
    siap = dokumen_siap(diajukan, camat_a)
    assert client.get(reverse("laporan:verifikasi", args=["bukanKode123"])).status_code == 404
    assert client.get(_url(siap)).status_code == 404


def test_berkas_yang_sama_persis_sah(client, dokumen):
    isi = dokumen.berkas.open("rb").read()
    html = _unggah(client, dokumen, isi).content
    assert bagian(html, "hasil-periksa").startswith(
        "Berkas sah: sama persis dengan dokumen yang ditandatangani. Isi berkas sama persis (byte demi byte) "
        "dengan dokumen yang ditandatangani. Tanda tangan elektronik sah: dokumen utuh sejak ditandatangani "
        "oleh PARSONO, S.Sos., M.Si. (NIP 19670701 199209 1 001) pada "
    )


def test_salinan_dengan_satu_byte_diubah_tidak_sah(client, dokumen):
    isi = bytearray(dokumen.berkas.open("rb").read())
    posisi = isi.index(b"/Title") + 8
    isi[posisi] ^= 0x01
    html = _unggah(client, dokumen, bytes(isi)).content
    assert bagian(html, "hasil-periksa").startswith("Berkas TIDAK sah.")
    assert bagian(html, "hasil-sama").startswith(
        "Isi berkas berbeda dari dokumen yang ditandatangani (SHA-256 berkas: "
    )
    assert bagian(html, "hasil-tanda-tangan") == (
        "Dokumen telah diubah setelah ditandatangani: isinya tidak cocok lagi dengan tanda tangan."
    )


def test_pdf_tanpa_tanda_tangan_tidak_sah(client, dokumen):
    html = _unggah(client, dokumen, bersama.pdf_kecil()).content
    assert bagian(html, "hasil-tanda-tangan") == "Dokumen tidak ditandatangani secara elektronik."


def test_unggah_kosong_dan_terlalu_besar_salah_di_bidang(client, dokumen, monkeypatch):
    respons = client.post(_url(dokumen), {})
    assert "Pilih berkas PDF yang akan diperiksa." in respons.content.decode()
    monkeypatch.setattr(views_verifikasi.PeriksaBerkasForm.base_fields["berkas"], "batas", 1024 * 1024)
    respons = _unggah(client, dokumen, b"%PDF-" + b"0" * (2 * 1024 * 1024))
    assert bagian(respons.content, "galat-berkas") == "Berkas terlalu besar (2,1 MB); batasnya 1 MB."


def test_versi_lama_digantikan_versi_baru(client, ditandatangani, operator_a, camat_a, dokumen):
    baru = layanan.laporan_revisi(user=operator_a, kecamatan=ditandatangani.kecamatan, tahun=2021, alasan="x")
    baru.status = Laporan.Status.DIAJUKAN
    baru.save()
    dokumen_siap(baru, camat_a)
    kedua = layanan.laporan_tandatangani(
        user=camat_a, kecamatan=baru.kecamatan, tahun=2021, frasa_sandi=FRASA
    )
    html = client.get(_url(dokumen)).content
    assert bagian(html, "status-dokumen") == (
        f"Digantikan oleh versi 2, ditandatangani {format_tanggal(kedua.tanggal_tanda_tangan)}. Lihat versi 2"
    )
    assert tabel(html, "tabel-dokumen")[-1] == ["Status", "Digantikan oleh versi 2"]
    assert tabel(client.get(_url(kedua)).content, "tabel-dokumen")[-1] == ["Status", "Berlaku"]
