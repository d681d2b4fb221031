"""Signing and verification machinery (laporan/tandatangan/, DESIGN.md §6).

Keys are RSA 2048 and made once per session; every test gets its own MEDIA_ROOT (conftest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import socket
import stat
import threading
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.views.debug import ExceptionReporter
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import pdf_signer

from laporan.tandatangan import ca
from laporan.tandatangan.berkas import folder_sertifikat, lokasi_ca, lokasi_kunci_ca, lokasi_sertifikat
from laporan.tandatangan.penanda import (
    FrasaSandiSalah,
    GagalMenandatangani,
    LayananTTEBelumDikonfigurasi,
    PenandaTanganLokal,
    PenandaTanganTTE,
    SertifikatTidakAda,
    SertifikatTidakBerlaku,
    ada_sertifikat,
    penanda_tangan,
    periksa_pkcs12,
    simpan_sertifikat,
)
from laporan.tandatangan.verifikasi import Penanda, periksa_pdf
from lkjip.models import Penugasan
from tests import factories as f

FRASA = "demo12345"
FRASA_SALAH = "Rahasia-Bocor-7391"
NIP = "196707011992091001"
NAMA = "PARSONO, S.Sos., M.Si."
NIK_UJI = "3302010107670001"
PESAN_TIDAK_DIPERCAYA = (
    "Sertifikat penanda tangan tidak diterbitkan oleh otoritas sertifikat (CA) yang dipercaya aplikasi ini."
)
PESAN_DIUBAH = "Dokumen telah diubah setelah ditandatangani: isinya tidak cocok lagi dengan tanda tangan."


@dataclass(frozen=True)
class Bahan:
    ca: ca.Sertifikat
    pejabat: ca.Sertifikat
    p12: bytes
    ca_lain: ca.Sertifikat
    p12_lain: bytes
    pdf: bytes


def _pdf_contoh() -> bytes:
    penulis = pypdf.PdfWriter()
    penulis.add_blank_page(width=595, height=842)
    penulis.add_metadata({"/Title": "LKjIP Kecamatan Ajibarang Tahun 2021"})
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()


@pytest.fixture(scope="session")
def bahan() -> Bahan:
    otoritas = ca.buat_ca(ukuran_kunci=2048)
    pejabat = ca.buat_sertifikat_pejabat(
        otoritas,
        nama=NAMA,
        nip=NIP,
        organisasi="Pemerintah Kabupaten Banyumas",
        unit="Kecamatan Ajibarang",
        ukuran_kunci=2048,
    )
    ca_lain = ca.buat_ca(nama="CA Lain", organisasi="Bukan Kita", ukuran_kunci=2048)
    pejabat_lain = ca.buat_sertifikat_pejabat(
        ca_lain, nama=NAMA, nip=NIP, organisasi="Palsu", unit="Palsu", ukuran_kunci=2048
    )
    return Bahan(
        ca=otoritas,
        pejabat=pejabat,
        p12=ca.ekspor_pkcs12(pejabat, [otoritas.sertifikat], frasa_sandi=FRASA),
        ca_lain=ca_lain,
        p12_lain=ca.ekspor_pkcs12(pejabat_lain, [ca_lain.sertifikat], frasa_sandi=FRASA),
        pdf=_pdf_contoh(),
    )


def _pasang_ca(otoritas: ca.Sertifikat) -> None:
    folder_sertifikat().mkdir(parents=True, exist_ok=True)
    lokasi_ca().write_bytes(ca.pem_sertifikat(otoritas.sertifikat))


@pytest.fixture
def siap(bahan) -> Bahan:
    """The demo CA trusted and the certificate of pejabat 7 stored."""
    _pasang_ca(bahan.ca)
    simpan_sertifikat(pejabat_id=7, p12_bytes=bahan.p12)
    return bahan


@pytest.fixture(scope="session")
def pdf_bertanda(bahan, tmp_path_factory) -> bytes:
    """The sample PDF signed once by pejabat 7 (for the tests that only read it)."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        simpan_sertifikat(pejabat_id=7, p12_bytes=bahan.p12)
        return PenandaTanganLokal().tandatangani(
            bahan.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="Persetujuan LKjIP 2021", lokasi="Ajibarang"
        )


def _ubah_byte(data: bytes, posisi: int) -> bytes:
    salinan = bytearray(data)
    salinan[posisi] = ord("0") if salinan[posisi] != ord("0") else ord("1")
    return bytes(salinan)


# --- ca.py ------------------------------------------------------------------------------------------


def test_buat_ca_akar_sepuluh_tahun_hanya_untuk_menerbitkan(bahan):
    sert = bahan.ca.sertifikat
    assert sert.issuer == sert.subject
    assert ca.nama_umum(sert) == "CA Demo LKjIP Kecamatan"
    assert sert.not_valid_after_utc - sert.not_valid_before_utc == dt.timedelta(days=3652)
    assert sert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    guna = sert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert (guna.key_cert_sign, guna.crl_sign, guna.digital_signature) == (True, True, False)
    assert bahan.ca.kunci.key_size == 2048


