"""The Excel round trip of a year's targets and realisasi: kinerja/excel.py and its views in
kinerja/views/realisasi.py (download, upload with preview, confirm)."""

from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from kinerja.models import Realisasi, Target, TargetPK
from lkjip.excel import BUKAN_XLSX, FORMAT_ANGKA, MIME_XLSX
from tests import factories as f
from tests.conftest import bagian, tabel, teks

pytestmark = pytest.mark.django_db

D = Decimal
Periode = Realisasi.Periode
Status = Realisasi.Status
NAMA = "realisasi-ajibarang-2021.xlsx"
ALASAN = f"Impor Excel: {NAMA}"
KEPALA = [
    "Kode",
    "Nama indikator",
    "Satuan",
    "Target",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
    "Tahunan",
    "Status",
    "Keterangan",
]
ANGKA_SALAH = (
    'Angka tidak valid: "{}". Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89.'
)
TIDAK_DISIMPAN = "jadi tidak ada yang disimpan. Perbaiki di Excel lalu unggah ulang:"


def _url(nama, kecamatan, tahun=2021):
    return reverse(f"kinerja:realisasi_excel_{nama}", args=[kecamatan.pk, tahun])


def _buku(client, kecamatan, tahun=2021) -> Workbook:
    response = client.get(_url("unduh", kecamatan, tahun))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def _isi(buku: Workbook) -> bytes:
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _unggah(client, kecamatan, isi: bytes | Workbook, *, nama=NAMA, tahun=2021):
    if isinstance(isi, Workbook):
        isi = _isi(isi)
    return client.post(_url("unggah", kecamatan, tahun), {"berkas": SimpleUploadedFile(nama, isi, MIME_XLSX)})


def _simpan(client, kecamatan, pratinjau, *, tahun=2021, aksi="impor"):
    return client.post(_url("impor", kecamatan, tahun), {"sha256": pratinjau.context["sha256"], "aksi": aksi})


def _keadaan():
    """Everything an import may touch, to prove a refused one changed nothing."""
    return (
        sorted(
            Realisasi.objects.values_list(
                "indikator__kode", "tahun", "periode", "nilai", "label", "status", "keterangan"
            )
        ),
        sorted(
            TargetPK.objects.values_list("perjanjian_id", "indikator__kode", "nilai", "label", "pembanding")
        ),
        sorted(Target.objects.values_list("indikator__kode", "tahun", "nilai", "label")),
        Realisasi.history.count() + TargetPK.history.count() + Target.history.count(),
    )


def _tersimpan(indikator, tahun=2021):
    return {
        r.periode: (r.nilai, r.label, r.status, r.keterangan)
        for r in Realisasi.objects.filter(indikator=indikator, tahun=tahun)
    }


def _kesalahan(response) -> list[str]:
    return [str(k) for k in response.context["kesalahan"]]


# --- access --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"])
def test_unduh_untuk_semua_yang_boleh_membaca(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url("unduh", kecamatan_a))
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        MIME_XLSX,
        f'attachment; filename="{NAMA}"',
    )


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat_lain", "tanpa_peran"])
def test_unduh_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url("unduh", kecamatan_a)).status_code == 404


def test_unduh_tahun_tanpa_renstra_404(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_url("unduh", kecamatan_a, 2030)).status_code == 404
    assert client.get(_url("unggah", kecamatan_a, 2030)).status_code == 404


@pytest.mark.parametrize("persona", ["operator_a", "camat_a"])
def test_unggah_untuk_operator_dan_camat(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url("unggah", kecamatan_a)).status_code == 200
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["E8"] = 1
    pratinjau = _unggah(client, kecamatan_a, buku)
    assert pratinjau.status_code == 200
    assert _simpan(client, kecamatan_a, pratinjau).status_code == 302
    assert _tersimpan(data_a.s22) == {Periode.TW1: (D("1.0000"), "", "final", "")}


@pytest.mark.parametrize("persona", ["inspektorat", "admin_kabupaten"])
def test_unggah_peran_baca_saja_403(request, client, data_a, operator_a, kecamatan_a, persona):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["E8"] = 1
    sebelum = _keadaan()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url("unggah", kecamatan_a)).status_code == 403
    assert _unggah(client, kecamatan_a, buku).status_code == 403
    assert client.post(_url("impor", kecamatan_a), {"aksi": "impor", "sha256": "x"}).status_code == 403
    assert _keadaan() == sebelum


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat_lain"])
def test_unggah_kecamatan_lain_404(request, client, data_a, operator_a, kecamatan_a, persona):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["E8"] = 1
    sebelum = _keadaan()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url("unggah", kecamatan_a)).status_code == 404
    assert _unggah(client, kecamatan_a, buku).status_code == 404
    assert client.post(_url("impor", kecamatan_a), {"aksi": "impor", "sha256": "x"}).status_code == 404
    assert _keadaan() == sebelum


