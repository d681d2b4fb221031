"""The permission predicates and the scoped getter of lkjip.akses (DESIGN.md §1 access matrix)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from lkjip.akses import (
    bisa_membaca,
    bisa_mengedit,
    bisa_menyetujui,
    bisa_mereviu,
    kecamatan_terlihat,
    kecamatan_untuk,
)
from tests import factories as f


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("persona", "bisa"),
    [
        ("operator_a", True),
        ("camat_a", True),
        ("operator_b", False),
        ("inspektorat", True),
        ("admin_kabupaten", True),
        ("inspektorat_lain", False),
        ("tanpa_peran", False),
    ],
)
def test_bisa_membaca_kecamatan_a_per_persona(request, kecamatan_a, persona, bisa):
    user = request.getfixturevalue(persona)
    assert bisa_membaca(user, kecamatan_a) is bisa


@pytest.mark.parametrize(
    ("persona", "bisa"),
    [
        ("operator_a", True),
        ("camat_a", True),
        ("operator_b", False),
        ("inspektorat", False),
        ("admin_kabupaten", False),
        ("inspektorat_lain", False),
        ("tanpa_peran", False),
    ],
)
def test_bisa_mengedit_kecamatan_a_per_persona(request, kecamatan_a, persona, bisa):
    user = request.getfixturevalue(persona)
    assert bisa_mengedit(user, kecamatan_a) is bisa


def test_bisa_menyetujui_hanya_camat(kecamatan_a, camat_a, operator_a, inspektorat):
    assert [bisa_menyetujui(u, kecamatan_a) for u in (camat_a, operator_a, inspektorat)] == [
        True,
        False,
        False,
    ]


def test_bisa_mereviu_hanya_inspektorat_kabupatennya(
    kecamatan_a, inspektorat, inspektorat_lain, admin_kabupaten
):
    assert [bisa_mereviu(u, kecamatan_a) for u in (inspektorat, inspektorat_lain, admin_kabupaten)] == [
        True,
        False,
        False,
    ]


def test_bisa_membaca_superuser_semua(kecamatan_lain):
    admin = f.UserFactory(username="super", is_superuser=True)
    assert bisa_membaca(admin, kecamatan_lain) is True


def test_kecamatan_terlihat_operator_hanya_kecamatannya(operator_a, kecamatan_a, kecamatan_b, kecamatan_lain):
    assert list(kecamatan_terlihat(operator_a)) == [kecamatan_a]


def test_kecamatan_terlihat_inspektorat_semua_di_kabupatennya(
    inspektorat, kecamatan_a, kecamatan_b, kecamatan_lain
):
    assert list(kecamatan_terlihat(inspektorat)) == [kecamatan_a, kecamatan_b]


def test_kecamatan_terlihat_inspektorat_lain_hanya_kabupatennya(
    inspektorat_lain, kecamatan_a, kecamatan_b, kecamatan_lain
):
    assert list(kecamatan_terlihat(inspektorat_lain)) == [kecamatan_lain]


def test_kecamatan_terlihat_anonim_dan_tanpa_peran_kosong(tanpa_peran, kecamatan_a):
    assert list(kecamatan_terlihat(AnonymousUser())) == []
    assert list(kecamatan_terlihat(tanpa_peran)) == []


def test_kecamatan_untuk_milik_sendiri(operator_a, kecamatan_a):
    assert kecamatan_untuk(_request(operator_a), kecamatan_a.pk) == kecamatan_a
    assert kecamatan_untuk(_request(operator_a), kecamatan_a.pk, tulis=True) == kecamatan_a


def test_kecamatan_untuk_kecamatan_lain_404(operator_b, kecamatan_a):
    with pytest.raises(Http404):
        kecamatan_untuk(_request(operator_b), kecamatan_a.pk)


def test_kecamatan_untuk_kabupaten_lain_404(inspektorat_lain, kecamatan_a):
    with pytest.raises(Http404):
        kecamatan_untuk(_request(inspektorat_lain), kecamatan_a.pk)


def test_kecamatan_untuk_tidak_ada_404(operator_a):
    with pytest.raises(Http404):
        kecamatan_untuk(_request(operator_a), 999999)


@pytest.mark.parametrize("persona", ["inspektorat", "admin_kabupaten"])
def test_kecamatan_untuk_tulis_peran_kabupaten_403(request, kecamatan_a, persona):
    user = request.getfixturevalue(persona)
    assert kecamatan_untuk(_request(user), kecamatan_a.pk) == kecamatan_a
    with pytest.raises(PermissionDenied):
        kecamatan_untuk(_request(user), kecamatan_a.pk, tulis=True)


@pytest.mark.django_db
def test_superuser_tanpa_peran_tidak_melihat_tombol_yang_ditolak(
    client, django_user_model, kecamatan_a, operator_a
):
    """Pages offer a change only where the view accepts it: a superuser without a role reads the
    kecamatan but gets 403 on its forms, so it sees no "Tambah Renstra"."""
    admin = django_user_model.objects.create_superuser("super", "super@example.org", "x")
    client.force_login(admin)
    halaman = client.get(reverse("kecamatan_detail", args=[kecamatan_a.pk])).content.decode()
    tambah = reverse("kinerja:renstra_tambah", args=[kecamatan_a.pk])
    assert (f'href="{tambah}"' in halaman, client.get(tambah).status_code) == (False, 403)
    client.force_login(operator_a)
    halaman = client.get(reverse("kecamatan_detail", args=[kecamatan_a.pk])).content.decode()
    assert (f'href="{tambah}"' in halaman, client.get(tambah).status_code) == (True, 200)
