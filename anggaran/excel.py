"""The Excel round trip of a year's budget (DESIGN.md §7): the template prefilled with the tree, the
export of the budget tables, and the reading of a filled-in sheet.

Sheet "Anggaran": one row per program, kegiatan and sub kegiatan in tree order, columns Kode,
Tingkat, Nama, Pagu murni, Pagu, Realisasi (the export adds Serapan). Parent rows show the sums of
their leaves. Reading finds the header row and the columns by their titles, so a plain sheet with
only the columns Kode, Nama, Pagu murni, Pagu, Realisasi reads too; missing amount columns leave
those amounts as they are. A row is identified by its kode, else by its nama (when the nama occurs
more than once, by the rows above it). Numbers may be typed as numbers or as Indonesian text
("1.555.446.741,00"). An amount on a parent row is accepted only when it equals the sum of its
leaves after the upload (the export can be uploaded back as it is). Every refusal names the sheet,
row and column. Reading writes nothing: services.pos_anggaran_impor_excel does, all rows or none.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from anggaran.selectors import AnggaranSasaran, PohonAnggaran, Simpul
from lkjip.excel import (
    FORMAT_ANGKA,
    FORMAT_RUPIAH,
    FORMAT_TEKS,
    Kolom,
    baca_angka,
    baca_teks,
    buka_buku,
    buku_baru,
    cari_kolom,
    lokasi,
    tulis_petunjuk,
    tulis_tabel,
)
from lkjip.format import format_angka, format_rupiah
from lkjip.models import Kecamatan

LEMBAR = "Anggaran"
LEMBAR_PETUNJUK = "Petunjuk"
KOLOM_JUMLAH = ("pagu_murni", "pagu", "realisasi")
JUDUL = {
    "kode": "Kode",
    "tingkat": "Tingkat",
    "nama": "Nama",
    "pagu_murni": "Pagu murni",
    "pagu": "Pagu",
    "realisasi": "Realisasi",
    "serapan": "Serapan (%)",
}
LABEL_KOLOM = {"pagu_murni": "pagu murni", "pagu": "pagu", "realisasi": "realisasi"}
BARIS_JUMLAH = "jumlah"
BATAS_UANG = Decimal(10) ** 16
MAKS_UKURAN = 2 * 1024 * 1024
DUA = Decimal("0.01")


def nama_berkas(kecamatan: Kecamatan, tahun: int, jenis: str = "anggaran") -> str:
    return f"{jenis}-{slugify(kecamatan.nama)}-{tahun}.xlsx"


def alasan_impor(nama_berkas: str) -> str:
    return f"Impor Excel: {nama_berkas}"


def _dua(x: Decimal | None) -> Decimal | None:
    return None if x is None else x.quantize(DUA, ROUND_HALF_UP)


# --- writing --------------------------------------------------------------------------------------


def _judul(kecamatan: Kecamatan, tahun: int, apa: str) -> list[str]:
    return [f"{apa} Tahun {tahun}", f"{kecamatan}, {kecamatan.kabupaten}"]


def _tulis_pohon(buku: Workbook, pohon: PohonAnggaran, kecamatan: Kecamatan, *, serapan: bool) -> None:
    kolom = [
        Kolom(JUDUL["kode"], 20, FORMAT_TEKS),
        Kolom(JUDUL["tingkat"], 13),
        Kolom(JUDUL["nama"], 60),
        Kolom(JUDUL["pagu_murni"], 20, FORMAT_RUPIAH),
        Kolom(JUDUL["pagu"], 20, FORMAT_RUPIAH),
        Kolom(JUDUL["realisasi"], 20, FORMAT_RUPIAH),
    ]
    if serapan:
        kolom.append(Kolom(JUDUL["serapan"], 12, FORMAT_ANGKA))

    def baris(s: Simpul | None) -> list:
        j = s.jumlah if s else pohon.total
        isi = [
            s.pos.kode if s else "",
            s.pos.get_tingkat_display() if s else "",
            s.pos.nama if s else "Jumlah",
            j.pagu_murni,
            j.pagu,
            j.realisasi,
        ]
        return [*isi, _dua(j.serapan)] if serapan else isi

    simpul = pohon.baris()
    lembar = tulis_tabel(
        buku,
        LEMBAR,
        kolom,
        [*(baris(s) for s in simpul), baris(None)],
        judul=_judul(kecamatan, pohon.tahun, "Anggaran"),
    )
    # Parents and the total in bold: their amounts are sums, not typed.
    awal = lembar.max_row - len(simpul)
    for i, s in enumerate([*simpul, None]):
        if s is None or not s.daun:
            for sel in lembar[awal + i]:
                sel.font = Font(bold=True)


def templat_anggaran(pohon: PohonAnggaran, kecamatan: Kecamatan) -> Workbook:
    """The year's tree to fill in: sheet "Anggaran" and the instructions."""
    buku = buku_baru()
    _tulis_pohon(buku, pohon, kecamatan, serapan=False)
    tulis_petunjuk(
        buku,
        LEMBAR_PETUNJUK,
        f"Cara mengisi templat anggaran {pohon.tahun}",
        [
            "Isi kolom Pagu murni, Pagu dan Realisasi pada baris yang tidak tebal (sub kegiatan, atau "
            "kegiatan dan program yang tidak mempunyai rincian).",
            "Baris tebal adalah jumlah dari rinciannya. Boleh dibiarkan; bila diubah, nilainya harus sama "
            "dengan jumlah rinciannya.",
            "Angka boleh diketik sebagai angka atau sebagai teks seperti 1.555.446.741,00. Sel kosong "
            "berarti belum ada nilainya.",
            "Jangan mengubah kolom Kode dan Nama: baris dikenali dari kodenya, atau dari namanya bila kode "
            "kosong. Program, kegiatan dan sub kegiatan baru ditambahkan di aplikasi.",
            "Unggah berkas ini di halaman Anggaran. Aplikasi menampilkan semua perubahan dan kesalahan "
            "(dengan lembar, baris dan kolomnya) sebelum menyimpan; tidak ada yang disimpan bila ada satu "
            "kesalahan pun.",
        ],
    )
    return buku


