"""Writing SAKIP evaluations (LHE): inspektorat records the evaluation of a kecamatan (components
with bobot and nilai, recommendations); the kecamatan records the tindak lanjut of each
recommendation (DESIGN.md §1, §3; DOMAIN.md §2.1.18, §3.8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from kinerja.models import EvaluasiSakip, KomponenSakip, RekomendasiSakip, TindakLanjut
from lkjip.akses import bisa_mengedit, bisa_mereviu
from lkjip.models import Kecamatan


@dataclass(frozen=True)
class IsianKomponen:
    nama: str
    bobot: Decimal
    nilai: Decimal


@dataclass(frozen=True)
class IsianRekomendasi:
    """A recommendation; `id` names the stored one it updates (None: a new one)."""

    uraian: str
    komponen: str = ""
    id: int | None = None


def _periksa_izin_evaluasi(user, kecamatan: Kecamatan) -> None:
    if not bisa_mereviu(user, kecamatan):
        raise PermissionDenied("Hanya inspektorat kabupaten yang mencatat hasil evaluasi SAKIP.")


def _periksa_tahun(
    kecamatan: Kecamatan, tahun_evaluasi: int | None, tahun_dievaluasi: int, kecuali=None
) -> None:
    lain = EvaluasiSakip.objects.filter(kecamatan=kecamatan)
    if kecuali is not None:
        lain = lain.exclude(pk=kecuali)
    if lain.filter(tahun_dievaluasi=tahun_dievaluasi).exists():
        raise ValidationError(
            {"tahun_dievaluasi": f"Evaluasi atas AKIP {tahun_dievaluasi} untuk {kecamatan} sudah ada."}
        )
    if tahun_evaluasi is not None and lain.filter(tahun_evaluasi=tahun_evaluasi).exists():
        raise ValidationError(
            {"tahun_evaluasi": f"{kecamatan} sudah punya LHE SAKIP yang terbit tahun {tahun_evaluasi}."}
        )


def _tulis_komponen(evaluasi: EvaluasiSakip, komponen: Sequence[IsianKomponen], user) -> None:
    if not komponen:
        raise ValidationError({"komponen": "Isi paling sedikit satu komponen penilaian."})
    lama = list(evaluasi.komponen.order_by("urutan", "id")) if evaluasi.pk else []
    galat: dict[str, list[str]] = {}
    for urutan, isian in enumerate(komponen, 1):
        k = lama[urutan - 1] if urutan <= len(lama) else KomponenSakip(evaluasi=evaluasi)
        sebelum = (k.urutan, k.nama, k.bobot, k.nilai)
        k.urutan, k.nama, k.bobot, k.nilai = urutan, isian.nama.strip(), isian.bobot, isian.nilai
        if k.pk and sebelum == (k.urutan, k.nama, k.bobot, k.nilai):
            continue
        try:
            k.full_clean()
        except ValidationError as e:
            galat[f"komponen-{urutan}"] = e.messages
            continue
        k._change_reason = "Hasil evaluasi SAKIP"
        k._history_user = user
        k.save()
    if galat:
        raise ValidationError(galat)
    for k in lama[len(komponen) :]:
        k._change_reason = "Komponen dihapus dari evaluasi SAKIP"
        k._history_user = user
        k.delete()


def _tulis_rekomendasi(evaluasi: EvaluasiSakip, rekomendasi: Sequence[IsianRekomendasi]) -> None:
    lama = {r.pk: r for r in evaluasi.rekomendasi.all()} if evaluasi.pk else {}
    dipakai: set[int] = set()
    for urutan, isian in enumerate(rekomendasi, 1):
        r = lama.get(isian.id) if isian.id is not None else None
        if isian.id is not None and r is None:
            raise ValidationError(f"Rekomendasi #{isian.id} bukan bagian dari {evaluasi}.")
        r = r or RekomendasiSakip(evaluasi=evaluasi)
        sebelum = (r.urutan, r.komponen, r.uraian)
        r.urutan, r.komponen, r.uraian = urutan, isian.komponen.strip(), isian.uraian.strip()
        if not r.pk or sebelum != (r.urutan, r.komponen, r.uraian):
            r.full_clean()
            r.save()
        dipakai.add(r.pk)
    for pk, r in lama.items():
        if pk in dipakai:
            continue
        try:
            r.delete()
        except ProtectedError as e:
            raise ValidationError(
                {
                    "rekomendasi": f'Rekomendasi "{r}" tidak dapat dihapus karena kecamatan sudah mencatat '
                    "tindak lanjutnya."
                }
            ) from e


@transaction.atomic
def evaluasi_buat(
    *,
    user,
    kecamatan: Kecamatan,
    tahun_evaluasi: int | None,
    tahun_dievaluasi: int,
    nomor_surat: str = "",
    tanggal: date | None = None,
    komponen: Sequence[IsianKomponen],
    rekomendasi: Sequence[IsianRekomendasi] = (),
) -> EvaluasiSakip:
    """Record an evaluation (LHE) of `kecamatan`: inspektorat of its kabupaten only."""
    _periksa_izin_evaluasi(user, kecamatan)
    _periksa_tahun(kecamatan, tahun_evaluasi, tahun_dievaluasi)
    evaluasi = EvaluasiSakip(
        kecamatan=kecamatan,
        tahun_evaluasi=tahun_evaluasi,
        tahun_dievaluasi=tahun_dievaluasi,
        nomor_surat=nomor_surat.strip(),
        tanggal=tanggal,
    )
    evaluasi.full_clean()
    evaluasi.save()
    _tulis_komponen(evaluasi, komponen, user)
    _tulis_rekomendasi(evaluasi, rekomendasi)
    return evaluasi


@transaction.atomic
def evaluasi_ubah(
    *,
    user,
    evaluasi: EvaluasiSakip,
    tahun_evaluasi: int | None,
    tahun_dievaluasi: int,
    nomor_surat: str = "",
    tanggal: date | None = None,
    komponen: Sequence[IsianKomponen],
    rekomendasi: Sequence[IsianRekomendasi] = (),
) -> EvaluasiSakip:
    """Change an evaluation. A recommendation the kecamatan already followed up cannot be removed."""
    _periksa_izin_evaluasi(user, evaluasi.kecamatan)
    _periksa_tahun(evaluasi.kecamatan, tahun_evaluasi, tahun_dievaluasi, kecuali=evaluasi.pk)
    evaluasi.tahun_evaluasi, evaluasi.tahun_dievaluasi = tahun_evaluasi, tahun_dievaluasi
    evaluasi.nomor_surat, evaluasi.tanggal = nomor_surat.strip(), tanggal
    evaluasi.full_clean()
    evaluasi.save()
    _tulis_komponen(evaluasi, komponen, user)
    _tulis_rekomendasi(evaluasi, rekomendasi)
    return evaluasi


@transaction.atomic
def evaluasi_hapus(*, user, evaluasi: EvaluasiSakip) -> None:
    """Delete an evaluation; refused when the kecamatan already recorded tindak lanjut of it."""
    _periksa_izin_evaluasi(user, evaluasi.kecamatan)
    try:
        evaluasi.delete()
    except ProtectedError as e:
        jumlah = len(e.protected_objects)
        raise ValidationError(
            f"{evaluasi} tidak dapat dihapus karena masih dipakai oleh {jumlah} tindak lanjut rekomendasi "
            "yang dicatat kecamatan."
        ) from e


@transaction.atomic
def tindak_lanjut_simpan(
    *,
    user,
    rekomendasi: RekomendasiSakip,
    uraian: str,
    waktu: str = "",
    penanggung_jawab: str = "",
    status: str = TindakLanjut.Status.BELUM,
) -> TindakLanjut:
    """Record what the kecamatan does about a recommendation (operator or camat of the kecamatan)."""
    if not bisa_mengedit(user, rekomendasi.evaluasi.kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan pencatatan tindak lanjut kecamatan ini.")
    tl = TindakLanjut.objects.filter(rekomendasi=rekomendasi).first() or TindakLanjut(rekomendasi=rekomendasi)
    tl.uraian, tl.waktu = uraian.strip(), waktu.strip()
    tl.penanggung_jawab, tl.status = penanggung_jawab.strip(), status
    tl.full_clean()
    tl.save()
    return tl
