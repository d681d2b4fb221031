"""Settings for LKjIP Kecamatan.

One file, driven by the environment. With no environment at all it runs as a demo: SQLite next
to the code, DEBUG on and a demo-only secret. Production sets DJANGO_SECRET_KEY, DJANGO_DEBUG=0,
DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ya", "on"}


DEBUG = _env_bool("DJANGO_DEBUG", True)
KUNCI_DEMO = "demo-saja-jangan-dipakai-di-produksi-lkjip-kecamatan"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", KUNCI_DEMO)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "lkjip",
    "kinerja",
    "anggaran",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "lkjip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["lkjip.templatetags.format_id"],
        },
    },
]

WSGI_APPLICATION = "lkjip.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Sessions last a working day at most and end when the browser closes: offices share computers.
SESSION_COOKIE_AGE = int(os.environ.get("LKJIP_SESI_MENIT", "480")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Production (DJANGO_DEBUG=0) is served over HTTPS only: secure cookies, HSTS, redirect to HTTPS.
# Behind a reverse proxy that terminates TLS, set LKJIP_PROXY_HTTPS=1 so Django trusts its
# X-Forwarded-Proto header.
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("LKJIP_ALIHKAN_HTTPS", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("LKJIP_HSTS_DETIK", str(60 * 60 * 24 * 365)))
    # A kabupaten domain (*.go.id) is HTTPS throughout; set these to 0 only for a shared domain.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("LKJIP_HSTS_SUBDOMAIN", True)
    SECURE_HSTS_PRELOAD = _env_bool("LKJIP_HSTS_PRELOAD", True)
    if _env_bool("LKJIP_PROXY_HTTPS", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Uploaded files (logos, bagan organisasi, scans, certificates). There is deliberately no
# MEDIA_URL route: every upload is served by a view that checks permissions.
MEDIA_ROOT = Path(os.environ.get("LKJIP_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The interchange schema the importer validates against (a copy of ../shared/data's).
LKJIP_SCHEMA_PATH = BASE_DIR / "data" / "lkjip-data.schema.json"
LKJIP_DEMO_DIR = BASE_DIR / "data" / "demo"
LKJIP_BASE_URL = os.environ.get("LKJIP_BASE_URL", "http://127.0.0.1:8000")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Signing the report (DESIGN.md §6): the signer backend (the local PKCS#12 one, or a remote TTE
# service such as BSrE, see laporan/tandatangan/penanda.py) and extra trusted CA certificates (PEM
# paths separated by ":") besides the local CA in MEDIA_ROOT/sertifikat/ca.pem.
LKJIP_PENANDA_TANGAN = os.environ.get(
    "LKJIP_PENANDA_TANGAN", "laporan.tandatangan.penanda.PenandaTanganLokal"
)
LKJIP_CA_TEPERCAYA = [p for p in os.environ.get("LKJIP_CA_TEPERCAYA", "").split(os.pathsep) if p]

# Background work (rendering the final PDF before signing): tasks queued in the database and run by
# `python manage.py db_worker`. Tests use the immediate backend (tests/conftest.py).
TASKS = {"default": {"BACKEND": os.environ.get("LKJIP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# E-mail to the next actor of the workflow: printed on the console unless a backend is configured.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "LKjIP Kecamatan <noreply@localhost>")
