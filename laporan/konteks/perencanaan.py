"""BAB II Perencanaan dan Perjanjian Kinerja: the Renstra (tujuan, sasaran, IKU), the Perjanjian
Kinerja and its perubahan, the yearly plan and the budget per sasaran. The Renstra lookups and the
IKU and PK program tables are shared with the lampiran."""

from __future__ import annotations

from collections.abc import Callable

from anggaran.selectors import Jumlah
from laporan.konteks.bahan import Bahan
from laporan.konteks.dasar import (
    BarisIsi,
    _k,
    _nilai_sel,
    _no,
    _sel_tampil,
    _t,
    _uang,
    baris_berkelompok,
    baris_jumlah,
    nama_pk,
    tabel,
)
from laporan.konteks.isi import Catatan, Isi, Sel, Subjudul, Tabel
from laporan.narasi import Daftar, Paragraf

# The PK and the RKT print the same columns.
_KEPALA_TARGET = ("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target")
_LEBAR_TARGET = (6, 32, 36, 12, 14)


def indikator_renstra(b: Bahan) -> dict[int, tuple[object, object, object]]:
    """indikator id -> (indikator, sasaran or None, tujuan) from the Renstra tree."""
    hasil = {}
    if b.pohon_renstra is None:
        return hasil
    for tp in b.pohon_renstra.tujuan:
        for bi in tp.indikator:
            hasil[bi.indikator.pk] = (bi.indikator, None, tp.tujuan)
        for sp in tp.sasaran:
            for bi in sp.indikator:
                hasil[bi.indikator.pk] = (bi.indikator, sp.sasaran, tp.tujuan)
    return hasil


def _renstra(b: Bahan, bab: str) -> list[Isi]:
    pohon = b.pohon_renstra
    if pohon is None:
        b.kekurangan.append(f"Belum ada Renstra yang mencakup tahun {b.tahun}.")
        return [Catatan(f"Belum ada Renstra Kecamatan {b.nama} yang mencakup tahun {b.tahun}.")]
    r = pohon.renstra
    hasil: list[Isi] = []
    dasar = f" yang disusun berdasarkan {r.dasar}" if r.dasar else ""
    hasil.append(
        Paragraf(
            f"Perencanaan kinerja Kecamatan {b.nama} tahun {b.tahun} mengacu pada Rencana Strategis "
            f"(Renstra) Kecamatan {b.nama} periode {r.tahun_awal}–{r.tahun_akhir}{dasar}."
        )
    )
    if r.visi:
        hasil.append(Paragraf(f"Visi yang diemban adalah “{r.visi}”."))
    if pohon.misi:
        hasil.append(Paragraf("Misi untuk mewujudkan visi tersebut adalah:"))
        hasil.append(Daftar("angka", tuple(m.teks for m in pohon.misi)))
        didukung = [m for m in pohon.misi if m.didukung]
        if didukung:
            nomor = ", ".join(f"ke-{m.nomor}" for m in didukung)
            hasil.append(Paragraf(f"Kecamatan {b.nama} mendukung pencapaian misi {nomor}."))
    baris = []
    for n, tp in enumerate(pohon.tujuan, 1):
        sasaran = tp.sasaran or []
        ind_tujuan = "\n".join(bi.indikator.nama for bi in tp.indikator) or "-"
        tinggi = max(len(sasaran), 1)
        if not sasaran:
            baris.append((_no(n), _t(tp.tujuan.uraian), _t(ind_tujuan), _t("-"), _t("-")))
            continue
        for i, sp in enumerate(sasaran):
            ind_sasaran = "\n".join(bi.indikator.nama for bi in sp.indikator) or "-"
            awal = (
                _no(n, rowspan=tinggi),
                _t(tp.tujuan.uraian, rowspan=tinggi),
                _t(ind_tujuan, rowspan=tinggi),
            )
            baris.append((*(awal if i == 0 else ()), _t(sp.sasaran.uraian), _t(ind_sasaran)))
    if baris:
        hasil.append(Paragraf("Tujuan dan sasaran beserta indikator kinerjanya adalah sebagai berikut:"))
        hasil.append(
            tabel(
                b,
                bab,
                f"Tujuan dan Sasaran Kecamatan {b.nama} Tahun {r.tahun_awal}–{r.tahun_akhir}",
                (
                    (_k("No", rowspan=2), _k("Tujuan", colspan=2), _k("Sasaran", colspan=2)),
                    ("Uraian", "Indikator Tujuan", "Uraian", "Indikator Sasaran"),
                ),
                baris,
                sumber=f"Sumber: Renstra Kecamatan {b.nama} {r.tahun_awal}–{r.tahun_akhir}",
                lebar_kolom=(6, 22, 24, 22, 26),
            )
        )
    strategi = [sp for tp in pohon.tujuan for sp in tp.sasaran if sp.sasaran.strategi or sp.sasaran.kebijakan]
    if strategi:
        hasil.append(Paragraf("Strategi dan kebijakan untuk mencapai setiap sasaran adalah sebagai berikut:"))
        for sp in strategi:
            hasil.append(Subjudul(f"Sasaran: {sp.sasaran.uraian}"))
            if sp.sasaran.strategi:
                hasil.append(Paragraf("Strategi:"))
                hasil.append(Daftar("butir", tuple(sp.sasaran.strategi)))
            if sp.sasaran.kebijakan:
                hasil.append(Paragraf("Kebijakan:"))
                hasil.append(Daftar("butir", tuple(sp.sasaran.kebijakan)))
    return [*hasil, *b.teks("renstra")]


