"""BAB III Akuntabilitas Kinerja, the measurement: the method and scale, the capaian of every
indicator and sasaran, the count per predikat, and one section per sasaran with its trend, its
progress against the Renstra, its analysis and its programs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from kinerja.capaian import kelas_warna
from kinerja.models import AnalisisSasaran
from kinerja.pengukuran import IndikatorKinerja, KelompokKinerja
from laporan import grafik
from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import (
    BarisIsi,
    _angka,
    _angka_strip,
    _bulat,
    _nilai_sel,
    _no,
    _predikat_sel,
    _sel_capaian,
    _sel_target,
    _strip,
    _t,
    _uang,
    baris_berkelompok,
    baris_jumlah,
    gambar_grafik,
    jumlah_kata,
    nama_pk,
    nomor_terakhir,
    tabel,
)
from laporan.konteks.isi import Bagian, Catatan, Gambar, Isi, Rumus, Subjudul, Tabel
from laporan.konteks.ringkasan import hitung_capaian, teks_tanpa_pengukuran
from laporan.narasi import Daftar, Paragraf, paragraf
from lkjip.format import format_persen


def _metode(b: Bahan, bab: str) -> list[Isi]:
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
        baris.append(sel)
    kepala = ["No", "Interval Capaian Kinerja (%)", "Predikat", *(["Kode Warna"] if berwarna else [])]
    batas = (
        " Dalam menghitung rata-rata, capaian di atas 100 % dihitung 100 % (ketentuan kabupaten)."
        if b.pengukuran.batas_100
        else ""
    )
    hasil.append(Paragraf(f"Predikat capaian kinerja ditetapkan dengan skala berikut.{batas}"))
    hasil.append(
        tabel(
            b,
            bab,
            "Skala Nilai Peringkat Kinerja",
            kepala,
            baris,
            sumber=f"Sumber: {skala.sumber or skala.nama}",
            lebar_kolom=(8, 40, 32, 20) if berwarna else (10, 50, 40),
        )
    )
    return hasil


def _catatan_pengukuran(b: Bahan, kode: Sequence[str] | None = None) -> tuple[str, ...]:
    """The measurement's numbered notes, of the indicators `kode` (all when None)."""
    return tuple(
        f"({c.nomor}) {c.kode}: {c.teks}." for c in b.pengukuran.catatan if kode is None or c.kode in kode
    )


def _catatan_periode(b: Bahan) -> tuple[str, ...]:
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


def _capaian_indikator(b: Bahan, bab: str) -> list[Isi]:
    if not b.ada_pengukuran:
        b.kekurangan.append(teks_tanpa_pengukuran(b))
        return [Catatan(teks_tanpa_pengukuran(b))]
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
    data = [
        (
            k.uraian,
            [
                (
                    _t(i.nama),
                    _t(i.satuan, rata="tengah"),
                    _sel_target(i.target),
                    _sel_target(i.realisasi),
                    _sel_capaian(i),
                    _predikat_sel(i.predikat),
                )
                for i in k.indikator
            ],
        )
        for k in p.kelompok
    ]
    dasar = nama_pk(p.perjanjian) if p.perjanjian else p.keterangan_sumber_target
    hasil.append(
        tabel(
            b,
            bab,
            f"Capaian Indikator Kinerja Tahun {b.tahun}",
            (
                "No",
                "Sasaran Strategis",
                "Indikator Kinerja",
                "Satuan",
                "Target",
                "Realisasi",
                "Capaian (%)",
                "Predikat",
            ),
            baris_berkelompok(data),
            sumber=f"Sumber: {dasar} dan data realisasi Kecamatan {b.nama} tahun {b.tahun}, diolah",
            lebar_kolom=(5, 19, 25, 8, 11, 11, 10, 11),
            catatan=(*_catatan_pengukuran(b), *_catatan_periode(b)),
        )
    )
    hasil.append(
        gambar_grafik(
            b,
            bab,
            f"Capaian Indikator Kinerja Tahun {b.tahun}",
            f"Sumber: data realisasi Kecamatan {b.nama} tahun {b.tahun}, diolah",
            partial(
                grafik.grafik_capaian_indikator,
                [(i.kode, i.capaian) for i in p.indikator],
                judul=f"Capaian indikator kinerja tahun {b.tahun}",
            ),
        )
    )
    # Sasaran means and the capaian organisasi.
    baris: list[BarisIsi] = [
        (_no(n), _t(k.uraian), _bulat(len(k.indikator)), _angka_strip(k.rata_rata), _predikat_sel(k.predikat))
        for n, k in enumerate(p.sasaran, 1)
    ]
    baris.append(
        baris_jumlah(
            _bulat(p.jumlah_indikator, tebal=True),
            _angka_strip(p.capaian_organisasi, tebal=True),
            replace(_predikat_sel(p.predikat_organisasi), tebal=True),
            teks="Capaian kinerja organisasi",
        )
    )
    hasil.append(
        Paragraf(
            "Rata-rata capaian setiap sasaran strategis dan capaian kinerja organisasi adalah "
            "sebagai berikut:"
        )
    )
    hasil.append(
        tabel(
            b,
            bab,
            f"Rata-rata Capaian Sasaran Strategis Tahun {b.tahun}",
            ("No", "Sasaran Strategis", "Jumlah Indikator", "Rata-rata Capaian (%)", "Predikat"),
            baris,
            sumber=f"Sumber: {nomor_terakhir(hasil)} diolah",
            lebar_kolom=(6, 46, 14, 16, 18),
        )
    )
    if p.rumus_capaian_organisasi:
        hasil.append(Paragraf("Capaian kinerja organisasi dihitung sebagai berikut:"))
        hasil.append(Rumus(f"Capaian kinerja organisasi = {p.rumus_capaian_organisasi}"))
    if len(p.sasaran) > 1:
        hasil.append(
            gambar_grafik(
                b,
                bab,
                f"Rata-rata Capaian Sasaran Strategis Tahun {b.tahun}",
                f"Sumber: data realisasi Kecamatan {b.nama} tahun {b.tahun}, diolah",
                partial(
                    grafik.grafik_capaian_sasaran,
                    [(k.kode, k.rata_rata) for k in p.sasaran],
                    judul=f"Rata-rata capaian sasaran strategis tahun {b.tahun}",
                ),
            )
        )
    return [*hasil, *b.teks("capaian_indikator")]


