"""laporan/pdf.py: the three demo reports as PDF, read back with pdftotext page by page: the key
tables print the calculation service's figures, the page numbers in the daftar isi and daftar tabel
are the pages where the headings are, front matter is numbered i, ii, ... and BAB I starts at 1,
wide tables sit on landscape pages, a narrative with "<script>" prints as text, and the renderer
reads nothing but static/, the media root and data: URIs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pytest

PDFTOTEXT = shutil.which("pdftotext")
if PDFTOTEXT is None:
    pytest.skip(
        "pdftotext tidak terpasang: pasang poppler-utils (apt-get install poppler-utils)",
        allow_module_level=True,
    )

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from laporan.konteks import konteks_laporan  # noqa: E402
from laporan.models import Laporan, Narasi  # noqa: E402
from laporan.pdf import berkas_diizinkan, folder_statis, pengambil_url, render_html, render_pdf  # noqa: E402
from lkjip.models import Kecamatan  # noqa: E402

# Every test here reads the database (through the module's demo fixture): the marker makes
# pytest-django set up the test database even when only these tests run.
pytestmark = pytest.mark.django_db

DEMO = (("Ajibarang", 2020), ("Purwareja Klampok", 2024), ("Aluh Aluh", 2022))
SKRIP = "Kalimat dengan <script>alert(1)</script> di dalamnya."
_ROMAWI = re.compile(r"[ivxl]+")
_TITIK = re.compile(r"\.{3,}\s*(\d+|[ivxl]+)\s*$", re.M)


class Pdf:
    def __init__(self, konteks, isi: bytes, html: str):
        self.konteks = konteks
        self.isi = isi
        self.html = html
        hasil = subprocess.run([PDFTOTEXT, "-layout", "-", "-"], input=isi, capture_output=True, check=True)
        self.halaman = hasil.stdout.decode().split("\f")[: len(PdfReader(io.BytesIO(isi)).pages)]
        self.baris = [[" ".join(b.split()) for b in h.splitlines() if b.strip()] for h in self.halaman]

    def label(self, i: int) -> str:
        """The page number printed at the foot of page i (0-based), "" when none."""
        baris = self.baris[i]
        if baris and re.fullmatch(r"\d+|[ivxl]+", baris[-1]):
            return baris[-1]
        return ""

    def indeks(self, label: str) -> int:
        cocok = [i for i in range(len(self.halaman)) if self.label(i) == label]
        assert len(cocok) == 1, f"halaman {label}: {cocok}"
        return cocok[0]

    def ada_judul(self, i: int, judul: str) -> bool:
        """Whether the body of page i (running header left out) has `judul` on one line or over up
        to four consecutive lines (titles broken by <br> or wrapped), case and spaces ignored."""
        dicari = "".join(judul.split()).upper()
        badan = self.baris[i][:-1] if self.label(i) else self.baris[i]
        if badan and badan[0].startswith("LKjIP Kecamatan "):
            badan = badan[1:]
        badan = [b.upper() for b in badan]
        return any(
            "".join(badan[a : a + n]).replace(" ", "") == dicari
            for a in range(len(badan))
            for n in range(1, 5)
        )

    def entri(self, judul_daftar: str, judul: list[str]) -> list[str]:
        """The page numbers a list of contents ("DAFTAR ISI", over one or more pages) prints for
        `judul`, in order. A title may wrap over lines, and the dot leader may be empty when the
        title fills the line."""
        awal = next(i for i in range(len(self.halaman)) if self.baris[i] and self.baris[i][0] == judul_daftar)
        baris = list(self.baris[awal][1:-1])
        for i in range(awal + 1, len(self.halaman)):
            if (
                not self.baris[i]
                or self.baris[i][0].startswith("DAFTAR ")
                or not _TITIK.search(self.halaman[i])
            ):
                break
            baris += self.baris[i][:-1]
        teks = " ".join(baris)
        hasil = []
        posisi = 0
        for j in judul:
            cocok = re.compile(re.escape(j) + r"\s*(?:\.\s*)*(\d+|[ivxl]+)(?!\S)").search(teks, posisi)
            assert cocok, f"{j!r} tidak ada di {judul_daftar}"
            hasil.append(cocok.group(1))
            posisi = cocok.end()
        assert not re.search(r"\.{3,}", teks[posisi:]), f"entri lebih di {judul_daftar}: {teks[posisi:]}"
        return hasil


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The three demo reports rendered once (data loaded in a transaction rolled back afterwards);
    the Ajibarang one has a narrative with a <script> tag."""
    hasil = {}
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("muat_demo", stdout=io.StringIO())
        laporan = Laporan.objects.get(kecamatan__nama="Ajibarang", tahun=2020)
        Narasi.objects.update_or_create(laporan=laporan, kode="saran", defaults={"teks": SKRIP})
        for nama, tahun in DEMO:
            # Rendered as signed: the DRAF watermark's letters would be read into the text lines.
            konteks = replace(konteks_laporan(Kecamatan.objects.get(nama=nama), tahun), ditandatangani=True)
            hasil[nama] = Pdf(konteks, render_pdf(konteks), render_html(konteks))
        transaction.set_rollback(True)
    return hasil