def tabel_iku(b: Bahan, bab: str, *, lampiran: bool = False) -> Tabel | None:
    baris = []
    n = 0
    for indikator, sasaran, tujuan in indikator_renstra(b).values():
        if not indikator.iku:
            continue
        n += 1
        induk = sasaran.uraian if sasaran is not None else tujuan.uraian
        formula = indikator.formula or "-"
        if lampiran and indikator.definisi:
            formula = f"{indikator.definisi}\nFormulasi: {formula}"
        baris.append(
            (
                _no(n),
                _t(induk),
                _t(indikator.nama),
                _t(formula),
                _t(indikator.satuan, rata="tengah"),
                _t(indikator.sumber_data or "-"),
                _t(indikator.penanggung_jawab or "-"),
            )
        )
    if not baris:
        return None
    r = b.pohon_renstra.renstra
    formulasi = "Definisi dan Formulasi" if lampiran else "Formulasi"
    return tabel(
        b,
        bab,
        f"Indikator Kinerja Utama Kecamatan {b.nama}",
        (
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja Utama",
            formulasi,
            "Satuan",
            "Sumber Data",
            "Penanggung Jawab",
        ),
        baris,
        sumber=f"Sumber: Renstra Kecamatan {b.nama} {r.tahun_awal}–{r.tahun_akhir} (indikator kinerja utama)",
        lebar_kolom=(5, 17, 19, 25, 8, 13, 13),
        lebar="landscape" if lampiran else "",
        nomor_kolom=True,
    )


def _iku(b: Bahan, bab: str) -> list[Isi]:
    if b.pohon_renstra is None:
        return []
    iku = tabel_iku(b, bab)
    if iku is None:
        return [Catatan("Belum ada indikator Renstra yang ditandai sebagai Indikator Kinerja Utama (IKU).")]
    return [
        Paragraf(
            "Indikator Kinerja Utama (IKU) merupakan ukuran keberhasilan yang menggambarkan kinerja utama "
            f"Kecamatan {b.nama} sesuai dengan tugas dan fungsinya, sebagai berikut:"
        ),
        iku,
        *b.teks("iku"),
    ]


def induk_indikator(b: Bahan) -> dict[int, tuple[str, str]]:
    """indikator id -> (kode, uraian) of its sasaran (or tujuan)."""
    hasil = {}
    for indikator, sasaran, tujuan in indikator_renstra(b).values():
        induk = sasaran if sasaran is not None else tujuan
        hasil[indikator.pk] = (induk.kode, induk.uraian)
    for k in b.pengukuran.kelompok if b.pengukuran else []:
        for i in k.indikator:
            hasil.setdefault(i.indikator_id, (k.kode, k.uraian))
    return hasil