def _predikat(b: Bahan, bab: str) -> list[Isi]:
    if not b.ada_pengukuran:
        return []
    p = b.pengukuran
    baris: list[BarisIsi] = [
        (
            _no(n),
            _predikat_sel(r.pita),
            _t(r.pita.interval(" s.d. "), rata="tengah"),
            _bulat(r.jumlah_sasaran) if r.jumlah_sasaran else _strip("kanan"),
            _bulat(r.jumlah_indikator) if r.jumlah_indikator else _strip("kanan"),
        )
        for n, r in enumerate(p.rekap_predikat, 1)
    ]
    if p.jumlah_sasaran_tidak_dihitung or p.jumlah_indikator_tidak_dihitung:
        baris.append(
            (
                _t(""),
                _t("Belum dapat diukur", rata="tengah"),
                _strip("tengah"),
                _bulat(p.jumlah_sasaran_tidak_dihitung),
                _bulat(p.jumlah_indikator_tidak_dihitung),
            )
        )
    baris.append(
        baris_jumlah(_bulat(p.jumlah_sasaran, tebal=True), _bulat(p.jumlah_indikator, tebal=True), lebar=3)
    )
    return [
        Paragraf(
            f"Jumlah sasaran strategis dan indikator kinerja tahun {b.tahun} menurut predikat capaiannya "
            "adalah sebagai berikut:"
        ),
        tabel(
            b,
            bab,
            f"Jumlah Sasaran dan Indikator Kinerja per Predikat Tahun {b.tahun}",
            ("No", "Predikat", "Interval Capaian (%)", "Jumlah Sasaran", "Jumlah Indikator"),
            baris,
            sumber=f"Sumber: hasil pengukuran kinerja Kecamatan {b.nama} tahun {b.tahun}",
            lebar_kolom=(8, 26, 30, 18, 18),
        ),
    ]


# --- one section per sasaran ----------------------------------------------------------------------


def _kalimat_satu_sasaran(b: Bahan, k: KelompokKinerja) -> str:
    capai, belum, tanpa = hitung_capaian(k.indikator)
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


def _tabel_tahunan(b: Bahan, bab: str, k: KelompokKinerja) -> Tabel:
    """Target, realisasi and capaian of each indicator this year and the years before, one row per
    year under the indicator (portrait whatever the number of years), with the trend against the
    year before."""
    tahun_lalu = b.pengukuran.tahun_pembanding
    tahun_ini = f"{b.tahun} (s.d. {b.label_periode})" if b.label_periode else str(b.tahun)
    baris = []
    for n, i in enumerate(k.indikator, 1):
        tahun = [tk for tk in i.tahun_lalu if tk is not None]
        tinggi = len(tahun) + 1
        awal = (
            _no(n, rowspan=tinggi),
            _t(i.nama, rowspan=tinggi),
            _t(i.satuan, rata="tengah", rowspan=tinggi),
        )
        for j, tk in enumerate(tahun):
            baris.append(
                (
                    *(awal if j == 0 else ()),
                    _t(str(tk.tahun), rata="tengah"),
                    _sel_target(tk.target),
                    _sel_target(tk.realisasi),
                    _angka_strip(tk.capaian),
                    _t(tk.tren or "-", rata="tengah"),
                )
            )
        baris.append(
            (
                *(awal if not tahun else ()),
                _t(tahun_ini, rata="tengah", tebal=True),
                _sel_target(i.target),
                _sel_target(i.realisasi),
                _sel_capaian(i),
                _t(i.tren or "-", rata="tengah"),
            )
        )
    rentang = f"{tahun_lalu[0]}–{b.tahun}" if tahun_lalu else f"{b.tahun}"
    # A report during the year: the last row is the year up to the period.
    akhiran = f" (s.d. {b.label_periode} {b.tahun})" if b.label_periode and tahun_lalu else ""
    return tabel(
        b,
        bab,
        f"Capaian Kinerja Sasaran “{k.uraian}” Tahun {rentang}{akhiran}",
        (
            "No",
            "Indikator Kinerja",
            "Satuan",
            "Tahun",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Tren Realisasi",
        ),
        baris,
        sumber=f"Sumber: Perjanjian Kinerja dan data realisasi Kecamatan {b.nama} tahun {rentang}, diolah",
        lebar_kolom=(5, 33, 9, 8, 12, 12, 10, 11),
        catatan=_catatan_pengukuran(b, [i.kode for i in k.indikator]),
    )


