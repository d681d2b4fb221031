"""Signing a finished PDF (DESIGN.md §6): the `PenandaTangan` interface and its two backends.

- `PenandaTanganLokal` (default): PAdES B-B with pyHanko, using the PKCS#12 of the pejabat kept at
  `<MEDIA_ROOT>/sertifikat/pejabat-<id>.p12`. No timestamp, no network.
- `PenandaTanganTTE`: a remote TTE service (BSrE esign-client API); see its docstring.

`penanda_tangan()` returns the backend named by the setting `LKJIP_PENANDA_TANGAN` (dotted path).

The passphrase is used to open the PKCS#12 in memory and is never stored, logged or put into an
exception: errors are raised outside the `except` block that saw the library's error (so no
`__context__` with the library's frames rides along), and the functions holding it are marked with
Django's `sensitive_variables`, so the error report of a crash masks it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import secrets
import urllib.error
import urllib.parse
import urllib.request
from io import BytesIO
from pathlib import Path
from typing import Protocol, runtime_checkable

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.debug import sensitive_variables
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from laporan.tandatangan.berkas import lokasi_sertifikat, tulis_atomik
from lkjip.format import format_tanggal

logger = logging.getLogger(__name__)

PENANDA_BAWAAN = "laporan.tandatangan.penanda.PenandaTanganLokal"
BATAS_UKURAN_SERTIFIKAT = 100 * 1024
NAMA_FIELD = "TandaTanganCamat"


class GagalMenandatangani(Exception):
    """Signing was refused or failed. `str()` is an Indonesian message to show the user as is; it
    never contains the passphrase."""


class FrasaSandiSalah(GagalMenandatangani):
    """The passphrase does not open the certificate (or is empty)."""


class SertifikatTidakAda(GagalMenandatangani):
    """No certificate has been uploaded for this pejabat."""


class SertifikatTidakBerlaku(GagalMenandatangani):
    """The certificate is expired, not yet valid or not meant for signing documents."""


class LayananTTEBelumDikonfigurasi(GagalMenandatangani):
    """The remote TTE backend is selected but its settings are missing."""


@runtime_checkable
class PenandaTangan(Protocol):
    """Signs a finished PDF for a pejabat and returns the signed bytes.

    Raises `GagalMenandatangani` (or a subclass) with an Indonesian message when it cannot.
    """

    def tandatangani(
        self, pdf: bytes, *, pejabat_id: int, frasa_sandi: str, alasan: str, lokasi: str
    ) -> bytes:
        """`alasan` and `lokasi` go into the signature (/Reason, /Location)."""
        ...


def penanda_tangan() -> PenandaTangan:
    """The backend named by `settings.LKJIP_PENANDA_TANGAN` (default: the local one)."""
    jalur = getattr(settings, "LKJIP_PENANDA_TANGAN", PENANDA_BAWAAN)
    try:
        kelas = import_string(jalur)
    except ImportError as e:
        raise ImproperlyConfigured(f"LKJIP_PENANDA_TANGAN: {jalur!r} tidak dapat diimpor.") from e
    penanda = kelas()
    if not isinstance(penanda, PenandaTangan):
        raise ImproperlyConfigured(f"LKJIP_PENANDA_TANGAN: {jalur!r} tidak memiliki metode tandatangani().")
    return penanda


# --- the local backend ------------------------------------------------------------------------------


class PenandaTanganLokal:
    """PAdES B-B signature (ETSI.CAdES.detached, SHA-256, signer certificate chain embedded, no
    timestamp, no revocation data, no network) with the PKCS#12 at
    `<MEDIA_ROOT>/sertifikat/pejabat-<id>.p12`, opened with the passphrase given at signing time.

    The signature is an approval signature in a new invisible field, so a later signature (e.g.
    by Inspektorat) can be added without invalidating it.
    """

    @sensitive_variables("frasa_sandi")
    def tandatangani(
        self, pdf: bytes, *, pejabat_id: int, frasa_sandi: str, alasan: str, lokasi: str
    ) -> bytes:
        penanda = _penanda_dari_pkcs12(pejabat_id, frasa_sandi)
        return _bubuhkan(pdf, penanda, alasan=alasan, lokasi=lokasi)


@sensitive_variables()
def _penanda_dari_pkcs12(pejabat_id: int, frasa_sandi: str) -> signers.SimpleSigner:
    try:
        isi = lokasi_sertifikat(pejabat_id).read_bytes()
    except FileNotFoundError:
        isi = None
    if isi is None:
        raise SertifikatTidakAda(
            "Sertifikat tanda tangan elektronik pejabat ini belum diunggah. "
            "Minta admin kabupaten mengunggah berkas .p12-nya."
        )
    if not isinstance(frasa_sandi, str) or not frasa_sandi:
        raise FrasaSandiSalah("Frasa sandi sertifikat wajib diisi.")
    muatan = _buka_pkcs12(isi, frasa_sandi)
    if muatan is None:
        raise FrasaSandiSalah("Frasa sandi sertifikat salah.")
    kunci, sertifikat, lainnya = muatan
    if kunci is None or sertifikat is None:
        raise SertifikatTidakBerlaku(
            "Berkas sertifikat tidak berisi kunci privat dan sertifikat penanda tangan."
        )
    _periksa_masa_dan_guna(sertifikat)
    return _PenandaKunciTerbuka(
        kunci=kunci,
        signing_cert=asn1_x509.Certificate.load(sertifikat.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            kunci.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in lainnya]
        ),
    )


class _PenandaKunciTerbuka(signers.SimpleSigner):
    """pyHanko's SimpleSigner signing with the key object already opened from the PKCS#12.

    SimpleSigner re-parses its DER key on every signature (twice per PDF: a dry run sizes the
    placeholder), and for RSA that re-runs OpenSSL's key consistency check, about 0.2 s for a
    3072-bit key. The PKCS#12 load already checked the key once.
    """

    def __init__(self, *, kunci, **kwargs):
        super().__init__(**kwargs)
        self._kunci = kunci

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mekanisme = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mekanisme == "rsassa_pkcs1v15" and isinstance(self._kunci, rsa.RSAPrivateKey):
            return self._kunci.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)


@sensitive_variables()
def _buka_pkcs12(isi: bytes, frasa_sandi: str):
    """(key, certificate, other certificates), or None when the passphrase does not open it.

    The upload was checked to be a well-formed PKCS#12, so a failure here means a wrong passphrase.
    Returns instead of raising so that the library's exception (whose frames hold the passphrase)
    is dropped here and never becomes the `__context__` of ours.
    """
    try:
        return pkcs12.load_key_and_certificates(isi, frasa_sandi.encode())
    except ValueError:  # also UnicodeEncodeError, which would carry the whole string
        return None


def _periksa_masa_dan_guna(sertifikat: x509.Certificate) -> None:
    sekarang = dt.datetime.now(dt.UTC)
    if sekarang < sertifikat.not_valid_before_utc:
        mulai = format_tanggal(timezone.localtime(sertifikat.not_valid_before_utc).date())
        raise SertifikatTidakBerlaku(f"Sertifikat penanda tangan baru berlaku mulai {mulai}.")
    if sekarang > sertifikat.not_valid_after_utc:
        akhir = format_tanggal(timezone.localtime(sertifikat.not_valid_after_utc).date())
        raise SertifikatTidakBerlaku(
            f"Sertifikat penanda tangan sudah kedaluwarsa sejak {akhir}. Minta sertifikat baru."
        )
    try:
        guna = sertifikat.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not guna.content_commitment:
        raise SertifikatTidakBerlaku(
            "Sertifikat ini tidak diterbitkan untuk menandatangani dokumen (tanpa nonRepudiation)."
        )


def _nama_field_baru(writer: IncrementalPdfFileWriter) -> str:
    ada = {nama for nama, _, _ in fields.enumerate_sig_fields(writer.prev)}
    nama, n = NAMA_FIELD, 1
    while nama in ada:
        n += 1
        nama = f"{NAMA_FIELD}{n}"
    return nama


def _bubuhkan(pdf: bytes, penanda: signers.Signer, *, alasan: str, lokasi: str) -> bytes:
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        terenkripsi = writer.prev.encrypted
        nama_field = _nama_field_baru(writer)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
        raise GagalMenandatangani("Berkas yang akan ditandatangani bukan PDF yang dapat dibaca.") from e
    if terenkripsi:
        raise GagalMenandatangani("PDF terenkripsi tidak dapat ditandatangani.")
    meta = signers.PdfSignatureMetadata(
        field_name=nama_field,
        reason=alasan,
        location=lokasi,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    try:
        keluaran = signers.sign_pdf(writer, meta, signer=penanda)
    except (SigningError, PdfError) as e:
        raise GagalMenandatangani(f"PDF gagal ditandatangani: {e}") from e
    return keluaran.getvalue()


# --- the remote TTE backend -------------------------------------------------------------------------

_KONFIGURASI_TTE_WAJIB = ("URL", "PENGGUNA", "SANDI", "IDENTITAS")


class PenandaTanganTTE:
    """Signing by a remote TTE service (Tanda Tangan Elektronik), e.g. the BSrE (BSSN)
    esign-client-service, API v1: `POST <URL>/api/sign/pdf`, HTTP Basic authentication,
    multipart/form-data fields `file` (the PDF), `nik`, `passphrase`, `tampilan=invisible`,
    `reason`, `location`; the answer is the signed PDF, or JSON `{"error": "..."}`.

    Select it and configure it in the settings (every key but BATAS_WAKTU is required; until then
    every call raises `LayananTTEBelumDikonfigurasi` "Layanan TTE belum dikonfigurasi ..."):

        LKJIP_PENANDA_TANGAN = "laporan.tandatangan.penanda.PenandaTanganTTE"
        LKJIP_TTE = {
            "URL": "https://esign.example.go.id",   # https (plain http only for 127.0.0.1/localhost)
            "PENGGUNA": os.environ["LKJIP_TTE_PENGGUNA"],  # the application's Basic credentials
            "SANDI": os.environ["LKJIP_TTE_SANDI"],
            "IDENTITAS": "paket.modul.nik_pejabat",  # dotted path: callable(pejabat_id) -> NIK
            "BATAS_WAKTU": 60,                          # seconds, optional
        }

    The pejabat's passphrase travels in the request body to the service only. Verifying the
    service's signatures needs its root certificate in `LKJIP_CA_TEPERCAYA`.
    """

    # Every local is masked in error reports: the service's answer may echo the passphrase.
    @sensitive_variables()
    def tandatangani(
        self, pdf: bytes, *, pejabat_id: int, frasa_sandi: str, alasan: str, lokasi: str
    ) -> bytes:
        konfigurasi = _konfigurasi_tte()
        if not isinstance(frasa_sandi, str) or not frasa_sandi:
            raise FrasaSandiSalah("Frasa sandi sertifikat wajib diisi.")
        try:
            identitas = import_string(konfigurasi["IDENTITAS"])
        except ImportError as e:
            raise ImproperlyConfigured(
                f"LKJIP_TTE['IDENTITAS']: {konfigurasi['IDENTITAS']!r} tidak dapat diimpor."
            ) from e
        nik = identitas(pejabat_id)
        if not nik:
            raise GagalMenandatangani("NIK pejabat ini untuk layanan TTE belum terdaftar.")
        status, isi, gangguan = _kirim_ke_tte(
            konfigurasi,
            pdf,
            medan={
                "nik": str(nik),
                "passphrase": frasa_sandi,
                "tampilan": "invisible",
                "reason": alasan,
                "location": lokasi,
            },
        )
        if status is None:
            raise GagalMenandatangani(f"Layanan TTE tidak dapat dihubungi ({gangguan}).")
        if status == 200 and isi.startswith(b"%PDF-"):
            return isi
        pesan = _pesan_layanan(isi).replace(frasa_sandi, "***")
        if "passphrase" in pesan.lower():
            raise FrasaSandiSalah("Frasa sandi sertifikat salah.")
        rincian = f": {pesan}" if pesan else ""
        raise GagalMenandatangani(f"Layanan TTE menolak permintaan (HTTP {status}){rincian}")


def _konfigurasi_tte() -> dict:
    konfigurasi = getattr(settings, "LKJIP_TTE", None) or {}
    kurang = [kunci for kunci in _KONFIGURASI_TTE_WAJIB if not konfigurasi.get(kunci)]
    if kurang:
        raise LayananTTEBelumDikonfigurasi(
            "Layanan TTE belum dikonfigurasi: pengaturan LKJIP_TTE belum berisi "
            + ", ".join(kurang)
            + ". Hubungi admin aplikasi."
        )
    alamat = urllib.parse.urlsplit(konfigurasi["URL"])
    lokal = alamat.hostname in ("127.0.0.1", "localhost", "::1")
    if alamat.scheme != "https" and not (alamat.scheme == "http" and lokal):
        raise LayananTTEBelumDikonfigurasi(
            "Layanan TTE belum dikonfigurasi dengan benar: alamat LKJIP_TTE['URL'] harus memakai https."
        )
    return konfigurasi


@sensitive_variables()
def _kirim_ke_tte(konfigurasi: dict, pdf: bytes, *, medan: dict[str, str]) -> tuple[int | None, bytes, str]:
    """(HTTP status, body, "") or (None, b"", reason) when the service cannot be reached.

    Never raises a network error: urllib's frames hold the request body (with the passphrase), so
    their exception must not become the context of ours.
    """
    batas = secrets.token_hex(16)
    bagian = [
        f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n'.encode()
        + nilai.encode()
        + b"\r\n"
        for nama, nilai in medan.items()
    ]
    bagian.append(
        f'--{batas}\r\nContent-Disposition: form-data; name="file"; filename="laporan.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + pdf
        + b"\r\n"
    )
    bagian.append(f"--{batas}--\r\n".encode())
    kredensial = base64.b64encode(f"{konfigurasi['PENGGUNA']}:{konfigurasi['SANDI']}".encode()).decode()
    permintaan = urllib.request.Request(
        konfigurasi["URL"].rstrip("/") + "/api/sign/pdf",
        data=b"".join(bagian),
        method="POST",
        headers={
            "Content-Type": f"multipart/form-data; boundary={batas}",
            "Authorization": f"Basic {kredensial}",
            "Accept": "application/pdf, application/json",
        },
    )
    gangguan = ""
    try:
        with urllib.request.urlopen(permintaan, timeout=konfigurasi.get("BATAS_WAKTU", 60)) as jawaban:
            return jawaban.status, jawaban.read(), ""
    except urllib.error.HTTPError as e:
        return e.code, e.read(), ""
    except (urllib.error.URLError, OSError) as e:
        gangguan = _uraian_gangguan(e)
    logger.warning("Layanan TTE tidak dapat dihubungi: %s", gangguan)
    return None, b"", gangguan


def _uraian_gangguan(galat: OSError) -> str:
    sebab = galat.reason if isinstance(galat, urllib.error.URLError) else galat
    if isinstance(sebab, ConnectionRefusedError):
        return "koneksi ditolak"
    if isinstance(sebab, TimeoutError):
        return "waktu tunggu habis"
    if isinstance(sebab, OSError) and sebab.strerror:
        return sebab.strerror
    return str(sebab)


def _pesan_layanan(isi: bytes) -> str:
    """The service's error text (JSON "error" or "message"), at most 200 characters."""
    try:
        data = json.loads(isi)
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    pesan = data.get("error") or data.get("message") or ""
    return str(pesan)[:200]


