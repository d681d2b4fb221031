"""The approval workflow services (laporan/services.py, laporan/alur.py): every transition, who may
take it (PermissionDenied for another role), when (ValidationError with the reason for another
state or an unmet precondition), what it records and whom it tells; signing with the passphrase;
new versions; the audit timeline.

"""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta
from decimal import Decimal

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from kinerja.models import AnalisisSasaran, PerjanjianKinerja, Realisasi
from laporan import alur
from laporan import services as layanan
from laporan.models import (
    BerkasLaporan,
    BlokLaporan,
    CatatanReviu,
    DokumenFinal,
    Laporan,
    Narasi,
    PercobaanFrasaSandi,
    RiwayatStatus,
)
from laporan.tandatangan.verifikasi import periksa_pdf
from lkjip.models import Penugasan
from tests import factories as f
from tests.laporan.alur_bersama import (
    FRASA,
    NAMA,
    NIP,
    PERINGATAN_S21,
    PESAN_ANALISIS_S2,
    PESAN_S22,
    aksi_riwayat,
    dokumen_siap,
    ke_status,
)

Status = Laporan.Status
Aksi = RiwayatStatus.Aksi


# --- submitting and returning to draf ------------------------------------------------------------------


def test_ajukan_draf_menjadi_diajukan_dicatat_dan_camat_diberi_tahu(
    siap_ttd, operator_a, camat_a, mailoutbox, django_capture_on_commit_callbacks
):
    camat_a.email = "camat@ajibarang.go.id"
    camat_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        laporan = layanan.laporan_ajukan(
            user=operator_a, kecamatan=siap_ttd.kecamatan, tahun=2021, catatan="Mohon diperiksa."
        )
    assert laporan.pk == siap_ttd.pk
    assert Laporan.objects.get(pk=siap_ttd.pk).status == Status.DIAJUKAN
    assert aksi_riwayat(laporan) == [(Aksi.AJUKAN, Status.DRAF, Status.DIAJUKAN, "Siti Aminah")]
    assert RiwayatStatus.objects.get(laporan=laporan).catatan == "Mohon diperiksa."
    assert [m.to for m in mailoutbox] == [["camat@ajibarang.go.id"]]
    assert mailoutbox[0].subject == (
        "[LKjIP] LKjIP Kecamatan Ajibarang 2021 diajukan kepada camat untuk disetujui dan ditandatangani"
    )
    assert "Catatan:\nMohon diperiksa." in mailoutbox[0].body
    assert "http://127.0.0.1:8000/kecamatan/" in mailoutbox[0].body


def test_ajukan_laporan_yang_belum_dimulai_membuatnya_dulu(data_a, kecamatan_a, operator_a):
    laporan = layanan.laporan_ajukan(user=operator_a, kecamatan=kecamatan_a, tahun=2021)
    assert (laporan.versi, laporan.status) == (1, Status.DIAJUKAN)


@pytest.mark.parametrize("persona", ["inspektorat", "admin_kabupaten", "operator_b"])
def test_ajukan_oleh_peran_lain_ditolak(siap_ttd, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied, match="Hanya operator dan camat kecamatan ini"):
        layanan.laporan_ajukan(user=user, kecamatan=siap_ttd.kecamatan, tahun=2021)
    assert Laporan.objects.get(pk=siap_ttd.pk).status == Status.DRAF


