"""A local demo certificate authority and the signing certificates of pejabat (camat).

Everything is made with `cryptography`. The CA is a self-signed root valid for 10 years; a pejabat
certificate is valid for 2 years, names the person (CN), their NIP (the X.520 serialNumber
attribute), the kabupaten government (O) and the kecamatan (OU), and may only sign documents (key
usage digitalSignature + nonRepudiation, which pyHanko's validator requires). It is handed out as a
PKCS#12 file protected by a passphrase (AES-256-CBC, PBKDF2-SHA256, HMAC-SHA256 MAC).

A real deployment replaces the demo CA with the certificates of a real one (e.g. BSrE) and lists
its root in the setting `LKJIP_CA_TEPERCAYA`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

UKURAN_KUNCI = 3072
MASA_BERLAKU_CA = dt.timedelta(days=3652)
MASA_BERLAKU_PEJABAT = dt.timedelta(days=730)
# Certificates start a few minutes in the past so that a clock slightly behind does not reject them.
_TOLERANSI_JAM = dt.timedelta(minutes=5)
# PBKDF2 rounds of the PKCS#12 encryption: slow enough against guessing, fast enough to sign.
_PUTARAN_KDF = 100_000

NAMA_CA_DEMO = "CA Demo LKjIP Kecamatan"
ORGANISASI_CA_DEMO = "LKjIP Kecamatan (demo, bukan untuk dokumen resmi)"


@dataclass(frozen=True)
class Sertifikat:
    """A certificate with its private key."""

    sertifikat: x509.Certificate
    kunci: rsa.RSAPrivateKey


def _kunci_baru(ukuran_kunci: int) -> rsa.RSAPrivateKey:
    if ukuran_kunci < 2048:
        raise ValueError("Ukuran kunci RSA minimal 2048 bit.")
    return rsa.generate_private_key(public_exponent=65537, key_size=ukuran_kunci)


def _sekarang(sekarang: dt.datetime | None) -> dt.datetime:
    if sekarang is None:
        return dt.datetime.now(dt.UTC)
    if sekarang.tzinfo is None:
        raise ValueError("Waktu harus memiliki zona waktu.")
    return sekarang


def buat_ca(
    *,
    nama: str = NAMA_CA_DEMO,
    organisasi: str = ORGANISASI_CA_DEMO,
    ukuran_kunci: int = UKURAN_KUNCI,
    sekarang: dt.datetime | None = None,
) -> Sertifikat:
    """A self-signed root CA (RSA, `ukuran_kunci` bits, 10 years) that may only issue certificates."""
    kunci = _kunci_baru(ukuran_kunci)
    mulai = _sekarang(sekarang) - _TOLERANSI_JAM
    subjek = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi),
            x509.NameAttribute(NameOID.COMMON_NAME, nama),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(kunci.public_key())
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(subjek)
        .issuer_name(subjek)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai)
        .not_valid_after(mulai + MASA_BERLAKU_CA)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    return Sertifikat(sertifikat=sertifikat, kunci=kunci)


def buat_sertifikat_pejabat(
    ca: Sertifikat,
    *,
    nama: str,
    nip: str,
    organisasi: str,
    unit: str,
    ukuran_kunci: int = UKURAN_KUNCI,
    sekarang: dt.datetime | None = None,
) -> Sertifikat:
    """A 2-year signing certificate for one person, issued by `ca`.

    `nama` becomes the CN, `nip` the serialNumber attribute (left out when empty), `organisasi`
    the O (e.g. "Pemerintah Kabupaten Banyumas") and `unit` the OU (e.g. "Kecamatan Ajibarang").
    """
    if not nama.strip():
        raise ValueError("Nama pemilik sertifikat wajib diisi.")
    kunci = _kunci_baru(ukuran_kunci)
    mulai = _sekarang(sekarang) - _TOLERANSI_JAM
    atribut = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
        x509.NameAttribute(NameOID.COMMON_NAME, nama.strip()),
    ]
    if nip:
        atribut.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, nip))
    ski_ca = ca.sertifikat.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(atribut))
        .issuer_name(ca.sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai)
        .not_valid_after(min(mulai + MASA_BERLAKU_PEJABAT, ca.sertifikat.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski_ca), critical=False)
        .sign(ca.kunci, hashes.SHA256())
    )
    return Sertifikat(sertifikat=sertifikat, kunci=kunci)


def ekspor_pkcs12(pemilik: Sertifikat, rantai: list[x509.Certificate], *, frasa_sandi: str) -> bytes:
    """The PKCS#12 file of `pemilik` (key, certificate and the CA chain `rantai`), encrypted with
    `frasa_sandi`."""
    if not frasa_sandi:
        raise ValueError("Frasa sandi sertifikat wajib diisi.")
    enkripsi = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(_PUTARAN_KDF)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(frasa_sandi.encode())
    )
    nama = pemilik.sertifikat.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    return pkcs12.serialize_key_and_certificates(
        name=str(nama).encode(),
        key=pemilik.kunci,
        cert=pemilik.sertifikat,
        cas=rantai,
        encryption_algorithm=enkripsi,
    )


def pem_sertifikat(sertifikat: x509.Certificate) -> bytes:
    return sertifikat.public_bytes(serialization.Encoding.PEM)


def pem_kunci(kunci: rsa.RSAPrivateKey) -> bytes:
    """The private key as unencrypted PKCS#8 PEM (the demo CA's key; keep the file at mode 0600)."""
    return kunci.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def muat_ca(sertifikat_pem: bytes, kunci_pem: bytes) -> Sertifikat:
    """The CA back from its two PEM files; ValueError (Indonesian) when they do not belong together."""
    try:
        sertifikat = x509.load_pem_x509_certificate(sertifikat_pem)
        kunci = serialization.load_pem_private_key(kunci_pem, password=None)
    except ValueError:
        raise ValueError("Berkas CA tidak dapat dibaca (bukan PEM yang sah).") from None
    if not isinstance(kunci, rsa.RSAPrivateKey) or kunci.public_key() != sertifikat.public_key():
        raise ValueError("Kunci CA tidak cocok dengan sertifikat CA.")
    return Sertifikat(sertifikat=sertifikat, kunci=kunci)


def nama_umum(sertifikat: x509.Certificate) -> str:
    """The CN of the certificate's subject ("" when absent)."""
    cn = sertifikat.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else ""
