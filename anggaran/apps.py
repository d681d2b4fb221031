from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "anggaran"
