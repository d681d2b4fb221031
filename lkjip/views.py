"""Home page per role and the kecamatan profile page."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.selectors import kecamatan_daftar, kecamatan_profil, ringkasan_kecamatan
from lkjip import audit
from lkjip.akses import id_kecamatan_sendiri, kabupaten_terlihat, kecamatan_untuk, penugasan_pengguna
from lkjip.models import JejakAudit, Penugasan

KECAMATAN_PER_HALAMAN = 25


class FormMasuk(AuthenticationForm):
    # Django's Indonesian catalogue repeats the field name ("nama pengguna nama pengguna").
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil.",
        "inactive": "Akun ini tidak aktif. Hubungi admin kabupaten.",
    }


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Operator and camat see their kecamatan; inspektorat and admin kabupaten the kecamatan list."""
    penugasan = penugasan_pengguna(request.user)
    ringkasan = [
        ringkasan_kecamatan(kecamatan=kecamatan_untuk(request, pk))
        for pk in id_kecamatan_sendiri(request.user)
    ]
    peran_kabupaten = any(p.peran in Penugasan.PERAN_KABUPATEN for p in penugasan)
    lihat_kabupaten = request.user.is_superuser or peran_kabupaten
    q = request.GET.get("q", "").strip()
    halaman = None
    if lihat_kabupaten:
        daftar = kecamatan_daftar(kabupaten=kabupaten_terlihat(request.user), q=q)
        halaman = Paginator(daftar, KECAMATAN_PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "lkjip/beranda.html",
        {
            "ringkasan": ringkasan,
            "lihat_kabupaten": lihat_kabupaten,
            "halaman": halaman,
            "q": q,
            "tanpa_peran": not ringkasan and not lihat_kabupaten,
        },
    )


@login_required
def kecamatan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    profil = kecamatan_profil(kecamatan=kecamatan)
    return render(request, "lkjip/kecamatan_detail.html", {"kecamatan": kecamatan, "profil": profil})


def akses_ditolak(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: every refused page (PermissionDenied) is written to the audit log, then the
    Indonesian 403 page."""
    keterangan = str(exception) if exception is not None else ""
    audit.catat(
        jenis=JejakAudit.Jenis.AKSES_DITOLAK,
        request=request,
        user=request.user,
        keterangan=f"{request.method} {keterangan}".strip(),
    )
    return render(request, "403.html", status=403)
