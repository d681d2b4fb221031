"""laporan/interchange/anggaran.py: the `anggaran` part of `lkjip-data/1` documents, and the demo
data's budgets with the golden figures of issue 5."""

import copy
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command

from anggaran import selectors
from anggaran.models import Belanja, IndikatorKeluaran, PosAnggaran, ProgramSasaran, TahunAnggaran
from laporan.interchange.ekspor import ekspor_lkjip
from laporan.interchange.impor import impor_lkjip
from lkjip.models import Kecamatan
from tests.laporan.test_interchange import baca, dokumen_kecil

pytestmark = pytest.mark.django_db
D = Decimal
PURWAREJA = "002_1603eaf73c731b3b.json"
AJIBARANG = "000_50ea6dba58a8a3bd.json"
ALUH_ALUH = "004_967187eea9a8bd95.json"


def dua(x):
    return None if x is None else x.quantize(D("0.01"), ROUND_HALF_UP)


def jumlah_baris() -> int:
    return sum(
        m.objects.count() for m in (TahunAnggaran, PosAnggaran, IndikatorKeluaran, ProgramSasaran, Belanja)
    )


def dokumen_anggaran(program: list, belanja: list | None = None, tahun: int = 2022) -> dict:
    dok = dokumen_kecil()
    dok["anggaran"] = [{"tahun": tahun, "program": program} | ({"belanja": belanja} if belanja else {})]
    return dok


# --- the demo data (golden values) ------------------------------------------------------------------


PURWAREJA_2024 = [
    ("program", D("2219102223"), D("2110785459"), D("95.12")),
    ("kegiatan", D("3000000"), D("2041000"), D("68.03")),
    ("sub_kegiatan", D("1500000"), D("630000"), D("42.00")),
    ("sub_kegiatan", D("1500000"), D("1411000"), D("94.07")),
    ("kegiatan", D("1678571471"), D("1611891182"), D("96.03")),
    ("sub_kegiatan", D("1654591471"), D("1589071682"), D("96.04")),
    ("sub_kegiatan", D("22480000"), D("22164000"), D("98.59")),
    ("sub_kegiatan", D("1500000"), D("655500"), D("43.70")),
    ("kegiatan", D("160847200"), D("142121050"), D("88.36")),
    ("sub_kegiatan", D("1999500"), D("1999500"), D("100.00")),
    ("sub_kegiatan", D("22030400"), D("21466800"), D("97.44")),
    ("sub_kegiatan", D("136817300"), D("118654750"), D("86.72")),
    ("kegiatan", D("132426100"), D("124580300"), D("94.08")),
    ("sub_kegiatan", D("24003000"), D("23525000"), D("98.01")),
    ("sub_kegiatan", D("18712000"), D("18250000"), D("97.53")),
    ("sub_kegiatan", D("39039100"), D("33655300"), D("86.21")),
    ("sub_kegiatan", D("50672000"), D("49150000"), D("97.00")),
    ("kegiatan", D("82665932"), D("76180314"), D("92.15")),
    ("sub_kegiatan", D("14200000"), D("12972781"), D("91.36")),
    ("sub_kegiatan", D("68465932"), D("63207533"), D("92.32")),
    ("kegiatan", D("161591520"), D("153971613"), D("95.28")),
    ("sub_kegiatan", D("23985900"), D("20505113"), D("85.49")),
    ("sub_kegiatan", D("113612120"), D("110745100"), D("97.48")),
    ("sub_kegiatan", D("23993500"), D("22721400"), D("94.70")),
    ("program", D("103815000"), D("103755000"), D("99.94")),
    ("kegiatan", D("103815000"), D("103755000"), D("99.94")),
    ("sub_kegiatan", D("3740000"), D("3710000"), D("99.20")),
    ("sub_kegiatan", D("100075000"), D("100045000"), D("99.97")),
    ("program", D("21110000"), D("20065000"), D("95.05")),
    ("kegiatan", D("21110000"), D("20065000"), D("95.05")),
    ("sub_kegiatan", D("21110000"), D("20065000"), D("95.05")),
    ("program", D("24728600"), D("23076600"), D("93.32")),
    ("kegiatan", D("24728600"), D("23076600"), D("93.32")),
    ("sub_kegiatan", D("19316100"), D("17831600"), D("92.31")),
    ("sub_kegiatan", D("5412500"), D("5245000"), D("96.91")),
]


