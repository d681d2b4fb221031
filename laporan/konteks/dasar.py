"""What every part of the report is written with: the cell shorthands, numbers in words, the
report period, and the builders that number a table or figure where it is placed.

The one-letter cell shorthands (`_t`, `_k`, ...) keep their underscore: they are this package's
table vocabulary, imported by the section modules, not API."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from kinerja.capaian import kelas_warna
from laporan.konteks.isi import Baris, Gambar, Sel, Tabel, slug
from lkjip.format import format_angka

if TYPE_CHECKING:
    from laporan.konteks.bahan import Bahan

ANGKA_BAB = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAWI = ("I", "II", "III", "IV")

# --- numbers in words -----------------------------------------------------------------------------

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


# --- cells ----------------------------------------------------------------------------------------


def _t(teks: str, **opsi) -> Sel:
    return Sel(teks=teks, **opsi)


def _k(teks: str, **opsi) -> Sel:
    """A header cell."""
    return Sel(teks=teks, rata="tengah", **opsi)


def _strip(rata: str = "") -> Sel:
    """ "-" for a value that is missing."""
    return Sel(teks="-", rata=rata)


def _no(n: int, **opsi) -> Sel:
    return Sel(teks=f"{n}.", rata="tengah", nilai=n, format="bulat", **opsi)


# Numbers never wrap inside their cell (class "angka" in the print stylesheet).
def _angka(nilai: Decimal | None, desimal: int = 2, **opsi) -> Sel:
    return Sel(
        teks=format_angka(nilai, desimal), rata="kanan", nilai=nilai, format="angka", kelas="angka", **opsi
    )


def _angka_strip(nilai: Decimal | None, desimal: int = 2, **opsi) -> Sel:
    """A computed percentage or index, "-" (never bold) when it cannot be computed."""
    return _strip("kanan") if nilai is None else _angka(nilai, desimal, **opsi)


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


def _sel_target(nilai) -> Sel:
    """A measured target or realisasi (`teks`, `nilai`), "-" when there is none."""
    return _nilai_sel(nilai.teks if nilai else "-", nilai.nilai if nilai else None)


def _sel_tampil(target, rata_kosong: str = "tengah") -> Sel:
    """A planned target as the document shows it (`tampil`, `nilai`), "-" when there is none."""
    return _nilai_sel(target.tampil, target.nilai) if target else _strip(rata_kosong)


def _predikat_sel(pita) -> Sel:
    if pita is None:
        return _strip("tengah")
    return Sel(teks=pita.label, rata="tengah", kelas=kelas_warna(pita.warna) if pita.warna else "")


def _sel_capaian(i) -> Sel:
    """An indicator's capaian, or "-" with the reason it cannot be computed."""
    if i.capaian is None:
        return Sel(teks=f"- ({i.catatan})" if i.catatan else "-", rata="kanan")
    return _angka(i.capaian)


# --- rows -----------------------------------------------------------------------------------------


def baris_jumlah(*sel: Sel, teks: str = "Jumlah", lebar: int = 2) -> Baris:
    """A bold total row: its label spans the first `lebar` columns."""
    return Baris((_t(teks, colspan=lebar, tebal=True), *sel), total=True)


def baris_berkelompok(data: Sequence[tuple[str, Sequence[tuple[Sel, ...]]]]) -> list[Baris]:
    """Rows grouped under a first cell spanning its group (a sasaran over its indicators), numbered
    per group."""
    baris = []
    for n, (induk, isi) in enumerate(data, 1):
        tinggi = len(isi)
        for i, sel in enumerate(isi):
            awal = (_no(n, rowspan=tinggi), _t(induk, rowspan=tinggi)) if i == 0 else ()
            baris.append(Baris((*awal, *sel)))
    return baris


# --- numbering and the table and figure builders --------------------------------------------------


class Penomor:
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


# A header: one row of texts (header cells) or cells, or a sequence of such rows.
Kepala = Sequence[str | Sel] | Sequence[Sequence[str | Sel]]
# A body row: a Baris, or just its cells.
BarisIsi = Baris | Sequence[Sel]


def _kepala(kepala: Kepala) -> tuple[tuple[Sel, ...], ...]:
    """One header row (texts or cells) or several (a sequence of rows); a text is a header cell."""
    rows = kepala if isinstance(kepala[0], list | tuple) else (kepala,)
    return tuple(tuple(_k(x) if isinstance(x, str) else x for x in row) for row in rows)


def tabel(
    b: Bahan,
    bab: str,
    judul: str,
    kepala: Kepala,
    baris: Iterable[BarisIsi],
    *,
    sumber: str,
    lebar_kolom: Sequence[int],
    **opsi,
) -> Tabel:
    """A table numbered in its BAB: call it where the table goes in the document. A row may be
    given as its cells; `opsi` are the other Tabel fields (lebar, catatan, nomor_kolom,
    pengantar)."""
    return Tabel(
        nomor=b.penomor.tabel(bab),
        judul=judul,
        kepala=_kepala(kepala),
        baris=tuple(r if isinstance(r, Baris) else Baris(tuple(r)) for r in baris),
        sumber=sumber,
        lebar_kolom=tuple(lebar_kolom),
        **opsi,
    )


def gambar_grafik(b: Bahan, bab: str, judul: str, sumber: str, svg: Callable[..., str]) -> Gambar:
    """A generated chart numbered in its BAB; `svg(id_grafik=...)` draws it (the id comes from the
    number, so the chart's element ids are unique in the document)."""
    nomor = b.penomor.gambar(bab)
    return Gambar(nomor=nomor, judul=judul, sumber=sumber, svg=svg(id_grafik=slug(nomor)))


def gambar_unggahan(b: Bahan, bab: str, berkas, judul: str) -> Gambar:
    """An uploaded image numbered in its BAB, titled by its caption when it has one."""
    return Gambar(
        nomor=b.penomor.gambar(bab),
        judul=berkas.keterangan or judul,
        sumber=f"Sumber: Kecamatan {b.nama}",
        path=berkas.path,
        url=berkas.url,
    )


def nomor_terakhir(isi: Sequence) -> str:
    """The number of the last table in `isi`: a table derived from it names it as its source."""
    for i in reversed(isi):
        if isinstance(i, Tabel):
            return i.nomor
    return ""


def nama_pk(pk, kecamatan: str = "") -> str:
    """ "Perjanjian Kinerja Perubahan Kecamatan Aluh Aluh Tahun 2022"."""
    jenis = " Perubahan" if pk.jenis == "perubahan" else ""
    tempat = f" Kecamatan {kecamatan}" if kecamatan else ""
    return f"Perjanjian Kinerja{jenis}{tempat} Tahun {pk.tahun}"


# --- the period of a report during the year ------------------------------------------------------


# The periods a report during the year may cover, per jenis: periode -> the last triwulan measured.
PERIODE_LAPORAN = {"triwulan": {1: 1, 2: 2, 3: 3, 4: 4}, "semester": {1: 2, 2: 4}}


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
