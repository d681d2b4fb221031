"""Browser flow: an operator logs in, sees the kecamatan on the beranda and reads the realisasi table.

Uses Debian's chromium (never a downloaded browser build). Playwright's sync API runs an asyncio
event loop in this thread, which makes Django refuse database access from it ("You cannot call
this from an async context") although the test itself is synchronous: hence
DJANGO_ALLOW_ASYNC_UNSAFE.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"chromium tidak terpasang: {CHROMIUM} tidak ada (apt-get install chromium)", allow_module_level=True
    )

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests import factories as f  # noqa: E402

ARGUMEN_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def halaman():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMEN_CHROMIUM)
        try:
            page = browser.new_page(locale="id-ID")
            page.set_default_timeout(15_000)
            yield page
        finally:
            # A query of the test body, made while Playwright's loop runs, opened a connection of
            # its own: close it here, or PostgreSQL cannot drop the test database afterwards.
            connections.close_all()
            browser.close()


# The data fixtures come before `halaman`: a database connection opened while Playwright's loop
# runs lives in that context and is never closed, which keeps PostgreSQL from dropping the test DB.
@pytest.mark.django_db(transaction=True)
def test_operator_masuk_lalu_membaca_realisasi(live_server, data_a, kecamatan_a, halaman):
    page = halaman
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Masuk")

    page.get_by_label("Nama pengguna").fill("operator_a")
    page.get_by_label("Kata sandi").fill(f.KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()

    expect(page.locator("h1")).to_have_text("Beranda")
    expect(page.locator(f"#kecamatan-{kecamatan_a.pk} h2 a")).to_have_text("Kecamatan Ajibarang")
    expect(page.locator("#pengguna")).to_contain_text("Operator kecamatan · Ajibarang")

    page.locator(f"#kecamatan-{kecamatan_a.pk} tr", has_text="2021").get_by_role(
        "link", name="Realisasi", exact=True
    ).click()

    expect(page.locator("h1")).to_have_text("Realisasi Kinerja Tahun 2021")
    sel = page.locator("#tabel-realisasi tr", has_text="S1.1").locator("td")
    expect(sel.nth(3)).to_have_text("85,78")
    expect(sel.nth(5)).to_have_text("86,48")
    expect(sel.nth(10)).to_have_text("Final")

    page.get_by_role("button", name="Keluar").click()
    expect(page.locator("h1")).to_have_text("Masuk")
