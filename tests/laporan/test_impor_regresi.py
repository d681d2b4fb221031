"""Regressions found by the fuzz tests (tests/fuzz/test_fuzz_interchange.py): documents the importer
crashed on instead of refusing them with their `$.path`; a refused document writes nothing."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from kinerja.models import Indikator
from laporan.interchange.impor import impor_lkjip
from laporan.interchange.skema import baca_dokumen
from lkjip.models import Kabupaten, Kecamatan

pytestmark = pytest.mark.django_db

TEKS = (Path(settings.BASE_DIR) / "data" / "demo" / "000_50ea6dba58a8a3bd.json").read_text(encoding="utf-8")
JALUR_TARGET = "$.renstra.tujuan[0].sasaran[0].indikator[0].target['2019']"


def _dengan_target(nilai: str) -> dict:
    """Ajibarang's document with the 2019 target of S1.1 (82) written as `nilai` in the JSON text."""
    lama = '"2019": 82'
    i = TEKS.index(lama, TEKS.index('"kode": "S1.1"'))
    return baca_dokumen(TEKS[:i] + f'"2019": {nilai}' + TEKS[i + len(lama) :])


def _tidak_ada_yang_tertulis():
    assert (Kabupaten.objects.count(), Kecamatan.objects.count(), Indikator.objects.count()) == (0, 0, 0)


def test_dokumen_asli_diterima():
    assert impor_lkjip(_dengan_target("82")).galat == []


def test_desimal_28_digit_ditolak_dengan_jalurnya():
    # Crashed with decimal.InvalidOperation: quantize needs more than 28 digits.
    hasil = impor_lkjip(_dengan_target('"1234567890123456789012345678.12345"'))
    assert hasil.galat == [f"{JALUR_TARGET}: angka 1234567890123456789012345678.12345 terlalu besar"]
    _tidak_ada_yang_tertulis()


@pytest.mark.parametrize(
    ("teks", "pesan"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")]
)
def test_nan_dan_infinity_ditolak_dengan_jalurnya(teks, pesan):
    # Python's json reads NaN and Infinity; the precision check crashed with TypeError on them.
    hasil = impor_lkjip(_dengan_target(teks))
    assert hasil.galat == [
        f"{JALUR_TARGET}: {pesan} bukan angka yang valid; tulis angka biasa, mis. 1234567.89"
    ]
    _tidak_ada_yang_tertulis()


def test_angka_json_raksasa_ditolak_dengan_jalurnya():
    hasil = impor_lkjip(_dengan_target("1e400"))
    assert hasil.galat == [f"{JALUR_TARGET}: angka 1E+400 terlalu besar"]
    _tidak_ada_yang_tertulis()


def test_angka_raksasa_di_anggaran_ditolak():
    dok = baca_dokumen(TEKS)
    dok["anggaran"][0]["program"][0]["pagu"] = 10**30
    hasil = impor_lkjip(dok)
    assert hasil.galat == [
        "$.anggaran[0].program[0].pagu: angka 1000000000000000000000000000000 terlalu besar"
    ]
    _tidak_ada_yang_tertulis()


def test_bilangan_bulat_ribuan_digit_ditolak_sebagai_json():
    # json.loads raised ValueError (not JSONDecodeError), which the upload form and the command let through.
    with pytest.raises(json.JSONDecodeError) as e:
        baca_dokumen('{"a": [1, ' + "9" * 5000 + "]}")
    assert (e.value.msg, e.value.lineno, e.value.colno) == ("angka terlalu panjang", 1, 11)


def test_sarang_terlalu_dalam_ditolak_sebagai_json():
    # json.loads raised RecursionError.
    with pytest.raises(json.JSONDecodeError) as e:
        baca_dokumen("[" * 100_000 + "]" * 100_000)
    assert (e.value.msg, e.value.lineno, e.value.colno) == ("dokumen bersarang terlalu dalam", 1, 1)


def test_desimal_biasa_tetap_terbaca():
    assert baca_dokumen('{"a": 85.78, "b": 12}') == {"a": Decimal("85.78"), "b": 12}


def test_surrogate_tunggal_ditolak_dengan_jalurnya():
    # "\ud800" is a valid JSON escape but no UTF-8 text: the database lookup crashed (UnicodeEncodeError).
    teks = TEKS.replace('"nama": "Banyumas"', '"nama": "Banyumas\\ud800"', 1)
    hasil = impor_lkjip(baca_dokumen(teks))
    assert hasil.galat == [
        "$.kabupaten.nama: teks berisi karakter yang tidak sah (\\ud800) yang tidak dapat disimpan"
    ]
    _tidak_ada_yang_tertulis()


def test_karakter_nul_ditolak_dengan_jalurnya():
    # PostgreSQL refuses NUL in text columns.
    teks = TEKS.replace('"nama": "Banyumas"', '"nama": "Banyu\\u0000mas"', 1)
    hasil = impor_lkjip(baca_dokumen(teks))
    assert hasil.galat == ["$.kabupaten.nama: teks berisi karakter NUL (\\u0000) yang tidak dapat disimpan"]
    _tidak_ada_yang_tertulis()


def test_skala_kosong_diimpor_ulang_tanpa_perubahan():
    # "skala_capaian": "" was stored as None (Kabupaten.clean), so every re-import changed the kabupaten.
    dok = baca_dokumen(TEKS.replace('"skala_capaian": "permendagri-86-2017"', '"skala_capaian": ""', 1))
    assert impor_lkjip(dok).galat == []
    assert Kabupaten.objects.get(nama="Banyumas").skala_capaian is None
    ulang = impor_lkjip(dok)
    assert (ulang.galat, ulang.baris_berubah, ulang.ada_perubahan) == ([], 0, False)


def test_perintah_impor_menolak_berkas_bukan_utf8(tmp_path):
    berkas = tmp_path / "latin1.json"
    berkas.write_bytes(b'{"nama": "Kecamatan \xe9"}')
    with pytest.raises(CommandError) as e:
        call_command("impor_lkjip", str(berkas))
    assert str(e.value) == (
        f"Berkas {berkas} bukan teks UTF-8 (bita ke-21); simpan ulang sebagai JSON UTF-8."
    )
