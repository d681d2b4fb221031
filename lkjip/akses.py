"""Who may see and change what (DESIGN.md §1). Every view and service asks here.

Another kecamatan's object answers 404 (its existence is not disclosed); the right kecamatan with
the wrong role answers 403. Templates ask the same predicates through `rules` permissions, so a
button and its check never disagree.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from lkjip.models import Kabupaten, Kecamatan, Penugasan

Peran = Penugasan.Peran


def penugasan_pengguna(user) -> list[Penugasan]:
    """The user's roles, read once per request (cached on the user object of that request)."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_penugasan_cache", None)
    if cache is None:
        cache = list(Penugasan.objects.filter(user=user))
        user._penugasan_cache = cache
    return cache


def _id_kecamatan(user, peran: tuple[str, ...]) -> set[int]:
    return {p.kecamatan_id for p in penugasan_pengguna(user) if p.peran in peran and p.kecamatan_id}


def _id_kabupaten(user, peran: tuple[str, ...]) -> set[int]:
    return {p.kabupaten_id for p in penugasan_pengguna(user) if p.peran in peran and p.kabupaten_id}


def id_kecamatan_sendiri(user) -> list[int]:
    """The kecamatan where the user is operator or camat (their own), in id order."""
    return sorted(_id_kecamatan(user, Penugasan.PERAN_KECAMATAN))


def kecamatan_terlihat(user) -> QuerySet[Kecamatan]:
    """Every kecamatan the user may read: its own, or all of its kabupaten."""
    semua = Kecamatan.objects.select_related("kabupaten")
    if not user.is_authenticated:
        return semua.none()
    if user.is_superuser:
        return semua
    return semua.filter(
        Q(pk__in=_id_kecamatan(user, Penugasan.PERAN_KECAMATAN))
        | Q(kabupaten_id__in=_id_kabupaten(user, Penugasan.PERAN_KABUPATEN))
    )


def kabupaten_terlihat(user) -> QuerySet[Kabupaten]:
    if user.is_superuser:
        return Kabupaten.objects.all()
    return Kabupaten.objects.filter(pk__in=_id_kabupaten(user, Penugasan.PERAN_KABUPATEN))


@rules.predicate
def bisa_membaca(user, kecamatan: Kecamatan) -> bool:
    if user.is_superuser:
        return True
    return kecamatan.pk in _id_kecamatan(user, Penugasan.PERAN_KECAMATAN) or (
        kecamatan.kabupaten_id in _id_kabupaten(user, Penugasan.PERAN_KABUPATEN)
    )


@rules.predicate
def bisa_mengedit(user, kecamatan: Kecamatan) -> bool:
    """Operator and camat enter and change their own kecamatan's data."""
    return kecamatan.pk in _id_kecamatan(user, Penugasan.PERAN_KECAMATAN)


@rules.predicate
def bisa_menyetujui(user, kecamatan: Kecamatan) -> bool:
    """Only the camat approves and signs."""
    return kecamatan.pk in _id_kecamatan(user, (Peran.CAMAT,))


@rules.predicate
def bisa_mereviu(user, kecamatan: Kecamatan) -> bool:
    return kecamatan.kabupaten_id in _id_kabupaten(user, (Peran.INSPEKTORAT,))


@rules.predicate
def bisa_mengelola_kabupaten(user, kabupaten: Kabupaten) -> bool:
    return user.is_superuser or kabupaten.pk in _id_kabupaten(user, (Peran.ADMIN_KABUPATEN,))


rules.add_perm("lkjip.lihat_kecamatan", bisa_membaca)
rules.add_perm("lkjip.ubah_kecamatan", bisa_mengedit)
rules.add_perm("lkjip.setujui_laporan", bisa_menyetujui)
rules.add_perm("lkjip.reviu_laporan", bisa_mereviu)
rules.add_perm("lkjip.kelola_kabupaten", bisa_mengelola_kabupaten)


def kecamatan_untuk(request: HttpRequest, pk: int, *, tulis: bool = False) -> Kecamatan:
    """The kecamatan `pk` if the user may read it (else 404) and, with tulis, change it (else 403)."""
    kecamatan = kecamatan_terlihat(request.user).filter(pk=pk).first()
    if kecamatan is None:
        raise Http404("Kecamatan tidak ditemukan.")
    if tulis and not bisa_mengedit(request.user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan data kecamatan ini.")
    return kecamatan
