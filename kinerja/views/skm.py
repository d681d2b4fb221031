"""SKM pages: the surveys of a kecamatan, one survey's result (unsur table, IKM, konversi, mutu,
chart, interval table), entering results, the public questionnaire with its QR poster."""

from __future__ import annotations

import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods, require_POST

from kinerja import selectors_skm
from kinerja.forms.skm import BENTUK, KuesionerForm, PilihBentukForm, SurveiForm, UnsurForm, UnsurFormSet
from kinerja.models import SurveiSkm
from kinerja.services import skm as layanan
from laporan.grafik import grafik_skm_unsur
from lkjip.akses import kecamatan_untuk
from lkjip.konfirmasi import hapus_setelah_konfirmasi
from lkjip.models import Kecamatan

PESAN_PERIKSA = "Ada isian yang belum benar, jadi belum ada yang disimpan. Periksa isian bertanda merah."
KUKI_PERAMBAN = "skm_peramban"
UMUR_KUKI = 365 * 24 * 3600


def _survei(kecamatan: Kecamatan, survei_pk: int) -> SurveiSkm:
    survei = selectors_skm.survei_untuk(kecamatan=kecamatan, survei_id=survei_pk)
    if survei is None:
        raise Http404("Survei tidak ditemukan.")
    return survei


def _url_detail(survei: SurveiSkm) -> str:
    return reverse("kinerja:skm_detail", args=[survei.kecamatan_id, survei.pk])


def _pasang_kesalahan(e: ValidationError, form: BaseForm | None) -> list[str]:
    """Put a service's refusal on the form's fields; what has no field is returned for the page."""
    lain: list[str] = []
    pesan = getattr(e, "message_dict", None) or {"__all__": e.messages}
    for nama, isi in pesan.items():
        if form is not None and nama in form.fields:
            form.add_error(nama, isi)
        else:
            lain.extend(isi)
    return lain


def _gagal(request: HttpRequest, kesalahan: list[str]) -> list[str]:
    return [PESAN_PERIKSA, *kesalahan] if request.method == "POST" else kesalahan


def url_kuesioner(token: str) -> str:
    """The public address of a questionnaire, from LKJIP_BASE_URL (the poster is printed and
    scanned outside this server, so the address must be the public one)."""
    return settings.LKJIP_BASE_URL.rstrip("/") + reverse("kinerja:kuesioner_isi", args=[token])


# --- staff pages --------------------------------------------------------------------------------


