"""Security audit and login throttling.

- The audit log (lkjip.models.JejakAudit): every login, failed login, logout, lockout and refused
  page (handler403, lkjip.views.akses_ditolak) writes one entry. The receivers below are connected
  in LkjipConfig.ready(). Passwords are never stored: only the username as typed.
- django-axes glue: the client's IP address (`alamat_ip`, also used by the audit log), the lockout
  page (`respons_terkunci`) and the authentication backend (`BackendAxes`).
"""

from __future__ import annotations

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lkjip.models import JejakAudit

Jenis = JejakAudit.Jenis


def alamat_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address: the connection's, or behind a trusted reverse proxy
    (LKJIP_PROXY_HTTPS=1) the right-most X-Forwarded-For entry, the one our proxy appended (the
    entries left of it come from the client and prove nothing). None when it is not an address."""
    if request is None:
        return None
    alamat = request.META.get("REMOTE_ADDR", "")
    if settings.LKJIP_PROXY:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if diteruskan[-1]:
            alamat = diteruskan[-1]
    try:
        return str(ipaddress.ip_address(alamat))
    except ValueError:
        return None


def catat(
    *, jenis: str, request: HttpRequest | None, user=None, nama_pengguna: str = "", keterangan: str = ""
) -> JejakAudit:
    """Writes one audit entry for this request (its path and client address)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if user is not None and not nama_pengguna:
        nama_pengguna = user.get_username()
    return JejakAudit.objects.create(
        jenis=jenis,
        user=user,
        nama_pengguna=(nama_pengguna or "")[:150],
        alamat_ip=alamat_ip(request),
        jalur=(request.path if request is not None else "")[:500],
        keterangan=keterangan[:500],
    )


# --- receivers (connected in lkjip/apps.py) --------------------------------------------------------


def saat_masuk(sender, request, user, **kwargs) -> None:
    catat(jenis=Jenis.MASUK, request=request, user=user)


def saat_keluar(sender, request, user, **kwargs) -> None:
    if user is not None:
        diam = getattr(request, "lkjip_sesi_diam", False)
        keterangan = f"Sesi berakhir: {settings.LKJIP_SESI_DIAM_MENIT} menit tanpa aktivitas." if diam else ""
        catat(jenis=Jenis.KELUAR, request=request, user=user, keterangan=keterangan)


def _ditolak_saat_terkunci(request) -> bool:
    """The attempt was refused by an existing lockout (axes counted no failure for it)."""
    return bool(getattr(request, "axes_locked_out", False)) and (
        getattr(request, "axes_failures_since_start", None) is None
    )


def saat_gagal_masuk(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; only the username is kept. An
    # attempt refused by a lockout is recorded once, as `terkunci`; the failure that causes a lockout
    # was recorded by saat_terkunci (axes sends its signal before this receiver runs).
    if _ditolak_saat_terkunci(request) or getattr(request, "lkjip_gagal_tercatat", False):
        return
    catat(jenis=Jenis.GAGAL_MASUK, request=request, nama_pengguna=str(credentials.get("username") or ""))


def saat_terkunci(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    nama = str(username or "")
    if _ditolak_saat_terkunci(request):
        keterangan = "Percobaan masuk ditolak: nama pengguna ini dari alamat ini sedang dikunci."
    else:
        catat(jenis=Jenis.GAGAL_MASUK, request=request, nama_pengguna=nama)
        if request is not None:
            request.lkjip_gagal_tercatat = True
        keterangan = (
            f"{settings.AXES_FAILURE_LIMIT} kali gagal masuk: nama pengguna ini dari alamat ini dikunci "
            f"{_menit_kunci()} menit."
        )
    catat(jenis=Jenis.TERKUNCI, request=request, nama_pengguna=nama, keterangan=keterangan)


def hubungkan() -> None:
    user_logged_in.connect(saat_masuk, dispatch_uid="lkjip.audit.masuk")
    user_logged_out.connect(saat_keluar, dispatch_uid="lkjip.audit.keluar")
    user_login_failed.connect(saat_gagal_masuk, dispatch_uid="lkjip.audit.gagal_masuk")
    user_locked_out.connect(saat_terkunci, dispatch_uid="lkjip.audit.terkunci")


# --- django-axes ------------------------------------------------------------------------------------


def _menit_kunci() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def pesan_terkunci() -> str:
    return (
        f"Terlalu banyak percobaan masuk yang gagal ({settings.AXES_FAILURE_LIMIT} kali) dengan nama "
        f"pengguna ini dari perangkat Anda. Demi keamanan, masuk dengan nama pengguna ini dikunci "
        f"selama {_menit_kunci()} menit. Silakan coba lagi nanti atau hubungi admin kabupaten."
    )


def respons_terkunci(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page with the lockout message instead of the form's error (AXES_LOCKOUT_CALLABLE),
    status 429 Too Many Requests."""
    from lkjip.views import FormMasuk

    nama = (credentials or {}).get("username") or request.POST.get("username", "")
    form = FormMasuk(request, initial={"username": nama})
    return render(
        request,
        "registration/login.html",
        {"form": form, "terkunci": pesan_terkunci(), "next": request.POST.get("next", "")},
        status=429,
    )


class BackendAxes(AxesStandaloneBackend):
    """django-axes' check as the first authentication backend: a locked-out username+IP is refused
    before any password is compared.

    Only logins that come with a request are throttled: authenticate() without one is not a web
    login (the test client's login(), a management command) and has no client address to count;
    axes itself would raise an error there. Every web login (LoginView) passes its request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
