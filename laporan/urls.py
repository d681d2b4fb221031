from laporan import views

app_name = "laporan"

urlpatterns = [*views.urlpatterns]
