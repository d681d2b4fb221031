from laporan import views, views_cetak, views_isi

app_name = "laporan"

urlpatterns = [*views.urlpatterns, *views_isi.urlpatterns, *views_cetak.urlpatterns]
