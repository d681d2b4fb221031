"""`manage.py ekspor_lkjip --kabupaten NAMA --kecamatan NAMA -o FILE.json` (`-o -`: standard output)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.interchange.ekspor import ekspor_lkjip
from lkjip.models import Kecamatan


class Command(BaseCommand):
    help = "Mengekspor data satu kecamatan (Renstra terbaru) sebagai dokumen lkjip-data/1."

    def add_arguments(self, parser):
        parser.add_argument("--kabupaten", required=True, help="nama kabupaten, tanpa kata 'Kabupaten'")
        parser.add_argument("--kecamatan", required=True, help="nama kecamatan, tanpa kata 'Kecamatan'")
        parser.add_argument(
            "-o", "--output", required=True, help="berkas tujuan, atau '-' untuk standar keluaran"
        )

    def handle(self, *args, kabupaten: str, kecamatan: str, output: str, **opsi):
        kec = Kecamatan.objects.filter(kabupaten__nama__iexact=kabupaten, nama__iexact=kecamatan).first()
        if kec is None:
            raise CommandError(
                f"Kecamatan {kecamatan} di Kabupaten {kabupaten} tidak ditemukan.", returncode=1
            )
        try:
            dokumen = ekspor_lkjip(kec)
        except ValueError as e:
            raise CommandError(str(e), returncode=1) from e
        teks = json.dumps(dokumen, ensure_ascii=False, indent=1) + "\n"
        if output == "-":
            self.stdout.write(teks, ending="")
        else:
            Path(output).write_text(teks, encoding="utf-8")
            self.stderr.write(f"Ditulis ke {output}.")
