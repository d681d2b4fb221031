"""Form fields shared by every kinerja form: a target or realisasi value as typed ("85,78",
"BB (72,10)", ">= 80") and an amount in rupiah ("1.234.567,89"), each with its error on the field,
and their inverse for filling an input from a stored value."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from kinerja.nilai import Nilai, format_nilai, parse_nilai
from kinerja.services.pk import ANGGARAN_NEGATIF
from lkjip.format import format_angka, parse_angka

MAKS_DESIMAL_NILAI = 4
MAKS_DIGIT_BULAT_NILAI = 16
MAKS_DESIMAL_UANG = 2
MAKS_DIGIT_BULAT_UANG = 16


def _desimal(angka: Decimal) -> int:
    """How many decimals the number needs to be written exactly (85.7800 -> 2, 80.0000 -> 0)."""
    eksponen = angka.normalize().as_tuple().exponent
    return max(0, -eksponen) if isinstance(eksponen, int) else 0


def teks_nilai(nilai: Decimal | None, label: str = "", pembanding: str = "") -> str:
    """A stored value written back into an input: with two decimals like every figure on the pages,
    more when stored (never rounded), so saving the form unchanged changes nothing: "86,48",
    "BB (72,10)", "≥ 80,00", "85,7825"."""
    if nilai is None:
        return ""
    return format_nilai(nilai, label, pembanding, desimal=max(2, _desimal(nilai)))


def teks_angka(angka: Decimal | None) -> str:
    return "" if angka is None else format_angka(angka, _desimal(angka))


def _periksa_digit(angka: Decimal, *, desimal: int, bulat: int) -> None:
    if _desimal(angka) > desimal:
        raise ValidationError(f"Paling banyak {desimal} angka di belakang koma.", code="desimal")
    if abs(angka) >= Decimal(10) ** bulat:
        raise ValidationError("Angka terlalu besar.", code="terlalu_besar")


class NilaiField(forms.CharField):
    """A target or realisasi value as typed ("85,78", "BB (72,10)", ">= 80"), read with parse_nilai.
    Empty gives None."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> Nilai | None:
        if isinstance(value, Nilai):
            return value
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            nilai = parse_nilai(teks)
        except ValueError as e:
            raise ValidationError(str(e), code="invalid") from e
        _periksa_digit(nilai.nilai, desimal=MAKS_DESIMAL_NILAI, bulat=MAKS_DIGIT_BULAT_NILAI)
        return nilai

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class AnggaranField(forms.CharField):
    """An amount in rupiah typed Indonesian style ("1.234.567,89"), never negative."""

    def to_python(self, value) -> Decimal | None:
        if isinstance(value, Decimal):
            return value
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            angka = parse_angka(teks.removeprefix("Rp").strip())
        except ValueError as e:
            raise ValidationError(str(e), code="invalid") from e
        if angka < 0:
            raise ValidationError(ANGGARAN_NEGATIF, code="negatif")
        _periksa_digit(angka, desimal=MAKS_DESIMAL_UANG, bulat=MAKS_DIGIT_BULAT_UANG)
        return angka

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class VersiField(forms.IntegerField):
    """The versi of a row when the form was opened (hidden; 0: no row yet), handed to the service
    as `versi=` so that a save over someone else's newer one is refused (kinerja/konflik.py). Empty
    (a client that did not send it) gives None: not checked. Never a change of its own, so an
    untouched extra line of a formset stays untouched."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("initial", 0)
        super().__init__(**kwargs)

    def has_changed(self, initial, data) -> bool:
        return False


def versi_dari(obj) -> int:
    """The versi a form remembers for a stored row, or 0 when there is none."""
    return obj.versi if obj is not None else 0