def test_ajukan_laporan_yang_sudah_diajukan_ditolak_dengan_alasan(diajukan, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_ajukan(user=operator_a, kecamatan=diajukan.kecamatan, tahun=2021)
    assert e.value.messages == [
        "LKjIP Kecamatan Ajibarang 2021 berstatus diajukan; ajukan ke camat hanya dapat dilakukan pada "
        "laporan berstatus draf."
    ]


def test_isi_laporan_yang_diajukan_terkunci(diajukan, operator_a):
    with pytest.raises(PermissionDenied, match="berstatus diajukan"):
        layanan.narasi_simpan(
            user=operator_a, kecamatan=diajukan.kecamatan, tahun=2021, kode="latar_belakang", teks="Baru"
        )


def test_camat_mengembalikan_ke_draf_dengan_catatan_operator_diberi_tahu(
    diajukan, camat_a, operator_a, mailoutbox, django_capture_on_commit_callbacks
):
    operator_a.email = "operator@ajibarang.go.id"
    operator_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        layanan.laporan_kembalikan_ke_draf(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, catatan="Lengkapi bagan."
        )
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DRAF
    assert aksi_riwayat(diajukan) == [(Aksi.KEMBALIKAN_DRAF, Status.DIAJUKAN, Status.DRAF, "Parsono")]
    assert [m.to for m in mailoutbox] == [["operator@ajibarang.go.id"]]


def test_kembalikan_ke_draf_wajib_catatan(diajukan, camat_a):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_kembalikan_ke_draf(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, catatan=" "
        )
    assert e.value.message_dict == {"catatan": ["Tulis apa yang harus diperbaiki operator."]}


def test_kembalikan_ke_draf_oleh_operator_ditolak(diajukan, operator_a):
    with pytest.raises(PermissionDenied, match="Hanya camat yang dapat mengembalikan"):
        layanan.laporan_kembalikan_ke_draf(
            user=operator_a, kecamatan=diajukan.kecamatan, tahun=2021, catatan="x"
        )


def test_kembalikan_ke_draf_membatalkan_persetujuan_dan_pdf_final(
    diajukan, camat_a, django_capture_on_commit_callbacks
):
    dokumen = dokumen_siap(diajukan, camat_a)
    nama, storage = dokumen.berkas_draf.name, dokumen.berkas_draf.storage
    with django_capture_on_commit_callbacks(execute=True):
        layanan.laporan_kembalikan_ke_draf(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, catatan="x"
        )
    assert not DokumenFinal.objects.filter(laporan=diajukan).exists()
    assert not storage.exists(nama)


# --- preconditions and warnings --------------------------------------------------------------------------


def pesan_syarat(laporan, user) -> list[str]:
    laporan.refresh_from_db()
    return [s.pesan for s in alur.periksa_laporan(laporan, user=user).syarat]


def test_syarat_data_a_realisasi_dan_analisis_masing_masing_dengan_pesan(
    data_a, kecamatan_a, camat_a, sertifikat_camat, tugas_tunda
):
    laporan = Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021, status=Status.DIAJUKAN)
    assert pesan_syarat(laporan, camat_a) == [PESAN_S22, PESAN_ANALISIS_S2]
    with pytest.raises(ValidationError) as e:
        layanan.laporan_setujui(user=camat_a, kecamatan=kecamatan_a, tahun=2021, peringatan_diakui=True)
    assert e.value.messages == [PESAN_S22, PESAN_ANALISIS_S2]
    assert not DokumenFinal.objects.exists()
    assert tugas_tunda.results == []


def test_syarat_analisis_terpenuhi_bila_diisi(data_a, kecamatan_a, camat_a, sertifikat_camat):
    AnalisisSasaran.objects.create(sasaran=data_a.s21.sasaran, tahun=2021, penghambat=["Personel terbatas"])
    laporan = Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021, status=Status.DIAJUKAN)
    assert pesan_syarat(laporan, camat_a) == [PESAN_S22]


def test_syarat_belum_tersedia_wajib_beralasan(siap_ttd, data_a, camat_a):
    Realisasi.objects.filter(indikator=data_a.s22, tahun=2021).update(
        nilai=None, status=Realisasi.Status.BELUM_TERSEDIA, keterangan=""
    )
    assert pesan_syarat(siap_ttd, camat_a) == [
        "Realisasi 2021 indikator S2.2 (Jumlah gangguan ketertiban) ditandai belum tersedia tanpa alasan. "
        "Tulis alasannya di keterangan.",
        "Analisis sasaran S2 tahun 2021 belum diisi: rata-rata capaiannya 95,00 %, di bawah 100 %, jadi "
        "faktor penghambat dan solusinya wajib dijelaskan.",
    ]
    Realisasi.objects.filter(indikator=data_a.s22, tahun=2021).update(
        keterangan="Data Satpol PP belum terbit"
    )
    AnalisisSasaran.objects.create(sasaran=data_a.s21.sasaran, tahun=2021)
    assert pesan_syarat(siap_ttd, camat_a) == []


def test_syarat_pk_tahun_laporan(siap_ttd, camat_a):
    siap_ttd.tahun = 2022
    siap_ttd.tanggal = date(2023, 1, 9)
    siap_ttd.save()
    assert pesan_syarat(siap_ttd, camat_a)[0] == (
        "Perjanjian Kinerja tahun 2022 belum ada. Laporan kinerja mengukur capaian terhadap PK tahun itu; "
        "buat PK-nya terlebih dahulu."
    )


