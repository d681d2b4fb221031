"""Administration pages of an admin kabupaten: kecamatan with their desa, pejabat, accounts and roles,
and the kabupaten's predikat scale.

Every page first asks lkjip/akses.py: another role answers 403, an object of a kabupaten the admin
does not manage 404. Writes go through lkjip/services.py, which checks the same again; its
refusals are shown on the form field they concern.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.capaian import SKALA, Skala, kelas_warna
from lkjip import services
from lkjip.akses import (
    bisa_mengelola_akun,
    kabupaten_kelola,
    kabupaten_kelola_untuk,
    kecamatan_kelola_untuk,
    pejabat_kelola_untuk,
    pengguna_dikelola,
    pengguna_kelola_untuk,
    penugasan_kelola_untuk,
)
from lkjip.forms import (
    DESA_PREFIX,
    PITA_PREFIX,
    KecamatanForm,
    PejabatForm,
    PenggunaBuatForm,
    PenggunaUbahForm,
    PenugasanTambahForm,
    SandiAturForm,
    SkalaForm,
    desa_baris_baru,
    desa_formset,
    pita_baris_baru,
)
from lkjip.konfirmasi import hapus_setelah_konfirmasi
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat, Penugasan
from lkjip.unggah import BATAS_SERTIFIKAT, BerkasSertifikatField, teks_ukuran

PER_HALAMAN = 25
GET_POST = require_http_methods(["GET", "POST"])


def _galat_ke_form(form: BaseForm, galat: ValidationError) -> None:
    """Put a service's refusal on the field it names (or on top of the form)."""
    if hasattr(galat, "error_dict"):
        for nama, daftar in galat.error_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, galat)


def _daftar(request: HttpRequest, daftar: QuerySet) -> dict:
    """One page of a list, and the query string its page links keep (search, filter)."""
    kueri = request.GET.copy()
    kueri.pop("halaman", None)
    return {
        "halaman": Paginator(daftar, PER_HALAMAN).get_page(request.GET.get("halaman")),
        "kueri": kueri.urlencode(),
    }


def _kabupaten_dari_form(form: BaseForm, kabupaten: list[Kabupaten]) -> Kabupaten:
    return form.cleaned_data.get("kabupaten") or kabupaten[0]


# --- kecamatan ------------------------------------------------------------------------------------


def _kecamatan_daftar(kabupaten: list[Kabupaten], q: str) -> QuerySet[Kecamatan]:
    """The kecamatan with their desa count, user count and the camat in office today (subqueries:
    the number of queries does not grow with the list)."""
    hari_ini = timezone.localdate()

    def _jumlah(model, kolom: str) -> Coalesce:
        hitung = (
            model.objects.filter(kecamatan=OuterRef("pk"))
            .values("kecamatan")
            .annotate(n=Count(kolom, distinct=True))
            .values("n")
        )
        return Coalesce(Subquery(hitung, output_field=IntegerField()), Value(0))

    camat = (
        Pejabat.objects.filter(kecamatan=OuterRef("pk"), peran=Pejabat.Peran.KEPALA)
        .filter(Q(mulai__isnull=True) | Q(mulai__lte=hari_ini))
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=hari_ini))
        .order_by("-mulai", "-pk")
        .values("nama")[:1]
    )
    daftar = (
        Kecamatan.objects.filter(kabupaten__in=kabupaten)
        .select_related("kabupaten")
        .annotate(
            jumlah_desa=_jumlah(Desa, "pk"), jumlah_pengguna=_jumlah(Penugasan, "user"), camat=Subquery(camat)
        )
        .order_by("kabupaten__nama", "nama")
    )
    if q:
        daftar = daftar.filter(nama__icontains=q)
    return daftar


@login_required
@require_GET
def kecamatan_daftar(request: HttpRequest) -> HttpResponse:
    kabupaten = kabupaten_kelola(request)
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "lkjip/administrasi/kecamatan_daftar.html",
        {
            **_daftar(request, _kecamatan_daftar(kabupaten, q)),
            "q": q,
            "banyak_kabupaten": len(kabupaten) > 1,
            "menu": "kecamatan",
        },
    )


