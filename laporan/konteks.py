"""The whole LKjIP of a kecamatan and year as plain frozen data (DESIGN.md §5, DOMAIN.md §1.2).

`konteks_laporan` reads the report's own content (laporan/selectors.py: outline, texts, SDM,
penghargaan, images), the measurement (kinerja/pengukuran.py), the plans (kinerja/selectors.py) and
the budget (anggaran/selectors.py), and lays them out as the report prints them: a cover, the front
matter, BAB I-IV and the lampiran, each section an ordered list of content items (paragraphs and
lists, tables, figures, signature blocks, notes). Nothing here is HTML and nothing is a model
instance: laporan/pdf.py and the preview page only render it, the .xlsx export only copies it.

Rules this module keeps (DOMAIN.md §4):
- Every figure comes from the calculation service (kinerja/capaian.py through pengukuran,
  anggaran/serapan.py through the budget selectors) and is formatted once, by lkjip/format.py.
  Counts in the generated sentences are counted from the same records as the tables.
- Every year label is the report year, a year before it or a year of the Renstra period.
- Tables and figures are numbered per BAB in document order ("Tabel 3.2"); every table has its
  "Sumber: ..." line.
- What is missing (no PK for the year, no realisasi) becomes a note in the section, never an error.

Queries: a fixed number per report, whatever the number of sasaran, indicators or programs.
"""

from __future__ import annotations

import base64
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from anggaran.selectors import (
    Jumlah,
    PohonAnggaran,
    Simpul,
    anggaran_per_sasaran,
    pohon_anggaran,
    tahun_anggaran_daftar,
)
from anggaran.serapan import efisiensi
from kinerja.capaian import capaian, kelas_warna
from kinerja.models import AnalisisSasaran
from kinerja.pengukuran import IndikatorKinerja, KelompokKinerja, PengukuranKinerja, pengukuran_kinerja
from kinerja.selectors import (
    PKTahun,
    RenstraPohon,
    pihak_bawaan,
    pk_tahun,
    renstra_pohon,
    renstra_untuk_tahun,
)
from kinerja.selectors_skm import HasilEvaluasi, HasilSurvei, TahunSkm, evaluasi_daftar, survei_daftar
from laporan import grafik
from laporan.kerangka import JUDUL_BAB
from laporan.narasi import Daftar, Paragraf, paragraf
from laporan.selectors import IsiBlok, IsiLaporan, isi_laporan
from lkjip.format import format_angka, format_nip, format_persen, format_rupiah, format_tanggal
from lkjip.models import Desa, Kecamatan

ANGKA_BAB = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAWI = ("I", "II", "III", "IV")
# Report states after which the report carries the camat's signature: no "DRAF" mark any more.
STATUS_BERTANDA_TANGAN = frozenset({"ditandatangani", "direviu", "diterima"})
# Blocks whose printed title names the report year ("Perjanjian Kinerja Tahun 2020").
BLOK_BERTAHUN = frozenset({"pk", "pk_perubahan", "rkt", "anggaran_sasaran"})
_TAHUN = re.compile(r"\b(19|20)\d{2}\b")


# --- the content items ----------------------------------------------------------------------------


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
        return _slug(self.nomor)

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
        return _slug(self.nomor)

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
        return f"-{_slug_berkas(self.label_periode)}" if self.label_periode else ""

    @property
    def nama_berkas(self) -> str:
        return f"LKjIP-{_slug_berkas(self.kecamatan)}-{self.tahun}{self._akhiran_berkas}.pdf"

    @property
    def nama_berkas_xlsx(self) -> str:
        return f"Tabel-LKjIP-{_slug_berkas(self.kecamatan)}-{self.tahun}{self._akhiran_berkas}.xlsx"

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


def _slug(teks: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", teks.lower()).strip("-")


def _slug_berkas(teks: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", teks).strip("-")


_SATUAN = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """An integer 0-999 999 in Indonesian words ("sembilan", "dua belas", "seratus tiga")."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        sisa = n % 10
        return f"{_SATUAN[n // 10]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    if n < 200:
        return "seratus" + (f" {terbilang(n - 100)}" if n > 100 else "")
    if n < 1000:
        sisa = n % 100
        return f"{_SATUAN[n // 100]} ratus" + (f" {terbilang(sisa)}" if sisa else "")
    if n < 2000:
        return "seribu" + (f" {terbilang(n - 1000)}" if n > 1000 else "")
    if n < 1_000_000:
        sisa = n % 1000
        return f"{terbilang(n // 1000)} ribu" + (f" {terbilang(sisa)}" if sisa else "")
    return format_angka(n, 0)


def jumlah_kata(n: int) -> str:
    """ "3 (tiga)"."""
    return f"{n} ({terbilang(n)})"


def _t(teks: str, **opsi) -> Sel:
    return Sel(teks=teks, **opsi)


def _k(teks: str, **opsi) -> Sel:
    """A header cell."""
    return Sel(teks=teks, rata="tengah", **opsi)


def _no(n: int) -> Sel:
    return Sel(teks=f"{n}.", rata="tengah", nilai=n, format="bulat")


# Numbers never wrap inside their cell (class "angka" in the print stylesheet).
def _angka(nilai: Decimal | None, desimal: int = 2, **opsi) -> Sel:
    return Sel(
        teks=format_angka(nilai, desimal), rata="kanan", nilai=nilai, format="angka", kelas="angka", **opsi
    )


def _bulat(nilai: int | None, **opsi) -> Sel:
    teks = "-" if nilai is None else format_angka(nilai, 0)
    return Sel(teks=teks, rata="kanan", nilai=nilai, format="bulat", kelas="angka", **opsi)


def _uang(nilai: Decimal | None, **opsi) -> Sel:
    return Sel(teks=format_angka(nilai, 2), rata="kanan", nilai=nilai, format="rupiah", kelas="angka", **opsi)


def _nilai_sel(teks: str, nilai: Decimal | None) -> Sel:
    """A target or realisasi: its printed form ("BB (72,10)", which may wrap) with the number
    behind it."""
    return Sel(
        teks=teks,
        rata="kanan",
        nilai=nilai,
        format="angka" if nilai is not None else "",
        kelas="" if " " in teks else "angka",
    )


def _predikat_sel(pita) -> Sel:
    if pita is None:
        return Sel(teks="-", rata="tengah")
    return Sel(teks=pita.label, rata="tengah", kelas=kelas_warna(pita.warna) if pita.warna else "")


# --- the period of a report during the year ------------------------------------------------------


# The periods a report during the year may cover, per jenis: periode -> the last triwulan measured.
PERIODE_LAPORAN = {"triwulan": {1: 1, 2: 2, 3: 3, 4: 4}, "semester": {1: 2, 2: 4}}


def label_tahun(tahun: int, label_periode: str = "") -> str:
    """ "Tahun 2020", or "Periode s.d. Triwulan II Tahun 2020"."""
    return f"Periode s.d. {label_periode} Tahun {tahun}" if label_periode else f"Tahun {tahun}"


def periode_laporan(jenis: str, periode: int | None) -> tuple[int | None, str, str]:
    """(last triwulan measured, "Triwulan II", stored Laporan.periode "tw2") of a report; (None, "",
    "") for the yearly one. Raises ValueError in Indonesian for a period the jenis does not have."""
    if jenis == "tahunan":
        if periode is not None:
            raise ValueError("Laporan tahunan tidak memiliki periode.")
        return None, "", ""
    if jenis not in PERIODE_LAPORAN:
        raise ValueError(f'Jenis laporan "{jenis}" tidak dikenal: pilih tahunan, semester atau triwulan.')
    pilihan = PERIODE_LAPORAN[jenis]
    if periode not in pilihan:
        raise ValueError(
            f"Periode laporan {jenis} harus salah satu dari {', '.join(str(n) for n in pilihan)}."
        )
    awalan = "tw" if jenis == "triwulan" else "s"
    return pilihan[periode], f"{jenis.capitalize()} {ROMAWI[periode - 1]}", f"{awalan}{periode}"


# --- numbering ------------------------------------------------------------------------------------


class _Penomor:
    """Hands out table and figure numbers per BAB in document order ("Tabel 3.2", "Gambar 1.1");
    lampiran tables are "Tabel L.1"."""

    def __init__(self) -> None:
        self._tabel: dict[str, int] = defaultdict(int)
        self._gambar: dict[str, int] = defaultdict(int)

    @staticmethod
    def _awalan(bab: str) -> str:
        return str(ANGKA_BAB[bab]) if bab in ANGKA_BAB else "L"

    def tabel(self, bab: str) -> str:
        self._tabel[bab] += 1
        return f"Tabel {self._awalan(bab)}.{self._tabel[bab]}"

    def gambar(self, bab: str) -> str:
        self._gambar[bab] += 1
        return f"Gambar {self._awalan(bab)}.{self._gambar[bab]}"


# --- the data the report is built from ------------------------------------------------------------


@dataclass
class _Bahan:
    kecamatan: Kecamatan
    tahun: int
    isi: IsiLaporan
    pengukuran: PengukuranKinerja | None
    pk: PKTahun | None
    pohon_renstra: RenstraPohon | None
    pohon: PohonAnggaran | None
    anggaran_sasaran: dict[int, object]
    serapan_tahun_lalu: Jumlah | None
    analisis: dict[int, AnalisisSasaran]
    desa: list[Desa]
    camat: dict[str, str]
    bupati: dict[str, str]
    skm: list[TahunSkm]
    sakip: list[HasilEvaluasi]
    penomor: _Penomor = field(default_factory=_Penomor)
    kekurangan: list[str] = field(default_factory=list)
    # A report during the year: the last triwulan measured (1-4) and "Triwulan II".
    sampai: int | None = None
    label_periode: str = ""

    @property
    def label_tahun(self) -> str:
        return label_tahun(self.tahun, self.label_periode)

    @property
    def nama(self) -> str:
        return self.kecamatan.nama

    @property
    def kabupaten(self) -> str:
        return self.kecamatan.kabupaten.nama

    @property
    def sasaran(self) -> list[KelompokKinerja]:
        return self.pengukuran.sasaran if self.pengukuran else []

    @property
    def indikator(self) -> list[IndikatorKinerja]:
        return self.pengukuran.indikator if self.pengukuran else []

    @property
    def skm_tahun(self) -> TahunSkm | None:
        return next((t for t in self.skm if t.tahun == self.tahun), None)

    @property
    def sakip_tahun(self) -> HasilEvaluasi | None:
        """The evaluation (LHE) issued in the report year (DOMAIN.md §3.8: the LKjIP of year N
        reports the LHE issued in N, on the AKIP of N-1)."""
        return next((e for e in self.sakip if e.evaluasi.tahun_evaluasi == self.tahun), None)

    @property
    def ada_pengukuran(self) -> bool:
        return self.pengukuran is not None and not self.pengukuran.kosong

    @property
    def tempat_tanggal(self) -> str:
        tempat = self.isi.tempat or self.nama
        if self.isi.tanggal:
            return f"{tempat}, {format_tanggal(self.isi.tanggal)}"
        return f"{tempat}, ........................ {self.tahun + 1}"

    def blok(self, kode: str) -> IsiBlok:
        return self.isi.blok_kode(kode)

    def judul_blok(self, kode: str) -> str:
        judul = self.blok(kode).judul
        if kode in BLOK_BERTAHUN and not _TAHUN.search(judul):
            judul = f"{judul} Tahun {self.tahun}"
        return judul

    def teks(self, kode: str) -> tuple[Paragraf | Daftar, ...]:
        return paragraf(self.blok(kode).teks)


def _jumlah_sampai(pos, sampai: int) -> Jumlah:
    """A leaf's amounts with the realisasi up to the end of triwulan `sampai`: the sum of its
    triwulan realisasi when any is recorded, else None (printed "-")."""
    tw = [n for n in pos.realisasi_triwulan[:sampai] if n is not None]
    return Jumlah(pagu_murni=pos.pagu_murni, pagu=pos.pagu, realisasi=sum(tw, Decimal(0)) if tw else None)


def _simpul_sampai(s: Simpul, sampai: int) -> Simpul:
    if s.daun:
        return replace(s, jumlah=_jumlah_sampai(s.pos, sampai))
    anak = tuple(_simpul_sampai(a, sampai) for a in s.anak)
    return replace(s, anak=anak, jumlah=Jumlah.dari(a.jumlah for a in anak))


def _pohon_sampai(pohon: PohonAnggaran | None, sampai: int | None) -> PohonAnggaran | None:
    """The budget tree with the realisasi cut at the end of triwulan `sampai` (the pagu stays the
    year's); the jenis belanja carry no triwulan realisasi, so theirs becomes unknown."""
    if pohon is None or sampai is None:
        return pohon
    program = tuple(_simpul_sampai(p, sampai) for p in pohon.program)
    belanja = tuple(replace(bb, jumlah=replace(bb.jumlah, realisasi=None)) for bb in pohon.belanja)
    return replace(
        pohon,
        program=program,
        total=Jumlah.dari(p.jumlah for p in program),
        belanja=belanja,
        total_belanja=replace(pohon.total_belanja, realisasi=None) if pohon.total_belanja else None,
    )


def _baca(
    kecamatan: Kecamatan,
    tahun: int,
    jenis: str,
    sampai: int | None = None,
    periode: str = "",
    label: str = "",
) -> _Bahan:
    isi = isi_laporan(kecamatan, tahun, jenis=jenis, periode=periode)
    if sampai is None:
        pengukuran = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun)
    else:
        pengukuran = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun, sampai_triwulan=sampai)
    renstra = pengukuran.renstra if pengukuran and pengukuran.renstra else None
    if renstra is None:
        renstra = renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun)
    pohon_renstra = renstra_pohon(kecamatan=kecamatan, renstra_id=renstra.pk) if renstra else None
    pohon = _pohon_sampai(pohon_anggaran(kecamatan=kecamatan, tahun=tahun), sampai)
    per_sasaran = {a.sasaran.pk: a for a in anggaran_per_sasaran(pohon=pohon)} if pohon else {}
    # Last year's serapan is a whole year's: no comparison for a report during the year.
    lalu = None
    if sampai is None:
        lalu = next(
            (
                r.jumlah
                for r in tahun_anggaran_daftar(kecamatan=kecamatan)
                if r.tahun_anggaran.tahun == tahun - 1
            ),
            None,
        )
    id_sasaran = [k.objek_id for k in pengukuran.sasaran] if pengukuran else []
    analisis = {
        a.sasaran_id: a for a in AnalisisSasaran.objects.filter(sasaran_id__in=id_sasaran, tahun=tahun)
    }
    pada = isi.tanggal or date(tahun + 1, 1, 1)
    camat, bupati = pihak_bawaan(kecamatan=kecamatan, pada=pada)
    return _Bahan(
        kecamatan=kecamatan,
        tahun=tahun,
        isi=isi,
        pengukuran=pengukuran,
        pk=pk_tahun(kecamatan=kecamatan, tahun=tahun),
        pohon_renstra=pohon_renstra,
        pohon=pohon,
        anggaran_sasaran=per_sasaran,
        serapan_tahun_lalu=lalu,
        analisis=analisis,
        desa=list(Desa.objects.filter(kecamatan=kecamatan).order_by("urutan", "id")),
        camat=camat,
        bupati=bupati,
        skm=survei_daftar(kecamatan=kecamatan),
        sakip=evaluasi_daftar(kecamatan=kecamatan),
        sampai=sampai,
        label_periode=label,
    )


