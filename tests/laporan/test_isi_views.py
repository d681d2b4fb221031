"""laporan/views_isi.py: the pages of the report's own content, their access matrix, query counts,
escaping of narratives and refusals of bad uploads."""

from datetime import date
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from laporan import services as s
from laporan.kerangka import KERANGKA
from laporan.models import (
    BerkasLaporan,
    BlokKabupaten,
    BlokLaporan,
    IsuStrategis,
    Laporan,
    LogoKabupaten,
    Narasi,
    Penghargaan,
    Permasalahan,
    SdmRekap,
)
from laporan.narasi import teks_bawaan
from lkjip.models import Penugasan
from tests import factories as f
from tests.conftest import bagian, tabel
from tests.laporan.test_isi_services import bukan_gambar, gambar, terlalu_besar

pytestmark = pytest.mark.django_db

TAHUN = 2020
PEMBACA = ["inspektorat", "admin_kabupaten"]
PENULIS = ["operator_a", "camat_a"]
LAIN = ["operator_b", "inspektorat_lain", "tanpa_peran"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def isi_a(kecamatan_a, operator_a, kabupaten, admin_kabupaten):
    """One of everything for kecamatan A, report 2020."""
    u = {"user": operator_a, "kecamatan": kecamatan_a}
    return {
        "narasi": s.narasi_simpan(**u, tahun=TAHUN, kode="latar_belakang", teks="Latar belakang kami."),
        "penghargaan": s.penghargaan_simpan(**u, tahun=TAHUN, nama="Juara I Desa Wisata", tingkat="provinsi"),
        "sdm": s.sdm_simpan(**u, tahun=TAHUN, kategori="status", uraian="PNS", jumlah=20),
        "permasalahan": s.permasalahan_simpan(**u, masalah="Koordinasi kurang"),
        "isu": s.isu_strategis_simpan(**u, uraian="PATEN belum maksimal"),
        "bagan": s.berkas_unggah(**u, tahun=TAHUN, jenis="bagan", berkas=gambar()),
        "lampiran": s.berkas_unggah(**u, tahun=TAHUN, jenis="lampiran", berkas=gambar(), keterangan="Piagam"),
        "logo": s.logo_unggah(user=admin_kabupaten, kabupaten=kabupaten, berkas=gambar("logo.png")),
    }


def _u(nama, kecamatan, *args):
    return reverse(f"laporan:{nama}", args=[kecamatan.pk, TAHUN, *args])


def _halaman_baca(kec):
    return [
        _u("isi_detail", kec),
        _u("penghargaan_daftar", kec),
        _u("sdm_daftar", kec),
        _u("permasalahan_daftar", kec),
        _u("isu_daftar", kec),
        _u("bagan_ubah", kec),
        _u("lampiran_daftar", kec),
    ]


def _halaman_tulis(kec, isi):
    return [
        _u("blok_ubah", kec, "kata_pengantar"),
        _u("blok_ubah", kec, "daftar_isi"),
        _u("narasi_bawaan", kec, "latar_belakang"),
        _u("penandatanganan_ubah", kec),
        _u("penghargaan_tambah", kec),
        _u("penghargaan_ubah", kec, isi["penghargaan"].pk),
        _u("penghargaan_hapus", kec, isi["penghargaan"].pk),
        _u("sdm_tambah", kec),
        _u("sdm_ubah", kec, isi["sdm"].pk),
        _u("sdm_hapus", kec, isi["sdm"].pk),
        _u("permasalahan_tambah", kec),
        _u("permasalahan_ubah", kec, isi["permasalahan"].pk),
        _u("permasalahan_hapus", kec, isi["permasalahan"].pk),
        _u("isu_tambah", kec),
        _u("isu_ubah", kec, isi["isu"].pk),
        _u("isu_hapus", kec, isi["isu"].pk),
        _u("bagan_hapus", kec, isi["bagan"].pk),
        _u("lampiran_ubah", kec, isi["lampiran"].pk),
        _u("lampiran_hapus", kec, isi["lampiran"].pk),
    ]


def _halaman_post(kec, isi):
    return [
        _u("blok_pratinjau", kec, "saran"),
        _u("blok_aktif", kec, "saran"),
        _u("permasalahan_pindah", kec, isi["permasalahan"].pk),
        _u("isu_pindah", kec, isi["isu"].pk),
        _u("lampiran_pindah", kec, isi["lampiran"].pk),
    ]


def _halaman_kabupaten(kab):
    return [
        reverse("laporan:kerangka_kabupaten", args=[kab.pk]),
        reverse("laporan:logo_ubah", args=[kab.pk]),
        reverse("laporan:logo_hapus", args=[kab.pk]),
    ]


def _keadaan():
    return [
        list(m.objects.order_by("pk").values())
        for m in (
            Laporan,
            Narasi,
            BlokLaporan,
            BlokKabupaten,
            Penghargaan,
            SdmRekap,
            Permasalahan,
            IsuStrategis,
        )
    ] + [
        list(BerkasLaporan.objects.order_by("pk").values_list("pk", "urutan", "keterangan")),
        LogoKabupaten.objects.count(),
    ]


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- access ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PENULIS)
def test_operator_dan_camat_membuka_semua_halaman(request, client, kecamatan_a, isi_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman_baca(kecamatan_a)] == [200] * 7
    assert [client.get(u).status_code for u in _halaman_tulis(kecamatan_a, isi_a)] == [200] * 19
    assert [
        client.post(u, {"arah": "turun", "aktif": "0"}).status_code for u in _halaman_post(kecamatan_a, isi_a)
    ] == [
        200,
        302,
        302,
        302,
        302,
    ]
    assert client.get(reverse("laporan:berkas_lihat", args=[isi_a["bagan"].pk])).status_code == 200
    assert client.get(reverse("laporan:logo_lihat", args=[kecamatan_a.kabupaten_id])).status_code == 200


