"""Pages of the approval workflow of a kecamatan's report (DESIGN.md §6): submit, return to draf,
approve (preconditions and warnings), sign (progress of the final PDF, then the passphrase),
revise a signed report as a new version, the signed PDF of each version, the audit timeline and
the workflow panel of the report page.

Everyone who may read the kecamatan sees the panel, the timeline and the signed PDFs; each action
asks its predicate of the transition table (laporan/alur.py): another kecamatan 404, another role
403. The services check again and refuse an unmet precondition with its reason (shown on the page).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laporan import alur
from laporan import services as layanan
from laporan.models import DokumenFinal, Laporan, RiwayatStatus
from laporan.selectors import laporan_terbaru
from lkjip.akses import kecamatan_untuk
from lkjip.models import Kecamatan

Aksi = RiwayatStatus.Aksi
TAHUN_MIN, TAHUN_MAKS = 1990, 2100
GET_POST = require_http_methods(["GET", "POST"])
# Inspektorat's steps are taken on the review page, which the report page links to.
AKSI_REVIU = (Aksi.BUKA_REVIU, Aksi.TERIMA, Aksi.KEMBALIKAN)
# The panel's buttons: the step forward first, the step back last.
URUTAN_TOMBOL = [Aksi.AJUKAN, Aksi.SETUJUI, Aksi.TANDATANGANI, Aksi.VERSI_BARU, Aksi.KEMBALIKAN_DRAF]


# --- forms ----------------------------------------------------------------------------------------


class CatatanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )

    def __init__(self, *args, wajib: bool = False, label: str = "Catatan", bantuan: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        medan = self.fields["catatan"]
        medan.required, medan.label, medan.help_text = wajib, label, bantuan
        if wajib:
            medan.error_messages["required"] = f"{label} wajib diisi."


class SetujuiForm(forms.Form):
    peringatan_diakui = forms.BooleanField(
        label="Saya telah membaca peringatan di atas dan tetap menyetujui laporan ini.", required=False
    )


class TandaTanganForm(forms.Form):
    frasa_sandi = forms.CharField(
        label="Frasa sandi sertifikat",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autofocus": True}),
        help_text="Frasa sandi berkas sertifikat tanda tangan elektronik Anda. Tidak disimpan.",
        error_messages={"required": "Frasa sandi sertifikat wajib diisi."},
    )


class RevisiForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Mis. koreksi realisasi indikator S2.1 setelah data BPS terbit.",
        error_messages={"required": "Tulis alasan perubahan laporan yang sudah ditandatangani."},
    )


def data_post(request: HttpRequest):
    """The POST data for a bound form, also when empty (an unchecked box, an optional note)."""
    return request.POST if request.method == "POST" else None


def pasang_kesalahan(e: ValidationError, form: forms.Form) -> None:
    """A service's refusal on the field it names, else on top of the form."""
    pesan = getattr(e, "message_dict", None) or {"__all__": e.messages}
    for nama, isi in pesan.items():
        form.add_error(nama if nama in form.fields else None, isi)


# --- scope ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LingkupAlur:
    kecamatan: Kecamatan
    tahun: int
    laporan: Laporan | None
    dokumen: DokumenFinal | None

    @property
    def url_detail(self) -> str:
        return reverse("laporan:isi_detail", args=[self.kecamatan.pk, self.tahun])

    def konteks(self, **lain) -> dict:
        return {
            "kecamatan": self.kecamatan,
            "tahun": self.tahun,
            "laporan": self.laporan,
            "dokumen": self.dokumen,
            "url_detail": self.url_detail,
            **lain,
        }


