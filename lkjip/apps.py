from django.apps import AppConfig


class LkjipConfig(AppConfig):
    name = "lkjip"
    verbose_name = "Inti: kabupaten, kecamatan, pengguna"

    def ready(self) -> None:
        from lkjip import akses  # noqa: F401  (registers the rules permissions)
