"""The frozen data the report is made of: content items (paragraphs come from laporan/narasi.py),
sections and the whole report. Nothing here reads the database; the templates, the preview page
and the .xlsx export only read these objects."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from laporan.narasi import Daftar, Paragraf


@dataclass(frozen=True)
class Sel:
    """A table cell: its text as printed, and for numbers the value behind it (for the .xlsx)."""

    teks: str = ""
    rata: str = ""  # "" (left), "kanan", "tengah"
    colspan: int = 1
    rowspan: int = 1
    tebal: bool = False
    # Indentation level in tree tables (kegiatan 1, sub kegiatan 2).
    tingkat: int = 0
    # CSS class: "angka" (never wraps) or the predikat colour ("predikat-hijau").
    kelas: str = ""
    nilai: Decimal | int | None = None
    # Number format of `nilai` in the .xlsx: "angka", "bulat", "rupiah".
    format: str = ""


@dataclass(frozen=True)
class Baris:
    sel: tuple[Sel, ...]
    # A total row, printed bold.
    total: bool = False


@dataclass(frozen=True)
class Tabel:
    nomor: str
    judul: str
    # Header rows; cells may span columns and rows (multi-level headers).
    kepala: tuple[tuple[Sel, ...], ...]
    baris: tuple[Baris, ...]
    sumber: str
    # Relative widths of the leaf columns in percent (the print stylesheet's `lebar-N` classes).
    lebar_kolom: tuple[int, ...] = ()
    # "landscape": printed on a landscape page of its own.
    lebar: str = ""
    catatan: tuple[str, ...] = ()
    # Print the "(1) (2) (3) ..." row under the header, as the kabupaten templates do.
    nomor_kolom: bool = False
    # The sentence that leads into the table ("... sebagai berikut:"), kept on its page.
    pengantar: str = ""

    @property
    def id(self) -> str:
        return slug(self.nomor)

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}"

    @property
    def jumlah_kolom(self) -> int:
        return len(self.lebar_kolom) if self.lebar_kolom else sum(s.colspan for s in self.kepala[-1])

    @property
    def nomor_kolom_teks(self) -> tuple[str, ...]:
        return tuple(f"({i})" for i in range(1, self.jumlah_kolom + 1))

    @property
    def pendek(self) -> bool:
        """Small enough to keep whole: it moves to the next page rather than split. A table of few
        but tall rows (long texts) may split, or it would leave half a page empty before it."""
        if self.lebar:
            return False
        huruf = sum(len(s.teks) for b in self.baris for s in b.sel)
        return len(self.baris) <= 8 and huruf <= 700

    @property
    def kelas_lebar(self) -> tuple[str, ...]:
        return tuple(f"lebar-{n}" for n in self.lebar_kolom)

    def kisi(self, baris: Sequence[Sequence[Sel]]) -> list[list[Sel | None]]:
        """Rows as a rectangular grid: a spanning cell sits in its first position, the positions it
        covers are None."""
        lebar = self.jumlah_kolom
        hasil: list[list[Sel | None]] = []
        terisi: set[tuple[int, int]] = set()
        for r, isi in enumerate(baris):
            while len(hasil) <= r:
                hasil.append([None] * lebar)
            k = 0
            for sel in isi:
                while (r, k) in terisi:
                    k += 1
                if k >= lebar:
                    break
                hasil[r][k] = sel
                for dr in range(sel.rowspan):
                    for dk in range(sel.colspan):
                        terisi.add((r + dr, k + dk))
                k += sel.colspan
        return hasil

    @property
    def judul_kolom(self) -> list[str]:
        """One title per leaf column: the header cells above it joined ("Tahun 2019 Target")."""
        judul: list[list[str]] = [[] for _ in range(self.jumlah_kolom)]
        for isi in self.kisi(self.kepala):
            for k0, sel in enumerate(isi):
                if sel is None or not sel.teks:
                    continue
                for k in range(k0, min(k0 + sel.colspan, self.jumlah_kolom)):
                    judul[k].append(sel.teks)
        return [" ".join(j) for j in judul]

    @property
    def kisi_isi(self) -> list[list[Sel | None]]:
        return self.kisi([b.sel for b in self.baris])


@dataclass(frozen=True)
class Gambar:
    """A figure: a generated chart (`svg`) or an uploaded image (`path` for the PDF, `url` for the
    preview page)."""

    nomor: str
    judul: str
    sumber: str
    svg: str = ""
    path: str = ""
    url: str = ""
    # "setengah": an uploaded image printed at half the text width (scans, small bagan).
    ukuran: str = ""

    @property
    def id(self) -> str:
        return slug(self.nomor)

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}"

    @property
    def data_uri(self) -> str:
        """The chart as a data: URI, so the page and the PDF embed the same bytes."""
        if not self.svg:
            return ""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()

    @property
    def uri_berkas(self) -> str:
        """Where the PDF renderer reads the picture: the chart itself, or the uploaded file."""
        return self.data_uri or (Path(self.path).as_uri() if self.path else "")

    @property
    def src_layar(self) -> str:
        """Where the preview page's browser reads it: the chart itself, or the serving view."""
        return self.data_uri or self.url