@pytest.mark.parametrize("persona", PEMBACA)
def test_pembaca_melihat_tetapi_tidak_mengubah(request, client, kecamatan_a, isi_a, persona):
    client.force_login(request.getfixturevalue(persona))
    sebelum = _keadaan()
    assert [client.get(u).status_code for u in _halaman_baca(kecamatan_a)] == [200] * 7
    assert [client.get(u).status_code for u in _halaman_tulis(kecamatan_a, isi_a)] == [403] * 19
    semua_post = [*_halaman_tulis(kecamatan_a, isi_a), *_halaman_post(kecamatan_a, isi_a)]
    assert [client.post(u, {"arah": "turun", "aktif": "0", "teks": "x"}).status_code for u in semua_post] == [
        403
    ] * 24
    assert client.post(_u("bagan_ubah", kecamatan_a), {"berkas": gambar()}).status_code == 403
    assert client.post(_u("lampiran_daftar", kecamatan_a), {"berkas": gambar()}).status_code == 403
    assert _keadaan() == sebelum
    assert client.get(reverse("laporan:berkas_lihat", args=[isi_a["lampiran"].pk])).status_code == 200
    # No edit buttons for a reader.
    halaman = client.get(_u("isi_detail", kecamatan_a)).content.decode()
    assert "Sembunyikan" not in halaman and "Ubah tempat dan tanggal" not in halaman


@pytest.mark.parametrize("persona", LAIN)
def test_kecamatan_lain_404(request, client, kecamatan_a, isi_a, persona):
    client.force_login(request.getfixturevalue(persona))
    sebelum = _keadaan()
    assert [client.get(u).status_code for u in _halaman_baca(kecamatan_a)] == [404] * 7
    assert [client.get(u).status_code for u in _halaman_tulis(kecamatan_a, isi_a)] == [404] * 19
    assert [client.post(u, {"arah": "turun"}).status_code for u in _halaman_post(kecamatan_a, isi_a)] == [
        404
    ] * 5
    assert client.get(reverse("laporan:berkas_lihat", args=[isi_a["bagan"].pk])).status_code == 404
    assert _keadaan() == sebelum


