from django.apps import AppConfig


class LkjipConfig(AppConfig):
    name = "lkjip"
    verbose_name = "Inti: kabupaten, kecamatan, pengguna"

    def ready(self) -> None:
        from lkjip import akses, checks  # noqa: F401  (register the rules permissions and checks)
