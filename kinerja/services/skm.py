"""Writing SKM surveys: the survey of a period, its unsur results, the public questionnaire (open,
close, one response) and its rate limit (DESIGN.md §3, DOMAIN.md §3.7, issue 6).

A year uses one kind of period only (one tahunan survey, or semesters, or triwulan), so its yearly
value (the mean of its periods) is never ambiguous.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja import skm
from kinerja.models import JejakKirim, ResponSkm, SurveiSkm, TautanKuesioner, UnsurSkm, VersiSkm
from lkjip.akses import bisa_mengedit
from lkjip.models import Kecamatan

Periode = SurveiSkm.Periode

# Rate limit of the public questionnaire: (submissions, window). The browser limit stops repeated
# sending from one phone; the address limit is generous because a service desk's visitors (or its
# kiosk tablets) share one public address.
BATAS_PERAMBAN = (1, timedelta(minutes=3))
BATAS_ALAMAT = (60, timedelta(hours=1))

TIDAK_TERBUKA = (
    "Mohon maaf, survei kepuasan masyarakat kecamatan ini sedang tidak dibuka. "
    "Silakan kembali pada periode survei berikutnya."
)


def _jenis_periode(periode: str) -> str:
    return periode.split("-")[0]


@dataclass(frozen=True)
class IsianUnsur:
    """The result of one unsur as entered: at most one of nrr, jumlah_jawaban (four counts for the
    answers 1..4) and distribusi (four percentages); none of them leaves the unsur unfilled."""

    kode: str
    nama: str
    nrr: Decimal | None = None
    jumlah_jawaban: tuple[int, int, int, int] | None = None
    distribusi: tuple[Decimal, Decimal, Decimal, Decimal] | None = None


@dataclass(frozen=True)
class IsianRespon:
    """One filled questionnaire: nine answers 1..4 (U1..U9) and the optional profile."""

    jawaban: tuple[int, ...]
    jenis_kelamin: str = ""
    usia: str = ""
    pendidikan: str = ""
    pekerjaan: str = ""
    jenis_layanan: str = ""
    kritik: str = ""
    saran: str = ""


class KirimDitolak(ValidationError):
    """A questionnaire submission refused politely (period closed, or the rate limit)."""


def _periksa_izin(user, kecamatan: Kecamatan) -> None:
    if not bisa_mengedit(user, kecamatan):
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan survei SKM kecamatan ini.")


def _periksa_periode(kecamatan: Kecamatan, tahun: int, periode: str, kecuali: int | None = None) -> None:
    lain = SurveiSkm.objects.filter(kecamatan=kecamatan, tahun=tahun)
    if kecuali is not None:
        lain = lain.exclude(pk=kecuali)
    for s in lain:
        if s.periode == periode:
            raise ValidationError({"periode": f"{s} sudah ada."})
        if _jenis_periode(s.periode) != _jenis_periode(periode):
            raise ValidationError(
                {
                    "periode": f"Tahun {tahun} sudah memakai periode {s.get_periode_display()}. Satu tahun "
                    "memakai satu jenis periode saja (tahunan, semester atau triwulan) agar nilai "
                    "tahunannya jelas."
                }
            )


def _buat_unsur(survei: SurveiSkm) -> None:
    for urutan, (kode, nama) in enumerate(skm.UNSUR[survei.versi], 1):
        u = UnsurSkm(survei=survei, urutan=urutan, kode=kode, nama=nama)
        u.full_clean()
        u.save()


def _bersihkan_daftar(daftar: Sequence[str]) -> list[str]:
    return [t.strip() for t in daftar if t and t.strip()]


@transaction.atomic
def survei_buat(
    *,
    user,
    kecamatan: Kecamatan,
    tahun: int,
    periode: str = Periode.TAHUNAN,
    versi: str = VersiSkm.PERMENPAN_RB_14_2017,
    metode: str = "",
    responden: int | None = None,
    kritik: Sequence[str] = (),
    saran: Sequence[str] = (),
) -> SurveiSkm:
    """A new survey with the unsur of its version, not yet filled."""
    _periksa_izin(user, kecamatan)
    _periksa_periode(kecamatan, tahun, periode)
    survei = SurveiSkm(
        kecamatan=kecamatan,
        tahun=tahun,
        periode=periode,
        versi=versi,
        metode=metode.strip(),
        responden=responden,
        kritik=_bersihkan_daftar(kritik),
        saran=_bersihkan_daftar(saran),
    )
    survei.full_clean()
    survei.save()
    _buat_unsur(survei)
    return survei


def _ada_hasil(survei: SurveiSkm) -> bool:
    return any(u.bentuk for u in survei.unsur.all())


@transaction.atomic
def survei_ubah(
    *,
    user,
    survei: SurveiSkm,
    tahun: int,
    periode: str,
    versi: str,
    metode: str = "",
    responden: int | None = None,
    kritik: Sequence[str] = (),
    saran: Sequence[str] = (),
) -> SurveiSkm:
    """Change the heading of a survey. Its version changes only while no unsur is filled and no
    response has arrived (the unsur set follows the version)."""
    _periksa_izin(user, survei.kecamatan)
    _periksa_periode(survei.kecamatan, tahun, periode, kecuali=survei.pk)
    ganti_versi = versi != survei.versi
    if ganti_versi:
        if _ada_hasil(survei) or survei.respon.exists():
            raise ValidationError(
                {"versi": "Pedoman tidak dapat diganti karena hasil unsur atau respon kuesioner sudah ada."}
            )
        if survei.terbuka and versi != VersiSkm.PERMENPAN_RB_14_2017:
            raise ValidationError(
                {"versi": "Kuesioner daring memakai PermenPAN-RB 14/2017; tutup kuesioner sebelum mengganti."}
            )
    survei.tahun, survei.periode, survei.versi = tahun, periode, versi
    survei.metode = metode.strip()
    survei.responden = responden
    survei.kritik, survei.saran = _bersihkan_daftar(kritik), _bersihkan_daftar(saran)
    survei.full_clean()
    survei.save()
    if ganti_versi:
        survei.unsur.all().delete()
        _buat_unsur(survei)
    return survei


def _isi_unsur(u: UnsurSkm, isian: IsianUnsur) -> bool:
    """Put `isian` on `u`; True when something changed."""
    lama = (u.nama, u.nrr, *(getattr(u, k) for k in UnsurSkm.JUMLAH + UnsurSkm.PERSEN))
    u.nama = isian.nama.strip() or u.nama
    u.nrr = isian.nrr
    jumlah = isian.jumlah_jawaban or (None, None, None, None)
    persen = isian.distribusi or (None, None, None, None)
    for k, n in zip(UnsurSkm.JUMLAH, jumlah, strict=True):
        setattr(u, k, n)
    for k, p in zip(UnsurSkm.PERSEN, persen, strict=True):
        setattr(u, k, p)
    baru = (u.nama, u.nrr, *(getattr(u, k) for k in UnsurSkm.JUMLAH + UnsurSkm.PERSEN))
    return lama != baru


@transaction.atomic
def survei_unsur_simpan(*, user, survei: SurveiSkm, unsur: Sequence[IsianUnsur]) -> int:
    """Store the results per unsur (matched by kode); returns how many unsur changed.

    Refused for a survey whose results come from the online questionnaire (it is open, or has
    responses): typed values would hide the responses."""
    _periksa_izin(user, survei.kecamatan)
    jumlah_respon = survei.respon.count()
    if survei.terbuka or jumlah_respon:
        raise ValidationError(
            f"Hasil {survei} berasal dari kuesioner daring ({jumlah_respon} respon), jadi hasil per unsur "
            "tidak diisi manual."
        )
    per_kode = {u.kode: u for u in survei.unsur.all()}
    berubah = 0
    galat: dict[str, list[str]] = {}
    for isian in unsur:
        u = per_kode.get(isian.kode)
        if u is None:
            raise ValidationError(f"Unsur {isian.kode} bukan bagian dari {survei}.")
        if _isi_unsur(u, isian):
            try:
                u.full_clean()
            except ValidationError as e:
                galat[u.kode] = e.messages
                continue
            u._change_reason = f"Hasil unsur {survei}"
            u._history_user = user
            u.save()
            berubah += 1
    if galat:
        raise ValidationError(galat)
    return berubah


@transaction.atomic
def survei_hapus(*, user, survei: SurveiSkm) -> None:
    """Delete a survey with its unsur and responses. Refused while its questionnaire is open."""
    _periksa_izin(user, survei.kecamatan)
    if survei.terbuka:
        raise ValidationError(f"Kuesioner daring {survei} masih dibuka. Tutup kuesioner sebelum menghapus.")
    survei.delete()


def tautan_pastikan(kecamatan: Kecamatan) -> TautanKuesioner:
    """The kecamatan's public questionnaire link, made on first use (an unguessable token)."""
    tautan = TautanKuesioner.objects.filter(kecamatan=kecamatan).first()
    if tautan is None:
        tautan = TautanKuesioner(kecamatan=kecamatan, token=secrets.token_urlsafe(18))
        tautan.full_clean()
        tautan.save()
    return tautan