def test_sertifikat_pejabat_nama_nip_instansi_dan_guna(bahan):
    sert = bahan.pejabat.sertifikat

    def atribut(oid):
        return [a.value for a in sert.subject.get_attributes_for_oid(oid)]

    assert atribut(NameOID.COMMON_NAME) == [NAMA]
    assert atribut(NameOID.SERIAL_NUMBER) == [NIP]
    assert atribut(NameOID.ORGANIZATION_NAME) == ["Pemerintah Kabupaten Banyumas"]
    assert atribut(NameOID.ORGANIZATIONAL_UNIT_NAME) == ["Kecamatan Ajibarang"]
    assert sert.issuer == bahan.ca.sertifikat.subject
    assert sert.not_valid_after_utc - sert.not_valid_before_utc == dt.timedelta(days=730)
    guna = sert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert (guna.digital_signature, guna.content_commitment, guna.key_cert_sign) == (True, True, False)
    assert sert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False


def test_ekspor_pkcs12_terbuka_hanya_dengan_frasa_sandi(bahan):
    kunci, sert, rantai = pkcs12.load_key_and_certificates(bahan.p12, FRASA.encode())
    assert sert == bahan.pejabat.sertifikat
    assert rantai == [bahan.ca.sertifikat]
    assert kunci.public_key() == bahan.pejabat.kunci.public_key()
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(bahan.p12, b"salah")


def test_ukuran_kunci_di_bawah_2048_ditolak():
    with pytest.raises(ValueError, match="^Ukuran kunci RSA minimal 2048 bit.$"):
        ca.buat_ca(ukuran_kunci=1024)


def test_muat_ca_menolak_kunci_yang_tidak_cocok(bahan):
    assert ca.muat_ca(ca.pem_sertifikat(bahan.ca.sertifikat), ca.pem_kunci(bahan.ca.kunci)).sertifikat == (
        bahan.ca.sertifikat
    )
    with pytest.raises(ValueError, match="^Kunci CA tidak cocok dengan sertifikat CA.$"):
        ca.muat_ca(ca.pem_sertifikat(bahan.ca.sertifikat), ca.pem_kunci(bahan.ca_lain.kunci))


# --- signing and verifying --------------------------------------------------------------------------


def test_tandatangani_lalu_periksa_sah_utuh_dengan_penanda_yang_benar(siap):
    sebelum = dt.datetime.now(dt.UTC).replace(microsecond=0)
    hasil_ttd = PenandaTanganLokal().tandatangani(
        siap.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="Persetujuan LKjIP 2021", lokasi="Ajibarang"
    )
    sesudah = dt.datetime.now(dt.UTC)

    assert hasil_ttd.startswith(siap.pdf)  # an incremental update: the original bytes are kept
    hasil = periksa_pdf(hasil_ttd)
    assert (hasil.sah, hasil.utuh, hasil.ditandatangani) == (True, True, True)
    assert hasil.penanda == Penanda(nama=NAMA, nip=NIP, penerbit="CA Demo LKjIP Kecamatan")
    assert hasil.sha256 == hashlib.sha256(hasil_ttd).hexdigest()
    assert sebelum <= hasil.waktu <= sesudah
    waktu = hasil.waktu.astimezone(dt.timezone(dt.timedelta(hours=7)))
    bulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"][waktu.month - 1]  # fmt: skip
    assert hasil.pesan == (
        "Tanda tangan elektronik sah: dokumen utuh sejak ditandatangani oleh PARSONO, S.Sos., M.Si. "
        f"(NIP 19670701 199209 1 001) pada {waktu.day} {bulan} {waktu.year} pukul {waktu:%H.%M} WIB."
    )


def test_tanda_tangan_pades_dengan_alasan_lokasi_dan_rantai_sertifikat(pdf_bertanda, bahan):
    pembaca = PdfFileReader(io.BytesIO(pdf_bertanda))
    [ttd] = pembaca.embedded_signatures
    assert ttd.field_name == "TandaTanganCamat"
    assert ttd.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert ttd.sig_object["/Reason"] == "Persetujuan LKjIP 2021"
    assert ttd.sig_object["/Location"] == "Ajibarang"
    tertanam = {c.chosen.dump() for c in ttd.signed_data["certificates"]}
    assert tertanam == {
        bahan.pejabat.sertifikat.public_bytes(serialization.Encoding.DER),
        bahan.ca.sertifikat.public_bytes(serialization.Encoding.DER),
    }
    assert "/DSS" not in pembaca.root  # B-B: no validation data, no timestamp token
    assert ttd.signer_info["unsigned_attrs"].native is None


def test_tanda_tangan_kedua_memakai_field_baru(siap, pdf_bertanda):
    lagi = PenandaTanganLokal().tandatangani(
        pdf_bertanda, pejabat_id=7, frasa_sandi=FRASA, alasan="Ulang", lokasi="Ajibarang"
    )
    pembaca = PdfFileReader(io.BytesIO(lagi))
    assert [t.field_name for t in pembaca.embedded_signatures] == ["TandaTanganCamat", "TandaTanganCamat2"]
    assert periksa_pdf(lagi).sah is True