def test_inspektorat_lain_tidak_melihat_logo(client, kecamatan_a, isi_a, inspektorat_lain):
    client.force_login(inspektorat_lain)
    assert client.get(reverse("laporan:logo_lihat", args=[kecamatan_a.kabupaten_id])).status_code == 404


def test_objek_kecamatan_lain_lewat_url_sendiri_404(client, kecamatan_a, kecamatan_b, isi_a, operator_b):
    client.force_login(operator_b)
    sebelum = _keadaan()
    tulis = _halaman_tulis(kecamatan_b, isi_a)
    dengan_objek = [u for u in tulis if "/ubah/" in u or "/hapus/" in u]
    assert [client.get(u).status_code for u in dengan_objek] == [404] * len(dengan_objek) == [404] * 11
    assert [client.post(u, {"arah": "turun"}).status_code for u in _halaman_post(kecamatan_b, isi_a)[2:]] == [
        404
    ] * 3
    assert _keadaan() == sebelum


def test_anonim_ke_login(client, kecamatan_a, isi_a):
    semua = [
        *_halaman_baca(kecamatan_a),
        *_halaman_tulis(kecamatan_a, isi_a),
        *_halaman_kabupaten(kecamatan_a.kabupaten),
        reverse("laporan:berkas_lihat", args=[isi_a["bagan"].pk]),
        reverse("laporan:logo_lihat", args=[kecamatan_a.kabupaten_id]),
    ]
    for u in semua:
        r = client.get(u)
        assert (r.status_code, r.url) == (302, f"{reverse('login')}?next={quote(u, safe='/')}")
    for u in _halaman_post(kecamatan_a, isi_a):
        assert client.post(u).status_code == 302


def test_halaman_post_saja_menolak_get(client, kecamatan_a, isi_a, operator_a):
    client.force_login(operator_a)
    assert [client.get(u).status_code for u in _halaman_post(kecamatan_a, isi_a)] == [405] * 5


def test_laporan_terkunci_403(client, kecamatan_a, isi_a, operator_a):
    Laporan.objects.update(status=Laporan.Status.DIAJUKAN)
    client.force_login(operator_a)
    assert client.get(_u("blok_ubah", kecamatan_a, "saran")).status_code == 403
    assert client.post(_u("blok_aktif", kecamatan_a, "saran"), {"aktif": "0"}).status_code == 403
    halaman = client.get(_u("isi_detail", kecamatan_a))
    assert bagian(halaman.content, "terkunci") == (
        "Laporan ini berstatus diajukan; isinya tidak dapat diubah lagi."
    )
    assert "Sembunyikan" not in halaman.content.decode()


# --- kabupaten pages ------------------------------------------------------------------------------------


@pytest.fixture
def admin_lain(kabupaten_lain):
    user = f.UserFactory(username="admin_lain")
    f.PenugasanFactory(
        user=user, peran=Penugasan.Peran.ADMIN_KABUPATEN, kecamatan=None, kabupaten=kabupaten_lain
    )
    return user


def test_halaman_kabupaten_untuk_admin(client, kabupaten, isi_a, admin_kabupaten):
    client.force_login(admin_kabupaten)
    assert [client.get(u).status_code for u in _halaman_kabupaten(kabupaten)] == [200] * 3


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "tanpa_peran"])
def test_halaman_kabupaten_peran_lain_403(request, client, kabupaten, isi_a, persona):
    client.force_login(request.getfixturevalue(persona))
    sebelum = _keadaan()
    assert [client.get(u).status_code for u in _halaman_kabupaten(kabupaten)] == [403] * 3
    assert [client.post(u, {"aktif_sdm": ""}).status_code for u in _halaman_kabupaten(kabupaten)] == [403] * 3
    assert _keadaan() == sebelum