@dataclass(frozen=True)
class TandaTangan:
    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""
    # "PIHAK PERTAMA" / "PIHAK KEDUA" on the Perjanjian Kinerja.
    peran: str = ""


@dataclass(frozen=True)
class TandaTanganGanda:
    """The two signatures of a Perjanjian Kinerja side by side: pihak kedua left, pihak pertama
    right (000 L716-728)."""

    tempat_tanggal: str
    kiri: TandaTangan
    kanan: TandaTangan


@dataclass(frozen=True)
class Catatan:
    """A note about missing data ("Belum ada Perjanjian Kinerja tahun 2023 ...")."""

    teks: str


@dataclass(frozen=True)
class Subjudul:
    teks: str
    # Centred, as the title of a document in a lampiran ("PERNYATAAN PERJANJIAN KINERJA ...").
    tengah: bool = False


@dataclass(frozen=True)
class Rumus:
    """A formula printed centred on its own line."""

    teks: str


@dataclass(frozen=True)
class Identitas:
    """Label / value lines ("Nama : ...", "Jabatan : ...") of a document such as the PK."""

    baris: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Kop:
    """The letterhead of a lampiran document (PEMERINTAH KABUPATEN ... / KECAMATAN ... / alamat)."""

    baris: tuple[str, ...]


Isi = (
    Paragraf
    | Daftar
    | Tabel
    | Gambar
    | TandaTangan
    | TandaTanganGanda
    | Catatan
    | Subjudul
    | Rumus
    | Identitas
    | Kop
)

_JENIS_ISI: tuple[tuple[type, str], ...] = (
    (Paragraf, "paragraf"),
    (Daftar, "daftar"),
    (Tabel, "tabel"),
    (Gambar, "gambar"),
    (TandaTangan, "tanda_tangan"),
    (TandaTanganGanda, "tanda_tangan_ganda"),
    (Catatan, "catatan"),
    (Subjudul, "subjudul"),
    (Rumus, "rumus"),
    (Identitas, "identitas"),
    (Kop, "kop"),
)


def _mengantar(teks: str) -> bool:
    """A sentence that announces what follows: "... sebagai berikut:" / "... sebagai berikut."."""
    teks = teks.rstrip()
    return teks.endswith(":") or teks.lower().endswith("berikut.")


def _rangkai(isi: Sequence[Isi]) -> tuple[Isi, ...]:
    """A paragraph announcing the table right after it becomes the table's `pengantar`, so the
    sentence never stays alone at the foot of a page."""
    hasil: list[Isi] = []
    for item in isi:
        if (
            isinstance(item, Tabel)
            and not item.pengantar
            and hasil
            and isinstance(hasil[-1], Paragraf)
            and _mengantar(hasil[-1].teks)
        ):
            item = replace(item, pengantar=hasil.pop().teks)
        hasil.append(item)
    return tuple(hasil)


def jenis_isi(item: object) -> str:
    for kelas, nama in _JENIS_ISI:
        if isinstance(item, kelas):
            return nama
    raise TypeError(f"isi laporan tidak dikenal: {type(item).__name__}")


@dataclass(frozen=True)
class Bagian:
    """A section: a BAB (tingkat 1), its lettered parts (2) and their numbered parts (3); a
    lampiran; or a front-matter section. `kode` is the outline block it renders."""

    id: str
    nomor: str
    judul: str
    tingkat: int
    isi: tuple[Isi, ...] = ()
    anak: tuple[Bagian, ...] = ()
    halaman_baru: bool = False
    kode: str = ""
    di_daftar_isi: bool = True
    # "landscape": a lampiran that is one wide table sits on landscape pages from its title on.
    lebar: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "isi", _rangkai(self.isi))

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}".strip()

    @property
    def isi_berjenis(self) -> list[tuple[str, Isi]]:
        """(kind, item) pairs for the templates, which cannot ask an object for its class."""
        return [(jenis_isi(i), i) for i in self.isi]

    def semua(self) -> Iterator[Bagian]:
        yield self
        for a in self.anak:
            yield from a.semua()


