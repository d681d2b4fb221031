"""Triwulan and semester reports (laporan/konteks/ with `periode`): the figures cut at the end of
the period (realisasi from the triwulan values, target from the triwulan targets, budget realisasi
from the triwulan realisasi), "Periode s.d." labels, the DRAF mark, the preview/PDF parameters and
the cetak_lkjip options; the yearly report unchanged."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kinerja.models import Realisasi
from kinerja.pengukuran import pengukuran_kinerja
from laporan.konteks import Tabel, konteks_laporan
from lkjip.models import Kecamatan
from tests import factories as f
from tests.anggaran.factories import PosAnggaranFactory, TahunAnggaranFactory
from tests.conftest import buat_kecamatan_lengkap

pytestmark = pytest.mark.django_db

TW = Realisasi.TRIWULAN
D = Decimal


def _realisasi(indikator, tahunan, triwulan) -> None:
    if tahunan is not None:
        f.RealisasiFactory(indikator=indikator, tahun=2021, nilai=D(tahunan))
    for periode, nilai in zip(TW, triwulan, strict=False):
        if nilai is not None:
            f.RealisasiFactory(indikator=indikator, tahun=2021, periode=periode, nilai=D(nilai))


@pytest.fixture
def kec(kecamatan_a) -> Kecamatan:
    """One sasaran with three indicators of the PK 2021:
    I-KUM kumulatif, TW values 10, 12, 15, 13 (yearly 60 typed), TW targets 10, 10, 15, 15;
    I-POS a stock figure, TW values 72, 74, 79 (yearly 81), TW targets 70, 75, 78, 80;
    I-TAH without triwulan targets (yearly target 100), TW values 40, 45.
    A budget leaf with pagu 1.000.000 and realisasi TW 200.000, 250.000, 300.000 (yearly 900.000),
    and one without triwulan realisasi."""
    renstra = f.RenstraFactory(kecamatan=kecamatan_a, tahun_awal=2019, tahun_akhir=2023)
    sasaran = f.SasaranFactory(tujuan=f.TujuanFactory(renstra=renstra), renstra=renstra, uraian="Pelayanan")
    pk = f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2021)
    kum = f.IndikatorFactory(
        sasaran=sasaran, kode="I-KUM", nama="Dokumen terbit", satuan="dok", kumulatif=True
    )
    pos = f.IndikatorFactory(sasaran=sasaran, kode="I-POS", nama="Indeks layanan", satuan="indeks")
    tah = f.IndikatorFactory(sasaran=sasaran, kode="I-TAH", nama="Cakupan", satuan="%")
    for indikator, target, tw_target in (
        (kum, "50", ("10", "10", "15", "15")),
        (pos, "80", ("70", "75", "78", "80")),
        (tah, "100", ()),
    ):
        baris = f.TargetPKFactory(perjanjian=pk, indikator=indikator, nilai=D(target))
        for n, nilai in enumerate(tw_target, 1):
            f.TargetTriwulanPKFactory(baris=baris, triwulan=n, nilai=D(nilai))
    _realisasi(kum, "60", ("10", "12", "15", "13"))
    _realisasi(pos, "81", ("72", "74", "79"))
    _realisasi(tah, None, ("40", "45"))
    ta = TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2021)
    program = PosAnggaranFactory(tahun_anggaran=ta, nama="Program Pelayanan")
    kegiatan = PosAnggaranFactory(tahun_anggaran=ta, induk=program, nama="Kegiatan Layanan")
    PosAnggaranFactory(
        tahun_anggaran=ta,
        induk=kegiatan,
        nama="Sub Layanan",
        pagu=D("1000000"),
        realisasi=D("900000"),
        realisasi_tw1=D("200000"),
        realisasi_tw2=D("250000"),
        realisasi_tw3=D("300000"),
    )
    PosAnggaranFactory(
        tahun_anggaran=ta, induk=kegiatan, nama="Sub Tanpa Triwulan", pagu=D("500000"), realisasi=D("400000")
    )
    return Kecamatan.objects.select_related("kabupaten").get(pk=kecamatan_a.pk)


def _tabel(konteks, judul_awal: str) -> Tabel:
    cocok = [t for t in konteks.tabel if t.judul.startswith(judul_awal)]
    assert len(cocok) == 1, [t.judul for t in konteks.tabel]
    return cocok[0]


def _baris(tabel: Tabel) -> list[list[str]]:
    return [[s.teks for s in b.sel] for b in tabel.baris]


def _indikator(pengukuran, kode: str):
    return next(i for i in pengukuran.indikator if i.kode == kode)


# --- the calculation ----------------------------------------------------------------------------------


def test_pengukuran_sampai_triwulan_ii(kec):
    p = pengukuran_kinerja(kecamatan=kec, tahun=2021, sampai_triwulan=2)
    assert p.sampai_triwulan == 2
    kum = _indikator(p, "I-KUM")
    # 10 + 12; target 10 + 10; the yearly 60 is not used.
    assert (kum.realisasi.nilai, kum.target.nilai, kum.capaian) == (D("22"), D("20"), D("110"))
    assert kum.realisasi.dari_triwulan and not kum.target_tahunan
    pos = _indikator(p, "I-POS")
    # The TW II value against the TW II target.
    assert (pos.realisasi.nilai, pos.target.nilai) == (D("74"), D("75"))
    assert pos.capaian == D("74") / D("75") * 100
    tah = _indikator(p, "I-TAH")
    assert (tah.realisasi.nilai, tah.target.nilai, tah.capaian, tah.target_tahunan) == (
        D("45"),
        D("100"),
        D("45"),
        True,
    )


def test_pengukuran_sampai_triwulan_iii_dan_iv(kec):
    p3 = pengukuran_kinerja(kecamatan=kec, tahun=2021, sampai_triwulan=3)
    assert _indikator(p3, "I-KUM").realisasi.nilai == D("37")
    assert _indikator(p3, "I-KUM").target.nilai == D("35")
    assert _indikator(p3, "I-POS").realisasi.nilai == D("79")
    # Up to TW IV is the whole year: the yearly values and targets, identical to the yearly result.
    p4 = pengukuran_kinerja(kecamatan=kec, tahun=2021, sampai_triwulan=4)
    tahunan = pengukuran_kinerja(kecamatan=kec, tahun=2021)
    assert p4 == tahunan
    assert _indikator(tahunan, "I-KUM").realisasi.nilai == D("60")
    assert _indikator(tahunan, "I-KUM").target.nilai == D("50")
    assert tahunan.sampai_triwulan is None


def test_pengukuran_triwulan_di_luar_1_4_ditolak(kec):
    with pytest.raises(ValueError, match="Triwulan harus antara 1 dan 4"):
        pengukuran_kinerja(kecamatan=kec, tahun=2021, sampai_triwulan=5)


# --- the report ---------------------------------------------------------------------------------------


def test_konteks_triwulan_ii_angka_dan_label(kec):
    k = konteks_laporan(kec, 2021, jenis="triwulan", periode=2)
    assert k.label_periode == "Triwulan II"
    assert k.draf
    assert k.sampul.baris_judul == ("LAPORAN KINERJA", "TRIWULAN II TAHUN 2021", "KECAMATAN AJIBARANG")
    assert k.sampul.keterangan == "Periode s.d. Triwulan II Tahun 2021"
    assert k.judul == "LAPORAN KINERJA TRIWULAN II KECAMATAN AJIBARANG TAHUN 2021"
    assert k.nama_berkas == "LKjIP-Ajibarang-2021-Triwulan-II.pdf"
    tabel = _tabel(k, "Capaian Indikator Kinerja Periode s.d. Triwulan II Tahun 2021")
    assert _baris(tabel) == [
        ["1.", "Pelayanan", "Dokumen terbit", "dok", "20,00", "22,00", "110,00", "Sangat Tinggi"],
        ["Indeks layanan", "indeks", "75,00", "74,00", "98,67", "Sangat Tinggi"],
        ["Cakupan", "%", "100,00", "45,00", "45,00", "Sangat Rendah"],
    ]
    assert tabel.catatan == (
        "Realisasi s.d. Triwulan II tahun 2021 dihitung dari realisasi triwulan; target adalah target "
        "triwulan Perjanjian Kinerja s.d. Triwulan II.",
        "Target triwulan belum diisi untuk I-TAH: target yang dipakai adalah target tahun 2021.",
    )
    assert _tabel(k, "Rata-rata Capaian Sasaran Strategis Periode s.d. Triwulan II Tahun 2021")
    # Every table of BAB III names the period instead of the bare year.
    judul_bab3 = [t.judul for t in k.tabel if t.nomor.startswith("Tabel 3.")]
    assert judul_bab3
    assert not [j for j in judul_bab3 if "Tahun 2021" in j and "Periode s.d. Triwulan II Tahun 2021" not in j]
    assert all("Periode s.d. Triwulan II" in g.judul for g in k.gambar if "2021" in g.judul)


def test_konteks_triwulan_ii_realisasi_anggaran_dari_triwulan(kec):
    k = konteks_laporan(kec, 2021, jenis="triwulan", periode=2)
    pohon = _tabel(k, "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Periode s.d. Triwulan II")
    assert [[s.teks for s in r] for r in pohon.kepala] == [
        ["Program / Kegiatan / Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"]
    ]
    assert _baris(pohon) == [
        ["Program Pelayanan", "1.500.000,00", "450.000,00", "30,00"],
        ["Kegiatan Layanan", "1.500.000,00", "450.000,00", "30,00"],
        ["Sub Layanan", "1.000.000,00", "450.000,00", "45,00"],
        ["Sub Tanpa Triwulan", "500.000,00", "-", "-"],
        ["Jumlah", "1.500.000,00", "450.000,00", "30,00"],
    ]
    bab3 = next(b for b in k.bab if b.kode == "III")
    catatan = [i.teks for a in bab3.semua() for i in a.isi if type(i).__name__ == "Catatan"]
    assert any(c.startswith("Realisasi anggaran s.d. Triwulan II tahun 2021 adalah jumlah") for c in catatan)
    kalimat = [i.teks for a in bab3.semua() for i in a.isi if type(i).__name__ == "Paragraf"]
    assert (
        "Pagu anggaran program, kegiatan dan sub kegiatan Kecamatan Ajibarang tahun 2021 sebesar "
        "Rp 1.500.000,00 dengan realisasi s.d. Triwulan II Rp 450.000,00 atau 30,00 %."
    ) in kalimat


def test_konteks_semester_i_sama_dengan_triwulan_ii(kec):
    s1 = konteks_laporan(kec, 2021, jenis="semester", periode=1)
    tw2 = konteks_laporan(kec, 2021, jenis="triwulan", periode=2)
    assert s1.sampul.baris_judul[:2] == ("LAPORAN KINERJA", "SEMESTER I TAHUN 2021")
    a = _tabel(s1, "Capaian Indikator Kinerja Periode s.d. Semester I Tahun 2021")
    b = _tabel(tw2, "Capaian Indikator Kinerja Periode s.d. Triwulan II Tahun 2021")
    assert _baris(a) == _baris(b)


def test_konteks_tahunan_tidak_berubah(kec):
    k = konteks_laporan(kec, 2021)
    assert k.label_periode == ""
    assert k.sampul.baris_judul == (
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "(LKjIP)",
        "KECAMATAN AJIBARANG",
        "TAHUN 2021",
    )
    assert k.nama_berkas == "LKjIP-Ajibarang-2021.pdf"
    tabel = _tabel(k, "Capaian Indikator Kinerja Tahun 2021")
    assert _baris(tabel)[0][4:6] == ["50,00", "60,00"]
    assert not any("Periode s.d." in t.judul for t in k.tabel)
    # Semester II is the whole year: the yearly figures, but labelled with the period.
    s2 = konteks_laporan(kec, 2021, jenis="semester", periode=2)
    assert _baris(_tabel(s2, "Capaian Indikator Kinerja Periode s.d. Semester II Tahun 2021")) == _baris(
        tabel
    )


@pytest.mark.parametrize(
    ("jenis", "periode", "pesan"),
    [
        ("triwulan", 5, "Periode laporan triwulan harus salah satu dari 1, 2, 3, 4."),
        ("semester", 3, "Periode laporan semester harus salah satu dari 1, 2."),
        ("tahunan", 1, "Laporan tahunan tidak memiliki periode."),
    ],
)
def test_periode_tidak_sah_ditolak(kec, jenis, periode, pesan):
    with pytest.raises(ValueError) as galat:
        konteks_laporan(kec, 2021, jenis=jenis, periode=periode)
    assert str(galat.value) == pesan


def test_jumlah_query_triwulan_tidak_bertambah_dengan_jumlah_indikator(db, django_assert_num_queries):
    satu = f.KecamatanFactory(nama="Satu")
    tiga = f.KecamatanFactory(nama="Tiga", kabupaten=satu.kabupaten)
    buat_kecamatan_lengkap(satu, 1)
    buat_kecamatan_lengkap(tiga, 3)
    for k in (satu, tiga):
        ta = TahunAnggaranFactory(kecamatan=k, tahun=2021)
        PosAnggaranFactory(tahun_anggaran=ta, pagu=D("1000"), realisasi_tw1=D("100"))
    satu = Kecamatan.objects.select_related("kabupaten").get(pk=satu.pk)
    tiga = Kecamatan.objects.select_related("kabupaten").get(pk=tiga.pk)
    with CaptureQueriesContext(connection) as q:
        k1 = konteks_laporan(satu, 2021, jenis="triwulan", periode=2)
    with django_assert_num_queries(len(q)):
        k3 = konteks_laporan(tiga, 2021, jenis="triwulan", periode=2)
    assert len(k3.tabel) > len(k1.tabel)


# --- where people get it ------------------------------------------------------------------------------


def test_pratinjau_triwulan(client, operator_a, kec):
    client.force_login(operator_a)
    url = reverse("laporan:cetak_pratinjau", args=[kec.pk, 2021])
    respons = client.get(url, {"triwulan": 2})
    assert respons.status_code == 200
    html = respons.content.decode()
    assert "Capaian Indikator Kinerja Periode s.d. Triwulan II Tahun 2021" in html
    assert "TRIWULAN II TAHUN 2021" in html
    assert f"{reverse('laporan:cetak_pdf', args=[kec.pk, 2021])}?triwulan=2" in html
    assert client.get(url, {"semester": 1}).status_code == 200
    for kueri in ({"triwulan": 5}, {"semester": "x"}, {"triwulan": 1, "semester": 1}):
        assert client.get(url, kueri).status_code == 404


def test_pratinjau_triwulan_kecamatan_lain_404_dan_anonim_ke_login(client, operator_b, kec):
    url = reverse("laporan:cetak_pratinjau", args=[kec.pk, 2021])
    respons = client.get(url, {"triwulan": 2})
    assert respons.status_code == 302 and respons.url.startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(operator_b)
    assert client.get(url, {"triwulan": 2}).status_code == 404


def test_xlsx_triwulan_nama_berkas(client, operator_a, kec):
    client.force_login(operator_a)
    respons = client.get(reverse("laporan:cetak_xlsx", args=[kec.pk, 2021]), {"semester": 1})
    assert respons.status_code == 200
    assert "Tabel-LKjIP-Ajibarang-2021-Semester-I.xlsx" in respons["Content-Disposition"]


def test_cetak_lkjip_triwulan(kec, tmp_path):
    tujuan = tmp_path / "tw2.pdf"
    call_command(
        "cetak_lkjip",
        "--kabupaten",
        kec.kabupaten.nama,
        "--kecamatan",
        kec.nama,
        "--tahun",
        "2021",
        "--triwulan",
        "2",
        "-o",
        str(tujuan),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    teks = " ".join(h.extract_text() for h in PdfReader(tujuan).pages)
    teks = " ".join(teks.split())
    assert "LAPORAN KINERJA TRIWULAN II TAHUN 2021" in teks
    assert "DRAF" in teks
    assert "Periode s.d. Triwulan II Tahun 2021" in teks


def test_tabel_beberapa_tahun_baris_tahun_ini_sampai_periode(kec):
    kum = Realisasi.objects.filter(indikator__kode="I-KUM").first().indikator
    f.RealisasiFactory(indikator=kum, tahun=2020, nilai=D("40"))
    f.RealisasiFactory(indikator=kum, tahun=2020, periode=Realisasi.Periode.TW1, nilai=D("5"))
    f.RealisasiFactory(indikator=kum, tahun=2020, periode=Realisasi.Periode.TW2, nilai=D("30"))
    k = konteks_laporan(kec, 2021, jenis="triwulan", periode=2)
    tabel = _tabel(k, "Capaian Kinerja Sasaran “Pelayanan”")
    assert tabel.judul == "Capaian Kinerja Sasaran “Pelayanan” Tahun 2020–2021 (s.d. Triwulan II 2021)"
    baris = _baris(tabel)
    # 2020 as a whole year; 2021 up to TW II, its trend against 2020 up to TW II (35 -> 22).
    assert baris[0][3:6] == ["2020", "-", "40,00"]
    assert baris[1] == ["2021 (s.d. Triwulan II)", "20,00", "22,00", "110,00", "Menurun"]
