"""Browser flow of the public SKM questionnaire on a phone-sized screen (390 px): a submission
changes the survey's NRR and IKM by exactly the expected amount, a second one from the same browser
within the rate limit is refused politely, and a closed period refuses.

Debian's chromium, never a downloaded browser; see tests/e2e/test_login.py for why
DJANGO_ALLOW_ASYNC_UNSAFE is set.
"""

import os
from decimal import Decimal
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

from kinerja import selectors_skm  # noqa: E402
from kinerja.models import ResponSkm  # noqa: E402
from kinerja.services import skm as layanan  # noqa: E402
from kinerja.services.skm import IsianRespon  # noqa: E402
from tests.e2e.conftest import ARGUMEN_CHROMIUM  # noqa: E402

D = Decimal
# Answers 1..4 for U1..U9 of the browser's submission.
JAWABAN = (4, 3, 2, 4, 4, 1, 4, 3, 4)


@pytest.fixture
def survei_daring(operator_a, kecamatan_a):
    """An open questionnaire that already has one response answering 3 everywhere."""
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2025, periode="semester-1")
    layanan.kuesioner_buka(user=operator_a, survei=survei)
    layanan.respon_kirim(
        survei=survei, respon=IsianRespon(jawaban=(3,) * 9), peramban="loket", alamat="10.0.0.9"
    )
    return survei


@pytest.fixture
def ponsel():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMEN_CHROMIUM)
        try:
            page = browser.new_page(locale="id-ID", viewport={"width": 390, "height": 844}, is_mobile=True)
            page.set_default_timeout(15_000)
            yield page
        finally:
            # A query of the test body, made while Playwright's loop runs, opened a connection of
            # its own: close it here, or PostgreSQL cannot drop the test database afterwards.
            connections.close_all()
            browser.close()


def _isi(page, jawaban=JAWABAN):
    for nomor, skor in enumerate(jawaban, 1):
        page.locator(f"#pertanyaan-u{nomor} label").nth(skor - 1).click()
    page.get_by_label("Kritik").fill("Antrean di loket KTP lama.")
    page.get_by_role("button", name="Kirim jawaban").click()


def _hasil(kecamatan, survei):
    return selectors_skm.survei_hasil(kecamatan=kecamatan, survei_id=survei.pk)


# The data fixtures come before `ponsel` (see tests/e2e/test_login.py).
@pytest.mark.django_db(transaction=True)
def test_kuesioner_di_ponsel(live_server, kecamatan_a, survei_daring, ponsel):
    page = ponsel
    sebelum = _hasil(kecamatan_a, survei_daring)
    assert ([u.nrr for u in sebelum.unsur], sebelum.ikm) == ([D(3)] * 9, D(3))

    url = f"{live_server.url}/kuesioner/{kecamatan_a.tautan_kuesioner.token}/"
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Survei Kepuasan Masyarakat")
    expect(page.locator("#unit-layanan")).to_have_text(
        "Kecamatan Ajibarang, Kabupaten Banyumas · SKM 2025 Semester I"
    )
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _isi(page)
    expect(page.locator("h1")).to_have_text("Terima kasih")

    sesudah = _hasil(kecamatan_a, survei_daring)
    assert [u.nrr for u in sesudah.unsur] == [(D(3) + j) / 2 for j in JAWABAN]
    assert [u.nrr - v.nrr for u, v in zip(sesudah.unsur, sebelum.unsur, strict=True)] == [
        (D(j) - 3) / 2 for j in JAWABAN
    ]
    assert sesudah.ikm == D(27 + sum(JAWABAN)) / 18
    # 28 significant digits: the difference of two such numbers is exact to 26 decimals.
    assert (sesudah.ikm - sebelum.ikm).quantize(D("1e-25")) == (D(sum(JAWABAN) - 27) / 18).quantize(
        D("1e-25")
    )
    assert ResponSkm.objects.filter(survei=survei_daring).count() == 2

    # The same phone again, within the limit: refused politely, nothing stored.
    page.goto(url)
    _isi(page, (1,) * 9)
    expect(page.locator("#pesan-ditolak")).to_contain_text(
        "Terima kasih, jawaban Anda dari perangkat ini baru saja kami terima."
    )
    assert ResponSkm.objects.filter(survei=survei_daring).count() == 2
    assert _hasil(kecamatan_a, survei_daring).ikm == sesudah.ikm


@pytest.mark.django_db(transaction=True)
def test_periode_ditutup_menolak(live_server, operator_a, kecamatan_a, survei_daring, ponsel):
    page = ponsel
    url = f"{live_server.url}/kuesioner/{kecamatan_a.tautan_kuesioner.token}/"
    page.goto(url)
    expect(page.locator("#form-kuesioner")).to_be_visible()
    # Staff close the period while this respondent is still filling in the form.
    layanan.kuesioner_tutup(user=operator_a, survei=survei_daring)
    _isi(page)
    expect(page.locator("#survei-ditutup")).to_have_text(layanan.TIDAK_TERBUKA)
    assert ResponSkm.objects.filter(survei=survei_daring).count() == 1
    page.goto(url)
    expect(page.locator("#survei-ditutup")).to_have_text(layanan.TIDAK_TERBUKA)
    expect(page.locator("#form-kuesioner")).to_have_count(0)
