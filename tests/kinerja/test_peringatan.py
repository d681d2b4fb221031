"""kinerja/peringatan.py: warnings while targets and realisasi are entered (DOMAIN.md §5.2)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from kinerja.models import Arah, Realisasi
from kinerja.peringatan import (
    JenisPeringatan,
    SumberTarget,
    realisasi_belum_diisi,
    target_kurang_menantang,
)
from tests import factories as f
from tests.conftest import bagian, buat_kecamatan_lengkap, teks

pytestmark = pytest.mark.django_db

D = Decimal
Periode = Realisasi.Periode
Status = Realisasi.Status
BELUM_DIISI = (
    "Realisasi 2021 belum diisi, tahunan maupun triwulan. Isi nilainya, atau pilih status Belum tersedia "
    "dan jelaskan di keterangan."
)


def _realisasi_2020(data_a):
    """2020: S1.1 reached 85; S2.2 (arah turun) 2 through its triwulan; T1.1 BB (72,10); S2.1 belum
    tersedia."""
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=D("85"))
    f.RealisasiFactory(indikator=data_a.s22, tahun=2020, periode=Periode.TW1, nilai=D("1"))
    f.RealisasiFactory(indikator=data_a.s22, tahun=2020, periode=Periode.TW2, nilai=D("2"))
    f.RealisasiFactory(indikator=data_a.t11, tahun=2020, nilai=D("72.10"), label="BB")
    f.RealisasiFactory(indikator=data_a.s21, tahun=2020, nilai=None, status=Status.BELUM_TERSEDIA)


def _ringkas(peringatan):
    return [(p.indikator.kode, p.sumber, p.target, p.realisasi, p.pesan) for p in peringatan]


# --- target kurang menantang -----------------------------------------------------------------------------


def test_target_kurang_menantang_semua_sumber(data_a, kecamatan_a):
    _realisasi_2020(data_a)
    hasil = target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021)
    assert _ringkas(hasil) == [
        (
            "T1.1",
            SumberTarget.RENSTRA,
            D("71.2000"),
            D("72.1000"),
            "Target Renstra 2021 BB (71,20) lebih rendah dari realisasi 2020 BB (72,10): target kurang "
            "menantang.",
        ),
        (
            "S1.1",
            SumberTarget.PK_MURNI,
            D("84.0000"),
            D("85.0000"),
            "Target PK 2021 (84,00) lebih rendah dari realisasi 2020 (85,00): target kurang menantang.",
        ),
        (
            "S2.2",
            SumberTarget.PK_PERUBAHAN,
            D("4.0000"),
            D("2.0000"),
            "Target PK Perubahan 2021 (4,00) lebih tinggi dari realisasi 2020 (2,00): target kurang "
            "menantang (indikator makin rendah makin baik).",
        ),
        (
            "S2.2",
            SumberTarget.RENSTRA,
            D("6.0000"),
            D("2.0000"),
            "Target Renstra 2021 (6,00) lebih tinggi dari realisasi 2020 (2,00): target kurang menantang "
            "(indikator makin rendah makin baik).",
        ),
    ]
    assert {p.jenis for p in hasil} == {JenisPeringatan.TARGET_KURANG_MENANTANG}
    assert [(p.sasaran.kode if p.sasaran else None, p.tahun, p.tahun_realisasi) for p in hasil] == [
        (None, 2021, 2020),
        ("S1", 2021, 2020),
        ("S2", 2021, 2020),
        ("S2", 2021, 2020),
    ]


def test_target_kurang_menantang_menurut_sumber(data_a, kecamatan_a):
    _realisasi_2020(data_a)
    hasil = target_kurang_menantang(
        kecamatan=kecamatan_a, tahun=2021, sumber=(SumberTarget.PK_MURNI, SumberTarget.PK_PERUBAHAN)
    )
    assert [(p.indikator.kode, p.sumber) for p in hasil] == [
        ("S1.1", SumberTarget.PK_MURNI),
        ("S2.2", SumberTarget.PK_PERUBAHAN),
    ]
    hasil = target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021, sumber=(SumberTarget.RENSTRA,))
    assert [(p.indikator.kode, p.sumber) for p in hasil] == [
        ("T1.1", SumberTarget.RENSTRA),
        ("S2.2", SumberTarget.RENSTRA),
    ]


def test_target_sama_dengan_realisasi_tidak_diperingatkan(data_a, kecamatan_a):
    # PK perubahan S1.1 85,78 = realisasi 2020 85,78: not lower.
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=D("85.78"))
    hasil = target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021)
    assert _ringkas(hasil) == [
        (
            "S1.1",
            SumberTarget.PK_MURNI,
            D("84.0000"),
            D("85.7800"),
            "Target PK 2021 (84,00) lebih rendah dari realisasi 2020 (85,78): target kurang menantang.",
        )
    ]


def test_realisasi_turunan_triwulan_kumulatif(data_a, kecamatan_a):
    data_a.s22.kumulatif = True
    data_a.s22.save()
    for periode, nilai in ((Periode.TW1, "2"), (Periode.TW3, "3")):
        f.RealisasiFactory(indikator=data_a.s22, tahun=2020, periode=periode, nilai=D(nilai))
    hasil = target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021)
    # Sum 5: PK perubahan 4 is lower (fine for arah turun), Renstra 6 is higher.
    assert [(p.indikator.kode, p.sumber, p.realisasi) for p in hasil] == [
        ("S2.2", SumberTarget.RENSTRA, D("5.0000"))
    ]


def test_tanpa_realisasi_tahun_lalu_tidak_ada_peringatan(data_a, kecamatan_a):
    assert target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021) == []
    assert target_kurang_menantang(kecamatan=kecamatan_a, tahun=2030) == []


def test_target_kurang_menantang_hanya_kecamatan_sendiri(data_a, kecamatan_a, kecamatan_b):
    _realisasi_2020(data_a)
    assert target_kurang_menantang(kecamatan=kecamatan_b, tahun=2021) == []


@pytest.mark.parametrize("jumlah", [1, 3])
def test_target_kurang_menantang_jumlah_query_tetap(kecamatan_a, jumlah, django_assert_num_queries):
    renstra = buat_kecamatan_lengkap(kecamatan_a, jumlah)
    for indikator in renstra.indikator.filter(sasaran__isnull=False):
        f.RealisasiFactory(indikator=indikator, tahun=2020, nilai=D("120"))
        indikator.arah = Arah.NAIK
        indikator.save()
    with django_assert_num_queries(3):
        hasil = target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021)
        html = render_to_string(
            "kinerja/_peringatan.html", {"peringatan": hasil, "judul": "Target", "id_peringatan": "p"}
        )
        assert [p.sasaran.kode for p in hasil] == [p.indikator.sasaran.kode for p in hasil]
    # Each indicator: its PK murni, PK perubahan and Renstra targets (100) are below 120.
    assert len(hasil) == 3 * jumlah
    assert teks(html).startswith(f"Target {3 * jumlah} ")


# --- realisasi belum diisi --------------------------------------------------------------------------------


def test_realisasi_belum_diisi_indikator_pk_tanpa_nilai(data_a, kecamatan_a):
    hasil = realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2021)
    assert [(p.jenis, p.indikator.kode, p.sasaran.kode, p.pesan) for p in hasil] == [
        (JenisPeringatan.REALISASI_BELUM_DIISI, "S2.2", "S2", BELUM_DIISI)
    ]


def test_realisasi_belum_diisi_triwulan_saja_cukup(data_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=Periode.TW2, nilai=D("1"))
    assert realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2021) == []


def test_realisasi_belum_tersedia_tidak_diperingatkan(data_a, kecamatan_a):
    f.RealisasiFactory(
        indikator=data_a.s22, tahun=2021, nilai=None, status=Status.BELUM_TERSEDIA, keterangan="Satpol PP"
    )
    assert realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2021) == []


def test_realisasi_tahunan_final_tanpa_nilai_tetap_diperingatkan(data_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, nilai=None, keterangan="Menunggu")
    assert [p.indikator.kode for p in realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2021)] == ["S2.2"]


def test_realisasi_belum_diisi_memakai_pk_murni_bila_tanpa_perubahan(data_a, kecamatan_a):
    assert [p.indikator.kode for p in realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2020)] == ["S1.1"]
    assert realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2022) == []


@pytest.mark.parametrize("jumlah", [1, 3])
def test_realisasi_belum_diisi_jumlah_query_tetap(kecamatan_a, jumlah, django_assert_num_queries):
    renstra = buat_kecamatan_lengkap(kecamatan_a, jumlah)
    pk_2022 = f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2022)
    for indikator in renstra.indikator.filter(sasaran__isnull=False):
        f.TargetPKFactory(perjanjian=pk_2022, indikator=indikator)
    with django_assert_num_queries(3):
        hasil = realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2022)
        html = render_to_string(
            "kinerja/_peringatan.html", {"peringatan": hasil, "judul": "Belum diisi", "id_peringatan": "p"}
        )
        assert all(p.sasaran is not None for p in hasil)
    assert len(hasil) == jumlah
    assert bagian(html, "p").startswith(f"Belum diisi {jumlah} ")


# --- the partial -----------------------------------------------------------------------------------------


def test_partial_kosong_tidak_menampilkan_apa_apa():
    html = render_to_string("kinerja/_peringatan.html", {"peringatan": [], "id_peringatan": "p"})
    assert html.strip() == ""


def test_partial_panjang_dilipat(data_a, kecamatan_a):
    _realisasi_2020(data_a)
    hasil = target_kurang_menantang(kecamatan=kecamatan_a, tahun=2021)
    html = render_to_string(
        "kinerja/_peringatan.html",
        {"peringatan": hasil, "judul": "Target kurang menantang", "id_peringatan": "peringatan-target"},
    )
    assert bagian(html, "peringatan-target") == (
        "Target kurang menantang 4 "
        "T1.1 Nilai SAKIP Kecamatan: Target Renstra 2021 BB (71,20) lebih rendah dari realisasi 2020 "
        "BB (72,10): target kurang menantang. "
        "S1.1 Indeks Kepuasan Masyarakat: Target PK 2021 (84,00) lebih rendah dari realisasi 2020 (85,00): "
        "target kurang menantang. "
        "S2.2 Jumlah gangguan ketertiban: Target PK Perubahan 2021 (4,00) lebih tinggi dari realisasi 2020 "
        "(2,00): target kurang menantang (indikator makin rendah makin baik). "
        "Tampilkan 1 lainnya "
        "S2.2 Jumlah gangguan ketertiban: Target Renstra 2021 (6,00) lebih tinggi dari realisasi 2020 "
        "(2,00): target kurang menantang (indikator makin rendah makin baik)."
    )
    assert html.count("<details") == 1


def test_partial_hanya_indikator_dengan_keterangan(data_a, kecamatan_a):
    html = render_to_string(
        "kinerja/_peringatan.html",
        {
            "peringatan": realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2021),
            "judul": "Realisasi belum diisi",
            "id_peringatan": "p",
            "keterangan": "Isi nilainya.",
            "hanya_indikator": True,
        },
    )
    assert bagian(html, "p") == "Realisasi belum diisi 1 Isi nilainya. S2.2 Jumlah gangguan ketertiban"
