"""laporan/konteks/: the whole report as plain data, checked on the three demo reports (their
figures recomputed from the reports' own inputs, DOMAIN.md §3.12 and §4.1) and on built data for
the rules: numbering per BAB, a source under every table, only allowed year labels, generated
sentences, a year without PK, and a query count that does not grow with the indicators."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from anggaran.models import ProgramSasaran
from kinerja.models import (
    AnalisisSasaran,
    EvaluasiSakip,
    KomponenSakip,
    RekomendasiSakip,
    Sasaran,
    SurveiSkm,
    TindakLanjut,
    UnsurSkm,
)
from laporan.konteks import (
    Catatan,
    Daftar,
    Paragraf,
    Tabel,
    TandaTangan,
    jumlah_kata,
    konteks_laporan,
    terbilang,
)
from laporan.models import Laporan, Narasi, Penghargaan, SdmRekap
from lkjip.models import Kecamatan
from tests import factories as f
from tests.anggaran.factories import PosAnggaranFactory, TahunAnggaranFactory
from tests.conftest import buat_kecamatan_lengkap

# Every test here reads the database (through the module's demo fixture): the marker makes
# pytest-django set up the test database even when only these tests run.
pytestmark = pytest.mark.django_db

DEMO = (("Ajibarang", 2020), ("Purwareja Klampok", 2024), ("Aluh Aluh", 2022))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The konteks of the demo reports (and of two years without data), built once: the demo is
    loaded in a transaction that is rolled back, and the frozen konteks outlive it."""
    tahun_lain = (("Ajibarang", 2023), ("Ajibarang", 2010))
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("muat_demo", stdout=io.StringIO())
        konteks = {
            (nama, tahun): konteks_laporan(Kecamatan.objects.get(nama=nama), tahun)
            for nama, tahun in (*DEMO, *tahun_lain)
        }
        renstra = {
            k.nama: (r.tahun_awal, r.tahun_akhir) for k in Kecamatan.objects.all() for r in k.renstra.all()
        }
        transaction.set_rollback(True)
    return konteks, renstra


def _konteks(demo, nama: str, tahun: int):
    return demo[0][(nama, tahun)]


def _tabel(konteks, judul_awal: str) -> Tabel:
    cocok = [t for t in konteks.tabel if t.judul.startswith(judul_awal)]
    assert len(cocok) == 1, [t.judul for t in konteks.tabel]
    return cocok[0]


def _teks(tabel: Tabel) -> list[list[str]]:
    return [[s.teks if s else "" for s in baris] for baris in tabel.kisi_isi]


def _bagian(konteks, kode: str):
    for b in (*konteks.depan, *konteks.bab, *konteks.lampiran):
        for x in b.semua():
            if x.kode == kode:
                return x
    raise AssertionError(f"bagian {kode} tidak ada")


# --- the demo reports --------------------------------------------------------------------------------


def test_ajibarang_2020_capaian_indikator_dari_layanan_hitung(demo):
    tabel = _tabel(_konteks(demo, "Ajibarang", 2020), "Capaian Indikator Kinerja Tahun 2020")
    assert tabel.nomor == "Tabel 3.2"
    baris = {r[2]: r[3:] for r in _teks(tabel)}
    assert baris["Persentase kelompok masyarakat di kecamatan yang aktif"] == [
        "%",
        "87,00",
        "90,00",
        "103,45",
        "Sangat Tinggi",
    ]
    assert baris["Persentase pembayaran PBB di Kecamatan"] == [
        "%",
        "85,00",
        "90,00",
        "105,88",
        "Sangat Tinggi",
    ]
    assert baris["Indeks Kepuasan Masyarakat Pelayanan Kecamatan"] == [
        "indeks",
        "85,78",
        "85,78",
        "100,00",
        "Sangat Tinggi",
    ]
    assert tabel.sumber == (
        "Sumber: Perjanjian Kinerja Tahun 2020 dan data realisasi Kecamatan Ajibarang tahun 2020, diolah"
    )