def kelompok_pk(
    b: Bahan, baris_pk, sel: Callable[[object], tuple[Sel, ...] | None]
) -> list[tuple[str, list[tuple[Sel, ...]]]]:
    """The rows `sel(bp)` of PK lines grouped under their sasaran (or tujuan), for
    `baris_berkelompok`; a line whose `sel` is None is left out."""
    induk = induk_indikator(b)
    kelompok: dict[str, list[tuple[Sel, ...]]] = {}
    for bp in baris_pk:
        isi = sel(bp)
        if isi is not None:
            kelompok.setdefault(induk.get(bp.indikator.pk, ("", "-"))[1], []).append(isi)
    return list(kelompok.items())


def _sel_indikator_target(bp, target) -> tuple[Sel, ...] | None:
    """Indicator, satuan and target of a PK line; None when the document has no target for it."""
    if target is None:
        return None
    return (
        _t(bp.indikator.nama),
        _t(bp.indikator.satuan, rata="tengah"),
        _nilai_sel(target.tampil, target.nilai),
    )


def tabel_program_pk(b: Bahan, bab: str, dok, judul: str) -> Tabel | None:
    if not dok.program:
        return None
    baris: list[BarisIsi] = [
        (_no(n), _t(p.nama), _uang(p.anggaran), _t(p.sumber or "-", rata="tengah"))
        for n, p in enumerate(dok.program, 1)
    ]
    baris.append(baris_jumlah(_uang(dok.total_anggaran, tebal=True), _t("")))
    return tabel(
        b,
        bab,
        judul,
        ("No", "Program", "Anggaran (Rp)", "Sumber Dana"),
        baris,
        sumber=f"Sumber: {nama_pk(dok.perjanjian, b.nama)}",
        lebar_kolom=(7, 55, 24, 14),
    )


def _pk(b: Bahan, bab: str) -> list[Isi]:
    pk = b.pk
    if pk is None:
        pesan = (
            f"Belum ada Perjanjian Kinerja tahun {b.tahun}. Isi Perjanjian Kinerja tahun {b.tahun} agar "
            "target kinerja dan pengukurannya dapat disajikan."
        )
        b.kekurangan.append(f"Belum ada Perjanjian Kinerja tahun {b.tahun}.")
        return [Catatan(pesan)]
    dok = pk.murni or pk.perubahan
    perjanjian = dok.perjanjian
    hasil: list[Isi] = [
        Paragraf(
            "Perjanjian Kinerja merupakan dokumen pernyataan kinerja/kesepakatan antara Camat "
            f"{b.nama} dan Bupati {b.kabupaten} untuk mewujudkan target kinerja tertentu berdasarkan "
            f"sumber daya yang dimiliki. {nama_pk(perjanjian, b.nama)} adalah sebagai berikut:"
        )
    ]
    ambil = (lambda bp: bp.murni) if pk.murni else (lambda bp: bp.perubahan)
    kelompok = kelompok_pk(b, pk.baris, lambda bp: _sel_indikator_target(bp, ambil(bp)))
    hasil.append(
        tabel(
            b,
            bab,
            nama_pk(perjanjian, b.nama),
            _KEPALA_TARGET,
            baris_berkelompok(kelompok),
            sumber=f"Sumber: {nama_pk(perjanjian, b.nama)}",
            lebar_kolom=_LEBAR_TARGET,
        )
    )
    program = tabel_program_pk(b, bab, dok, f"Program dan Anggaran {nama_pk(perjanjian)}")
    if program:
        hasil.append(Paragraf("Program dan anggaran yang mendukung pencapaian sasaran tersebut adalah:"))
        hasil.append(program)
    return [*hasil, *b.teks("pk")]


def _pk_perubahan(b: Bahan, bab: str) -> list[Isi]:
    pk = b.pk
    if pk is None or pk.murni is None or pk.perubahan is None:
        return []
    perubahan = pk.perubahan.perjanjian
    hasil: list[Isi] = [*b.teks("pk_perubahan")]
    if perubahan.alasan:
        hasil.append(Paragraf(f"Alasan perubahan: {perubahan.alasan}"))
    kelompok = kelompok_pk(
        b,
        pk.baris,
        lambda bp: (
            _t(bp.indikator.nama),
            _t(bp.indikator.satuan, rata="tengah"),
            _sel_tampil(bp.murni),
            _sel_tampil(bp.perubahan),
        ),
    )
    hasil.append(
        tabel(
            b,
            bab,
            f"Target Perjanjian Kinerja Murni dan Perubahan Tahun {b.tahun}",
            (
                "No",
                "Sasaran Strategis",
                "Indikator Kinerja",
                "Satuan",
                "Target PK Murni",
                "Target PK Perubahan",
            ),
            baris_berkelompok(kelompok),
            sumber=f"Sumber: {nama_pk(pk.murni.perjanjian)} dan {nama_pk(perubahan)} Kecamatan {b.nama}",
            lebar_kolom=(6, 28, 32, 10, 12, 12),
        )
    )
    program = tabel_program_pk(b, bab, pk.perubahan, f"Program dan Anggaran {nama_pk(perubahan)}")
    if program:
        hasil.append(program)
    return hasil


