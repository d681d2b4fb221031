"""anggaran/models.py: the invariants of the budget tree."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from anggaran.models import Belanja, PosAnggaran, Tingkat, periksa_kode
from tests.anggaran import factories as fa

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.mark.parametrize(
    ("kode", "tingkat", "induk", "pesan"),
    [
        ("7.01.01", Tingkat.PROGRAM, "", None),
        ("X.XX.01", Tingkat.PROGRAM, "", None),
        ("7.01.01.2.01", Tingkat.KEGIATAN, "7.01.01", None),
        ("7.01.02.2.01.0001", Tingkat.SUB_KEGIATAN, "7.01.02.2.01", None),
        ("", Tingkat.SUB_KEGIATAN, "7.01.02.2.01", None),
        (
            "7.1.1",
            Tingkat.PROGRAM,
            "",
            'Kode program "7.1.1" tidak sesuai bentuk Permendagri 90/2019, contoh 7.01.01.',
        ),
        (
            "7.01.01.2.01.0001",
            Tingkat.KEGIATAN,
            "7.01.01",
            'Kode kegiatan "7.01.01.2.01.0001" tidak sesuai bentuk Permendagri 90/2019, contoh 7.01.01.2.01.',
        ),
        (
            "7.01.02.2.01",
            Tingkat.KEGIATAN,
            "7.01.01",
            'Kode kegiatan "7.01.02.2.01" harus diawali kode induknya "7.01.01".',
        ),
    ],
)
def test_periksa_kode_permendagri_90(kode, tingkat, induk, pesan):
    assert periksa_kode(kode, tingkat=tingkat, tahun=2024, kode_induk=induk) == pesan


def test_kode_lama_tidak_diperiksa_sebelum_2021():
    assert periksa_kode("1.20.03.01", tingkat=Tingkat.PROGRAM, tahun=2020) is None


def test_kode_salah_ditolak_di_field(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran,
        induk=pohon_a.jasa,
        tingkat=Tingkat.SUB_KEGIATAN,
        kode="7.01",
        nama="X",
    )
    with pytest.raises(ValidationError) as e:
        pos.full_clean()
    assert e.value.message_dict == {
        "kode": [
            'Kode sub kegiatan "7.01" tidak sesuai bentuk Permendagri 90/2019, contoh 7.01.01.2.01.0001.'
        ]
    }


def test_kode_unik_per_tahun(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran,
        induk=pohon_a.jasa,
        tingkat=Tingkat.SUB_KEGIATAN,
        kode="7.01.01.2.08.0002",
        nama="Lain",
    )
    with pytest.raises(ValidationError) as e:
        pos.full_clean()
    assert e.value.messages == ["Kode ini sudah dipakai pos lain pada tahun anggaran yang sama."]


def test_nama_unik_di_bawah_induk_tanpa_beda_huruf(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran,
        induk=pohon_a.jasa,
        tingkat=Tingkat.SUB_KEGIATAN,
        nama="PENYEDIAAN JASA PELAYANAN UMUM KANTOR",
    )
    with pytest.raises(ValidationError) as e:
        pos.full_clean()
    assert e.value.messages == ["Nama ini sudah dipakai pos lain di bawah induk yang sama."]


def test_nama_sama_di_induk_lain_boleh(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran,
        induk=pohon_a.keuangan,
        tingkat=Tingkat.SUB_KEGIATAN,
        nama="Penyediaan Jasa Pelayanan Umum Kantor",
    )
    pos.full_clean()


def test_tingkat_harus_sesuai_induk(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran, induk=pohon_a.penunjang, tingkat=Tingkat.SUB_KEGIATAN, nama="X"
    )
    with pytest.raises(ValidationError) as e:
        pos.full_clean()
    assert e.value.message_dict == {"tingkat": ["Sub kegiatan tidak dapat berada di bawah program."]}


def test_sub_kegiatan_tanpa_rincian(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran, induk=pohon_a.gaji, tingkat=Tingkat.SUB_KEGIATAN, nama="X"
    )
    with pytest.raises(ValidationError) as e:
        pos.full_clean()
    assert e.value.message_dict["induk"] == ["Sub kegiatan tidak dapat mempunyai rincian lagi."]


def test_induk_berjumlah_tidak_boleh_diberi_rincian(pohon_a):
    pos = PosAnggaran(
        tahun_anggaran=pohon_a.tahun_anggaran,
        induk=pohon_a.dilimpahkan,
        tingkat=Tingkat.SUB_KEGIATAN,
        nama="X",
    )
    with pytest.raises(ValidationError) as e:
        pos.full_clean()
    assert e.value.message_dict == {
        "induk": [
            '"Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat" masih berisi pagu/realisasi '
            "sendiri. Kosongkan jumlahnya dulu: jumlah induk dihitung dari rinciannya."
        ]
    }


def test_induk_tidak_boleh_berjumlah(pohon_a):
    pohon_a.keuangan.pagu = D("5")
    with pytest.raises(ValidationError) as e:
        pohon_a.keuangan.full_clean()
    assert e.value.message_dict == {
        "pagu": [
            "Pos ini mempunyai rincian: pagu dan realisasinya dihitung dari rincian, tidak diisi sendiri."
        ]
    }


def test_jumlah_negatif_ditolak(pohon_a):
    pohon_a.gaji.realisasi = D("-1")
    with pytest.raises(ValidationError) as e:
        pohon_a.gaji.full_clean()
    assert e.value.messages == ["Jumlah anggaran tidak boleh negatif."]


def test_realisasi_melebihi_pagu_diterima(pohon_a):
    pohon_a.gaji.realisasi = D("2000000000")
    pohon_a.gaji.full_clean()
    assert pohon_a.gaji.lebih_pagu is True


@pytest.mark.parametrize(
    ("tahun", "jenis", "pesan"),
    [
        (2020, "Belanja Langsung", None),
        (
            2020,
            "Belanja Operasi",
            "Tahun 2020 memakai jenis belanja Belanja Tidak Langsung / Belanja Langsung, "
            "bukan Belanja Operasi.",
        ),
        (2022, "Belanja Modal", None),
        (
            2022,
            "Belanja Langsung",
            "Tahun 2022 memakai jenis belanja Belanja Operasi / Belanja Modal, bukan Belanja Langsung.",
        ),
    ],
)
def test_jenis_belanja_sesuai_masa(tahun, jenis, pesan):
    belanja = Belanja(tahun_anggaran=fa.TahunAnggaranFactory(tahun=tahun), jenis=jenis, pagu=D("1"))
    if pesan is None:
        belanja.full_clean()
    else:
        with pytest.raises(ValidationError) as e:
            belanja.full_clean()
        assert e.value.message_dict == {"jenis": [pesan]}


def test_str(pohon_a):
    assert (str(pohon_a.tahun_anggaran), str(pohon_a.gaji)) == (
        "Anggaran 2024",
        "7.01.01.2.02.0001 Penyediaan Gaji dan Tunjangan ASN",
    )
