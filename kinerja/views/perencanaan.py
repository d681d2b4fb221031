"""Editing the planning data of a kecamatan in the browser: the Renstra, its tujuan, sasaran and
indicators, the Renstra targets, the analysis per sasaran, and the indicator page with its history.

Every write view asks `kecamatan_untuk(..., tulis=True)` first (another kecamatan: 404, a reading
role: 403), finds its object inside that kecamatan (else 404), saves through
kinerja.services.perencanaan and returns to the Renstra tree page (POST-redirect-GET).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_http_methods, require_POST

from kinerja import selectors
from kinerja.forms.perencanaan import (
    AnalisisForm,
    IndikatorForm,
    RenstraForm,
    SasaranForm,
    TargetRenstraForm,
    TujuanForm,
)
from kinerja.models import AnalisisSasaran, Indikator, Renstra, Sasaran, SdmSasaran, Target, Tujuan
from kinerja.peringatan import target_kurang_menantang_indikator
from kinerja.services import perencanaan as layanan
from lkjip.akses import kecamatan_untuk
from lkjip.konfirmasi import hapus_setelah_konfirmasi
from lkjip.models import Kecamatan

RIWAYAT_PER_HALAMAN = 20
KEMBALI_DETAIL = "detail"


# --- objects of the kecamatan (else 404) -----------------------------------------------------------


def _renstra(kecamatan: Kecamatan, renstra_pk: int) -> Renstra:
    renstra = Renstra.objects.filter(kecamatan=kecamatan, pk=renstra_pk).first()
    if renstra is None:
        raise Http404("Renstra tidak ditemukan.")
    renstra.kecamatan = kecamatan
    return renstra


def _tujuan(kecamatan: Kecamatan, tujuan_pk: int) -> Tujuan:
    tujuan = (
        Tujuan.objects.select_related("renstra").filter(renstra__kecamatan=kecamatan, pk=tujuan_pk).first()
    )
    if tujuan is None:
        raise Http404("Tujuan tidak ditemukan.")
    tujuan.renstra.kecamatan = kecamatan
    return tujuan


def _sasaran(kecamatan: Kecamatan, sasaran_pk: int) -> Sasaran:
    sasaran = (
        Sasaran.objects.select_related("renstra", "tujuan")
        .filter(renstra__kecamatan=kecamatan, pk=sasaran_pk)
        .first()
    )
    if sasaran is None:
        raise Http404("Sasaran tidak ditemukan.")
    sasaran.renstra.kecamatan = kecamatan
    sasaran.tujuan.renstra = sasaran.renstra
    return sasaran


def _indikator(kecamatan: Kecamatan, indikator_pk: int) -> Indikator:
    indikator = (
        Indikator.objects.select_related("renstra", "tujuan", "sasaran")
        .filter(renstra__kecamatan=kecamatan, pk=indikator_pk)
        .first()
    )
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    indikator.renstra.kecamatan = kecamatan
    return indikator


def _url_pohon(renstra: Renstra, jangkar: str = "") -> str:
    url = reverse("kinerja:renstra_detail", args=[renstra.kecamatan_id, renstra.pk])
    return f"{url}#{jangkar}" if jangkar else url


def _url_detail(indikator: Indikator) -> str:
    return reverse("kinerja:indikator_detail", args=[indikator.renstra.kecamatan_id, indikator.pk])


def _kembali_ke_detail(request: HttpRequest) -> bool:
    return (request.POST.get("kembali") or request.GET.get("kembali")) == KEMBALI_DETAIL


def _url_batal_indikator(request: HttpRequest, renstra: Renstra, indikator: Indikator | None) -> str:
    if indikator is None:
        return _url_pohon(renstra)
    if _kembali_ke_detail(request):
        return _url_detail(indikator)
    return _url_pohon(renstra, f"indikator-{indikator.pk}")


def _pasang_kesalahan(e: ValidationError, form: BaseForm) -> list[str]:
    """Put a service's refusal on the form's fields; what has no field is returned for the page."""
    lain: list[str] = []
    pesan = getattr(e, "message_dict", None) or {"__all__": e.messages}
    for nama, isi in pesan.items():
        if nama in form.fields:
            form.add_error(nama, isi)
        else:
            lain.extend(isi)
    return lain


def _formulir(request: HttpRequest, template: str, konteks: dict) -> HttpResponse:
    konteks.setdefault("kesalahan", [])
    return render(request, f"kinerja/perencanaan/{template}", konteks)


# --- Renstra ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def renstra_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    form = RenstraForm(request.POST or None)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            renstra = layanan.renstra_simpan(user=request.user, kecamatan=kecamatan, **form.data_simpan())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{renstra} dibuat. Tambahkan tujuan, sasaran dan indikatornya.")
            return redirect(_url_pohon(renstra))
    return _formulir(
        request,
        "renstra_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": None,
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": reverse("kecamatan_detail", args=[kecamatan.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def renstra_ubah(request: HttpRequest, pk: int, renstra_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    renstra = _renstra(kecamatan, renstra_pk)
    form = RenstraForm(request.POST or None, initial=RenstraForm.initial_renstra(renstra))
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            renstra = layanan.renstra_simpan(
                user=request.user, kecamatan=kecamatan, renstra=renstra, **form.data_simpan()
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{renstra} disimpan.")
            return redirect(_url_pohon(renstra))
    return _formulir(
        request,
        "renstra_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": renstra,
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": _url_pohon(renstra),
        },
    )


# --- tujuan -------------------------------------------------------------------------------------------


def _simpan_tujuan(request: HttpRequest, kecamatan: Kecamatan, renstra: Renstra, tujuan: Tujuan | None):
    form = TujuanForm(request.POST or None, renstra=renstra, tujuan=tujuan)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            tujuan = layanan.tujuan_simpan(
                user=request.user, renstra=renstra, tujuan=tujuan, **form.cleaned_data
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"Tujuan {tujuan.kode} disimpan.")
            return redirect(_url_pohon(renstra, f"tujuan-{tujuan.pk}"))
    return _formulir(
        request,
        "tujuan_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": renstra,
            "tujuan": tujuan,
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": _url_pohon(renstra, f"tujuan-{tujuan.pk}" if tujuan else ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tujuan_tambah(request: HttpRequest, pk: int, renstra_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    return _simpan_tujuan(request, kecamatan, _renstra(kecamatan, renstra_pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def tujuan_ubah(request: HttpRequest, pk: int, tujuan_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    tujuan = _tujuan(kecamatan, tujuan_pk)
    return _simpan_tujuan(request, kecamatan, tujuan.renstra, tujuan)


# --- sasaran ------------------------------------------------------------------------------------------


def _simpan_sasaran(
    request: HttpRequest, kecamatan: Kecamatan, renstra: Renstra, tujuan: Tujuan, sasaran: Sasaran | None
):
    sdm = list(SdmSasaran.objects.filter(sasaran=sasaran)) if sasaran else []
    form = SasaranForm(request.POST or None, renstra=renstra, sasaran=sasaran, tujuan=tujuan, sdm=sdm)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.data_simpan()
        data["tujuan"].renstra = renstra
        try:
            sasaran = layanan.sasaran_simpan(user=request.user, sasaran=sasaran, **data)
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"Sasaran {sasaran.kode} disimpan.")
            return redirect(_url_pohon(renstra, f"sasaran-{sasaran.pk}"))
    return _formulir(
        request,
        "sasaran_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": renstra,
            "tujuan": tujuan,
            "sasaran": sasaran,
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": _url_pohon(renstra, f"sasaran-{sasaran.pk}" if sasaran else f"tujuan-{tujuan.pk}"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sasaran_tambah(request: HttpRequest, pk: int, tujuan_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    tujuan = _tujuan(kecamatan, tujuan_pk)
    return _simpan_sasaran(request, kecamatan, tujuan.renstra, tujuan, None)


@login_required
@require_http_methods(["GET", "POST"])
def sasaran_ubah(request: HttpRequest, pk: int, sasaran_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    sasaran = _sasaran(kecamatan, sasaran_pk)
    return _simpan_sasaran(request, kecamatan, sasaran.renstra, sasaran.tujuan, sasaran)


# --- indicators ---------------------------------------------------------------------------------------


def _simpan_indikator(
    request: HttpRequest,
    kecamatan: Kecamatan,
    renstra: Renstra,
    indikator: Indikator | None,
    induk_awal: str = "",
):
    tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id"))
    sasaran = list(
        Sasaran.objects.filter(renstra=renstra).order_by("tujuan__urutan", "tujuan_id", "urutan", "id")
    )
    for induk in (*tujuan, *sasaran):
        induk.renstra = renstra
    form = IndikatorForm(
        request.POST or None,
        renstra=renstra,
        tujuan=tujuan,
        sasaran=sasaran,
        indikator=indikator,
        induk_awal=induk_awal,
    )
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            indikator = layanan.indikator_simpan(user=request.user, indikator=indikator, **form.data_simpan())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"Indikator {indikator.kode} disimpan.")
            if _kembali_ke_detail(request):
                return redirect(_url_detail(indikator))
            return redirect(_url_pohon(renstra, f"indikator-{indikator.pk}"))
    return _formulir(
        request,
        "indikator_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": renstra,
            "indikator": indikator,
            "form": form,
            "kesalahan": kesalahan,
            "kembali": KEMBALI_DETAIL if _kembali_ke_detail(request) else "",
            "url_batal": _url_batal_indikator(request, renstra, indikator),
        },
    )


def _induk_awal(request: HttpRequest, renstra: Renstra) -> str:
    """The parent named by ?sasaran=<id> or ?tujuan=<id>: it must be of this Renstra (else 404)."""
    for nama, model in (("sasaran", Sasaran), ("tujuan", Tujuan)):
        nilai = request.GET.get(nama)
        if nilai is None:
            continue
        if not nilai.isdigit() or not model.objects.filter(renstra=renstra, pk=int(nilai)).exists():
            raise Http404(f"{nama.capitalize()} tidak ditemukan di Renstra ini.")
        return f"{nama}:{int(nilai)}"
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def indikator_tambah(request: HttpRequest, pk: int, renstra_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    renstra = _renstra(kecamatan, renstra_pk)
    return _simpan_indikator(request, kecamatan, renstra, None, _induk_awal(request, renstra))


@login_required
@require_http_methods(["GET", "POST"])
def indikator_ubah(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    indikator = _indikator(kecamatan, indikator_pk)
    return _simpan_indikator(request, kecamatan, indikator.renstra, indikator)


@login_required
@require_http_methods(["GET", "POST"])
def target_renstra_ubah(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    indikator = _indikator(kecamatan, indikator_pk)
    renstra = indikator.renstra
    form = TargetRenstraForm(
        request.POST or None, indikator=indikator, target=list(Target.objects.filter(indikator=indikator))
    )
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            layanan.target_renstra_simpan(user=request.user, indikator=indikator, **form.data_simpan())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"Target Renstra indikator {indikator.kode} disimpan.")
            for p in target_kurang_menantang_indikator(indikator=indikator):
                messages.warning(request, f"Target kurang menantang: {p.pesan}")
            if _kembali_ke_detail(request):
                return redirect(_url_detail(indikator))
            return redirect(_url_pohon(indikator.renstra, f"indikator-{indikator.pk}"))
    return _formulir(
        request,
        "target_renstra_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": renstra,
            "indikator": indikator,
            "form": form,
            "kesalahan": kesalahan,
            "kembali": KEMBALI_DETAIL if _kembali_ke_detail(request) else "",
            "url_batal": _url_batal_indikator(request, renstra, indikator),
            "peringatan_target": target_kurang_menantang_indikator(indikator=indikator),
        },
    )


@login_required
def indikator_detail(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    detail = selectors.indikator_detail(kecamatan=kecamatan, indikator_id=indikator_pk)
    if detail is None:
        raise Http404("Indikator tidak ditemukan.")
    riwayat = selectors.indikator_riwayat(kecamatan=kecamatan, indikator_id=indikator_pk)
    halaman = Paginator(riwayat.entri, RIWAYAT_PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "kinerja/perencanaan/indikator_detail.html",
        {
            "kecamatan": kecamatan,
            "renstra": detail.indikator.renstra,
            "detail": detail,
            "indikator": detail.indikator,
            "halaman": halaman,
        },
    )


# --- analysis per sasaran ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def analisis_ubah(request: HttpRequest, pk: int, sasaran_pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    sasaran = _sasaran(kecamatan, sasaran_pk)
    renstra = sasaran.renstra
    if tahun not in renstra.tahun_periode:
        raise Http404("Tahun di luar periode Renstra.")
    analisis = AnalisisSasaran.objects.filter(sasaran=sasaran, tahun=tahun).first()
    form = AnalisisForm(request.POST or None, analisis=analisis)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            hasil = layanan.analisis_simpan(
                user=request.user, sasaran=sasaran, tahun=tahun, **form.data_simpan()
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            if hasil is None:
                messages.success(request, f"Analisis sasaran {sasaran.kode} tahun {tahun} dikosongkan.")
            else:
                messages.success(request, f"Analisis sasaran {sasaran.kode} tahun {tahun} disimpan.")
            return redirect(_url_pohon(renstra, f"sasaran-{sasaran.pk}"))
    return _formulir(
        request,
        "analisis_ubah.html",
        {
            "kecamatan": kecamatan,
            "renstra": renstra,
            "sasaran": sasaran,
            "tahun": tahun,
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": _url_pohon(renstra, f"sasaran-{sasaran.pk}"),
        },
    )


# --- order --------------------------------------------------------------------------------------------


def _pindah(request: HttpRequest, fungsi, nama: str, obj, renstra: Renstra, jangkar: str) -> HttpResponse:
    arah = request.POST.get("arah", "")
    try:
        dipindah = fungsi(user=request.user, arah=arah, **{nama: obj})
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        if dipindah:
            messages.success(request, f"{nama.capitalize()} {obj.kode} di{arah}kan.")
        else:
            ujung = "paling atas" if arah == layanan.NAIK else "paling bawah"
            messages.info(request, f"{nama.capitalize()} {obj.kode} sudah {ujung}.")
    return redirect(_url_pohon(renstra, jangkar))


@login_required
@require_POST
def tujuan_pindah(request: HttpRequest, pk: int, tujuan_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    tujuan = _tujuan(kecamatan, tujuan_pk)
    return _pindah(request, layanan.tujuan_pindah, "tujuan", tujuan, tujuan.renstra, f"tujuan-{tujuan.pk}")


@login_required
@require_POST
def sasaran_pindah(request: HttpRequest, pk: int, sasaran_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    sasaran = _sasaran(kecamatan, sasaran_pk)
    return _pindah(
        request, layanan.sasaran_pindah, "sasaran", sasaran, sasaran.renstra, f"sasaran-{sasaran.pk}"
    )


@login_required
@require_POST
def indikator_pindah(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    indikator = _indikator(kecamatan, indikator_pk)
    return _pindah(
        request,
        layanan.indikator_pindah,
        "indikator",
        indikator,
        indikator.renstra,
        f"indikator-{indikator.pk}",
    )


# --- deleting -------------------------------------------------------------------------------------------


def _hapus(
    request: HttpRequest,
    *,
    kecamatan: Kecamatan,
    renstra: Renstra,
    obj,
    jenis: str,
    judul: str,
    uraian: str,
    akibat: str,
    kendala: str,
    hapus,
    url_batal: str,
    jangkar_setelah: str = "",
) -> HttpResponse:
    """The confirmation page and the deletion shared by tujuan, sasaran and indikator."""
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: hapus(user=request.user, **{jenis: obj}),
        berhasil=f"{capfirst(judul)} dihapus.",
        tujuan=_url_pohon(renstra, jangkar_setelah),
        template="kinerja/perencanaan/perencanaan_hapus.html",
        konteks={
            "kecamatan": kecamatan,
            "renstra": renstra,
            "judul": judul,
            "uraian": uraian,
            "akibat": akibat,
            "url_batal": url_batal,
        },
        galat=kendala,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tujuan_hapus(request: HttpRequest, pk: int, tujuan_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    tujuan = _tujuan(kecamatan, tujuan_pk)
    return _hapus(
        request,
        kecamatan=kecamatan,
        renstra=tujuan.renstra,
        obj=tujuan,
        jenis="tujuan",
        judul=f"tujuan {tujuan.kode}",
        uraian=tujuan.uraian,
        akibat="",
        kendala=layanan.tujuan_kendala_hapus(tujuan=tujuan),
        hapus=layanan.tujuan_hapus,
        url_batal=_url_pohon(tujuan.renstra, f"tujuan-{tujuan.pk}"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sasaran_hapus(request: HttpRequest, pk: int, sasaran_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    sasaran = _sasaran(kecamatan, sasaran_pk)
    return _hapus(
        request,
        kecamatan=kecamatan,
        renstra=sasaran.renstra,
        obj=sasaran,
        jenis="sasaran",
        judul=f"sasaran {sasaran.kode}",
        uraian=sasaran.uraian,
        akibat="Data SDM dan analisis per tahun sasaran ini ikut terhapus.",
        kendala=layanan.sasaran_kendala_hapus(sasaran=sasaran),
        hapus=layanan.sasaran_hapus,
        url_batal=_url_pohon(sasaran.renstra, f"sasaran-{sasaran.pk}"),
        jangkar_setelah=f"tujuan-{sasaran.tujuan_id}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def indikator_hapus(request: HttpRequest, pk: int, indikator_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    indikator = _indikator(kecamatan, indikator_pk)
    jumlah_target = Target.objects.filter(indikator=indikator).count()
    akibat = ""
    if jumlah_target:
        akibat = f"{jumlah_target} target Renstra ikut terhapus; riwayatnya mencatat penghapusan ini."
    induk = f"sasaran-{indikator.sasaran_id}" if indikator.sasaran_id else f"tujuan-{indikator.tujuan_id}"
    return _hapus(
        request,
        kecamatan=kecamatan,
        renstra=indikator.renstra,
        obj=indikator,
        jenis="indikator",
        judul=f"indikator {indikator.kode}",
        uraian=indikator.nama,
        akibat=akibat,
        kendala=layanan.indikator_kendala_hapus(indikator=indikator),
        hapus=layanan.indikator_hapus,
        url_batal=_url_pohon(indikator.renstra, f"indikator-{indikator.pk}"),
        jangkar_setelah=induk,
    )


urlpatterns = [
    path("kecamatan/<int:pk>/renstra/tambah/", renstra_tambah, name="renstra_tambah"),
    path("kecamatan/<int:pk>/renstra/<int:renstra_pk>/ubah/", renstra_ubah, name="renstra_ubah"),
    path("kecamatan/<int:pk>/renstra/<int:renstra_pk>/tujuan/tambah/", tujuan_tambah, name="tujuan_tambah"),
    path("kecamatan/<int:pk>/tujuan/<int:tujuan_pk>/ubah/", tujuan_ubah, name="tujuan_ubah"),
    path("kecamatan/<int:pk>/tujuan/<int:tujuan_pk>/hapus/", tujuan_hapus, name="tujuan_hapus"),
    path("kecamatan/<int:pk>/tujuan/<int:tujuan_pk>/pindah/", tujuan_pindah, name="tujuan_pindah"),
    path("kecamatan/<int:pk>/tujuan/<int:tujuan_pk>/sasaran/tambah/", sasaran_tambah, name="sasaran_tambah"),
    path("kecamatan/<int:pk>/sasaran/<int:sasaran_pk>/ubah/", sasaran_ubah, name="sasaran_ubah"),
    path("kecamatan/<int:pk>/sasaran/<int:sasaran_pk>/hapus/", sasaran_hapus, name="sasaran_hapus"),
    path("kecamatan/<int:pk>/sasaran/<int:sasaran_pk>/pindah/", sasaran_pindah, name="sasaran_pindah"),
    path(
        "kecamatan/<int:pk>/sasaran/<int:sasaran_pk>/analisis/<int:tahun>/",
        analisis_ubah,
        name="analisis_ubah",
    ),
    path(
        "kecamatan/<int:pk>/renstra/<int:renstra_pk>/indikator/tambah/",
        indikator_tambah,
        name="indikator_tambah",
    ),
    path("kecamatan/<int:pk>/indikator/<int:indikator_pk>/", indikator_detail, name="indikator_detail"),
    path("kecamatan/<int:pk>/indikator/<int:indikator_pk>/ubah/", indikator_ubah, name="indikator_ubah"),
    path("kecamatan/<int:pk>/indikator/<int:indikator_pk>/hapus/", indikator_hapus, name="indikator_hapus"),
    path(
        "kecamatan/<int:pk>/indikator/<int:indikator_pk>/pindah/", indikator_pindah, name="indikator_pindah"
    ),
    path(
        "kecamatan/<int:pk>/indikator/<int:indikator_pk>/target/",
        target_renstra_ubah,
        name="target_renstra_ubah",
    ),
]