def test_anonim_ke_login(client, data_a, kecamatan_a):
    for nama in ("unduh", "unggah"):
        url = _url(nama, kecamatan_a)
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(url)}")
    url = _url("impor", kecamatan_a)
    response = client.post(url, {"aksi": "impor"})
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(url)}")


def test_impor_hanya_post(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_url("impor", kecamatan_a)).status_code == 405
    assert client.post(_url("unduh", kecamatan_a)).status_code == 405


# --- the template ----------------------------------------------------------------------------------------


def test_templat_berisi_indikator_pk_dan_nilai_tersimpan(client, data_a, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    buku = _buku(client, kecamatan_a)
    assert buku.sheetnames == ["Realisasi", "Petunjuk"]
    lembar = buku["Realisasi"]
    assert [list(r) for r in lembar.iter_rows(values_only=True)] == [
        ["Realisasi Kinerja Tahun 2021", *[None] * 10],
        ["Kecamatan Ajibarang, Kabupaten Banyumas", *[None] * 10],
        ["Target: Perjanjian Kinerja Perubahan 2021", *[None] * 10],
        [None] * 11,
        KEPALA,
        [
            "S1.1",
            "Indeks Kepuasan Masyarakat",
            "%",
            85.78,
            80.1,
            82.5,
            84,
            86.48,
            86.48,
            "Final",
            "Survei semester II",
        ],
        [
            "S2.1",
            "Persentase pelanggaran perda yang ditindak",
            "%",
            100,
            None,
            None,
            None,
            None,
            95,
            "Sementara",
            None,
        ],
        ["S2.2", "Jumlah gangguan ketertiban", "kasus", 4, None, None, None, None, None, "Final", None],
    ]
    assert lembar.freeze_panes == "A6"
    assert [lembar[f"{k}6"].number_format for k in "DEFGHI"] == [FORMAT_ANGKA] * 6
    assert [lembar.column_dimensions[k].width for k in "ABK"] == [10, 46, 40]
    [validasi] = lembar.data_validations.dataValidation
    assert (str(validasi.sqref), validasi.type, validasi.formula1, validasi.error) == (
        "J6:J8",
        "list",
        '"Final,Sementara,Belum tersedia"',
        "Pilih Final, Sementara atau Belum tersedia.",
    )
    petunjuk = [r[0] for r in buku["Petunjuk"].iter_rows(values_only=True)]
    assert petunjuk[0] == "Petunjuk pengisian realisasi kinerja 2021 · Kecamatan Ajibarang"
    assert petunjuk[4] == (
        "3. Target: target indikator dalam Perjanjian Kinerja Perubahan 2021. Mengubahnya mengubah target PK "
        "tersebut (tercatat di riwayat); target tidak boleh dikosongkan."
    )
    assert len(petunjuk) == 11


def test_templat_nilai_berpredikat_sebagai_teks(client, data_a, operator_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=Periode.TW2, nilai=D("72.1"), label="BB")
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=Periode.TW3, nilai=D("80"), pembanding=">=")
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=Periode.TW4, nilai=D("3.1234"))
    client.force_login(operator_a)
    lembar = _buku(client, kecamatan_a)["Realisasi"]
    assert [lembar[f"{k}8"].value for k in "FGH"] == ["BB (72,10)", "≥ 80,00", 3.1234]