def test_halaman_depan_romawi_dan_bab_i_mulai_dari_1(demo):
    pdf = demo["Ajibarang"]
    assert pdf.label(0) == ""  # the cover
    assert [pdf.label(i) for i in range(1, 7)] == ["i", "ii", "iii", "iv", "v", "vi"]
    awal = pdf.indeks("1")
    assert pdf.ada_judul(awal, "BAB I PENDAHULUAN")
    assert all(_ROMAWI.fullmatch(pdf.label(i)) for i in range(1, awal))
    assert [pdf.label(i) for i in range(awal, len(pdf.halaman))] == [
        str(n) for n in range(1, len(pdf.halaman) - awal + 1)
    ]


@pytest.mark.parametrize("nama", [n for n, _ in DEMO])
def test_nomor_halaman_daftar_isi_sesuai_halaman_judul(demo, nama):
    pdf = demo[nama]
    judul = [e.teks for e in pdf.konteks.daftar_isi]
    assert judul[:3] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR TABEL"]
    for j, halaman in zip(judul, pdf.entri("DAFTAR ISI", judul), strict=True):
        assert pdf.ada_judul(pdf.indeks(halaman), j), f"{j} tidak di halaman {halaman}"


@pytest.mark.parametrize("nama", [n for n, _ in DEMO])
def test_nomor_halaman_daftar_tabel_sesuai_halaman_tabel(demo, nama):
    pdf = demo[nama]
    judul = [t.judul_lengkap for t in pdf.konteks.tabel]
    for j, halaman in zip(judul, pdf.entri("DAFTAR TABEL", judul), strict=True):
        assert pdf.ada_judul(pdf.indeks(halaman), j), f"{j} tidak di halaman {halaman}"


def test_tabel_kunci_ajibarang_2020(demo):
    pdf = demo["Ajibarang"]
    teks = "\n".join(" ".join(b.split()) for h in pdf.halaman for b in h.splitlines())
    assert re.search(r"Capaian kinerja organisasi 9 101,19 Sangat Tinggi", teks)
    # Cells wrap, so a row's figures share a line with the first line of its indicator name.
    assert re.search(r"Persentase kelompok ma\S* % 87,00 90,00 103,45 Sangat", teks)
    assert re.search(r"Persentase pembayaran % 85,00 90,00 105,88 Sangat", teks)
    assert "Capaian kinerja organisasi = (100,00 + 101,72 + 101,86) : 3 = 101,19 %" in teks
    assert (
        "Sumber: Perjanjian Kinerja Tahun 2020 dan data realisasi Kecamatan Ajibarang tahun 2020, diolah"
        in teks
    )
    assert "Ajibarang, 4 Januari 2021" in teks
    assert "NIP. 19670701 199209 1 001" in teks


def test_tabel_lebar_di_halaman_lanskap(demo):
    pdf = demo["Purwareja Klampok"]
    halaman = PdfReader(io.BytesIO(pdf.isi)).pages
    lanskap = [i for i, h in enumerate(halaman) if h.mediabox.width > h.mediabox.height]
    judul = "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun 2024"
    awal_isi = pdf.indeks("1")
    dengan_tabel = [i for i in range(awal_isi, len(pdf.halaman)) if judul in " ".join(pdf.halaman[i].split())]
    assert dengan_tabel and set(dengan_tabel) <= set(lanskap)
    assert pdf.ada_judul(lanskap[-1], "Lampiran 3 INDIKATOR KINERJA UTAMA")


def test_narasi_berisi_skrip_tampil_sebagai_teks(demo):
    pdf = demo["Ajibarang"]
    assert "<script>" not in pdf.html
    assert "Kalimat dengan &lt;script&gt;alert(1)&lt;/script&gt; di dalamnya." in pdf.html
    assert SKRIP in " ".join(" ".join(h.split()) for h in pdf.halaman)


def test_tanda_draf_hilang_setelah_ditandatangani(demo):
    konteks = demo["Aluh Aluh"].konteks
    assert 'class="tanda-draf"' not in render_html(konteks)
    assert '<div class="tanda-draf" aria-hidden="true">DRAF</div>' in render_html(
        replace(konteks, ditandatangani=False)
    )


def test_pengambil_url_hanya_membaca_static_media_dan_data(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG")
    css = folder_statis() / "css" / "cetak.css"
    assert berkas_diizinkan(css.as_uri()) == css
    assert berkas_diizinkan(logo.as_uri()) == logo.resolve()
    assert berkas_diizinkan("file:///etc/passwd") is None
    assert berkas_diizinkan((folder_statis() / ".." / "manage.py").as_uri()) is None
    assert berkas_diizinkan("http://example.com/logo.png") is None
    pengambil = pengambil_url()
    for url in ("http://example.com/logo.png", "https://fonts.googleapis.com/css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="Alamat ditolak|disallowed protocol"):
            pengambil.fetch(url)
    assert pengambil.fetch("data:text/plain,halo").read() == b"halo"
    assert pengambil.fetch(css.as_uri()).read().startswith(b"/* The printed LKjIP")
