"""Backup and restore (lkjip/cadangan.py, `manage.py cadangkan` / `manage.py pulihkan`): the demo
installation with a signed report and an uploaded image, backed up, wiped, restored; every
kecamatan's lkjip-data/1 export, the accounts, the history, the media bytes and the signature
verification come back. Refusals say why in Indonesian and change nothing."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse
from PIL import Image

from kinerja.models import Realisasi
from laporan import services as layanan
from laporan.interchange.ekspor import ekspor_lkjip
from laporan.models import BerkasLaporan, DokumenFinal, Laporan
from lkjip import cadangan
from lkjip.models import Kabupaten, Kecamatan
from tests.conftest import bagian
from tests.laporan.alur_bersama import dokumen_siap, ke_status

SANDI = "demo12345"
ISOLASI = {"postgresql": "repeatable read", "sqlite": "serializable"}


def _ekspor_semua() -> dict[str, dict]:
    """Every kecamatan's export, through JSON (as the backup stores it)."""
    return {
        f"{k.kabupaten.nama}/{k.nama}": json.loads(json.dumps(ekspor_lkjip(k), ensure_ascii=False))
        for k in Kecamatan.objects.select_related("kabupaten")
    }


def _media() -> dict[str, bytes]:
    akar = Path(settings.MEDIA_ROOT)
    return {p.relative_to(akar).as_posix(): p.read_bytes() for p in akar.rglob("*") if p.is_file()}


def _jumlah_riwayat() -> dict[str, int]:
    return {
        m._meta.label_lower: m.objects.count()
        for m in cadangan.model_dicadangkan()
        if m._meta.object_name.startswith("Historical")
    }


def _png() -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(keluaran, format="PNG")
    return keluaran.getvalue()


def _kosongkan_instalasi() -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    Path(settings.MEDIA_ROOT).mkdir()


def _demo_bertanda_tangan() -> DokumenFinal:
    """The demo data, certificates for every camat, Ajibarang's 2020 report signed by its camat, a
    bagan organisasi image and a corrected realisasi (a history row with a reason)."""
    call_command("muat_demo", stdout=io.StringIO())
    call_command("buat_sertifikat_demo", "--ukuran-kunci", "2048", stdout=io.StringIO())
    kecamatan = Kecamatan.objects.get(nama="Ajibarang")
    camat = get_user_model().objects.get(username="camat.ajibarang")
    laporan = ke_status(Laporan.objects.get(kecamatan=kecamatan, tahun=2020), Laporan.Status.DIAJUKAN)
    dokumen_siap(laporan, camat)
    layanan.laporan_tandatangani(user=camat, kecamatan=kecamatan, tahun=2020, frasa_sandi=SANDI)
    png = _png()
    bagan = BerkasLaporan(
        laporan=laporan,
        jenis=BerkasLaporan.Jenis.BAGAN,
        mime="image/png",
        lebar=40,
        tinggi=30,
        ukuran=len(png),
    )
    bagan.berkas.save("bagan.png", ContentFile(png), save=False)
    bagan.save()
    realisasi = Realisasi.objects.filter(indikator__sasaran__tujuan__renstra__kecamatan=kecamatan).first()
    realisasi.keterangan = "Dikoreksi sebelum pencadangan"
    realisasi._change_reason = "Koreksi uji cadangan"
    realisasi.save()
    return DokumenFinal.objects.get(laporan=laporan)


