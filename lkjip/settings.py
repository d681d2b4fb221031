"""Settings for LKjIP Kecamatan.

One file, driven by the environment. With no environment at all it runs as a demo: SQLite next
to the code, DEBUG on and a demo-only secret. Production sets DJANGO_SECRET_KEY, DJANGO_DEBUG=0,
DJANGO_ALLOWED_HOSTS and DATABASE_URL.

Environment variables:

- DJANGO_DEBUG (default 1): 0 in production; turns on secure cookies, HSTS and the HTTPS redirect.
- DJANGO_SECRET_KEY: a long random secret; the demo key is refused by `check --deploy`.
- DJANGO_ALLOWED_HOSTS (default "127.0.0.1,localhost"): host names, comma separated.
- DATABASE_URL (default SQLite next to the code), DJANGO_CONN_MAX_AGE (seconds a database
  connection is kept; default 60 in production, 0 with DEBUG).
- LKJIP_BASE_URL: the public address (verification links and QR codes in signed reports).
- LKJIP_SESI_MENIT (default 480): a session lasts at most this many minutes (and ends when the
  browser closes).
- LKJIP_SESI_DIAM_MENIT (default 60): a session idle for longer than this many minutes ends; the user
  logs in again (lkjip/middleware.py).
- LKJIP_GAGAL_MASUK_MAKS (default 5) and LKJIP_KUNCI_MENIT (default 15): after that many failed
  logins for the same username from the same IP address, logging in with that username from that
  address is refused for that many minutes (django-axes).
- LKJIP_PROXY_HTTPS (default 0): 1 behind a reverse proxy that terminates TLS. Django then trusts
  its X-Forwarded-Proto header (production only) and takes the client's IP address (login
  throttling and the audit log) from the right-most X-Forwarded-For entry, the one the proxy adds.
  Never set it without a proxy: clients could then choose their own address.
- LKJIP_ALIHKAN_HTTPS (default 1), LKJIP_HSTS_DETIK (default one year), LKJIP_HSTS_SUBDOMAIN and
  LKJIP_HSTS_PRELOAD (default 1): HTTPS redirect and HSTS in production.
- LKJIP_BATAS_PERMINTAAN (default 32 MiB): the largest request body accepted (uploads).
- LKJIP_LOG_LEVEL (default WARNING): what is logged to standard error.
- DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT, DJANGO_EMAIL_HOST_USER, DJANGO_EMAIL_HOST_PASSWORD,
  DJANGO_EMAIL_USE_TLS, DJANGO_EMAIL_TIMEOUT (default 10 s): the SMTP server, with
  DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
- LKJIP_MEDIA_ROOT, LKJIP_PENANDA_TANGAN, LKJIP_CA_TEPERCAYA, LKJIP_TASKS_BACKEND,
  DJANGO_EMAIL_BACKEND, DJANGO_DEFAULT_FROM_EMAIL, TIME_ZONE: see their settings below.

A content security policy (django-csp, CONTENT_SECURITY_POLICY below) is sent in every environment:
pages load scripts and styles only from our static files, never inline.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

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
    "axes",
    "csp",
    "lkjip",
    "kinerja",
    "anggaran",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: refuses (413) a request above LKJIP_BATAS_PERMINTAAN.
    "lkjip.unggah.BatasUkuranPermintaanMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After htmx (reads request.htmx): ends idle sessions, sends htmx to the login page whole.
    "lkjip.middleware.SesiDiamMiddleware",
    # Last: turns a login refused by the lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
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

# In production a connection is kept for a minute: opening a PostgreSQL connection per request cost
# ~9 ms of database CPU per page in the load test (bench/beban.py); health checks drop a dead one.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
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
    # First: refuses a locked-out username+IP before any password is checked (django-axes).
    "lkjip.audit.BackendAxes",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Sessions last a working day at most and end when the browser closes: offices share computers.
SESSION_COOKIE_AGE = int(os.environ.get("LKJIP_SESI_MENIT", "480")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# ... and end after this long without a request (lkjip/middleware.py), which renews the session's
# last-activity stamp at most every LKJIP_SESI_PERBARUI_DETIK seconds, so ordinary pages don't write.
LKJIP_SESI_DIAM_MENIT = int(os.environ.get("LKJIP_SESI_DIAM_MENIT", "60"))
LKJIP_SESI_PERBARUI_DETIK = 5 * 60

# Behind a trusted reverse proxy (see the docstring): the proxy's headers are believed.
LKJIP_PROXY = _env_bool("LKJIP_PROXY_HTTPS", False)

# Login throttling (django-axes): 5 failures for the same username from the same IP address lock
# that combination out for 15 minutes. A successful login clears the count; attempts during the
# lockout don't extend it. The lockout page is registration/login.html with status 429
# (lkjip.audit.respons_terkunci); lockouts, logins and failures go to the audit log (JejakAudit).
AXES_FAILURE_LIMIT = int(os.environ.get("LKJIP_GAGAL_MASUK_MAKS", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LKJIP_KUNCI_MENIT", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "lkjip.audit.respons_terkunci"
AXES_CLIENT_IP_CALLABLE = "lkjip.audit.alamat_ip"
# Successful logins are in our own audit log (JejakAudit), not in axes' AccessLog as well.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Content security policy (django-csp), in every environment: everything from our own origin, no
# inline scripts or styles (htmx's indicator style is in static/css/app.css, see base.html), charts
# as data: images, no plugins, no framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

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

# Uploads (limits and content checks per kind in lkjip/unggah.py). Above FILE_UPLOAD_MAX_MEMORY_SIZE
# an upload is streamed to a temporary file instead of memory; the whole request body is capped at
# LKJIP_BATAS_PERMINTAAN (the largest upload, a 30 MB PDF on /verifikasi/, plus the form).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
LKJIP_BATAS_PERMINTAAN = int(os.environ.get("LKJIP_BATAS_PERMINTAAN", 32 * 1024 * 1024))

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
# The kabupaten's mail server, with a short timeout so a hanging server cannot hold a web worker.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))

# Errors and warnings (a crashed page's traceback among them) go to standard error, which systemd
# keeps in the journal (docs/deploy.md); LKJIP_LOG_LEVEL raises or lowers the threshold.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"baris": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # The level on the handler too: Django's own loggers pass INFO records up to the root.
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "baris",
            "level": os.environ.get("LKJIP_LOG_LEVEL", "WARNING"),
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LKJIP_LOG_LEVEL", "WARNING")},
}
