"""The `lkjip-data/1` document in the browser: upload, preview, import, download (laporan/views.py)."""

import io
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kinerja.models import Indikator, Realisasi, Renstra
from laporan.forms import sidik_teks
from laporan.interchange.ekspor import ekspor_lkjip
from laporan.interchange.impor import BAGIAN_KABUPATEN_DILEWATI
from lkjip.models import Desa, Kabupaten, Kecamatan
from tests import factories as f
from tests.conftest import bagian, tabel, teks
from tests.laporan.test_impor_pratinjau import jumlah_baris, jumlah_riwayat
from tests.laporan.test_interchange import DEMO, dokumen_kecil

pytestmark = pytest.mark.django_db

AJIBARANG = "000_50ea6dba58a8a3bd.json"
SESI_KEDALUWARSA = "Sesi pratinjau sudah kedaluwarsa, unggah ulang berkasnya."


def _impor(kecamatan):
    return reverse("laporan:impor_kecamatan", args=[kecamatan.pk])


def _ekspor(kecamatan):
    return reverse("laporan:ekspor_kecamatan", args=[kecamatan.pk])


IMPOR_KABUPATEN = reverse("laporan:impor_kabupaten")


def _berkas(isi: str | bytes | dict, nama: str = "dokumen.json") -> SimpleUploadedFile:
    if isinstance(isi, dict):
        isi = json.dumps(isi, default=str)
    if isinstance(isi, str):
        isi = isi.encode("utf-8")
    return SimpleUploadedFile(nama, isi, content_type="application/json")


def _teks_demo(nama: str = AJIBARANG) -> str:
    return (DEMO / nama).read_text(encoding="utf-8")


def _dok_kecil_di(kabupaten: str, kecamatan: str) -> dict:
    dok = json.loads(json.dumps(dokumen_kecil(), default=str))
    dok["kabupaten"]["nama"] = kabupaten
    dok["kecamatan"]["nama"] = kecamatan
    return dok


def _butir(html: bytes, id_daftar: str) -> list[str]:
    """The text of each <li> of the list with that id."""
    daftar = re.search(rf'<ul[^>]* id="{id_daftar}">(.*?)</ul>', html.decode(), re.S)
    assert daftar, f"daftar #{id_daftar} tidak ditemukan"
    return [teks(li) for li in re.findall(r"<li>(.*?)</li>", daftar.group(1), re.S)]


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- access ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_a", 200),
        ("camat_a", 200),
        ("operator_b", 404),
        ("inspektorat", 403),
        ("admin_kabupaten", 403),
        ("inspektorat_lain", 404),
        ("tanpa_peran", 404),
    ],
)
def test_impor_kecamatan_matriks_persona(request, client, kecamatan_a, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_impor(kecamatan_a)).status_code == status
    assert client.post(_impor(kecamatan_a), {"berkas": _berkas(_teks_demo())}).status_code == status
    assert Renstra.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin_kabupaten", 200),
        ("operator_a", 403),
        ("camat_a", 403),
        ("inspektorat", 403),
        ("inspektorat_lain", 403),
        ("tanpa_peran", 403),
    ],
)
def test_impor_kabupaten_matriks_persona(request, client, kecamatan_a, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(IMPOR_KABUPATEN).status_code == status
    assert client.post(IMPOR_KABUPATEN, {"berkas": _berkas(_teks_demo())}).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_a", 200),
        ("camat_a", 200),
        ("inspektorat", 200),
        ("admin_kabupaten", 200),
        ("operator_b", 404),
        ("inspektorat_lain", 404),
    ],
)
def test_ekspor_matriks_persona(request, client, data_a, kecamatan_a, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_ekspor(kecamatan_a)).status_code == status


@pytest.mark.parametrize(
    "url",
    [lambda k: _impor(k), lambda k: _ekspor(k), lambda k: IMPOR_KABUPATEN],
    ids=["impor", "ekspor", "kab"],
)
def test_anonim_ke_login(client, kecamatan_a, url):
    alamat = url(kecamatan_a)
    response = client.get(alamat)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={alamat}")


# --- step 1: upload -------------------------------------------------------------------------------------


