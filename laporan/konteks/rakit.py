"""Assembly: the BAB from the active outline blocks, each built by the section module that owns
its kode, then the front matter and the lampiran, into one frozen KonteksLaporan."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from laporan.kerangka import JUDUL_BAB
from laporan.konteks import akuntabilitas, evaluasi, pendahuluan, penutup, perencanaan, sumber_daya
from laporan.konteks.akuntabilitas import analisis_sasaran
from laporan.konteks.bahan import Bahan, baca
from laporan.konteks.dasar import periode_laporan
from laporan.konteks.isi import Bagian, Gambar, Isi, KonteksLaporan, Tabel, label_tahun
from laporan.konteks.lampiran import bagian_lampiran
from laporan.konteks.pendahuluan import sistematika
from laporan.konteks.sampul import bagian_depan, sampul
from lkjip.models import Kecamatan

# Report states after which the report carries the camat's signature: no "DRAF" mark any more.
STATUS_BERTANDA_TANGAN = frozenset({"ditandatangani", "direviu", "diterima"})

# Outline kode -> the function building its content (b, bab) -> list[Isi].
_PEMBANGUN = {
    **pendahuluan.PEMBANGUN,
    **perencanaan.PEMBANGUN,
    **akuntabilitas.PEMBANGUN,
    **sumber_daya.PEMBANGUN,
    **evaluasi.PEMBANGUN,
    **penutup.PEMBANGUN,
}

_HURUF = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _bab(
    b: Bahan, bab: str, *, sistematika_dari: Sequence[Bagian] = (), ada_lampiran: bool = False
) -> Bagian | None:
    anak: list[Bagian] = []
    for blok in b.isi.blok_aktif:
        if blok.bab != bab:
            continue
        sub: list[Bagian] = []
        if blok.kode == "analisis_sasaran":
            sub = analisis_sasaran(b, bab)
            isi: list[Isi] = []
        elif blok.kode == "sistematika":
            isi = sistematika(
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
    """The whole report of the kecamatan for `tahun` as frozen data (see laporan/konteks/__init__.py).

    `jenis` "triwulan" (`periode` 1-4) or "semester" (1-2): the report during the year, its figures
    cut at the end of the period (pengukuran_kinerja(sampai_triwulan=...), budget realisasi from the
    triwulan realisasi), the measurement tables titled "Periode s.d. Triwulan II Tahun N" and the
    DRAF mark kept. Raises ValueError (Indonesian) for a period the jenis does not have.
    """
    # Without a period (older callers) a triwulan or semester report keeps the yearly figures.
    sampai, label, kode_periode = periode_laporan(jenis, periode) if periode is not None else (None, "", "")
    b = baca(kecamatan, tahun, jenis, sampai, kode_periode, label)
    # Numbers run per BAB, so BAB II-IV can be built before BAB I, whose sistematika lists them.
    lain = [x for x in (_bab(b, "II"), _bab(b, "III"), _bab(b, "IV")) if x is not None]
    lampiran = bagian_lampiran(b)
    pertama = _bab(b, "I", sistematika_dari=lain, ada_lampiran=bool(lampiran))
    bab = tuple(x for x in (pertama, *lain) if x is not None)
    depan = bagian_depan(b)
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
        sampul=sampul(b) if b.isi.aktif("sampul") else None,
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
