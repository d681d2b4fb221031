"""Browser flow of issue 3 as the demo operator of Ajibarang: add an indicator with a 2021 target,
put it in the PK, fill its four triwulan in the grid, correct one with a reason, and see the yearly
value and the history follow."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"chromium tidak terpasang: {CHROMIUM} tidak ada (apt-get install chromium)", allow_module_level=True
    )

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from kinerja.models import Indikator  # noqa: E402
from tests.e2e.conftest import ARGUMEN_CHROMIUM  # noqa: E402


@pytest.fixture
def demo(transactional_db):
    call_command("muat_demo", stdout=io.StringIO())


@pytest.fixture
def halaman():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMEN_CHROMIUM)
        try:
            page = browser.new_page(locale="id-ID", viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            yield page
        finally:
            # A query of the test body, made while Playwright's loop runs, opened a connection of
            # its own: close it here, or PostgreSQL cannot drop the test database afterwards.
            connections.close_all()
            browser.close()


def _isi_sel(page, label: str, nilai: str) -> None:
    """Type into a grid cell and leave it with Tab, which makes htmx save that cell."""
    sel = page.get_by_label(label, exact=True)
    sel.fill(nilai)
    sel.press("Tab")


@pytest.mark.django_db(transaction=True)
def test_operator_menambah_indikator_lalu_mengisi_dan_mengoreksi_realisasi(live_server, demo, halaman):
    page = halaman
    page.goto(f"{live_server.url}/")
    page.get_by_label("Nama pengguna").fill("operator.ajibarang")
    page.get_by_label("Kata sandi").fill("demo12345")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_have_text("Beranda")

    # 1. A new indicator under sasaran S1, kumulatif, with its 2021 target.
    page.get_by_role("link", name="Kecamatan Ajibarang").first.click()
    page.get_by_role("link", name="Renstra 2018–2023").click()
    page.locator("li[id^='sasaran-']", has_text="Sasaran S1:").get_by_role("link", name="+ Indikator").click()
    expect(page.locator("h1")).to_contain_text("Tambah indikator")
    page.get_by_label("Kode").fill("S1.2")
    page.get_by_label("Nama indikator").fill("Jumlah pengaduan masyarakat yang ditindaklanjuti")
    page.get_by_label("Satuan").fill("pengaduan")
    page.get_by_label("Kumulatif").check()
    page.get_by_label("Target akhir Renstra").fill("250")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".alert-success")).to_contain_text("S1.2")

    indikator = Indikator.objects.get(kode="S1.2", sasaran__kode="S1")
    assert indikator.kumulatif is True
    page.goto(
        f"{live_server.url}/kecamatan/{indikator.renstra.kecamatan_id}/indikator/{indikator.pk}/target/"
    )
    page.get_by_label("2021", exact=True).fill("48")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert indikator.target.get(tahun=2021).nilai == 48

    # 2. Into the PK 2021, so it gets a row in the realisasi grid.
    kecamatan_id = indikator.renstra.kecamatan_id
    page.goto(f"{live_server.url}/kecamatan/{kecamatan_id}/pk/2021/")
    page.get_by_role("link", name="Ubah target").click()
    baris_baru = page.locator("select[name$='-indikator']").first
    baris_baru.select_option(label=baris_baru.locator("option", has_text="S1.2").inner_text())
    awalan = baris_baru.get_attribute("name").removesuffix("-indikator")
    page.locator(f"input[name='{awalan}-target']").fill("48")
    page.get_by_role("button", name="Simpan target").click()
    expect(page.locator("tr", has_text="S1.2")).to_contain_text("48,00")

    # 3. The four triwulan in the grid, each saved by htmx when the cell is left.
    page.get_by_role("link", name="Isi realisasi 2021").click()
    expect(page.locator("h1")).to_contain_text("2021")
    for tw, nilai in (("TW I", "10"), ("TW II", "12"), ("TW III", "15"), ("TW IV", "13")):
        _isi_sel(page, f"Realisasi {tw} S1.2", nilai)
        expect(page.locator(f"#sel-{indikator.pk}-tahunan")).to_contain_text(
            "dihitung dari triwulan", timeout=10_000
        )
    tahunan = page.locator(f"#sel-{indikator.pk}-tahunan")
    expect(tahunan).to_contain_text("50,00")

    # 4. A saved value changes: the grid asks for a reason, then saves it.
    _isi_sel(page, "Realisasi TW II S1.2", "14")
    alasan = page.get_by_label("Alasan perubahan realisasi TW II S1.2")
    alasan.fill("Salah ketik, laporan TW II berisi 14 pengaduan")
    alasan.press("Enter")
    expect(page.locator(f"#sel-{indikator.pk}-tw2")).to_contain_text("Alasan dicatat")
    page.reload()
    expect(page.locator(f"#sel-{indikator.pk}-tahunan")).to_contain_text("52,00")

    # 5. The indicator page shows the new value and who changed it, when and why.
    page.goto(f"{live_server.url}/kecamatan/{kecamatan_id}/indikator/{indikator.pk}/")
    riwayat = page.locator("tr", has_text="Salah ketik, laporan TW II berisi 14 pengaduan")
    expect(riwayat).to_contain_text("12,00")
    expect(riwayat).to_contain_text("14,00")
    expect(riwayat).to_contain_text("operator.ajibarang")
