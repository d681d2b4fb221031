from django.urls import path

from kinerja import views

app_name = "kinerja"

urlpatterns = [
    path("kecamatan/<int:pk>/renstra/<int:renstra_pk>/", views.renstra_detail, name="renstra_detail"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/", views.pk_detail, name="pk_detail"),
    path("kecamatan/<int:pk>/realisasi/<int:tahun>/", views.realisasi_tahun, name="realisasi_tahun"),
    path(
        "kecamatan/<int:pk>/indikator/<int:indikator_pk>/riwayat/",
        views.indikator_riwayat,
        name="indikator_riwayat",
    ),
]
