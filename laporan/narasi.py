"""Narrative texts of the report: the plain-text format and the default texts.

Format (what staff type and what is stored; never HTML): paragraphs are separated by a blank line;
lines inside a paragraph are joined with a space. A line that starts with "- " is a bullet item, one
that starts with "1. " (or "1) ") a numbered item and one that starts with "a. " (or "a) ") a
lettered item; lines after an item that start without a marker continue that item. Consecutive
items of the same kind form one list, also across blank lines (the seed reports put a blank line
between items). Anything that looks like HTML is just text: the templates escape it.

Default texts (DOMAIN.md §1.2: "a default boilerplate template is acceptable") are written after
the seed reports (000 Ajibarang, 002 Purwareja Klampok, 004 Aluh Aluh) and already name the
kecamatan, the kabupaten and the year. They never contain figures: every figure the report prints
is generated from the data (DOMAIN.md §4, summary item 11).

Pure module: no Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# --- the plain-text format ------------------------------------------------------------------------

BANTUAN_FORMAT = (
    'Pisahkan paragraf dengan satu baris kosong. Awali baris dengan "- " untuk butir, '
    '"1. " untuk daftar bernomor, atau "a. " untuk daftar berhuruf. Angka capaian, target dan '
    "anggaran tidak perlu diketik: laporan mengambilnya dari data."
)


@dataclass(frozen=True)
class Paragraf:
    teks: str


@dataclass(frozen=True)
class Daftar:
    """A list: jenis "butir" (bullets), "angka" (1. 2. 3.) or "huruf" (a. b. c.); `mulai` is the
    number of the first item (for "huruf", 1 = a)."""

    jenis: str
    butir: tuple[str, ...]
    mulai: int = 1

    @property
    def bernomor(self) -> bool:
        return self.jenis != "butir"

    @property
    def tipe(self) -> str:
        """The `type` attribute of an HTML <ol>: "1" or "a"."""
        return "a" if self.jenis == "huruf" else "1"


_BUTIR = re.compile(r"^[-•]\s+(.*)$")
_ANGKA = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_HURUF = re.compile(r"^([a-z])[.)]\s+(.*)$")
_SPASI = re.compile(r"[ \t]+")


def _penanda(baris: str) -> tuple[str, int, str] | None:
    """(jenis, number, rest) when the line starts a list item, else None."""
    if m := _BUTIR.match(baris):
        return "butir", 1, m.group(1)
    if m := _ANGKA.match(baris):
        return "angka", int(m.group(1)), m.group(2)
    if m := _HURUF.match(baris):
        return "huruf", ord(m.group(1)) - ord("a") + 1, m.group(2)
    return None


def teks_rapi(teks: str) -> str:
    """The text as it is stored: unix line ends, no trailing spaces, at most one blank line in a
    row, no blank lines at the start or the end."""
    baris = [b.rstrip() for b in teks.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    hasil: list[str] = []
    for b in baris:
        if not b and (not hasil or not hasil[-1]):
            continue
        hasil.append(b)
    while hasil and not hasil[-1]:
        hasil.pop()
    return "\n".join(hasil)


def paragraf(teks: str) -> tuple[Paragraf | Daftar, ...]:
    """The text as paragraphs and lists, in order (see the module docstring for the format)."""
    hasil: list[Paragraf | Daftar] = []
    # The list being built: [jenis, start number, items]; its items are lists of lines.
    daftar: list | None = None
    kalimat: list[str] = []

    def tutup_paragraf() -> None:
        if kalimat:
            hasil.append(Paragraf(_SPASI.sub(" ", " ".join(kalimat)).strip()))
            kalimat.clear()

    def tutup_daftar() -> None:
        nonlocal daftar
        if daftar is not None:
            butir = tuple(_SPASI.sub(" ", " ".join(b)).strip() for b in daftar[2])
            hasil.append(Daftar(daftar[0], butir, daftar[1]))
            daftar = None

    for baris in teks_rapi(teks).split("\n"):
        isi = baris.strip()
        if not isi:
            tutup_paragraf()
            # A blank line ends a list item, but a list may go on after it (see the docstring).
            if daftar is not None:
                daftar[3] = True
            continue
        penanda = _penanda(isi)
        if penanda:
            jenis, nomor, sisa = penanda
            tutup_paragraf()
            if daftar is not None and daftar[0] != jenis:
                tutup_daftar()
            if daftar is None:
                daftar = [jenis, nomor, [], False]
            daftar[2].append([sisa])
            daftar[3] = False
        elif daftar is not None and not daftar[3]:
            daftar[2][-1].append(isi)
        else:
            tutup_daftar()
            kalimat.append(isi)
    tutup_paragraf()
    tutup_daftar()
    return tuple(hasil)


# --- default texts --------------------------------------------------------------------------------

DASAR_SAKIP = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
    "Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "atas Laporan Kinerja Instansi Pemerintah"
)


def _teks(*baris: str) -> str:
    """A default text from its paragraphs and list items: consecutive list items on consecutive
    lines, everything else separated by a blank line."""
    hasil = baris[0]
    for sebelum, b in zip(baris, baris[1:], strict=False):
        hasil += ("\n" if _penanda(sebelum) and _penanda(b) else "\n\n") + b
    return hasil


@dataclass(frozen=True)
class Wilayah:
    """The names a default text uses: kecamatan and kabupaten without the words "Kecamatan" and
    "Kabupaten", and the report year."""

    kecamatan: str
    kabupaten: str
    tahun: int

    @property
    def lkjip(self) -> str:
        return (
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan {self.kecamatan} "
            f"Kabupaten {self.kabupaten} Tahun {self.tahun}"
        )


def _kata_pengantar(w: Wilayah) -> str:
    return _teks(
        (
            f"Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas segala rahmat dan karunia-"
            f"Nya, sehingga kami dapat menyelesaikan penyusunan {w.lkjip}."
        ),
        (
            f"Berdasarkan {DASAR_SAKIP}, setiap instansi pemerintah wajib menyusun laporan kinerja yang "
            f"menyajikan capaian kinerja atas sumber daya yang digunakannya setelah tahun anggaran "
            f"berakhir."
        ),
        (
            f"Laporan ini merupakan bentuk akuntabilitas pelaksanaan tugas dan fungsi yang dipercayakan "
            f"kepada Kecamatan {w.kecamatan} atas penggunaan anggaran tahun {w.tahun}, sekaligus bahan "
            f"evaluasi sebagai upaya perbaikan berkesinambungan untuk peningkatan kinerja di masa "
            f"mendatang."
        ),
        (
            "Kami menyadari bahwa laporan ini masih jauh dari sempurna. Oleh karena itu, masukan dan "
            "saran yang membangun dari semua pihak sangat kami harapkan. Semoga laporan ini bermanfaat "
            "bagi semua pihak yang berkepentingan."
        ),
    )


def _ikhtisar(w: Wilayah) -> str:
    return _teks(
        (
            f"{w.lkjip} disusun sebagai bentuk pertanggungjawaban atas pelaksanaan tugas dan fungsi "
            f"serta penggunaan anggaran selama tahun {w.tahun}, sesuai dengan {DASAR_SAKIP}."
        ),
        (
            f"Pengukuran kinerja dalam laporan ini membandingkan realisasi setiap indikator kinerja "
            f"dengan target yang ditetapkan dalam Perjanjian Kinerja Tahun {w.tahun}, dengan mengacu "
            f"pada visi, misi, tujuan dan sasaran strategis dalam Rencana Strategis Kecamatan "
            f"{w.kecamatan}."
        ),
    )


def _latar_belakang(w: Wilayah) -> str:
    return _teks(
        (
            "Laporan kinerja adalah ikhtisar yang menjelaskan secara ringkas dan lengkap capaian "
            "kinerja yang disusun berdasarkan rencana kerja yang ditetapkan dalam rangka pelaksanaan "
            "Anggaran Pendapatan dan Belanja Daerah (APBD), serta merupakan bentuk akuntabilitas dari "
            "pelaksanaan tugas dan fungsi yang dipercayakan kepada setiap instansi pemerintah atas "
            "penggunaan anggaran."
        ),
        (f"Penyusunan {w.lkjip} berpedoman pada {DASAR_SAKIP}."),
        (
            f"Laporan ini menyajikan pencapaian sasaran sebagaimana ditetapkan dalam Rencana Strategis "
            f"dan Perjanjian Kinerja Kecamatan {w.kecamatan} Tahun {w.tahun}, disertai penjelasan atas "
            f"pencapaian kinerja dan perbandingan capaian indikator sasaran."
        ),
    )


def _maksud_tujuan(w: Wilayah) -> str:
    return _teks(
        (
            f"Penyusunan {w.lkjip} dimaksudkan sebagai bentuk pertanggungjawaban pelaksanaan tugas dan "
            f"fungsi Kecamatan {w.kecamatan} dalam mencapai tujuan dan sasaran strategis selama tahun "
            f"{w.tahun}."
        ),
        ("Tujuan penyusunan laporan ini adalah:"),
        (
            f"1. Memberikan informasi kinerja yang terukur kepada Bupati {w.kabupaten} atas kinerja yang"
            f" telah dan seharusnya dicapai oleh Kecamatan {w.kecamatan}."
        ),
        (
            "2. Menjadi bahan evaluasi sebagai upaya perbaikan yang berkesinambungan dalam rangka "
            "peningkatan kinerja."
        ),
        (
            "3. Menjadi bahan pertimbangan dalam penyusunan perencanaan dan pengambilan kebijakan pada "
            "tahun berikutnya."
        ),
    )


def _gambaran_umum(w: Wilayah) -> str:
    return (
        f"Kecamatan {w.kecamatan} merupakan salah satu perangkat daerah di lingkungan Pemerintah "
        f"Kabupaten {w.kabupaten} yang dipimpin oleh seorang Camat dan berkedudukan di bawah serta "
        "bertanggung jawab kepada Bupati melalui Sekretaris Daerah."
    )


def _struktur_organisasi(w: Wilayah) -> str:
    return (
        f"Susunan organisasi Kecamatan {w.kecamatan} terdiri atas Camat, Sekretariat, Seksi-seksi "
        "dan Kelompok Jabatan Fungsional, sebagaimana digambarkan dalam bagan struktur organisasi berikut."
    )


def _sdm(w: Wilayah) -> str:
    return (
        f"Dalam melaksanakan tugas dan fungsinya pada tahun {w.tahun}, Kecamatan {w.kecamatan} "
        "didukung oleh sumber daya manusia dengan rincian sebagai berikut."
    )


def _permasalahan_isu(w: Wilayah) -> str:
    return (
        f"Permasalahan dan isu strategis yang dihadapi Kecamatan {w.kecamatan} dalam "
        "penyelenggaraan tugas dan fungsinya adalah sebagai berikut."
    )


def _sistematika(w: Wilayah) -> str:
    return (
        f"Sistematika penyajian {w.lkjip} mengacu pada Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014, sebagai berikut."
    )


def _pk_perubahan(w: Wilayah) -> str:
    return (
        f"Perjanjian Kinerja Tahun {w.tahun} mengalami perubahan setelah penetapan Perubahan APBD "
        f"Kabupaten {w.kabupaten} Tahun {w.tahun}."
    )


def _penghargaan(w: Wilayah) -> str:
    return (
        f"Dalam melaksanakan tugas dan fungsinya pada tahun {w.tahun}, Kecamatan {w.kecamatan} "
        "beserta desa di wilayahnya memperoleh prestasi dan penghargaan sebagai berikut."
    )


def _penutup(w: Wilayah) -> str:
    return _teks(
        (
            f"{w.lkjip} merupakan penyampaian informasi dan transparansi atas kinerja yang telah dicapai"
            f" sehubungan dengan anggaran yang telah digunakan. Laporan ini memuat pengukuran dan "
            f"evaluasi kinerja atas pelaksanaan program dan kegiatan tahun {w.tahun}, yang menunjukkan "
            f"tingkat keberhasilan dan kegagalan serta efektivitas dan efisiensi pelaksanaannya."
        ),
        (
            f"Laporan ini telah disusun dengan sebaik-baiknya sesuai dengan pedoman yang berlaku. Semoga"
            f" hasil pengukuran kinerja yang tertuang di dalamnya bermanfaat bagi peningkatan kinerja "
            f"Kecamatan {w.kecamatan} di masa yang akan datang."
        ),
    )


def _saran(w: Wilayah) -> str:
    return _teks(
        (
            f"Langkah-langkah yang akan ditempuh Kecamatan {w.kecamatan} untuk meningkatkan kinerja pada"
            f" tahun {w.tahun + 1} adalah sebagai berikut:"
        ),
        (
            "1. Meningkatkan kualitas pelayanan kepada masyarakat melalui peningkatan kapasitas "
            "aparatur kecamatan."
        ),
        (
            "2. Meningkatkan koordinasi dengan perangkat daerah dan pemerintah desa dalam pelaksanaan "
            "program dan kegiatan."
        ),
        ("3. Meningkatkan kualitas perencanaan, pengukuran dan pelaporan kinerja."),
    )


TEKS_BAWAAN: dict[str, Callable[[Wilayah], str]] = {
    "kata_pengantar": _kata_pengantar,
    "ikhtisar": _ikhtisar,
    "latar_belakang": _latar_belakang,
    "maksud_tujuan": _maksud_tujuan,
    "gambaran_umum": _gambaran_umum,
    "struktur_organisasi": _struktur_organisasi,
    "sdm": _sdm,
    "permasalahan_isu": _permasalahan_isu,
    "sistematika": _sistematika,
    "pk_perubahan": _pk_perubahan,
    "penghargaan": _penghargaan,
    "penutup": _penutup,
    "saran": _saran,
}


def teks_bawaan(kode: str, *, kecamatan: str, kabupaten: str, tahun: int) -> str:
    """The default text of block `kode` ("" for blocks whose content is only generated, or whose
    free text is optional with nothing sensible to say by default)."""
    fungsi = TEKS_BAWAAN.get(kode)
    return fungsi(Wilayah(kecamatan, kabupaten, tahun)) if fungsi else ""
