"""Editing the Perjanjian Kinerja: make the murni of a year, its perubahan, change the heading,
the target lines and the program lines, delete (after confirmation)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kinerja import selectors
from kinerja.forms.bidang import teks_nilai
from kinerja.forms.pk import (
    AlasanTargetForm,
    PilihTahunForm,
    PKForm,
    ProgramBaruFormSet,
    ProgramPKForm,
    ProgramUbahFormSet,
    TargetBaruFormSet,
    TargetPKForm,
    TargetUbahFormSet,
)
from kinerja.konflik import KonflikVersi
from kinerja.models import Indikator, PerjanjianKinerja
from kinerja.services import pk as layanan
from lkjip.akses import kecamatan_untuk
from lkjip.konfirmasi import hapus_setelah_konfirmasi
from lkjip.models import Kecamatan

Jenis = PerjanjianKinerja.Jenis
PESAN_PERIKSA = "Ada isian yang belum benar, jadi belum ada yang disimpan. Periksa isian bertanda merah."


def _dokumen(kecamatan: Kecamatan, tahun: int, jenis: str) -> PerjanjianKinerja:
    if jenis not in Jenis.values:
        raise Http404("Jenis PK tidak dikenal.")
    perjanjian = selectors.pk_dokumen(kecamatan=kecamatan, tahun=tahun, jenis=jenis)
    if perjanjian is None:
        raise Http404("Perjanjian Kinerja ini belum ada.")
    perjanjian.kecamatan = kecamatan
    return perjanjian


def _indikator_tahun(kecamatan: Kecamatan, tahun: int) -> dict[int, Indikator]:
    renstra = selectors.renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun)
    if renstra is None:
        return {}
    return {i.pk: i for i in selectors.indikator_renstra(renstra=renstra)}


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


def _pasang_konflik(e: KonflikVersi, formset) -> None:
    """Show on each target line's fields the values someone else saved since the form was opened."""
    for form in formset.forms:
        i = form.indikator_terpilih
        for nama, pesan in e.per_baris.get(i.pk if i else None, {}).items():
            form.add_error(nama, pesan)


def _gagal(request: HttpRequest, kesalahan: list[str]) -> list[str]:
    """What the page says above the form after a refused POST (the details are on the fields)."""
    return [PESAN_PERIKSA, *kesalahan] if request.method == "POST" else kesalahan


def _tahun_berikut(kecamatan: Kecamatan, tahun_boleh: list[int]) -> int | None:
    """The year offered first: the first allowed year after the latest PK, else the latest allowed."""
    terakhir = (
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )
    sesudah = [t for t in tahun_boleh if terakhir is None or t > terakhir]
    return sesudah[0] if sesudah else (tahun_boleh[-1] if tahun_boleh else None)


def _url_detail(kecamatan: Kecamatan, tahun: int) -> str:
    return reverse("kinerja:pk_detail", args=[kecamatan.pk, tahun])


