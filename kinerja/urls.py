"""The kinerja pages. Each views module lists its own URLs; they are joined here."""

from kinerja.views import baca, perencanaan, pk, realisasi

app_name = "kinerja"

urlpatterns = [*baca.urlpatterns, *perencanaan.urlpatterns, *pk.urlpatterns, *realisasi.urlpatterns]
