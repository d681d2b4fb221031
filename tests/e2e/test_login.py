"""Browser flow: an operator logs in, sees the kecamatan on the beranda and reads the realisasi table.

Uses Debian's chromium (never a downloaded browser build). Playwright's sync API runs an asyncio
event loop in this thread, which makes Django refuse database access from it ("You cannot call
this from an async context") although the test itself is synchronous: hence
DJANGO_ALLOW_ASYNC_UNSAFE.

The browser fixture `halaman` is in tests/e2e/conftest.py (which also fails the test on any
Content Security Policy violation).
"""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"chromium tidak terpasang: {CHROMIUM} tidak ada (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import expect  # noqa: E402

from tests import factories as f  # noqa: E402


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
