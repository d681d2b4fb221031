"""The Excel round trip of a year's targets and realisasi (DESIGN.md §7): a template prefilled with
what is stored, and the reading of it once filled in.

The template has one row per indicator of the year (kinerja.services.realisasi.lingkup_realisasi:
the effective PK in its order, else the Renstra of the year), the columns Kode, Nama indikator,
Satuan, Target, TW I-IV, Tahunan, Status and Keterangan, and a "Petunjuk" sheet. Reading finds the
header row and the columns by their titles (moved columns still read), identifies each row by its
kode and converts every cell the way the forms do (numbers, Indonesian text "1.234,56", graded
"BB (72,10)" and threshold ">= 80" values through kinerja.nilai.parse_nilai). It writes nothing:
kinerja.services.realisasi.realisasi_impor does, all rows or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from kinerja.forms.bidang import MAKS_DESIMAL_NILAI, MAKS_DIGIT_BULAT_NILAI, teks_nilai
from kinerja.models import Realisasi
from kinerja.nilai import Nilai, parse_nilai
from kinerja.services.realisasi import (
    BELUM_TERSEDIA_BERNILAI,
    JUDUL_KOLOM_IMPOR,
    BarisLingkup,
    IsianImpor,
    LingkupRealisasi,
    bukan_lingkup,
)
from lkjip.excel import (
    FORMAT_ANGKA,
    FORMAT_TEKS,
    Kolom,
    baca_angka,
    baca_teks,
    buka_buku,
    buku_baru,
    cari_kolom,
    lokasi,
    tambah_pilihan,
    tulis_petunjuk,
    tulis_tabel,
)
from lkjip.models import Kecamatan

Status = Realisasi.Status
Periode = Realisasi.Periode

LEMBAR = "Realisasi"
LEMBAR_PETUNJUK = "Petunjuk"
KOLOM_TRIWULAN = ("tw1", "tw2", "tw3", "tw4")
# key, title, width, number format. Reading finds the columns by these titles.
KOLOM = (
    ("kode", JUDUL_KOLOM_IMPOR["kode"], 10, FORMAT_TEKS),
    ("nama", "Nama indikator", 46, None),
    ("satuan", "Satuan", 12, None),
    ("target", JUDUL_KOLOM_IMPOR["target"], 14, FORMAT_ANGKA),
    *((k, JUDUL_KOLOM_IMPOR[k], 12, FORMAT_ANGKA) for k in KOLOM_TRIWULAN),
    ("tahunan", JUDUL_KOLOM_IMPOR["tahunan"], 13, FORMAT_ANGKA),
    ("status", JUDUL_KOLOM_IMPOR["status"], 16, None),
    ("keterangan", JUDUL_KOLOM_IMPOR["keterangan"], 40, None),
)
JUDUL = {k: judul for k, judul, _, _ in KOLOM}
# Name and unit only help the reader of the sheet; the import ignores them.
KOLOM_WAJIB = ("kode", "target", *KOLOM_TRIWULAN, "tahunan", "status", "keterangan")
LABEL_STATUS = [label for _, label in Status.choices]
MAKS_UKURAN = 2 * 1024 * 1024
_POLA_TAHUN = re.compile(r"^Realisasi Kinerja Tahun (\d{4})$")
_POLA_KECAMATAN = re.compile(r"^Kecamatan (.+), Kabupaten (.+)$")


def nama_berkas(kecamatan: Kecamatan, tahun: int) -> str:
    return f"realisasi-{slugify(kecamatan.nama)}-{tahun}.xlsx"


def alasan_impor(nama: str) -> str:
    """The reason every value changed by an upload records in its history."""
    return f"Impor Excel: {nama}"


# --- the template ---------------------------------------------------------------------------------


def _isi_nilai(nilai: Nilai | None) -> object:
    """A stored value as the template shows it: a plain number as a number, a graded or threshold
    value as the text people type ("BB (72,10)", "≥ 80,00")."""
    if nilai is None:
        return None
    if not nilai.label and nilai.pembanding in ("", "="):
        return nilai.nilai
    return teks_nilai(nilai.nilai, nilai.label, nilai.pembanding)


def _nilai_realisasi(r: Realisasi | None) -> Nilai | None:
    if r is None or r.nilai is None:
        return None
    return Nilai(nilai=r.nilai, label=r.label, pembanding=r.pembanding)


# The Tahunan cell of an indicator that takes its yearly realisasi from the SKM/SAKIP result.
_ISI_SUMBER = PatternFill("solid", fgColor="EDEDED")


def _nilai_sumber(b: BarisLingkup) -> Nilai:
    """The SKM/SAKIP result as the template shows it: rounded to two decimals like every page (full
    precision would not read back: the import takes at most four decimals)."""
    return Nilai(nilai=b.sumber.nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), label=b.sumber.label)


def _catatan_sumber(b: BarisLingkup) -> str:
    return (
        f"Diambil otomatis {b.sumber.keterangan}. Nilai di sel ini tidak diimpor; hasilnya diubah di "
        f"halaman {'Survei SKM' if b.sumber.sumber == 'skm' else 'Evaluasi SAKIP'}."
    )


def petunjuk(lingkup: LingkupRealisasi) -> list[str]:
    """The paragraphs of the "Petunjuk" sheet."""
    tahun = lingkup.tahun
    if lingkup.perjanjian is not None:
        baris = f"satu baris untuk setiap indikator {lingkup.perjanjian}, sesuai urutan PK"
        target = (
            f"Target: target indikator dalam {lingkup.perjanjian}. Mengubahnya mengubah target PK tersebut "
            "(tercatat di riwayat); target tidak boleh dikosongkan."
        )
    else:
        baris = f"satu baris untuk setiap indikator {lingkup.renstra}, karena tahun {tahun} belum memiliki PK"
        if lingkup.target_boleh:
            target = (
                f"Target: target Renstra tahun {tahun}. Mengubahnya mengubah target Renstra (tercatat di "
                "riwayat); mengosongkannya menghapus target tahun itu."
            )
        else:
            target = f"Target: {lingkup.alasan_tanpa_target()}"
    return [
        "",
        f"1. Lembar '{LEMBAR}' berisi {baris}. Setiap baris dikenali dari kolom Kode: jangan mengubah kode, "
        "dan jangan mengganti nama lembar maupun judul kolom. Kolom Nama indikator dan Satuan hanya "
        "keterangan; perubahan di kedua kolom itu tidak diimpor. Baris indikator boleh dihapus bila tidak "
        "ingin diubah.",
        "2. Angka boleh diketik sebagai angka Excel atau sebagai teks gaya Indonesia: 1.234,56 (titik untuk "
        "ribuan, koma untuk desimal), paling banyak 4 angka di belakang koma. Nilai berpredikat ditulis "
        "dengan angkanya, mis. BB (72,10); nilai ambang ditulis >= 80 atau ≤ 5.",
        f"3. {target}",
        "4. TW I sampai TW IV: realisasi setiap triwulan. Mengosongkan sel yang sudah berisi menghapus nilai "
        "tersebut.",
        "5. Tahunan: realisasi setahun. Bila dikosongkan, aplikasi menghitungnya dari triwulan (jumlah untuk "
        "indikator kumulatif, rata-rata untuk hasil survei, selain itu nilai triwulan terakhir). Indikator "
        "yang bersumber hasil SKM atau evaluasi SAKIP mengambil realisasi tahunannya otomatis dari hasil "
        f"tahun {tahun} bila sudah dicatat (sel abu-abu dengan catatan): nilai Tahunan di sel itu tidak "
        "diimpor, dan nilai lain yang diketik di sana diabaikan dengan peringatan.",
        f"6. Status realisasi tahunan: {', '.join(LABEL_STATUS[:-1])} atau {LABEL_STATUS[-1]} (pilih dari "
        "daftar). Belum tersedia berarti realisasi tahunan belum ada: kosongkan kolom Tahunan dan jelaskan "
        "sebabnya di Keterangan.",
        "7. Keterangan: catatan realisasi tahunan, mis. sumber data.",
        f"8. Unggah berkas ini di halaman Isi Realisasi {tahun}, tombol 'Unggah Excel'. Aplikasi lebih dulu "
        "menampilkan setiap nilai yang akan berubah (lama dan baru) dan setiap kesalahan beserta baris dan "
        "kolomnya; belum ada yang disimpan sebelum Anda menekan 'Simpan impor'. Semua baris disimpan "
        "sekaligus, atau tidak ada sama sekali bila ada kesalahan.",
        "9. Setiap nilai yang berubah tercatat di riwayat dengan nama Anda dan alasan "
        "'Impor Excel: <nama berkas>'.",
    ]


def templat_realisasi(lingkup: LingkupRealisasi) -> Workbook:
    """The template of a year, prefilled with the stored targets and realisasi."""
    kecamatan = lingkup.kecamatan
    baris = []
    for b in lingkup.baris:
        tahunan = b.realisasi.get(Periode.TAHUNAN)
        status = tahunan.status if tahunan else Status.FINAL
        if b.sumber is not None and status == Status.BELUM_TERSEDIA:
            status = Status.FINAL
        baris.append(
            [
                b.indikator.kode,
                b.indikator.nama,
                b.indikator.satuan,
                _isi_nilai(b.target),
                *(_isi_nilai(_nilai_realisasi(b.realisasi.get(p))) for p in Realisasi.TRIWULAN),
                _isi_nilai(_nilai_sumber(b) if b.sumber is not None else _nilai_realisasi(tahunan)),
                Status(status).label,
                tahunan.keterangan if tahunan else "",
            ]
        )
    buku = buku_baru()
    judul = [
        f"Realisasi Kinerja Tahun {lingkup.tahun}",
        f"Kecamatan {kecamatan.nama}, Kabupaten {kecamatan.kabupaten.nama}",
        f"Target: {lingkup.sumber_target or 'tidak dapat diisi (lihat lembar Petunjuk)'}",
    ]
    lembar = tulis_tabel(
        buku, LEMBAR, [Kolom(j, lebar, fmt) for _, j, lebar, fmt in KOLOM], baris, judul=judul
    )
    kepala = len(judul) + 2
    kolom_tahunan = [k for k, *_ in KOLOM].index("tahunan") + 1
    for i, b in enumerate(lingkup.baris, start=kepala + 1):
        if b.sumber is not None:
            sel = lembar.cell(row=i, column=kolom_tahunan)
            sel.fill = _ISI_SUMBER
            sel.comment = Comment(_catatan_sumber(b), "LKjIP Kecamatan", width=260, height=110)
    kolom_status = [k for k, *_ in KOLOM].index("status") + 1
    tambah_pilihan(
        lembar,
        kolom_status,
        kepala + 1,
        kepala + max(len(baris), 1),
        LABEL_STATUS,
        judul="Status tidak dikenal",
    )
    tulis_petunjuk(
        buku,
        LEMBAR_PETUNJUK,
        f"Petunjuk pengisian realisasi kinerja {lingkup.tahun} · Kecamatan {kecamatan.nama}",
        petunjuk(lingkup),
    )
    buku[LEMBAR_PETUNJUK]["A2"].font = Font(italic=True)
    buku.active = 0
    return buku


# --- reading an upload ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Kesalahan:
    """A refusal at a cell, said the way people find it: "Lembar 'Realisasi', baris 7, kolom E
    (TW I): ..."; ordered by row, then column."""

    baris: int
    kolom: int
    teks: str = field(compare=False)

    def __str__(self) -> str:
        return self.teks


