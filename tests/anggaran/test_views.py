"""anggaran/views.py: the budget pages in the browser."""

from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from anggaran.models import Belanja, IndikatorKeluaran, PosAnggaran, ProgramSasaran, TahunAnggaran
from tests import factories as f
from tests.anggaran import factories as fa
from tests.conftest import bagian, tabel, teks

pytestmark = pytest.mark.django_db
D = Decimal

PERSONA_UBAH = ["operator_a", "camat_a"]
PERSONA_BACA = ["inspektorat", "admin_kabupaten"]
PERSONA_404 = ["operator_b", "inspektorat_lain"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def _u(nama, *args):
    return reverse(f"anggaran:{nama}", args=list(args))


def _halaman_baca(k, pohon):
    return [
        _u("anggaran_daftar", k.pk),
        _u("anggaran_tahun", k.pk, 2024),
        _u("pos_riwayat", k.pk, pohon.gaji.pk),
    ]


def _halaman_ubah(k, pohon):
    return [
        _u("tahun_tambah", k.pk),
        _u("tahun_hapus", k.pk, 2024),
        _u("pos_tambah", k.pk, 2024),
        _u("pos_tambah", k.pk, 2024) + f"?induk={pohon.keuangan.pk}",
        _u("pos_ubah", k.pk, pohon.keuangan.pk),
        _u("pos_hapus", k.pk, pohon.gaji.pk),
        _u("pos_jumlah", k.pk, pohon.gaji.pk),
        _u("pos_indikator", k.pk, pohon.gaji.pk),
        _u("belanja_ubah", k.pk, 2024),
        _u("program_sasaran_ubah", k.pk, 2024),
        _u("pos_jumlah_batal", k.pk, pohon.gaji.pk),
    ]


# --- access ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_UBAH)
def test_semua_halaman_terbuka_untuk_operator_dan_camat(request, client, pohon_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    halaman = _halaman_baca(kecamatan_a, pohon_a) + _halaman_ubah(kecamatan_a, pohon_a)
    # The last one is the inline edit's "Batal": without htmx it goes back to the tree.
    assert [client.get(u).status_code for u in halaman] == [200] * 13 + [302]


@pytest.mark.parametrize("persona", PERSONA_BACA)
def test_peran_baca_melihat_tetapi_tidak_mengubah(request, client, pohon_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman_baca(kecamatan_a, pohon_a)] == [200] * 3
    ubah = _halaman_ubah(kecamatan_a, pohon_a)
    assert [client.get(u).status_code for u in ubah] == [403] * 11
    pindah = _u("pos_pindah", kecamatan_a.pk, pohon_a.gaji.pk, "naik")
    assert [client.post(u).status_code for u in [*ubah[:-1], pindah]] == [403] * 11
    assert (PosAnggaran.objects.count(), TahunAnggaran.objects.count()) == (10, 1)
    html = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2024)).content
    assert bagian(html, "aksi-anggaran") == "Unduh templat Excel Ekspor tabel (.xlsx)"
    assert "Ubah jumlah" not in html.decode()


