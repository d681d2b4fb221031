"""`manage.py impor_lkjip FILE.json`: exit 0 when written (or nothing to change), 1 when invalid."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.interchange.impor import impor_lkjip
from laporan.interchange.skema import baca_dokumen


class Command(BaseCommand):
    help = "Mengimpor dokumen lkjip-data/1 (JSON) ke basis data. Tidak ada yang ditulis bila ada kesalahan."

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas JSON lkjip-data/1 ('-' untuk standar masukan)")

    def handle(self, *args, berkas: str, **opsi):
        try:
            teks = self.stdin.read() if berkas == "-" else Path(berkas).read_text(encoding="utf-8")
        except OSError as e:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {e.strerror}", returncode=1) from e
        except UnicodeDecodeError as e:
            raise CommandError(
                f"Berkas {berkas} bukan teks UTF-8 (bita ke-{e.start + 1}); simpan ulang sebagai JSON UTF-8.",
                returncode=1,
            ) from e
        try:
            dokumen = baca_dokumen(teks)
        except json.JSONDecodeError as e:
            raise CommandError(
                f"$: bukan JSON yang valid (baris {e.lineno}, kolom {e.colno}): {e.msg}", returncode=1
            ) from e
        hasil = impor_lkjip(dokumen)
        for baris in hasil.galat:
            self.stderr.write(baris)
        if hasil.galat:
            raise CommandError(f"{len(hasil.galat)} kesalahan; tidak ada data yang disimpan.", returncode=1)
        for baris in hasil.dilewati + hasil.peringatan:
            self.stdout.write(baris)
        self.stdout.write(
            self.style.SUCCESS(
                f"{hasil.kecamatan} ({hasil.kecamatan.kabupaten}): {hasil.baris_berubah} baris diperbarui."
            )
        )
