"""The whole LKjIP of a kecamatan and year as plain frozen data (DESIGN.md §5, DOMAIN.md §1.2).

`konteks_laporan` reads the report's own content (laporan/selectors.py: outline, texts, SDM,
penghargaan, images), the measurement (kinerja/pengukuran.py), the plans (kinerja/selectors.py) and
the budget (anggaran/selectors.py), and lays them out as the report prints them: a cover, the front
matter, BAB I-IV and the lampiran, each section an ordered list of content items (paragraphs and
lists, tables, figures, signature blocks, notes). Nothing here is HTML and nothing is a model
instance: laporan/pdf.py and the preview page only render it, the .xlsx export only copies it.

Rules this package keeps (DOMAIN.md §4):
- Every figure comes from the calculation service (kinerja/capaian.py through pengukuran,
  anggaran/serapan.py through the budget selectors) and is formatted once, by lkjip/format.py.
  Counts in the generated sentences are counted from the same records as the tables.
- Every year label is the report year, a year before it or a year of the Renstra period.
- Tables and figures are numbered per BAB in document order ("Tabel 3.2"); every table has its
  "Sumber: ..." line.
- What is missing (no PK for the year, no realisasi) becomes a note in the section, never an error.

Queries: a fixed number per report, whatever the number of sasaran, indicators or programs.

Where things are (one module per part of the outline in laporan/kerangka.py):
- isi.py: the frozen data (Sel, Tabel, Gambar, Bagian, KonteksLaporan, ...).
- dasar.py: cell shorthands, the `tabel` and figure builders, numbering, periods, terbilang.
- bahan.py: everything one report reads, in one pass (`baca`).
- sampul.py: cover and front matter; ringkasan.py: the summary sentences they share with BAB III-IV.
- pendahuluan.py (BAB I), perencanaan.py (BAB II), akuntabilitas.py, sumber_daya.py and
  evaluasi.py (BAB III), penutup.py (BAB IV), lampiran.py.
- rakit.py: `konteks_laporan` and `konteks_final`, which put the parts together.
"""

from laporan.konteks.bahan import BLOK_BERTAHUN
from laporan.konteks.dasar import (
    ANGKA_BAB,
    PERIODE_LAPORAN,
    ROMAWI,
    jumlah_kata,
    periode_laporan,
    terbilang,
)
from laporan.konteks.isi import (
    Bagian,
    Baris,
    Catatan,
    EntriDaftar,
    Gambar,
    Identitas,
    Isi,
    KonteksLaporan,
    Kop,
    Rumus,
    Sampul,
    Sel,
    Subjudul,
    Tabel,
    TandaTangan,
    TandaTanganGanda,
    jenis_isi,
    label_tahun,
)
from laporan.konteks.rakit import STATUS_BERTANDA_TANGAN, konteks_final, konteks_laporan, qr_data_uri
from laporan.narasi import Daftar, Paragraf

__all__ = [
    "ANGKA_BAB",
    "BLOK_BERTAHUN",
    "PERIODE_LAPORAN",
    "ROMAWI",
    "STATUS_BERTANDA_TANGAN",
    "Bagian",
    "Baris",
    "Catatan",
    "Daftar",
    "EntriDaftar",
    "Gambar",
    "Identitas",
    "Isi",
    "KonteksLaporan",
    "Kop",
    "Paragraf",
    "Rumus",
    "Sampul",
    "Sel",
    "Subjudul",
    "Tabel",
    "TandaTangan",
    "TandaTanganGanda",
    "jenis_isi",
    "jumlah_kata",
    "konteks_final",
    "konteks_laporan",
    "label_tahun",
    "periode_laporan",
    "qr_data_uri",
    "terbilang",
]
