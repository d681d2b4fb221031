"""The approval workflow of the LKjIP as data and reads (DESIGN.md §6, DOMAIN.md §6.3): the
transition table, what blocks signing and what only warns, who is told by e-mail, the figures the
review desk freezes at signing, and the timeline of a report. laporan/services.py writes.

States (Laporan.Status) and who moves them:

    draf --ajukan (operator, camat)--> diajukan
    diajukan --kembalikan_draf (camat, with a note)--> draf
    diajukan --setujui (camat; preconditions met, warnings acknowledged)--> diajukan + final PDF
    diajukan --tandatangani (camat, passphrase; final PDF ready)--> ditandatangani
    ditandatangani --buka_reviu (inspektorat)--> direviu
    direviu --terima (inspektorat)--> diterima
    direviu --kembalikan (inspektorat, with notes)--> dikembalikan, and version n+1 in draf
    ditandatangani / diterima --revisi (operator, camat, with a reason)--> version n+1 in draf
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from laporan.models import CatatanReviu, DokumenFinal, Laporan, RiwayatStatus
from lkjip.akses import bisa_mengedit, bisa_menyetujui, bisa_mereviu
from lkjip.format import format_nip, format_rupiah, format_tanggal
from lkjip.models import Kecamatan, Pejabat, Penugasan

logger = logging.getLogger(__name__)

Status = Laporan.Status
Aksi = RiwayatStatus.Aksi
Peran = Penugasan.Peran


# --- the transition table -----------------------------------------------------------------------


@dataclass(frozen=True)
class Transisi:
    """One action: the states it starts from, the state it leads to, who may do it (a predicate of
    lkjip/akses.py on the kecamatan) and the refusal for anyone else."""

    dari: frozenset[str]
    ke: str
    izin: Callable[[Any, Kecamatan], bool]
    ditolak: str
    judul: str


TRANSISI: dict[str, Transisi] = {
    Aksi.AJUKAN: Transisi(
        frozenset({Status.DRAF}),
        Status.DIAJUKAN,
        bisa_mengedit,
        "Hanya operator dan camat kecamatan ini yang dapat mengajukan laporan.",
        "Ajukan ke camat",
    ),
    Aksi.KEMBALIKAN_DRAF: Transisi(
        frozenset({Status.DIAJUKAN}),
        Status.DRAF,
        bisa_menyetujui,
        "Hanya camat yang dapat mengembalikan laporan yang diajukan ke draf.",
        "Kembalikan ke draf",
    ),
    Aksi.SETUJUI: Transisi(
        frozenset({Status.DIAJUKAN}),
        Status.DIAJUKAN,
        bisa_menyetujui,
        "Hanya camat yang dapat menyetujui dan menandatangani laporan.",
        "Setujui dan tanda tangani",
    ),
    Aksi.TANDATANGANI: Transisi(
        frozenset({Status.DIAJUKAN}),
        Status.DITANDATANGANI,
        bisa_menyetujui,
        "Hanya camat yang dapat menyetujui dan menandatangani laporan.",
        "Tanda tangani",
    ),
    Aksi.BUKA_REVIU: Transisi(
        frozenset({Status.DITANDATANGANI}),
        Status.DIREVIU,
        bisa_mereviu,
        "Hanya inspektorat kabupaten yang dapat mereviu laporan.",
        "Mulai reviu",
    ),
    Aksi.TERIMA: Transisi(
        frozenset({Status.DIREVIU}),
        Status.DITERIMA,
        bisa_mereviu,
        "Hanya inspektorat kabupaten yang dapat menerima laporan.",
        "Terima laporan",
    ),
    Aksi.KEMBALIKAN: Transisi(
        frozenset({Status.DIREVIU}),
        Status.DIKEMBALIKAN,
        bisa_mereviu,
        "Hanya inspektorat kabupaten yang dapat mengembalikan laporan dengan catatan reviu.",
        "Kembalikan dengan catatan",
    ),
    Aksi.VERSI_BARU: Transisi(
        frozenset({Status.DITANDATANGANI, Status.DITERIMA}),
        Status.DRAF,
        bisa_mengedit,
        "Hanya operator dan camat kecamatan ini yang dapat membuat versi baru laporan.",
        "Buat versi baru (revisi)",
    ),
}


def boleh_peran(user, aksi: str, kecamatan: Kecamatan) -> bool:
    """Whether the user's role allows `aksi` on the kecamatan (whatever the state)."""
    return bool(TRANSISI[aksi].izin(user, kecamatan))