@pytest.mark.parametrize(
    ("teks", "isian"),
    [
        ("Kegiatan lain ... akan dilaporkan.", '"..."'),
        ("Penghargaan (jika ada) dicantumkan.", '"(jika ada)"'),
        ("Sesuai Peraturan Bupati Nomor … Tahun 2020.", '"...", "Nomor ... Tahun"'),
    ],
)
def test_syarat_isian_tertinggal_di_narasi(siap_ttd, camat_a, teks, isian):
    Narasi.objects.create(laporan=siap_ttd, kode="latar_belakang", teks=teks)
    assert pesan_syarat(siap_ttd, camat_a) == [
        f"Teks Latar Belakang masih memuat isian yang belum dilengkapi: {isian}. Lengkapi atau hapus "
        "sebelum ditandatangani."
    ]


def test_isian_di_blok_yang_disembunyikan_tidak_dihitung(siap_ttd, camat_a):
    Narasi.objects.create(laporan=siap_ttd, kode="latar_belakang", teks="(jika ada)")
    BlokLaporan.objects.create(laporan=siap_ttd, kode="latar_belakang", aktif=False)
    assert pesan_syarat(siap_ttd, camat_a) == []


def test_syarat_nip_camat(siap_ttd, camat_a, camat_pejabat_a):
    camat_pejabat_a.nip = ""
    camat_pejabat_a.save()
    assert pesan_syarat(siap_ttd, camat_a) == [
        "NIP camat penanda tangan (PARSONO, S.Sos., M.Si.) belum diisi. Minta admin kabupaten melengkapi "
        "data pejabat."
    ]


def test_syarat_tanpa_camat_menjabat(siap_ttd, camat_a, camat_pejabat_a):
    Penugasan.objects.filter(pejabat=camat_pejabat_a).update(pejabat=None)
    camat_pejabat_a.delete()
    assert pesan_syarat(siap_ttd, camat_a) == [
        "Data camat penanda tangan belum ada: tidak ada pejabat kepala Kecamatan Ajibarang yang menjabat. "
        "Minta admin kabupaten melengkapi data pejabat."
    ]


def test_syarat_akun_camat_tanpa_pejabat(siap_ttd, camat_a):
    Penugasan.objects.filter(user=camat_a).update(pejabat=None)
    camat_a._penugasan_cache = None
    assert pesan_syarat(siap_ttd, camat_a) == [
        "Akun Anda belum terhubung dengan data pejabat camat, jadi belum dapat menandatangani. Minta admin "
        "kabupaten menghubungkannya."
    ]


def test_syarat_penanda_tangan_lain_dari_yang_tercetak(siap_ttd, camat_a, kecamatan_a):
    baru = f.PejabatFactory(
        kecamatan=kecamatan_a, nama="Drs. BARU", nip="197001011995031001", mulai=date(2021, 6, 1)
    )
    assert pesan_syarat(siap_ttd, camat_a) == [
        "Laporan mencantumkan Drs. BARU sebagai camat penanda tangan, sedangkan akun Anda terhubung dengan "
        "PARSONO, S.Sos., M.Si.. Periksa data pejabat dan tanggal penandatanganan."
    ]
    del baru


def test_syarat_sertifikat_belum_diunggah(data_a, kecamatan_a, camat_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, nilai=Decimal("3"))
    laporan = Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021, tanggal=date(2022, 1, 10))
    assert pesan_syarat(laporan, camat_a) == [
        "Sertifikat tanda tangan elektronik PARSONO, S.Sos., M.Si. belum diunggah. Minta admin kabupaten "
        "mengunggah berkas .p12-nya."
    ]


def test_peringatan_target_kurang_menantang_dan_realisasi_sementara(siap_ttd, data_a, camat_a):
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=Decimal("87"))
    peringatan = alur.periksa_laporan(siap_ttd, user=camat_a).teks_peringatan
    assert peringatan == [
        PERINGATAN_S21,
        "S1.1 Indeks Kepuasan Masyarakat: Target PK 2021 (84,00) lebih rendah dari realisasi 2020 (87,00): "
        "target kurang menantang.",
        "S1.1 Indeks Kepuasan Masyarakat: Target PK Perubahan 2021 (85,78) lebih rendah dari realisasi 2020 "
        "(87,00): target kurang menantang.",
        "S1.1 Indeks Kepuasan Masyarakat: Target Renstra 2021 (86,00) lebih rendah dari realisasi 2020 "
        "(87,00): target kurang menantang.",
    ]


