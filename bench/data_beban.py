"""Data for the load test (bench/beban.py): one kabupaten of 30 kecamatan with 5 years of data.

    DATABASE_URL=... .venv/bin/python bench/data_beban.py [--kecamatan 30]

Every kecamatan is an `lkjip-data/1` document built from the real Ajibarang document of data/demo
(its Renstra tree of tujuan, sasaran and 9 indicators) and imported with the interchange importer
(laporan.interchange.impor.impor_lkjip), so the rows are exactly what an import writes, history
included. Per kecamatan: a Renstra 2022-2026 with yearly targets; a PK (murni) per year with
triwulan targets and its programs; realisasi per year with four triwulan values (2026, the running
year, up to TW III and 'sementara'); a budget tree per year (program > kegiatan > sub kegiatan, pagu
and realisasi, output indicators); the report texts and analysis per year; SDM per year. Values
vary per kecamatan and year (seeded, so every run makes the same data). The first document
creates the kabupaten; the others are imported by --proses forked processes (each document in
its own transaction, as an upload would be).

Accounts (password SANDI): operator.<kecamatan> and camat.<kecamatan> per kecamatan,
inspektorat-1..N and admin of the kabupaten; one password hash is computed once and shared.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
TEMPLAT = AKAR / "data" / "demo" / "000_50ea6dba58a8a3bd.json"  # Ajibarang, Banyumas
KABUPATEN = "Uji Beban"
TAHUN = (2022, 2023, 2024, 2025, 2026)
TAHUN_BERJALAN = 2026  # realisasi up to TW III, status sementara
SANDI = "beban-uji-12345"
JUMLAH_INSPEKTORAT = 5
NAMA = (
    "Sukamaju", "Sukamulya", "Sindangsari", "Karangsari", "Tegalrejo", "Sumberejo", "Mekarsari",
    "Cibeureum", "Purwodadi", "Wonosari", "Kedungjati", "Banjarsari", "Margamulya", "Sidomulyo",
    "Pagerwangi", "Tanjungsari", "Jatiluhur", "Rawamerta", "Cisarua", "Gunungsari", "Kalibening",
    "Sukoharjo", "Ngargoyoso", "Bojongsari", "Kertajaya", "Selomerto", "Winong", "Pangandaran",
    "Tambakrejo", "Sumbersari",
)  # fmt: skip
DUA = Decimal("0.01")


def nama_kecamatan(nomor: int) -> str:
    """Realistic-looking, unique for any number: 'Sukamaju', ..., then 'Sukamaju 2'."""
    dasar = NAMA[nomor % len(NAMA)]
    putaran = nomor // len(NAMA)
    return dasar if putaran == 0 else f"{dasar} {putaran + 1}"


def _d(x) -> Decimal:
    return Decimal(str(x)).quantize(DUA, rounding=ROUND_HALF_UP)


def _j(d: Decimal) -> float | int:
    """A Decimal as a JSON number (the importer reads numbers)."""
    return int(d) if d == d.to_integral_value() else float(d)


def _bagi4(total: Decimal) -> list[Decimal]:
    """Four parts summing exactly to `total` (a cumulative indicator's triwulan)."""
    q = (total / 4).quantize(DUA, rounding=ROUND_HALF_UP)
    return [q, q, q, total - 3 * q]


def _naik(akhir: Decimal) -> list[Decimal]:
    """Four values rising to `akhir` (a non-cumulative indicator: the year is the last period)."""
    return [_d(akhir * Decimal(f)) for f in ("0.70", "0.80", "0.90")] + [akhir]


def _indikator_sasaran(renstra: dict) -> list[dict]:
    return [i for t in renstra["tujuan"] for s in t["sasaran"] for i in s["indikator"]]


def dokumen(nomor: int, templat: dict) -> dict:
    """The document of kecamatan `nomor` (0-based)."""
    acak = random.Random(1000 + nomor)
    nama = nama_kecamatan(nomor)
    dok = copy.deepcopy(templat)
    dok["kabupaten"] = {
        "nama": KABUPATEN,
        "provinsi": "Jawa Tengah",
        "kepala_daerah": {"nama": "Drs. BUPATI UJI BEBAN", "jabatan": f"Bupati {KABUPATEN}"},
        "skala_capaian": templat["kabupaten"]["skala_capaian"],
    }
    kec = dok["kecamatan"]
    kec["nama"] = nama
    kec["kepala"] = {
        "nama": f"CAMAT {nama.upper()}, S.Sos.",
        "jabatan": f"Camat {nama}",
        "nip": f"19700101199{nomor % 10}0{nomor % 9 + 1}1{nomor:03d}"[:18].ljust(18, "1"),
        "pangkat": "Pembina Tingkat I",
    }
    kec["profil"] = {k: int(v * acak.uniform(0.6, 1.4)) for k, v in kec["profil"].items()}
    kec["tugas_fungsi"] = kec["tugas_fungsi"].replace("Banyumas", KABUPATEN)
    kepala = kec["kepala"]

    renstra = dok["renstra"]
    renstra["tahun_awal"], renstra["tahun_akhir"] = TAHUN[0], TAHUN[-1]
    renstra["dasar"] = f"RPJMD Kabupaten {KABUPATEN} periode {TAHUN[0]}–{TAHUN[-1]}"
    target_pk: dict[int, list[dict]] = {t: [] for t in TAHUN}
    for ind in _indikator_sasaran(renstra):
        persen = ind["satuan"] == "%"
        dasar = Decimal(str(ind["target"]["2019"]))
        ind["target"], ind["realisasi"] = {}, {}
        for urut, tahun in enumerate(TAHUN):
            target = min(Decimal(100), dasar + urut) if persen else dasar + urut
            target = _d(target)
            nilai = _d(target * Decimal(str(acak.uniform(0.9, 1.08))))
            if persen:
                nilai = min(nilai, Decimal(100))
            ind["target"][str(tahun)] = _j(target)
            tw = _bagi4(nilai) if ind.get("kumulatif") else _naik(nilai)
            if tahun == TAHUN_BERJALAN:
                tw = tw[:3]
                nilai = sum(tw) if ind.get("kumulatif") else tw[2]
                ind["realisasi"][str(tahun)] = {
                    "nilai": _j(nilai),
                    "status": "sementara",
                    "keterangan": "Sampai dengan TW III",
                    "triwulan": [_j(x) for x in tw] + [None],
                }
            else:
                ind["realisasi"][str(tahun)] = {
                    "nilai": _j(nilai),
                    "status": "final",
                    "triwulan": [_j(x) for x in tw],
                }
            tw_target = _bagi4(target) if ind.get("kumulatif") else _naik(target)
            target_pk[tahun].append(
                {"kode": ind["kode"], "target": _j(target), "target_triwulan": [_j(x) for x in tw_target]}
            )
        ind["target_akhir"] = ind["target"][str(TAHUN[-1])]

    nama_program = [p["nama"] for p in templat["perjanjian_kinerja"][-1]["program"]]
    kode_sasaran = [s["kode"] for t in renstra["tujuan"] for s in t["sasaran"]]
    dok["perjanjian_kinerja"], dok["anggaran"], dok["laporan"], dok["sdm"] = [], [], [], []
    laporan_contoh = templat["laporan"][0]
    for tahun in TAHUN:
        program, program_pk = [], []
        total_pagu = total_real = Decimal(0)
        for p, nama_p in enumerate(nama_program):
            kegiatan = []
            pagu_p = Decimal(0)
            for k in range(2):
                sub = []
                for s in range(2):
                    pagu = Decimal(acak.randrange(5_000_000, 250_000_000, 1000))
                    serapan = acak.uniform(0.6, 0.8) if tahun == TAHUN_BERJALAN else acak.uniform(0.85, 0.995)
                    real = Decimal(int(pagu * Decimal(str(serapan))))
                    sub.append(
                        {
                            "kode": f"7.01.{p + 1:02d}.2.{k + 1:02d}.{s + 1:04d}",
                            "nama": f"Sub kegiatan {p + 1}.{k + 1}.{s + 1} {nama}",
                            "pagu": _j(pagu),
                            "realisasi": _j(real),
                            "indikator": [
                                {
                                    "nama": "Dokumen yang tersusun",
                                    "satuan": "dokumen",
                                    "target": 4,
                                    "realisasi": 4,
                                }
                            ],
                        }
                    )
                    pagu_p += pagu
                    total_pagu += pagu
                    total_real += real
                kegiatan.append(
                    {
                        "kode": f"7.01.{p + 1:02d}.2.{k + 1:02d}",
                        "nama": f"Kegiatan {p + 1}.{k + 1}",
                        "sub_kegiatan": sub,
                    }
                )
            program.append(
                {
                    "kode": f"7.01.{p + 1:02d}",
                    "nama": nama_p,
                    "sasaran": [kode_sasaran[p % len(kode_sasaran)]],
                    "kegiatan": kegiatan,
                }
            )
            program_pk.append(
                {"kode": f"7.01.{p + 1:02d}", "nama": nama_p, "anggaran": _j(pagu_p), "sumber": "APBD"}
            )
        operasi = _d(total_pagu * Decimal("0.8")).to_integral_value()
        operasi_real = _d(total_real * Decimal("0.8")).to_integral_value()
        dok["anggaran"].append(
            {
                "tahun": tahun,
                "belanja": [
                    {"jenis": "Belanja Operasi", "pagu": _j(operasi), "realisasi": _j(operasi_real)},
                    {
                        "jenis": "Belanja Modal",
                        "pagu": _j(total_pagu - operasi),
                        "realisasi": _j(total_real - operasi_real),
                    },
                ],
                "program": program,
            }
        )
        dok["perjanjian_kinerja"].append(
            {
                "tahun": tahun,
                "jenis": "murni",
                "tanggal": f"{tahun}-01-04",
                "tempat": nama,
                "pihak_pertama": kepala,
                "pihak_kedua": dok["kabupaten"]["kepala_daerah"],
                "indikator": target_pk[tahun],
                "program": program_pk,
            }
        )
        laporan = copy.deepcopy(laporan_contoh)
        laporan.update(tahun=tahun, tempat=nama, tanggal=f"{tahun + 1}-01-10")
        if tahun == TAHUN_BERJALAN:
            laporan.pop("tanggal")
        dok["laporan"].append(laporan)
        dok["sdm"].append(
            {
                "tahun": tahun,
                "kategori": "status",
                "rincian": {"PNS": acak.randrange(12, 30), "PTT/Tenaga kontrak": acak.randrange(2, 10)},
            }
        )
    return dok


def buat_akun(jumlah_inspektorat: int) -> int:
    """Operator and camat per kecamatan, inspektorat-1..N and one admin of the kabupaten."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils.text import slugify

    from lkjip.models import Kabupaten, Kecamatan, Pejabat, Penugasan

    User = get_user_model()
    sandi = make_password(SANDI)
    kabupaten = Kabupaten.objects.get(nama=KABUPATEN)
    akun, penugasan = [], []
    for kec in Kecamatan.objects.filter(kabupaten=kabupaten).order_by("nama"):
        kepala = kec.pejabat.filter(peran=Pejabat.Peran.KEPALA).order_by("-id").first()
        for peran in (Penugasan.Peran.OPERATOR, Penugasan.Peran.CAMAT):
            user = User(
                username=f"{peran}.{slugify(kec.nama)}", password=sandi, first_name=f"{peran.label} {kec}"
            )
            akun.append(user)
            penugasan.append(
                Penugasan(
                    user=user,
                    peran=peran,
                    kecamatan=kec,
                    pejabat=kepala if peran == Penugasan.Peran.CAMAT else None,
                )
            )
    for i in range(1, jumlah_inspektorat + 1):
        user = User(username=f"inspektorat-{i}", password=sandi, first_name=f"Inspektur {i}")
        akun.append(user)
        penugasan.append(Penugasan(user=user, peran=Penugasan.Peran.INSPEKTORAT, kabupaten=kabupaten))
    admin = User(username="admin.uji-beban", password=sandi, first_name="Admin kabupaten")
    akun.append(admin)
    penugasan.append(Penugasan(user=admin, peran=Penugasan.Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    User.objects.bulk_create(akun)
    for p in penugasan:
        p.user_id = p.user.pk
    Penugasan.objects.bulk_create(penugasan)
    return len(akun)


def _impor(nomor: int) -> tuple[int, list[str], int]:
    """Import the document of kecamatan `nomor`: (nomor, errors, rows created)."""
    from laporan.interchange.impor import impor_lkjip

    templat = json.loads(TEMPLAT.read_text(encoding="utf-8"))
    hasil = impor_lkjip(dokumen(nomor, templat), alasan="Data uji beban")
    return nomor, hasil.galat[:20], sum(r.get("dibuat", 0) for r in hasil.ringkasan.values())


def muat(
    jumlah_kecamatan: int = 30, jumlah_inspektorat: int = JUMLAH_INSPEKTORAT, proses: int = 2, cetak=print
) -> dict:
    """Import the documents and create the accounts (django set up, database migrated). The first
    document creates the kabupaten; the others are imported by `proses` forked processes."""
    import multiprocessing

    from django.db import connections

    mulai = time.perf_counter()
    baris = 0
    nomor_lain = range(1, jumlah_kecamatan)
    hasil = [_impor(0)]
    connections.close_all()  # the forked processes open their own
    if proses > 1 and jumlah_kecamatan > 2:
        with multiprocessing.get_context("fork").Pool(proses) as pool:
            for i, h in enumerate(pool.imap_unordered(_impor, nomor_lain), start=2):
                hasil.append(h)
                if i % 10 == 0:
                    cetak(f"  {i} kecamatan diimpor ({time.perf_counter() - mulai:.0f} s)")
    else:
        hasil += [_impor(n) for n in nomor_lain]
    for nomor, galat, dibuat in hasil:
        if galat:
            raise SystemExit(f"Dokumen kecamatan {nomor} ditolak:\n" + "\n".join(galat))
        baris += dibuat
    akun = buat_akun(jumlah_inspektorat)
    return {"kecamatan": jumlah_kecamatan, "baris": baris, "akun": akun, "detik": time.perf_counter() - mulai}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kecamatan", type=int, default=30)
    parser.add_argument("--inspektorat", type=int, default=JUMLAH_INSPEKTORAT)
    parser.add_argument("--proses", type=int, default=2, help="proses impor paralel")
    parser.add_argument("--dokumen", type=int, metavar="N", help="print document N as JSON and stop")
    opsi = parser.parse_args()
    if opsi.dokumen is not None:
        print(json.dumps(dokumen(opsi.dokumen, json.loads(TEMPLAT.read_text(encoding="utf-8"))), indent=1))
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()
    r = muat(opsi.kecamatan, opsi.inspektorat, opsi.proses)
    print(f"{r['kecamatan']} kecamatan, {r['baris']} baris, {r['akun']} akun dalam {r['detik']:.1f} s")


if __name__ == "__main__":
    main()