def lingkup_alur(request: HttpRequest, pk: int, tahun: int, *, aksi: str | None = None) -> LingkupAlur:
    """The kecamatan (readable, else 404), its latest report of `tahun` with its final document;
    with `aksi`, the user's role must allow it (else 403)."""
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun laporan tidak dikenal.")
    kecamatan = kecamatan_untuk(request, pk)
    if aksi is not None and not alur.boleh_peran(request.user, aksi, kecamatan):
        raise PermissionDenied(alur.TRANSISI[aksi].ditolak)
    laporan = laporan_terbaru(kecamatan=kecamatan, tahun=tahun)
    dokumen = None
    if laporan is not None:
        laporan.kecamatan = kecamatan
        dokumen = alur.dokumen_dari(laporan)
    return LingkupAlur(kecamatan, tahun, laporan, dokumen)


def _hal(request: HttpRequest, template: str, konteks: dict) -> HttpResponse:
    return render(request, f"laporan/alur/{template}", konteks)


def _langkah_catatan(
    request: HttpRequest,
    lingkup: LingkupAlur,
    *,
    jalankan,
    template: str,
    berhasil: str,
    wajib: bool,
    label: str,
    bantuan: str = "",
    tujuan: str | None = None,
    **lain,
) -> HttpResponse:
    """A workflow step confirmed by a form with a note (POST runs the service)."""
    form = CatatanForm(data_post(request), wajib=wajib, label=label, bantuan=bantuan)
    if request.method == "POST" and form.is_valid():
        try:
            jalankan(form.cleaned_data["catatan"])
        except ValidationError as e:
            pasang_kesalahan(e, form)
        else:
            messages.success(request, berhasil)
            return redirect(tujuan or lingkup.url_detail)
    return render(request, template, lingkup.konteks(form=form, **lain))


# --- the panel on the report page ---------------------------------------------------------------------