def test_demo_purwareja_klampok_2024_angka_emas():
    call_command("muat_demo", verbosity=0)
    kecamatan = Kecamatan.objects.get(nama="Purwareja Klampok")
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan, tahun=2024)
    assert (pohon.total.pagu, pohon.total.realisasi, dua(pohon.total.serapan)) == (
        D("2368755823"),
        D("2257682059"),
        D("95.31"),
    )
    penunjang = pohon.program[0]
    assert (
        penunjang.pos.nama,
        penunjang.jumlah.pagu,
        penunjang.jumlah.realisasi,
        dua(penunjang.jumlah.serapan),
    ) == (
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        D("2219102223"),
        D("2110785459"),
        D("95.12"),
    )
    assert [
        (s.pos.tingkat, s.jumlah.pagu, s.jumlah.realisasi, dua(s.jumlah.serapan)) for s in pohon.baris()
    ] == PURWAREJA_2024
    assert pohon.jumlah_tingkat() == {"program": 4, "kegiatan": 9, "sub_kegiatan": 22}
    assert pohon.jumlah_daun == 22
    assert (pohon.total.pagu_murni, pohon.belanja, pohon.peringatan) == (None, (), [])


def test_demo_aluh_aluh_2022_pagu_murni_dan_perubahan():
    impor_lkjip(baca(ALUH_ALUH))
    pohon = selectors.pohon_anggaran(kecamatan=Kecamatan.objects.get(nama="Aluh Aluh"), tahun=2022)
    assert [
        (p.jumlah.pagu_murni, p.jumlah.pagu, p.jumlah.realisasi, dua(p.jumlah.serapan)) for p in pohon.program
    ] == [
        (D("1555446741"), D("1555607740"), D("467358000"), D("30.04")),
        (D("65669400"), D("85669400"), D("72963500"), D("85.17")),
        (D("38998700"), D("60968700"), D("50833400"), D("83.38")),
        (D("18622800"), D("18622800"), D("12350000"), D("66.32")),
        (D("49513200"), D("32263200"), D("32263200"), D("100.00")),
        (D("17482200"), D("17482200"), D("17482200"), D("100.00")),
    ]
    assert (pohon.total.pagu_murni, pohon.total.pagu, pohon.total.realisasi) == (
        D("1745733041"),
        D("1770614040"),
        D("653250300"),
    )
    assert [(b.belanja.jenis, b.jumlah.pagu, b.jumlah.realisasi) for b in pohon.belanja] == [
        ("Belanja Operasi", D("2173142141.00"), D("1754661490.00")),
        ("Belanja Modal", D("29542000.00"), D("29296000.00")),
    ]
    pagu_nol = [
        s for s in pohon.baris() if s.pos.nama.startswith("Peningkatan Efektivitas Kegiatan Pemerintahan")
    ]
    assert [(s.jumlah.pagu, s.jumlah.serapan) for s in pagu_nol] == [(D("0.00"), None)]


def test_demo_ajibarang_peringatan_belanja_langsung():
    hasil = impor_lkjip(baca(AJIBARANG))
    assert hasil.peringatan[-2:] == [
        "$.anggaran[0].belanja: jumlah pagu program/kegiatan/sub kegiatan (Rp 895.784.600,00) tidak sama "
        "dengan pagu Belanja Langsung (Rp 920.336.000,00)",
        "$.anggaran[0].belanja: jumlah realisasi program/kegiatan/sub kegiatan (Rp 880.441.295,00) "
        "tidak sama dengan realisasi Belanja Langsung (Rp 912.836.000,00)",
    ]
    pohon = selectors.pohon_anggaran(kecamatan=hasil.kecamatan, tahun=2020)
    assert [(p.sasaran[0].kode, p.daun, p.jumlah.pagu) for p in pohon.program] == [
        ("S1", True, D("676886100.00")),
        ("S2", True, D("7500000.00")),
        ("S3", True, D("211398500.00")),
    ]
    assert [dua(b.proporsi) for b in pohon.belanja] == [D("73.65"), D("26.35")]
    assert pohon.peringatan == [
        "Jumlah pagu program/kegiatan/sub kegiatan (Rp 895.784.600,00) tidak sama dengan pagu "
        "Belanja Langsung (Rp 920.336.000,00).",
        "Jumlah realisasi program/kegiatan/sub kegiatan (Rp 880.441.295,00) tidak sama dengan realisasi "
        "Belanja Langsung (Rp 912.836.000,00).",
    ]