def test_peringatan_realisasi_melebihi_pagu(siap_ttd, kecamatan_a, camat_a):
    from anggaran.models import PosAnggaran, TahunAnggaran

    ta = TahunAnggaran.objects.create(kecamatan=kecamatan_a, tahun=2021)
    PosAnggaran.objects.create(
        tahun_anggaran=ta,
        tingkat="program",
        nama="Program Penyelenggaraan Pemerintahan",
        pagu=Decimal("1000000"),
        realisasi=Decimal("1200000"),
    )
    peringatan = alur.periksa_laporan(siap_ttd, user=camat_a).teks_peringatan
    assert peringatan == [
        PERINGATAN_S21,
        "Realisasi Program Penyelenggaraan Pemerintahan (Rp 1.200.000,00) melebihi pagu (Rp 1.000.000,00).",
    ]


def test_setujui_peringatan_harus_diakui(diajukan, camat_a, tugas_tunda):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_setujui(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=False
        )
    assert e.value.message_dict == {
        "peringatan_diakui": ["Centang pernyataan bahwa Anda telah membaca peringatan di atas."]
    }
    assert not DokumenFinal.objects.exists()


@pytest.mark.parametrize("persona", ["operator_a", "inspektorat", "admin_kabupaten"])
def test_setujui_oleh_bukan_camat_ditolak(diajukan, persona, request, tugas_tunda):
    with pytest.raises(PermissionDenied, match="Hanya camat yang dapat menyetujui"):
        layanan.laporan_setujui(
            user=request.getfixturevalue(persona),
            kecamatan=diajukan.kecamatan,
            tahun=2021,
            peringatan_diakui=True,
        )


def test_setujui_draf_ditolak(siap_ttd, camat_a, tugas_tunda):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_setujui(
            user=camat_a, kecamatan=siap_ttd.kecamatan, tahun=2021, peringatan_diakui=True
        )
    assert e.value.messages == [
        "LKjIP Kecamatan Ajibarang 2021 berstatus draf; setujui dan tanda tangani hanya dapat dilakukan pada "
        "laporan berstatus diajukan."
    ]


def test_setujui_mencatat_peringatan_dan_mengantrekan_hanya_id(diajukan, camat_a, tugas_tunda):
    dokumen = layanan.laporan_setujui(
        user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=True
    )
    assert dokumen.status == DokumenFinal.Status.MENUNGGU
    assert len(dokumen.kode) == 12
    assert [(r.args, r.kwargs) for r in tugas_tunda.results] == [([dokumen.pk], {})]
    assert dokumen.id_tugas == tugas_tunda.results[0].id
    riwayat = RiwayatStatus.objects.get(laporan=diajukan)
    assert (riwayat.aksi, riwayat.dari, riwayat.ke, riwayat.peringatan) == (
        Aksi.SETUJUI,
        Status.DIAJUKAN,
        Status.DIAJUKAN,
        [PERINGATAN_S21],
    )
    with pytest.raises(ValidationError, match="sudah disetujui"):
        layanan.laporan_setujui(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=True
        )


def test_setujui_tanpa_tanggal_memakai_hari_ini(diajukan, camat_a, tugas_tunda):
    Laporan.objects.filter(pk=diajukan.pk).update(tanggal=None)
    layanan.laporan_setujui(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=True)
    assert Laporan.objects.get(pk=diajukan.pk).tanggal == timezone.localdate()


def test_setujui_menyusun_pdf_final_sekali_dengan_qr_tanpa_draf(diajukan, camat_a):
    dokumen = layanan.laporan_setujui(
        user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=True
    )
    dokumen.refresh_from_db()
    assert (dokumen.status, dokumen.pesan) == (DokumenFinal.Status.SIAP, "")
    pdf = dokumen.berkas_draf.open("rb").read()
    assert hashlib.sha256(pdf).hexdigest() == dokumen.sha256_draf
    teks = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert f"http://127.0.0.1:8000/verifikasi/{dokumen.kode}/" in teks
    assert "DRAF" not in teks
    assert dokumen.ringkasan["capaian_organisasi"] is not None
    assert [s["kode"] for s in dokumen.ringkasan["sasaran"]] == ["S1", "S2"]
    # Rendered once: running the task again changes nothing.
    assert layanan.dokumen_final_susun(dokumen_id=dokumen.pk) == DokumenFinal.Status.SIAP
    assert DokumenFinal.objects.get(pk=dokumen.pk).sha256_draf == dokumen.sha256_draf