@dataclass(frozen=True)
class Sampul:
    baris_judul: tuple[str, ...]
    pemerintah: str
    alamat: tuple[str, ...]
    logo_path: str = ""
    logo_url: str = ""
    # "Periode s.d. Triwulan II" for reports during the year.
    keterangan: str = ""

    @property
    def logo_uri(self) -> str:
        return Path(self.logo_path).as_uri() if self.logo_path else ""


@dataclass(frozen=True)
class EntriDaftar:
    id: str
    teks: str
    tingkat: int


@dataclass(frozen=True)
class KonteksLaporan:
    kecamatan: str
    kabupaten: str
    provinsi: str
    tahun: int
    jenis: str
    periode: str
    versi: int
    status: str
    judul: str
    sampul: Sampul | None
    # Front matter in outline order: kata pengantar, ikhtisar and the lists (kode "daftar_isi",
    # "daftar_tabel", "daftar_gambar", "daftar_lampiran", rendered from the entries below).
    depan: tuple[Bagian, ...]
    bab: tuple[Bagian, ...]
    lampiran: tuple[Bagian, ...]
    ditandatangani: bool
    # What the report cannot show yet, for the page that prints it (also in the sections).
    kekurangan: tuple[str, ...] = ()
    # No performance data and no budget at all for the year.
    kosong: bool = False
    # The final, signed document (konteks_final): its verification URL and that URL as a QR code
    # (an SVG data URI), printed at the camat's signature and on the last page.
    url_verifikasi: str = ""
    qr_verifikasi: str = ""
    # "Triwulan II" / "Semester I" for a report during the year ("" for the yearly report).
    label_periode: str = ""

    @property
    def draf(self) -> bool:
        return not self.ditandatangani

    @property
    def label_tahun(self) -> str:
        """ "Tahun 2020", or "Periode s.d. Triwulan II Tahun 2020" for a report during the year."""
        return label_tahun(self.tahun, self.label_periode)

    @property
    def judul_singkat(self) -> str:
        """The running header: "LKjIP Kecamatan Ajibarang Tahun 2020"."""
        if self.label_periode:
            return f"Laporan Kinerja Kecamatan {self.kecamatan} {self.label_tahun}"
        return f"LKjIP Kecamatan {self.kecamatan} Tahun {self.tahun}"

    @property
    def _akhiran_berkas(self) -> str:
        return f"-{slug_berkas(self.label_periode)}" if self.label_periode else ""

    @property
    def nama_berkas(self) -> str:
        return f"LKjIP-{slug_berkas(self.kecamatan)}-{self.tahun}{self._akhiran_berkas}.pdf"

    @property
    def nama_berkas_xlsx(self) -> str:
        return f"Tabel-LKjIP-{slug_berkas(self.kecamatan)}-{self.tahun}{self._akhiran_berkas}.xlsx"

    def _semua_bagian(self) -> Iterator[Bagian]:
        for b in (*self.depan, *self.bab, *self.lampiran):
            yield from b.semua()

    @property
    def tabel(self) -> list[Tabel]:
        return [i for b in self._semua_bagian() for i in b.isi if isinstance(i, Tabel)]

    @property
    def gambar(self) -> list[Gambar]:
        return [i for b in self._semua_bagian() for i in b.isi if isinstance(i, Gambar)]

    @property
    def daftar_isi(self) -> list[EntriDaftar]:
        """Front-matter sections (but the table of contents itself), BAB with their lettered parts,
        and the lampiran."""
        hasil = [
            EntriDaftar(b.id, b.judul_lengkap, 1)
            for b in self.depan
            if b.di_daftar_isi and b.kode != "daftar_isi"
        ]
        for bab in self.bab:
            hasil.append(EntriDaftar(bab.id, bab.judul_lengkap, 1))
            hasil.extend(EntriDaftar(a.id, a.judul_lengkap, 2) for a in bab.anak if a.di_daftar_isi)
        hasil.extend(EntriDaftar(lamp.id, lamp.judul_lengkap, 1) for lamp in self.lampiran)
        return hasil

    @property
    def daftar_lampiran(self) -> list[EntriDaftar]:
        return [EntriDaftar(lamp.id, lamp.judul_lengkap, 1) for lamp in self.lampiran]


# --- small helpers --------------------------------------------------------------------------------


def slug(teks: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", teks.lower()).strip("-")


def slug_berkas(teks: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", teks).strip("-")


def label_tahun(tahun: int, label_periode: str = "") -> str:
    """ "Tahun 2020", or "Periode s.d. Triwulan II Tahun 2020"."""
    return f"Periode s.d. {label_periode} Tahun {tahun}" if label_periode else f"Tahun {tahun}"
