"""Security: login throttling (django-axes), the audit log (JejakAudit), idle sessions and the
content security policy header."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory, override_settings
from django.urls import reverse

from lkjip import audit
from lkjip.middleware import KUNCI_AKTIF
from lkjip.models import JejakAudit
from tests import factories as f
from tests.conftest import bagian, teks

pytestmark = pytest.mark.django_db

J = JejakAudit.Jenis
SALAH = "bukan-sandinya-1"
PESAN_TERKUNCI = (
    "Terlalu banyak percobaan masuk yang gagal (5 kali) dengan nama pengguna ini dari perangkat Anda. "
    "Demi keamanan, masuk dengan nama pengguna ini dikunci selama 15 menit. Silakan coba lagi nanti "
    "atau hubungi admin kabupaten."
)
PESAN_SALAH = "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
PESAN_DIAM = "Sesi Anda berakhir karena tidak ada aktivitas selama 60 menit. Silakan masuk lagi."


def _masuk(client, sandi, username="operator_a", ip="10.1.2.3"):
    return client.post(
        reverse("login"), {"username": username, "password": sandi}, REMOTE_ADDR=ip, HTTP_USER_AGENT="uji"
    )


def _jejak():
    return list(JejakAudit.objects.order_by("pk").values_list("jenis", "nama_pengguna", "alamat_ip", "jalur"))


# --- login throttling --------------------------------------------------------------------------------


def test_lima_kali_salah_lalu_sandi_benar_pun_ditolak_429(client, operator_a):
    for _ in range(4):
        r = _masuk(client, SALAH)
        assert (r.status_code, bagian(r.content, "galat-masuk")) == (200, PESAN_SALAH)

    kelima = _masuk(client, SALAH)
    assert (kelima.status_code, bagian(kelima.content, "galat-masuk")) == (429, PESAN_TERKUNCI)

    keenam = _masuk(client, f.KATA_SANDI)
    assert (keenam.status_code, bagian(keenam.content, "galat-masuk")) == (429, PESAN_TERKUNCI)
    assert keenam["Content-Type"] == "text/html; charset=utf-8"
    assert "Traceback" not in keenam.content.decode()
    assert bagian(keenam.content, "konten-masuk").startswith("Masuk Laporan Kinerja")
    assert SESSION_KEY not in client.session

    baris = ("operator_a", "10.1.2.3", "/masuk/")
    assert _jejak() == [(J.GAGAL_MASUK, *baris)] * 5 + [(J.TERKUNCI, *baris)] * 2
    assert list(
        JejakAudit.objects.filter(jenis=J.TERKUNCI).order_by("pk").values_list("keterangan", flat=True)
    ) == [
        "5 kali gagal masuk: nama pengguna ini dari alamat ini dikunci 15 menit.",
        "Percobaan masuk ditolak: nama pengguna ini dari alamat ini sedang dikunci.",
    ]
    # Passwords are stored nowhere, neither in our log nor in axes' record.
    assert not JejakAudit.objects.filter(keterangan__contains="sandi-uji").exists()
    catatan = AccessAttempt.objects.get()
    assert (catatan.username, catatan.ip_address, catatan.failures_since_start) == (
        "operator_a",
        "10.1.2.3",
        5,
    )
    assert SALAH not in catatan.post_data and f.KATA_SANDI not in catatan.post_data


def test_kunci_hanya_untuk_pasangan_nama_dan_alamat(client, operator_a, operator_b):
    for _ in range(5):
        _masuk(client, SALAH)
    assert _masuk(client, f.KATA_SANDI).status_code == 429
    # The same username from another address, another username from the same address: not locked.
    assert _masuk(client, f.KATA_SANDI, ip="10.9.9.9").status_code == 302
    client.logout()
    assert _masuk(client, f.KATA_SANDI, username="operator_b").status_code == 302


def test_kunci_berakhir_setelah_15_menit(client, operator_a):
    for _ in range(5):
        _masuk(client, SALAH)
    assert _masuk(client, f.KATA_SANDI).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=15, seconds=1)
    )
    r = _masuk(client, f.KATA_SANDI)
    assert (r.status_code, r["Location"]) == (302, "/")
    assert int(client.session[SESSION_KEY]) == operator_a.pk


def test_masuk_berhasil_menghapus_hitungan_gagal(client, operator_a):
    for _ in range(4):
        _masuk(client, SALAH)
    assert _masuk(client, f.KATA_SANDI).status_code == 302
    client.logout()
    for _ in range(4):
        assert _masuk(client, SALAH).status_code == 200
    assert _masuk(client, f.KATA_SANDI).status_code == 302


# --- audit log ---------------------------------------------------------------------------------------


def test_masuk_dan_keluar_tercatat(client, operator_a):
    assert _masuk(client, f.KATA_SANDI).status_code == 302
    assert client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3").status_code == 302
    assert _jejak() == [
        (J.MASUK, "operator_a", "10.1.2.3", "/masuk/"),
        (J.KELUAR, "operator_a", "10.1.2.3", "/keluar/"),
    ]
    assert list(JejakAudit.objects.values_list("user", flat=True)) == [operator_a.pk, operator_a.pk]


def test_gagal_masuk_nama_tak_dikenal_tercatat_tanpa_pengguna(client, db):
    _masuk(client, SALAH, username="siapa.saja")
    jejak = JejakAudit.objects.get()
    assert (jejak.jenis, jejak.nama_pengguna, jejak.user, jejak.keterangan) == (
        J.GAGAL_MASUK,
        "siapa.saja",
        None,
        "",
    )


def test_akses_ditolak_tercatat_dan_halaman_403_berbahasa_indonesia(client, operator_a):
    client.force_login(operator_a)
    JejakAudit.objects.all().delete()
    r = client.get(reverse("admin_kecamatan_daftar"), REMOTE_ADDR="10.4.4.4")
    assert r.status_code == 403
    assert bagian(r.content, "pesan-403") == (
        "Anda tidak berwenang membuka halaman ini atau menjalankan tindakan ini dengan peran Anda saat ini. "
        "Percobaan ini tercatat."
    )
    assert "Akses ditolak" in teks(r.content)
    jejak = JejakAudit.objects.get()
    assert (jejak.jenis, jejak.user, jejak.nama_pengguna, jejak.alamat_ip, jejak.jalur) == (
        J.AKSES_DITOLAK,
        operator_a,
        "operator_a",
        "10.4.4.4",
        "/administrasi/kecamatan/",
    )
    assert jejak.keterangan.startswith("GET")


def test_admin_jejak_audit_hanya_baca(client, db):
    f.UserFactory(username="super", is_staff=True, is_superuser=True)
    assert _masuk(client, f.KATA_SANDI, username="super").status_code == 302
    daftar = client.get(reverse("admin:lkjip_jejakaudit_changelist"))
    assert daftar.status_code == 200
    assert "super" in teks(daftar.content)
    for q in ("super", "10.1.2"):
        cari = client.get(reverse("admin:lkjip_jejakaudit_changelist"), {"q": q, "jenis__exact": "masuk"})
        assert (cari.status_code, cari.context["cl"].result_count) == (200, 1)
    assert client.get(reverse("admin:lkjip_jejakaudit_add")).status_code == 403
    jejak = JejakAudit.objects.get(jenis=J.MASUK)
    ubah = client.post(reverse("admin:lkjip_jejakaudit_change", args=[jejak.pk]), {"keterangan": "x"})
    assert ubah.status_code == 403
    hapus = client.post(reverse("admin:lkjip_jejakaudit_delete", args=[jejak.pk]), {"post": "yes"})
    assert hapus.status_code == 403
    jejak.refresh_from_db()
    assert jejak.keterangan == ""
    # Each refusal is itself in the log.
    assert list(JejakAudit.objects.order_by("pk").values_list("jenis", flat=True)) == [
        J.MASUK,
        J.AKSES_DITOLAK,
        J.AKSES_DITOLAK,
        J.AKSES_DITOLAK,
    ]


def test_alamat_ip_dari_proxy_hanya_bila_diatur():
    rf = RequestFactory()
    permintaan = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert audit.alamat_ip(permintaan) == "127.0.0.1"
    with override_settings(LKJIP_PROXY=True):
        assert audit.alamat_ip(permintaan) == "203.0.113.7"
        assert audit.alamat_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
        assert audit.alamat_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="bukan-ip")) is None


# --- idle sessions -----------------------------------------------------------------------------------


def _diam(client, detik):
    sesi = client.session
    sesi[KUNCI_AKTIF] = int(time.time()) - detik
    sesi.save()


def test_sesi_diam_lebih_dari_60_menit_berakhir(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    _diam(client, 60 * 60 + 5)
    url = reverse("kecamatan_detail", args=[kecamatan_a.pk])
    r = client.get(url)
    assert (r.status_code, r["Location"]) == (302, f"/masuk/?next=/kecamatan/{kecamatan_a.pk}/")
    assert SESSION_KEY not in client.session
    halaman = client.get(r["Location"])
    assert "alert-warning" in halaman.content.decode()
    assert PESAN_DIAM in teks(halaman.content)
    keluar = JejakAudit.objects.filter(jenis=J.KELUAR).get()
    assert (keluar.user, keluar.keterangan) == (operator_a, "Sesi berakhir: 60 menit tanpa aktivitas.")


def test_sesi_yang_masih_aktif_tidak_berakhir_dan_cap_waktunya_diperbarui(client, operator_a):
    client.force_login(operator_a)
    _diam(client, 59 * 60)
    sebelum = int(time.time())
    assert client.get(reverse("beranda")).status_code == 200
    assert client.session[SESSION_KEY] == str(operator_a.pk)
    assert client.session[KUNCI_AKTIF] >= sebelum


def test_halaman_biasa_tidak_menulis_sesi_bila_cap_masih_baru(client, operator_a):
    client.force_login(operator_a)
    _diam(client, 4 * 60)
    cap = client.session[KUNCI_AKTIF]
    assert client.get(reverse("beranda")).status_code == 200
    assert client.session[KUNCI_AKTIF] == cap


def test_masuk_memasang_cap_aktivitas(client, operator_a):
    sebelum = int(time.time())
    _masuk(client, f.KATA_SANDI)
    assert client.session[KUNCI_AKTIF] >= sebelum


def test_htmx_pada_sesi_berakhir_dialihkan_utuh_ke_halaman_masuk(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    _diam(client, 2 * 60 * 60)
    r = client.get(
        reverse("beranda"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver/kecamatan/{kecamatan_a.pk}/?tab=1",
    )
    assert (r.status_code, r["HX-Redirect"], r.content) == (
        200,
        f"/masuk/?next=/kecamatan/{kecamatan_a.pk}/%3Ftab%3D1",
        b"",
    )
    assert SESSION_KEY not in client.session


def test_htmx_tanpa_sesi_dialihkan_utuh_ke_halaman_masuk(client, kecamatan_a):
    r = client.get(
        reverse("kecamatan_detail", args=[kecamatan_a.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/",
    )
    assert (r.status_code, r["HX-Redirect"]) == (200, "/masuk/?next=/")


# --- content security policy -------------------------------------------------------------------------

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


def _kebijakan(respons) -> dict[str, str]:
    bagian_kebijakan = [b.strip().split(" ", 1) for b in respons["Content-Security-Policy"].split(";")]
    return {nama: nilai for nama, nilai in bagian_kebijakan}


def test_header_csp_di_halaman_masuk_beranda_403_dan_404(client, operator_a):
    masuk = client.get(reverse("login"))
    assert _kebijakan(masuk) == KEBIJAKAN
    assert len(masuk["Content-Security-Policy"].split("; ")) == 8
    client.force_login(operator_a)
    assert _kebijakan(client.get(reverse("beranda"))) == KEBIJAKAN
    assert _kebijakan(client.get(reverse("admin_kecamatan_daftar"))) == KEBIJAKAN
    assert _kebijakan(client.get("/tidak-ada/")) == KEBIJAKAN


def test_base_html_mematikan_gaya_indikator_htmx(client, operator_a):
    client.force_login(operator_a)
    html = client.get(reverse("beranda")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false}\'>' in html
