"""Reads of the report's own content (laporan/models.py): the outline with its switches and
titles, the narrative texts, and the data typed or uploaded for the report.

`isi_laporan` is what laporan/konteks.py builds the report from; it reads a constant number of
queries whatever the number of blocks, rows and images.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from laporan import narasi
from laporan.kerangka import KERANGKA, Blok
from laporan.models import (
    BerkasLaporan,
    BlokKabupaten,
    BlokLaporan,
    IsuStrategis,
    Laporan,
    LogoKabupaten,
    Narasi,
    Penghargaan,
    Permasalahan,
    SdmRekap,
)
from lkjip.models import Kabupaten, Kecamatan


@dataclass(frozen=True)
class IsiBlok:
    """One block of the outline as this report has it: switched on or off and titled after the
    kabupaten defaults and the kecamatan's adjustments; `teks` is the stored text, else the
    default text (`teks_bawaan` True). Generated blocks have `teks` ""."""

    kode: str
    judul: str
    bab: str
    jenis: str
    aktif: bool
    teks: str
    teks_bawaan: bool

    @property
    def paragraf(self) -> tuple[narasi.Paragraf | narasi.Daftar, ...]:
        return narasi.paragraf(self.teks)


@dataclass(frozen=True)
class ItemPenghargaan:
    nama: str
    pemberi: str
    tingkat: str
    penerima: str


@dataclass(frozen=True)
class BarisSdm:
    uraian: str
    jumlah: int


@dataclass(frozen=True)
class TabelSdm:
    """One SDM table: `kategori` as stored ("pendidikan"), `judul` as printed."""

    kategori: str
    judul: str
    baris: tuple[BarisSdm, ...]

    @property
    def jumlah(self) -> int:
        return sum(b.jumlah for b in self.baris)


@dataclass(frozen=True)
class ItemPermasalahan:
    pokok_masalah: str
    masalah: str
    akar_masalah: str


@dataclass(frozen=True)
class Gambar:
    """An uploaded image: `path` on the file system (for the PDF), `url` of the permission-checked
    view that serves it (for the HTML preview), caption, pixel size and MIME type."""

    path: str
    url: str
    keterangan: str
    lebar: int
    tinggi: int
    mime: str


@dataclass(frozen=True)
class IsiLaporan:
    kecamatan_id: int
    tahun: int
    jenis: str
    periode: str
    versi: int
    status: str
    blok: tuple[IsiBlok, ...]
    tempat: str
    tanggal: date | None
    penghargaan: tuple[ItemPenghargaan, ...]
    sdm: tuple[TabelSdm, ...]
    permasalahan: tuple[ItemPermasalahan, ...]
    isu_strategis: tuple[str, ...]
    bagan: Gambar | None
    lampiran: tuple[Gambar, ...]
    logo: Gambar | None

    def blok_kode(self, kode: str) -> IsiBlok:
        for b in self.blok:
            if b.kode == kode:
                return b
        raise KeyError(f"blok laporan tidak dikenal: {kode!r}")

    def aktif(self, kode: str) -> bool:
        return self.blok_kode(kode).aktif

    @property
    def blok_aktif(self) -> tuple[IsiBlok, ...]:
        return tuple(b for b in self.blok if b.aktif)


def laporan_terbaru(
    *, kecamatan: Kecamatan, tahun: int, jenis: str = Laporan.Jenis.TAHUNAN, periode: str = ""
) -> Laporan | None:
    """The latest version of the kecamatan's report of that year and kind (None: not started)."""
    return (
        Laporan.objects.filter(kecamatan=kecamatan, tahun=tahun, jenis=jenis, periode=periode)
        .order_by("-versi")
        .first()
    )


def _path(berkas) -> str:
    try:
        return berkas.path
    except NotImplementedError:
        # Remote storage (DESIGN §2 scale path) has no local path; the PDF reads it by URL then.
        return ""


def gambar_berkas(b: BerkasLaporan) -> Gambar:
    return Gambar(
        path=_path(b.berkas),
        url=reverse("laporan:berkas_lihat", args=[b.pk]),
        keterangan=b.keterangan,
        lebar=b.lebar,
        tinggi=b.tinggi,
        mime=b.mime,
    )


def gambar_logo(logo: LogoKabupaten) -> Gambar:
    return Gambar(
        path=_path(logo.berkas),
        url=reverse("laporan:logo_lihat", args=[logo.kabupaten_id]),
        keterangan=f"Logo Kabupaten {logo.kabupaten.nama}",
        lebar=logo.lebar,
        tinggi=logo.tinggi,
        mime=logo.mime,
    )


@dataclass(frozen=True)
class PengaturanBlok:
    """A block with the kabupaten's default (for the admin page): on or off, title ("" = the
    outline's), the title printed."""

    blok: Blok
    aktif: bool
    judul: str

    @property
    def judul_tampil(self) -> str:
        return self.judul or self.blok.judul


