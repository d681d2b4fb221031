"""`manage.py muat_demo`: the demo documents of data/demo and one account per role, password demo12345.

Safe to run again: documents are re-imported (nothing changes when nothing changed) and existing
accounts keep their data.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from laporan.interchange.impor import impor_lkjip
from laporan.interchange.skema import baca_dokumen
from lkjip.models import Kabupaten, Kecamatan, Pejabat, Penugasan

SANDI_DEMO = "demo12345"

# The 2024 Purwareja Klampok report names no camat. The demo gives the kecamatan a stand-in, clearly
# marked, so that its demo camat account can sign (the documents in data/demo stay as they came).
KEPALA_PENGGANTI = {
    "nama": "Camat Demo {kecamatan}",
    "jabatan": "Camat {kecamatan} (pejabat contoh, bukan dari laporan)",
    "nip": "198001012006041001",
}


def lengkapi_kepala(dok: dict) -> dict:
    """The document with a stand-in kepala when it names none (see KEPALA_PENGGANTI)."""
    kecamatan = dok["kecamatan"]
    if not kecamatan.get("kepala"):
        kecamatan["kepala"] = {k: v.format(kecamatan=kecamatan["nama"]) for k, v in KEPALA_PENGGANTI.items()}
    return dok


def nama_akun(peran: str, wilayah: str) -> str:
    """`operator.purwareja-klampok`: lower case, spaces as '-'."""
    return f"{peran}.{slugify(wilayah)}"


def _akun(username: str, nama_lengkap: str):
    user, dibuat = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": nama_lengkap}
    )
    if dibuat:
        user.set_password(SANDI_DEMO)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def buat_akun_demo() -> list[tuple[str, str]]:
    """One operator and camat per kecamatan, one inspektorat and admin per kabupaten."""
    dibuat = []
    for kec in Kecamatan.objects.select_related("kabupaten").order_by("kabupaten__nama", "nama"):
        for peran in (Penugasan.Peran.OPERATOR, Penugasan.Peran.CAMAT):
            user = _akun(nama_akun(peran, kec.nama), f"{peran.label} {kec.nama}")
            pejabat = None
            if peran == Penugasan.Peran.CAMAT:
                pejabat = kec.pejabat.filter(peran=Pejabat.Peran.KEPALA).order_by("-id").first()
            Penugasan.objects.update_or_create(
                user=user, peran=peran, kecamatan=kec, kabupaten=None, defaults={"pejabat": pejabat}
            )
            dibuat.append((user.username, f"{peran.label} ({kec})"))
    for kab in Kabupaten.objects.order_by("nama"):
        for peran, awalan in (
            (Penugasan.Peran.INSPEKTORAT, "inspektorat"),
            (Penugasan.Peran.ADMIN_KABUPATEN, "admin"),
        ):
            user = _akun(nama_akun(awalan, kab.nama), f"{peran.label} {kab.nama}")
            Penugasan.objects.get_or_create(user=user, peran=peran, kabupaten=kab, kecamatan=None)
            dibuat.append((user.username, f"{peran.label} ({kab})"))
    return dibuat


class Command(BaseCommand):
    help = "Memuat data demo (tiga LKjIP nyata) dan membuat akun demo untuk setiap peran."

    def handle(self, *args, **opsi):
        for berkas in sorted(Path(settings.LKJIP_DEMO_DIR).glob("*.json")):
            dok = lengkapi_kepala(baca_dokumen(berkas.read_text(encoding="utf-8")))
            hasil = impor_lkjip(dok, alasan="Data demo")
            if hasil.galat:
                for baris in hasil.galat:
                    self.stderr.write(f"{berkas.name}: {baris}")
                raise CommandError(f"Data demo {berkas.name} tidak valid.")
            self.stdout.write(f"Data demo {berkas.name}: {hasil.kecamatan} ({hasil.kecamatan.kabupaten}).")
        akun = buat_akun_demo()
        self.stdout.write(self.style.SUCCESS(f"\nAkun demo (kata sandi untuk semua: {SANDI_DEMO}):"))
        for username, peran in akun:
            self.stdout.write(f"  {username:<40} {peran}")