@pytest.mark.parametrize(
    ("tempat", "pesan"),
    [
        ("judul", PESAN_DIUBAH),
        ("byte_terakhir", PESAN_DIUBAH),
        ("isi_tanda_tangan", "Tanda tangan elektronik dalam berkas ini rusak atau tidak dapat dibaca."),
    ],
)
def test_salinan_dengan_satu_byte_diubah_tidak_sah(siap, pdf_bertanda, tempat, pesan):
    posisi = {
        "judul": pdf_bertanda.index(b"Ajibarang Tahun 2021") + 3,
        "byte_terakhir": len(pdf_bertanda) - 1,
        "isi_tanda_tangan": pdf_bertanda.index(b"/Contents <") + 20,
    }[tempat]
    rusak = _ubah_byte(pdf_bertanda, posisi)
    assert len(rusak) == len(pdf_bertanda) and rusak != pdf_bertanda

    hasil = periksa_pdf(rusak)

    assert (hasil.sah, hasil.utuh, hasil.ditandatangani) == (False, False, True)
    assert hasil.pesan == pesan
    assert hasil.sha256 == hashlib.sha256(rusak).hexdigest()


def test_perubahan_yang_ditambahkan_setelah_tanda_tangan_tidak_utuh(siap, pdf_bertanda):
    penulis = IncrementalPdfFileWriter(io.BytesIO(pdf_bertanda))
    info = penulis.trailer["/Info"].get_object()
    info[NameObject("/Title")] = TextStringObject("LKjIP Kecamatan Ajibarang Tahun 2022")
    penulis.update_container(info)
    keluaran = io.BytesIO()
    penulis.write(keluaran)

    hasil = periksa_pdf(keluaran.getvalue())

    assert (hasil.sah, hasil.utuh, hasil.ditandatangani) == (False, False, True)
    assert hasil.pesan == (
        "Ada perubahan yang ditambahkan ke berkas setelah ditandatangani; "
        "tanda tangan hanya berlaku untuk isi sebelum perubahan itu."
    )
    assert hasil.penanda == Penanda(nama=NAMA, nip=NIP, penerbit="CA Demo LKjIP Kecamatan")


def test_pdf_tanpa_tanda_tangan(bahan):
    hasil = periksa_pdf(bahan.pdf)
    assert (hasil.sah, hasil.utuh, hasil.ditandatangani) == (False, False, False)
    assert hasil.pesan == "Dokumen tidak ditandatangani secara elektronik."
    assert (hasil.penanda, hasil.waktu) == (None, None)
    assert hasil.sha256 == hashlib.sha256(bahan.pdf).hexdigest()


def test_berkas_bukan_pdf():
    hasil = periksa_pdf(b"ini bukan PDF")
    assert (hasil.sah, hasil.ditandatangani) == (False, False)
    assert hasil.pesan == "Berkas bukan PDF yang dapat dibaca, atau berkas rusak."
    assert hasil.sha256 == hashlib.sha256(b"ini bukan PDF").hexdigest()


def test_sertifikat_dari_ca_lain_tidak_dipercaya(siap):
    simpan_sertifikat(pejabat_id=8, p12_bytes=siap.p12_lain)
    ditandatangani = PenandaTanganLokal().tandatangani(
        siap.pdf, pejabat_id=8, frasa_sandi=FRASA, alasan="Palsu", lokasi="Mana saja"
    )

    hasil = periksa_pdf(ditandatangani)

    assert (hasil.sah, hasil.utuh, hasil.ditandatangani) == (False, True, True)
    assert hasil.pesan == PESAN_TIDAK_DIPERCAYA
    assert hasil.penanda == Penanda(nama=NAMA, nip=NIP, penerbit="CA Lain")


def test_ca_tambahan_dari_pengaturan_dipercaya(siap, settings, tmp_path):
    simpan_sertifikat(pejabat_id=8, p12_bytes=siap.p12_lain)
    ditandatangani = PenandaTanganLokal().tandatangani(
        siap.pdf, pejabat_id=8, frasa_sandi=FRASA, alasan="Lain", lokasi="Lain"
    )
    pem = tmp_path / "ca-lain.pem"
    pem.write_bytes(ca.pem_sertifikat(siap.ca_lain.sertifikat))
    settings.LKJIP_CA_TEPERCAYA = [str(pem)]

    assert periksa_pdf(ditandatangani).sah is True


def test_ca_tambahan_yang_tidak_ada_ditolak_sebagai_salah_konfigurasi(pdf_bertanda, settings, tmp_path):
    settings.LKJIP_CA_TEPERCAYA = [str(tmp_path / "tidak-ada.pem")]
    with pytest.raises(ImproperlyConfigured, match="tidak-ada.pem tidak ditemukan"):
        periksa_pdf(pdf_bertanda)


def test_ca_tepercaya_yang_rusak_ditolak_sebagai_salah_konfigurasi(pdf_bertanda):
    folder_sertifikat().mkdir(parents=True)
    lokasi_ca().write_bytes(b"bukan sertifikat")
    with pytest.raises(ImproperlyConfigured) as galat:
        periksa_pdf(pdf_bertanda)
    assert str(galat.value) == f"Sertifikat CA tepercaya {lokasi_ca()} tidak dapat dibaca."


