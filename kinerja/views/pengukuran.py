"""Pengukuran kinerja of a year (BAB III A-B): the page and the same tables as .xlsx. Read-only:
open to everyone who may read the kecamatan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import slugify

from kinerja.pengukuran import (
    PengukuranKinerja,
    pengukuran_kinerja,
    tahun_pengukuran,
    tahun_pengukuran_bawaan,
)
from lkjip.akses import kecamatan_untuk
from lkjip.excel import FORMAT_ANGKA, FORMAT_BULAT, Kolom, buku_baru, respons_xlsx, tulis_tabel


def _data(request: HttpRequest, pk: int, tahun: int):
    kecamatan = kecamatan_untuk(request, pk)
    data = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun)
    if data is None:
        raise Http404("Tidak ada Perjanjian Kinerja atau Renstra untuk tahun ini.")
    return kecamatan, data


@login_required
def pengukuran_terbaru(request: HttpRequest, pk: int) -> HttpResponse:
    """The page without a year: the latest year with realisasi (else the latest with data)."""
    kecamatan = kecamatan_untuk(request, pk)
    tahun = tahun_pengukuran_bawaan(tahun_pengukuran(kecamatan=kecamatan))
    if tahun is None:
        raise Http404("Kecamatan ini belum memiliki data kinerja.")
    return redirect("kinerja:pengukuran", kecamatan.pk, tahun)


@login_required
def pengukuran(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan, data = _data(request, pk, tahun)
    return render(
        request,
        "kinerja/pengukuran/pengukuran_detail.html",
        {"kecamatan": kecamatan, "data": data, "daftar_tahun": tahun_pengukuran(kecamatan=kecamatan)},
    )


def _judul(data: PengukuranKinerja, tabel: str) -> list[str]:
    judul = [f"{tabel} Tahun {data.tahun}", f"{data.kecamatan}, Kabupaten {data.kecamatan.kabupaten.nama}"]
    if data.keterangan_sumber_target:
        judul.append(f"Sumber target: {data.keterangan_sumber_target}")
    return judul


def buku_pengukuran(data: PengukuranKinerja):
    """The tables of the page as a workbook: numbers stay numbers (full precision; the cell format
    shows two decimals), undefined values are empty cells with the reason beside them."""
    buku = buku_baru()
    baris = []
    for k in data.kelompok:
        baris.append(
            ["", k.kode, f"{k.tingkat.capitalize()} {k.kode}: {k.uraian}", "", None, "", None, "", ""]
        )
        for i in k.indikator:
            baris.append(
                [
                    i.nomor,
                    i.kode,
                    i.nama,
                    i.satuan,
                    i.target.nilai if i.target else None,
                    i.target.teks if i.target else "",
                    i.realisasi.nilai if i.realisasi else None,
                    i.realisasi.teks if i.realisasi else "",
                    i.capaian,
                    i.predikat.label if i.predikat else "",
                    f"{i.alasan}; tidak dihitung dalam rata-rata" if i.alasan else "",
                ]
            )
        baris.append(
            [
                "",
                k.kode,
                f"Rata-rata capaian {k.tingkat} {k.kode}",
                "",
                None,
                "",
                None,
                "",
                k.rata_rata,
                k.predikat.label if k.predikat else "",
                f"{k.jumlah_tidak_dihitung} indikator tidak dihitung" if k.jumlah_tidak_dihitung else "",
            ]
        )
    lembar = tulis_tabel(
        buku,
        "Capaian",
        [
            Kolom("No", 5, FORMAT_BULAT),
            Kolom("Kode", 8),
            Kolom("Sasaran / Indikator", 50),
            Kolom("Satuan", 10),
            Kolom("Target", 12, FORMAT_ANGKA),
            Kolom("Target (tertulis)", 14),
            Kolom("Realisasi", 12, FORMAT_ANGKA),
            Kolom("Realisasi (tertulis)", 14),
            Kolom("Capaian (%)", 12, FORMAT_ANGKA),
            Kolom("Predikat", 16),
            Kolom("Keterangan", 40),
        ],
        baris,
        judul=_judul(data, "Capaian Kinerja"),
    )
    lembar.append([])
    lembar.append(["", "", "Capaian kinerja organisasi (%)", "", None, "", None, "", data.capaian_organisasi])
    lembar.cell(row=lembar.max_row, column=9).number_format = FORMAT_ANGKA
    lembar.append(["", "", f"Rumus: {data.rumus_capaian_organisasi or '-'}"])

    tulis_tabel(
        buku,
        "Predikat",
        [
            Kolom("No", 5, FORMAT_BULAT),
            Kolom("Predikat", 20),
            Kolom("Interval capaian (%)", 22),
            Kolom("Jumlah sasaran", 12, FORMAT_BULAT),
            Kolom("Jumlah indikator", 12, FORMAT_BULAT),
        ],
        [
            [n, r.pita.label, r.interval, r.jumlah_sasaran, r.jumlah_indikator]
            for n, r in enumerate(data.rekap_predikat, 1)
        ]
        + [
            [
                "",
                "Tidak dihitung",
                "",
                data.jumlah_sasaran_tidak_dihitung,
                data.jumlah_indikator_tidak_dihitung,
            ]
        ],
        judul=_judul(data, "Jumlah Sasaran dan Indikator per Predikat"),
    )

    kolom_tahun = []
    for t in [*data.tahun_pembanding, data.tahun]:
        kolom_tahun += [
            Kolom(f"Target {t}", 11, FORMAT_ANGKA),
            Kolom(f"Realisasi {t}", 11, FORMAT_ANGKA),
            Kolom(f"Capaian {t} (%)", 11, FORMAT_ANGKA),
        ]
    baris_banding = []
    for i in data.indikator:
        isi: list[object] = [i.nomor, i.kode, i.nama, i.satuan]
        for lalu in i.tahun_lalu:
            isi += (
                [None, None, None]
                if lalu is None
                else [
                    lalu.target.nilai if lalu.target else None,
                    lalu.realisasi.nilai if lalu.realisasi else None,
                    lalu.capaian,
                ]
            )
        isi += [i.target.nilai if i.target else None, i.realisasi.nilai if i.realisasi else None, i.capaian]
        isi.append(i.tren or "")
        baris_banding.append(isi)
    tulis_tabel(
        buku,
        "Perbandingan",
        [
            Kolom("No", 5, FORMAT_BULAT),
            Kolom("Kode", 8),
            Kolom("Indikator", 45),
            Kolom("Satuan", 10),
            *kolom_tahun,
            Kolom(f"Tren {data.tahun}", 12),
        ],
        baris_banding,
        judul=_judul(data, "Perbandingan Realisasi dan Capaian dengan Tahun Sebelumnya"),
    )

    tulis_tabel(
        buku,
        "Target akhir Renstra",
        [
            Kolom("No", 5, FORMAT_BULAT),
            Kolom("Kode", 8),
            Kolom("Indikator", 45),
            Kolom("Satuan", 10),
            Kolom(f"Realisasi {data.tahun}", 14, FORMAT_ANGKA),
            Kolom("Target akhir Renstra", 14, FORMAT_ANGKA),
            Kolom("Tahun akhir", 10),
            Kolom("Tingkat kemajuan (%)", 14, FORMAT_ANGKA),
        ],
        [
            [
                i.nomor,
                i.kode,
                i.nama,
                i.satuan,
                i.realisasi_kemajuan,
                i.target_akhir.nilai if i.target_akhir else None,
                i.tahun_akhir_renstra,
                i.tingkat_kemajuan,
            ]
            for i in data.indikator
        ],
        judul=_judul(data, "Realisasi terhadap Target Akhir Renstra"),
    )

    tulis_tabel(
        buku,
        "Skala",
        [
            Kolom("No", 5, FORMAT_BULAT),
            Kolom("Interval capaian (%)", 24),
            Kolom("Predikat", 20),
            Kolom("Kode", 10),
        ],
        [[n, r.interval, r.pita.label, r.pita.kode] for n, r in enumerate(data.rekap_predikat, 1)],
        judul=[f"Skala predikat: {data.skala.nama}"],
    )
    return buku


@login_required
def pengukuran_xlsx(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan, data = _data(request, pk, tahun)
    nama = f"pengukuran-kinerja-{slugify(kecamatan.nama)}-{tahun}.xlsx"
    return respons_xlsx(buku_pengukuran(data), nama)


urlpatterns = [
    path("kecamatan/<int:pk>/pengukuran/", pengukuran_terbaru, name="pengukuran_terbaru"),
    path("kecamatan/<int:pk>/pengukuran/<int:tahun>/", pengukuran, name="pengukuran"),
    path("kecamatan/<int:pk>/pengukuran/<int:tahun>/xlsx/", pengukuran_xlsx, name="pengukuran_xlsx"),
]
