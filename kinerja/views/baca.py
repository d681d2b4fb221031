"""Read-only pages of a kecamatan's planning and measurement data."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from anggaran.selectors import pk_anggaran_banding
from kinerja import selectors
from kinerja.peringatan import SumberTarget, target_kurang_menantang
from lkjip.akses import kecamatan_untuk

RIWAYAT_PER_HALAMAN = 50


@login_required
def renstra_detail(request: HttpRequest, pk: int, renstra_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    pohon = selectors.renstra_pohon(kecamatan=kecamatan, renstra_id=renstra_pk)
    if pohon is None:
        raise Http404("Renstra tidak ditemukan.")
    return render(request, "kinerja/renstra_detail.html", {"kecamatan": kecamatan, "pohon": pohon})


@login_required
def pk_detail(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    pk_tahun = selectors.pk_tahun(kecamatan=kecamatan, tahun=tahun)
    if pk_tahun is None:
        raise Http404("Perjanjian Kinerja tahun ini belum ada.")
    peringatan = target_kurang_menantang(
        kecamatan=kecamatan, tahun=tahun, sumber=(SumberTarget.PK_MURNI, SumberTarget.PK_PERUBAHAN)
    )
    return render(
        request,
        "kinerja/pk_detail.html",
        {
            "kecamatan": kecamatan,
            "pk": pk_tahun,
            "peringatan_target": peringatan,
            "banding_pk": pk_anggaran_banding(kecamatan=kecamatan, tahun=tahun),
        },
    )


@login_required
def realisasi_tahun(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    data = selectors.realisasi_tahun(kecamatan=kecamatan, tahun=tahun)
    if data is None:
        raise Http404("Tidak ada Renstra yang mencakup tahun ini.")
    return render(request, "kinerja/realisasi_tahun.html", {"kecamatan": kecamatan, "data": data})


@login_required
def indikator_riwayat(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    riwayat = selectors.indikator_riwayat(kecamatan=kecamatan, indikator_id=indikator_pk)
    if riwayat is None:
        raise Http404("Indikator tidak ditemukan.")
    halaman = Paginator(riwayat.entri, RIWAYAT_PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "kinerja/indikator_riwayat.html",
        {"kecamatan": kecamatan, "indikator": riwayat.indikator, "halaman": halaman},
    )


urlpatterns = [
    path("kecamatan/<int:pk>/renstra/<int:renstra_pk>/", renstra_detail, name="renstra_detail"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/", pk_detail, name="pk_detail"),
    path("kecamatan/<int:pk>/realisasi/<int:tahun>/", realisasi_tahun, name="realisasi_tahun"),
    path(
        "kecamatan/<int:pk>/indikator/<int:indikator_pk>/riwayat/",
        indikator_riwayat,
        name="indikator_riwayat",
    ),
]
