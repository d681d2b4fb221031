"""The lampiran: the signed Perjanjian Kinerja documents, the Renstra matrix, the IKU with their
definitions, the SKM recap and the uploaded bagan and documents. Each is numbered "Lampiran n" in
the order present, its tables "Tabel L.n"."""

from __future__ import annotations

from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import (
    BarisIsi,
    _angka,
    _angka_strip,
    _bulat,
    _k,
    _nilai_sel,
    _no,
    _sel_tampil,
    _strip,
    _t,
    baris_berkelompok,
    baris_jumlah,
    gambar_unggahan,
    nama_pk,
    tabel,
)
from laporan.konteks.evaluasi import nama_periode
from laporan.konteks.isi import (
    Bagian,
    Identitas,
    Isi,
    Kop,
    Sel,
    Subjudul,
    Tabel,
    TandaTangan,
    TandaTanganGanda,
)
from laporan.konteks.perencanaan import indikator_renstra, kelompok_pk, tabel_iku, tabel_program_pk
from laporan.narasi import Paragraf
from lkjip.format import format_nip, format_tanggal

# Lampiran tables are numbered apart from the BAB ("Tabel L.1").
_BAB = "lampiran"
# The lampiran blocks in outline order.
_KODE_LAMPIRAN = (
    "lampiran_pk",
    "lampiran_renstra",
    "lampiran_iku",
    "lampiran_skm",
    "lampiran_bagan",
    "lampiran_dokumen",
)


def _kop(b: Bahan) -> Kop:
    k = b.kecamatan
    alamat = " ".join(x for x in (k.alamat, f"Telp. {k.telepon}" if k.telepon else "", k.kode_pos) if x)
    return Kop(
        tuple(
            x
            for x in (f"PEMERINTAH KABUPATEN {b.kabupaten.upper()}", f"KECAMATAN {b.nama.upper()}", alamat)
            if x
        )
    )


def _pihak(data: dict | None, peran: str, tempat_tanggal: str, jabatan: str) -> TandaTangan:
    """A signatory of the PK as the document recorded it, else `data` is the official in office."""
    data = data or {}
    return TandaTangan(
        tempat_tanggal=tempat_tanggal,
        jabatan=(data.get("jabatan") or jabatan).upper(),
        nama=data.get("nama", ""),
        pangkat=data.get("pangkat", ""),
        nip=f"NIP. {format_nip(data['nip'])}" if data.get("nip") else "",
        peran=peran,
    )


def _dokumen_pk(b: Bahan, dok, ambil) -> tuple[Isi, ...]:
    pk = dok.perjanjian
    tempat = pk.tempat or b.nama
    tempat_tanggal = (
        f"{tempat}, {format_tanggal(pk.tanggal)}"
        if pk.tanggal
        else f"{tempat}, ........................ {pk.tahun}"
    )
    pertama = _pihak(pk.pihak_pertama or b.camat, "PIHAK PERTAMA", tempat_tanggal, f"Camat {b.nama}")
    kedua = _pihak(pk.pihak_kedua or b.bupati, "PIHAK KEDUA", tempat_tanggal, f"Bupati {b.kabupaten}")
    judul_pk = "PERJANJIAN KINERJA PERUBAHAN" if pk.jenis == "perubahan" else "PERJANJIAN KINERJA"
    isi: list[Isi] = [
        _kop(b),
        Subjudul(f"PERNYATAAN {judul_pk} TAHUN {pk.tahun}", tengah=True),
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
            "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        Identitas((("Nama", pertama.nama or "-"), ("Jabatan", pertama.jabatan))),
        Paragraf("selanjutnya disebut PIHAK PERTAMA;"),
        Identitas(
            (("Nama", kedua.nama or "-"), ("Jabatan", kedua.jabatan or f"BUPATI {b.kabupaten.upper()}"))
        ),
        Paragraf("selaku atasan langsung pihak pertama, selanjutnya disebut PIHAK KEDUA."),
        Paragraf(
            "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
            "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
            "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
            "tersebut menjadi tanggung jawab kami."
        ),
        Paragraf(
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
            "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
            "pemberian penghargaan dan sanksi."
        ),
        TandaTanganGanda(tempat_tanggal=tempat_tanggal, kiri=kedua, kanan=pertama),
    ]
    indikator = indikator_renstra(b)

    def sel(bp) -> tuple[Sel, ...] | None:
        target = ambil(bp)
        if target is None:
            return None
        ind = indikator.get(bp.indikator.pk, (bp.indikator, None, None))[0]
        penjelasan = [f"Formulasi: {ind.formula}" if ind.formula else ""]
        penjelasan.append("Perhitungan: " + ("kumulatif" if ind.kumulatif else "non kumulatif"))
        if ind.sumber_data:
            penjelasan.append(f"Sumber data: {ind.sumber_data}")
        return (
            _t(ind.nama),
            _t("\n".join(x for x in penjelasan if x)),
            _t(ind.satuan, rata="tengah"),
            _nilai_sel(target.tampil, target.nilai),
        )

    isi.append(
        tabel(
            b,
            _BAB,
            f"Sasaran, Indikator dan Target {nama_pk(pk)}",
            ("No", "Sasaran Strategis", "Indikator Kinerja", "Penjelasan", "Satuan", "Target"),
            baris_berkelompok(kelompok_pk(b, b.pk.baris, sel)),
            sumber=f"Sumber: {nama_pk(pk, b.nama)}",
            lebar_kolom=(5, 22, 24, 31, 8, 10),
            nomor_kolom=True,
        )
    )
    program = tabel_program_pk(b, _BAB, dok, f"Program dan Anggaran {nama_pk(pk)}")
    if program:
        isi.append(program)
    isi.append(TandaTanganGanda(tempat_tanggal=tempat_tanggal, kiri=kedua, kanan=pertama))
    return tuple(isi)


