"""kinerja/pengukuran.py: the measurement of a year as plain data (DOMAIN.md §3, §3.12, §5.2)."""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import AnalisisSasaran, Arah, PerjanjianKinerja, Realisasi, SumberRealisasi
from kinerja.pengukuran import (
    SUMBER_PK,
    SUMBER_PK_PERUBAHAN,
    SUMBER_RENSTRA,
    pengukuran_kinerja,
    tahun_pengukuran,
    tahun_pengukuran_bawaan,
)
from lkjip.models import Kecamatan
from tests import factories as f

pytestmark = pytest.mark.django_db

Status = Realisasi.Status
Periode = Realisasi.Periode
D = Decimal


def dua(x: Decimal | None) -> Decimal | None:
    """Rounded as printed (2 decimals, half up)."""
    return None if x is None else x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _per_kode(data):
    return {i.kode: i for i in data.indikator}


# --- the golden values of Ajibarang 2020 (DOMAIN.md §3.12) -----------------------------------------


@pytest.fixture
def ajibarang(db) -> Kecamatan:
    call_command("muat_demo", stdout=io.StringIO())
    return Kecamatan.objects.get(nama="Ajibarang")


def test_ajibarang_2020_nilai_emas(ajibarang):
    data = pengukuran_kinerja(kecamatan=ajibarang, tahun=2020)
    i = _per_kode(data)
    assert (i["S2.2"].target.nilai, i["S2.2"].realisasi.nilai, dua(i["S2.2"].capaian)) == (
        D("87"),
        D("90"),
        D("103.45"),
    )
    assert (i["S3.4"].target.nilai, i["S3.4"].realisasi.nilai, dua(i["S3.4"].capaian)) == (
        D("85"),
        D("90"),
        D("105.88"),
    )
    assert [(k.kode, dua(k.rata_rata)) for k in data.kelompok] == [
        ("S1", D("100.00")),
        ("S2", D("101.72")),
        ("S3", D("101.86")),
    ]
    assert dua(data.capaian_organisasi) == D("101.19")
    assert data.rumus_capaian_organisasi == "(100,00 + 101,72 + 101,86) : 3 = 101,19 %"
    assert data.perjanjian.tahun == 2020
    assert data.sumber_target == SUMBER_PK
    assert data.catatan == []
    assert data.peringatan == []


def test_ajibarang_2020_rekap_predikat(ajibarang):
    data = pengukuran_kinerja(kecamatan=ajibarang, tahun=2020)
    assert [
        (r.pita.label, r.interval, r.jumlah_sasaran, r.jumlah_indikator) for r in data.rekap_predikat
    ] == [
        ("Sangat Tinggi", "≥ 91", 3, 9),
        ("Tinggi", "76 - < 91", 0, 0),
        ("Sedang", "66 - < 76", 0, 0),
        ("Rendah", "51 - < 66", 0, 0),
        ("Sangat Rendah", "< 51", 0, 0),
    ]
    assert (data.jumlah_sasaran, data.jumlah_indikator) == (3, 9)
    assert [i.nomor for i in data.indikator] == list(range(1, 10))


def test_ajibarang_2020_dibanding_2019(ajibarang):
    """The 2019 columns of 000 Tabel 3.6-3.9: Renstra target 2019 and realisasi 2019."""
    data = pengukuran_kinerja(kecamatan=ajibarang, tahun=2020)
    assert data.tahun_pembanding == [2019]
    i = _per_kode(data)
    lalu = i["S2.2"].tahun_lalu[0]
    assert (lalu.tahun, lalu.target.nilai, lalu.sumber_target, lalu.realisasi.nilai, dua(lalu.capaian)) == (
        2019,
        D("87"),
        SUMBER_RENSTRA,
        D("90"),
        D("103.45"),
    )
    # IKM 83 (2019) -> 85,78 (2020); kelompok aktif 90 -> 90.
    assert (dua(i["S1.1"].tahun_lalu[0].capaian), i["S1.1"].tren) == (D("101.22"), "Meningkat")
    assert i["S2.2"].tren == "Tetap"


# --- one year of the shared fixture (PK murni and perubahan 2021) ------------------------------------


