"""The report's own parts of an `lkjip-data/1` document (data/SCHEMA.md): `laporan[]` (tempat,
tanggal, narasi; the `analisis` of each year belongs to kinerja and impor.py writes it),
`penghargaan`, `sdm`, `permasalahan` and `isu_strategis`.

`periksa_isi_laporan` adds the rules the schema cannot say (every problem as `$.path: pesan`);
`tulis_isi_laporan` writes through the importer's writer (rows saved only when they change, so a
second import writes nothing); `ekspor_isi_laporan` is the inverse.

Identity on import: a report by `tahun` (its latest yearly version; a report already submitted or
signed is never changed by an import: the import is refused with the reason); its texts by block;
a penghargaan by (`tahun`, `nama`); an SDM line by (`tahun`, `kategori`, uraian); permasalahan and
isu strategis by their position. Penghargaan, SDM lines, permasalahan and isu strategis the
document no longer holds are removed; reports of years the document does not name are left as they
are (a report's texts are never removed by an import).
"""

from __future__ import annotations

from datetime import date

from laporan.kerangka import NARASI_SKEMA
from laporan.models import IsuStrategis, Laporan, Narasi, Penghargaan, Permasalahan, SdmRekap
from laporan.services import laporan_terkunci
from lkjip.models import Kecamatan

KOLOM_LAPORAN = ("tempat", "tanggal", "narasi")
# The kinds of rows these parts write, in the order an import summary lists them.
JENIS_BARIS_LAPORAN = (Laporan, Narasi, Penghargaan, SdmRekap, Permasalahan, IsuStrategis)
TINGKAT = tuple(Penghargaan.Tingkat.values)


def _kosong(teks) -> bool:
    return not isinstance(teks, str) or not teks.strip()


# --- rules --------------------------------------------------------------------------------------


def periksa_isi_laporan(dok: dict) -> list[str]:
    """The rules of these parts that the schema cannot say."""
    galat: list[str] = []
    for i, lap in enumerate(dok.get("laporan", [])):
        tanggal = lap.get("tanggal")
        if tanggal and date.fromisoformat(tanggal).year < lap["tahun"]:
            galat.append(
                f"$.laporan[{i}].tanggal: tanggal penandatanganan {tanggal} "
                f"sebelum tahun laporan {lap['tahun']}"
            )
    pertama: dict[tuple, int] = {}
    for i, p in enumerate(dok.get("penghargaan", [])):
        jalur = f"$.penghargaan[{i}]"
        if _kosong(p["nama"]):
            galat.append(f"{jalur}.nama: nama penghargaan tidak boleh kosong")
            continue
        if p.get("tingkat") and p["tingkat"] not in TINGKAT:
            pilihan = ", ".join(f'"{t}"' for t in TINGKAT)
            galat.append(f'{jalur}.tingkat: "{p["tingkat"]}" tidak termasuk pilihan yang sah ({pilihan})')
        kunci = (p["tahun"], p["nama"].strip().lower())
        if kunci in pertama:
            galat.append(
                f'{jalur}.nama: "{p["nama"]}" tahun {p["tahun"]} sama dengan $.penghargaan[{pertama[kunci]}]'
            )
        else:
            pertama[kunci] = i
    pertama = {}
    for i, s in enumerate(dok.get("sdm", [])):
        jalur = f"$.sdm[{i}]"
        if _kosong(s["kategori"]):
            galat.append(f"{jalur}.kategori: kategori tidak boleh kosong")
            continue
        kunci = (s["tahun"], _kategori(s["kategori"]))
        if kunci in pertama:
            galat.append(
                f'{jalur}.kategori: kategori "{s["kategori"]}" tahun {s["tahun"]} '
                f"sama dengan $.sdm[{pertama[kunci]}]"
            )
        else:
            pertama[kunci] = i
        if not s["rincian"]:
            galat.append(f"{jalur}.rincian: rincian tidak boleh kosong")
        uraian: dict[str, str] = {}
        for nama in s["rincian"]:
            if _kosong(nama):
                galat.append(f"{jalur}.rincian: uraian tidak boleh kosong")
            elif nama.strip().lower() in uraian:
                galat.append(f'{jalur}.rincian: "{nama}" sama dengan "{uraian[nama.strip().lower()]}"')
            else:
                uraian[nama.strip().lower()] = nama
    for i, p in enumerate(dok.get("permasalahan", [])):
        if _kosong(p["masalah"]):
            galat.append(f"$.permasalahan[{i}].masalah: masalah tidak boleh kosong")
    for i, isu in enumerate(dok.get("isu_strategis", [])):
        if _kosong(isu):
            galat.append(f"$.isu_strategis[{i}]: isu strategis tidak boleh kosong")
    return galat


def _kategori(kategori: str) -> str:
    return kategori.strip().lower().replace(" ", "_")


# --- writing ------------------------------------------------------------------------------------


