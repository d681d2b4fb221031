"""Benchmark: signing a report-sized PDF with the local PAdES B-B backend, and verifying it.

    .venv/bin/python bench/tandatangan.py [--pdf BERKAS.pdf] [--ulang 20] [--halaman 40]

Without --pdf, a ~40-page PDF (headings, paragraphs, a table per page) is rendered with WeasyPrint.
A demo CA and a camat certificate (RSA 3072, as `buat_sertifikat_demo` makes them) are created in a
temporary MEDIA_ROOT. Each signature is timed as one request does it: open the PKCS#12 with the
passphrase, sign, return the bytes. Prints the median of `--ulang` runs and the peak memory of one
signature (Python heap via tracemalloc) and of the process (peak RSS; the sample PDF is rendered
in a child process so that WeasyPrint does not count).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings")

import django  # noqa: E402

django.setup()

from django.test import override_settings  # noqa: E402

from laporan.tandatangan import ca  # noqa: E402
from laporan.tandatangan.berkas import lokasi_ca, tulis_atomik  # noqa: E402
from laporan.tandatangan.penanda import PenandaTanganLokal, simpan_sertifikat  # noqa: E402
from laporan.tandatangan.verifikasi import periksa_pdf  # noqa: E402

FRASA = "demo12345"
PEJABAT_ID = 1


def pdf_contoh(halaman: int) -> bytes:
    from weasyprint import HTML

    baris = "".join(
        f"<tr><td>{i}</td><td>Indikator kinerja {i}</td><td>85,78</td><td>86,48</td><td>100,82 %</td></tr>"
        for i in range(1, 13)
    )
    paragraf = (
        "<p>Capaian kinerja Kecamatan pada tahun 2021 diukur dengan membandingkan realisasi dengan "
        "target yang ditetapkan dalam Perjanjian Kinerja. Analisis dilakukan per sasaran strategis, "
        "disertai faktor pendukung, faktor penghambat dan langkah perbaikan yang direncanakan.</p>"
    ) * 3
    bab = "".join(
        f'<section style="page-break-after: always"><h2>Bagian {n}</h2>{paragraf}'
        f"<table border='1'><tr><th>No</th><th>Indikator</th><th>Target</th><th>Realisasi</th>"
        f"<th>Capaian</th></tr>{baris}</table></section>"
        for n in range(1, halaman + 1)
    )
    return HTML(string=f"<html><body><h1>LKjIP Kecamatan Contoh 2021</h1>{bab}</body></html>").write_pdf()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="PDF yang ditandatangani (bawaan: dibuat dengan WeasyPrint)")
    parser.add_argument("--ulang", type=int, default=20, help="jumlah pengulangan (bawaan 20)")
    parser.add_argument("--halaman", type=int, default=40, help="jumlah halaman PDF contoh (bawaan 40)")
    parser.add_argument("--buat-pdf", type=Path, help=argparse.SUPPRESS)
    argumen = parser.parse_args()

    if argumen.buat_pdf:
        argumen.buat_pdf.write_bytes(pdf_contoh(argumen.halaman))
        return
    if argumen.pdf:
        pdf = argumen.pdf.read_bytes()
        sumber = str(argumen.pdf)
    else:
        # Rendered in a child process, so that WeasyPrint's memory does not hide the signer's peak.
        with tempfile.TemporaryDirectory() as folder:
            berkas = Path(folder) / "contoh.pdf"
            mulai = time.perf_counter()
            subprocess.run(
                [sys.executable, __file__, "--buat-pdf", str(berkas), "--halaman", str(argumen.halaman)],
                check=True,
            )
            sumber = f"WeasyPrint, dirender dalam {time.perf_counter() - mulai:.2f} s"
            pdf = berkas.read_bytes()
    import pypdf

    jumlah_halaman = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)

    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=Path(media)):
        mulai = time.perf_counter()
        otoritas = ca.buat_ca()
        camat = ca.buat_sertifikat_pejabat(
            otoritas,
            nama="PARSONO, S.Sos., M.Si.",
            nip="196707011992091001",
            organisasi="Pemerintah Kabupaten Banyumas",
            unit="Kecamatan Ajibarang",
        )
        tulis_atomik(lokasi_ca(), ca.pem_sertifikat(otoritas.sertifikat))
        simpan_sertifikat(
            pejabat_id=PEJABAT_ID,
            p12_bytes=ca.ekspor_pkcs12(camat, [otoritas.sertifikat], frasa_sandi=FRASA),
        )
        waktu_ca = time.perf_counter() - mulai

        penanda = PenandaTanganLokal()

        def tandatangani() -> bytes:
            return penanda.tandatangani(
                pdf, pejabat_id=PEJABAT_ID, frasa_sandi=FRASA, alasan="Persetujuan LKjIP", lokasi="Ajibarang"
            )

        rss_awal = peak_rss_mb()
        tandatangani()  # warm-up: imports, first-use caches
        durasi, cpu = [], []
        for _ in range(argumen.ulang):
            mulai, mulai_cpu = time.perf_counter(), time.process_time()
            hasil = tandatangani()
            durasi.append(time.perf_counter() - mulai)
            cpu.append(time.process_time() - mulai_cpu)

        rss_sesudah = peak_rss_mb()
        tracemalloc.start()
        tandatangani()
        _, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        durasi_periksa = []
        for _ in range(argumen.ulang):
            mulai = time.perf_counter()
            verdict = periksa_pdf(hasil)
            durasi_periksa.append(time.perf_counter() - mulai)
        assert verdict.sah and verdict.utuh, verdict.pesan

    print(f"PDF: {len(pdf) / 1024:.0f} KB, {jumlah_halaman} halaman ({sumber})")
    print(f"CA demo + sertifikat camat RSA 3072 dibuat dalam {waktu_ca:.2f} s")
    print(
        f"Tanda tangan (buka PKCS#12 + PAdES B-B), median dari {argumen.ulang}: "
        f"{statistics.median(durasi):.3f} s (min {min(durasi):.3f}, maks {max(durasi):.3f}; "
        f"waktu CPU median {statistics.median(cpu):.3f} s); hasil {len(hasil) / 1024:.0f} KB"
    )
    print(
        f"Memori puncak satu tanda tangan: {puncak / 1024 / 1024:.1f} MB heap Python (tracemalloc); "
        f"RSS puncak proses {rss_sesudah:.0f} MB (naik {rss_sesudah - rss_awal:.0f} MB selama "
        f"{argumen.ulang + 1} tanda tangan)"
    )
    print(f"Verifikasi (periksa_pdf), median dari {argumen.ulang}: {statistics.median(durasi_periksa):.3f} s")


if __name__ == "__main__":
    main()