# --- front matter ---------------------------------------------------------------------------------


def _sampul(b: _Bahan) -> Sampul:
    k = b.kecamatan
    alamat = []
    if k.alamat:
        alamat.append(k.alamat + (f" {k.kode_pos}" if k.kode_pos else ""))
    kontak = [x for x in (f"Telp. {k.telepon}" if k.telepon else "", k.email) if x]
    if kontak:
        alamat.append(" · ".join(kontak))
    keterangan = ""
    baris_judul: tuple[str, ...] = (
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "(LKjIP)",
        f"KECAMATAN {b.nama.upper()}",
        f"TAHUN {b.tahun}",
    )
    if b.label_periode:
        keterangan = b.label_tahun
        # "LAPORAN KINERJA / TRIWULAN II TAHUN 2020": one line would break before the year.
        baris_judul = (
            "LAPORAN KINERJA",
            f"{b.label_periode.upper()} TAHUN {b.tahun}",
            f"KECAMATAN {b.nama.upper()}",
        )
    elif b.isi.jenis != "tahunan":
        keterangan = f"Periode s.d. {b.isi.periode}" if b.isi.periode else "Laporan periode berjalan"
    logo = b.isi.logo
    return Sampul(
        baris_judul=baris_judul,
        pemerintah=f"PEMERINTAH KABUPATEN {b.kabupaten.upper()}",
        alamat=tuple(alamat),
        logo_path=logo.path if logo else "",
        logo_url=logo.url if logo else "",
        keterangan=keterangan,
    )


def _tanda_tangan_camat(b: _Bahan) -> TandaTangan:
    c = b.camat
    return TandaTangan(
        tempat_tanggal=b.tempat_tanggal,
        jabatan=f"CAMAT {b.nama.upper()}",
        nama=c.get("nama", ""),
        pangkat=c.get("pangkat", ""),
        nip=f"NIP. {format_nip(c['nip'])}" if c.get("nip") else "",
    )


def _hitung_capaian(indikator: Sequence[IndikatorKinerja]) -> tuple[int, int, int]:
    """(mencapai target, belum mencapai, tidak dapat diukur)."""
    capai = sum(1 for i in indikator if i.capaian is not None and i.capaian >= 100)
    belum = sum(1 for i in indikator if i.capaian is not None and i.capaian < 100)
    return capai, belum, len(indikator) - capai - belum


def _kalimat_capaian(b: _Bahan) -> list[Paragraf]:
    """The generated summary of the measurement, shared by the ikhtisar and the penutup."""
    p = b.pengukuran
    if not b.ada_pengukuran:
        return [Paragraf(_teks_tanpa_pengukuran(b))]
    capai, belum, tanpa = _hitung_capaian(p.indikator)
    bagian = [f"{jumlah_kata(capai)} indikator mencapai atau melampaui target"]
    if belum:
        bagian.append(f"{jumlah_kata(belum)} indikator belum mencapai target")
    if tanpa:
        bagian.append(f"{jumlah_kata(tanpa)} indikator belum dapat diukur capaiannya")
    rincian = bagian[0] if len(bagian) == 1 else ", ".join(bagian[:-1]) + " dan " + bagian[-1]
    dasar = (
        _nama_pk(p.perjanjian) if p.perjanjian else (p.keterangan_sumber_target or f"target tahun {b.tahun}")
    )
    kalimat = [
        f"Dari {jumlah_kata(p.jumlah_sasaran)} sasaran strategis dengan {jumlah_kata(p.jumlah_indikator)} "
        f"indikator kinerja dalam {dasar}, {rincian}."
    ]
    if p.capaian_organisasi is not None:
        predikat = f" dengan predikat {p.predikat_organisasi.label}" if p.predikat_organisasi else ""
        kalimat.append(
            f"Capaian kinerja organisasi Kecamatan {b.nama} tahun {b.tahun}, yaitu rata-rata dari "
            f"rata-rata capaian setiap sasaran strategis, sebesar {format_persen(p.capaian_organisasi)}"
            f"{predikat}."
        )
    return [Paragraf(" ".join(kalimat))]


def _kalimat_sasaran(b: _Bahan) -> Daftar | None:
    butir = []
    for k in b.sasaran:
        if k.rata_rata is None:
            butir.append(f"{k.uraian}: capaian belum dapat dihitung.")
            continue
        predikat = f" ({k.predikat.label})" if k.predikat else ""
        butir.append(
            f"{k.uraian}: rata-rata capaian {format_persen(k.rata_rata)}{predikat} "
            f"dari {jumlah_kata(len(k.indikator))} indikator."
        )
    return Daftar("angka", tuple(butir)) if butir else None


def _kalimat_anggaran(b: _Bahan) -> list[Paragraf]:
    if b.pohon is None:
        return []
    hasil = []
    total = b.pohon.total
    if total.pagu is not None:
        serapan = f" atau {format_persen(total.serapan)}" if total.serapan is not None else ""
        sd = f" s.d. {b.label_periode}" if b.label_periode else ""
        teks = (
            f"Pagu anggaran program, kegiatan dan sub kegiatan Kecamatan {b.nama} tahun {b.tahun} sebesar "
            f"{format_rupiah(total.pagu)} dengan realisasi{sd} {format_rupiah(total.realisasi)}{serapan}."
        )
        lalu = b.serapan_tahun_lalu
        if lalu is not None and lalu.serapan is not None and total.serapan is not None:
            selisih = total.serapan - lalu.serapan
            arah = "naik" if selisih > 0 else "turun" if selisih < 0 else "sama dengan"
            if selisih:
                teks += (
                    f" Dibandingkan tahun {b.tahun - 1} ({format_persen(lalu.serapan)}), serapan anggaran "
                    f"{arah} {format_angka(abs(selisih))} poin persen."
                )
            else:
                teks += f" Serapan anggaran sama dengan tahun {b.tahun - 1}."
        hasil.append(Paragraf(teks))
    if b.pohon.total_belanja is not None and b.pohon.total_belanja.pagu is not None:
        tb = b.pohon.total_belanja
        serapan = f" ({format_persen(tb.serapan)})" if tb.serapan is not None else ""
        hasil.append(
            Paragraf(
                f"Secara keseluruhan, belanja Kecamatan {b.nama} tahun {b.tahun} dianggarkan "
                f"{format_rupiah(tb.pagu)} dan terealisasi {format_rupiah(tb.realisasi)}{serapan}."
            )
        )
    return hasil


def _teks_tanpa_pengukuran(b: _Bahan) -> str:
    if b.pengukuran is None:
        return (
            f"Pengukuran kinerja tahun {b.tahun} belum dapat disajikan: belum ada Perjanjian Kinerja "
            f"tahun {b.tahun} dan tidak ada Renstra yang mencakup tahun tersebut."
        )
    return (
        f"Pengukuran kinerja tahun {b.tahun} belum dapat disajikan: belum ada indikator dengan target "
        f"tahun {b.tahun} (Perjanjian Kinerja tahun {b.tahun} belum diisi)."
    )


def _depan(b: _Bahan) -> list[Bagian]:
    hasil = []
    for kode in (
        "kata_pengantar",
        "ikhtisar",
        "daftar_isi",
        "daftar_tabel",
        "daftar_gambar",
        "daftar_lampiran",
    ):
        blok = b.blok(kode)
        if not blok.aktif:
            continue
        judul = blok.judul.upper()
        if kode == "kata_pengantar":
            isi: tuple[Isi, ...] = (*b.teks(kode), _tanda_tangan_camat(b))
        elif kode == "ikhtisar":
            sasaran = _kalimat_sasaran(b)
            isi = (
                *b.teks(kode),
                *_kalimat_capaian(b),
                *([Paragraf("Capaian per sasaran strategis:"), sasaran] if sasaran else []),
                *_kalimat_anggaran(b),
            )
        else:
            isi = ()
        hasil.append(
            Bagian(
                id=f"depan-{kode}", nomor="", judul=judul, tingkat=1, isi=isi, kode=kode, halaman_baru=True
            )
        )
    return hasil


# --- BAB I ----------------------------------------------------------------------------------------


def _gambaran_umum(b: _Bahan, bab: str) -> list[Isi]:
    k = b.kecamatan
    kalimat = []
    if k.luas_ha is not None:
        kalimat.append(f"Kecamatan {b.nama} memiliki luas wilayah {format_angka(k.luas_ha)} ha")
    wilayah = []
    if b.desa:
        jumlah_desa = sum(1 for d in b.desa if d.jenis != Desa.Jenis.KELURAHAN)
        jumlah_kel = len(b.desa) - jumlah_desa
        teks = f"{jumlah_kata(jumlah_desa)} desa" if jumlah_desa else ""
        if jumlah_kel:
            teks = (teks + " dan " if teks else "") + f"{jumlah_kata(jumlah_kel)} kelurahan"
        wilayah.append(teks)
    for nilai, nama in ((k.jumlah_dusun, "dusun"), (k.jumlah_rw, "RW"), (k.jumlah_rt, "RT")):
        if nilai is not None:
            wilayah.append(f"{format_angka(nilai, 0)} {nama}")
    if wilayah:
        awal = " yang terbagi atas " if kalimat else f"Wilayah Kecamatan {b.nama} terbagi atas "
        teks = ", ".join(wilayah[:-1]) + (" dan " if len(wilayah) > 1 else "") + wilayah[-1]
        if kalimat:
            kalimat[-1] += awal + teks
        else:
            kalimat.append(awal + teks)
    if k.jumlah_penduduk is not None:
        kk = f" dalam {format_angka(k.jumlah_kk, 0)} kepala keluarga" if k.jumlah_kk else ""
        tahun_data = f" pada tahun {k.tahun_data}" if k.tahun_data and k.tahun_data <= b.tahun else ""
        kalimat.append(
            f"Jumlah penduduk{tahun_data} sebanyak {format_angka(k.jumlah_penduduk, 0)} jiwa, terdiri atas "
            f"{format_angka(k.penduduk_laki_laki, 0)} laki-laki dan {format_angka(k.penduduk_perempuan, 0)} "
            f"perempuan{kk}"
        )
    hasil: list[Isi] = [Paragraf(". ".join(kalimat) + ".")] if kalimat else []
    if b.desa and any(
        d.jumlah_dusun is not None or d.jumlah_rw is not None or d.jumlah_rt is not None for d in b.desa
    ):
        baris = []
        for n, d in enumerate(b.desa, 1):
            baris.append(
                Baris(
                    (
                        _no(n),
                        _t(d.nama),
                        _t(d.get_jenis_display() or "Desa"),
                        _bulat(d.jumlah_dusun),
                        _bulat(d.jumlah_rw),
                        _bulat(d.jumlah_rt),
                    )
                )
            )
        baris.append(
            Baris(
                (
                    _t("Jumlah", colspan=3, tebal=True),
                    *(
                        _bulat(sum(getattr(d, a) or 0 for d in b.desa), tebal=True)
                        for a in ("jumlah_dusun", "jumlah_rw", "jumlah_rt")
                    ),
                ),
                total=True,
            )
        )
        hasil.append(
            Tabel(
                nomor=b.penomor.tabel(bab),
                judul=f"Desa/Kelurahan, Dusun, RW dan RT di Kecamatan {b.nama}",
                kepala=((_k("No"), _k("Desa/Kelurahan"), _k("Jenis"), _k("Dusun"), _k("RW"), _k("RT")),),
                baris=tuple(baris),
                sumber=f"Sumber: Data profil Kecamatan {b.nama}",
                lebar_kolom=(8, 40, 16, 12, 12, 12),
            )
        )
    return [*hasil, *b.teks("gambaran_umum")]


def _tugas_fungsi(b: _Bahan, bab: str) -> list[Isi]:
    k = b.kecamatan
    hasil: list[Isi] = []
    if k.dasar_hukum:
        hasil.append(Paragraf(f"Kedudukan, tugas dan fungsi Kecamatan {b.nama} ditetapkan berdasarkan:"))
        hasil.append(Daftar("angka", tuple(k.dasar_hukum)))
    if k.tugas_fungsi:
        hasil.extend(paragraf(k.tugas_fungsi))
    return [*hasil, *b.teks("tugas_fungsi")]


def _struktur(b: _Bahan, bab: str) -> list[Isi]:
    hasil: list[Isi] = list(b.teks("struktur_organisasi"))
    bagan = b.isi.bagan
    if bagan is None:
        b.kekurangan.append("Bagan struktur organisasi belum diunggah.")
        hasil.append(Catatan("Bagan struktur organisasi belum diunggah."))
    else:
        hasil.append(
            Gambar(
                nomor=b.penomor.gambar(bab),
                judul=bagan.keterangan or f"Bagan Struktur Organisasi Kecamatan {b.nama}",
                sumber=f"Sumber: Kecamatan {b.nama}",
                path=bagan.path,
                url=bagan.url,
            )
        )
    return hasil


def _sdm(b: _Bahan, bab: str) -> list[Isi]:
    if not b.isi.sdm:
        return []
    hasil: list[Isi] = list(b.teks("sdm"))
    for tabel in b.isi.sdm:
        baris = [Baris((_no(n), _t(r.uraian), _bulat(r.jumlah))) for n, r in enumerate(tabel.baris, 1)]
        baris.append(
            Baris((_t("Jumlah", colspan=2, tebal=True), _bulat(tabel.jumlah, tebal=True)), total=True)
        )
        hasil.append(
            Tabel(
                nomor=b.penomor.tabel(bab),
                judul=f"Pegawai Kecamatan {b.nama} menurut {tabel.judul} Tahun {b.tahun}",
                kepala=((_k("No"), _k(tabel.judul), _k("Jumlah (orang)")),),
                baris=tuple(baris),
                sumber=f"Sumber: Data kepegawaian Kecamatan {b.nama} tahun {b.tahun}",
                lebar_kolom=(10, 60, 30),
            )
        )
    return hasil


