"""No lost updates: optimistic locking by version (issue 9).

Every row two people may edit at once (Target, TargetPK, TargetTriwulanPK, Realisasi, PosAnggaran)
carries `versi` (kinerja.models.Berversi): 1 when made, one more at every save by any path (forms,
the grid, the Excel and interchange imports, the admin). A form or grid cell remembers the versi it
was opened at (0: there was no row yet) and hands it to the service as `versi=`; the service
locks the row (select_for_update, so the check holds under real concurrency on PostgreSQL) and,
when the row moved on in between, refuses with KonflikVersi instead of overwriting what the other
person saved. `versi=None` means "do not check" (imports, which preview and confirm on their own).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from kinerja.nilai import Nilai, format_nilai
from lkjip.format import format_tanggal

KOSONG = "(kosong)"


class KonflikVersi(ValidationError):
    """Someone else saved the row since the form was opened; nothing was written.

    A ValidationError keyed by field, so every view that puts a service's refusal on its fields shows
    it where the value is typed. `baris` names the line of a formset (the PK target line's indicator
    id) when the form has several lines; `per_baris` gathers the fields of every line refused."""

    def __init__(self, pesan: dict[str, str], *, baris: int | None = None) -> None:
        super().__init__({bidang: [isi] for bidang, isi in pesan.items()})
        self.per_baris: dict[int | None, dict[str, str]] = {baris: dict(pesan)}

    @classmethod
    def gabung(cls, konflik: list[KonflikVersi]) -> KonflikVersi:
        """One refusal for several lines (a formset saved at once)."""
        hasil = cls({})
        hasil.per_baris = {}
        for k in konflik:
            for baris, pesan in k.per_baris.items():
                hasil.per_baris.setdefault(baris, {}).update(pesan)
                for bidang, isi in pesan.items():
                    hasil.error_dict.setdefault(bidang, []).extend(ValidationError(isi).error_list)
        return hasil


def teks_nilai(nilai: Nilai | None) -> str:
    """A target or realisasi value for a conflict message, exact ("85,7825", at least 2 decimals)."""
    if nilai is None:
        return ""
    eksponen = nilai.nilai.normalize().as_tuple().exponent
    desimal = max(2, -eksponen) if isinstance(eksponen, int) else 2
    return format_nilai(nilai.nilai, nilai.label, nilai.pembanding, desimal=desimal)


def nilai_dari(obj) -> Nilai | None:
    """The value of a stored target or realisasi (None: no row or no value)."""
    if obj is None or obj.nilai is None:
        return None
    return Nilai(nilai=obj.nilai, label=obj.label, pembanding=obj.pembanding)


def terakhir(riwayat: models.QuerySet):
    """The latest history record of a row (who saved it and when), one query."""
    return riwayat.select_related("history_user").order_by("-history_date", "-history_id").first()


def pesan(*, rekaman, lain: str | None, isian: str) -> str:
    """The refusal shown on the field: who saved what, when, and what the user typed.

    `rekaman` is the latest history record of the row (None: unknown); `lain` is the other person's
    value as the page shows it, None when they removed the row."""
    oleh = "pengguna lain"
    kapan = ""
    if rekaman is not None:
        if rekaman.history_user is not None:
            oleh = rekaman.history_user.get_username()
        waktu = timezone.localtime(rekaman.history_date)
        kapan = f" pada {format_tanggal(waktu)} pukul {waktu:%H.%M}"
    if lain is None:
        apa = f"sudah dihapus oleh {oleh}{kapan}"
    elif rekaman is not None and rekaman.history_type == "+":
        apa = f"sudah diisi oleh {oleh}{kapan} dengan {lain}"
    else:
        apa = f"sudah diubah oleh {oleh}{kapan} menjadi {lain}"
    isian = isian or KOSONG
    return f"Nilai ini {apa} sejak Anda membukanya. Muat ulang untuk melihatnya; isian Anda: {isian}."


def bentrok(obj, versi: int | None) -> bool:
    """Whether a row read under lock (None: no row) moved on from the versi the form was opened at
    (0: no row then; None: not checked)."""
    if versi is None:
        return False
    return (obj.versi if obj is not None else 0) != versi


def versi_awal(riwayat: models.QuerySet) -> int:
    """The versi of a row made again after a deletion: past every versi its history saw, so a form
    opened before the deletion is not taken for one opened after the new row (one query)."""
    terbesar = riwayat.aggregate(m=models.Max("versi"))["m"]
    return (terbesar or 0) + 1
