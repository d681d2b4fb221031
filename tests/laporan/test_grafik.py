"""laporan/grafik.py: the report's charts are SVG without JavaScript, deterministic, in Liberation
Sans, and print the figures they are given in Indonesian notation."""

from __future__ import annotations

import re
from decimal import Decimal

from laporan import grafik

D = Decimal


def _semua() -> list[str]:
    return [
        grafik.grafik_capaian_indikator(
            [("S1.1", D("100.92")), ("S2.1", D("103.448275862")), ("S2.2", None)],
            id_grafik="g-1",
            judul="Capaian",
        ),
        grafik.grafik_capaian_sasaran(
            [("S1", D("101.72")), ("S2", D("101.86"))], id_grafik="g-2", judul="Sasaran"
        ),
        grafik.grafik_serapan_program(
            [("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", D("95.1177"))],
            id_grafik="g-3",
            judul="Serapan",
        ),
        grafik.grafik_tren(
            [2022, 2023, 2024],
            target=[D("60"), D("71.2"), D("71.2")],
            realisasi=[D("60.59"), None, D("72.1")],
            id_grafik="g-4",
            judul="Tren Nilai SAKIP",
        ),
        grafik.grafik_skm_unsur(
            [("Persyaratan", D("3.34")), ("Biaya / tarif", D("3.97")), ("Produk Layanan", D("3.18"))],
            rata_rata=D("3.4"),
            id_grafik="g-5",
            judul="Unsur SKM",
        ),
    ]


def test_grafik_sama_persis_setiap_kali():
    assert _semua() == _semua()


def test_grafik_tanpa_javascript_tanpa_tanggal_dan_berhuruf_liberation_sans():
    for svg in _semua():
        assert svg.startswith("<svg")
        assert "<script" not in svg
        assert "<!--" not in svg
        assert 'class="tooltip"' not in svg
        assert "Liberation Sans" in svg
        assert "googleapis" not in svg


def test_grafik_memakai_id_tetap_dan_judul():
    svg = _semua()[0]
    assert 'id="chart-g-1"' in svg
    assert re.search(r"<title>Capaian</title>", svg)


def test_grafik_angka_bergaya_indonesia():
    capaian, sasaran, serapan, tren, skm = _semua()
    assert "100,92 %" in capaian and "103,45 %" in capaian
    assert "101,72 %" in sasaran
    assert "95,12 %" in serapan
    assert "72,10" in tren and "60,59" in tren
    assert ">71,20<" not in tren  # the target line prints no values
    assert "3,970" in skm and "3,180" in skm


def test_grafik_nilai_kosong_tidak_digambar():
    capaian = _semua()[0]
    # Two bars (S2.2 has no capaian), and its label is still on the axis.
    assert capaian.count('class="rect reactive tooltip-trigger"') + capaian.count("<rect") >= 2
    assert "S2.2" in capaian
    assert "None" not in capaian


def test_label_panjang_dipotong():
    serapan = _semua()[2]
    # Cut at a word boundary within 36 characters; the table beside the chart has the whole name.
    assert "Program Penunjang Urusan…" in serapan
    assert "Kabupaten/Kota" not in serapan


def test_grafik_skm_tanpa_angka_sumbu_yang_menimpa_rata_rata():
    """With the mean at 3,082 the tick "3" would print over "3,082": it is left out."""
    svg = grafik.grafik_skm_unsur(
        [("Persyaratan", D("3.0")), ("Biaya / tarif", D("3.164"))],
        rata_rata=D("3.082"),
        id_grafik="g-6",
        judul="Unsur SKM",
    )
    label = re.findall(r'<g class="guides">.*?<text[^>]*>([^<]*)</text>', svg)
    assert "3,082" in label
    assert "3" not in label
    assert {"0", "1", "2", "4"} <= set(label)
