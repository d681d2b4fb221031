"""The review desk of Inspektorat (DESIGN.md §6, DOMAIN.md §6.4): every kecamatan and year of its
kabupaten with status, capaian organisasi, serapan and signing date (filterable, sortable,
paginated); one signed PDF or a .zip of all of a year; the recap .xlsx; and the review of one
report: open it, write notes (per section), return it or accept it.

The desk is open to inspektorat and admin kabupaten (admin reads only; `lkjip.meja_reviu`); every
other role answers 403. Review actions ask `bisa_mereviu` (inspektorat of the kecamatan's
kabupaten): another kabupaten 404, another role 403.
"""

from __future__ import annotations

import tempfile
import zipfile

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laporan import alur
from laporan import services as layanan
from laporan.kerangka import KERANGKA
from laporan.models import CatatanReviu, RiwayatStatus
from laporan.views_alur import (
    CatatanForm,
    LingkupAlur,
    _langkah_catatan,
    data_post,
    lingkup_alur,
    nama_berkas_ttd,
    pasang_kesalahan,
)
from lkjip.akses import kabupaten_meja_reviu
from lkjip.excel import FORMAT_ANGKA, FORMAT_RUPIAH, Kolom, buku_baru, respons_xlsx, tulis_tabel
from lkjip.format import format_tanggal

Aksi = RiwayatStatus.Aksi
PER_HALAMAN = 25
GET_POST = require_http_methods(["GET", "POST"])
URUTAN = {
    "kecamatan": "Kecamatan",
    "tahun": "Tahun",
    "status": "Status",
    "capaian": "Capaian",
    "serapan": "Serapan",
    "tanggal": "Tanggal tanda tangan",
}


# --- the desk -------------------------------------------------------------------------------------------


def _tahun_terpilih(request: HttpRequest, bawaan: int | None) -> int | None:
    """The year asked for ("semua": None); by default `bawaan` (alur.tahun_meja)."""
    nilai = request.GET.get("tahun", "")
    if nilai == "semua":
        return None
    if nilai.isdigit() and 1990 <= int(nilai) <= 2100:
        return int(nilai)
    return bawaan


def _kolom_urut(kueri: str, urut: str, *, semua_tahun: bool) -> dict[str, dict]:
    """Per sortable column: the link that sorts by it (again: the other way) and the current
    direction ("naik", "turun" or "")."""
    hasil = {}
    for kunci in URUTAN:
        arah = "naik" if urut == kunci else "turun" if urut == f"-{kunci}" else ""
        baru = f"-{kunci}" if arah == "naik" else kunci
        hasil[kunci] = {"url": f"?{kueri + '&' if kueri else ''}urut={baru}", "arah": arah}
    return hasil


@login_required
@require_GET
def meja_reviu(request: HttpRequest) -> HttpResponse:
    kabupaten = kabupaten_meja_reviu(request)
    daftar_tahun, bawaan = alur.tahun_meja(kabupaten)
    tahun = _tahun_terpilih(request, bawaan)
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    urut = request.GET.get("urut", "kecamatan")
    if urut.lstrip("-") not in URUTAN:
        urut = "kecamatan"
    baris = alur.baris_meja(kabupaten=kabupaten, tahun=tahun, q=q)
    if status in dict(alur.PILIHAN_STATUS_MEJA):
        baris = [b for b in baris if b.status == status]
    baris = alur.urutkan_meja(baris, urut)
    kueri = request.GET.copy()
    kueri.pop("halaman", None)
    kueri_urut = kueri.copy()
    kueri_urut.pop("urut", None)
    return render(
        request,
        "laporan/meja/meja_reviu.html",
        {
            "kabupaten": kabupaten,
            "halaman": Paginator(baris, PER_HALAMAN).get_page(request.GET.get("halaman")),
            "kueri": kueri.urlencode(),
            "kueri_urut": kueri_urut.urlencode(),
            "daftar_tahun": daftar_tahun,
            "tahun": tahun,
            "tahun_nilai": "semua" if tahun is None else str(tahun),
            "q": q,
            "status": status,
            "urut": urut,
            "pilihan_status": alur.PILIHAN_STATUS_MEJA,
            "kolom": _kolom_urut(kueri_urut.urlencode(), urut, semua_tahun=tahun is None),
            "jumlah_ttd": sum(1 for b in baris if b.dokumen is not None),
        },
    )


