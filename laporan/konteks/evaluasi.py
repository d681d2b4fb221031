"""BAB III Akuntabilitas Kinerja, as others judged it: prestasi and penghargaan, the Survei
Kepuasan Masyarakat, the SAKIP evaluation by the Inspektorat and the follow-up of its
recommendations."""

from __future__ import annotations

from functools import partial

from kinerja.selectors_skm import HasilSurvei
from laporan import grafik
from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import (
    BarisIsi,
    _angka,
    _angka_strip,
    _no,
    _strip,
    _t,
    baris_jumlah,
    gambar_grafik,
    jumlah_kata,
    tabel,
)
from laporan.konteks.isi import Isi, Subjudul, Tabel
from laporan.narasi import Daftar, Paragraf
from lkjip.format import format_angka, format_tanggal


def _penghargaan(b: Bahan, bab: str) -> list[Isi]:
    if not b.isi.penghargaan:
        return []
    baris = [
        (
            _no(n),
            _t(p.nama),
            _t(p.pemberi or "-"),
            _t(p.tingkat or "-", rata="tengah"),
            _t(p.penerima or f"Kecamatan {b.nama}"),
        )
        for n, p in enumerate(b.isi.penghargaan, 1)
    ]
    return [
        *b.teks("penghargaan"),
        tabel(
            b,
            bab,
            f"Prestasi dan Penghargaan Tahun {b.tahun}",
            ("No", "Penghargaan", "Pemberi", "Tingkat", "Penerima"),
            baris,
            sumber=f"Sumber: Kecamatan {b.nama}",
            lebar_kolom=(6, 36, 22, 14, 22),
        ),
    ]


# --- SKM ------------------------------------------------------------------------------------------


def nama_periode(h: HasilSurvei) -> str:
    """ "Semester I" for a survey during the year, "" for the yearly one."""
    return "" if h.survei.periode == "tahunan" else h.survei.get_periode_display()


def _mutu(mutu) -> str:
    return f"{mutu.kode} ({mutu.label})" if mutu else "-"


def _tabel_unsur(b: Bahan, bab: str, h: HasilSurvei) -> Tabel:
    periode = nama_periode(h)
    baris: list[BarisIsi] = [
        (_no(n), _t(u.nama), _angka_strip(u.nrr, 3), _t(_mutu(u.mutu), rata="tengah"))
        for n, u in enumerate(h.unsur, 1)
    ]
    baris.append(
        baris_jumlah(
            _angka_strip(h.ikm, 3, tebal=True), _t(""), teks="Indeks Kepuasan Masyarakat (rata-rata NRR)"
        )
    )
    baris.append(
        baris_jumlah(
            _angka_strip(h.konversi, tebal=True),
            _t(_mutu(h.mutu), rata="tengah", tebal=True),
            teks="Nilai konversi (IKM × 25)",
        )
    )
    return tabel(
        b,
        bab,
        f"Nilai Unsur Survei Kepuasan Masyarakat Tahun {b.tahun}" + (f" {periode}" if periode else ""),
        ("No", "Unsur Pelayanan", "Nilai Rata-rata (NRR)", "Mutu"),
        baris,
        sumber=f"Sumber: Hasil Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}",
        lebar_kolom=(7, 53, 18, 22),
    )


def _kalimat_unsur(h: HasilSurvei) -> list[Isi]:
    hasil: list[Isi] = []
    rendah = ", ".join(f"{u.nama} ({format_angka(u.nrr, 3)})" for u in h.terendah)
    tinggi = ", ".join(f"{u.nama} ({format_angka(u.nrr, 3)})" for u in h.tertinggi)
    if rendah and tinggi:
        hasil.append(Paragraf(f"Unsur dengan nilai terendah adalah {rendah}, dan tertinggi {tinggi}."))
    bawah = [u.nama for u in h.di_bawah_rerata]
    if bawah:
        hasil.append(
            Paragraf(
                "Unsur yang nilainya di bawah rata-rata dan perlu menjadi prioritas perbaikan: "
                + ", ".join(bawah)
                + "."
            )
        )
    return hasil


