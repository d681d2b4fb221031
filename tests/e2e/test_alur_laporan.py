"""Browser flow of the approval workflow on the demo data (Ajibarang 2020): the operator submits, the
camat approves and signs with the passphrase, inspektorat downloads the signed PDF and returns it
with a note, the operator revises, the camat signs version 2 and inspektorat accepts it. The
downloaded PDF validates (intact, signed by the camat's certificate), its hash is the one the
verification page shows, and a copy with one byte changed is reported as not valid.

Uses Debian's chromium (never a downloaded browser build); see tests/e2e/test_login.py for why
DJANGO_ALLOW_ASYNC_UNSAFE is set.
"""

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"chromium tidak terpasang: {CHROMIUM} tidak ada (apt-get install chromium)", allow_module_level=True
    )

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from laporan.models import DokumenFinal, Laporan  # noqa: E402
from laporan.tandatangan.verifikasi import periksa_pdf  # noqa: E402
from lkjip.models import Kecamatan  # noqa: E402
from tests.e2e.conftest import ARGUMEN_CHROMIUM  # noqa: E402

SANDI = "demo12345"
FRASA = "demo12345"


@pytest.fixture
def demo(db):
    """The demo documents and accounts, and a demo CA with a certificate for every demo camat."""
    call_command("muat_demo", verbosity=0)
    call_command("buat_sertifikat_demo", "--ukuran-kunci", "2048", verbosity=0)
    return Kecamatan.objects.get(nama="Ajibarang")


@pytest.fixture
def halaman():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMEN_CHROMIUM)
        try:
            konteks = browser.new_context(locale="id-ID", accept_downloads=True)
            page = konteks.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            # A query of the test body, made while Playwright's loop runs, opened a connection of
            # its own: close it here, or PostgreSQL cannot drop the test database afterwards.
            connections.close_all()
            browser.close()