def _gagal(pesan: list[str]):
    # Imported here: impor.py imports this module.
    from laporan.interchange.impor import _ImporGagal

    return _ImporGagal(pesan)


def _tulis_laporan(tulis, kecamatan: Kecamatan, dok: dict) -> None:
    for i, lap in enumerate(dok.get("laporan", [])):
        if not any(k in lap for k in KOLOM_LAPORAN):
            continue
        jalur = f"$.laporan[{i}]"
        laporan = (
            Laporan.objects.filter(
                kecamatan=kecamatan, tahun=lap["tahun"], jenis=Laporan.Jenis.TAHUNAN, periode=""
            )
            .order_by("-versi")
            .first()
        )
        nilai = {
            "tempat": lap.get("tempat", ""),
            "tanggal": date.fromisoformat(lap["tanggal"]) if lap.get("tanggal") else None,
        }
        teks = {NARASI_SKEMA[k]: v for k, v in lap.get("narasi", {}).items()}
        if laporan is not None and not laporan.bisa_diubah:
            ada = dict(
                Narasi.objects.filter(laporan=laporan, kode__in=NARASI_SKEMA.values()).values_list(
                    "kode", "teks"
                )
            )
            if ada != teks or any(getattr(laporan, k) != v for k, v in nilai.items()):
                laporan.kecamatan = kecamatan
                raise _gagal([f"{jalur}: {laporan_terkunci(laporan)}"])
            continue
        laporan = tulis.simpan(
            Laporan,
            {"kecamatan": kecamatan, "tahun": lap["tahun"], "jenis": Laporan.Jenis.TAHUNAN, "periode": ""},
            nilai,
            jalur,
            laporan,
        )
        ada = {n.kode: n for n in Narasi.objects.filter(laporan=laporan)}
        simpan = set()
        for kunci_skema, isi in lap.get("narasi", {}).items():
            kode = NARASI_SKEMA[kunci_skema]
            obj = tulis.simpan(
                Narasi,
                {"laporan": laporan, "kode": kode},
                {"teks": isi},
                f"{jalur}.narasi.{kunci_skema}",
                ada.get(kode),
            )
            simpan.add(obj.pk)
        # Only the texts the format can hold: texts of other blocks stay as they are.
        tulis.hapus_kecuali(
            Narasi.objects.filter(laporan=laporan, kode__in=NARASI_SKEMA.values()),
            simpan,
            "narasi",
            f"{jalur}.narasi",
        )


def _tulis_penghargaan(tulis, kecamatan: Kecamatan, dok: dict) -> None:
    ada = {(p.tahun, p.nama.strip().lower()): p for p in Penghargaan.objects.filter(kecamatan=kecamatan)}
    simpan = set()
    for i, p in enumerate(dok.get("penghargaan", [])):
        obj = tulis.simpan(
            Penghargaan,
            {"kecamatan": kecamatan, "tahun": p["tahun"], "nama__iexact": p["nama"]},
            {
                "nama": p["nama"],
                "pemberi": p.get("pemberi", ""),
                "tingkat": p.get("tingkat", ""),
                "penerima": p.get("penerima", ""),
                "urutan": i,
            },
            f"$.penghargaan[{i}]",
            ada.get((p["tahun"], p["nama"].strip().lower())),
        )
        simpan.add(obj.pk)
    tulis.hapus_kecuali(
        Penghargaan.objects.filter(kecamatan=kecamatan), simpan, "penghargaan", "$.penghargaan"
    )


def _tulis_sdm(tulis, kecamatan: Kecamatan, dok: dict) -> None:
    ada = {(b.tahun, b.kategori, b.uraian.lower()): b for b in SdmRekap.objects.filter(kecamatan=kecamatan)}
    simpan = set()
    urutan = 0
    for i, s in enumerate(dok.get("sdm", [])):
        kategori = _kategori(s["kategori"])
        for uraian, jumlah in s["rincian"].items():
            obj = tulis.simpan(
                SdmRekap,
                {"kecamatan": kecamatan, "tahun": s["tahun"], "kategori": kategori, "uraian__iexact": uraian},
                {"uraian": uraian, "jumlah": jumlah, "urutan": urutan},
                f"$.sdm[{i}].rincian{_kunci(uraian)}",
                ada.get((s["tahun"], kategori, uraian.lower())),
            )
            simpan.add(obj.pk)
            urutan += 1
    tulis.hapus_kecuali(SdmRekap.objects.filter(kecamatan=kecamatan), simpan, "baris SDM", "$.sdm")


def _kunci(nama: str) -> str:
    from laporan.interchange.skema import kunci

    return kunci(nama)


