"""kinerja/skm.py: NRR, IKM, konversi, mutu and the SAKIP score, against DOMAIN.md §3.7-3.8 and the
golden values of §3.12, plus hypothesis properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja import skm
from lkjip.format import format_angka

D = Decimal

# 002 Purwareja Klampok 2024, nine NRR as printed [L848-856].
NRR_PURWAREJA = [D(x) for x in ("3.34", "3.38", "3.20", "3.97", "3.18", "3.39", "3.38", "3.38", "3.38")]


# --- golden values -------------------------------------------------------------------------------


def test_distribusi_0_40_20_40_memberi_nrr_3_dan_konversi_75():
    nrr = skm.nrr_dari_distribusi([D(0), D(40), D(20), D(40)])
    assert nrr == D("3")
    assert (format_angka(nrr, 2), format_angka(skm.konversi(nrr), 2)) == ("3,00", "75,00")


def test_purwareja_klampok_ikm_konversi_mutu():
    nilai_ikm = skm.ikm(NRR_PURWAREJA)
    assert nilai_ikm == D("3.4")
    nilai_konversi = skm.konversi(nilai_ikm)
    assert (format_angka(nilai_ikm, 3), format_angka(nilai_konversi, 2)) == ("3,400", "85,00")
    pita = skm.mutu(nilai_konversi)
    assert (pita.kode, pita.label, pita.warna) == ("B", "Baik", "biru")


def test_penimbang_tepat_bukan_0_111():
    # With the rounded weight 0,11 the seed would get 3,366; the exact 1/n gives 3,400.
    nrr = [D("3.34"), D("3.38"), None, D("3.20")]
    assert skm.ikm(nrr) == (D("3.34") + D("3.38") + D("3.20")) / 3


def test_ikm_tanpa_unsur_terisi_none():
    assert (skm.ikm([]), skm.ikm([None, None])) == (None, None)


def test_nrr_dari_jawaban_dan_jumlah_sama():
    jawaban = [4, 3, 3, 2, 4, 4, 1]
    assert skm.nrr_dari_jawaban(jawaban) == D(21) / D(7)
    assert skm.nrr_dari_jumlah([1, 1, 2, 3]) == D(21) / D(7)
    assert skm.nrr_dari_jawaban([]) is None
    assert skm.nrr_dari_jumlah([0, 0, 0, 0]) is None


@pytest.mark.parametrize(
    ("masukan", "pesan"),
    [([1, 5], "Jawaban harus 1, 2, 3 atau 4, bukan 5."), ([0], "Jawaban harus 1, 2, 3 atau 4, bukan 0.")],
)
def test_jawaban_di_luar_1_4_ditolak(masukan, pesan):
    with pytest.raises(ValueError) as e:
        skm.nrr_dari_jawaban(masukan)
    assert str(e.value) == pesan


def test_jumlah_dan_distribusi_harus_empat():
    with pytest.raises(ValueError) as e:
        skm.nrr_dari_jumlah([1, 2, 3])
    assert str(e.value) == "Jumlah jawaban harus empat angka (untuk jawaban 1 sampai 4), bukan 3."
    with pytest.raises(ValueError) as e:
        skm.nrr_dari_distribusi([D(50), D(50)])
    assert str(e.value) == "Distribusi harus empat persentase (untuk jawaban 1 sampai 4), bukan 2."
    with pytest.raises(ValueError) as e:
        skm.nrr_dari_jumlah([1, -2, 3, 4])
    assert str(e.value) == "Jumlah jawaban harus bilangan bulat tidak negatif, bukan -2."


@pytest.mark.parametrize(
    ("konversi", "versi", "kode", "label"),
    [
        ("88.31", "permenpan-rb-14-2017", "A", "Sangat Baik"),
        ("88.30", "permenpan-rb-14-2017", "B", "Baik"),
        ("76.61", "permenpan-rb-14-2017", "B", "Baik"),
        ("76.60", "permenpan-rb-14-2017", "C", "Kurang Baik"),
        ("65.00", "permenpan-rb-14-2017", "C", "Kurang Baik"),
        ("64.99", "permenpan-rb-14-2017", "D", "Tidak Baik"),
        ("85", "kepmenpan-25-2004", "A", "Sangat Baik"),
        ("81.25", "kepmenpan-25-2004", "B", "Baik"),
        ("62.50", "kepmenpan-25-2004", "C", "Kurang Baik"),
        ("43.75", "kepmenpan-25-2004", "D", "Tidak Baik"),
    ],
)
def test_mutu_per_versi(konversi, versi, kode, label):
    pita = skm.mutu(D(konversi), versi)
    assert (pita.kode, pita.label) == (kode, label)


@pytest.mark.parametrize(
    ("nrr", "versi", "kode"),
    [
        ("3.97", "permenpan-rb-14-2017", "A"),  # 002 prints "Baik"; its own text says sangat baik
        ("3.5324", "permenpan-rb-14-2017", "A"),
        ("3.532", "permenpan-rb-14-2017", "B"),
        ("3.18", "permenpan-rb-14-2017", "B"),
        ("3.0644", "permenpan-rb-14-2017", "B"),
        ("3.064", "permenpan-rb-14-2017", "C"),
        ("2.60", "permenpan-rb-14-2017", "C"),
        ("2.5996", "permenpan-rb-14-2017", "D"),
        ("3.26", "kepmenpan-25-2004", "A"),
        ("3.25", "kepmenpan-25-2004", "B"),
        ("2.51", "kepmenpan-25-2004", "B"),
        ("1.76", "kepmenpan-25-2004", "C"),
        ("1.75", "kepmenpan-25-2004", "D"),
    ],
)
def test_mutu_unsur_dari_nrr(nrr, versi, kode):
    assert skm.mutu_unsur(D(nrr), versi).kode == kode


def test_versi_tidak_dikenal():
    with pytest.raises(ValueError) as e:
        skm.mutu(D(80), "permenpan-2099")
    assert str(e.value) == (
        'Versi SKM "permenpan-2099" tidak dikenal. Pilih salah satu: permenpan-rb-14-2017, kepmenpan-25-2004.'
    )


def test_tabel_interval_14_2017():
    assert [(b.nrr, b.konversi, b.kode, b.label) for b in skm.tabel_interval()] == [
        ("≥ 3,5324", "≥ 88,31", "A", "Sangat Baik"),
        ("3,0644 - < 3,5324", "76,61 - < 88,31", "B", "Baik"),
        ("2,60 - < 3,0644", "65,00 - < 76,61", "C", "Kurang Baik"),
        ("< 2,60", "< 65,00", "D", "Tidak Baik"),
    ]


def test_tabel_interval_25_2004():
    assert [(b.nrr, b.konversi) for b in skm.tabel_interval("kepmenpan-25-2004")] == [
        ("≥ 3,26", "≥ 81,26"),
        ("2,51 - < 3,26", "62,51 - < 81,26"),
        ("1,76 - < 2,51", "43,76 - < 62,51"),
        ("< 1,76", "< 43,76"),
    ]


def test_ikm_tahunan_rerata_periode():
    # 002: "(semester 1 + semester 2) / 2".
    assert skm.ikm_tahunan([D("86.30"), D("85.39")]) == D("85.845")
    assert skm.ikm_tahunan([D("80"), None]) == D("80")
    assert skm.ikm_tahunan([]) is None


def test_unsur_terendah_tertinggi_di_bawah_rerata():
    nama = [n for _, n in skm.UNSUR["permenpan-rb-14-2017"]]
    pasangan = list(zip(nama, NRR_PURWAREJA, strict=True))
    assert skm.unsur_terendah(pasangan) == ["Produk Spesifikasi Jenis Pelayanan"]
    assert skm.unsur_tertinggi(pasangan) == ["Biaya/Tarif"]
    assert skm.unsur_di_bawah_rerata(pasangan) == [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]


def test_unsur_seri_dan_kosong():
    pasangan = [("a", D("3.38")), ("b", None), ("c", D("3.38")), ("d", D("3.5"))]
    assert skm.unsur_terendah(pasangan) == ["a", "c"]
    assert skm.unsur_tertinggi(pasangan) == ["d"]
    assert skm.unsur_di_bawah_rerata(pasangan) == ["a", "c"]
    assert (skm.unsur_terendah([]), skm.unsur_tertinggi([("x", None)]), skm.unsur_di_bawah_rerata([])) == (
        [],
        [],
        [],
    )


def test_kuesioner_sembilan_pertanyaan_empat_jawaban():
    assert [p.kode for p in skm.PERTANYAAN_14_2017] == [k for k, _ in skm.UNSUR["permenpan-rb-14-2017"]]
    assert all(len(p.jawaban) == 4 for p in skm.PERTANYAAN_14_2017)
    assert len(skm.UNSUR["kepmenpan-25-2004"]) == 14


# --- SAKIP --------------------------------------------------------------------------------------


def test_sakip_purwareja_klampok_2024():
    nilai = [D("22.20"), D("21.60"), D("10.80"), D("17.50")]
    total = skm.total_sakip(nilai)
    assert format_angka(total) == "72,10"
    assert skm.predikat_sakip(total).kode == "BB"
    bobot = [b for _, b in skm.BOBOT_SAKIP_88_2021]
    assert [format_angka(skm.persen_komponen_sakip(n, b)) for n, b in zip(nilai, bobot, strict=True)] == [
        "74,00",
        "72,00",
        "72,00",
        "70,00",
    ]
    assert skm.persen_komponen_sakip(D(1), D(0)) is None


@pytest.mark.parametrize(
    ("total", "kode"),
    [("60.59", "B"), ("71.20", "BB"), ("80", "BB"), ("80.01", "A"), ("30", "D"), ("90.5", "AA")],
)
def test_predikat_sakip_batas(total, kode):
    assert skm.predikat_sakip(D(total)).kode == kode


def test_predikat_sakip_tanpa_nilai():
    assert skm.predikat_sakip(None) is None


# --- properties ----------------------------------------------------------------------------------

nrr_sah = st.decimals(min_value=1, max_value=4, places=4, allow_nan=False, allow_infinity=False)


@given(st.lists(st.one_of(st.none(), nrr_sah), max_size=14))
def test_ikm_dalam_1_sampai_4(nrr):
    hasil = skm.ikm(nrr)
    if all(n is None for n in nrr):
        assert hasil is None
    else:
        assert D(1) <= hasil <= D(4)
        assert D(25) <= skm.konversi(hasil) <= D(100)


@given(nrr_sah)
def test_konversi_25_kali_ikm(nilai):
    assert skm.konversi(nilai) == nilai * 25
    assert skm.konversi(nilai) / 25 == nilai


@given(
    st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(list(skm.VERSI)),
)
def test_mutu_total(nilai, versi):
    assert skm.mutu(nilai, versi).kode in {"A", "B", "C", "D"}
    assert skm.mutu_unsur(nilai, versi).kode in {"A", "B", "C", "D"}


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=200))
def test_jumlah_sama_dengan_jawaban(jawaban):
    jumlah = [jawaban.count(k) for k in (1, 2, 3, 4)]
    assert skm.nrr_dari_jumlah(jumlah) == skm.nrr_dari_jawaban(jawaban)
    assert D(1) <= skm.nrr_dari_jawaban(jawaban) <= D(4)


@given(st.lists(st.one_of(st.none(), nrr_sah), max_size=9))
def test_di_bawah_rerata_tidak_memuat_tertinggi(nrr):
    pasangan = list(enumerate(nrr))
    bawah = skm.unsur_di_bawah_rerata(pasangan)
    if bawah:
        assert not set(bawah) & set(skm.unsur_tertinggi(pasangan))
        assert set(skm.unsur_terendah(pasangan)) <= set(bawah)
