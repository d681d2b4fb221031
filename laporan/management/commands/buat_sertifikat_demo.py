"""`manage.py buat_sertifikat_demo`: a local demo CA and a signing certificate for every camat.

The CA is created once and kept at `<MEDIA_ROOT>/sertifikat/ca.pem` and `ca-key.pem` (mode 0600);
`ca.pem` is also a trust root of the verification. Every Pejabat linked to a camat account
(Penugasan with peran camat) gets `<MEDIA_ROOT>/sertifikat/pejabat-<id>.p12`, passphrase
`demo12345`. Safe to run again: existing files are kept unless `--ganti` is given, which makes a
new CA and new certificates for every camat (overwriting uploaded ones too).
"""

from django.core.management.base import BaseCommand, CommandError

from laporan.tandatangan import ca
from laporan.tandatangan.berkas import lokasi_ca, lokasi_kunci_ca, lokasi_sertifikat, tulis_atomik
from lkjip.format import format_nip
from lkjip.models import Pejabat, Penugasan

FRASA_SANDI_DEMO = "demo12345"


class Command(BaseCommand):
    help = (
        "Membuat CA demo dan sertifikat tanda tangan elektronik (PKCS#12, frasa sandi demo12345) "
        "untuk setiap pejabat yang terhubung dengan akun camat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ganti",
            action="store_true",
            help="Buat ulang CA demo dan semua sertifikat camat, menimpa berkas yang sudah ada.",
        )
        parser.add_argument(
            "--ukuran-kunci",
            type=int,
            default=ca.UKURAN_KUNCI,
            help=f"Ukuran kunci RSA dalam bit (bawaan {ca.UKURAN_KUNCI}).",
        )

    def handle(self, *args, ganti: bool, ukuran_kunci: int, **opsi):
        otoritas = self._siapkan_ca(ganti=ganti, ukuran_kunci=ukuran_kunci)
        dibuat = ada = dilewati = 0
        daftar = (
            Pejabat.objects.filter(akun__peran=Penugasan.Peran.CAMAT)
            .select_related("kecamatan__kabupaten", "kabupaten")
            .distinct()
            .order_by("kecamatan__kabupaten__nama", "kecamatan__nama", "id")
        )
        for pejabat in daftar:
            lokasi = lokasi_sertifikat(pejabat.pk)
            label = f"{pejabat.nama} ({pejabat.kecamatan or pejabat.kabupaten})"
            if lokasi.exists() and not ganti:
                self.stdout.write(f"Sertifikat {label} sudah ada, tidak diubah: {lokasi.name}")
                ada += 1
                continue
            if not pejabat.nip:
                self.stdout.write(self.style.WARNING(f"{label} dilewati: NIP belum diisi."))
                dilewati += 1
                continue
            kabupaten = pejabat.kecamatan.kabupaten if pejabat.kecamatan else pejabat.kabupaten
            sertifikat = ca.buat_sertifikat_pejabat(
                otoritas,
                nama=pejabat.nama,
                nip=pejabat.nip,
                organisasi=f"Pemerintah Kabupaten {kabupaten.nama}",
                unit=str(pejabat.kecamatan or kabupaten),
                ukuran_kunci=ukuran_kunci,
            )
            tulis_atomik(
                lokasi,
                ca.ekspor_pkcs12(sertifikat, [otoritas.sertifikat], frasa_sandi=FRASA_SANDI_DEMO),
            )
            self.stdout.write(f"Sertifikat dibuat: {label}, NIP {format_nip(pejabat.nip)} -> {lokasi.name}")
            dibuat += 1
        tanpa_pejabat = (
            Penugasan.objects.filter(peran=Penugasan.Peran.CAMAT, pejabat__isnull=True)
            .select_related("user", "kecamatan")
            .order_by("kecamatan__nama", "user__username")
        )
        for penugasan in tanpa_pejabat:
            self.stdout.write(
                self.style.WARNING(
                    f"Akun camat {penugasan.user.username} ({penugasan.kecamatan}) belum terhubung dengan "
                    "data pejabat; tidak ada sertifikat untuknya."
                )
            )
            dilewati += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai: {dibuat} sertifikat dibuat, {ada} sudah ada, {dilewati} dilewati. "
                f"Frasa sandi sertifikat demo: {FRASA_SANDI_DEMO}"
            )
        )

    def _siapkan_ca(self, *, ganti: bool, ukuran_kunci: int) -> ca.Sertifikat:
        lokasi_sert, lokasi_kunci = lokasi_ca(), lokasi_kunci_ca()
        if not ganti and lokasi_sert.exists() and lokasi_kunci.exists():
            try:
                otoritas = ca.muat_ca(lokasi_sert.read_bytes(), lokasi_kunci.read_bytes())
            except ValueError as e:
                raise CommandError(f"{e} Jalankan dengan --ganti untuk membuat CA demo baru.") from e
            self.stdout.write(f"CA demo sudah ada, dipakai lagi: {lokasi_sert}")
            return otoritas
        if not ganti and (lokasi_sert.exists() or lokasi_kunci.exists()):
            hilang = lokasi_kunci if lokasi_sert.exists() else lokasi_sert
            raise CommandError(
                f"Berkas CA demo tidak lengkap ({hilang.name} tidak ada). "
                "Jalankan dengan --ganti untuk membuat CA demo baru."
            )
        otoritas = ca.buat_ca(ukuran_kunci=ukuran_kunci)
        # The key first: a ca.pem on disk always has its key beside it.
        tulis_atomik(lokasi_kunci, ca.pem_kunci(otoritas.kunci))
        tulis_atomik(lokasi_sert, ca.pem_sertifikat(otoritas.sertifikat))
        self.stdout.write(f"CA demo dibuat: {lokasi_sert}")
        return otoritas
