"""Benchmark: signing a demo LKjIP from the camat's click to the stored signed PDF.

    .venv/bin/python bench/tandatangan_laporan.py [--ulang 3] [--ukuran-kunci 3072]

Creates a throwaway SQLite database and media folder (migrate + muat_demo + buat_sertifikat_demo,
RSA 3072 as `make run` makes them), then, in a fresh process, signs Ajibarang 2020 `--ulang` times
through the services the pages call, each time as a new version (operator submits, camat approves,
camat signs, operator opens a revision):
- setujui: the preconditions and warnings, then the background task (immediate backend: it runs
  inside the call, as `db_worker` would) renders the final PDF with its QR code and stores it;
- tanda tangan: read the stored PDF, open the PKCS#12 with the passphrase, PAdES B-B, store the
  signed bytes and their SHA-256.
Prints each step's fastest and slowest run, the whole click-to-stored time, the peak Python heap of
one signing (tracemalloc) and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
KECAMATAN, TAHUN = "Ajibarang", 2020
FRASA = "demo12345"


def _django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["LKJIP_MEDIA_ROOT"] = str(folder / "media")
    os.environ["LKJIP_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()


def siapkan(folder: Path, ukuran_kunci: int) -> None:
    _django(folder)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("muat_demo", stdout=io.StringIO())
    call_command("buat_sertifikat_demo", "--ukuran-kunci", str(ukuran_kunci), stdout=io.StringIO())


def ukur(folder: Path, ulang: int) -> dict:
    _django(folder)
    from django.contrib.auth import get_user_model
    from pypdf import PdfReader

    from laporan import services
    from laporan.models import DokumenFinal
    from lkjip.models import Kecamatan

    pengguna = get_user_model().objects
    operator = pengguna.get(username="operator.ajibarang")
    camat = pengguna.get(username="camat.ajibarang")
    kecamatan = Kecamatan.objects.select_related("kabupaten").get(nama=KECAMATAN)
    setujui, tandatangani, heap = [], [], []
    dokumen = None
    for n in range(ulang):
        if n:
            services.laporan_revisi(user=operator, kecamatan=kecamatan, tahun=TAHUN, alasan="Benchmark")
        services.laporan_ajukan(user=operator, kecamatan=kecamatan, tahun=TAHUN)
        awal = time.perf_counter()
        dokumen = services.laporan_setujui(
            user=camat, kecamatan=kecamatan, tahun=TAHUN, peringatan_diakui=True
        )
        setujui.append(time.perf_counter() - awal)
        dokumen.refresh_from_db()
        assert dokumen.status == DokumenFinal.Status.SIAP, dokumen.pesan
        tracemalloc.start()
        awal = time.perf_counter()
        dokumen = services.laporan_tandatangani(
            user=camat, kecamatan=kecamatan, tahun=TAHUN, frasa_sandi=FRASA
        )
        tandatangani.append(time.perf_counter() - awal)
        heap.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    pdf = dokumen.berkas.open("rb").read()
    total = [a + b for a, b in zip(setujui, tandatangani, strict=True)]
    return {
        "halaman": len(PdfReader(io.BytesIO(pdf)).pages),
        "kb": len(pdf) // 1024,
        "setujui": (min(setujui), max(setujui)),
        "tandatangani": (min(tandatangani), max(tandatangani)),
        "total": (min(total), max(total)),
        "heap_ttd_mb": max(heap) / 1024 / 1024,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--ukuran-kunci", type=int, default=3072)
    parser.add_argument("--_ukur", metavar="FOLDER", help=argparse.SUPPRESS)
    opsi = parser.parse_args()
    if opsi._ukur:
        print(json.dumps(ukur(Path(opsi._ukur), opsi.ulang)))
        return
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-ttd-") as nama:
        folder = Path(nama)
        mulai = time.perf_counter()
        siapkan(folder, opsi.ukuran_kunci)
        print(
            f"Basis data sementara (migrate + muat_demo + buat_sertifikat_demo RSA {opsi.ukuran_kunci}): "
            f"{time.perf_counter() - mulai:.1f} s"
        )
        keluaran = subprocess.run(
            [sys.executable, __file__, "--ulang", str(opsi.ulang), "--_ukur", str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(keluaran.stdout.strip().splitlines()[-1])
        ukuran = f"{r['halaman']} halaman, {r['kb']} KB bertanda tangan"
        print(f"LKjIP {KECAMATAN} {TAHUN}: {ukuran}, {opsi.ulang} kali")
        for kunci, label in (
            ("setujui", "setujui (syarat + susun PDF final)"),
            ("tandatangani", "tanda tangan (PKCS#12 + PAdES + simpan)"),
            ("total", "klik sampai PDF bertanda tangan tersimpan"),
        ):
            cepat, lambat = r[kunci]
            print(f"  {label:<44} {cepat:6.2f} s  (terlambat {lambat:.2f} s)")
        print(f"  heap Python puncak saat tanda tangan       {r['heap_ttd_mb']:6.1f} MB")
        print(f"  RSS puncak proses                          {r['rss_mb']:6.0f} MB")


if __name__ == "__main__":
    main()
