"""SAKIP evaluation pages: the evaluations (LHE) of a kecamatan, one evaluation (components, total,
predikat, scale, recommendations with their tindak lanjut), recording an evaluation (inspektorat)
and the tindak lanjut (operator and camat of the kecamatan)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from kinerja import selectors_skm
from kinerja.forms.sakip import (
    EvaluasiForm,
    KomponenFormSet,
    RekomendasiFormSet,
    TindakLanjutForm,
    initial_komponen,
    initial_komponen_baku,
    initial_rekomendasi,
)
from kinerja.models import EvaluasiSakip
from kinerja.services import sakip as layanan
from lkjip.akses import kecamatan_untuk, kecamatan_untuk_evaluasi
from lkjip.konfirmasi import hapus_setelah_konfirmasi
from lkjip.models import Kecamatan

PESAN_PERIKSA = "Ada isian yang belum benar, jadi belum ada yang disimpan. Periksa isian bertanda merah."


def _evaluasi(kecamatan: Kecamatan, evaluasi_pk: int) -> EvaluasiSakip:
    evaluasi = selectors_skm.evaluasi_untuk(kecamatan=kecamatan, evaluasi_id=evaluasi_pk)
    if evaluasi is None:
        raise Http404("Evaluasi SAKIP tidak ditemukan.")
    return evaluasi


def _url_detail(evaluasi: EvaluasiSakip) -> str:
    return reverse("kinerja:sakip_detail", args=[evaluasi.kecamatan_id, evaluasi.pk])


def _pasang_kesalahan(e: ValidationError, form: EvaluasiForm, komponen) -> list[str]:
    """A service's refusal on the fields: heading fields by name, "komponen-N" on row N."""
    lain: list[str] = []
    for nama, isi in (getattr(e, "message_dict", None) or {"__all__": e.messages}).items():
        if nama in form.fields:
            form.add_error(nama, isi)
        elif nama.startswith("komponen-") and nama[9:].isdigit() and int(nama[9:]) <= len(komponen.forms):
            komponen.forms[int(nama[9:]) - 1].add_error(None, isi)
        else:
            lain.extend(isi)
    return lain


