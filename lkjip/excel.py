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


# --- templates to fill in and uploads to read back --------------------------------------------------

BUKAN_XLSX = (
    'Berkas ini bukan buku kerja Excel .xlsx yang dapat dibaca; simpan ulang dari Excel sebagai "Buku Kerja '
    'Excel (*.xlsx)" lalu unggah lagi.'
)


def buka_buku(isi: bytes) -> Workbook:
    """An uploaded .xlsx as a workbook of values (a formula reads as the result Excel last computed).
    Raises ValueError in Indonesian when the bytes are not an .xlsx workbook (an old .xls, a CSV,
    a renamed file)."""
    # Imported here: only uploads need the reader.
    from openpyxl import load_workbook

    try:
        return load_workbook(BytesIO(isi), data_only=True)
    except Exception as e:
        # Damaged bytes fail anywhere in zipfile, zlib, the XML parser or openpyxl, each with its own
        # exception (BadZipFile, zlib.error, EOFError, SyntaxError, KeyError, ...): all mean the same.
        raise ValueError(BUKAN_XLSX) from e


def baca_teks(nilai: object) -> str:
    """A cell as trimmed text: empty for None, whole numbers without ".0" (a code typed as 12)."""
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return str(nilai).strip()


def _kunci_judul(teks: object) -> str:
    return " ".join(baca_teks(teks).casefold().split())


def cari_kolom(
    lembar: Worksheet, judul: Sequence[str], *, maks_baris: int = 20
) -> tuple[int, dict[str, int]] | None:
    """The header row of a table someone may have moved about: the first of the first `maks_baris`
    rows whose cells include `judul[0]` (compared without case or extra spaces). Returns that row's
    number and, for each title of `judul` found in it, its column number; None when no row has it."""
    dicari = {_kunci_judul(j): j for j in judul}
    pertama = _kunci_judul(judul[0])
    for nomor, isi in enumerate(lembar.iter_rows(max_row=maks_baris, values_only=True), start=1):
        kunci = [_kunci_judul(v) for v in isi]
        if pertama in kunci:
            kolom: dict[str, int] = {}
            for i, k in enumerate(kunci, start=1):
                if k in dicari and dicari[k] not in kolom:
                    kolom[dicari[k]] = i
            return nomor, kolom
    return None


def tambah_pilihan(
    lembar: Worksheet,
    kolom: int,
    baris_awal: int,
    baris_akhir: int,
    pilihan: Sequence[str],
    *,
    judul: str = "Pilihan tidak dikenal",
) -> None:
    """A drop-down list on a column range: Excel offers `pilihan` and refuses anything else with an
    Indonesian message. Items may not contain commas (Excel's list syntax)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if any("," in p or '"' in p for p in pilihan):
        raise ValueError("Pilihan daftar Excel tidak boleh berisi koma atau tanda kutip.")
    daftar = ", ".join(pilihan[:-1]) + f" atau {pilihan[-1]}" if len(pilihan) > 1 else "".join(pilihan)
    validasi = DataValidation(
        type="list",
        formula1='"' + ",".join(pilihan) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=judul[:32],
        error=f"Pilih {daftar}.",
        showInputMessage=True,
        promptTitle="Pilih dari daftar"[:32],
        prompt=f"Pilih {daftar}.",
    )
    lembar.add_data_validation(validasi)
    huruf = get_column_letter(kolom)
    validasi.add(f"{huruf}{baris_awal}:{huruf}{max(baris_awal, baris_akhir)}")


def tulis_petunjuk(
    buku: Workbook, nama_lembar: str, judul: str, paragraf: Sequence[str], *, lebar: int = 100
) -> Worksheet:
    """A sheet of instructions: a bold title, then one wrapped paragraph per row in one wide column."""
    lembar = buku.create_sheet(nama_lembar[:31])
    lembar.column_dimensions["A"].width = lebar
    lembar.append([judul])
    lembar["A1"].font = Font(bold=True, size=13)
    for teks in paragraf:
        lembar.append([teks])
        sel = lembar.cell(row=lembar.max_row, column=1)
        sel.alignment = Alignment(wrap_text=True, vertical="top")
    return lembar
