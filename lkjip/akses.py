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
    """The user's roles, read once per request (cached on the user object of that request), with
    their kecamatan and kabupaten (one query; base.html shows them on every page)."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_penugasan_cache", None)
    if cache is None:
        cache = list(Penugasan.objects.filter(user=user).select_related("kecamatan", "kabupaten"))
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

# The same predicates as plain rules, for templates (`{% test_rule %}`): Django's has_perm answers
# True for every superuser, so a superuser without a role would see buttons the views refuse.
for _nama, _predikat in (
    ("lkjip.ubah_kecamatan", bisa_mengedit),
    ("lkjip.reviu_laporan", bisa_mereviu),
):
    rules.add_rule(_nama, _predikat)


def kecamatan_untuk(request: HttpRequest, pk: int, *, tulis: bool = False) -> Kecamatan:
    """The kecamatan `pk` if the user may read it (else 404) and, with tulis, change it (else 403)."""
    kecamatan = kecamatan_terlihat(request.user).filter(pk=pk).first()
    if kecamatan is None:
        raise Http404("Kecamatan tidak ditemukan.")
    if tulis and not bisa_mengedit(request.user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan data kecamatan ini.")
    return kecamatan


# --- administration (admin kabupaten) ------------------------------------------------------------
# The administration pages answer 403 to any role but admin kabupaten (or superuser) before
# looking at the object, and 404 for an object of a kabupaten the admin does not manage.


def kabupaten_dikelola(user) -> QuerySet[Kabupaten]:
    """The kabupaten the user administers: all for a superuser, else where admin kabupaten."""
    if not user.is_authenticated:
        return Kabupaten.objects.none()
    if user.is_superuser:
        return Kabupaten.objects.all()
    return Kabupaten.objects.filter(pk__in=_id_kabupaten(user, (Peran.ADMIN_KABUPATEN,)))


@rules.predicate
def bisa_administrasi(user) -> bool:
    """Admin of at least one kabupaten (or superuser): may open the administration pages."""
    return user.is_superuser or bool(_id_kabupaten(user, (Peran.ADMIN_KABUPATEN,)))


@rules.predicate
def bisa_mengelola_akun(user, pengguna) -> bool:
    """Change another account's name, e-mail, password or active state.

    An account is global: its password works in every kabupaten. So an admin may change it only
    when every role of that account lies in a kabupaten the admin manages (and never a superuser's).
    """
    if user.is_superuser:
        return True
    if pengguna.is_superuser:
        return False
    dikelola = _id_kabupaten(user, (Peran.ADMIN_KABUPATEN,))
    lingkup = {
        p.kabupaten_id or p.kecamatan.kabupaten_id
        for p in Penugasan.objects.filter(user=pengguna).select_related("kecamatan")
    }
    return bool(lingkup) and lingkup <= dikelola


rules.add_perm("lkjip.administrasi", bisa_administrasi)
rules.add_perm("lkjip.kelola_akun", bisa_mengelola_akun)


def kabupaten_kelola(request: HttpRequest) -> list[Kabupaten]:
    """The kabupaten the user administers, for the administration pages; 403 when none."""
    if not bisa_administrasi(request.user):
        raise PermissionDenied("Halaman ini hanya untuk admin kabupaten.")
    return list(kabupaten_dikelola(request.user))


def pengguna_dikelola(user) -> QuerySet:
    """The accounts with at least one role in a kabupaten the user administers (superuser: all)."""
    from django.contrib.auth import get_user_model

    semua = get_user_model().objects.all()
    if user.is_superuser:
        return semua
    id_kab = _id_kabupaten(user, (Peran.ADMIN_KABUPATEN,))
    peran_di_sini = Penugasan.objects.filter(
        Q(kabupaten_id__in=id_kab) | Q(kecamatan__kabupaten_id__in=id_kab)
    ).values("user_id")
    return semua.filter(pk__in=peran_di_sini, is_superuser=False)


def _kelola_atau_404(request: HttpRequest, queryset: QuerySet, pk: int, pesan: str):
    kabupaten_kelola(request)
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404(pesan)
    return obj


def kecamatan_kelola_untuk(request: HttpRequest, pk: int) -> Kecamatan:
    """A kecamatan of a kabupaten the user administers (else 404; not an admin: 403)."""
    return _kelola_atau_404(
        request,
        Kecamatan.objects.select_related("kabupaten").filter(kabupaten__in=kabupaten_dikelola(request.user)),
        pk,
        "Kecamatan tidak ditemukan.",
    )


def pejabat_kelola_untuk(request: HttpRequest, pk: int):
    """A pejabat of a kabupaten the user administers or of one of its kecamatan (else 404)."""
    from lkjip.models import Pejabat

    kabupaten = kabupaten_dikelola(request.user)
    return _kelola_atau_404(
        request,
        Pejabat.objects.select_related("kecamatan__kabupaten", "kabupaten").filter(
            Q(kabupaten__in=kabupaten) | Q(kecamatan__kabupaten__in=kabupaten)
        ),
        pk,
        "Pejabat tidak ditemukan.",
    )


def pengguna_kelola_untuk(request: HttpRequest, pk: int):
    """An account with a role in a kabupaten the user administers (else 404)."""
    return _kelola_atau_404(request, pengguna_dikelola(request.user), pk, "Pengguna tidak ditemukan.")


def penugasan_kelola_untuk(request: HttpRequest, pk: int) -> Penugasan:
    """A role whose scope lies in a kabupaten the user administers (else 404)."""
    kabupaten = kabupaten_dikelola(request.user)
    return _kelola_atau_404(
        request,
        Penugasan.objects.select_related("user", "kecamatan__kabupaten", "kabupaten", "pejabat").filter(
            Q(kabupaten__in=kabupaten) | Q(kecamatan__kabupaten__in=kabupaten)
        ),
        pk,
        "Peran tidak ditemukan.",
    )


# As a plain rule too: base.html asks it on every page, and `has_perm` would fall through to
# Django's ModelBackend (two permission queries) for every user who is not an admin.
rules.add_rule("lkjip.administrasi", bisa_administrasi)


# --- SAKIP evaluation (LHE) -----------------------------------------------------------------------


def kecamatan_untuk_evaluasi(request: HttpRequest, pk: int) -> Kecamatan:
    """The kecamatan `pk` for recording its SAKIP evaluation: readable (else 404) and the user is
    inspektorat of its kabupaten (else 403; `lkjip.reviu_laporan`)."""
    kecamatan = kecamatan_untuk(request, pk)
    if not bisa_mereviu(request.user, kecamatan):
        raise PermissionDenied("Hanya inspektorat kabupaten yang mencatat hasil evaluasi SAKIP.")
    return kecamatan


# --- predikat scale of a kabupaten ----------------------------------------------------------------


def kabupaten_kelola_untuk(request: HttpRequest, pk: int) -> Kabupaten:
    """A kabupaten the user administers (`lkjip.kelola_kabupaten`): another kabupaten 404, another
    role 403."""
    return _kelola_atau_404(request, kabupaten_dikelola(request.user), pk, "Kabupaten tidak ditemukan.")


# --- the review desk of Inspektorat (laporan/views_meja.py) ----------------------------------------


@rules.predicate
def bisa_membuka_meja_reviu(user) -> bool:
    """Inspektorat or admin of at least one kabupaten (or superuser): the review desk lists every
    kecamatan of those kabupaten. Reviewing itself is `bisa_mereviu` (inspektorat only)."""
    return user.is_superuser or bool(_id_kabupaten(user, Penugasan.PERAN_KABUPATEN))


# A plain rule, so base.html can ask it on every page without falling through to ModelBackend.
rules.add_rule("lkjip.meja_reviu", bisa_membuka_meja_reviu)


def kabupaten_meja_reviu(request: HttpRequest) -> list[Kabupaten]:
    """The kabupaten whose reports the user's review desk lists; 403 for any other role."""
    if not bisa_membuka_meja_reviu(request.user):
        raise PermissionDenied("Meja reviu hanya untuk inspektorat dan admin kabupaten.")
    return list(kabupaten_terlihat(request.user).order_by("nama"))