def pesan_status_salah(laporan: Laporan, aksi: str) -> str:
    t = TRANSISI[aksi]
    boleh = " atau ".join(Status(s).label.lower() for s in sorted(t.dari))
    return (
        f"{laporan} berstatus {laporan.get_status_display().lower()}; "
        f"{t.judul.lower()} hanya dapat dilakukan pada laporan berstatus {boleh}."
    )


def aksi_tersedia(user, laporan: Laporan | None, dokumen: DokumenFinal | None = None) -> list[str]:
    """The actions the user may take on this version now (role and state), in workflow order.
    SETUJUI and TANDATANGANI collapse into one step for the page: SETUJUI until a final PDF exists,
    then TANDATANGANI."""
    if laporan is None:
        return []
    hasil = []
    for aksi, t in TRANSISI.items():
        if laporan.status not in t.dari or not t.izin(user, laporan.kecamatan):
            continue
        if aksi == Aksi.SETUJUI and dokumen is not None:
            continue
        if aksi == Aksi.TANDATANGANI and dokumen is None:
            continue
        hasil.append(aksi)
    return hasil


def kode_verifikasi_baru() -> str:
    """A short unguessable token for the verification URL: 12 URL-safe characters (72 bits)."""
    return secrets.token_urlsafe(9)


def url_verifikasi(kode: str) -> str:
    return settings.LKJIP_BASE_URL.rstrip("/") + reverse("laporan:verifikasi", args=[kode])


# --- what blocks signing and what only warns ----------------------------------------------------

# "...", "…", "(jika ada)" and "Nomor ... Tahun": what a template leaves for the writer to fill in.
POLA_ISIAN = (
    (re.compile(r"\.{3,}|…"), '"..."'),
    (re.compile(r"\(\s*jika\s+ada\s*\)", re.IGNORECASE), '"(jika ada)"'),
    (re.compile(r"Nomor\s*(\.{2,}|…)\s*Tahun", re.IGNORECASE), '"Nomor ... Tahun"'),
)


@dataclass(frozen=True)
class Temuan:
    """One unmet precondition (blocks signing) or one warning (acknowledged before signing): its
    kind, the Indonesian message, and where to fix it."""

    jenis: str
    pesan: str
    url: str = ""


@dataclass(frozen=True)
class Pemeriksaan:
    syarat: tuple[Temuan, ...]
    peringatan: tuple[Temuan, ...]

    @property
    def boleh_ditandatangani(self) -> bool:
        return not self.syarat

    @property
    def teks_peringatan(self) -> list[str]:
        return [p.pesan for p in self.peringatan]


def isian_tertinggal(teks: str) -> list[str]:
    """The placeholder kinds left in a text, in POLA_ISIAN order ('"..."', '"(jika ada)"', ...)."""
    return [nama for pola, nama in POLA_ISIAN if pola.search(teks)]


def _penanda_tangan_laporan(laporan: Laporan) -> dict[str, str]:
    from kinerja.selectors import pihak_bawaan

    pada = laporan.tanggal or timezone.localdate()
    camat, _ = pihak_bawaan(kecamatan=laporan.kecamatan, pada=pada)
    return camat


def pejabat_akun(user, kecamatan: Kecamatan) -> Pejabat | None:
    """The Pejabat linked to the user's camat role in the kecamatan (who signs)."""
    penugasan = (
        Penugasan.objects.filter(user=user, peran=Peran.CAMAT, kecamatan=kecamatan, pejabat__isnull=False)
        .select_related("pejabat")
        .first()
    )
    return penugasan.pejabat if penugasan else None


def _syarat_penanda(laporan: Laporan, user) -> list[Temuan]:
    """The signer: the camat printed on the report has a name and NIP, and (when the camat who
    signs is given) their account is linked to that pejabat, who has a certificate."""
    hasil = []
    camat = _penanda_tangan_laporan(laporan)
    if not camat.get("nama"):
        hasil.append(
            Temuan(
                "penanda_tangan",
                f"Data camat penanda tangan belum ada: tidak ada pejabat kepala Kecamatan "
                f"{laporan.kecamatan.nama} yang menjabat. Minta admin kabupaten melengkapi data pejabat.",
            )
        )
        return hasil
    if not camat.get("nip"):
        hasil.append(
            Temuan(
                "penanda_tangan",
                f"NIP camat penanda tangan ({camat['nama']}) belum diisi. "
                "Minta admin kabupaten melengkapi data pejabat.",
            )
        )
    if user is None or not bisa_menyetujui(user, laporan.kecamatan):
        return hasil
    pejabat = pejabat_akun(user, laporan.kecamatan)
    if pejabat is None:
        hasil.append(
            Temuan(
                "sertifikat",
                "Akun Anda belum terhubung dengan data pejabat camat, jadi belum dapat menandatangani. "
                "Minta admin kabupaten menghubungkannya.",
            )
        )
        return hasil
    if pejabat.nama != camat.get("nama") or pejabat.nip != camat.get("nip", ""):
        hasil.append(
            Temuan(
                "penanda_tangan",
                f"Laporan mencantumkan {camat['nama']} sebagai camat penanda tangan, sedangkan akun Anda "
                f"terhubung dengan {pejabat.nama}. Periksa data pejabat dan tanggal penandatanganan.",
            )
        )
    from laporan.tandatangan.penanda import PenandaTanganLokal, ada_sertifikat, penanda_tangan

    if isinstance(penanda_tangan(), PenandaTanganLokal) and not ada_sertifikat(pejabat.pk):
        hasil.append(
            Temuan(
                "sertifikat",
                f"Sertifikat tanda tangan elektronik {pejabat.nama} belum diunggah. "
                "Minta admin kabupaten mengunggah berkas .p12-nya.",
            )
        )
    return hasil


