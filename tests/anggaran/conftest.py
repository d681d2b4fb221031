"""A budget year of kecamatan A (figures from the Purwareja Klampok and Aluh Aluh reports).

2024, Ajibarang:
  7.01.01 Program Penunjang ...                              (program, parent)
    7.01.01.2.02 Administrasi Keuangan Perangkat Daerah      (kegiatan, parent)
      .0001 Penyediaan Gaji dan Tunjangan ASN                pagu 1.654.591.471  realisasi 1.589.071.682
      .0003 Pelaksanaan Penatausahaan ...                    pagu    22.480.000  realisasi    22.164.000
      .0005 Koordinasi dan Penyusunan Laporan Keuangan ...   pagu     1.500.000  realisasi       655.500
    7.01.01.2.08 Penyediaan Jasa Penunjang ...               (kegiatan, parent)
      .0002 Penyediaan Jasa Komunikasi ...                   pagu    14.200.000  realisasi    12.972.781
      .0004 Penyediaan Jasa Pelayanan Umum Kantor            pagu    68.465.932  realisasi    63.207.533
  7.01.02 Program Penyelenggaraan Pemerintahan ...           (program, parent)
    7.01.02.2.01 Pelaksanaan Urusan ... Dilimpahkan          (kegiatan, a leaf) murni 31.500.000,
                                                             pagu 51.500.000, realisasi 51.500.000
Every sub kegiatan also has a pagu murni equal to its pagu.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from anggaran.models import PosAnggaran, TahunAnggaran
from tests.anggaran import factories as fa

D = Decimal


@dataclass
class PohonA:
    tahun_anggaran: TahunAnggaran
    penunjang: PosAnggaran
    keuangan: PosAnggaran
    gaji: PosAnggaran
    penatausahaan: PosAnggaran
    laporan_keuangan: PosAnggaran
    jasa: PosAnggaran
    komunikasi: PosAnggaran
    pelayanan_umum: PosAnggaran
    pemerintahan: PosAnggaran
    dilimpahkan: PosAnggaran


def _daun(induk, kode, nama, pagu, realisasi, pagu_murni=None):
    return fa.PosAnggaranFactory(
        induk=induk,
        kode=kode,
        nama=nama,
        pagu_murni=D(pagu_murni if pagu_murni is not None else pagu),
        pagu=D(pagu),
        realisasi=D(realisasi),
    )


@pytest.fixture
def pohon_a(kecamatan_a) -> PohonA:
    ta = fa.TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2024)
    penunjang = fa.PosAnggaranFactory(
        tahun_anggaran=ta, kode="7.01.01", nama="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    )
    keuangan = fa.PosAnggaranFactory(
        induk=penunjang, kode="7.01.01.2.02", nama="Administrasi Keuangan Perangkat Daerah"
    )
    gaji = _daun(
        keuangan, "7.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "1654591471", "1589071682"
    )
    penatausahaan = _daun(
        keuangan,
        "7.01.01.2.02.0003",
        "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
        "22480000",
        "22164000",
    )
    laporan_keuangan = _daun(
        keuangan,
        "7.01.01.2.02.0005",
        "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulan/Semesteran SKPD",
        "1500000",
        "655500",
    )
    jasa = fa.PosAnggaranFactory(
        induk=penunjang, kode="7.01.01.2.08", nama="Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"
    )
    komunikasi = _daun(
        jasa,
        "7.01.01.2.08.0002",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "14200000",
        "12972781",
    )
    pelayanan_umum = _daun(
        jasa, "7.01.01.2.08.0004", "Penyediaan Jasa Pelayanan Umum Kantor", "68465932", "63207533"
    )
    pemerintahan = fa.PosAnggaranFactory(
        tahun_anggaran=ta, kode="7.01.02", nama="Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    )
    dilimpahkan = _daun(
        pemerintahan,
        "7.01.02.2.01",
        "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
        "51500000",
        "51500000",
        pagu_murni="31500000",
    )
    return PohonA(
        tahun_anggaran=ta,
        penunjang=penunjang,
        keuangan=keuangan,
        gaji=gaji,
        penatausahaan=penatausahaan,
        laporan_keuangan=laporan_keuangan,
        jasa=jasa,
        komunikasi=komunikasi,
        pelayanan_umum=pelayanan_umum,
        pemerintahan=pemerintahan,
        dilimpahkan=dilimpahkan,
    )