def test_ajibarang_2020_rata_rata_sasaran_dan_capaian_organisasi(demo):
    konteks = _konteks(demo, "Ajibarang", 2020)
    tabel = _tabel(konteks, "Rata-rata Capaian Sasaran Strategis Tahun 2020")
    assert _teks(tabel) == [
        ["1.", "Mewujudkan kinerja pelayanan Kecamatan yang prima", "1", "100,00", "Sangat Tinggi"],
        [
            "2.",
            "Meningkatnya peran kecamatan dalam pelayanan dan pemberdayaan masyarakat",
            "2",
            "101,72",
            "Sangat Tinggi",
        ],
        ["3.", "Meningkatnya peran kecamatan dan kelurahan", "6", "101,86", "Sangat Tinggi"],
        ["Capaian kinerja organisasi", "", "9", "101,19", "Sangat Tinggi"],
    ]
    assert tabel.baris[-1].total is True
    assert tabel.kisi_isi[-1][3].nilai.quantize(Decimal("0.01")) == Decimal("101.19")


def test_ajibarang_2020_ikhtisar_dan_penutup_kalimat_dihasilkan(demo):
    konteks = _konteks(demo, "Ajibarang", 2020)
    kalimat = (
        "Dari 3 (tiga) sasaran strategis dengan 9 (sembilan) indikator kinerja dalam Perjanjian Kinerja "
        "Tahun 2020, 9 (sembilan) indikator mencapai atau melampaui target. Capaian kinerja organisasi "
        "Kecamatan Ajibarang tahun 2020, yaitu rata-rata dari rata-rata capaian setiap sasaran strategis, "
        "sebesar 101,19 % dengan predikat Sangat Tinggi."
    )
    ikhtisar = _bagian(konteks, "ikhtisar")
    penutup = _bagian(konteks, "penutup")
    assert Paragraf(kalimat) in ikhtisar.isi
    assert Paragraf(kalimat) in penutup.isi
    assert (
        Daftar(
            "angka",
            (
                "Mewujudkan kinerja pelayanan Kecamatan yang prima: rata-rata capaian 100,00 % "
                "(Sangat Tinggi) dari 1 (satu) indikator.",
                "Meningkatnya peran kecamatan dalam pelayanan dan pemberdayaan masyarakat: rata-rata capaian "
                "101,72 % (Sangat Tinggi) dari 2 (dua) indikator.",
                "Meningkatnya peran kecamatan dan kelurahan: rata-rata capaian 101,86 % (Sangat Tinggi) dari "
                "6 (enam) indikator.",
            ),
        )
        in ikhtisar.isi
    )
    assert (
        Paragraf(
            "Pagu anggaran program, kegiatan dan sub kegiatan Kecamatan Ajibarang tahun 2020 sebesar "
            "Rp 895.784.600,00 dengan realisasi Rp 880.441.295,00 atau 98,29 %."
        )
        in ikhtisar.isi
    )


def test_ajibarang_2020_per_sasaran_dan_efisiensi(demo):
    konteks = _konteks(demo, "Ajibarang", 2020)
    sasaran = _bagian(konteks, "analisis_sasaran").anak
    assert [s.judul_lengkap for s in sasaran] == [
        "1. Mewujudkan kinerja pelayanan Kecamatan yang prima",
        "2. Meningkatnya peran kecamatan dalam pelayanan dan pemberdayaan masyarakat",
        "3. Meningkatnya peran kecamatan dan kelurahan",
    ]
    assert sasaran[1].isi[0] == Paragraf(
        "Sasaran strategis “Meningkatnya peran kecamatan dalam pelayanan dan pemberdayaan masyarakat” "
        "diukur dengan 2 (dua) indikator kinerja. Rata-rata capaiannya tahun 2020 sebesar 101,72 % dengan "
        "predikat Sangat Tinggi; 2 (dua) indikator mencapai atau melampaui target."
    )
    efisiensi = _tabel(konteks, "Tingkat Efisiensi Penggunaan Sumber Daya Tahun 2020")
    # DOMAIN.md §3.12: 100 - 98,27 = 1,73 (the seed prints 1,74 from a truncated 98,26).
    assert [r[2:] for r in _teks(efisiensi)] == [
        ["100,00", "98,27", "1,73"],
        ["101,72", "98,12", "3,60"],
        ["101,86", "98,36", "3,50"],
    ]


