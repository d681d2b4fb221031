"""Offline verification of a signed LKjIP PDF (DESIGN.md §6).

Trust roots: the demo CA at `<MEDIA_ROOT>/sertifikat/ca.pem` (when present) plus every PEM/DER file
listed in the setting `LKJIP_CA_TEPERCAYA`. Nothing is fetched: no OCSP, no CRL, no timestamp
server (revocation "soft-fail" without fetching). With PAdES B-B there is no trusted time, so the
certificate chain is checked at the signing time the signer declared (/M), as desktop readers do;
the SHA-256 stored when the file was signed anchors the file itself.

Call from synchronous code (pyHanko's validator runs its own event loop).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from laporan.tandatangan.berkas import lokasi_ca
from lkjip.format import format_nip, format_tanggal

logger = logging.getLogger(__name__)

# A declared signing time further ahead than this is not believed.
_TOLERANSI_WAKTU = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Penanda:
    """The signer as named in their certificate."""

    nama: str  # CN
    nip: str  # serialNumber attribute ("" when absent)
    penerbit: str  # CN of the issuing CA


@dataclass(frozen=True)
class HasilVerifikasi:
    """The verdict on one PDF.

    `sah`: every signature is cryptographically valid, made with a certificate that chains to a
    trusted root, and the last one covers the whole file (so `sah` implies `utuh`).
    `utuh`: the last signature's digest matches and it covers every byte of the file (nothing was
    changed or appended after signing). `penanda` and `waktu` describe the last signature (None
    when there is none or it cannot be read). `sha256` is the hex digest of the bytes given.
    `pesan` explains the verdict in Indonesian.
    """

    sah: bool
    utuh: bool
    ditandatangani: bool
    penanda: Penanda | None
    waktu: dt.datetime | None
    sha256: str
    pesan: str


def akar_tepercaya() -> list[asn1_x509.Certificate]:
    """The trust roots: the demo CA (if created) and the files of `LKJIP_CA_TEPERCAYA`."""
    daftar = [lokasi_ca()] if lokasi_ca().is_file() else []
    for jalur in getattr(settings, "LKJIP_CA_TEPERCAYA", []):
        if not Path(jalur).is_file():
            raise ImproperlyConfigured(f"LKJIP_CA_TEPERCAYA: berkas {jalur} tidak ditemukan.")
        daftar.append(Path(jalur))
    akar: list[asn1_x509.Certificate] = []
    for lokasi in daftar:
        try:
            akar.extend(load_certs_from_pemder_data(lokasi.read_bytes()))
        except ValueError as e:
            raise ImproperlyConfigured(f"Sertifikat CA tepercaya {lokasi} tidak dapat dibaca.") from e
    return akar


def periksa_pdf(pdf: bytes) -> HasilVerifikasi:
    """Validate the signatures of `pdf` against the configured trust roots, offline."""
    sha256 = hashlib.sha256(pdf).hexdigest()

    def hasil(pesan: str, **lain) -> HasilVerifikasi:
        nilai = {"sah": False, "utuh": False, "ditandatangani": True, "penanda": None, "waktu": None}
        nilai.update(lain)
        return HasilVerifikasi(sha256=sha256, pesan=pesan, **nilai)

    # Untrusted upload: a damaged PDF or signature surfaces as many exception types; each one
    # means "not valid".
    try:
        pembaca = PdfFileReader(BytesIO(pdf), strict=False)
        ada_field = any(True for _ in enumerate_sig_fields(pembaca, filled_status=True))
    except Exception as e:
        logger.info("PDF tidak dapat dibaca untuk verifikasi: %s", type(e).__name__)
        return hasil("Berkas bukan PDF yang dapat dibaca, atau berkas rusak.", ditandatangani=False)
    try:
        tanda = pembaca.embedded_signatures
    except Exception as e:
        logger.info("Tanda tangan tidak dapat dibaca: %s", type(e).__name__)
        return hasil(
            "Tanda tangan elektronik dalam berkas ini rusak atau tidak dapat dibaca.",
            ditandatangani=ada_field,
        )
    if not tanda:
        return hasil("Dokumen tidak ditandatangani secara elektronik.", ditandatangani=False)

    akar = akar_tepercaya()
    masalah = ""
    for nomor, ttd in enumerate(tanda, 1):
        try:
            status = _validasi(ttd, akar)
        except Exception as e:
            logger.info("Tanda tangan tidak dapat divalidasi: %s", type(e).__name__)
            status = None
        terakhir = nomor == len(tanda)
        if status is None:
            alasan = "Tanda tangan elektronik dalam berkas ini rusak atau tidak dapat dibaca."
        else:
            alasan = _alasan_tidak_sah(status, terakhir=terakhir, ada_akar=bool(akar))
        if alasan and not masalah:
            masalah = alasan if len(tanda) == 1 else f"Tanda tangan ke-{nomor}: {alasan}"
        if terakhir:
            penanda = _penanda(status.signing_cert if status else _sertifikat_atau_none(ttd))
            waktu = status.signer_reported_dt if status else None
            utuh = bool(status and status.intact and status.coverage == SignatureCoverageLevel.ENTIRE_FILE)

    if masalah:
        return hasil(masalah, utuh=utuh, penanda=penanda, waktu=waktu)
    return hasil(_pesan_sah(penanda, waktu), sah=True, utuh=True, penanda=penanda, waktu=waktu)


def _validasi(ttd: EmbeddedPdfSignature, akar: list[asn1_x509.Certificate]) -> PdfSignatureStatus:
    waktu = ttd.self_reported_timestamp
    if waktu is not None and waktu > dt.datetime.now(dt.UTC) + _TOLERANSI_WAKTU:
        waktu = None  # checked "now"; _alasan_tidak_sah reports the future date
    konteks = ValidationContext(
        trust_roots=akar,
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=waktu,
    )
    return validate_pdf_signature(ttd, signer_validation_context=konteks)


def _sertifikat_atau_none(ttd: EmbeddedPdfSignature) -> asn1_x509.Certificate | None:
    try:
        return ttd.signer_cert
    except Exception:
        return None


def _alasan_tidak_sah(status: PdfSignatureStatus, *, terakhir: bool, ada_akar: bool) -> str:
    """Why this signature is not valid, or "" when it is."""
    if not status.intact:
        return "Dokumen telah diubah setelah ditandatangani: isinya tidak cocok lagi dengan tanda tangan."
    if not status.valid:
        return "Tanda tangan elektronik tidak cocok dengan sertifikat penanda tangannya (tanda tangan rusak)."
    if terakhir and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return (
            "Ada perubahan yang ditambahkan ke berkas setelah ditandatangani; "
            "tanda tangan hanya berlaku untuk isi sebelum perubahan itu."
        )
    waktu = status.signer_reported_dt
    if waktu is not None and waktu > dt.datetime.now(dt.UTC) + _TOLERANSI_WAKTU:
        return "Waktu penandatanganan yang tercantum berada di masa depan."
    if not status.trusted:
        return _alasan_tidak_dipercaya(status, ada_akar=ada_akar)
    if not status.bottom_line:
        return "Berkas diubah setelah ditandatangani dengan cara yang tidak diizinkan tanda tangan itu."
    return ""


def _alasan_tidak_dipercaya(status: PdfSignatureStatus, *, ada_akar: bool) -> str:
    indikasi = status.trust_problem_indic
    if not ada_akar or indikasi == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return (
            "Sertifikat penanda tangan tidak diterbitkan oleh otoritas sertifikat (CA) "
            "yang dipercaya aplikasi ini."
        )
    if indikasi in (AdESIndeterminate.EXPIRED, AdESIndeterminate.OUT_OF_BOUNDS_NO_POE):
        return "Sertifikat penanda tangan sudah tidak berlaku pada waktu penandatanganan."
    if indikasi in (AdESIndeterminate.NOT_YET_VALID, AdESFailure.NOT_YET_VALID):
        return "Sertifikat penanda tangan belum berlaku pada waktu penandatanganan."
    if indikasi in (
        AdESFailure.REVOKED,
        AdESIndeterminate.REVOKED_NO_POE,
        AdESIndeterminate.REVOKED_CA_NO_POE,
    ):
        return "Sertifikat penanda tangan telah dicabut."
    if indikasi == AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        return "Sertifikat penanda tangan tidak diterbitkan untuk menandatangani dokumen."
    nama = indikasi.name if indikasi else "tidak diketahui"
    return f"Sertifikat penanda tangan tidak dapat dipercaya ({nama})."


def _penanda(sertifikat: asn1_x509.Certificate | None) -> Penanda | None:
    if sertifikat is None:
        return None
    subjek = sertifikat.subject.native
    penerbit = sertifikat.issuer.native
    return Penanda(
        nama=str(subjek.get("common_name", "")),
        nip=str(subjek.get("serial_number", "")),
        penerbit=str(penerbit.get("common_name", "")),
    )


def _pesan_sah(penanda: Penanda | None, waktu: dt.datetime | None) -> str:
    siapa = penanda.nama if penanda else ""
    if penanda and penanda.nip:
        siapa += f" (NIP {format_nip(penanda.nip)})"
    kapan = ""
    if waktu is not None:
        lokal = timezone.localtime(waktu)
        kapan = f" pada {format_tanggal(lokal.date())} pukul {lokal:%H.%M} {lokal.tzname()}"
    return f"Tanda tangan elektronik sah: dokumen utuh sejak ditandatangani oleh {siapa}{kapan}."