def _tulis_permasalahan(tulis, kecamatan: Kecamatan, dok: dict) -> None:
    ada = list(Permasalahan.objects.filter(kecamatan=kecamatan))
    simpan = set()
    for i, p in enumerate(dok.get("permasalahan", [])):
        obj = tulis.simpan(
            Permasalahan,
            {"kecamatan": kecamatan},
            {
                "pokok_masalah": p.get("pokok_masalah", ""),
                "masalah": p["masalah"],
                "akar_masalah": p.get("akar_masalah", ""),
                "urutan": i,
            },
            f"$.permasalahan[{i}]",
            ada[i] if i < len(ada) else None,
        )
        simpan.add(obj.pk)
    tulis.hapus_kecuali(
        Permasalahan.objects.filter(kecamatan=kecamatan), simpan, "permasalahan", "$.permasalahan"
    )

    ada = list(IsuStrategis.objects.filter(kecamatan=kecamatan))
    simpan = set()
    for i, uraian in enumerate(dok.get("isu_strategis", [])):
        obj = tulis.simpan(
            IsuStrategis,
            {"kecamatan": kecamatan},
            {"uraian": uraian, "urutan": i},
            f"$.isu_strategis[{i}]",
            ada[i] if i < len(ada) else None,
        )
        simpan.add(obj.pk)
    tulis.hapus_kecuali(
        IsuStrategis.objects.filter(kecamatan=kecamatan), simpan, "isu strategis", "$.isu_strategis"
    )


def tulis_isi_laporan(tulis, kecamatan: Kecamatan, dok: dict) -> None:
    """Write these parts with the importer's writer (impor._Penulis): inside its transaction, rows
    saved only when they change, `$.path` on every refusal."""
    _tulis_laporan(tulis, kecamatan, dok)
    _tulis_penghargaan(tulis, kecamatan, dok)
    _tulis_sdm(tulis, kecamatan, dok)
    _tulis_permasalahan(tulis, kecamatan, dok)


# --- export -------------------------------------------------------------------------------------


def _isi(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _ekspor_laporan(kecamatan: Kecamatan) -> dict[int, dict]:
    """The latest yearly version of each year's report: tempat, tanggal and the texts the format
    holds (a text stored empty is exported empty: it differs from "use the default")."""
    terbaru: dict[int, Laporan] = {}
    for lap in Laporan.objects.filter(kecamatan=kecamatan, jenis=Laporan.Jenis.TAHUNAN, periode="").order_by(
        "tahun", "versi"
    ):
        terbaru[lap.tahun] = lap
    kunci_skema = {kode: k for k, kode in NARASI_SKEMA.items()}
    teks: dict[int, dict[str, str]] = {}
    for n in Narasi.objects.filter(laporan__in=terbaru.values(), kode__in=kunci_skema).order_by("laporan_id"):
        teks.setdefault(n.laporan_id, {})[n.kode] = n.teks
    hasil = {}
    for tahun, lap in terbaru.items():
        ada = teks.get(lap.pk, {})
        narasi = {k: ada[kode] for k, kode in NARASI_SKEMA.items() if kode in ada}
        isi = _isi({"tempat": lap.tempat, "tanggal": lap.tanggal.isoformat() if lap.tanggal else None}) | (
            {"narasi": narasi} if narasi else {}
        )
        if isi:
            hasil[tahun] = isi
    return hasil


def ekspor_isi_laporan(kecamatan: Kecamatan, laporan: list[dict]) -> dict:
    """These parts of the kecamatan as document keys; `laporan` is the exporter's list of yearly
    analyses ({"tahun", "analisis"}), merged by year with the reports' tempat, tanggal and texts."""
    per_tahun = {lap["tahun"]: dict(lap) for lap in laporan}
    for tahun, isi in _ekspor_laporan(kecamatan).items():
        per_tahun.setdefault(tahun, {"tahun": tahun}).update(isi)
    gabung = [
        {"tahun": t, **{k: v for k, v in isi.items() if k != "tahun"}} for t, isi in sorted(per_tahun.items())
    ]

    sdm: list[dict] = []
    entri: dict[tuple[int, str], dict] = {}
    for b in SdmRekap.objects.filter(kecamatan=kecamatan).order_by("urutan", "id"):
        kunci = (b.tahun, b.kategori)
        if kunci not in entri:
            entri[kunci] = {"tahun": b.tahun, "kategori": b.kategori, "rincian": {}}
            sdm.append(entri[kunci])
        entri[kunci]["rincian"][b.uraian] = b.jumlah

    return _isi(
        {
            "penghargaan": [
                _isi(
                    {
                        "tahun": p.tahun,
                        "nama": p.nama,
                        "pemberi": p.pemberi,
                        "tingkat": p.tingkat,
                        "penerima": p.penerima,
                    }
                )
                for p in Penghargaan.objects.filter(kecamatan=kecamatan).order_by("urutan", "id")
            ],
            "sdm": sdm,
            "permasalahan": [
                _isi({"pokok_masalah": p.pokok_masalah, "masalah": p.masalah, "akar_masalah": p.akar_masalah})
                for p in Permasalahan.objects.filter(kecamatan=kecamatan)
            ],
            "isu_strategis": list(
                IsuStrategis.objects.filter(kecamatan=kecamatan).values_list("uraian", flat=True)
            ),
            "laporan": gabung,
        }
    )
