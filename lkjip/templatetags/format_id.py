"""Template filters for Indonesian formatting; thin wrappers over lkjip.format.

Loaded as a template builtin, so templates use them without {% load %}:
``{{ x|angka }}``, ``{{ x|angka:3 }}``, ``{{ x|rupiah }}``, ``{{ x|persen }}``,
``{{ d|tanggal }}``, ``NIP. {{ p.nip|nip }}``.

Following Django's rule that filters must not raise, a value that cannot be
formatted is shown as it is instead of breaking the whole page.
"""

from django import template

from lkjip import format as fmt

register = template.Library()

_GAGAL = (ValueError, TypeError, ArithmeticError)


@register.filter
def angka(value, desimal=2):
    """1234567.891 -> "1.234.567,89"; ``|angka:3`` sets the number of decimals."""
    try:
        return fmt.format_angka(value, int(desimal))
    except _GAGAL:
        return value


@register.filter
def rupiah(value):
    """3492380983 -> "Rp 3.492.380.983,00"."""
    try:
        return fmt.format_rupiah(value)
    except _GAGAL:
        return value


@register.filter
def persen(value, desimal=2):
    """103.45 -> "103,45 %"; ``|persen:1`` sets the number of decimals."""
    try:
        return fmt.format_persen(value, int(desimal))
    except _GAGAL:
        return value


@register.filter
def tanggal(value):
    """date(2021, 1, 4) -> "4 Januari 2021"."""
    try:
        return fmt.format_tanggal(value)
    except _GAGAL:
        return value


@register.filter
def nip(value):
    """ "196707011992091001" -> "19670701 199209 1 001"; templates add the "NIP. " label themselves."""
    return fmt.format_nip(value)