@login_required
def sakip_daftar(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    return render(
        request,
        "kinerja/sakip/sakip_daftar.html",
        {"kecamatan": kecamatan, "daftar": selectors_skm.evaluasi_daftar(kecamatan=kecamatan)},
    )


@login_required
def sakip_detail(request: HttpRequest, pk: int, evaluasi_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    hasil = selectors_skm.evaluasi_hasil(kecamatan=kecamatan, evaluasi_id=evaluasi_pk)
    if hasil is None:
        raise Http404("Evaluasi SAKIP tidak ditemukan.")
    return render(
        request,
        "kinerja/sakip/sakip_detail.html",
        {"kecamatan": kecamatan, "hasil": hasil, "evaluasi": hasil.evaluasi},
    )


def _form_evaluasi(
    request: HttpRequest, kecamatan: Kecamatan, evaluasi: EvaluasiSakip | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    if evaluasi is None:
        initial = {}
        awal_komponen, awal_rekomendasi = initial_komponen_baku(), []
    else:
        initial = EvaluasiForm.initial_evaluasi(evaluasi)
        awal_komponen, awal_rekomendasi = initial_komponen(evaluasi), initial_rekomendasi(evaluasi)
    form = EvaluasiForm(data, initial=initial)
    komponen = KomponenFormSet(data, prefix="komponen", initial=awal_komponen)
    rekomendasi = RekomendasiFormSet(data, prefix="rekomendasi", initial=awal_rekomendasi)
    kesalahan: list[str] = []
    if data is not None and all([form.is_valid(), komponen.is_valid(), rekomendasi.is_valid()]):
        isian = {
            **form.data_evaluasi(),
            "komponen": komponen.isian(),
            "rekomendasi": rekomendasi.isian(),
        }
        try:
            if evaluasi is None:
                evaluasi = layanan.evaluasi_buat(user=request.user, kecamatan=kecamatan, **isian)
                pesan = f"{evaluasi} dicatat."
            else:
                layanan.evaluasi_ubah(user=request.user, evaluasi=evaluasi, **isian)
                pesan = f"{evaluasi} disimpan."
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form, komponen)
        else:
            messages.success(request, pesan)
            return redirect(_url_detail(evaluasi))
    if data is not None:
        kesalahan = [PESAN_PERIKSA, *kesalahan]
    return render(
        request,
        "kinerja/sakip/sakip_form.html",
        {
            "kecamatan": kecamatan,
            "evaluasi": evaluasi,
            "form": form,
            "komponen": komponen,
            "rekomendasi": rekomendasi,
            "kesalahan": kesalahan,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sakip_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_evaluasi(request, kecamatan_untuk_evaluasi(request, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def sakip_ubah(request: HttpRequest, pk: int, evaluasi_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk_evaluasi(request, pk)
    return _form_evaluasi(request, kecamatan, _evaluasi(kecamatan, evaluasi_pk))


@login_required
@require_http_methods(["GET", "POST"])
def sakip_hapus(request: HttpRequest, pk: int, evaluasi_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk_evaluasi(request, pk)
    evaluasi = _evaluasi(kecamatan, evaluasi_pk)
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.evaluasi_hapus(user=request.user, evaluasi=evaluasi),
        berhasil=f"{evaluasi} dihapus.",
        tujuan=reverse("kinerja:sakip_daftar", args=[kecamatan.pk]),
        template="kinerja/sakip/sakip_hapus.html",
        konteks={"kecamatan": kecamatan, "evaluasi": evaluasi},
    )


@login_required
@require_http_methods(["GET", "POST"])
def tindak_lanjut_ubah(request: HttpRequest, pk: int, evaluasi_pk: int, rekomendasi_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    rekomendasi = selectors_skm.rekomendasi_untuk(
        kecamatan=kecamatan, evaluasi_id=evaluasi_pk, rekomendasi_id=rekomendasi_pk
    )
    if rekomendasi is None:
        raise Http404("Rekomendasi tidak ditemukan.")
    form = TindakLanjutForm(request.POST or None, initial=TindakLanjutForm.initial_rekomendasi(rekomendasi))
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            layanan.tindak_lanjut_simpan(user=request.user, rekomendasi=rekomendasi, **form.cleaned_data)
        except ValidationError as e:
            kesalahan = e.messages
        else:
            messages.success(request, "Tindak lanjut rekomendasi disimpan.")
            return redirect(_url_detail(rekomendasi.evaluasi))
    if request.method == "POST":
        kesalahan = [PESAN_PERIKSA, *kesalahan]
    return render(
        request,
        "kinerja/sakip/tindak_lanjut_ubah.html",
        {
            "kecamatan": kecamatan,
            "evaluasi": rekomendasi.evaluasi,
            "rekomendasi": rekomendasi,
            "form": form,
            "kesalahan": kesalahan,
        },
    )


urlpatterns = [
    path("kecamatan/<int:pk>/sakip/", sakip_daftar, name="sakip_daftar"),
    path("kecamatan/<int:pk>/sakip/tambah/", sakip_tambah, name="sakip_tambah"),
    path("kecamatan/<int:pk>/sakip/<int:evaluasi_pk>/", sakip_detail, name="sakip_detail"),
    path("kecamatan/<int:pk>/sakip/<int:evaluasi_pk>/ubah/", sakip_ubah, name="sakip_ubah"),
    path("kecamatan/<int:pk>/sakip/<int:evaluasi_pk>/hapus/", sakip_hapus, name="sakip_hapus"),
    path(
        "kecamatan/<int:pk>/sakip/<int:evaluasi_pk>/rekomendasi/<int:rekomendasi_pk>/tindak-lanjut/",
        tindak_lanjut_ubah,
        name="tindak_lanjut_ubah",
    ),
]
