"""anggaran/excel.py and the Excel pages: template, export, upload with preview, confirm."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from anggaran import excel, selectors
from anggaran.models import PosAnggaran
from tests.anggaran import factories as fa
from tests.conftest import bagian

pytestmark = pytest.mark.django_db
D = Decimal


def _u(nama, kecamatan, tahun=2024):
    return reverse(f"anggaran:{nama}", args=[kecamatan.pk, tahun])


def _bytes(buku) -> bytes:
    isi = BytesIO()
    buku.save(isi)
    return isi.getvalue()


def _unduh(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(BytesIO(response.content))


def _lembar_polos(*baris) -> bytes:
    """A plain sheet: header Kode, Nama, Pagu murni, Pagu, Realisasi in row 1."""
    buku = Workbook()
    lembar = buku.active
    lembar.title = "Data"
    lembar.append(["Kode", "Nama", "Pagu murni", "Pagu", "Realisasi"])
    for b in baris:
        lembar.append(list(b))
    return _bytes(buku)


def _pohon(kecamatan):
    return selectors.pohon_anggaran(kecamatan=kecamatan, tahun=2024)


def _jumlah_semua():
    return list(PosAnggaran.objects.order_by("pk").values_list("pagu_murni", "pagu", "realisasi"))


# --- template and export --------------------------------------------------------------------------


def test_templat_berisi_pohon_tahun_ini(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _unduh(client, _u("excel_templat", kecamatan_a))
    assert buku.sheetnames == ["Anggaran", "Petunjuk"]
    lembar = buku["Anggaran"]
    isi = [list(r) for r in lembar.iter_rows(values_only=True)]
    assert isi[:3] == [
        ["Anggaran Tahun 2024", None, None, None, None, None],
        ["Kecamatan Ajibarang, Kabupaten Banyumas", None, None, None, None, None],
        [None, None, None, None, None, None],
    ]
    assert isi[3] == ["Kode", "Tingkat", "Nama", "Pagu murni", "Pagu", "Realisasi"]
    assert isi[4] == [
        "7.01.01",
        "Program",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        1761237403,
        1761237403,
        1688071496,
    ]
    assert isi[6] == [
        "7.01.01.2.02.0001",
        "Sub kegiatan",
        "Penyediaan Gaji dan Tunjangan ASN",
        1654591471,
        1654591471,
        1589071682,
    ]
    assert isi[-1] == [None, None, "Jumlah", 1792737403, 1812737403, 1739571496]
    assert len(isi) == 4 + 10 + 1
    assert (lembar["C5"].font.b, lembar["C7"].font.b, lembar["D7"].number_format) == (
        True,
        False,
        excel.FORMAT_RUPIAH,
    )


def test_ekspor_tabel_anggaran(client, inspektorat, pohon_a, kecamatan_a):
    fa.BelanjaFactory(tahun_anggaran=pohon_a.tahun_anggaran, jenis="Belanja Operasi", pagu=D("1800000000"))
    client.force_login(inspektorat)
    buku = _unduh(client, _u("excel_ekspor", kecamatan_a))
    assert buku.sheetnames == ["Anggaran", "Jenis belanja"]
    isi = [list(r) for r in buku["Anggaran"].iter_rows(min_row=4, values_only=True)]
    assert isi[0][-1] == "Serapan (%)"
    assert [r[-1] for r in isi[1:]] == [
        95.85,
        96.03,
        96.04,
        98.59,
        43.7,
        92.15,
        91.36,
        92.32,
        100,
        100,
        95.96,
    ]
    assert [list(r) for r in buku["Jenis belanja"].iter_rows(min_row=5, values_only=True)] == [
        ["Belanja Operasi", None, 1800000000, None, None, 100],
        ["Jumlah", None, 1800000000, None, None, 100],
    ]


# --- reading ----------------------------------------------------------------------------------------


def test_ekspor_lalu_impor_tanpa_perubahan(pohon_a, kecamatan_a):
    pohon = _pohon(kecamatan_a)
    isi = _bytes(excel.ekspor_anggaran(pohon, [], kecamatan_a))
    bacaan = excel.baca_anggaran(isi, pohon)
    assert (bacaan.kesalahan, bacaan.perubahan, bacaan.jumlah_baris, len(bacaan.isian)) == ([], [], 10, 6)


def test_satu_baris_salah_ditolak_dengan_barisnya_dan_tidak_ada_yang_berubah(
    client, operator_a, pohon_a, kecamatan_a
):
    sebelum = _jumlah_semua()
    isi = _lembar_polos(
        ["7.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 1654591471, 1654591471, "seratus juta"],
        ["7.01.01.2.02.0003", "Pelaksanaan Penatausahaan", 22480000, 22480000, 22000000],
        ["7.01.01.2.09.0001", "Sub kegiatan yang tidak ada", 1, 1, 1],
        ["7.01.01.2.08.0002", "Penyediaan Jasa Komunikasi", 14200000, -14200000, 12972781],
    )
    client.force_login(operator_a)
    response = client.post(
        _u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("anggaran.xlsx", isi)}
    )
    html = response.content
    assert bagian(html, "jumlah-kesalahan") == (
        "Berkas berisi 3 kesalahan, jadi tidak ada yang disimpan. Perbaiki di Excel lalu unggah ulang:"
    )
    assert response.context["bacaan"].kesalahan == [
        "Lembar 'Data', baris 2, kolom E (realisasi): Angka tidak valid: \"seratus juta\". Gunakan titik "
        "untuk ribuan dan koma untuk desimal, contoh 1.234.567,89.",
        "Lembar 'Data', baris 4, kolom A: kode \"7.01.01.2.09.0001\" tidak ada di anggaran 2024; tambahkan "
        "program/kegiatan/sub kegiatannya di aplikasi dulu",
        "Lembar 'Data', baris 5, kolom D (pagu): jumlah anggaran tidak boleh negatif (-14.200.000,00)",
    ]
    assert "form-konfirmasi" not in html.decode()
    assert _jumlah_semua() == sebelum
    response = client.post(_u("excel_impor", kecamatan_a), {"aksi": "impor", "sha256": "apa saja"})
    assert response.url == _u("excel_unggah", kecamatan_a)
    assert _jumlah_semua() == sebelum


@pytest.mark.parametrize(
    ("baris", "pesan"),
    [
        (
            ["7.01.01.2.02.0001", "Gaji", 1, "1.000,5,0", 1],
            "Lembar 'Data', baris 2, kolom D (pagu): Angka tidak valid: \"1.000,5,0\". Gunakan titik untuk "
            "ribuan dan koma untuk desimal, contoh 1.234.567,89.",
        ),
        (
            ["9.99.99", "Program lain", 1, 1, 1],
            "Lembar 'Data', baris 2, kolom A: kode \"9.99.99\" tidak ada di anggaran 2024; tambahkan "
            "program/kegiatan/sub kegiatannya di aplikasi dulu",
        ),
        (
            ["7.01.01.2.02.0001", "Gaji", 1, 1, -5],
            "Lembar 'Data', baris 2, kolom E (realisasi): jumlah anggaran tidak boleh negatif (-5,00)",
        ),
    ],
)
def test_satu_jenis_kesalahan(pohon_a, kecamatan_a, baris, pesan):
    bacaan = excel.baca_anggaran(_lembar_polos(baris), _pohon(kecamatan_a))
    assert bacaan.kesalahan == [pesan]


def test_lembar_polos_benar_menerapkan_semua_baris(client, camat_a, pohon_a, kecamatan_a):
    isi = _lembar_polos(
        [
            "7.01.01.2.02.0001",
            "Penyediaan Gaji dan Tunjangan ASN",
            1654591471,
            "1.654.591.471,00",
            "1.600.000.000",
        ],
        [None, "Penyediaan Jasa Pelayanan Umum Kantor", None, 68465932, 68465932.5],
        ["7.01.02.2.01", "Pelaksanaan Urusan", "31.500.000", "51.500.000", 50000000],
    )
    client.force_login(camat_a)
    response = client.post(_u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("isi.xlsx", isi)})
    bacaan = response.context["bacaan"]
    assert [(p.simpul.pos.nama, p.kolom, p.lama, p.baru) for p in bacaan.perubahan] == [
        ("Penyediaan Gaji dan Tunjangan ASN", "realisasi", D("1589071682.00"), D("1600000000")),
        ("Penyediaan Jasa Pelayanan Umum Kantor", "pagu_murni", D("68465932.00"), None),
        ("Penyediaan Jasa Pelayanan Umum Kantor", "realisasi", D("63207533.00"), D("68465932.5")),
        (
            "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
            "realisasi",
            D("51500000.00"),
            D("50000000"),
        ),
    ]
    response = client.post(
        _u("excel_impor", kecamatan_a), {"aksi": "impor", "sha256": response.context["sha256"]}
    )
    assert response.url == _u("anggaran_tahun", kecamatan_a)
    gaji = PosAnggaran.objects.get(pk=pohon_a.gaji.pk)
    assert gaji.realisasi == D("1600000000.00")
    riwayat = gaji.history.latest("history_id")
    assert (riwayat.history_user, riwayat.history_change_reason) == (camat_a, "Impor Excel: isi.xlsx")
    pelayanan = PosAnggaran.objects.get(pk=pohon_a.pelayanan_umum.pk)
    assert (pelayanan.pagu_murni, pelayanan.realisasi) == (None, D("68465932.50"))
    pohon = _pohon(kecamatan_a)
    assert (pohon.total.pagu, pohon.total.realisasi) == (D("1812737403.00"), D("1754258213.50"))


def test_pulang_pergi_ekspor_ubah_impor_ekspor(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _unduh(client, _u("excel_ekspor", kecamatan_a))
    lembar = buku["Anggaran"]
    # Row 7: Penyediaan Gaji; row 9: Koordinasi laporan keuangan (leaves); parents and total left as exported.
    lembar["F7"] = "1.600.000.000,00"
    lembar["E9"] = 2000000
    lembar["F9"] = 1999999.99
    isi = _bytes(buku)
    response = client.post(
        _u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("ekspor.xlsx", isi)}
    )
    bacaan = response.context["bacaan"]
    program = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    kegiatan = "Administrasi Keuangan Perangkat Daerah"
    akhir = "Kosongkan sel ini atau perbaiki rinciannya"
    assert bacaan.kesalahan == [
        f"Lembar 'Anggaran', baris 5, kolom E (pagu): {program} mempunyai rincian; jumlahnya "
        f"1.761.737.403,00, bukan 1.761.237.403,00. {akhir}",
        f"Lembar 'Anggaran', baris 5, kolom F (realisasi): {program} mempunyai rincian; jumlahnya "
        f"1.700.344.313,99, bukan 1.688.071.496,00. {akhir}",
        f"Lembar 'Anggaran', baris 6, kolom E (pagu): {kegiatan} mempunyai rincian; jumlahnya "
        f"1.679.071.471,00, bukan 1.678.571.471,00. {akhir}",
        f"Lembar 'Anggaran', baris 6, kolom F (realisasi): {kegiatan} mempunyai rincian; jumlahnya "
        f"1.624.163.999,99, bukan 1.611.891.182,00. {akhir}",
    ]
    assert PosAnggaran.objects.get(pk=pohon_a.gaji.pk).realisasi == D("1589071682")
    # Parents emptied (the total row is not read): accepted.
    for sel in ("E5", "F5", "E6", "F6"):
        lembar[sel] = None
    response = client.post(
        _u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("ekspor.xlsx", _bytes(buku))}
    )
    assert response.context["bacaan"].kesalahan == []
    client.post(_u("excel_impor", kecamatan_a), {"aksi": "impor", "sha256": response.context["sha256"]})
    kembali = _unduh(client, _u("excel_ekspor", kecamatan_a))["Anggaran"]
    assert [kembali[f"{k}7"].value for k in "DEF"] == [1654591471, 1654591471, 1600000000]
    assert [kembali[f"{k}9"].value for k in "DEF"] == [1500000, 2000000, 1999999.99]
    assert [kembali[f"{k}6"].value for k in "EF"] == [1679071471, 1624163999.99]
    bacaan = excel.baca_anggaran(_bytes(kembali.parent), _pohon(kecamatan_a))
    assert (bacaan.kesalahan, bacaan.perubahan) == ([], [])


def test_nama_kembar_dikenali_dari_baris_di_atasnya(pohon_a, kecamatan_a):
    fa.PosAnggaranFactory(induk=pohon_a.dilimpahkan.induk, nama="Penyediaan Gaji dan Tunjangan ASN")
    PosAnggaran.objects.filter(pk=pohon_a.dilimpahkan.pk).update(pagu=None, realisasi=None, pagu_murni=None)
    pohon = _pohon(kecamatan_a)
    isi = _lembar_polos(
        [None, "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"],
        [None, "Penyediaan Gaji dan Tunjangan ASN", None, 7, 5],
    )
    bacaan = excel.baca_anggaran(isi, pohon)
    assert bacaan.kesalahan == []
    assert [(p.simpul.pos.induk_id, p.kolom, p.baru) for p in bacaan.perubahan] == [
        (pohon_a.pemerintahan.pk, "pagu", D("7")),
        (pohon_a.pemerintahan.pk, "realisasi", D("5")),
    ]
    tanpa_konteks = excel.baca_anggaran(
        _lembar_polos([None, "penyediaan gaji dan tunjangan asn", None, 7, 5]), pohon
    )
    assert tanpa_konteks.kesalahan == [
        "Lembar 'Data', baris 2, kolom B: \"penyediaan gaji dan tunjangan asn\" ada di lebih dari satu "
        "tempat; isi kolom Kode"
    ]


def test_bukan_xlsx_ditolak_di_field(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("anggaran.xlsx", b"bukan excel")}
    )
    assert response.context["form"].errors["berkas"] == [
        "Berkas ini bukan buku kerja Excel .xlsx yang dapat dibaca; simpan ulang dari Excel sebagai "
        '"Buku Kerja Excel (*.xlsx)" lalu unggah lagi.'
    ]
    buku = Workbook()
    buku.active.append(["Uraian", "Nilai"])
    response = client.post(
        _u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("lain.xlsx", _bytes(buku))}
    )
    assert response.context["form"].errors["berkas"] == [
        "Lembar 'Sheet' tidak memuat baris judul dengan kolom Nama (dan Kode, Pagu murni, Pagu, Realisasi). "
        "Pakai templat anggaran dari aplikasi atau beri judul kolom tersebut."
    ]


def test_data_berubah_setelah_pratinjau_ditolak(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    isi = _lembar_polos(["7.01.01.2.02.0001", "Gaji", None, None, 1])
    response = client.post(_u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("a.xlsx", isi)})
    PosAnggaran.objects.filter(pk=pohon_a.gaji.pk).update(realisasi=D("7"))
    response = client.post(
        _u("excel_impor", kecamatan_a), {"aksi": "impor", "sha256": response.context["sha256"]}
    )
    assert response.url == _u("excel_unggah", kecamatan_a)
    assert PosAnggaran.objects.get(pk=pohon_a.gaji.pk).realisasi == D("7")


def test_batal_membuang_berkas(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    isi = _lembar_polos(["7.01.01.2.02.0001", "Gaji", None, None, 1])
    response = client.post(_u("excel_unggah", kecamatan_a), {"berkas": SimpleUploadedFile("a.xlsx", isi)})
    response = client.post(
        _u("excel_impor", kecamatan_a), {"aksi": "batal", "sha256": response.context["sha256"]}
    )
    assert response.url == _u("anggaran_tahun", kecamatan_a)
    assert PosAnggaran.objects.get(pk=pohon_a.gaji.pk).realisasi == D("1589071682")
    assert f"impor_anggaran:{kecamatan_a.pk}:2024" not in client.session


# --- access -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "baca", "ubah"),
    [
        ("operator_a", 200, 200),
        ("camat_a", 200, 200),
        ("inspektorat", 200, 403),
        ("admin_kabupaten", 200, 403),
        ("operator_b", 404, 404),
        ("inspektorat_lain", 404, 404),
    ],
)
def test_akses_halaman_excel(request, client, pohon_a, kecamatan_a, persona, baca, ubah):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(_u(n, kecamatan_a)).status_code for n in ("excel_templat", "excel_ekspor")] == [
        baca
    ] * 2
    assert client.get(_u("excel_unggah", kecamatan_a)).status_code == ubah
    assert client.post(_u("excel_impor", kecamatan_a), {"aksi": "batal"}).status_code == (
        302 if ubah == 200 else ubah
    )


def test_excel_anonim_ke_login(client, pohon_a, kecamatan_a):
    for n in ("excel_templat", "excel_ekspor", "excel_unggah"):
        response = client.get(_u(n, kecamatan_a))
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))
