"""`manage.py cetak_lkjip --kabupaten NAMA --kecamatan NAMA --tahun N [--triwulan N | --semester N]
-o FILE.pdf`: the LKjIP of a kecamatan as PDF (with --triwulan/--semester the report during the
year, its figures up to the end of that period), for batch use. Names are matched without regard
to case; `-o -` writes the PDF to standard output. What the report still lacks is listed on standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.konteks import konteks_laporan
from lkjip.models import Kabupaten, Kecamatan


def _daftar(nama: list[str]) -> str:
    return ", ".join(nama) if nama else "(belum ada)"


class Command(BaseCommand):
    help = "Mencetak LKjIP satu kecamatan untuk satu tahun ke berkas PDF."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="Nama kabupaten, tanpa kata 'Kabupaten'.")
        parser.add_argument("--kecamatan", required=True, help="Nama kecamatan, tanpa kata 'Kecamatan'.")
        parser.add_argument("--tahun", required=True, type=int, help="Tahun laporan, mis. 2020.")
        periode = parser.add_mutually_exclusive_group()
        periode.add_argument(
            "--triwulan", type=int, choices=range(1, 5), metavar="N", help="Laporan s.d. triwulan N (1-4)."
        )
        periode.add_argument(
            "--semester", type=int, choices=range(1, 3), metavar="N", help="Laporan s.d. semester N (1-2)."
        )
        parser.add_argument(
            "-o", "--output", required=True, help="Berkas PDF yang ditulis; '-' untuk keluaran standar."
        )

    def handle(
        self,
        *args,
        kabupaten: str,
        kecamatan: str,
        tahun: int,
        output: str,
        triwulan: int | None = None,
        semester: int | None = None,
        **opsi,
    ):
        kab = Kabupaten.objects.filter(nama__iexact=kabupaten.strip()).first()
        if kab is None:
            ada = list(Kabupaten.objects.order_by("nama").values_list("nama", flat=True))
            raise CommandError(
                f'Kabupaten "{kabupaten}" tidak ditemukan. Kabupaten yang ada: {_daftar(ada)}.'
            )
        kec = (
            Kecamatan.objects.filter(kabupaten=kab, nama__iexact=kecamatan.strip())
            .select_related("kabupaten")
            .first()
        )
        if kec is None:
            ada = list(kab.kecamatan.order_by("nama").values_list("nama", flat=True))
            raise CommandError(
                f'Kecamatan "{kecamatan}" tidak ditemukan di Kabupaten {kab.nama}. '
                f"Kecamatan yang ada: {_daftar(ada)}."
            )
        if not 2000 <= tahun <= 2100:
            raise CommandError(
                f"Tahun {tahun} tidak masuk akal untuk laporan; isi tahun antara 2000 dan 2100."
            )
        if triwulan is not None:
            konteks = konteks_laporan(kec, tahun, jenis="triwulan", periode=triwulan)
        elif semester is not None:
            konteks = konteks_laporan(kec, tahun, jenis="semester", periode=semester)
        else:
            konteks = konteks_laporan(kec, tahun)
        if konteks.kosong:
            raise CommandError(
                f"Tidak ada data LKjIP Kecamatan {kec.nama} tahun {tahun}: belum ada Perjanjian Kinerja, "
                "Renstra yang mencakup tahun itu, maupun anggaran tahun itu."
            )
        from laporan.pdf import render_pdf

        pdf = render_pdf(konteks)
        for teks in konteks.kekurangan:
            self.stderr.write(f"Perhatian: {teks}")
        if output == "-":
            sys.stdout.buffer.write(pdf)
            sys.stdout.buffer.flush()
            return
        tujuan = Path(output)
        if tujuan.parent and not tujuan.parent.exists():
            raise CommandError(f"Folder {tujuan.parent} tidak ada.")
        tujuan.write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"{konteks.judul} ditulis ke {tujuan} ({len(pdf) // 1024} KB)."))