def test_halaman_unggah_kecamatan(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_impor(kecamatan_a)).content
    assert bagian(html, "langkah-impor") == "1 Unggah berkas 2 Periksa ringkasan 3 Impor"
    assert bagian(html, "keterangan-impor") == (
        "Unggah dokumen lkjip-data/1 (berkas .json, mis. hasil unduhan data kecamatan). "
        "Dokumen harus berisi data Kecamatan Ajibarang, Kabupaten Banyumas. "
        "Isinya diperiksa lebih dulu dan belum ada yang disimpan "
        "sebelum Anda melihat ringkasannya dan menekan Impor sekarang."
    )


def test_unggah_kecamatan_lain_ditolak(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    dok = _dok_kecil_di("Banyumas", "Cilongok")
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(dok)})
    assert response.status_code == 200
    assert bagian(response.content, "galat-berkas") == (
        "Dokumen ini berisi data Kecamatan Cilongok (Kabupaten Banyumas), bukan Kecamatan Ajibarang."
    )
    assert Renstra.objects.count() == 0
    assert f"impor_lkjip:kecamatan:{kecamatan_a.pk}" not in client.session


def test_unggah_kecamatan_senama_di_kabupaten_lain_ditolak(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(_dok_kecil_di("Cilacap", "AJIBARANG"))})
    assert bagian(response.content, "galat-berkas") == (
        "Dokumen ini berisi data Kecamatan AJIBARANG (Kabupaten Cilacap), "
        "bukan Kecamatan Ajibarang (Kabupaten Banyumas)."
    )


def test_unggah_nama_tidak_peka_huruf_besar(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(_dok_kecil_di("BANYUMAS", "ajibarang"))})
    assert response.templates[0].name == "laporan/impor_pratinjau.html"


def test_unggah_dokumen_tidak_valid_mendaftar_semua_jalur_dan_tidak_menulis(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    dok = _dok_kecil_di("Banyumas", "Ajibarang")
    dok["kecamatan"]["kepala"]["nip"] = "1967"
    dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["target"]["2022"] = "85,78"
    baris, riwayat = jumlah_baris(), jumlah_riwayat()
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(dok)})
    assert response.status_code == 200
    assert bagian(response.content, "jumlah-galat") == (
        "Dokumen berisi 2 kesalahan; tidak ada data yang disimpan. Perbaiki lalu unggah ulang:"
    )
    assert _butir(response.content, "daftar-galat") == [
        '$.kecamatan.kepala.nip: NIP "1967" tidak valid: NIP harus tepat 18 digit angka tanpa spasi',
        "$.renstra.tujuan[0].sasaran[0].indikator[0].target['2022']: \"85,78\" bukan angka yang valid: "
        "tulis angka dengan titik sebagai pemisah desimal dan tanpa pemisah ribuan, mis. 1234567.89",
    ]
    assert (jumlah_baris(), jumlah_riwayat()) == (baris, riwayat)


def test_unggah_aturan_domain_dilaporkan_dengan_jalur(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    dok = _dok_kecil_di("Banyumas", "Ajibarang")
    dok["perjanjian_kinerja"][0]["indikator"][1]["kode"] = "S9.9"
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(dok)})
    assert bagian(response.content, "daftar-galat") == (
        '$.perjanjian_kinerja[0].indikator[1].kode: indikator "S9.9" tidak ada di Renstra dokumen ini'
    )
    assert Renstra.objects.count() == 0


def test_unggah_bukan_json_menyebut_baris_dan_kolom(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas('{\n  "format": ,\n}')})
    assert bagian(response.content, "galat-berkas") == (
        "$: bukan JSON yang valid (baris 2, kolom 13): nilai tidak ditemukan"
    )


def test_unggah_terlalu_besar_ditolak(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    besar = b'{"x": "' + b"a" * (5 * 1024 * 1024) + b'"}'
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(besar)})
    assert bagian(response.content, "galat-berkas") == "Berkas terlalu besar (5,1 MB); batasnya 5 MB."


def test_unggah_dinilai_dari_isi_bukan_nama(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    xlsx = b"PK\x03\x04" + b"\x00" * 100
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(xlsx, nama="lkjip.json")})
    assert bagian(response.content, "galat-berkas") == (
        "Berkas ini berkas Excel (.xlsx) atau arsip ZIP, bukan dokumen JSON."
    )
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(_teks_demo(), nama="lkjip.txt")})
    assert "galat-berkas" not in response.content.decode()
    assert response.context["nama_berkas"] == "lkjip.txt"


def test_unggah_tanpa_berkas(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_impor(kecamatan_a), {})
    assert bagian(response.content, "galat-berkas") == "Pilih berkas dokumen .json terlebih dahulu."


