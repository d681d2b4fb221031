"""The Pengukuran Kinerja page of a year and its .xlsx download (kinerja/views/pengukuran.py)."""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.models import AnalisisSasaran, PerjanjianKinerja, Realisasi
from lkjip.excel import MIME_XLSX, baca_angka
from lkjip.models import Kecamatan
from tests import factories as f
from tests.conftest import bagian, tabel, teks

pytestmark = pytest.mark.django_db

D = Decimal
PERSONA_BOLEH = ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"]
PERSONA_404 = ["operator_b", "inspektorat_lain", "tanpa_peran"]


def _halaman(kecamatan, tahun):
    return reverse("kinerja:pengukuran", args=[kecamatan.pk, tahun])


def _xlsx(kecamatan, tahun):
    return reverse("kinerja:pengukuran_xlsx", args=[kecamatan.pk, tahun])


def _terbaru(kecamatan):
    return reverse("kinerja:pengukuran_terbaru", args=[kecamatan.pk])


def _semua_url(kecamatan):
    return [_halaman(kecamatan, 2021), _xlsx(kecamatan, 2021), _terbaru(kecamatan)]


def _buku(response):
    assert response["Content-Type"] == MIME_XLSX
    return load_workbook(io.BytesIO(response.content))


def _isi(lembar):
    return [list(b) for b in lembar.iter_rows(values_only=True)]


def dua(nilai) -> Decimal:
    return baca_angka(nilai).quantize(D("0.01"), rounding=ROUND_HALF_UP)


# --- access --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BOLEH)
def test_terbuka_untuk_yang_berhak_membaca(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(url).status_code for url in _semua_url(kecamatan_a)] == [200, 200, 302]


@pytest.mark.parametrize("persona", PERSONA_404)
def test_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(url).status_code for url in _semua_url(kecamatan_a)] == [404] * 3


def test_anonim_ke_login(client, data_a, kecamatan_a):
    for url in _semua_url(kecamatan_a):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


def test_tahun_tanpa_pk_dan_renstra_404(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_halaman(kecamatan_a, 2010)).status_code == 404
    assert client.get(_xlsx(kecamatan_a, 2010)).status_code == 404


