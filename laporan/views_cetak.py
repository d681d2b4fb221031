"""Where people get the report: the preview page (HTML), the PDF and the .xlsx of every table.

Everyone who may read the kecamatan may get them (operator and camat of the kecamatan, inspektorat
and admin of its kabupaten): another kecamatan answers 404, an anonymous visitor goes to the login
page. All three render the same frozen konteks (laporan/konteks/); the PDF module, and with it
WeasyPrint, is imported only when a PDF is asked for.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from laporan.alur import versi_laporan
from laporan.konteks import PERIODE_LAPORAN, KonteksLaporan, Sel, Tabel, konteks_laporan
from laporan.models import DokumenFinal
from laporan.views_alur import respons_pdf_ttd
from lkjip.akses import kecamatan_untuk
from lkjip.excel import FORMAT_ANGKA, FORMAT_BULAT, Kolom, buku_baru, respons_xlsx, tulis_tabel
from lkjip.models import Kecamatan

TAHUN_MIN = 2000
TAHUN_MAKS = 2100
FORMAT_XLSX = {"angka": FORMAT_ANGKA, "rupiah": FORMAT_ANGKA, "bulat": FORMAT_BULAT}


def _kecamatan(request: HttpRequest, pk: int, tahun: int) -> Kecamatan:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun laporan tidak dikenal.")
    return kecamatan_untuk(request, pk)


def _periode(request: HttpRequest) -> tuple[str, int | None]:
    """The report asked for: ?triwulan=N (1-4) or ?semester=N (1-2) -> a report during the year,
    nothing -> the yearly report. Anything else answers 404."""
    diminta = [(jenis, request.GET[jenis]) for jenis in PERIODE_LAPORAN if jenis in request.GET]
    if not diminta:
        return "tahunan", None
    if len(diminta) > 1:
        raise Http404("Pilih triwulan atau semester, tidak keduanya.")
    jenis, teks = diminta[0]
    if not teks.isdigit() or int(teks) not in PERIODE_LAPORAN[jenis]:
        raise Http404(f"Periode {jenis} tidak dikenal.")
    return jenis, int(teks)


def _konteks(request: HttpRequest, kecamatan: Kecamatan, tahun: int) -> KonteksLaporan:
    jenis, periode = _periode(request)
    return konteks_laporan(kecamatan, tahun, jenis=jenis, periode=periode)


def _nilai_xlsx(sel: Sel) -> object:
    return sel.nilai if sel.nilai is not None else sel.teks


def _baris_xlsx(tabel: Tabel) -> list[list[object]]:
    """The body as a rectangle: a cell spanning rows (a sasaran over its indicators) repeats its
    value on each row, so the sheet can be filtered; a cell spanning columns fills the first."""
    kisi = tabel.kisi_isi
    hasil: list[list[object]] = [["" for _ in range(tabel.jumlah_kolom)] for _ in kisi]
    for r, isi in enumerate(kisi):
        for k, sel in enumerate(isi):
            if sel is None:
                continue
            for dr in range(sel.rowspan):
                if r + dr < len(hasil):
                    hasil[r + dr][k] = _nilai_xlsx(sel)
    return hasil


def _kolom_xlsx(tabel: Tabel) -> list[Kolom]:
    kolom = []
    kisi = tabel.kisi_isi
    for k, judul in enumerate(tabel.judul_kolom):
        format_sel = next((r[k].format for r in kisi if r[k] is not None and r[k].format), "")
        lebar = max(8, min(60, (tabel.lebar_kolom[k] if k < len(tabel.lebar_kolom) else 12) * 2 // 3 + 6))
        kolom.append(Kolom(judul, lebar, FORMAT_XLSX.get(format_sel)))
    return kolom


def buku_tabel(konteks: KonteksLaporan) -> Workbook:
    """Every table of the report on a sheet of its own, named by its number ("Tabel 3.2"), with
    the report title, the table title, the numbers as numbers, and the source line under it."""
    buku = buku_baru()
    for tabel in konteks.tabel:
        lembar = tulis_tabel(
            buku,
            tabel.nomor,
            _kolom_xlsx(tabel),
            _baris_xlsx(tabel),
            judul=[konteks.judul, tabel.judul_lengkap],
        )
        lembar.append([])
        lembar.append([tabel.sumber])
        for catatan in tabel.catatan:
            lembar.append([catatan])
    if not buku.sheetnames:
        lembar = buku.create_sheet("Laporan")
        lembar.append([konteks.judul])
        lembar.append(["Laporan ini belum memuat tabel."])
    return buku


@login_required
@require_GET
def cetak_pratinjau(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = _kecamatan(request, pk, tahun)
    konteks = _konteks(request, kecamatan, tahun)
    jenis, periode = _periode(request)
    return render(
        request,
        "laporan/pdf/pratinjau.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "konteks": konteks,
            "layar": True,
            # Carried to the PDF and .xlsx links: "?triwulan=2" ("" for the yearly report).
            "kueri_periode": f"?{jenis}={periode}" if periode is not None else "",
        },
    )


@login_required
@require_GET
def cetak_pdf(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    # Imported here: rendering pulls in WeasyPrint, which pages that never print do not need.
    from laporan.pdf import render_pdf

    kecamatan = _kecamatan(request, pk, tahun)
    jenis, periode = _periode(request)
    if periode is None:
        versi = versi_laporan(kecamatan=kecamatan, tahun=tahun)
        dokumen = versi[-1].dokumen_final if versi else None
        if dokumen is not None and dokumen.status == DokumenFinal.Status.DITANDATANGANI:
            # A signed version is never rendered again: its stored, signed bytes are the report.
            return respons_pdf_ttd(dokumen)
    konteks = konteks_laporan(kecamatan, tahun, jenis=jenis, periode=periode)
    return HttpResponse(
        render_pdf(konteks),
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, konteks.nama_berkas)},
    )


@login_required
@require_GET
def cetak_xlsx(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = _kecamatan(request, pk, tahun)
    konteks = _konteks(request, kecamatan, tahun)
    return respons_xlsx(buku_tabel(konteks), konteks.nama_berkas_xlsx)


AWAL = "kecamatan/<int:pk>/laporan/<int:tahun>/cetak/"

urlpatterns = [
    path(AWAL, cetak_pratinjau, name="cetak_pratinjau"),
    path(f"{AWAL}pdf/", cetak_pdf, name="cetak_pdf"),
    path(f"{AWAL}xlsx/", cetak_xlsx, name="cetak_xlsx"),
]