def test_templat_tahun_tanpa_pk_memakai_renstra(client, data_a, operator_a, kecamatan_a):
    f.TargetFactory(indikator=data_a.t11, tahun=2022, nilai=D("73.5"), label="BB")
    f.RealisasiFactory(
        indikator=data_a.s22, tahun=2022, nilai=None, status=Status.BELUM_TERSEDIA, keterangan="BPS"
    )
    client.force_login(operator_a)
    lembar = _buku(client, kecamatan_a, 2022)["Realisasi"]
    assert [list(r) for r in lembar.iter_rows(min_row=3, values_only=True)] == [
        ["Target: Renstra 2019-2023 (tahun 2022 belum memiliki Perjanjian Kinerja)", *[None] * 10],
        [None] * 11,
        KEPALA,
        ["T1.1", "Nilai SAKIP Kecamatan", "nilai", "BB (73,50)", None, None, None, None, None, "Final", None],
        ["S1.1", "Indeks Kepuasan Masyarakat", "%", None, None, None, None, None, None, "Final", None],
        [
            "S2.1",
            "Persentase pelanggaran perda yang ditindak",
            "%",
            None,
            None,
            None,
            None,
            None,
            None,
            "Final",
            None,
        ],
        [
            "S2.2",
            "Jumlah gangguan ketertiban",
            "kasus",
            None,
            None,
            None,
            None,
            None,
            None,
            "Belum tersedia",
            "BPS",
        ],
    ]


# --- upload: preview and confirm -------------------------------------------------------------------------


def test_unduh_lalu_unggah_tanpa_perubahan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    sebelum = _keadaan()
    response = _unggah(client, kecamatan_a, _buku(client, kecamatan_a))
    html = response.content
    assert (
        bagian(html, "tanpa-perubahan")
        == "Tidak ada perubahan: data di aplikasi sudah sama dengan berkas ini."
    )
    assert "form-konfirmasi" not in html.decode()
    assert "tabel-perubahan" not in html.decode()
    assert bagian(html, "identitas-berkas") == (
        f"Berkas {NAMA} Wilayah Kecamatan Ajibarang, Kabupaten Banyumas "
        "Target Perjanjian Kinerja Perubahan 2021 Baris indikator 3"
    )
    # After the preview the warnings stand as they would after the import: S2.2 is still empty.
    assert bagian(html, "peringatan-realisasi") == (
        "Realisasi yang masih kosong setelah impor 1 "
        "Indikator berikut belum memiliki nilai realisasi tahunan maupun triwulan. Isi nilainya, atau pilih "
        "status Belum tersedia dan jelaskan sebabnya di Keterangan. S2.2 Jumlah gangguan ketertiban"
    )
    assert client.session.get(f"impor_realisasi:{kecamatan_a.pk}:2021") is None
    assert _keadaan() == sebelum


