"""kinerja.selectors: scope, the choice of targets and what counts as missing."""

from datetime import date
from decimal import Decimal

import pytest

from kinerja import selectors
from kinerja.models import PerjanjianKinerja, Realisasi
from lkjip.models import Kabupaten
from tests import factories as f

pytestmark = pytest.mark.django_db

Jenis = PerjanjianKinerja.Jenis


# --- kecamatan_daftar ----------------------------------------------------------------------------------


def test_kecamatan_daftar_lingkup_kabupaten_dan_anotasi(
    data_a, kecamatan_a, kecamatan_b, kecamatan_lain, kabupaten
):
    f.RenstraFactory(kecamatan=kecamatan_a, tahun_awal=2024, tahun_akhir=2026)
    daftar = selectors.kecamatan_daftar(kabupaten=Kabupaten.objects.filter(pk=kabupaten.pk))
    assert [(k.nama, k.renstra_awal, k.renstra_akhir, k.pk_terakhir) for k in daftar] == [
        ("Ajibarang", 2024, 2026, 2021),
        ("Cilongok", None, None, None),
    ]


def test_kecamatan_daftar_cari_tanpa_beda_huruf(kecamatan_a, kecamatan_b, kabupaten):
    daftar = selectors.kecamatan_daftar(kabupaten=[kabupaten], q="  ajiB ")
    assert [k.nama for k in daftar] == ["Ajibarang"]


# --- ringkasan_kecamatan and kecamatan_profil -----------------------------------------------------------


def test_ringkasan_kecamatan(data_a, kecamatan_a):
    ringkasan = selectors.ringkasan_kecamatan(kecamatan=kecamatan_a)
    assert [(t.tahun, t.ada_murni, t.ada_perubahan) for t in ringkasan.renstra[0].tahun] == [
        (2019, False, False),
        (2020, True, False),
        (2021, True, True),
        (2022, False, False),
        (2023, False, False),
    ]
    assert ringkasan.tahun_tanpa_pk == [2019, 2022, 2023]
    assert [
        (b.tahun, b.perjanjian.jenis, [i.kode for i in b.indikator]) for b in ringkasan.belum_realisasi
    ] == [
        (2020, Jenis.MURNI, ["S1.1"]),
        (2021, Jenis.PERUBAHAN, ["S2.2"]),
    ]
    assert ringkasan.lengkap is False


def test_ringkasan_realisasi_tanpa_nilai_dianggap_belum(data_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, nilai=None, status=Realisasi.Status.BELUM_TERSEDIA)
    ringkasan = selectors.ringkasan_kecamatan(kecamatan=kecamatan_a)
    assert [i.kode for i in ringkasan.belum_realisasi[-1].indikator] == ["S2.2"]


def test_ringkasan_triwulan_tidak_lengkap_dianggap_belum(data_a, kecamatan_a):
    for periode in Realisasi.TRIWULAN[:3]:
        f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=periode)
    ringkasan = selectors.ringkasan_kecamatan(kecamatan=kecamatan_a)
    assert [i.kode for i in ringkasan.belum_realisasi[-1].indikator] == ["S2.2"]


def test_ringkasan_kecamatan_lain_tidak_tercampur(data_a, kecamatan_b):
    ringkasan = selectors.ringkasan_kecamatan(kecamatan=kecamatan_b)
    assert (ringkasan.renstra, ringkasan.belum_realisasi, ringkasan.lengkap) == ([], [], True)


def test_kecamatan_profil_camat_dan_tahun_pk_lain(data_a, kecamatan_a, camat_pejabat_a):
    f.PejabatFactory(kecamatan=kecamatan_a, peran="lainnya", nama="Sekcam", mulai=date(2022, 1, 1))
    f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2017)
    profil = selectors.kecamatan_profil(kecamatan=kecamatan_a)
    assert profil.camat == camat_pejabat_a
    assert [d.nama for d in profil.desa] == ["Ajibarang Kulon", "Ajibarang Wetan"]
    assert profil.tahun_pk_lain == [2017]