def test_purwareja_klampok_2024_realisasi_anggaran_dan_tingkat_kemajuan(demo):
    konteks = _konteks(demo, "Purwareja Klampok", 2024)
    pohon = _tabel(konteks, "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun 2024")
    assert pohon.lebar == "landscape"
    # The 2024 budget has no kode and no pagu murni: those columns are left out.
    assert pohon.judul_kolom == [
        "Program / Kegiatan / Sub Kegiatan",
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Serapan (%)",
    ]
    assert _teks(pohon)[-1] == ["Jumlah", "2.368.755.823,00", "2.257.682.059,00", "95,31"]
    program = {r[0]: r[1:] for r in _teks(pohon)}
    assert program["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"] == [
        "2.219.102.223,00",
        "2.110.785.459,00",
        "95,12",
    ]
    kemajuan = [t for t in konteks.tabel if t.judul.startswith("Realisasi Tahun 2024 terhadap Target Akhir")]
    # 72,10 / 71,30 and 86,30 / 85,80 (DOMAIN.md §3.12).
    assert [_teks(t)[0][3:] for t in kemajuan] == [
        ["BB (71,30)", "BB (72,10)", "101,12"],
        ["85,80", "86,30", "100,58"],
    ]


def test_purwareja_klampok_2024_indikator_dana_sdm(demo):
    tabel = _tabel(
        _konteks(demo, "Purwareja Klampok", 2024),
        "Efisiensi Penggunaan Sumber Daya per Sasaran Strategis Tahun 2024",
    )
    baris = _teks(tabel)
    assert baris[0][2:] == ["Indikator: Nilai SAKIP Kecamatan", "BB (71,20)", "BB (72,10)", "101,26"]
    # DOMAIN.md §3.9: 10 of 16 ASN = 62,50 %.
    assert baris[2][2:] == [
        "SDM (orang); ASN; tenaga harian lepas: target 4, realisasi 3",
        "16",
        "10",
        "62,50",
    ]
    # DOMAIN.md §4.1 002: programs C + D spent 43.141.600 of 45.838.600 (94,12 %; printed 88,37 %);
    # sasaran 2: 2.214.540.459 of 2.322.917.223 = 95,33 % (printed 95,53 %).
    assert baris[1][2:] == ["Dana (Rp)", "45.838.600,00", "43.141.600,00", "94,12"]
    assert baris[4][3:] == ["2.322.917.223,00", "2.214.540.459,00", "95,33"]


def test_aluh_aluh_2022_pk_perubahan_dan_skala_banjar(demo):
    konteks = _konteks(demo, "Aluh Aluh", 2022)
    pk = _tabel(konteks, "Perjanjian Kinerja Perubahan Kecamatan Aluh Aluh Tahun 2022")
    assert _teks(pk) == [
        ["1.", "Meningkatnya Kualitas Pelayanan Publik", "Indeks Kepuasan Masyarakat", "indeks", "73,00"]
    ]
    capaian = _tabel(konteks, "Capaian Indikator Kinerja Tahun 2022")
    # 84,24 / 73 = 115,40 % (the report printed 86,65 %), "Berhasil" on the Banjar scale, green.
    assert _teks(capaian)[0][4:] == ["73,00", "84,24", "115,40", "Berhasil"]
    assert capaian.kisi_isi[0][7].kelas == "predikat-hijau"
    skala = _tabel(konteks, "Skala Nilai Peringkat Kinerja")
    assert [r[2:] for r in _teks(skala)] == [
        ["Berhasil", "Hijau"],
        ["Cukup Berhasil", "Biru"],
        ["Kurang Berhasil", "Kuning"],
        ["Tidak Berhasil", "Merah"],
    ]