def test_tanpa_ca_tepercaya_tanda_tangan_tidak_dipercaya(pdf_bertanda):
    assert not lokasi_ca().exists()
    hasil = periksa_pdf(pdf_bertanda)
    assert (hasil.sah, hasil.utuh) == (False, True)
    assert hasil.pesan == PESAN_TIDAK_DIPERCAYA


def test_sertifikat_kedaluwarsa_tidak_dipakai_menandatangani(bahan):
    _pasang_ca(bahan.ca)
    lama = ca.buat_sertifikat_pejabat(
        bahan.ca,
        nama=NAMA,
        nip=NIP,
        organisasi="Pemerintah Kabupaten Banyumas",
        unit="Kecamatan Ajibarang",
        ukuran_kunci=2048,
        sekarang=dt.datetime(2021, 1, 4, 8, 0, tzinfo=dt.UTC),
    )
    simpan_sertifikat(
        pejabat_id=9, p12_bytes=ca.ekspor_pkcs12(lama, [bahan.ca.sertifikat], frasa_sandi=FRASA)
    )
    with pytest.raises(SertifikatTidakBerlaku) as galat:
        PenandaTanganLokal().tandatangani(bahan.pdf, pejabat_id=9, frasa_sandi=FRASA, alasan="a", lokasi="b")
    # Issued 4 January 2021 08:00 UTC minus 5 minutes, valid 730 days.
    assert (
        str(galat.value)
        == "Sertifikat penanda tangan sudah kedaluwarsa sejak 4 Januari 2023. Minta sertifikat baru."
    )


def _tandatangani_pada(monkeypatch, pdf: bytes, p12: bytes, waktu: dt.datetime) -> bytes:
    """Sign with pyHanko directly while its clock says `waktu` (our signer refuses expired
    certificates, and PAdES B-B takes the signing time from the signer's clock)."""

    class Jam(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return waktu.astimezone(tz)

    monkeypatch.setattr(pdf_signer, "datetime", Jam)
    penanda = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=None, passphrase=FRASA.encode())
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTanganCamat", subfilter=fields.SigSeedSubFilter.PADES
    )
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=penanda).getvalue()


@pytest.fixture
def sertifikat_2021(bahan) -> bytes:
    """A CA and a camat certificate issued 4 January 2021 (the certificate expired in 2023); the CA
    is the trusted one."""
    awal = dt.datetime(2021, 1, 4, 8, 0, tzinfo=dt.UTC)
    otoritas = ca.buat_ca(ukuran_kunci=2048, sekarang=awal)
    _pasang_ca(otoritas)
    lama = ca.buat_sertifikat_pejabat(
        otoritas, nama=NAMA, nip=NIP, organisasi="O", unit="U", ukuran_kunci=2048, sekarang=awal
    )
    return ca.ekspor_pkcs12(lama, [otoritas.sertifikat], frasa_sandi=FRASA)


def test_tanda_tangan_lama_tetap_sah_setelah_sertifikat_kedaluwarsa(bahan, sertifikat_2021, monkeypatch):
    waktu = dt.datetime(2022, 1, 10, 2, 30, tzinfo=dt.UTC)
    ditandatangani = _tandatangani_pada(monkeypatch, bahan.pdf, sertifikat_2021, waktu)

    hasil = periksa_pdf(ditandatangani)

    assert (hasil.sah, hasil.utuh, hasil.waktu) == (True, True, waktu)
    assert hasil.pesan == (
        "Tanda tangan elektronik sah: dokumen utuh sejak ditandatangani oleh PARSONO, S.Sos., M.Si. "
        "(NIP 19670701 199209 1 001) pada 10 Januari 2022 pukul 09.30 WIB."
    )


def test_tanda_tangan_setelah_sertifikat_kedaluwarsa_tidak_sah(bahan, sertifikat_2021, monkeypatch):
    ditandatangani = _tandatangani_pada(
        monkeypatch, bahan.pdf, sertifikat_2021, dt.datetime(2023, 3, 1, 2, 0, tzinfo=dt.UTC)
    )

    hasil = periksa_pdf(ditandatangani)

    assert (hasil.sah, hasil.utuh) == (False, True)
    assert hasil.pesan == "Sertifikat penanda tangan sudah tidak berlaku pada waktu penandatanganan."


def test_waktu_tanda_tangan_di_masa_depan_tidak_sah(siap, monkeypatch):
    besok = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    ditandatangani = _tandatangani_pada(monkeypatch, siap.pdf, siap.p12, besok)

    hasil = periksa_pdf(ditandatangani)

    assert (hasil.sah, hasil.utuh) == (False, True)
    assert hasil.pesan == "Waktu penandatanganan yang tercantum berada di masa depan."


