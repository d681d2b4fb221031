"""laporan/views_cetak.py: the preview page, the PDF and the .xlsx of every table, with the persona
matrix (these pages only read: everyone who may read the kecamatan gets them, so there is no
wrong-role 403 here), the file names, the query count of the preview, and `manage.py cetak_lkjip`."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from laporan.konteks import konteks_laporan
from laporan.views_cetak import buku_tabel
from tests import factories as f
from tests.conftest import bagian, buat_kecamatan_lengkap, tabel, teks

pytestmark = pytest.mark.django_db

PERSONA_BOLEH = ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"]
PERSONA_404 = ["operator_b", "inspektorat_lain", "tanpa_peran"]


def _url(nama: str, kecamatan, tahun: int = 2021) -> str:
    return reverse(f"laporan:{nama}", args=[kecamatan.pk, tahun])


# --- access ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BOLEH)
def test_pratinjau_dan_xlsx_terbuka_untuk_yang_boleh_membaca(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    pratinjau = client.get(_url("cetak_pratinjau", kecamatan_a))
    assert pratinjau.status_code == 200
    assert "Pratinjau LKjIP Kecamatan Ajibarang Tahun 2021" in teks(pratinjau.content)
    xlsx = client.get(_url("cetak_xlsx", kecamatan_a))
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="Tabel-LKjIP-Ajibarang-2021.xlsx"'


@pytest.mark.parametrize("persona", ["operator_a", "inspektorat"])
def test_pdf_terbuka_untuk_yang_boleh_membaca(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url("cetak_pdf", kecamatan_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="LKjIP-Ajibarang-2021.pdf"'
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("persona", PERSONA_404)
@pytest.mark.parametrize("nama", ["cetak_pratinjau", "cetak_pdf", "cetak_xlsx"])
def test_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona, nama):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(nama, kecamatan_a)).status_code == 404


@pytest.mark.parametrize("nama", ["cetak_pratinjau", "cetak_pdf", "cetak_xlsx"])
def test_anonim_ke_login(client, data_a, kecamatan_a, nama):
    url = _url(nama, kecamatan_a)
    response = client.get(url)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


def test_tahun_tidak_masuk_akal_404(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_url("cetak_pratinjau", kecamatan_a, 1900)).status_code == 404


def test_hanya_get(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.post(_url("cetak_pdf", kecamatan_a)).status_code == 405


# --- the preview page --------------------------------------------------------------------------------------


def test_pratinjau_memuat_tabel_laporan_dan_tautan_unduh(client, data_a, kecamatan_a, operator_a):
    client.force_login(operator_a)
    html = client.get(_url("cetak_pratinjau", kecamatan_a)).content.decode()
    capaian = tabel(html, "tabel-3-2")
    assert capaian[0] == [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]
    # S1.1: PK perubahan target 85,78, realisasi 86,48 -> 100,82 %.
    assert capaian[1] == [
        "1.",
        "Meningkatnya kepuasan masyarakat",
        "Indeks Kepuasan Masyarakat",
        "%",
        "85,78",
        "86,48",
        "100,82",
        "Sangat Tinggi",
    ]
    assert f'href="{_url("cetak_pdf", kecamatan_a)}"' in html
    assert f'href="{_url("cetak_xlsx", kecamatan_a)}"' in html
    assert bagian(html, "kekurangan").startswith("Yang belum lengkap untuk laporan ini:")
    assert 'class="tanda-draf"' in html


def test_pratinjau_tahun_tanpa_pk_menyebut_yang_kurang(client, data_a, kecamatan_a, operator_a):
    client.force_login(operator_a)
    html = client.get(_url("cetak_pratinjau", kecamatan_a, 2023)).content.decode()
    assert "Belum ada Perjanjian Kinerja tahun 2023." in bagian(html, "kekurangan")


def test_pratinjau_jumlah_query_tidak_bertambah_dengan_jumlah_indikator(
    client, operator_a, kecamatan_a, django_assert_num_queries
):
    lain = f.KecamatanFactory(kabupaten=kecamatan_a.kabupaten, nama="Tiga")
    f.PenugasanFactory(user=operator_a, kecamatan=lain)
    buat_kecamatan_lengkap(kecamatan_a, 1)
    buat_kecamatan_lengkap(lain, 3)
    client.force_login(operator_a)
    with CaptureQueriesContext(connection) as q:
        assert client.get(_url("cetak_pratinjau", kecamatan_a)).status_code == 200
    with django_assert_num_queries(len(q)):
        assert client.get(_url("cetak_pratinjau", lain)).status_code == 200


# --- the .xlsx ----------------------------------------------------------------------------------------


def test_xlsx_satu_lembar_per_tabel_bernama_nomornya(client, data_a, kecamatan_a, inspektorat):
    client.force_login(inspektorat)
    response = client.get(_url("cetak_xlsx", kecamatan_a))
    buku = load_workbook(io.BytesIO(response.content))
    konteks = konteks_laporan(kecamatan_a, 2021)
    assert buku.sheetnames == [t.nomor for t in konteks.tabel]
    lembar = buku["Tabel 3.2"]
    assert lembar["A1"].value == "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) KECAMATAN AJIBARANG TAHUN 2021"
    assert lembar["A2"].value == "Tabel 3.2 Capaian Indikator Kinerja Tahun 2021"
    assert [c.value for c in lembar[4]] == [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]
    baris = [c.value for c in lembar[5]]
    assert baris[:4] == [1, "Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat", "%"]
    # Numbers stay numbers, at full precision, shown with two decimals.
    assert Decimal(str(baris[4])) == Decimal("85.78")
    assert round(Decimal(str(baris[6])), 2) == Decimal("100.82")
    assert lembar.cell(row=5, column=7).number_format == "#,##0.00"
    # The sasaran spanning two indicator rows is repeated on each, so the sheet can be filtered.
    assert lembar["B6"].value == lembar["B7"].value == "Meningkatnya ketertiban umum"
    sumber = [r[0].value for r in lembar.iter_rows() if r[0].value and str(r[0].value).startswith("Sumber:")]
    assert sumber == [next(t.sumber for t in konteks.tabel if t.nomor == "Tabel 3.2")]


def test_xlsx_laporan_tanpa_tabel(db, kecamatan_a):
    konteks = konteks_laporan(kecamatan_a, 2021)
    buku = buku_tabel(konteks)
    assert buku.sheetnames == ["Laporan"]


# --- manage.py cetak_lkjip ----------------------------------------------------------------------------------


def test_cetak_lkjip_menulis_pdf(data_a, tmp_path):
    tujuan = tmp_path / "lkjip.pdf"
    keluaran = io.StringIO()
    galat = io.StringIO()
    call_command(
        "cetak_lkjip",
        kabupaten="banyumas",
        kecamatan="AJIBARANG",
        tahun=2021,
        output=str(tujuan),
        stdout=keluaran,
        stderr=galat,
    )
    assert tujuan.read_bytes().startswith(b"%PDF-")
    assert keluaran.getvalue().startswith(
        f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) KECAMATAN AJIBARANG TAHUN 2021 ditulis ke {tujuan} ("
    )
    assert "Perhatian: Bagan struktur organisasi belum diunggah." in galat.getvalue()


@pytest.mark.parametrize(
    ("opsi", "pesan"),
    [
        (
            {"kabupaten": "Cilacap", "kecamatan": "Ajibarang", "tahun": 2021},
            'Kabupaten "Cilacap" tidak ditemukan. Kabupaten yang ada: Banyumas.',
        ),
        (
            {"kabupaten": "Banyumas", "kecamatan": "Wangon", "tahun": 2021},
            'Kecamatan "Wangon" tidak ditemukan di Kabupaten Banyumas. Kecamatan yang ada: Ajibarang.',
        ),
        (
            {"kabupaten": "Banyumas", "kecamatan": "Ajibarang", "tahun": 2010},
            "Tidak ada data LKjIP Kecamatan Ajibarang tahun 2010: belum ada Perjanjian Kinerja, Renstra yang "
            "mencakup tahun itu, maupun anggaran tahun itu.",
        ),
        (
            {"kabupaten": "Banyumas", "kecamatan": "Ajibarang", "tahun": 21},
            "Tahun 21 tidak masuk akal untuk laporan; isi tahun antara 2000 dan 2100.",
        ),
    ],
)
def test_cetak_lkjip_galat_jelas(data_a, tmp_path, opsi, pesan):
    tujuan = tmp_path / "x.pdf"
    with pytest.raises(CommandError) as galat:
        call_command("cetak_lkjip", output=str(tujuan), **opsi)
    assert str(galat.value) == pesan
    assert not tujuan.exists()