@pytest.mark.django_db(transaction=True)
def test_cadangkan_lalu_pulihkan_ke_instalasi_kosong_mengembalikan_semuanya(tmp_path, client):
    dokumen = _demo_bertanda_tangan()
    ekspor = _ekspor_semua()
    media = _media()
    riwayat = _jumlah_riwayat()
    hash_sandi = dict(get_user_model().objects.values_list("username", "password"))
    assert len(ekspor) == 3
    assert riwayat["kinerja.historicalrealisasi"] == Realisasi.objects.count() + 1
    assert {n.split("/")[0] for n in media} == {"lkjip", "lkjip-final", "sertifikat"}

    folder = tmp_path / "cadangan"
    keluar = io.StringIO()
    call_command("cadangkan", str(folder), stdout=keluar)
    assert keluar.getvalue().splitlines()[1:3] == [
        "Ekspor lkjip-data/1: 3 kecamatan.",
        f"Berkas media: {len(media)}.",
    ]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["basis_data"]["vendor"] == connection.vendor
    assert manifest["basis_data"]["isolasi"] == ISOLASI[connection.vendor]
    assert manifest["jumlah"]["auth.user"] == 12
    assert manifest["jumlah"]["laporan.dokumenfinal"] == 1
    assert manifest["media_hilang"] == []
    assert sorted(e["berkas"] for e in manifest["interchange"]) == [
        "interchange/banjar/aluh-aluh.json",
        "interchange/banjarnegara/purwareja-klampok.json",
        "interchange/banyumas/ajibarang.json",
    ]
    assert (
        json.loads((folder / "interchange/banyumas/ajibarang.json").read_text())
        == ekspor["Banyumas/Ajibarang"]
    )
    assert {f"media/{n}" for n in media} | {"basisdata.jsonl.gz"} | {
        e["berkas"] for e in manifest["interchange"]
    } == set(manifest["berkas"])
    assert (folder / "media/sertifikat/ca-key.pem").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700

    _kosongkan_instalasi()
    assert Kabupaten.objects.count() == get_user_model().objects.count() == 0
    assert _media() == {}

    keluar = io.StringIO()
    call_command("pulihkan", str(folder), stdout=keluar)
    baris = keluar.getvalue().splitlines()
    assert baris[0] == "Berkas cadangan utuh (SHA-256 sesuai manifest)."
    assert baris[1] == f"Basis data dimuat; {len(media)} berkas media disalin ke {settings.MEDIA_ROOT}."
    assert baris[-4:] == [
        "Ekspor Kecamatan Aluh Aluh (Kabupaten Banjar): sama dengan cadangan.",
        "Ekspor Kecamatan Purwareja Klampok (Kabupaten Banjarnegara): sama dengan cadangan.",
        "Ekspor Kecamatan Ajibarang (Kabupaten Banyumas): sama dengan cadangan.",
        "Pemulihan selesai: 3 kecamatan sama persis dengan cadangan.",
    ]

    assert _ekspor_semua() == ekspor
    assert _media() == media
    assert _jumlah_riwayat() == riwayat
    assert dict(get_user_model().objects.values_list("username", "password")) == hash_sandi
    assert get_user_model().objects.get(username="operator.ajibarang").check_password(SANDI)
    alasan = Realisasi.history.filter(history_change_reason="Koreksi uji cadangan")
    assert alasan.count() == 1

    # The signed PDF is the same file, and still verifies (the CA came back with the media).
    dipulihkan = DokumenFinal.objects.get(pk=dokumen.pk)
    assert dipulihkan.sha256 == dokumen.sha256
    isi = dipulihkan.berkas.open("rb").read()
    assert hashlib.sha256(isi).hexdigest() == dokumen.sha256
    url = reverse("laporan:verifikasi", args=[dokumen.kode])
    html = client.post(url, {"berkas": SimpleUploadedFile("lkjip.pdf", isi, "application/pdf")}).content
    assert bagian(html, "hasil-periksa").startswith(
        "Berkas sah: sama persis dengan dokumen yang ditandatangani. Isi berkas sama persis (byte demi byte) "
        "dengan dokumen yang ditandatangani. Tanda tangan elektronik sah: dokumen utuh sejak ditandatangani "
        "oleh PARSONO, S.Sos., M.Si. (NIP 19670701 199209 1 001) pada "
    )

    # New rows get fresh ids (PostgreSQL sequences were reset by loaddata), history included.
    terakhir = max(Kabupaten.objects.values_list("pk", flat=True))
    assert Kabupaten.objects.create(nama="Cilacap").pk > terakhir
    realisasi = Realisasi.objects.first()
    realisasi.keterangan = "Sesudah pemulihan"
    realisasi.save()
    assert _jumlah_riwayat()["kinerja.historicalrealisasi"] == riwayat["kinerja.historicalrealisasi"] + 1