def _permasalahan(b: _Bahan, bab: str) -> list[Isi]:
    isi = b.isi
    if not isi.permasalahan and not isi.isu_strategis:
        return []
    hasil: list[Isi] = list(b.teks("permasalahan_isu"))
    if isi.permasalahan:
        rinci = any(p.pokok_masalah or p.akar_masalah for p in isi.permasalahan)
        if rinci:
            hasil.append(
                Tabel(
                    nomor=b.penomor.tabel(bab),
                    judul=f"Permasalahan Kecamatan {b.nama}",
                    kepala=((_k("No"), _k("Pokok Masalah"), _k("Masalah"), _k("Akar Masalah")),),
                    baris=tuple(
                        Baris((_no(n), _t(p.pokok_masalah or "-"), _t(p.masalah), _t(p.akar_masalah or "-")))
                        for n, p in enumerate(isi.permasalahan, 1)
                    ),
                    sumber=f"Sumber: Identifikasi permasalahan Kecamatan {b.nama}",
                    lebar_kolom=(7, 31, 31, 31),
                )
            )
        else:
            hasil.append(Subjudul("Permasalahan"))
            hasil.append(Daftar("angka", tuple(p.masalah for p in isi.permasalahan)))
    if isi.isu_strategis:
        hasil.append(Subjudul("Isu Strategis"))
        hasil.append(Daftar("angka", tuple(isi.isu_strategis)))
    return hasil


_URAIAN_BAB = {
    "I": "menjelaskan latar belakang, maksud dan tujuan, gambaran umum organisasi",
    "II": "menyajikan perencanaan kinerja",
    "III": "menyajikan capaian kinerja organisasi",
    "IV": "menyajikan kesimpulan",
}


def _sistematika(
    b: _Bahan, bab_lain: Sequence[Bagian], judul_bab_i: Sequence[str], *, ada_lampiran: bool
) -> list[Isi]:
    butir = []
    judul = {"I": list(judul_bab_i)}
    for bagian in bab_lain:
        judul[bagian.kode] = [a.judul for a in bagian.anak]
    for kode in ("I", "II", "III", "IV"):
        if kode not in judul:
            continue
        isi = ", ".join(j.lower() if j.isupper() else j for j in judul[kode]) or _URAIAN_BAB[kode]
        butir.append(f"BAB {kode} {JUDUL_BAB[kode]}: memuat {isi}.")
    if ada_lampiran:
        butir.append("LAMPIRAN: memuat dokumen pendukung laporan.")
    return [*b.teks("sistematika"), Daftar("butir", tuple(butir))]


# --- BAB II ---------------------------------------------------------------------------------------


def _indikator_renstra(b: _Bahan) -> dict[int, tuple[object, object, object]]:
    """indikator id -> (indikator, sasaran or None, tujuan) from the Renstra tree."""
    hasil = {}
    if b.pohon_renstra is None:
        return hasil
    for tp in b.pohon_renstra.tujuan:
        for bi in tp.indikator:
            hasil[bi.indikator.pk] = (bi.indikator, None, tp.tujuan)
        for sp in tp.sasaran:
            for bi in sp.indikator:
                hasil[bi.indikator.pk] = (bi.indikator, sp.sasaran, tp.tujuan)
    return hasil


def _renstra(b: _Bahan, bab: str) -> list[Isi]:
    pohon = b.pohon_renstra
    if pohon is None:
        b.kekurangan.append(f"Belum ada Renstra yang mencakup tahun {b.tahun}.")
        return [Catatan(f"Belum ada Renstra Kecamatan {b.nama} yang mencakup tahun {b.tahun}.")]
    r = pohon.renstra
    hasil: list[Isi] = []
    dasar = f" yang disusun berdasarkan {r.dasar}" if r.dasar else ""
    hasil.append(
        Paragraf(
            f"Perencanaan kinerja Kecamatan {b.nama} tahun {b.tahun} mengacu pada Rencana Strategis "
            f"(Renstra) Kecamatan {b.nama} periode {r.tahun_awal}–{r.tahun_akhir}{dasar}."
        )
    )
    if r.visi:
        hasil.append(Paragraf(f"Visi yang diemban adalah “{r.visi}”."))
    if pohon.misi:
        hasil.append(Paragraf("Misi untuk mewujudkan visi tersebut adalah:"))
        hasil.append(Daftar("angka", tuple(m.teks for m in pohon.misi)))
        didukung = [m for m in pohon.misi if m.didukung]
        if didukung:
            nomor = ", ".join(f"ke-{m.nomor}" for m in didukung)
            hasil.append(Paragraf(f"Kecamatan {b.nama} mendukung pencapaian misi {nomor}."))
    baris = []
    for n, tp in enumerate(pohon.tujuan, 1):
        sasaran = tp.sasaran or []
        ind_tujuan = "\n".join(bi.indikator.nama for bi in tp.indikator) or "-"
        tinggi = max(len(sasaran), 1)
        if not sasaran:
            baris.append(Baris((_no(n), _t(tp.tujuan.uraian), _t(ind_tujuan), _t("-"), _t("-"))))
            continue
        for i, sp in enumerate(sasaran):
            ind_sasaran = "\n".join(bi.indikator.nama for bi in sp.indikator) or "-"
            awal = (
                replace(_no(n), rowspan=tinggi),
                _t(tp.tujuan.uraian, rowspan=tinggi),
                _t(ind_tujuan, rowspan=tinggi),
            )
            baris.append(Baris((*(awal if i == 0 else ()), _t(sp.sasaran.uraian), _t(ind_sasaran))))
    if baris:
        hasil.append(Paragraf("Tujuan dan sasaran beserta indikator kinerjanya adalah sebagai berikut:"))
        hasil.append(
            Tabel(
                nomor=b.penomor.tabel(bab),
                judul=f"Tujuan dan Sasaran Kecamatan {b.nama} Tahun {r.tahun_awal}–{r.tahun_akhir}",
                kepala=(
                    (_k("No", rowspan=2), _k("Tujuan", colspan=2), _k("Sasaran", colspan=2)),
                    (_k("Uraian"), _k("Indikator Tujuan"), _k("Uraian"), _k("Indikator Sasaran")),
                ),
                baris=tuple(baris),
                sumber=f"Sumber: Renstra Kecamatan {b.nama} {r.tahun_awal}–{r.tahun_akhir}",
                lebar_kolom=(6, 22, 24, 22, 26),
            )
        )
    strategi = [sp for tp in pohon.tujuan for sp in tp.sasaran if sp.sasaran.strategi or sp.sasaran.kebijakan]
    if strategi:
        hasil.append(Paragraf("Strategi dan kebijakan untuk mencapai setiap sasaran adalah sebagai berikut:"))
        for sp in strategi:
            hasil.append(Subjudul(f"Sasaran: {sp.sasaran.uraian}"))
            if sp.sasaran.strategi:
                hasil.append(Paragraf("Strategi:"))
                hasil.append(Daftar("butir", tuple(sp.sasaran.strategi)))
            if sp.sasaran.kebijakan:
                hasil.append(Paragraf("Kebijakan:"))
                hasil.append(Daftar("butir", tuple(sp.sasaran.kebijakan)))
    return [*hasil, *b.teks("renstra")]


def _tabel_iku(b: _Bahan, bab: str, *, lampiran: bool = False) -> Tabel | None:
    baris = []
    n = 0
    for indikator, sasaran, tujuan in _indikator_renstra(b).values():
        if not indikator.iku:
            continue
        n += 1
        induk = sasaran.uraian if sasaran is not None else tujuan.uraian
        formula = indikator.formula or "-"
        if lampiran and indikator.definisi:
            formula = f"{indikator.definisi}\nFormulasi: {formula}"
        baris.append(
            Baris(
                (
                    _no(n),
                    _t(induk),
                    _t(indikator.nama),
                    _t(formula),
                    _t(indikator.satuan, rata="tengah"),
                    _t(indikator.sumber_data or "-"),
                    _t(indikator.penanggung_jawab or "-"),
                )
            )
        )
    if not baris:
        return None
    r = b.pohon_renstra.renstra
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Indikator Kinerja Utama Kecamatan {b.nama}",
        kepala=(
            (
                _k("No"),
                _k("Sasaran Strategis"),
                _k("Indikator Kinerja Utama"),
                _k("Definisi dan Formulasi" if lampiran else "Formulasi"),
                _k("Satuan"),
                _k("Sumber Data"),
                _k("Penanggung Jawab"),
            ),
        ),
        baris=tuple(baris),
        sumber=f"Sumber: Renstra Kecamatan {b.nama} {r.tahun_awal}–{r.tahun_akhir} (indikator kinerja utama)",
        lebar_kolom=(5, 17, 19, 25, 8, 13, 13),
        lebar="landscape" if lampiran else "",
        nomor_kolom=True,
    )


def _iku(b: _Bahan, bab: str) -> list[Isi]:
    if b.pohon_renstra is None:
        return []
    tabel = _tabel_iku(b, bab)
    if tabel is None:
        return [Catatan("Belum ada indikator Renstra yang ditandai sebagai Indikator Kinerja Utama (IKU).")]
    return [
        Paragraf(
            "Indikator Kinerja Utama (IKU) merupakan ukuran keberhasilan yang menggambarkan kinerja utama "
            f"Kecamatan {b.nama} sesuai dengan tugas dan fungsinya, sebagai berikut:"
        ),
        tabel,
        *b.teks("iku"),
    ]


def _induk_indikator(b: _Bahan) -> dict[int, tuple[str, str]]:
    """indikator id -> (kode, uraian) of its sasaran (or tujuan)."""
    hasil = {}
    for indikator, sasaran, tujuan in _indikator_renstra(b).values():
        induk = sasaran if sasaran is not None else tujuan
        hasil[indikator.pk] = (induk.kode, induk.uraian)
    for k in b.pengukuran.kelompok if b.pengukuran else []:
        for i in k.indikator:
            hasil.setdefault(i.indikator_id, (k.kode, k.uraian))
    return hasil


def _baris_berkelompok(
    data: Sequence[tuple[str, Sequence[tuple[Sel, ...]]]],
) -> list[Baris]:
    """Rows grouped under a first cell spanning its group (a sasaran over its indicators), numbered
    per group."""
    baris = []
    for n, (induk, isi) in enumerate(data, 1):
        tinggi = len(isi)
        for i, sel in enumerate(isi):
            awal = (replace(_no(n), rowspan=tinggi), _t(induk, rowspan=tinggi)) if i == 0 else ()
            baris.append(Baris((*awal, *sel)))
    return baris


def _kelompok_pk(b: _Bahan, baris_pk, ambil) -> list[tuple[str, list[tuple[Sel, ...]]]]:
    induk = _induk_indikator(b)
    kelompok: dict[str, list[tuple[Sel, ...]]] = {}
    for bp in baris_pk:
        target = ambil(bp)
        if target is None:
            continue
        nama_induk = induk.get(bp.indikator.pk, ("", "-"))[1]
        kelompok.setdefault(nama_induk, []).append(
            (
                _t(bp.indikator.nama),
                _t(bp.indikator.satuan, rata="tengah"),
                _nilai_sel(target.tampil, target.nilai),
            )
        )
    return list(kelompok.items())


def _nama_pk(pk, kecamatan: str = "") -> str:
    """ "Perjanjian Kinerja Perubahan Kecamatan Aluh Aluh Tahun 2022"."""
    jenis = " Perubahan" if pk.jenis == "perubahan" else ""
    tempat = f" Kecamatan {kecamatan}" if kecamatan else ""
    return f"Perjanjian Kinerja{jenis}{tempat} Tahun {pk.tahun}"


def _tabel_program_pk(b: _Bahan, bab: str, dok, judul: str) -> Tabel | None:
    if not dok.program:
        return None
    baris = [
        Baris((_no(n), _t(p.nama), _uang(p.anggaran), _t(p.sumber or "-", rata="tengah")))
        for n, p in enumerate(dok.program, 1)
    ]
    baris.append(
        Baris(
            (_t("Jumlah", colspan=2, tebal=True), _uang(dok.total_anggaran, tebal=True), _t("")), total=True
        )
    )
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=judul,
        kepala=((_k("No"), _k("Program"), _k("Anggaran (Rp)"), _k("Sumber Dana")),),
        baris=tuple(baris),
        sumber=f"Sumber: {_nama_pk(dok.perjanjian, b.nama)}",
        lebar_kolom=(7, 55, 24, 14),
    )


def _pk(b: _Bahan, bab: str) -> list[Isi]:
    pk = b.pk
    if pk is None:
        pesan = (
            f"Belum ada Perjanjian Kinerja tahun {b.tahun}. Isi Perjanjian Kinerja tahun {b.tahun} agar "
            "target kinerja dan pengukurannya dapat disajikan."
        )
        b.kekurangan.append(f"Belum ada Perjanjian Kinerja tahun {b.tahun}.")
        return [Catatan(pesan)]
    dok = pk.murni or pk.perubahan
    perjanjian = dok.perjanjian
    hasil: list[Isi] = [
        Paragraf(
            "Perjanjian Kinerja merupakan dokumen pernyataan kinerja/kesepakatan antara Camat "
            f"{b.nama} dan Bupati {b.kabupaten} untuk mewujudkan target kinerja tertentu berdasarkan "
            f"sumber daya yang dimiliki. {_nama_pk(perjanjian, b.nama)} adalah sebagai berikut:"
        )
    ]
    ambil = (lambda bp: bp.murni) if pk.murni else (lambda bp: bp.perubahan)
    kelompok = _kelompok_pk(b, pk.baris, ambil)
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=_nama_pk(perjanjian, b.nama),
            kepala=(
                (_k("No"), _k("Sasaran Strategis"), _k("Indikator Kinerja"), _k("Satuan"), _k("Target")),
            ),
            baris=tuple(_baris_berkelompok(kelompok)),
            sumber=f"Sumber: {_nama_pk(perjanjian, b.nama)}",
            lebar_kolom=(6, 32, 36, 12, 14),
        )
    )
    program = _tabel_program_pk(b, bab, dok, f"Program dan Anggaran {_nama_pk(perjanjian)}")
    if program:
        hasil.append(Paragraf("Program dan anggaran yang mendukung pencapaian sasaran tersebut adalah:"))
        hasil.append(program)
    return [*hasil, *b.teks("pk")]


