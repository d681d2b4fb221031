"""URL configuration of LKjIP Kecamatan."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lkjip import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=views.FormMasuk, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kecamatan/<int:pk>/", views.kecamatan_detail, name="kecamatan_detail"),
    path("", include("kinerja.urls")),
    path("", include("laporan.urls")),
    path("admin/", admin.site.urls),
]
