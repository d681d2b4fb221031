"""Uploads: form fields that judge a file by its content, never by its name or the content type the
browser sends, each with a size limit, and an Indonesian message on the field when refused.

Limits (bytes, 1 MB = 1024 × 1024):

- JSON interchange document, 5 MB: a kecamatan's whole `lkjip-data/1` export for five years is
  about 50-200 KB (data/demo); the text is kept in the session between preview and import, so the
  limit stays modest.
- Excel workbook, 5 MB, and 50 MB once unpacked, at most 1.000 parts: the app's templates are
  20-50 KB; a budget sheet exported from another system is rarely above 1 MB. An .xlsx is a zip, so
  the unpacked size is what openpyxl has to read (a "zip bomb" is a few KB packed, gigabytes
  unpacked). Python's zipfile stops at the sizes the archive declares, so checking the declared
  sizes is enough.
- PDF, 30 MB: a signed LKjIP with scanned appendices.
- Image (JPEG/PNG), 5 MB and 40 megapixels: a scan of an A4 page at 300 dpi is about 9 megapixels;
  Pillow refuses decompression bombs above MAKS_PIKSEL before decoding.
- Certificate (PKCS#12), 100 KB: a key, its certificate and a chain are a few KB.

Every field returns the upload rewound to its start (or, for JSON and certificates, what was read),
so the importer reads it once. A whole request is capped by `BatasUkuranPermintaanMiddleware`
(settings.LKJIP_BATAS_PERMINTAAN) before any field sees it.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from lkjip.excel import BUKAN_XLSX
from lkjip.format import format_angka

KB = 1024
MB = 1024 * 1024

BATAS_JSON = 5 * MB
BATAS_EXCEL = 5 * MB
BATAS_EXCEL_TERURAI = 50 * MB
MAKS_ENTRI_EXCEL = 1000
BATAS_PDF = 30 * MB
BATAS_GAMBAR = 5 * MB
MAKS_PIKSEL = 40_000_000
BATAS_SERTIFIKAT = 100 * KB
MAKS_KEDALAMAN_JSON = 64
# A request carrying the largest upload (a 30 MB PDF) plus the form around it.
BATAS_PERMINTAAN = 32 * MB

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TERLALU_BESAR = "Berkas terlalu besar ({ukuran}); batasnya {batas}."
BERKAS_KOSONG = "Berkas yang dipilih kosong."
XLS_LAMA = (
    "Berkas ini buku kerja Excel lama (.xls) atau buku kerja yang dilindungi kata sandi. Buka di Excel, "
    'hapus kata sandinya bila ada, lalu simpan sebagai "Buku Kerja Excel (*.xlsx)" dan unggah lagi.'
)
XLSM = (
    "Berkas ini buku kerja Excel bermakro (.xlsm); makro tidak diterima. Simpan sebagai "
    '"Buku Kerja Excel (*.xlsx)" lalu unggah lagi.'
)
XLSB = (
    'Berkas ini buku kerja biner Excel (.xlsb). Simpan sebagai "Buku Kerja Excel (*.xlsx)" lalu unggah lagi.'
)
BUKAN_PDF = "Berkas ini bukan PDF (isinya tidak diawali penanda %PDF-). Pilih berkas PDF."
BUKAN_GAMBAR = (
    "Berkas ini bukan gambar JPEG atau PNG yang utuh. Unggah hasil pindaian dalam format JPEG atau PNG."
)
BUKAN_UTF8 = "Berkas bukan teks UTF-8; simpan ulang sebagai UTF-8."

# The messages of Python's json module, in the words an operator understands.
PESAN_JSON = {
    "Expecting value": "nilai tidak ditemukan",
    "Expecting property name enclosed in double quotes": "nama kolom harus diapit tanda kutip ganda",
    "Expecting ',' delimiter": "tanda koma (,) tidak ada",
    "Expecting ':' delimiter": "tanda titik dua (:) tidak ada",
    "Extra data": "ada teks lain sesudah akhir dokumen",
    "Unterminated string starting at": "teks tidak ditutup dengan tanda kutip",
    "Invalid control character at": "ada karakter kontrol di dalam teks",
}
JENIS_JSON = {list: "daftar", str: "teks", int: "angka", Decimal: "angka", bool: "nilai benar/salah"}

# Formats recognised only to name them in the refusal; Pillow is asked for JPEG and PNG alone.
_TANDA_GAMBAR_LAIN = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF-", "PDF"),
)
FORMAT_GAMBAR = ("JPEG", "PNG")
# What an upload to a JSON field most often is instead, to say so.
_TANDA_BUKAN_JSON = (
    (b"PK\x03\x04", "berkas Excel (.xlsx) atau arsip ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "berkas Excel lama (.xls) atau Word lama (.doc)"),
    (b"%PDF-", "berkas PDF"),
    (b"\x89PNG", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def teks_ukuran(bita: int) -> str:
    """A size the way the messages print it: "12,4 MB", "101 KB", "532 bita"; rounded UP (to 0,1 MB
    or 1 KB), so a file just over a limit never reads as the limit itself."""
    if bita >= MB:
        mb = (Decimal(bita) / MB).quantize(Decimal("0.1"), rounding=ROUND_CEILING)
        return f"{format_angka(mb, 0 if mb == mb.to_integral_value() else 1)} MB"
    if bita >= KB:
        return f"{format_angka((Decimal(bita) / KB).to_integral_value(rounding=ROUND_CEILING), 0)} KB"
    return f"{format_angka(bita, 0)} bita"


def pesan_terlalu_besar(ukuran: int, batas: int) -> str:
    return TERLALU_BESAR.format(ukuran=teks_ukuran(ukuran), batas=teks_ukuran(batas))


def bantuan_batas(batas: int) -> str:
    """ "paling besar 5 MB" """
    return f"paling besar {teks_ukuran(batas)}"


def pesan_json(e: json.JSONDecodeError) -> str:
    return f"$: bukan JSON yang valid (baris {e.lineno}, kolom {e.colno}): {PESAN_JSON.get(e.msg, e.msg)}"


# --- the fields ---------------------------------------------------------------------------------------


class BerkasField(forms.FileField):
    """A file of one kind: at most `batas` bytes, then `periksa` judges the content.

    Subclasses set `batas`, `accept` (the hint to the browser's file picker, not a check) and
    `pesan_wajib`, and implement `periksa(berkas)`, which raises ValidationError or returns the
    field's value. The size is what the server received (UploadedFile.size), not what the browser
    claimed."""

    batas: int = 0
    accept: str = ""
    pesan_wajib = "Pilih berkas yang akan diunggah."
    saran_besar = ""

    def __init__(self, *, batas: int | None = None, **kwargs) -> None:
        if batas is not None:
            self.batas = batas
        pesan = {"required": self.pesan_wajib, "empty": BERKAS_KOSONG, **kwargs.pop("error_messages", {})}
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": self.accept}))
        super().__init__(error_messages=pesan, **kwargs)

    def clean(self, data, initial=None):
        berkas = super().clean(data, initial)
        if not berkas:
            return berkas
        if berkas.size > self.batas:
            raise forms.ValidationError(
                f"{pesan_terlalu_besar(berkas.size, self.batas)}{self.saran_besar}", code="terlalu_besar"
            )
        try:
            berkas.seek(0)
            return self.periksa(berkas)
        finally:
            berkas.seek(0)

    def periksa(self, berkas):
        raise NotImplementedError


@dataclass(frozen=True)
class BerkasJson:
    """A JSON upload: its name (as the user's computer called it; shown, never used as a path), the
    text as uploaded and the parsed object (decimals exact, never through float)."""

    nama: str
    teks: str
    dokumen: dict


def _tolak_konstanta(nama: str):
    raise ValueError(f"{nama} bukan nilai JSON yang sah")


def _kedalaman(dokumen) -> int:
    """The nesting depth of parsed JSON, without recursion."""
    terdalam, tumpukan = 0, [(dokumen, 1)]
    while tumpukan:
        nilai, tingkat = tumpukan.pop()
        if isinstance(nilai, dict | list):
            terdalam = max(terdalam, tingkat)
            anak = nilai.values() if isinstance(nilai, dict) else nilai
            tumpukan.extend((a, tingkat + 1) for a in anak if isinstance(a, dict | list))
    return terdalam


def baca_json(isi: bytes) -> tuple[str, dict]:
    """UTF-8 bytes (a byte order mark is tolerated) as (text, JSON object); ValidationError
    otherwise. Decimals are parsed exactly (as laporan.interchange.skema.baca_dokumen does)."""
    for tanda, jenis in _TANDA_BUKAN_JSON:
        if isi.startswith(tanda):
            raise forms.ValidationError(f"Berkas ini {jenis}, bukan dokumen JSON.", code="bukan_json")
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise forms.ValidationError(BUKAN_UTF8, code="bukan_utf8") from None
    try:
        dokumen = json.loads(teks, parse_float=Decimal, parse_constant=_tolak_konstanta)
    except json.JSONDecodeError as e:
        raise forms.ValidationError(pesan_json(e), code="bukan_json") from None
    except RecursionError:
        raise forms.ValidationError(
            f"$: susunan dokumen terlalu dalam (lebih dari {MAKS_KEDALAMAN_JSON} tingkat).", code="dalam"
        ) from None
    except ValueError as e:
        # NaN/Infinity, or an integer longer than Python converts (4.300 digits).
        pesan = str(e) if "bukan nilai JSON" in str(e) else "ada angka dengan terlalu banyak digit"
        raise forms.ValidationError(f"$: bukan JSON yang valid: {pesan}.", code="bukan_json") from None
    if not isinstance(dokumen, dict):
        jenis = "null" if dokumen is None else JENIS_JSON.get(type(dokumen), "nilai tunggal")
        raise forms.ValidationError(
            f"$: dokumen harus berupa objek JSON (diawali tanda {{), bukan {jenis}.", code="bukan_objek"
        )
    if _kedalaman(dokumen) > MAKS_KEDALAMAN_JSON:
        raise forms.ValidationError(
            f"$: susunan dokumen terlalu dalam (lebih dari {MAKS_KEDALAMAN_JSON} tingkat).", code="dalam"
        )
    return teks, dokumen


class BerkasJsonField(BerkasField):
    """A JSON document (an object at the top). Value: BerkasJson."""

    batas = BATAS_JSON
    accept = ".json,application/json"
    pesan_wajib = "Pilih berkas dokumen .json terlebih dahulu."

    def periksa(self, berkas) -> BerkasJson:
        teks, dokumen = baca_json(berkas.read())
        return BerkasJson(nama=berkas.name, teks=teks, dokumen=dokumen)


def periksa_xlsx(berkas) -> None:
    """An Office Open XML workbook without macros, judged by its bytes: a zip archive holding
    [Content_Types].xml and xl/workbook.xml, within the unpacked size and part count limits, every
    part stored or deflated and not encrypted (what openpyxl can read). Reads the archive's
    directory only, not its content."""
    awal = berkas.read(8)
    if awal == _OLE2:
        raise forms.ValidationError(XLS_LAMA, code="xls")
    if awal[:4] != _ZIP:
        raise forms.ValidationError(BUKAN_XLSX, code="bukan_xlsx")
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            bagian = arsip.infolist()
            if len(bagian) > MAKS_ENTRI_EXCEL:
                raise forms.ValidationError(
                    f"Berkas Excel ini terdiri atas terlalu banyak bagian ({format_angka(len(bagian), 0)}); "
                    f"batasnya {format_angka(MAKS_ENTRI_EXCEL, 0)}. Simpan ulang hanya lembar yang "
                    "diperlukan.",
                    code="terlalu_banyak_bagian",
                )
            terurai = sum(b.file_size for b in bagian)
            if terurai > BATAS_EXCEL_TERURAI:
                raise forms.ValidationError(
                    f"Isi berkas Excel terlalu besar setelah diekstrak ({teks_ukuran(terurai)}); batasnya "
                    f"{teks_ukuran(BATAS_EXCEL_TERURAI)}. Hapus lembar, baris atau gambar yang tidak "
                    "diperlukan, lalu unggah lagi.",
                    code="terlalu_besar_terurai",
                )
            nama = {b.filename for b in bagian}
            if "xl/workbook.bin" in nama:
                raise forms.ValidationError(XLSB, code="xlsb")
            if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
                raise forms.ValidationError(BUKAN_XLSX, code="bukan_xlsx")
            if any(b.flag_bits & 0x1 for b in bagian) or any(
                b.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for b in bagian
            ):
                raise forms.ValidationError(BUKAN_XLSX, code="bukan_xlsx")
            jenis = arsip.getinfo("[Content_Types].xml")
            ada_makro = any(n.lower().endswith("vbaproject.bin") for n in nama) or (
                jenis.file_size <= MB and b"macroenabled" in arsip.read(jenis).lower()
            )
            if ada_makro:
                raise forms.ValidationError(XLSM, code="xlsm")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError):
        raise forms.ValidationError(BUKAN_XLSX, code="bukan_xlsx") from None


class BerkasExcelField(BerkasField):
    """An .xlsx workbook (see periksa_xlsx). Value: the upload, rewound."""

    batas = BATAS_EXCEL
    accept = f".xlsx,{MIME_XLSX}"
    pesan_wajib = "Pilih berkas Excel (.xlsx) terlebih dahulu."
    saran_besar = " Hapus lembar, baris atau gambar yang tidak diperlukan, lalu unggah lagi."

    def periksa(self, berkas):
        periksa_xlsx(berkas)
        return berkas


class BerkasPdfField(BerkasField):
    """A PDF (the bytes start with %PDF-). Value: the upload, rewound."""

    batas = BATAS_PDF
    accept = ".pdf,application/pdf"
    pesan_wajib = "Pilih berkas PDF."

    def periksa(self, berkas):
        if berkas.read(5) != b"%PDF-":
            raise forms.ValidationError(BUKAN_PDF, code="bukan_pdf")
        return berkas


def periksa_gambar(berkas) -> tuple[str, int, int]:
    """(format, lebar, tinggi) of a JPEG or PNG decoded whole by Pillow; ValidationError when it is
    another type, damaged, or more than MAKS_PIKSEL pixels (checked from the header, before
    decoding: no decompression bomb is ever decoded)."""
    from PIL import Image, UnidentifiedImageError

    awal = berkas.read(16)
    for tanda, nama in _TANDA_GAMBAR_LAIN:
        if awal.startswith(tanda):
            raise forms.ValidationError(
                f"Gambar berformat {nama} tidak diterima. Unggah gambar JPEG atau PNG.", code="format"
            )
    if awal[:4] == b"RIFF" and awal[8:12] == b"WEBP":
        raise forms.ValidationError(
            "Gambar berformat WebP tidak diterima. Unggah gambar JPEG atau PNG.", code="format"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            berkas.seek(0)
            with Image.open(berkas, formats=FORMAT_GAMBAR) as img:
                jenis = img.format
                lebar, tinggi = img.size
                if lebar * tinggi > MAKS_PIKSEL:
                    raise forms.ValidationError(
                        f"Gambar terlalu besar ({format_angka(lebar, 0)} × {format_angka(tinggi, 0)} "
                        f"piksel); batasnya {format_angka(MAKS_PIKSEL // 1_000_000, 0)} megapiksel. "
                        "Perkecil resolusi pindaian.",
                        code="piksel",
                    )
                img.verify()
            berkas.seek(0)
            with Image.open(berkas, formats=FORMAT_GAMBAR) as img:
                img.load()
    except forms.ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(
            f"Gambar terlalu besar (lebih dari {format_angka(MAKS_PIKSEL // 1_000_000, 0)} megapiksel). "
            "Perkecil resolusi pindaian.",
            code="piksel",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning):
        raise forms.ValidationError(BUKAN_GAMBAR, code="bukan_gambar") from None
    return jenis, lebar, tinggi


class BerkasGambarField(BerkasField):
    """A JPEG or PNG image (see periksa_gambar). Value: the upload, rewound."""

    batas = BATAS_GAMBAR
    accept = "image/jpeg,image/png"
    pesan_wajib = "Pilih berkas gambar yang akan diunggah."
    saran_besar = " Perkecil resolusi pindaian atau simpan sebagai JPEG."

    def periksa(self, berkas):
        periksa_gambar(berkas)
        return berkas


class BerkasSertifikatField(BerkasField):
    """A PKCS#12 (.p12/.pfx) protected by a passphrase, judged by its ASN.1 structure
    (laporan.tandatangan.penanda.periksa_pkcs12). Value: the bytes (at most 100 KB)."""

    batas = BATAS_SERTIFIKAT
    accept = ".p12,.pfx,application/x-pkcs12"
    pesan_wajib = "Pilih berkas sertifikat .p12."

    def periksa(self, berkas) -> bytes:
        # Imported here: lkjip is the base app; signing lives in laporan.
        from laporan.tandatangan.penanda import periksa_pkcs12

        isi = berkas.read()
        periksa_pkcs12(isi)
        return isi


# --- the whole request -------------------------------------------------------------------------------


class BatasUkuranPermintaanMiddleware:
    """Refuses (413) a request whose declared body is larger than settings.LKJIP_BATAS_PERMINTAAN
    (default BATAS_PERMINTAAN) before anything reads it. Django's DATA_UPLOAD_MAX_MEMORY_SIZE does
    not count uploaded files, and a file above FILE_UPLOAD_MAX_MEMORY_SIZE is written to a
    temporary file whole before any form field can refuse it; this bounds that. The reverse proxy
    should have the same cap (nginx: client_max_body_size)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        batas = getattr(settings, "LKJIP_BATAS_PERMINTAAN", BATAS_PERMINTAAN)
        try:
            panjang = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            panjang = 0
        if panjang > batas:
            return HttpResponse(
                f"Permintaan terlalu besar ({teks_ukuran(panjang)}); batasnya {teks_ukuran(batas)}. "
                "Unggah berkas yang lebih kecil.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
