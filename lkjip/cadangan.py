"""Backup and restore of a whole installation (`manage.py cadangkan DIR`, `manage.py pulihkan DIR`).

A backup folder holds:

- `basisdata.jsonl.gz`: every row of every model (Django's serializers, JSON Lines, gzip), so it is
  independent of the database: a SQLite backup restores into PostgreSQL and back. Primary keys are
  kept (file names such as `sertifikat/pejabat-<id>.p12`, URLs and history rows refer to them);
  references to content types and permissions are written by natural key, because migrate recreates
  those with other ids. Left out (DIKECUALIKAN): content types and permissions (recreated by
  migrate), login sessions and the login-throttling counters (transient).
- `media/`: a copy of MEDIA_ROOT (uploaded images, final and signed PDFs, certificates and keys).
- `interchange/<kabupaten>/<kecamatan>.json`: the `lkjip-data/1` export of every kecamatan, for
  people to read and to check the restore against.
- `manifest.json`: when, from which code and database, the migrations applied per app, the number
  of rows per model and the SHA-256 and size of every other file. Written last: a folder without it
  is an incomplete backup.

The rows and the interchange exports are read in one transaction (REPEATABLE READ, READ ONLY on
PostgreSQL; one read transaction on SQLite), so they are one consistent snapshot while users keep
working. The backup holds password hashes and private keys: the folder is created 0700, files 0600.

Restore goes only into an empty installation: the files are checked against the manifest first, the
backup's migrations against this code (periksa_migrasi), the database and MEDIA_ROOT must be empty,
a never-migrated database is migrated, every row is loaded in one transaction (loaddata, which also
resets PostgreSQL sequences), the media files are copied back, and every kecamatan is exported
again and compared with the backup's export.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.text import slugify

FORMAT = "lkjip-cadangan/1"
MANIFEST = "manifest.json"
BASISDATA = "basisdata.jsonl.gz"
FOLDER_MEDIA = "media"
FOLDER_INTERCHANGE = "interchange"

# Models not backed up, with the reason (also written into the manifest).
DIKECUALIKAN = {
    "contenttypes.contenttype": "dibuat ulang oleh migrate; dirujuk dengan kunci alami",
    "auth.permission": "dibuat ulang oleh migrate; dirujuk dengan kunci alami",
    "sessions.session": "sesi login sementara; pengguna masuk lagi setelah pemulihan",
    "axes.accessattempt": "hitungan gagal login sementara",
    "axes.accessattemptexpiration": "hitungan gagal login sementara",
}
# Rows referring to these are written with natural keys (their ids differ between installations).
_KUNCI_ALAMI = {"contenttypes.contenttype", "auth.permission"}
_UKURAN_POTONGAN = 2000


class GalatCadangan(Exception):
    """A refused backup or restore; the message (Indonesian) says why and what to do."""


@dataclass(frozen=True)
class HasilCadangan:
    folder: Path
    manifest: dict
    detik: float
    ukuran: int  # bytes of all files written


@dataclass(frozen=True)
class PerbandinganEkspor:
    kecamatan: str  # "Kecamatan Ajibarang (Kabupaten Banyumas)"
    berkas: str  # path inside the backup folder
    sama: bool
    keterangan: str = ""


@dataclass(frozen=True)
class HasilPemulihan:
    jumlah: dict[str, int]  # rows loaded per model
    jumlah_berbeda: dict[str, tuple[int, int]]  # model -> (manifest, now)
    berkas_media: int
    ekspor: list[PerbandinganEkspor] = field(default_factory=list)
    migrasi_lebih_baru: list[str] = field(default_factory=list)

    @property
    def cocok(self) -> bool:
        return not self.jumlah_berbeda and all(e.sama for e in self.ekspor)


# --- helpers ---------------------------------------------------------------------------------------


def model_dicadangkan(using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    """Every concrete, managed model of the installed apps except DIKECUALIKAN, in the order
    dumpdata uses (models with natural keys and their dependencies first)."""
    semua = serializers.sort_dependencies([(cfg, None) for cfg in apps.get_app_configs()], allow_cycles=True)
    return [
        m
        for m in semua
        if not m._meta.proxy
        and m._meta.managed
        and m._meta.label_lower not in DIKECUALIKAN
        and router.allow_migrate_model(using, m)
    ]


def _pakai_kunci_alami(model: type[models.Model]) -> bool:
    return any(
        f.is_relation and f.related_model is not None and f.related_model._meta.label_lower in _KUNCI_ALAMI
        for f in model._meta.get_fields()
        if f.concrete or f.many_to_many
    )


def _sha256(lokasi: Path) -> str:
    h = hashlib.sha256()
    with open(lokasi, "rb") as berkas:
        for potongan in iter(lambda: berkas.read(1024 * 1024), b""):
            h.update(potongan)
    return h.hexdigest()


def _isi_folder(folder: Path) -> list[Path]:
    """Every regular file under `folder`, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _relatif(lokasi: Path, akar: Path) -> str:
    return PurePosixPath(*lokasi.relative_to(akar).parts).as_posix()