@transaction.atomic
def kuesioner_buka(*, user, survei: SurveiSkm) -> TautanKuesioner:
    """Open the online questionnaire for this survey: responses then feed its unsur."""
    _periksa_izin(user, survei.kecamatan)
    if survei.versi != VersiSkm.PERMENPAN_RB_14_2017:
        raise ValidationError("Kuesioner daring hanya untuk survei dengan pedoman PermenPAN-RB 14/2017.")
    if _ada_hasil(survei):
        raise ValidationError(
            f"Hasil unsur {survei} sudah diisi manual; kuesioner daring hanya untuk survei yang hasilnya "
            "dihitung dari respon."
        )
    lain = SurveiSkm.objects.filter(kecamatan=survei.kecamatan, terbuka=True).exclude(pk=survei.pk).first()
    if lain is not None:
        raise ValidationError(f"Kuesioner daring {lain} masih dibuka. Tutup dulu sebelum membuka {survei}.")
    tautan = tautan_pastikan(survei.kecamatan)
    if not survei.terbuka:
        survei.terbuka = True
        survei.save(update_fields=["terbuka", "diubah"])
    return tautan


@transaction.atomic
def kuesioner_tutup(*, user, survei: SurveiSkm) -> None:
    """Close the online questionnaire: new submissions are refused, the responses stay."""
    _periksa_izin(user, survei.kecamatan)
    if survei.terbuka:
        survei.terbuka = False
        survei.save(update_fields=["terbuka", "diubah"])


