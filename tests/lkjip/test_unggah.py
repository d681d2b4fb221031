"""lkjip/unggah.py: every upload field judges the file by its content (never by its name or the
content type the browser sends), within its size limit, with an exact Indonesian message; the
request-size middleware refuses an oversized body before it is read."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from openpyxl import Workbook
from PIL import Image

from laporan.tandatangan import ca
from lkjip import unggah
from lkjip.excel import BUKAN_XLSX, buka_buku
from lkjip.unggah import (
    BatasUkuranPermintaanMiddleware,
    BerkasExcelField,
    BerkasGambarField,
    BerkasJson,
    BerkasJsonField,
    BerkasPdfField,
    BerkasSertifikatField,
    teks_ukuran,
)

MB = 1024 * 1024
TIPE_ASAL = "application/octet-stream"


def _pesan(field: forms.Field, isi: bytes | None, nama: str = "berkas.bin") -> list[str]:
    data = None if isi is None else SimpleUploadedFile(nama, isi, TIPE_ASAL)
    with pytest.raises(forms.ValidationError) as e:
        field.clean(data)
    return e.value.messages


def _xlsx(**tambahan: bytes) -> bytes:
    """A real workbook written by openpyxl, with extra archive parts (name -> content)."""
    buku = Workbook()
    buku.active.title = "Realisasi"
    buku.active["A1"] = "Kode"
    keluaran = io.BytesIO()
    buku.save(keluaran)
    if not tambahan:
        return keluaran.getvalue()
    with zipfile.ZipFile(keluaran, "a", compression=zipfile.ZIP_DEFLATED) as arsip:
        for nama, isi in tambahan.items():
            arsip.writestr(nama, isi)
    return keluaran.getvalue()


def _zip(bagian: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", compression=compression) as arsip:
        for nama, isi in bagian.items():
            arsip.writestr(nama, isi)
    return keluaran.getvalue()


def _gambar(format: str = "PNG", ukuran=(40, 30), mode="RGB") -> bytes:
    keluaran = io.BytesIO()
    Image.new(mode, ukuran).save(keluaran, format)
    return keluaran.getvalue()


# --- sizes as the messages print them ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bita", "teks"),
    [
        (0, "0 bita"),
        (532, "532 bita"),
        (1024, "1 KB"),
        (100 * 1024, "100 KB"),
        (100 * 1024 + 1, "101 KB"),
        (MB, "1 MB"),
        (5 * MB + 3, "5,1 MB"),
        (int(12.35 * MB), "12,4 MB"),
        (30 * MB, "30 MB"),
        (1234 * MB, "1.234 MB"),
    ],
)
def test_teks_ukuran_dibulatkan_ke_atas(bita, teks):
    assert teks_ukuran(bita) == teks


def test_batas_setiap_jenis():
    assert (
        unggah.BATAS_JSON,
        unggah.BATAS_EXCEL,
        unggah.BATAS_EXCEL_TERURAI,
        unggah.MAKS_ENTRI_EXCEL,
        unggah.BATAS_PDF,
        unggah.BATAS_GAMBAR,
        unggah.MAKS_PIKSEL,
        unggah.BATAS_SERTIFIKAT,
        unggah.BATAS_PERMINTAAN,
    ) == (5 * MB, 5 * MB, 50 * MB, 1000, 30 * MB, 5 * MB, 40_000_000, 100 * 1024, 32 * MB)


# --- common to every field ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "wajib"),
    [
        (BerkasJsonField(), "Pilih berkas dokumen .json terlebih dahulu."),
        (BerkasExcelField(), "Pilih berkas Excel (.xlsx) terlebih dahulu."),
        (BerkasPdfField(), "Pilih berkas PDF."),
        (BerkasGambarField(), "Pilih berkas gambar yang akan diunggah."),
        (BerkasSertifikatField(), "Pilih berkas sertifikat .p12."),
    ],
)
def test_tanpa_berkas_dan_berkas_kosong(field, wajib):
    assert _pesan(field, None) == [wajib]
    assert _pesan(field, b"") == ["Berkas yang dipilih kosong."]


@pytest.mark.parametrize(
    ("field", "isi", "pesan"),
    [
        (BerkasJsonField(), b"{}" + b" " * (5 * MB - 1), "Berkas terlalu besar (5,1 MB); batasnya 5 MB."),
        (
            BerkasExcelField(),
            b"PK\x03\x04" + b"0" * (5 * MB),
            "Berkas terlalu besar (5,1 MB); batasnya 5 MB. Hapus lembar, baris atau gambar yang tidak "
            "diperlukan, lalu unggah lagi.",
        ),
        (BerkasPdfField(), b"%PDF-" + b"0" * (30 * MB), "Berkas terlalu besar (30,1 MB); batasnya 30 MB."),
        (
            BerkasGambarField(),
            b"\xff\xd8\xff" + b"0" * (5 * MB),
            "Berkas terlalu besar (5,1 MB); batasnya 5 MB. Perkecil resolusi pindaian atau simpan sebagai "
            "JPEG.",
        ),
        (BerkasSertifikatField(), b"0" * (100 * 1024 + 1), "Berkas terlalu besar (101 KB); batasnya 100 KB."),
    ],
    ids=["json", "excel", "pdf", "gambar", "sertifikat"],
)
def test_terlalu_besar_ditolak_sebelum_isinya_dibaca(field, isi, pesan):
    assert _pesan(field, isi) == [pesan]


def test_batas_dapat_diatur_per_field():
    assert _pesan(BerkasPdfField(batas=1024), b"%PDF-" + b"0" * 2000) == [
        "Berkas terlalu besar (2 KB); batasnya 1 KB."
    ]


def test_widget_memberi_petunjuk_jenis_ke_pemilih_berkas():
    assert 'accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"' in (
        BerkasExcelField().widget.render("berkas", None)
    )
    assert 'accept=".json,application/json"' in BerkasJsonField().widget.render("berkas", None)
    assert 'accept=".pdf,application/pdf"' in BerkasPdfField().widget.render("berkas", None)


# --- JSON ---------------------------------------------------------------------------------------------


def test_json_diterima_dari_isinya_apa_pun_namanya():
    isi = '\ufeff{"format": "lkjip-data/1", "nilai": 85.78, "daftar": [1, "dua"]}'.encode()
    hasil = BerkasJsonField().clean(SimpleUploadedFile("data.txt", isi, "image/png"))
    assert hasil == BerkasJson(
        nama="data.txt",
        teks='{"format": "lkjip-data/1", "nilai": 85.78, "daftar": [1, "dua"]}',
        dokumen={"format": "lkjip-data/1", "nilai": Decimal("85.78"), "daftar": [1, "dua"]},
    )


def test_json_dari_berkas_sementara_di_disk():
    berkas = TemporaryUploadedFile("besar.json", "application/json", 0, "utf-8")
    berkas.write(b'{"a": 1}')
    berkas.size = 8
    berkas.seek(0)
    assert BerkasJsonField().clean(berkas).dokumen == {"a": 1}
    berkas.close()


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b'{"nama": "Camat \xe9"}', "Berkas bukan teks UTF-8; simpan ulang sebagai UTF-8."),
        (b'{\n  "format": ,\n}', "$: bukan JSON yang valid (baris 2, kolom 13): nilai tidak ditemukan"),
        (b"[1, 2]", "$: dokumen harus berupa objek JSON (diawali tanda {), bukan daftar."),
        (b'"lkjip"', "$: dokumen harus berupa objek JSON (diawali tanda {), bukan teks."),
        (b"12.5", "$: dokumen harus berupa objek JSON (diawali tanda {), bukan angka."),
        (b"null", "$: dokumen harus berupa objek JSON (diawali tanda {), bukan null."),
        (b'{"x": NaN}', "$: bukan JSON yang valid: NaN bukan nilai JSON yang sah."),
        (b'{"x": -Infinity}', "$: bukan JSON yang valid: -Infinity bukan nilai JSON yang sah."),
        (b'{"x": ' + b"9" * 5000 + b"}", "$: bukan JSON yang valid: ada angka dengan terlalu banyak digit."),
        (b'{"a": ' * 65 + b"1" + b"}" * 65, "$: susunan dokumen terlalu dalam (lebih dari 64 tingkat)."),
        (b"[" * 100_000 + b"]" * 100_000, "$: susunan dokumen terlalu dalam (lebih dari 64 tingkat)."),
        (_xlsx(), "Berkas ini berkas Excel (.xlsx) atau arsip ZIP, bukan dokumen JSON."),
        (b"%PDF-1.7\n", "Berkas ini berkas PDF, bukan dokumen JSON."),
        (_gambar(), "Berkas ini gambar PNG, bukan dokumen JSON."),
    ],
    ids=[
        "latin1",
        "sintaks",
        "daftar",
        "teks",
        "angka",
        "null",
        "nan",
        "infinity",
        "digit",
        "dalam",
        "sangat-dalam",
        "xlsx",
        "pdf",
        "png",
    ],
)
def test_json_ditolak_menurut_isinya(isi, pesan):
    assert _pesan(BerkasJsonField(), isi, "dokumen.json") == [pesan]


def test_json_tepat_64_tingkat_diterima():
    isi = b'{"a": ' * 63 + b"[1]" + b"}" * 63
    assert BerkasJsonField().clean(SimpleUploadedFile("d.json", isi)).teks.count("{") == 63


# --- Excel --------------------------------------------------------------------------------------------


def test_xlsx_diterima_dari_isinya_dan_dikembalikan_ke_awal():
    berkas = SimpleUploadedFile("realisasi.csv", _xlsx(), "text/csv")
    hasil = BerkasExcelField().clean(berkas)
    assert (hasil is berkas, hasil.tell()) == (True, 0)
    assert buka_buku(hasil.read()).sheetnames == ["Realisasi"]


def test_xlsx_dari_berkas_sementara_tidak_dibaca_seluruhnya():
    isi = _xlsx()
    berkas = TemporaryUploadedFile("r.xlsx", unggah.MIME_XLSX, len(isi), None)
    berkas.write(isi)
    berkas.seek(0)
    assert BerkasExcelField().clean(berkas).tell() == 0
    berkas.close()


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"Kode;TW I\nS1.1;80\n", BUKAN_XLSX),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "Berkas ini buku kerja Excel lama (.xls) atau buku kerja yang dilindungi kata sandi. Buka di "
            'Excel, hapus kata sandinya bila ada, lalu simpan sebagai "Buku Kerja Excel (*.xlsx)" dan '
            "unggah lagi.",
        ),
        (
            _xlsx(**{"xl/vbaProject.bin": b"\x00" * 64}),
            'Berkas ini buku kerja Excel bermakro (.xlsm); makro tidak diterima. Simpan sebagai "Buku Kerja '
            'Excel (*.xlsx)" lalu unggah lagi.',
        ),
        (
            _zip(
                {
                    "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.ms-excel.sheet.'
                    b'macroEnabled.main+xml" PartName="/xl/workbook.xml"/></Types>',
                    "xl/workbook.xml": b"<workbook/>",
                }
            ),
            'Berkas ini buku kerja Excel bermakro (.xlsm); makro tidak diterima. Simpan sebagai "Buku Kerja '
            'Excel (*.xlsx)" lalu unggah lagi.',
        ),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00"}),
            'Berkas ini buku kerja biner Excel (.xlsb). Simpan sebagai "Buku Kerja Excel (*.xlsx)" lalu '
            "unggah lagi.",
        ),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), BUKAN_XLSX),
        (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), BUKAN_XLSX),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}, zipfile.ZIP_BZIP2),
            BUKAN_XLSX,
        ),
        (b"PK\x03\x04" + b"\x00" * 200, BUKAN_XLSX),
        (
            lambda: _bom(),
            "Isi berkas Excel terlalu besar setelah diekstrak (51,1 MB); batasnya 50 MB. Hapus lembar, baris "
            "atau gambar yang tidak diperlukan, lalu unggah lagi.",
        ),
        (
            lambda: _zip({f"xl/media/{i}.xml": b"" for i in range(1001)}),
            "Berkas Excel ini terdiri atas terlalu banyak bagian (1.001); batasnya 1.000. Simpan ulang hanya "
            "lembar yang diperlukan.",
        ),
    ],
    ids=["csv", "xls", "vba", "tipe-makro", "xlsb", "ods", "docx", "bzip2", "zip-rusak", "bom", "entri"],
)
def test_xlsx_ditolak_menurut_isinya(isi, pesan):
    isi = isi() if callable(isi) else isi
    assert _pesan(BerkasExcelField(), isi, "realisasi.xlsx") == [pesan]


def _bom() -> bytes:
    return _zip(
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>", "xl/bom.xml": b"0" * (51 * MB)}
    )


def test_bom_zip_hanya_beberapa_kb_tetapi_tetap_ditolak():
    bom = _bom()
    assert len(bom) < 100 * 1024
    assert _pesan(BerkasExcelField(), bom)[0].startswith("Isi berkas Excel terlalu besar setelah diekstrak")


# --- PDF, images, certificates -----------------------------------------------------------------------


def test_pdf_diterima_dari_isinya():
    berkas = SimpleUploadedFile("laporan.bin", b"%PDF-1.7\n%\xe2\xe3\n", TIPE_ASAL)
    assert BerkasPdfField().clean(berkas).read() == b"%PDF-1.7\n%\xe2\xe3\n"


@pytest.mark.parametrize("isi", [b"<html>%PDF-1.7</html>", b" %PDF-1.7", _gambar()])
def test_bukan_pdf_ditolak(isi):
    assert _pesan(BerkasPdfField(), isi, "laporan.pdf") == [
        "Berkas ini bukan PDF (isinya tidak diawali penanda %PDF-). Pilih berkas PDF."
    ]


@pytest.mark.parametrize("format", ["PNG", "JPEG"])
def test_gambar_jpeg_dan_png_diterima_apa_pun_namanya(format):
    berkas = SimpleUploadedFile("scan.pdf", _gambar(format), "application/pdf")
    hasil = BerkasGambarField().clean(berkas)
    assert (hasil is berkas, hasil.tell()) == (True, 0)


def _terpotong() -> bytes:
    isi = _gambar("PNG", (200, 200), "RGB")
    return isi[: len(isi) // 2]


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"<html><script>alert(1)</script></html>", unggah.BUKAN_GAMBAR),
        (_terpotong(), unggah.BUKAN_GAMBAR),
        (_gambar("GIF"), "Gambar berformat GIF tidak diterima. Unggah gambar JPEG atau PNG."),
        (_gambar("BMP"), "Gambar berformat BMP tidak diterima. Unggah gambar JPEG atau PNG."),
        (_gambar("TIFF"), "Gambar berformat TIFF tidak diterima. Unggah gambar JPEG atau PNG."),
        (_gambar("WEBP"), "Gambar berformat WebP tidak diterima. Unggah gambar JPEG atau PNG."),
        (
            lambda: _gambar("PNG", (8000, 6000), "1"),
            "Gambar terlalu besar (8.000 × 6.000 piksel); batasnya 40 megapiksel. Perkecil resolusi "
            "pindaian.",
        ),
        (
            lambda: _gambar("PNG", (10_000, 10_000), "1"),
            "Gambar terlalu besar (lebih dari 40 megapiksel). Perkecil resolusi pindaian.",
        ),
    ],
    ids=["html", "terpotong", "gif", "bmp", "tiff", "webp", "48-megapiksel", "bom-100-megapiksel"],
)
def test_gambar_ditolak_menurut_isinya(isi, pesan):
    isi = isi() if callable(isi) else isi
    assert len(isi) < unggah.BATAS_GAMBAR
    assert _pesan(BerkasGambarField(), isi, "bagan.png") == [pesan]


@pytest.mark.parametrize("isi", [b"bukan sertifikat", b"%PDF-1.7\n", _gambar()])
def test_bukan_pkcs12_ditolak(isi):
    assert _pesan(BerkasSertifikatField(), isi, "camat.p12") == [
        "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah."
    ]


def test_pkcs12_diterima_sebagai_bita():
    otoritas = ca.buat_ca(ukuran_kunci=2048)
    camat = ca.buat_sertifikat_pejabat(
        otoritas, nama="PARSONO", nip="196707011992091001", organisasi="Kab", unit="Kec", ukuran_kunci=2048
    )
    p12 = ca.ekspor_pkcs12(camat, [otoritas.sertifikat], frasa_sandi="demo12345")
    assert BerkasSertifikatField().clean(SimpleUploadedFile("camat.bin", p12, TIPE_ASAL)) == p12


# --- the whole request -------------------------------------------------------------------------------


def _lewat(request):
    return HttpResponse("lewat")


def test_permintaan_terlalu_besar_ditolak_413_sebelum_dibaca(settings):
    settings.LKJIP_BATAS_PERMINTAAN = 32 * MB
    middleware = BatasUkuranPermintaanMiddleware(_lewat)
    permintaan = RequestFactory().post("/kecamatan/1/impor/", data=b"x", content_type="application/json")
    permintaan.META["CONTENT_LENGTH"] = str(40 * MB)
    respons = middleware(permintaan)
    assert (respons.status_code, respons.content.decode(), respons["Content-Type"]) == (
        413,
        "Permintaan terlalu besar (40 MB); batasnya 32 MB. Unggah berkas yang lebih kecil.",
        "text/plain; charset=utf-8",
    )


@pytest.mark.parametrize("panjang", [str(32 * MB), "", "bukan-angka"])
def test_permintaan_dalam_batas_diteruskan(settings, panjang):
    settings.LKJIP_BATAS_PERMINTAAN = 32 * MB
    permintaan = RequestFactory().get("/")
    permintaan.META["CONTENT_LENGTH"] = panjang
    assert BatasUkuranPermintaanMiddleware(_lewat)(permintaan).content == b"lewat"


def test_batas_permintaan_berlaku_di_seluruh_aplikasi(client, settings):
    """The middleware sits in settings.MIDDLEWARE: a too-large body is refused before any view runs."""
    settings.LKJIP_BATAS_PERMINTAAN = 1024
    respons = client.post("/masuk/", data=b"x" * 2048, content_type="application/octet-stream")
    assert (respons.status_code, respons.content.decode()) == (
        413,
        "Permintaan terlalu besar (2 KB); batasnya 1 KB. Unggah berkas yang lebih kecil.",
    )