# --- step 2: summary ------------------------------------------------------------------------------------


def test_pratinjau_ringkasan_per_jenis_tanpa_menulis(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    baris, riwayat = jumlah_baris(), jumlah_riwayat()
    response = client.post(_impor(kecamatan_a), {"berkas": _berkas(_teks_demo(), nama="ajibarang.json")})
    html = response.content
    assert response.status_code == 200
    assert bagian(html, "langkah-impor") == "1 Unggah berkas 2 Periksa ringkasan 3 Impor"
    assert tabel(html, "tabel-ringkasan") == [
        ["Jenis data", "Dibuat", "Diubah", "Dihapus"],
        ["Kabupaten", "0", "0", "0"],
        ["Kecamatan", "0", "1", "0"],
        ["Pejabat", "1", "0", "0"],
        ["Desa/kelurahan", "0", "0", "2"],
        ["Renstra", "1", "0", "0"],
        ["Tujuan", "3", "0", "0"],
        ["Sasaran", "3", "0", "0"],
        ["SDM sasaran", "0", "0", "0"],
        ["Indikator", "12", "0", "0"],
        ["Target Renstra", "9", "0", "0"],
        ["Perjanjian Kinerja", "2", "0", "0"],
        ["Target PK", "18", "0", "0"],
        ["Target triwulan PK", "0", "0", "0"],
        ["Program PK", "5", "0", "0"],
        ["Realisasi", "18", "0", "0"],
        ["Analisis sasaran", "3", "0", "0"],
        ["Tahun anggaran", "1", "0", "0"],
        ["Jenis belanja", "2", "0", "0"],
        ["Pos anggaran", "3", "0", "0"],
        ["Indikator keluaran", "0", "0", "0"],
        ["Program pendukung sasaran", "3", "0", "0"],
        ["Survei SKM", "0", "0", "0"],
        ["Unsur SKM", "0", "0", "0"],
        ["Evaluasi SAKIP", "0", "0", "0"],
        ["Komponen SAKIP", "0", "0", "0"],
        ["Rekomendasi SAKIP", "0", "0", "0"],
        ["Tindak lanjut rekomendasi", "0", "0", "0"],
        ["Laporan", "1", "0", "0"],
        ["Narasi", "11", "0", "0"],
        ["Penghargaan", "0", "0", "0"],
        ["Rekap SDM", "2", "0", "0"],
        ["Permasalahan", "0", "0", "0"],
        ["Isu strategis", "0", "0", "0"],
        ["Jumlah", "98", "1", "2"],
    ]
    assert bagian(html, "peringatan-hapus") == (
        "Impor ini akan menghapus 2 baris yang tidak ada lagi di dokumen. "
        "Periksa kolom Dihapus sebelum melanjutkan."
    )
    assert bagian(html, "daftar-dilewati") == BAGIAN_KABUPATEN_DILEWATI
    sidik = sidik_teks(_teks_demo())
    assert bagian(html, "identitas-dokumen") == (
        f"Berkas ajibarang.json Wilayah Kecamatan Ajibarang, Kabupaten Banyumas sudah ada SHA-256 {sidik}"
    )
    assert bagian(html, "form-konfirmasi") == "Impor sekarang Batal"
    assert f'name="sha256" value="{sidik}"' in html.decode()
    assert client.session[f"impor_lkjip:kecamatan:{kecamatan_a.pk}"] == {
        "teks": _teks_demo(),
        "sha256": sidik,
        "nama_berkas": "ajibarang.json",
    }
    assert (jumlah_baris(), jumlah_riwayat()) == (baris, riwayat)
    assert list(Desa.objects.values_list("nama", flat=True)) == ["Ajibarang Kulon", "Ajibarang Wetan"]


def test_pratinjau_kedua_setelah_impor_tanpa_perubahan(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    client.post(url, {"berkas": _berkas(_teks_demo())})
    client.post(url, {"aksi": "impor", "sha256": sidik_teks(_teks_demo())})
    html = client.post(url, {"berkas": _berkas(_teks_demo())}).content
    assert [b[1:] for b in tabel(html, "tabel-ringkasan")[1:]] == [["0", "0", "0"]] * 34
    assert bagian(html, "tanpa-perubahan") == (
        "Tidak ada perubahan: data di aplikasi sudah sama dengan dokumen ini."
    )


# --- step 3: import -------------------------------------------------------------------------------------


def test_konfirmasi_mengimpor_dan_mencatat_pengguna(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    client.post(url, {"berkas": _berkas(_teks_demo(), nama="ajibarang.json")})
    response = client.post(url, {"aksi": "impor", "sha256": sidik_teks(_teks_demo())})
    assert (response.status_code, response.url) == (302, reverse("kecamatan_detail", args=[kecamatan_a.pk]))
    assert _pesan(response) == [
        "Dokumen ajibarang.json diimpor ke Kecamatan Ajibarang (Kabupaten Banyumas): "
        "dibuat: 1 pejabat, 1 Renstra, 3 tujuan, 3 sasaran, 12 indikator, 9 target Renstra, "
        "2 Perjanjian Kinerja, 18 target PK, 5 program PK, 18 realisasi, 3 analisis sasaran, "
        "1 tahun anggaran, 2 jenis belanja, 3 pos anggaran, 3 program pendukung sasaran, 1 laporan, "
        "11 narasi, 2 rekap SDM; "
        "diubah: 1 kecamatan; dihapus: 2 desa/kelurahan."
    ]
    assert f"impor_lkjip:kecamatan:{kecamatan_a.pk}" not in client.session
    assert Indikator.objects.filter(renstra__kecamatan=kecamatan_a).count() == 12
    realisasi = Realisasi.objects.get(indikator__kode="S1.1", tahun=2020, periode="tahunan")
    riwayat = realisasi.history.get()
    assert (riwayat.history_user, riwayat.history_change_reason) == (operator_a, "Impor dokumen lkjip-data")
    kabupaten = Kabupaten.objects.get()
    assert (kabupaten.nama, kabupaten.pejabat.count()) == ("Banyumas", 0)


def test_konfirmasi_tanpa_sesi_kedaluwarsa(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    response = client.post(url, {"aksi": "impor", "sha256": sidik_teks(_teks_demo())})
    assert (response.status_code, response.url) == (302, url)
    assert _pesan(response) == [SESI_KEDALUWARSA]
    assert Renstra.objects.count() == 0


def test_konfirmasi_sidik_berbeda_kedaluwarsa(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    client.post(url, {"berkas": _berkas(_teks_demo())})
    response = client.post(url, {"aksi": "impor", "sha256": sidik_teks("dokumen lain")})
    assert (response.status_code, response.url) == (302, url)
    assert _pesan(response) == [SESI_KEDALUWARSA]
    assert f"impor_lkjip:kecamatan:{kecamatan_a.pk}" not in client.session
    assert Renstra.objects.count() == 0


def test_konfirmasi_isi_sesi_berubah_kedaluwarsa(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    client.post(url, {"berkas": _berkas(_teks_demo())})
    sesi = client.session
    kunci = f"impor_lkjip:kecamatan:{kecamatan_a.pk}"
    sesi[kunci] = sesi[kunci] | {"teks": _teks_demo().replace("Ajibarang", "Cilongok")}
    sesi.save()
    response = client.post(url, {"aksi": "impor", "sha256": sidik_teks(_teks_demo())})
    assert _pesan(response) == [SESI_KEDALUWARSA]
    assert Renstra.objects.count() == 0


def test_batal_menghapus_sesi_tanpa_menulis(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    client.post(url, {"berkas": _berkas(_teks_demo())})
    response = client.post(url, {"aksi": "batal", "sha256": sidik_teks(_teks_demo())})
    assert (response.status_code, response.url) == (302, reverse("kecamatan_detail", args=[kecamatan_a.pk]))
    assert _pesan(response) == ["Impor dibatalkan; tidak ada data yang diubah."]
    assert f"impor_lkjip:kecamatan:{kecamatan_a.pk}" not in client.session
    assert Renstra.objects.count() == 0


def test_operator_lain_tidak_dapat_memakai_sesi_kecamatan_a(client, operator_a, operator_b, kecamatan_a):
    client.force_login(operator_a)
    client.post(_impor(kecamatan_a), {"berkas": _berkas(_teks_demo())})
    client.force_login(operator_b)
    response = client.post(_impor(kecamatan_a), {"aksi": "impor", "sha256": sidik_teks(_teks_demo())})
    assert response.status_code == 404
    assert Renstra.objects.count() == 0


# --- admin kabupaten ------------------------------------------------------------------------------------


def test_admin_mengimpor_kecamatan_baru_di_kabupatennya(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    dok = _dok_kecil_di("banyumas", "Uji")
    teks_dok = json.dumps(dok)
    response = client.post(IMPOR_KABUPATEN, {"berkas": _berkas(teks_dok, nama="uji.json")})
    assert bagian(response.content, "identitas-dokumen") == (
        f"Berkas uji.json Wilayah Kecamatan Uji, Kabupaten banyumas baru SHA-256 {sidik_teks(teks_dok)}"
    )
    assert Kecamatan.objects.filter(nama="Uji").count() == 0
    response = client.post(IMPOR_KABUPATEN, {"aksi": "impor", "sha256": sidik_teks(teks_dok)})
    baru = Kecamatan.objects.get(nama="Uji")
    assert (response.status_code, response.url) == (302, reverse("kecamatan_detail", args=[baru.pk]))
    assert baru.kabupaten == kabupaten
    assert _pesan(response) == [
        "Dokumen uji.json diimpor ke Kecamatan Uji (Kabupaten banyumas): dibuat: 1 kecamatan, 1 pejabat, "
        "1 Renstra, 1 tujuan, 1 sasaran, 2 indikator, 1 target Renstra, 1 Perjanjian Kinerja, 2 target PK, "
        "1 realisasi; diubah: 1 kabupaten."
    ]
    riwayat = Realisasi.objects.get(indikator__renstra__kecamatan=baru).history.get()
    assert riwayat.history_user == admin_kabupaten


def test_admin_kabupaten_lain_ditolak(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    response = client.post(IMPOR_KABUPATEN, {"berkas": _berkas(_teks_demo("004_967187eea9a8bd95.json"))})
    assert bagian(response.content, "galat-berkas") == (
        "Dokumen ini berisi data Kecamatan Aluh Aluh (Kabupaten Banjar), bukan Kabupaten Banyumas."
    )
    assert Kabupaten.objects.count() == 1


def test_admin_halaman_unggah(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    html = client.get(IMPOR_KABUPATEN).content.decode()
    assert (
        "Dokumen boleh berisi kecamatan mana pun di Kabupaten Banyumas, baru maupun yang sudah ada." in html
    )


# --- download -------------------------------------------------------------------------------------------


def test_ekspor_sama_dengan_perintah(client, inspektorat, data_a, kecamatan_a):
    client.force_login(inspektorat)
    response = client.get(_ekspor(kecamatan_a))
    hari_ini = timezone.localdate()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="lkjip-banyumas-ajibarang-{hari_ini:%Y%m%d}.json"'
    )
    keluar = io.StringIO()
    call_command(
        "ekspor_lkjip", "--kabupaten", "Banyumas", "--kecamatan", "Ajibarang", "-o", "-", stdout=keluar
    )
    assert response.content.decode("utf-8") == keluar.getvalue()
    assert json.loads(response.content) == json.loads(json.dumps(ekspor_lkjip(kecamatan_a)))


def test_ekspor_nama_berkas_dengan_slug(client, admin_kabupaten, kabupaten):
    kecamatan = f.KecamatanFactory(kabupaten=kabupaten, nama="Purwareja Klampok")
    f.RenstraFactory(kecamatan=kecamatan, tahun_awal=2023, tahun_akhir=2026)
    client.force_login(admin_kabupaten)
    response = client.get(_ekspor(kecamatan))
    assert response["Content-Disposition"] == (
        f'attachment; filename="lkjip-banyumas-purwareja-klampok-{timezone.localdate():%Y%m%d}.json"'
    )


def test_ekspor_tanpa_renstra_pesan_dan_kembali(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.get(_ekspor(kecamatan_a))
    assert (response.status_code, response.url) == (302, reverse("kecamatan_detail", args=[kecamatan_a.pk]))
    assert _pesan(response) == ["Kecamatan Ajibarang belum memiliki Renstra; tidak ada yang dapat diekspor."]


def test_ekspor_lalu_impor_kembali_tanpa_perubahan(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _impor(kecamatan_a)
    client.post(url, {"berkas": _berkas(_teks_demo())})
    client.post(url, {"aksi": "impor", "sha256": sidik_teks(_teks_demo())})
    teks_dok = client.get(_ekspor(kecamatan_a)).content.decode("utf-8")
    html = client.post(url, {"berkas": _berkas(teks_dok)}).content
    assert bagian(html, "tanpa-perubahan") == (
        "Tidak ada perubahan: data di aplikasi sudah sama dengan dokumen ini."
    )
