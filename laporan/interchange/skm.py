"""The `skm` and `evaluasi_sakip` parts of an `lkjip-data/1` document: import and export
(data/SCHEMA.md).

Rules the schema cannot say, checked before anything is written (every error with its `$.skm...`
or `$.evaluasi_sakip...` path): each unsur gives exactly one of `nrr` (1..4), `jumlah_jawaban`
(not all zero) or `distribusi` (adding up to 100 within 0.5); one survey per (tahun, periode) and
one kind of period per year (tahunan, semester or triwulan); one evaluation per tahun_dievaluasi
and per tahun_evaluasi, tahun_evaluasi not before tahun_dievaluasi, the letter dated in
tahun_evaluasi; a component's nilai between 0 and its bobot (> 0). Warned: bobot not adding up to
100, a recommendation naming no component of its evaluation, an unsur count other than the
version's.

Identity on import: a survey by (tahun, periode), its unsur by position (kode U1, U2, ...); an
evaluation by tahun_dievaluasi, its components and recommendations by position. Surveys and
evaluations the document does not hold are left as they are (a survey may hold questionnaire
responses, which the format does not carry). `kritik_saran` is stored as the survey's saran; the
export writes kritik then saran. A tindak lanjut is written for a recommendation with any of
`tindak_lanjut`, `waktu`, `penanggung_jawab`, or a status other than "belum"; the export leaves out
status "belum" (the default).

impor.py and ekspor.py call this module, so it imports their helpers inside the functions.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kinerja import skm
from kinerja.models import (
    EvaluasiSakip,
    KomponenSakip,
    RekomendasiSakip,
    SurveiSkm,
    TindakLanjut,
    UnsurSkm,
    VersiSkm,
)
from kinerja.selectors_skm import hitung_respon
from lkjip.models import Kecamatan

# The kinds of rows this part writes, in the order the import summary lists them.
JENIS_BARIS_SKM = (SurveiSkm, UnsurSkm, EvaluasiSakip, KomponenSakip, RekomendasiSakip, TindakLanjut)
MAKS_DESIMAL_NILAI = 4
MAKS_DESIMAL_BOBOT = 2
BENTUK_UNSUR = ("nrr", "jumlah_jawaban", "distribusi")
STATUS_BAKU = TindakLanjut.Status.BELUM


def _angka(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _lebih_desimal(x, maks: int) -> bool:
    d = _angka(x)
    return d != d.quantize(Decimal(1).scaleb(-maks))


def _teks(d: Decimal) -> str:
    return format(d.normalize(), "f")


def _jenis_periode(periode: str) -> str:
    return periode.split("-")[0]


# --- checking -------------------------------------------------------------------------------------


def _periksa_unsur(u: dict, jalur: str, galat: list[str]) -> None:
    ada = [k for k in BENTUK_UNSUR if k in u]
    if len(ada) != 1:
        galat.append(
            f"{jalur}: isi tepat satu dari nrr, jumlah_jawaban atau distribusi"
            + (f" (ada {', '.join(ada)})" if ada else " (tidak ada satu pun)")
        )
        return
    if "nrr" in u:
        nrr = _angka(u["nrr"])
        if not Decimal(1) <= nrr <= Decimal(4):
            galat.append(f"{jalur}.nrr: NRR {u['nrr']} harus antara 1 dan 4")
        elif _lebih_desimal(nrr, MAKS_DESIMAL_NILAI):
            galat.append(
                f"{jalur}.nrr: {u['nrr']} memiliki lebih dari {MAKS_DESIMAL_NILAI} angka di belakang titik"
            )
    elif "jumlah_jawaban" in u:
        if sum(u["jumlah_jawaban"]) == 0:
            galat.append(f"{jalur}.jumlah_jawaban: jumlah jawaban tidak boleh semuanya nol")
    else:
        persen = [_angka(p) for p in u["distribusi"]]
        for k, p in enumerate(persen):
            if p < 0:
                galat.append(f"{jalur}.distribusi[{k}]: persentase {u['distribusi'][k]} tidak boleh negatif")
            elif _lebih_desimal(p, MAKS_DESIMAL_NILAI):
                galat.append(
                    f"{jalur}.distribusi[{k}]: {u['distribusi'][k]} memiliki lebih dari {MAKS_DESIMAL_NILAI} "
                    "angka di belakang titik"
                )
        total = sum(persen, Decimal(0))
        if abs(total - 100) * 2 > 1:
            galat.append(
                f"{jalur}.distribusi: jumlah persentase {_teks(total)}, harus 100 (selisih paling banyak 0.5)"
            )


def _periksa_skm(dok: dict, galat: list[str], peringatan: list[str]) -> None:
    dilihat: dict[tuple[int, str], int] = {}
    jenis_tahun: dict[int, tuple[str, int]] = {}
    for i, s in enumerate(dok.get("skm", [])):
        jalur = f"$.skm[{i}]"
        periode = s.get("periode", SurveiSkm.Periode.TAHUNAN)
        kunci = (s["tahun"], periode)
        if kunci in dilihat:
            galat.append(
                f"{jalur}.periode: survei tahun {s['tahun']} periode {periode} sudah ada di "
                f"$.skm[{dilihat[kunci]}]"
            )
            continue
        dilihat[kunci] = i
        jenis = _jenis_periode(periode)
        lain = jenis_tahun.setdefault(s["tahun"], (jenis, i))
        if lain[0] != jenis:
            galat.append(
                f"{jalur}.periode: tahun {s['tahun']} sudah memakai periode {lain[0]} di $.skm[{lain[1]}]; "
                "satu tahun memakai satu jenis periode saja (tahunan, semester atau triwulan)"
            )
        versi = s.get("metode", VersiSkm.PERMENPAN_RB_14_2017)
        if len(s["unsur"]) != len(skm.UNSUR[versi]):
            peringatan.append(
                f"{jalur}.unsur: pedoman {versi} memakai {len(skm.UNSUR[versi])} unsur, dokumen berisi "
                f"{len(s['unsur'])}"
            )
        for k, u in enumerate(s["unsur"]):
            _periksa_unsur(u, f"{jalur}.unsur[{k}]", galat)


def _periksa_evaluasi(dok: dict, galat: list[str], peringatan: list[str]) -> None:
    dievaluasi: dict[int, int] = {}
    evaluasi: dict[int, int] = {}
    for i, e in enumerate(dok.get("evaluasi_sakip", [])):
        jalur = f"$.evaluasi_sakip[{i}]"
        td, te = e["tahun_dievaluasi"], e.get("tahun_evaluasi")
        if td in dievaluasi:
            galat.append(
                f"{jalur}.tahun_dievaluasi: evaluasi atas AKIP {td} sudah ada di "
                f"$.evaluasi_sakip[{dievaluasi[td]}]"
            )
        dievaluasi.setdefault(td, i)
        if te is not None:
            if te in evaluasi:
                galat.append(
                    f"{jalur}.tahun_evaluasi: LHE yang terbit tahun {te} sudah ada di "
                    f"$.evaluasi_sakip[{evaluasi[te]}]"
                )
            evaluasi.setdefault(te, i)
            if te < td:
                galat.append(
                    f"{jalur}.tahun_evaluasi: tahun evaluasi {te} sebelum tahun yang dievaluasi {td}"
                )
            if e.get("tanggal") and int(e["tanggal"][:4]) != te:
                galat.append(f"{jalur}.tanggal: tanggal surat {e['tanggal']} tidak pada tahun evaluasi {te}")
        nama_komponen = set()
        jumlah_bobot = Decimal(0)
        for k, kom in enumerate(e["komponen"]):
            jk = f"{jalur}.komponen[{k}]"
            bobot, nilai = _angka(kom["bobot"]), _angka(kom["nilai"])
            nama_komponen.add(kom["nama"].strip().casefold())
            jumlah_bobot += bobot
            if bobot <= 0:
                galat.append(f"{jk}.bobot: bobot {kom['bobot']} harus lebih dari 0")
            elif _lebih_desimal(bobot, MAKS_DESIMAL_BOBOT):
                galat.append(
                    f"{jk}.bobot: {kom['bobot']} memiliki lebih dari {MAKS_DESIMAL_BOBOT} angka di "
                    "belakang titik"
                )
            if nilai < 0:
                galat.append(f"{jk}.nilai: nilai {kom['nilai']} tidak boleh negatif")
            elif nilai > bobot > 0:
                galat.append(f"{jk}.nilai: nilai {kom['nilai']} melebihi bobot {kom['bobot']}")
            elif _lebih_desimal(nilai, MAKS_DESIMAL_NILAI):
                galat.append(
                    f"{jk}.nilai: {kom['nilai']} memiliki lebih dari {MAKS_DESIMAL_NILAI} angka di "
                    "belakang titik"
                )
        if jumlah_bobot != 100:
            peringatan.append(f"{jalur}.komponen: jumlah bobot {_teks(jumlah_bobot)}, bukan 100")
        for k, r in enumerate(e.get("rekomendasi", [])):
            if r.get("komponen") and r["komponen"].strip().casefold() not in nama_komponen:
                peringatan.append(
                    f'{jalur}.rekomendasi[{k}].komponen: "{r["komponen"]}" bukan nama komponen evaluasi ini'
                )


def periksa_skm_sakip(dok: dict) -> tuple[list[str], list[str]]:
    """SCHEMA.md's rules for the `skm` and `evaluasi_sakip` parts: (errors, warnings), each
    `$.skm[i]...: pesan`. The document has passed the JSON Schema already."""
    galat: list[str] = []
    peringatan: list[str] = []
    _periksa_skm(dok, galat, peringatan)
    _periksa_evaluasi(dok, galat, peringatan)
    return galat, peringatan


# --- writing --------------------------------------------------------------------------------------


def _nilai_unsur(u: dict, urutan: int) -> dict:
    jumlah = u.get("jumlah_jawaban") or (None,) * 4
    persen = [_angka(p) for p in u["distribusi"]] if "distribusi" in u else (None,) * 4
    return {
        "urutan": urutan,
        "kode": f"U{urutan}",
        "nama": u["nama"].strip(),
        "nrr": _angka(u["nrr"]) if "nrr" in u else None,
        **dict(zip(UnsurSkm.JUMLAH, jumlah, strict=True)),
        **dict(zip(UnsurSkm.PERSEN, persen, strict=True)),
    }


def _tulis_survei(tulis, kecamatan: Kecamatan, s: dict, jalur: str, respon: dict) -> None:
    periode = s.get("periode", SurveiSkm.Periode.TAHUNAN)
    obj = SurveiSkm.objects.filter(kecamatan=kecamatan, tahun=s["tahun"], periode=periode).first()
    kritik_saran = [t.strip() for t in s.get("kritik_saran", []) if t.strip()]
    nilai = {"versi": s.get("metode", VersiSkm.PERMENPAN_RB_14_2017), "responden": s.get("responden")}
    if obj is None or [*obj.kritik, *obj.saran] != kritik_saran:
        nilai |= {"kritik": [], "saran": kritik_saran}
    obj = tulis.simpan(
        SurveiSkm, {"kecamatan": kecamatan, "tahun": s["tahun"], "periode": periode}, nilai, jalur, obj
    )
    ada = list(obj.unsur.order_by("urutan", "id"))
    dari_respon = respon.get(obj.pk, {})
    simpan = set()
    for k, u in enumerate(s["unsur"]):
        lama = ada[k] if k < len(ada) else None
        nilai_u = _nilai_unsur(u, k + 1)
        jumlah_respon = dari_respon.get(nilai_u["kode"].lower())
        if (
            lama is not None
            and lama.bentuk == ""
            and jumlah_respon is not None
            and tuple(u.get("jumlah_jawaban", ())) == jumlah_respon
        ):
            # The counts the export derived from the questionnaire responses: they stay derived.
            nilai_u |= dict.fromkeys(UnsurSkm.JUMLAH)
        baris = tulis.simpan(UnsurSkm, {}, nilai_u | {"survei_id": obj.pk}, f"{jalur}.unsur[{k}]", lama)
        simpan.add(baris.pk)
    tulis.hapus_kecuali(obj.unsur.all(), simpan, "unsur", f"{jalur}.unsur")


def _ada_tindak_lanjut(r: dict) -> bool:
    return (
        any(r.get(k) for k in ("tindak_lanjut", "waktu", "penanggung_jawab"))
        or r.get("status", STATUS_BAKU) != STATUS_BAKU
    )


def _tulis_evaluasi(tulis, kecamatan: Kecamatan, e: dict, jalur: str) -> None:
    nilai = {
        "tahun_evaluasi": e.get("tahun_evaluasi"),
        "nomor_surat": e.get("nomor_surat", ""),
        "tanggal": date.fromisoformat(e["tanggal"]) if e.get("tanggal") else None,
    }
    obj = tulis.simpan(
        EvaluasiSakip, {"kecamatan": kecamatan, "tahun_dievaluasi": e["tahun_dievaluasi"]}, nilai, jalur
    )
    ada = list(obj.komponen.order_by("urutan", "id"))
    simpan = set()
    for k, kom in enumerate(e["komponen"]):
        baris = tulis.simpan(
            KomponenSakip,
            {},
            {
                "evaluasi_id": obj.pk,
                "urutan": k + 1,
                "nama": kom["nama"].strip(),
                "bobot": _angka(kom["bobot"]),
                "nilai": _angka(kom["nilai"]),
            },
            f"{jalur}.komponen[{k}]",
            ada[k] if k < len(ada) else None,
        )
        simpan.add(baris.pk)
    tulis.hapus_kecuali(obj.komponen.all(), simpan, "komponen", f"{jalur}.komponen")

    ada_r = list(obj.rekomendasi.select_related("tindak_lanjut").order_by("urutan", "id"))
    simpan = set()
    for k, r in enumerate(e.get("rekomendasi", [])):
        jr = f"{jalur}.rekomendasi[{k}]"
        lama = ada_r[k] if k < len(ada_r) else None
        baris = tulis.simpan(
            RekomendasiSakip,
            {},
            {
                "evaluasi_id": obj.pk,
                "urutan": k + 1,
                "komponen": r.get("komponen", "").strip(),
                "uraian": r["uraian"],
            },
            jr,
            lama,
        )
        simpan.add(baris.pk)
        tl = TindakLanjut.objects.filter(rekomendasi=baris).first()
        if _ada_tindak_lanjut(r):
            tulis.simpan(
                TindakLanjut,
                {},
                {
                    "rekomendasi_id": baris.pk,
                    "uraian": r.get("tindak_lanjut", ""),
                    "waktu": r.get("waktu", ""),
                    "penanggung_jawab": r.get("penanggung_jawab", ""),
                    "status": r.get("status", STATUS_BAKU),
                },
                f"{jr}.tindak_lanjut",
                tl,
            )
        elif tl is not None:
            tulis.hapus_kecuali(
                TindakLanjut.objects.filter(pk=tl.pk), set(), "tindak lanjut", f"{jr}.tindak_lanjut"
            )
    # The document's recommendations are the evaluation's: a removed one takes its tindak lanjut along.
    tulis.hapus_kecuali(
        TindakLanjut.objects.filter(rekomendasi__evaluasi=obj).exclude(rekomendasi__in=simpan),
        set(),
        "tindak lanjut",
        f"{jalur}.rekomendasi",
    )
    tulis.hapus_kecuali(obj.rekomendasi.all(), simpan, "rekomendasi", f"{jalur}.rekomendasi")


def skm_sakip_tulis(tulis, kecamatan: Kecamatan, dok: dict) -> list[str]:
    """Check and write the document's `skm` and `evaluasi_sakip` with the import's writer
    (`tulis`, impor._Penulis), inside its transaction. Returns the warnings; any error raises the
    import's failure (nothing written)."""
    from laporan.interchange.impor import _ImporGagal

    galat, peringatan = periksa_skm_sakip(dok)
    if galat:
        raise _ImporGagal(galat)
    survei = dok.get("skm", [])
    respon = hitung_respon(
        SurveiSkm.objects.filter(kecamatan=kecamatan, tahun__in={s["tahun"] for s in survei}).values_list(
            "pk", flat=True
        )
    )
    for i, s in enumerate(survei):
        _tulis_survei(tulis, kecamatan, s, f"$.skm[{i}]", respon)
    for i, e in enumerate(dok.get("evaluasi_sakip", [])):
        _tulis_evaluasi(tulis, kecamatan, e, f"$.evaluasi_sakip[{i}]")
    return peringatan


