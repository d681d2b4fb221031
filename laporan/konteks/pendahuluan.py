"""BAB I Pendahuluan: the kecamatan's area and population, its duties, organisation, staff and
problems, and the sistematika (built last, from the other BAB's titles)."""

from __future__ import annotations

from collections.abc import Sequence

from laporan.kerangka import JUDUL_BAB
from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import BarisIsi, _bulat, _no, _t, baris_jumlah, gambar_unggahan, jumlah_kata, tabel
from laporan.konteks.isi import Bagian, Catatan, Isi, Subjudul
from laporan.narasi import Daftar, Paragraf, paragraf
from lkjip.format import format_angka
from lkjip.models import Desa


def _gambaran_umum(b: Bahan, bab: str) -> list[Isi]:
    k = b.kecamatan
    kalimat = []
    if k.luas_ha is not None:
        kalimat.append(f"Kecamatan {b.nama} memiliki luas wilayah {format_angka(k.luas_ha)} ha")
    wilayah = []
    if b.desa:
        jumlah_desa = sum(1 for d in b.desa if d.jenis != Desa.Jenis.KELURAHAN)
        jumlah_kel = len(b.desa) - jumlah_desa
        teks = f"{jumlah_kata(jumlah_desa)} desa" if jumlah_desa else ""
        if jumlah_kel:
            teks = (teks + " dan " if teks else "") + f"{jumlah_kata(jumlah_kel)} kelurahan"
        wilayah.append(teks)
    for nilai, nama in ((k.jumlah_dusun, "dusun"), (k.jumlah_rw, "RW"), (k.jumlah_rt, "RT")):
        if nilai is not None:
            wilayah.append(f"{format_angka(nilai, 0)} {nama}")
    if wilayah:
        awal = " yang terbagi atas " if kalimat else f"Wilayah Kecamatan {b.nama} terbagi atas "
        teks = ", ".join(wilayah[:-1]) + (" dan " if len(wilayah) > 1 else "") + wilayah[-1]
        if kalimat:
            kalimat[-1] += awal + teks
        else:
            kalimat.append(awal + teks)
    if k.jumlah_penduduk is not None:
        kk = f" dalam {format_angka(k.jumlah_kk, 0)} kepala keluarga" if k.jumlah_kk else ""
        tahun_data = f" pada tahun {k.tahun_data}" if k.tahun_data and k.tahun_data <= b.tahun else ""
        kalimat.append(
            f"Jumlah penduduk{tahun_data} sebanyak {format_angka(k.jumlah_penduduk, 0)} jiwa, terdiri atas "
            f"{format_angka(k.penduduk_laki_laki, 0)} laki-laki dan {format_angka(k.penduduk_perempuan, 0)} "
            f"perempuan{kk}"
        )
    hasil: list[Isi] = [Paragraf(". ".join(kalimat) + ".")] if kalimat else []
    if b.desa and any(
        d.jumlah_dusun is not None or d.jumlah_rw is not None or d.jumlah_rt is not None for d in b.desa
    ):
        kolom = ("jumlah_dusun", "jumlah_rw", "jumlah_rt")
        baris: list[BarisIsi] = [
            (_no(n), _t(d.nama), _t(d.get_jenis_display() or "Desa"), *(_bulat(getattr(d, a)) for a in kolom))
            for n, d in enumerate(b.desa, 1)
        ]
        jumlah = (_bulat(sum(getattr(d, a) or 0 for d in b.desa), tebal=True) for a in kolom)
        baris.append(baris_jumlah(*jumlah, lebar=3))
        hasil.append(
            tabel(
                b,
                bab,
                f"Desa/Kelurahan, Dusun, RW dan RT di Kecamatan {b.nama}",
                ("No", "Desa/Kelurahan", "Jenis", "Dusun", "RW", "RT"),
                baris,
                sumber=f"Sumber: Data profil Kecamatan {b.nama}",
                lebar_kolom=(8, 40, 16, 12, 12, 12),
            )
        )
    return [*hasil, *b.teks("gambaran_umum")]


def _tugas_fungsi(b: Bahan, bab: str) -> list[Isi]:
    k = b.kecamatan
    hasil: list[Isi] = []
    if k.dasar_hukum:
        hasil.append(Paragraf(f"Kedudukan, tugas dan fungsi Kecamatan {b.nama} ditetapkan berdasarkan:"))
        hasil.append(Daftar("angka", tuple(k.dasar_hukum)))
    if k.tugas_fungsi:
        hasil.extend(paragraf(k.tugas_fungsi))
    return [*hasil, *b.teks("tugas_fungsi")]


