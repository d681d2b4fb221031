"""Benchmark: the three demo LKjIP reports to PDF, our pipeline against WeasyPrint alone.

    .venv/bin/python bench/pdf.py [--ulang 3]

Creates a throwaway SQLite database (migrate + muat_demo) in a temporary folder, then measures each
report in a fresh process, so peak memory is that report's own:
- ours: konteks_laporan + render_html + WeasyPrint (what the PDF view and `cetak_lkjip` do);
- WeasyPrint alone: the same HTML string to PDF (`laporan.pdf.pdf_dari_html`).
Both run once untimed first (fonts, caches), then `--ulang` times each. Prints per report: pages,
the fastest run of our pipeline, WeasyPrint's fastest and slowest run on the same HTML (runs of the
same call differ by several tenths of a second on a busy machine), the fastest konteks + HTML step,
our overhead (that step in percent of WeasyPrint's fastest run) and the process's peak RSS. Goal:
overhead at most 15 %.
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
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
LAPORAN = (("Ajibarang", 2020), ("Purwareja Klampok", 2024), ("Aluh Aluh", 2022))
TARGET_OVERHEAD = 15.0


def _django(basis_data: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{basis_data}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()


def siapkan(basis_data: Path) -> None:
    _django(basis_data)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("muat_demo", stdout=io.StringIO())


def ukur(basis_data: Path, nama: str, tahun: int, ulang: int) -> dict:
    """One report in this process (started fresh by `main`)."""
    _django(basis_data)
    from pypdf import PdfReader

    from laporan.konteks import konteks_laporan
    from laporan.pdf import pdf_dari_html, render_html
    from lkjip.models import Kecamatan

    kecamatan = Kecamatan.objects.select_related("kabupaten").get(nama=nama)

    def kita() -> tuple[bytes, str, float, float]:
        """Our pipeline: (pdf, html, seconds of konteks + html, seconds of the PDF step)."""
        awal = time.perf_counter()
        konteks = konteks_laporan(kecamatan, tahun)
        html = render_html(konteks)
        tengah = time.perf_counter()
        pdf = pdf_dari_html(html)
        return pdf, html, tengah - awal, time.perf_counter() - tengah

    pdf, html, _, _ = kita()
    pdf_dari_html(html)
    total, konteks_html, weasy = [], [], []
    for _ in range(ulang):
        _, _, k, p = kita()
        total.append(k + p)
        konteks_html.append(k)
        weasy.append(p)
        awal = time.perf_counter()
        pdf_dari_html(html)
        weasy.append(time.perf_counter() - awal)
    return {
        "laporan": f"{nama} {tahun}",
        "halaman": len(PdfReader(io.BytesIO(pdf)).pages),
        "kb": len(pdf) // 1024,
        "kita": min(total),
        "konteks_html": min(konteks_html),
        "weasyprint": min(weasy),
        "weasyprint_maks": max(weasy),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--_satu", nargs=3, metavar=("DB", "NAMA", "TAHUN"), help=argparse.SUPPRESS)
    opsi = parser.parse_args()
    if opsi._satu:
        db, nama, tahun = opsi._satu
        print(json.dumps(ukur(Path(db), nama, int(tahun), opsi.ulang)))
        return

    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as folder:
        db = Path(folder) / "bench.sqlite3"
        mulai = time.perf_counter()
        siapkan(db)
        print(f"Basis data sementara {db} (migrate + muat_demo): {time.perf_counter() - mulai:.1f} s")
        print(
            f"{'laporan':<24} {'hlm':>4} {'KB':>5} {'kita (s)':>9} {'WeasyPrint (s)':>15} "
            f"{'konteks+html (s)':>17} {'overhead':>9} {'RSS puncak':>11}"
        )
        hasil = []
        for nama, tahun in LAPORAN:
            keluaran = subprocess.run(
                [sys.executable, __file__, "--ulang", str(opsi.ulang), "--_satu", str(db), nama, str(tahun)],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(keluaran.stdout.strip().splitlines()[-1])
            # The PDF step is the same WeasyPrint call in both; our overhead is what runs before it.
            persen = r["konteks_html"] / r["weasyprint"] * 100
            hasil.append(persen)
            print(
                f"{r['laporan']:<24} {r['halaman']:>4} {r['kb']:>5} {r['kita']:>9.2f} "
                f"{r['weasyprint']:>8.2f}-{r['weasyprint_maks']:<6.2f} {r['konteks_html']:>17.3f} "
                f"{persen:>8.1f}% {r['rss_mb']:>8.0f} MB"
            )
        terburuk = max(hasil)
        status = "tercapai" if terburuk <= TARGET_OVERHEAD else "TIDAK tercapai"
        print(f"Overhead terbesar {terburuk:.1f} % (sasaran <= {TARGET_OVERHEAD:.0f} %): {status}.")


if __name__ == "__main__":
    main()