def _rkt(b: Bahan, bab: str) -> list[Isi]:
    if b.pohon_renstra is None:
        return []
    kelompok: dict[str, list[tuple[Sel, ...]]] = {}
    tahun = b.pohon_renstra.tahun
    if b.tahun not in tahun:
        return []
    posisi = tahun.index(b.tahun)
    for tp in b.pohon_renstra.tujuan:
        for sp in tp.sasaran:
            for bi in sp.indikator:
                kelompok.setdefault(sp.sasaran.uraian, []).append(
                    (
                        _t(bi.indikator.nama),
                        _t(bi.indikator.satuan, rata="tengah"),
                        _sel_tampil(bi.target[posisi]),
                    )
                )
    if not kelompok:
        return []
    return [
        tabel(
            b,
            bab,
            f"Rencana Kinerja Tahunan Kecamatan {b.nama} Tahun {b.tahun}",
            _KEPALA_TARGET,
            baris_berkelompok(list(kelompok.items())),
            sumber=f"Sumber: Renstra Kecamatan {b.nama} (target tahun {b.tahun})",
            lebar_kolom=_LEBAR_TARGET,
        )
    ]


def _anggaran_sasaran(b: Bahan, bab: str) -> list[Isi]:
    if not b.anggaran_sasaran:
        return []
    daftar = sorted(b.anggaran_sasaran.values(), key=lambda a: (a.sasaran.urutan, a.sasaran.pk))
    total = Jumlah.dari(a.jumlah for a in daftar)
    ada_murni = total.pagu_murni is not None

    def pagu(j: Jumlah, tebal: bool = False) -> list[Sel]:
        return (
            [_uang(j.pagu_murni, tebal=tebal), _uang(j.pagu, tebal=tebal)]
            if ada_murni
            else [_uang(j.pagu, tebal=tebal)]
        )

    baris: list[BarisIsi] = [
        (_no(n), _t(a.sasaran.uraian), _t("\n".join(p.pos.nama for p in a.program)), *pagu(a.jumlah))
        for n, a in enumerate(daftar, 1)
    ]
    baris.append(baris_jumlah(*pagu(total, True), lebar=3))
    kepala = ["No", "Sasaran Strategis", "Program"]
    kepala += ["Pagu Murni (Rp)", "Pagu Perubahan (Rp)"] if ada_murni else ["Pagu (Rp)"]
    ganda = len({p.pos.pk for a in daftar for p in a.program}) < sum(len(a.program) for a in daftar)
    catatan = "Program yang mendukung lebih dari satu sasaran dihitung pada setiap sasaran yang didukungnya."
    return [
        Paragraf(
            f"Rencana anggaran tahun {b.tahun} untuk mencapai setiap sasaran strategis, menurut program yang "
            "mendukungnya, adalah sebagai berikut:"
        ),
        tabel(
            b,
            bab,
            f"Rencana Anggaran per Sasaran Strategis Tahun {b.tahun}",
            kepala,
            baris,
            sumber=f"Sumber: DPA dan DPPA Kecamatan {b.nama} tahun {b.tahun}",
            lebar_kolom=(6, 26, 28, 20, 20) if ada_murni else (6, 32, 40, 22),
            catatan=(catatan,) if ganda else (),
        ),
    ]


# The outline blocks of BAB II, by kode.
PEMBANGUN = {
    "renstra": _renstra,
    "iku": _iku,
    "rkt": _rkt,
    "pk": _pk,
    "pk_perubahan": _pk_perubahan,
    "anggaran_sasaran": _anggaran_sasaran,
}