# --- refusals ----------------------------------------------------------------------------------------


def _cadangan_kecil(tmp_path, kabupaten) -> Path:
    """A backup of an installation with one kabupaten and one media file."""
    (Path(settings.MEDIA_ROOT) / "sertifikat").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "sertifikat" / "ca.pem").write_bytes(b"CA")
    folder = tmp_path / "cadangan"
    cadangan.cadangkan(folder)
    return folder


def test_cadangkan_menolak_folder_yang_tidak_kosong(tmp_path, db):
    folder = tmp_path / "tujuan"
    folder.mkdir()
    (folder / "catatan.txt").write_text("milik orang lain")
    with pytest.raises(CommandError) as galat:
        call_command("cadangkan", str(folder), stdout=io.StringIO())
    assert str(galat.value) == (
        f"Folder {folder} tidak kosong. Cadangan hanya ditulis ke folder baru atau folder kosong, agar "
        "tidak tercampur dengan berkas lain."
    )
    assert [p.name for p in folder.iterdir()] == ["catatan.txt"]


def test_cadangkan_menolak_berkas_yang_bukan_folder(tmp_path, db):
    berkas = tmp_path / "cadangan.tar"
    berkas.write_bytes(b"x")
    with pytest.raises(cadangan.GalatCadangan, match=r"^.*cadangan\.tar bukan folder\.$"):
        cadangan.cadangkan(berkas)