def test_tanpa_tahun_ke_tahun_terakhir_berrealisasi(client, data_a, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    response = client.get(_terbaru(kecamatan_a))
    assert (response.status_code, response.url) == (302, _halaman(kecamatan_a, 2021))


def test_tanpa_tahun_tanpa_data_404(client, operator_b):
    client.force_login(operator_b)
    kecamatan_b = Kecamatan.objects.get(nama="Cilongok")
    assert client.get(_terbaru(kecamatan_b)).status_code == 404


# --- golden acceptance on the demo data -------------------------------------------------------------


@pytest.fixture
def ajibarang(db) -> Kecamatan:
    call_command("muat_demo", stdout=io.StringIO())
    return Kecamatan.objects.get(nama="Ajibarang")


def _masuk(client, username):
    assert client.login(username=username, password="demo12345")


def test_ajibarang_2020_halaman_nilai_emas(client, ajibarang):
    _masuk(client, "operator.ajibarang")
    html = client.get(_halaman(ajibarang, 2020)).content.decode()
    rows = tabel(html, "tabel-capaian")
    assert rows[0] == [
        "No",
        "Sasaran / Indikator",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]
    assert rows[4:7] == [
        ["Sasaran S2: Meningkatnya peran kecamatan dalam pelayanan dan pemberdayaan masyarakat"],
        [
            "2",
            "Persentase layanan Kecamatan diselesaikan tepat waktu (S2.1)",
            "%",
            "100,00",
            "100,00",
            "100,00",
            "Sangat Tinggi",
        ],
        [
            "3",
            "Persentase kelompok masyarakat di kecamatan yang aktif (S2.2)",
            "%",
            "87,00",
            "90,00",
            "103,45",
            "Sangat Tinggi",
        ],
    ]
    pbb = [b for b in rows if len(b) > 1 and b[1].startswith("Persentase pembayaran PBB")]
    assert [b[3:] for b in pbb] == [["85,00", "90,00", "105,88", "Sangat Tinggi"]]
    rata = [b for b in rows if len(b) > 1 and b[1].startswith("Rata-rata capaian")]
    assert rata == [
        ["", "Rata-rata capaian sasaran S1", "100,00", "Sangat Tinggi"],
        ["", "Rata-rata capaian sasaran S2", "101,72", "Sangat Tinggi"],
        ["", "Rata-rata capaian sasaran S3", "101,86", "Sangat Tinggi"],
    ]
    assert bagian(html, "nilai-capaian-organisasi") == "101,19 %"
    assert bagian(html, "rumus-capaian-organisasi") == "(100,00 + 101,72 + 101,86) : 3 = 101,19 %"
    assert tabel(html, "tabel-predikat") == [
        ["No", "Predikat", "Sasaran", "Indikator"],
        ["1", "Sangat Tinggi", "3", "9"],
        ["2", "Tinggi", "-", "-"],
        ["3", "Sedang", "-", "-"],
        ["4", "Rendah", "-", "-"],
        ["5", "Sangat Rendah", "-", "-"],
        ["", "Jumlah", "3", "9"],
    ]
    assert 'id="peringatan"' not in html
    assert html.count('<span class="badge predikat-hijau">Sangat Tinggi</span>') == 9 + 3 + 1 + 1 + 1


def test_ajibarang_2020_perbandingan_dan_skala(client, ajibarang):
    _masuk(client, "inspektorat.banyumas")
    html = client.get(_halaman(ajibarang, 2020)).content.decode()
    rows = tabel(html, "tabel-perbandingan")
    assert rows[:4] == [
        ["No", "Indikator", "Satuan", "Tahun", "Target", "Realisasi", "Capaian (%)", "Tren"],
        [
            "1",
            "Indeks Kepuasan Masyarakat Pelayanan Kecamatan (S1.1)",
            "indeks",
            "2019",
            "82,00",
            "83,00",
            "101,22",
            "-",
        ],
        ["2020", "85,78", "85,78", "100,00", "Meningkat"],
        [
            "2",
            "Persentase layanan Kecamatan diselesaikan tepat waktu (S2.1)",
            "%",
            "2019",
            "100,00",
            "100,00",
            "100,00",
            "-",
        ],
    ]
    assert rows[5:7] == [
        [
            "3",
            "Persentase kelompok masyarakat di kecamatan yang aktif (S2.2)",
            "%",
            "2019",
            "87,00",
            "90,00",
            "103,45",
            "-",
        ],
        ["2020", "87,00", "90,00", "103,45", "Tetap"],
    ]
    assert tabel(html, "tabel-skala") == [
        ["No", "Interval capaian (%)", "Predikat"],
        ["1", "≥ 91", "Sangat Tinggi"],
        ["2", "76 - < 91", "Tinggi"],
        ["3", "66 - < 76", "Sedang"],
        ["4", "51 - < 66", "Rendah"],
        ["5", "< 51", "Sangat Rendah"],
    ]
    assert "Skala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)" in teks(html)
    # The demo document has no Renstra end target.
    assert bagian(html, "renstra-kosong").startswith("Target akhir Renstra belum diisi")
    assert [t for t in bagian(html, "pilih-tahun").split()] == ["2019", "2020", "2021"]


def test_ajibarang_2020_xlsx_nilai_emas(client, ajibarang):
    _masuk(client, "camat.ajibarang")
    response = client.get(_xlsx(ajibarang, 2020))
    assert response["Content-Disposition"] == 'attachment; filename="pengukuran-kinerja-ajibarang-2020.xlsx"'
    buku = _buku(response)
    assert buku.sheetnames == ["Capaian", "Predikat", "Perbandingan", "Target akhir Renstra", "Skala"]
    lembar = buku["Capaian"]
    isi = _isi(lembar)
    assert isi[0][0] == "Capaian Kinerja Tahun 2020"
    assert isi[2][0] == "Sumber target: Perjanjian Kinerja 2020"
    assert lembar.freeze_panes == "A6"
    assert isi[4][:9] == [
        "No",
        "Kode",
        "Sasaran / Indikator",
        "Satuan",
        "Target",
        "Target (tertulis)",
        "Realisasi",
        "Realisasi (tertulis)",
        "Capaian (%)",
    ]
    per_kode = {b[1]: b for b in isi[5:] if b[0] is not None and b[0] != ""}
    kelompok = per_kode["S2.2"]
    assert (kelompok[4], kelompok[6], dua(kelompok[8]), kelompok[9]) == (87, 90, D("103.45"), "Sangat Tinggi")
    assert lembar.cell(row=isi.index(kelompok) + 1, column=9).number_format == "#,##0.00"
    assert dua(per_kode["S3.4"][8]) == D("105.88")
    rata = [(b[2], dua(b[8])) for b in isi if isinstance(b[2], str) and b[2].startswith("Rata-rata")]
    assert rata == [
        ("Rata-rata capaian sasaran S1", D("100.00")),
        ("Rata-rata capaian sasaran S2", D("101.72")),
        ("Rata-rata capaian sasaran S3", D("101.86")),
    ]
    organisasi = [b for b in isi if b[2] == "Capaian kinerja organisasi (%)"]
    assert dua(organisasi[0][8]) == D("101.19")
    assert [b[2] for b in isi if isinstance(b[2], str) and b[2].startswith("Rumus")] == [
        "Rumus: (100,00 + 101,72 + 101,86) : 3 = 101,19 %"
    ]
    predikat = _isi(buku["Predikat"])
    assert predikat[5:7] == [[1, "Sangat Tinggi", "≥ 91", 3, 9], [2, "Tinggi", "76 - < 91", 0, 0]]
    banding = _isi(buku["Perbandingan"])
    s22 = [b for b in banding if b[1] == "S2.2"][0]
    assert (s22[4], s22[5], dua(s22[6]), s22[7], s22[8], dua(s22[9]), s22[10]) == (
        87,
        90,
        D("103.45"),
        87,
        90,
        D("103.45"),
        "Tetap",
    )


# --- the fixture's year 2021: footnotes, warnings, switcher ---------------------------------------------


def test_catatan_kaki_untuk_capaian_tak_terhitung(client, data_a, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    rows = tabel(html, "tabel-capaian")
    assert rows[1:] == [
        ["Sasaran S1: Meningkatnya kepuasan masyarakat"],
        ["1", "Indeks Kepuasan Masyarakat (S1.1)", "%", "85,78", "86,48", "100,82", "Sangat Tinggi"],
        ["", "Rata-rata capaian sasaran S1", "100,82", "Sangat Tinggi"],
        ["Sasaran S2: Meningkatnya ketertiban umum"],
        [
            "2",
            "Persentase pelanggaran perda yang ditindak (S2.1)",
            "%",
            "100,00",
            "95,00 sementara",
            "95,00",
            "Sangat Tinggi",
        ],
        [
            "3",
            "Jumlah gangguan ketertiban (S2.2, makin rendah makin baik)",
            "kasus",
            "4,00",
            "-",
            "-1)",
            "-",
        ],
        ["", "Rata-rata capaian sasaran S2 (1 dari 2 indikator)", "95,00", "Sangat Tinggi"],
    ]
    assert bagian(html, "catatan-kaki") == "1) Realisasi belum diisi; tidak dihitung dalam rata-rata (S2.2)."
    assert tabel(html, "tabel-perbandingan")[1:] == [
        ["1", "Indeks Kepuasan Masyarakat (S1.1)", "%", "2020", "85,00", "-", "-", "-"],
        ["2021", "85,78", "86,48", "100,82", "-"],
        [
            "2",
            "Persentase pelanggaran perda yang ditindak (S2.1)",
            "%",
            "2021",
            "100,00",
            "95,00",
            "95,00",
            "-",
        ],
        ["3", "Jumlah gangguan ketertiban (S2.2)", "kasus", "2021", "4,00", "-", "-1)", "-"],
    ]
    assert 'href="#catatan-1"' in html


def test_peringatan_analisis_dengan_tautan_untuk_operator(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    assert bagian(html, "peringatan") == (
        "Perlu diperhatikan Realisasi S2.1 tahun 2021 masih sementara. "
        "Analisis sasaran S2 tahun 2021 belum diisi: rata-rata capaiannya 95,00 %, di bawah 100 %, "
        "jadi faktor penghambat dan solusinya wajib dijelaskan. Isi analisis"
    )
    tautan = reverse("kinerja:analisis_ubah", args=[kecamatan_a.pk, data_a.s21.sasaran_id, 2021])
    assert f'href="{tautan}"' in html


def test_peringatan_analisis_tanpa_tautan_untuk_inspektorat(client, data_a, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    assert bagian(html, "peringatan").endswith("wajib dijelaskan.")
    assert "/analisis/" not in html


def test_peringatan_hilang_setelah_analisis_diisi(client, data_a, operator_a, kecamatan_a):
    AnalisisSasaran.objects.create(sasaran=data_a.s21.sasaran, tahun=2021, pendukung=["Koordinasi"])
    client.force_login(operator_a)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    assert bagian(html, "peringatan") == "Perlu diperhatikan Realisasi S2.1 tahun 2021 masih sementara."


def test_skala_kabupaten_dipakai(client, data_a, inspektorat, kecamatan_a):
    kabupaten = kecamatan_a.kabupaten
    kabupaten.skala_capaian = "banjar"
    kabupaten.save()
    client.force_login(inspektorat)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    assert tabel(html, "tabel-skala")[1:] == [
        ["1", "≥ 100", "Berhasil"],
        ["2", "70 - < 100", "Cukup Berhasil"],
        ["3", "40 - < 70", "Kurang Berhasil"],
        ["4", "< 40", "Tidak Berhasil"],
    ]
    assert tabel(html, "tabel-capaian")[2][6] == "Berhasil"
    assert tabel(html, "tabel-capaian")[5][6] == "Cukup Berhasil"
    assert '<span class="badge predikat-biru">Cukup Berhasil</span>' in html


def test_capaian_turun_dibatasi_nol_ditandai(client, data_a, operator_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, nilai=D("9"))
    client.force_login(operator_a)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    assert tabel(html, "tabel-capaian")[6][4:] == ["9,00", "0,00 dibatasi 0", "Sangat Rendah"]
    assert "Capaian S2.2 dibatasi 0 %: realisasi 9,00 melebihi dua kali target 4,00" in bagian(
        html, "peringatan"
    )


def test_pilih_tahun_dan_kemajuan_renstra(client, data_a, camat_a, kecamatan_a):
    client.force_login(camat_a)
    html = client.get(_halaman(kecamatan_a, 2021)).content.decode()
    assert bagian(html, "pilih-tahun") == "2020 2021"
    assert f'aria-current="page" href="{_halaman(kecamatan_a, 2021)}"' in html
    assert tabel(html, "tabel-renstra")[1:] == [
        ["1", "Indeks Kepuasan Masyarakat (S1.1)", "%", "86,48", "88,00 (2023)", "98,27"],
        ["2", "Persentase pelanggaran perda yang ditindak (S2.1)", "%", "95,00", "belum diisi", "-"],
        ["3", "Jumlah gangguan ketertiban (S2.2)", "kasus", "-", "belum diisi", "-"],
    ]


def test_xlsx_nilai_tak_terhitung_kosong_dengan_alasan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    isi = _isi(_buku(client.get(_xlsx(kecamatan_a, 2021)))["Capaian"])
    s22 = [b for b in isi if b[1] == "S2.2" and b[0] == 3][0]
    assert s22 == [
        3,
        "S2.2",
        "Jumlah gangguan ketertiban",
        "kasus",
        4,
        "4,00",
        None,
        None,
        None,
        None,
        "realisasi belum diisi; tidak dihitung dalam rata-rata",
    ]


def test_tanpa_pk_halaman_menyebut_target_renstra(client, operator_a, kecamatan_a):
    renstra = f.RenstraFactory(kecamatan=kecamatan_a, tahun_awal=2019, tahun_akhir=2023)
    sasaran = f.SasaranFactory(tujuan=f.TujuanFactory(renstra=renstra), kode="S1", uraian="Sasaran satu")
    indikator = f.IndikatorFactory(sasaran=sasaran, kode="S1.1", nama="Indikator satu")
    f.TargetFactory(indikator=indikator, tahun=2022, nilai=D("80"))
    client.force_login(operator_a)
    html = client.get(_halaman(kecamatan_a, 2022)).content.decode()
    assert bagian(html, "sumber-target") == (
        "Kecamatan Ajibarang, Kabupaten Banyumas · Target Renstra 2019-2023 tahun 2022 "
        "(belum ada Perjanjian Kinerja tahun 2022) · Realisasi 2022"
    )
    assert tabel(html, "tabel-capaian")[2] == ["1", "Indikator satu (S1.1)", "%", "80,00", "-", "-1)", "-"]


def test_tahun_tanpa_target_halaman_kosong(client, operator_a, kecamatan_a):
    f.RenstraFactory(kecamatan=kecamatan_a, tahun_awal=2019, tahun_akhir=2023)
    client.force_login(operator_a)
    html = client.get(_halaman(kecamatan_a, 2022)).content.decode()
    assert bagian(html, "belum-ada-target") == (
        "Belum ada target untuk tahun 2022: buat Perjanjian Kinerja atau isi target Renstra tahun ini."
    )


# --- query count -------------------------------------------------------------------------------------------


def _isi_kecamatan(kecamatan, n: int) -> None:
    """n sasaran with n indicators each, with targets, PK lines and realisasi of two years."""
    renstra = f.RenstraFactory(kecamatan=kecamatan, tahun_awal=2019, tahun_akhir=2023)
    tujuan = f.TujuanFactory(renstra=renstra)
    pk_lalu = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=2020)
    murni = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=2021)
    perubahan = f.PerjanjianKinerjaFactory(
        kecamatan=kecamatan, tahun=2021, jenis=PerjanjianKinerja.Jenis.PERUBAHAN
    )
    for s in range(n):
        sasaran = f.SasaranFactory(renstra=renstra, tujuan=tujuan)
        if s == 0:
            AnalisisSasaran.objects.create(sasaran=sasaran, tahun=2021, solusi=["s"])
        for _ in range(n):
            indikator = f.IndikatorFactory(sasaran=sasaran, target_akhir=D("90"))
            for t in (2020, 2021):
                f.TargetFactory(indikator=indikator, tahun=t)
            for dok in (pk_lalu, murni, perubahan):
                f.TargetPKFactory(perjanjian=dok, indikator=indikator)
            f.RealisasiFactory(indikator=indikator, tahun=2020, nilai=D("80"))
            f.RealisasiFactory(indikator=indikator, tahun=2021, nilai=D("95"))
            for periode in Realisasi.TRIWULAN:
                f.RealisasiFactory(indikator=indikator, tahun=2021, periode=periode)


@pytest.mark.parametrize("n", [1, 3])
def test_halaman_jumlah_query_tetap(client, operator_a, kecamatan_a, n, django_assert_num_queries):
    _isi_kecamatan(kecamatan_a, n)
    client.force_login(operator_a)
    with django_assert_num_queries(10):
        response = client.get(_halaman(kecamatan_a, 2021))
    assert len(tabel(response.content, "tabel-capaian")) == 1 + n * (n + 2)


@pytest.mark.parametrize("n", [1, 3])
def test_xlsx_jumlah_query_tetap(client, operator_a, kecamatan_a, n, django_assert_num_queries):
    _isi_kecamatan(kecamatan_a, n)
    client.force_login(operator_a)
    with django_assert_num_queries(9):
        response = client.get(_xlsx(kecamatan_a, 2021))
    assert response.status_code == 200
