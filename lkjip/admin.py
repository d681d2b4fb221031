from django.contrib import admin

from lkjip.models import Desa, JejakAudit, Kabupaten, Kecamatan, Pejabat, Penugasan


class HanyaBaca(admin.ModelAdmin):
    """Records that are evidence (audit log, the report workflow's documents and history): admin
    shows them, nobody adds, edits or deletes them here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class DesaInline(admin.TabularInline):
    model = Desa
    extra = 0


@admin.register(Kabupaten)
class KabupatenAdmin(admin.ModelAdmin):
    list_display = ["nama", "provinsi"]
    search_fields = ["nama"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["nama", "kabupaten"]
    list_filter = ["kabupaten"]
    search_fields = ["nama"]
    inlines = [DesaInline]


@admin.register(Pejabat)
class PejabatAdmin(admin.ModelAdmin):
    list_display = ["nama", "jabatan", "nip", "kecamatan", "kabupaten", "mulai", "selesai"]
    search_fields = ["nama", "nip"]


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "kecamatan", "kabupaten"]
    list_filter = ["peran"]
    search_fields = ["user__username"]


@admin.register(JejakAudit)
class JejakAuditAdmin(HanyaBaca):
    """Read-only: the audit log is written by the application, never edited."""

    list_display = ["waktu", "jenis", "nama_pengguna", "alamat_ip", "jalur", "keterangan"]
    list_filter = ["jenis"]
    search_fields = ["nama_pengguna", "alamat_ip"]
    date_hierarchy = "waktu"
    list_select_related = ["user"]