@dataclass
class BacaanRealisasi:
    """An uploaded workbook read: the rows that read cleanly (as the import service takes them),
    the refusals found while reading, and where each indicator and column sits, to place the
    service's refusals on their cells."""

    lingkup: LingkupRealisasi
    isian: list[IsianImpor]
    kesalahan: list[Kesalahan]
    baris_indikator: dict[int, int]
    kolom: dict[str, int]

    def _lokasi(self, baris: int, kolom: str) -> str:
        return f"{lokasi(LEMBAR, baris, self.kolom[kolom])} ({JUDUL[kolom]})"

    def semua_kesalahan(self, layanan: dict[tuple[int, str], list[str]]) -> list[Kesalahan]:
        """The reading's refusals with the service's (keyed by indicator id and column), in sheet order."""
        semua = list(self.kesalahan)
        for (indikator_id, kolom), pesan in layanan.items():
            baris = self.baris_indikator[indikator_id]
            for p in pesan:
                semua.append(Kesalahan(baris, self.kolom[kolom], f"{self._lokasi(baris, kolom)}: {p}"))
        return sorted(semua)


def _baca_nilai(isi: object) -> Nilai | None:
    """A value cell: empty, a number, or text read by parse_nilai. ValueError in Indonesian."""
    if isinstance(isi, datetime | date | time):
        raise ValueError(
            "Sel ini berisi tanggal atau jam, bukan angka: ubah format selnya menjadi Angka atau Umum, lalu "
            "ketik ulang nilainya."
        )
    if isinstance(isi, int | float | Decimal) and not isinstance(isi, bool):
        nilai = Nilai(nilai=baca_angka(isi))
    else:
        teks = baca_teks(isi)
        if not teks:
            return None
        nilai = parse_nilai(teks)
    eksponen = nilai.nilai.normalize().as_tuple().exponent
    if isinstance(eksponen, int) and -eksponen > MAKS_DESIMAL_NILAI:
        raise ValueError(f"Paling banyak {MAKS_DESIMAL_NILAI} angka di belakang koma.")
    if abs(nilai.nilai) >= Decimal(10) ** MAKS_DIGIT_BULAT_NILAI:
        raise ValueError("Angka terlalu besar.")
    return nilai


