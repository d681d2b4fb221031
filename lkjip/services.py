"""Writes of the administration: kecamatan and their desa, pejabat, user accounts and roles.

Every function is keyword-only, runs in one transaction, validates with `full_clean()` and checks
inside that `oleh` (the acting user) administers the kabupaten concerned (lkjip/akses.py), so a
forged request is refused here even when a view forgets. Refusals the user can act on are
ValidationError keyed by the form field they concern; a missing right is PermissionDenied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q

from lkjip.akses import bisa_mengelola_akun, bisa_mengelola_kabupaten
from lkjip.format import format_tanggal
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat, Penugasan

User = get_user_model()
Peran = Penugasan.Peran

# The profile fields of a kecamatan that the administration form edits (not kabupaten, not desa).
FIELD_KECAMATAN = (
    "nama",
    "alamat",
    "kode_pos",
    "telepon",
    "email",
    "tugas_fungsi",
    "dasar_hukum",
    "luas_ha",
    "jumlah_dusun",
    "jumlah_rw",
    "jumlah_rt",
    "jumlah_kk",
    "penduduk_laki_laki",
    "penduduk_perempuan",
    "tahun_data",
)
FIELD_PEJABAT = ("peran", "nama", "jabatan", "nip", "pangkat", "golongan", "mulai", "selesai")


@dataclass(frozen=True)
class DesaIsian:
    """One row of a kecamatan's desa list as entered."""

    nama: str
    jenis: str = ""
    jumlah_dusun: int | None = None
    jumlah_rw: int | None = None
    jumlah_rt: int | None = None


def _wajib_kelola(oleh: AbstractUser, kabupaten: Kabupaten) -> None:
    if not bisa_mengelola_kabupaten(oleh, kabupaten):
        raise PermissionDenied(f"Anda bukan admin {kabupaten}.")


def _wajib_kelola_akun(oleh: AbstractUser, pengguna: AbstractUser) -> None:
    if not bisa_mengelola_akun(oleh, pengguna):
        raise PermissionDenied(
            "Akun ini juga dipakai di luar kabupaten yang Anda kelola; "
            "hanya superuser yang dapat mengubahnya."
        )


def _rincian_terlindungi(galat: ProtectedError) -> str:
    """'2 Renstra, 1 perjanjian kinerja': what still refers to the object, by kind."""
    jumlah = Counter(obj._meta.verbose_name for obj in galat.protected_objects)
    return ", ".join(f"{n} {nama}" for nama, n in sorted(jumlah.items()))


# --- kecamatan ------------------------------------------------------------------------------------


@transaction.atomic
def kecamatan_simpan(
    *,
    oleh: AbstractUser,
    data: Mapping[str, Any],
    kecamatan: Kecamatan | None = None,
    kabupaten: Kabupaten | None = None,
    desa: Sequence[DesaIsian] | None = None,
) -> Kecamatan:
    """Create a kecamatan in `kabupaten`, or change `kecamatan`'s profile; with `desa`, also
    replace its desa list (desa_simpan_semua), in the same transaction."""
    if (kecamatan is None) == (kabupaten is None):
        raise TypeError("Berikan kecamatan (ubah) atau kabupaten (baru), tidak keduanya.")
    if kecamatan is None:
        kecamatan = Kecamatan(kabupaten=kabupaten)
    _wajib_kelola(oleh, kecamatan.kabupaten)
    for nama_field in FIELD_KECAMATAN:
        if nama_field in data:
            setattr(kecamatan, nama_field, data[nama_field])
    kecamatan.nama = kecamatan.nama.strip()
    kembar = Kecamatan.objects.filter(kabupaten=kecamatan.kabupaten, nama__iexact=kecamatan.nama)
    if kembar.exclude(pk=kecamatan.pk).exists():
        raise ValidationError(
            {"nama": f"Kecamatan {kecamatan.nama} sudah ada di {kecamatan.kabupaten}."}, code="unique"
        )
    kecamatan.full_clean()
    kecamatan.save()
    if desa is not None:
        desa_simpan_semua(oleh=oleh, kecamatan=kecamatan, daftar=desa)
    return kecamatan


@transaction.atomic
def kecamatan_hapus(*, oleh: AbstractUser, kecamatan: Kecamatan) -> None:
    """Delete a kecamatan with its desa list; refused while other data or user roles refer to it."""
    _wajib_kelola(oleh, kecamatan.kabupaten)
    # Roles would cascade silently and leave accounts without any role: refuse instead.
    jumlah_peran = kecamatan.penugasan.count()
    if jumlah_peran:
        raise ValidationError(
            f"{kecamatan} tidak dapat dihapus karena masih ada {jumlah_peran} peran pengguna "
            "(operator/camat) di kecamatan ini. Hapus peran tersebut lebih dulu."
        )
    try:
        kecamatan.delete()
    except ProtectedError as galat:
        raise ValidationError(
            f"{kecamatan} tidak dapat dihapus karena masih memiliki data: {_rincian_terlindungi(galat)}."
        ) from galat


