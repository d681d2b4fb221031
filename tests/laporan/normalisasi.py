"""SCHEMA.md's round-trip rule: normalise a document before comparing export with input."""

import copy
from decimal import Decimal

DEFAULT_INDIKATOR = {"arah": "naik", "kumulatif": False, "iku": False, "sumber_realisasi": "isian"}
BAGIAN_ISSUE_INI = ("format", "kabupaten", "kecamatan", "renstra", "perjanjian_kinerja")
KABUPATEN_DIDUKUNG = ("nama", "provinsi", "kepala_daerah")


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


def normalisasi(dok: dict) -> dict:
    """The parts the kinerja issue owns, defaults filled in, numbers as decimals, empties dropped."""
    dok = _tanpa_kosong(copy.deepcopy(dok))
    hasil = {k: dok[k] for k in BAGIAN_ISSUE_INI if k in dok}
    hasil["kabupaten"] = {k: v for k, v in dok["kabupaten"].items() if k in KABUPATEN_DIDUKUNG}
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
    hasil["laporan"] = [
        {"tahun": lap["tahun"], "analisis": lap["analisis"]}
        for lap in dok.get("laporan", [])
        if lap.get("analisis")
    ]
    return _tanpa_kosong(hasil)