def _kecamatan_form(request: HttpRequest, kabupaten: list[Kabupaten], kecamatan: Kecamatan | None):
    data = request.POST if request.method == "POST" else None
    form = KecamatanForm(data, instance=kecamatan, kabupaten=None if kecamatan else kabupaten)
    formset = desa_formset(data, kecamatan=kecamatan)
    judul = f"Ubah {kecamatan}" if kecamatan else "Tambah kecamatan"
    if data is not None and form.is_valid() & formset.is_valid():
        try:
            disimpan = services.kecamatan_simpan(
                oleh=request.user,
                data=form.cleaned_data,
                kecamatan=kecamatan,
                kabupaten=None if kecamatan else _kabupaten_dari_form(form, kabupaten),
                desa=formset.daftar(),
            )
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            messages.success(request, f"Data {disimpan} disimpan.")
            return redirect("admin_kecamatan_daftar")
    return render(
        request,
        "lkjip/administrasi/kecamatan_form.html",
        {"form": form, "formset": formset, "judul": judul, "kecamatan": kecamatan, "menu": "kecamatan"},
    )


@login_required
@GET_POST
def kecamatan_tambah(request: HttpRequest) -> HttpResponse:
    return _kecamatan_form(request, kabupaten_kelola(request), None)


@login_required
@GET_POST
def kecamatan_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_kelola_untuk(request, pk)
    return _kecamatan_form(request, [kecamatan.kabupaten], kecamatan)


def _indeks_baris_baru(request: HttpRequest, prefix: str, *, maks: int) -> int:
    """The index of the row an htmx "add a row" request asks for: the formset's TOTAL_FORMS as sent,
    bounded (a tampered value gives a sane row, never an error)."""
    try:
        return max(0, min(int(request.GET.get(f"{prefix}-TOTAL_FORMS", "0")), maks))
    except ValueError:
        return 0


@login_required
@require_GET
def desa_baris(request: HttpRequest) -> HttpResponse:
    """htmx: one more empty desa row, and the formset's new TOTAL_FORMS (out of band)."""
    kabupaten_kelola(request)
    indeks = _indeks_baris_baru(request, DESA_PREFIX, maks=999)
    return render(
        request,
        "lkjip/administrasi/_desa_baris_baru.html",
        {"baris": desa_baris_baru(indeks), "total": indeks + 1, "prefix": DESA_PREFIX},
    )


@login_required
@GET_POST
def kecamatan_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_kelola_untuk(request, pk)
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: services.kecamatan_hapus(oleh=request.user, kecamatan=kecamatan),
        berhasil=f"{kecamatan} dihapus.",
        tujuan=reverse("admin_kecamatan_daftar"),
        template="lkjip/administrasi/kecamatan_hapus.html",
        konteks={"kecamatan": kecamatan, "jumlah_desa": kecamatan.desa.count(), "menu": "kecamatan"},
    )


# --- pejabat --------------------------------------------------------------------------------------


def _pejabat_daftar(kabupaten: list[Kabupaten], q: str, unit: str) -> QuerySet[Pejabat]:
    daftar = (
        Pejabat.objects.filter(Q(kabupaten__in=kabupaten) | Q(kecamatan__kabupaten__in=kabupaten))
        .select_related("kabupaten", "kecamatan__kabupaten")
        .order_by(
            Coalesce("kabupaten__nama", "kecamatan__kabupaten__nama"),
            Coalesce("kecamatan__nama", Value("")),
            "peran",
            "mulai",
            "pk",
        )
    )
    jenis, _, pk = unit.partition("-")
    if pk.isdigit():
        daftar = daftar.filter(**{"kabupaten_id" if jenis == "kab" else "kecamatan_id": int(pk)})
    if q:
        daftar = daftar.filter(Q(nama__icontains=q) | Q(nip__icontains=q) | Q(jabatan__icontains=q))
    return daftar