def _pk_perubahan(b: _Bahan, bab: str) -> list[Isi]:
    pk = b.pk
    if pk is None or pk.murni is None or pk.perubahan is None:
        return []
    perubahan = pk.perubahan.perjanjian
    hasil: list[Isi] = [*b.teks("pk_perubahan")]
    if perubahan.alasan:
        hasil.append(Paragraf(f"Alasan perubahan: {perubahan.alasan}"))
    induk = _induk_indikator(b)
    kelompok: dict[str, list[tuple[Sel, ...]]] = {}
    for bp in pk.baris:
        sel_m = _nilai_sel(bp.murni.tampil, bp.murni.nilai) if bp.murni else _t("-", rata="tengah")
        sel_p = (
            _nilai_sel(bp.perubahan.tampil, bp.perubahan.nilai) if bp.perubahan else _t("-", rata="tengah")
        )
        kelompok.setdefault(induk.get(bp.indikator.pk, ("", "-"))[1], []).append(
            (_t(bp.indikator.nama), _t(bp.indikator.satuan, rata="tengah"), sel_m, sel_p)
        )
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Target Perjanjian Kinerja Murni dan Perubahan Tahun {b.tahun}",
            kepala=(
                (
                    _k("No"),
                    _k("Sasaran Strategis"),
                    _k("Indikator Kinerja"),
                    _k("Satuan"),
                    _k("Target PK Murni"),
                    _k("Target PK Perubahan"),
                ),
            ),
            baris=tuple(_baris_berkelompok(list(kelompok.items()))),
            sumber=(f"Sumber: {_nama_pk(pk.murni.perjanjian)} dan {_nama_pk(perubahan)} Kecamatan {b.nama}"),
            lebar_kolom=(6, 28, 32, 10, 12, 12),
        )
    )
    program = _tabel_program_pk(b, bab, pk.perubahan, f"Program dan Anggaran {_nama_pk(perubahan)}")
    if program:
        hasil.append(program)
    return hasil


def _rkt(b: _Bahan, bab: str) -> list[Isi]:
    if b.pohon_renstra is None:
        return []
    kelompok: dict[str, list[tuple[Sel, ...]]] = {}
    tahun = b.pohon_renstra.tahun
    if b.tahun not in tahun:
        return []
    posisi = tahun.index(b.tahun)
    for tp in b.pohon_renstra.tujuan:
        for sp in tp.sasaran:
            for bi in sp.indikator:
                t = bi.target[posisi]
                kelompok.setdefault(sp.sasaran.uraian, []).append(
                    (
                        _t(bi.indikator.nama),
                        _t(bi.indikator.satuan, rata="tengah"),
                        _nilai_sel(t.tampil, t.nilai) if t else _t("-", rata="tengah"),
                    )
                )
    if not kelompok:
        return []
    return [
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Rencana Kinerja Tahunan Kecamatan {b.nama} Tahun {b.tahun}",
            kepala=(
                (_k("No"), _k("Sasaran Strategis"), _k("Indikator Kinerja"), _k("Satuan"), _k("Target")),
            ),
            baris=tuple(_baris_berkelompok(list(kelompok.items()))),
            sumber=f"Sumber: Renstra Kecamatan {b.nama} (target tahun {b.tahun})",
            lebar_kolom=(6, 32, 36, 12, 14),
        )
    ]


def _anggaran_sasaran(b: _Bahan, bab: str) -> list[Isi]:
    if not b.anggaran_sasaran:
        return []
    daftar = sorted(b.anggaran_sasaran.values(), key=lambda a: (a.sasaran.urutan, a.sasaran.pk))
    total = Jumlah.dari(a.jumlah for a in daftar)
    ada_murni = total.pagu_murni is not None

    def pagu(j: Jumlah, tebal: bool = False) -> list[Sel]:
        return (
            [_uang(j.pagu_murni, tebal=tebal), _uang(j.pagu, tebal=tebal)]
            if ada_murni
            else [_uang(j.pagu, tebal=tebal)]
        )

    baris = [
        Baris((_no(n), _t(a.sasaran.uraian), _t("\n".join(p.pos.nama for p in a.program)), *pagu(a.jumlah)))
        for n, a in enumerate(daftar, 1)
    ]
    baris.append(Baris((_t("Jumlah", colspan=3, tebal=True), *pagu(total, True)), total=True))
    kepala = [_k("No"), _k("Sasaran Strategis"), _k("Program")]
    kepala += [_k("Pagu Murni (Rp)"), _k("Pagu Perubahan (Rp)")] if ada_murni else [_k("Pagu (Rp)")]
    ganda = len({p.pos.pk for a in daftar for p in a.program}) < sum(len(a.program) for a in daftar)
    return [
        Paragraf(
            f"Rencana anggaran tahun {b.tahun} untuk mencapai setiap sasaran strategis, menurut program yang "
            "mendukungnya, adalah sebagai berikut:"
        ),
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Rencana Anggaran per Sasaran Strategis Tahun {b.tahun}",
            kepala=(tuple(kepala),),
            baris=tuple(baris),
            sumber=f"Sumber: DPA dan DPPA Kecamatan {b.nama} tahun {b.tahun}",
            lebar_kolom=(6, 26, 28, 20, 20) if ada_murni else (6, 32, 40, 22),
            catatan=(
                (
                    "Program yang mendukung lebih dari satu sasaran dihitung pada setiap sasaran yang "
                    "didukungnya.",
                )
                if ganda
                else ()
            ),
        ),
    ]


# --- BAB III --------------------------------------------------------------------------------------


def _metode(b: _Bahan, bab: str) -> list[Isi]:
    hasil: list[Isi] = [
        Paragraf(
            "Pengukuran kinerja dilakukan dengan membandingkan realisasi setiap indikator kinerja dengan "
            f"targetnya dalam Perjanjian Kinerja tahun {b.tahun}. Untuk indikator yang semakin tinggi "
            "realisasinya semakin baik:"
        ),
        Rumus("Capaian kinerja (%) = Realisasi ÷ Target × 100 %"),
        Paragraf("Untuk indikator yang semakin rendah realisasinya semakin baik:"),
        Rumus("Capaian kinerja (%) = (2 × Target − Realisasi) ÷ Target × 100 %"),
        Paragraf(
            "Rata-rata capaian sasaran adalah rata-rata capaian indikatornya, dan capaian kinerja "
            "organisasi adalah rata-rata dari rata-rata capaian seluruh sasaran strategis. Indikator "
            "yang capaiannya tidak dapat dihitung (target 0 atau realisasi belum tersedia) tidak "
            "dihitung dalam rata-rata."
        ),
    ]
    if b.pengukuran is None:
        return hasil
    skala = b.pengukuran.skala
    berwarna = any(p.warna for p in skala.pita)
    baris = []
    for n, p in enumerate(skala.pita, 1):
        sel = [_no(n), _t(p.interval(" s.d. "), rata="tengah"), _t(p.label)]
        if berwarna:
            sel.append(
                _t(
                    p.warna.capitalize() if p.warna else "-",
                    rata="tengah",
                    kelas=kelas_warna(p.warna) if p.warna else "",
                )
            )
        baris.append(Baris(tuple(sel)))
    kepala = [_k("No"), _k("Interval Capaian Kinerja (%)"), _k("Predikat")]
    if berwarna:
        kepala.append(_k("Kode Warna"))
    batas = (
        " Dalam menghitung rata-rata, capaian di atas 100 % dihitung 100 % (ketentuan kabupaten)."
        if b.pengukuran.batas_100
        else ""
    )
    hasil.append(Paragraf(f"Predikat capaian kinerja ditetapkan dengan skala berikut.{batas}"))
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul="Skala Nilai Peringkat Kinerja",
            kepala=(tuple(kepala),),
            baris=tuple(baris),
            sumber=f"Sumber: {skala.sumber or skala.nama}",
            lebar_kolom=(8, 40, 32, 20) if berwarna else (10, 50, 40),
        )
    )
    return hasil


def _sel_capaian(i: IndikatorKinerja) -> Sel:
    if i.capaian is None:
        return Sel(teks=f"- ({i.catatan})" if i.catatan else "-", rata="kanan")
    return _angka(i.capaian)


def _catatan_pengukuran(b: _Bahan, kode: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"({c.nomor}) {c.kode}: {c.teks}." for c in b.pengukuran.catatan if c.kode in kode)


def _catatan_periode(b: _Bahan) -> tuple[str, ...]:
    """The notes of a report during the year under the capaian table: how the figures were cut, and
    which indicators are measured against their yearly target (no triwulan target in the PK)."""
    if not b.label_periode:
        return ()
    catatan = [
        f"Realisasi s.d. {b.label_periode} tahun {b.tahun} dihitung dari realisasi triwulan; target "
        f"adalah target triwulan Perjanjian Kinerja s.d. {b.label_periode}."
    ]
    tahunan = [i.kode for i in b.indikator if i.target_tahunan]
    if tahunan:
        catatan.append(
            f"Target triwulan belum diisi untuk {', '.join(tahunan)}: target yang dipakai adalah target "
            f"tahun {b.tahun}."
        )
    return tuple(catatan)


def _capaian_indikator(b: _Bahan, bab: str) -> list[Isi]:
    if not b.ada_pengukuran:
        b.kekurangan.append(_teks_tanpa_pengukuran(b))
        return [Catatan(_teks_tanpa_pengukuran(b))]
    p = b.pengukuran
    hasil: list[Isi] = []
    if p.sumber_target == "renstra":
        hasil.append(Catatan(p.peringatan[0].teks if p.peringatan else p.keterangan_sumber_target))
    hasil.append(
        Paragraf(
            f"Hasil pengukuran capaian {jumlah_kata(p.jumlah_indikator)} indikator kinerja dari "
            f"{jumlah_kata(p.jumlah_sasaran)} sasaran strategis Kecamatan {b.nama} tahun {b.tahun} "
            "adalah sebagai berikut:"
        )
    )
    data = []
    for k in p.kelompok:
        data.append(
            (
                k.uraian,
                [
                    (
                        _t(i.nama),
                        _t(i.satuan, rata="tengah"),
                        _nilai_sel(i.target.teks if i.target else "-", i.target.nilai if i.target else None),
                        _nilai_sel(
                            i.realisasi.teks if i.realisasi else "-",
                            i.realisasi.nilai if i.realisasi else None,
                        ),
                        _sel_capaian(i),
                        _predikat_sel(i.predikat),
                    )
                    for i in k.indikator
                ],
            )
        )
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Capaian Indikator Kinerja Tahun {b.tahun}",
            kepala=(
                (
                    _k("No"),
                    _k("Sasaran Strategis"),
                    _k("Indikator Kinerja"),
                    _k("Satuan"),
                    _k("Target"),
                    _k("Realisasi"),
                    _k("Capaian (%)"),
                    _k("Predikat"),
                ),
            ),
            baris=tuple(_baris_berkelompok(data)),
            sumber=(
                f"Sumber: {_nama_pk(p.perjanjian) if p.perjanjian else p.keterangan_sumber_target} "
                f"dan data realisasi Kecamatan {b.nama} "
                f"tahun {b.tahun}, diolah"
            ),
            lebar_kolom=(5, 19, 25, 8, 11, 11, 10, 11),
            catatan=(
                *(f"({c.nomor}) {c.kode}: {c.teks}." for c in p.catatan),
                *_catatan_periode(b),
            ),
        )
    )
    grafik_ind = [(i.kode, i.capaian) for i in p.indikator]
    nomor = b.penomor.gambar(bab)
    hasil.append(
        Gambar(
            nomor=nomor,
            judul=f"Capaian Indikator Kinerja Tahun {b.tahun}",
            sumber=f"Sumber: data realisasi Kecamatan {b.nama} tahun {b.tahun}, diolah",
            svg=grafik.grafik_capaian_indikator(
                grafik_ind, id_grafik=_slug(nomor), judul=f"Capaian indikator kinerja tahun {b.tahun}"
            ),
        )
    )
    # Sasaran means and the capaian organisasi.
    baris = []
    for n, k in enumerate(p.sasaran, 1):
        rerata = _angka(k.rata_rata) if k.rata_rata is not None else _t("-", rata="kanan")
        baris.append(
            Baris((_no(n), _t(k.uraian), _bulat(len(k.indikator)), rerata, _predikat_sel(k.predikat)))
        )
    baris.append(
        Baris(
            (
                _t("Capaian kinerja organisasi", colspan=2, tebal=True),
                _bulat(p.jumlah_indikator, tebal=True),
                _angka(p.capaian_organisasi, tebal=True)
                if p.capaian_organisasi is not None
                else _t("-", rata="kanan"),
                replace(_predikat_sel(p.predikat_organisasi), tebal=True),
            ),
            total=True,
        )
    )
    hasil.append(
        Paragraf(
            "Rata-rata capaian setiap sasaran strategis dan capaian kinerja organisasi adalah "
            "sebagai berikut:"
        )
    )
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Rata-rata Capaian Sasaran Strategis Tahun {b.tahun}",
            kepala=(
                (
                    _k("No"),
                    _k("Sasaran Strategis"),
                    _k("Jumlah Indikator"),
                    _k("Rata-rata Capaian (%)"),
                    _k("Predikat"),
                ),
            ),
            baris=tuple(baris),
            sumber=f"Sumber: {_nomor_terakhir(hasil)} diolah",
            lebar_kolom=(6, 46, 14, 16, 18),
        )
    )
    if p.rumus_capaian_organisasi:
        hasil.append(Paragraf("Capaian kinerja organisasi dihitung sebagai berikut:"))
        hasil.append(Rumus(f"Capaian kinerja organisasi = {p.rumus_capaian_organisasi}"))
    if len(p.sasaran) > 1:
        nomor = b.penomor.gambar(bab)
        hasil.append(
            Gambar(
                nomor=nomor,
                judul=f"Rata-rata Capaian Sasaran Strategis Tahun {b.tahun}",
                sumber=f"Sumber: data realisasi Kecamatan {b.nama} tahun {b.tahun}, diolah",
                svg=grafik.grafik_capaian_sasaran(
                    [(k.kode, k.rata_rata) for k in p.sasaran],
                    id_grafik=_slug(nomor),
                    judul=f"Rata-rata capaian sasaran strategis tahun {b.tahun}",
                ),
            )
        )
    return [*hasil, *b.teks("capaian_indikator")]


def _nomor_terakhir(isi: Sequence[Isi]) -> str:
    for i in reversed(isi):
        if isinstance(i, Tabel):
            return i.nomor
    return ""


