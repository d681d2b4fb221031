"""kinerja/forms/pk.py: values, amounts, signatories and target lines as typed, errors on the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.forms.bidang import NilaiField, teks_nilai
from kinerja.forms.pk import (
    PKForm,
    ProgramPKForm,
    TargetBaruFormSet,
    TargetUbahFormSet,
)
from kinerja.nilai import Nilai

D = Decimal


def angka_salah(teks: str) -> str:
    contoh = "Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89."
    return f'Angka tidak valid: "{teks}". {contoh}'


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("85,78", Nilai(D("85.78"))),
        (" BB (72,10) ", Nilai(D("72.10"), label="BB")),
        (">= 80", Nilai(D("80"), pembanding=">=")),
        ("1.234", Nilai(D("1234"))),
        ("", None),
    ],
)
def test_nilai_dibaca(teks, hasil):
    assert NilaiField().clean(teks) == hasil


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        (
            "12,3,4",
            angka_salah("12,3,4"),
        ),
        ("BB", 'Nilai huruf "BB" perlu angkanya, tulis mis. "BB (72,10)".'),
        ("85,12345", "Paling banyak 4 angka di belakang koma."),
        ("10.000.000.000.000.000", "Angka terlalu besar."),
    ],
)
def test_nilai_salah_dengan_pesan(teks, pesan):
    with pytest.raises(ValidationError) as e:
        NilaiField().clean(teks)
    assert e.value.messages == [pesan]


@pytest.mark.parametrize(
    ("nilai", "label", "pembanding", "teks"),
    [
        (D("86.4800"), "", "", "86,48"),
        (D("80.0000"), "", "", "80,00"),
        (D("85.7825"), "", "", "85,7825"),
        (D("72.1000"), "BB", "", "BB (72,10)"),
        (D("80"), "", ">=", "≥ 80,00"),
        (D("1234567.5"), "", "", "1.234.567,50"),
        (None, "", "", ""),
    ],
)
def test_teks_nilai_tepat_dan_terbaca_ulang(nilai, label, pembanding, teks):
    assert teks_nilai(nilai, label, pembanding) == teks
    if nilai is not None:
        assert NilaiField().clean(teks) == Nilai(nilai, label, pembanding)


def _program(**data):
    return ProgramPKForm({"nama": "Program A", "anggaran": "0", **data})


@pytest.mark.parametrize(
    ("anggaran", "pesan"),
    [
        ("-1.000", ["Anggaran tidak boleh negatif."]),
        (
            "12,3,4",
            [angka_salah("12,3,4")],
        ),
        ("1.000,505", ["Paling banyak 2 angka di belakang koma."]),
        ("", ["Anggaran wajib diisi (boleh 0)."]),
    ],
)
def test_anggaran_salah_di_field(anggaran, pesan):
    form = _program(anggaran=anggaran)
    assert form.errors == {"anggaran": pesan}


def test_anggaran_ditulis_cara_indonesia():
    form = _program(anggaran="Rp 1.234.567,89", kode=" 7.01 ", sumber="APBD")
    assert form.is_valid()
    assert (form.baris().anggaran, form.baris().kode, form.baris().sumber) == (
        D("1234567.89"),
        "7.01",
        "APBD",
    )


def test_program_tanpa_nama():
    assert ProgramPKForm({"nama": "", "anggaran": "5"}).errors == {"nama": ["Nama program wajib diisi."]}


# --- heading ------------------------------------------------------------------------------------


def _kepala(perubahan=False, **data):
    return PKForm({"tanggal": "2021-01-04", "tempat": "Ajibarang", **data}, perubahan=perubahan)


def test_perubahan_perlu_alasan():
    assert _kepala(perubahan=True).errors == {"alasan": ["Alasan perubahan wajib diisi."]}
    assert _kepala(perubahan=False).is_valid()


def test_nip_dengan_spasi_dirapikan_dan_pihak_hanya_yang_terisi():
    form = _kepala(
        pertama_nama="PARSONO", pertama_nip="19670701 199209 1 001", kedua_nama="Bupati", kedua_jabatan=""
    )
    assert form.is_valid()
    assert form.pihak("pertama") == {"nama": "PARSONO", "nip": "196707011992091001"}
    assert form.pihak("kedua") == {"nama": "Bupati"}


def test_nip_salah_dan_nama_kosong_di_field():
    form = _kepala(pertama_nama="X", pertama_nip="1967", kedua_jabatan="Bupati Banyumas")
    assert form.errors == {
        "pertama_nip": ["NIP harus terdiri dari tepat 18 digit angka tanpa spasi."],
        "kedua_nama": ["Nama pihak kedua wajib diisi bila data lain pihak kedua diisi."],
    }


def test_tanggal_format_indonesia():
    form = _kepala(tanggal="04/01/2021")
    assert form.is_valid()
    assert str(form.cleaned_data["tanggal"]) == "2021-01-04"
    assert _kepala(tanggal="31/02/2021").errors == {"tanggal": ["Masukkan tanggal yang valid."]}


# --- target lines -------------------------------------------------------------------------------


def _formset(kelas, indikator, baris, initial=None, boleh_kosong=False):
    data = {
        "target-TOTAL_FORMS": str(len(baris)),
        "target-INITIAL_FORMS": str(len(initial or [])),
        "target-MIN_NUM_FORMS": "0",
        "target-MAX_NUM_FORMS": "1000",
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"target-{i}-{k}"] = v
    kwargs = {"indikator": indikator}
    if boleh_kosong:
        kwargs["boleh_kosong"] = True
    return kelas(data, prefix="target", initial=initial, form_kwargs=kwargs)


@pytest.mark.django_db
def test_indikator_dua_kali_ditolak_di_baris_kedua(data_a):
    indikator = {i.pk: i for i in (data_a.s11, data_a.s21)}
    fs = _formset(
        TargetUbahFormSet,
        indikator,
        [
            {"indikator": str(data_a.s11.pk), "target": "84"},
            {"indikator": str(data_a.s11.pk), "target": "85"},
        ],
        initial=[{"indikator": data_a.s11.pk, "target": "84"}],
    )
    assert not fs.is_valid()
    assert fs.errors == [{}, {"indikator": ["Indikator ini sudah ada di baris lain PK ini."]}]


@pytest.mark.django_db
def test_indikator_renstra_lain_ditolak_di_field(data_a):
    fs = _formset(
        TargetUbahFormSet,
        {data_a.s11.pk: data_a.s11},
        [{"indikator": str(data_a.s21.pk), "target": "84"}],
    )
    assert fs.errors == [{"indikator": ["Indikator ini bukan bagian dari Renstra yang mencakup tahun PK."]}]


@pytest.mark.django_db
def test_target_salah_dan_kosong_di_field(data_a):
    indikator = {i.pk: i for i in (data_a.s11, data_a.s21)}
    fs = _formset(
        TargetUbahFormSet,
        indikator,
        [
            {"indikator": str(data_a.s11.pk), "target": "12,3,4", "tw2": "x"},
            {"indikator": str(data_a.s21.pk), "target": ""},
        ],
        initial=[{"indikator": data_a.s11.pk}, {"indikator": data_a.s21.pk}],
    )
    assert fs.errors == [
        {
            "target": [angka_salah("12,3,4")],
            "tw2": [angka_salah("x")],
        },
        {"target": ["Target wajib diisi."]},
    ]


@pytest.mark.django_db
def test_pk_baru_baris_tanpa_target_dilewati(data_a):
    indikator = {i.pk: i for i in (data_a.t11, data_a.s11, data_a.s21)}
    fs = _formset(
        TargetBaruFormSet,
        indikator,
        [
            {"indikator": str(data_a.t11.pk), "target": ""},
            {"indikator": str(data_a.s11.pk), "target": "86", "tw1": "80", "tw4": "86"},
            {"indikator": str(data_a.s21.pk), "target": "", "tw1": "50"},
        ],
        initial=[{"indikator": i} for i in indikator],
        boleh_kosong=True,
    )
    assert fs.errors == [{}, {}, {"target": ["Target tahunan wajib diisi bila target triwulan diisi."]}]
    fs = _formset(
        TargetBaruFormSet,
        indikator,
        [
            {"indikator": str(data_a.t11.pk), "target": ""},
            {"indikator": str(data_a.s11.pk), "target": "86", "tw1": "80", "tw4": "86"},
            {"indikator": str(data_a.s21.pk), "target": ""},
        ],
        initial=[{"indikator": i} for i in indikator],
        boleh_kosong=True,
    )
    assert fs.is_valid()
    assert [(b.indikator.kode, b.target, b.triwulan) for b in fs.baris_target()] == [
        ("S1.1", Nilai(D("86")), (Nilai(D("80")), None, None, Nilai(D("86")))),
    ]


@pytest.mark.django_db
def test_baris_dihapus_dan_baris_kosong_tidak_ikut(data_a):
    indikator = {i.pk: i for i in (data_a.s11, data_a.s21)}
    fs = _formset(
        TargetUbahFormSet,
        indikator,
        [
            {"indikator": str(data_a.s11.pk), "target": "84", "DELETE": "on"},
            {"indikator": str(data_a.s21.pk), "target": "100"},
            {"indikator": "", "target": ""},
        ],
        initial=[{"indikator": data_a.s11.pk}, {"indikator": data_a.s21.pk}],
    )
    assert fs.is_valid()
    assert [b.indikator.kode for b in fs.baris_target()] == ["S2.1"]