def test_halaman_kabupaten_lain_404(client, kabupaten, isi_a, admin_lain):
    client.force_login(admin_lain)
    sebelum = _keadaan()
    assert [client.get(u).status_code for u in _halaman_kabupaten(kabupaten)] == [404] * 3
    assert [client.post(u).status_code for u in _halaman_kabupaten(kabupaten)] == [404] * 3
    assert client.get(reverse("laporan:logo_lihat", args=[kabupaten.pk])).status_code == 404
    assert _keadaan() == sebelum


def test_kerangka_kabupaten_disimpan(client, kabupaten, kecamatan_a, admin_kabupaten, operator_a):
    client.force_login(admin_kabupaten)
    url = reverse("laporan:kerangka_kabupaten", args=[kabupaten.pk])
    halaman = client.get(url).content.decode()
    assert 'name="aktif_rkt" id="id_aktif_rkt" aria-label="Tampilkan Rencana Kinerja Tahunan">' in halaman
    assert 'name="aktif_saran" id="id_aktif_saran" checked' in halaman
    data = {f"aktif_{b.kode}": "on" for b in KERANGKA if b.aktif_bawaan and b.kode != "sistematika"}
    data["judul_ikhtisar"] = "Ringkasan Eksekutif"
    r = client.post(url, data)
    assert (r.status_code, r.url) == (302, url)
    assert _pesan(r) == ["Bawaan kerangka laporan disimpan (2 blok berubah)."]
    assert sorted(BlokKabupaten.objects.values_list("kode", "aktif", "judul")) == [
        ("ikhtisar", True, "Ringkasan Eksekutif"),
        ("sistematika", False, ""),
    ]
    client.force_login(operator_a)
    h = client.get(_u("isi_detail", kecamatan_a)).content
    assert bagian(h, "blok-ikhtisar") == "Ringkasan Eksekutif Dari data + teks · teks bawaan Sembunyikan Ubah"
    assert bagian(h, "blok-sistematika") == (
        "Sistematika Penyajian Dari data + teks · teks bawaan · disembunyikan Tampilkan Ubah"
    )


def test_logo_unggah_ditolak_dan_diterima(client, kabupaten, admin_kabupaten):
    client.force_login(admin_kabupaten)
    url = reverse("laporan:logo_ubah", args=[kabupaten.pk])
    r = client.post(url, {"berkas": terlalu_besar("logo.png")})
    assert r.status_code == 200
    assert bagian(r.content, "div_id_berkas").endswith(
        "Berkas terlalu besar (5,1 MB); batasnya 5 MB. Perkecil resolusi pindaian atau simpan sebagai JPEG. "
        "Gambar JPEG atau PNG, satu halaman per berkas, paling besar 5 MB."
    )
    r = client.post(url, {"berkas": bukan_gambar("logo.png")})
    assert s.BUKAN_GAMBAR in bagian(r.content, "div_id_berkas")
    assert LogoKabupaten.objects.count() == 0
    r = client.post(url, {"berkas": gambar("logo.png")})
    assert (r.status_code, _pesan(r)) == (302, ["Logo Kabupaten Banyumas diunggah."])
    r = client.get(reverse("laporan:logo_lihat", args=[kabupaten.pk]))
    assert (r["Content-Type"], r["X-Content-Type-Options"]) == ("image/png", "nosniff")
    assert b"".join(r.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    r = client.post(reverse("laporan:logo_hapus", args=[kabupaten.pk]))
    assert (r.status_code, LogoKabupaten.objects.count()) == (302, 0)


# --- the report page and the block editor ------------------------------------------------------------


def test_halaman_isi_menampilkan_blok_dan_isian(client, kecamatan_a, isi_a, operator_a):
    s.laporan_penandatanganan_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=TAHUN, tempat="Ajibarang", tanggal=date(2021, 1, 4)
    )
    client.force_login(operator_a)
    h = client.get(_u("isi_detail", kecamatan_a)).content
    assert bagian(h, "penandatanganan") == "Penandatanganan Ajibarang, 4 Januari 2021 Ubah tempat dan tanggal"
    assert bagian(h, "blok-latar_belakang") == "Latar Belakang Teks · teks diubah Sembunyikan Ubah"
    assert bagian(h, "blok-maksud_tujuan") == "Maksud dan Tujuan Teks · teks bawaan Sembunyikan Ubah"
    assert bagian(h, "blok-rkt") == "Rencana Kinerja Tahunan Dari data · disembunyikan Tampilkan Ubah"
    assert bagian(h, "data-laporan") == (
        "Isian laporan Sumber daya manusia 1 baris Permasalahan 1 Isu strategis 1 "
        "Prestasi dan penghargaan 1 Bagan organisasi ada Lampiran pindaian 1"
    )