def _lampiran_pk(b: Bahan) -> list[Bagian]:
    if b.pk is None:
        return []
    anak = []
    for dok, ambil in ((b.pk.murni, lambda bp: bp.murni), (b.pk.perubahan, lambda bp: bp.perubahan)):
        if dok is None:
            continue
        anak.append(
            Bagian(
                id=f"lampiran-pk-{dok.perjanjian.jenis}",
                nomor="",
                judul=nama_pk(dok.perjanjian),
                tingkat=2,
                isi=_dokumen_pk(b, dok, ambil),
                halaman_baru=bool(anak),
                di_daftar_isi=False,
            )
        )
    return anak


def _lampiran_renstra(b: Bahan) -> list[Isi]:
    pohon = b.pohon_renstra
    if pohon is None:
        return []
    r = pohon.renstra
    baris = []
    for tp in pohon.tujuan:
        jumlah_tujuan = len(tp.indikator) + sum(max(len(sp.indikator), 1) for sp in tp.sasaran)
        pertama_tujuan = True
        kelompok = [(None, tp.indikator)] + [(sp, sp.indikator) for sp in tp.sasaran]
        for sp, daftar in kelompok:
            if sp is None and not daftar:
                continue
            tinggi = max(len(daftar), 1)
            for i in range(tinggi):
                sel: list[Sel] = []
                if pertama_tujuan:
                    sel.append(_t(tp.tujuan.uraian, rowspan=jumlah_tujuan))
                    pertama_tujuan = False
                if i == 0:
                    sel.append(_t(sp.sasaran.uraian if sp else "(indikator tujuan)", rowspan=tinggi))
                if i < len(daftar):
                    bi = daftar[i]
                    sel.append(_t(bi.indikator.nama))
                    sel.append(_t(bi.indikator.satuan, rata="tengah"))
                    sel += [_sel_tampil(t, "kanan") for t in (*bi.target, bi.target_akhir)]
                else:
                    sel += [_t("-")] * (3 + len(pohon.tahun))
                baris.append(sel)
    if not baris:
        return []
    n_tahun = len(pohon.tahun)
    per_tahun = 5
    sisa = 100 - per_tahun * (n_tahun + 1) - 6
    return [
        tabel(
            b,
            _BAB,
            f"Matriks Rencana Strategis Kecamatan {b.nama} Tahun {r.tahun_awal}–{r.tahun_akhir}",
            (
                (
                    _k("Tujuan", rowspan=2),
                    _k("Sasaran", rowspan=2),
                    _k("Indikator", rowspan=2),
                    _k("Satuan", rowspan=2),
                    _k("Target", colspan=n_tahun),
                    _k("Target Akhir", rowspan=2),
                ),
                tuple(str(t) for t in pohon.tahun),
            ),
            baris,
            sumber=f"Sumber: Renstra Kecamatan {b.nama} {r.tahun_awal}–{r.tahun_akhir}",
            lebar_kolom=(
                sisa * 30 // 100,
                sisa * 30 // 100,
                sisa - 2 * (sisa * 30 // 100),
                6,
                *([per_tahun] * (n_tahun + 1)),
            ),
            lebar="landscape",
        )
    ]


def _lampiran_skm(b: Bahan) -> list[Isi]:
    t = b.skm_tahun
    if t is None:
        return []
    survei = list(t.survei)
    nama = list(dict.fromkeys(u.nama for h in survei for u in h.unsur))
    nilai = [{u.nama: u.nrr for u in h.unsur} for h in survei]
    baris: list[BarisIsi] = [
        (_no(n), _t(unsur), *(_angka_strip(v.get(unsur), 3) for v in nilai))
        for n, unsur in enumerate(nama, 1)
    ]
    baris.append(
        baris_jumlah(
            *(_angka(h.ikm, 3, tebal=True) if h.ikm is not None else _strip() for h in survei), teks="IKM"
        )
    )
    baris.append(
        baris_jumlah(
            *(_angka(h.konversi, tebal=True) if h.konversi is not None else _strip() for h in survei),
            teks="Nilai konversi",
        )
    )
    baris.append(
        baris_jumlah(
            *(_t(h.mutu.kode if h.mutu else "-", rata="kanan", tebal=True) for h in survei),
            teks="Mutu pelayanan",
        )
    )
    baris.append((_t("Jumlah responden", colspan=2), *(_bulat(h.responden) for h in survei)))
    kolom = [nama_periode(h) or "Tahunan" for h in survei]
    return [
        tabel(
            b,
            _BAB,
            f"Rekapitulasi Survei Kepuasan Masyarakat Kecamatan {b.nama} Tahun {b.tahun}",
            ("No", "Unsur Pelayanan", *(f"NRR {k}" for k in kolom)),
            baris,
            sumber=f"Sumber: Hasil Survei Kepuasan Masyarakat Kecamatan {b.nama} tahun {b.tahun}",
            lebar_kolom=(7, 100 - 7 - 15 * len(survei), *([15] * len(survei))),
        )
    ]


def bagian_lampiran(b: Bahan) -> list[Bagian]:
    """The active lampiran that have content; one that is all landscape tables is landscape from
    its title on."""
    hasil = []
    for kode in _KODE_LAMPIRAN:
        blok = b.blok(kode)
        if not blok.aktif:
            continue
        isi: list[Isi] = []
        anak: list[Bagian] = []
        judul = blok.judul
        if kode == "lampiran_pk":
            anak = _lampiran_pk(b)
            if b.pk is not None:
                judul = f"{judul} Tahun {b.tahun}"
        elif kode == "lampiran_renstra":
            isi = _lampiran_renstra(b)
        elif kode == "lampiran_skm":
            isi = _lampiran_skm(b)
        elif kode == "lampiran_iku":
            iku = tabel_iku(b, _BAB, lampiran=True) if b.pohon_renstra else None
            isi = [iku] if iku else []
        elif kode == "lampiran_bagan" and b.isi.bagan is not None:
            isi = [gambar_unggahan(b, _BAB, b.isi.bagan, f"Bagan Struktur Organisasi Kecamatan {b.nama}")]
        elif kode == "lampiran_dokumen":
            isi = [gambar_unggahan(b, _BAB, g, "Dokumen pendukung") for g in b.isi.lampiran]
            if isi:
                isi = [*b.teks(kode), *isi]
        if not isi and not anak:
            continue
        nomor = f"Lampiran {len(hasil) + 1}"
        lebar = "landscape" if isi and all(isinstance(i, Tabel) and i.lebar for i in isi) else ""
        hasil.append(
            Bagian(
                lebar=lebar,
                id=f"lampiran-{len(hasil) + 1}",
                nomor=nomor,
                judul=judul,
                tingkat=1,
                isi=tuple(isi),
                anak=tuple(anak),
                halaman_baru=True,
                kode=kode,
            )
        )
    return hasil