def ekspor_anggaran(
    pohon: PohonAnggaran, per_sasaran: list[AnggaranSasaran], kecamatan: Kecamatan
) -> Workbook:
    """The budget tables of the year: the tree with serapan, jenis belanja and the budget per sasaran.
    Its sheet "Anggaran" can be uploaded back as it is."""
    buku = buku_baru()
    _tulis_pohon(buku, pohon, kecamatan, serapan=True)
    if pohon.belanja:
        tb = pohon.total_belanja
        tulis_tabel(
            buku,
            "Jenis belanja",
            [
                Kolom("Jenis belanja", 28),
                Kolom(JUDUL["pagu_murni"], 20, FORMAT_RUPIAH),
                Kolom(JUDUL["pagu"], 20, FORMAT_RUPIAH),
                Kolom(JUDUL["realisasi"], 20, FORMAT_RUPIAH),
                Kolom(JUDUL["serapan"], 12, FORMAT_ANGKA),
                Kolom("Proporsi pagu (%)", 14, FORMAT_ANGKA),
            ],
            [
                *(
                    [
                        b.belanja.jenis,
                        b.jumlah.pagu_murni,
                        b.jumlah.pagu,
                        b.jumlah.realisasi,
                        _dua(b.jumlah.serapan),
                        _dua(b.proporsi),
                    ]
                    for b in pohon.belanja
                ),
                ["Jumlah", tb.pagu_murni, tb.pagu, tb.realisasi, _dua(tb.serapan), Decimal("100.00")],
            ],
            judul=_judul(kecamatan, pohon.tahun, "Anggaran per Jenis Belanja"),
        )
    if per_sasaran:
        tulis_tabel(
            buku,
            "Per sasaran",
            [
                Kolom("Sasaran", 50),
                Kolom("Program pendukung", 60),
                Kolom(JUDUL["pagu"], 20, FORMAT_RUPIAH),
                Kolom(JUDUL["realisasi"], 20, FORMAT_RUPIAH),
                Kolom(JUDUL["serapan"], 12, FORMAT_ANGKA),
            ],
            [
                [
                    f"{a.sasaran.kode} {a.sasaran.uraian}",
                    "\n".join(p.pos.nama for p in a.program),
                    a.jumlah.pagu,
                    a.jumlah.realisasi,
                    _dua(a.jumlah.serapan),
                ]
                for a in per_sasaran
            ],
            judul=_judul(kecamatan, pohon.tahun, "Anggaran per Sasaran"),
        )
    return buku


# --- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IsianJumlah:
    """The amounts an upload gives a leaf (only the columns the sheet has)."""

    pos_id: int
    nilai: dict[str, Decimal | None]
    baris: int


@dataclass(frozen=True)
class PerubahanJumlah:
    simpul: Simpul
    kolom: str
    lama: Decimal | None
    baru: Decimal | None

    @property
    def judul(self) -> str:
        return LABEL_KOLOM[self.kolom]