@login_required
@require_GET
def meja_zip(request: HttpRequest, tahun: int) -> HttpResponse:
    """The signed PDF in force (latest signed version) of every kecamatan for `tahun`, in one .zip."""
    kabupaten = kabupaten_meja_reviu(request)
    baris = [b for b in alur.baris_meja(kabupaten=kabupaten, tahun=tahun) if b.dokumen is not None]
    if not baris:
        raise Http404(f"Belum ada LKjIP tahun {tahun} yang ditandatangani.")
    # PDFs are compressed already: stored as they are, in a temporary file rather than in memory.
    berkas = tempfile.TemporaryFile()
    with zipfile.ZipFile(berkas, "w", compression=zipfile.ZIP_STORED) as arsip:
        for b in baris:
            try:
                with b.dokumen.berkas.open("rb") as pdf:
                    arsip.writestr(nama_berkas_ttd(b.dokumen.laporan), pdf.read())
            except FileNotFoundError:
                raise Http404(f"Berkas PDF {b.dokumen.laporan} tidak ditemukan di penyimpanan.") from None
    berkas.seek(0)
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=f"LKjIP-{tahun}-bertanda-tangan.zip",
        content_type="application/zip",
    )


@login_required
@require_GET
def meja_rekap(request: HttpRequest) -> HttpResponse:
    """The recap of every kecamatan of the year (or of all years with a report): status, capaian
    organisasi, IKM, budget and serapan; capaian per sasaran on a second sheet. Signed reports
    give the figures of their signed document; the others the current data, as the column
    "Sumber angka" says."""
    kabupaten = kabupaten_meja_reviu(request)
    tahun = _tahun_terpilih(request, alur.tahun_meja(kabupaten)[1])
    baris = alur.baris_meja(kabupaten=kabupaten, tahun=tahun)
    rekap, sasaran = [], []
    for b in baris:
        if b.dokumen is not None:
            angka = b.dokumen.ringkasan
            sumber = f"Dokumen bertanda tangan versi {b.dokumen.laporan.versi}"
        else:
            angka = alur.ringkasan_angka(b.kecamatan, b.tahun)
            sumber = "Data terkini (belum ditandatangani)"
        rekap.append(
            [
                b.kecamatan.nama,
                b.tahun,
                b.versi,
                b.nama_status,
                alur.desimal(angka.get("capaian_organisasi")),
                angka.get("predikat", ""),
                alur.desimal(angka.get("ikm")),
                angka.get("mutu_ikm", ""),
                alur.desimal(angka.get("pagu")),
                alur.desimal(angka.get("realisasi")),
                alur.desimal(angka.get("serapan")),
                format_tanggal(b.ditandatangani_pada.date()) if b.ditandatangani_pada else "",
                sumber,
            ]
        )
        for s in angka.get("sasaran", []):
            sasaran.append([b.kecamatan.nama, b.tahun, s["kode"], s["uraian"], alur.desimal(s["capaian"])])
    judul = f"Rekap LKjIP {'tahun ' + str(tahun) if tahun else 'semua tahun'}"
    buku = buku_baru()
    tulis_tabel(
        buku,
        "Rekap",
        [
            Kolom("Kecamatan", 24),
            Kolom("Tahun", 8),
            Kolom("Versi", 7),
            Kolom("Status", 16),
            Kolom("Capaian organisasi (%)", 14, FORMAT_ANGKA),
            Kolom("Predikat", 16),
            Kolom("IKM (konversi)", 12, FORMAT_ANGKA),
            Kolom("Mutu IKM", 14),
            Kolom("Pagu", 20, FORMAT_RUPIAH),
            Kolom("Realisasi", 20, FORMAT_RUPIAH),
            Kolom("Serapan (%)", 12, FORMAT_ANGKA),
            Kolom("Tanggal tanda tangan", 18),
            Kolom("Sumber angka", 34),
        ],
        rekap,
        judul=[judul, ", ".join(str(k) for k in kabupaten)],
    )
    tulis_tabel(
        buku,
        "Capaian sasaran",
        [
            Kolom("Kecamatan", 24),
            Kolom("Tahun", 8),
            Kolom("Kode", 8),
            Kolom("Sasaran", 60),
            Kolom("Capaian (%)", 12, FORMAT_ANGKA),
        ],
        sasaran,
        judul=[f"Capaian per sasaran — {judul.lower()}"],
    )
    return respons_xlsx(buku, f"Rekap-LKjIP-{tahun or 'semua'}.xlsx")


# --- reviewing one report -------------------------------------------------------------------------------