def test_sertifikat_tanpa_nonrepudiation_tidak_dipakai_menandatangani(bahan):
    sert = bahan.pejabat.sertifikat
    tanpa_nr = (
        x509.CertificateBuilder()
        .subject_name(sert.subject)
        .issuer_name(sert.issuer)
        .public_key(bahan.pejabat.kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sert.not_valid_before_utc)
        .not_valid_after(sert.not_valid_after_utc)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .sign(bahan.ca.kunci, hashes.SHA256())
    )
    p12 = ca.ekspor_pkcs12(
        ca.Sertifikat(sertifikat=tanpa_nr, kunci=bahan.pejabat.kunci),
        [bahan.ca.sertifikat],
        frasa_sandi=FRASA,
    )
    simpan_sertifikat(pejabat_id=7, p12_bytes=p12)
    with pytest.raises(SertifikatTidakBerlaku) as galat:
        PenandaTanganLokal().tandatangani(bahan.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="a", lokasi="b")
    assert str(galat.value) == (
        "Sertifikat ini tidak diterbitkan untuk menandatangani dokumen (tanpa nonRepudiation)."
    )


def test_tanpa_sertifikat_tersimpan(bahan):
    with pytest.raises(SertifikatTidakAda) as galat:
        PenandaTanganLokal().tandatangani(bahan.pdf, pejabat_id=99, frasa_sandi=FRASA, alasan="a", lokasi="b")
    assert str(galat.value) == (
        "Sertifikat tanda tangan elektronik pejabat ini belum diunggah. "
        "Minta admin kabupaten mengunggah berkas .p12-nya."
    )


def test_bukan_pdf_tidak_dapat_ditandatangani(siap):
    with pytest.raises(GagalMenandatangani) as galat:
        PenandaTanganLokal().tandatangani(
            b"bukan pdf", pejabat_id=7, frasa_sandi=FRASA, alasan="a", lokasi="b"
        )
    assert str(galat.value) == "Berkas yang akan ditandatangani bukan PDF yang dapat dibaca."


# --- the passphrase never leaks ---------------------------------------------------------------------


def _teks_laporan_galat(galat: BaseException) -> str:
    """Django's error report of this exception with the local variables of every frame (as mailed
    to admins when DEBUG is off), from the frame of the code under test on (the test's own frame,
    which holds the passphrase it passed, is left out)."""
    return ExceptionReporter(None, type(galat), galat, galat.__traceback__.tb_next).get_traceback_html()


def test_frasa_sandi_salah_pesan_jelas_dan_tidak_bocor(siap, settings, caplog):
    settings.DEBUG = False
    caplog.set_level(logging.DEBUG)
    with pytest.raises(FrasaSandiSalah) as info:
        PenandaTanganLokal().tandatangani(
            siap.pdf, pejabat_id=7, frasa_sandi=FRASA_SALAH, alasan="Persetujuan", lokasi="Ajibarang"
        )
    galat = info.value
    assert str(galat) == "Frasa sandi sertifikat salah."
    assert galat.__cause__ is None and galat.__context__ is None
    for teks in (str(galat), repr(galat), repr(galat.args), caplog.text, _teks_laporan_galat(galat)):
        assert FRASA_SALAH not in teks
    assert "Frasa sandi sertifikat salah." in _teks_laporan_galat(galat)


def test_frasa_sandi_kosong(siap):
    with pytest.raises(FrasaSandiSalah) as galat:
        PenandaTanganLokal().tandatangani(siap.pdf, pejabat_id=7, frasa_sandi="", alasan="a", lokasi="b")
    assert str(galat.value) == "Frasa sandi sertifikat wajib diisi."


def test_frasa_sandi_dengan_karakter_tak_terkode_tidak_bocor(siap, settings):
    settings.DEBUG = False
    aneh = "sandi\ud800rahasia"
    with pytest.raises(FrasaSandiSalah) as info:
        PenandaTanganLokal().tandatangani(siap.pdf, pejabat_id=7, frasa_sandi=aneh, alasan="a", lokasi="b")
    assert info.value.__context__ is None
    assert "rahasia" not in _teks_laporan_galat(info.value)


# --- storing an uploaded PKCS#12 ---------------------------------------------------------------------


def test_simpan_sertifikat_atomik_dengan_mode_0600(bahan):
    lokasi = simpan_sertifikat(pejabat_id=7, p12_bytes=bahan.p12)

    assert lokasi == lokasi_sertifikat(7)
    assert lokasi.read_bytes() == bahan.p12
    assert stat.S_IMODE(lokasi.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder_sertifikat().stat().st_mode) == 0o700
    assert ada_sertifikat(7) is True and ada_sertifikat(8) is False

    simpan_sertifikat(pejabat_id=7, p12_bytes=bahan.p12_lain)
    assert lokasi.read_bytes() == bahan.p12_lain
    assert sorted(p.name for p in folder_sertifikat().iterdir()) == ["pejabat-7.p12"]


def _p12_tanpa_enkripsi(bahan) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        b"x", bahan.pejabat.kunci, bahan.pejabat.sertifikat, None, serialization.NoEncryption()
    )


def _p12_hanya_sertifikat(bahan) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        b"x", None, bahan.pejabat.sertifikat, None, serialization.NoEncryption()
    )