def test_kecamatan_profil_camat_terakhir_bila_tak_ada_yang_menjabat(kecamatan_a):
    f.PejabatFactory(kecamatan=kecamatan_a, nama="Lama", mulai=date(2010, 1, 1), selesai=date(2014, 12, 31))
    f.PejabatFactory(kecamatan=kecamatan_a, nama="Baru", mulai=date(2015, 1, 1), selesai=date(2019, 12, 31))
    assert selectors.kecamatan_profil(kecamatan=kecamatan_a).camat.nama == "Baru"


# --- renstra_pohon ----------------------------------------------------------------------------------------


def test_renstra_pohon_struktur(data_a, kecamatan_a):
    pohon = selectors.renstra_pohon(kecamatan=kecamatan_a, renstra_id=data_a.renstra.pk)
    assert pohon.tahun == [2019, 2020, 2021, 2022, 2023]
    assert [(m.nomor, m.didukung) for m in pohon.misi] == [(1, False), (2, True)]
    [tujuan] = pohon.tujuan
    assert [b.indikator.kode for b in tujuan.indikator] == ["T1.1"]
    assert [(s.sasaran.kode, [b.indikator.kode for b in s.indikator]) for s in tujuan.sasaran] == [
        ("S1", ["S1.1"]),
        ("S2", ["S2.1", "S2.2"]),
    ]
    s11 = tujuan.sasaran[0].indikator[0]
    assert [t.tampil if t else None for t in s11.target] == [None, "85,78", "86,00", None, None]
    assert s11.target_akhir.tampil == "88,00"
    assert tujuan.indikator[0].target_akhir.tampil == "BB (75,00)"
    assert tujuan.sasaran[1].indikator[1].target_akhir is None


def test_renstra_pohon_kecamatan_lain_none(data_a, kecamatan_b):
    assert selectors.renstra_pohon(kecamatan=kecamatan_b, renstra_id=data_a.renstra.pk) is None


# --- pk_tahun ---------------------------------------------------------------------------------------------


def test_pk_tahun_urutan_dan_total(data_a, kecamatan_a):
    pk = selectors.pk_tahun(kecamatan=kecamatan_a, tahun=2021)
    assert [
        (b.indikator.kode, b.murni and b.murni.nilai, b.perubahan and b.perubahan.nilai) for b in pk.baris
    ] == [
        ("S1.1", Decimal("84.0000"), Decimal("85.7800")),
        ("S2.1", Decimal("100.0000"), Decimal("100.0000")),
        ("S2.2", None, Decimal("4.0000")),
    ]
    assert (pk.ada_triwulan_murni, pk.ada_triwulan_perubahan) == (True, False)
    assert [tw.nilai for tw in pk.baris[0].triwulan_murni] == [Decimal(n) for n in ("80", "82", "83", "84")]
    assert pk.murni.total_anggaran == Decimal("650068395.00")
    assert pk.perubahan.total_anggaran == Decimal("650000000.00")


def test_pk_tahun_hanya_perubahan(kecamatan_a):
    perubahan = f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2022, jenis=Jenis.PERUBAHAN)
    renstra = f.RenstraFactory(kecamatan=kecamatan_a)
    indikator = f.IndikatorFactory(sasaran=f.SasaranFactory(tujuan=f.TujuanFactory(renstra=renstra)))
    f.TargetPKFactory(perjanjian=perubahan, indikator=indikator)
    pk = selectors.pk_tahun(kecamatan=kecamatan_a, tahun=2022)
    assert (pk.murni, pk.perubahan.perjanjian, pk.perubahan.total_anggaran) == (None, perubahan, Decimal(0))
    assert [(b.murni, b.perubahan.nilai) for b in pk.baris] == [(None, Decimal("100"))]


def test_pk_tahun_tanpa_pk_none(data_a, kecamatan_a, kecamatan_b):
    assert selectors.pk_tahun(kecamatan=kecamatan_a, tahun=2022) is None
    assert selectors.pk_tahun(kecamatan=kecamatan_b, tahun=2021) is None


