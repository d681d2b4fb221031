"""Every main page under the content security policy, in a real browser, per role, on the demo data.

Each page must come with the policy header (exactly the policy of lkjip/settings.py) and produce no
violation: the watch in tests/e2e/conftest.py fails the test on any "Content Security Policy"
console message, and the test reads it after each page so the failure names the page. The htmx
save of a realisasi cell runs too (htmx must not inject its indicator <style>), and the admin.
"""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"chromium tidak terpasang: {CHROMIUM} tidak ada (apt-get install chromium)", allow_module_level=True
    )

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from kinerja.models import PerjanjianKinerja, Realisasi, Renstra  # noqa: E402
from kinerja.services import skm as layanan_skm  # noqa: E402
from laporan.models import DokumenFinal, Laporan  # noqa: E402
from lkjip.models import Kecamatan  # noqa: E402
from tests.laporan.alur_bersama import dokumen_siap  # noqa: E402

SANDI = "demo12345"
KEBIJAKAN = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _kebijakan(header: str | None) -> dict[str, str]:
    assert header, "header Content-Security-Policy tidak ada"
    return dict(b.strip().split(" ", 1) for b in header.split(";"))


@pytest.fixture
def demo(db):
    """The demo kecamatan and accounts, plus what the demo lacks: a signed report in review (Ajibarang
    2021, for the review desk and the public verification page), an open questionnaire and a
    superuser for the Django admin."""
    call_command("muat_demo", verbosity=0)
    ajibarang = Kecamatan.objects.get(nama="Ajibarang")
    laporan = Laporan.objects.create(kecamatan=ajibarang, tahun=2021, status=Laporan.Status.DIREVIU)
    dokumen = dokumen_siap(laporan, None)
    dokumen.status = DokumenFinal.Status.DITANDATANGANI
    dokumen.sha256 = dokumen.sha256_draf
    dokumen.berkas = dokumen.berkas_draf.name
    dokumen.ditandatangani_pada = dokumen.disetujui_pada
    dokumen.penanda_nama = "PARSONO, S.Sos., M.Si."
    dokumen.save()
    operator = User.objects.get(username="operator.ajibarang")
    survei = layanan_skm.survei_buat(user=operator, kecamatan=ajibarang, tahun=2025, periode="semester-1")
    tautan = layanan_skm.kuesioner_buka(user=operator, survei=survei)
    User.objects.create_superuser("super", "super@contoh.go.id", SANDI)
    return {
        "kec": ajibarang.pk,
        "renstra": Renstra.objects.get(kecamatan=ajibarang).pk,
        "survei": survei.pk,
        "token": tautan.token,
        "kode": dokumen.kode,
    }


class Kunjungan:
    def __init__(self, page, url, pengawas):
        self.page, self.url, self.pengawas = page, url, pengawas
        self.dikunjungi: list[str] = []

    def buka(self, jalur: str, status: int = 200) -> None:
        respons = self.page.goto(self.url + jalur)
        assert (jalur, respons.status) == (jalur, status)
        assert _kebijakan(respons.header_value("content-security-policy")) == KEBIJAKAN, jalur
        self.page.wait_for_load_state("load")
        self.periksa(jalur)
        self.dikunjungi.append(jalur)

    def periksa(self, jalur: str) -> None:
        assert self.pengawas.pelanggaran == [], jalur

    def masuk(self, username: str) -> None:
        self.page.context.clear_cookies()
        self.buka("/masuk/")
        self.page.get_by_label("Nama pengguna").fill(username)
        self.page.get_by_label("Kata sandi").fill(SANDI)
        self.page.get_by_role("button", name="Masuk").click()
        expect(self.page.locator("h1")).to_have_text("Beranda")
        self.periksa(f"beranda {username}")


