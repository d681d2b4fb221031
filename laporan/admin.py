"""Django admin for the report's own content (for superusers; staff use the pages of views_isi).

Uploaded files are listed, not linked: they are served only by the permission-checked views."""

from django.contrib import admin

from laporan.models import (
    BerkasLaporan,
    BlokKabupaten,
    BlokLaporan,
    CatatanReviu,
    DokumenFinal,
    IsuStrategis,
    Laporan,
    LogoKabupaten,
    Narasi,
    Penghargaan,
    Permasalahan,
    RiwayatStatus,
    SdmRekap,
)
from lkjip.admin import HanyaBaca


class NarasiInline(admin.TabularInline):
    model = Narasi
    extra = 0


class BlokLaporanInline(admin.TabularInline):
    model = BlokLaporan
    extra = 0


@admin.register(Laporan)
class LaporanAdmin(admin.ModelAdmin):
    list_display = ("kecamatan", "tahun", "jenis", "periode", "versi", "status")
    list_filter = ("status", "jenis", "kecamatan__kabupaten")
    list_select_related = ("kecamatan",)
    inlines = [BlokLaporanInline, NarasiInline]


@admin.register(BlokKabupaten)
class BlokKabupatenAdmin(admin.ModelAdmin):
    list_display = ("kabupaten", "kode", "aktif", "judul")
    list_filter = ("kabupaten",)


@admin.register(Penghargaan)
class PenghargaanAdmin(admin.ModelAdmin):
    list_display = ("kecamatan", "tahun", "nama", "tingkat", "penerima")
    list_filter = ("tahun", "tingkat")


@admin.register(SdmRekap)
class SdmRekapAdmin(admin.ModelAdmin):
    list_display = ("kecamatan", "tahun", "kategori", "uraian", "jumlah")
    list_filter = ("tahun", "kategori")


@admin.register(Permasalahan)
class PermasalahanAdmin(admin.ModelAdmin):
    list_display = ("kecamatan", "masalah", "urutan")


@admin.register(IsuStrategis)
class IsuStrategisAdmin(admin.ModelAdmin):
    list_display = ("kecamatan", "uraian", "urutan")


@admin.register(BerkasLaporan)
class BerkasLaporanAdmin(admin.ModelAdmin):
    list_display = ("laporan", "jenis", "keterangan", "mime", "lebar", "tinggi", "urutan")
    list_filter = ("jenis",)
    readonly_fields = ("berkas", "mime", "lebar", "tinggi", "ukuran", "diunggah", "pengunggah")


@admin.register(LogoKabupaten)
class LogoKabupatenAdmin(admin.ModelAdmin):
    list_display = ("kabupaten", "mime", "lebar", "tinggi")
    readonly_fields = ("berkas", "mime", "lebar", "tinggi", "ukuran", "diunggah", "pengunggah")


@admin.register(DokumenFinal)
class DokumenFinalAdmin(HanyaBaca):
    list_display = ("laporan", "kode", "status", "disetujui_pada", "sha256")
    list_filter = ("status",)
    list_select_related = ("laporan__kecamatan",)
    exclude = ("berkas", "berkas_draf")


@admin.register(RiwayatStatus)
class RiwayatStatusAdmin(HanyaBaca):
    list_display = ("laporan", "aksi", "dari", "ke", "nama_pengguna", "waktu")
    list_filter = ("aksi",)
    list_select_related = ("laporan__kecamatan",)


@admin.register(CatatanReviu)
class CatatanReviuAdmin(HanyaBaca):
    list_display = ("laporan", "__str__")
    list_select_related = ("laporan__kecamatan",)