@login_required
@require_http_methods(["GET", "POST"])
def pk_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    tahun_boleh = selectors.tahun_pk_baru(kecamatan=kecamatan)
    pilih = PilihTahunForm(
        request.GET if "tahun" in request.GET else None,
        tahun_boleh=tahun_boleh,
        initial={"tahun": _tahun_berikut(kecamatan, tahun_boleh)},
    )
    if not pilih.is_bound or not pilih.is_valid():
        return render(request, "kinerja/pk/pk_pilih_tahun.html", {"kecamatan": kecamatan, "form": pilih})
    tahun = pilih.cleaned_data["tahun"]
    renstra = selectors.renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun)
    indikator = {i.pk: i for i in selectors.indikator_renstra(renstra=renstra)}
    target_renstra = selectors.target_renstra_tahun(renstra=renstra, tahun=tahun)
    initial_target = [
        {
            "indikator": i.pk,
            "target": teks_nilai(t.nilai, t.label, t.pembanding) if (t := target_renstra.get(i.pk)) else "",
        }
        for i in indikator.values()
    ]
    data = request.POST if request.method == "POST" else None
    if data is None:
        pertama, kedua = selectors.pihak_bawaan(kecamatan=kecamatan, pada=date(tahun, 1, 2))
        initial_kepala = PKForm.initial_dari(tempat=kecamatan.nama, pihak_pertama=pertama, pihak_kedua=kedua)
    else:
        initial_kepala = None
    kepala = PKForm(data, prefix="pk", initial=initial_kepala)
    target = TargetBaruFormSet(
        data,
        prefix="target",
        initial=initial_target,
        form_kwargs={"indikator": indikator, "boleh_kosong": True},
    )
    program = ProgramBaruFormSet(data, prefix="program")
    kesalahan: list[str] = []
    if data is not None and all([kepala.is_valid(), target.is_valid(), program.is_valid()]):
        try:
            layanan.pk_buat(
                user=request.user,
                kecamatan=kecamatan,
                tahun=tahun,
                target=target.baris_target(),
                program=program.baris_program(),
                **kepala.data_kepala(),
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, kepala)
        else:
            messages.success(request, f"Perjanjian Kinerja {tahun} dibuat.")
            return redirect(_url_detail(kecamatan, tahun))
    return render(
        request,
        "kinerja/pk/pk_tambah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "renstra": renstra,
            "kepala": kepala,
            "target": target,
            "program": program,
            "kesalahan": _gagal(request, kesalahan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pk_perubahan_buat(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    if selectors.pk_dokumen(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.PERUBAHAN) is not None:
        messages.info(request, f"PK Perubahan {tahun} sudah ada; ubah dokumennya di sini.")
        return redirect(_url_detail(kecamatan, tahun))
    murni = selectors.pk_dokumen(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.MURNI)
    if murni is None and selectors.renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun) is None:
        raise Http404("Tidak ada Renstra yang mencakup tahun ini.")
    if murni is not None:
        initial = PKForm.initial_dari(
            tempat=murni.tempat, pihak_pertama=murni.pihak_pertama, pihak_kedua=murni.pihak_kedua
        )
    else:
        pertama, kedua = selectors.pihak_bawaan(kecamatan=kecamatan, pada=timezone.localdate())
        initial = PKForm.initial_dari(tempat=kecamatan.nama, pihak_pertama=pertama, pihak_kedua=kedua)
    form = PKForm(request.POST or None, prefix="pk", perubahan=True, initial=initial)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            layanan.pk_perubahan_buat(
                user=request.user,
                kecamatan=kecamatan,
                tahun=tahun,
                alasan=form.cleaned_data["alasan"],
                **form.data_kepala(),
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            asal = "sebagai salinan PK murni" if murni else "tanpa isi (belum ada PK murni)"
            messages.success(request, f"PK Perubahan {tahun} dibuat {asal}. PK murni tidak berubah.")
            return redirect(_url_detail(kecamatan, tahun))
    return render(
        request,
        "kinerja/pk/pk_perubahan_buat.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "murni": murni,
            "form": form,
            "kesalahan": _gagal(request, kesalahan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pk_ubah(request: HttpRequest, pk: int, tahun: int, jenis: str) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    perjanjian = _dokumen(kecamatan, tahun, jenis)
    perubahan = perjanjian.jenis == Jenis.PERUBAHAN
    form = PKForm(
        request.POST or None, prefix="pk", perubahan=perubahan, initial=PKForm.initial_pk(perjanjian)
    )
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            layanan.pk_ubah(
                user=request.user,
                perjanjian=perjanjian,
                alasan=form.cleaned_data.get("alasan", ""),
                **form.data_kepala(),
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{perjanjian} disimpan.")
            return redirect(_url_detail(kecamatan, tahun))
    return render(
        request,
        "kinerja/pk/pk_ubah.html",
        {
            "kecamatan": kecamatan,
            "perjanjian": perjanjian,
            "form": form,
            "kesalahan": _gagal(request, kesalahan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pk_hapus(request: HttpRequest, pk: int, tahun: int, jenis: str) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    perjanjian = _dokumen(kecamatan, tahun, jenis)

    def tujuan() -> str:
        if selectors.pk_tahun(kecamatan=kecamatan, tahun=tahun) is None:
            return reverse("kecamatan_detail", args=[kecamatan.pk])
        return _url_detail(kecamatan, tahun)

    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.pk_hapus(user=request.user, perjanjian=perjanjian),
        berhasil=f"{perjanjian} dihapus.",
        tujuan=tujuan,
        template="kinerja/pk/pk_hapus.html",
        konteks={
            "kecamatan": kecamatan,
            "perjanjian": perjanjian,
            "jumlah_target": len(perjanjian.target.all()),
            "jumlah_program": len(perjanjian.program.all()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pk_target_ubah(request: HttpRequest, pk: int, tahun: int, jenis: str) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    perjanjian = _dokumen(kecamatan, tahun, jenis)
    data = request.POST if request.method == "POST" else None
    formset = TargetUbahFormSet(
        data,
        prefix="target",
        initial=[TargetPKForm.initial_baris(b) for b in perjanjian.target.all()],
        form_kwargs={"indikator": _indikator_tahun(kecamatan, tahun)},
    )
    alasan = AlasanTargetForm(data)
    kesalahan: list[str] = []
    if data is not None and all([formset.is_valid(), alasan.is_valid()]):
        try:
            layanan.pk_target_ubah(
                user=request.user,
                perjanjian=perjanjian,
                target=formset.baris_target(),
                alasan=alasan.cleaned_data["alasan"],
            )
        except KonflikVersi as e:
            _pasang_konflik(e, formset)
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, alasan)
        else:
            messages.success(request, f"Target {perjanjian} disimpan.")
            return redirect(_url_detail(kecamatan, tahun))
    return render(
        request,
        "kinerja/pk/pk_target_ubah.html",
        {
            "kecamatan": kecamatan,
            "perjanjian": perjanjian,
            "target": formset,
            "alasan": alasan,
            "kesalahan": _gagal(request, kesalahan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pk_program_ubah(request: HttpRequest, pk: int, tahun: int, jenis: str) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    perjanjian = _dokumen(kecamatan, tahun, jenis)
    formset = ProgramUbahFormSet(
        request.POST if request.method == "POST" else None,
        prefix="program",
        initial=[ProgramPKForm.initial_program(p) for p in perjanjian.program.all()],
    )
    kesalahan: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            layanan.pk_program_ubah(user=request.user, perjanjian=perjanjian, program=formset.baris_program())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, None)
        else:
            messages.success(request, f"Program {perjanjian} disimpan.")
            return redirect(_url_detail(kecamatan, tahun))
    return render(
        request,
        "kinerja/pk/pk_program_ubah.html",
        {
            "kecamatan": kecamatan,
            "perjanjian": perjanjian,
            "program": formset,
            "kesalahan": _gagal(request, kesalahan),
        },
    )


urlpatterns = [
    path("kecamatan/<int:pk>/pk/tambah/", pk_tambah, name="pk_tambah"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/perubahan/", pk_perubahan_buat, name="pk_perubahan_buat"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/<str:jenis>/ubah/", pk_ubah, name="pk_ubah"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/<str:jenis>/hapus/", pk_hapus, name="pk_hapus"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/<str:jenis>/target/", pk_target_ubah, name="pk_target_ubah"),
    path("kecamatan/<int:pk>/pk/<int:tahun>/<str:jenis>/program/", pk_program_ubah, name="pk_program_ubah"),
]