def periksa_laporan(laporan: Laporan, *, user=None) -> Pemeriksaan:
    """Everything the camat must see before signing `laporan` (its latest version).

    Blocking, each with its own message: the PK of the year exists; every PK indicator has a
    realisasi, or is marked belum tersedia with the reason; every sasaran under 100 % has its
    analysis; no placeholder left in an active narrative block; the printed signatory has a name
    and NIP (and, with `user`, the camat's account is linked to that pejabat, whose certificate
    has been uploaded).

    Warnings (acknowledged, not blocking): realisasi above pagu, targets below last year's
    realisasi, and figures the report's own data contradict (programs against jenis belanja,
    triwulan against yearly realisasi, provisional realisasi, capaian floored at 0).
    """
    from anggaran.selectors import pohon_anggaran
    from kinerja.models import PerjanjianKinerja
    from kinerja.pengukuran import pengukuran_kinerja
    from kinerja.peringatan import target_kurang_menantang
    from laporan.selectors import isi_laporan

    kecamatan, tahun = laporan.kecamatan, laporan.tahun
    syarat: list[Temuan] = []
    peringatan: list[Temuan] = []

    ada_pk = PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun).exists()
    if not ada_pk:
        syarat.append(
            Temuan(
                "pk",
                f"Perjanjian Kinerja tahun {tahun} belum ada. Laporan kinerja mengukur capaian "
                "terhadap PK tahun itu; buat PK-nya terlebih dahulu.",
                reverse("kinerja:pk_tambah", args=[kecamatan.pk]),
            )
        )

    pengukuran = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun)
    if pengukuran is not None and pengukuran.perjanjian is not None:
        url_realisasi = reverse("kinerja:realisasi_grid", args=[kecamatan.pk, tahun])
        for i in pengukuran.indikator:
            r = i.realisasi
            if r is None or (r.nilai is None and not r.belum_tersedia):
                syarat.append(
                    Temuan(
                        "realisasi",
                        f"Realisasi {tahun} indikator {i.kode} ({i.nama}) belum diisi. Isi nilainya, "
                        "atau tandai Belum tersedia dengan alasannya.",
                        url_realisasi,
                    )
                )
            elif r.belum_tersedia and not r.keterangan.strip():
                syarat.append(
                    Temuan(
                        "realisasi",
                        f"Realisasi {tahun} indikator {i.kode} ({i.nama}) ditandai belum tersedia tanpa "
                        "alasan. Tulis alasannya di keterangan.",
                        url_realisasi,
                    )
                )
    if pengukuran is not None:
        for p in pengukuran.peringatan:
            if p.jenis == "analisis_belum_diisi":
                url = (
                    reverse("kinerja:analisis_ubah", args=[kecamatan.pk, p.sasaran_id, tahun])
                    if p.sasaran_id
                    else ""
                )
                syarat.append(Temuan("analisis", p.teks, url))
            elif p.jenis in ("realisasi_sementara", "capaian_terpotong"):
                peringatan.append(Temuan("data", p.teks))

    isi = isi_laporan(kecamatan, tahun)
    for blok in isi.blok_aktif:
        if not blok.teks:
            continue
        tertinggal = isian_tertinggal(blok.teks)
        if tertinggal:
            syarat.append(
                Temuan(
                    "isian",
                    f"Teks {blok.judul} masih memuat isian yang belum dilengkapi: {', '.join(tertinggal)}. "
                    "Lengkapi atau hapus sebelum ditandatangani.",
                    reverse("laporan:blok_ubah", args=[kecamatan.pk, tahun, blok.kode]),
                )
            )

    syarat.extend(_syarat_penanda(laporan, user))

    pohon = pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    if pohon is not None:
        url_anggaran = reverse("anggaran:anggaran_tahun", args=[kecamatan.pk, tahun])
        for s in pohon.baris():
            if s.daun and s.jumlah.lebih_pagu:
                peringatan.append(
                    Temuan(
                        "pagu",
                        f"Realisasi {s.pos} ({format_rupiah(s.jumlah.realisasi)}) melebihi pagu "
                        f"({format_rupiah(s.jumlah.pagu)}).",
                        url_anggaran,
                    )
                )
            for pesan in s.peringatan:
                if pesan.startswith("Jumlah realisasi triwulan"):
                    peringatan.append(Temuan("data", f"{s.pos}: {pesan}", url_anggaran))
        peringatan.extend(Temuan("data", pesan, url_anggaran) for pesan in pohon.peringatan)

    for p in target_kurang_menantang(kecamatan=kecamatan, tahun=tahun):
        peringatan.append(Temuan("target", f"{p.indikator.kode} {p.indikator.nama}: {p.pesan}"))

    return Pemeriksaan(syarat=tuple(syarat), peringatan=tuple(peringatan))


