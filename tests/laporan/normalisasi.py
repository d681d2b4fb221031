"""SCHEMA.md's round-trip rule: normalise a document before comparing export with input."""

import copy
from decimal import Decimal

DEFAULT_INDIKATOR = {"arah": "naik", "kumulatif": False, "iku": False, "sumber_realisasi": "isian"}
BAGIAN_ISSUE_INI = ("format", "kabupaten", "kecamatan", "renstra", "perjanjian_kinerja", "anggaran")
BAGIAN_LAPORAN = ("penghargaan", "sdm", "permasalahan", "isu_strategis")
KOLOM_LAPORAN = ("tempat", "tanggal", "narasi", "analisis")
KABUPATEN_DIDUKUNG = ("nama", "provinsi", "kepala_daerah", "skala_capaian", "batasi_capaian_100")


def _angka(x):
    """Numbers compared as decimals: 85.78, "85.78" and 85.780 are the same value."""
    if isinstance(x, bool):
        return x
    if isinstance(x, int | float | Decimal | str):
        return Decimal(str(x)).normalize()
    return x


def _nilai(x):
    if isinstance(x, dict):
        return {k: _angka(v) if k == "nilai" else v for k, v in x.items()}
    return _angka(x)


def _realisasi(x):
    """A bare realisasi is a final one: write it in the object form."""
    if isinstance(x, dict) and "status" in x:
        hasil = dict(x)
        if "nilai" in hasil:
            hasil["nilai"] = _nilai(hasil["nilai"])
        if "triwulan" in hasil:
            hasil["triwulan"] = [None if t is None else _nilai(t) for t in hasil["triwulan"]]
        return hasil
    return {"nilai": _nilai(x), "status": "final"}


def _tanpa_kosong(x):
    if isinstance(x, dict):
        return {k: _tanpa_kosong(v) for k, v in x.items() if v not in (None, "", [], {})}
    if isinstance(x, list):
        return [_tanpa_kosong(v) for v in x]
    return x


def _indikator(ind: dict) -> dict:
    hasil = DEFAULT_INDIKATOR | ind
    if "target" in hasil:
        hasil["target"] = {t: _nilai(v) for t, v in hasil["target"].items()}
    if "target_akhir" in hasil:
        hasil["target_akhir"] = _nilai(hasil["target_akhir"])
    if "realisasi" in hasil:
        hasil["realisasi"] = {t: _realisasi(v) for t, v in hasil["realisasi"].items()}
    return hasil


def _pos_anggaran(pos: dict) -> dict:
    """A program, kegiatan or sub kegiatan: amounts and indicator values as decimals."""
    hasil = {k: _angka(v) if k in ("pagu_murni", "pagu", "realisasi") else v for k, v in pos.items()}
    hasil["indikator"] = [
        {k: _nilai(v) if k == "target" else _realisasi(v) if k == "realisasi" else v for k, v in ind.items()}
        for ind in pos.get("indikator", [])
    ]
    for anak in ("kegiatan", "sub_kegiatan"):
        if anak in hasil:
            hasil[anak] = [_pos_anggaran(a) for a in hasil[anak]]
    return hasil


def _anggaran(tahun: dict) -> dict:
    hasil = dict(tahun)
    hasil["belanja"] = [
        {k: v if k == "jenis" else _angka(v) for k, v in b.items()} for b in tahun.get("belanja", [])
    ]
    hasil["program"] = [_pos_anggaran(p) for p in tahun.get("program", [])]
    return hasil


def normalisasi_skm(bagian: dict) -> dict:
    """The `skm` and `evaluasi_sakip` parts: defaults filled in (periode tahunan, metode
    permenpan-rb-14-2017, rekomendasi status belum), numbers compared as decimals."""
    hasil = {k: copy.deepcopy(bagian[k]) for k in ("skm", "evaluasi_sakip") if k in bagian}
    for s in hasil.get("skm", []):
        s.setdefault("periode", "tahunan")
        s.setdefault("metode", "permenpan-rb-14-2017")
        for u in s["unsur"]:
            if "nrr" in u:
                u["nrr"] = _angka(u["nrr"])
            if "distribusi" in u:
                u["distribusi"] = [_angka(p) for p in u["distribusi"]]
    for e in hasil.get("evaluasi_sakip", []):
        for k in e["komponen"]:
            k["bobot"], k["nilai"] = _angka(k["bobot"]), _angka(k["nilai"])
        for r in e.get("rekomendasi", []):
            if r.get("status") == "belum":
                del r["status"]
    return hasil


def _skala(skala):
    """A custom scale: its band bounds as decimals (a preset name stays a name)."""
    if not isinstance(skala, dict):
        return skala
    hasil = dict(skala)
    hasil["pita"] = [
        {k: _angka(v) if k in ("bawah", "atas") else v for k, v in p.items()} for p in skala["pita"]
    ]
    return hasil


def normalisasi(dok: dict) -> dict:
    """The parts the kinerja issue owns, defaults filled in, numbers as decimals, empties dropped."""
    dok = _tanpa_kosong(copy.deepcopy(dok))
    hasil = {k: dok[k] for k in BAGIAN_ISSUE_INI if k in dok}
    hasil["kabupaten"] = {k: v for k, v in dok["kabupaten"].items() if k in KABUPATEN_DIDUKUNG}
    if "skala_capaian" in hasil["kabupaten"]:
        hasil["kabupaten"]["skala_capaian"] = _skala(hasil["kabupaten"]["skala_capaian"])
    if hasil["kabupaten"].get("batasi_capaian_100") is False:
        del hasil["kabupaten"]["batasi_capaian_100"]
    kec = hasil["kecamatan"]
    if "profil" in kec:
        kec["profil"] = {k: _angka(v) for k, v in kec["profil"].items()}
    for tujuan in hasil["renstra"]["tujuan"]:
        tujuan["indikator"] = [_indikator(i) for i in tujuan.get("indikator", [])]
        for sasaran in tujuan["sasaran"]:
            sasaran["indikator"] = [_indikator(i) for i in sasaran["indikator"]]
    for pk in hasil.get("perjanjian_kinerja", []):
        pk.setdefault("jenis", "murni")
        for baris in pk["indikator"]:
            baris["target"] = _nilai(baris["target"])
            if "target_triwulan" in baris:
                baris["target_triwulan"] = [
                    None if t is None else _nilai(t) for t in baris["target_triwulan"]
                ]
        for prog in pk.get("program", []):
            prog["anggaran"] = _angka(prog["anggaran"])
    hasil["anggaran"] = [_anggaran(t) for t in hasil.get("anggaran", [])]
    hasil["laporan"] = [
        {k: lap[k] for k in ("tahun", *KOLOM_LAPORAN) if k in lap}
        for lap in dok.get("laporan", [])
        if any(k in lap for k in KOLOM_LAPORAN)
    ]
    hasil |= {k: dok[k] for k in BAGIAN_LAPORAN if k in dok}
    hasil |= normalisasi_skm(dok)
    return _tanpa_kosong(hasil)