def _periksa(pdf: bytes):
    """periksa_pdf in a thread of its own: pyHanko's validator runs an event loop, and Playwright's
    sync API already runs one in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(periksa_pdf, pdf).result()


def _masuk(page, url: str, username: str) -> None:
    page.goto(f"{url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_have_text("Beranda")


def _keluar(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    expect(page.locator("h1")).to_have_text("Masuk")


def _halaman_laporan(page, url: str, kecamatan: Kecamatan) -> None:
    page.goto(f"{url}/kecamatan/{kecamatan.pk}/laporan/2020/")
    expect(page.locator("#alur-laporan .card-header")).to_contain_text("Persetujuan dan tanda tangan")


def _ajukan(page, url: str, kecamatan: Kecamatan, catatan: str) -> None:
    _halaman_laporan(page, url, kecamatan)
    page.locator("#aksi-alur").get_by_role("link", name="Ajukan ke camat").click()
    page.get_by_label("Catatan untuk camat (boleh kosong)").fill(catatan)
    page.locator("#form-ajukan").get_by_role("button", name="Ajukan ke camat").click()
    expect(page.locator(".alert-success")).to_contain_text("LKjIP 2020 diajukan kepada camat.")
    expect(page.locator("#status-alur")).to_contain_text("Diajukan")


def _setujui_dan_tandatangani(page, url: str, kecamatan: Kecamatan, versi: int) -> None:
    _halaman_laporan(page, url, kecamatan)
    page.locator("#aksi-alur").get_by_role("link", name="Setujui dan tanda tangani").click()
    expect(page.locator("#syarat")).to_have_text("Semua syarat penandatanganan terpenuhi.")
    expect(page.locator("#peringatan")).to_contain_text("target kurang menantang")
    page.get_by_label("Saya telah membaca peringatan di atas dan tetap menyetujui laporan ini.").check()
    page.get_by_role("button", name="Setujui dan susun PDF final").click()
    expect(page.locator("h1")).to_have_text("Tanda tangan elektronik")
    expect(page.locator("#status-penyusunan")).to_contain_text("PDF final siap ditandatangani.")
    page.get_by_label("Frasa sandi sertifikat").fill("bukan-frasanya")
    page.get_by_role("button", name="Tanda tangani").click()
    expect(page.locator("#form-tanda-tangan")).to_contain_text("Frasa sandi sertifikat salah.")
    page.get_by_label("Frasa sandi sertifikat").fill(FRASA)
    page.get_by_role("button", name="Tanda tangani").click()
    expect(page.locator(".alert-success").first).to_contain_text(
        f"LKjIP 2020 versi {versi} ditandatangani secara elektronik."
    )
    expect(page.locator("#status-alur")).to_contain_text(f"Ditandatangani versi {versi}")


def _baris_meja(page, url: str, kecamatan: Kecamatan):
    page.goto(f"{url}/meja-reviu/?tahun=2020")
    return page.locator(f"#meja-{kecamatan.pk}-2020")


def _mulai_reviu(page, url: str, kecamatan: Kecamatan) -> None:
    _baris_meja(page, url, kecamatan).get_by_role("link", name="Reviu Ajibarang 2020").click()
    page.get_by_role("button", name="Mulai reviu").click()
    expect(page.locator(".alert-success")).to_contain_text("Reviu LKjIP Ajibarang 2020 dimulai.")


@pytest.mark.django_db(transaction=True)
def test_alur_lengkap_ajukan_tandatangani_kembalikan_revisi_terima(live_server, demo, halaman, tmp_path):
    page, url, kecamatan = halaman, live_server.url, demo

    # The operator submits the draft.
    _masuk(page, url, "operator.ajibarang")
    _ajukan(page, url, kecamatan, "Mohon diperiksa dan ditandatangani.")
    _keluar(page)

    # The camat approves (the final PDF is rendered), then signs with the passphrase.
    _masuk(page, url, "camat.ajibarang")
    _setujui_dan_tandatangani(page, url, kecamatan, versi=1)
    _keluar(page)

    # Inspektorat downloads the signed PDF from the desk.
    _masuk(page, url, "inspektorat.banyumas")
    baris = _baris_meja(page, url, kecamatan)
    expect(baris.locator("td").nth(1)).to_have_text("Ditandatangani v1")
    with page.expect_download() as unduhan:
        baris.get_by_role("link", name="Unduh PDF Ajibarang 2020").click()
    assert unduhan.value.suggested_filename == "LKjIP-Ajibarang-2020-v1.pdf"
    pdf = Path(unduhan.value.path()).read_bytes()
    hasil = _periksa(pdf)
    assert (hasil.sah, hasil.utuh, hasil.penanda.nama, hasil.penanda.nip) == (
        True,
        True,
        "PARSONO, S.Sos., M.Si.",
        "196707011992091001",
    )

    # The verification page shows the same hash; the file checks as valid, a changed copy does not.
    dokumen = DokumenFinal.objects.get(laporan__kecamatan=kecamatan, laporan__versi=1)
    page.goto(f"{url}/verifikasi/{dokumen.kode}/")
    expect(page.locator("#sha256")).to_have_text(hashlib.sha256(pdf).hexdigest())
    asli = tmp_path / "asli.pdf"
    asli.write_bytes(pdf)
    page.get_by_label("Berkas PDF yang akan diperiksa").set_input_files(str(asli))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("#hasil-periksa")).to_contain_text("Berkas sah: sama persis dengan dokumen")
    diubah = bytearray(pdf)
    diubah[len(diubah) // 3] ^= 0x01
    salinan = tmp_path / "diubah.pdf"
    salinan.write_bytes(bytes(diubah))
    page.get_by_label("Berkas PDF yang akan diperiksa").set_input_files(str(salinan))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("#hasil-periksa")).to_contain_text("Berkas TIDAK sah.")
    expect(page.locator("#hasil-sama")).to_contain_text("Isi berkas berbeda dari dokumen yang ditandatangani")
    assert not _periksa(bytes(diubah)).sah

    # Inspektorat reviews and returns it with a note.
    _mulai_reviu(page, url, kecamatan)
    page.get_by_label("Bagian").select_option(label="Latar Belakang")
    page.locator("#form-catatan textarea").fill("Sebutkan dasar hukum terbaru.")
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.locator("#daftar-catatan")).to_contain_text("Sebutkan dasar hukum terbaru.")
    page.get_by_role("link", name="Kembalikan dengan catatan").click()
    page.get_by_label("Ringkasan catatan reviu").fill("Perbaiki latar belakang.")
    page.get_by_role("button", name="Kembalikan ke kecamatan").click()
    expect(page.locator(".alert-success")).to_contain_text("kecamatan memperbaikinya sebagai versi 2")
    _keluar(page)

    # The operator sees the notes on version 2, revises the text and submits again.
    _masuk(page, url, "operator.ajibarang")
    _halaman_laporan(page, url, kecamatan)
    expect(page.locator("#status-alur")).to_contain_text("Draf versi 2")
    expect(page.locator("#catatan-sebelumnya")).to_contain_text(
        "Latar Belakang: Sebutkan dasar hukum terbaru."
    )
    page.goto(f"{url}/kecamatan/{kecamatan.pk}/laporan/2020/blok/latar_belakang/")
    teks = page.get_by_label("Teks")
    teks.fill(teks.input_value() + "\n\nDasar hukum terbaru: Peraturan Bupati Banyumas Nomor 16 Tahun 2021.")
    page.get_by_role("button", name="Simpan").click()
    _ajukan(page, url, kecamatan, "Sudah diperbaiki sesuai catatan reviu.")
    _keluar(page)

    # The camat signs version 2.
    _masuk(page, url, "camat.ajibarang")
    _setujui_dan_tandatangani(page, url, kecamatan, versi=2)
    _keluar(page)

    # Inspektorat accepts version 2.
    _masuk(page, url, "inspektorat.banyumas")
    _mulai_reviu(page, url, kecamatan)
    page.get_by_role("link", name="Terima laporan").click()
    page.locator("#form-terima").get_by_role("button", name="Terima laporan").click()
    expect(page.locator(".alert-success")).to_contain_text("LKjIP Ajibarang 2020 diterima.")
    expect(_baris_meja(page, url, kecamatan).locator("td").nth(1)).to_have_text("Diterima v2")

    # Version 1 stays downloadable and verifiable, marked as replaced.
    page.goto(f"{url}/verifikasi/{dokumen.kode}/")
    expect(page.locator("#status-dokumen")).to_contain_text("Digantikan oleh versi 2")
    assert list(
        Laporan.objects.filter(kecamatan=kecamatan, tahun=2020)
        .order_by("versi")
        .values_list("versi", "status")
    ) == [(1, "dikembalikan"), (2, "diterima")]
    kedua = DokumenFinal.objects.get(laporan__kecamatan=kecamatan, laporan__versi=2)
    assert _periksa(kedua.berkas.open("rb").read()).sah