# --- the figures frozen with the signed document --------------------------------------------------


def _teks_desimal(nilai: Decimal | None) -> str | None:
    return None if nilai is None else str(nilai)


def ringkasan_angka(kecamatan: Kecamatan, tahun: int) -> dict:
    """The figures the review desk and its recap list for a report (JSON-safe; numbers as decimal
    strings, unrounded): capaian organisasi and predikat, capaian per sasaran, IKM (konversi
    25-100) and mutu, pagu, realisasi and serapan of the year."""
    from anggaran.selectors import tahun_anggaran_daftar
    from kinerja.pengukuran import pengukuran_kinerja
    from kinerja.selectors_skm import survei_daftar

    pengukuran = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun)
    anggaran = next(
        (r.jumlah for r in tahun_anggaran_daftar(kecamatan=kecamatan) if r.tahun_anggaran.tahun == tahun),
        None,
    )
    skm = next((t for t in survei_daftar(kecamatan=kecamatan) if t.tahun == tahun), None)
    return {
        "capaian_organisasi": _teks_desimal(pengukuran.capaian_organisasi) if pengukuran else None,
        "predikat": pengukuran.predikat_organisasi.label
        if pengukuran and pengukuran.predikat_organisasi
        else "",
        "sasaran": [
            {"kode": k.kode, "uraian": k.uraian, "capaian": _teks_desimal(k.rata_rata)}
            for k in (pengukuran.sasaran if pengukuran else [])
        ],
        "ikm": _teks_desimal(skm.konversi) if skm else None,
        "mutu_ikm": skm.mutu.label if skm and skm.mutu else "",
        "pagu": _teks_desimal(anggaran.pagu) if anggaran else None,
        "realisasi": _teks_desimal(anggaran.realisasi) if anggaran else None,
        "serapan": _teks_desimal(anggaran.serapan) if anggaran else None,
    }


def desimal(nilai: str | None) -> Decimal | None:
    return None if nilai in (None, "") else Decimal(nilai)


# --- e-mail to the next actor ------------------------------------------------------------------------

_PENERIMA: dict[str, tuple[str, ...]] = {
    Aksi.AJUKAN: (Peran.CAMAT,),
    Aksi.KEMBALIKAN_DRAF: (Peran.OPERATOR,),
    Aksi.TANDATANGANI: (Peran.INSPEKTORAT,),
    Aksi.BUKA_REVIU: (Peran.OPERATOR, Peran.CAMAT),
    Aksi.TERIMA: (Peran.OPERATOR, Peran.CAMAT),
    Aksi.KEMBALIKAN: (Peran.OPERATOR, Peran.CAMAT),
    Aksi.VERSI_BARU: (Peran.OPERATOR, Peran.CAMAT),
}

_KALIMAT: dict[str, str] = {
    Aksi.AJUKAN: "diajukan kepada camat untuk disetujui dan ditandatangani",
    Aksi.KEMBALIKAN_DRAF: "dikembalikan ke draf oleh camat",
    Aksi.TANDATANGANI: "telah ditandatangani secara elektronik oleh camat dan siap direviu",
    Aksi.BUKA_REVIU: "sedang direviu oleh inspektorat",
    Aksi.TERIMA: "diterima oleh inspektorat",
    Aksi.KEMBALIKAN: "dikembalikan oleh inspektorat dengan catatan reviu",
    Aksi.VERSI_BARU: "dibuka kembali sebagai versi baru (draf)",
}