@pytest.mark.parametrize("nama", [AJIBARANG, PURWAREJA, ALUH_ALUH])
def test_impor_kedua_anggaran_tanpa_riwayat_baru(nama):
    impor_lkjip(baca(nama))
    riwayat = PosAnggaran.history.count() + Belanja.history.count()
    baris = jumlah_baris()
    kedua = impor_lkjip(baca(nama))
    assert (kedua.galat, kedua.baris_berubah) == ([], 0)
    assert (PosAnggaran.history.count() + Belanja.history.count(), jumlah_baris()) == (riwayat, baris)


def test_ekspor_anggaran_sama_dengan_masukan_purwareja():
    masuk = baca(PURWAREJA)
    impor_lkjip(masuk)
    keluar = ekspor_lkjip(Kecamatan.objects.get(nama="Purwareja Klampok"))
    assert keluar["anggaran"] == masuk["anggaran"]


# --- the rules ------------------------------------------------------------------------------------------


def test_jumlah_di_induk_ditolak_dengan_jalur():
    dok = dokumen_anggaran(
        [
            {
                "nama": "Program A",
                "pagu": 10,
                "kegiatan": [
                    {"nama": "Kegiatan A", "realisasi": 5, "sub_kegiatan": [{"nama": "Sub", "pagu": 3}]}
                ],
            }
        ]
    )
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.anggaran[0].program[0].pagu: program ini mempunyai rincian (kegiatan); jumlahnya dihitung dari "
        "rincian, tidak boleh diisi sendiri",
        "$.anggaran[0].program[0].kegiatan[0].realisasi: kegiatan ini mempunyai rincian (sub kegiatan); "
        "jumlahnya dihitung dari rincian, tidak boleh diisi sendiri",
    ]
    assert jumlah_baris() == 0
    assert Kecamatan.objects.count() == 0


def test_aturan_anggaran_dilaporkan_semua():
    dok = dokumen_anggaran(
        [
            {
                "kode": "7.01.01",
                "nama": "Program A",
                "sasaran": ["S1", "S9", "S1"],
                "kegiatan": [
                    {"kode": "7.01.02.2.01", "nama": "Kegiatan A", "pagu": -5, "realisasi": "1.005"},
                    {"kode": "7.01.01.2.01", "nama": "kegiatan  a", "pagu": 1},
                ],
            },
            {
                "kode": "7.1",
                "nama": "Program B",
                "pagu": 1,
                "indikator": [{"nama": "X", "target": "1.00001"}],
            },
        ],
        belanja=[
            {"jenis": "Belanja Langsung", "pagu": 1},
            {"jenis": "Belanja Modal", "pagu": 1},
            {"jenis": "Belanja Modal", "pagu": 2},
        ],
    )
    dok["anggaran"].append({"tahun": 2022})
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.anggaran[0].belanja[0].jenis: tahun 2022 memakai jenis belanja Belanja Operasi / Belanja Modal, "
        'bukan "Belanja Langsung"',
        '$.anggaran[0].belanja[2].jenis: "Belanja Modal" sudah ada di $.anggaran[0].belanja[1]',
        '$.anggaran[0].program[0].sasaran[1]: sasaran "S9" tidak ada di Renstra dokumen ini',
        '$.anggaran[0].program[0].sasaran[2]: sasaran "S1" disebut lebih dari sekali',
        "$.anggaran[0].program[0].kegiatan[0].pagu: jumlah anggaran tidak boleh negatif (-5)",
        "$.anggaran[0].program[0].kegiatan[0].realisasi: 1.005 memiliki lebih dari 2 angka di belakang titik "
        "desimal",
        '$.anggaran[0].program[0].kegiatan[0].kode: Kode kegiatan "7.01.02.2.01" harus diawali kode induknya '
        '"7.01.01".',
        '$.anggaran[0].program[0].kegiatan[1].nama: "kegiatan  a" sama dengan '
        "$.anggaran[0].program[0].kegiatan[0]",
        '$.anggaran[0].program[1].kode: Kode program "7.1" tidak sesuai bentuk Permendagri 90/2019, contoh '
        "7.01.01.",
        "$.anggaran[0].program[1].indikator[0].target: 1.00001 memiliki lebih dari 4 angka di belakang titik "
        "desimal",
        "$.anggaran[1].tahun: anggaran tahun 2022 sudah ada di $.anggaran[0]",
    ]
    assert jumlah_baris() == 0