def _struktur(b: Bahan, bab: str) -> list[Isi]:
    hasil: list[Isi] = list(b.teks("struktur_organisasi"))
    bagan = b.isi.bagan
    if bagan is None:
        b.kekurangan.append("Bagan struktur organisasi belum diunggah.")
        hasil.append(Catatan("Bagan struktur organisasi belum diunggah."))
    else:
        hasil.append(gambar_unggahan(b, bab, bagan, f"Bagan Struktur Organisasi Kecamatan {b.nama}"))
    return hasil


def _sdm(b: Bahan, bab: str) -> list[Isi]:
    if not b.isi.sdm:
        return []
    hasil: list[Isi] = list(b.teks("sdm"))
    for t in b.isi.sdm:
        baris: list[BarisIsi] = [(_no(n), _t(r.uraian), _bulat(r.jumlah)) for n, r in enumerate(t.baris, 1)]
        baris.append(baris_jumlah(_bulat(t.jumlah, tebal=True)))
        hasil.append(
            tabel(
                b,
                bab,
                f"Pegawai Kecamatan {b.nama} menurut {t.judul} Tahun {b.tahun}",
                ("No", t.judul, "Jumlah (orang)"),
                baris,
                sumber=f"Sumber: Data kepegawaian Kecamatan {b.nama} tahun {b.tahun}",
                lebar_kolom=(10, 60, 30),
            )
        )
    return hasil


def _permasalahan(b: Bahan, bab: str) -> list[Isi]:
    isi = b.isi
    if not isi.permasalahan and not isi.isu_strategis:
        return []
    hasil: list[Isi] = list(b.teks("permasalahan_isu"))
    if isi.permasalahan:
        rinci = any(p.pokok_masalah or p.akar_masalah for p in isi.permasalahan)
        if rinci:
            hasil.append(
                tabel(
                    b,
                    bab,
                    f"Permasalahan Kecamatan {b.nama}",
                    ("No", "Pokok Masalah", "Masalah", "Akar Masalah"),
                    (
                        (_no(n), _t(p.pokok_masalah or "-"), _t(p.masalah), _t(p.akar_masalah or "-"))
                        for n, p in enumerate(isi.permasalahan, 1)
                    ),
                    sumber=f"Sumber: Identifikasi permasalahan Kecamatan {b.nama}",
                    lebar_kolom=(7, 31, 31, 31),
                )
            )
        else:
            hasil.append(Subjudul("Permasalahan"))
            hasil.append(Daftar("angka", tuple(p.masalah for p in isi.permasalahan)))
    if isi.isu_strategis:
        hasil.append(Subjudul("Isu Strategis"))
        hasil.append(Daftar("angka", tuple(isi.isu_strategis)))
    return hasil


_URAIAN_BAB = {
    "I": "menjelaskan latar belakang, maksud dan tujuan, gambaran umum organisasi",
    "II": "menyajikan perencanaan kinerja",
    "III": "menyajikan capaian kinerja organisasi",
    "IV": "menyajikan kesimpulan",
}


def sistematika(
    b: Bahan, bab_lain: Sequence[Bagian], judul_bab_i: Sequence[str], *, ada_lampiran: bool
) -> list[Isi]:
    butir = []
    judul = {"I": list(judul_bab_i)}
    for bagian in bab_lain:
        judul[bagian.kode] = [a.judul for a in bagian.anak]
    for kode in ("I", "II", "III", "IV"):
        if kode not in judul:
            continue
        isi = ", ".join(j.lower() if j.isupper() else j for j in judul[kode]) or _URAIAN_BAB[kode]
        butir.append(f"BAB {kode} {JUDUL_BAB[kode]}: memuat {isi}.")
    if ada_lampiran:
        butir.append("LAMPIRAN: memuat dokumen pendukung laporan.")
    return [*b.teks("sistematika"), Daftar("butir", tuple(butir))]


# The outline blocks of BAB I built from data, by kode (the sistematika is built apart, last).
PEMBANGUN = {
    "gambaran_umum": _gambaran_umum,
    "tugas_fungsi": _tugas_fungsi,
    "struktur_organisasi": _struktur,
    "sdm": _sdm,
    "permasalahan_isu": _permasalahan,
}