def penerima_email(kecamatan: Kecamatan, aksi: str, *, kecuali=None) -> list[str]:
    """The e-mail addresses of the next actor(s) of `aksi`: the camat after submitting, the
    operators after a return to draf, the inspektorat of the kabupaten after signing, the
    kecamatan's operators and camat after a review step. The actor is left out."""
    peran = _PENERIMA.get(aksi, ())
    if not peran:
        return []
    peran_di_sini = Penugasan.objects.filter(peran__in=peran).filter(
        Q(kecamatan=kecamatan) | Q(kabupaten_id=kecamatan.kabupaten_id)
    )
    pengguna = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=peran_di_sini.values("user_id"))
        .exclude(email="")
        .order_by("email")
    )
    if kecuali is not None and getattr(kecuali, "pk", None):
        pengguna = pengguna.exclude(pk=kecuali.pk)
    return list(dict.fromkeys(pengguna.values_list("email", flat=True)))


def kirim_pemberitahuan(laporan: Laporan, aksi: str, *, oleh, catatan: str = "") -> None:
    """Tell the next actor, once the transaction that made the step commits (a refused step sends
    nothing). A mail server failure is logged, never shown as a failed step."""
    penerima = penerima_email(laporan.kecamatan, aksi, kecuali=oleh)
    if not penerima:
        return
    nama = _nama(oleh)
    tautan = settings.LKJIP_BASE_URL.rstrip("/") + reverse(
        "laporan:isi_detail", args=[laporan.kecamatan_id, laporan.tahun]
    )
    subjek = f"[LKjIP] {laporan} {_KALIMAT.get(aksi, 'berubah status')}"
    isi = [f"{laporan} {_KALIMAT.get(aksi, 'berubah status')} oleh {nama}."]
    if catatan:
        isi += ["", "Catatan:", catatan]
    isi += ["", f"Buka laporan: {tautan}", "", "Pesan ini dikirim otomatis oleh aplikasi LKjIP Kecamatan."]

    def kirim() -> None:
        try:
            send_mail(subjek, "\n".join(isi), None, penerima)
        except Exception:
            logger.exception("Pemberitahuan e-mail %s untuk %s gagal dikirim.", aksi, laporan)

    transaction.on_commit(kirim)


def _nama(user) -> str:
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()


# --- reads for the pages --------------------------------------------------------------------------


def versi_laporan(*, kecamatan: Kecamatan, tahun: int) -> list[Laporan]:
    """Every version of the kecamatan's yearly report, oldest first, each with its final document
    (`dokumen_final`, None when none) attached: 2 queries."""
    daftar = list(
        Laporan.objects.filter(
            kecamatan=kecamatan, tahun=tahun, jenis=Laporan.Jenis.TAHUNAN, periode=""
        ).order_by("versi")
    )
    dokumen = {d.laporan_id: d for d in DokumenFinal.objects.filter(laporan__in=daftar)}
    for lap in daftar:
        lap.kecamatan = kecamatan
        lap.dokumen_final = dokumen.get(lap.pk)
    return daftar


def dokumen_dari(laporan: Laporan) -> DokumenFinal | None:
    """The final document of a version, read once (None when the camat has not approved it)."""
    if not hasattr(laporan, "dokumen_final"):
        laporan.dokumen_final = DokumenFinal.objects.filter(laporan=laporan).first()
    return laporan.dokumen_final


def versi_pengganti(dokumen: DokumenFinal) -> DokumenFinal | None:
    """The latest signed document of a later version of the same report (None: this one holds)."""
    lap = dokumen.laporan
    return (
        DokumenFinal.objects.filter(
            status=DokumenFinal.Status.DITANDATANGANI,
            laporan__kecamatan_id=lap.kecamatan_id,
            laporan__tahun=lap.tahun,
            laporan__jenis=lap.jenis,
            laporan__periode=lap.periode,
            laporan__versi__gt=lap.versi,
        )
        .select_related("laporan")
        .order_by("-laporan__versi")
        .first()
    )


@dataclass(frozen=True)
class Perubahan:
    nama: str
    lama: str
    baru: str


@dataclass(frozen=True)
class EntriLinimasa:
    """One line of a report's timeline: a workflow step, a review note or a data change."""

    waktu: dt.datetime
    jenis: str  # "status", "catatan", "data"
    judul: str
    oleh: str
    versi: int | None = None
    catatan: str = ""
    perubahan: tuple[Perubahan, ...] = ()
    daftar: tuple[str, ...] = ()


