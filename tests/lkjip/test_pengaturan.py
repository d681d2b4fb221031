"""Production settings: `check --deploy` is clean when the environment is set as the README says."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

AKAR = Path(settings.BASE_DIR)


def _periksa(lingkungan: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LKJIP_"))}
    env |= {"DATABASE_URL": "sqlite:///:memory:"} | lingkungan
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_bersih_dengan_pengaturan_produksi():
    hasil = _periksa(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k" * 20 + "Zx9!q" * 10,
            "DJANGO_ALLOWED_HOSTS": "lkjip.banyumaskab.go.id",
            "LKJIP_BASE_URL": "https://lkjip.banyumaskab.go.id",
        }
    )
    assert (hasil.returncode, hasil.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


def test_check_deploy_memperingatkan_mode_demo():
    """Without the production environment the demo settings are not fit to deploy, and it says so."""
    hasil = _periksa({})
    assert hasil.returncode == 1
    assert "security.W018" in hasil.stderr  # DEBUG on
    assert "lkjip.E001" in hasil.stderr  # the demo secret key
    assert "lkjip.W002" in hasil.stderr  # the loopback address in the QR codes


def test_check_deploy_menolak_alamat_publik_tanpa_https():
    hasil = _periksa(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k" * 20 + "Zx9!q" * 10,
            "DJANGO_ALLOWED_HOSTS": "lkjip.banyumaskab.go.id",
            "LKJIP_BASE_URL": "http://lkjip.banyumaskab.go.id",
        }
    )
    assert hasil.returncode == 1
    assert (
        "?: (lkjip.W002) LKJIP_BASE_URL (http://lkjip.banyumaskab.go.id) bukan alamat publik HTTPS; "
        "alamat ini tercetak pada kode QR verifikasi setiap laporan yang ditandatangani."
    ) in hasil.stderr


def test_sesi_paling_lama_sehari_kerja_dan_berakhir_saat_peramban_ditutup():
    assert (settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) == (8 * 60 * 60, True)


def test_sesi_berakhir_setelah_60_menit_diam_dan_bisa_diatur():
    assert settings.LKJIP_SESI_DIAM_MENIT == 60
    kode = (
        "from django.conf import settings; print(settings.LKJIP_SESI_DIAM_MENIT, settings.AXES_COOLOFF_TIME)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LKJIP_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "lkjip.settings",
        "LKJIP_SESI_DIAM_MENIT": "30",
        "LKJIP_KUNCI_MENIT": "20",
    }
    hasil = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {kode}"],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.stdout.strip() == "30 0:20:00"


def test_pembatasan_masuk_django_axes():
    assert settings.AUTHENTICATION_BACKENDS[0] == "lkjip.audit.BackendAxes"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert (
        settings.AXES_FAILURE_LIMIT,
        settings.AXES_COOLOFF_TIME.total_seconds(),
        settings.AXES_LOCKOUT_PARAMETERS,
    ) == (5, 15 * 60, [["username", "ip_address"]])


def test_kebijakan_keamanan_konten_di_semua_lingkungan():
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    assert settings.CONTENT_SECURITY_POLICY == {
        "DIRECTIVES": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": ["'self'", "data:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
    }
