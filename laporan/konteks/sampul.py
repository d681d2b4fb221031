"""The cover and the front matter: kata pengantar, ikhtisar eksekutif and the lists of contents,
tables, figures and lampiran (their entries are read from the finished report)."""

from __future__ import annotations

from laporan.konteks.bahan import Bahan
from laporan.konteks.isi import Bagian, Isi, Sampul, TandaTangan
from laporan.konteks.ringkasan import kalimat_anggaran, kalimat_capaian, kalimat_sasaran
from laporan.narasi import Paragraf
from lkjip.format import format_nip

# The front-matter blocks in outline order; only the first two carry content of their own.
_KODE_DEPAN = ("kata_pengantar", "ikhtisar", "daftar_isi", "daftar_tabel", "daftar_gambar", "daftar_lampiran")


def sampul(b: Bahan) -> Sampul:
    k = b.kecamatan
    alamat = []
    if k.alamat:
        alamat.append(k.alamat + (f" {k.kode_pos}" if k.kode_pos else ""))
    kontak = [x for x in (f"Telp. {k.telepon}" if k.telepon else "", k.email) if x]
    if kontak:
        alamat.append(" · ".join(kontak))
    keterangan = ""
    baris_judul: tuple[str, ...] = (
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "(LKjIP)",
        f"KECAMATAN {b.nama.upper()}",
        f"TAHUN {b.tahun}",
    )
    if b.label_periode:
        keterangan = b.label_tahun
        # "LAPORAN KINERJA / TRIWULAN II TAHUN 2020": one line would break before the year.
        baris_judul = (
            "LAPORAN KINERJA",
            f"{b.label_periode.upper()} TAHUN {b.tahun}",
            f"KECAMATAN {b.nama.upper()}",
        )
    elif b.isi.jenis != "tahunan":
        keterangan = f"Periode s.d. {b.isi.periode}" if b.isi.periode else "Laporan periode berjalan"
    logo = b.isi.logo
    return Sampul(
        baris_judul=baris_judul,
        pemerintah=f"PEMERINTAH KABUPATEN {b.kabupaten.upper()}",
        alamat=tuple(alamat),
        logo_path=logo.path if logo else "",
        logo_url=logo.url if logo else "",
        keterangan=keterangan,
    )


def _tanda_tangan_camat(b: Bahan) -> TandaTangan:
    c = b.camat
    return TandaTangan(
        tempat_tanggal=b.tempat_tanggal,
        jabatan=f"CAMAT {b.nama.upper()}",
        nama=c.get("nama", ""),
        pangkat=c.get("pangkat", ""),
        nip=f"NIP. {format_nip(c['nip'])}" if c.get("nip") else "",
    )


def bagian_depan(b: Bahan) -> list[Bagian]:
    hasil = []
    for kode in _KODE_DEPAN:
        blok = b.blok(kode)
        if not blok.aktif:
            continue
        judul = blok.judul.upper()
        if kode == "kata_pengantar":
            isi: tuple[Isi, ...] = (*b.teks(kode), _tanda_tangan_camat(b))
        elif kode == "ikhtisar":
            sasaran = kalimat_sasaran(b)
            isi = (
                *b.teks(kode),
                *kalimat_capaian(b),
                *([Paragraf("Capaian per sasaran strategis:"), sasaran] if sasaran else []),
                *kalimat_anggaran(b),
            )
        else:
            isi = ()
        hasil.append(
            Bagian(
                id=f"depan-{kode}", nomor="", judul=judul, tingkat=1, isi=isi, kode=kode, halaman_baru=True
            )
        )
    return hasil
