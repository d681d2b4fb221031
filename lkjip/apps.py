from django.apps import AppConfig


class LkjipConfig(AppConfig):
    name = "lkjip"
    verbose_name = "Inti: kabupaten, kecamatan, pengguna"

    def ready(self) -> None:
        from lkjip import akses, audit, checks, middleware  # noqa: F401  (rules permissions and checks)

        audit.hubungkan()
        middleware.hubungkan()