def _predikat(b: _Bahan, bab: str) -> list[Isi]:
    if not b.ada_pengukuran:
        return []
    p = b.pengukuran
    baris = [
        Baris(
            (
                _no(n),
                _predikat_sel(r.pita),
                _t(r.pita.interval(" s.d. "), rata="tengah"),
                _bulat(r.jumlah_sasaran) if r.jumlah_sasaran else _t("-", rata="kanan"),
                _bulat(r.jumlah_indikator) if r.jumlah_indikator else _t("-", rata="kanan"),
            )
        )
        for n, r in enumerate(p.rekap_predikat, 1)
    ]
    if p.jumlah_sasaran_tidak_dihitung or p.jumlah_indikator_tidak_dihitung:
        baris.append(
            Baris(
                (
                    _t(""),
                    _t("Belum dapat diukur", rata="tengah"),
                    _t("-", rata="tengah"),
                    _bulat(p.jumlah_sasaran_tidak_dihitung),
                    _bulat(p.jumlah_indikator_tidak_dihitung),
                )
            )
        )
    baris.append(
        Baris(
            (
                _t("Jumlah", colspan=3, tebal=True),
                _bulat(p.jumlah_sasaran, tebal=True),
                _bulat(p.jumlah_indikator, tebal=True),
            ),
            total=True,
        )
    )
    return [
        Paragraf(
            f"Jumlah sasaran strategis dan indikator kinerja tahun {b.tahun} menurut predikat capaiannya "
            "adalah sebagai berikut:"
        ),
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Jumlah Sasaran dan Indikator Kinerja per Predikat Tahun {b.tahun}",
            kepala=(
                (
                    _k("No"),
                    _k("Predikat"),
                    _k("Interval Capaian (%)"),
                    _k("Jumlah Sasaran"),
                    _k("Jumlah Indikator"),
                ),
            ),
            baris=tuple(baris),
            sumber=f"Sumber: hasil pengukuran kinerja Kecamatan {b.nama} tahun {b.tahun}",
            lebar_kolom=(8, 26, 30, 18, 18),
        ),
    ]


def _kalimat_satu_sasaran(b: _Bahan, k: KelompokKinerja) -> str:
    capai, belum, tanpa = _hitung_capaian(k.indikator)
    awal = f"Sasaran strategis “{k.uraian}” diukur dengan {jumlah_kata(len(k.indikator))} indikator kinerja."
    if k.rata_rata is None:
        return awal + " Capaiannya belum dapat dihitung karena realisasinya belum tersedia."
    predikat = f" dengan predikat {k.predikat.label}" if k.predikat else ""
    rinci = [f"{jumlah_kata(capai)} indikator mencapai atau melampaui target"] if capai else []
    if belum:
        rinci.append(f"{jumlah_kata(belum)} indikator belum mencapai target")
    if tanpa:
        rinci.append(f"{jumlah_kata(tanpa)} indikator belum dapat diukur")
    teks = (
        f"{awal} Rata-rata capaiannya tahun {b.tahun} sebesar {format_persen(k.rata_rata)}{predikat}; "
        + ", ".join(rinci)
        + "."
    )
    return teks


def _sel_target(nilai) -> Sel:
    return _nilai_sel(nilai.teks if nilai else "-", nilai.nilai if nilai else None)


def _tabel_tahunan(b: _Bahan, bab: str, k: KelompokKinerja) -> Tabel:
    """Target, realisasi and capaian of each indicator this year and the years before, one row per
    year under the indicator (portrait whatever the number of years), with the trend against the
    year before."""
    tahun_lalu = b.pengukuran.tahun_pembanding
    baris = []
    for n, i in enumerate(k.indikator, 1):
        tahun = [tk for tk in i.tahun_lalu if tk is not None]
        tinggi = len(tahun) + 1
        awal = (
            replace(_no(n), rowspan=tinggi),
            _t(i.nama, rowspan=tinggi),
            _t(i.satuan, rata="tengah", rowspan=tinggi),
        )
        for j, tk in enumerate(tahun):
            baris.append(
                Baris(
                    (
                        *(awal if j == 0 else ()),
                        _t(str(tk.tahun), rata="tengah"),
                        _sel_target(tk.target),
                        _sel_target(tk.realisasi),
                        _angka(tk.capaian) if tk.capaian is not None else _t("-", rata="kanan"),
                        _t(tk.tren or "-", rata="tengah"),
                    )
                )
            )
        baris.append(
            Baris(
                (
                    *(awal if not tahun else ()),
                    _t(
                        f"{b.tahun} (s.d. {b.label_periode})" if b.label_periode else str(b.tahun),
                        rata="tengah",
                        tebal=True,
                    ),
                    _sel_target(i.target),
                    _sel_target(i.realisasi),
                    _sel_capaian(i),
                    _t(i.tren or "-", rata="tengah"),
                )
            )
        )
    rentang = f"{tahun_lalu[0]}–{b.tahun}" if tahun_lalu else f"{b.tahun}"
    # A report during the year: the last row is the year up to the period.
    akhiran = f" (s.d. {b.label_periode} {b.tahun})" if b.label_periode and tahun_lalu else ""
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Capaian Kinerja Sasaran “{k.uraian}” Tahun {rentang}{akhiran}",
        kepala=(
            (
                _k("No"),
                _k("Indikator Kinerja"),
                _k("Satuan"),
                _k("Tahun"),
                _k("Target"),
                _k("Realisasi"),
                _k("Capaian (%)"),
                _k("Tren Realisasi"),
            ),
        ),
        baris=tuple(baris),
        sumber=f"Sumber: Perjanjian Kinerja dan data realisasi Kecamatan {b.nama} tahun {rentang}, diolah",
        lebar_kolom=(5, 33, 9, 8, 12, 12, 10, 11),
        catatan=_catatan_pengukuran(b, [i.kode for i in k.indikator]),
    )


def _tabel_kemajuan(b: _Bahan, bab: str, k: KelompokKinerja) -> Tabel | None:
    indikator = [i for i in k.indikator if i.target_akhir is not None]
    if not indikator:
        return None
    tahun_akhir = indikator[0].tahun_akhir_renstra
    baris = []
    for n, i in enumerate(indikator, 1):
        realisasi = (
            _angka(i.realisasi_kemajuan)
            if i.kumulatif and i.realisasi_kemajuan is not None
            else _nilai_sel(
                i.realisasi.teks if i.realisasi else "-", i.realisasi.nilai if i.realisasi else None
            )
        )
        baris.append(
            Baris(
                (
                    _no(n),
                    _t(i.nama + (" (kumulatif)" if i.kumulatif else "")),
                    _t(i.satuan, rata="tengah"),
                    _nilai_sel(i.target_akhir.teks, i.target_akhir.nilai),
                    realisasi,
                    _angka(i.tingkat_kemajuan) if i.tingkat_kemajuan is not None else _t("-", rata="kanan"),
                )
            )
        )
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Realisasi Tahun {b.tahun} terhadap Target Akhir Renstra Tahun {tahun_akhir}",
        kepala=(
            (
                _k("No"),
                _k("Indikator Kinerja"),
                _k("Satuan"),
                _k(f"Target Akhir Renstra ({tahun_akhir})"),
                _k(
                    f"Realisasi s.d. {b.label_periode} {b.tahun}"
                    if b.label_periode
                    else f"Realisasi s.d. {b.tahun}"
                ),
                _k("Tingkat Kemajuan (%)"),
            ),
        ),
        baris=tuple(baris),
        sumber=f"Sumber: Renstra Kecamatan {b.nama} dan data realisasi tahun {b.tahun}, diolah",
        lebar_kolom=(6, 40, 10, 15, 14, 15),
    )


def _grafik_tren(b: _Bahan, bab: str, i: IndikatorKinerja) -> Gambar | None:
    tahun = [t.tahun for t in i.tahun_lalu if t is not None]
    target = [t.target.nilai if t.target else None for t in i.tahun_lalu if t is not None]
    realisasi = [t.realisasi.nilai if t.realisasi else None for t in i.tahun_lalu if t is not None]
    tahun.append(b.tahun)
    target.append(i.target.nilai if i.target else None)
    realisasi.append(i.realisasi.nilai if i.realisasi else None)
    if sum(1 for r in realisasi if r is not None) < 2:
        return None
    nomor = b.penomor.gambar(bab)
    rentang = f"{tahun[0]}–{tahun[-1]}"
    return Gambar(
        nomor=nomor,
        judul=f"Target dan Realisasi {i.nama} Tahun {rentang}",
        sumber=f"Sumber: Perjanjian Kinerja dan data realisasi Kecamatan {b.nama}",
        svg=grafik.grafik_tren(
            tahun, target=target, realisasi=realisasi, id_grafik=_slug(nomor), judul=f"Tren {i.nama}"
        ),
    )


def _analisis(a: AnalisisSasaran | None) -> list[Isi]:
    hasil: list[Isi] = []
    if a is None:
        return hasil
    for judul, isi in (
        ("Faktor pendukung keberhasilan", a.pendukung),
        ("Faktor penghambat", a.penghambat),
        ("Solusi dan langkah perbaikan", a.solusi),
    ):
        if isi:
            hasil.append(Subjudul(judul))
            hasil.append(Daftar("angka", tuple(isi)))
    if a.catatan:
        hasil.extend(paragraf(a.catatan))
    return hasil


def _program_sasaran(b: _Bahan, bab: str, k: KelompokKinerja) -> Tabel | None:
    a = b.anggaran_sasaran.get(k.objek_id)
    if a is None:
        return None
    baris = [
        Baris(
            (
                _no(n),
                _t(p.pos.nama),
                _uang(p.jumlah.pagu),
                _uang(p.jumlah.realisasi),
                _angka(p.jumlah.serapan) if p.jumlah.serapan is not None else _t("-", rata="kanan"),
            )
        )
        for n, p in enumerate(a.program, 1)
    ]
    if len(a.program) > 1:
        baris.append(
            Baris(
                (
                    _t("Jumlah", colspan=2, tebal=True),
                    _uang(a.jumlah.pagu, tebal=True),
                    _uang(a.jumlah.realisasi, tebal=True),
                    _angka(a.jumlah.serapan, tebal=True) if a.jumlah.serapan is not None else _t("-"),
                ),
                total=True,
            )
        )
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Program Pendukung Sasaran “{k.uraian}” Tahun {b.tahun}",
        kepala=((_k("No"), _k("Program"), _k("Pagu (Rp)"), _k("Realisasi (Rp)"), _k("Serapan (%)")),),
        baris=tuple(baris),
        sumber=f"Sumber: DPPA dan laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
        lebar_kolom=(6, 40, 20, 20, 14),
    )


def _analisis_sasaran(b: _Bahan, bab: str) -> list[Bagian]:
    if not b.ada_pengukuran:
        return []
    anak = []
    for n, k in enumerate(b.pengukuran.kelompok, 1):
        isi: list[Isi] = [Paragraf(_kalimat_satu_sasaran(b, k))]
        isi.append(_tabel_tahunan(b, bab, k))
        kemajuan = _tabel_kemajuan(b, bab, k)
        if kemajuan:
            isi.append(Paragraf("Perbandingan realisasi dengan target akhir periode Renstra:"))
            isi.append(kemajuan)
        for i in k.indikator:
            if i.iku:
                g = _grafik_tren(b, bab, i)
                if g:
                    isi.append(g)
        if k.adalah_sasaran:
            isi.extend(_analisis(b.analisis.get(k.objek_id)))
            program = _program_sasaran(b, bab, k)
            if program:
                isi.append(Paragraf("Program yang mendukung pencapaian sasaran ini:"))
                isi.append(program)
        judul = k.uraian if k.adalah_sasaran else f"Tujuan: {k.uraian}"
        anak.append(
            Bagian(
                id=f"sasaran-{k.tingkat}-{k.objek_id}", nomor=f"{n}.", judul=judul, tingkat=3, isi=tuple(isi)
            )
        )
    return anak


def _realisasi_anggaran(b: _Bahan, bab: str) -> list[Isi]:
    pohon = b.pohon
    if pohon is None:
        b.kekurangan.append(f"Belum ada data anggaran tahun {b.tahun}.")
        return [Catatan(f"Belum ada data anggaran Kecamatan {b.nama} tahun {b.tahun}.")]
    hasil: list[Isi] = list(_kalimat_anggaran(b))
    if b.label_periode:
        hasil.append(
            Catatan(
                f"Realisasi anggaran s.d. {b.label_periode} tahun {b.tahun} adalah jumlah realisasi "
                f"triwulan yang tercatat s.d. {b.label_periode}; pos tanpa realisasi triwulan dan "
                'jenis belanja ditulis "-". Pagu adalah pagu tahun berjalan.'
            )
        )
    if pohon.belanja:
        tb = pohon.total_belanja
        ada_murni = tb.pagu_murni is not None

        def sel(j: Jumlah, tebal: bool = False) -> list[Sel]:
            hasil_sel = [_uang(j.pagu_murni, tebal=tebal)] if ada_murni else []
            hasil_sel += [_uang(j.pagu, tebal=tebal), _uang(j.realisasi, tebal=tebal)]
            hasil_sel.append(
                _angka(j.serapan, tebal=tebal) if j.serapan is not None else _t("-", rata="kanan")
            )
            return hasil_sel

        baris = [
            Baris(
                (
                    _no(n),
                    _t(bb.belanja.get_jenis_display()),
                    *sel(bb.jumlah),
                    _angka(bb.proporsi) if bb.proporsi is not None else _t("-", rata="kanan"),
                )
            )
            for n, bb in enumerate(pohon.belanja, 1)
        ]
        baris.append(
            Baris(
                (_t("Jumlah", colspan=2, tebal=True), *sel(tb, True), _angka(Decimal(100), tebal=True)),
                total=True,
            )
        )
        kepala = [_k("No"), _k("Jenis Belanja")]
        kepala += [_k("Pagu Murni (Rp)"), _k("Pagu Perubahan (Rp)")] if ada_murni else [_k("Pagu (Rp)")]
        kepala += [_k("Realisasi (Rp)"), _k("Serapan (%)"), _k("Proporsi Pagu (%)")]
        hasil.append(
            Tabel(
                nomor=b.penomor.tabel(bab),
                judul=f"Anggaran dan Realisasi Belanja Kecamatan {b.nama} Tahun {b.tahun}",
                kepala=(tuple(kepala),),
                baris=tuple(baris),
                sumber=f"Sumber: Laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
                lebar_kolom=(5, 19, 18, 18, 18, 10, 12) if ada_murni else (6, 30, 20, 20, 12, 12),
            )
        )
    if pohon.program:
        hasil.append(_tabel_pohon(b, bab, pohon))
        nomor = b.penomor.gambar(bab)
        hasil.append(
            Gambar(
                nomor=nomor,
                judul=f"Serapan Anggaran per Program Tahun {b.tahun}",
                sumber=f"Sumber: laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
                svg=grafik.grafik_serapan_program(
                    [(p.pos.nama, p.jumlah.serapan) for p in pohon.program],
                    id_grafik=_slug(nomor),
                    judul=f"Serapan anggaran per program tahun {b.tahun}",
                ),
            )
        )
    return [*hasil, *b.teks("realisasi_anggaran")]