def _migrasi_diterapkan(using: str) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    hasil: dict[str, list[str]] = {}
    for app, nama in sorted(recorder.applied_migrations()):
        hasil.setdefault(app, []).append(nama)
    return hasil


def _versi_aplikasi() -> str:
    """The commit of the code (read from .git without running git), or "" when unknown."""
    git = Path(settings.BASE_DIR) / ".git"
    try:
        kepala = (git / "HEAD").read_text().strip()
        if not kepala.startswith("ref: "):
            return kepala
        ref = kepala[5:]
        if (git / ref).exists():
            return (git / ref).read_text().strip()
        for baris in (git / "packed-refs").read_text().splitlines():
            if baris.endswith(" " + ref):
                return baris.split(" ", 1)[0]
    except OSError:
        pass
    return ""


def _versi_basisdata(using: str) -> str:
    sambungan = connections[using]
    if sambungan.vendor == "postgresql":
        with sambungan.cursor() as kursor:
            kursor.execute("SHOW server_version")
            return kursor.fetchone()[0]
    if sambungan.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    return ""


class _Penghitung:
    """Counts the objects an iterator yields."""

    def __init__(self, sumber: Iterable) -> None:
        self.sumber = sumber
        self.jumlah = 0

    def __iter__(self) -> Iterator:
        for obj in self.sumber:
            self.jumlah += 1
            yield obj


# --- backup ----------------------------------------------------------------------------------------


