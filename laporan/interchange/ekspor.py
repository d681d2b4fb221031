"""Export of a kecamatan as an `lkjip-data/1` document: the inverse of impor.py.

Only inputs are written (SCHEMA.md): never capaian, sums or predikat. Optional fields that are
empty are left out; the importer reads them back as their defaults.
"""

from decimal import Decimal

from kinerja.models import AnalisisSasaran, Indikator, PerjanjianKinerja, Realisasi, Renstra
from laporan.interchange.anggaran import anggaran_ekspor
from laporan.interchange.laporan import ekspor_isi_laporan
from laporan.interchange.skm import skm_sakip_ekspor
from lkjip.models import Kecamatan, Pejabat

FORMAT = "lkjip-data/1"


def angka_json(d: Decimal) -> int | float | str:
    """A Decimal as a JSON number: int when whole, float when that is exact, else a dot-decimal string."""
    d = d.normalize()
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d else format(d, "f")


def _isi(d: dict) -> dict:
    """Drop keys whose value is empty (None, "", [], {})."""
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _nilai(nilai: Decimal, label: str = "", pembanding: str = ""):
    if label or pembanding:
        return _isi({"nilai": angka_json(nilai), "label": label, "pembanding": pembanding})
    return angka_json(nilai)


def _pejabat(p: Pejabat) -> dict:
    return _isi(
        {
            "nama": p.nama,
            "jabatan": p.jabatan,
            "nip": p.nip,
            "pangkat": p.pangkat,
            "golongan": p.golongan,
            "mulai": p.mulai.isoformat() if p.mulai else None,
            "selesai": p.selesai.isoformat() if p.selesai else None,
        }
    )


def _skala(skala: str | dict | None) -> str | dict | None:
    """Kabupaten.skala_capaian as the document writes it: a preset name stays a name; custom bands
    keep their order, their bounds as JSON numbers."""
    if not isinstance(skala, dict):
        return skala or None
    pita = [
        {k: angka_json(Decimal(str(v))) if k in ("bawah", "atas") else v for k, v in p.items()}
        for p in skala["pita"]
    ]
    return _isi({"nama": skala["nama"], "sumber": skala.get("sumber"), "pita": pita})


def _kabupaten(kecamatan: Kecamatan) -> dict:
    kab = kecamatan.kabupaten
    kepala = [p for p in kab.pejabat.all() if p.peran == Pejabat.Peran.KEPALA]
    return _isi(
        {
            "nama": kab.nama,
            "provinsi": kab.provinsi,
            "kepala_daerah": _pejabat(kepala[0]) if kepala else None,
            "skala_capaian": _skala(kab.skala_capaian),
            # Written only when set: false is the default (SCHEMA.md).
            "batasi_capaian_100": True if kab.batasi_capaian_100 else None,
        }
    )


def _kecamatan(kec: Kecamatan) -> dict:
    pejabat = list(kec.pejabat.all())
    kepala = [p for p in pejabat if p.peran == Pejabat.Peran.KEPALA]
    profil = _isi(
        {
            "luas_ha": angka_json(kec.luas_ha) if kec.luas_ha is not None else None,
            "jumlah_dusun": kec.jumlah_dusun,
            "jumlah_rw": kec.jumlah_rw,
            "jumlah_rt": kec.jumlah_rt,
            "jumlah_kk": kec.jumlah_kk,
            "penduduk_laki_laki": kec.penduduk_laki_laki,
            "penduduk_perempuan": kec.penduduk_perempuan,
            "tahun_data": kec.tahun_data,
        }
    )
    desa = [
        _isi(
            {
                "nama": d.nama,
                "jenis": d.jenis,
                "jumlah_dusun": d.jumlah_dusun,
                "jumlah_rw": d.jumlah_rw,
                "jumlah_rt": d.jumlah_rt,
            }
        )
        for d in kec.desa.all()
    ]
    return _isi(
        {
            "nama": kec.nama,
            "alamat": kec.alamat,
            "kode_pos": kec.kode_pos,
            "telepon": kec.telepon,
            "email": kec.email,
            "kepala": _pejabat(kepala[0]) if kepala else None,
            "pejabat": [_pejabat(p) for p in pejabat if p.peran == Pejabat.Peran.LAINNYA],
            "profil": profil,
            "desa": desa,
            "tugas_fungsi": kec.tugas_fungsi,
            "dasar_hukum": kec.dasar_hukum,
        }
    )