class CatatanReviuForm(forms.Form):
    kode = forms.ChoiceField(label="Bagian", required=False)
    teks = forms.CharField(
        label="Catatan",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Catatan wajib diisi."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].choices = [("", "Umum (seluruh laporan)")] + [(b.kode, b.judul) for b in KERANGKA]


def _lingkup_reviu(request: HttpRequest, pk: int, tahun: int, aksi: str) -> LingkupAlur:
    return lingkup_alur(request, pk, tahun, aksi=aksi)


@login_required
@GET_POST
def reviu_detail(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The review of the signed report: its document, the notes written so far, a form for a new
    note (per section), and the buttons to return or accept it."""
    lingkup = _lingkup_reviu(request, pk, tahun, Aksi.KEMBALIKAN)
    form = CatatanReviuForm(data_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            layanan.catatan_reviu_tambah(
                user=request.user,
                kecamatan=lingkup.kecamatan,
                tahun=tahun,
                kode=form.cleaned_data["kode"],
                teks=form.cleaned_data["teks"],
            )
        except ValidationError as e:
            pasang_kesalahan(e, form)
        else:
            messages.success(request, "Catatan reviu disimpan.")
            return redirect(reverse("laporan:reviu_detail", args=[pk, tahun]))
    catatan = alur.catatan_reviu_versi(lingkup.laporan) if lingkup.laporan else []
    return render(
        request,
        "laporan/meja/reviu_detail.html",
        lingkup.konteks(
            form=form,
            catatan=catatan,
            aksi=alur.aksi_tersedia(request.user, lingkup.laporan, lingkup.dokumen),
            penanda=alur.teks_penanda(lingkup.dokumen) if lingkup.dokumen else "",
            waktu_ttd=alur.teks_waktu(lingkup.dokumen.ditandatangani_pada) if lingkup.dokumen else "",
        ),
    )


@login_required
@require_POST
def reviu_buka(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = _lingkup_reviu(request, pk, tahun, Aksi.BUKA_REVIU)
    try:
        layanan.laporan_buka_reviu(user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Reviu LKjIP {lingkup.kecamatan.nama} {tahun} dimulai.")
    return redirect(reverse("laporan:reviu_detail", args=[pk, tahun]))


@login_required
@GET_POST
def reviu_catatan_hapus(request: HttpRequest, pk: int, tahun: int, catatan_pk: int) -> HttpResponse:
    lingkup = _lingkup_reviu(request, pk, tahun, Aksi.KEMBALIKAN)
    catatan = CatatanReviu.objects.filter(pk=catatan_pk, laporan=lingkup.laporan).first()
    if catatan is None:
        raise Http404("Catatan reviu tidak ditemukan.")
    catatan.laporan = lingkup.laporan
    url = reverse("laporan:reviu_detail", args=[pk, tahun])
    galat = ""
    if request.method == "POST":
        try:
            layanan.catatan_reviu_hapus(user=request.user, catatan=catatan)
        except ValidationError as e:
            galat = " ".join(e.messages)
        else:
            messages.success(request, "Catatan reviu dihapus.")
            return redirect(url)
    return render(
        request,
        "laporan/meja/catatan_hapus.html",
        lingkup.konteks(catatan=catatan, galat=galat, batal=url),
    )


@login_required
@GET_POST
def reviu_terima(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = _lingkup_reviu(request, pk, tahun, Aksi.TERIMA)
    return _langkah_catatan(
        request,
        lingkup,
        jalankan=lambda catatan: layanan.laporan_terima(
            user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun, catatan=catatan
        ),
        template="laporan/meja/reviu_terima.html",
        berhasil=f"LKjIP {lingkup.kecamatan.nama} {tahun} diterima.",
        wajib=False,
        label="Catatan penerimaan (boleh kosong)",
        tujuan=reverse("laporan:reviu_detail", args=[pk, tahun]),
    )


@login_required
@GET_POST
def reviu_kembalikan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = _lingkup_reviu(request, pk, tahun, Aksi.KEMBALIKAN)
    catatan = alur.catatan_reviu_versi(lingkup.laporan) if lingkup.laporan else []
    form = CatatanForm(
        data_post(request),
        wajib=True,
        label="Ringkasan catatan reviu",
        bantuan="Dikirim kepada operator dan camat bersama catatan per bagian di atas.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            baru = layanan.laporan_kembalikan(
                user=request.user,
                kecamatan=lingkup.kecamatan,
                tahun=tahun,
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as e:
            pasang_kesalahan(e, form)
        else:
            messages.success(
                request,
                f"LKjIP {lingkup.kecamatan.nama} {tahun} dikembalikan; kecamatan memperbaikinya sebagai "
                f"versi {baru.versi}.",
            )
            return redirect(reverse("laporan:meja_reviu") + f"?tahun={tahun}")
    return render(request, "laporan/meja/reviu_kembalikan.html", lingkup.konteks(form=form, catatan=catatan))


AWAL = "kecamatan/<int:pk>/laporan/<int:tahun>/reviu/"

urlpatterns = [
    path("meja-reviu/", meja_reviu, name="meja_reviu"),
    path("meja-reviu/rekap.xlsx", meja_rekap, name="meja_rekap"),
    path("meja-reviu/<int:tahun>/lkjip.zip", meja_zip, name="meja_zip"),
    path(AWAL, reviu_detail, name="reviu_detail"),
    path(f"{AWAL}buka/", reviu_buka, name="reviu_buka"),
    path(f"{AWAL}catatan/<int:catatan_pk>/hapus/", reviu_catatan_hapus, name="reviu_catatan_hapus"),
    path(f"{AWAL}terima/", reviu_terima, name="reviu_terima"),
    path(f"{AWAL}kembalikan/", reviu_kembalikan, name="reviu_kembalikan"),
]