@pytest.mark.parametrize("persona", PERSONA_404)
def test_kecamatan_lain_404(request, client, pohon_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    semua = _halaman_baca(kecamatan_a, pohon_a) + _halaman_ubah(kecamatan_a, pohon_a)
    assert [client.get(u).status_code for u in semua] == [404] * 14
    pindah = _u("pos_pindah", kecamatan_a.pk, pohon_a.gaji.pk, "naik")
    assert [client.post(u).status_code for u in [*_halaman_ubah(kecamatan_a, pohon_a)[:-1], pindah]] == [
        404
    ] * 11


def test_anonim_ke_login(client, pohon_a, kecamatan_a):
    for u in _halaman_baca(kecamatan_a, pohon_a) + _halaman_ubah(kecamatan_a, pohon_a):
        response = client.get(u)
        assert (response.status_code, response.url) == (
            302,
            f"{reverse('login')}?next={quote(u, safe='/')}",
        )


def test_pos_tahun_lain_kecamatan_sendiri_404(client, operator_a, pohon_a, kecamatan_a, kecamatan_b):
    lain = fa.PosAnggaranFactory(tahun_anggaran=fa.TahunAnggaranFactory(kecamatan=kecamatan_b))
    client.force_login(operator_a)
    assert client.get(_u("pos_ubah", kecamatan_a.pk, lain.pk)).status_code == 404
    assert client.get(_u("anggaran_tahun", kecamatan_a.pk, 2030)).status_code == 404
    assert client.get(_u("pos_tambah", kecamatan_a.pk, 2024) + f"?induk={pohon_a.gaji.pk}").status_code == 404


# --- pages ------------------------------------------------------------------------------------------


def test_daftar_tahun(client, inspektorat, pohon_a, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(_u("anggaran_daftar", kecamatan_a.pk)).content
    assert tabel(html, "tabel-tahun-anggaran") == [
        ["Tahun", "Pagu murni (Rp)", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Jumlah pos"],
        ["2024", "1.792.737.403,00", "1.812.737.403,00", "1.739.571.496,00", "95,96 %", "10"],
    ]


def test_pohon_tahun_dengan_jumlah_setiap_tingkat(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2024)).content
    assert bagian(html, "ringkasan-anggaran") == "Kecamatan Ajibarang · 2 program, 3 kegiatan, 5 sub kegiatan"
    baris = [b[:6] for b in tabel(html, "tabel-anggaran")]
    assert baris == [
        [
            "Kode",
            "Program / kegiatan / sub kegiatan",
            "Pagu murni (Rp)",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Serapan",
        ],
        [
            "7.01.01",
            "Program Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
            "1.761.237.403,00",
            "1.761.237.403,00",
            "1.688.071.496,00",
            "95,85 %",
        ],
        [
            "7.01.01.2.02",
            "Kegiatan Administrasi Keuangan Perangkat Daerah",
            "1.678.571.471,00",
            "1.678.571.471,00",
            "1.611.891.182,00",
            "96,03 %",
        ],
        [
            "7.01.01.2.02.0001",
            "Sub kegiatan Penyediaan Gaji dan Tunjangan ASN",
            "1.654.591.471,00",
            "1.654.591.471,00",
            "1.589.071.682,00",
            "96,04 %",
        ],
        [
            "7.01.01.2.02.0003",
            "Sub kegiatan Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
            "22.480.000,00",
            "22.480.000,00",
            "22.164.000,00",
            "98,59 %",
        ],
        [
            "7.01.01.2.02.0005",
            "Sub kegiatan Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulan/Semesteran SKPD",
            "1.500.000,00",
            "1.500.000,00",
            "655.500,00",
            "43,70 %",
        ],
        [
            "7.01.01.2.08",
            "Kegiatan Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
            "82.665.932,00",
            "82.665.932,00",
            "76.180.314,00",
            "92,15 %",
        ],
        [
            "7.01.01.2.08.0002",
            "Sub kegiatan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
            "14.200.000,00",
            "14.200.000,00",
            "12.972.781,00",
            "91,36 %",
        ],
        [
            "7.01.01.2.08.0004",
            "Sub kegiatan Penyediaan Jasa Pelayanan Umum Kantor",
            "68.465.932,00",
            "68.465.932,00",
            "63.207.533,00",
            "92,32 %",
        ],
        [
            "7.01.02",
            "Program Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
            "31.500.000,00",
            "51.500.000,00",
            "51.500.000,00",
            "100,00 %",
        ],
        [
            "7.01.02.2.01",
            "Kegiatan Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
            "31.500.000,00",
            "51.500.000,00",
            "51.500.000,00",
            "100,00 %",
        ],
        ["Jumlah", "1.792.737.403,00", "1.812.737.403,00", "1.739.571.496,00", "95,96 %", ""],
    ]


def test_peringatan_realisasi_melebihi_pagu_di_halaman(client, inspektorat, pohon_a, kecamatan_a):
    PosAnggaran.objects.filter(pk=pohon_a.gaji.pk).update(realisasi=D("1700000000"))
    client.force_login(inspektorat)
    html = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2024)).content
    assert (
        "⚠ Realisasi Rp 1.700.000.000,00 melebihi pagu Rp 1.654.591.471,00; alasannya belum dicatat."
        in bagian(html, f"pos-{pohon_a.gaji.pk}")
    )


def test_kolom_kode_dan_pagu_murni_hilang_bila_kosong(client, operator_a, kecamatan_a):
    ta = fa.TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2020)
    fa.PosAnggaranFactory(tahun_anggaran=ta, nama="Program lama", pagu=D("10"), realisasi=D("9"))
    client.force_login(operator_a)
    html = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2020)).content
    assert [b[:4] for b in tabel(html, "tabel-anggaran")] == [
        ["Program / kegiatan / sub kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"],
        ["Program Program lama", "10,00", "9,00", "90,00 %"],
        ["Jumlah", "10,00", "9,00", "90,00 %"],
    ]