def test_susun_ulang_hanya_bila_gagal_atau_macet(diajukan, camat_a, tugas_tunda):
    dokumen = layanan.laporan_setujui(
        user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=True
    )
    with pytest.raises(ValidationError) as e:
        layanan.laporan_susun_ulang(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021)
    assert e.value.messages == ["PDF final menunggu giliran disusun; tidak perlu disusun ulang."]
    DokumenFinal.objects.filter(pk=dokumen.pk).update(status=DokumenFinal.Status.GAGAL, pesan="x")
    layanan.laporan_susun_ulang(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021)
    assert DokumenFinal.objects.get(pk=dokumen.pk).status == DokumenFinal.Status.MENUNGGU
    DokumenFinal.objects.filter(pk=dokumen.pk).update(
        status=DokumenFinal.Status.BERJALAN, disetujui_pada=timezone.now() - timedelta(minutes=16)
    )
    layanan.laporan_susun_ulang(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021)
    assert DokumenFinal.objects.get(pk=dokumen.pk).status == DokumenFinal.Status.MENUNGGU
    assert len(tugas_tunda.results) == 3


# --- signing ------------------------------------------------------------------------------------------


def test_tandatangani_menyimpan_pdf_bertanda_tangan_dan_sha256(
    diajukan, camat_a, inspektorat, mailoutbox, django_capture_on_commit_callbacks, camat_pejabat_a
):
    inspektorat.email = "inspektorat@banyumaskab.go.id"
    inspektorat.save()
    dokumen_siap(diajukan, camat_a)
    with django_capture_on_commit_callbacks(execute=True):
        dokumen = layanan.laporan_tandatangani(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA
        )
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DITANDATANGANI
    ttd = dokumen.berkas.open("rb").read()
    assert dokumen.sha256 == hashlib.sha256(ttd).hexdigest()
    assert (dokumen.status, dokumen.ukuran, dokumen.berkas_draf.name) == (
        DokumenFinal.Status.DITANDATANGANI,
        len(ttd),
        "",
    )
    assert (dokumen.pejabat, dokumen.penanda_nama, dokumen.penanda_nip) == (camat_pejabat_a, NAMA, NIP)
    hasil = periksa_pdf(ttd)
    assert (hasil.sah, hasil.utuh, hasil.penanda.nama, hasil.penanda.nip) == (True, True, NAMA, NIP)
    assert aksi_riwayat(diajukan)[-1] == (
        Aksi.TANDATANGANI,
        Status.DIAJUKAN,
        Status.DITANDATANGANI,
        "Parsono",
    )
    assert [m.to for m in mailoutbox] == [["inspektorat@banyumaskab.go.id"]]


def test_frasa_sandi_salah_dicatat_tanpa_frasa_dan_dibatasi(diajukan, camat_a):
    dokumen_siap(diajukan, camat_a)
    for _ in range(layanan.BATAS_FRASA_SALAH):
        with pytest.raises(ValidationError) as e:
            layanan.laporan_tandatangani(
                user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi="tebakan-rahasia"
            )
        assert e.value.message_dict == {"frasa_sandi": ["Frasa sandi sertifikat salah."]}
    assert PercobaanFrasaSandi.objects.filter(user=camat_a).count() == 5
    boleh_lagi = timezone.localtime(layanan.batas_frasa_sandi(camat_a))
    with pytest.raises(ValidationError) as e:
        layanan.laporan_tandatangani(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA
        )
    assert e.value.message_dict == {
        "frasa_sandi": [
            f"Frasa sandi salah 5 kali dalam 15 menit. Coba lagi setelah pukul {boleh_lagi:%H.%M}."
        ]
    }
    assert Laporan.objects.get(pk=diajukan.pk).status == Status.DIAJUKAN
    # Once the quarter hour has passed, the right passphrase signs.
    PercobaanFrasaSandi.objects.update(waktu=timezone.now() - timedelta(minutes=16))
    layanan.laporan_tandatangani(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA)
    assert Laporan.objects.get(pk=diajukan.pk).status == Status.DITANDATANGANI


