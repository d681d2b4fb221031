"""Writing realisasi: one value (a grid cell) or the whole grid of a year at once.

Every save records who (history user) and why (`_change_reason`); changing a value that is
already stored needs a reason (DESIGN.md §3: simple-history says who changed which figure, when
and why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.models import Indikator, Realisasi
from kinerja.nilai import Nilai
from lkjip.akses import bisa_mengedit

Status = Realisasi.Status
Periode = Realisasi.Periode

ALASAN_WAJIB = "Alasan perubahan wajib diisi karena nilai yang sudah tersimpan berubah."


def _sama(realisasi: Realisasi, nilai: Nilai | None) -> bool:
    """Whether the stored value equals `nilai` (numbers compared as numbers: 85,7 = 85,7000)."""
    if nilai is None:
        return realisasi.nilai is None
    return (
        realisasi.nilai is not None
        and realisasi.nilai == nilai.nilai
        and realisasi.label == nilai.label
        and realisasi.pembanding == nilai.pembanding
    )


def _periksa_izin(user, indikator: Indikator) -> None:
    if not bisa_mengedit(user, indikator.renstra.kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan realisasi kecamatan ini.")


@transaction.atomic
def realisasi_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    periode: str,
    nilai: Nilai | None,
    status: str,
    keterangan: str,
    alasan: str,
) -> Realisasi | None:
    """Save the realisasi of an indicator for a year and periode.

    No value with status final and no keterangan means "nothing": the row is deleted (None is
    returned). Changing or removing a value already stored needs `alasan`; nothing changes when the
    input equals what is stored. Raises ValidationError keyed by field (nilai, status, alasan, ...).
    """
    _periksa_izin(user, indikator)
    renstra = indikator.renstra
    if not renstra.tahun_diizinkan(tahun):
        raise ValidationError(
            {
                "tahun": f"Tahun {tahun} di luar {renstra} (boleh {renstra.tahun_awal - 5} "
                f"sampai {renstra.tahun_akhir})."
            }
        )
    keterangan, alasan = keterangan.strip(), alasan.strip()
    lama = (
        Realisasi.objects.select_for_update()
        .filter(indikator=indikator, tahun=tahun, periode=periode)
        .first()
    )
    hapus = nilai is None and status == Status.FINAL and not keterangan
    nilai_berubah = lama is not None and lama.nilai is not None and not _sama(lama, None if hapus else nilai)

    if hapus:
        if lama is None:
            return None
        if nilai_berubah and not alasan:
            raise ValidationError({"alasan": ALASAN_WAJIB})
        lama._change_reason = alasan or None
        lama._history_user = user
        lama.delete()
        return None

    realisasi = lama or Realisasi(indikator=indikator, tahun=tahun, periode=periode)
    baru = (
        nilai.nilai if nilai else None,
        nilai.label if nilai else "",
        nilai.pembanding if nilai else "",
        status,
        keterangan,
    )
    if lama is not None and _sama(lama, nilai) and (lama.status, lama.keterangan) == (status, keterangan):
        return lama
    (realisasi.nilai, realisasi.label, realisasi.pembanding, realisasi.status, realisasi.keterangan) = baru
    kesalahan: dict[str, list[str]] = {}
    try:
        realisasi.full_clean()
    except ValidationError as e:
        kesalahan = e.message_dict
    if nilai_berubah and not alasan:
        kesalahan = {**kesalahan, "alasan": [ALASAN_WAJIB]}
    if kesalahan:
        raise ValidationError(kesalahan)
    realisasi._change_reason = alasan or None
    realisasi._history_user = user
    realisasi.save()
    return realisasi


def realisasi_triwulan_simpan(
    *,
    user,
    indikator: Indikator,
    tahun: int,
    periode: str,
    nilai: Nilai | None,
    alasan: str,
) -> Realisasi | None:
    """Save a triwulan cell of the grid, which has no status or keterangan of its own: a value keeps
    the stored status (final when there was none or it was belum tersedia) and keterangan; an empty
    cell removes a stored value and leaves a row without value (belum tersedia) as it is."""
    lama = Realisasi.objects.filter(indikator=indikator, tahun=tahun, periode=periode).first()
    if nilai is None:
        if lama is None or lama.nilai is None:
            _periksa_izin(user, indikator)
            return lama
        return realisasi_simpan(
            user=user,
            indikator=indikator,
            tahun=tahun,
            periode=periode,
            nilai=None,
            status=Status.FINAL,
            keterangan="",
            alasan=alasan,
        )
    status = lama.status if lama is not None and lama.status != Status.BELUM_TERSEDIA else Status.FINAL
    return realisasi_simpan(
        user=user,
        indikator=indikator,
        tahun=tahun,
        periode=periode,
        nilai=nilai,
        status=status,
        keterangan=lama.keterangan if lama is not None else "",
        alasan=alasan,
    )


@dataclass(frozen=True)
class IsianBaris:
    """What the grid submits for one indicator: the four triwulan, the yearly value, its status and
    keterangan, and per periode a reason typed in that cell (else the reason of the whole submit)."""

    indikator: Indikator
    triwulan: Sequence[Nilai | None]
    tahunan: Nilai | None
    status: str
    keterangan: str
    alasan_sel: dict[str, str]


class GridTidakValid(Exception):
    """Some cells were refused; nothing was saved. `kesalahan[(indikator_id, periode)]` says why."""

    def __init__(self, kesalahan: dict[tuple[int, str], ValidationError]) -> None:
        super().__init__(f"{len(kesalahan)} isian realisasi ditolak.")
        self.kesalahan = kesalahan


@transaction.atomic
def realisasi_grid_simpan(*, user, tahun: int, isian: Sequence[IsianBaris], alasan: str) -> None:
    """Save the whole grid of a year, all or nothing (raises GridTidakValid with every refusal)."""
    kesalahan: dict[tuple[int, str], ValidationError] = {}
    for baris in isian:
        for periode, nilai in zip(Realisasi.TRIWULAN, baris.triwulan, strict=True):
            try:
                with transaction.atomic():
                    realisasi_triwulan_simpan(
                        user=user,
                        indikator=baris.indikator,
                        tahun=tahun,
                        periode=periode,
                        nilai=nilai,
                        alasan=baris.alasan_sel.get(periode) or alasan,
                    )
            except ValidationError as e:
                kesalahan[(baris.indikator.pk, periode)] = e
        try:
            with transaction.atomic():
                realisasi_simpan(
                    user=user,
                    indikator=baris.indikator,
                    tahun=tahun,
                    periode=Periode.TAHUNAN,
                    nilai=baris.tahunan,
                    status=baris.status,
                    keterangan=baris.keterangan,
                    alasan=baris.alasan_sel.get(Periode.TAHUNAN) or alasan,
                )
        except ValidationError as e:
            kesalahan[(baris.indikator.pk, Periode.TAHUNAN)] = e
    if kesalahan:
        raise GridTidakValid(kesalahan)