def test_realisasi_melebihi_pagu_diterima_dengan_peringatan():
    hasil = impor_lkjip(dokumen_anggaran([{"nama": "Program A", "pagu": 100, "realisasi": "100.50"}]))
    assert hasil.galat == []
    assert hasil.peringatan == [
        "$.anggaran[0].program[0].realisasi: realisasi Rp 100,50 melebihi pagu Rp 100,00"
    ]
    assert PosAnggaran.objects.get().realisasi == D("100.50")


def test_impor_ulang_mengubah_pohon_tanpa_duplikat():
    dok = dokumen_anggaran(
        [
            {
                "kode": "7.01.01",
                "nama": "Program A",
                "sasaran": ["S1"],
                "kegiatan": [
                    {
                        "nama": "Kegiatan A",
                        "sub_kegiatan": [{"nama": "Sub 1", "pagu": 10}, {"nama": "Sub 2", "pagu": 20}],
                    },
                    {"nama": "Kegiatan B", "pagu": 5},
                ],
            }
        ]
    )
    impor_lkjip(dok)
    ubah = copy.deepcopy(dok)
    program = ubah["anggaran"][0]["program"][0]
    program["nama"] = "Program A (nama baru)"
    # Kegiatan A becomes a leaf; Kegiatan B gets sub kegiatan.
    program["kegiatan"][0] = {"nama": "Kegiatan A", "pagu": 30, "realisasi": 29}
    program["kegiatan"][1] = {"nama": "Kegiatan B", "sub_kegiatan": [{"nama": "Sub 3", "pagu": 5}]}
    hasil = impor_lkjip(ubah)
    assert hasil.galat == []
    pohon = selectors.pohon_anggaran(kecamatan=hasil.kecamatan, tahun=2022)
    assert [(s.pos.nama, s.jumlah.pagu, s.daun) for s in pohon.baris()] == [
        ("Program A (nama baru)", D("35.00"), False),
        ("Kegiatan A", D("30.00"), True),
        ("Kegiatan B", D("5.00"), False),
        ("Sub 3", D("5.00"), True),
    ]
    assert hasil.ringkasan["pos anggaran"] == {"dibuat": 1, "diubah": 3, "dihapus": 2}
    assert ekspor_lkjip(hasil.kecamatan)["anggaran"] == [
        {
            "tahun": 2022,
            "program": [
                {
                    "kode": "7.01.01",
                    "nama": "Program A (nama baru)",
                    "sasaran": ["S1"],
                    "kegiatan": [
                        {"nama": "Kegiatan A", "pagu": 30, "realisasi": 29},
                        {"nama": "Kegiatan B", "sub_kegiatan": [{"nama": "Sub 3", "pagu": 5}]},
                    ],
                }
            ],
        }
    ]


def test_tahun_yang_tidak_ada_di_dokumen_dibiarkan():
    impor_lkjip(dokumen_anggaran([{"nama": "Program A", "pagu": 1}], tahun=2021))
    hasil = impor_lkjip(dokumen_anggaran([{"nama": "Program A", "pagu": 2}], tahun=2022))
    assert sorted(TahunAnggaran.objects.values_list("tahun", flat=True)) == [2021, 2022]
    assert hasil.ringkasan["pos anggaran"] == {"dibuat": 1, "diubah": 0, "dihapus": 0}


def test_pratinjau_anggaran_tidak_menulis():
    hasil = impor_lkjip(baca(PURWAREJA), pratinjau=True)
    assert (hasil.galat, jumlah_baris()) == ([], 0)
    assert {
        k: hasil.ringkasan[k]["dibuat"] for k in ("tahun anggaran", "pos anggaran", "indikator keluaran")
    } == {
        "tahun anggaran": 1,
        "pos anggaran": 35,
        "indikator keluaran": 37,
    }
