"""`manage.py pulihkan DIR`: restore a backup of `cadangkan` into an empty installation."""

from django.core.management.base import BaseCommand, CommandError

from lkjip.cadangan import GalatCadangan, pulihkan
from lkjip.format import format_angka


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan dari `cadangkan` ke instalasi baru yang kosong: memeriksa SHA-256 setiap "
        "berkas, memuat basis data dalam satu transaksi, menyalin berkas media, lalu membandingkan "
        "ekspor setiap kecamatan dengan ekspor di cadangan."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder cadangan")
        parser.add_argument("--database", default="default", help="alias basis data (bawaan: default)")

    def handle(self, *args, folder: str, database: str, **opsi):
        try:
            hasil = pulihkan(folder, using=database, lapor=self.stdout.write)
        except GalatCadangan as e:
            raise CommandError(str(e), returncode=1) from e
        self.stdout.write(
            f"Dimuat {format_angka(sum(hasil.jumlah.values()), 0)} baris dari {len(hasil.jumlah)} tabel."
        )
        for label, (lama, baru) in sorted(hasil.jumlah_berbeda.items()):
            self.stdout.write(
                self.style.WARNING(
                    f"Jumlah {label} berbeda: {format_angka(lama, 0)} di cadangan, "
                    f"{format_angka(baru, 0)} sekarang."
                )
            )
        for e in hasil.ekspor:
            if e.sama:
                self.stdout.write(f"Ekspor {e.kecamatan}: sama dengan cadangan.")
            else:
                self.stdout.write(self.style.ERROR(f"Ekspor {e.kecamatan}: BERBEDA ({e.keterangan})."))
        if not hasil.cocok:
            raise CommandError(
                "Pemulihan selesai, tetapi hasilnya tidak sama dengan cadangan (lihat di atas).", returncode=2
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Pemulihan selesai: {len(hasil.ekspor)} kecamatan sama persis dengan cadangan."
            )
        )