def test_pk_perubahan_menang_dan_alasan_tidak_terhitung(data_a, kecamatan_a):
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert (data.perjanjian, data.sumber_target) == (data_a.pk_2021_perubahan, SUMBER_PK_PERUBAHAN)
    assert data.keterangan_sumber_target == "Perjanjian Kinerja Perubahan 2021"
    assert [(k.kode, [i.kode for i in k.indikator]) for k in data.kelompok] == [
        ("S1", ["S1.1"]),
        ("S2", ["S2.1", "S2.2"]),
    ]
    i = _per_kode(data)
    # The yearly value (86,48) wins over the triwulan ones.
    assert (i["S1.1"].target.teks, i["S1.1"].realisasi.teks, i["S1.1"].realisasi.dari_triwulan) == (
        "85,78",
        "86,48",
        False,
    )
    assert dua(i["S1.1"].capaian) == D("100.82")
    assert (i["S2.1"].realisasi.sementara, dua(i["S2.1"].capaian)) == (True, D("95.00"))
    assert (i["S2.2"].capaian, i["S2.2"].alasan, i["S2.2"].catatan, i["S2.2"].predikat) == (
        None,
        "realisasi belum diisi",
        1,
        None,
    )
    assert [(c.nomor, c.kode, c.teks) for c in data.catatan] == [
        (1, ("S2.2",), "realisasi belum diisi; tidak dihitung dalam rata-rata")
    ]
    s2 = data.kelompok[1]
    assert (dua(s2.rata_rata), s2.jumlah_tidak_dihitung, s2.jumlah_dihitung, s2.predikat.label) == (
        D("95.00"),
        1,
        1,
        "Sangat Tinggi",
    )
    assert dua(data.capaian_organisasi) == D("97.91")
    assert data.rumus_capaian_organisasi == "(100,82 + 95,00) : 2 = 97,91 %"
    assert (data.jumlah_indikator_tidak_dihitung, data.jumlah_sasaran_tidak_dihitung) == (1, 0)


def test_peringatan_analisis_belum_diisi_di_bawah_100(data_a, kecamatan_a):
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert [(p.jenis, p.kode, p.teks) for p in data.peringatan] == [
        ("realisasi_sementara", "S2.1", "Realisasi S2.1 tahun 2021 masih sementara."),
        (
            "analisis_belum_diisi",
            "S2",
            "Analisis sasaran S2 tahun 2021 belum diisi: rata-rata capaiannya 95,00 %, di bawah 100 %, "
            "jadi faktor penghambat dan solusinya wajib dijelaskan.",
        ),
    ]
    assert data.peringatan[1].sasaran_id == data_a.s21.sasaran_id


def test_peringatan_analisis_hilang_setelah_diisi(data_a, kecamatan_a):
    AnalisisSasaran.objects.create(sasaran=data_a.s21.sasaran, tahun=2021, penghambat=["Hujan"])
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert [p.jenis for p in data.peringatan] == ["realisasi_sementara"]
    assert [k.ada_analisis for k in data.kelompok] == [False, True]


def test_tahun_lalu_memakai_pk_tahun_itu_dan_target_akhir_renstra(data_a, kecamatan_a):
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert data.tahun_pembanding == [2020]
    i = _per_kode(data)
    lalu = i["S1.1"].tahun_lalu[0]
    # PK 2020 says 85, the Renstra 85,78: the PK of that year wins. No realisasi 2020.
    assert (lalu.target.nilai, lalu.sumber_target, lalu.realisasi, lalu.capaian, lalu.alasan) == (
        D("85"),
        SUMBER_PK,
        None,
        None,
        "realisasi belum diisi",
    )
    assert (i["S1.1"].tren, i["S2.1"].tahun_lalu) == (None, [None])
    assert (i["S1.1"].target_akhir.teks, i["S1.1"].tahun_akhir_renstra) == ("88,00", 2023)
    assert (i["S1.1"].realisasi_kemajuan, dua(i["S1.1"].tingkat_kemajuan)) == (D("86.48"), D("98.27"))
    assert (i["S2.1"].target_akhir, i["S2.1"].tingkat_kemajuan) == (None, None)


def test_tahun_pengukuran(data_a, kecamatan_a):
    tahun = tahun_pengukuran(kecamatan=kecamatan_a)
    assert [(t.tahun, t.ada_pk, t.ada_realisasi) for t in tahun] == [(2020, True, False), (2021, True, True)]
    assert tahun_pengukuran_bawaan(tahun) == 2021
    assert tahun_pengukuran_bawaan([]) is None