def kerangka_kabupaten(*, kabupaten: Kabupaten) -> tuple[PengaturanBlok, ...]:
    """Every block of the outline with the kabupaten's defaults."""
    simpan = {b.kode: b for b in BlokKabupaten.objects.filter(kabupaten=kabupaten)}
    hasil = []
    for b in KERANGKA:
        s = simpan.get(b.kode)
        hasil.append(PengaturanBlok(b, s.aktif if s else b.aktif_bawaan, s.judul if s else ""))
    return tuple(hasil)


def _blok(kecamatan: Kecamatan, tahun: int, laporan: Laporan | None) -> tuple[IsiBlok, ...]:
    kabupaten = kecamatan.kabupaten
    bawaan = {b.kode: b for b in BlokKabupaten.objects.filter(kabupaten_id=kecamatan.kabupaten_id)}
    atur: dict[str, BlokLaporan] = {}
    teks: dict[str, str] = {}
    if laporan is not None:
        atur = {b.kode: b for b in BlokLaporan.objects.filter(laporan=laporan)}
        teks = dict(Narasi.objects.filter(laporan=laporan).values_list("kode", "teks"))
    hasil = []
    for b in KERANGKA:
        kab, lap = bawaan.get(b.kode), atur.get(b.kode)
        aktif = b.aktif_bawaan if kab is None else kab.aktif
        if lap is not None and lap.aktif is not None:
            aktif = lap.aktif
        judul = (lap.judul if lap else "") or (kab.judul if kab else "") or b.judul
        if not b.bisa_diisi:
            isi, bawaan_dipakai = "", True
        elif b.kode in teks:
            isi, bawaan_dipakai = teks[b.kode], False
        else:
            isi = narasi.teks_bawaan(b.kode, kecamatan=kecamatan.nama, kabupaten=kabupaten.nama, tahun=tahun)
            bawaan_dipakai = True
        hasil.append(IsiBlok(b.kode, judul, b.bab, b.jenis, aktif, isi, bawaan_dipakai))
    return tuple(hasil)


def tabel_sdm(baris: list[SdmRekap]) -> tuple[TabelSdm, ...]:
    """SDM rows as one table per kategori, in the order the kategori first appear."""
    per_kategori: dict[str, list[BarisSdm]] = {}
    for r in baris:
        per_kategori.setdefault(r.kategori, []).append(BarisSdm(r.uraian, r.jumlah))
    return tuple(
        TabelSdm(kategori, SdmRekap.judul_kategori(kategori), tuple(isi))
        for kategori, isi in per_kategori.items()
    )


def _bagan(kecamatan: Kecamatan, tahun: int, berkas: list[BerkasLaporan]) -> BerkasLaporan | None:
    """This report's bagan, else the latest one uploaded for an earlier year (an organisation chart
    rarely changes, and each year's report should not need it uploaded again)."""
    for b in berkas:
        if b.jenis == BerkasLaporan.Jenis.BAGAN:
            return b
    return (
        BerkasLaporan.objects.filter(
            laporan__kecamatan=kecamatan, laporan__tahun__lt=tahun, jenis=BerkasLaporan.Jenis.BAGAN
        )
        .order_by("-laporan__tahun", "-laporan__versi")
        .first()
    )


def isi_laporan(
    kecamatan: Kecamatan, tahun: int, *, jenis: str = Laporan.Jenis.TAHUNAN, periode: str = ""
) -> IsiLaporan:
    """The content of the kecamatan's report for `tahun` (its latest version; a report not started
    yet has every default)."""
    laporan = laporan_terbaru(kecamatan=kecamatan, tahun=tahun, jenis=jenis, periode=periode)
    berkas = list(BerkasLaporan.objects.filter(laporan=laporan)) if laporan else []
    bagan = _bagan(kecamatan, tahun, berkas)
    logo = (
        LogoKabupaten.objects.select_related("kabupaten").filter(kabupaten_id=kecamatan.kabupaten_id).first()
    )
    return IsiLaporan(
        kecamatan_id=kecamatan.pk,
        tahun=tahun,
        jenis=jenis,
        periode=periode,
        versi=laporan.versi if laporan else 1,
        status=laporan.status if laporan else Laporan.Status.DRAF,
        blok=_blok(kecamatan, tahun, laporan),
        tempat=(laporan.tempat if laporan else "") or kecamatan.nama,
        tanggal=laporan.tanggal if laporan else None,
        penghargaan=tuple(
            ItemPenghargaan(p.nama, p.pemberi, p.get_tingkat_display() if p.tingkat else "", p.penerima)
            for p in Penghargaan.objects.filter(kecamatan=kecamatan, tahun=tahun)
        ),
        sdm=tabel_sdm(list(SdmRekap.objects.filter(kecamatan=kecamatan, tahun=tahun))),
        permasalahan=tuple(
            ItemPermasalahan(p.pokok_masalah, p.masalah, p.akar_masalah)
            for p in Permasalahan.objects.filter(kecamatan=kecamatan)
        ),
        isu_strategis=tuple(
            IsuStrategis.objects.filter(kecamatan=kecamatan).values_list("uraian", flat=True)
        ),
        bagan=gambar_berkas(bagan) if bagan else None,
        lampiran=tuple(gambar_berkas(b) for b in berkas if b.jenis == BerkasLaporan.Jenis.LAMPIRAN),
        logo=gambar_logo(logo) if logo else None,
    )
