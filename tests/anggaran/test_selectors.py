"""anggaran/selectors.py: the tree with its sums and serapan at every level."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from anggaran import selectors
from anggaran.models import PosAnggaran
from tests import factories as f
from tests.anggaran import factories as fa

pytestmark = pytest.mark.django_db
D = Decimal


def dua(x: Decimal | None) -> Decimal | None:
    return None if x is None else x.quantize(D("0.01"), ROUND_HALF_UP)


def ringkas(simpul):
    j = simpul.jumlah
    return (simpul.pos.kode, j.pagu_murni, j.pagu, j.realisasi, dua(j.serapan), simpul.daun)


def test_jumlah_dan_serapan_setiap_tingkat(pohon_a, kecamatan_a):
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    assert [ringkas(s) for s in pohon.baris()] == [
        ("7.01.01", D("1761237403"), D("1761237403"), D("1688071496"), D("95.85"), False),
        ("7.01.01.2.02", D("1678571471"), D("1678571471"), D("1611891182"), D("96.03"), False),
        ("7.01.01.2.02.0001", D("1654591471"), D("1654591471"), D("1589071682"), D("96.04"), True),
        ("7.01.01.2.02.0003", D("22480000"), D("22480000"), D("22164000"), D("98.59"), True),
        ("7.01.01.2.02.0005", D("1500000"), D("1500000"), D("655500"), D("43.70"), True),
        ("7.01.01.2.08", D("82665932"), D("82665932"), D("76180314"), D("92.15"), False),
        ("7.01.01.2.08.0002", D("14200000"), D("14200000"), D("12972781"), D("91.36"), True),
        ("7.01.01.2.08.0004", D("68465932"), D("68465932"), D("63207533"), D("92.32"), True),
        ("7.01.02", D("31500000"), D("51500000"), D("51500000"), D("100.00"), False),
        ("7.01.02.2.01", D("31500000"), D("51500000"), D("51500000"), D("100.00"), True),
    ]
    assert (pohon.total.pagu_murni, pohon.total.pagu, pohon.total.realisasi, dua(pohon.total.serapan)) == (
        D("1792737403"),
        D("1812737403"),
        D("1739571496"),
        D("95.96"),
    )
    assert pohon.jumlah_tingkat() == {"program": 2, "kegiatan": 3, "sub_kegiatan": 5}
    assert [s.kedalaman for s in pohon.baris()] == [0, 1, 2, 2, 2, 1, 2, 2, 0, 1]


def test_serapan_tanpa_pagu_tidak_terdefinisi(pohon_a, kecamatan_a):
    PosAnggaran.objects.filter(pk=pohon_a.dilimpahkan.pk).update(pagu=0, pagu_murni=None, realisasi=None)
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    pemerintahan = pohon.program[1]
    assert (pemerintahan.jumlah.pagu, pemerintahan.jumlah.realisasi, pemerintahan.jumlah.serapan) == (
        D(0),
        None,
        None,
    )


def test_peringatan_realisasi_melebihi_pagu(pohon_a, kecamatan_a):
    PosAnggaran.objects.filter(pk=pohon_a.gaji.pk).update(realisasi=D("1700000000"))
    PosAnggaran.objects.filter(pk=pohon_a.penatausahaan.pk).update(
        realisasi=D("23000000"), alasan_lebih_pagu="Pergeseran anggaran"
    )
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    assert [(s.pos.kode, s.peringatan) for s in pohon.baris() if s.peringatan] == [
        (
            "7.01.01.2.02.0001",
            ["Realisasi Rp 1.700.000.000,00 melebihi pagu Rp 1.654.591.471,00; alasannya belum dicatat."],
        ),
        (
            "7.01.01.2.02.0003",
            ["Realisasi Rp 23.000.000,00 melebihi pagu Rp 22.480.000,00. Alasan: Pergeseran anggaran"],
        ),
    ]


def test_peringatan_belanja_tidak_sama_dengan_pos(pohon_a, kecamatan_a):
    fa.BelanjaFactory(tahun_anggaran=pohon_a.tahun_anggaran, jenis="Belanja Operasi", pagu=D("1800000000"))
    fa.BelanjaFactory(
        tahun_anggaran=pohon_a.tahun_anggaran,
        jenis="Belanja Modal",
        pagu=D("12737403"),
        realisasi=D("5"),
        urutan=1,
    )
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    assert [(b.belanja.jenis, dua(b.proporsi)) for b in pohon.belanja] == [
        ("Belanja Operasi", D("99.30")),
        ("Belanja Modal", D("0.70")),
    ]
    assert pohon.peringatan == [
        "Jumlah realisasi program/kegiatan/sub kegiatan (Rp 1.739.571.496,00) tidak sama dengan realisasi "
        "total jenis belanja (Rp 5,00)."
    ]


def test_daftar_tahun(pohon_a, kecamatan_a):
    fa.TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2025)
    daftar = selectors.tahun_anggaran_daftar(kecamatan=kecamatan_a)
    assert [(r.tahun_anggaran.tahun, r.jumlah.pagu, r.jumlah.realisasi, r.jumlah_pos) for r in daftar] == [
        (2025, None, None, 0),
        (2024, D("1812737403.00"), D("1739571496.00"), 10),
    ]


def test_tahun_kecamatan_lain_tidak_ada(pohon_a, kecamatan_b):
    assert selectors.pohon_anggaran(kecamatan=kecamatan_b, tahun=2024) is None
    assert selectors.pos_untuk(kecamatan=kecamatan_b, pos_id=pohon_a.gaji.pk) is None


@pytest.mark.parametrize("jumlah", [1, 3])
def test_pohon_jumlah_query_tetap(kecamatan_a, jumlah, django_assert_num_queries):
    ta = fa.TahunAnggaranFactory(kecamatan=kecamatan_a)
    renstra = f.RenstraFactory(kecamatan=kecamatan_a, tahun_awal=2021, tahun_akhir=2026)
    sasaran = f.SasaranFactory(renstra=renstra, tujuan=f.TujuanFactory(renstra=renstra))
    for _ in range(jumlah):
        program = fa.PosAnggaranFactory(tahun_anggaran=ta)
        fa.ProgramSasaranFactory(program=program, sasaran=sasaran)
        kegiatan = fa.PosAnggaranFactory(induk=program)
        fa.IndikatorKeluaranFactory(pos=fa.PosAnggaranFactory(induk=kegiatan, pagu=D(10), realisasi=D(5)))
    with django_assert_num_queries(5):
        pohon = selectors.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
        baris = pohon.baris()
        assert [len(s.indikator) for s in baris] == [0, 0, 1] * jumlah
        assert [s.sasaran[0].kode for s in pohon.program] == [sasaran.kode] * jumlah


def test_anggaran_per_sasaran(pohon_a, kecamatan_a, data_a):
    s1, s2 = data_a.renstra.sasaran.order_by("urutan")
    fa.ProgramSasaranFactory(program=pohon_a.penunjang, sasaran=s2)
    fa.ProgramSasaranFactory(program=pohon_a.pemerintahan, sasaran=s1)
    fa.ProgramSasaranFactory(program=pohon_a.pemerintahan, sasaran=s2, urutan=1)
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan_a, tahun=2024)
    hasil = selectors.anggaran_per_sasaran(pohon=pohon)
    assert [
        (
            a.sasaran.kode,
            [p.pos.kode for p in a.program],
            a.jumlah.pagu,
            dua(a.jumlah.serapan),
            dua(a.porsi_pagu),
        )
        for a in hasil
    ] == [
        ("S1", ["7.01.02"], D("51500000"), D("100.00"), D("2.84")),
        ("S2", ["7.01.01", "7.01.02"], D("1812737403"), D("95.96"), D("100.00")),
    ]


def test_banding_pk_dengan_anggaran(pohon_a, kecamatan_a, operator_a):
    pk = f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2024)
    f.ProgramPKFactory(
        perjanjian=pk, kode="7.01.01", nama="Program Penunjang", anggaran=D("1761237403"), urutan=1
    )
    f.ProgramPKFactory(
        perjanjian=pk,
        nama="program penyelenggaraan  pemerintahan dan pelayanan publik",
        anggaran=D("50000000"),
        urutan=2,
    )
    f.ProgramPKFactory(perjanjian=pk, nama="Program Lain", anggaran=D("1000"), urutan=3)
    fa.PosAnggaranFactory(tahun_anggaran=pohon_a.tahun_anggaran, kode="7.01.03", nama="Program Pemberdayaan")
    [banding] = selectors.pk_anggaran_banding(kecamatan=kecamatan_a, tahun=2024)
    assert [
        (
            b.program_pk.nama if b.program_pk else None,
            b.program.pos.kode if b.program else None,
            b.cocok_dengan,
            b.anggaran_pk,
            b.pagu,
            b.selisih,
        )
        for b in banding.baris
    ] == [
        ("Program Penunjang", "7.01.01", "kode", D("1761237403.00"), D("1761237403.00"), D("0.00")),
        (
            "program penyelenggaraan  pemerintahan dan pelayanan publik",
            "7.01.02",
            "nama",
            D("50000000.00"),
            D("51500000.00"),
            D("-1500000.00"),
        ),
        ("Program Lain", None, "", D("1000.00"), None, None),
        (None, "7.01.03", "", None, None, None),
    ]
    assert banding.ada_selisih is True


def test_riwayat_pos(pohon_a, operator_a):
    from anggaran import services

    services.pos_anggaran_jumlah_simpan(
        user=operator_a,
        pos=pohon_a.gaji,
        pagu_murni=D("1654591471"),
        pagu=D("1654591471"),
        realisasi=D("1600000000"),
        alasan="Koreksi",
    )
    [terbaru, dibuat] = selectors.pos_riwayat(pos=pohon_a.gaji)
    assert (terbaru.pengguna, terbaru.jenis_tampil, terbaru.alasan) == ("operator_a", "diubah", "Koreksi")
    assert [(p.nama, p.lama, p.baru) for p in terbaru.perubahan] == [
        ("realisasi", D("1589071682.00"), D("1600000000.00"))
    ]
    assert (dibuat.pengguna, dibuat.jenis_tampil) == ("sistem", "dibuat")