def _kunci_status(teks: str) -> str:
    return " ".join(teks.replace("_", " ").casefold().split())


_STATUS = {_kunci_status(s): s for s in Status.values} | {
    _kunci_status(label): s for s, label in Status.choices
}


def _baca_status(isi: object) -> str:
    teks = baca_teks(isi)
    if not teks:
        return Status.FINAL
    status = _STATUS.get(_kunci_status(teks))
    if status is None:
        raise ValueError(
            f'Status "{teks}" tidak dikenal; pilih {", ".join(LABEL_STATUS[:-1])} atau {LABEL_STATUS[-1]}.'
        )
    return status


def _periksa_judul(lembar, kepala: int, lingkup: LingkupRealisasi) -> None:
    """The title lines say which year and kecamatan the file was made for: refuse another's."""
    kecamatan = lingkup.kecamatan
    if kepala == 1:
        return
    for (isi,) in lembar.iter_rows(max_row=kepala - 1, max_col=1, values_only=True):
        teks = baca_teks(isi)
        if cocok := _POLA_TAHUN.match(teks):
            if int(cocok[1]) != lingkup.tahun:
                raise ValueError(
                    f"Berkas ini templat realisasi tahun {cocok[1]}, bukan {lingkup.tahun}. Unggah di "
                    f"halaman realisasi {cocok[1]}, atau unduh templat tahun {lingkup.tahun}."
                )
        elif cocok := _POLA_KECAMATAN.match(teks):
            if (cocok[1].casefold(), cocok[2].casefold()) != (
                kecamatan.nama.casefold(),
                kecamatan.kabupaten.nama.casefold(),
            ):
                raise ValueError(
                    f"Berkas ini templat Kecamatan {cocok[1]} (Kabupaten {cocok[2]}), bukan Kecamatan "
                    f"{kecamatan.nama}."
                )