def _realisasi(baris: list[Realisasi]):
    tahunan = next((r for r in baris if r.periode == Realisasi.Periode.TAHUNAN), None)
    triwulan = {r.periode: r for r in baris if r.periode != Realisasi.Periode.TAHUNAN}
    if tahunan and not triwulan and tahunan.status == Realisasi.Status.FINAL and not tahunan.keterangan:
        if tahunan.nilai is not None:
            return _nilai(tahunan.nilai, tahunan.label, tahunan.pembanding)
    hasil = {}
    if tahunan and tahunan.nilai is not None:
        hasil["nilai"] = _nilai(tahunan.nilai, tahunan.label, tahunan.pembanding)
    hasil["status"] = tahunan.status if tahunan else Realisasi.Status.FINAL
    if tahunan and tahunan.keterangan:
        hasil["keterangan"] = tahunan.keterangan
    if triwulan:
        hasil["triwulan"] = [
            _nilai(r.nilai, r.label, r.pembanding) if (r := triwulan.get(p)) and r.nilai is not None else None
            for p in Realisasi.TRIWULAN
        ]
    return hasil


def _indikator(ind: Indikator) -> dict:
    per_tahun: dict[int, list[Realisasi]] = {}
    for r in ind.realisasi.all():
        per_tahun.setdefault(r.tahun, []).append(r)
    return _isi(
        {
            "kode": ind.kode,
            "nama": ind.nama,
            "satuan": ind.satuan,
            "arah": ind.arah,
            "kumulatif": ind.kumulatif,
            "iku": ind.iku,
            "definisi": ind.definisi,
            "formula": ind.formula,
            "sumber_data": ind.sumber_data,
            "penanggung_jawab": ind.penanggung_jawab,
            "target": {str(t.tahun): _nilai(t.nilai, t.label, t.pembanding) for t in ind.target.all()},
            "target_akhir": (
                _nilai(ind.target_akhir, ind.target_akhir_label, ind.target_akhir_pembanding)
                if ind.target_akhir is not None
                else None
            ),
            "realisasi": {str(tahun): _realisasi(baris) for tahun, baris in sorted(per_tahun.items())},
            "sumber_realisasi": ind.sumber_realisasi,
        }
    )


def _renstra(renstra: Renstra) -> dict:
    indikator = (
        Indikator.objects.filter(renstra=renstra)
        .prefetch_related("target", "realisasi")
        .order_by("urutan", "id")
    )
    per_tujuan: dict[int, list] = {}
    per_sasaran: dict[int, list] = {}
    for ind in indikator:
        if ind.tujuan_id:
            per_tujuan.setdefault(ind.tujuan_id, []).append(_indikator(ind))
        else:
            per_sasaran.setdefault(ind.sasaran_id, []).append(_indikator(ind))
    sasaran_per_tujuan: dict[int, list] = {}
    for s in renstra.sasaran.prefetch_related("sdm").order_by("urutan", "id"):
        sasaran_per_tujuan.setdefault(s.tujuan_id, []).append(
            _isi(
                {
                    "kode": s.kode,
                    "uraian": s.uraian,
                    "indikator": per_sasaran.get(s.pk, []),
                    "strategi": s.strategi,
                    "kebijakan": s.kebijakan,
                    "sdm": {
                        str(x.tahun): _isi(
                            {"target": x.target, "realisasi": x.realisasi, "keterangan": x.keterangan}
                        )
                        for x in s.sdm.all()
                    },
                }
            )
        )
    tujuan = [
        _isi(
            {
                "kode": t.kode,
                "uraian": t.uraian,
                "indikator": per_tujuan.get(t.pk, []),
                "sasaran": sasaran_per_tujuan.get(t.pk, []),
            }
        )
        for t in renstra.tujuan.order_by("urutan", "id")
    ]
    return _isi(
        {
            "tahun_awal": renstra.tahun_awal,
            "tahun_akhir": renstra.tahun_akhir,
            "dasar": renstra.dasar,
            "visi": renstra.visi,
            "misi": renstra.misi,
            "misi_didukung": renstra.misi_didukung,
            "tujuan": tujuan,
        }
    )