def _tabel_pohon(b: _Bahan, bab: str, pohon: PohonAnggaran) -> Tabel:
    """Pagu and realisasi per program, kegiatan and sub kegiatan. The kode and pagu murni columns
    appear only when the year has them (legacy years often have neither); a tree below program
    level goes on a landscape page."""
    simpul = [s for p in pohon.program for s in p.semua()]
    ada_kode = any(s.pos.kode for s in simpul)
    ada_murni = any(s.jumlah.pagu_murni is not None for s in simpul)
    bertingkat = any(s.kedalaman for s in simpul)
    kepala = [_k("Kode")] if ada_kode else []
    kepala.append(_k("Program / Kegiatan / Sub Kegiatan" if bertingkat else "Program"))
    if ada_murni:
        kepala.append(_k("Pagu Murni (Rp)"))
    kepala += [
        _k("Pagu Perubahan (Rp)" if ada_murni else "Pagu (Rp)"),
        _k("Realisasi (Rp)"),
        _k("Serapan (%)"),
    ]

    def sel_jumlah(j: Jumlah, tebal: bool) -> list[Sel]:
        sel = [_uang(j.pagu_murni, tebal=tebal)] if ada_murni else []
        sel += [_uang(j.pagu, tebal=tebal), _uang(j.realisasi, tebal=tebal)]
        sel.append(_angka(j.serapan, tebal=tebal) if j.serapan is not None else _t("-", rata="kanan"))
        return sel

    baris = []
    for s in simpul:
        program = s.kedalaman == 0
        kode = [_t(s.pos.kode or "-", tebal=program)] if ada_kode else []
        baris.append(
            Baris((*kode, _t(s.pos.nama, tingkat=s.kedalaman, tebal=program), *sel_jumlah(s.jumlah, program)))
        )
    baris.append(
        Baris(
            (_t("Jumlah", colspan=2 if ada_kode else 1, tebal=True), *sel_jumlah(pohon.total, True)),
            total=True,
        )
    )
    uang = 3 if ada_murni else 2
    # Percent of the line: a landscape page is wider, so money columns need less of it.
    lebar_kode, lebar_uang, lebar_serapan = (14, 14, 7) if bertingkat else (12, 19, 9)
    lain = (lebar_kode if ada_kode else 0) + lebar_uang * uang + lebar_serapan
    lebar_kolom = (
        *((lebar_kode,) if ada_kode else ()),
        100 - lain,
        *((lebar_uang,) * uang),
        lebar_serapan,
    )
    pengantar = "program, kegiatan dan sub kegiatan" if bertingkat else "program"
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun {b.tahun}"
        if bertingkat
        else f"Realisasi Anggaran per Program Tahun {b.tahun}",
        kepala=(tuple(kepala),),
        baris=tuple(baris),
        sumber=f"Sumber: DPA, DPPA dan laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
        lebar_kolom=lebar_kolom,
        lebar="landscape" if bertingkat else "",
        pengantar=(
            f"Rincian pagu dan realisasi anggaran menurut {pengantar} tahun {b.tahun} adalah sebagai berikut:"
        ),
    )


def _efisiensi(b: _Bahan, bab: str) -> list[Isi]:
    if not b.ada_pengukuran or not b.anggaran_sasaran:
        return []
    hasil: list[Isi] = []
    efektif = []
    efisien = []
    for n, k in enumerate(b.sasaran, 1):
        a = b.anggaran_sasaran.get(k.objek_id)
        j = a.jumlah if a else None
        serapan = j.serapan if j else None
        rerata = _angka(k.rata_rata) if k.rata_rata is not None else _t("-", rata="kanan")
        efektif.append(
            Baris(
                (
                    _no(n),
                    _t(k.uraian),
                    _bulat(len(k.indikator)),
                    rerata,
                    _uang(j.realisasi) if j else _t("-", rata="kanan"),
                    _angka(serapan) if serapan is not None else _t("-", rata="kanan"),
                )
            )
        )
        nilai = efisiensi(capaian=k.rata_rata, serapan=serapan)
        efisien.append(
            Baris(
                (
                    _no(n),
                    _t(k.uraian),
                    rerata,
                    _angka(serapan) if serapan is not None else _t("-", rata="kanan"),
                    _angka(nilai) if nilai is not None else _t("-", rata="kanan"),
                )
            )
        )
    hasil.append(
        Paragraf(
            "Efektivitas penggunaan anggaran dilihat dari capaian kinerja setiap sasaran strategis dan "
            "realisasi anggaran program yang mendukungnya:"
        )
    )
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Efektivitas Anggaran terhadap Capaian Sasaran Tahun {b.tahun}",
            kepala=(
                (
                    _k("No", rowspan=2),
                    _k("Sasaran Strategis", rowspan=2),
                    _k("Jumlah Indikator", rowspan=2),
                    _k("Rata-rata Capaian (%)", rowspan=2),
                    _k("Realisasi Anggaran", colspan=2),
                ),
                (_k("Rp"), _k("%")),
            ),
            baris=tuple(efektif),
            sumber=(
                "Sumber: hasil pengukuran kinerja dan laporan realisasi anggaran Kecamatan "
                f"{b.nama} tahun {b.tahun}"
            ),
            lebar_kolom=(6, 34, 11, 13, 22, 14),
        )
    )
    batas = " (capaian di atas 100 % dihitung 100 %)" if b.pengukuran.batas_100 else ""
    hasil.append(
        Paragraf(
            "Tingkat efisiensi penggunaan sumber daya adalah selisih rata-rata capaian kinerja sasaran "
            f"dengan persentase realisasi anggarannya{batas}, dalam poin persen; nilai positif berarti "
            "target kinerja tercapai dengan anggaran yang lebih kecil dari pagunya."
        )
    )
    hasil.append(Rumus("Tingkat efisiensi = Rata-rata capaian kinerja sasaran (%) − Realisasi anggaran (%)"))
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Tingkat Efisiensi Penggunaan Sumber Daya Tahun {b.tahun}",
            kepala=(
                (
                    _k("No"),
                    _k("Sasaran Strategis"),
                    _k("Rata-rata Capaian (%)"),
                    _k("Realisasi Anggaran (%)"),
                    _k("Tingkat Efisiensi (poin persen)"),
                ),
            ),
            baris=tuple(efisien),
            sumber=f"Sumber: {_nomor_terakhir(hasil)}, diolah",
            lebar_kolom=(6, 46, 16, 16, 16),
        )
    )
    sumber_daya = _tabel_sumber_daya(b, bab)
    if sumber_daya is not None:
        hasil.append(sumber_daya)
    return [*hasil, *b.teks("efisiensi")]


def _sdm_sasaran(b: _Bahan) -> dict[int, object]:
    """sasaran id -> its SdmSasaran of the report year (from the Renstra tree, no query)."""
    if b.pohon_renstra is None:
        return {}
    return {
        sp.sasaran.pk: sdm
        for tp in b.pohon_renstra.tujuan
        for sp in tp.sasaran
        for sdm in sp.sdm
        if sdm.tahun == b.tahun
    }


def _tabel_sumber_daya(b: _Bahan, bab: str) -> Tabel | None:
    """Indikator / Dana / SDM per sasaran: target, realisasi and capaian of each resource (DOMAIN.md
    §3.5 E4; SDM 10 of 16 ASN = 62,50 %). Only when the year records the sasaran's SDM."""
    sdm = _sdm_sasaran(b)
    if not sdm:
        return None
    data = []
    for k in b.sasaran:
        baris: list[tuple[Sel, ...]] = []
        if len(k.indikator) == 1:
            i = k.indikator[0]
            baris.append(
                (_t(f"Indikator: {i.nama}"), _sel_target(i.target), _sel_target(i.realisasi), _sel_capaian(i))
            )
        else:
            baris.append(
                (
                    _t(f"Kinerja (rata-rata {jumlah_kata(len(k.indikator))} indikator)"),
                    _t("-", rata="kanan"),
                    _t("-", rata="kanan"),
                    _angka(k.rata_rata) if k.rata_rata is not None else _t("-", rata="kanan"),
                )
            )
        a = b.anggaran_sasaran.get(k.objek_id)
        if a is not None:
            j = a.jumlah
            baris.append(
                (
                    _t("Dana (Rp)"),
                    _uang(j.pagu),
                    _uang(j.realisasi),
                    _angka(j.serapan) if j.serapan is not None else _t("-", rata="kanan"),
                )
            )
        s = sdm.get(k.objek_id)
        if s is not None:
            persen = capaian(target=Decimal(s.target), realisasi=Decimal(s.realisasi))
            baris.append(
                (
                    _t("SDM (orang)" + (f"; {s.keterangan}" if s.keterangan else "")),
                    _bulat(s.target),
                    _bulat(s.realisasi),
                    _angka(persen) if persen is not None else _t("-", rata="kanan"),
                )
            )
        data.append((k.uraian, baris))
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Efisiensi Penggunaan Sumber Daya per Sasaran Strategis Tahun {b.tahun}",
        kepala=(
            (
                _k("No"),
                _k("Sasaran Strategis"),
                _k("Sumber Daya"),
                _k("Target"),
                _k("Realisasi"),
                _k("Capaian (%)"),
            ),
        ),
        baris=tuple(_baris_berkelompok(data)),
        sumber=(
            f"Sumber: Perjanjian Kinerja, laporan realisasi anggaran dan data kepegawaian Kecamatan {b.nama} "
            f"tahun {b.tahun}, diolah"
        ),
        lebar_kolom=(5, 21, 23, 19, 19, 13),
        pengantar=(
            "Perbandingan target dan realisasi setiap sumber daya yang digunakan untuk mencapai sasaran:"
        ),
    )


def _penghargaan(b: _Bahan, bab: str) -> list[Isi]:
    if not b.isi.penghargaan:
        return []
    baris = [
        Baris(
            (
                _no(n),
                _t(p.nama),
                _t(p.pemberi or "-"),
                _t(p.tingkat or "-", rata="tengah"),
                _t(p.penerima or f"Kecamatan {b.nama}"),
            )
        )
        for n, p in enumerate(b.isi.penghargaan, 1)
    ]
    return [
        *b.teks("penghargaan"),
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Prestasi dan Penghargaan Tahun {b.tahun}",
            kepala=((_k("No"), _k("Penghargaan"), _k("Pemberi"), _k("Tingkat"), _k("Penerima")),),
            baris=tuple(baris),
            sumber=f"Sumber: Kecamatan {b.nama}",
            lebar_kolom=(6, 36, 22, 14, 22),
        ),
    ]


# --- SKM and SAKIP (BAB III) ----------------------------------------------------------------------


def _nama_periode(h: HasilSurvei) -> str:
    return "" if h.survei.periode == "tahunan" else h.survei.get_periode_display()


def _tabel_unsur(b: _Bahan, bab: str, h: HasilSurvei) -> Tabel:
    periode = _nama_periode(h)
    baris = [
        Baris(
            (
                _no(n),
                _t(u.nama),
                _angka(u.nrr, 3) if u.nrr is not None else _t("-", rata="kanan"),
                _t(f"{u.mutu.kode} ({u.mutu.label})" if u.mutu else "-", rata="tengah"),
            )
        )
        for n, u in enumerate(h.unsur, 1)
    ]
    baris.append(
        Baris(
            (
                _t("Indeks Kepuasan Masyarakat (rata-rata NRR)", colspan=2, tebal=True),
                _angka(h.ikm, 3, tebal=True) if h.ikm is not None else _t("-", rata="kanan"),
                _t(""),
            ),
            total=True,
        )
    )
    baris.append(
        Baris(
            (
                _t("Nilai konversi (IKM × 25)", colspan=2, tebal=True),
                _angka(h.konversi, tebal=True) if h.konversi is not None else _t("-", rata="kanan"),
                _t(f"{h.mutu.kode} ({h.mutu.label})" if h.mutu else "-", rata="tengah", tebal=True),
            ),
            total=True,
        )
    )
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=f"Nilai Unsur Survei Kepuasan Masyarakat Tahun {b.tahun}" + (f" {periode}" if periode else ""),
        kepala=((_k("No"), _k("Unsur Pelayanan"), _k("Nilai Rata-rata (NRR)"), _k("Mutu")),),
        baris=tuple(baris),
        sumber=f"Sumber: Hasil Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}",
        lebar_kolom=(7, 53, 18, 22),
    )


def _kalimat_unsur(h: HasilSurvei) -> list[Isi]:
    hasil: list[Isi] = []
    rendah = ", ".join(f"{u.nama} ({format_angka(u.nrr, 3)})" for u in h.terendah)
    tinggi = ", ".join(f"{u.nama} ({format_angka(u.nrr, 3)})" for u in h.tertinggi)
    if rendah and tinggi:
        hasil.append(Paragraf(f"Unsur dengan nilai terendah adalah {rendah}, dan tertinggi {tinggi}."))
    bawah = [u.nama for u in h.di_bawah_rerata]
    if bawah:
        hasil.append(
            Paragraf(
                "Unsur yang nilainya di bawah rata-rata dan perlu menjadi prioritas perbaikan: "
                + ", ".join(bawah)
                + "."
            )
        )
    return hasil