def test_pulihkan_menolak_instalasi_yang_berisi_data(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    with pytest.raises(CommandError) as galat:
        call_command("pulihkan", str(folder), stdout=io.StringIO())
    assert str(galat.value) == (
        "Instalasi ini tidak kosong: sudah ada 1 kabupaten. Cadangan hanya dipulihkan ke instalasi baru "
        "yang kosong (basis data yang baru dimigrasi, folder media kosong); tidak ada yang diubah."
    )
    assert list(Kabupaten.objects.values_list("nama", flat=True)) == ["Banyumas"]


def test_pulihkan_menolak_folder_media_yang_tidak_kosong(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    kabupaten.delete()
    with pytest.raises(CommandError) as galat:
        call_command("pulihkan", str(folder), stdout=io.StringIO())
    assert str(galat.value) == (
        f"Folder media {settings.MEDIA_ROOT} tidak kosong (1 berkas, mis. sertifikat/ca.pem). Cadangan hanya "
        "dipulihkan ke instalasi baru yang kosong; tidak ada yang diubah."
    )
    assert Kabupaten.objects.count() == 0


def test_pulihkan_menolak_berkas_yang_diubah(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    kabupaten.delete()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "sertifikat")
    (folder / "media/sertifikat/ca.pem").write_bytes(b"CB")
    with pytest.raises(CommandError) as galat:
        call_command("pulihkan", str(folder), stdout=io.StringIO())
    assert str(galat.value) == (
        "Berkas media/sertifikat/ca.pem tidak sesuai dengan manifest (SHA-256 berbeda): berkas rusak atau "
        "diubah sesudah pencadangan. Tidak ada yang dipulihkan."
    )
    assert Kabupaten.objects.count() == 0
    assert _media() == {}


def test_pulihkan_menolak_cadangan_yang_tidak_lengkap(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    kabupaten.delete()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "sertifikat")
    (folder / "basisdata.jsonl.gz").unlink()
    with pytest.raises(cadangan.GalatCadangan) as galat:
        cadangan.pulihkan(folder)
    assert str(galat.value) == (
        "Berkas basisdata.jsonl.gz tidak ada; cadangan tidak lengkap. Tidak ada yang dipulihkan."
    )
    (folder / "manifest.json").unlink()
    with pytest.raises(cadangan.GalatCadangan) as galat:
        cadangan.pulihkan(folder)
    assert str(galat.value) == (
        f"manifest.json tidak ada di {folder}: ini bukan folder cadangan, atau pencadangannya tidak selesai."
    )
    assert Kabupaten.objects.count() == 0


def test_pulihkan_menolak_berkas_tambahan(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    (folder / "media" / "susupan.pdf").write_bytes(b"%PDF")
    with pytest.raises(cadangan.GalatCadangan) as galat:
        cadangan.pulihkan(folder)
    assert str(galat.value) == (
        "Berkas media/susupan.pdf tidak tercantum di manifest: folder cadangan ditambah sesudah "
        "pencadangan. Tidak ada yang dipulihkan."
    )


def test_pulihkan_menolak_cadangan_dari_versi_yang_tidak_dikenal(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    kabupaten.delete()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "sertifikat")
    lokasi = folder / "manifest.json"
    manifest = json.loads(lokasi.read_text(encoding="utf-8"))
    manifest["migrasi"]["lkjip"].append("9999_dari_masa_depan")
    lokasi.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(cadangan.GalatCadangan) as galat:
        cadangan.pulihkan(folder)
    assert str(galat.value) == (
        "Cadangan dibuat oleh versi aplikasi lain: migrasi lkjip.9999_dari_masa_depan tidak dikenal versi "
        "ini. Pasang versi aplikasi yang sama dengan saat pencadangan (atau yang lebih baru), lalu ulangi."
    )
    assert Kabupaten.objects.count() == 0


def test_pulihkan_cadangan_dari_versi_lebih_lama_memberi_tahu_migrasi_yang_lebih_baru(tmp_path, kabupaten):
    folder = _cadangan_kecil(tmp_path, kabupaten)
    kabupaten.delete()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "sertifikat")
    lokasi = folder / "manifest.json"
    manifest = json.loads(lokasi.read_text(encoding="utf-8"))
    terakhir = manifest["migrasi"]["lkjip"].pop()
    lokasi.write_text(json.dumps(manifest), encoding="utf-8")
    pesan: list[str] = []
    hasil = cadangan.pulihkan(folder, lapor=pesan.append)
    assert pesan == [
        "Berkas cadangan utuh (SHA-256 sesuai manifest).",
        f"Basis data dimuat; 1 berkas media disalin ke {settings.MEDIA_ROOT}.",
        f"Cadangan dari versi aplikasi yang lebih lama (1 migrasi lebih baru, mis. lkjip.{terakhir}): kolom "
        "baru diisi nilai bawaannya.",
    ]
    assert hasil.migrasi_lebih_baru == [f"lkjip.{terakhir}"]
    assert hasil.cocok
    assert list(Kabupaten.objects.values_list("nama", flat=True)) == ["Banyumas"]
    assert _media() == {"sertifikat/ca.pem": b"CA"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="penulis lain menunggu kunci SQLite")
def test_cadangan_satu_snapshot_walau_pengguna_lain_menulis_di_tengahnya(tmp_path, kabupaten, monkeypatch):
    """Another user adds a kecamatan while the backup runs (after the rows, before the exports): neither
    the rows nor the exports nor the counts of the backup contain it."""
    asli = cadangan._tulis_interchange

    def tulis_di_tengah(folder):
        def tulis():
            try:
                Kecamatan.objects.create(kabupaten_id=kabupaten.pk, nama="Cilongok")
            finally:
                connections["default"].close()

        utas = threading.Thread(target=tulis)
        utas.start()
        utas.join()
        return asli(folder)

    monkeypatch.setattr(cadangan, "_tulis_interchange", tulis_di_tengah)
    hasil = cadangan.cadangkan(tmp_path / "cadangan")
    assert Kecamatan.objects.filter(nama="Cilongok").count() == 1
    assert hasil.manifest["jumlah"]["lkjip.kecamatan"] == 0
    assert hasil.manifest["interchange"] == []