@dataclass
class BacaanAnggaran:
    """What an upload says: the rows read, what would change, every refusal and the warnings."""

    lembar: str
    isian: list[IsianJumlah] = field(default_factory=list)
    perubahan: list[PerubahanJumlah] = field(default_factory=list)
    kesalahan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    jumlah_baris: int = 0

    @property
    def sidik(self) -> str:
        """A fingerprint of the changes, to refuse a confirmation when the data moved meanwhile."""
        teks = "|".join(f"{p.simpul.pos.pk}:{p.kolom}:{p.lama}:{p.baru}" for p in self.perubahan)
        return hashlib.sha256(teks.encode()).hexdigest()


def _kunci(nama: str) -> str:
    return " ".join(nama.split()).casefold()


class _Pembaca:
    """Reads the rows of one sheet against the year's tree (baca_anggaran)."""

    def __init__(
        self, pohon: PohonAnggaran, lembar, baris_kepala: int, kolom: dict[str, int], ada: list[str]
    ):
        self.pohon = pohon
        self.lembar = lembar
        self.baris_kepala = baris_kepala
        self.kolom = kolom
        self.ada = ada
        self.bacaan = BacaanAnggaran(lembar=lembar.title)
        self.semua = pohon.baris()
        self.induk: dict[int, Simpul] = {a.pos.pk: s for s in self.semua for a in s.anak}
        self.per_kode = {s.pos.kode: s for s in self.semua if s.pos.kode}
        self.per_nama: dict[str, list[Simpul]] = {}
        for s in self.semua:
            self.per_nama.setdefault(_kunci(s.pos.nama), []).append(s)
        self.dilihat: dict[int, int] = {}
        self.terakhir: Simpul | None = None
        self.daun_baru: dict[int, dict[str, Decimal | None]] = {}
        self.induk_diketik: list[tuple[Simpul, str, Decimal, int]] = []

    def tempat(self, r: int, k: str) -> str:
        kolom = self.kolom.get(JUDUL[k]) or self.kolom[JUDUL["nama"]]
        label = f" ({LABEL_KOLOM[k]})" if k in LABEL_KOLOM else ""
        return f"{lokasi(self.lembar.title, r, kolom)}{label}"

    def galat(self, r: int, k: str, pesan: str) -> None:
        self.bacaan.kesalahan.append(f"{self.tempat(r, k)}: {pesan}")

    def _leluhur(self) -> list[int]:
        hasil, s = [], self.terakhir
        while s is not None:
            hasil.append(s.pos.pk)
            s = self.induk.get(s.pos.pk)
        return hasil

    def cari(self, r: int, kode: str, nama: str) -> Simpul | None:
        tahun = self.pohon.tahun
        if kode:
            s = self.per_kode.get(kode)
            if s is None:
                self.galat(
                    r,
                    "kode",
                    f'kode "{kode}" tidak ada di anggaran {tahun}; tambahkan program/kegiatan/sub '
                    "kegiatannya di aplikasi dulu",
                )
            return s
        calon = self.per_nama.get(_kunci(nama), [])
        if len(calon) > 1:
            # The same nama in several places: the one under the rows just above.
            jalur = self._leluhur()
            dekat = [c for c in calon if c.pos.induk_id in jalur]
            calon = dekat[:1] or calon
        if len(calon) > 1:
            self.galat(r, "nama", f'"{nama}" ada di lebih dari satu tempat; isi kolom Kode')
        elif not calon:
            self.galat(r, "nama", f'"{nama}" tidak ada di anggaran {tahun}; tambahkan di aplikasi dulu')
        return calon[0] if len(calon) == 1 else None

    def angka(self, r: int, k: str, mentah) -> tuple[bool, Decimal | None]:
        try:
            angka = baca_angka(mentah)
        except ValueError as e:
            self.galat(r, k, str(e))
            return False, None
        if angka is None:
            return True, None
        if abs(angka) >= BATAS_UANG:
            # Checked first: quantize below fails on a number of more than 26 digits.
            self.galat(r, k, "angka terlalu besar")
        elif angka < 0:
            self.galat(r, k, f"jumlah anggaran tidak boleh negatif ({format_angka(angka)})")
        elif angka != angka.quantize(DUA):
            self.galat(r, k, "paling banyak 2 angka di belakang koma")
        else:
            return True, angka
        return False, None

    def baris(self, r: int, isi: tuple) -> None:
        def sel(judul: str):
            k = self.kolom.get(judul)
            return isi[k - 1] if k is not None and k - 1 < len(isi) else None

        kode, nama = baca_teks(sel(JUDUL["kode"])), baca_teks(sel(JUDUL["nama"]))
        mentah = {k: sel(JUDUL[k]) for k in self.ada}
        if not kode and not nama:
            if any(baca_teks(v) for v in mentah.values()):
                self.galat(r, "nama", "nama (atau kode) wajib diisi")
            return
        if not kode and _kunci(nama) == BARIS_JUMLAH:
            return
        self.bacaan.jumlah_baris += 1
        s = self.cari(r, kode, nama)
        if s is not None:
            self.terakhir = s
            if s.pos.pk in self.dilihat:
                self.galat(
                    r, "kode" if kode else "nama", f"{s.pos.nama} sudah ada di baris {self.dilihat[s.pos.pk]}"
                )
                s = None
            else:
                self.dilihat[s.pos.pk] = r
        nilai: dict[str, Decimal | None] = {}
        for k in self.ada:
            benar, angka = self.angka(r, k, mentah[k])
            if benar:
                nilai[k] = angka
        if s is None:
            return
        if s.daun:
            self.daun_baru[s.pos.pk] = nilai
            self.bacaan.isian.append(IsianJumlah(pos_id=s.pos.pk, nilai=nilai, baris=r))
        else:
            self.induk_diketik.extend((s, k, v, r) for k, v in nilai.items() if v is not None)

    def nilai_baru(self, s: Simpul, k: str) -> Decimal | None:
        isian = self.daun_baru.get(s.pos.pk, {})
        return isian[k] if k in isian else getattr(s.pos, k)

    def selesai(self) -> BacaanAnggaran:
        bacaan = self.bacaan
        for s, k, v, r in self.induk_diketik:
            daun = [x for d in s.daun_semua() if (x := self.nilai_baru(d, k)) is not None]
            jumlah = sum(daun, Decimal(0)) if daun else None
            if jumlah != v:
                self.galat(
                    r,
                    k,
                    f"{s.pos.nama} mempunyai rincian; jumlahnya {format_angka(jumlah)}, "
                    f"bukan {format_angka(v)}. Kosongkan sel ini atau perbaiki rinciannya",
                )
        bacaan.kesalahan.sort(key=_urutan_kesalahan)
        per_pk = {s.pos.pk: s for s in self.semua}
        for i in bacaan.isian:
            s = per_pk[i.pos_id]
            for k, v in i.nilai.items():
                if getattr(s.pos, k) != v:
                    bacaan.perubahan.append(
                        PerubahanJumlah(simpul=s, kolom=k, lama=getattr(s.pos, k), baru=v)
                    )
            pagu, realisasi = self.nilai_baru(s, "pagu"), self.nilai_baru(s, "realisasi")
            if pagu is not None and realisasi is not None and realisasi > pagu:
                bacaan.peringatan.append(
                    f"Baris {i.baris}: realisasi {s.pos.nama} {format_rupiah(realisasi)} melebihi pagu "
                    f"{format_rupiah(pagu)} (diterima; catat alasannya di halaman pagu dan realisasi)"
                )
        return bacaan


