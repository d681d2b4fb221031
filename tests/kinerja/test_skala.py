"""kinerja/capaian.py: predikat scales as data (DESIGN.md §4, DOMAIN.md §3.10, §4.4 #2)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.capaian import (
    PALET,
    SKALA,
    SKALA_BAKU,
    Pita,
    Skala,
    SkalaTidakValid,
    kelas_warna,
    predikat,
    skala_dari_data,
)

D = Decimal


def kode(nilai, nama):
    pita = predikat(D(nilai), SKALA[nama])
    return pita.kode


# --- presets ------------------------------------------------------------------------------------------


def test_nama_preset():
    assert list(SKALA) == [
        "permendagri-86-2017",
        "jember",
        "banjar",
        "sakip",
        "skm-permenpan-rb-14-2017",
        "skm-kepmenpan-25-2004",
    ]
    assert SKALA_BAKU == "permendagri-86-2017"


@pytest.mark.parametrize(
    ("nama", "interval"),
    [
        ("permendagri-86-2017", ["≥ 91", "76 - < 91", "66 - < 76", "51 - < 66", "< 51"]),
        ("jember", ["> 100", "76 - ≤ 100", "55 - < 76", "< 55"]),
        ("banjar", ["≥ 100", "70 - < 100", "40 - < 70", "< 40"]),
        (
            "sakip",
            ["> 90", "> 80 - ≤ 90", "> 70 - ≤ 80", "> 60 - ≤ 70", "> 50 - ≤ 60", "> 30 - ≤ 50", "≤ 30"],
        ),
        ("skm-permenpan-rb-14-2017", ["≥ 88,31", "76,61 - < 88,31", "65 - < 76,61", "< 65"]),
        ("skm-kepmenpan-25-2004", ["≥ 81,26", "62,51 - < 81,26", "43,76 - < 62,51", "< 43,76"]),
    ],
)
def test_interval_preset_seperti_dicetak(nama, interval):
    assert [p.interval() for p in SKALA[nama].pita] == interval


def test_label_kode_warna_preset():
    def isi(nama):
        return [(p.label, p.kode, p.warna) for p in SKALA[nama].pita]

    assert isi("permendagri-86-2017") == [
        ("Sangat Tinggi", "ST", "hijau"),
        ("Tinggi", "T", "biru"),
        ("Sedang", "S", "kuning"),
        ("Rendah", "R", "oranye"),
        ("Sangat Rendah", "SR", "merah"),
    ]
    assert [(label, warna) for label, _, warna in isi("banjar")] == [
        ("Berhasil", "hijau"),
        ("Cukup Berhasil", "biru"),
        ("Kurang Berhasil", "kuning"),
        ("Tidak Berhasil", "merah"),
    ]
    assert [(k, label) for label, k, _ in isi("sakip")] == [
        ("AA", "Sangat Memuaskan"),
        ("A", "Memuaskan"),
        ("BB", "Sangat Baik"),
        ("B", "Baik"),
        ("CC", "Cukup"),
        ("C", "Kurang"),
        ("D", "Sangat Kurang"),
    ]
    assert [(k, label) for label, k, _ in isi("skm-permenpan-rb-14-2017")] == [
        ("A", "Sangat Baik"),
        ("B", "Baik"),
        ("C", "Kurang Baik"),
        ("D", "Tidak Baik"),
    ]


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("150", "ST"),
        ("101.26", "ST"),  # 002 labels 101,26 % "Sangat Tinggi"
        ("91", "ST"),
        ("90.99", "T"),  # the printed table has a gap 90-91; the preset closes it
        ("76", "T"),
        ("75.5", "S"),
        ("66", "S"),
        ("65.99", "R"),
        ("51", "R"),
        ("50.99", "SR"),
        ("0", "SR"),
        ("-10", "SR"),
    ],
)
def test_permendagri(nilai, hasil):
    assert kode(nilai, "permendagri-86-2017") == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [("100.01", "SB"), ("100", "B"), ("76", "B"), ("75.99", "C"), ("55", "C"), ("54.99", "K")],
)
def test_jember_100_persen_baik(nilai, hasil):
    """P2: "Lebih dari 100 %" is Sangat Baik, so exactly 100 % is Baik."""
    assert kode(nilai, "jember") == hasil


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        ("100", "Berhasil"),
        ("99.99", "Cukup Berhasil"),
        ("70", "Cukup Berhasil"),
        ("40", "Kurang Berhasil"),
        ("39.9", "Tidak Berhasil"),
    ],
)
def test_banjar(nilai, label):
    assert predikat(D(nilai), SKALA["banjar"]).label == label


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("90.01", "AA"),
        ("90", "A"),
        ("80", "BB"),  # S1 endpoints overlap; lower bound excluded: 80 is BB
        ("72.10", "BB"),  # 002
        ("70.88", "BB"),  # 004 L758
        ("70", "B"),
        ("60", "CC"),
        ("51.67", "CC"),  # 004 L390 "Cukup"
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_sakip(nilai, hasil):
    assert kode(nilai, "sakip") == hasil


@pytest.mark.parametrize(
    ("nilai", "permenpan", "kepmenpan"),
    [
        ("100", "A", "A"),
        ("88.31", "A", "A"),
        ("88.30", "B", "A"),
        ("85", "B", "A"),  # 003 "85 (B)" follows neither table exactly (DOMAIN.md §3.10 K2)
        ("81.26", "B", "A"),
        ("81.25", "B", "B"),
        ("76.61", "B", "B"),
        ("76.60", "C", "B"),
        ("72.4", "C", "B"),
        ("65", "C", "B"),
        ("64.99", "D", "B"),
        ("62.51", "D", "B"),
        ("62.50", "D", "C"),
        ("43.76", "D", "C"),
        ("43.75", "D", "D"),
        ("25", "D", "D"),
    ],
)
def test_skm(nilai, permenpan, kepmenpan):
    assert kode(nilai, "skm-permenpan-rb-14-2017") == permenpan
    assert kode(nilai, "skm-kepmenpan-25-2004") == kepmenpan


def test_predikat_none_untuk_none():
    assert predikat(None, SKALA["banjar"]) is None
    assert SKALA["banjar"].predikat(None) is None
    assert SKALA["banjar"].predikat(D(100)).label == "Berhasil"


# --- totality and uniqueness (properties) ---------------------------------------------------------------

_nilai = st.decimals(min_value=-10_000, max_value=10_000, places=4, allow_nan=False)


def _tepat_satu(skala: Skala, nilai: Decimal) -> None:
    cocok = [p for p in skala.pita if p.memuat(nilai)]
    assert len(cocok) == 1, (skala.nama, nilai, cocok)
    assert predikat(nilai, skala) is cocok[0]


@given(st.sampled_from(sorted(SKALA)), _nilai)
def test_preset_total_dan_unik(nama, nilai):
    _tepat_satu(SKALA[nama], nilai)


@pytest.mark.parametrize("nama", sorted(SKALA))
def test_preset_total_dan_unik_di_setiap_batas(nama):
    skala = SKALA[nama]
    batas = {b for p in skala.pita for b in (p.bawah, p.atas) if b is not None}
    for b in batas:
        for nilai in (b - D("0.0001"), b, b + D("0.0001")):
            _tepat_satu(skala, nilai)


@st.composite
def skala_acak(draw):
    """A valid scale: sorted distinct cut points, each cut given to exactly one side, shuffled."""
    potong = sorted(set(draw(st.lists(_nilai, max_size=6))))
    ke_atas = [draw(st.booleans()) for _ in potong]  # True: the cut belongs to the band below
    pita = []
    for i in range(len(potong) + 1):
        pita.append(
            {
                "bawah": potong[i - 1] if i > 0 else None,
                "atas": potong[i] if i < len(potong) else None,
                "bawah_termasuk": not ke_atas[i - 1] if i > 0 else True,
                "atas_termasuk": ke_atas[i] if i < len(potong) else False,
                "label": f"Pita {i}",
            }
        )
    urutan = draw(st.permutations(pita))
    return Skala.dari_pita(urutan, nama="Acak"), urutan, potong


@given(skala_acak(), _nilai)
def test_skala_acak_total_dan_unik(acak, nilai):
    skala, _, potong = acak
    _tepat_satu(skala, nilai)
    for b in potong:
        _tepat_satu(skala, b)


@given(skala_acak())
def test_urutan_pita_dipertahankan_dan_ke_data_bolak_balik(acak):
    skala, urutan, _ = acak
    assert [p.label for p in skala.pita] == [p["label"] for p in urutan]
    assert Skala.dari_pita(skala.ke_data(), nama="Acak") == skala


@given(skala_acak(), st.data())
def test_skala_acak_dengan_celah_ditolak(acak, data):
    skala, urutan, potong = acak
    if not potong:
        return
    # Move one band's upper bound down (a gap) or up (an overlap) by a little.
    dengan_atas = [i for i, p in enumerate(urutan) if p["atas"] is not None]
    i = data.draw(st.sampled_from(dengan_atas))
    geser = data.draw(st.sampled_from([D("-0.00001"), D("0.00001")]))
    rusak = [dict(p) for p in urutan]
    rusak[i]["atas"] = rusak[i]["atas"] + geser
    with pytest.raises(SkalaTidakValid) as galat:
        Skala.dari_pita(rusak)
    assert i in galat.value.indeks
    assert f"'{rusak[i]['label']}'" in str(galat.value)
    assert ("celah" if geser < 0 else "tumpang tindih") in str(galat.value)


# --- validation messages --------------------------------------------------------------------------------


def _galat(pita):
    with pytest.raises(SkalaTidakValid) as galat:
        Skala.dari_pita(pita, nama="Uji")
    return str(galat.value), galat.value.indeks


def test_celah_disebut_dengan_nama_pita():
    pesan, indeks = _galat(
        [
            {"bawah": 91, "label": "Sangat Tinggi"},
            {"bawah": 76, "atas": 90, "label": "Tinggi"},
            {"atas": 76, "label": "Lainnya"},
        ]
    )
    assert (
        pesan == "Pita 'Tinggi' (76 s.d. < 90) dan 'Sangat Tinggi' (≥ 91) menyisakan celah antara 90 dan 91."
    )
    assert indeks == (1, 0)


def test_tumpang_tindih_disebut_dengan_nama_pita():
    pesan, indeks = _galat(
        [
            {"bawah": 80, "atas": 90, "label": "A", "atas_termasuk": True},
            {"bawah": "70.5", "atas": 85, "label": "BB"},
            {"atas": "70.5", "label": "B"},
            {"bawah": 90, "label": "AA", "bawah_termasuk": False},
        ]
    )
    assert pesan == "Pita 'BB' (70,5 s.d. < 85) dan 'A' (80 s.d. ≤ 90) tumpang tindih antara 80 dan 85."
    assert indeks == (1, 0)


def test_titik_batas_dimuat_dua_pita():
    pesan, _ = _galat(
        [{"atas": 80, "atas_termasuk": True, "label": "Rendah"}, {"bawah": 80, "label": "Tinggi"}]
    )
    assert (
        pesan == "Pita 'Rendah' (≤ 80) dan 'Tinggi' (≥ 80) tumpang tindih pada nilai 80: keduanya memuatnya."
    )


def test_titik_batas_tidak_dimuat_pita_mana_pun():
    pesan, _ = _galat(
        [{"atas": 80, "label": "Rendah"}, {"bawah": 80, "bawah_termasuk": False, "label": "Tinggi"}]
    )
    assert (
        pesan
        == "Pita 'Rendah' (< 80) dan 'Tinggi' (> 80) menyisakan celah: nilai 80 tidak masuk pita mana pun."
    )


def test_dua_pita_tanpa_batas():
    pesan, indeks = _galat(
        [{"atas": 50, "label": "Rendah"}, {"atas": 60, "label": "Sedang"}, {"bawah": 60, "label": "Tinggi"}]
    )
    assert pesan == "Pita 'Rendah' (< 50) dan 'Sedang' (< 60) tumpang tindih: keduanya tanpa batas bawah."
    assert indeks == (0, 1)
    pesan, _ = _galat(
        [{"atas": 50, "label": "Rendah"}, {"bawah": 50, "label": "Tinggi"}, {"bawah": 70, "label": "Puncak"}]
    )
    assert pesan == (
        "Pita 'Tinggi' (≥ 50) dan 'Puncak' (≥ 70) tumpang tindih mulai dari 70: "
        "'Tinggi' (≥ 50) tanpa batas atas."
    )


def test_nilai_di_bawah_dan_di_atas_harus_tercakup():
    pesan, indeks = _galat([{"bawah": 0, "atas": 50, "label": "Rendah"}, {"bawah": 50, "label": "Tinggi"}])
    assert pesan == (
        "Tidak ada pita untuk nilai di bawah 0: pita 'Rendah' (0 s.d. < 50) adalah yang terendah. "
        "Kosongkan batas bawahnya agar semua nilai mendapat predikat."
    )
    assert indeks == (0,)
    pesan, indeks = _galat([{"atas": 50, "label": "Rendah"}, {"bawah": 50, "atas": 100, "label": "Tinggi"}])
    assert pesan == (
        "Tidak ada pita untuk nilai mulai 100: pita 'Tinggi' (50 s.d. < 100) adalah yang tertinggi. "
        "Kosongkan batas atasnya agar semua nilai mendapat predikat."
    )
    assert indeks == (1,)


def test_pita_kosong():
    pesan, indeks = _galat([{"atas": 50, "label": "Rendah"}, {"bawah": 90, "atas": 50, "label": "Aneh"}])
    assert pesan == "Pita 'Aneh' (90 s.d. < 50) kosong: batas bawah 90 harus lebih kecil dari batas atas 50."
    assert indeks == (1,)


@pytest.mark.parametrize(
    ("pita", "pesan"),
    [
        ([], "Skala harus punya paling sedikit satu pita."),
        ([{"label": " "}], "Pita ke-1 belum punya label."),
        (
            [{"label": "A"}, {"bawah": "7x", "label": "B"}],
            'Pita ke-2: batas bawah "7x" bukan angka (tulis misalnya 76 atau 88.31).',
        ),
        ([{"atas": True, "label": "A"}], "Pita ke-1: batas atas harus angka, bukan True."),
        ([{"label": "A", "warna": 3}], "Pita ke-1: warna harus teks."),
        (
            [{"label": "A", "bawah_termasuk": "ya"}],
            "Pita ke-1: bawah_termasuk harus true atau false, bukan 'ya'.",
        ),
        ([{"label": "A", "warnanya": "hijau"}], "Pita ke-1: kolom warnanya tidak dikenal."),
        (["A"], "Pita ke-1 harus berupa objek."),
    ],
)
def test_pita_rusak(pita, pesan):
    assert _galat(pita)[0] == pesan


def test_galat_skala_adalah_valueerror():
    with pytest.raises(ValueError, match="celah"):
        Skala.dari_pita([{"atas": 1, "label": "A"}, {"bawah": 2, "label": "B"}])


def test_satu_pita_untuk_semua_nilai():
    skala = Skala.dari_pita([{"label": "Semua"}])
    assert skala.pita[0].interval() == "semua nilai"
    assert predikat(D(-5), skala).label == "Semua"


def test_batas_dari_float_int_teks_dan_decimal():
    skala = Skala.dari_pita(
        [
            {"bawah": 76.61, "label": "B"},
            {"bawah": "65.00", "atas": D("76.61"), "label": "C"},
            {"atas": 65, "label": "D"},
        ]
    )
    assert skala.pita[0].bawah == D("76.61")
    assert skala.pita[1].bawah == D("65.00")
    assert skala.pita[2].atas == D(65)


# --- interchange form -----------------------------------------------------------------------------------


def test_ke_data_banjar_seperti_format_pertukaran():
    assert SKALA["banjar"].ke_data() == [
        {"bawah": D(100), "label": "Berhasil", "kode": "B", "warna": "hijau"},
        {"bawah": D(70), "atas": D(100), "label": "Cukup Berhasil", "kode": "CB", "warna": "biru"},
        {"bawah": D(40), "atas": D(70), "label": "Kurang Berhasil", "kode": "KB", "warna": "kuning"},
        {"atas": D(40), "label": "Tidak Berhasil", "kode": "TB", "warna": "merah"},
    ]
    assert SKALA["sakip"].ke_data()[1] == {
        "bawah": D(80),
        "atas": D(90),
        "label": "Memuaskan",
        "kode": "A",
        "warna": "hijau",
        "bawah_termasuk": False,
        "atas_termasuk": True,
    }


@pytest.mark.parametrize("nama", sorted(SKALA))
def test_preset_bolak_balik(nama):
    skala = SKALA[nama]
    assert Skala.dari_pita(skala.ke_data(), nama=skala.nama, sumber=skala.sumber) == skala


def test_skala_dari_data():
    assert skala_dari_data(None) is SKALA["permendagri-86-2017"]
    assert skala_dari_data("") is SKALA["permendagri-86-2017"]
    assert skala_dari_data("jember") is SKALA["jember"]
    khusus = skala_dari_data(
        {
            "nama": "Skala Banjar",
            "sumber": "Tabel 3.1",
            "pita": [{"bawah": 100, "label": "Berhasil"}, {"atas": 100, "label": "Belum"}],
        }
    )
    assert (khusus.nama, khusus.sumber, [p.label for p in khusus.pita]) == (
        "Skala Banjar",
        "Tabel 3.1",
        ["Berhasil", "Belum"],
    )


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        (
            "kabupatenku",
            (
                'Skala "kabupatenku" tidak dikenal. Pilih salah satu: permendagri-86-2017, jember, banjar, '
                "sakip, skm-permenpan-rb-14-2017, skm-kepmenpan-25-2004."
            ),
        ),
        (12, "Skala harus berupa nama skala bawaan atau objek berisi nama dan pita."),
        ({"pita": []}, "Skala khusus harus punya nama."),
        ({"nama": "X"}, "Skala khusus harus punya daftar pita."),
        ({"nama": "X", "pita": [], "warna": "x"}, "Skala: kolom warna tidak dikenal."),
        ({"nama": "X", "pita": []}, "Skala harus punya paling sedikit satu pita."),
    ],
)
def test_skala_dari_data_ditolak(data, pesan):
    with pytest.raises(SkalaTidakValid) as galat:
        skala_dari_data(data)
    assert str(galat.value) == pesan


# --- colours --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("warna", "kelas"),
    [
        ("hijau", "predikat-hijau"),
        (" Hijau ", "predikat-hijau"),
        ("Hijau Tua", "predikat-hijau-tua"),
        ("biru_muda", "predikat-biru-muda"),
        ("jingga", "predikat-oranye"),
        ("orange", "predikat-oranye"),
        ("abu", "predikat-abu-abu"),
        ("#198754", "predikat-hijau"),
        ("#00FF00", "predikat-hijau"),
        ("#f00", "predikat-merah"),
        ("#ffd700", "predikat-kuning"),
        ("#0000ff", "predikat-biru"),
        ("", "predikat-abu-abu"),
        ("pelangi", "predikat-abu-abu"),
        ("#12345", "predikat-abu-abu"),
    ],
)
def test_kelas_warna(warna, kelas):
    assert kelas_warna(warna) == kelas


def test_setiap_warna_palet_punya_kelas_css():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text()
    bagian = css[css.index("/* predikat */") :]
    for nama in PALET:
        assert (
            f".predikat-{nama} " in bagian
            or f".predikat-{nama}{{" in bagian
            or f".predikat-{nama}," in bagian
        )
    for skala in SKALA.values():
        for pita in skala.pita:
            assert kelas_warna(pita.warna) != "predikat-abu-abu"


def test_pita_positional_dan_contains():
    pita = Pita(D(10), D(20), True, True, "Label", "K", "hijau")
    assert D(20) in pita and D(10) in pita and D("20.01") not in pita
