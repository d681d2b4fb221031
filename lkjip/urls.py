"""URL configuration of LKjIP Kecamatan."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from lkjip import administrasi, views
from lkjip.forms import FormGantiSandi

handler403 = "lkjip.views.akses_ditolak"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=views.FormMasuk, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            form_class=FormGantiSandi,
            success_url=reverse_lazy("ganti_sandi_selesai"),
            template_name="lkjip/ganti_sandi.html",
        ),
        name="ganti_sandi",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="lkjip/ganti_sandi_selesai.html"),
        name="ganti_sandi_selesai",
    ),
    path("kecamatan/<int:pk>/", views.kecamatan_detail, name="kecamatan_detail"),
    *administrasi.urlpatterns,
    path("", include("kinerja.urls")),
    path("", include("anggaran.urls")),
    path("", include("laporan.urls")),
    path("admin/", admin.site.urls),
]
