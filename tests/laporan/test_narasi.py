"""laporan/narasi.py: the plain-text format of narratives and the default texts."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laporan.kerangka import KERANGKA
from laporan.narasi import Daftar, Paragraf, paragraf, teks_bawaan, teks_rapi


def test_paragraf_dipisah_baris_kosong_dan_baris_digabung():
    assert paragraf("Satu\nbaris dua\n\n\n  Tiga  ") == (Paragraf("Satu baris dua"), Paragraf("Tiga"))


def test_daftar_butir_angka_huruf():
    teks = (
        "Pengantar:\n- satu\n- dua\nlanjutan dua\n\n1. pertama\n2. kedua\n\nc. ketiga\nd) keempat\n\nPenutup."
    )
    assert paragraf(teks) == (
        Paragraf("Pengantar:"),
        Daftar("butir", ("satu", "dua lanjutan dua")),
        Daftar("angka", ("pertama", "kedua")),
        Daftar("huruf", ("ketiga", "keempat"), 3),
        Paragraf("Penutup."),
    )


def test_butir_dipisah_baris_kosong_tetap_satu_daftar():
    """The seed reports put a blank line between items (002 ikhtisar: "a. ...\n\nb. ...")."""
    assert paragraf("a. Peningkatan mutu.\n\nb. Komunikasi.\n\nc. Ruang pengaduan.") == (
        Daftar("huruf", ("Peningkatan mutu.", "Komunikasi.", "Ruang pengaduan.")),
    )


def test_daftar_bernomor_mulai_dari_nomor_pertama():
    d = paragraf("3. tiga\n4. empat")[0]
    assert (d.mulai, d.tipe, d.bernomor) == (3, "1", True)
    assert paragraf("- x")[0].bernomor is False


def test_html_hanya_teks():
    assert paragraf("<script>alert(1)</script>\n\n<b>tebal</b>") == (
        Paragraf("<script>alert(1)</script>"),
        Paragraf("<b>tebal</b>"),
    )


def test_tahun_di_awal_baris_bukan_nomor_daftar():
    assert paragraf("2024. Tahun yang baik.") == (Paragraf("2024. Tahun yang baik."),)


def test_teks_rapi():
    assert teks_rapi("\r\n\r\nA  \r\n\r\n\r\n\r\nB\r\n\r\n") == "A\n\nB"


@given(st.text(alphabet=st.sampled_from("ab- 1.\n\t<>"), max_size=80))
def test_paragraf_tidak_pernah_kosong_atau_gagal(teks):
    for p in paragraf(teks):
        assert (p.teks if isinstance(p, Paragraf) else all(p.butir)) or isinstance(p, Daftar)


@pytest.mark.parametrize("blok", [b for b in KERANGKA if b.jenis == "narasi"], ids=lambda b: b.kode)
def test_teks_bawaan_blok_narasi_menyebut_kecamatan(blok):
    teks = teks_bawaan(blok.kode, kecamatan="Ajibarang", kabupaten="Banyumas", tahun=2020)
    assert "Kecamatan Ajibarang" in teks
    assert paragraf(teks)


def test_teks_bawaan_menyebut_nama_dan_tahun():
    teks = teks_bawaan("kata_pengantar", kecamatan="Ajibarang", kabupaten="Banyumas", tahun=2020)
    assert teks.splitlines()[0] == (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas segala rahmat dan karunia-Nya, "
        "sehingga kami dapat menyelesaikan penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) "
        "Kecamatan Ajibarang Kabupaten Banyumas Tahun 2020."
    )
    saran = teks_bawaan("saran", kecamatan="Aluh Aluh", kabupaten="Banjar", tahun=2022)
    assert saran.splitlines()[0] == (
        "Langkah-langkah yang akan ditempuh Kecamatan Aluh Aluh untuk meningkatkan kinerja pada "
        "tahun 2023 adalah sebagai berikut:"
    )
    assert paragraf(saran)[1] == Daftar(
        "angka",
        (
            "Meningkatkan kualitas pelayanan kepada masyarakat melalui peningkatan kapasitas "
            "aparatur kecamatan.",
            "Meningkatkan koordinasi dengan perangkat daerah dan pemerintah desa dalam pelaksanaan program "
            "dan kegiatan.",
            "Meningkatkan kualitas perencanaan, pengukuran dan pelaporan kinerja.",
        ),
    )


def test_teks_bawaan_tanpa_angka_capaian_atau_rupiah():
    """Figures are generated from the data, never typed (DOMAIN.md summary item 11): the only numbers
    in a default text are years and the numbers of regulations."""
    for b in KERANGKA:
        teks = teks_bawaan(b.kode, kecamatan="Ajibarang", kabupaten="Banyumas", tahun=2020)
        assert "%" not in teks and "Rp" not in teks
        angka = set(re.findall(r"\d+", teks)) - {"2020", "2021", "2014", "29", "53"}
        assert angka <= {"1", "2", "3"}, (b.kode, angka)


def test_teks_bawaan_blok_tanpa_teks_kosong():
    assert teks_bawaan("daftar_isi", kecamatan="A", kabupaten="B", tahun=2020) == ""
    assert teks_bawaan("renstra", kecamatan="A", kabupaten="B", tahun=2020) == ""