def _skm(b: _Bahan, bab: str) -> list[Isi]:
    t = b.skm_tahun
    if t is None:
        return []
    hasil: list[Isi] = []
    for h in t.survei:
        periode = _nama_periode(h)
        responden = f" terhadap {format_angka(h.responden, 0)} responden" if h.responden else ""
        metode = f" melalui {h.survei.metode}" if h.survei.metode else ""
        if len(t.survei) > 1:
            hasil.append(Subjudul(f"Survei Kepuasan Masyarakat {periode or 'Tahunan'}"))
        hasil.append(
            Paragraf(
                f"Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}"
                + (f" {periode.lower()}" if periode else "")
                + f" dilaksanakan berdasarkan {h.pedoman}{metode}{responden}. "
                "Hasilnya adalah sebagai berikut:"
            )
        )
        hasil.append(_tabel_unsur(b, bab, h))
        hasil.extend(_kalimat_unsur(h))
        if h.terisi:
            nomor = b.penomor.gambar(bab)
            hasil.append(
                Gambar(
                    nomor=nomor,
                    judul=f"Nilai Unsur Survei Kepuasan Masyarakat Tahun {b.tahun}"
                    + (f" {periode}" if periode else ""),
                    sumber=f"Sumber: Hasil Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}",
                    svg=grafik.grafik_skm_unsur(
                        [(u.nama, u.nrr) for u in h.unsur],
                        rata_rata=h.ikm,
                        id_grafik=_slug(nomor),
                        judul=f"Nilai unsur SKM tahun {b.tahun}",
                    ),
                )
            )
        kritik = [*h.survei.kritik, *h.survei.saran]
        if kritik:
            hasil.append(Subjudul("Kritik dan saran masyarakat"))
            hasil.append(Daftar("butir", tuple(kritik)))
    if len(t.survei) > 1 and t.konversi is not None:
        mutu = f" dengan mutu pelayanan {t.mutu.kode} ({t.mutu.label})" if t.mutu else ""
        hasil.append(
            Paragraf(
                f"Nilai SKM Kecamatan {b.nama} tahun {b.tahun}, yaitu rata-rata nilai konversi "
                f"{jumlah_kata(len(t.survei))} periode survei, sebesar {format_angka(t.konversi)}{mutu}."
            )
        )
    contoh = t.survei[-1]
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul="Nilai Interval, Nilai Konversi dan Mutu Pelayanan",
            kepala=(
                (
                    _k("No"),
                    _k("Nilai Interval (NRR)"),
                    _k("Nilai Interval Konversi"),
                    _k("Mutu Pelayanan"),
                    _k("Kinerja Unit Pelayanan"),
                ),
            ),
            baris=tuple(
                Baris(
                    (
                        _no(n),
                        _t(r.nrr, rata="tengah"),
                        _t(r.konversi, rata="tengah"),
                        _t(r.kode, rata="tengah"),
                        _t(r.label),
                    )
                )
                for n, r in enumerate(contoh.tabel_interval, 1)
            ),
            sumber=f"Sumber: {contoh.pedoman}",
            lebar_kolom=(8, 24, 26, 18, 24),
            pengantar=f"Mutu pelayanan ditetapkan dengan nilai interval {contoh.pedoman}:",
        )
    )
    return hasil


def _sakip(b: _Bahan, bab: str) -> list[Isi]:
    e = b.sakip_tahun
    if e is None:
        return []
    ev = e.evaluasi
    surat = ""
    if ev.nomor_surat or ev.tanggal:
        surat = " melalui Laporan Hasil Evaluasi" + (f" Nomor {ev.nomor_surat}" if ev.nomor_surat else "")
        surat += f" tanggal {format_tanggal(ev.tanggal)}" if ev.tanggal else ""
    predikat = f" dengan predikat {e.predikat.kode} ({e.predikat.label})" if e.predikat else ""
    hasil: list[Isi] = [
        Paragraf(
            "Evaluasi atas implementasi Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) "
            f"Kecamatan {b.nama} tahun {ev.tahun_dievaluasi} oleh Inspektorat Kabupaten {b.kabupaten}{surat} "
            f"memperoleh nilai {format_angka(e.total)}{predikat}, dengan rincian per komponen "
            "sebagai berikut:"
        )
    ]
    baris = [
        Baris(
            (
                _no(n),
                _t(k.nama),
                _angka(k.bobot),
                _angka(k.nilai),
                _angka(k.persen) if k.persen is not None else _t("-", rata="kanan"),
            )
        )
        for n, k in enumerate(e.komponen, 1)
    ]
    baris.append(
        Baris(
            (
                _t("Jumlah", colspan=2, tebal=True),
                _angka(e.jumlah_bobot, tebal=True),
                _angka(e.total, tebal=True),
                _t(
                    f"{e.predikat.kode} ({e.predikat.label})" if e.predikat else "-",
                    rata="tengah",
                    tebal=True,
                ),
            ),
            total=True,
        )
    )
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Nilai Evaluasi SAKIP Kecamatan {b.nama} atas AKIP Tahun {ev.tahun_dievaluasi}",
            kepala=((_k("No"), _k("Komponen"), _k("Bobot"), _k("Nilai"), _k("Persentase (%)")),),
            baris=tuple(baris),
            sumber=f"Sumber: Laporan Hasil Evaluasi SAKIP Inspektorat Kabupaten {b.kabupaten}",
            lebar_kolom=(7, 45, 14, 14, 20),
        )
    )
    lalu = sorted(
        (x for x in b.sakip if x.evaluasi.tahun_dievaluasi <= ev.tahun_dievaluasi),
        key=lambda x: x.evaluasi.tahun_dievaluasi,
    )[-3:]
    if len(lalu) > 1:
        nama = list(dict.fromkeys(k.nama for x in lalu for k in x.komponen))
        nilai = [{k.nama: k.nilai for k in x.komponen} for x in lalu]
        baris = [
            Baris(
                (
                    _no(n),
                    _t(komponen),
                    *(_angka(v[komponen]) if komponen in v else _t("-", rata="kanan") for v in nilai),
                )
            )
            for n, komponen in enumerate(nama, 1)
        ]
        baris.append(
            Baris(
                (_t("Nilai SAKIP", colspan=2, tebal=True), *(_angka(x.total, tebal=True) for x in lalu)),
                total=True,
            )
        )
        baris.append(
            Baris(
                (
                    _t("Predikat", colspan=2, tebal=True),
                    *(_t(x.predikat.kode if x.predikat else "-", rata="kanan", tebal=True) for x in lalu),
                ),
                total=True,
            )
        )
        tahun = [x.evaluasi.tahun_dievaluasi for x in lalu]
        sisa = 100 - 7 - 14 * len(lalu)
        hasil.append(
            Tabel(
                nomor=b.penomor.tabel(bab),
                judul=f"Perbandingan Nilai Komponen SAKIP atas AKIP Tahun {tahun[0]}–{tahun[-1]}",
                kepala=((_k("No"), _k("Komponen"), *(_k(f"AKIP {t}") for t in tahun)),),
                baris=tuple(baris),
                sumber=f"Sumber: Laporan Hasil Evaluasi SAKIP Inspektorat Kabupaten {b.kabupaten}",
                lebar_kolom=(7, sisa, *([14] * len(lalu))),
                pengantar="Perbandingan nilai per komponen dengan hasil evaluasi tahun-tahun sebelumnya:",
            )
        )
    hasil.append(
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul="Kategori Nilai Evaluasi SAKIP",
            kepala=((_k("No"), _k("Nilai"), _k("Kategori"), _k("Interpretasi")),),
            baris=tuple(
                Baris((_no(n), _t(r.interval, rata="tengah"), _t(r.kode, rata="tengah"), _t(r.label)))
                for n, r in enumerate(e.tabel_skala, 1)
            ),
            sumber="Sumber: Peraturan Menteri PANRB Nomor 88 Tahun 2021",
            lebar_kolom=(8, 30, 22, 40),
        )
    )
    return hasil


def _tindak_lanjut(b: _Bahan, bab: str) -> list[Isi]:
    e = b.sakip_tahun
    if e is None or not e.rekomendasi:
        return []
    baris = []
    for n, r in enumerate(e.rekomendasi, 1):
        tl = r.tindak_lanjut
        rekomendasi = (f"{r.rekomendasi.komponen}: " if r.rekomendasi.komponen else "") + r.rekomendasi.uraian
        pelaksanaan = "\n".join(x for x in ((tl.waktu, tl.penanggung_jawab) if tl else ()) if x) or "-"
        baris.append(
            Baris(
                (
                    _no(n),
                    _t(rekomendasi),
                    _t(tl.uraian if tl and tl.uraian else "-"),
                    _t(pelaksanaan),
                    _t(tl.get_status_display() if tl else "Belum", rata="tengah"),
                )
            )
        )
    selesai = e.tindak_lanjut_selesai
    return [
        Paragraf(
            f"Atas {jumlah_kata(len(e.rekomendasi))} rekomendasi hasil evaluasi SAKIP tahun "
            f"{e.evaluasi.tahun_evaluasi}, Kecamatan {b.nama} telah menyelesaikan tindak lanjut "
            f"{jumlah_kata(selesai)} rekomendasi, dengan rincian sebagai berikut:"
        ),
        Tabel(
            nomor=b.penomor.tabel(bab),
            judul=f"Tindak Lanjut Rekomendasi Hasil Evaluasi SAKIP Tahun {e.evaluasi.tahun_evaluasi}",
            kepala=(
                (
                    _k("No"),
                    _k("Rekomendasi"),
                    _k("Tindak Lanjut"),
                    _k("Waktu dan Penanggung Jawab"),
                    _k("Status"),
                ),
            ),
            baris=tuple(baris),
            sumber=f"Sumber: Laporan Hasil Evaluasi SAKIP dan data tindak lanjut Kecamatan {b.nama}",
            lebar_kolom=(5, 34, 34, 15, 12),
        ),
    ]


def _lampiran_skm(b: _Bahan) -> list[Isi]:
    t = b.skm_tahun
    if t is None:
        return []
    survei = list(t.survei)
    nama = list(dict.fromkeys(u.nama for h in survei for u in h.unsur))
    nilai = [{u.nama: u.nrr for u in h.unsur} for h in survei]
    baris = [
        Baris(
            (
                _no(n),
                _t(unsur),
                *(_angka(v[unsur], 3) if v.get(unsur) is not None else _t("-", rata="kanan") for v in nilai),
            )
        )
        for n, unsur in enumerate(nama, 1)
    ]
    baris.append(
        Baris(
            (
                _t("IKM", colspan=2, tebal=True),
                *(_angka(h.ikm, 3, tebal=True) if h.ikm is not None else _t("-") for h in survei),
            ),
            total=True,
        )
    )
    baris.append(
        Baris(
            (
                _t("Nilai konversi", colspan=2, tebal=True),
                *(_angka(h.konversi, tebal=True) if h.konversi is not None else _t("-") for h in survei),
            ),
            total=True,
        )
    )
    baris.append(
        Baris(
            (
                _t("Mutu pelayanan", colspan=2, tebal=True),
                *(_t(h.mutu.kode if h.mutu else "-", rata="kanan", tebal=True) for h in survei),
            ),
            total=True,
        )
    )
    baris.append(
        Baris(
            (
                _t("Jumlah responden", colspan=2),
                *(_bulat(h.responden) for h in survei),
            ),
        )
    )
    kolom = [_nama_periode(h) or "Tahunan" for h in survei]
    sisa = 100 - 7 - 15 * len(survei)
    return [
        Tabel(
            nomor=b.penomor.tabel("lampiran"),
            judul=f"Rekapitulasi Survei Kepuasan Masyarakat Kecamatan {b.nama} Tahun {b.tahun}",
            kepala=((_k("No"), _k("Unsur Pelayanan"), *(_k(f"NRR {k}") for k in kolom)),),
            baris=tuple(baris),
            sumber=f"Sumber: Hasil Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}",
            lebar_kolom=(7, sisa, *([15] * len(survei))),
        )
    ]


# --- BAB IV ---------------------------------------------------------------------------------------


def _penutup(b: _Bahan, bab: str) -> list[Isi]:
    hasil: list[Isi] = [*b.teks("penutup")]
    kesimpulan = [
        Paragraf(f"Berdasarkan hasil pengukuran kinerja Kecamatan {b.nama} tahun {b.tahun}:"),
        *_kalimat_capaian(b),
    ]
    sasaran = _kalimat_sasaran(b)
    if sasaran:
        kesimpulan.append(sasaran)
    kesimpulan.extend(_kalimat_anggaran(b))
    return [*kesimpulan, *hasil]


# --- lampiran -------------------------------------------------------------------------------------


def _kop(b: _Bahan) -> Kop:
    k = b.kecamatan
    alamat = " ".join(x for x in (k.alamat, f"Telp. {k.telepon}" if k.telepon else "", k.kode_pos) if x)
    return Kop(
        tuple(
            x
            for x in (f"PEMERINTAH KABUPATEN {b.kabupaten.upper()}", f"KECAMATAN {b.nama.upper()}", alamat)
            if x
        )
    )


def _pihak(data: dict | None, peran: str, tempat_tanggal: str, jabatan: str) -> TandaTangan:
    """A signatory of the PK as the document recorded it, else `data` is the official in office."""
    data = data or {}
    return TandaTangan(
        tempat_tanggal=tempat_tanggal,
        jabatan=(data.get("jabatan") or jabatan).upper(),
        nama=data.get("nama", ""),
        pangkat=data.get("pangkat", ""),
        nip=f"NIP. {format_nip(data['nip'])}" if data.get("nip") else "",
        peran=peran,
    )