def test_frasa_sandi_tidak_pernah_masuk_basis_data(diajukan, camat_a, django_db_blocker):
    from django.db import connection

    dokumen_siap(diajukan, camat_a)
    with pytest.raises(ValidationError):
        layanan.laporan_tandatangani(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi="rahasia-sekali-123"
        )
    layanan.laporan_tandatangani(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA)
    with connection.cursor() as c:
        tabel = connection.introspection.table_names(c)
        for nama in tabel:
            c.execute(f'SELECT * FROM "{nama}"')
            isi = repr(c.fetchall())
            assert "rahasia-sekali-123" not in isi, nama
            assert FRASA not in isi, nama


def test_tandatangani_sebelum_pdf_siap_ditolak(diajukan, camat_a, tugas_tunda):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_tandatangani(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA
        )
    assert e.value.messages == ["LKjIP Kecamatan Ajibarang 2021 belum disetujui; setujui terlebih dahulu."]
    layanan.laporan_setujui(user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, peringatan_diakui=True)
    with pytest.raises(ValidationError) as e:
        layanan.laporan_tandatangani(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA
        )
    assert e.value.messages == [
        "PDF final menunggu giliran disusun; tanda tangan dibubuhkan setelah PDF siap."
    ]


def test_pdf_final_yang_berubah_tidak_ditandatangani(diajukan, camat_a):
    dokumen = dokumen_siap(diajukan, camat_a)
    with open(dokumen.berkas_draf.path, "ab") as berkas:
        berkas.write(b"%tambahan")
    with pytest.raises(ValidationError) as e:
        layanan.laporan_tandatangani(
            user=camat_a, kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA
        )
    assert e.value.messages == [
        "PDF final berubah sejak disusun. Kembalikan laporan ke draf lalu setujui ulang."
    ]


@pytest.mark.parametrize("persona", ["operator_a", "inspektorat"])
def test_tandatangani_oleh_bukan_camat_ditolak(diajukan, camat_a, persona, request):
    dokumen_siap(diajukan, camat_a)
    with pytest.raises(PermissionDenied):
        layanan.laporan_tandatangani(
            user=request.getfixturevalue(persona), kecamatan=diajukan.kecamatan, tahun=2021, frasa_sandi=FRASA
        )


# --- review ---------------------------------------------------------------------------------------------


def test_buka_reviu_hanya_inspektorat_kabupatennya(ditandatangani, operator_a, camat_a, admin_kabupaten):
    for user in (operator_a, camat_a, admin_kabupaten):
        with pytest.raises(PermissionDenied, match="Hanya inspektorat kabupaten"):
            layanan.laporan_buka_reviu(user=user, kecamatan=ditandatangani.kecamatan, tahun=2021)


def test_buka_reviu_lalu_terima(
    direviu, inspektorat, operator_a, mailoutbox, django_capture_on_commit_callbacks
):
    operator_a.email = "operator@ajibarang.go.id"
    operator_a.save()
    assert direviu.status == Status.DIREVIU
    with django_capture_on_commit_callbacks(execute=True):
        layanan.laporan_terima(user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, catatan="Lengkap.")
    direviu.refresh_from_db()
    assert direviu.status == Status.DITERIMA
    assert [a for a, *_ in aksi_riwayat(direviu)] == [Aksi.TANDATANGANI, Aksi.BUKA_REVIU, Aksi.TERIMA]
    assert mailoutbox[0].subject == "[LKjIP] LKjIP Kecamatan Ajibarang 2021 diterima oleh inspektorat"


def test_terima_sebelum_direviu_ditolak(ditandatangani, inspektorat):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_terima(user=inspektorat, kecamatan=ditandatangani.kecamatan, tahun=2021)
    assert e.value.messages == [
        "LKjIP Kecamatan Ajibarang 2021 berstatus ditandatangani; terima laporan hanya dapat dilakukan pada "
        "laporan berstatus direviu."
    ]


def test_catatan_reviu_per_bagian(direviu, inspektorat):
    catatan = layanan.catatan_reviu_tambah(
        user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, kode="latar_belakang", teks=" Perbaiki. "
    )
    assert (catatan.kode, catatan.teks, catatan.get_kode_display()) == (
        "latar_belakang",
        "Perbaiki.",
        "Latar Belakang",
    )
    with pytest.raises(ValidationError, match="tidak dikenal"):
        layanan.catatan_reviu_tambah(
            user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, kode="x", teks="y"
        )
    layanan.catatan_reviu_hapus(user=inspektorat, catatan=catatan)
    assert not CatatanReviu.objects.exists()