# --- realisasi_tahun ----------------------------------------------------------------------------------------


def test_realisasi_tahun_sumber_target(data_a, kecamatan_a):
    data = selectors.realisasi_tahun(kecamatan=kecamatan_a, tahun=2021)
    assert data.perjanjian == data_a.pk_2021_perubahan
    semua = [b for k in data.kelompok for b in k.baris]
    assert [(b.indikator.kode, b.target and b.target.tampil, b.sumber_target) for b in semua] == [
        ("T1.1", "BB (71,20)", "Renstra"),
        ("S1.1", "85,78", "PK Perubahan"),
        ("S2.1", "100,00", "PK Perubahan"),
        ("S2.2", "4,00", "PK Perubahan"),
    ]
    assert [(k.tingkat, k.kode) for k in data.kelompok] == [
        ("Tujuan", "T1"),
        ("Sasaran", "S1"),
        ("Sasaran", "S2"),
    ]


def test_realisasi_tahun_indikator_tak_ada_di_pk_perubahan_pakai_renstra(data_a, kecamatan_a):
    """The perubahan replaces the murni as a whole: an indicator it dropped falls back to the Renstra."""
    data_a.pk_2021_perubahan.target.filter(indikator=data_a.s21).delete()
    data = selectors.realisasi_tahun(kecamatan=kecamatan_a, tahun=2021)
    s21 = next(b for k in data.kelompok for b in k.baris if b.indikator == data_a.s21)
    assert (s21.target.tampil, s21.sumber_target) == ("100,00", "Renstra")


def test_realisasi_tahun_triwulan(data_a, kecamatan_a):
    data = selectors.realisasi_tahun(kecamatan=kecamatan_a, tahun=2021)
    s11 = data.kelompok[1].baris[0]
    assert s11.tahunan.nilai == Decimal("86.48")
    assert [r.nilai for r in s11.triwulan] == [Decimal(n) for n in ("80.10", "82.50", "84", "86.48")]
    s22 = data.kelompok[2].baris[1]
    assert (s22.tahunan, s22.triwulan) == (None, [None] * 4)


def test_realisasi_tahun_di_luar_periode_none(data_a, kecamatan_a, kecamatan_b):
    assert selectors.realisasi_tahun(kecamatan=kecamatan_a, tahun=2024) is None
    assert selectors.realisasi_tahun(kecamatan=kecamatan_b, tahun=2021) is None


# --- indikator_riwayat --------------------------------------------------------------------------------------


def test_indikator_riwayat_urut_terbaru_dulu(data_a, kecamatan_a, operator_a):
    riwayat = selectors.indikator_riwayat(kecamatan=kecamatan_a, indikator_id=data_a.s11.pk)
    waktu = [e.waktu for e in riwayat.entri]
    assert waktu == sorted(waktu, reverse=True)
    koreksi = next(e for e in riwayat.entri if e.alasan)
    assert (koreksi.pengguna, koreksi.objek, koreksi.jenis, koreksi.jenis_tampil) == (
        "operator_a",
        "realisasi 2021",
        "~",
        "diubah",
    )
    assert [(p.nama, p.lama, p.baru, p.angka) for p in koreksi.perubahan] == [
        ("nilai", Decimal("80.0000"), Decimal("86.4800"), True)
    ]


def test_indikator_riwayat_pk_dihapus(data_a, kecamatan_a):
    data_a.pk_2020.delete()
    riwayat = selectors.indikator_riwayat(kecamatan=kecamatan_a, indikator_id=data_a.s11.pk)
    assert [e.jenis for e in riwayat.entri if e.objek == "target PK (dokumen PK sudah dihapus)"] == ["-", "+"]


def test_indikator_riwayat_kecamatan_lain_none(data_a, kecamatan_b):
    assert selectors.indikator_riwayat(kecamatan=kecamatan_b, indikator_id=data_a.s11.pk) is None