@login_required
def skm_daftar(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    return render(
        request,
        "kinerja/skm/skm_daftar.html",
        {
            "kecamatan": kecamatan,
            "tahun": selectors_skm.survei_daftar(kecamatan=kecamatan),
            "tautan": selectors_skm.tautan_kecamatan(kecamatan=kecamatan),
        },
    )


@login_required
def skm_detail(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    hasil = selectors_skm.survei_hasil(kecamatan=kecamatan, survei_id=survei_pk)
    if hasil is None:
        raise Http404("Survei tidak ditemukan.")
    kuesioner = hasil.survei.terbuka or hasil.jumlah_respon > 0
    tautan = selectors_skm.tautan_kecamatan(kecamatan=kecamatan) if hasil.survei.terbuka else None
    return render(
        request,
        "kinerja/skm/skm_detail.html",
        {
            "kecamatan": kecamatan,
            "hasil": hasil,
            "survei": hasil.survei,
            "tautan": tautan,
            "url_publik": url_kuesioner(tautan.token) if tautan else "",
            "catatan_respon": selectors_skm.kritik_saran_respon(survei=hasil.survei) if kuesioner else [],
            "profil": selectors_skm.profil_respon(survei=hasil.survei) if hasil.jumlah_respon else [],
        },
    )


@login_required
def skm_grafik(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    """The unsur against their mean as an SVG image (pygal, laporan/grafik.py): served apart so
    its own stylesheet stays out of the page (no inline CSS in pages)."""
    kecamatan = kecamatan_untuk(request, pk)
    hasil = selectors_skm.survei_hasil(kecamatan=kecamatan, survei_id=survei_pk)
    if hasil is None:
        raise Http404("Survei tidak ditemukan.")
    svg = grafik_skm_unsur(
        [(f"{u.kode} {u.nama}", u.nrr) for u in hasil.unsur],
        rata_rata=hasil.ikm,
        id_grafik=f"grafik-skm-{hasil.survei.pk}",
        judul=f"NRR per unsur {hasil.survei}",
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def skm_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    form = SurveiForm(request.POST or None, initial={"tahun": request.GET.get("tahun")})
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            survei = layanan.survei_buat(user=request.user, kecamatan=kecamatan, **form.data_survei())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{survei} dibuat. Isi hasil per unsur atau buka kuesioner daring.")
            return redirect(_url_detail(survei))
    return render(
        request,
        "kinerja/skm/skm_form.html",
        {"kecamatan": kecamatan, "form": form, "survei": None, "kesalahan": _gagal(request, kesalahan)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def skm_ubah(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    survei = _survei(kecamatan, survei_pk)
    form = SurveiForm(request.POST or None, initial=SurveiForm.initial_survei(survei))
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            layanan.survei_ubah(user=request.user, survei=survei, **form.data_survei())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{survei} disimpan.")
            return redirect(_url_detail(survei))
    return render(
        request,
        "kinerja/skm/skm_form.html",
        {"kecamatan": kecamatan, "form": form, "survei": survei, "kesalahan": _gagal(request, kesalahan)},
    )


def _bentuk_tersimpan(survei: SurveiSkm) -> str:
    bentuk = [u.bentuk for u in survei.unsur.all() if u.bentuk]
    return bentuk[0] if bentuk else "nrr"


@login_required
@require_http_methods(["GET", "POST"])
def skm_unsur_ubah(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    survei = _survei(kecamatan, survei_pk)
    bentuk = request.GET.get("bentuk") or _bentuk_tersimpan(survei)
    if bentuk not in BENTUK:
        raise Http404("Bentuk hasil tidak dikenal.")
    unsur = list(survei.unsur.all())
    formset = UnsurFormSet(
        request.POST if request.method == "POST" else None,
        prefix="unsur",
        initial=[UnsurForm.initial_unsur(u, bentuk) for u in unsur],
        form_kwargs={"bentuk": bentuk},
    )
    kesalahan: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            layanan.survei_unsur_simpan(user=request.user, survei=survei, unsur=formset.isian())
        except ValidationError as e:
            per_kode = {f.initial["kode"]: f for f in formset.forms}
            for kode, isi in (getattr(e, "message_dict", None) or {"__all__": e.messages}).items():
                if kode in per_kode:
                    per_kode[kode].add_error(None, isi)
                else:
                    kesalahan.extend(isi)
        else:
            messages.success(request, f"Hasil unsur {survei} disimpan.")
            return redirect(_url_detail(survei))
    return render(
        request,
        "kinerja/skm/skm_unsur_ubah.html",
        {
            "kecamatan": kecamatan,
            "survei": survei,
            "bentuk": bentuk,
            "pilih_bentuk": PilihBentukForm(initial={"bentuk": bentuk}),
            "formset": formset,
            "dari_kuesioner": survei.terbuka,
            "kesalahan": _gagal(request, kesalahan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def skm_hapus(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    survei = _survei(kecamatan, survei_pk)
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.survei_hapus(user=request.user, survei=survei),
        berhasil=f"{survei} dihapus.",
        tujuan=reverse("kinerja:skm_daftar", args=[kecamatan.pk]),
        template="kinerja/skm/skm_hapus.html",
        konteks={"kecamatan": kecamatan, "survei": survei, "jumlah_respon": survei.respon.count()},
    )


@login_required
@require_POST
def skm_kuesioner_buka(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    survei = _survei(kecamatan, survei_pk)
    try:
        layanan.kuesioner_buka(user=request.user, survei=survei)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Kuesioner daring {survei} dibuka. Bagikan tautan atau cetak posternya.")
    return redirect(_url_detail(survei))


@login_required
@require_http_methods(["GET", "POST"])
def skm_kuesioner_tutup(request: HttpRequest, pk: int, survei_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    survei = _survei(kecamatan, survei_pk)
    if request.method == "POST":
        layanan.kuesioner_tutup(user=request.user, survei=survei)
        messages.success(request, f"Kuesioner daring {survei} ditutup. Respon yang masuk tetap tersimpan.")
        return redirect(_url_detail(survei))
    return render(
        request,
        "kinerja/skm/skm_kuesioner_tutup.html",
        {"kecamatan": kecamatan, "survei": survei, "jumlah_respon": survei.respon.count()},
    )


@login_required
def skm_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable A5 poster with the QR code of the kecamatan's questionnaire link."""
    kecamatan = kecamatan_untuk(request, pk)
    tautan = selectors_skm.tautan_kecamatan(kecamatan=kecamatan)
    alamat = url_kuesioner(tautan.token) if tautan else ""
    qr = segno.make(alamat, error="m").svg_data_uri(scale=8, border=2) if tautan else ""
    return render(
        request,
        "kinerja/skm/skm_poster.html",
        {"kecamatan": kecamatan, "tautan": tautan, "alamat": alamat, "qr": qr},
    )


# --- the public questionnaire (no login) -------------------------------------------------------------


def _kuesioner(token: str) -> selectors_skm.Kuesioner:
    kuesioner = selectors_skm.kuesioner_dari_token(token)
    if kuesioner is None:
        raise Http404("Kuesioner tidak ditemukan.")
    return kuesioner


def _peramban(request: HttpRequest) -> str:
    kuki = request.get_signed_cookie(KUKI_PERAMBAN, default="", salt=KUKI_PERAMBAN)
    return kuki or secrets.token_urlsafe(16)


def _simpan_kuki(response: HttpResponse, request: HttpRequest, peramban: str) -> HttpResponse:
    response.set_signed_cookie(
        KUKI_PERAMBAN,
        peramban,
        salt=KUKI_PERAMBAN,
        max_age=UMUR_KUKI,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def kuesioner_isi(request: HttpRequest, token: str) -> HttpResponse:
    kuesioner = _kuesioner(token)
    peramban = _peramban(request)
    form = KuesionerForm(request.POST if request.method == "POST" else None)
    ditolak = ""
    status = 200
    if request.method == "POST" and kuesioner.survei is not None and form.is_valid():
        if form.robot:
            # Answer a robot as if it had succeeded: it learns nothing, nothing is stored.
            return redirect("kinerja:kuesioner_terima_kasih", token=token)
        try:
            layanan.respon_kirim(
                survei=kuesioner.survei,
                respon=form.isian(),
                peramban=peramban,
                alamat=request.META.get("REMOTE_ADDR", ""),
            )
        except layanan.KirimDitolak as e:
            ditolak = " ".join(e.messages)
            status = 429 if e.code in ("batas_peramban", "batas_alamat") else 200
        else:
            return _simpan_kuki(redirect("kinerja:kuesioner_terima_kasih", token=token), request, peramban)
    response = render(
        request,
        "kinerja/skm/kuesioner_isi.html",
        {
            "kecamatan": kuesioner.kecamatan,
            "survei": kuesioner.survei,
            "form": form,
            "ditolak": ditolak,
            "tidak_terbuka": layanan.TIDAK_TERBUKA,
        },
        status=status,
    )
    return _simpan_kuki(response, request, peramban)


def kuesioner_terima_kasih(request: HttpRequest, token: str) -> HttpResponse:
    kuesioner = _kuesioner(token)
    return render(request, "kinerja/skm/kuesioner_terima_kasih.html", {"kecamatan": kuesioner.kecamatan})


urlpatterns = [
    path("kecamatan/<int:pk>/skm/", skm_daftar, name="skm_daftar"),
    path("kecamatan/<int:pk>/skm/tambah/", skm_tambah, name="skm_tambah"),
    path("kecamatan/<int:pk>/skm/poster/", skm_poster, name="skm_poster"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/", skm_detail, name="skm_detail"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/grafik.svg", skm_grafik, name="skm_grafik"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/ubah/", skm_ubah, name="skm_ubah"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/unsur/", skm_unsur_ubah, name="skm_unsur_ubah"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/hapus/", skm_hapus, name="skm_hapus"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/kuesioner/buka/", skm_kuesioner_buka, name="skm_buka"),
    path("kecamatan/<int:pk>/skm/<int:survei_pk>/kuesioner/tutup/", skm_kuesioner_tutup, name="skm_tutup"),
    path("kuesioner/<str:token>/", kuesioner_isi, name="kuesioner_isi"),
    path("kuesioner/<str:token>/terima-kasih/", kuesioner_terima_kasih, name="kuesioner_terima_kasih"),
]