@login_required
@require_GET
def pejabat_daftar(request: HttpRequest) -> HttpResponse:
    kabupaten = kabupaten_kelola(request)
    q = request.GET.get("q", "").strip()
    unit = request.GET.get("unit", "")
    pilihan = PejabatForm(kabupaten=kabupaten).fields["unit"].choices[1:]
    # Several kabupaten (a superuser): choices grouped per kabupaten; one: a flat list.
    if pilihan and not isinstance(pilihan[0][1], str):
        pilihan_unit = [(grup, list(isi)) for grup, isi in pilihan]
    else:
        pilihan_unit = [("", pilihan)]
    return render(
        request,
        "lkjip/administrasi/pejabat_daftar.html",
        {
            **_daftar(request, _pejabat_daftar(kabupaten, q, unit)),
            "q": q,
            "unit": unit,
            "pilihan_unit": pilihan_unit,
            "menu": "pejabat",
        },
    )


def _pejabat_form(request: HttpRequest, kabupaten: list[Kabupaten], pejabat: Pejabat | None):
    data = request.POST if request.method == "POST" else None
    form = PejabatForm(
        data, instance=pejabat, kabupaten=kabupaten, initial={"unit": request.GET.get("unit", "")}
    )
    judul = f"Ubah pejabat {pejabat.nama}" if pejabat else "Tambah pejabat"
    if data is not None and form.is_valid():
        kecamatan, kab = form.cleaned_data["unit"]
        try:
            disimpan = services.pejabat_simpan(
                oleh=request.user, data=form.cleaned_data, pejabat=pejabat, kecamatan=kecamatan, kabupaten=kab
            )
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            messages.success(request, f"Data pejabat {disimpan.nama} disimpan.")
            return redirect("admin_pejabat_daftar")
    return render(
        request,
        "lkjip/administrasi/pejabat_form.html",
        {"form": form, "judul": judul, "pejabat": pejabat, "menu": "pejabat"},
    )


@login_required
@GET_POST
def pejabat_tambah(request: HttpRequest) -> HttpResponse:
    return _pejabat_form(request, kabupaten_kelola(request), None)


@login_required
@GET_POST
def pejabat_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pejabat = pejabat_kelola_untuk(request, pk)
    return _pejabat_form(request, kabupaten_kelola(request), pejabat)


@login_required
@GET_POST
def pejabat_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    pejabat = pejabat_kelola_untuk(request, pk)
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: services.pejabat_hapus(oleh=request.user, pejabat=pejabat),
        berhasil=f"Data pejabat {pejabat.nama} dihapus.",
        tujuan=reverse("admin_pejabat_daftar"),
        template="lkjip/administrasi/pejabat_hapus.html",
        konteks={"pejabat": pejabat, "akun": list(pejabat.akun.select_related("user")), "menu": "pejabat"},
    )


# --- accounts and roles ---------------------------------------------------------------------------


def _pengguna_daftar(user, q: str) -> QuerySet:
    daftar = (
        pengguna_dikelola(user)
        .prefetch_related(
            Prefetch(
                "penugasan",
                queryset=Penugasan.objects.select_related("kecamatan", "kabupaten").order_by("peran", "pk"),
            )
        )
        .order_by("username")
    )
    if q:
        daftar = daftar.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
        )
    return daftar


@login_required
@require_GET
def pengguna_daftar(request: HttpRequest) -> HttpResponse:
    kabupaten_kelola(request)
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "lkjip/administrasi/pengguna_daftar.html",
        {**_daftar(request, _pengguna_daftar(request.user, q)), "q": q, "menu": "pengguna"},
    )


@login_required
@GET_POST
def pengguna_tambah(request: HttpRequest) -> HttpResponse:
    kabupaten = kabupaten_kelola(request)
    data = request.POST if request.method == "POST" else None
    form = PenggunaBuatForm(data, kabupaten=kabupaten)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            pengguna = services.pengguna_buat(
                oleh=request.user,
                username=d["username"],
                nama_lengkap=d["nama_lengkap"],
                email=d["email"],
                sandi=d["sandi"],
                peran=d["peran"],
                kecamatan=d.get("kecamatan"),
                kabupaten=d.get("kabupaten"),
                pejabat=d.get("pejabat"),
            )
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            messages.success(request, f"Akun {pengguna.username} dibuat.")
            return redirect("admin_pengguna_ubah", pengguna.pk)
    return render(request, "lkjip/administrasi/pengguna_tambah.html", {"form": form, "menu": "pengguna"})