def _isi_jumlah_banyak(kecamatan, jumlah):
    ta = fa.TahunAnggaranFactory(kecamatan=kecamatan)
    renstra = f.RenstraFactory(kecamatan=kecamatan, tahun_awal=2021, tahun_akhir=2026)
    sasaran = f.SasaranFactory(renstra=renstra, tujuan=f.TujuanFactory(renstra=renstra))
    pk = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=2024)
    fa.BelanjaFactory(tahun_anggaran=ta, jenis="Belanja Operasi", pagu=D(1))
    for i in range(jumlah):
        program = fa.PosAnggaranFactory(tahun_anggaran=ta, kode=f"7.01.0{i + 1}")
        fa.ProgramSasaranFactory(program=program, sasaran=sasaran)
        f.ProgramPKFactory(perjanjian=pk, kode=program.kode)
        kegiatan = fa.PosAnggaranFactory(induk=program)
        daun = fa.PosAnggaranFactory(induk=kegiatan, pagu=D(10), realisasi=D(11), penanggung_jawab="Kasi")
        fa.IndikatorKeluaranFactory(pos=daun)


@pytest.mark.parametrize("jumlah", [1, 3])
def test_pohon_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    _isi_jumlah_banyak(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(11):
        response = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2024))
    assert len(tabel(response.content, "tabel-anggaran")) == 2 + 3 * jumlah


@pytest.mark.parametrize("jumlah", [1, 3])
def test_daftar_tahun_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    for i in range(jumlah):
        ta = fa.TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2020 + i)
        fa.PosAnggaranFactory(tahun_anggaran=ta, pagu=D(5))
    client.force_login(operator_a)
    with django_assert_num_queries(6):
        response = client.get(_u("anggaran_daftar", kecamatan_a.pk))
    assert len(tabel(response.content, "tabel-tahun-anggaran")) == 1 + jumlah


# --- inline edit of a leaf (htmx) -------------------------------------------------------------------


def test_ubah_jumlah_htmx_membuka_baris_isian(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_u("pos_jumlah", kecamatan_a.pk, pohon_a.gaji.pk), **HTMX).content.decode()
    assert html.count("<tr ") == 1
    assert f'name="pos{pohon_a.gaji.pk}-pagu" id="id_pos{pohon_a.gaji.pk}-pagu" value="1.654.591.471"' in html
    assert (
        f'name="pos{pohon_a.gaji.pk}-realisasi" id="id_pos{pohon_a.gaji.pk}-realisasi" value="1.589.071.682"'
        in html
    )


def test_ubah_jumlah_htmx_salah_di_field_tidak_menyimpan(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _u("pos_jumlah", kecamatan_a.pk, pohon_a.gaji.pk),
        {
            f"pos{pohon_a.gaji.pk}-{k}": v
            for k, v in (("pagu_murni", "1.654.591.471"), ("pagu", "-5"), ("realisasi", "satu juta"))
        },
        **HTMX,
    )
    html = response.content
    assert (response.status_code, "HX-Retarget" in response.headers) == (200, False)
    assert bagian(html, f"id_pos{pohon_a.gaji.pk}-pagu-galat") == "Anggaran tidak boleh negatif."
    assert bagian(html, f"id_pos{pohon_a.gaji.pk}-realisasi-galat") == (
        'Angka tidak valid: "satu juta". Gunakan titik untuk ribuan dan koma untuk desimal, '
        "contoh 1.234.567,89."
    )
    assert PosAnggaran.objects.get(pk=pohon_a.gaji.pk).pagu == D("1654591471")


def test_ubah_jumlah_htmx_menyimpan_dan_menghitung_ulang_induk(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _u("pos_jumlah", kecamatan_a.pk, pohon_a.laporan_keuangan.pk),
        {
            f"pos{pohon_a.laporan_keuangan.pk}-{k}": v
            for k, v in (("pagu_murni", "1.500.000"), ("pagu", "1.500.000"), ("realisasi", "1.600.000,50"))
        },
        **HTMX,
    )
    assert (response.headers["HX-Retarget"], response.headers["HX-Reswap"]) == ("#isi-tahun", "outerHTML")
    html = response.content
    assert tabel(html, "tabel-anggaran")[2][3:6] == ["1.678.571.471,00", "1.612.835.682,50", "96,08 %"]
    assert "⚠ Realisasi Rp 1.600.000,50 melebihi pagu Rp 1.500.000,00" in bagian(
        html, f"pos-{pohon_a.laporan_keuangan.pk}"
    )
    pos = PosAnggaran.objects.get(pk=pohon_a.laporan_keuangan.pk)
    assert pos.realisasi == D("1600000.50")
    assert pos.history.latest("history_id").history_user == operator_a