@login_required
@require_GET
def alur_panel(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The workflow card of the report page (loaded by htmx): status, version, the actions the
    user may take now, the signed documents and the notes the current version answers."""
    lingkup = lingkup_alur(request, pk, tahun)
    versi = alur.versi_laporan(kecamatan=lingkup.kecamatan, tahun=tahun)
    ditandatangani = [lap for lap in versi if lap.dokumen_final and lap.dokumen_final.ditandatangani]
    sebelumnya = versi[-2] if len(versi) > 1 else None
    aksi = alur.aksi_tersedia(request.user, lingkup.laporan, lingkup.dokumen)
    return _hal(
        request,
        "_panel.html",
        lingkup.konteks(
            aksi=sorted((a for a in aksi if a not in AKSI_REVIU), key=URUTAN_TOMBOL.index),
            boleh_reviu=any(a in AKSI_REVIU for a in aksi),
            ditandatangani=list(reversed(ditandatangani)),
            catatan_sebelumnya=alur.catatan_reviu_versi(sebelumnya) if sebelumnya else [],
            sebelumnya=sebelumnya,
        ),
    )


# --- steps of the kecamatan ---------------------------------------------------------------------------


@login_required
@GET_POST
def alur_ajukan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.AJUKAN)
    pemeriksaan = None
    if lingkup.laporan is not None and lingkup.laporan.status == Laporan.Status.DRAF:
        pemeriksaan = alur.periksa_laporan(lingkup.laporan)
    return _langkah_catatan(
        request,
        lingkup,
        jalankan=lambda catatan: layanan.laporan_ajukan(
            user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun, catatan=catatan
        ),
        template="laporan/alur/laporan_ajukan.html",
        berhasil=f"LKjIP {tahun} diajukan kepada camat.",
        wajib=False,
        label="Catatan untuk camat (boleh kosong)",
        pemeriksaan=pemeriksaan,
    )


@login_required
@GET_POST
def alur_kembalikan_draf(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.KEMBALIKAN_DRAF)
    return _langkah_catatan(
        request,
        lingkup,
        jalankan=lambda catatan: layanan.laporan_kembalikan_ke_draf(
            user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun, catatan=catatan
        ),
        template="laporan/alur/laporan_kembalikan_draf.html",
        berhasil=f"LKjIP {tahun} dikembalikan ke draf.",
        wajib=True,
        label="Yang harus diperbaiki",
    )


@login_required
@GET_POST
def alur_setujui(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The camat reads the preconditions and warnings, acknowledges the warnings and approves;
    the final PDF is then rendered in the background (alur_tandatangan shows its progress)."""
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.SETUJUI)
    url_ttd = reverse("laporan:alur_tandatangan", args=[pk, tahun])
    if lingkup.dokumen is not None and not lingkup.dokumen.ditandatangani:
        return redirect(url_ttd)
    pemeriksaan = None
    if lingkup.laporan is not None and lingkup.laporan.status == Laporan.Status.DIAJUKAN:
        pemeriksaan = alur.periksa_laporan(lingkup.laporan, user=request.user)
    form = SetujuiForm(data_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            layanan.laporan_setujui(
                user=request.user,
                kecamatan=lingkup.kecamatan,
                tahun=tahun,
                peringatan_diakui=form.cleaned_data["peringatan_diakui"],
            )
        except ValidationError as e:
            pasang_kesalahan(e, form)
        else:
            messages.success(request, "Laporan disetujui. PDF final sedang disusun untuk ditandatangani.")
            return redirect(url_ttd)
    return _hal(request, "laporan_setujui.html", lingkup.konteks(form=form, pemeriksaan=pemeriksaan))


@login_required
@sensitive_post_parameters("frasa_sandi")
@GET_POST
def alur_tandatangan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Progress of the final PDF (polled by htmx while it is rendered), then the passphrase form;
    the file is signed in the POST request itself."""
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.TANDATANGANI)
    if lingkup.dokumen is None:
        messages.info(request, "Setujui laporan terlebih dahulu; PDF final disusun setelah disetujui.")
        return redirect(reverse("laporan:alur_setujui", args=[pk, tahun]))
    form = TandaTanganForm(data_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            dokumen = layanan.laporan_tandatangani(
                user=request.user,
                kecamatan=lingkup.kecamatan,
                tahun=tahun,
                frasa_sandi=form.cleaned_data["frasa_sandi"],
            )
        except ValidationError as e:
            pasang_kesalahan(e, form)
        else:
            messages.success(
                request,
                f"LKjIP {tahun} versi {dokumen.laporan.versi} ditandatangani secara elektronik. "
                "Inspektorat telah diberi tahu.",
            )
            return redirect(lingkup.url_detail)
    return _hal(
        request,
        "laporan_tandatangan.html",
        lingkup.konteks(form=form, batas=layanan.batas_frasa_sandi(request.user), **_status(lingkup)),
    )


def _status(lingkup: LingkupAlur) -> dict:
    dok = lingkup.dokumen
    macet = bool(
        dok and dok.sedang_disusun and dok.disetujui_pada < timezone.now() - layanan.BATAS_PENYUSUNAN
    )
    return {
        "macet": macet,
        "url_status": reverse("laporan:alur_status", args=[lingkup.kecamatan.pk, lingkup.tahun]),
    }


@login_required
@require_GET
def alur_status(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The progress partial (htmx polling). Once the PDF is ready (or failed) the whole page is
    reloaded (HX-Refresh) to show the passphrase form or the reason."""
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.TANDATANGANI)
    if lingkup.dokumen is None:
        raise Http404("Laporan ini belum disetujui.")
    respons = _hal(request, "_status_penyusunan.html", lingkup.konteks(**_status(lingkup)))
    if request.htmx and not lingkup.dokumen.sedang_disusun:
        respons["HX-Refresh"] = "true"
    return respons


@login_required
@require_POST
def alur_susun_ulang(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.SETUJUI)
    try:
        layanan.laporan_susun_ulang(user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "PDF final disusun ulang.")
    return redirect(reverse("laporan:alur_tandatangan", args=[pk, tahun]))