@login_required
@GET_POST
def pengguna_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """The account page: name and e-mail, its roles, and the account actions."""
    pengguna = pengguna_kelola_untuk(request, pk)
    kabupaten = kabupaten_kelola(request)
    data = request.POST if request.method == "POST" else None
    form = PenggunaUbahForm(data, initial={"nama_lengkap": pengguna.get_full_name(), "email": pengguna.email})
    if data is not None and form.is_valid():
        try:
            services.pengguna_ubah(
                oleh=request.user,
                pengguna=pengguna,
                nama_lengkap=form.cleaned_data["nama_lengkap"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            messages.success(request, f"Data akun {pengguna.username} disimpan.")
            return redirect("admin_pengguna_ubah", pengguna.pk)
    id_kabupaten = {k.pk for k in kabupaten}
    semua_peran = pengguna.penugasan.select_related("kecamatan", "kabupaten", "pejabat").order_by(
        "peran", "pk"
    )
    penugasan = [
        (p, request.user.is_superuser or (p.kabupaten_id or p.kecamatan.kabupaten_id) in id_kabupaten)
        for p in semua_peran
    ]
    return render(
        request,
        "lkjip/administrasi/pengguna_ubah.html",
        {
            "pengguna": pengguna,
            "form": form,
            "penugasan": penugasan,
            "boleh_kelola_akun": bisa_mengelola_akun(request.user, pengguna),
            "akun_sendiri": pengguna.pk == request.user.pk,
            "menu": "pengguna",
        },
    )


@login_required
@GET_POST
def pengguna_aktif(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST (aktif=1 or 0) reactivates or deactivates."""
    pengguna = pengguna_kelola_untuk(request, pk)
    galat = None
    if request.method == "POST":
        # The confirmation page says which way; without it, the opposite of the current state.
        aktif = request.POST.get("aktif", "0" if pengguna.is_active else "1") == "1"
        try:
            services.pengguna_aktifkan(oleh=request.user, pengguna=pengguna, aktif=aktif)
        except ValidationError as e:
            galat = " ".join(e.messages)
        else:
            keadaan = "diaktifkan kembali" if aktif else "dinonaktifkan"
            messages.success(request, f"Akun {pengguna.username} {keadaan}.")
            return redirect("admin_pengguna_ubah", pengguna.pk)
    return render(
        request,
        "lkjip/administrasi/pengguna_aktif.html",
        {"pengguna": pengguna, "galat": galat, "menu": "pengguna"},
    )


@login_required
@GET_POST
def pengguna_sandi(request: HttpRequest, pk: int) -> HttpResponse:
    pengguna = pengguna_kelola_untuk(request, pk)
    data = request.POST if request.method == "POST" else None
    form = SandiAturForm(data, pengguna=pengguna)
    if data is not None and form.is_valid():
        try:
            services.sandi_atur(oleh=request.user, pengguna=pengguna, sandi=form.cleaned_data["sandi"])
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            messages.success(
                request,
                f"Kata sandi {pengguna.username} diganti. Sampaikan kata sandi baru itu kepada pemiliknya.",
            )
            return redirect("admin_pengguna_ubah", pengguna.pk)
    return render(
        request,
        "lkjip/administrasi/pengguna_sandi.html",
        {"pengguna": pengguna, "form": form, "menu": "pengguna"},
    )


@login_required
@GET_POST
def penugasan_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    pengguna = pengguna_kelola_untuk(request, pk)
    kabupaten = kabupaten_kelola(request)
    data = request.POST if request.method == "POST" else None
    form = PenugasanTambahForm(data, kabupaten=kabupaten)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            penugasan = services.penugasan_tambah(
                oleh=request.user,
                pengguna=pengguna,
                peran=d["peran"],
                kecamatan=d.get("kecamatan"),
                kabupaten=d.get("kabupaten"),
                pejabat=d.get("pejabat"),
            )
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            lingkup = penugasan.kecamatan or penugasan.kabupaten
            messages.success(
                request, f"{pengguna.username} kini {penugasan.get_peran_display()} di {lingkup}."
            )
            return redirect("admin_pengguna_ubah", pengguna.pk)
    return render(
        request,
        "lkjip/administrasi/penugasan_tambah.html",
        {"pengguna": pengguna, "form": form, "menu": "pengguna"},
    )


@login_required
@GET_POST
def penugasan_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    penugasan = penugasan_kelola_untuk(request, pk)
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: services.penugasan_hapus(oleh=request.user, penugasan=penugasan),
        berhasil=(
            f"Peran {penugasan.get_peran_display()} di {penugasan.kecamatan or penugasan.kabupaten} "
            f"dicabut dari {penugasan.user.username}."
        ),
        tujuan=reverse("admin_pengguna_ubah", args=[penugasan.user_id]),
        template="lkjip/administrasi/penugasan_hapus.html",
        konteks={"penugasan": penugasan, "pengguna": penugasan.user, "menu": "pengguna"},
    )


# --- predikat scale -------------------------------------------------------------------------------


def _baris_skala(skala: Skala) -> list[dict]:
    """The bands as the page prints them: interval text and the badge class of their colour."""
    return [
        {"nomor": i, "pita": p, "interval": p.interval(), "kelas": kelas_warna(p.warna)}
        for i, p in enumerate(skala.pita, start=1)
    ]


def _ringkasan_skala(kabupaten: Kabupaten) -> dict:
    skala = kabupaten.skala()
    tersimpan = kabupaten.skala_capaian
    return {
        "kabupaten": kabupaten,
        "skala": skala,
        "baris": _baris_skala(skala),
        "preset": tersimpan if isinstance(tersimpan, str) else None,
        "bawaan": tersimpan is None,
    }


@login_required
@require_GET
def skala(request: HttpRequest) -> HttpResponse:
    """The menu entry: the scale of the one kabupaten administered, or a list when several."""
    kabupaten = kabupaten_kelola(request)
    if len(kabupaten) == 1:
        return redirect("admin_skala_detail", kabupaten[0].pk)
    return render(
        request,
        "lkjip/administrasi/skala_daftar.html",
        {"daftar": [_ringkasan_skala(k) for k in kabupaten], "menu": "skala"},
    )


@login_required
@require_GET
def skala_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kabupaten = kabupaten_kelola_untuk(request, pk)
    return render(
        request, "lkjip/administrasi/skala_detail.html", {**_ringkasan_skala(kabupaten), "menu": "skala"}
    )


@login_required
@GET_POST
def skala_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    kabupaten = kabupaten_kelola_untuk(request, pk)
    form = SkalaForm(request.POST if request.method == "POST" else None, kabupaten=kabupaten)
    if form.is_bound and form.is_valid():
        try:
            services.kabupaten_skala_simpan(
                oleh=request.user,
                kabupaten=kabupaten,
                skala_capaian=form.cleaned_data["skala_capaian"],
                batasi_capaian_100=form.cleaned_data["batasi_capaian_100"],
            )
        except ValidationError as galat:
            _galat_ke_form(form, galat)
        else:
            messages.success(request, f"Skala predikat {kabupaten} disimpan.")
            return redirect("admin_skala_detail", kabupaten.pk)
    return render(
        request,
        "lkjip/administrasi/skala_form.html",
        {
            "form": form,
            "formset": form.pita,
            "kabupaten": kabupaten,
            "preset": [(kunci, s, _baris_skala(s)) for kunci, s in SKALA.items()],
            "menu": "skala",
        },
    )


@login_required
@require_GET
def pita_baris(request: HttpRequest) -> HttpResponse:
    """htmx: one more empty band row, and the formset's new TOTAL_FORMS (out of band)."""
    kabupaten_kelola(request)
    indeks = _indeks_baris_baru(request, PITA_PREFIX, maks=99)
    return render(
        request,
        "lkjip/administrasi/_skala_pita_baris_baru.html",
        {"baris": pita_baris_baru(indeks), "total": indeks + 1, "prefix": PITA_PREFIX},
    )


# --- signing certificates of pejabat (DESIGN.md §6) -------------------------------------------------


class SertifikatForm(forms.Form):
    berkas = BerkasSertifikatField(
        label="Berkas sertifikat (.p12 atau .pfx)",
        help_text=f"PKCS#12 berisi kunci privat dan sertifikat, dilindungi frasa sandi. "
        f"Paling besar {teks_ukuran(BATAS_SERTIFIKAT)}. "
        "Frasa sandinya tidak diminta di sini: pejabat mengetiknya sendiri setiap kali menandatangani.",
    )


@login_required
@GET_POST
def pejabat_sertifikat(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload (or replace) the PKCS#12 a pejabat signs with. It is stored outside the database,
    still encrypted with the pejabat's passphrase (laporan/tandatangan/berkas.py)."""
    from laporan.tandatangan.penanda import ada_sertifikat, simpan_sertifikat

    pejabat = pejabat_kelola_untuk(request, pk)
    form = SertifikatForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        simpan_sertifikat(pejabat_id=pejabat.pk, p12_bytes=form.cleaned_data["berkas"])
        messages.success(request, f"Sertifikat tanda tangan elektronik {pejabat.nama} disimpan.")
        return redirect("admin_pejabat_daftar")
    return render(
        request,
        "lkjip/administrasi/pejabat_sertifikat.html",
        {"pejabat": pejabat, "form": form, "ada": ada_sertifikat(pejabat.pk), "menu": "pejabat"},
    )


@login_required
@require_GET
def administrasi(request: HttpRequest) -> HttpResponse:
    kabupaten_kelola(request)
    return redirect("admin_kecamatan_daftar")


urlpatterns = [
    path("administrasi/", administrasi, name="administrasi"),
    path("administrasi/kecamatan/", kecamatan_daftar, name="admin_kecamatan_daftar"),
    path("administrasi/kecamatan/tambah/", kecamatan_tambah, name="admin_kecamatan_tambah"),
    path("administrasi/kecamatan/<int:pk>/ubah/", kecamatan_ubah, name="admin_kecamatan_ubah"),
    path("administrasi/kecamatan/<int:pk>/hapus/", kecamatan_hapus, name="admin_kecamatan_hapus"),
    path("administrasi/kecamatan/baris-desa/", desa_baris, name="admin_desa_baris"),
    path("administrasi/pejabat/", pejabat_daftar, name="admin_pejabat_daftar"),
    path("administrasi/pejabat/tambah/", pejabat_tambah, name="admin_pejabat_tambah"),
    path("administrasi/pejabat/<int:pk>/ubah/", pejabat_ubah, name="admin_pejabat_ubah"),
    path("administrasi/pejabat/<int:pk>/hapus/", pejabat_hapus, name="admin_pejabat_hapus"),
    path("administrasi/pejabat/<int:pk>/sertifikat/", pejabat_sertifikat, name="admin_pejabat_sertifikat"),
    path("administrasi/pengguna/", pengguna_daftar, name="admin_pengguna_daftar"),
    path("administrasi/pengguna/tambah/", pengguna_tambah, name="admin_pengguna_tambah"),
    path("administrasi/pengguna/<int:pk>/", pengguna_ubah, name="admin_pengguna_ubah"),
    path("administrasi/pengguna/<int:pk>/aktif/", pengguna_aktif, name="admin_pengguna_aktif"),
    path("administrasi/pengguna/<int:pk>/sandi/", pengguna_sandi, name="admin_pengguna_sandi"),
    path("administrasi/pengguna/<int:pk>/peran/tambah/", penugasan_tambah, name="admin_penugasan_tambah"),
    path("administrasi/peran/<int:pk>/hapus/", penugasan_hapus, name="admin_penugasan_hapus"),
    path("administrasi/skala/", skala, name="admin_skala"),
    path("administrasi/skala/baris-pita/", pita_baris, name="admin_pita_baris"),
    path("administrasi/kabupaten/<int:pk>/skala/", skala_detail, name="admin_skala_detail"),
    path("administrasi/kabupaten/<int:pk>/skala/ubah/", skala_ubah, name="admin_skala_ubah"),
]
