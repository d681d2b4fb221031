"""kinerja/forms/realisasi.py: a grid row as typed, its initial values written back exactly."""

from decimal import Decimal

import pytest

from kinerja import selectors
from kinerja.forms.realisasi import BarisRealisasiForm
from kinerja.models import Realisasi
from kinerja.nilai import Nilai

pytestmark = pytest.mark.django_db

D = Decimal


def angka_salah(teks: str) -> str:
    contoh = "Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89."
    return f'Angka tidak valid: "{teks}". {contoh}'


def _baris(kecamatan, indikator):
    grid = selectors.realisasi_grid(kecamatan=kecamatan, tahun=2021, indikator_id=indikator.pk)
    return grid.baris[0]


def _data(indikator, **isi):
    data = {f"r{indikator.pk}-{k}": "" for k in ("tw1", "tw2", "tw3", "tw4", "tahunan", "keterangan")}
    data[f"r{indikator.pk}-status"] = "final"
    data.update({f"r{indikator.pk}-{k}": v for k, v in isi.items()})
    return data


def test_nilai_awal_ditulis_tepat(data_a, kecamatan_a):
    form = BarisRealisasiForm(baris=_baris(kecamatan_a, data_a.s11))
    assert [form[k].value() for k in ("tw1", "tw2", "tw3", "tw4", "tahunan", "status", "keterangan")] == [
        "80,10",
        "82,50",
        "84,00",
        "86,48",
        "86,48",
        "final",
        "Survei semester II",
    ]


def test_isian_dibaca(data_a, kecamatan_a):
    s22 = data_a.s22
    form = BarisRealisasiForm(
        _data(s22, tw1="1", tw3="BB (72,10)", tahunan="4,5", status="sementara", keterangan=" Data awal "),
        baris=_baris(kecamatan_a, s22),
    )
    assert form.is_valid(), form.errors
    isian = form.isian(_data(s22, alasan_tahunan="  Koreksi "))
    assert (isian.triwulan, isian.tahunan, isian.status, isian.keterangan, isian.alasan_sel) == (
        (Nilai(D("1")), None, Nilai(D("72.10"), label="BB"), None),
        Nilai(D("4.5")),
        "sementara",
        "Data awal",
        {Realisasi.Periode.TAHUNAN: "Koreksi"},
    )


def test_isian_salah_di_sel(data_a, kecamatan_a):
    s22 = data_a.s22
    form = BarisRealisasiForm(
        _data(s22, tw2="12,3,4", tahunan="3", status="belum_tersedia"), baris=_baris(kecamatan_a, s22)
    )
    assert form.errors == {
        "tw2": [angka_salah("12,3,4")],
        "status": ["Realisasi yang belum tersedia tidak boleh berisi nilai: kosongkan nilai tahunan."],
    }
    assert (form.valid_untuk("tw1"), form.valid_untuk("tw2"), form.valid_untuk("keterangan")) == (
        True,
        False,
        False,
    )


def test_status_tidak_dikenal(data_a, kecamatan_a):
    form = BarisRealisasiForm(_data(data_a.s22, status="hilang"), baris=_baris(kecamatan_a, data_a.s22))
    assert form.errors == {
        "status": ["Masukkan pilihan yang valid. hilang bukan salah satu dari pilihan yang tersedia."]
    }