def test_ubah_jumlah_induk_ditolak(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_u("pos_jumlah", kecamatan_a.pk, pohon_a.keuangan.pk), {"pagu": "5"})
    assert response.status_code == 302
    assert PosAnggaran.objects.get(pk=pohon_a.keuangan.pk).pagu is None


def test_batal_htmx_mengembalikan_baris(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_u("pos_jumlah_batal", kecamatan_a.pk, pohon_a.gaji.pk), **HTMX).content
    assert teks(html).startswith(
        "7.01.01.2.02.0001 Sub kegiatan Penyediaan Gaji dan Tunjangan ASN 1.654.591.471,00 1.654.591.471,00 "
        "1.589.071.682,00 96,04 % Ubah"
    )


def test_halaman_jumlah_lengkap_dengan_triwulan_dan_alasan(client, camat_a, pohon_a, kecamatan_a):
    client.force_login(camat_a)
    url = _u("pos_jumlah", kecamatan_a.pk, pohon_a.komunikasi.pk)
    response = client.post(
        url,
        {
            "pagu_murni": "14.200.000",
            "pagu": "14.200.000",
            "realisasi": "",
            "realisasi_tw1": "3.000.000",
            "realisasi_tw2": "3.500.000",
            "realisasi_tw3": "",
            "realisasi_tw4": "6.472.781",
            "alasan_lebih_pagu": "",
            "alasan": "Rekap SP2D",
        },
    )
    assert response.url == reverse("anggaran:anggaran_tahun", args=[kecamatan_a.pk, 2024]) + (
        f"#pos-{pohon_a.komunikasi.pk}"
    )
    pos = PosAnggaran.objects.get(pk=pohon_a.komunikasi.pk)
    assert (pos.realisasi, pos.realisasi_tw2) == (D("12972781.00"), D("3500000.00"))
    assert pos.history.latest("history_id").history_change_reason == "Rekap SP2D"


# --- entry forms ------------------------------------------------------------------------------------


def test_tambah_tahun_lalu_program_dan_kegiatan(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_u("tahun_tambah", kecamatan_a.pk), {"tahun": "2025"})
    assert response.url == _u("anggaran_tahun", kecamatan_a.pk, 2025)
    response = client.post(
        _u("pos_tambah", kecamatan_a.pk, 2025), {"kode": " 7.01.01 ", "nama": "Program  Penunjang"}
    )
    program = PosAnggaran.objects.get()
    assert (program.kode, program.nama, response.url) == (
        "7.01.01",
        "Program Penunjang",
        _u("anggaran_tahun", kecamatan_a.pk, 2025) + f"#pos-{program.pk}",
    )
    client.post(
        _u("pos_tambah", kecamatan_a.pk, 2025) + f"?induk={program.pk}",
        {"kode": "7.01.01.2.01", "nama": "Perencanaan", "penanggung_jawab": "Sekcam"},
    )
    kegiatan = PosAnggaran.objects.get(induk=program)
    assert (kegiatan.tingkat, kegiatan.penanggung_jawab) == ("kegiatan", "Sekcam")