# The data fixtures come before the browser (see tests/e2e/test_login.py).
@pytest.mark.django_db(transaction=True)
def test_halaman_utama_setiap_peran_tanpa_pelanggaran_csp(live_server, demo, halaman, awasi_csp):
    k = Kunjungan(halaman, live_server.url, awasi_csp)
    kec = demo["kec"]

    # Public pages: the questionnaire, the verification page.
    k.buka(f"/kuesioner/{demo['token']}/")
    k.buka(f"/verifikasi/{demo['kode']}/")
    expect(halaman.locator("body")).to_contain_text("Ajibarang")

    # Operator: their kecamatan, Renstra, the realisasi grid with an htmx save, Pengukuran Kinerja,
    # the budget tree, the report preview with its charts, the SKM page with its SVG chart.
    k.masuk("operator.ajibarang")
    for jalur in (
        "/",
        f"/kecamatan/{kec}/",
        f"/kecamatan/{kec}/renstra/{demo['renstra']}/",
        f"/kecamatan/{kec}/pengukuran/2020/",
        f"/kecamatan/{kec}/anggaran/",
        f"/kecamatan/{kec}/anggaran/2020/",
        f"/kecamatan/{kec}/laporan/2020/cetak/",
        f"/kecamatan/{kec}/skm/",
        f"/kecamatan/{kec}/skm/{demo['survei']}/",
        "/akun/kata-sandi/",
    ):
        k.buka(jalur)

    assert PerjanjianKinerja.objects.filter(kecamatan_id=kec, tahun=2021).exists()
    k.buka(f"/kecamatan/{kec}/realisasi/2021/isi/")
    sel = halaman.locator("input[aria-label^='Realisasi TW I ']").first
    label = sel.get_attribute("aria-label")
    sebelum = Realisasi.objects.filter(tahun=2021).count()
    with halaman.expect_response(lambda r: r.request.method == "POST" and "/isi/" in r.url) as jawaban:
        sel.fill("10")
        sel.press("Tab")
    assert jawaban.value.status == 200
    expect(halaman.get_by_label(label, exact=True)).to_have_value("10,00")
    assert Realisasi.objects.filter(tahun=2021).count() == sebelum + 1
    k.periksa("simpan sel realisasi (htmx)")

    # Camat: the same kecamatan, the report page.
    k.masuk("camat.ajibarang")
    k.buka(f"/kecamatan/{kec}/")
    k.buka(f"/kecamatan/{kec}/laporan/2020/cetak/")

    # Inspektorat: the review desk and a report in review.
    k.masuk("inspektorat.banyumas")
    k.buka("/meja-reviu/")
    k.buka("/meja-reviu/?tahun=2021")
    k.buka(f"/kecamatan/{kec}/laporan/2021/reviu/")

    # Admin kabupaten: the administration pages; a refused page (403) is under the policy too.
    k.masuk("admin.banyumas")
    for jalur in (
        "/administrasi/",
        "/administrasi/kecamatan/",
        "/administrasi/pengguna/",
        "/administrasi/skala/",
    ):
        k.buka(jalur)
    k.buka(f"/kecamatan/{kec}/realisasi/2021/isi/", status=403)

    # Superuser: the Django admin, its lists, forms (with their scripts) and the audit log.
    k.masuk("super")
    for jalur in (
        "/admin/",
        "/admin/lkjip/kecamatan/",
        f"/admin/lkjip/kecamatan/{kec}/change/",
        "/admin/auth/user/add/",
        "/admin/lkjip/jejakaudit/",
        "/admin/lkjip/jejakaudit/?jenis__exact=masuk",
    ):
        k.buka(jalur)
    assert len(k.dikunjungi) == 34


@pytest.mark.django_db(transaction=True)
def test_pengawas_csp_menangkap_pelanggaran(live_server, halaman, awasi_csp):
    """The watch is real: an inline style and an inline script under our header are reported."""
    halaman.route(
        f"{live_server.url}/uji-csp/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": "default-src 'self'"},
            body="<!doctype html><p style='color:red'>x</p><script>document.title='x'</script>",
        ),
    )
    halaman.goto(f"{live_server.url}/uji-csp/")
    halaman.wait_for_timeout(200)
    assert len(awasi_csp.pelanggaran) == 2
    assert all("Content Security Policy" in p for p in awasi_csp.pelanggaran)
    awasi_csp.pelanggaran.clear()
