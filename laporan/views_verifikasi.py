"""The public verification page of a signed LKjIP (DESIGN.md §6): `/verifikasi/<kode>/`, the address
the QR code in the PDF names. No login: whoever holds the paper or the file sees which kecamatan,
year and version it is, who signed it and when, its SHA-256 and whether it still holds (or was
replaced by a later signed version), and may upload a PDF to check that it is that signed file,
byte for byte, and that its signature validates against the trusted CA (offline).
"""

from __future__ import annotations

import hashlib

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from laporan import alur
from laporan.models import DokumenFinal
from lkjip.unggah import BATAS_PDF, BerkasPdfField, teks_ukuran


class PeriksaBerkasForm(forms.Form):
    berkas = BerkasPdfField(
        label="Berkas PDF yang akan diperiksa",
        help_text=f"Paling besar {teks_ukuran(BATAS_PDF)}. Berkas tidak disimpan.",
        error_messages={"required": "Pilih berkas PDF yang akan diperiksa."},
    )

    def clean_berkas(self) -> bytes:
        # Checked by the field (size, %PDF-); the signature check needs the bytes whole.
        return self.cleaned_data["berkas"].read()


@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest, kode: str) -> HttpResponse:
    dokumen = (
        DokumenFinal.objects.select_related("laporan__kecamatan__kabupaten")
        .filter(kode=kode, status=DokumenFinal.Status.DITANDATANGANI)
        .first()
    )
    if dokumen is None:
        raise Http404("Dokumen tidak ditemukan atau belum ditandatangani.")
    form = PeriksaBerkasForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    hasil = None
    if request.method == "POST" and form.is_valid():
        # Imported here: pyHanko is only needed when someone checks a file.
        from laporan.tandatangan.verifikasi import periksa_pdf

        isi = form.cleaned_data["berkas"]
        sha256 = hashlib.sha256(isi).hexdigest()
        hasil = {
            "sama": sha256 == dokumen.sha256,
            "sha256": sha256,
            "tanda_tangan": periksa_pdf(isi),
        }
        hasil["sah"] = hasil["sama"] and hasil["tanda_tangan"].sah
    pengganti = alur.versi_pengganti(dokumen)
    return render(
        request,
        "laporan/verifikasi/dokumen_verifikasi.html",
        {
            "dokumen": dokumen,
            "laporan": dokumen.laporan,
            "pengganti": pengganti,
            "penanda": alur.teks_penanda(dokumen),
            "waktu": alur.teks_waktu(dokumen.ditandatangani_pada),
            "form": form,
            "hasil": hasil,
        },
    )


urlpatterns = [path("verifikasi/<slug:kode>/", verifikasi, name="verifikasi")]