@dataclass(frozen=True)
class Linimasa:
    versi: list[Laporan]
    entri: list[EntriLinimasa]
    # Data changes since the last signature (empty when never signed).
    perubahan_data: list[EntriLinimasa]
    terakhir_ditandatangani: dt.datetime | None = None
    jumlah_perubahan: int = 0
    catatan_reviu: dict[int, list[CatatanReviu]] = field(default_factory=dict)


def _teks_nilai(nilai: Any, label: str = "", pembanding: str = "") -> str:
    from kinerja.nilai import format_nilai

    if nilai is None:
        return "-"
    return format_nilai(nilai, label, pembanding)


def _riwayat_model(
    baris: Iterable, kolom: list[tuple[str, Callable[[Any], str]]], objek: Callable[[Any], str]
) -> list[EntriLinimasa]:
    """History rows as timeline entries, each compared with the previous row of the same object
    (rows of one model, all the history of the objects concerned, oldest first)."""
    per_objek: dict[int, list] = defaultdict(list)
    for h in baris:
        per_objek[h.id].append(h)
    hasil = []
    jenis_teks = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
    for rows in per_objek.values():
        rows.sort(key=lambda h: (h.history_date, h.history_id))
        sebelumnya = None
        for h in rows:
            perubahan = []
            for nama, ambil in kolom:
                baru = ambil(h)
                lama = ambil(sebelumnya) if sebelumnya is not None else "-"
                if h.history_type == "-":
                    baru, lama = "-", baru
                if lama != baru:
                    perubahan.append(Perubahan(nama, lama, baru))
            sebelumnya = h
            hasil.append(
                (
                    h,
                    EntriLinimasa(
                        waktu=timezone.localtime(h.history_date),
                        jenis="data",
                        judul=f"{objek(h)} {jenis_teks.get(h.history_type, '')}".strip(),
                        oleh=_nama(h.history_user) if h.history_user_id else "sistem",
                        catatan=h.history_change_reason or "",
                        perubahan=tuple(perubahan),
                    ),
                )
            )
    return hasil


def perubahan_data_sejak(*, kecamatan: Kecamatan, tahun: int, sejak: dt.datetime) -> list[EntriLinimasa]:
    """Changes after `sejak` to the figures a report of `tahun` prints: realisasi and Renstra
    targets of that year, PK target lines of that year, and the budget amounts of that year
    (django-simple-history; who, when, old -> new, reason). Newest first; 8 queries."""
    from anggaran.models import PosAnggaran
    from kinerja.models import Realisasi, Target, TargetPK

    def angka(atribut: str) -> Callable[[Any], str]:
        return lambda h: _teks_nilai(getattr(h, atribut))

    def uang(atribut: str) -> Callable[[Any], str]:
        return lambda h: format_rupiah(getattr(h, atribut)) if getattr(h, atribut) is not None else "-"

    sumber = [
        (
            Realisasi.history.filter(indikator__renstra__kecamatan=kecamatan, tahun=tahun),
            ["indikator"],
            [
                ("nilai", lambda h: _teks_nilai(h.nilai, h.label, h.pembanding)),
                ("status", lambda h: Realisasi.Status(h.status).label if h.status else "-"),
                ("keterangan", lambda h: h.keterangan or "-"),
            ],
            lambda h: f"Realisasi {h.indikator.kode} {Realisasi.Periode(h.periode).label.lower()} {h.tahun}",
        ),
        (
            Target.history.filter(indikator__renstra__kecamatan=kecamatan, tahun=tahun),
            ["indikator"],
            [("nilai", lambda h: _teks_nilai(h.nilai, h.label, h.pembanding))],
            lambda h: f"Target Renstra {h.indikator.kode} {h.tahun}",
        ),
        (
            TargetPK.history.filter(perjanjian__kecamatan=kecamatan, perjanjian__tahun=tahun),
            ["indikator", "perjanjian"],
            [("nilai", lambda h: _teks_nilai(h.nilai, h.label, h.pembanding))],
            lambda h: f"Target {h.perjanjian} {h.indikator.kode}",
        ),
        (
            PosAnggaran.history.filter(tahun_anggaran__kecamatan=kecamatan, tahun_anggaran__tahun=tahun),
            [],
            [
                ("pagu murni", uang("pagu_murni")),
                ("pagu", uang("pagu")),
                ("realisasi", uang("realisasi")),
            ],
            lambda h: f"Anggaran {h.kode + ' ' if h.kode else ''}{h.nama}",
        ),
    ]
    hasil: list[EntriLinimasa] = []
    for qs, relasi, kolom, objek in sumber:
        id_berubah = set(qs.filter(history_date__gt=sejak).values_list("id", flat=True))
        if not id_berubah:
            continue
        baris = qs.model.objects.filter(id__in=id_berubah).select_related("history_user", *relasi)
        for h, entri in _riwayat_model(baris, kolom, objek):
            if h.history_date > sejak and (entri.perubahan or h.history_type == "-"):
                hasil.append(entri)
    hasil.sort(key=lambda e: e.waktu, reverse=True)
    return hasil


