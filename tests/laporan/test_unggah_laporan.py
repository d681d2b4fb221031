"""Uploads of the report app (issue 9, uploads): every upload is judged by its content with an exact
message on the field and nothing saved; stored files get random names; and no uploaded file is
reachable except through a view that checks who asks (there is no /media/ route)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from PIL import Image

from laporan.models import BerkasLaporan, DokumenFinal, LogoKabupaten
from laporan.tandatangan.berkas import lokasi_sertifikat
from lkjip.unggah import BUKAN_PDF
from tests.conftest import bagian
from tests.laporan.test_impor_pratinjau import jumlah_baris, jumlah_riwayat

pytestmark = pytest.mark.django_db

TAHUN = 2020
NAMA_ACAK = re.compile(r"^lkjip/[0-9a-f]{32}\.(png|jpg)$")


def _gambar(format: str = "PNG", ukuran=(40, 30), mode="RGB") -> bytes:
    keluaran = io.BytesIO()
    Image.new(mode, ukuran, "white" if mode == "RGB" else 1).save(keluaran, format)
    return keluaran.getvalue()


def _berkas(isi: bytes, nama: str, tipe: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, tipe)


def _u(nama: str, kecamatan, *args) -> str:
    return reverse(f"laporan:{nama}", args=[kecamatan.pk, TAHUN, *args])


def _berkas_media(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# --- the interchange JSON import ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"[]", "$: dokumen harus berupa objek JSON (diawali tanda {), bukan daftar."),
        (b"%PDF-1.7\n", "Berkas ini berkas PDF, bukan dokumen JSON."),
        (b'{"kecamatan": "\xe9"}', "Berkas bukan teks UTF-8; simpan ulang sebagai UTF-8."),
        (b'{"x": NaN}', "$: bukan JSON yang valid: NaN bukan nilai JSON yang sah."),
        (b"", "Berkas yang dipilih kosong."),
    ],
    ids=["daftar", "pdf", "latin1", "nan", "kosong"],
)
@pytest.mark.parametrize("tempat", ["kecamatan", "kabupaten"])
def test_impor_json_ditolak_di_bidang_tanpa_menulis(
    client, operator_a, admin_kabupaten, kecamatan_a, isi, pesan, tempat
):
    if tempat == "kecamatan":
        client.force_login(operator_a)
        url, kunci = (
            reverse("laporan:impor_kecamatan", args=[kecamatan_a.pk]),
            f"impor_lkjip:kecamatan:{kecamatan_a.pk}",
        )
    else:
        client.force_login(admin_kabupaten)
        url, kunci = reverse("laporan:impor_kabupaten"), "impor_lkjip:kabupaten"
    baris, riwayat = jumlah_baris(), jumlah_riwayat()
    respons = client.post(url, {"berkas": _berkas(isi, "lkjip.json", "application/json")})
    assert respons.status_code == 200
    assert bagian(respons.content, "galat-berkas") == pesan
    assert (jumlah_baris(), jumlah_riwayat()) == (baris, riwayat)
    assert kunci not in client.session


def test_impor_json_bantuan_menyebut_batas(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    respons = client.get(reverse("laporan:impor_kecamatan", args=[kecamatan_a.pk]))
    assert (
        bagian(respons.content, "id_berkas-bantuan") == "Dokumen berformat lkjip-data/1, paling besar 5 MB."
    )


# --- images: bagan organisasi, lampiran, logo --------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (lambda: _gambar("GIF"), "Gambar berformat GIF tidak diterima. Unggah gambar JPEG atau PNG."),
        (lambda: b"%PDF-1.7\n", "Gambar berformat PDF tidak diterima. Unggah gambar JPEG atau PNG."),
        (
            lambda: _gambar("PNG", (8000, 6000), "1"),
            "Gambar terlalu besar (8.000 × 6.000 piksel); batasnya 40 megapiksel. Perkecil resolusi "
            "pindaian.",
        ),
    ],
    ids=["gif", "pdf", "48-megapiksel"],
)
@pytest.mark.parametrize("halaman", ["bagan_ubah", "lampiran_daftar"])
def test_gambar_laporan_ditolak_di_bidang_tanpa_menyimpan(
    client, settings, operator_a, kecamatan_a, isi, pesan, halaman
):
    client.force_login(operator_a)
    respons = client.post(_u(halaman, kecamatan_a), {"berkas": _berkas(isi(), "bagan.png", "image/png")})
    assert respons.status_code == 200
    assert bagian(respons.content, "error_1_id_berkas") == pesan
    assert BerkasLaporan.objects.count() == 0
    assert not settings.MEDIA_ROOT.exists() or _berkas_media(settings.MEDIA_ROOT) == []


def test_logo_bukan_gambar_ditolak_tanpa_menyimpan(client, kabupaten, admin_kabupaten):
    client.force_login(admin_kabupaten)
    url = reverse("laporan:logo_ubah", args=[kabupaten.pk])
    respons = client.post(url, {"berkas": _berkas(_gambar("GIF"), "logo.png", "image/png")})
    assert bagian(respons.content, "error_1_id_berkas") == (
        "Gambar berformat GIF tidak diterima. Unggah gambar JPEG atau PNG."
    )
    assert LogoKabupaten.objects.count() == 0


def test_nama_simpanan_acak_dan_jenisnya_dari_isi(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    nama_asli = "../../Kecamatan Ajibarang/bagan rahasia.png"
    respons = client.post(_u("bagan_ubah", kecamatan_a), {"berkas": _berkas(_gambar("JPEG"), nama_asli)})
    assert respons.status_code == 302
    obj = BerkasLaporan.objects.get()
    assert NAMA_ACAK.match(obj.berkas.name) and obj.berkas.name.endswith(".jpg")
    assert (obj.mime, "rahasia" in obj.berkas.name, "Ajibarang" in obj.berkas.name) == (
        "image/jpeg",
        False,
        False,
    )
    respons = client.get(reverse("laporan:berkas_lihat", args=[obj.pk]))
    assert respons["Content-Disposition"] == f'inline; filename="bagan-{obj.pk}.jpg"'


# --- the PDF of the public verification page and certificates -----------------------------------------


def test_verifikasi_bukan_pdf_ditolak_di_bidang(client, ditandatangani):
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    sebelum = (dokumen.sha256, dokumen.berkas.name)
    respons = client.post(
        reverse("laporan:verifikasi", args=[dokumen.kode]),
        {"berkas": _berkas(b"<html>%PDF-1.7</html>", "laporan.pdf", "application/pdf")},
    )
    assert bagian(respons.content, "galat-berkas") == BUKAN_PDF
    assert "hasil-periksa" not in respons.content.decode()
    dokumen.refresh_from_db()
    assert (dokumen.sha256, dokumen.berkas.name) == sebelum


def test_sertifikat_pdf_berganti_nama_ditolak_tanpa_menyimpan(client, admin_kabupaten, camat_pejabat_a):
    client.force_login(admin_kabupaten)
    url = reverse("admin_pejabat_sertifikat", args=[camat_pejabat_a.pk])
    respons = client.post(url, {"berkas": _berkas(b"%PDF-1.7\n", "camat.p12", "application/x-pkcs12")})
    assert (
        bagian(respons.content, "error_1_id_berkas")
        == "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) yang sah."
    )
    assert not lokasi_sertifikat(camat_pejabat_a.pk).exists()


# --- never served from a guessable public URL --------------------------------------------------------


@pytest.fixture
def gambar_a(client, operator_a, kecamatan_a, kabupaten, admin_kabupaten):
    """A bagan of kecamatan A and the logo of its kabupaten, uploaded through the pages."""
    client.force_login(operator_a)
    client.post(_u("bagan_ubah", kecamatan_a), {"berkas": _berkas(_gambar(), "bagan.png")})
    client.force_login(admin_kabupaten)
    client.post(reverse("laporan:logo_ubah", args=[kabupaten.pk]), {"berkas": _berkas(_gambar(), "logo.png")})
    client.logout()
    return BerkasLaporan.objects.get(), LogoKabupaten.objects.get()


def test_tidak_ada_rute_media(client, settings, operator_a, gambar_a, ditandatangani):
    bagan, logo = gambar_a
    dokumen = DokumenFinal.objects.get(laporan=ditandatangani)
    assert re.match(r"^lkjip-final/[0-9a-f]{32}\.pdf$", dokumen.berkas.name)
    assert dokumen.kode not in dokumen.berkas.name
    tersimpan = [bagan.berkas.name, logo.berkas.name, dokumen.berkas.name]
    tersimpan += [f"sertifikat/{p.name}" for p in (settings.MEDIA_ROOT / "sertifikat").iterdir()]
    assert set(tersimpan) <= set(_berkas_media(settings.MEDIA_ROOT))
    client.force_login(operator_a)
    for url in ["/media/", *(f"/media/{n}" for n in tersimpan)]:
        with pytest.raises(Resolver404):
            resolve(url)
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "harapan"),
    [
        ("operator_a", 200),
        ("camat_a", 200),
        ("inspektorat", 200),
        ("admin_kabupaten", 200),
        ("operator_b", 404),
        ("inspektorat_lain", 404),
        ("tanpa_peran", 404),
    ],
)
def test_gambar_laporan_dilayani_dengan_izin(client, request, gambar_a, persona, harapan):
    bagan, _ = gambar_a
    url = reverse("laporan:berkas_lihat", args=[bagan.pk])
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == harapan


@pytest.mark.parametrize(
    ("persona", "harapan"),
    [
        ("operator_b", 200),
        ("inspektorat", 200),
        ("admin_kabupaten", 200),
        ("inspektorat_lain", 404),
        ("tanpa_peran", 404),
    ],
)
def test_logo_dilayani_dengan_izin(client, request, gambar_a, kabupaten, persona, harapan):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("laporan:logo_lihat", args=[kabupaten.pk])).status_code == harapan


def test_tanpa_masuk_diarahkan_ke_halaman_masuk(client, gambar_a, kabupaten, ditandatangani):
    bagan, _ = gambar_a
    for url in [
        reverse("laporan:berkas_lihat", args=[bagan.pk]),
        reverse("laporan:logo_lihat", args=[kabupaten.pk]),
        reverse("laporan:alur_unduh", args=[ditandatangani.kecamatan_id, ditandatangani.tahun, 1]),
    ]:
        respons = client.get(url)
        assert (respons.status_code, respons["Location"]) == (302, f"{reverse('login')}?next={url}")


def test_pdf_bertanda_tangan_kecamatan_lain_404(client, operator_a, operator_b, ditandatangani):
    url = reverse("laporan:alur_unduh", args=[ditandatangani.kecamatan_id, ditandatangani.tahun, 1])
    client.force_login(operator_b)
    assert client.get(url).status_code == 404
    client.force_login(operator_a)
    respons = client.get(url)
    assert (respons.status_code, b"".join(respons.streaming_content)[:5]) == (200, b"%PDF-")
