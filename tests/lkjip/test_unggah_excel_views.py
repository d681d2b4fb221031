"""The two Excel uploads (realisasi template, budget sheet) judge the file by its content through
lkjip.unggah.BerkasExcelField: an old .xls, a macro workbook or a zip bomb is refused on the field
with nothing saved, and a real .xlsx is read whatever its name.

These pass once kinerja/forms/realisasi.py and anggaran/forms.py declare
`berkas = BerkasExcelField(...)` (issue 9, uploads)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkjip.unggah import XLS_LAMA, XLSM
from tests.anggaran.conftest import pohon_a  # noqa: F401 (fixture)
from tests.conftest import bagian
from tests.kinerja.test_excel_realisasi import _buku, _isi, _keadaan
from tests.kinerja.test_excel_realisasi import _unggah as _unggah_realisasi

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
BOM = (
    "Isi berkas Excel terlalu besar setelah diekstrak (51,1 MB); batasnya 50 MB. Hapus lembar, baris atau "
    "gambar yang tidak diperlukan, lalu unggah lagi."
)


def _dengan_bagian(isi: bytes, **bagian: bytes) -> bytes:
    keluaran = io.BytesIO(isi)
    with zipfile.ZipFile(keluaran, "a", compression=zipfile.ZIP_DEFLATED) as arsip:
        for nama, data in bagian.items():
            arsip.writestr(nama, data)
    return keluaran.getvalue()


def _bom(isi: bytes) -> bytes:
    return _dengan_bagian(isi, **{"xl/bom.xml": b"0" * (51 * MB)})


# --- realisasi template (kinerja) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("buat", "pesan"),
    [
        (lambda isi: OLE2, XLS_LAMA),
        (lambda isi: _dengan_bagian(isi, **{"xl/vbaProject.bin": b"\x00" * 64}), XLSM),
        (_bom, BOM),
    ],
    ids=["xls", "xlsm", "bom"],
)
def test_realisasi_excel_ditolak_di_bidang_tanpa_menyimpan(
    client, data_a, operator_a, kecamatan_a, buat, pesan
):
    client.force_login(operator_a)
    isi = buat(_isi(_buku(client, kecamatan_a)))
    sebelum = _keadaan()
    response = _unggah_realisasi(client, kecamatan_a, isi)
    assert bagian(response.content, "galat-berkas") == pesan
    assert _keadaan() == sebelum
    assert not any(k.startswith("impor_realisasi") for k in client.session.keys())


def test_realisasi_excel_dibaca_dari_isi_apa_pun_namanya(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    response = _unggah_realisasi(client, kecamatan_a, buku, nama="realisasi.csv")
    assert "galat-berkas" not in response.content.decode()
    assert response.context["nama_berkas"] == "realisasi.csv"


def test_realisasi_excel_bantuan_menyebut_batas(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.get(reverse("kinerja:realisasi_excel_unggah", args=[kecamatan_a.pk, 2021]))
    assert (
        bagian(response.content, "id_berkas-bantuan")
        == "Templat realisasi yang sudah diisi, paling besar 5 MB."
    )


# --- budget sheet (anggaran) --------------------------------------------------------------------------


def _u(kecamatan):
    return reverse("anggaran:excel_unggah", args=[kecamatan.pk, 2024])


def _jumlah_semua():
    from anggaran.models import PosAnggaran

    return list(PosAnggaran.objects.order_by("pk").values_list("pagu_murni", "pagu", "realisasi"))


def _lembar() -> bytes:
    from openpyxl import Workbook

    buku = Workbook()
    buku.active.title = "Data"
    buku.active.append(["Kode", "Nama", "Pagu murni", "Pagu", "Realisasi"])
    buku.active.append(["7.01.01.2.02.0001", "Gaji", None, None, 1])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


@pytest.mark.parametrize(
    ("buat", "pesan"),
    [
        (lambda isi: OLE2, XLS_LAMA),
        (lambda isi: _dengan_bagian(isi, **{"xl/vbaProject.bin": b"\x00" * 64}), XLSM),
        (_bom, BOM),
        (
            lambda isi: b"PK\x03\x04" + b"0" * (5 * MB),
            "Berkas terlalu besar (5,1 MB); batasnya 5 MB. Hapus lembar, baris atau gambar yang tidak "
            "diperlukan, lalu unggah lagi.",
        ),
    ],
    ids=["xls", "xlsm", "bom", "besar"],
)
@pytest.mark.usefixtures("pohon_a")
def test_anggaran_excel_ditolak_di_bidang_tanpa_menyimpan(client, operator_a, kecamatan_a, buat, pesan):
    client.force_login(operator_a)
    sebelum = _jumlah_semua()
    berkas = SimpleUploadedFile("anggaran.xlsx", buat(_lembar()), "application/octet-stream")
    response = client.post(_u(kecamatan_a), {"berkas": berkas})
    assert response.context["form"].errors["berkas"] == [pesan]
    assert bagian(response.content, "galat-berkas") == pesan
    assert _jumlah_semua() == sebelum
    assert f"impor_anggaran:{kecamatan_a.pk}:2024" not in client.session


@pytest.mark.usefixtures("pohon_a")
def test_anggaran_excel_dibaca_dari_isi_apa_pun_namanya(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    berkas = SimpleUploadedFile("anggaran.dat", _lembar(), "application/octet-stream")
    response = client.post(_u(kecamatan_a), {"berkas": berkas})
    assert "galat-berkas" not in response.content.decode()
    assert response.context["nama_berkas"] == "anggaran.dat"
