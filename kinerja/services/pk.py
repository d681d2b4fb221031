"""Writing the Perjanjian Kinerja: the murni of a year, its perubahan, their target and program lines.

A perubahan is a document of its own: it starts as a copy of the murni (or empty) and never
overwrites it (DESIGN.md §3). Target lines are tracked by simple-history: every write records the
user and a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from kinerja import konflik, selectors
from kinerja.models import Indikator, PerjanjianKinerja, ProgramPK, Renstra, TargetPK, TargetTriwulanPK
from kinerja.nilai import Nilai
from kinerja.services.perencanaan import satuan_cacah, target_negatif
from lkjip.akses import bisa_mengedit
from lkjip.models import Kecamatan

Jenis = PerjanjianKinerja.Jenis

ALASAN_PERUBAHAN_WAJIB = "Alasan perubahan wajib diisi."
ANGGARAN_NEGATIF = "Anggaran tidak boleh negatif."


@dataclass(frozen=True)
class BarisTarget:
    """A target line: the indicator, its yearly target and optionally the four triwulan targets."""

    indikator: Indikator
    target: Nilai
    triwulan: tuple[Nilai | None, ...] = field(default=(None, None, None, None))
    # The versi of the line and of its four triwulan targets when the form was opened (0: none
    # then; None: not checked), see kinerja/konflik.py.
    versi: int | None = None
    versi_triwulan: tuple[int | None, ...] = field(default=(None, None, None, None))


@dataclass(frozen=True)
class BarisProgram:
    """A program line; `id` names the stored line it updates (None: a new line)."""

    nama: str
    anggaran: Decimal
    kode: str = ""
    sumber: str = ""
    id: int | None = None


def _periksa_izin(user, kecamatan: Kecamatan) -> None:
    if not bisa_mengedit(user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan Perjanjian Kinerja kecamatan ini.")


def _renstra_tahun(kecamatan: Kecamatan, tahun: int) -> Renstra:
    renstra = selectors.renstra_untuk_tahun(kecamatan=kecamatan, tahun=tahun)
    if renstra is None:
        raise ValidationError(
            {
                "tahun": f"Tidak ada Renstra {kecamatan} yang mencakup tahun {tahun} "
                "(tahun dalam periode Renstra atau paling lama 5 tahun sebelumnya)."
            }
        )
    return renstra


def _periksa_target(renstra: Renstra, target: Sequence[BarisTarget]) -> None:
    dilihat: set[int] = set()
    for baris in target:
        if baris.indikator.renstra_id != renstra.pk:
            raise ValidationError(
                {"target": f"Indikator {baris.indikator.kode} bukan bagian dari {renstra}."}
            )
        if baris.indikator.pk in dilihat:
            raise ValidationError({"target": f"Indikator {baris.indikator.kode} muncul lebih dari sekali."})
        dilihat.add(baris.indikator.pk)
        if len(baris.triwulan) != 4:
            raise ValidationError({"target": "Target triwulan harus empat (TW I sampai TW IV)."})
        nilai = [baris.target, *baris.triwulan]
        if satuan_cacah(baris.indikator.satuan) and any(n is not None and n.nilai < 0 for n in nilai):
            raise ValidationError(
                {"target": f"Indikator {baris.indikator.kode}: {target_negatif(baris.indikator.satuan)}"}
            )


def _simpan_riwayat(obj, *, user, alasan: str) -> None:
    obj._change_reason = alasan
    obj._history_user = user
    obj.save()


def _hapus_riwayat(obj, *, user, alasan: str) -> None:
    obj._change_reason = alasan
    obj._history_user = user
    obj.delete()


def _isi_nilai(obj, nilai: Nilai) -> bool:
    """Put `nilai` on a target object; True when something changed."""
    lama = (obj.nilai, obj.label, obj.pembanding)
    obj.nilai, obj.label, obj.pembanding = nilai.nilai, nilai.label, nilai.pembanding
    return obj._state.adding or lama != (obj.nilai, obj.label, obj.pembanding)


def _konflik_target(
    perjanjian: PerjanjianKinerja,
    target: Sequence[BarisTarget],
    lama: dict[int, TargetPK],
    triwulan: dict[int, dict[int, TargetTriwulanPK]],
) -> None:
    """Refuse (KonflikVersi on the fields of every line concerned) the values someone else saved or
    removed since the form was opened, unless the form leaves them as they are now."""
    semua = []
    for baris in target:
        tpk = lama.get(baris.indikator.pk)
        pesan = {}
        if konflik.bentrok(tpk, baris.versi) and konflik.nilai_dari(tpk) != baris.target:
            riwayat = TargetPK.history.filter(perjanjian_id=perjanjian.pk, indikator_id=baris.indikator.pk)
            pesan["target"] = _pesan_konflik(riwayat, tpk, baris.target)
        per_tw = triwulan.get(tpk.pk, {}) if tpk is not None else {}
        for nomor, (nilai, versi) in enumerate(zip(baris.triwulan, baris.versi_triwulan, strict=True), 1):
            tw = per_tw.get(nomor)
            if konflik.bentrok(tw, versi) and konflik.nilai_dari(tw) != nilai:
                riwayat = TargetTriwulanPK.history.filter(baris_id=tpk.pk if tpk else None, triwulan=nomor)
                pesan[f"tw{nomor}"] = _pesan_konflik(riwayat, tw, nilai)
        if pesan:
            semua.append(konflik.KonflikVersi(pesan, baris=baris.indikator.pk))
    if semua:
        raise konflik.KonflikVersi.gabung(semua)


def _pesan_konflik(riwayat, obj, isian: Nilai | None) -> str:
    lain = konflik.teks_nilai(konflik.nilai_dari(obj)) if obj is not None else None
    return konflik.pesan(rekaman=konflik.terakhir(riwayat), lain=lain, isian=konflik.teks_nilai(isian))


def _tulis_target(perjanjian: PerjanjianKinerja, target: Sequence[BarisTarget], *, user, alasan: str) -> None:
    """Make the target lines of `perjanjian` exactly `target` (matched by indicator), writing only
    what changed, so the history shows real changes. The lines and their triwulan targets are read
    under lock; a value someone else saved since the form was opened is refused (KonflikVersi)."""
    lama = {
        b.indikator_id: b
        for b in TargetPK.objects.select_for_update().filter(perjanjian=perjanjian).order_by("id")
    }
    triwulan: dict[int, dict[int, TargetTriwulanPK]] = {}
    for tw in TargetTriwulanPK.objects.select_for_update(of=("self",)).filter(baris__perjanjian=perjanjian):
        triwulan.setdefault(tw.baris_id, {})[tw.triwulan] = tw
    _konflik_target(perjanjian, target, lama, triwulan)
    for urutan, baris in enumerate(target, 1):
        tpk = lama.pop(baris.indikator.pk, None)
        per_tw = triwulan.get(tpk.pk, {}) if tpk else {}
        if tpk is None:
            tpk = TargetPK(perjanjian=perjanjian, indikator=baris.indikator)
        berubah = _isi_nilai(tpk, baris.target) or tpk.urutan != urutan
        tpk.urutan = urutan
        if berubah:
            tpk.full_clean()
            _simpan_riwayat(tpk, user=user, alasan=alasan)
        for nomor, nilai in enumerate(baris.triwulan, 1):
            tw = per_tw.get(nomor)
            if nilai is None:
                if tw is not None:
                    _hapus_riwayat(tw, user=user, alasan=alasan)
                continue
            tw = tw or TargetTriwulanPK(baris=tpk, triwulan=nomor)
            if _isi_nilai(tw, nilai):
                tw.full_clean()
                _simpan_riwayat(tw, user=user, alasan=alasan)
    for tpk in lama.values():
        for tw in triwulan.get(tpk.pk, {}).values():
            _hapus_riwayat(tw, user=user, alasan=alasan)
        _hapus_riwayat(tpk, user=user, alasan=alasan)


def _tulis_program(perjanjian: PerjanjianKinerja, program: Sequence[BarisProgram]) -> None:
    lama = {p.pk: p for p in ProgramPK.objects.filter(perjanjian=perjanjian)}
    for baris in program:
        if baris.anggaran < 0:
            raise ValidationError({"program": f"{baris.nama}: {ANGGARAN_NEGATIF}"})
        if baris.id is not None and baris.id not in lama:
            raise ValidationError({"program": f"Baris program {baris.id} bukan milik {perjanjian}."})
    for urutan, baris in enumerate(program, 1):
        prog = lama.pop(baris.id) if baris.id is not None else ProgramPK(perjanjian=perjanjian)
        prog.kode, prog.nama, prog.anggaran, prog.sumber = (
            baris.kode,
            baris.nama,
            baris.anggaran,
            baris.sumber,
        )
        prog.urutan = urutan
        prog.full_clean()
        prog.save()
    for prog in lama.values():
        prog.delete()


def _isi_kepala(
    perjanjian: PerjanjianKinerja,
    *,
    tanggal: date | None,
    tempat: str,
    pihak_pertama: dict | None,
    pihak_kedua: dict | None,
) -> None:
    perjanjian.tanggal = tanggal
    perjanjian.tempat = tempat.strip()
    perjanjian.pihak_pertama = pihak_pertama or None
    perjanjian.pihak_kedua = pihak_kedua or None


@transaction.atomic
def pk_buat(
    *,
    user,
    kecamatan: Kecamatan,
    tahun: int,
    tanggal: date | None,
    tempat: str,
    pihak_pertama: dict | None,
    pihak_kedua: dict | None,
    target: Sequence[BarisTarget],
    program: Sequence[BarisProgram],
) -> PerjanjianKinerja:
    """Make the PK murni of `tahun` with its target and program lines. The year must be allowed by
    the Renstra it belongs to (Renstra.tahun_diizinkan) and the indicators be of that Renstra."""
    _periksa_izin(user, kecamatan)
    renstra = _renstra_tahun(kecamatan, tahun)
    if PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.MURNI).exists():
        raise ValidationError({"tahun": f"PK murni tahun {tahun} sudah ada."})
    _periksa_target(renstra, target)
    perjanjian = PerjanjianKinerja(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.MURNI)
    _isi_kepala(
        perjanjian, tanggal=tanggal, tempat=tempat, pihak_pertama=pihak_pertama, pihak_kedua=pihak_kedua
    )
    perjanjian.full_clean()
    perjanjian.save()
    _tulis_target(perjanjian, target, user=user, alasan=f"PK murni {tahun} dibuat")
    _tulis_program(perjanjian, program)
    return perjanjian


@transaction.atomic
def pk_perubahan_buat(
    *,
    user,
    kecamatan: Kecamatan,
    tahun: int,
    alasan: str,
    tanggal: date | None,
    tempat: str,
    pihak_pertama: dict | None,
    pihak_kedua: dict | None,
) -> PerjanjianKinerja:
    """Make the PK perubahan of `tahun`: a copy of the murni's target lines (with triwulan targets)
    and program lines, or empty when there is no murni. The murni is left as it is."""
    _periksa_izin(user, kecamatan)
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": ALASAN_PERUBAHAN_WAJIB})
    _renstra_tahun(kecamatan, tahun)
    if PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.PERUBAHAN).exists():
        raise ValidationError({"tahun": f"PK perubahan tahun {tahun} sudah ada."})
    perubahan = PerjanjianKinerja(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.PERUBAHAN, alasan=alasan)
    _isi_kepala(
        perubahan, tanggal=tanggal, tempat=tempat, pihak_pertama=pihak_pertama, pihak_kedua=pihak_kedua
    )
    perubahan.full_clean()
    perubahan.save()
    murni = selectors.pk_dokumen(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.MURNI)
    if murni is not None:
        target = [
            BarisTarget(
                indikator=b.indikator,
                target=Nilai(nilai=b.nilai, label=b.label, pembanding=b.pembanding),
                triwulan=tuple(_nilai_triwulan(b)),
            )
            for b in murni.target.all()
        ]
        _tulis_target(perubahan, target, user=user, alasan=f"Disalin dari PK murni {tahun}: {alasan}")
        _tulis_program(
            perubahan,
            [
                BarisProgram(nama=p.nama, anggaran=p.anggaran, kode=p.kode, sumber=p.sumber)
                for p in murni.program.all()
            ],
        )
    return perubahan


def _nilai_triwulan(baris: TargetPK) -> list[Nilai | None]:
    per_tw = {tw.triwulan: tw for tw in baris.triwulan.all()}
    return [
        Nilai(nilai=tw.nilai, label=tw.label, pembanding=tw.pembanding) if (tw := per_tw.get(i)) else None
        for i in range(1, 5)
    ]


@transaction.atomic
def pk_ubah(
    *,
    user,
    perjanjian: PerjanjianKinerja,
    tanggal: date | None,
    tempat: str,
    pihak_pertama: dict | None,
    pihak_kedua: dict | None,
    alasan: str = "",
) -> PerjanjianKinerja:
    """Change the heading of a PK (date, place, signatories; the reason of a perubahan)."""
    _periksa_izin(user, perjanjian.kecamatan)
    if perjanjian.jenis == Jenis.PERUBAHAN:
        alasan = alasan.strip()
        if not alasan:
            raise ValidationError({"alasan": ALASAN_PERUBAHAN_WAJIB})
        perjanjian.alasan = alasan
    _isi_kepala(
        perjanjian, tanggal=tanggal, tempat=tempat, pihak_pertama=pihak_pertama, pihak_kedua=pihak_kedua
    )
    perjanjian.full_clean()
    perjanjian.save()
    return perjanjian


@transaction.atomic
def pk_target_ubah(
    *, user, perjanjian: PerjanjianKinerja, target: Sequence[BarisTarget], alasan: str = ""
) -> None:
    """Replace the target lines of a PK (lines are matched by indicator; what is missing is removed).
    Each changed line records `alasan` (or a default naming the document) in its history. A value
    someone else saved since the form was opened (BarisTarget.versi, .versi_triwulan) is refused
    with KonflikVersi, whose `per_baris` names the lines by indicator id; nothing is written."""
    _periksa_izin(user, perjanjian.kecamatan)
    _periksa_target(_renstra_tahun(perjanjian.kecamatan, perjanjian.tahun), target)
    alasan = alasan.strip() or f"Target {perjanjian} diubah"
    try:
        with transaction.atomic():
            _tulis_target(perjanjian, target, user=user, alasan=alasan)
    except IntegrityError:
        # A line or triwulan target someone else made between our read and our insert: the same
        # conflict as one saved since the form was opened (raised by _konflik_target).
        lama = {b.indikator_id: b for b in TargetPK.objects.filter(perjanjian=perjanjian)}
        triwulan: dict[int, dict[int, TargetTriwulanPK]] = {}
        for tw in TargetTriwulanPK.objects.filter(baris__perjanjian=perjanjian):
            triwulan.setdefault(tw.baris_id, {})[tw.triwulan] = tw
        _konflik_target(perjanjian, target, lama, triwulan)
        raise


@transaction.atomic
def pk_program_ubah(*, user, perjanjian: PerjanjianKinerja, program: Sequence[BarisProgram]) -> None:
    """Replace the program lines of a PK (lines with an id are updated, missing ones removed)."""
    _periksa_izin(user, perjanjian.kecamatan)
    _tulis_program(perjanjian, program)


def _uraian_terlindung(e: ProtectedError) -> str:
    nama = sorted({f"{o._meta.verbose_name} {o}" for o in e.protected_objects})
    return ", ".join(nama)


@transaction.atomic
def pk_hapus(*, user, perjanjian: PerjanjianKinerja) -> None:
    """Delete a PK with its lines (each target line's history records the deletion). Refused, with
    what depends on it, when other data still refers to the document."""
    _periksa_izin(user, perjanjian.kecamatan)
    alasan = f"{perjanjian} dihapus"
    try:
        with transaction.atomic():
            for tpk in TargetPK.objects.filter(perjanjian=perjanjian).prefetch_related("triwulan"):
                for tw in tpk.triwulan.all():
                    _hapus_riwayat(tw, user=user, alasan=alasan)
                _hapus_riwayat(tpk, user=user, alasan=alasan)
            perjanjian.delete()
    except ProtectedError as e:
        raise ValidationError(
            f"{perjanjian} tidak dapat dihapus karena masih dipakai oleh: {_uraian_terlindung(e)}."
        ) from e
