"""Shared browser fixtures of the e2e suite, and the content security policy watch.

Every page that any e2e test opens is watched: a console message about the Content Security Policy
(Chromium reports every blocked inline script or style, every refused source, there) fails the test
at teardown, with the page and the message. This is done by wrapping Playwright's `new_page` for the
whole e2e session (`awasi_csp`, autouse), so the tests' own browser fixtures are covered too.

Debian's chromium, never a downloaded browser build. Playwright's sync API runs an asyncio event
loop in this thread, which makes Django refuse database access from it ("You cannot call this from
an async context") although the tests are synchronous: hence DJANGO_ALLOW_ASYNC_UNSAFE.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connections

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGUMEN_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PENANDA_CSP = "Content Security Policy"


class PengawasCsp:
    """Collects the CSP console messages of every page opened while it is installed."""

    def __init__(self) -> None:
        self.pelanggaran: list[str] = []

    def awasi(self, page: Page) -> Page:
        def _pesan(pesan) -> None:
            if PENANDA_CSP in pesan.text:
                self.pelanggaran.append(f"{page.url}: {pesan.text}")

        page.on("console", _pesan)
        return page


@pytest.fixture(autouse=True)
def awasi_csp(monkeypatch) -> PengawasCsp:
    pengawas = PengawasCsp()
    asli_browser, asli_konteks = Browser.new_page, BrowserContext.new_page

    def new_page_browser(self, *args, **kwargs):
        return pengawas.awasi(asli_browser(self, *args, **kwargs))

    def new_page_konteks(self, *args, **kwargs):
        return pengawas.awasi(asli_konteks(self, *args, **kwargs))

    monkeypatch.setattr(Browser, "new_page", new_page_browser)
    monkeypatch.setattr(BrowserContext, "new_page", new_page_konteks)
    yield pengawas
    assert pengawas.pelanggaran == [], "pelanggaran Content Security Policy:\n" + "\n".join(
        pengawas.pelanggaran
    )


@pytest.fixture
def peramban():
    """A headless chromium; skipped (with the reason) where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"chromium tidak terpasang: {CHROMIUM} tidak ada (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMEN_CHROMIUM)
        try:
            yield browser
        finally:
            # A query of the test body, made while Playwright's loop runs, opened a connection of
            # its own: close it here, or PostgreSQL cannot drop the test database afterwards.
            connections.close_all()
            browser.close()


@pytest.fixture
def halaman(peramban):
    """A desktop page (1280 wide) in Indonesian."""
    page = peramban.new_page(locale="id-ID", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    return page