def _kunci(jenis: str, nilai: str) -> str:
    """A keyed hash: the rate limit recognises a browser or an address without storing it."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{jenis}:{nilai}".encode(), hashlib.sha256).hexdigest()


def _waktu_jam(waktu: datetime) -> str:
    lokal = timezone.localtime(waktu)
    return f"pukul {lokal:%H.%M}"


def _periksa_batas(*, kunci_peramban: str, kunci_alamat: str, sekarang: datetime) -> None:
    jendela = max(BATAS_PERAMBAN[1], BATAS_ALAMAT[1])
    JejakKirim.objects.filter(waktu__lt=sekarang - jendela).delete()
    maks, lama = BATAS_PERAMBAN
    jejak = list(
        JejakKirim.objects.filter(
            jenis=JejakKirim.Jenis.PERAMBAN, kunci=kunci_peramban, waktu__gt=sekarang - lama
        ).order_by("waktu")
    )
    if len(jejak) >= maks:
        boleh_lagi = jejak[-maks].waktu + lama
        raise KirimDitolak(
            "Terima kasih, jawaban Anda dari perangkat ini baru saja kami terima. Satu perangkat dapat "
            f"mengirim lagi mulai {_waktu_jam(boleh_lagi)}, misalnya untuk pengguna layanan berikutnya.",
            code="batas_peramban",
        )
    maks, lama = BATAS_ALAMAT
    jumlah = JejakKirim.objects.filter(
        jenis=JejakKirim.Jenis.ALAMAT, kunci=kunci_alamat, waktu__gt=sekarang - lama
    ).count()
    if jumlah >= maks:
        raise KirimDitolak(
            "Mohon maaf, terlalu banyak kuesioner dikirim dari jaringan ini dalam satu jam terakhir. "
            "Silakan coba lagi nanti. Terima kasih atas kesediaan Anda.",
            code="batas_alamat",
        )


@transaction.atomic
def respon_kirim(
    *,
    survei: SurveiSkm,
    respon: IsianRespon,
    peramban: str,
    alamat: str,
    sekarang: datetime | None = None,
) -> ResponSkm:
    """Store one questionnaire of the public (no login). Refused (KirimDitolak, a polite message)
    when the survey is no longer open or the browser or the address went over its rate limit.
    `peramban` is the browser's random cookie, `alamat` its network address; only keyed hashes of
    them are kept, in the rate limit's traces, never with the response."""
    sekarang = sekarang or timezone.now()
    # Lock the survey row: closing the period and a submission never interleave.
    survei = SurveiSkm.objects.select_for_update().get(pk=survei.pk)
    if not survei.terbuka:
        raise KirimDitolak(TIDAK_TERBUKA, code="ditutup")
    kunci_peramban = _kunci("peramban", peramban)
    kunci_alamat = _kunci("alamat", alamat)
    _periksa_batas(kunci_peramban=kunci_peramban, kunci_alamat=kunci_alamat, sekarang=sekarang)
    if len(respon.jawaban) != len(ResponSkm.JAWABAN):
        raise ValidationError(f"Kuesioner harus berisi {len(ResponSkm.JAWABAN)} jawaban.")
    baru = ResponSkm(
        survei=survei,
        **dict(zip(ResponSkm.JAWABAN, respon.jawaban, strict=True)),
        jenis_kelamin=respon.jenis_kelamin,
        usia=respon.usia,
        pendidikan=respon.pendidikan,
        pekerjaan=respon.pekerjaan,
        jenis_layanan=respon.jenis_layanan.strip(),
        kritik=respon.kritik.strip(),
        saran=respon.saran.strip(),
    )
    baru.full_clean()
    baru.save()
    JejakKirim.objects.bulk_create(
        [
            JejakKirim(jenis=JejakKirim.Jenis.PERAMBAN, kunci=kunci_peramban, waktu=sekarang),
            JejakKirim(jenis=JejakKirim.Jenis.ALAMAT, kunci=kunci_alamat, waktu=sekarang),
        ]
    )
    return baru
