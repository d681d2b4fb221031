"""The budget pages (anggaran/views.py, anggaran/excel.py)."""

from django.urls import path

from anggaran import views

app_name = "anggaran"

urlpatterns = [
    path("kecamatan/<int:pk>/anggaran/", views.anggaran_daftar, name="anggaran_daftar"),
    path("kecamatan/<int:pk>/anggaran/tambah/", views.tahun_tambah, name="tahun_tambah"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/", views.anggaran_tahun, name="anggaran_tahun"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/hapus/", views.tahun_hapus, name="tahun_hapus"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/pos/tambah/", views.pos_tambah, name="pos_tambah"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/belanja/", views.belanja_ubah, name="belanja_ubah"),
    path(
        "kecamatan/<int:pk>/anggaran/<int:tahun>/sasaran/",
        views.program_sasaran_ubah,
        name="program_sasaran_ubah",
    ),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/efisiensi/", views.efisiensi_tahun, name="efisiensi_tahun"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/excel/templat/", views.excel_templat, name="excel_templat"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/excel/ekspor/", views.excel_ekspor, name="excel_ekspor"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/excel/unggah/", views.excel_unggah, name="excel_unggah"),
    path("kecamatan/<int:pk>/anggaran/<int:tahun>/excel/impor/", views.excel_impor, name="excel_impor"),
    path("kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/ubah/", views.pos_ubah, name="pos_ubah"),
    path("kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/hapus/", views.pos_hapus, name="pos_hapus"),
    path("kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/jumlah/", views.pos_jumlah, name="pos_jumlah"),
    path(
        "kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/jumlah/batal/",
        views.pos_jumlah_batal,
        name="pos_jumlah_batal",
    ),
    path(
        "kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/indikator/", views.pos_indikator, name="pos_indikator"
    ),
    path("kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/riwayat/", views.pos_riwayat, name="pos_riwayat"),
    path("kecamatan/<int:pk>/anggaran/pos/<int:pos_pk>/<str:arah>/", views.pos_pindah, name="pos_pindah"),
]
