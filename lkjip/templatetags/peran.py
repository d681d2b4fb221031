"""The signed-in user's roles for base.html: ``{% load peran %}{% for p in user|penugasan %}``.

Reads them through lkjip.akses.penugasan_pengguna, the per-request cache the permission rules
already fill, with each role's kecamatan and kabupaten: the navbar costs no query of its own.
"""

from django import template

from lkjip.akses import penugasan_pengguna
from lkjip.models import Penugasan

register = template.Library()


@register.filter
def penugasan(user) -> list[Penugasan]:
    """The user's roles (empty for an anonymous user)."""
    return penugasan_pengguna(user)