# --- storing an uploaded certificate ----------------------------------------------------------------


def periksa_pkcs12(isi: bytes) -> None:
    """Raise ValidationError (Indonesian) unless `isi` is a PKCS#12 container, at most 100 KB,
    protected by a passphrase (password integrity with a MAC, private key encrypted).

    Checked by content (ASN.1 structure), not by file name. The passphrase itself is not needed:
    it is asked at signing time.
    """
    if not isi:
        raise ValidationError("Berkas sertifikat kosong.", code="kosong")
    if len(isi) > BATAS_UKURAN_SERTIFIKAT:
        raise ValidationError(
            f"Berkas sertifikat terlalu besar ({len(isi) // 1024} KB); batasnya "
            f"{BATAS_UKURAN_SERTIFIKAT // 1024} KB.",
            code="terlalu_besar",
        )
    try:
        pfx = asn1_pkcs12.Pfx.load(isi, strict=True)
        versi = pfx["version"].native
        integritas = pfx["auth_safe"]["content_type"].native
        ada_mac = pfx["mac_data"].native is not None
        jenis_isi = []
        if integritas == "data":
            for info in pfx.authenticated_safe:
                jenis = info["content_type"].native
                if jenis == "data":
                    kantong = asn1_pkcs12.SafeContents.load(info["content"].native)
                    jenis_isi.extend(k["bag_id"].native for k in kantong)
                else:
                    jenis_isi.append(jenis)
    # Untrusted input: asn1crypto reports malformed DER with several exception types.
    except Exception:
        versi = integritas = None
    if versi != "v3":
        raise ValidationError("Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah.", code="bukan_pkcs12")
    if integritas != "data":
        raise ValidationError(
            "Berkas PKCS#12 ini tidak dilindungi frasa sandi; ekspor ulang dengan frasa sandi.",
            code="tanpa_frasa_sandi",
        )
    if not ada_mac:
        raise ValidationError(
            "Berkas PKCS#12 ini tidak dilindungi frasa sandi; ekspor ulang dengan frasa sandi.",
            code="tanpa_frasa_sandi",
        )
    if "key_bag" in jenis_isi:
        raise ValidationError(
            "Kunci privat dalam berkas ini tidak terenkripsi; ekspor ulang dengan frasa sandi.",
            code="kunci_terbuka",
        )
    if "pkcs8_shrouded_key_bag" not in jenis_isi and "encrypted_data" not in jenis_isi:
        raise ValidationError("Berkas PKCS#12 ini tidak berisi kunci privat.", code="tanpa_kunci")


def simpan_sertifikat(*, pejabat_id: int, p12_bytes: bytes) -> Path:
    """Check the upload (`periksa_pkcs12`) and store it as `<MEDIA_ROOT>/sertifikat/pejabat-<id>.p12`
    (atomic replace, mode 0600). Returns the path. The caller checks who may upload."""
    periksa_pkcs12(p12_bytes)
    lokasi = lokasi_sertifikat(pejabat_id)
    tulis_atomik(lokasi, p12_bytes)
    logger.info("Sertifikat pejabat %s disimpan (%s byte).", pejabat_id, len(p12_bytes))
    return lokasi


def ada_sertifikat(pejabat_id: int) -> bool:
    """Whether a certificate has been stored for this pejabat."""
    return lokasi_sertifikat(pejabat_id).is_file()
