"""Writing the budget (STYLE.md §2: services write). Every function checks the user's right to
change the kecamatan's data, runs `full_clean()` and writes in one transaction. Changes of pagu
and realisasi are kept by django-simple-history with the user and the reason given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from anggaran.models import (
    KOLOM_JUMLAH,
    KOLOM_TRIWULAN,
    TINGKAT_ANAK,
    Belanja,
    IndikatorKeluaran,
    PosAnggaran,
    ProgramSasaran,
    TahunAnggaran,
    Tingkat,
)
from kinerja import konflik
from kinerja.models import Realisasi, Sasaran
from kinerja.nilai import Nilai
from lkjip.akses import bisa_mengedit
from lkjip.format import format_rupiah
from lkjip.models import Kecamatan

TRIWULAN_KOSONG: tuple[Decimal | None, ...] = (None, None, None, None)


def _periksa_izin(user, kecamatan: Kecamatan) -> None:
    if not bisa_mengedit(user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan anggaran kecamatan ini.")


def _simpan(obj, *, user, alasan: str = "") -> None:
    obj.full_clean()
    obj._change_reason = alasan or None
    obj._history_user = user
    obj.save()


def _hapus(obj, *, user, alasan: str = "") -> None:
    obj._change_reason = alasan or None
    obj._history_user = user
    obj.delete()


# --- budget years ---------------------------------------------------------------------------------


@transaction.atomic
def tahun_anggaran_buat(*, user, kecamatan: Kecamatan, tahun: int) -> TahunAnggaran:
    _periksa_izin(user, kecamatan)
    ta = TahunAnggaran(kecamatan=kecamatan, tahun=tahun)
    ta.full_clean()
    ta.save()
    return ta


@transaction.atomic
def tahun_anggaran_hapus(*, user, tahun_anggaran: TahunAnggaran) -> None:
    """Remove an empty budget year (its jenis belanja go with it); refused while it has pos."""
    _periksa_izin(user, tahun_anggaran.kecamatan)
    jumlah = tahun_anggaran.pos.count()
    if jumlah:
        raise ValidationError(
            f"Anggaran {tahun_anggaran.tahun} tidak dapat dihapus karena masih berisi {jumlah} "
            "program/kegiatan/sub kegiatan. Hapus rinciannya dulu."
        )
    for b in tahun_anggaran.belanja.all():
        _hapus(b, user=user, alasan="Tahun anggaran dihapus")
    tahun_anggaran.delete()


# --- program, kegiatan, sub kegiatan --------------------------------------------------------------


@transaction.atomic
def pos_anggaran_tambah(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    induk: PosAnggaran | None,
    nama: str,
    kode: str = "",
    penanggung_jawab: str = "",
) -> PosAnggaran:
    """Add a program (no induk), a kegiatan (under a program) or a sub kegiatan (under a kegiatan),
    at the end of its siblings. Refused under a pos that still has amounts of its own."""
    _periksa_izin(user, tahun_anggaran.kecamatan)
    if induk is not None and induk.tahun_anggaran_id != tahun_anggaran.pk:
        raise ValidationError({"induk": "Induk harus dari tahun anggaran yang sama."})
    if induk is not None and induk.tingkat not in TINGKAT_ANAK:
        raise ValidationError({"induk": "Sub kegiatan tidak dapat mempunyai rincian lagi."})
    saudara = PosAnggaran.objects.filter(tahun_anggaran=tahun_anggaran, induk=induk)
    terakhir = saudara.aggregate(m=Max("urutan"))["m"]
    pos = PosAnggaran(
        tahun_anggaran=tahun_anggaran,
        induk=induk,
        tingkat=TINGKAT_ANAK[induk.tingkat if induk else None],
        kode=kode,
        nama=nama,
        penanggung_jawab=penanggung_jawab,
        urutan=0 if terakhir is None else terakhir + 1,
    )
    _simpan(pos, user=user, alasan="Ditambahkan")
    return pos


@transaction.atomic
def pos_anggaran_ubah(
    *, user, pos: PosAnggaran, nama: str, kode: str = "", penanggung_jawab: str = "", alasan: str = ""
) -> PosAnggaran:
    """Change the kode, nama and penanggung jawab of a pos (its amounts: pos_anggaran_jumlah_simpan)."""
    _periksa_izin(user, pos.tahun_anggaran.kecamatan)
    if (pos.kode, pos.nama, pos.penanggung_jawab) != (kode, nama, penanggung_jawab):
        pos.kode, pos.nama, pos.penanggung_jawab = kode, nama, penanggung_jawab
        _simpan(pos, user=user, alasan=alasan)
    return pos


@transaction.atomic
def pos_anggaran_jumlah_simpan(
    *,
    user,
    pos: PosAnggaran,
    pagu_murni: Decimal | None,
    pagu: Decimal | None,
    realisasi: Decimal | None,
    realisasi_triwulan: Sequence[Decimal | None] = TRIWULAN_KOSONG,
    alasan_lebih_pagu: str = "",
    alasan: str = "",
    versi: int | None = None,
) -> PosAnggaran:
    """Store the amounts of a leaf. A pos with children is refused: its amounts are the sums of its
    leaves. An empty yearly realisasi with triwulan amounts becomes their sum. Realisasi above pagu
    is accepted (the page warns); `alasan_lebih_pagu` records why. Nothing changes: nothing written.

    `versi` is the pos's versi when the form was opened (None: not checked). The pos is read again
    under lock; an amount someone else changed since, which this save would overwrite with another
    value, is refused on its field with their value (KonflikVersi) and nothing is written."""
    _periksa_izin(user, pos.tahun_anggaran.kecamatan)
    # Read again under lock (only the amounts: the cached relations stay), so the check below holds
    # against a save that committed after the page read the pos.
    kolom = ["versi", *KOLOM_JUMLAH, "alasan_lebih_pagu"]
    pos.refresh_from_db(fields=kolom, from_queryset=PosAnggaran.objects.select_for_update())
    if len(realisasi_triwulan) != 4:
        raise ValidationError({"realisasi": "Realisasi triwulan harus empat (TW I sampai TW IV)."})
    if pos.anak.exists():
        raise ValidationError(
            {
                "pagu": f'"{pos.nama}" mempunyai rincian: pagu dan realisasinya dihitung dari rincian, '
                "tidak diisi sendiri."
            }
        )
    if realisasi is None and any(t is not None for t in realisasi_triwulan):
        realisasi = sum((t for t in realisasi_triwulan if t is not None), Decimal(0))
    baru = {
        "pagu_murni": pagu_murni,
        "pagu": pagu,
        "realisasi": realisasi,
        **dict(zip(KOLOM_TRIWULAN, realisasi_triwulan, strict=True)),
        # The reason only means something while realisasi is above pagu.
        "alasan_lebih_pagu": alasan_lebih_pagu.strip()
        if realisasi is not None and pagu is not None and realisasi > pagu
        else "",
    }
    if konflik.bentrok(pos, versi):
        _periksa_konflik_jumlah(pos, versi, baru)
    if any(getattr(pos, k) != v for k, v in baru.items()):
        for k, v in baru.items():
            setattr(pos, k, v)
        _simpan(pos, user=user, alasan=alasan)
    return pos


def _teks_kolom(kolom: str, nilai) -> str:
    if kolom == "alasan_lebih_pagu":
        return nilai
    return format_rupiah(nilai) if nilai is not None else ""


def _periksa_konflik_jumlah(pos: PosAnggaran, versi: int, baru: dict) -> None:
    """Refuse the amounts someone else changed since versi `versi` that this save would set to
    another value (their fields, with their values). Amounts nobody else touched, and a save that
    agrees with what they stored, go through: nothing of theirs is lost."""
    dibuka = PosAnggaran.history.filter(id=pos.pk, versi=versi).order_by("-history_id").first()
    pesan = {}
    for kolom, nilai in baru.items():
        kini = getattr(pos, kolom)
        diubah_lain = kini != getattr(dibuka, kolom) if dibuka is not None else True
        if diubah_lain and nilai != kini:
            pesan[kolom] = (kini, nilai)
    if pesan:
        rekaman = konflik.terakhir(PosAnggaran.history.filter(id=pos.pk))
        raise konflik.KonflikVersi(
            {
                kolom: konflik.pesan(
                    rekaman=rekaman,
                    lain=_teks_kolom(kolom, kini) or konflik.KOSONG,
                    isian=_teks_kolom(kolom, nilai),
                )
                for kolom, (kini, nilai) in pesan.items()
            }
        )


def pesan_hapus_ditolak(pos: PosAnggaran, anak: Sequence[PosAnggaran]) -> str | None:
    """Why `pos` cannot be deleted (its children, named), or None when it can."""
    if not anak:
        return None
    nama = ", ".join(f'"{a.nama}"' for a in anak[:3])
    if len(anak) > 3:
        nama += f" dan {len(anak) - 3} lainnya"
    return (
        f'{pos.get_tingkat_display()} "{pos.nama}" tidak dapat dihapus karena masih mempunyai '
        f"{len(anak)} rincian: {nama}. Hapus rinciannya dulu."
    )


@transaction.atomic
def pos_anggaran_hapus(*, user, pos: PosAnggaran, alasan: str = "") -> None:
    """Delete a pos with its output indicators and sasaran mapping; refused while it has children."""
    _periksa_izin(user, pos.tahun_anggaran.kecamatan)
    pesan = pesan_hapus_ditolak(pos, list(pos.anak.order_by("urutan", "id")))
    if pesan:
        raise ValidationError(pesan)
    _hapus(pos, user=user, alasan=alasan or "Dihapus")


@transaction.atomic
def pos_anggaran_pindah(*, user, pos: PosAnggaran, arah: int) -> None:
    """Move a pos one place up (arah -1) or down (+1) among its siblings."""
    _periksa_izin(user, pos.tahun_anggaran.kecamatan)
    saudara = list(
        PosAnggaran.objects.filter(tahun_anggaran=pos.tahun_anggaran_id, induk=pos.induk_id).order_by(
            "urutan", "id"
        )
    )
    i = next(k for k, s in enumerate(saudara) if s.pk == pos.pk)
    j = i + (1 if arah > 0 else -1)
    if not 0 <= j < len(saudara):
        return
    saudara[i], saudara[j] = saudara[j], saudara[i]
    for urutan, s in enumerate(saudara):
        if s.urutan != urutan:
            PosAnggaran.objects.filter(pk=s.pk).update(urutan=urutan)


@transaction.atomic
def pos_anggaran_impor_excel(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    isian: Sequence[tuple[int, dict[str, Decimal | None]]],
    alasan: str,
) -> int:
    """Apply the amounts an Excel upload gives the leaves of a year, all or none (one transaction).
    `isian`: (pos id, {kolom: nilai}) with only the columns the sheet has. Returns the number of pos
    changed; each change is kept in the history with `alasan`."""
    _periksa_izin(user, tahun_anggaran.kecamatan)
    pos = {
        p.pk: p for p in PosAnggaran.objects.filter(tahun_anggaran=tahun_anggaran).prefetch_related("anak")
    }
    berubah = 0
    for pos_id, nilai in isian:
        p = pos.get(pos_id)
        if p is None:
            raise ValidationError(f"Pos {pos_id} bukan bagian dari {tahun_anggaran}.")
        if p.anak.all():
            raise ValidationError(f'"{p.nama}" mempunyai rincian: jumlahnya dihitung dari rincian.')
        for k in nilai:
            if k not in ("pagu_murni", "pagu", "realisasi"):
                raise ValidationError(f"Kolom {k} tidak dapat diimpor.")
        if any(getattr(p, k) != v for k, v in nilai.items()):
            for k, v in nilai.items():
                setattr(p, k, v)
            if not p.lebih_pagu:
                p.alasan_lebih_pagu = ""
            _simpan(p, user=user, alasan=alasan)
            berubah += 1
    return berubah


# --- output indicators, sasaran mapping -----------------------------------------------------------


@dataclass(frozen=True)
class BarisIndikatorKeluaran:
    """An output indicator as entered; `id` names the stored one it updates (None: new)."""

    nama: str
    satuan: str = ""
    target: Nilai | None = None
    realisasi: Nilai | None = None
    status: str = Realisasi.Status.FINAL
    keterangan: str = ""
    id: int | None = None


@transaction.atomic
def indikator_keluaran_simpan(*, user, pos: PosAnggaran, indikator: Sequence[BarisIndikatorKeluaran]) -> None:
    """Make the output indicators of `pos` exactly `indikator`, in that order."""
    _periksa_izin(user, pos.tahun_anggaran.kecamatan)
    lama = {i.pk: i for i in pos.indikator.all()}
    for b in indikator:
        if b.id is not None and b.id not in lama:
            raise ValidationError({"indikator": f"Indikator {b.id} bukan milik {pos.nama}."})
    simpan = set()
    for urutan, b in enumerate(indikator):
        obj = lama.get(b.id) if b.id is not None else IndikatorKeluaran(pos=pos)
        nilai = {
            "nama": b.nama,
            "satuan": b.satuan,
            "target": b.target.nilai if b.target else None,
            "target_label": b.target.label if b.target else "",
            "target_pembanding": b.target.pembanding if b.target else "",
            "realisasi": b.realisasi.nilai if b.realisasi else None,
            "realisasi_label": b.realisasi.label if b.realisasi else "",
            "realisasi_pembanding": b.realisasi.pembanding if b.realisasi else "",
            "status": b.status,
            "keterangan": b.keterangan,
            "urutan": urutan,
        }
        if obj._state.adding or any(getattr(obj, k) != v for k, v in nilai.items()):
            for k, v in nilai.items():
                setattr(obj, k, v)
            obj.full_clean()
            obj.save()
        simpan.add(obj.pk)
    for pk, obj in lama.items():
        if pk not in simpan:
            obj.delete()


@transaction.atomic
def program_sasaran_simpan(*, user, program: PosAnggaran, sasaran: Sequence[Sasaran]) -> None:
    """Map a program to exactly the sasaran given (in that order)."""
    _periksa_izin(user, program.tahun_anggaran.kecamatan)
    if program.tingkat != Tingkat.PROGRAM:
        raise ValidationError({"sasaran": "Hanya program yang dipetakan ke sasaran."})
    lama = {d.sasaran_id: d for d in program.dukungan.all()}
    for urutan, s in enumerate(sasaran):
        d = lama.pop(s.pk, None) or ProgramSasaran(program=program, sasaran=s)
        if d._state.adding or d.urutan != urutan:
            d.urutan = urutan
            d.full_clean()
            d.save()
    for d in lama.values():
        d.delete()


# --- jenis belanja -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisBelanja:
    jenis: str
    pagu: Decimal
    pagu_murni: Decimal | None = None
    realisasi: Decimal | None = None
    alasan_lebih_pagu: str = ""


@transaction.atomic
def belanja_simpan(
    *, user, tahun_anggaran: TahunAnggaran, baris: Sequence[BarisBelanja], alasan: str = ""
) -> None:
    """Make the year's jenis belanja totals exactly `baris` (one row per jenis, in that order)."""
    _periksa_izin(user, tahun_anggaran.kecamatan)
    jenis = [b.jenis for b in baris]
    if len(set(jenis)) != len(jenis):
        raise ValidationError({"jenis": "Setiap jenis belanja hanya boleh muncul sekali."})
    lama = {b.jenis: b for b in tahun_anggaran.belanja.all()}
    for urutan, b in enumerate(baris):
        obj = lama.pop(b.jenis, None) or Belanja(tahun_anggaran=tahun_anggaran, jenis=b.jenis)
        lebih = b.realisasi is not None and b.realisasi > b.pagu
        nilai = {
            "pagu_murni": b.pagu_murni,
            "pagu": b.pagu,
            "realisasi": b.realisasi,
            "alasan_lebih_pagu": b.alasan_lebih_pagu.strip() if lebih else "",
            "urutan": urutan,
        }
        if obj._state.adding or any(getattr(obj, k) != v for k, v in nilai.items()):
            for k, v in nilai.items():
                setattr(obj, k, v)
            _simpan(obj, user=user, alasan=alasan)
    for obj in lama.values():
        _hapus(obj, user=user, alasan=alasan or "Dihapus")
