"""Fixtures and helpers of the approval workflow tests (test_alur*, test_meja*, test_verifikasi*):
a demo CA and the camat's certificate, a report ready to be signed, submitted, signed, in review.
tests/laporan/conftest.py makes the fixtures available to every test of tests/laporan."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task_backends

from laporan import alur
from laporan import services as layanan
from laporan.models import DokumenFinal, Laporan, RiwayatStatus
from laporan.tandatangan import ca
from laporan.tandatangan.berkas import folder_sertifikat, lokasi_ca
from laporan.tandatangan.penanda import simpan_sertifikat
from tests import factories as f

Status = Laporan.Status
FRASA = "demo12345"
NIP = "196707011992091001"
NAMA = "PARSONO, S.Sos., M.Si."
PESAN_S22 = (
    "Realisasi 2021 indikator S2.2 (Jumlah gangguan ketertiban) belum diisi. Isi nilainya, atau tandai "
    "Belum tersedia dengan alasannya."
)
PESAN_ANALISIS_S2 = (
    "Analisis sasaran S2 tahun 2021 belum diisi: rata-rata capaiannya 95,00 %, di bawah 100 %, jadi faktor "
    "penghambat dan solusinya wajib dijelaskan."
)
PERINGATAN_S21 = "Realisasi S2.1 tahun 2021 masih sementara."


def pdf_kecil(judul: str = "LKjIP Kecamatan Ajibarang Tahun 2021") -> bytes:
    penulis = pypdf.PdfWriter()
    penulis.add_blank_page(width=595, height=842)
    penulis.add_metadata({"/Title": judul})
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()


@pytest.fixture(scope="session")
def bahan_ttd() -> tuple[ca.Sertifikat, bytes]:
    """A demo CA and the PKCS#12 of the camat of Ajibarang (RSA 2048: quick to make)."""
    otoritas = ca.buat_ca(ukuran_kunci=2048)
    camat = ca.buat_sertifikat_pejabat(
        otoritas,
        nama=NAMA,
        nip=NIP,
        organisasi="Pemerintah Kabupaten Banyumas",
        unit="Kecamatan Ajibarang",
        ukuran_kunci=2048,
    )
    return otoritas, ca.ekspor_pkcs12(camat, [otoritas.sertifikat], frasa_sandi=FRASA)


@pytest.fixture
def sertifikat_camat(bahan_ttd, camat_pejabat_a):
    """The CA trusted and the camat's certificate uploaded."""
    otoritas, p12 = bahan_ttd
    folder_sertifikat().mkdir(parents=True, exist_ok=True)
    lokasi_ca().write_bytes(ca.pem_sertifikat(otoritas.sertifikat))
    simpan_sertifikat(pejabat_id=camat_pejabat_a.pk, p12_bytes=p12)
    return camat_pejabat_a


@pytest.fixture
def tugas_tunda(settings):
    """Background tasks are only recorded (django-tasks' dummy backend), never run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


@pytest.fixture
def siap_ttd(data_a, kecamatan_a, operator_a, camat_a, sertifikat_camat) -> Laporan:
    """The 2021 data meeting every precondition (S2.2 has its realisasi; S2.1 stays provisional: one
    warning) and the report started as a draft, to be signed on 10 January 2022."""
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, nilai=Decimal("3"))
    return Laporan.objects.create(
        kecamatan=kecamatan_a, tahun=2021, tempat="Ajibarang", tanggal=date(2022, 1, 10)
    )


def dokumen_siap(laporan: Laporan, user, pdf: bytes | None = None) -> DokumenFinal:
    """An approved version whose final PDF is ready: a small PDF stands in for the rendering (the
    rendering itself is tested on its own)."""
    pdf = pdf or pdf_kecil()
    dokumen = DokumenFinal(
        laporan=laporan,
        kode=alur.kode_verifikasi_baru(),
        disetujui_oleh=user,
        disetujui_pada=timezone.now(),
        status=DokumenFinal.Status.SIAP,
        sha256_draf=hashlib.sha256(pdf).hexdigest(),
    )
    dokumen.berkas_draf.save("final.pdf", ContentFile(pdf), save=False)
    dokumen.save()
    return dokumen


def ke_status(laporan: Laporan, status: str) -> Laporan:
    laporan.status = status
    laporan.save()
    return laporan


@pytest.fixture
def diajukan(siap_ttd) -> Laporan:
    return ke_status(siap_ttd, Status.DIAJUKAN)


@pytest.fixture
def ditandatangani(diajukan, camat_a) -> Laporan:
    """Version 1 signed for real (small PDF) by the camat."""
    dokumen_siap(diajukan, camat_a)
    layanan.laporan_tandatangani(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA)
    diajukan.refresh_from_db()
    return diajukan


@pytest.fixture
def direviu(ditandatangani, inspektorat) -> Laporan:
    return layanan.laporan_buka_reviu(user=inspektorat, kecamatan=ditandatangani.kecamatan, tahun=2021)


def aksi_riwayat(laporan: Laporan) -> list[tuple[str, str, str, str]]:
    return list(
        RiwayatStatus.objects.filter(laporan=laporan)
        .order_by("waktu", "id")
        .values_list("aksi", "dari", "ke", "nama_pengguna")
    )