def baca_realisasi(isi: bytes, lingkup: LingkupRealisasi) -> BacaanRealisasi:
    """Read a filled-in template of `lingkup`'s year. Raises ValueError (Indonesian) when the file
    cannot be read as such at all: not an .xlsx, no sheet "Realisasi", no header row or a required
    column missing, or made for another year or kecamatan. Refusals of single cells and rows are
    collected in the result instead, every one of them."""
    buku = buka_buku(isi)
    if LEMBAR not in buku.sheetnames:
        ada = ", ".join(f"'{n}'" for n in buku.sheetnames)
        raise ValueError(
            f"Buku kerja ini tidak memiliki lembar '{LEMBAR}' (lembar yang ada: {ada}). Gunakan templat dari "
            "tombol 'Unduh templat Excel' dan jangan mengganti nama lembarnya."
        )
    lembar = buku[LEMBAR]
    ditemukan = cari_kolom(lembar, [j for _, j, _, _ in KOLOM])
    if ditemukan is None:
        raise ValueError(
            f"Lembar '{LEMBAR}' tidak memiliki baris judul kolom (baris yang berisi '{JUDUL['kode']}') di 20 "
            "baris pertama."
        )
    kepala, posisi = ditemukan
    kolom = {k: posisi[j] for k, j, _, _ in KOLOM if j in posisi}
    kurang = [JUDUL[k] for k in KOLOM_WAJIB if k not in kolom]
    if kurang:
        raise ValueError(
            f"Lembar '{LEMBAR}' baris {kepala} tidak memiliki kolom {', '.join(repr(k) for k in kurang)}. "
            "Judul kolom templat jangan diubah."
        )
    _periksa_judul(lembar, kepala, lingkup)

    per_kode = {b.indikator.kode.casefold(): b for b in lingkup.baris}
    isian: list[IsianImpor] = []
    kesalahan: list[Kesalahan] = []
    baris_indikator: dict[int, int] = {}

    def salah(nomor: int, k: str, pesan: str) -> None:
        kesalahan.append(
            Kesalahan(nomor, kolom[k], f"{lokasi(LEMBAR, nomor, kolom[k])} ({JUDUL[k]}): {pesan}")
        )

    for nomor, sel in enumerate(lembar.iter_rows(min_row=kepala + 1, values_only=True), start=kepala + 1):
        nilai_sel = {k: sel[i - 1] if i - 1 < len(sel) else None for k, i in kolom.items()}
        if all(baca_teks(v) == "" for v in nilai_sel.values()):
            continue
        kode = baca_teks(nilai_sel["kode"])
        if not kode:
            salah(nomor, "kode", "Kode wajib diisi; setiap baris dikenali dari kode indikatornya.")
            continue
        ada = per_kode.get(kode.casefold())
        if ada is None:
            salah(nomor, "kode", bukan_lingkup(lingkup, kode))
            continue
        if ada.indikator.pk in baris_indikator:
            salah(
                nomor,
                "kode",
                f'Kode "{kode}" sudah ada di baris {baris_indikator[ada.indikator.pk]}; setiap indikator '
                "satu baris.",
            )
            continue
        baris_indikator[ada.indikator.pk] = nomor
        baca: dict[str, object] = {}
        benar = True
        for k in ("target", *KOLOM_TRIWULAN, "tahunan"):
            try:
                baca[k] = _baca_nilai(nilai_sel[k])
            except ValueError as e:
                salah(nomor, k, str(e))
                benar = False
        try:
            baca["status"] = _baca_status(nilai_sel["status"])
        except ValueError as e:
            salah(nomor, "status", str(e))
            benar = False
        # A sourced row's Tahunan is ignored by the import: its status is the service's to refuse.
        if (
            benar
            and baca["status"] == Status.BELUM_TERSEDIA
            and baca["tahunan"] is not None
            and ada.sumber is None
        ):
            salah(nomor, "status", BELUM_TERSEDIA_BERNILAI)
            benar = False
        keterangan = baca_teks(nilai_sel["keterangan"])
        if len(keterangan) > 1000:
            salah(nomor, "keterangan", "Keterangan paling panjang 1.000 karakter.")
            benar = False
        if benar:
            isian.append(
                IsianImpor(
                    indikator=ada.indikator,
                    target=baca["target"],
                    triwulan=tuple(baca[k] for k in KOLOM_TRIWULAN),
                    tahunan=baca["tahunan"],
                    status=baca["status"],
                    keterangan=keterangan,
                )
            )
    return BacaanRealisasi(
        lingkup=lingkup,
        isian=isian,
        kesalahan=sorted(kesalahan),
        baris_indikator=baris_indikator,
        kolom=kolom,
    )