def _tulis_basisdata(lokasi: Path, daftar_model: list[type[models.Model]], using: str) -> dict[str, int]:
    """Stream every row into `lokasi` (JSON Lines, gzip); returns the rows per model."""
    jumlah: dict[str, int] = {}
    fd = os.open(lokasi, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with (
        os.fdopen(fd, "wb") as mentah,
        gzip.GzipFile(filename="", mode="wb", fileobj=mentah, mtime=0) as gz,
        io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as teks,
    ):
        for model in daftar_model:
            qs = model._base_manager.using(using).order_by(model._meta.pk.attname)
            penghitung = _Penghitung(qs.iterator(chunk_size=_UKURAN_POTONGAN))
            serializers.serialize(
                "jsonl", penghitung, stream=teks, use_natural_foreign_keys=_pakai_kunci_alami(model)
            )
            jumlah[model._meta.label_lower] = penghitung.jumlah
    return jumlah


def _berkas_dirujuk(daftar_model: list[type[models.Model]], using: str) -> set[str]:
    """Names (relative to MEDIA_ROOT) stored in every FileField."""
    nama: set[str] = set()
    for model in daftar_model:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                nama.update(
                    v for v in model._base_manager.using(using).values_list(f.attname, flat=True) if v
                )
    return nama


def _tulis_json(lokasi: Path, isi) -> None:
    lokasi.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(lokasi, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as berkas:
        berkas.write(json.dumps(isi, ensure_ascii=False, indent=1) + "\n")


def _tulis_interchange(folder: Path) -> list[dict]:
    from laporan.interchange.ekspor import ekspor_lkjip
    from lkjip.models import Kecamatan

    daftar = []
    dipakai: set[str] = set()
    for kec in Kecamatan.objects.select_related("kabupaten").order_by("kabupaten__nama", "nama", "pk"):
        entri = {"id": kec.pk, "kabupaten": kec.kabupaten.nama, "kecamatan": kec.nama}
        try:
            dokumen = ekspor_lkjip(kec)
        except ValueError as e:
            daftar.append({**entri, "berkas": None, "keterangan": str(e)})
            continue
        kab, nama = slugify(kec.kabupaten.nama) or "kabupaten", slugify(kec.nama) or "kecamatan"
        relatif = f"{FOLDER_INTERCHANGE}/{kab}/{nama}"
        if relatif in dipakai:
            relatif = f"{relatif}-{kec.pk}"
        dipakai.add(relatif)
        relatif += ".json"
        _tulis_json(folder / relatif, dokumen)
        daftar.append({**entri, "berkas": relatif})
    return daftar


def _salin_media(asal: Path, tujuan: Path) -> list[str]:
    """Copy every file of MEDIA_ROOT (not the temporary files of half-done atomic writes)."""
    disalin = []
    if not asal.is_dir():
        return disalin
    for lokasi in _isi_folder(asal):
        if lokasi.name.startswith(".") and lokasi.name.endswith(".tmp"):
            continue
        relatif = _relatif(lokasi, asal)
        sasaran = tujuan / relatif
        sasaran.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(lokasi, sasaran)
        os.chmod(sasaran, 0o600)
        disalin.append(relatif)
    return disalin


def _mulai_snapshot(using: str) -> str:
    """Make the transaction just opened a consistent snapshot; returns its isolation level."""
    sambungan = connections[using]
    if sambungan.vendor == "postgresql":
        with sambungan.cursor() as kursor:
            kursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            kursor.execute("SHOW transaction_isolation")
            return kursor.fetchone()[0]
    if sambungan.vendor == "sqlite":
        return "serializable"
    return ""


def _periksa_migrasi_lengkap(using: str) -> None:
    executor = MigrationExecutor(connections[using])
    rencana = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if rencana:
        m = rencana[0][0]
        raise GalatCadangan(
            f"Basis data belum dimigrasi penuh ({len(rencana)} migrasi tertunda, "
            f"mis. {m.app_label}.{m.name}). "
            "Jalankan `python manage.py migrate` dahulu, lalu cadangkan."
        )


def cadangkan(folder: Path | str, *, using: str = DEFAULT_DB_ALIAS) -> HasilCadangan:
    """Write a backup of the whole installation into `folder` (new or empty)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise GalatCadangan(f"{folder} bukan folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise GalatCadangan(
            f"Folder {folder} tidak kosong. Cadangan hanya ditulis ke folder baru atau folder kosong, "
            "agar tidak tercampur dengan berkas lain."
        )
    _periksa_migrasi_lengkap(using)
    mulai = time.monotonic()
    dibuat_baru = not folder.exists()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    try:
        sambungan = connections[using]
        daftar_model = model_dicadangkan(using)
        luar = sambungan.in_atomic_block
        with transaction.atomic(using=using):
            isolasi = "" if luar else _mulai_snapshot(using)
            jumlah = _tulis_basisdata(folder / BASISDATA, daftar_model, using)
            interchange = _tulis_interchange(folder)
            dirujuk = _berkas_dirujuk(daftar_model, using)
            migrasi = _migrasi_diterapkan(using)
            versi_db = _versi_basisdata(using)
        # The media after the snapshot: a file written later is an unused extra, never a gap.
        disalin = _salin_media(Path(settings.MEDIA_ROOT), folder / FOLDER_MEDIA)
        berkas = {
            _relatif(p, folder): {"sha256": _sha256(p), "ukuran": p.stat().st_size}
            for p in _isi_folder(folder)
        }
        manifest = {
            "format": FORMAT,
            "dibuat": timezone.now().isoformat(timespec="seconds"),
            "versi_aplikasi": _versi_aplikasi(),
            "basis_data": {"vendor": sambungan.vendor, "versi": versi_db, "isolasi": isolasi},
            "migrasi": migrasi,
            "jumlah": jumlah,
            "dikecualikan": DIKECUALIKAN,
            "interchange": interchange,
            "media": len(disalin),
            "media_hilang": sorted(dirujuk - set(disalin)),
            "berkas": berkas,
        }
        _tulis_json(folder / MANIFEST, manifest)
    except BaseException:
        # Never leave a half backup that could be taken for a whole one.
        if dibuat_baru:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for anak in folder.iterdir():
                if anak.is_dir() and not anak.is_symlink():
                    shutil.rmtree(anak)
                else:
                    anak.unlink()
        raise
    ukuran = sum(p.stat().st_size for p in _isi_folder(folder))
    return HasilCadangan(folder=folder, manifest=manifest, detik=time.monotonic() - mulai, ukuran=ukuran)


# --- restore ---------------------------------------------------------------------------------------


def baca_manifest(folder: Path | str) -> dict:
    """The manifest of a backup folder, after checking every file against it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GalatCadangan(f"Folder cadangan {folder} tidak ditemukan.")
    lokasi = folder / MANIFEST
    if not lokasi.is_file():
        raise GalatCadangan(
            f"{MANIFEST} tidak ada di {folder}: ini bukan folder cadangan, atau pencadangannya tidak selesai."
        )
    try:
        manifest = json.loads(lokasi.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GalatCadangan(f"{MANIFEST} rusak: bukan JSON yang sah ({e}).") from e
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise GalatCadangan(f"{MANIFEST} bukan manifest cadangan {FORMAT}.")
    daftar = manifest.get("berkas")
    if not isinstance(daftar, dict) or BASISDATA not in daftar:
        raise GalatCadangan(f"{MANIFEST} tidak mencantumkan {BASISDATA}; cadangan tidak lengkap.")
    for relatif, data in sorted(daftar.items()):
        lokasi_berkas = folder / relatif
        if ".." in PurePosixPath(relatif).parts or PurePosixPath(relatif).is_absolute():
            raise GalatCadangan(f"{MANIFEST} mencantumkan jalur yang tidak sah: {relatif}.")
        if not lokasi_berkas.is_file():
            raise GalatCadangan(
                f"Berkas {relatif} tidak ada; cadangan tidak lengkap. Tidak ada yang dipulihkan."
            )
        if lokasi_berkas.stat().st_size != data.get("ukuran") or _sha256(lokasi_berkas) != data.get("sha256"):
            raise GalatCadangan(
                f"Berkas {relatif} tidak sesuai dengan manifest (SHA-256 berbeda): berkas rusak atau "
                "diubah sesudah pencadangan. Tidak ada yang dipulihkan."
            )
    for lokasi_berkas in _isi_folder(folder):
        relatif = _relatif(lokasi_berkas, folder)
        if relatif != MANIFEST and relatif not in daftar:
            raise GalatCadangan(
                f"Berkas {relatif} tidak tercantum di manifest: folder cadangan ditambah sesudah "
                "pencadangan. Tidak ada yang dipulihkan."
            )
    return manifest


def _isi_basisdata(using: str) -> list[tuple[str, int]]:
    """(verbose name plural, rows) of every non-empty table a restore would fill."""
    sambungan = connections[using]
    ada = set(sambungan.introspection.table_names())
    isi = []
    with sambungan.cursor() as kursor:
        for model in model_dicadangkan(using):
            tabel = model._meta.db_table
            if tabel not in ada:
                continue
            kursor.execute(f"SELECT COUNT(*) FROM {sambungan.ops.quote_name(tabel)}")  # noqa: S608
            n = kursor.fetchone()[0]
            if n:
                isi.append((str(model._meta.verbose_name_plural), n))
    return isi


def periksa_kosong(using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse unless the database holds no data (besides what migrate makes) and MEDIA_ROOT no file."""
    isi = _isi_basisdata(using)
    if isi:
        daftar = ", ".join(f"{n} {nama}" for nama, n in isi[:5])
        if len(isi) > 5:
            daftar += f", dan data di {len(isi) - 5} tabel lain"
        raise GalatCadangan(
            f"Instalasi ini tidak kosong: sudah ada {daftar}. Cadangan hanya dipulihkan ke instalasi "
            "baru yang kosong (basis data yang baru dimigrasi, folder media kosong); tidak ada yang "
            "diubah."
        )
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        berkas = _isi_folder(media)
        if berkas:
            raise GalatCadangan(
                f"Folder media {media} tidak kosong ({len(berkas)} berkas, "
                f"mis. {_relatif(berkas[0], media)}). "
                "Cadangan hanya dipulihkan ke instalasi baru yang kosong; tidak ada yang diubah."
            )


def periksa_migrasi(migrasi: dict[str, list[str]], jumlah: dict[str, int], using: str) -> list[str]:
    """Check the backup's migrations against this code; returns the migrations of this code the
    backup predates ("app.nama"). Rows are loaded with this code's models into this code's schema, so
    a backup from a newer version (unknown migrations or apps) is refused, and so is one from an older
    version when a newer migration transforms data (RunPython/RunSQL), which loading would skip. New
    columns of schema-only migrations get their defaults, as in any fixture."""
    graf = MigrationLoader(None, ignore_no_migrations=True).graph
    app_dikenal = {a for a, _ in graf.nodes}
    berisi = {label.split(".")[0] for label, n in jumlah.items() if n}
    tak_terpasang = sorted(a for a in migrasi if a not in app_dikenal and a in berisi)
    if tak_terpasang:
        raise GalatCadangan(
            f"Cadangan berisi data aplikasi {', '.join(tak_terpasang)} yang tidak terpasang di versi ini. "
            "Pasang versi aplikasi yang sama dengan saat pencadangan, lalu ulangi."
        )
    cadangan = {(app, nama) for app, daftar in migrasi.items() for nama in daftar if app in app_dikenal}
    asing = sorted(k for k in cadangan if k not in graf.nodes)
    if asing:
        nama = ", ".join(f"{a}.{n}" for a, n in asing[:3])
        raise GalatCadangan(
            f"Cadangan dibuat oleh versi aplikasi lain: migrasi {nama} tidak dikenal versi ini. Pasang "
            "versi aplikasi yang sama dengan saat pencadangan (atau yang lebih baru), lalu ulangi."
        )
    lebih_baru = sorted(k for k in graf.nodes if k not in cadangan and not graf.nodes[k].replaces)
    mengubah_data = [
        k
        for k in lebih_baru
        if any(isinstance(op, RunPython | RunSQL) for op in graf.nodes[k].operations)
        and any(label.split(".")[0] == k[0] and n for label, n in jumlah.items())
    ]
    if mengubah_data:
        a, n = mengubah_data[0]
        raise GalatCadangan(
            f"Cadangan dibuat oleh versi aplikasi yang lebih lama: migrasi {a}.{n} mengubah data dan tidak "
            "dapat diterapkan pada pemulihan. Pulihkan dengan versi aplikasi yang sama dengan saat "
            "pencadangan, lalu perbarui aplikasinya seperti biasa."
        )
    return [f"{a}.{n}" for a, n in lebih_baru]


def _migrasi_penuh(using: str) -> None:
    """Bring a new (even never migrated) database to this code's schema."""
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", database=using, interactive=False, verbosity=0)


def _salin_media_kembali(asal: Path, tujuan: Path, dibuat: list[Path]) -> None:
    if not asal.is_dir():
        return
    for lokasi in _isi_folder(asal):
        sasaran = tujuan / _relatif(lokasi, asal)
        sasaran.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(lokasi, sasaran)
        os.chmod(sasaran, 0o600)
        dibuat.append(sasaran)


def bandingkan_ekspor(folder: Path, manifest: dict) -> list[PerbandinganEkspor]:
    """Export every kecamatan of the backup again and compare with the backup's export."""
    from laporan.interchange.ekspor import ekspor_lkjip
    from lkjip.models import Kecamatan

    hasil = []
    for entri in manifest.get("interchange", []):
        label = f"Kecamatan {entri['kecamatan']} (Kabupaten {entri['kabupaten']})"
        if not entri.get("berkas"):
            continue
        kec = Kecamatan.objects.filter(pk=entri["id"]).first()
        if kec is None:
            hasil.append(PerbandinganEkspor(label, entri["berkas"], False, "kecamatan tidak ada"))
            continue
        lama = json.loads((folder / entri["berkas"]).read_text(encoding="utf-8"))
        try:
            baru = ekspor_lkjip(kec)
        except ValueError as e:
            hasil.append(PerbandinganEkspor(label, entri["berkas"], False, str(e)))
            continue
        # Through JSON: the same number types as the file read back.
        baru = json.loads(json.dumps(baru, ensure_ascii=False))
        sama = lama == baru
        ket = (
            ""
            if sama
            else "isi ekspor berbeda: "
            + ", ".join(sorted(k for k in set(lama) | set(baru) if lama.get(k) != baru.get(k)))
        )
        hasil.append(PerbandinganEkspor(label, entri["berkas"], sama, ket))
    return hasil


def pulihkan(
    folder: Path | str,
    *,
    using: str = DEFAULT_DB_ALIAS,
    lapor: Callable[[str], None] = lambda pesan: None,
) -> HasilPemulihan:
    """Restore the backup in `folder` into this (empty) installation."""
    folder = Path(folder)
    manifest = baca_manifest(folder)
    lapor("Berkas cadangan utuh (SHA-256 sesuai manifest).")
    lebih_baru = periksa_migrasi(manifest.get("migrasi", {}), manifest.get("jumlah", {}), using)
    periksa_kosong(using)
    _migrasi_penuh(using)
    media = Path(settings.MEDIA_ROOT)
    dibuat: list[Path] = []
    try:
        with transaction.atomic(using=using):
            call_command("loaddata", str(folder / BASISDATA), database=using, verbosity=0)
            _salin_media_kembali(folder / FOLDER_MEDIA, media, dibuat)
    except BaseException:
        for lokasi in dibuat:
            lokasi.unlink(missing_ok=True)
        raise
    lapor(f"Basis data dimuat; {len(dibuat)} berkas media disalin ke {media}.")
    if lebih_baru:
        lapor(
            f"Cadangan dari versi aplikasi yang lebih lama ({len(lebih_baru)} migrasi lebih baru, "
            f"mis. {lebih_baru[0]}): kolom baru diisi nilai bawaannya."
        )
    jumlah, berbeda = {}, {}
    for model in model_dicadangkan(using):
        label = model._meta.label_lower
        jumlah[label] = model._base_manager.using(using).count()
        tercatat = manifest["jumlah"].get(label, 0)
        if tercatat != jumlah[label]:
            berbeda[label] = (tercatat, jumlah[label])
    return HasilPemulihan(
        jumlah=jumlah,
        jumlah_berbeda=berbeda,
        berkas_media=len(dibuat),
        ekspor=bandingkan_ekspor(folder, manifest),
        migrasi_lebih_baru=lebih_baru,
    )