@transaction.atomic
def desa_simpan_semua(*, oleh: AbstractUser, kecamatan: Kecamatan, daftar: Sequence[DesaIsian]) -> list[Desa]:
    """Replace the kecamatan's desa list by `daftar`, in that order.

    Replaced, not updated row by row: nothing else refers to a desa, and renaming in place would
    trip the unique-name constraint when two names are swapped.
    """
    _wajib_kelola(oleh, kecamatan.kabupaten)
    nama = [d.nama.strip() for d in daftar]
    ganda = sorted({n for n in nama if [m.casefold() for m in nama].count(n.casefold()) > 1})
    if ganda:
        raise ValidationError(f"Nama desa/kelurahan ganda: {', '.join(ganda)}.", code="unique")
    baru = [
        Desa(
            kecamatan=kecamatan,
            nama=d.nama.strip(),
            jenis=d.jenis,
            jumlah_dusun=d.jumlah_dusun,
            jumlah_rw=d.jumlah_rw,
            jumlah_rt=d.jumlah_rt,
            urutan=i,
        )
        for i, d in enumerate(daftar, 1)
    ]
    for desa in baru:
        # The constraints are checked above for the whole list; each row against the old list would
        # clash with the rows about to be deleted.
        desa.full_clean(validate_constraints=False)
    kecamatan.desa.all().delete()
    return Desa.objects.bulk_create(baru)


# --- pejabat --------------------------------------------------------------------------------------


def _periode(p: Pejabat) -> str:
    mulai = format_tanggal(p.mulai) if p.mulai else "tanpa tanggal mulai"
    selesai = format_tanggal(p.selesai) if p.selesai else "sekarang"
    return f"{mulai} – {selesai}"


def _kepala_bertumpuk(pejabat: Pejabat) -> Pejabat | None:
    """Another kepala of the same kecamatan (or kabupaten) whose period overlaps this one's.

    A missing mulai means 'since always', a missing selesai 'still in office'.
    """
    lain = Pejabat.objects.filter(
        peran=Pejabat.Peran.KEPALA, kecamatan=pejabat.kecamatan, kabupaten=pejabat.kabupaten
    ).exclude(pk=pejabat.pk)
    if pejabat.selesai:
        lain = lain.filter(Q(mulai__isnull=True) | Q(mulai__lte=pejabat.selesai))
    if pejabat.mulai:
        lain = lain.filter(Q(selesai__isnull=True) | Q(selesai__gte=pejabat.mulai))
    return lain.order_by("mulai", "pk").first()


@transaction.atomic
def pejabat_simpan(
    *,
    oleh: AbstractUser,
    data: Mapping[str, Any],
    pejabat: Pejabat | None = None,
    kecamatan: Kecamatan | None = None,
    kabupaten: Kabupaten | None = None,
) -> Pejabat:
    """Create a pejabat of `kecamatan` or (bupati and the like) of `kabupaten`, or change `pejabat`.

    At most one kepala (camat, bupati) is in office on any date: documents are signed by the one
    in office on their date (DESIGN.md §3), so overlapping periods are refused.
    """
    if pejabat is None:
        if (kecamatan is None) == (kabupaten is None):
            raise TypeError("Pejabat baru milik satu kecamatan atau satu kabupaten.")
        pejabat = Pejabat(kecamatan=kecamatan, kabupaten=kabupaten)
    elif kecamatan is not None or kabupaten is not None:
        pejabat.kecamatan, pejabat.kabupaten = kecamatan, kabupaten
    _wajib_kelola(oleh, pejabat.kabupaten or pejabat.kecamatan.kabupaten)
    for nama_field in FIELD_PEJABAT:
        if nama_field in data:
            setattr(pejabat, nama_field, data[nama_field])
    pejabat.full_clean()
    if pejabat.peran == Pejabat.Peran.KEPALA:
        lain = _kepala_bertumpuk(pejabat)
        if lain is not None:
            raise ValidationError(
                {
                    "mulai": (
                        f"Masa jabatan bertumpuk dengan kepala lain: {lain.nama} ({_periode(lain)}). "
                        "Hanya satu kepala yang menjabat pada satu tanggal; isi tanggal selesai "
                        "pejabat sebelumnya atau ubah tanggal mulai."
                    )
                },
                code="bertumpuk",
            )
    pejabat.save()
    return pejabat