def _dokumen_pk(b: _Bahan, dok, ambil) -> tuple[Isi, ...]:
    pk = dok.perjanjian
    tempat = pk.tempat or b.nama
    tempat_tanggal = (
        f"{tempat}, {format_tanggal(pk.tanggal)}"
        if pk.tanggal
        else f"{tempat}, ........................ {pk.tahun}"
    )
    pertama = _pihak(pk.pihak_pertama or b.camat, "PIHAK PERTAMA", tempat_tanggal, f"Camat {b.nama}")
    kedua = _pihak(pk.pihak_kedua or b.bupati, "PIHAK KEDUA", tempat_tanggal, f"Bupati {b.kabupaten}")
    judul_pk = "PERJANJIAN KINERJA PERUBAHAN" if pk.jenis == "perubahan" else "PERJANJIAN KINERJA"
    isi: list[Isi] = [
        _kop(b),
        Subjudul(f"PERNYATAAN {judul_pk} TAHUN {pk.tahun}", tengah=True),
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
            "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        Identitas((("Nama", pertama.nama or "-"), ("Jabatan", pertama.jabatan))),
        Paragraf("selanjutnya disebut PIHAK PERTAMA;"),
        Identitas(
            (("Nama", kedua.nama or "-"), ("Jabatan", kedua.jabatan or f"BUPATI {b.kabupaten.upper()}"))
        ),
        Paragraf("selaku atasan langsung pihak pertama, selanjutnya disebut PIHAK KEDUA."),
        Paragraf(
            "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
            "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
            "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
            "tersebut menjadi tanggung jawab kami."
        ),
        Paragraf(
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
            "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
            "pemberian penghargaan dan sanksi."
        ),
        TandaTanganGanda(tempat_tanggal=tempat_tanggal, kiri=kedua, kanan=pertama),
    ]
    indikator = _indikator_renstra(b)
    induk = _induk_indikator(b)
    kelompok: dict[str, list[tuple[Sel, ...]]] = {}
    for bp in b.pk.baris:
        target = ambil(bp)
        if target is None:
            continue
        ind = indikator.get(bp.indikator.pk, (bp.indikator, None, None))[0]
        penjelasan = [f"Formulasi: {ind.formula}" if ind.formula else ""]
        penjelasan.append("Perhitungan: " + ("kumulatif" if ind.kumulatif else "non kumulatif"))
        if ind.sumber_data:
            penjelasan.append(f"Sumber data: {ind.sumber_data}")
        kelompok.setdefault(induk.get(bp.indikator.pk, ("", "-"))[1], []).append(
            (
                _t(ind.nama),
                _t("\n".join(x for x in penjelasan if x)),
                _t(ind.satuan, rata="tengah"),
                _nilai_sel(target.tampil, target.nilai),
            )
        )
    isi.append(
        Tabel(
            nomor=b.penomor.tabel("lampiran"),
            judul=f"Sasaran, Indikator dan Target {_nama_pk(pk)}",
            kepala=(
                (
                    _k("No"),
                    _k("Sasaran Strategis"),
                    _k("Indikator Kinerja"),
                    _k("Penjelasan"),
                    _k("Satuan"),
                    _k("Target"),
                ),
            ),
            baris=tuple(_baris_berkelompok(list(kelompok.items()))),
            sumber=f"Sumber: {_nama_pk(pk, b.nama)}",
            lebar_kolom=(5, 22, 24, 31, 8, 10),
            nomor_kolom=True,
        )
    )
    program = _tabel_program_pk(b, "lampiran", dok, f"Program dan Anggaran {_nama_pk(pk)}")
    if program:
        isi.append(program)
    isi.append(TandaTanganGanda(tempat_tanggal=tempat_tanggal, kiri=kedua, kanan=pertama))
    return tuple(isi)


def _lampiran_pk(b: _Bahan) -> list[Bagian]:
    if b.pk is None:
        return []
    anak = []
    for dok, ambil in ((b.pk.murni, lambda bp: bp.murni), (b.pk.perubahan, lambda bp: bp.perubahan)):
        if dok is None:
            continue
        anak.append(
            Bagian(
                id=f"lampiran-pk-{dok.perjanjian.jenis}",
                nomor="",
                judul=_nama_pk(dok.perjanjian),
                tingkat=2,
                isi=_dokumen_pk(b, dok, ambil),
                halaman_baru=bool(anak),
                di_daftar_isi=False,
            )
        )
    return anak


def _lampiran_renstra(b: _Bahan) -> list[Isi]:
    pohon = b.pohon_renstra
    if pohon is None:
        return []
    r = pohon.renstra
    baris = []
    for tp in pohon.tujuan:
        jumlah_tujuan = len(tp.indikator) + sum(max(len(sp.indikator), 1) for sp in tp.sasaran)
        pertama_tujuan = True
        kelompok = [(None, tp.indikator)] + [(sp, sp.indikator) for sp in tp.sasaran]
        for sp, daftar in kelompok:
            if sp is None and not daftar:
                continue
            tinggi = max(len(daftar), 1)
            for i in range(tinggi):
                sel: list[Sel] = []
                if pertama_tujuan:
                    sel.append(_t(tp.tujuan.uraian, rowspan=jumlah_tujuan))
                    pertama_tujuan = False
                if i == 0:
                    sel.append(_t(sp.sasaran.uraian if sp else "(indikator tujuan)", rowspan=tinggi))
                if i < len(daftar):
                    bi = daftar[i]
                    sel.append(_t(bi.indikator.nama))
                    sel.append(_t(bi.indikator.satuan, rata="tengah"))
                    sel += [_nilai_sel(t.tampil, t.nilai) if t else _t("-", rata="kanan") for t in bi.target]
                    ta = bi.target_akhir
                    sel.append(_nilai_sel(ta.tampil, ta.nilai) if ta else _t("-", rata="kanan"))
                else:
                    sel += [_t("-")] * (3 + len(pohon.tahun))
                baris.append(Baris(tuple(sel)))
    if not baris:
        return []
    n_tahun = len(pohon.tahun)
    per_tahun = 5
    sisa = 100 - per_tahun * (n_tahun + 1) - 6
    return [
        Tabel(
            nomor=b.penomor.tabel("lampiran"),
            judul=f"Matriks Rencana Strategis Kecamatan {b.nama} Tahun {r.tahun_awal}–{r.tahun_akhir}",
            kepala=(
                (
                    _k("Tujuan", rowspan=2),
                    _k("Sasaran", rowspan=2),
                    _k("Indikator", rowspan=2),
                    _k("Satuan", rowspan=2),
                    _k("Target", colspan=n_tahun),
                    _k("Target Akhir", rowspan=2),
                ),
                tuple(_k(str(t)) for t in pohon.tahun),
            ),
            baris=tuple(baris),
            sumber=f"Sumber: Renstra Kecamatan {b.nama} {r.tahun_awal}–{r.tahun_akhir}",
            lebar_kolom=(
                sisa * 30 // 100,
                sisa * 30 // 100,
                sisa - 2 * (sisa * 30 // 100),
                6,
                *([per_tahun] * (n_tahun + 1)),
            ),
            lebar="landscape",
        )
    ]


def _lampiran_gambar(b: _Bahan, gambar, judul: str) -> Gambar:
    return Gambar(
        nomor=b.penomor.gambar("lampiran"),
        judul=gambar.keterangan or judul,
        sumber=f"Sumber: Kecamatan {b.nama}",
        path=gambar.path,
        url=gambar.url,
    )


def _lampiran(b: _Bahan) -> list[Bagian]:
    hasil = []
    for kode in (
        "lampiran_pk",
        "lampiran_renstra",
        "lampiran_iku",
        "lampiran_skm",
        "lampiran_bagan",
        "lampiran_dokumen",
    ):
        blok = b.blok(kode)
        if not blok.aktif:
            continue
        isi: list[Isi] = []
        anak: list[Bagian] = []
        judul = blok.judul
        if kode == "lampiran_pk":
            anak = _lampiran_pk(b)
            if b.pk is not None:
                judul = f"{judul} Tahun {b.tahun}"
        elif kode == "lampiran_renstra":
            isi = _lampiran_renstra(b)
        elif kode == "lampiran_skm":
            isi = _lampiran_skm(b)
        elif kode == "lampiran_iku":
            tabel = _tabel_iku(b, "lampiran", lampiran=True) if b.pohon_renstra else None
            isi = [tabel] if tabel else []
        elif kode == "lampiran_bagan" and b.isi.bagan is not None:
            isi = [_lampiran_gambar(b, b.isi.bagan, f"Bagan Struktur Organisasi Kecamatan {b.nama}")]
        elif kode == "lampiran_dokumen":
            isi = [_lampiran_gambar(b, g, "Dokumen pendukung") for g in b.isi.lampiran]
            if isi:
                isi = [*b.teks(kode), *isi]
        if not isi and not anak:
            continue
        nomor = f"Lampiran {len(hasil) + 1}"
        lebar = "landscape" if isi and all(isinstance(i, Tabel) and i.lebar for i in isi) else ""
        hasil.append(
            Bagian(
                lebar=lebar,
                id=f"lampiran-{len(hasil) + 1}",
                nomor=nomor,
                judul=judul,
                tingkat=1,
                isi=tuple(isi),
                anak=tuple(anak),
                halaman_baru=True,
                kode=kode,
            )
        )
    return hasil


# --- assembly -------------------------------------------------------------------------------------

_PEMBANGUN = {
    "gambaran_umum": _gambaran_umum,
    "tugas_fungsi": _tugas_fungsi,
    "struktur_organisasi": _struktur,
    "sdm": _sdm,
    "permasalahan_isu": _permasalahan,
    "renstra": _renstra,
    "iku": _iku,
    "rkt": _rkt,
    "pk": _pk,
    "pk_perubahan": _pk_perubahan,
    "anggaran_sasaran": _anggaran_sasaran,
    "metode_skala": _metode,
    "capaian_indikator": _capaian_indikator,
    "predikat": _predikat,
    "realisasi_anggaran": _realisasi_anggaran,
    "efisiensi": _efisiensi,
    "penghargaan": _penghargaan,
    "skm": _skm,
    "sakip": _sakip,
    "tindak_lanjut": _tindak_lanjut,
    "penutup": _penutup,
}

_HURUF = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _bab(
    b: _Bahan, bab: str, *, sistematika_dari: Sequence[Bagian] = (), ada_lampiran: bool = False
) -> Bagian | None:
    anak: list[Bagian] = []
    for blok in b.isi.blok_aktif:
        if blok.bab != bab:
            continue
        sub: list[Bagian] = []
        if blok.kode == "analisis_sasaran":
            sub = _analisis_sasaran(b, bab)
            isi: list[Isi] = []
        elif blok.kode == "sistematika":
            isi = _sistematika(
                b, sistematika_dari, [a.judul for a in anak] + [blok.judul], ada_lampiran=ada_lampiran
            )
        elif blok.kode in _PEMBANGUN:
            isi = _PEMBANGUN[blok.kode](b, bab)
        elif blok.jenis in ("narasi", "campuran"):
            isi = list(b.teks(blok.kode))
        else:
            isi = []
        if not isi and not sub:
            continue
        nomor = f"{_HURUF[len(anak)]}."
        anak.append(
            Bagian(
                id=f"bab-{bab.lower()}-{blok.kode}",
                nomor=nomor,
                judul=b.judul_blok(blok.kode),
                tingkat=2,
                isi=tuple(isi),
                anak=tuple(sub),
                kode=blok.kode,
            )
        )
    if not anak:
        return None
    return Bagian(
        id=f"bab-{bab.lower()}",
        nomor=f"BAB {bab}",
        judul=JUDUL_BAB[bab],
        tingkat=1,
        anak=tuple(anak),
        halaman_baru=True,
        kode=bab,
    )


def _label_periode_tabel(bagian: Bagian, tahun: int, label: str) -> Bagian:
    """`bagian` with every "Tahun N" of a table title, table header or figure title (N the report
    year, not the end of a range "2017–2020") written "Periode s.d. Triwulan II Tahun N"."""
    pola = re.compile(rf"\bTahun {tahun}\b(?![–\-\d])")
    ganti = label_tahun(tahun, label)

    def ubah(teks: str) -> str:
        return pola.sub(ganti, teks)

    def isi_baru(item: Isi) -> Isi:
        if isinstance(item, Tabel):
            kepala = tuple(tuple(replace(sel, teks=ubah(sel.teks)) for sel in r) for r in item.kepala)
            return replace(item, judul=ubah(item.judul), kepala=kepala)
        if isinstance(item, Gambar):
            return replace(item, judul=ubah(item.judul))
        return item

    return replace(
        bagian,
        isi=tuple(isi_baru(i) for i in bagian.isi),
        anak=tuple(_label_periode_tabel(a, tahun, label) for a in bagian.anak),
    )


def konteks_laporan(
    kecamatan: Kecamatan, tahun: int, *, jenis: str = "tahunan", periode: int | None = None
) -> KonteksLaporan:
    """The whole report of the kecamatan for `tahun` as frozen data (see the module docstring).

    `jenis` "triwulan" (`periode` 1-4) or "semester" (1-2): the report during the year, its figures
    cut at the end of the period (pengukuran_kinerja(sampai_triwulan=...), budget realisasi from the
    triwulan realisasi), the measurement tables titled "Periode s.d. Triwulan II Tahun N" and the
    DRAF mark kept. Raises ValueError (Indonesian) for a period the jenis does not have.
    """
    # Without a period (older callers) a triwulan or semester report keeps the yearly figures.
    sampai, label, kode_periode = periode_laporan(jenis, periode) if periode is not None else (None, "", "")
    b = _baca(kecamatan, tahun, jenis, sampai, kode_periode, label)
    # Numbers run per BAB, so BAB II-IV can be built before BAB I, whose sistematika lists them.
    lain = [x for x in (_bab(b, "II"), _bab(b, "III"), _bab(b, "IV")) if x is not None]
    lampiran = _lampiran(b)
    pertama = _bab(b, "I", sistematika_dari=lain, ada_lampiran=bool(lampiran))
    bab = tuple(x for x in (pertama, *lain) if x is not None)
    depan = _depan(b)
    if label:
        bab = tuple(_label_periode_tabel(x, tahun, label) if x.kode == "III" else x for x in bab)
        depan = [_label_periode_tabel(x, tahun, label) for x in depan]
    kosong = b.pengukuran is None and b.pohon is None and b.pk is None
    return KonteksLaporan(
        kecamatan=b.nama,
        kabupaten=b.kabupaten,
        provinsi=kecamatan.kabupaten.provinsi,
        tahun=tahun,
        jenis=b.isi.jenis,
        periode=b.isi.periode,
        versi=b.isi.versi,
        status=b.isi.status,
        judul=(
            f"LAPORAN KINERJA {label.upper()} KECAMATAN {b.nama.upper()} TAHUN {tahun}"
            if label
            else f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) KECAMATAN {b.nama.upper()} TAHUN {tahun}"
        ),
        sampul=_sampul(b) if b.isi.aktif("sampul") else None,
        depan=tuple(depan),
        bab=bab,
        lampiran=tuple(lampiran),
        ditandatangani=b.isi.jenis == "tahunan" and b.isi.status in STATUS_BERTANDA_TANGAN,
        kekurangan=tuple(dict.fromkeys(b.kekurangan)),
        kosong=kosong,
        label_periode=label,
    )


def qr_data_uri(teks: str) -> str:
    """`teks` as a QR code (segno, error correction M), an SVG data URI sized in millimetres (0.55 mm
    a module: about 2 cm for a verification URL, the size of the signature space)."""
    import segno

    return segno.make(teks, error="m").svg_data_uri(scale=0.55, border=1, unit="mm", dark="#000")


def konteks_final(
    kecamatan: Kecamatan,
    tahun: int,
    *,
    url_verifikasi: str,
    jenis: str = "tahunan",
    periode: int | None = None,
) -> KonteksLaporan:
    """The report as it is signed (DESIGN.md §6): no DRAF mark, and the QR code of its public
    verification page. Rendered once, when the camat approves; the signed bytes are kept."""
    konteks = konteks_laporan(kecamatan, tahun, jenis=jenis, periode=periode)
    return replace(
        konteks,
        ditandatangani=True,
        url_verifikasi=url_verifikasi,
        qr_verifikasi=qr_data_uri(url_verifikasi),
    )