@pytest.mark.parametrize(("nama", "tahun"), DEMO)
def test_tabel_bernomor_per_bab_tanpa_ganda_dan_bersumber(demo, nama, tahun):
    konteks = _konteks(demo, nama, tahun)
    nomor = [t.nomor for t in konteks.tabel]
    assert len(nomor) == len(set(nomor))
    per_bab: dict[str, list[int]] = {}
    for n in nomor:
        bab, urut = re.fullmatch(r"Tabel ([1-4L])\.(\d+)", n).groups()
        per_bab.setdefault(bab, []).append(int(urut))
    for urut in per_bab.values():
        assert urut == list(range(1, len(urut) + 1))
    gambar = [g.nomor for g in konteks.gambar]
    assert len(gambar) == len(set(gambar))
    for t in konteks.tabel:
        assert t.sumber.startswith("Sumber: ") and len(t.sumber) > len("Sumber: ") + 5, t.nomor
        assert all(len(b.sel) for b in t.baris), t.nomor
    for g in konteks.gambar:
        assert g.sumber.startswith("Sumber: "), g.nomor


def _tahun_dalam(teks: str) -> set[int]:
    """Year labels in a text; the year of a cited regulation ("Permendagri Nomor 86 Tahun 2017",
    the scale's source) is part of its name, not a label."""
    teks = re.sub(r"Nomor \S+ Tahun \d{4}", "", teks)
    return {int(x) for x in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", teks)}


@pytest.mark.parametrize(("nama", "tahun"), DEMO)
def test_label_tahun_hanya_tahun_laporan_tahun_sebelumnya_dan_renstra(demo, nama, tahun):
    awal, akhir = demo[1][nama]
    boleh = {tahun, *range(tahun - 5, tahun), *range(awal, akhir + 1)}
    konteks = _konteks(demo, nama, tahun)
    label = [konteks.judul, *konteks.sampul.baris_judul]
    for t in konteks.tabel:
        label += [t.judul, t.sumber, *(s.teks for baris in t.kepala for s in baris)]
    label += [g.judul for g in konteks.gambar]
    for b in (*konteks.depan, *konteks.bab, *konteks.lampiran):
        label += [x.judul for x in b.semua()]
    tahun_label = set().union(*(_tahun_dalam(x) for x in label))
    assert tahun in tahun_label
    assert tahun_label <= boleh, sorted(tahun_label - boleh)


def test_lampiran_pk_tahun_laporan_bukan_tahun_berikutnya(demo):
    # The demo also holds the PK 2021 of Ajibarang; the 2020 report attaches the PK 2020 only
    # (DOMAIN.md §4.2 #4: 000 appended the PK for 2021).
    konteks = _konteks(demo, "Ajibarang", 2020)
    lampiran = konteks.lampiran[0]
    assert lampiran.judul_lengkap == "Lampiran 1 Perjanjian Kinerja Tahun 2020"
    assert [a.judul for a in lampiran.anak] == ["Perjanjian Kinerja Tahun 2020"]
    assert [t.judul for t in konteks.tabel if t.nomor.startswith("Tabel L.")][0] == (
        "Sasaran, Indikator dan Target Perjanjian Kinerja Tahun 2020"
    )


def test_kata_pengantar_ditandatangani_camat_pada_tanggal_laporan(demo):
    konteks = _konteks(demo, "Ajibarang", 2020)
    ttd = _bagian(konteks, "kata_pengantar").isi[-1]
    assert ttd == TandaTangan(
        tempat_tanggal="Ajibarang, 4 Januari 2021",
        jabatan="CAMAT AJIBARANG",
        nama="PARSONO, S.Sos., M.Si.",
        pangkat="Pembina Tingkat I",
        nip="NIP. 19670701 199209 1 001",
    )
    assert konteks.sampul.baris_judul == (
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "(LKjIP)",
        "KECAMATAN AJIBARANG",
        "TAHUN 2020",
    )
    assert konteks.judul == "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) KECAMATAN AJIBARANG TAHUN 2020"
    assert konteks.nama_berkas == "LKjIP-Ajibarang-2020.pdf"
    assert konteks.draf is True


# --- missing data ----------------------------------------------------------------------------------------


def test_tahun_tanpa_pk_menyebut_yang_kurang(demo):
    konteks = _konteks(demo, "Ajibarang", 2023)
    assert konteks.kosong is False
    assert konteks.kekurangan[:3] == (
        "Belum ada Perjanjian Kinerja tahun 2023.",
        "Pengukuran kinerja tahun 2023 belum dapat disajikan: belum ada indikator dengan target tahun "
        "2023 (Perjanjian Kinerja tahun 2023 belum diisi).",
        "Belum ada data anggaran tahun 2023.",
    )
    assert _bagian(konteks, "pk").isi == (
        Catatan(
            "Belum ada Perjanjian Kinerja tahun 2023. Isi Perjanjian Kinerja tahun 2023 agar target "
            "kinerja dan pengukurannya dapat disajikan."
        ),
    )
    assert _bagian(konteks, "capaian_indikator").isi == (
        Catatan(
            "Pengukuran kinerja tahun 2023 belum dapat disajikan: belum ada indikator dengan target tahun "
            "2023 (Perjanjian Kinerja tahun 2023 belum diisi)."
        ),
    )
    assert konteks.lampiran[0].kode == "lampiran_renstra"


def test_tahun_tanpa_data_sama_sekali_kosong(demo):
    konteks = _konteks(demo, "Ajibarang", 2010)
    assert konteks.kosong is True
    assert konteks.tabel == []


# --- built data -----------------------------------------------------------------------------------------


def test_narasi_disimpan_dan_tabel_isian_laporan(data_a, operator_a):
    kecamatan = data_a.renstra.kecamatan
    laporan = Laporan.objects.create(kecamatan=kecamatan, tahun=2021, tempat="Ajibarang")
    Narasi.objects.create(
        laporan=laporan, kode="latar_belakang", teks="Paragraf satu.\n\n- butir a\n- butir b"
    )
    SdmRekap.objects.create(kecamatan=kecamatan, tahun=2021, kategori="status", uraian="PNS", jumlah=20)
    SdmRekap.objects.create(kecamatan=kecamatan, tahun=2021, kategori="status", uraian="PPPK", jumlah=6)
    Penghargaan.objects.create(kecamatan=kecamatan, tahun=2021, nama="Juara I Lomba Desa", pemberi="Bupati")
    konteks = konteks_laporan(kecamatan, 2021)
    assert _bagian(konteks, "latar_belakang").isi == (
        Paragraf("Paragraf satu."),
        Daftar("butir", ("butir a", "butir b")),
    )
    sdm = _tabel(konteks, "Pegawai Kecamatan Ajibarang menurut")
    assert sdm.nomor.startswith("Tabel 1.")
    assert _teks(sdm)[-1] == ["Jumlah", "", "26"]
    penghargaan = _tabel(konteks, "Prestasi dan Penghargaan Tahun 2021")
    assert _teks(penghargaan) == [["1.", "Juara I Lomba Desa", "Bupati", "-", "Kecamatan Ajibarang"]]


def test_pk_perubahan_berdampingan_dengan_murni(data_a):
    konteks = konteks_laporan(data_a.renstra.kecamatan, 2021)
    tabel = _tabel(konteks, "Target Perjanjian Kinerja Murni dan Perubahan Tahun 2021")
    assert [r[2:] for r in _teks(tabel)] == [
        ["Indeks Kepuasan Masyarakat", "%", "84,00", "85,78"],
        ["Persentase pelanggaran perda yang ditindak", "%", "100,00", "100,00"],
        ["Jumlah gangguan ketertiban", "kasus", "-", "4,00"],
    ]


def test_terbilang():
    assert [terbilang(n) for n in (1, 9, 11, 12, 20, 21, 100, 105, 999, 1000, 2024)] == [
        "satu",
        "sembilan",
        "sebelas",
        "dua belas",
        "dua puluh",
        "dua puluh satu",
        "seratus",
        "seratus lima",
        "sembilan ratus sembilan puluh sembilan",
        "seribu",
        "dua ribu dua puluh empat",
    ]
    assert jumlah_kata(3) == "3 (tiga)"


def _kecamatan_dengan_anggaran(kecamatan: Kecamatan, jumlah: int) -> None:
    renstra = buat_kecamatan_lengkap(kecamatan, jumlah)
    ta = TahunAnggaranFactory(kecamatan=kecamatan, tahun=2021)
    for s in Sasaran.objects.filter(renstra=renstra):
        program = PosAnggaranFactory(tahun_anggaran=ta)
        kegiatan = PosAnggaranFactory(tahun_anggaran=ta, induk=program)
        PosAnggaranFactory(
            tahun_anggaran=ta, induk=kegiatan, pagu=Decimal("1000000"), realisasi=Decimal("900000")
        )
        ProgramSasaran.objects.create(program=program, sasaran=s)
        AnalisisSasaran.objects.create(sasaran=s, tahun=2021, pendukung=["a"], penghambat=["b"], solusi=["c"])
    f.DesaFactory(kecamatan=kecamatan)
    _skm_dan_sakip(kecamatan, 2021)


def test_jumlah_query_tidak_bertambah_dengan_jumlah_indikator(db, django_assert_num_queries):
    satu = f.KecamatanFactory(nama="Satu")
    tiga = f.KecamatanFactory(nama="Tiga", kabupaten=satu.kabupaten)
    _kecamatan_dengan_anggaran(satu, 1)
    _kecamatan_dengan_anggaran(tiga, 3)
    satu = Kecamatan.objects.select_related("kabupaten").get(pk=satu.pk)
    tiga = Kecamatan.objects.select_related("kabupaten").get(pk=tiga.pk)
    with CaptureQueriesContext(connection) as q:
        k1 = konteks_laporan(satu, 2021)
    with django_assert_num_queries(len(q)):
        k3 = konteks_laporan(tiga, 2021)
    assert len(_bagian(k1, "analisis_sasaran").anak) == 1
    assert len(_bagian(k3, "analisis_sasaran").anak) == 3
    assert len(k3.tabel) > len(k1.tabel)


# --- SKM and SAKIP ---------------------------------------------------------------------------------------

NRR_PURWAREJA = ("3.34", "3.38", "3.20", "3.97", "3.18", "3.39", "3.38", "3.38", "3.38")


def _skm_dan_sakip(kecamatan, tahun: int) -> None:
    """The 2024 Purwareja Klampok survey (nine NRR) and its SAKIP evaluations (DOMAIN.md §3.12)."""
    survei = SurveiSkm.objects.create(kecamatan=kecamatan, tahun=tahun, responden=120, saran=["Ramah."])
    for i, nrr in enumerate(NRR_PURWAREJA, 1):
        UnsurSkm.objects.create(survei=survei, urutan=i, kode=f"U{i}", nama=f"Unsur {i}", nrr=Decimal(nrr))
    for tahun_evaluasi, nilai in (
        (tahun - 1, ("22.20", "21.00", "10.50", "17.50")),
        (tahun, ("22.20", "21.60", "10.80", "17.50")),
    ):
        evaluasi = EvaluasiSakip.objects.create(
            kecamatan=kecamatan, tahun_evaluasi=tahun_evaluasi, tahun_dievaluasi=tahun_evaluasi - 1
        )
        for i, (nama, bobot) in enumerate(
            (("Perencanaan", 30), ("Pengukuran", 30), ("Pelaporan", 15), ("Evaluasi Internal", 25))
        ):
            KomponenSakip.objects.create(
                evaluasi=evaluasi, urutan=i, nama=nama, bobot=Decimal(bobot), nilai=Decimal(nilai[i])
            )
    rekomendasi = RekomendasiSakip.objects.create(
        evaluasi=evaluasi, komponen="Perencanaan", uraian="Target kurang menantang."
    )
    TindakLanjut.objects.create(
        rekomendasi=rekomendasi, uraian="Reviu target.", waktu="Maret", status="selesai"
    )
    RekomendasiSakip.objects.create(evaluasi=evaluasi, uraian="Publikasikan dokumen kinerja.")


def test_skm_sakip_dan_tindak_lanjut_tahun_laporan(data_a):
    kecamatan = data_a.renstra.kecamatan
    _skm_dan_sakip(kecamatan, 2021)
    konteks = konteks_laporan(kecamatan, 2021)
    unsur = _tabel(konteks, "Nilai Unsur Survei Kepuasan Masyarakat Tahun 2021")
    # DOMAIN.md §3.12: IKM 3,400, konversi 85,00, mutu B (the report printed 3,352 and 86,30).
    assert _teks(unsur)[-2:] == [
        ["Indeks Kepuasan Masyarakat (rata-rata NRR)", "", "3,400", ""],
        ["Nilai konversi (IKM × 25)", "", "85,00", "B (Baik)"],
    ]
    assert _teks(unsur)[3][1:3] == ["Unsur 4", "3,970"]
    skm = _bagian(konteks, "skm")
    assert (
        Paragraf("Unsur dengan nilai terendah adalah Unsur 5 (3,180), dan tertinggi Unsur 4 (3,970).")
        in skm.isi
    )
    assert [g.judul for g in konteks.gambar if "Survei" in g.judul] == [
        "Nilai Unsur Survei Kepuasan Masyarakat Tahun 2021"
    ]
    sakip = _tabel(konteks, "Nilai Evaluasi SAKIP Kecamatan Ajibarang atas AKIP Tahun 2020")
    # 22,20 + 21,60 + 10,80 + 17,50 = 72,10, BB; 22,20/30 = 74 %.
    assert _teks(sakip)[0][1:] == ["Perencanaan", "30,00", "22,20", "74,00"]
    assert _teks(sakip)[-1] == ["Jumlah", "", "100,00", "72,10", "BB (Sangat Baik)"]
    banding = _tabel(konteks, "Perbandingan Nilai Komponen SAKIP atas AKIP Tahun 2019–2020")
    assert _teks(banding)[-2:] == [["Nilai SAKIP", "", "71,20", "72,10"], ["Predikat", "", "BB", "BB"]]
    tindak = _tabel(konteks, "Tindak Lanjut Rekomendasi Hasil Evaluasi SAKIP Tahun 2021")
    assert _teks(tindak) == [
        ["1.", "Perencanaan: Target kurang menantang.", "Reviu target.", "Maret", "Selesai"],
        ["2.", "Publikasikan dokumen kinerja.", "-", "-", "Belum"],
    ]
    assert _bagian(konteks, "tindak_lanjut").isi[0].pengantar == (
        "Atas 2 (dua) rekomendasi hasil evaluasi SAKIP tahun 2021, Kecamatan Ajibarang telah "
        "menyelesaikan tindak lanjut 1 (satu) rekomendasi, dengan rincian sebagai berikut:"
    )


def test_tanpa_skm_dan_sakip_bagiannya_tidak_tampil(data_a):
    konteks = konteks_laporan(data_a.renstra.kecamatan, 2021)
    kode = {x.kode for b in konteks.bab for x in b.semua()}
    assert {"skm", "sakip", "tindak_lanjut"} & kode == set()