def impor_skm_sakip(dok: dict, *, kecamatan: Kecamatan, pengguna=None, alasan: str | None = None):
    """Import only these two parts into an existing kecamatan (schema of the parts, rules, then an
    atomic write): a HasilImpor. The same code path impor_lkjip runs for them."""
    from django.db import transaction

    from laporan.interchange.impor import ALASAN, HasilImpor, _ImporGagal, _Penulis

    hasil = HasilImpor()
    bagian = {k: dok[k] for k in ("skm", "evaluasi_sakip") if k in dok}
    hasil.galat = _validasi_bagian(bagian)
    if hasil.galat:
        return hasil
    tulis = _Penulis(pengguna, alasan or ALASAN)
    try:
        with transaction.atomic():
            hasil.peringatan = skm_sakip_tulis(tulis, kecamatan, bagian)
    except _ImporGagal as e:
        hasil.galat = e.galat
        return hasil
    hasil.baris_berubah = tulis.berubah
    hasil.ringkasan = tulis.ringkasan
    hasil.kecamatan = kecamatan
    return hasil


def _validasi_bagian(bagian: dict) -> list[str]:
    """Schema errors of the two parts alone, with the same `$.skm[0]...` paths as in a whole document."""
    from jsonschema import Draft202012Validator

    from laporan.interchange.skema import pesan, skema

    skema_penuh = skema()

    sub = {
        "$schema": skema_penuh.get("$schema"),
        "$defs": skema_penuh["$defs"],
        "type": "object",
        "properties": {k: skema_penuh["properties"][k] for k in ("skm", "evaluasi_sakip")},
        "additionalProperties": False,
    }
    validator = Draft202012Validator(sub, format_checker=Draft202012Validator.FORMAT_CHECKER)
    galat = sorted(validator.iter_errors(bagian), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{e.json_path}: {pesan(e)}" for e in galat]


# --- export ---------------------------------------------------------------------------------------


def _unsur_ekspor(u, respon: dict) -> dict | None:
    from laporan.interchange.ekspor import angka_json

    if u.nrr is not None:
        return {"nama": u.nama, "nrr": angka_json(u.nrr)}
    if u.jumlah_jawaban is not None:
        return {"nama": u.nama, "jumlah_jawaban": list(u.jumlah_jawaban)}
    if u.distribusi is not None:
        return {"nama": u.nama, "distribusi": [angka_json(p) for p in u.distribusi]}
    jumlah = respon.get(u.kode.lower())
    if jumlah is not None and sum(jumlah):
        return {"nama": u.nama, "jumlah_jawaban": list(jumlah)}
    return None


def skm_sakip_ekspor(kecamatan: Kecamatan) -> dict:
    """The `skm` and `evaluasi_sakip` parts of the kecamatan's document (keys left out when
    empty): only inputs, never IKM, totals or predikat. A survey's answers from the online
    questionnaire are written as `jumlah_jawaban`; unsur without any result are left out (the
    format has no place for them), and so is a survey without any."""
    from laporan.interchange.ekspor import _isi, angka_json

    semua = list(
        SurveiSkm.objects.filter(kecamatan=kecamatan).prefetch_related("unsur").order_by("tahun", "periode")
    )
    urutan_periode = {p: i for i, p in enumerate(SurveiSkm.Periode.values)}
    semua.sort(key=lambda s: (s.tahun, urutan_periode[s.periode]))
    respon = hitung_respon(s.pk for s in semua)
    survei = []
    for s in semua:
        unsur = [
            x
            for u in sorted(s.unsur.all(), key=lambda u: (u.urutan, u.pk))
            if (x := _unsur_ekspor(u, respon.get(s.pk, {})))
        ]
        if not unsur:
            continue
        survei.append(
            _isi(
                {
                    "tahun": s.tahun,
                    "periode": s.periode,
                    "metode": s.versi,
                    "responden": s.responden,
                    "unsur": unsur,
                    "kritik_saran": [*s.kritik, *s.saran],
                }
            )
        )
    evaluasi = []
    qs = (
        EvaluasiSakip.objects.filter(kecamatan=kecamatan)
        .prefetch_related("komponen", "rekomendasi__tindak_lanjut")
        .order_by("tahun_dievaluasi")
    )
    for e in qs:
        rekomendasi = []
        for r in sorted(e.rekomendasi.all(), key=lambda r: (r.urutan, r.pk)):
            tl = getattr(r, "tindak_lanjut", None)
            rekomendasi.append(
                _isi(
                    {
                        "komponen": r.komponen,
                        "uraian": r.uraian,
                        "tindak_lanjut": tl.uraian if tl else None,
                        "waktu": tl.waktu if tl else None,
                        "penanggung_jawab": tl.penanggung_jawab if tl else None,
                        "status": tl.status if tl and tl.status != STATUS_BAKU else None,
                    }
                )
            )
        evaluasi.append(
            _isi(
                {
                    "tahun_evaluasi": e.tahun_evaluasi,
                    "tahun_dievaluasi": e.tahun_dievaluasi,
                    "nomor_surat": e.nomor_surat,
                    "tanggal": e.tanggal.isoformat() if e.tanggal else None,
                    "komponen": [
                        {"nama": k.nama, "bobot": angka_json(k.bobot), "nilai": angka_json(k.nilai)}
                        for k in sorted(e.komponen.all(), key=lambda k: (k.urutan, k.pk))
                    ],
                    "rekomendasi": rekomendasi,
                }
            )
        )
    return _isi({"skm": survei, "evaluasi_sakip": evaluasi})