def baca_anggaran(isi: bytes, pohon: PohonAnggaran) -> BacaanAnggaran:
    """Read a filled-in template or a plain sheet against the year's tree (see the module
    docstring). Raises ValueError in Indonesian when the file cannot be read as such a sheet at all."""
    buku = buka_buku(isi)
    lembar = buku[LEMBAR] if LEMBAR in buku.sheetnames else buku.worksheets[0]
    kepala = cari_kolom(lembar, [JUDUL["nama"], JUDUL["kode"], *(JUDUL[k] for k in KOLOM_JUMLAH)])
    if kepala is None:
        raise ValueError(
            f"Lembar '{lembar.title}' tidak memuat baris judul dengan kolom Nama (dan Kode, Pagu murni, "
            "Pagu, Realisasi). Pakai templat anggaran dari aplikasi atau beri judul kolom tersebut."
        )
    baris_kepala, kolom = kepala
    ada = [k for k in KOLOM_JUMLAH if JUDUL[k] in kolom]
    if not ada:
        raise ValueError(
            f"Lembar '{lembar.title}' baris {baris_kepala} tidak memuat kolom Pagu murni, Pagu atau "
            "Realisasi."
        )
    pembaca = _Pembaca(pohon, lembar, baris_kepala, kolom, ada)
    for r, isi_baris in enumerate(
        lembar.iter_rows(min_row=baris_kepala + 1, values_only=True), start=baris_kepala + 1
    ):
        pembaca.baris(r, isi_baris)
    return pembaca.selesai()


def _urutan_kesalahan(pesan: str) -> tuple[int, str]:
    """Errors in row order (each starts "Lembar 'X', baris N, kolom C")."""
    try:
        return int(pesan.split(", baris ", 1)[1].split(",", 1)[0]), pesan
    except (IndexError, ValueError):
        return 0, pesan
