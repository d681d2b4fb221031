"""BAB III Akuntabilitas Kinerja, the resources: the budget and its realisasi (per jenis belanja
and per program, kegiatan and sub kegiatan), and how effectively and efficiently the budget and
the staff served the sasaran."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from anggaran.selectors import Jumlah, PohonAnggaran
from anggaran.serapan import efisiensi
from kinerja.capaian import capaian
from laporan import grafik
from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import (
    BarisIsi,
    _angka,
    _angka_strip,
    _bulat,
    _k,
    _no,
    _sel_capaian,
    _sel_target,
    _strip,
    _t,
    _uang,
    baris_berkelompok,
    baris_jumlah,
    gambar_grafik,
    jumlah_kata,
    nomor_terakhir,
    tabel,
)
from laporan.konteks.isi import Catatan, Isi, Rumus, Sel, Tabel
from laporan.konteks.ringkasan import kalimat_anggaran
from laporan.narasi import Paragraf


def _sel_jumlah(j: Jumlah, ada_murni: bool, tebal: bool = False) -> list[Sel]:
    """Pagu (murni and perubahan when the year has both), realisasi and serapan of a budget line."""
    sel = [_uang(j.pagu_murni, tebal=tebal)] if ada_murni else []
    sel += [_uang(j.pagu, tebal=tebal), _uang(j.realisasi, tebal=tebal)]
    sel.append(_angka_strip(j.serapan, tebal=tebal))
    return sel


def _kepala_pagu(ada_murni: bool) -> list[str]:
    return ["Pagu Murni (Rp)", "Pagu Perubahan (Rp)"] if ada_murni else ["Pagu (Rp)"]


def _realisasi_anggaran(b: Bahan, bab: str) -> list[Isi]:
    pohon = b.pohon
    if pohon is None:
        b.kekurangan.append(f"Belum ada data anggaran tahun {b.tahun}.")
        return [Catatan(f"Belum ada data anggaran Kecamatan {b.nama} tahun {b.tahun}.")]
    hasil: list[Isi] = list(kalimat_anggaran(b))
    if b.label_periode:
        hasil.append(
            Catatan(
                f"Realisasi anggaran s.d. {b.label_periode} tahun {b.tahun} adalah jumlah realisasi "
                f"triwulan yang tercatat s.d. {b.label_periode}; pos tanpa realisasi triwulan dan "
                'jenis belanja ditulis "-". Pagu adalah pagu tahun berjalan.'
            )
        )
    if pohon.belanja:
        tb = pohon.total_belanja
        ada_murni = tb.pagu_murni is not None
        baris: list[BarisIsi] = [
            (
                _no(n),
                _t(bb.belanja.get_jenis_display()),
                *_sel_jumlah(bb.jumlah, ada_murni),
                _angka_strip(bb.proporsi),
            )
            for n, bb in enumerate(pohon.belanja, 1)
        ]
        baris.append(baris_jumlah(*_sel_jumlah(tb, ada_murni, True), _angka(Decimal(100), tebal=True)))
        hasil.append(
            tabel(
                b,
                bab,
                f"Anggaran dan Realisasi Belanja Kecamatan {b.nama} Tahun {b.tahun}",
                (
                    "No",
                    "Jenis Belanja",
                    *_kepala_pagu(ada_murni),
                    "Realisasi (Rp)",
                    "Serapan (%)",
                    "Proporsi Pagu (%)",
                ),
                baris,
                sumber=f"Sumber: Laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
                lebar_kolom=(5, 19, 18, 18, 18, 10, 12) if ada_murni else (6, 30, 20, 20, 12, 12),
            )
        )
    if pohon.program:
        hasil.append(_tabel_pohon(b, bab, pohon))
        hasil.append(
            gambar_grafik(
                b,
                bab,
                f"Serapan Anggaran per Program Tahun {b.tahun}",
                f"Sumber: laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
                partial(
                    grafik.grafik_serapan_program,
                    [(p.pos.nama, p.jumlah.serapan) for p in pohon.program],
                    judul=f"Serapan anggaran per program tahun {b.tahun}",
                ),
            )
        )
    return [*hasil, *b.teks("realisasi_anggaran")]


def _tabel_pohon(b: Bahan, bab: str, pohon: PohonAnggaran) -> Tabel:
    """Pagu and realisasi per program, kegiatan and sub kegiatan. The kode and pagu murni columns
    appear only when the year has them (legacy years often have neither); a tree below program
    level goes on a landscape page."""
    simpul = [s for p in pohon.program for s in p.semua()]
    ada_kode = any(s.pos.kode for s in simpul)
    ada_murni = any(s.jumlah.pagu_murni is not None for s in simpul)
    bertingkat = any(s.kedalaman for s in simpul)
    kepala = ["Kode"] if ada_kode else []
    kepala.append("Program / Kegiatan / Sub Kegiatan" if bertingkat else "Program")
    if ada_murni:
        kepala.append("Pagu Murni (Rp)")
    kepala += ["Pagu Perubahan (Rp)" if ada_murni else "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"]
    baris: list[BarisIsi] = []
    for s in simpul:
        program = s.kedalaman == 0
        kode = [_t(s.pos.kode or "-", tebal=program)] if ada_kode else []
        nama = _t(s.pos.nama, tingkat=s.kedalaman, tebal=program)
        baris.append((*kode, nama, *_sel_jumlah(s.jumlah, ada_murni, program)))
    baris.append(baris_jumlah(*_sel_jumlah(pohon.total, ada_murni, True), lebar=2 if ada_kode else 1))
    uang = 3 if ada_murni else 2
    # Percent of the line: a landscape page is wider, so money columns need less of it.
    lebar_kode, lebar_uang, lebar_serapan = (14, 14, 7) if bertingkat else (12, 19, 9)
    lain = (lebar_kode if ada_kode else 0) + lebar_uang * uang + lebar_serapan
    lebar_kolom = (
        *((lebar_kode,) if ada_kode else ()),
        100 - lain,
        *((lebar_uang,) * uang),
        lebar_serapan,
    )
    rincian = "program, kegiatan dan sub kegiatan" if bertingkat else "program"
    return tabel(
        b,
        bab,
        f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun {b.tahun}"
        if bertingkat
        else f"Realisasi Anggaran per Program Tahun {b.tahun}",
        kepala,
        baris,
        sumber=f"Sumber: DPA, DPPA dan laporan realisasi anggaran Kecamatan {b.nama} tahun {b.tahun}",
        lebar_kolom=lebar_kolom,
        lebar="landscape" if bertingkat else "",
        pengantar=(
            f"Rincian pagu dan realisasi anggaran menurut {rincian} tahun {b.tahun} adalah sebagai berikut:"
        ),
    )


def _efisiensi(b: Bahan, bab: str) -> list[Isi]:
    if not b.ada_pengukuran or not b.anggaran_sasaran:
        return []
    hasil: list[Isi] = []
    efektif = []
    efisien = []
    for n, k in enumerate(b.sasaran, 1):
        a = b.anggaran_sasaran.get(k.objek_id)
        j = a.jumlah if a else None
        serapan = j.serapan if j else None
        rerata = _angka_strip(k.rata_rata)
        efektif.append(
            (
                _no(n),
                _t(k.uraian),
                _bulat(len(k.indikator)),
                rerata,
                _uang(j.realisasi) if j else _strip("kanan"),
                _angka_strip(serapan),
            )
        )
        nilai = efisiensi(capaian=k.rata_rata, serapan=serapan)
        efisien.append((_no(n), _t(k.uraian), rerata, _angka_strip(serapan), _angka_strip(nilai)))
    hasil.append(
        Paragraf(
            "Efektivitas penggunaan anggaran dilihat dari capaian kinerja setiap sasaran strategis dan "
            "realisasi anggaran program yang mendukungnya:"
        )
    )
    hasil.append(
        tabel(
            b,
            bab,
            f"Efektivitas Anggaran terhadap Capaian Sasaran Tahun {b.tahun}",
            (
                (
                    _k("No", rowspan=2),
                    _k("Sasaran Strategis", rowspan=2),
                    _k("Jumlah Indikator", rowspan=2),
                    _k("Rata-rata Capaian (%)", rowspan=2),
                    _k("Realisasi Anggaran", colspan=2),
                ),
                ("Rp", "%"),
            ),
            efektif,
            sumber=(
                "Sumber: hasil pengukuran kinerja dan laporan realisasi anggaran Kecamatan "
                f"{b.nama} tahun {b.tahun}"
            ),
            lebar_kolom=(6, 34, 11, 13, 22, 14),
        )
    )
    batas = " (capaian di atas 100 % dihitung 100 %)" if b.pengukuran.batas_100 else ""
    hasil.append(
        Paragraf(
            "Tingkat efisiensi penggunaan sumber daya adalah selisih rata-rata capaian kinerja sasaran "
            f"dengan persentase realisasi anggarannya{batas}, dalam poin persen; nilai positif berarti "
            "target kinerja tercapai dengan anggaran yang lebih kecil dari pagunya."
        )
    )
    hasil.append(Rumus("Tingkat efisiensi = Rata-rata capaian kinerja sasaran (%) − Realisasi anggaran (%)"))
    hasil.append(
        tabel(
            b,
            bab,
            f"Tingkat Efisiensi Penggunaan Sumber Daya Tahun {b.tahun}",
            (
                "No",
                "Sasaran Strategis",
                "Rata-rata Capaian (%)",
                "Realisasi Anggaran (%)",
                "Tingkat Efisiensi (poin persen)",
            ),
            efisien,
            sumber=f"Sumber: {nomor_terakhir(hasil)}, diolah",
            lebar_kolom=(6, 46, 16, 16, 16),
        )
    )
    sumber_daya = _tabel_sumber_daya(b, bab)
    if sumber_daya is not None:
        hasil.append(sumber_daya)
    return [*hasil, *b.teks("efisiensi")]


def _sdm_sasaran(b: Bahan) -> dict[int, object]:
    """sasaran id -> its SdmSasaran of the report year (from the Renstra tree, no query)."""
    if b.pohon_renstra is None:
        return {}
    return {
        sp.sasaran.pk: sdm
        for tp in b.pohon_renstra.tujuan
        for sp in tp.sasaran
        for sdm in sp.sdm
        if sdm.tahun == b.tahun
    }


def _tabel_sumber_daya(b: Bahan, bab: str) -> Tabel | None:
    """Indikator / Dana / SDM per sasaran: target, realisasi and capaian of each resource (DOMAIN.md
    §3.5 E4; SDM 10 of 16 ASN = 62,50 %). Only when the year records the sasaran's SDM."""
    sdm = _sdm_sasaran(b)
    if not sdm:
        return None
    data = []
    for k in b.sasaran:
        baris: list[tuple[Sel, ...]] = []
        if len(k.indikator) == 1:
            i = k.indikator[0]
            baris.append(
                (_t(f"Indikator: {i.nama}"), _sel_target(i.target), _sel_target(i.realisasi), _sel_capaian(i))
            )
        else:
            baris.append(
                (
                    _t(f"Kinerja (rata-rata {jumlah_kata(len(k.indikator))} indikator)"),
                    _strip("kanan"),
                    _strip("kanan"),
                    _angka_strip(k.rata_rata),
                )
            )
        a = b.anggaran_sasaran.get(k.objek_id)
        if a is not None:
            j = a.jumlah
            baris.append((_t("Dana (Rp)"), _uang(j.pagu), _uang(j.realisasi), _angka_strip(j.serapan)))
        s = sdm.get(k.objek_id)
        if s is not None:
            persen = capaian(target=Decimal(s.target), realisasi=Decimal(s.realisasi))
            keterangan = f"; {s.keterangan}" if s.keterangan else ""
            baris.append(
                (_t(f"SDM (orang){keterangan}"), _bulat(s.target), _bulat(s.realisasi), _angka_strip(persen))
            )
        data.append((k.uraian, baris))
    return tabel(
        b,
        bab,
        f"Efisiensi Penggunaan Sumber Daya per Sasaran Strategis Tahun {b.tahun}",
        ("No", "Sasaran Strategis", "Sumber Daya", "Target", "Realisasi", "Capaian (%)"),
        baris_berkelompok(data),
        sumber=(
            f"Sumber: Perjanjian Kinerja, laporan realisasi anggaran dan data kepegawaian Kecamatan {b.nama} "
            f"tahun {b.tahun}, diolah"
        ),
        lebar_kolom=(5, 21, 23, 19, 19, 13),
        pengantar=(
            "Perbandingan target dan realisasi setiap sumber daya yang digunakan untuk mencapai sasaran:"
        ),
    )


# The outline blocks of this part of BAB III, by kode.
PEMBANGUN = {
    "realisasi_anggaran": _realisasi_anggaran,
    "efisiensi": _efisiensi,
}