def test_berkas_benar_pratinjau_lalu_simpan_semua_baris(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    lembar = buku["Realisasi"]
    lembar["D7"] = "95,5"  # target PK S2.1
    lembar["I6"] = 87  # a stored realisasi changes: the import is its reason
    lembar["K6"] = None
    lembar["E8"] = 1
    lembar["F8"] = "BB (72,10)"
    lembar["I8"] = "1.234,5"
    lembar["K8"] = "Data Satpol PP"
    lembar["J7"] = "final"
    sebelum = _keadaan()

    pratinjau = _unggah(client, kecamatan_a, buku)
    assert _kesalahan(pratinjau) == []
    assert tabel(pratinjau.content, "tabel-perubahan") == [
        ["Kolom", "Lama", "Baru"],
        ["S1.1 Indeks Kepuasan Masyarakat"],
        ["Tahunan", "86,48", "87,00"],
        ["Keterangan", "Survei semester II", "(kosong)"],
        ["S2.1 Persentase pelanggaran perda yang ditindak"],
        ["Target", "100,00", "95,50"],
        ["Status", "Sementara", "Final"],
        ["S2.2 Jumlah gangguan ketertiban"],
        ["TW I", "(kosong)", "1,00"],
        ["TW II", "(kosong)", "BB (72,10)"],
        ["Tahunan", "(kosong)", "1.234,50"],
        ["Keterangan", "(kosong)", "Data Satpol PP"],
    ]
    assert "peringatan-realisasi" not in pratinjau.content.decode()
    assert bagian(pratinjau.content, "keterangan-konfirmasi") == (
        "Belum ada yang disimpan. Simpan impor menyimpan 8 perubahan di atas sekaligus dan mencatatnya di "
        f'riwayat dengan nama Anda dan alasan "{ALASAN}"; Batal membuang berkas ini.'
    )
    assert _keadaan() == sebelum

    waktu = timezone.now()
    response = _simpan(client, kecamatan_a, pratinjau)
    assert (response.status_code, response.url) == (
        302,
        reverse("kinerja:realisasi_grid", args=[kecamatan_a.pk, 2021]),
    )
    assert f'Impor {NAMA} tersimpan: 8 nilai berubah, tercatat di riwayat dengan alasan "{ALASAN}".' in teks(
        client.get(response.url).content
    )
    assert _tersimpan(data_a.s22) == {
        Periode.TW1: (D("1.0000"), "", "final", ""),
        Periode.TW2: (D("72.1000"), "BB", "final", ""),
        Periode.TAHUNAN: (D("1234.5000"), "", "final", "Data Satpol PP"),
    }
    assert _tersimpan(data_a.s11)[Periode.TAHUNAN] == (D("87.0000"), "", "final", "")
    assert _tersimpan(data_a.s21)[Periode.TAHUNAN] == (D("95.0000"), "", "final", "")
    assert TargetPK.objects.get(perjanjian=data_a.pk_2021_perubahan, indikator=data_a.s21).nilai == D("95.5")
    assert TargetPK.objects.get(perjanjian=data_a.pk_2021_murni, indikator=data_a.s21).nilai == D("100")

    # Every changed row records the reason and the user; the unchanged ones got no history row.
    riwayat = [
        *Realisasi.history.filter(history_date__gt=waktu),
        *TargetPK.history.filter(history_date__gt=waktu),
    ]
    assert (
        sorted((h.history_change_reason, h.history_user.username) for h in riwayat)
        == [(ALASAN, "operator_a")] * 6
    )
    assert Realisasi.history.filter(indikator=data_a.s11, periode=Periode.TW1).count() == 1
    assert client.session.get(f"impor_realisasi:{kecamatan_a.pk}:2021") is None


@pytest.mark.parametrize(
    ("sel", "isi", "kesalahan"),
    [
        ("E8", "12,3,4", "baris 8, kolom E (TW I): " + ANGKA_SALAH.format("12,3,4")),
        ("I7", "sembilan puluh", "baris 7, kolom I (Tahunan): " + ANGKA_SALAH.format("sembilan puluh")),
        (
            "A8",
            "S9.9",
            'baris 8, kolom A (Kode): Kode "S9.9" tidak ada di Perjanjian Kinerja Perubahan 2021.',
        ),
        ("D8", -1, 'baris 8, kolom D (Target): Target untuk satuan "Dokumen" tidak boleh negatif.'),
        (
            "J7",
            "Selesai",
            'baris 7, kolom J (Status): Status "Selesai" tidak dikenal; pilih Final, Sementara atau Belum '
            "tersedia.",
        ),
        (
            "D7",
            None,
            "baris 7, kolom D (Target): Target wajib diisi: indikator ini ada di Perjanjian Kinerja "
            "Perubahan 2021. Mengeluarkan indikator dari PK dilakukan di halaman Perjanjian Kinerja.",
        ),
        ("F8", "BB", 'baris 8, kolom F (TW II): Nilai huruf "BB" perlu angkanya, tulis mis. "BB (72,10)".'),
        ("G8", 1.23456, "baris 8, kolom G (TW III): Paling banyak 4 angka di belakang koma."),
        (
            "J6",
            "Belum tersedia",
            "baris 6, kolom J (Status): Realisasi yang belum tersedia tidak boleh berisi nilai: kosongkan "
            "nilai tahunan.",
        ),
    ],
)
def test_satu_baris_salah_tidak_ada_yang_berubah(
    client, data_a, operator_a, kecamatan_a, sel, isi, kesalahan
):
    data_a.s22.satuan = "Dokumen"
    data_a.s22.save()
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    lembar = buku["Realisasi"]
    lembar["H6"] = 90  # a correct change in another row
    lembar["E8"] = 2
    lembar[sel] = isi
    sebelum = _keadaan()
    response = _unggah(client, kecamatan_a, buku)
    assert _kesalahan(response) == [f"Lembar 'Realisasi', {kesalahan}"]
    html = response.content
    assert bagian(html, "jumlah-kesalahan") == f"Berkas berisi 1 kesalahan, {TIDAK_DISIMPAN}"
    assert "form-konfirmasi" not in html.decode()
    assert client.session.get(f"impor_realisasi:{kecamatan_a.pk}:2021") is None
    assert _keadaan() == sebelum


def test_semua_kesalahan_disebut_berurutan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    lembar = buku["Realisasi"]
    lembar["E8"] = "x"
    lembar["H8"] = "y"
    lembar["J7"] = "?"
    lembar["A9"] = "S1.1"  # the same indicator twice
    lembar["E9"] = 3
    lembar["B10"] = "baris tanpa kode"
    response = _unggah(client, kecamatan_a, buku)
    assert _kesalahan(response) == [
        "Lembar 'Realisasi', baris 7, kolom J (Status): Status \"?\" tidak dikenal; pilih Final, Sementara "
        "atau "
        "Belum tersedia.",
        "Lembar 'Realisasi', baris 8, kolom E (TW I): " + ANGKA_SALAH.format("x"),
        "Lembar 'Realisasi', baris 8, kolom H (TW IV): " + ANGKA_SALAH.format("y"),
        "Lembar 'Realisasi', baris 9, kolom A (Kode): Kode \"S1.1\" sudah ada di baris 6; setiap indikator "
        "satu baris.",
        "Lembar 'Realisasi', baris 10, kolom A (Kode): Kode wajib diisi; setiap baris dikenali dari kode "
        "indikatornya.",
    ]
    assert bagian(response.content, "jumlah-kesalahan") == f"Berkas berisi 5 kesalahan, {TIDAK_DISIMPAN}"


def test_kolom_dipindah_dan_baris_dihapus_tetap_terbaca(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    lembar = buku["Realisasi"]
    lembar.delete_rows(6, 2)  # only S2.2 is left
    lembar.delete_cols(2, 2)  # no name or unit
    lembar.move_range("B5:B6", cols=9)  # target moved to the far right (column K)
    lembar["C6"] = 5
    lembar["K6"] = "4,5"
    response = _unggah(client, kecamatan_a, buku)
    assert _kesalahan(response) == []
    assert tabel(response.content, "tabel-perubahan")[1:] == [
        ["S2.2 Jumlah gangguan ketertiban"],
        ["Target", "4,00", "4,50"],
        ["TW I", "(kosong)", "5,00"],
    ]


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        (
            "realisasi.csv",
            b"Kode;TW I\nS1.1;80\n",
            BUKAN_XLSX,
        ),
        (
            "realisasi.xlsx",
            b"bukan zip",
            BUKAN_XLSX,
        ),
    ],
)
def test_jenis_berkas_salah(client, data_a, operator_a, kecamatan_a, nama, isi, pesan):
    client.force_login(operator_a)
    response = _unggah(client, kecamatan_a, isi, nama=nama)
    assert bagian(response.content, "galat-berkas") == pesan
    assert "form-unggah-excel" in response.content.decode()