@pytest.mark.parametrize(
    ("buat_isi", "pesan"),
    [
        (lambda b: b"", "Berkas sertifikat kosong."),
        (lambda b: b"\x30" * (100 * 1024 + 1), "Berkas sertifikat terlalu besar (100 KB); batasnya 100 KB."),
        (
            lambda b: ca.pem_sertifikat(b.pejabat.sertifikat),
            "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah.",
        ),
        (
            lambda b: b.pejabat.sertifikat.public_bytes(serialization.Encoding.DER),
            "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah.",
        ),
        (lambda b: b.p12[:-40], "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah."),
        (lambda b: b.p12 + b"\x00", "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah."),
        (
            _p12_tanpa_enkripsi,
            "Kunci privat dalam berkas ini tidak terenkripsi; ekspor ulang dengan frasa sandi.",
        ),
        (_p12_hanya_sertifikat, "Berkas PKCS#12 ini tidak berisi kunci privat."),
    ],
    ids=[
        "kosong",
        "terlalu_besar",
        "pem",
        "der_sertifikat",
        "terpotong",
        "berekor",
        "tanpa_enkripsi",
        "tanpa_kunci",
    ],
)
def test_unggahan_yang_bukan_pkcs12_terlindungi_ditolak(bahan, buat_isi, pesan):
    with pytest.raises(ValidationError) as galat:
        simpan_sertifikat(pejabat_id=7, p12_bytes=buat_isi(bahan))
    assert galat.value.messages == [pesan]
    assert not lokasi_sertifikat(7).exists()


def test_periksa_pkcs12_menerima_berkas_yang_sah(bahan):
    assert periksa_pkcs12(bahan.p12) is None


@pytest.mark.parametrize("pejabat_id", [0, -1, "7", "../7", True])
def test_id_pejabat_harus_bilangan_bulat_positif(bahan, pejabat_id):
    with pytest.raises(ValueError, match="^ID pejabat harus berupa bilangan bulat positif.$"):
        simpan_sertifikat(pejabat_id=pejabat_id, p12_bytes=bahan.p12)


# --- choosing the backend and the remote TTE --------------------------------------------------------


def nik_uji(pejabat_id: int) -> str:
    """The IDENTITAS callable of the TTE tests."""
    return NIK_UJI if pejabat_id == 7 else ""


def test_penanda_bawaan_adalah_lokal(settings):
    if hasattr(settings, "LKJIP_PENANDA_TANGAN"):
        del settings.LKJIP_PENANDA_TANGAN
    assert type(penanda_tangan()) is PenandaTanganLokal


def test_penanda_dipilih_lewat_pengaturan(settings):
    settings.LKJIP_PENANDA_TANGAN = "laporan.tandatangan.penanda.PenandaTanganTTE"
    assert type(penanda_tangan()) is PenandaTanganTTE
    settings.LKJIP_PENANDA_TANGAN = "laporan.tandatangan.penanda.TidakAda"
    with pytest.raises(ImproperlyConfigured, match="tidak dapat diimpor"):
        penanda_tangan()
    settings.LKJIP_PENANDA_TANGAN = "collections.OrderedDict"
    with pytest.raises(ImproperlyConfigured, match=r"tidak memiliki metode tandatangani\(\)"):
        penanda_tangan()


def test_tte_tanpa_pengaturan_menolak_dengan_jelas(bahan, settings):
    if hasattr(settings, "LKJIP_TTE"):
        del settings.LKJIP_TTE
    with pytest.raises(LayananTTEBelumDikonfigurasi) as galat:
        PenandaTanganTTE().tandatangani(bahan.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="a", lokasi="b")
    assert str(galat.value) == (
        "Layanan TTE belum dikonfigurasi: pengaturan LKJIP_TTE belum berisi URL, PENGGUNA, SANDI, "
        "IDENTITAS. Hubungi admin aplikasi."
    )
    settings.LKJIP_TTE = {"URL": "http://tte.contoh.go.id", "PENGGUNA": "a", "SANDI": "b", "IDENTITAS": "x.y"}
    with pytest.raises(LayananTTEBelumDikonfigurasi) as galat:
        PenandaTanganTTE().tandatangani(bahan.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="a", lokasi="b")
    assert str(galat.value) == (
        "Layanan TTE belum dikonfigurasi dengan benar: alamat LKJIP_TTE['URL'] harus memakai https."
    )


@pytest.fixture
def layanan_tte(pdf_bertanda):
    """A stand-in BSrE esign-client on 127.0.0.1: signs (returns `pdf_bertanda`) when the Basic
    credentials, NIK and passphrase are right; records what it received."""
    diterima: list[dict[str, bytes]] = []

    class Penangan(BaseHTTPRequestHandler):
        def do_POST(self):
            badan = self.rfile.read(int(self.headers["Content-Length"]))
            pesan = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + badan
            )
            medan = {
                bagian.get_param("name", header="content-disposition"): bagian.get_payload(decode=True)
                for bagian in pesan.iter_parts()
            }
            diterima.append(medan)
            if (
                self.path != "/api/sign/pdf"
                or self.headers["Authorization"] != "Basic YXBsaWthc2k6cmFoYXNpYQ=="
            ):
                return self._jawab(401, json.dumps({"error": "Unauthorized"}).encode(), "application/json")
            if medan["passphrase"] != FRASA.encode():
                galat = {
                    "error": f"Passphrase anda salah ({medan['passphrase'].decode()})",
                    "status_code": 2031,
                }
                return self._jawab(400, json.dumps(galat).encode(), "application/json")
            if medan["reason"] == b"gagal":
                galat = {"error": f"Gagal memproses {medan['passphrase'].decode()}"}
                return self._jawab(500, json.dumps(galat).encode(), "application/json")
            return self._jawab(200, pdf_bertanda, "application/pdf")

        def _jawab(self, kode, isi, jenis):
            self.send_response(kode)
            self.send_header("Content-Type", jenis)
            self.send_header("Content-Length", str(len(isi)))
            self.end_headers()
            self.wfile.write(isi)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Penangan)
    benang = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    benang.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", diterima
    server.shutdown()
    server.server_close()


