"""Pages of the report app: the `lkjip-data/1` document in the browser (upload, preview, import;
download).

The import runs in three steps: upload (checked whole by the importer's preview, which writes
nothing), a summary of what would be created, changed and deleted, and the import on confirmation.
Between the two requests the document lives in the session with its SHA-256, and the confirmation
carries the SHA-256 it saw, so what is imported is exactly what was previewed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from laporan.forms import FormUnggahDokumen, sidik_teks, wilayah_galat
from laporan.interchange.ekspor import ekspor_lkjip
from laporan.interchange.impor import HasilImpor, impor_lkjip
from laporan.interchange.skema import baca_dokumen
from lkjip.akses import kabupaten_kelola, kecamatan_untuk
from lkjip.models import Kabupaten, Kecamatan

SESI_KEDALUWARSA = "Sesi pratinjau sudah kedaluwarsa, unggah ulang berkasnya."


@dataclass(frozen=True)
class _Tempat:
    """Where an import happens: one kecamatan (its staff) or a kabupaten (its admin)."""

    judul: str
    url: str
    url_batal: str
    kunci_sesi: str
    kecamatan: Kecamatan | None
    kabupaten: list[Kabupaten] | None
    ubah_kabupaten: bool

    def form(self, *args) -> FormUnggahDokumen:
        return FormUnggahDokumen(*args, kecamatan=self.kecamatan, kabupaten=self.kabupaten)


def pisah_galat(galat: list[str]) -> list[tuple[str, str]]:
    """`$.path: pesan` lines as (path, pesan), so the page can set the path apart."""
    hasil = []
    for baris in galat:
        jalur, _, pesan = baris.partition(": ")
        hasil.append((jalur, pesan) if jalur.startswith("$") and pesan else ("", baris))
    return hasil


def ringkasan_teks(hasil: HasilImpor) -> str:
    """'dibuat: 1 Renstra, 12 indikator; diubah: 2 realisasi' (only what is not zero)."""
    bagian = []
    for aksi in ("dibuat", "diubah", "dihapus"):
        isi = [f"{jumlah[aksi]} {jenis}" for jenis, jumlah in hasil.ringkasan.items() if jumlah[aksi]]
        if isi:
            bagian.append(f"{aksi}: {', '.join(isi)}")
    return "; ".join(bagian) if bagian else "tidak ada perubahan, data sudah sama dengan dokumen"


def _render_unggah(request, tempat: _Tempat, form, galat_dokumen: list[str] | None = None, status=200):
    return render(
        request,
        "laporan/impor_unggah.html",
        {
            "tempat": tempat,
            "kecamatan": tempat.kecamatan,
            "form": form,
            "galat_dokumen": pisah_galat(galat_dokumen or []),
        },
        status=status,
    )


def _impor(request: HttpRequest, tempat: _Tempat) -> HttpResponse:
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    if aksi == "batal":
        request.session.pop(tempat.kunci_sesi, None)
        messages.info(request, "Impor dibatalkan; tidak ada data yang diubah.")
        return redirect(tempat.url_batal)
    if aksi == "impor":
        return _impor_simpan(request, tempat)
    if request.method != "POST":
        return _render_unggah(request, tempat, tempat.form())

    form = tempat.form(request.POST, request.FILES)
    if not form.is_valid():
        return _render_unggah(request, tempat, form)
    hasil = impor_lkjip(
        form.cleaned_data["dokumen"],
        pengguna=request.user,
        pratinjau=True,
        ubah_kabupaten=tempat.ubah_kabupaten,
    )
    if hasil.galat:
        return _render_unggah(request, tempat, form, hasil.galat)
    nama_berkas = form.cleaned_data["berkas"].nama
    request.session[tempat.kunci_sesi] = {
        "teks": form.cleaned_data["teks"],
        "sha256": form.cleaned_data["sidik"],
        "nama_berkas": nama_berkas,
    }
    dok = form.cleaned_data["dokumen"]
    ringkasan = [(jenis, jumlah) for jenis, jumlah in hasil.ringkasan.items()]
    return render(
        request,
        "laporan/impor_pratinjau.html",
        {
            "tempat": tempat,
            "kecamatan": tempat.kecamatan,
            "hasil": hasil,
            "ringkasan": ringkasan,
            "jumlah": {aksi: sum(j[aksi] for _, j in ringkasan) for aksi in ("dibuat", "diubah", "dihapus")},
            "nama_kabupaten": dok["kabupaten"]["nama"],
            "nama_kecamatan": dok["kecamatan"]["nama"],
            "nama_berkas": nama_berkas,
            "sidik": form.cleaned_data["sidik"],
        },
    )


def _impor_simpan(request: HttpRequest, tempat: _Tempat) -> HttpResponse:
    simpanan = request.session.get(tempat.kunci_sesi)
    sidik = request.POST.get("sha256", "")
    if not simpanan or simpanan.get("sha256") != sidik or sidik_teks(simpanan.get("teks", "")) != sidik:
        request.session.pop(tempat.kunci_sesi, None)
        messages.error(request, SESI_KEDALUWARSA)
        return redirect(tempat.url)
    dok = baca_dokumen(simpanan["teks"])
    # The user's scope may have changed since the preview: ask again.
    galat = wilayah_galat(dok, kecamatan=tempat.kecamatan, kabupaten=tempat.kabupaten)
    hasil = (
        HasilImpor(galat=[galat])
        if galat
        else impor_lkjip(dok, pengguna=request.user, ubah_kabupaten=tempat.ubah_kabupaten)
    )
    request.session.pop(tempat.kunci_sesi, None)
    if hasil.galat:
        return _render_unggah(request, tempat, tempat.form(), hasil.galat)
    messages.success(
        request,
        f"Dokumen {simpanan['nama_berkas']} diimpor ke {hasil.kecamatan} ({hasil.kecamatan.kabupaten}): "
        f"{ringkasan_teks(hasil)}.",
    )
    return redirect("kecamatan_detail", pk=hasil.kecamatan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def impor_kecamatan(request: HttpRequest, pk: int) -> HttpResponse:
    """Operator and camat import a document of their own kecamatan; the kabupaten's data stays."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    tempat = _Tempat(
        judul=f"Impor data {kecamatan}",
        url=reverse("laporan:impor_kecamatan", args=[kecamatan.pk]),
        url_batal=reverse("kecamatan_detail", args=[kecamatan.pk]),
        kunci_sesi=f"impor_lkjip:kecamatan:{kecamatan.pk}",
        kecamatan=kecamatan,
        kabupaten=[kecamatan.kabupaten],
        ubah_kabupaten=False,
    )
    return _impor(request, tempat)