# --- single indicators ----------------------------------------------------------------------------------


def _indikator(kecamatan, *, target="10", label="", tahun=2021, pk=True, **kolom):
    renstra = f.RenstraFactory(kecamatan=kecamatan, tahun_awal=2019, tahun_akhir=2023)
    sasaran = f.SasaranFactory(tujuan=f.TujuanFactory(renstra=renstra), kode="S1", uraian="Sasaran satu")
    indikator = f.IndikatorFactory(sasaran=sasaran, kode="S1.1", **kolom)
    if pk:
        dokumen = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=tahun)
        f.TargetPKFactory(perjanjian=dokumen, indikator=indikator, nilai=D(target), label=label)
    return indikator


def _satu(kecamatan, tahun=2021):
    data = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun)
    assert len(data.indikator) == 1
    return data, data.indikator[0]


@pytest.mark.parametrize(("realisasi", "capaian"), [("8", "120.00"), ("12", "80.00"), ("20", "0.00")])
def test_arah_turun(kecamatan_a, realisasi, capaian):
    indikator = _indikator(kecamatan_a, arah=Arah.TURUN)
    f.RealisasiFactory(indikator=indikator, nilai=D(realisasi))
    data, i = _satu(kecamatan_a)
    assert (dua(i.capaian), i.terpotong) == (D(capaian), False)
    assert "capaian_terpotong" not in [p.jenis for p in data.peringatan]


def test_arah_turun_dibatasi_nol_dengan_peringatan(kecamatan_a):
    indikator = _indikator(kecamatan_a, arah=Arah.TURUN)
    f.RealisasiFactory(indikator=indikator, nilai=D("25"))
    data, i = _satu(kecamatan_a)
    assert (i.capaian, i.terpotong, i.predikat.label) == (D("0"), True, "Sangat Rendah")
    assert [(p.jenis, p.teks) for p in data.peringatan if p.jenis == "capaian_terpotong"] == [
        (
            "capaian_terpotong",
            "Capaian S1.1 dibatasi 0 %: realisasi 25,00 melebihi dua kali target 10,00 pada indikator "
            "yang makin rendah makin baik.",
        )
    ]


def test_target_0_tidak_dihitung(kecamatan_a):
    indikator = _indikator(kecamatan_a, target="0")
    f.RealisasiFactory(indikator=indikator, nilai=D("5"))
    data, i = _satu(kecamatan_a)
    assert (i.capaian, i.alasan, i.catatan) == (None, "target 0", 1)
    k = data.kelompok[0]
    assert (k.rata_rata, k.predikat, k.catatan) == (None, None, 2)
    assert [c.teks for c in data.catatan] == [
        "target 0; tidak dihitung dalam rata-rata",
        "tidak ada indikator yang capaiannya dapat dihitung; sasaran tidak dihitung dalam capaian organisasi",
    ]
    assert (data.capaian_organisasi, data.rumus_capaian_organisasi, data.predikat_organisasi) == (
        None,
        "",
        None,
    )
    assert (data.jumlah_sasaran_tidak_dihitung, data.jumlah_indikator_tidak_dihitung) == (1, 1)
    assert [(r.jumlah_sasaran, r.jumlah_indikator) for r in data.rekap_predikat] == [(0, 0)] * 5


def test_alasan_sama_satu_catatan(kecamatan_a):
    indikator = _indikator(kecamatan_a, target="0")
    f.RealisasiFactory(indikator=indikator, nilai=D("5"))
    pk = PerjanjianKinerja.objects.get(kecamatan=kecamatan_a, tahun=2021)
    for kode, target, realisasi in [("S1.2", "50", None), ("S1.3", "0", "3"), ("S1.4", "50", "50")]:
        lain = f.IndikatorFactory(sasaran=indikator.sasaran, kode=kode)
        f.TargetPKFactory(perjanjian=pk, indikator=lain, nilai=D(target))
        if realisasi:
            f.RealisasiFactory(indikator=lain, nilai=D(realisasi))
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert [(i.kode, i.catatan) for i in data.indikator] == [
        ("S1.1", 1),
        ("S1.2", 2),
        ("S1.3", 1),
        ("S1.4", None),
    ]
    assert [(c.nomor, c.teks_lengkap) for c in data.catatan] == [
        (1, "target 0; tidak dihitung dalam rata-rata (S1.1, S1.3)"),
        (2, "realisasi belum diisi; tidak dihitung dalam rata-rata (S1.2)"),
    ]
    assert (data.kelompok[0].rata_rata, data.kelompok[0].jumlah_tidak_dihitung) == (D("100"), 3)