def _skm(b: Bahan, bab: str) -> list[Isi]:
    t = b.skm_tahun
    if t is None:
        return []
    hasil: list[Isi] = []
    for h in t.survei:
        periode = nama_periode(h)
        responden = f" terhadap {format_angka(h.responden, 0)} responden" if h.responden else ""
        metode = f" melalui {h.survei.metode}" if h.survei.metode else ""
        if len(t.survei) > 1:
            hasil.append(Subjudul(f"Survei Kepuasan Masyarakat {periode or 'Tahunan'}"))
        hasil.append(
            Paragraf(
                f"Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}"
                + (f" {periode.lower()}" if periode else "")
                + f" dilaksanakan berdasarkan {h.pedoman}{metode}{responden}. "
                "Hasilnya adalah sebagai berikut:"
            )
        )
        hasil.append(_tabel_unsur(b, bab, h))
        hasil.extend(_kalimat_unsur(h))
        if h.terisi:
            hasil.append(
                gambar_grafik(
                    b,
                    bab,
                    f"Nilai Unsur Survei Kepuasan Masyarakat Tahun {b.tahun}"
                    + (f" {periode}" if periode else ""),
                    f"Sumber: Hasil Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}",
                    partial(
                        grafik.grafik_skm_unsur,
                        [(u.nama, u.nrr) for u in h.unsur],
                        rata_rata=h.ikm,
                        judul=f"Nilai unsur SKM tahun {b.tahun}",
                    ),
                )
            )
        kritik = [*h.survei.kritik, *h.survei.saran]
        if kritik:
            hasil.append(Subjudul("Kritik dan saran masyarakat"))
            hasil.append(Daftar("butir", tuple(kritik)))
    if len(t.survei) > 1 and t.konversi is not None:
        mutu = f" dengan mutu pelayanan {t.mutu.kode} ({t.mutu.label})" if t.mutu else ""
        hasil.append(
            Paragraf(
                f"Nilai SKM Kecamatan {b.nama} tahun {b.tahun}, yaitu rata-rata nilai konversi "
                f"{jumlah_kata(len(t.survei))} periode survei, sebesar {format_angka(t.konversi)}{mutu}."
            )
        )
    contoh = t.survei[-1]
    hasil.append(
        tabel(
            b,
            bab,
            "Nilai Interval, Nilai Konversi dan Mutu Pelayanan",
            (
                "No",
                "Nilai Interval (NRR)",
                "Nilai Interval Konversi",
                "Mutu Pelayanan",
                "Kinerja Unit Pelayanan",
            ),
            (
                (
                    _no(n),
                    _t(r.nrr, rata="tengah"),
                    _t(r.konversi, rata="tengah"),
                    _t(r.kode, rata="tengah"),
                    _t(r.label),
                )
                for n, r in enumerate(contoh.tabel_interval, 1)
            ),
            sumber=f"Sumber: {contoh.pedoman}",
            lebar_kolom=(8, 24, 26, 18, 24),
            pengantar=f"Mutu pelayanan ditetapkan dengan nilai interval {contoh.pedoman}:",
        )
    )
    return hasil


# --- SAKIP ----------------------------------------------------------------------------------------