def linimasa_laporan(*, kecamatan: Kecamatan, tahun: int) -> Linimasa:
    """The audit timeline of a report over all its versions, newest first: every workflow step
    (who, when, from and to, the note and the warnings acknowledged), the review notes, and the
    changes of its data since the last signature."""
    versi = versi_laporan(kecamatan=kecamatan, tahun=tahun)
    nomor = {lap.pk: lap.versi for lap in versi}
    entri: list[EntriLinimasa] = []
    for r in RiwayatStatus.objects.filter(laporan__in=versi).order_by("waktu", "id"):
        judul = r.get_aksi_display()
        if r.dari and r.dari != r.ke:
            judul += f" ({Status(r.dari).label.lower()} → {Status(r.ke).label.lower()})"
        entri.append(
            EntriLinimasa(
                waktu=timezone.localtime(r.waktu),
                jenis="status",
                judul=judul,
                oleh=r.nama_pengguna or "sistem",
                versi=nomor.get(r.laporan_id),
                catatan=r.catatan,
                daftar=tuple(r.peringatan or ()),
            )
        )
    catatan: dict[int, list[CatatanReviu]] = defaultdict(list)
    for c in CatatanReviu.objects.filter(laporan__in=versi).order_by("dibuat", "id"):
        catatan[nomor[c.laporan_id]].append(c)
        entri.append(
            EntriLinimasa(
                waktu=timezone.localtime(c.dibuat),
                jenis="catatan",
                judul=f"Catatan reviu: {c.get_kode_display() or 'umum'}",
                oleh=c.nama_pengguna or "sistem",
                versi=nomor.get(c.laporan_id),
                catatan=c.teks,
            )
        )
    entri.sort(key=lambda e: e.waktu, reverse=True)
    waktu_ttd = [
        lap.dokumen_final.ditandatangani_pada
        for lap in versi
        if lap.dokumen_final and lap.dokumen_final.ditandatangani_pada
    ]
    terakhir = max(waktu_ttd) if waktu_ttd else None
    data = perubahan_data_sejak(kecamatan=kecamatan, tahun=tahun, sejak=terakhir) if terakhir else []
    return Linimasa(
        versi=versi,
        entri=entri,
        perubahan_data=data,
        terakhir_ditandatangani=timezone.localtime(terakhir) if terakhir else None,
        jumlah_perubahan=len(data),
        catatan_reviu=dict(catatan),
    )


def catatan_reviu_versi(laporan: Laporan) -> list[CatatanReviu]:
    return list(CatatanReviu.objects.filter(laporan=laporan).order_by("dibuat", "id"))


def teks_penanda(dokumen: DokumenFinal) -> str:
    """ "PARSONO, S.Sos., M.Si. (NIP 19670701 199209 1 001)" """
    if dokumen.penanda_nip:
        return f"{dokumen.penanda_nama} (NIP {format_nip(dokumen.penanda_nip)})"
    return dokumen.penanda_nama


def teks_waktu(waktu: dt.datetime | None) -> str:
    """ "4 Januari 2022 pukul 09.15 WIB" """
    if waktu is None:
        return ""
    lokal = timezone.localtime(waktu)
    return f"{format_tanggal(lokal.date())} pukul {lokal:%H.%M} {lokal.tzname()}"


# --- the review desk ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisMeja:
    """One kecamatan and year on the desk: the latest version and the latest signed document (its
    frozen figures: capaian organisasi, serapan, signing date)."""

    kecamatan: Kecamatan
    tahun: int
    laporan: Laporan | None
    dokumen: DokumenFinal | None

    @property
    def status(self) -> str:
        return self.laporan.status if self.laporan else STATUS_BELUM

    @property
    def nama_status(self) -> str:
        return self.laporan.get_status_display() if self.laporan else "Belum dimulai"

    @property
    def versi(self) -> int | None:
        return self.laporan.versi if self.laporan else None

    def _angka(self, kunci: str) -> Decimal | None:
        return desimal(self.dokumen.ringkasan.get(kunci)) if self.dokumen else None

    @property
    def capaian(self) -> Decimal | None:
        return self._angka("capaian_organisasi")

    @property
    def predikat(self) -> str:
        return self.dokumen.ringkasan.get("predikat", "") if self.dokumen else ""

    @property
    def serapan(self) -> Decimal | None:
        return self._angka("serapan")

    @property
    def ditandatangani_pada(self) -> dt.datetime | None:
        return self.dokumen.ditandatangani_pada if self.dokumen else None

    @property
    def tanggal_tanda_tangan(self) -> dt.date | None:
        return self.dokumen.tanggal_tanda_tangan if self.dokumen else None

    @property
    def versi_dokumen_lama(self) -> bool:
        """The figures come from an earlier signed version than the latest one."""
        return bool(self.dokumen and self.laporan and self.dokumen.laporan.versi != self.laporan.versi)


