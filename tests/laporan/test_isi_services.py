"""laporan/services.py and laporan/selectors.py: the report's own content."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from laporan import selectors
from laporan import services as s
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

pytestmark = pytest.mark.django_db

# Small images for the upload tests (made with Pillow, never read from disk).


def gambar(nama: str = "bagan.png", *, format: str = "PNG", ukuran=(40, 30)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", ukuran, "white").save(buf, format)
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="image/png")


def bukan_gambar(nama: str = "bagan.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"<html><script>alert(1)</script></html>", content_type="image/png")


def terlalu_besar(nama: str = "pindaian.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), content_type="image/jpeg")


def terpotong(nama: str = "bagan.png") -> SimpleUploadedFile:
    isi = gambar(nama, ukuran=(200, 200)).read()
    return SimpleUploadedFile(nama, isi[: len(isi) // 2], content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _isi(kecamatan, tahun=2020):
    return selectors.isi_laporan(kecamatan, tahun)


# --- defaults and adjustments -----------------------------------------------------------------------


def test_isi_laporan_belum_dimulai_memakai_bawaan(kecamatan_a):
    isi = _isi(kecamatan_a)
    kp = isi.blok_kode("kata_pengantar")
    assert (kp.judul, kp.aktif, kp.teks_bawaan) == ("Kata Pengantar", True, True)
    assert kp.teks == teks_bawaan("kata_pengantar", kecamatan="Ajibarang", kabupaten="Banyumas", tahun=2020)
    assert isi.blok_kode("daftar_isi").teks == ""
    assert (isi.aktif("rkt"), isi.aktif("lampiran_bagan")) == (False, False)
    assert (isi.tempat, isi.tanggal, isi.status, isi.versi) == ("Ajibarang", None, "draf", 1)
    assert (isi.penghargaan, isi.sdm, isi.permasalahan, isi.isu_strategis) == ((), (), (), ())
    assert (isi.bagan, isi.lampiran, isi.logo) == (None, (), None)
    assert Laporan.objects.count() == 0


def test_bawaan_kabupaten_lalu_penyesuaian_laporan(kecamatan_a, kabupaten, admin_kabupaten, operator_a):
    berubah = s.blok_kabupaten_simpan(
        user=admin_kabupaten,
        kabupaten=kabupaten,
        pengaturan={
            "ikhtisar": (True, "Ringkasan Eksekutif"),
            "rkt": (True, ""),
            "sistematika": (False, ""),
            "kata_pengantar": (True, "Kata Pengantar"),
        },
    )
    assert berubah == 3
    # The title equal to the outline's and the outline's own default are not stored.
    assert sorted(BlokKabupaten.objects.values_list("kode", "aktif", "judul")) == [
        ("ikhtisar", True, "Ringkasan Eksekutif"),
        ("rkt", True, ""),
        ("sistematika", False, ""),
    ]
    s.blok_laporan_simpan(
        user=operator_a,
        kecamatan=kecamatan_a,
        tahun=2020,
        kode="sistematika",
        aktif=True,
        judul="Sistematika",
    )
    s.blok_laporan_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="ikhtisar", aktif=False, judul=""
    )
    isi = _isi(kecamatan_a)
    assert [(b.kode, b.judul, b.aktif) for b in isi.blok if b.kode in ("ikhtisar", "rkt", "sistematika")] == [
        ("ikhtisar", "Ringkasan Eksekutif", False),
        ("sistematika", "Sistematika", True),
        ("rkt", "Rencana Kinerja Tahunan", True),
    ]
    # Back to the kabupaten default: no row kept.
    s.blok_laporan_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="ikhtisar", aktif=None, judul=""
    )
    assert list(BlokLaporan.objects.values_list("kode", flat=True)) == ["sistematika"]
    # Another year of the same kecamatan follows the kabupaten only.
    assert _isi(kecamatan_a, 2021).aktif("sistematika") is False


def test_kabupaten_lain_tidak_terpengaruh(kecamatan_a, kecamatan_lain, kabupaten, admin_kabupaten):
    s.blok_kabupaten_simpan(user=admin_kabupaten, kabupaten=kabupaten, pengaturan={"sdm": (False, "SDM")})
    assert (_isi(kecamatan_a).blok_kode("sdm").judul, _isi(kecamatan_a).aktif("sdm")) == ("SDM", False)
    assert (_isi(kecamatan_lain).blok_kode("sdm").judul, _isi(kecamatan_lain).aktif("sdm")) == (
        "Sumber Daya Manusia",
        True,
    )


def test_hanya_admin_kabupaten_mengubah_bawaan(kabupaten, kabupaten_lain, operator_a, admin_kabupaten):
    with pytest.raises(PermissionDenied):
        s.blok_kabupaten_simpan(user=operator_a, kabupaten=kabupaten, pengaturan={"sdm": (False, "")})
    with pytest.raises(PermissionDenied):
        s.blok_kabupaten_simpan(
            user=admin_kabupaten, kabupaten=kabupaten_lain, pengaturan={"sdm": (False, "")}
        )
    assert BlokKabupaten.objects.count() == 0


# --- narrative ------------------------------------------------------------------------------------


def test_narasi_simpan_dan_kembalikan(kecamatan_a, operator_a):
    s.narasi_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="latar_belakang", teks="A  \r\n\r\n\r\nB\r\n"
    )
    laporan = Laporan.objects.get()
    assert (laporan.tahun, laporan.jenis, laporan.versi, laporan.status) == (2020, "tahunan", 1, "draf")
    b = _isi(kecamatan_a).blok_kode("latar_belakang")
    assert (b.teks, b.teks_bawaan) == ("A\n\nB", False)
    assert (
        s.narasi_kembalikan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="latar_belakang") is True
    )
    assert _isi(kecamatan_a).blok_kode("latar_belakang").teks_bawaan is True
    assert (
        s.narasi_kembalikan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="latar_belakang")
        is False
    )


def test_blok_simpan_teks_sama_dengan_bawaan_tidak_disimpan(kecamatan_a, camat_a):
    bawaan = teks_bawaan("penutup", kecamatan="Ajibarang", kabupaten="Banyumas", tahun=2020)
    s.blok_simpan(
        user=camat_a,
        kecamatan=kecamatan_a,
        tahun=2020,
        kode="penutup",
        aktif=None,
        judul="",
        teks=bawaan + "\n",
    )
    assert Narasi.objects.count() == 0
    s.blok_simpan(
        user=camat_a,
        kecamatan=kecamatan_a,
        tahun=2020,
        kode="penutup",
        aktif=None,
        judul="Kesimpulan",
        teks="Baru.",
    )
    assert list(Narasi.objects.values_list("kode", "teks")) == [("penutup", "Baru.")]


def test_narasi_blok_dari_data_ditolak(kecamatan_a, operator_a):
    with pytest.raises(ValidationError) as e:
        s.narasi_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="daftar_isi", teks="x")
    assert e.value.message_dict == {
        "teks": ["Blok Daftar Isi dihasilkan dari data dan tidak memiliki teks isian."]
    }
    with pytest.raises(ValidationError):
        s.narasi_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="bab_v", teks="x")
    assert Narasi.objects.count() == 0


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat", "admin_kabupaten", "tanpa_peran"])
def test_narasi_hanya_operator_dan_camat(request, kecamatan_a, persona):
    with pytest.raises(PermissionDenied):
        s.narasi_simpan(
            user=request.getfixturevalue(persona), kecamatan=kecamatan_a, tahun=2020, kode="saran", teks="x"
        )
    assert (Laporan.objects.count(), Narasi.objects.count()) == (0, 0)


def test_laporan_bukan_draf_terkunci(kecamatan_a, operator_a):
    Laporan.objects.create(kecamatan=kecamatan_a, tahun=2020, status=Laporan.Status.DITANDATANGANI)
    with pytest.raises(PermissionDenied) as e:
        s.narasi_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, kode="saran", teks="x")
    assert str(e.value) == (
        "LKjIP Kecamatan Ajibarang 2020 berstatus ditandatangani; isinya tidak dapat diubah lagi. "
        "Perubahan hanya dapat dilakukan pada laporan berstatus draf."
    )
    with pytest.raises(PermissionDenied):
        s.berkas_unggah(user=operator_a, kecamatan=kecamatan_a, tahun=2020, jenis="bagan", berkas=gambar())
    assert (Narasi.objects.count(), BerkasLaporan.objects.count()) == (0, 0)


def test_penandatanganan(kecamatan_a, operator_a):
    s.laporan_penandatanganan_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2020, tempat=" Ajibarang ", tanggal=date(2021, 1, 4)
    )
    isi = _isi(kecamatan_a)
    assert (isi.tempat, isi.tanggal) == ("Ajibarang", date(2021, 1, 4))
    with pytest.raises(ValidationError) as e:
        s.laporan_penandatanganan_simpan(
            user=operator_a, kecamatan=kecamatan_a, tahun=2020, tempat="X", tanggal=date(2019, 12, 31)
        )
    assert e.value.message_dict == {
        "tanggal": ["Tanggal penandatanganan tidak boleh sebelum tahun laporan (2020)."]
    }
    assert Laporan.objects.get().tempat == "Ajibarang"


# --- lists ----------------------------------------------------------------------------------------


def test_penghargaan_sdm_permasalahan_isu(kecamatan_a, operator_a):
    s.penghargaan_simpan(
        user=operator_a,
        kecamatan=kecamatan_a,
        tahun=2020,
        nama="Juara I Gelar Desa Wisata",
        tingkat="provinsi",
        penerima="Desa Pagak",
    )
    s.penghargaan_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2019, nama="Lama")
    for kategori, uraian, jumlah in [
        ("status", "PNS", 20),
        ("pendidikan", "Sarjana", 6),
        ("Status", "PTT", 6),
    ]:
        s.sdm_simpan(
            user=operator_a,
            kecamatan=kecamatan_a,
            tahun=2020,
            kategori=kategori,
            uraian=uraian,
            jumlah=jumlah,
        )
    s.permasalahan_simpan(
        user=operator_a, kecamatan=kecamatan_a, masalah="Koordinasi kurang", pokok_masalah="P"
    )
    s.isu_strategis_simpan(user=operator_a, kecamatan=kecamatan_a, uraian="PATEN belum maksimal")
    isi = _isi(kecamatan_a)
    assert isi.penghargaan == (
        selectors.ItemPenghargaan("Juara I Gelar Desa Wisata", "", "Provinsi", "Desa Pagak"),
    )
    assert [(t.kategori, t.judul, [(b.uraian, b.jumlah) for b in t.baris], t.jumlah) for t in isi.sdm] == [
        ("status", "Status Kepegawaian", [("PNS", 20), ("PTT", 6)], 26),
        ("pendidikan", "Pendidikan", [("Sarjana", 6)], 6),
    ]
    assert isi.permasalahan == (selectors.ItemPermasalahan("P", "Koordinasi kurang", ""),)
    assert isi.isu_strategis == ("PATEN belum maksimal",)


def test_sdm_uraian_kembar_ditolak_pada_kolom(kecamatan_a, operator_a):
    s.sdm_simpan(
        user=operator_a, kecamatan=kecamatan_a, tahun=2020, kategori="status", uraian="PNS", jumlah=20
    )
    with pytest.raises(ValidationError) as e:
        s.sdm_simpan(
            user=operator_a, kecamatan=kecamatan_a, tahun=2020, kategori="status", uraian="pns", jumlah=2
        )
    assert e.value.message_dict == {"uraian": ['"pns" sudah ada pada tabel status kepegawaian tahun 2020.']}
    assert SdmRekap.objects.count() == 1


def test_pindah_permasalahan_dan_isu(kecamatan_a, operator_a):
    isu = [s.isu_strategis_simpan(user=operator_a, kecamatan=kecamatan_a, uraian=u) for u in "ABC"]
    assert s.isu_strategis_pindah(user=operator_a, isu=isu[2], arah="naik") is True
    assert s.isu_strategis_pindah(user=operator_a, isu=isu[0], arah="naik") is False
    assert list(IsuStrategis.objects.values_list("uraian", flat=True)) == ["A", "C", "B"]
    p = [s.permasalahan_simpan(user=operator_a, kecamatan=kecamatan_a, masalah=m) for m in "XY"]
    s.permasalahan_pindah(user=operator_a, permasalahan=p[0], arah="turun")
    assert list(Permasalahan.objects.values_list("masalah", flat=True)) == ["Y", "X"]


def test_objek_kecamatan_lain_ditolak(kecamatan_a, kecamatan_b, operator_a, operator_b):
    p = s.penghargaan_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, nama="A")
    with pytest.raises(PermissionDenied):
        s.penghargaan_simpan(user=operator_b, kecamatan=kecamatan_b, penghargaan=p, tahun=2020, nama="B")
    with pytest.raises(PermissionDenied):
        s.penghargaan_hapus(user=operator_b, penghargaan=p)
    assert list(Penghargaan.objects.values_list("nama", flat=True)) == ["A"]


# --- images ---------------------------------------------------------------------------------------


def test_bagan_diganti_dan_berkas_lama_dihapus(
    kecamatan_a, operator_a, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pertama = s.berkas_unggah(
            user=operator_a, kecamatan=kecamatan_a, tahun=2020, jenis="bagan", berkas=gambar()
        )
    jalur_lama = Path(pertama.berkas.path)
    assert (pertama.mime, pertama.lebar, pertama.tinggi, pertama.berkas.name.endswith(".png")) == (
        "image/png",
        40,
        30,
        True,
    )
    # A random name, whatever the upload was called.
    assert "bagan" not in pertama.berkas.name and len(Path(pertama.berkas.name).stem) == 32
    with django_capture_on_commit_callbacks(execute=True):
        kedua = s.berkas_unggah(
            user=operator_a,
            kecamatan=kecamatan_a,
            tahun=2020,
            jenis="bagan",
            berkas=gambar("x.jpg", format="JPEG", ukuran=(60, 20)),
        )
    assert not jalur_lama.exists() and Path(kedua.berkas.path).exists()
    assert BerkasLaporan.objects.count() == 1
    bagan = _isi(kecamatan_a).bagan
    assert (bagan.path, bagan.url, bagan.mime, bagan.lebar) == (
        kedua.berkas.path,
        f"/berkas/{kedua.pk}/",
        "image/jpeg",
        60,
    )


def test_bagan_tahun_sebelumnya_dipakai_bila_belum_ada(kecamatan_a, operator_a):
    lama = s.berkas_unggah(user=operator_a, kecamatan=kecamatan_a, tahun=2019, jenis="bagan", berkas=gambar())
    assert _isi(kecamatan_a, 2020).bagan.url == f"/berkas/{lama.pk}/"
    assert _isi(kecamatan_a, 2018).bagan is None


def test_lampiran_berurutan_dengan_keterangan(kecamatan_a, operator_a):
    daftar = [
        s.berkas_unggah(
            user=operator_a,
            kecamatan=kecamatan_a,
            tahun=2020,
            jenis="lampiran",
            berkas=gambar(),
            keterangan=k,
        )
        for k in ("Piagam", "PK", "SK IKU")
    ]
    s.berkas_pindah(user=operator_a, berkas=daftar[2], arah="naik")
    s.berkas_ubah(user=operator_a, berkas=daftar[0], keterangan="Piagam Penghargaan")
    assert [g.keterangan for g in _isi(kecamatan_a).lampiran] == ["Piagam Penghargaan", "SK IKU", "PK"]
    s.berkas_hapus(user=operator_a, berkas=daftar[1])
    assert [g.keterangan for g in _isi(kecamatan_a).lampiran] == ["Piagam Penghargaan", "SK IKU"]


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (
            terlalu_besar(),
            "Berkas terlalu besar (5,00 MB). Ukuran paling besar 5 MB; perkecil resolusi pindaian.",
        ),
        (bukan_gambar(), s.BUKAN_GAMBAR),
        (terpotong(), s.BUKAN_GAMBAR),
        (
            gambar("animasi.png", format="GIF"),
            "Gambar berformat GIF tidak diterima. Unggah gambar JPEG atau PNG.",
        ),
    ],
    ids=["besar", "bukan-gambar", "terpotong", "gif"],
)
def test_unggahan_ditolak_dengan_pesan(kecamatan_a, operator_a, media, berkas, pesan):
    with pytest.raises(ValidationError) as e:
        s.berkas_unggah(user=operator_a, kecamatan=kecamatan_a, tahun=2020, jenis="lampiran", berkas=berkas)
    assert e.value.messages == [pesan]
    assert BerkasLaporan.objects.count() == 0
    assert list(media.rglob("*.*")) == []


def test_logo_kabupaten(
    kabupaten, kecamatan_a, admin_kabupaten, operator_a, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        s.logo_unggah(user=operator_a, kabupaten=kabupaten, berkas=gambar())
    with django_capture_on_commit_callbacks(execute=True):
        logo = s.logo_unggah(user=admin_kabupaten, kabupaten=kabupaten, berkas=gambar("logo.png"))
    assert _isi(kecamatan_a).logo == selectors.Gambar(
        logo.berkas.path,
        f"/kabupaten/{kabupaten.pk}/logo/berkas/",
        "Logo Kabupaten Banyumas",
        40,
        30,
        "image/png",
    )
    jalur = Path(logo.berkas.path)
    with django_capture_on_commit_callbacks(execute=True):
        assert s.logo_hapus(user=admin_kabupaten, kabupaten=kabupaten) is True
    assert (LogoKabupaten.objects.count(), jalur.exists()) == (0, False)
    assert s.logo_hapus(user=admin_kabupaten, kabupaten=kabupaten) is False


# --- query count --------------------------------------------------------------------------------------


@pytest.mark.parametrize("jumlah", [1, 3])
def test_isi_laporan_jumlah_query_tetap(
    kecamatan_a, operator_a, kabupaten, admin_kabupaten, jumlah, django_assert_num_queries
):
    s.logo_unggah(user=admin_kabupaten, kabupaten=kabupaten, berkas=gambar())
    s.blok_kabupaten_simpan(user=admin_kabupaten, kabupaten=kabupaten, pengaturan={"rkt": (True, "")})
    for i in range(jumlah):
        s.narasi_simpan(
            user=operator_a,
            kecamatan=kecamatan_a,
            tahun=2020,
            kode=["saran", "penutup", "ikhtisar"][i],
            teks="x",
        )
        s.blok_laporan_simpan(
            user=operator_a,
            kecamatan=kecamatan_a,
            tahun=2020,
            kode=["sdm", "iku", "pk"][i],
            aktif=False,
            judul="",
        )
        s.penghargaan_simpan(user=operator_a, kecamatan=kecamatan_a, tahun=2020, nama=f"P{i}")
        s.sdm_simpan(
            user=operator_a, kecamatan=kecamatan_a, tahun=2020, kategori=f"k{i}", uraian="u", jumlah=i
        )
        s.permasalahan_simpan(user=operator_a, kecamatan=kecamatan_a, masalah=f"M{i}")
        s.isu_strategis_simpan(user=operator_a, kecamatan=kecamatan_a, uraian=f"I{i}")
        s.berkas_unggah(user=operator_a, kecamatan=kecamatan_a, tahun=2020, jenis="lampiran", berkas=gambar())
    s.berkas_unggah(user=operator_a, kecamatan=kecamatan_a, tahun=2020, jenis="bagan", berkas=gambar())
    with django_assert_num_queries(10):
        isi = _isi(kecamatan_a)
    assert (len(isi.penghargaan), len(isi.sdm), len(isi.lampiran), sum(not b.aktif for b in isi.blok)) == (
        jumlah,
        jumlah,
        jumlah,
        jumlah + 1,
    )
