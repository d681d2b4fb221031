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