@login_required
@GET_POST
def alur_revisi(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """A new version of a signed (or accepted) report, with the reason."""
    lingkup = lingkup_alur(request, pk, tahun, aksi=Aksi.VERSI_BARU)
    form = RevisiForm(data_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            baru = layanan.laporan_revisi(
                user=request.user,
                kecamatan=lingkup.kecamatan,
                tahun=tahun,
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as e:
            pasang_kesalahan(e, form)
        else:
            messages.success(
                request,
                f"Versi {baru.versi} dibuat sebagai draf. Versi {baru.versi - 1} yang ditandatangani tetap "
                "dapat diunduh dan diverifikasi.",
            )
            return redirect(lingkup.url_detail)
    return _hal(request, "laporan_revisi.html", lingkup.konteks(form=form))


# --- reading: signed PDFs and the timeline -----------------------------------------------------------


def nama_berkas_ttd(laporan: Laporan) -> str:
    """ "LKjIP-Ajibarang-2020-v2.pdf" """
    return f"LKjIP-{slugify(laporan.kecamatan.nama).title()}-{laporan.tahun}-v{laporan.versi}.pdf"


def respons_pdf_ttd(dokumen: DokumenFinal) -> FileResponse:
    """The stored signed bytes, as they were signed (never rendered again)."""
    try:
        berkas = dokumen.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas PDF bertanda tangan tidak ditemukan di penyimpanan.") from None
    return FileResponse(
        berkas, as_attachment=True, filename=nama_berkas_ttd(dokumen.laporan), content_type="application/pdf"
    )


@login_required
@require_GET
def alur_unduh(request: HttpRequest, pk: int, tahun: int, versi: int) -> HttpResponse:
    """The signed PDF of one version, for everyone who may read the kecamatan."""
    lingkup = lingkup_alur(request, pk, tahun)
    dokumen = (
        DokumenFinal.objects.select_related("laporan")
        .filter(
            status=DokumenFinal.Status.DITANDATANGANI,
            laporan__kecamatan=lingkup.kecamatan,
            laporan__tahun=tahun,
            laporan__jenis=Laporan.Jenis.TAHUNAN,
            laporan__versi=versi,
        )
        .first()
    )
    if dokumen is None:
        raise Http404("Versi ini belum ditandatangani.")
    dokumen.laporan.kecamatan = lingkup.kecamatan
    return respons_pdf_ttd(dokumen)


@login_required
@require_GET
def alur_riwayat(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The audit timeline: every step, note and review note of every version, the signed
    documents, and what changed in the report's data since the last signature."""
    lingkup = lingkup_alur(request, pk, tahun)
    linimasa = alur.linimasa_laporan(kecamatan=lingkup.kecamatan, tahun=tahun)
    return _hal(
        request,
        "laporan_riwayat.html",
        lingkup.konteks(
            linimasa=linimasa,
            aksi=alur.aksi_tersedia(request.user, lingkup.laporan, lingkup.dokumen),
        ),
    )


AWAL = "kecamatan/<int:pk>/laporan/<int:tahun>/"

urlpatterns = [
    path(f"{AWAL}alur/", alur_panel, name="alur_panel"),
    path(f"{AWAL}alur/ajukan/", alur_ajukan, name="alur_ajukan"),
    path(f"{AWAL}alur/kembalikan-ke-draf/", alur_kembalikan_draf, name="alur_kembalikan_draf"),
    path(f"{AWAL}alur/setujui/", alur_setujui, name="alur_setujui"),
    path(f"{AWAL}alur/tanda-tangan/", alur_tandatangan, name="alur_tandatangan"),
    path(f"{AWAL}alur/tanda-tangan/status/", alur_status, name="alur_status"),
    path(f"{AWAL}alur/susun-ulang/", alur_susun_ulang, name="alur_susun_ulang"),
    path(f"{AWAL}alur/revisi/", alur_revisi, name="alur_revisi"),
    path(f"{AWAL}alur/riwayat/", alur_riwayat, name="alur_riwayat"),
    path(f"{AWAL}versi/<int:versi>/pdf/", alur_unduh, name="alur_unduh"),
]
