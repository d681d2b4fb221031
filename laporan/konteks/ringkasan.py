"""The generated summary sentences: the same counts and figures open the ikhtisar, sum up BAB IV
and lead the budget part of BAB III, so they are written once, here."""

from __future__ import annotations

from collections.abc import Sequence

from kinerja.pengukuran import IndikatorKinerja
from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import jumlah_kata, nama_pk
from laporan.narasi import Daftar, Paragraf
from lkjip.format import format_angka, format_persen, format_rupiah


def hitung_capaian(indikator: Sequence[IndikatorKinerja]) -> tuple[int, int, int]:
    """(mencapai target, belum mencapai, tidak dapat diukur)."""
    capai = sum(1 for i in indikator if i.capaian is not None and i.capaian >= 100)
    belum = sum(1 for i in indikator if i.capaian is not None and i.capaian < 100)
    return capai, belum, len(indikator) - capai - belum


def kalimat_capaian(b: Bahan) -> list[Paragraf]:
    """The generated summary of the measurement, shared by the ikhtisar and the penutup."""
    p = b.pengukuran
    if not b.ada_pengukuran:
        return [Paragraf(teks_tanpa_pengukuran(b))]
    capai, belum, tanpa = hitung_capaian(p.indikator)
    bagian = [f"{jumlah_kata(capai)} indikator mencapai atau melampaui target"]
    if belum:
        bagian.append(f"{jumlah_kata(belum)} indikator belum mencapai target")
    if tanpa:
        bagian.append(f"{jumlah_kata(tanpa)} indikator belum dapat diukur capaiannya")
    rincian = bagian[0] if len(bagian) == 1 else ", ".join(bagian[:-1]) + " dan " + bagian[-1]
    dasar = (
        nama_pk(p.perjanjian) if p.perjanjian else (p.keterangan_sumber_target or f"target tahun {b.tahun}")
    )
    kalimat = [
        f"Dari {jumlah_kata(p.jumlah_sasaran)} sasaran strategis dengan {jumlah_kata(p.jumlah_indikator)} "
        f"indikator kinerja dalam {dasar}, {rincian}."
    ]
    if p.capaian_organisasi is not None:
        predikat = f" dengan predikat {p.predikat_organisasi.label}" if p.predikat_organisasi else ""
        kalimat.append(
            f"Capaian kinerja organisasi Kecamatan {b.nama} tahun {b.tahun}, yaitu rata-rata dari "
            f"rata-rata capaian setiap sasaran strategis, sebesar {format_persen(p.capaian_organisasi)}"
            f"{predikat}."
        )
    return [Paragraf(" ".join(kalimat))]


def kalimat_sasaran(b: Bahan) -> Daftar | None:
    butir = []
    for k in b.sasaran:
        if k.rata_rata is None:
            butir.append(f"{k.uraian}: capaian belum dapat dihitung.")
            continue
        predikat = f" ({k.predikat.label})" if k.predikat else ""
        butir.append(
            f"{k.uraian}: rata-rata capaian {format_persen(k.rata_rata)}{predikat} "
            f"dari {jumlah_kata(len(k.indikator))} indikator."
        )
    return Daftar("angka", tuple(butir)) if butir else None


def kalimat_anggaran(b: Bahan) -> list[Paragraf]:
    if b.pohon is None:
        return []
    hasil = []
    total = b.pohon.total
    if total.pagu is not None:
        serapan = f" atau {format_persen(total.serapan)}" if total.serapan is not None else ""
        sd = f" s.d. {b.label_periode}" if b.label_periode else ""
        teks = (
            f"Pagu anggaran program, kegiatan dan sub kegiatan Kecamatan {b.nama} tahun {b.tahun} sebesar "
            f"{format_rupiah(total.pagu)} dengan realisasi{sd} {format_rupiah(total.realisasi)}{serapan}."
        )
        lalu = b.serapan_tahun_lalu
        if lalu is not None and lalu.serapan is not None and total.serapan is not None:
            selisih = total.serapan - lalu.serapan
            arah = "naik" if selisih > 0 else "turun" if selisih < 0 else "sama dengan"
            if selisih:
                teks += (
                    f" Dibandingkan tahun {b.tahun - 1} ({format_persen(lalu.serapan)}), serapan anggaran "
                    f"{arah} {format_angka(abs(selisih))} poin persen."
                )
            else:
                teks += f" Serapan anggaran sama dengan tahun {b.tahun - 1}."
        hasil.append(Paragraf(teks))
    if b.pohon.total_belanja is not None and b.pohon.total_belanja.pagu is not None:
        tb = b.pohon.total_belanja
        serapan = f" ({format_persen(tb.serapan)})" if tb.serapan is not None else ""
        hasil.append(
            Paragraf(
                f"Secara keseluruhan, belanja Kecamatan {b.nama} tahun {b.tahun} dianggarkan "
                f"{format_rupiah(tb.pagu)} dan terealisasi {format_rupiah(tb.realisasi)}{serapan}."
            )
        )
    return hasil


def teks_tanpa_pengukuran(b: Bahan) -> str:
    if b.pengukuran is None:
        return (
            f"Pengukuran kinerja tahun {b.tahun} belum dapat disajikan: belum ada Perjanjian Kinerja "
            f"tahun {b.tahun} dan tidak ada Renstra yang mencakup tahun tersebut."
        )
    return (
        f"Pengukuran kinerja tahun {b.tahun} belum dapat disajikan: belum ada indikator dengan target "
        f"tahun {b.tahun} (Perjanjian Kinerja tahun {b.tahun} belum diisi)."
    )