def _atur_tte(settings, url, pengguna="aplikasi"):
    settings.LKJIP_TTE = {
        "URL": url,
        "PENGGUNA": pengguna,
        "SANDI": "rahasia",
        "IDENTITAS": f"{__name__}.nik_uji",
        "BATAS_WAKTU": 5,
    }


def test_tte_mengirim_pdf_dan_mengembalikan_hasil_layanan(siap, settings, layanan_tte, pdf_bertanda):
    url, diterima = layanan_tte
    _atur_tte(settings, url)

    hasil = PenandaTanganTTE().tandatangani(
        siap.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="Persetujuan LKjIP 2021", lokasi="Ajibarang"
    )

    assert hasil == pdf_bertanda
    assert diterima == [
        {
            "nik": NIK_UJI.encode(),
            "passphrase": FRASA.encode(),
            "tampilan": b"invisible",
            "reason": b"Persetujuan LKjIP 2021",
            "location": b"Ajibarang",
            "file": siap.pdf,
        }
    ]
    assert periksa_pdf(hasil).sah is True


def test_tte_frasa_sandi_salah_tidak_bocor(bahan, settings, layanan_tte, caplog):
    url, _ = layanan_tte
    _atur_tte(settings, url)
    settings.DEBUG = False
    caplog.set_level(logging.DEBUG)
    with pytest.raises(FrasaSandiSalah) as info:
        PenandaTanganTTE().tandatangani(
            bahan.pdf, pejabat_id=7, frasa_sandi=FRASA_SALAH, alasan="a", lokasi="b"
        )
    assert str(info.value) == "Frasa sandi sertifikat salah."
    for teks in (repr(info.value), caplog.text, _teks_laporan_galat(info.value)):
        assert FRASA_SALAH not in teks


def test_tte_galat_layanan_disamarkan(bahan, settings, layanan_tte):
    url, _ = layanan_tte
    _atur_tte(settings, url)
    with pytest.raises(GagalMenandatangani) as galat:
        PenandaTanganTTE().tandatangani(
            bahan.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="gagal", lokasi="b"
        )
    assert str(galat.value) == "Layanan TTE menolak permintaan (HTTP 500): Gagal memproses ***"

    _atur_tte(settings, url, pengguna="penyusup")
    with pytest.raises(GagalMenandatangani) as galat:
        PenandaTanganTTE().tandatangani(bahan.pdf, pejabat_id=7, frasa_sandi=FRASA, alasan="a", lokasi="b")
    assert str(galat.value) == "Layanan TTE menolak permintaan (HTTP 401): Unauthorized"

    with pytest.raises(GagalMenandatangani) as galat:
        PenandaTanganTTE().tandatangani(bahan.pdf, pejabat_id=8, frasa_sandi=FRASA, alasan="a", lokasi="b")
    assert str(galat.value) == "NIK pejabat ini untuk layanan TTE belum terdaftar."


def test_tte_tidak_terjangkau_tanpa_membawa_frasa_sandi(bahan, settings, caplog):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _atur_tte(settings, f"http://127.0.0.1:{port}")
    settings.DEBUG = False
    caplog.set_level(logging.DEBUG)
    with pytest.raises(GagalMenandatangani) as info:
        PenandaTanganTTE().tandatangani(
            bahan.pdf, pejabat_id=7, frasa_sandi=FRASA_SALAH, alasan="a", lokasi="b"
        )
    assert str(info.value) == "Layanan TTE tidak dapat dihubungi (koneksi ditolak)."
    assert info.value.__context__ is None
    for teks in (repr(info.value), caplog.text, _teks_laporan_galat(info.value)):
        assert FRASA_SALAH not in teks


# --- manage.py buat_sertifikat_demo ------------------------------------------------------------------


def _jalankan(*argumen) -> list[str]:
    keluaran = io.StringIO()
    call_command("buat_sertifikat_demo", "--ukuran-kunci", "2048", *argumen, stdout=keluaran)
    return keluaran.getvalue().splitlines()