def test_tahun_ganda_ditolak_di_field(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.post(_u("tahun_tambah", kecamatan_a.pk), {"tahun": "2024"}).content
    assert "Anggaran tahun ini sudah ada." in bagian(html, "form-tahun")


def test_kode_salah_ditolak_di_field(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _u("pos_tambah", kecamatan_a.pk, 2024) + f"?induk={pohon_a.jasa.pk}",
        {"kode": "7.01.01.2.08.1", "nama": "X"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kode": [
            'Kode sub kegiatan "7.01.01.2.08.1" tidak sesuai bentuk Permendagri 90/2019, '
            "contoh 7.01.01.2.01.0001."
        ]
    }
    assert PosAnggaran.objects.count() == 10


def test_ubah_nama(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    client.post(
        _u("pos_ubah", kecamatan_a.pk, pohon_a.jasa.pk), {"kode": "7.01.01.2.08", "nama": "Jasa Penunjang"}
    )
    assert PosAnggaran.objects.get(pk=pohon_a.jasa.pk).nama == "Jasa Penunjang"


def test_hapus_induk_ditolak_dengan_alasan(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    url = _u("pos_hapus", kecamatan_a.pk, pohon_a.jasa.pk)
    pesan = (
        'Kegiatan "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah" tidak dapat dihapus karena masih '
        'mempunyai 2 rincian: "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", '
        '"Penyediaan Jasa Pelayanan Umum Kantor". Hapus rinciannya dulu.'
    )
    assert bagian(client.get(url).content, "galat") == pesan
    assert bagian(client.post(url).content, "galat") == pesan
    assert PosAnggaran.objects.count() == 10


def test_hapus_daun_dengan_konfirmasi(client, operator_a, pohon_a, kecamatan_a):
    IndikatorKeluaran.objects.create(pos=pohon_a.komunikasi, nama="Laporan", satuan="laporan")
    client.force_login(operator_a)
    url = _u("pos_hapus", kecamatan_a.pk, pohon_a.komunikasi.pk)
    assert bagian(client.get(url).content, "akibat-hapus") == (
        "Sub kegiatan ini akan dihapus bersama pagu dan realisasinya, 1 indikator keluaran. Jumlah induknya "
        "dihitung ulang. Riwayat perubahan mencatat penghapusan ini."
    )
    assert PosAnggaran.objects.filter(pk=pohon_a.komunikasi.pk).exists()
    response = client.post(url)
    assert response.url == _u("anggaran_tahun", kecamatan_a.pk, 2024) + f"#pos-{pohon_a.jasa.pk}"
    assert not PosAnggaran.objects.filter(pk=pohon_a.komunikasi.pk).exists()


def test_hapus_tahun(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    assert bagian(client.post(_u("tahun_hapus", kecamatan_a.pk, 2024)).content, "galat") == (
        "Anggaran 2024 tidak dapat dihapus karena masih berisi 10 program/kegiatan/sub kegiatan. "
        "Hapus rinciannya dulu."
    )
    kosong = fa.TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2025)
    fa.BelanjaFactory(tahun_anggaran=kosong, jenis="Belanja Modal", pagu=D(1))
    response = client.post(_u("tahun_hapus", kecamatan_a.pk, 2025))
    assert response.url == _u("anggaran_daftar", kecamatan_a.pk)
    assert list(TahunAnggaran.objects.values_list("tahun", flat=True)) == [2024]


def test_pindah_urutan(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    client.post(_u("pos_pindah", kecamatan_a.pk, pohon_a.pemerintahan.pk, "naik"))
    assert list(PosAnggaran.objects.filter(induk=None).order_by("urutan").values_list("kode", flat=True)) == [
        "7.01.02",
        "7.01.01",
    ]
    assert client.get(_u("pos_pindah", kecamatan_a.pk, pohon_a.pemerintahan.pk, "naik")).status_code == 405


def test_indikator_keluaran_formset(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    data = {
        "indikator-TOTAL_FORMS": "2",
        "indikator-INITIAL_FORMS": "0",
        "indikator-0-nama": "Jumlah orang yang menerima gaji",
        "indikator-0-satuan": "orang",
        "indikator-0-target": "16",
        "indikator-0-realisasi": "9",
        "indikator-0-status": "final",
        "indikator-1-nama": "",
        "indikator-1-status": "final",
    }
    client.post(_u("pos_indikator", kecamatan_a.pk, pohon_a.gaji.pk), data)
    assert list(IndikatorKeluaran.objects.values_list("nama", "target", "realisasi")) == [
        ("Jumlah orang yang menerima gaji", D("16.0000"), D("9.0000"))
    ]
    data["indikator-0-realisasi"] = "sembilan"
    html = client.post(_u("pos_indikator", kecamatan_a.pk, pohon_a.gaji.pk), data).content
    assert bagian(html, "id_indikator-0-realisasi-galat") == (
        'Angka tidak valid: "sembilan". Gunakan titik untuk ribuan dan koma untuk desimal, '
        "contoh 1.234.567,89."
    )
    assert IndikatorKeluaran.objects.get().realisasi == D("9")


def test_belanja_formset(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    data = {
        "belanja-TOTAL_FORMS": "2",
        "belanja-INITIAL_FORMS": "0",
        "belanja-0-jenis": "Belanja Operasi",
        "belanja-0-pagu": "2.173.142.141",
        "belanja-0-realisasi": "1.754.661.490",
        "belanja-1-jenis": "Belanja Modal",
        "belanja-1-pagu": "29.542.000",
        "belanja-1-realisasi": "29.296.000",
        "alasan": "DPA 2024",
    }
    response = client.post(_u("belanja_ubah", kecamatan_a.pk, 2024), data)
    assert response.status_code == 302
    assert list(Belanja.objects.values_list("jenis", "pagu", "realisasi")) == [
        ("Belanja Operasi", D("2173142141.00"), D("1754661490.00")),
        ("Belanja Modal", D("29542000.00"), D("29296000.00")),
    ]
    html = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2024)).content
    assert tabel(html, "tabel-belanja")[1:] == [
        ["Belanja Operasi", "-", "2.173.142.141,00", "1.754.661.490,00", "80,74 %", "98,66 %"],
        ["Belanja Modal", "-", "29.542.000,00", "29.296.000,00", "99,17 %", "1,34 %"],
        ["Jumlah", "-", "2.202.684.141,00", "1.783.957.490,00", "80,99 %", "100,00 %"],
    ]


def test_belanja_jenis_masa_lain_tidak_bisa_dipilih(client, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    data = {
        "belanja-TOTAL_FORMS": "1",
        "belanja-INITIAL_FORMS": "0",
        "belanja-0-jenis": "Belanja Langsung",
        "belanja-0-pagu": "1",
    }
    response = client.post(_u("belanja_ubah", kecamatan_a.pk, 2024), data)
    assert response.context["formset"].forms[0].errors == {
        "jenis": ["Tahun 2024 memakai jenis belanja Belanja Operasi / Belanja Modal, bukan Belanja Langsung."]
    }
    assert Belanja.objects.count() == 0


def test_program_sasaran(client, operator_a, pohon_a, kecamatan_a):
    renstra = f.RenstraFactory(kecamatan=kecamatan_a, tahun_awal=2021, tahun_akhir=2026)
    tujuan = f.TujuanFactory(renstra=renstra)
    s1 = f.SasaranFactory(renstra=renstra, tujuan=tujuan, kode="S1", uraian="Pelayanan prima", urutan=1)
    s2 = f.SasaranFactory(renstra=renstra, tujuan=tujuan, kode="S2", uraian="Pemberdayaan", urutan=2)
    client.force_login(operator_a)
    client.post(
        _u("program_sasaran_ubah", kecamatan_a.pk, 2024),
        {f"program_{pohon_a.penunjang.pk}": [s1.pk, s2.pk], f"program_{pohon_a.pemerintahan.pk}": [s2.pk]},
    )
    assert list(
        ProgramSasaran.objects.order_by("program__urutan", "urutan").values_list(
            "program__kode", "sasaran__kode"
        )
    ) == [
        ("7.01.01", "S1"),
        ("7.01.01", "S2"),
        ("7.01.02", "S2"),
    ]
    html = client.get(_u("anggaran_tahun", kecamatan_a.pk, 2024)).content
    assert [r[0] + " | " + r[2] + " | " + r[4] for r in tabel(html, "tabel-per-sasaran")[1:]] == [
        "S1 Pelayanan prima | 1.761.237.403,00 | 95,85 %",
        "S2 Pemberdayaan | 1.812.737.403,00 | 95,96 %",
    ]


def test_riwayat_pos(client, inspektorat, operator_a, pohon_a, kecamatan_a):
    client.force_login(operator_a)
    client.post(
        _u("pos_jumlah", kecamatan_a.pk, pohon_a.gaji.pk),
        {
            "pagu_murni": "1.654.591.471",
            "pagu": "1.654.591.471",
            "realisasi": "1.600.000.000",
            "alasan": "Koreksi",
        },
    )
    client.force_login(inspektorat)
    html = client.get(_u("pos_riwayat", kecamatan_a.pk, pohon_a.gaji.pk)).content
    baris = tabel(html, "tabel-riwayat")
    assert [b[1:] for b in baris[1:]] == [
        [
            "operator_a",
            "sub kegiatan",
            "~ diubah",
            "realisasi: 1.589.071.682,00 → 1.600.000.000,00",
            "Koreksi",
        ],
        [
            "sistem",
            "sub kegiatan",
            "+ dibuat",
            "kode: - → 7.01.01.2.02.0001 nama: - → Penyediaan Gaji dan Tunjangan ASN "
            "pagu murni: - → 1.654.591.471,00 pagu: - → 1.654.591.471,00 realisasi: - → 1.589.071.682,00",
            "-",
        ],
    ]
    assert "Anggaran" in teks(html)