@transaction.atomic
def pejabat_hapus(*, oleh: AbstractUser, pejabat: Pejabat) -> None:
    """Delete a pejabat; a linked camat account keeps its role, without the link."""
    _wajib_kelola(oleh, pejabat.kabupaten or pejabat.kecamatan.kabupaten)
    try:
        pejabat.delete()
    except ProtectedError as galat:
        raise ValidationError(
            f"{pejabat.nama} tidak dapat dihapus karena masih dirujuk oleh: {_rincian_terlindungi(galat)}."
        ) from galat


# --- accounts and roles ---------------------------------------------------------------------------


def _lingkup(*, kecamatan: Kecamatan | None, kabupaten: Kabupaten | None) -> Kabupaten:
    if kecamatan is not None:
        return kecamatan.kabupaten
    if kabupaten is not None:
        return kabupaten
    raise ValidationError("Pilih kecamatan atau kabupaten peran ini.")


def _penugasan_baru(
    *,
    pengguna: AbstractUser,
    peran: str,
    kecamatan: Kecamatan | None,
    kabupaten: Kabupaten | None,
    pejabat: Pejabat | None,
) -> Penugasan:
    """An unsaved, validated role; scope fields that do not belong to the role are dropped."""
    if peran in Penugasan.PERAN_KECAMATAN:
        if kecamatan is None:
            raise ValidationError({"kecamatan": "Pilih kecamatan untuk peran operator atau camat."})
        kabupaten = None
    else:
        if kabupaten is None:
            raise ValidationError({"kabupaten": "Pilih kabupaten untuk peran inspektorat atau admin."})
        kecamatan = None
    if peran != Peran.CAMAT:
        pejabat = None
    penugasan = Penugasan(
        user=pengguna, peran=peran, kecamatan=kecamatan, kabupaten=kabupaten, pejabat=pejabat
    )
    if (
        pengguna.pk
        and Penugasan.objects.filter(
            user=pengguna, peran=peran, kecamatan=kecamatan, kabupaten=kabupaten
        ).exists()
    ):
        raise ValidationError(
            {
                "peran": f"{pengguna.username} sudah menjadi {penugasan.get_peran_display()} "
                f"di {kecamatan or kabupaten}."
            },
            code="unique",
        )
    penugasan.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    return penugasan


def _periksa_username(username: str) -> str:
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Nama pengguna ini sudah dipakai."}, code="unique")
    return username