def test_perintah_membuat_ca_dan_sertifikat_camat(camat_a, operator_a, camat_pejabat_a, kecamatan_a):
    # A pejabat of the kecamatan who is not linked to a camat account gets nothing.
    f.PejabatFactory(kecamatan=kecamatan_a, nama="Sekcam", nip="197001011990031002")
    pid = camat_pejabat_a.pk

    baris = _jalankan()

    assert baris == [
        f"CA demo dibuat: {lokasi_ca()}",
        f"Sertifikat dibuat: {NAMA} (Kecamatan Ajibarang), NIP 19670701 199209 1 001 -> pejabat-{pid}.p12",
        "Selesai: 1 sertifikat dibuat, 0 sudah ada, 0 dilewati. Frasa sandi sertifikat demo: demo12345",
    ]
    assert sorted(p.name for p in folder_sertifikat().iterdir()) == [
        "ca-key.pem",
        "ca.pem",
        f"pejabat-{pid}.p12",
    ]
    for berkas in folder_sertifikat().iterdir():
        assert stat.S_IMODE(berkas.stat().st_mode) == 0o600
    kunci, sert, rantai = pkcs12.load_key_and_certificates(lokasi_sertifikat(pid).read_bytes(), b"demo12345")
    subjek = {a.oid: a.value for a in sert.subject}
    assert subjek == {
        NameOID.COUNTRY_NAME: "ID",
        NameOID.ORGANIZATION_NAME: "Pemerintah Kabupaten Banyumas",
        NameOID.ORGANIZATIONAL_UNIT_NAME: "Kecamatan Ajibarang",
        NameOID.COMMON_NAME: NAMA,
        NameOID.SERIAL_NUMBER: NIP,
    }
    assert rantai == [x509.load_pem_x509_certificate(lokasi_ca().read_bytes())]
    assert kunci.key_size == 2048


def test_perintah_idempoten_dan_ganti_membuat_ulang(camat_a, camat_pejabat_a, bahan):
    pid = camat_pejabat_a.pk
    _jalankan()
    isi_awal = {p.name: p.read_bytes() for p in folder_sertifikat().iterdir()}

    baris = _jalankan()

    assert baris == [
        f"CA demo sudah ada, dipakai lagi: {lokasi_ca()}",
        f"Sertifikat {NAMA} (Kecamatan Ajibarang) sudah ada, tidak diubah: pejabat-{pid}.p12",
        "Selesai: 0 sertifikat dibuat, 1 sudah ada, 0 dilewati. Frasa sandi sertifikat demo: demo12345",
    ]
    assert {p.name: p.read_bytes() for p in folder_sertifikat().iterdir()} == isi_awal

    baris = _jalankan("--ganti")

    assert baris[0] == f"CA demo dibuat: {lokasi_ca()}"
    assert (
        baris[-1]
        == "Selesai: 1 sertifikat dibuat, 0 sudah ada, 0 dilewati. Frasa sandi sertifikat demo: demo12345"
    )
    baru = {p.name: p.read_bytes() for p in folder_sertifikat().iterdir()}
    assert sorted(baru) == sorted(isi_awal)
    assert all(baru[nama] != isi_awal[nama] for nama in baru)

    # The camat can sign with the demo certificate and the result verifies against the demo CA.
    ditandatangani = penanda_tangan().tandatangani(
        bahan.pdf, pejabat_id=pid, frasa_sandi="demo12345", alasan="Persetujuan", lokasi="Ajibarang"
    )
    hasil = periksa_pdf(ditandatangani)
    assert (hasil.sah, hasil.penanda) == (
        True,
        Penanda(nama=NAMA, nip=NIP, penerbit="CA Demo LKjIP Kecamatan"),
    )


def test_perintah_melewati_camat_tanpa_nip_dan_akun_tanpa_pejabat(kecamatan_b):
    tanpa_nip = f.PejabatFactory(kecamatan=kecamatan_b, nama="Camat Tanpa NIP", nip="")
    f.PenugasanFactory(
        user=f.UserFactory(), peran=Penugasan.Peran.CAMAT, kecamatan=kecamatan_b, pejabat=tanpa_nip
    )
    f.PenugasanFactory(
        user=f.UserFactory(username="camat_b"),
        peran=Penugasan.Peran.CAMAT,
        kecamatan=kecamatan_b,
        pejabat=None,
    )

    baris = _jalankan()

    assert baris[1:] == [
        "Camat Tanpa NIP (Kecamatan Cilongok) dilewati: NIP belum diisi.",
        "Akun camat camat_b (Kecamatan Cilongok) belum terhubung dengan data pejabat; "
        "tidak ada sertifikat untuknya.",
        "Selesai: 0 sertifikat dibuat, 0 sudah ada, 2 dilewati. Frasa sandi sertifikat demo: demo12345",
    ]
    assert not lokasi_sertifikat(tanpa_nip.pk).exists()


def test_perintah_menolak_ca_tanpa_kunci(db):
    folder_sertifikat().mkdir(parents=True)
    lokasi_ca().write_bytes(b"-----BEGIN CERTIFICATE-----\n")

    with pytest.raises(CommandError) as galat:
        _jalankan()
    assert str(galat.value) == (
        "Berkas CA demo tidak lengkap (ca-key.pem tidak ada). "
        "Jalankan dengan --ganti untuk membuat CA demo baru."
    )
    assert not lokasi_kunci_ca().exists()
