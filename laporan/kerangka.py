"""The outline of the LKjIP (DESIGN.md §5, DOMAIN.md §1.2): one flat, ordered list of blocks.

Pure data, no database. Each block has a stable short `kode` (stored with the kabupaten defaults,
the per-report settings and the narrative texts, so it never changes once released), the title
the report prints unless the kabupaten or the kecamatan retitles it, the chapter it sits in and
its kind:

- ``narasi``: text typed by staff; a default text (laporan/narasi.py) names the kecamatan,
  kabupaten and year so a first draft reads well.
- ``campuran``: generated from the data (sentences, tables, figures), followed by optional free
  text typed by staff (never figures: those are always generated).
- ``tabel``: data entered in this app's forms (penghargaan, SDM, permasalahan, uploaded images)
  rendered as a table, list or figures, with an optional free text before it.
- ``generated``: entirely generated (cover, lists of contents, computed tables); no text.

Blocks with `aktif_bawaan=False` are off unless the kabupaten switches them on (RKT and the
separate bagan lampiran: most kabupaten templates do without them).
"""

from __future__ import annotations

from dataclasses import dataclass

BAB = ("depan", "I", "II", "III", "IV", "lampiran")
JENIS = ("narasi", "campuran", "tabel", "generated")

JUDUL_BAB = {
    "depan": "",
    "I": "PENDAHULUAN",
    "II": "PERENCANAAN DAN PERJANJIAN KINERJA",
    "III": "AKUNTABILITAS KINERJA",
    "IV": "PENUTUP",
    "lampiran": "LAMPIRAN",
}


@dataclass(frozen=True)
class Blok:
    kode: str
    judul: str
    bab: str
    jenis: str
    aktif_bawaan: bool = True

    @property
    def bisa_diisi(self) -> bool:
        """Whether staff may type text for this block (every kind but `generated`)."""
        return self.jenis != "generated"


KERANGKA: tuple[Blok, ...] = (
    # Front matter
    Blok("sampul", "Halaman Judul", "depan", "generated"),
    Blok("kata_pengantar", "Kata Pengantar", "depan", "narasi"),
    Blok("ikhtisar", "Ikhtisar Eksekutif", "depan", "campuran"),
    Blok("daftar_isi", "Daftar Isi", "depan", "generated"),
    Blok("daftar_tabel", "Daftar Tabel", "depan", "generated"),
    Blok("daftar_gambar", "Daftar Gambar", "depan", "generated"),
    Blok("daftar_lampiran", "Daftar Lampiran", "depan", "generated"),
    # BAB I Pendahuluan
    Blok("latar_belakang", "Latar Belakang", "I", "narasi"),
    Blok("maksud_tujuan", "Maksud dan Tujuan", "I", "narasi"),
    Blok("gambaran_umum", "Gambaran Umum", "I", "campuran"),
    Blok("tugas_fungsi", "Kedudukan, Tugas dan Fungsi", "I", "campuran"),
    Blok("struktur_organisasi", "Struktur Organisasi", "I", "tabel"),
    Blok("sdm", "Sumber Daya Manusia", "I", "tabel"),
    Blok("permasalahan_isu", "Permasalahan dan Isu Strategis", "I", "tabel"),
    Blok("sistematika", "Sistematika Penyajian", "I", "campuran"),
    # BAB II Perencanaan dan Perjanjian Kinerja
    Blok("renstra", "Rencana Strategis", "II", "campuran"),
    Blok("iku", "Indikator Kinerja Utama", "II", "campuran"),
    Blok("rkt", "Rencana Kinerja Tahunan", "II", "generated", aktif_bawaan=False),
    Blok("pk", "Perjanjian Kinerja", "II", "campuran"),
    Blok("pk_perubahan", "Perjanjian Kinerja Perubahan", "II", "campuran"),
    Blok("anggaran_sasaran", "Rencana Anggaran per Sasaran Strategis", "II", "generated"),
    # BAB III Akuntabilitas Kinerja
    Blok("metode_skala", "Metode Pengukuran Kinerja", "III", "generated"),
    Blok("capaian_indikator", "Capaian Kinerja Organisasi", "III", "campuran"),
    Blok("predikat", "Capaian Kinerja per Predikat", "III", "generated"),
    Blok("analisis_sasaran", "Analisis Capaian Kinerja per Sasaran Strategis", "III", "generated"),
    Blok("skm", "Survei Kepuasan Masyarakat", "III", "generated"),
    Blok("sakip", "Evaluasi Akuntabilitas Kinerja (SAKIP)", "III", "generated"),
    Blok("realisasi_anggaran", "Realisasi Anggaran", "III", "campuran"),
    Blok("efisiensi", "Efektivitas dan Efisiensi Penggunaan Sumber Daya", "III", "campuran"),
    Blok("penghargaan", "Prestasi dan Penghargaan", "III", "tabel"),
    Blok("tindak_lanjut", "Tindak Lanjut atas Hasil Evaluasi", "III", "generated"),
    # BAB IV Penutup
    Blok("penutup", "Kesimpulan", "IV", "campuran"),
    Blok("saran", "Saran dan Langkah ke Depan", "IV", "narasi"),
    # Lampiran
    Blok("lampiran_pk", "Perjanjian Kinerja", "lampiran", "generated"),
    Blok("lampiran_renstra", "Matriks Rencana Strategis", "lampiran", "generated"),
    Blok("lampiran_iku", "Indikator Kinerja Utama", "lampiran", "generated"),
    Blok("lampiran_skm", "Rekapitulasi Survei Kepuasan Masyarakat", "lampiran", "generated"),
    Blok("lampiran_bagan", "Bagan Struktur Organisasi", "lampiran", "generated", aktif_bawaan=False),
    Blok("lampiran_dokumen", "Dokumen Pendukung", "lampiran", "tabel"),
)

BLOK: dict[str, Blok] = {b.kode: b for b in KERANGKA}
KODE: tuple[str, ...] = tuple(BLOK)

# The `laporan[].narasi` keys of the interchange format (data/SCHEMA.md) and the block each fills.
NARASI_SKEMA: dict[str, str] = {
    "kata_pengantar": "kata_pengantar",
    "ikhtisar_eksekutif": "ikhtisar",
    "latar_belakang": "latar_belakang",
    "maksud_tujuan": "maksud_tujuan",
    "gambaran_umum": "gambaran_umum",
    "rencana_strategis": "renstra",
    "perjanjian_kinerja": "pk",
    "capaian_kinerja": "capaian_indikator",
    "realisasi_anggaran": "realisasi_anggaran",
    "efisiensi": "efisiensi",
    "penutup": "penutup",
    "saran": "saran",
}


def blok(kode: str) -> Blok:
    """The block `kode`; KeyError names the unknown code."""
    try:
        return BLOK[kode]
    except KeyError:
        raise KeyError(f"blok laporan tidak dikenal: {kode!r}") from None


def blok_bab(bab: str) -> tuple[Blok, ...]:
    """The blocks of one chapter, in report order."""
    return tuple(b for b in KERANGKA if b.bab == bab)