def test_catatan_reviu_sebelum_reviu_dan_oleh_kecamatan_ditolak(ditandatangani, inspektorat, camat_a):
    with pytest.raises(ValidationError, match="Mulai reviu terlebih dahulu"):
        layanan.catatan_reviu_tambah(
            user=inspektorat, kecamatan=ditandatangani.kecamatan, tahun=2021, kode="", teks="x"
        )
    with pytest.raises(PermissionDenied):
        layanan.catatan_reviu_tambah(
            user=camat_a, kecamatan=ditandatangani.kecamatan, tahun=2021, kode="", teks="x"
        )


def _gambar_png() -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(keluaran, "PNG")
    return keluaran.getvalue()


def test_kembalikan_membuat_versi_baru_berisi_salinan(direviu, inspektorat, operator_a):
    lama = direviu
    Narasi.objects.create(laporan=lama, kode="latar_belakang", teks="Teks versi 1")
    BlokLaporan.objects.create(laporan=lama, kode="penghargaan", aktif=False, judul="")
    gambar = BerkasLaporan(
        laporan=lama, jenis="bagan", mime="image/png", lebar=20, tinggi=10, ukuran=len(_gambar_png())
    )
    gambar.berkas.save("bagan.png", ContentFile(_gambar_png()))
    layanan.catatan_reviu_tambah(user=inspektorat, kecamatan=lama.kecamatan, tahun=2021, kode="", teks="Umum")
    sha_lama = DokumenFinal.objects.get(laporan=lama).sha256

    baru = layanan.laporan_kembalikan(
        user=inspektorat, kecamatan=lama.kecamatan, tahun=2021, catatan="Perbaiki analisis S2."
    )
    lama.refresh_from_db()
    assert (lama.versi, lama.status, baru.versi, baru.status) == (1, Status.DIKEMBALIKAN, 2, Status.DRAF)
    assert baru.alasan_versi == "Dikembalikan inspektorat: Perbaiki analisis S2."
    assert list(Narasi.objects.filter(laporan=baru).values_list("kode", "teks")) == [
        ("latar_belakang", "Teks versi 1")
    ]
    assert list(BlokLaporan.objects.filter(laporan=baru).values_list("kode", "aktif")) == [
        ("penghargaan", False)
    ]
    salinan = BerkasLaporan.objects.get(laporan=baru)
    assert salinan.berkas.name != gambar.berkas.name
    assert salinan.berkas.open("rb").read() == _gambar_png()
    # Version 1 and its signed PDF stay as they were.
    assert DokumenFinal.objects.get(laporan=lama).sha256 == sha_lama
    assert [a for a, *_ in aksi_riwayat(baru)] == [Aksi.VERSI_BARU]
    # The new draft is the one the editors write to.
    layanan.narasi_simpan(
        user=operator_a, kecamatan=lama.kecamatan, tahun=2021, kode="latar_belakang", teks="Teks versi 2"
    )
    assert Narasi.objects.get(laporan=lama).teks == "Teks versi 1"


def test_kembalikan_wajib_catatan(direviu, inspektorat):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_kembalikan(user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, catatan="")
    assert e.value.message_dict == {
        "catatan": ["Tulis ringkasan catatan reviu: apa yang harus diperbaiki kecamatan."]
    }


def test_revisi_setelah_ditandatangani_dengan_alasan(ditandatangani, operator_a, inspektorat):
    with pytest.raises(ValidationError) as e:
        layanan.laporan_revisi(user=operator_a, kecamatan=ditandatangani.kecamatan, tahun=2021, alasan="")
    assert e.value.message_dict == {"alasan": ["Tulis alasan perubahan laporan yang sudah ditandatangani."]}
    with pytest.raises(PermissionDenied):
        layanan.laporan_revisi(user=inspektorat, kecamatan=ditandatangani.kecamatan, tahun=2021, alasan="x")
    baru = layanan.laporan_revisi(
        user=operator_a, kecamatan=ditandatangani.kecamatan, tahun=2021, alasan="Koreksi realisasi S2.1."
    )
    assert (baru.versi, baru.status, baru.alasan_versi) == (2, Status.DRAF, "Koreksi realisasi S2.1.")
    assert Laporan.objects.get(pk=ditandatangani.pk).status == Status.DITANDATANGANI


def test_revisi_draf_ditolak(siap_ttd, operator_a):
    with pytest.raises(
        ValidationError, match="hanya dapat dilakukan pada laporan berstatus ditandatangani atau diterima"
    ):
        layanan.laporan_revisi(user=operator_a, kecamatan=siap_ttd.kecamatan, tahun=2021, alasan="x")


