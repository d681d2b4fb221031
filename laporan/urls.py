from laporan import views, views_alur, views_cetak, views_isi, views_meja, views_verifikasi

app_name = "laporan"

urlpatterns = [
    *views.urlpatterns,
    *views_isi.urlpatterns,
    *views_cetak.urlpatterns,
    *views_alur.urlpatterns,
    *views_meja.urlpatterns,
    *views_verifikasi.urlpatterns,
]