def _perjanjian(kecamatan: Kecamatan, renstra: Renstra) -> list[dict]:
    """The PKs whose every indicator belongs to the exported Renstra (others cannot be referenced)."""
    hasil = []
    daftar = (
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan)
        .prefetch_related("target__indikator", "target__triwulan", "program")
        .order_by("tahun", "jenis")
    )
    for pk in daftar:
        baris = list(pk.target.all())
        if any(b.indikator.renstra_id != renstra.pk for b in baris):
            continue
        indikator = []
        for b in baris:
            tw = {t.triwulan: _nilai(t.nilai, t.label, t.pembanding) for t in b.triwulan.all()}
            indikator.append(
                _isi(
                    {
                        "kode": b.indikator.kode,
                        "target": _nilai(b.nilai, b.label, b.pembanding),
                        "target_triwulan": [tw.get(k) for k in range(1, 5)] if tw else None,
                    }
                )
            )
        program = [
            _isi({"kode": p.kode, "nama": p.nama, "anggaran": angka_json(p.anggaran), "sumber": p.sumber})
            for p in pk.program.all()
        ]
        hasil.append(
            _isi(
                {
                    "tahun": pk.tahun,
                    "jenis": pk.jenis,
                    "tanggal": pk.tanggal.isoformat() if pk.tanggal else None,
                    "tempat": pk.tempat,
                    "pihak_pertama": pk.pihak_pertama,
                    "pihak_kedua": pk.pihak_kedua,
                    "indikator": indikator,
                    "program": program,
                }
            )
        )
    return hasil


def _laporan(renstra: Renstra) -> list[dict]:
    per_tahun: dict[int, dict] = {}
    analisis = (
        AnalisisSasaran.objects.filter(sasaran__renstra=renstra)
        .select_related("sasaran")
        .order_by("tahun", "urutan", "id")
    )
    for a in analisis:
        per_tahun.setdefault(a.tahun, {})[a.sasaran.kode] = _isi(
            {"pendukung": a.pendukung, "penghambat": a.penghambat, "solusi": a.solusi, "catatan": a.catatan}
        )
    return [{"tahun": tahun, "analisis": isi} for tahun, isi in sorted(per_tahun.items())]


def renstra_terbaru(kecamatan: Kecamatan) -> Renstra | None:
    return kecamatan.renstra.order_by("-tahun_akhir", "-tahun_awal").first()


def ekspor_lkjip(kecamatan: Kecamatan) -> dict:
    """The kecamatan with its latest Renstra, PKs and analyses, as an `lkjip-data/1` document."""
    kecamatan = (
        Kecamatan.objects.select_related("kabupaten")
        .prefetch_related("kabupaten__pejabat", "pejabat", "desa")
        .get(pk=kecamatan.pk)
    )
    renstra = renstra_terbaru(kecamatan)
    if renstra is None:
        raise ValueError(f"{kecamatan} belum memiliki Renstra; tidak ada yang dapat diekspor.")
    return _isi(
        {
            "format": FORMAT,
            "kabupaten": _kabupaten(kecamatan),
            "kecamatan": _kecamatan(kecamatan),
            "renstra": _renstra(renstra),
            "perjanjian_kinerja": _perjanjian(kecamatan, renstra),
            "anggaran": anggaran_ekspor(kecamatan, renstra),
            **skm_sakip_ekspor(kecamatan),
            **ekspor_isi_laporan(kecamatan, _laporan(renstra)),
        }
    )