def test_versi_pengganti(ditandatangani, operator_a, camat_a):
    pertama = DokumenFinal.objects.get(laporan=ditandatangani)
    assert alur.versi_pengganti(pertama) is None
    baru = layanan.laporan_revisi(user=operator_a, kecamatan=ditandatangani.kecamatan, tahun=2021, alasan="x")
    ke_status(baru, Status.DIAJUKAN)
    dokumen_siap(baru, camat_a)
    assert alur.versi_pengganti(pertama) is None
    kedua = layanan.laporan_tandatangani(
        user=camat_a, kecamatan=baru.kecamatan, tahun=2021, frasa_sandi=FRASA
    )
    assert alur.versi_pengganti(pertama) == kedua


# --- e-mail and the timeline -------------------------------------------------------------------------


def test_penerima_email_menurut_langkah(
    kecamatan_a, kecamatan_b, operator_a, camat_a, operator_b, inspektorat
):
    for user, email in (
        (operator_a, "op@a"),
        (camat_a, "camat@a"),
        (operator_b, "op@b"),
        (inspektorat, "ins@k"),
    ):
        user.email = email
        user.save()
    assert alur.penerima_email(kecamatan_a, Aksi.AJUKAN, kecuali=operator_a) == ["camat@a"]
    assert alur.penerima_email(kecamatan_a, Aksi.KEMBALIKAN_DRAF, kecuali=camat_a) == ["op@a"]
    assert alur.penerima_email(kecamatan_a, Aksi.TANDATANGANI, kecuali=camat_a) == ["ins@k"]
    assert alur.penerima_email(kecamatan_a, Aksi.KEMBALIKAN, kecuali=inspektorat) == ["camat@a", "op@a"]
    assert alur.penerima_email(kecamatan_a, Aksi.SETUJUI, kecuali=camat_a) == []


def test_linimasa_mencatat_langkah_catatan_dan_perubahan_data_sejak_tanda_tangan(
    direviu, inspektorat, data_a, operator_a
):
    layanan.catatan_reviu_tambah(
        user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, kode="", teks="Cek S2"
    )
    realisasi = Realisasi.objects.get(indikator=data_a.s21, tahun=2021, periode="tahunan")
    realisasi.nilai = Decimal("97")
    realisasi._change_reason = "Data final Satpol PP"
    realisasi._history_user = operator_a
    realisasi.save()
    linimasa = alur.linimasa_laporan(kecamatan=direviu.kecamatan, tahun=2021)
    assert [(e.jenis, e.judul, e.versi) for e in linimasa.entri] == [
        ("catatan", "Catatan reviu: umum", 1),
        ("status", "Direviu inspektorat (ditandatangani → direviu)", 1),
        ("status", "Ditandatangani (diajukan → ditandatangani)", 1),
    ]
    assert [(e.judul, e.oleh, e.catatan, e.perubahan) for e in linimasa.perubahan_data] == [
        (
            "Realisasi S2.1 tahunan 2021 diubah",
            "Siti Aminah",
            "Data final Satpol PP",
            (alur.Perubahan("nilai", "95,00", "97,00"),),
        )
    ]


def test_linimasa_tanpa_tanda_tangan_tidak_menghitung_perubahan(siap_ttd):
    linimasa = alur.linimasa_laporan(kecamatan=siap_ttd.kecamatan, tahun=2021)
    assert (linimasa.terakhir_ditandatangani, linimasa.perubahan_data, linimasa.entri) == (None, [], [])


def test_aksi_tersedia_mengikuti_peran_dan_status(diajukan, operator_a, camat_a, inspektorat):
    assert alur.aksi_tersedia(operator_a, diajukan) == []
    assert alur.aksi_tersedia(camat_a, diajukan) == [Aksi.KEMBALIKAN_DRAF, Aksi.SETUJUI]
    dokumen = dokumen_siap(diajukan, camat_a)
    assert alur.aksi_tersedia(camat_a, diajukan, dokumen) == [Aksi.KEMBALIKAN_DRAF, Aksi.TANDATANGANI]
    assert alur.aksi_tersedia(inspektorat, diajukan, dokumen) == []


def test_pk_tahun_laporan_ada_tetapi_perubahan_saja(siap_ttd, camat_a, data_a):
    PerjanjianKinerja.objects.filter(pk=data_a.pk_2021_murni.pk).delete()
    assert pesan_syarat(siap_ttd, camat_a) == []