def _sakip(b: Bahan, bab: str) -> list[Isi]:
    e = b.sakip_tahun
    if e is None:
        return []
    ev = e.evaluasi
    surat = ""
    if ev.nomor_surat or ev.tanggal:
        surat = " melalui Laporan Hasil Evaluasi" + (f" Nomor {ev.nomor_surat}" if ev.nomor_surat else "")
        surat += f" tanggal {format_tanggal(ev.tanggal)}" if ev.tanggal else ""
    predikat = f" dengan predikat {e.predikat.kode} ({e.predikat.label})" if e.predikat else ""
    sumber = f"Sumber: Laporan Hasil Evaluasi SAKIP Inspektorat Kabupaten {b.kabupaten}"
    hasil: list[Isi] = [
        Paragraf(
            "Evaluasi atas implementasi Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) "
            f"Kecamatan {b.nama} tahun {ev.tahun_dievaluasi} oleh Inspektorat Kabupaten {b.kabupaten}{surat} "
            f"memperoleh nilai {format_angka(e.total)}{predikat}, dengan rincian per komponen "
            "sebagai berikut:"
        )
    ]
    baris: list[BarisIsi] = [
        (_no(n), _t(k.nama), _angka(k.bobot), _angka(k.nilai), _angka_strip(k.persen))
        for n, k in enumerate(e.komponen, 1)
    ]
    baris.append(
        baris_jumlah(
            _angka(e.jumlah_bobot, tebal=True),
            _angka(e.total, tebal=True),
            _t(_mutu(e.predikat), rata="tengah", tebal=True),
        )
    )
    hasil.append(
        tabel(
            b,
            bab,
            f"Nilai Evaluasi SAKIP Kecamatan {b.nama} atas AKIP Tahun {ev.tahun_dievaluasi}",
            ("No", "Komponen", "Bobot", "Nilai", "Persentase (%)"),
            baris,
            sumber=sumber,
            lebar_kolom=(7, 45, 14, 14, 20),
        )
    )
    lalu = sorted(
        (x for x in b.sakip if x.evaluasi.tahun_dievaluasi <= ev.tahun_dievaluasi),
        key=lambda x: x.evaluasi.tahun_dievaluasi,
    )[-3:]
    if len(lalu) > 1:
        nama = list(dict.fromkeys(k.nama for x in lalu for k in x.komponen))
        nilai = [{k.nama: k.nilai for k in x.komponen} for x in lalu]
        baris: list[BarisIsi] = [
            (
                _no(n),
                _t(komponen),
                *(_angka(v[komponen]) if komponen in v else _strip("kanan") for v in nilai),
            )
            for n, komponen in enumerate(nama, 1)
        ]
        baris.append(baris_jumlah(*(_angka(x.total, tebal=True) for x in lalu), teks="Nilai SAKIP"))
        baris.append(
            baris_jumlah(
                *(_t(x.predikat.kode if x.predikat else "-", rata="kanan", tebal=True) for x in lalu),
                teks="Predikat",
            )
        )
        tahun = [x.evaluasi.tahun_dievaluasi for x in lalu]
        hasil.append(
            tabel(
                b,
                bab,
                f"Perbandingan Nilai Komponen SAKIP atas AKIP Tahun {tahun[0]}–{tahun[-1]}",
                ("No", "Komponen", *(f"AKIP {t}" for t in tahun)),
                baris,
                sumber=sumber,
                lebar_kolom=(7, 100 - 7 - 14 * len(lalu), *([14] * len(lalu))),
                pengantar="Perbandingan nilai per komponen dengan hasil evaluasi tahun-tahun sebelumnya:",
            )
        )
    hasil.append(
        tabel(
            b,
            bab,
            "Kategori Nilai Evaluasi SAKIP",
            ("No", "Nilai", "Kategori", "Interpretasi"),
            (
                (_no(n), _t(r.interval, rata="tengah"), _t(r.kode, rata="tengah"), _t(r.label))
                for n, r in enumerate(e.tabel_skala, 1)
            ),
            sumber="Sumber: Peraturan Menteri PANRB Nomor 88 Tahun 2021",
            lebar_kolom=(8, 30, 22, 40),
        )
    )
    return hasil


def _tindak_lanjut(b: Bahan, bab: str) -> list[Isi]:
    e = b.sakip_tahun
    if e is None or not e.rekomendasi:
        return []
    baris = []
    for n, r in enumerate(e.rekomendasi, 1):
        tl = r.tindak_lanjut
        rekomendasi = (f"{r.rekomendasi.komponen}: " if r.rekomendasi.komponen else "") + r.rekomendasi.uraian
        pelaksanaan = "\n".join(x for x in ((tl.waktu, tl.penanggung_jawab) if tl else ()) if x) or "-"
        baris.append(
            (
                _no(n),
                _t(rekomendasi),
                _t(tl.uraian if tl and tl.uraian else "-"),
                _t(pelaksanaan),
                _t(tl.get_status_display() if tl else "Belum", rata="tengah"),
            )
        )
    tahun = e.evaluasi.tahun_evaluasi
    return [
        Paragraf(
            f"Atas {jumlah_kata(len(e.rekomendasi))} rekomendasi hasil evaluasi SAKIP tahun "
            f"{tahun}, Kecamatan {b.nama} telah menyelesaikan tindak lanjut "
            f"{jumlah_kata(e.tindak_lanjut_selesai)} rekomendasi, dengan rincian sebagai berikut:"
        ),
        tabel(
            b,
            bab,
            f"Tindak Lanjut Rekomendasi Hasil Evaluasi SAKIP Tahun {tahun}",
            ("No", "Rekomendasi", "Tindak Lanjut", "Waktu dan Penanggung Jawab", "Status"),
            baris,
            sumber=f"Sumber: Laporan Hasil Evaluasi SAKIP dan data tindak lanjut Kecamatan {b.nama}",
            lebar_kolom=(5, 34, 34, 15, 12),
        ),
    ]


# The outline blocks of this part of BAB III, by kode.
PEMBANGUN = {
    "penghargaan": _penghargaan,
    "skm": _skm,
    "sakip": _sakip,
    "tindak_lanjut": _tindak_lanjut,
}
