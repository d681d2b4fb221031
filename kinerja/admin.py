from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kinerja.models import Indikator, PerjanjianKinerja, Realisasi, Renstra, Target, TargetPK


@admin.register(Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kecamatan"]
    list_filter = ["kecamatan__kabupaten"]


@admin.register(Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "satuan", "renstra"]
    search_fields = ["kode", "nama"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "nilai", "label"]


class TargetPKInline(admin.TabularInline):
    model = TargetPK
    extra = 0


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kecamatan", "tanggal"]
    list_filter = ["tahun", "jenis"]
    inlines = [TargetPKInline]


@admin.register(Realisasi)
class RealisasiAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "periode", "nilai", "status"]
    list_filter = ["tahun", "status"]
