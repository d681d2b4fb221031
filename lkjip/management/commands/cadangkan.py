"""`manage.py cadangkan DIR`: a consistent backup of the whole installation (lkjip/cadangan.py)."""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from lkjip.cadangan import GalatCadangan, cadangkan
from lkjip.format import format_angka


class Command(BaseCommand):
    help = (
        "Mencadangkan seluruh instalasi (basis data, berkas media, ekspor lkjip-data/1 setiap kecamatan "
        "dan manifest SHA-256) ke folder baru atau kosong. Aman dijalankan saat pengguna bekerja."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder tujuan: baru atau kosong")
        parser.add_argument("--database", default="default", help="alias basis data (bawaan: default)")

    def handle(self, *args, folder: str, database: str, **opsi):
        try:
            hasil = cadangkan(folder, using=database)
        except GalatCadangan as e:
            raise CommandError(str(e), returncode=1) from e
        m = hasil.manifest
        baris = sum(m["jumlah"].values())
        kecamatan = [e for e in m["interchange"] if e["berkas"]]
        self.stdout.write(
            f"Basis data ({m['basis_data']['vendor']}): {format_angka(baris, 0)} baris dari "
            f"{len(m['jumlah'])} tabel."
        )
        self.stdout.write(f"Ekspor lkjip-data/1: {len(kecamatan)} kecamatan.")
        for e in m["interchange"]:
            if not e["berkas"]:
                self.stdout.write(
                    self.style.WARNING(f"Kecamatan {e['kecamatan']} tidak diekspor: {e['keterangan']}")
                )
        self.stdout.write(f"Berkas media: {format_angka(m['media'], 0)}.")
        for nama in m["media_hilang"]:
            self.stdout.write(self.style.WARNING(f"Berkas media yang dirujuk basis data tidak ada: {nama}"))
        mb = format_angka(Decimal(hasil.ukuran) / (1024 * 1024))
        detik = format_angka(Decimal(str(hasil.detik)), 1)
        self.stdout.write(self.style.SUCCESS(f"Cadangan selesai di {hasil.folder} ({mb} MB, {detik} detik)."))
