"""laporan/kerangka.py: the outline of DESIGN.md §5 as one flat, ordered list."""

import json
from pathlib import Path

from django.conf import settings

from laporan.kerangka import BAB, BLOK, JENIS, KERANGKA, KODE, NARASI_SKEMA, Blok, blok, blok_bab


def test_kode_unik_dan_pendek():
    assert len(KODE) == len(set(KODE)) == len(KERANGKA) == 39
    assert all(k.isidentifier() and k == k.lower() and len(k) <= 40 for k in KODE)


def test_bab_berurutan_seperti_laporan():
    urutan = [BAB.index(b.bab) for b in KERANGKA]
    assert urutan == sorted(urutan)
    assert [b.kode for b in blok_bab("I")] == [
        "latar_belakang",
        "maksud_tujuan",
        "gambaran_umum",
        "tugas_fungsi",
        "struktur_organisasi",
        "sdm",
        "permasalahan_isu",
        "sistematika",
    ]
    assert [b.kode for b in blok_bab("IV")] == ["penutup", "saran"]
    assert KERANGKA[0] == Blok("sampul", "Halaman Judul", "depan", "generated")
    assert KERANGKA[-1].kode == "lampiran_dokumen"


def test_jenis_sah_dan_blok_isian():
    assert {b.jenis for b in KERANGKA} == set(JENIS)
    assert blok("kata_pengantar").bisa_diisi is True
    assert blok("daftar_isi").bisa_diisi is False
    assert [b.kode for b in KERANGKA if not b.aktif_bawaan] == ["rkt", "lampiran_bagan"]


def test_blok_tak_dikenal_menyebut_kodenya():
    try:
        blok("bab_v")
    except KeyError as e:
        assert str(e) == "\"blok laporan tidak dikenal: 'bab_v'\""
    else:
        raise AssertionError("KeyError diharapkan")


def test_narasi_skema_sama_dengan_kunci_skema_dan_blok_isian():
    skema = json.loads(Path(settings.LKJIP_SCHEMA_PATH).read_text(encoding="utf-8"))
    kunci = skema["$defs"]["laporan"]["properties"]["narasi"]["properties"]
    assert set(NARASI_SKEMA) == set(kunci)
    assert all(BLOK[kode].bisa_diisi for kode in NARASI_SKEMA.values())
    assert len(set(NARASI_SKEMA.values())) == len(NARASI_SKEMA)