def periksa_sandi(sandi: str, pengguna: AbstractUser) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS) for this account.

    The full name is kept in first_name, whose label Django's similarity message would print as
    "nama depan"; the message names what the user typed instead.
    """
    try:
        validate_password(sandi, user=pengguna)
    except ValidationError as galat:
        pesan = [
            ValidationError("Kata sandi terlalu mirip dengan nama lengkap.", code=e.code)
            if e.code == "password_too_similar" and (e.params or {}).get("verbose_name") == "nama depan"
            else e
            for e in galat.error_list
        ]
        raise ValidationError(pesan) from galat


def _periksa_sandi(sandi: str, pengguna: AbstractUser) -> None:
    try:
        periksa_sandi(sandi, pengguna)
    except ValidationError as galat:
        raise ValidationError({"sandi": galat.error_list}) from galat


@transaction.atomic
def pengguna_buat(
    *,
    oleh: AbstractUser,
    username: str,
    nama_lengkap: str,
    email: str = "",
    sandi: str,
    peran: str,
    kecamatan: Kecamatan | None = None,
    kabupaten: Kabupaten | None = None,
    pejabat: Pejabat | None = None,
) -> AbstractUser:
    """Create an account with its first role: an account without a role would be invisible to
    the admin who made it (the user list shows the kabupaten's roles)."""
    _wajib_kelola(oleh, _lingkup(kecamatan=kecamatan, kabupaten=kabupaten))
    pengguna = User(
        username=_periksa_username(username), first_name=nama_lengkap.strip(), email=email.strip()
    )
    _periksa_sandi(sandi, pengguna)
    pengguna.set_password(sandi)
    pengguna.full_clean()
    penugasan = _penugasan_baru(
        pengguna=pengguna, peran=peran, kecamatan=kecamatan, kabupaten=kabupaten, pejabat=pejabat
    )
    pengguna.save()
    penugasan.user = pengguna
    penugasan.save()
    return pengguna


@transaction.atomic
def pengguna_ubah(
    *, oleh: AbstractUser, pengguna: AbstractUser, nama_lengkap: str, email: str = ""
) -> AbstractUser:
    """Change the full name (kept whole in first_name) and the e-mail of an account."""
    _wajib_kelola_akun(oleh, pengguna)
    pengguna.first_name = nama_lengkap.strip()
    pengguna.last_name = ""
    pengguna.email = email.strip()
    pengguna.full_clean()
    pengguna.save(update_fields=["first_name", "last_name", "email"])
    return pengguna


@transaction.atomic
def pengguna_aktifkan(*, oleh: AbstractUser, pengguna: AbstractUser, aktif: bool) -> AbstractUser:
    """Deactivate (cannot log in any more, data and roles kept) or reactivate an account."""
    _wajib_kelola_akun(oleh, pengguna)
    if not aktif and pengguna.pk == oleh.pk:
        raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    pengguna.is_active = aktif
    pengguna.save(update_fields=["is_active"])
    return pengguna


@transaction.atomic
def sandi_atur(*, oleh: AbstractUser, pengguna: AbstractUser, sandi: str) -> AbstractUser:
    """Set a new password chosen by the admin (the user forgot theirs)."""
    _wajib_kelola_akun(oleh, pengguna)
    if pengguna.pk == oleh.pk:
        raise ValidationError("Untuk akun Anda sendiri, gunakan menu Ganti kata sandi.")
    _periksa_sandi(sandi, pengguna)
    pengguna.set_password(sandi)
    pengguna.save(update_fields=["password"])
    return pengguna


@transaction.atomic
def penugasan_tambah(
    *,
    oleh: AbstractUser,
    pengguna: AbstractUser,
    peran: str,
    kecamatan: Kecamatan | None = None,
    kabupaten: Kabupaten | None = None,
    pejabat: Pejabat | None = None,
) -> Penugasan:
    """Give an account a role in a kecamatan or kabupaten the admin manages."""
    _wajib_kelola(oleh, _lingkup(kecamatan=kecamatan, kabupaten=kabupaten))
    if pengguna.is_superuser and not oleh.is_superuser:
        raise PermissionDenied("Peran superuser hanya dapat diatur oleh superuser.")
    penugasan = _penugasan_baru(
        pengguna=pengguna, peran=peran, kecamatan=kecamatan, kabupaten=kabupaten, pejabat=pejabat
    )
    penugasan.save()
    return penugasan


@transaction.atomic
def penugasan_hapus(*, oleh: AbstractUser, penugasan: Penugasan) -> None:
    """Remove a role. An account's only role is kept (deactivate the account instead), and an admin
    does not remove their own admin role (nobody might be left to manage the kabupaten)."""
    _wajib_kelola(oleh, _lingkup(kecamatan=penugasan.kecamatan, kabupaten=penugasan.kabupaten))
    if penugasan.user.is_superuser and not oleh.is_superuser:
        raise PermissionDenied("Peran superuser hanya dapat diatur oleh superuser.")
    if penugasan.user_id == oleh.pk and penugasan.peran == Peran.ADMIN_KABUPATEN:
        raise ValidationError("Anda tidak dapat menghapus peran admin kabupaten Anda sendiri.")
    if not Penugasan.objects.filter(user_id=penugasan.user_id).exclude(pk=penugasan.pk).exists():
        raise ValidationError(
            "Ini satu-satunya peran pengguna ini. Tambahkan peran lain lebih dulu, "
            "atau nonaktifkan akunnya bila tidak lagi diperlukan."
        )
    penugasan.delete()


# --- predikat scale -------------------------------------------------------------------------------


@transaction.atomic
def kabupaten_skala_simpan(
    *,
    oleh: AbstractUser,
    kabupaten: Kabupaten,
    skala_capaian: str | dict[str, Any] | None,
    batasi_capaian_100: bool,
) -> Kabupaten:
    """Set the kabupaten's scale (a preset name, the interchange object, or None for the default)
    and its cap option. Refused (PermissionDenied) unless `oleh` administers this kabupaten; a scale
    with a gap or an overlap is refused by Kabupaten.clean (ValidationError on skala_capaian)."""
    if not bisa_mengelola_kabupaten(oleh, kabupaten):
        raise PermissionDenied(f"Anda bukan admin {kabupaten}.")
    kabupaten.skala_capaian = skala_capaian
    kabupaten.batasi_capaian_100 = batasi_capaian_100
    kabupaten.full_clean()
    kabupaten.save(update_fields=["skala_capaian", "batasi_capaian_100"])
    return kabupaten
