"""Deployment checks of our own (`manage.py check --deploy`): the demo defaults must not reach a
server."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def kunci_demo(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.SECRET_KEY == getattr(settings, "KUNCI_DEMO", None):
        return [
            checks.Error(
                "DJANGO_SECRET_KEY belum diatur: aplikasi memakai kunci demo yang tercantum di kode sumber.",
                hint="Isi DJANGO_SECRET_KEY dengan teks acak panjang yang dirahasiakan.",
                id="lkjip.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def alamat_publik(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """LKJIP_BASE_URL is printed in every signed report's QR code: it must be the public HTTPS
    address, not the demo's loopback one."""
    alamat = getattr(settings, "LKJIP_BASE_URL", "")
    if not alamat.startswith("https://") or any(h in alamat for h in ("127.0.0.1", "localhost")):
        return [
            checks.Warning(
                f"LKJIP_BASE_URL ({alamat}) bukan alamat publik HTTPS; alamat ini tercetak pada kode QR "
                "verifikasi setiap laporan yang ditandatangani.",
                hint="Isi LKJIP_BASE_URL dengan alamat publik aplikasi, misalnya https://lkjip.kabupaten.go.id.",
                id="lkjip.W002",
            )
        ]
    return []