@login_required
@require_http_methods(["GET", "POST"])
def impor_kabupaten(request: HttpRequest) -> HttpResponse:
    """Admin kabupaten import a document of any kecamatan (new or existing) of their kabupaten."""
    kabupaten = kabupaten_kelola(request)
    tempat = _Tempat(
        judul="Impor data kecamatan",
        url=reverse("laporan:impor_kabupaten"),
        url_batal=reverse("beranda"),
        kunci_sesi="impor_lkjip:kabupaten",
        kecamatan=None,
        kabupaten=None if request.user.is_superuser else kabupaten,
        ubah_kabupaten=True,
    )
    return _impor(request, tempat)


def teks_dokumen(dokumen: dict) -> str:
    """The document as `manage.py ekspor_lkjip` writes it."""
    return json.dumps(dokumen, ensure_ascii=False, indent=1) + "\n"


@login_required
@require_http_methods(["GET"])
def ekspor_kecamatan(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone who may read the kecamatan downloads its `lkjip-data/1` document."""
    kecamatan = kecamatan_untuk(request, pk)
    try:
        dokumen = ekspor_lkjip(kecamatan)
    except ValueError as e:
        messages.warning(request, str(e))
        return redirect("kecamatan_detail", pk=kecamatan.pk)
    nama = (
        f"lkjip-{slugify(kecamatan.kabupaten.nama)}-{slugify(kecamatan.nama)}-"
        f"{timezone.localdate():%Y%m%d}.json"
    )
    return HttpResponse(
        teks_dokumen(dokumen),
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, nama)},
    )


urlpatterns = [
    path("kecamatan/<int:pk>/impor/", impor_kecamatan, name="impor_kecamatan"),
    path("kecamatan/<int:pk>/ekspor/", ekspor_kecamatan, name="ekspor_kecamatan"),
    path("administrasi/impor/", impor_kabupaten, name="impor_kabupaten"),
]
