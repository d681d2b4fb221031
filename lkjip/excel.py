"""Excel (.xlsx) helpers shared by every download and upload (openpyxl): one look for every table
we write, and one way to read a typed number back with an Indonesian message that names the sheet,
row and column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lkjip.format import parse_angka

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel shows these with the reader's own separators: 1.234.567,89 on an Indonesian computer.
FORMAT_ANGKA = "#,##0.00"
FORMAT_BULAT = "#,##0"
FORMAT_RUPIAH = '"Rp"\\ #,##0.00'
FORMAT_TEKS = "@"

_TIPIS = Side(style="thin", color="999999")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_KEPALA_ISI = PatternFill("solid", fgColor="DCE6F1")


@dataclass(frozen=True)
class Kolom:
    """A column of a written table: its header, width (characters) and number format."""

    judul: str
    lebar: int = 14
    format: str | None = None


def buku_baru() -> Workbook:
    """An empty workbook without openpyxl's default sheet."""
    buku = Workbook()
    buku.remove(buku.active)
    return buku


def tulis_tabel(
    buku: Workbook,
    nama_lembar: str,
    kolom: Sequence[Kolom],
    baris: Iterable[Sequence[object]],
    *,
    judul: Sequence[str] = (),
) -> Worksheet:
    """Write one table on a new sheet: optional title lines, a bold header row with borders, the
    rows (Decimal stays a number, None an empty cell), frozen panes under the header and widths.
    Returns the sheet, so a caller can add notes under the table."""
    lembar = buku.create_sheet(nama_lembar[:31])
    for teks in judul:
        lembar.append([teks])
        lembar.cell(row=lembar.max_row, column=1).font = Font(bold=True)
    if judul:
        lembar.append([])
    lembar.append([k.judul for k in kolom])
    baris_kepala = lembar.max_row
    for i, k in enumerate(kolom, start=1):
        sel = lembar.cell(row=baris_kepala, column=i)
        sel.font = Font(bold=True)
        sel.fill = _KEPALA_ISI
        sel.border = _BINGKAI
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        lembar.column_dimensions[get_column_letter(i)].width = k.lebar
    for isi in baris:
        lembar.append([_sel(v) for v in isi])
        r = lembar.max_row
        for i, k in enumerate(kolom, start=1):
            sel = lembar.cell(row=r, column=i)
            sel.border = _BINGKAI
            sel.alignment = Alignment(vertical="top", wrap_text=k.format is None)
            if k.format:
                sel.number_format = k.format
    lembar.freeze_panes = lembar.cell(row=baris_kepala + 1, column=1)
    return lembar


def _sel(v: object) -> object:
    if isinstance(v, bool) or v is None or isinstance(v, int | float | Decimal | date):
        return v
    return str(v)


def respons_xlsx(buku: Workbook, nama_berkas: str) -> HttpResponse:
    """The workbook as a download."""
    isi = BytesIO()
    buku.save(isi)
    respons = HttpResponse(isi.getvalue(), content_type=MIME_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    return respons


def lokasi(lembar: str, baris: int, kolom: int | str) -> str:
    """Where a cell is, the way people say it: "Lembar 'Realisasi', baris 5, kolom D"."""
    huruf = kolom if isinstance(kolom, str) else get_column_letter(kolom)
    return f"Lembar '{lembar}', baris {baris}, kolom {huruf}"


def baca_angka(nilai: object) -> Decimal | None:
    """A cell as a number: typed as a number, or as Indonesian text ("1.555.446.741,00"); empty
    gives None. Raises ValueError with an Indonesian message otherwise."""
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise ValueError(f"{nilai!r} bukan angka")
    if isinstance(nilai, int | Decimal):
        return Decimal(nilai)
    if isinstance(nilai, float):
        # openpyxl reads numbers as float; repr is the shortest text that gives the same float.
        return Decimal(repr(nilai))
    teks = str(nilai).strip()
    if not teks:
        return None
    return parse_angka(teks)
