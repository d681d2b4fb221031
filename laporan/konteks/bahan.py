"""The data one report is built from, read once with a fixed number of queries (`baca`), and the
budget tree cut at the end of a triwulan for a report during the year."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from anggaran.selectors import (
    Jumlah,
    PohonAnggaran,
    Simpul,
    anggaran_per_sasaran,
    pohon_anggaran,
    tahun_anggaran_daftar,
)
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
from kinerja.selectors_skm import HasilEvaluasi, TahunSkm, evaluasi_daftar, survei_daftar
from laporan.konteks.dasar import Penomor
from laporan.konteks.isi import label_tahun
from laporan.narasi import Daftar, Paragraf, paragraf
from laporan.selectors import IsiBlok, IsiLaporan, isi_laporan
from lkjip.format import format_tanggal
from lkjip.models import Desa, Kecamatan

# Blocks whose printed title names the report year ("Perjanjian Kinerja Tahun 2020").
BLOK_BERTAHUN = frozenset({"pk", "pk_perubahan", "rkt", "anggaran_sasaran"})
_TAHUN = re.compile(r"\b(19|20)\d{2}\b")


@dataclass
class Bahan:
    """What one report is built from, and what building it accumulates (numbers handed out, what
    is missing): passed to every section builder."""

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
    penomor: Penomor = field(default_factory=Penomor)
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


def baca(
    kecamatan: Kecamatan,
    tahun: int,
    jenis: str,
    sampai: int | None = None,
    periode: str = "",
    label: str = "",
) -> Bahan:
    """Reads everything up front, so the queries are a fixed number whatever the report holds."""
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
    return Bahan(
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