def test_realisasi_belum_tersedia_dengan_keterangan(kecamatan_a):
    indikator = _indikator(kecamatan_a, target="85")
    f.RealisasiFactory(
        indikator=indikator,
        nilai=None,
        status=Status.BELUM_TERSEDIA,
        keterangan="Belum mendapatkan nilai survey dari BAPPEDA",
    )
    # A triwulan value does not replace a yearly value marked "belum tersedia".
    f.RealisasiFactory(indikator=indikator, periode=Periode.TW1, nilai=D("80"))
    _, i = _satu(kecamatan_a)
    assert (i.capaian, i.alasan, i.realisasi.teks) == (
        None,
        "belum tersedia: Belum mendapatkan nilai survey dari BAPPEDA",
        "Belum tersedia",
    )


@pytest.mark.parametrize(
    ("kolom", "nilai"),
    [
        ({"kumulatif": True}, D("60")),
        ({"kumulatif": False}, D("30")),
        ({"kumulatif": True, "sumber_realisasi": SumberRealisasi.SKM}, D("20")),
    ],
)
def test_realisasi_dari_triwulan(kecamatan_a, kolom, nilai):
    indikator = _indikator(kecamatan_a, target="50", **kolom)
    for periode, n in zip(Realisasi.TRIWULAN[:3], ["10", "20", "30"], strict=True):
        f.RealisasiFactory(indikator=indikator, periode=periode, nilai=D(n))
    _, i = _satu(kecamatan_a)
    assert (i.realisasi.nilai, i.realisasi.dari_triwulan, i.capaian) == (nilai, True, nilai * 2)


def test_target_berhuruf(kecamatan_a):
    indikator = _indikator(kecamatan_a, target="71.20", label="BB")
    f.RealisasiFactory(indikator=indikator, nilai=D("72.10"), label="BB")
    _, i = _satu(kecamatan_a)
    assert (i.target.teks, i.realisasi.teks, dua(i.capaian)) == ("BB (71,20)", "BB (72,10)", D("101.26"))


def test_kemajuan_kumulatif_menjumlah_realisasi_sejak_awal_renstra(kecamatan_a):
    indikator = _indikator(kecamatan_a, target="30", kumulatif=True, target_akhir=D("150"))
    for tahun, n in [(2018, "99"), (2019, "20"), (2020, "30"), (2021, "25")]:
        f.RealisasiFactory(indikator=indikator, tahun=tahun, nilai=D(n))
    _, i = _satu(kecamatan_a)
    # 2018 lies before the Renstra 2019-2023 and is not counted.
    assert (i.realisasi_kemajuan, i.tingkat_kemajuan) == (D("75"), D("50"))


def test_tanpa_pk_memakai_target_renstra(kecamatan_a):
    indikator = _indikator(kecamatan_a, pk=False)
    f.TargetFactory(indikator=indikator, tahun=2021, nilai=D("80"))
    f.RealisasiFactory(indikator=indikator, nilai=D("84"))
    data, i = _satu(kecamatan_a)
    assert (data.perjanjian, data.sumber_target, i.sumber_target, i.nama_sumber_target) == (
        None,
        SUMBER_RENSTRA,
        SUMBER_RENSTRA,
        "Renstra",
    )
    assert data.keterangan_sumber_target == (
        "Target Renstra 2019-2023 tahun 2021 (belum ada Perjanjian Kinerja tahun 2021)"
    )
    assert dua(i.capaian) == D("105.00")
    assert [(p.jenis, p.teks) for p in data.peringatan] == [
        (
            "tanpa_pk",
            "Belum ada Perjanjian Kinerja tahun 2021: target diambil dari Renstra 2019-2023 tahun 2021.",
        )
    ]


def test_tanpa_pk_dan_target_kosong(kecamatan_a):
    _indikator(kecamatan_a, pk=False)
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert (data.kosong, data.sumber_target, data.capaian_organisasi) == (True, "", None)