def _tabel_kemajuan(b: Bahan, bab: str, k: KelompokKinerja) -> Tabel | None:
    indikator = [i for i in k.indikator if i.target_akhir is not None]
    if not indikator:
        return None
    tahun_akhir = indikator[0].tahun_akhir_renstra
    baris = [
        (
            _no(n),
            _t(i.nama + (" (kumulatif)" if i.kumulatif else "")),
            _t(i.satuan, rata="tengah"),
            _nilai_sel(i.target_akhir.teks, i.target_akhir.nilai),
            _angka(i.realisasi_kemajuan)
            if i.kumulatif and i.realisasi_kemajuan is not None
            else _sel_target(i.realisasi),
            _angka_strip(i.tingkat_kemajuan),
        )
        for n, i in enumerate(indikator, 1)
    ]
    sampai = f"{b.label_periode} {b.tahun}" if b.label_periode else f"{b.tahun}"
    return tabel(
        b,
        bab,
        f"Realisasi Tahun {b.tahun} terhadap Target Akhir Renstra Tahun {tahun_akhir}",
        (
            "No",
            "Indikator Kinerja",
            "Satuan",
            f"Target Akhir Renstra ({tahun_akhir})",
            f"Realisasi s.d. {sampai}",
            "Tingkat Kemajuan (%)",
        ),
        baris,
        sumber=f"Sumber: Renstra Kecamatan {b.nama} dan data realisasi tahun {b.tahun}, diolah",
        lebar_kolom=(6, 40, 10, 15, 14, 15),
    )


def _grafik_tren(b: Bahan, bab: str, i: IndikatorKinerja) -> Gambar | None:
    lalu = [t for t in i.tahun_lalu if t is not None]
    tahun = [*(t.tahun for t in lalu), b.tahun]
    target = [*(t.target.nilai if t.target else None for t in lalu), i.target.nilai if i.target else None]
    realisasi = [
        *(t.realisasi.nilai if t.realisasi else None for t in lalu),
        i.realisasi.nilai if i.realisasi else None,
    ]
    if sum(1 for r in realisasi if r is not None) < 2:
        return None
    return gambar_grafik(
        b,
        bab,
        f"Target dan Realisasi {i.nama} Tahun {tahun[0]}–{tahun[-1]}",
        f"Sumber: Perjanjian Kinerja dan data realisasi Kecamatan {b.nama}",
        partial(grafik.grafik_tren, tahun, target=target, realisasi=realisasi, judul=f"Tren {i.nama}"),
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


def _program_sasaran(b: Bahan, bab: str, k: KelompokKinerja) -> Tabel | None:
    a = b.anggaran_sasaran.get(k.objek_id)
    if a is None:
        return None
    baris: list[BarisIsi] = [
        (
            _no(n),
            _t(p.pos.nama),
            _uang(p.jumlah.pagu),
            _uang(p.jumlah.realisasi),
            _angka_strip(p.jumlah.serapan),
        )
        for n, p in enumerate(a.program, 1)
    ]
    if len(a.program) > 1:
        j = a.jumlah
        baris.append(
            baris_jumlah(
                _uang(j.pagu, tebal=True),
                _uang(j.realisasi, tebal=True),
                _angka(j.serapan, tebal=True) if j.serapan is not None else _strip(),
            )
        )
    return tabel(
        b,
        bab,
        f"Program Pendukung Sasaran “{k.uraian}” Tahun {b.tahun}",
        ("No", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"),
        baris,
        sumber=f"Sumber: DPPA dan laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
        lebar_kolom=(6, 40, 20, 20, 14),
    )


def analisis_sasaran(b: Bahan, bab: str) -> list[Bagian]:
    """One numbered section per sasaran (or tujuan measured directly), under the block."""
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


# The outline blocks of this part of BAB III built as content, by kode (the analysis per sasaran
# is built apart: it is a list of sections).
PEMBANGUN = {
    "metode_skala": _metode,
    "capaian_indikator": _capaian_indikator,
    "predikat": _predikat,
}
