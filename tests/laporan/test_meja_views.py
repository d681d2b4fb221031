"""The review desk and the review pages (laporan/views_meja.py): persona matrix, the desk's rows,
filters, sorting and query count, the .zip and the recap .xlsx, and the review steps over HTTP."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from laporan import services as layanan
from laporan.models import CatatanReviu, DokumenFinal, Laporan
from tests import factories as f
from tests.conftest import bagian, tabel
from tests.laporan import alur_bersama as bersama
from tests.laporan.alur_bersama import dokumen_siap

Status = Laporan.Status
MEJA = {
    "inspektorat": 200,
    "admin_kabupaten": 200,
    "inspektorat_lain": 200,
    "operator_a": 403,
    "camat_a": 403,
    "tanpa_peran": 403,
}
REVIU = {
    "inspektorat": 200,
    "admin_kabupaten": 403,
    "operator_a": 403,
    "camat_a": 403,
    "operator_b": 404,
    "inspektorat_lain": 404,
    "tanpa_peran": 404,
}


def _matriks(client, request, url: str, harapan: dict[str, int], metode: str = "get") -> None:
    hasil = {}
    for persona in harapan:
        client.force_login(request.getfixturevalue(persona))
        hasil[persona] = (client.post(url) if metode == "post" else client.get(url)).status_code
    assert hasil == harapan
    client.logout()
    respons = client.post(url) if metode == "post" else client.get(url)
    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("login"))


def _reviu(nama: str, laporan: Laporan, *lain) -> str:
    return reverse(f"laporan:{nama}", args=[laporan.kecamatan_id, laporan.tahun, *lain])


# --- persona matrix ----------------------------------------------------------------------------------


def test_matriks_meja(client, request, ditandatangani):
    _matriks(client, request, reverse("laporan:meja_reviu"), MEJA)
    _matriks(client, request, reverse("laporan:meja_rekap") + "?tahun=2021", MEJA)
    _matriks(client, request, reverse("laporan:meja_zip", args=[2021]), {**MEJA, "inspektorat_lain": 404})


def test_matriks_reviu(client, request, direviu, inspektorat):
    catatan = layanan.catatan_reviu_tambah(
        user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, kode="", teks="x"
    )
    for nama, lain in (
        ("reviu_detail", ()),
        ("reviu_terima", ()),
        ("reviu_kembalikan", ()),
        ("reviu_catatan_hapus", (catatan.pk,)),
    ):
        _matriks(client, request, _reviu(nama, direviu, *lain), REVIU)


def test_matriks_buka_reviu(client, request, ditandatangani):
    _matriks(client, request, _reviu("reviu_buka", ditandatangani), {**REVIU, "inspektorat": 302}, "post")


# --- the desk ----------------------------------------------------------------------------------------


def _ringkasan(capaian: str, serapan: str) -> dict:
    return {"capaian_organisasi": capaian, "predikat": "Sangat Tinggi", "serapan": serapan, "sasaran": []}


def _laporan_ttd(kecamatan, tahun: int, *, versi: int = 1, capaian="98.271", serapan="95.5", status=None):
    laporan = Laporan.objects.create(
        kecamatan=kecamatan, tahun=tahun, versi=versi, status=status or Status.DITANDATANGANI
    )
    dokumen = dokumen_siap(laporan, None, bersama.pdf_kecil())
    dokumen.status = DokumenFinal.Status.DITANDATANGANI
    dokumen.sha256 = dokumen.sha256_draf
    dokumen.berkas = dokumen.berkas_draf.name
    dokumen.ringkasan = _ringkasan(capaian, serapan)
    dokumen.ditandatangani_pada = dokumen.disetujui_pada
    dokumen.penanda_nama = "Camat"
    dokumen.save()
    return laporan


def test_meja_baris_setiap_kecamatan_tahun_itu(client, inspektorat, kecamatan_a, kecamatan_b, kecamatan_lain):
    _laporan_ttd(kecamatan_a, 2021)
    Laporan.objects.create(kecamatan=kecamatan_b, tahun=2022)
    _laporan_ttd(kecamatan_lain, 2021)
    client.force_login(inspektorat)
    html = client.get(reverse("laporan:meja_reviu") + "?tahun=2021").content
    tanggal = DokumenFinal.objects.get(laporan__kecamatan=kecamatan_a).tanggal_tanda_tangan
    from lkjip.format import format_tanggal

    assert tabel(html, "tabel-meja") == [
        ["Kecamatan ▲", "Status", "Capaian", "Serapan", "Ditandatangani", "Aksi"],
        [
            "Ajibarang PDF Reviu",
            "Ditandatangani v1",
            "98,27 % Sangat Tinggi",
            "95,50 %",
            format_tanggal(tanggal),
            "PDF Reviu",
        ],
        ["Cilongok", "Belum dimulai", "-", "-", "-", ""],
    ]
    assert bagian(html, "unduhan-meja") == "Unduh semua PDF 2021 (.zip) Rekap (.xlsx)"
    # Default year: the newest with a report.
    assert client.get(reverse("laporan:meja_reviu")).context["tahun"] == 2022


def test_meja_saring_status_cari_dan_urut(client, admin_kabupaten, kabupaten):
    kec = [f.KecamatanFactory(kabupaten=kabupaten, nama=n) for n in ("Baturraden", "Ajibarang", "Cilongok")]
    _laporan_ttd(kec[0], 2021, capaian="90", serapan="99")
    _laporan_ttd(kec[1], 2021, capaian="101.5", serapan="80", status=Status.DITERIMA)
    client.force_login(admin_kabupaten)
    url = reverse("laporan:meja_reviu")

    def nama(kueri: str) -> list[str]:
        # The first cell also holds the row's buttons for narrow screens ("PDF").
        return [b[0].removesuffix(" PDF") for b in tabel(client.get(url + kueri).content, "tabel-meja")[1:]]

    assert nama("?tahun=2021") == ["Ajibarang", "Baturraden", "Cilongok"]
    assert nama("?tahun=2021&urut=-capaian") == ["Ajibarang", "Baturraden", "Cilongok"]
    assert nama("?tahun=2021&urut=capaian") == ["Baturraden", "Ajibarang", "Cilongok"]
    assert nama("?tahun=2021&urut=-serapan") == ["Baturraden", "Ajibarang", "Cilongok"]
    assert nama("?tahun=2021&status=diterima") == ["Ajibarang"]
    assert nama("?tahun=2021&status=belum") == ["Cilongok"]
    assert nama("?tahun=2021&q=tur") == ["Baturraden"]
    # Admin kabupaten reads: no review button.
    assert tabel(client.get(url + "?tahun=2021").content, "tabel-meja")[1][-1] == "PDF"


def test_meja_semua_tahun(client, inspektorat, kecamatan_a):
    _laporan_ttd(kecamatan_a, 2020)
    Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021)
    client.force_login(inspektorat)
    baris = tabel(client.get(reverse("laporan:meja_reviu") + "?tahun=semua").content, "tabel-meja")
    assert [b[:3] for b in baris] == [
        ["Kecamatan ▲", "Tahun", "Status"],
        ["Ajibarang", "2021", "Draf v1"],
        ["Ajibarang PDF Reviu", "2020", "Ditandatangani v1"],
    ]


def test_meja_angka_dari_versi_bertanda_tangan_terakhir(client, inspektorat, kecamatan_a):
    lama = _laporan_ttd(kecamatan_a, 2021, status=Status.DIKEMBALIKAN)
    Laporan.objects.create(kecamatan=kecamatan_a, tahun=2021, versi=2)
    client.force_login(inspektorat)
    baris = tabel(client.get(reverse("laporan:meja_reviu") + "?tahun=2021").content, "tabel-meja")[1]
    assert baris[1:4] == ["Draf v2", "98,27 % Sangat Tinggi", "95,50 %"]
    assert baris[4].endswith("versi 1")
    del lama


@pytest.mark.parametrize("jumlah", [1, 3])
def test_jumlah_kueri_meja_tetap(client, inspektorat, kabupaten, jumlah, django_assert_num_queries):
    for i in range(jumlah):
        kecamatan = f.KecamatanFactory(kabupaten=kabupaten)
        _laporan_ttd(kecamatan, 2021)
        Laporan.objects.create(kecamatan=kecamatan, tahun=2021, versi=2)
        f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=2021 - i)
    client.force_login(inspektorat)
    url = reverse("laporan:meja_reviu") + "?tahun=2021"
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_meja_zip_berisi_pdf_bertanda_tangan_tahun_itu(client, inspektorat, kecamatan_a, kecamatan_b):
    _laporan_ttd(kecamatan_a, 2021)
    _laporan_ttd(kecamatan_b, 2021)
    _laporan_ttd(kecamatan_b, 2021, versi=2)
    _laporan_ttd(kecamatan_b, 2020)
    client.force_login(inspektorat)
    respons = client.get(reverse("laporan:meja_zip", args=[2021]))
    assert respons["Content-Disposition"] == 'attachment; filename="LKjIP-2021-bertanda-tangan.zip"'
    arsip = zipfile.ZipFile(io.BytesIO(b"".join(respons.streaming_content)))
    assert arsip.namelist() == ["LKjIP-Ajibarang-2021-v1.pdf", "LKjIP-Cilongok-2021-v2.pdf"]
    assert arsip.read("LKjIP-Ajibarang-2021-v1.pdf") == bersama.pdf_kecil()
    assert client.get(reverse("laporan:meja_zip", args=[2019])).status_code == 404


def test_meja_rekap_xlsx(client, inspektorat, kecamatan_a, kecamatan_b, data_a):
    laporan = _laporan_ttd(kecamatan_a, 2021)
    dokumen = DokumenFinal.objects.get(laporan=laporan)
    dokumen.ringkasan = {
        **dokumen.ringkasan,
        "ikm": "82.5",
        "mutu_ikm": "B",
        "pagu": "1000",
        "realisasi": "955",
        "sasaran": [{"kode": "S1", "uraian": "Meningkatnya kepuasan", "capaian": "100.5"}],
    }
    dokumen.save()
    client.force_login(inspektorat)
    respons = client.get(reverse("laporan:meja_rekap") + "?tahun=2021")
    buku = openpyxl.load_workbook(io.BytesIO(respons.content))
    assert buku.sheetnames == ["Rekap", "Capaian sasaran"]
    baris = [list(r) for r in buku["Rekap"].iter_rows(min_row=4, values_only=True)]
    assert baris[0][:4] == ["Kecamatan", "Tahun", "Versi", "Status"]
    assert baris[1][:11] == [
        "Ajibarang",
        2021,
        1,
        "Ditandatangani",
        98.271,
        "Sangat Tinggi",
        82.5,
        "B",
        1000,
        955,
        95.5,
    ]
    assert baris[1][12] == "Dokumen bertanda tangan versi 1"
    assert baris[2][:5] == ["Cilongok", 2021, None, "Belum dimulai", None]
    assert baris[2][12] == "Data terkini (belum ditandatangani)"
    sasaran = [list(r) for r in buku["Capaian sasaran"].iter_rows(min_row=3, values_only=True)]
    assert sasaran == [
        ["Kecamatan", "Tahun", "Kode", "Sasaran", "Capaian (%)"],
        ["Ajibarang", 2021, "S1", "Meningkatnya kepuasan", 100.5],
    ]


def test_meja_rekap_angka_terkini_untuk_yang_belum_ditandatangani(client, inspektorat, data_a, kecamatan_a):
    client.force_login(inspektorat)
    respons = client.get(reverse("laporan:meja_rekap") + "?tahun=2021")
    buku = openpyxl.load_workbook(io.BytesIO(respons.content))
    baris = list(buku["Rekap"].iter_rows(min_row=5, max_row=5, values_only=True))[0]
    assert baris[0] == "Ajibarang"
    assert baris[3] == "Belum dimulai"
    assert round(baris[4], 2) == 97.91
    sasaran = [r[2] for r in buku["Capaian sasaran"].iter_rows(min_row=4, values_only=True)]
    assert sasaran == ["S1", "S2"]


# --- reviewing ---------------------------------------------------------------------------------------


def test_reviu_mulai_lalu_catatan_per_bagian(client, inspektorat, ditandatangani):
    client.force_login(inspektorat)
    url = _reviu("reviu_detail", ditandatangani)
    html = client.get(url).content.decode()
    assert "Mulai reviu" in html
    assert "form-catatan" not in html
    respons = client.post(_reviu("reviu_buka", ditandatangani), follow=True)
    assert [str(m) for m in respons.context["messages"]] == ["Reviu LKjIP Ajibarang 2021 dimulai."]
    assert Laporan.objects.get(pk=ditandatangani.pk).status == Status.DIREVIU
    respons = client.post(url, {"kode": "latar_belakang", "teks": ""})
    assert bagian(respons.content, "error_1_id_teks") == "Catatan wajib diisi."
    client.post(url, {"kode": "latar_belakang", "teks": "Dasar hukum belum mutakhir."})
    client.post(url, {"kode": "", "teks": "Lampirkan PK."})
    html = client.get(url).content
    assert bagian(html, "daftar-catatan").startswith("Latar Belakang inspektorat, ")
    assert [c.teks for c in CatatanReviu.objects.order_by("id")] == [
        "Dasar hukum belum mutakhir.",
        "Lampirkan PK.",
    ]
    assert bagian(html, "keputusan-reviu") == "Terima laporan Kembalikan dengan catatan"


def test_reviu_kembalikan_dengan_catatan_membuat_versi_2(client, inspektorat, operator_a, direviu):
    client.force_login(inspektorat)
    layanan.catatan_reviu_tambah(
        user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, kode="latar_belakang", teks="Perbarui."
    )
    url = _reviu("reviu_kembalikan", direviu)
    assert bagian(client.get(url).content, "catatan-dikirim") == "Latar Belakang: Perbarui."
    respons = client.post(url, {"catatan": ""})
    assert bagian(respons.content, "error_1_id_catatan") == "Ringkasan catatan reviu wajib diisi."
    respons = client.post(url, {"catatan": "Perbaiki latar belakang."})
    assert respons["Location"] == reverse("laporan:meja_reviu") + "?tahun=2021"
    assert list(Laporan.objects.order_by("versi").values_list("versi", "status")) == [
        (1, Status.DIKEMBALIKAN),
        (2, Status.DRAF),
    ]
    client.force_login(operator_a)
    panel = client.get(_reviu("alur_panel", direviu)).content
    assert (
        bagian(panel, "alasan-versi") == "Alasan versi 2: Dikembalikan inspektorat: Perbaiki latar belakang."
    )
    assert bagian(panel, "catatan-sebelumnya") == "Catatan reviu versi 1: Latar Belakang: Perbarui."


def test_reviu_terima(client, inspektorat, direviu):
    client.force_login(inspektorat)
    respons = client.post(_reviu("reviu_terima", direviu), {"catatan": ""})
    assert respons["Location"] == _reviu("reviu_detail", direviu)
    assert Laporan.objects.get(pk=direviu.pk).status == Status.DITERIMA


def test_reviu_terima_sebelum_dibuka_menampilkan_alasan(client, inspektorat, ditandatangani):
    client.force_login(inspektorat)
    respons = client.post(_reviu("reviu_terima", ditandatangani), {"catatan": ""})
    assert respons.status_code == 200
    assert bagian(respons.content, "kesalahan") == (
        "LKjIP Kecamatan Ajibarang 2021 berstatus ditandatangani; terima laporan hanya dapat dilakukan pada "
        "laporan berstatus direviu."
    )


def test_hapus_catatan_reviu_dengan_konfirmasi(client, inspektorat, direviu):
    catatan = layanan.catatan_reviu_tambah(
        user=inspektorat, kecamatan=direviu.kecamatan, tahun=2021, kode="", teks="Salah tulis"
    )
    client.force_login(inspektorat)
    url = _reviu("reviu_catatan_hapus", direviu, catatan.pk)
    assert bagian(client.get(url).content, "keterangan") == "Umum: Salah tulis"
    assert CatatanReviu.objects.exists()
    client.post(url)
    assert not CatatanReviu.objects.exists()


def test_tanggal_laporan_tidak_berubah_oleh_reviu(direviu):
    assert Laporan.objects.get(pk=direviu.pk).tanggal == date(2022, 1, 10)
