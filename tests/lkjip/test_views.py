"""Login, logout, beranda per role and the kecamatan page."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import bagian, baris, buat_kecamatan_lengkap, tabel, teks

pytestmark = pytest.mark.django_db

BERANDA = reverse("beranda")


def _url_kecamatan(kecamatan):
    return reverse("kecamatan_detail", args=[kecamatan.pk])


# --- login and logout -------------------------------------------------------------------------------


def test_login_halaman_bahasa_indonesia(client):
    html = client.get(reverse("login")).content
    isi = teks(html)
    assert (
        "Masuk Laporan Kinerja Instansi Pemerintah (LKjIP) kecamatan. Nama pengguna Kata sandi Masuk" in isi
    )


def test_login_berhasil_ke_beranda(client, operator_a):
    response = client.post(reverse("login"), {"username": "operator_a", "password": f.KATA_SANDI})
    assert response.status_code == 302
    assert response.url == BERANDA


def test_login_salah_pesan_bahasa_indonesia(client, operator_a):
    response = client.post(reverse("login"), {"username": "operator_a", "password": "salah"})
    assert response.status_code == 200
    assert bagian(response.content, "galat-masuk") == (
        "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
    )


def test_logout_post_ke_halaman_masuk(client, operator_a):
    client.force_login(operator_a)
    response = client.post(reverse("logout"))
    assert (response.status_code, response.url) == (302, reverse("login"))
    assert client.get(BERANDA).status_code == 302


def test_logout_get_ditolak(client, operator_a):
    client.force_login(operator_a)
    assert client.get(reverse("logout")).status_code == 405


# --- beranda ----------------------------------------------------------------------------------------


def test_beranda_anonim_ke_login(client):
    response = client.get(BERANDA)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next=/")


def test_beranda_navbar_nama_dan_peran(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(BERANDA).content
    assert bagian(html, "pengguna") == "Siti Aminah Operator kecamatan · Ajibarang"


def test_beranda_operator_kecamatannya(client, operator_a, data_a):
    client.force_login(operator_a)
    html = client.get(BERANDA).content
    isi = teks(html)
    assert (
        "Kecamatan Ajibarang Kabupaten Banyumas Renstra 2019–2023 Visi: Terwujudnya Kecamatan Ajibarang"
        in isi
    )
    assert baris(html, "2019") == ["2019", "belum ada", "-", "Realisasi · Buat PK"]
    assert baris(html, "2020") == [
        "2020",
        "ada",
        "-",
        "PK · Realisasi · Pengukuran · Laporan · Riwayat persetujuan · Isi realisasi",
    ]
    assert baris(html, "2021") == [
        "2021",
        "ada",
        "ada",
        "PK · Realisasi · Pengukuran · Laporan · Riwayat persetujuan · Isi realisasi",
    ]
    assert bagian(html, f"belum-lengkap-{data_a.renstra.kecamatan_id}") == (
        "Yang belum lengkap "
        "Tahun tanpa Perjanjian Kinerja: 2019, 2022, 2023 "
        "Realisasi 2020 belum diisi (Perjanjian Kinerja 2020): S1.1 Indeks Kepuasan Masyarakat "
        "Realisasi 2021 belum diisi (Perjanjian Kinerja Perubahan 2021): S2.2 Jumlah gangguan ketertiban"
    )
    assert "daftar-kecamatan" not in html.decode()


def test_beranda_realisasi_triwulan_lengkap_dianggap_ada(client, operator_a, data_a):
    """A yearly value aggregated from four triwulan values counts as entered (DESIGN.md §3)."""
    for i, periode in enumerate(["tw1", "tw2", "tw3", "tw4"], 1):
        f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=periode, nilai=i)
    client.force_login(operator_a)
    html = client.get(BERANDA).content
    assert "Realisasi 2021 belum diisi" not in bagian(html, f"belum-lengkap-{data_a.renstra.kecamatan_id}")


def test_beranda_camat_kecamatannya(client, camat_a, data_a):
    client.force_login(camat_a)
    html = client.get(BERANDA).content
    assert bagian(html, "pengguna") == "Parsono Camat · Ajibarang"
    assert baris(html, "2021") == [
        "2021",
        "ada",
        "ada",
        "PK · Realisasi · Pengukuran · Laporan · Riwayat persetujuan · Isi realisasi",
    ]


def test_beranda_operator_b_tidak_melihat_a(client, operator_b, data_a, kecamatan_b):
    client.force_login(operator_b)
    html = client.get(BERANDA).content
    isi = teks(html)
    assert "Ajibarang" not in isi
    assert bagian(html, f"kecamatan-{kecamatan_b.pk}") == (
        "Kecamatan Cilongok Kabupaten Banyumas Belum ada Renstra untuk kecamatan ini. "
        "Yang belum lengkap Semua PK dan realisasi tahunan sudah lengkap."
    )


@pytest.mark.parametrize("persona", ["inspektorat", "admin_kabupaten"])
def test_beranda_peran_kabupaten_daftar_kecamatan(
    request, client, persona, data_a, kecamatan_b, kecamatan_lain
):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(BERANDA).content
    assert tabel(html, "tabel-kecamatan") == [
        ["Kecamatan", "Kabupaten", "Renstra terakhir", "PK terakhir"],
        ["Ajibarang", "Banyumas", "2019–2023", "2021"],
        ["Cilongok", "Banyumas", "-", "-"],
    ]
    assert f'href="{_url_kecamatan(kecamatan_b)}"' in html.decode()


def test_beranda_inspektorat_lain_hanya_kabupatennya(client, inspektorat_lain, kecamatan_a, kecamatan_lain):
    client.force_login(inspektorat_lain)
    html = client.get(BERANDA).content
    assert tabel(html, "tabel-kecamatan")[1:] == [["Kroya", "Cilacap", "-", "-"]]


def test_beranda_cari_kecamatan(client, inspektorat, kecamatan_a, kecamatan_b):
    client.force_login(inspektorat)
    html = client.get(BERANDA, {"q": "LONG"}).content
    assert tabel(html, "tabel-kecamatan")[1:] == [["Cilongok", "Banyumas", "-", "-"]]


def test_beranda_cari_tidak_ketemu(client, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(BERANDA, {"q": "zzz"}).content
    assert 'Tidak ada kecamatan dengan nama yang memuat "zzz".' in teks(html)


def test_beranda_paginasi_25_per_halaman(client, inspektorat, kabupaten):
    for i in range(30):
        f.KecamatanFactory(kabupaten=kabupaten, nama=f"Kec {i:02d}")
    client.force_login(inspektorat)
    halaman_1 = client.get(BERANDA).content
    halaman_2 = client.get(BERANDA, {"halaman": 2}).content
    assert [r[0] for r in tabel(halaman_1, "tabel-kecamatan")[1:]] == [f"Kec {i:02d}" for i in range(25)]
    assert [r[0] for r in tabel(halaman_2, "tabel-kecamatan")[1:]] == [f"Kec {i:02d}" for i in range(25, 30)]
    assert "Menampilkan 26–30 dari 30 kecamatan. Sebelumnya Halaman 2 dari 2 Berikutnya" in teks(halaman_2)


def test_beranda_paginasi_menjaga_pencarian(client, inspektorat, kabupaten):
    for i in range(30):
        f.KecamatanFactory(kabupaten=kabupaten, nama=f"Kec {i:02d}")
    client.force_login(inspektorat)
    html = client.get(BERANDA, {"q": "kec"}).content.decode()
    assert 'href="?q=kec&amp;halaman=2"' in html


def test_beranda_tanpa_peran_pesan_jelas(client, tanpa_peran):
    client.force_login(tanpa_peran)
    html = client.get(BERANDA).content
    assert bagian(html, "tanpa-peran") == (
        "Akun Anda belum memiliki peran. Mintalah admin kabupaten untuk menugaskan Anda sebagai operator, "
        "camat, inspektorat atau admin kabupaten."
    )


@pytest.mark.parametrize("jumlah", [1, 3])
def test_beranda_inspektorat_jumlah_query_tetap(
    client, inspektorat, kabupaten, jumlah, django_assert_num_queries
):
    for _ in range(jumlah):
        kecamatan = f.KecamatanFactory(kabupaten=kabupaten)
        f.RenstraFactory(kecamatan=kecamatan)
        f.PerjanjianKinerjaFactory(kecamatan=kecamatan)
    client.force_login(inspektorat)
    with django_assert_num_queries(5):
        response = client.get(BERANDA)
    assert len(tabel(response.content, "tabel-kecamatan")) == jumlah + 1


@pytest.mark.parametrize("jumlah", [1, 3])
def test_beranda_operator_jumlah_query_tetap(
    client, operator_a, kecamatan_a, jumlah, django_assert_num_queries
):
    buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(8):
        client.get(BERANDA)


# --- kecamatan page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"])
def test_kecamatan_detail_profil(request, client, persona, data_a, camat_pejabat_a, kecamatan_a):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url_kecamatan(kecamatan_a))
    html = response.content
    assert response.status_code == 200
    assert tabel(html, "tabel-profil") == [
        ["Camat", "PARSONO, S.Sos., M.Si. Pembina Tingkat I NIP. 19670701 199209 1 001"],
        ["Alamat", "Jl. Raya Ajibarang No. 1 53163"],
        ["Luas", "6.653,00 ha"],
        ["Penduduk laki-laki", "54.979 jiwa"],
        ["Penduduk perempuan", "53.428 jiwa"],
        ["Jumlah penduduk", "108.407 jiwa"],
        ["Dusun / RW / RT", "45 / 131 / 653"],
    ]
    assert bagian(html, "daftar-desa") == "Ajibarang Kulon (Desa) Ajibarang Wetan (Desa)"
    assert bagian(html, "tugas-fungsi") == "Kecamatan mempunyai tugas membantu Bupati."
    assert bagian(html, "dasar-hukum") == (
        "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional "
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah"
    )
    tautan = (
        "PK · Realisasi · Pengukuran · Laporan · Riwayat persetujuan · Isi realisasi"
        if persona in ("operator_a", "camat_a")
        else "PK · Realisasi · Pengukuran · Laporan · Riwayat persetujuan"
    )
    assert baris(html, "2021") == ["2021", "ada", "ada", tautan]
    halaman = html.decode()
    assert f'href="{reverse("kinerja:renstra_detail", args=[kecamatan_a.pk, data_a.renstra.pk])}"' in halaman
    assert f'href="{reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021])}"' in halaman
    assert f'href="{reverse("kinerja:realisasi_tahun", args=[kecamatan_a.pk, 2019])}"' in halaman


def test_kecamatan_detail_camat_yang_menjabat(client, operator_a, kecamatan_a, camat_pejabat_a):
    camat_pejabat_a.selesai = date(2020, 12, 31)
    camat_pejabat_a.save()
    f.PejabatFactory(
        kecamatan=kecamatan_a, nama="Camat Baru", nip="198001012005011002", mulai=date(2021, 1, 1)
    )
    client.force_login(operator_a)
    html = client.get(_url_kecamatan(kecamatan_a)).content
    assert baris(html, "Camat") == ["Camat", "Camat Baru Pembina Tingkat I NIP. 19800101 200501 1 002"]


def test_kecamatan_detail_tanpa_data(client, operator_b, kecamatan_b):
    client.force_login(operator_b)
    html = client.get(_url_kecamatan(kecamatan_b)).content
    assert baris(html, "Camat") == ["Camat", "-"]
    assert baris(html, "Luas") == ["Luas", "-"]
    assert "Belum ada data desa/kelurahan." in teks(html)


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat_lain"])
def test_kecamatan_detail_tanpa_hak_404(request, client, persona, kecamatan_a):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url_kecamatan(kecamatan_a)).status_code == 404


def test_kecamatan_detail_anonim_ke_login(client, kecamatan_a):
    url = _url_kecamatan(kecamatan_a)
    response = client.get(url)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")