def test_buku_tanpa_lembar_realisasi(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = Workbook()
    buku.active.title = "Sheet1"
    response = _unggah(client, kecamatan_a, buku)
    assert bagian(response.content, "galat-berkas") == (
        "Buku kerja ini tidak memiliki lembar 'Realisasi' (lembar yang ada: 'Sheet1'). Gunakan templat dari "
        "tombol 'Unduh templat Excel' dan jangan mengganti nama lembarnya."
    )


def test_kolom_wajib_hilang(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"].delete_cols(10, 1)
    response = _unggah(client, kecamatan_a, buku)
    assert bagian(response.content, "galat-berkas") == (
        "Lembar 'Realisasi' baris 5 tidak memiliki kolom 'Status'. Judul kolom templat jangan diubah."
    )


def test_templat_tahun_atau_kecamatan_lain_ditolak(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    sebelum = _keadaan()
    response = _unggah(client, kecamatan_a, _buku(client, kecamatan_a, 2020), tahun=2021)
    assert bagian(response.content, "galat-berkas") == (
        "Berkas ini templat realisasi tahun 2020, bukan 2021. Unggah di halaman realisasi 2020, atau unduh "
        "templat tahun 2021."
    )
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["A2"] = "Kecamatan Cilongok, Kabupaten Banyumas"
    response = _unggah(client, kecamatan_a, buku)
    assert bagian(response.content, "galat-berkas") == (
        "Berkas ini templat Kecamatan Cilongok (Kabupaten Banyumas), bukan Kecamatan Ajibarang."
    )
    assert _keadaan() == sebelum


# --- years without a PK ---------------------------------------------------------------------------------


def test_tahun_tanpa_pk_target_renstra_dan_realisasi(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a, 2022)
    lembar = buku["Realisasi"]
    lembar["D6"] = "BB (73,00)"  # T1.1
    lembar["I6"] = "BB (74,25)"
    lembar["I9"] = 3  # S2.2
    pratinjau = _unggah(client, kecamatan_a, buku, nama="riwayat 2022.xlsx", tahun=2022)
    assert tabel(pratinjau.content, "tabel-perubahan")[1:] == [
        ["T1.1 Nilai SAKIP Kecamatan"],
        ["Target", "(kosong)", "BB (73,00)"],
        ["Tahunan", "(kosong)", "BB (74,25)"],
        ["S2.2 Jumlah gangguan ketertiban"],
        ["Tahunan", "(kosong)", "3,00"],
    ]
    assert _simpan(client, kecamatan_a, pratinjau, tahun=2022).status_code == 302
    target = Target.objects.get(indikator=data_a.t11, tahun=2022)
    assert (target.nilai, target.label) == (D("73"), "BB")
    assert target.history.get().history_change_reason == "Impor Excel: riwayat 2022.xlsx"
    assert _tersimpan(data_a.t11, 2022) == {Periode.TAHUNAN: (D("74.2500"), "BB", "final", "")}


def test_tahun_sejarah_tanpa_pk_target_ditolak_realisasi_boleh(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a, 2016)
    lembar = buku["Realisasi"]
    assert lembar["A3"].value == "Target: tidak dapat diisi (lihat lembar Petunjuk)"
    lembar["I7"] = 80
    sebelum = _keadaan()
    lembar["D7"] = 85
    response = _unggah(client, kecamatan_a, buku, tahun=2016)
    assert _kesalahan(response) == [
        "Lembar 'Realisasi', baris 7, kolom D (Target): Tahun 2016 belum memiliki Perjanjian Kinerja dan "
        "berada di luar periode Renstra 2019-2023: target tidak dapat diisi, kosongkan kolom Target."
    ]
    assert _keadaan() == sebelum
    lembar["D7"] = None
    pratinjau = _unggah(client, kecamatan_a, buku, tahun=2016)
    assert _kesalahan(pratinjau) == []
    assert _simpan(client, kecamatan_a, pratinjau, tahun=2016).status_code == 302
    assert _tersimpan(data_a.s11, 2016) == {Periode.TAHUNAN: (D("80.0000"), "", "final", "")}


# --- confirmation ---------------------------------------------------------------------------------------


def test_batal_tidak_menyimpan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["E8"] = 1
    sebelum = _keadaan()
    pratinjau = _unggah(client, kecamatan_a, buku)
    response = _simpan(client, kecamatan_a, pratinjau, aksi="batal")
    assert (response.status_code, response.url) == (
        302,
        reverse("kinerja:realisasi_grid", args=[kecamatan_a.pk, 2021]),
    )
    assert "Impor dibatalkan; tidak ada data yang diubah." in teks(client.get(response.url).content)
    assert _keadaan() == sebelum
    # The preview is gone: confirming now is refused.
    response = _simpan(client, kecamatan_a, pratinjau)
    assert response.url == _url("unggah", kecamatan_a)
    assert _keadaan() == sebelum


def test_konfirmasi_berkas_lain_ditolak(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["E8"] = 1
    pratinjau = _unggah(client, kecamatan_a, buku)
    sebelum = _keadaan()
    response = client.post(_url("impor", kecamatan_a), {"sha256": "0" * 64, "aksi": "impor"})
    assert response.url == _url("unggah", kecamatan_a)
    assert "Pratinjau impor sudah kedaluwarsa atau diganti berkas lain; unggah ulang berkasnya." in teks(
        client.get(response.url).content
    )
    assert _keadaan() == sebelum
    assert pratinjau.status_code == 200


def test_data_berubah_sejak_pratinjau_tidak_disimpan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    buku = _buku(client, kecamatan_a)
    buku["Realisasi"]["E8"] = 1
    buku["Realisasi"]["H6"] = 90
    pratinjau = _unggah(client, kecamatan_a, buku)
    # Meanwhile someone else corrects S1.1 TW IV to the same 90: the import would change less.
    Realisasi.objects.filter(indikator=data_a.s11, tahun=2021, periode=Periode.TW4).update(nilai=D("90"))
    sebelum = _keadaan()
    response = _simpan(client, kecamatan_a, pratinjau)
    assert response.url == _url("unggah", kecamatan_a)
    assert (
        "Data realisasi berubah sejak pratinjau dibuat (mungkin diubah pengguna lain), jadi belum ada yang "
        "disimpan. Unggah ulang berkasnya untuk melihat perubahan terbaru."
    ) in teks(client.get(response.url).content)
    assert _keadaan() == sebelum
