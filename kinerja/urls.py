"""The kinerja pages. Each views module lists its own URLs; they are joined here."""

from kinerja.views import baca, pengukuran, perencanaan, pk, realisasi, sakip, skm

app_name = "kinerja"

urlpatterns = [
    *baca.urlpatterns,
    *perencanaan.urlpatterns,
    *pk.urlpatterns,
    *realisasi.urlpatterns,
    *pengukuran.urlpatterns,
    *skm.urlpatterns,
    *sakip.urlpatterns,
]