def test_blok_aktif_mengubah_tampilan(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    r = client.post(_u("blok_aktif", kecamatan_a, "sistematika"), {"aktif": "0"})
    assert (r.url, _pesan(r)) == (
        _u("isi_detail", kecamatan_a) + "#blok-sistematika",
        ["Sistematika Penyajian disembunyikan dalam laporan."],
    )
    assert list(BlokLaporan.objects.values_list("kode", "aktif", "judul")) == [("sistematika", False, "")]


def test_editor_blok_menyimpan_judul_tampilan_dan_teks(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    url = _u("blok_ubah", kecamatan_a, "saran")
    h = client.get(url).content.decode()
    assert teks_bawaan("saran", kecamatan="Ajibarang", kabupaten="Banyumas", tahun=TAHUN).splitlines()[0] in h
    r = client.post(
        url, {"judul": "Saran", "aktif": "0", "teks": "Pertama.\n\n- satu\n- dua", "aksi": "simpan"}
    )
    assert (r.status_code, _pesan(r)) == (302, ["Saran disimpan."])
    assert list(BlokLaporan.objects.values_list("kode", "aktif", "judul")) == [("saran", False, "Saran")]
    assert list(Narasi.objects.values_list("kode", "teks")) == [("saran", "Pertama.\n\n- satu\n- dua")]
    h = client.get(url).content
    assert bagian(h, "pratinjau") == "Pertama. satu dua"


def test_pratinjau_tidak_menyimpan(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    url = _u("blok_ubah", kecamatan_a, "saran")
    r = client.post(url, {"judul": "", "aktif": "", "teks": "1. a\n2. b", "aksi": "pratinjau"})
    assert r.status_code == 200
    assert '<ol type="1" start="1">' in r.content.decode()
    assert bagian(r.content, "pratinjau") == "a b"
    assert (Laporan.objects.count(), Narasi.objects.count()) == (0, 0)
    r = client.post(_u("blok_pratinjau", kecamatan_a, "saran"), {"teks": "x\n\ny"})
    assert r.content.decode().count("<p>") == 2
    assert Narasi.objects.count() == 0


def test_narasi_berisi_skrip_tampil_sebagai_teks(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    url = _u("blok_ubah", kecamatan_a, "latar_belakang")
    client.post(url, {"judul": "", "aktif": "", "teks": "<script>alert(1)</script>", "aksi": "simpan"})
    assert Narasi.objects.get().teks == "<script>alert(1)</script>"
    h = client.get(url).content.decode()
    assert "<script>alert(1)" not in h
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in h
    assert bagian(h, "pratinjau") == "<script>alert(1)</script>"
    r = client.post(_u("blok_pratinjau", kecamatan_a, "saran"), {"teks": "- <img src=x onerror=alert(1)>"})
    assert r.content.decode().strip().replace("\n", "").replace("  ", "") == (
        '<div class="narasi"><ul><li>&lt;img src=x onerror=alert(1)&gt;</li></ul></div>'
    )


def test_editor_blok_dari_data_tanpa_teks(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    url = _u("blok_ubah", kecamatan_a, "daftar_isi")
    h = client.get(url).content.decode()
    assert 'name="teks"' not in h
    assert bagian(h, "keterangan-blok") == (
        "Isi blok ini dibuat otomatis dari data; hanya judul dan tampilannya yang dapat diatur."
    )
    client.post(url, {"judul": "DAFTAR ISI", "aktif": "", "teks": "diabaikan"})
    assert list(BlokLaporan.objects.values_list("kode", "aktif", "judul")) == [
        ("daftar_isi", None, "DAFTAR ISI")
    ]
    assert Narasi.objects.count() == 0


def test_blok_tak_dikenal_404(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    assert client.get(_u("blok_ubah", kecamatan_a, "bab_v")).status_code == 404
    assert client.get(reverse("laporan:isi_detail", args=[kecamatan_a.pk, 1900])).status_code == 404


def test_kembalikan_teks_bawaan_setelah_konfirmasi(client, kecamatan_a, isi_a, operator_a):
    client.force_login(operator_a)
    url = _u("narasi_bawaan", kecamatan_a, "latar_belakang")
    h = client.get(url).content
    assert bagian(h, "akibat").startswith("Teks yang sudah diketik untuk blok ini dihapus")
    assert Narasi.objects.count() == 1
    r = client.post(url)
    assert (r.url, _pesan(r)) == (
        _u("blok_ubah", kecamatan_a, "latar_belakang"),
        ["Teks Latar Belakang dikembalikan ke teks bawaan."],
    )
    assert Narasi.objects.count() == 0
    # Nothing left to restore: the page says so instead of the button.
    r = client.post(url)
    assert bagian(r.content, "galat") == "Blok ini sudah memakai teks bawaan."


def test_penandatanganan_tanggal_salah_di_kolom(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    url = _u("penandatanganan_ubah", kecamatan_a)
    r = client.post(url, {"tempat": "Ajibarang", "tanggal": "2019-12-31"})
    assert bagian(r.content, "div_id_tanggal").startswith(
        "Tanggal Tanggal penandatanganan tidak boleh sebelum tahun laporan (2020)."
    )
    r = client.post(url, {"tempat": "Ajibarang", "tanggal": "31/13/2021"})
    assert "Tanggal tidak valid; tulis seperti 04/01/2021 atau pilih di kalender." in bagian(
        r.content, "div_id_tanggal"
    )
    assert Laporan.objects.count() == 0
    r = client.post(url, {"tempat": "Ajibarang", "tanggal": "2021-01-04"})
    assert r.status_code == 302
    assert list(Laporan.objects.values_list("tempat", "tanggal")) == [("Ajibarang", date(2021, 1, 4))]


# --- lists ----------------------------------------------------------------------------------------------


def test_penghargaan_tambah_ubah_hapus(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    r = client.post(
        _u("penghargaan_tambah", kecamatan_a), {"nama": "Juara I", "tingkat": "provinsi", "penerima": ""}
    )
    assert (r.url, _pesan(r)) == (_u("penghargaan_daftar", kecamatan_a), ["Penghargaan disimpan."])
    p = Penghargaan.objects.get()
    client.post(
        _u("penghargaan_ubah", kecamatan_a, p.pk), {"nama": "Juara II", "tingkat": "", "pemberi": "Gubernur"}
    )
    h = client.get(_u("penghargaan_daftar", kecamatan_a)).content
    assert bagian(h, "daftar-penghargaan") == (
        "Juara II Tingkat: - · Pemberi: Gubernur · Penerima: Kecamatan Ajibarang Ubah Hapus"
    )
    assert (
        bagian(client.get(_u("penghargaan_hapus", kecamatan_a, p.pk)).content, "judul-hapus")
        == "Hapus penghargaan?"
    )
    assert Penghargaan.objects.count() == 1
    r = client.post(_u("penghargaan_hapus", kecamatan_a, p.pk))
    assert (_pesan(r), Penghargaan.objects.count()) == (["Penghargaan dihapus."], 0)


def test_sdm_isian_salah_di_kolom(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    url = _u("sdm_tambah", kecamatan_a)
    r = client.post(url, {"kategori": "status", "uraian": "PNS", "jumlah": "-1"})
    assert "Jumlah tidak boleh negatif." in bagian(r.content, "div_id_jumlah")
    r = client.post(url, {"kategori": "status", "uraian": "PNS", "jumlah": "dua"})
    assert "Tulis jumlah orang sebagai bilangan bulat, mis. 6." in bagian(r.content, "div_id_jumlah")
    client.post(url, {"kategori": "Status", "uraian": "PNS", "jumlah": "20"})
    r = client.post(url, {"kategori": "status", "uraian": "pns", "jumlah": "2"})
    assert '"pns" sudah ada pada tabel status kepegawaian tahun 2020.' in bagian(r.content, "div_id_uraian")
    assert list(SdmRekap.objects.values_list("kategori", "uraian", "jumlah")) == [("status", "PNS", 20)]
    h = client.get(_u("sdm_daftar", kecamatan_a)).content
    assert tabel(h, "tabel-sdm-status") == [
        ["Uraian", "Jumlah (orang)", "Aksi"],
        ["PNS", "20", "Ubah Hapus"],
        ["Jumlah", "20", ""],
    ]


def test_permasalahan_dan_isu_berurutan(client, kecamatan_a, operator_a):
    client.force_login(operator_a)
    for m in ("A", "B"):
        client.post(
            _u("permasalahan_tambah", kecamatan_a), {"masalah": m, "pokok_masalah": "", "akar_masalah": ""}
        )
    r = client.post(_u("permasalahan_tambah", kecamatan_a), {"masalah": "  "})
    assert "Bidang ini tidak boleh kosong." in bagian(r.content, "div_id_masalah")
    b = Permasalahan.objects.get(masalah="B")
    client.post(_u("permasalahan_pindah", kecamatan_a, b.pk), {"arah": "naik"})
    h = client.get(_u("permasalahan_daftar", kecamatan_a)).content
    assert bagian(h, "daftar-permasalahan") == (
        "B Pokok masalah: - Akar masalah: - ↑Naikkan ↓Turunkan Ubah Hapus "
        "A Pokok masalah: - Akar masalah: - ↑Naikkan ↓Turunkan Ubah Hapus"
    )
    client.post(_u("isu_tambah", kecamatan_a), {"uraian": "PATEN belum maksimal"})
    assert bagian(client.get(_u("isu_daftar", kecamatan_a)).content, "daftar-isu").startswith(
        "PATEN belum maksimal"
    )


# --- uploads --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (
            terlalu_besar,
            "Berkas terlalu besar (5,1 MB); batasnya 5 MB. Perkecil resolusi pindaian atau simpan sebagai "
            "JPEG.",
        ),
        (bukan_gambar, s.BUKAN_GAMBAR),
    ],
    ids=["besar", "bukan-gambar"],
)
@pytest.mark.parametrize("halaman", ["bagan_ubah", "lampiran_daftar"])
def test_unggahan_salah_ditolak_dengan_pesan(client, kecamatan_a, operator_a, media, berkas, pesan, halaman):
    client.force_login(operator_a)
    r = client.post(_u(halaman, kecamatan_a), {"berkas": berkas(), "keterangan": "Piagam"})
    assert r.status_code == 200
    assert pesan in bagian(r.content, "div_id_berkas")
    assert bagian(r.content, "kesalahan") == "Belum disimpan: perbaiki isian yang ditandai merah."
    assert (BerkasLaporan.objects.count(), list(media.rglob("*.*"))) == (0, [])


def test_lampiran_unggah_urut_dan_dilayani_dengan_izin(client, kecamatan_a, operator_a, inspektorat_lain):
    client.force_login(operator_a)
    url = _u("lampiran_daftar", kecamatan_a)
    for i, k in enumerate(("Piagam", "SK IKU"), 1):
        r = client.post(url, {"berkas": gambar("scan.jpg", format="JPEG"), "keterangan": k})
        # The redirect is not followed, so the first message is still waiting.
        assert (r.status_code, _pesan(r)) == (302, ["Lampiran diunggah."] * i)
    kedua = BerkasLaporan.objects.get(keterangan="SK IKU")
    client.post(_u("lampiran_pindah", kecamatan_a, kedua.pk), {"arah": "naik"})
    h = client.get(url).content
    assert bagian(h, "daftar-lampiran").startswith("SK IKU JPEG · 40 × 30 piksel")
    r = client.get(reverse("laporan:berkas_lihat", args=[kedua.pk]))
    assert (r["Content-Type"], r["X-Content-Type-Options"], r["Content-Security-Policy"]) == (
        "image/jpeg",
        "nosniff",
        "default-src 'none'",
    )
    assert b"".join(r.streaming_content)[:3] == b"\xff\xd8\xff"
    client.force_login(inspektorat_lain)
    assert client.get(reverse("laporan:berkas_lihat", args=[kedua.pk])).status_code == 404


# --- query counts -----------------------------------------------------------------------------------------


def _isi_n(kec, user, n):
    u = {"user": user, "kecamatan": kec}
    for i in range(n):
        s.narasi_simpan(**u, tahun=TAHUN, kode=["saran", "penutup", "ikhtisar"][i], teks="x")
        s.penghargaan_simpan(**u, tahun=TAHUN, nama=f"P{i}")
        s.sdm_simpan(**u, tahun=TAHUN, kategori=["status", "pendidikan", "eselon"][i], uraian="u", jumlah=i)
        s.permasalahan_simpan(**u, masalah=f"M{i}")
        s.isu_strategis_simpan(**u, uraian=f"I{i}")
        s.berkas_unggah(**u, tahun=TAHUN, jenis="lampiran", berkas=gambar())


@pytest.mark.parametrize("jumlah", [1, 3])
@pytest.mark.parametrize(
    ("nama", "kueri"),
    [
        ("isi_detail", 16),
        ("penghargaan_daftar", 6),
        ("sdm_daftar", 6),
        ("permasalahan_daftar", 6),
        ("isu_daftar", 6),
        ("lampiran_daftar", 6),
    ],
)
def test_halaman_daftar_jumlah_query_tetap(
    client, kecamatan_a, operator_a, jumlah, nama, kueri, django_assert_num_queries
):
    _isi_n(kecamatan_a, operator_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(kueri):
        r = client.get(_u(nama, kecamatan_a))
    assert r.status_code == 200


@pytest.mark.parametrize("jumlah", [1, 3])
def test_kerangka_kabupaten_jumlah_query_tetap(
    client, kabupaten, admin_kabupaten, jumlah, django_assert_num_queries
):
    s.blok_kabupaten_simpan(
        user=admin_kabupaten,
        kabupaten=kabupaten,
        pengaturan={k: (False, "") for k in ["sdm", "iku", "pk"][:jumlah]},
    )
    client.force_login(admin_kabupaten)
    with django_assert_num_queries(7):
        r = client.get(reverse("laporan:kerangka_kabupaten", args=[kabupaten.pk]))
    assert r.content.decode().count("checked") == 37 - jumlah


def test_menu_kerangka_laporan_ke_kabupaten_yang_dikelola(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    response = client.get(reverse("laporan:kerangka_laporan"))
    assert (response.status_code, response.url) == (
        302,
        reverse("laporan:kerangka_kabupaten", args=[kabupaten.pk]),
    )


def test_menu_kerangka_laporan_operator_ditolak(client, operator_a):
    client.force_login(operator_a)
    assert client.get(reverse("laporan:kerangka_laporan")).status_code == 403