STATUS_BELUM = "belum"
PILIHAN_STATUS_MEJA = [(STATUS_BELUM, "Belum dimulai"), *Status.choices]
URUTAN_MEJA = {
    "kecamatan": lambda b: (b.kecamatan.nama.casefold(), -b.tahun),
    "tahun": lambda b: (b.tahun, b.kecamatan.nama.casefold()),
    "status": lambda b: ([s for s, _ in PILIHAN_STATUS_MEJA].index(b.status), b.kecamatan.nama.casefold()),
    "capaian": lambda b: b.capaian,
    "serapan": lambda b: b.serapan,
    "tanggal": lambda b: b.ditandatangani_pada,
}


def tahun_meja(kabupaten: Iterable) -> tuple[list[int], int | None]:
    """The years with a report or a PK in any kecamatan of the kabupaten, newest first, and the
    year the desk opens on: the newest with a report, else the newest at all (2 queries)."""
    from kinerja.models import PerjanjianKinerja

    laporan = set(
        Laporan.objects.filter(kecamatan__kabupaten__in=kabupaten).values_list("tahun", flat=True).distinct()
    )
    pk = set(
        PerjanjianKinerja.objects.filter(kecamatan__kabupaten__in=kabupaten)
        .values_list("tahun", flat=True)
        .distinct()
    )
    semua = sorted(laporan | pk, reverse=True)
    return semua, max(laporan) if laporan else (semua[0] if semua else None)


def baris_meja(*, kabupaten: Iterable, tahun: int | None, q: str = "") -> list[BarisMeja]:
    """Every kecamatan of the kabupaten for `tahun` (with or without a report), or, with tahun
    None, every kecamatan and year that has a report. Three queries whatever the number of
    kecamatan; ordered by kecamatan, newest year first."""
    kecamatan = Kecamatan.objects.filter(kabupaten__in=kabupaten).select_related("kabupaten")
    if q:
        kecamatan = kecamatan.filter(nama__icontains=q)
    kecamatan = {k.pk: k for k in kecamatan.order_by("nama")}
    laporan = Laporan.objects.filter(
        kecamatan_id__in=list(kecamatan), jenis=Laporan.Jenis.TAHUNAN, periode=""
    ).order_by("versi")
    dokumen = (
        DokumenFinal.objects.filter(
            status=DokumenFinal.Status.DITANDATANGANI,
            laporan__kecamatan_id__in=list(kecamatan),
            laporan__jenis=Laporan.Jenis.TAHUNAN,
            laporan__periode="",
        )
        .select_related("laporan")
        .order_by("laporan__versi")
    )
    if tahun is not None:
        laporan = laporan.filter(tahun=tahun)
        dokumen = dokumen.filter(laporan__tahun=tahun)
    terbaru: dict[tuple[int, int], Laporan] = {}
    for lap in laporan:
        lap.kecamatan = kecamatan[lap.kecamatan_id]
        terbaru[(lap.kecamatan_id, lap.tahun)] = lap
    ttd: dict[tuple[int, int], DokumenFinal] = {}
    for d in dokumen:
        d.laporan.kecamatan = kecamatan[d.laporan.kecamatan_id]
        ttd[(d.laporan.kecamatan_id, d.laporan.tahun)] = d
    if tahun is not None:
        kunci = [(k, tahun) for k in kecamatan]
    else:
        kunci = sorted(terbaru, key=lambda x: (kecamatan[x[0]].nama.casefold(), -x[1]))
    return [BarisMeja(kecamatan[k], t, terbaru.get((k, t)), ttd.get((k, t))) for k, t in kunci]


def urutkan_meja(baris: list[BarisMeja], urut: str) -> list[BarisMeja]:
    """Sorted by `urut` ("capaian", "-capaian", ...); rows without the value stay last."""
    turun = urut.startswith("-")
    kunci = URUTAN_MEJA.get(urut.lstrip("-"), URUTAN_MEJA["kecamatan"])
    ada = [b for b in baris if kunci(b) is not None]
    tanpa = [b for b in baris if kunci(b) is None]
    return sorted(ada, key=kunci, reverse=turun) + tanpa
