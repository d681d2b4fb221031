"""Sessions end after LKJIP_SESI_DIAM_MENIT minutes without a request (offices share computers).

The session carries the time of the last request (`KUNCI_AKTIF`, seconds since the epoch). The stamp
is written at login and renewed only when it is older than LKJIP_SESI_PERBARUI_DETIK, so an
ordinary page doesn't write the session (no extra queries). The idle limit is therefore enforced to
within that many seconds.

htmx requests never get the login page swapped into a part of the page: when a session ended (or an
anonymous htmx request is sent to the login page) the answer is an HX-Redirect to the login page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

KUNCI_AKTIF = "lkjip_aktif"


def pesan_berakhir() -> str:
    return (
        f"Sesi Anda berakhir karena tidak ada aktivitas selama {settings.LKJIP_SESI_DIAM_MENIT} menit. "
        "Silakan masuk lagi."
    )


def tandai_aktif(request: HttpRequest) -> None:
    request.session[KUNCI_AKTIF] = int(time.time())


def saat_masuk(sender, request, user, **kwargs) -> None:
    # The login saves the session anyway: the first stamp costs nothing.
    if request is not None and hasattr(request, "session"):
        tandai_aktif(request)


def hubungkan() -> None:
    user_logged_in.connect(saat_masuk, dispatch_uid="lkjip.middleware.masuk")


def _alihkan_htmx(url: str) -> HttpResponse:
    respons = HttpResponse(status=200)
    respons["HX-Redirect"] = url
    return respons


class SesiDiamMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            sekarang = int(time.time())
            terakhir = request.session.get(KUNCI_AKTIF)
            if terakhir is not None and sekarang - terakhir > settings.LKJIP_SESI_DIAM_MENIT * 60:
                return self._akhiri(request)
            if terakhir is None or sekarang - terakhir >= settings.LKJIP_SESI_PERBARUI_DETIK:
                request.session[KUNCI_AKTIF] = sekarang
        respons = self.get_response(request)
        return self._htmx_ke_login(request, respons)

    def _akhiri(self, request: HttpRequest) -> HttpResponse:
        request.lkjip_sesi_diam = True  # the audit entry of the logout says why
        logout(request)
        messages.warning(request, pesan_berakhir())
        if getattr(request, "htmx", None):
            return _alihkan_htmx(redirect_to_login(_halaman_htmx(request)).url)
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        # A form posted after the limit: back to the page the form was on (its data is lost).
        return redirect_to_login(urlsplit(request.headers.get("Referer", "")).path or "/")

    @staticmethod
    def _htmx_ke_login(request: HttpRequest, respons: HttpResponse) -> HttpResponse:
        """An htmx request sent to the login page (login_required on an anonymous request) becomes
        an HX-Redirect: the browser loads the login page whole, then returns to the page it was on."""
        if not getattr(request, "htmx", None) or respons.status_code not in (301, 302):
            return respons
        if urlsplit(respons.get("Location", "")).path != resolve_url(settings.LOGIN_URL):
            return respons
        return _alihkan_htmx(redirect_to_login(_halaman_htmx(request)).url)


def _halaman_htmx(request: HttpRequest) -> str:
    """The page an htmx request came from (HX-Current-URL), not the fragment's own URL."""
    asal = urlsplit(request.htmx.current_url or "")
    if not asal.path:
        return "/"
    return asal.path + (f"?{asal.query}" if asal.query else "")