def test_tahun_tanpa_renstra_dan_pk_none(kecamatan_a):
    _indikator(kecamatan_a, pk=False)
    assert pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2010) is None


def test_indikator_tujuan_di_pk_tidak_masuk_capaian_organisasi(kecamatan_a):
    indikator = _indikator(kecamatan_a, target="100")
    f.RealisasiFactory(indikator=indikator, nilai=D("100"))
    tujuan = indikator.sasaran.tujuan
    ind_tujuan = f.IndikatorFactory(tujuan=tujuan, sasaran=None, kode="T1.1")
    pk = PerjanjianKinerja.objects.get(kecamatan=kecamatan_a, tahun=2021)
    f.TargetPKFactory(perjanjian=pk, indikator=ind_tujuan, nilai=D("50"))
    f.RealisasiFactory(indikator=ind_tujuan, nilai=D("40"))
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    assert [(k.tingkat, k.kode, dua(k.rata_rata)) for k in data.kelompok] == [
        ("tujuan", tujuan.kode, D("80.00")),
        ("sasaran", "S1", D("100.00")),
    ]
    assert (data.capaian_organisasi, data.jumlah_sasaran, data.jumlah_indikator) == (D("100"), 1, 2)
    # A tujuan below 100 % asks for no sasaran analysis.
    assert data.peringatan == []


def test_batas_100_dari_pengaturan_kabupaten(kecamatan_a):
    kabupaten = kecamatan_a.kabupaten
    kabupaten.batasi_capaian_100 = True
    kabupaten.save()
    indikator = _indikator(kecamatan_a, target="80")
    f.RealisasiFactory(indikator=indikator, nilai=D("100"))
    data, i = _satu(kecamatan_a)
    # The indicator table stays uncapped; the means are capped.
    assert (i.capaian, data.kelompok[0].rata_rata, data.capaian_organisasi, data.batas_100) == (
        D("125"),
        D("100"),
        D("100"),
        True,
    )


# --- query count -------------------------------------------------------------------------------------------


def _kecamatan_n(kecamatan, n: int) -> None:
    """n sasaran with n indicators each, every indicator with targets, PK lines, realisasi this and
    last year and triwulan values; one sasaran with an analysis."""
    renstra = f.RenstraFactory(kecamatan=kecamatan, tahun_awal=2019, tahun_akhir=2023)
    tujuan = f.TujuanFactory(renstra=renstra)
    pk_lalu = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=2020)
    murni = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=2021)
    perubahan = f.PerjanjianKinerjaFactory(
        kecamatan=kecamatan, tahun=2021, jenis=PerjanjianKinerja.Jenis.PERUBAHAN
    )
    for s in range(n):
        sasaran = f.SasaranFactory(renstra=renstra, tujuan=tujuan)
        if s == 0:
            AnalisisSasaran.objects.create(sasaran=sasaran, tahun=2021, solusi=["s"])
        for _ in range(n):
            indikator = f.IndikatorFactory(sasaran=sasaran, target_akhir=D("90"), kumulatif=bool(s % 2))
            for t in (2019, 2020, 2021):
                f.TargetFactory(indikator=indikator, tahun=t)
            for dok in (pk_lalu, murni, perubahan):
                f.TargetPKFactory(perjanjian=dok, indikator=indikator)
            f.RealisasiFactory(indikator=indikator, tahun=2020, nilai=D("80"))
            f.RealisasiFactory(indikator=indikator, tahun=2021, nilai=D("95"))
            for periode in Realisasi.TRIWULAN:
                f.RealisasiFactory(indikator=indikator, tahun=2021, periode=periode)


def test_jumlah_query_tetap(kecamatan_a):
    hitungan = []
    for n, kecamatan in [(1, kecamatan_a), (3, f.KecamatanFactory(kabupaten=kecamatan_a.kabupaten))]:
        _kecamatan_n(kecamatan, n)
        kecamatan = Kecamatan.objects.select_related("kabupaten").get(pk=kecamatan.pk)
        with CaptureQueriesContext(connection) as q:
            data = pengukuran_kinerja(kecamatan=kecamatan, tahun=2021)
        assert (len(data.kelompok), len(data.indikator), data.tahun_pembanding) == (n, n * n, [2019, 2020])
        hitungan.append(len(q))
    assert hitungan == [5, 5]
