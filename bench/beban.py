"""Load test: 20 users on gunicorn + PostgreSQL 15, a kabupaten of 30 kecamatan with 5 years of data.

    .venv/bin/python bench/beban.py [--detik 60] [--workers 3] [--pengguna 20] [--inspektorat 4]
        [--jeda 1.0] [--conn-max-age 60] [--kecamatan 30] [--database-url postgres://...] [--tanpa-cache]

Uji beban (loopback only, bounded by --detik). Steps:
1. PostgreSQL: a throwaway PG15 cluster (initdb/pg_ctl as the `postgres` user when run as root) in a
   temporary directory with its Unix socket there, as .ci/run does; or the empty database given by
   --database-url. `migrate`, then the data of bench/data_beban.py (30 kecamatan, Renstra 2022-2026,
   PK, triwulan and yearly realisasi, budget tree, report texts; imported through the interchange
   importer, two processes). The generated database is kept as a pg_dump in ~/.cache/lkjip-beban/
   keyed by the generator and the migrations, and restored on the next run (the time of either is
   printed; generating takes 4-10 minutes on a busy 2-core machine, restoring under a second).
2. gunicorn (sync workers, --workers) on 127.0.0.1 with production settings: DJANGO_DEBUG=0, a
   random DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS=127.0.0.1, DJANGO_CONN_MAX_AGE=60 as
   docs/deploy.md advises (--conn-max-age 0: a new PostgreSQL connection per request) and
   LKJIP_PROXY_HTTPS=1: the client plays the TLS-terminating reverse proxy and sends
   `X-Forwarded-Proto: https` and `X-Forwarded-For: 127.0.0.1`, so Django runs exactly as in
   production behind HTTPS (secure cookies, HSTS, HTTPS redirect, the HTTPS CSRF referer/origin
   check, login throttling all on). The client keeps its cookies itself (a cookie jar would not send
   Secure cookies over plain http). Static files: collectstatic into a temporary STATIC_ROOT (a
   two-line settings module in the temporary folder overrides only STATIC_ROOT), served by
   whitenoise.
3. --pengguna simulated users (threads, standard library http.client): --inspektorat of them are
   inspektorat (accounts inspektorat-1..5), the others operators of distinct kecamatan. Each logs
   in, then until the time is up: waits a think time (uniform 0.5-1.5 x --jeda seconds; --jeda 0
   saturates the server), then requests one page. Operator: home 15 %, realisasi grid read 30 %
   (running year, sometimes the year before), htmx cell save 30 % (a triwulan cell of a row of the
   last grid read, changed value and a reason, with the CSRF token and every input of the row, so a
   version field the grid carries is sent back; the cell returned updates the row), Pengukuran
   Kinerja 25 %. Inspektorat: home 20 %, review desk 50 % (year, sort and page vary), Pengukuran
   Kinerja of any kecamatan 30 %. A user's 1st, 11th, 21st... page also fetches the page's CSS and
   JS (whitenoise).
4. Report per page and overall: requests, requests per second, client-side latency p50/p95/p99 and
   maximum, the server's own time (gunicorn access log, %(D)s) p50/p95, errors (status other than
   2xx/3xx, a refused cell save, an exception) with a sample. Goal: p95 < 150 ms on the data-entry
   pages (grid read and cell save) and no errors. All users log in at once first (PBKDF2; reported
   on its own line); the clock starts when the last one is in, and the first --pemanasan seconds
   after that are not counted. The CPU seconds gunicorn (master and workers) and PostgreSQL (the
   postmaster and its backends) used from then on, per page, are printed too: unlike latency, they
   hardly depend on what else runs on the machine. So are the machine (nproc, CPU, load average)
   and the command.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import http.client
import os
import platform
import random
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR / "bench"))
import data_beban  # noqa: E402

PYTHON = AKAR / ".venv" / "bin" / "python"
GUNICORN = AKAR / ".venv" / "bin" / "gunicorn"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lkjip-beban"
SASARAN_MS = 150.0
HALAMAN_ISIAN = ("grid realisasi", "simpan sel (htmx)")
URUTAN_HALAMAN = (
    "masuk (login)",
    "beranda",
    "grid realisasi",
    "simpan sel (htmx)",
    "pengukuran kinerja",
    "meja reviu",
    "statis",
)


def log(pesan: str) -> None:
    print(f"== {pesan}", file=sys.stderr, flush=True)


# --- PostgreSQL -----------------------------------------------------------------------------------


class Klaster:
    """A throwaway PG15 cluster in `folder` (Unix socket only), or an existing database (url)."""

    def __init__(self, folder: Path | None, url: str | None) -> None:
        self.url = url
        self.folder = folder
        self.data = folder / "data" if folder else None
        self.root = os.getuid() == 0

    def _pg(self, *perintah: str, **kw) -> subprocess.CompletedProcess:
        awal = ["runuser", "-u", "postgres", "--"] if self.root else []
        return subprocess.run([*awal, *perintah], cwd=self.folder or "/", check=True, **kw)

    def mulai(self) -> None:
        if self.url:
            return
        if self.root:
            shutil.chown(self.folder, "postgres", "postgres")
        for env in ("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGDATA"):
            os.environ.pop(env, None)
        keluaran = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._pg(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
            "-E", "UTF8", "--locale=C.UTF-8", **keluaran,
        )  # fmt: skip
        # Production-like durability is not what is measured; CI's settings (fsync off) keep the
        # disk of a shared machine out of the figures.
        self._pg(
            str(PG_BIN / "pg_ctl"), "-w", "-D", str(self.data), "-l", str(self.folder / "log"), "-o",
            f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100", "start", **keluaran,
        )  # fmt: skip
        self._pg(str(PG_BIN / "createdb"), "-h", str(self.folder), "-U", "postgres", "lkjip")
        host = urllib.parse.quote(str(self.folder), safe="")
        self.url = f"postgres://postgres@{host}/lkjip"

    def _libpq(self) -> list[str]:
        """pg_dump/pg_restore connection arguments."""
        if self.folder:
            return ["-h", str(self.folder), "-U", "postgres", "-d", "lkjip"]
        return ["-d", self.url.replace("postgres://", "postgresql://", 1)]

    def dump(self, berkas: Path) -> None:
        with open(berkas, "wb") as keluar:
            self._pg("pg_dump", "-Fc", "--no-owner", *self._libpq(), stdout=keluar)

    def pulihkan(self, berkas: Path) -> None:
        with open(berkas, "rb") as masuk:
            self._pg("pg_restore", "--no-owner", *self._libpq(), stdin=masuk)

    def pid_postmaster(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0]) if self.data else None
        except (OSError, ValueError, IndexError):
            return None

    def berhenti(self) -> None:
        if self.data and (self.data / "postmaster.pid").exists():
            self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop",
                     stdout=subprocess.DEVNULL)  # fmt: skip


def kunci_cache(opsi: argparse.Namespace) -> str:
    """The generator, its template and every migration: a change in any of them makes new data."""
    h = hashlib.sha256()
    berkas = [AKAR / "bench" / "data_beban.py", data_beban.TEMPLAT]
    berkas += sorted(AKAR.glob("*/migrations/0*.py"))
    for b in berkas:
        h.update(str(b.relative_to(AKAR)).encode())
        h.update(b.read_bytes())
    h.update(f"{opsi.kecamatan}".encode())
    return h.hexdigest()[:16]


def siapkan_data(klaster: Klaster, env: dict, opsi: argparse.Namespace) -> str:
    dump = CACHE / f"beban-{kunci_cache(opsi)}.dump"
    mulai = time.perf_counter()
    if dump.exists() and not opsi.tanpa_cache:
        klaster.pulihkan(dump)
        return f"dipulihkan dari cache {dump} dalam {time.perf_counter() - mulai:.1f} s"
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=AKAR, env=env, check=True)
    migrasi = time.perf_counter() - mulai
    kode = (
        "import sys, django; sys.path.insert(0, 'bench'); django.setup(); import data_beban; "
        f"r = data_beban.muat({opsi.kecamatan}, cetak=lambda s: print(s, file=sys.stderr)); "
        "print(r['baris'], r['akun'], round(r['detik'], 1))"
    )
    keluaran = subprocess.run(
        [PYTHON, "-c", kode], cwd=AKAR, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    baris, akun, detik = keluaran.stdout.split()
    CACHE.mkdir(parents=True, exist_ok=True)
    sementara = dump.with_suffix(".tmp")
    klaster.dump(sementara)
    sementara.replace(dump)
    return (
        f"dibuat: migrate {migrasi:.1f} s, impor {opsi.kecamatan} kecamatan ({baris} baris) + {akun} akun "
        f"{detik} s; disimpan di {dump}"
    )


# --- gunicorn -------------------------------------------------------------------------------------


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_produksi(folder: Path, url: str, conn_max_age: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LKJIP_"))}
    (folder / "beban_settings.py").write_text(
        f"from lkjip.settings import *  # noqa: F403\nSTATIC_ROOT = {str(folder / 'static')!r}\n",
        encoding="utf-8",
    )
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="beban_settings",
        PYTHONPATH=os.pathsep.join([str(folder), str(AKAR)]),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        LKJIP_PROXY_HTTPS="1",
        LKJIP_MEDIA_ROOT=str(folder / "media"),
        LKJIP_BASE_URL="https://127.0.0.1",
        DJANGO_CONN_MAX_AGE=str(conn_max_age),
    )
    return env


def mulai_gunicorn(folder: Path, env: dict, port: int, workers: int) -> subprocess.Popen:
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=AKAR, env=env, check=True)
    proses = subprocess.Popen(
        [
            str(GUNICORN), "lkjip.wsgi:application", "--workers", str(workers), "--bind",
            f"127.0.0.1:{port}", "--chdir", str(AKAR), "--access-logfile", str(folder / "akses.log"),
            "--access-logformat", "%(m)s %(U)s %(s)s %(D)s", "--error-logfile", str(folder / "gunicorn.log"),
            "--timeout", "60",
        ],
        env=env,
    )  # fmt: skip
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if proses.poll() is not None:
            raise SystemExit(f"gunicorn berhenti:\n{(folder / 'gunicorn.log').read_text()[-3000:]}")
        try:
            k = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            k.request("GET", "/masuk/", headers={"X-Forwarded-Proto": "https"})
            if k.getresponse().status == 200:
                return proses
        except OSError:
            pass
        time.sleep(0.3)
    proses.terminate()
    raise SystemExit("gunicorn tidak menjawab dalam 60 detik")


# --- the simulated users --------------------------------------------------------------------------

RE_TAG_INPUT = re.compile(r"<input\b[^>]*>", re.S)
RE_SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.S)
RE_ATRIBUT = re.compile(r'([\w:-]+)="([^"]*)"')
RE_OPSI_TERPILIH = re.compile(r'<option value="([^"]*)"[^>]*\bselected\b')
RE_BARIS = re.compile(r'<tr id="baris-(\d+)">(.*?)</tr>', re.S)
RE_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RE_KECAMATAN = re.compile(r'href="/kecamatan/(\d+)/"')
RE_ASET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')
RE_ANGKA = re.compile(r"^\d+(?:\.\d{3})*(?:,\d+)?$")


def isian_form(potongan: str) -> dict[str, str]:
    """name -> value of every input and select in an HTML fragment (what a browser would post)."""
    data = {}
    for tag in RE_TAG_INPUT.findall(potongan):
        a = dict(RE_ATRIBUT.findall(tag))
        if "name" in a and a.get("type", "text") not in ("submit", "button", "checkbox", "radio", "file"):
            data[a["name"]] = html.unescape(a.get("value", ""))
    for atribut, isi in RE_SELECT.findall(potongan):
        a = dict(RE_ATRIBUT.findall(atribut))
        terpilih = RE_OPSI_TERPILIH.search(isi)
        if "name" in a and terpilih:
            data[a["name"]] = html.unescape(terpilih.group(1))
    return data


def nilai_baru(lama: str, acak: random.Random) -> str:
    """A changed value in Indonesian notation ("85,78")."""
    if RE_ANGKA.match(lama or ""):
        angka = float(lama.replace(".", "").replace(",", "."))
    else:
        angka = 50.0
    angka = max(0.0, min(100.0, angka + acak.choice((-1, 1)) * acak.uniform(0.01, 1.5)))
    return f"{angka:.2f}".replace(".", ",")


@dataclass
class Catatan:
    waktu: float  # monotonic time at the start
    halaman: str
    ms: float
    ok: bool
    status: int
    contoh: str = ""


@dataclass
class Pengguna:
    nama: str
    peran: str  # "operator" | "inspektorat"
    port: int
    acak: random.Random
    catat: list = field(default_factory=list)
    kuki: dict = field(default_factory=dict)
    csrf: str = ""
    kecamatan: list[int] = field(default_factory=list)
    baris: dict[int, dict[str, str]] = field(default_factory=dict)
    tahun_grid: int = data_beban.TAHUN_BERJALAN
    hitung: int = 0

    def minta(self, halaman: str, metode: str, jalur: str, data: dict | None = None, htmx: bool = False):
        header = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",  # what the proxy adds (login throttling, audit)
            "User-Agent": "lkjip-beban",
            "Referer": f"https://127.0.0.1:{self.port}{jalur}",
        }
        if self.kuki:
            header["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.kuki.items())
        badan = None
        if data is not None:
            badan = urllib.parse.urlencode(data).encode()
            header["Content-Type"] = "application/x-www-form-urlencoded"
            header["Origin"] = f"https://127.0.0.1:{self.port}"
        if htmx:
            header.update(
                {"HX-Request": "true", "X-CSRFToken": self.csrf, "HX-Current-URL": header["Referer"]}
            )
        mulai_mono = time.monotonic()
        mulai = time.perf_counter()
        try:
            k = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            k.request(metode, jalur, body=badan, headers=header)
            r = k.getresponse()
            isi = r.read()
            k.close()
        except Exception as e:  # noqa: BLE001 - every failure is a counted error with its sample
            ms = (time.perf_counter() - mulai) * 1000
            self.catat.append(Catatan(mulai_mono, halaman, ms, False, 0, f"{metode} {jalur}: {e!r}"))
            return None, ""
        ms = (time.perf_counter() - mulai) * 1000
        for nilai in r.headers.get_all("Set-Cookie") or []:
            nama, _, sisa = nilai.partition("=")
            self.kuki[nama.strip()] = sisa.split(";", 1)[0]
        teks = isi.decode("utf-8", "replace")
        ok = 200 <= r.status < 400
        contoh = "" if ok else f"{metode} {jalur} -> {r.status}: {teks[:300]!r}"
        self.catat.append(Catatan(mulai_mono, halaman, ms, ok, r.status, contoh))
        return r, teks

    def salah(self, halaman: str, pesan: str) -> None:
        """A request that answered 2xx but did not do its work (e.g. a refused cell save)."""
        c = self.catat[-1]
        if c.ok and c.halaman == halaman:
            c.ok, c.contoh = False, pesan

    def masuk(self) -> bool:
        r, teks = self.minta("masuk (login)", "GET", "/masuk/")
        token = RE_CSRF.search(teks or "")
        if not token:
            return False
        data = {"csrfmiddlewaretoken": token.group(1), "username": self.nama, "password": data_beban.SANDI}
        r, teks = self.minta("masuk (login)", "POST", "/masuk/", data)
        if r is None or r.status != 302:
            self.salah("masuk (login)", f"login {self.nama} gagal: {r and r.status} {teks[:200]!r}")
            return False
        return self.beranda()

    def beranda(self) -> bool:
        r, teks = self.minta("beranda", "GET", "/")
        if r is None or r.status != 200:
            return False
        if not self.kecamatan:
            self.kecamatan = sorted({int(x) for x in RE_KECAMATAN.findall(teks)})
            if self.peran == "inspektorat" and len(self.kecamatan) < 2:
                # The home page lists 25 per page; the desk lists them all.
                _, meja = self.minta("meja reviu", "GET", "/meja-reviu/?tahun=semua")
                self.kecamatan = sorted({int(x) for x in re.findall(r"/kecamatan/(\d+)/", meja)})
        self.statis(teks)
        return bool(self.kecamatan)

    def statis(self, teks: str) -> None:
        self.hitung += 1
        if self.hitung % 10 != 1:
            return
        for aset in sorted(set(RE_ASET.findall(teks))):
            r, _ = self.minta("statis", "GET", aset)

    def grid(self) -> None:
        kec = self.kecamatan[0]
        self.tahun_grid = (
            data_beban.TAHUN_BERJALAN if self.acak.random() < 0.8 else data_beban.TAHUN_BERJALAN - 1
        )
        r, teks = self.minta("grid realisasi", "GET", f"/kecamatan/{kec}/realisasi/{self.tahun_grid}/isi/")
        if r is None or r.status != 200:
            return
        token = RE_CSRF.search(teks)
        if token:
            self.csrf = token.group(1)
        self.baris = {int(pk): isian_form(isi) for pk, isi in RE_BARIS.findall(teks)}
        if not self.baris:
            self.salah("grid realisasi", f"grid {kec}/{self.tahun_grid} tanpa baris")
        self.statis(teks)

    def simpan_sel(self) -> None:
        if not self.baris or not self.csrf:
            self.grid()
            if not self.baris:
                return
        kec = self.kecamatan[0]
        pk = self.acak.choice(sorted(self.baris))
        data = dict(self.baris[pk])
        kolom = self.acak.choice(("tw1", "tw2", "tw3"))
        awalan = f"r{pk}-"
        data[f"{awalan}{kolom}"] = nilai_baru(data.get(f"{awalan}{kolom}", ""), self.acak)
        data[f"{awalan}alasan_{kolom}"] = "Uji beban: koreksi angka triwulan"
        jalur = f"/kecamatan/{kec}/realisasi/{self.tahun_grid}/isi/{pk}/{kolom}/"
        r, teks = self.minta("simpan sel (htmx)", "POST", jalur, data, htmx=True)
        if r is None or r.status != 200:
            return
        if "is-invalid" in teks or f'id="sel-{pk}-{kolom}"' not in teks:
            pesan = re.search(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</div>', teks, re.S)
            self.salah(
                "simpan sel (htmx)",
                f"POST {jalur} ditolak: {(pesan.group(1).strip() if pesan else teks[:300])!r}",
            )
            # Read the grid again next time (a stale version is refused on purpose).
            self.baris = {}
            return
        self.baris[pk].update({k: v for k, v in isian_form(teks).items() if k.startswith(awalan)})
        self.baris[pk].pop(f"{awalan}alasan_{kolom}", None)

    def pengukuran(self) -> None:
        kec = self.acak.choice(self.kecamatan)
        tahun = self.acak.choice(data_beban.TAHUN)
        r, teks = self.minta("pengukuran kinerja", "GET", f"/kecamatan/{kec}/pengukuran/{tahun}/")
        if r is not None and r.status == 200:
            self.statis(teks)

    def meja(self) -> None:
        kueri = {}
        pilihan = self.acak.random()
        if pilihan < 0.6:
            kueri["tahun"] = self.acak.choice(data_beban.TAHUN)
        elif pilihan < 0.8:
            kueri["tahun"] = "semua"
            kueri["halaman"] = self.acak.choice((1, 2, 3, 4, 5, 6))
        if self.acak.random() < 0.5:
            kueri["urut"] = self.acak.choice(("kecamatan", "-capaian", "serapan", "status", "-tahun"))
        jalur = "/meja-reviu/" + (f"?{urllib.parse.urlencode(kueri)}" if kueri else "")
        r, teks = self.minta("meja reviu", "GET", jalur)
        if r is not None and r.status == 200:
            self.statis(teks)

    def jalan(self, mulai: threading.Barrier, selesai: list[float], jeda: float) -> None:
        """Log in, wait for every user to be in, then work until selesai[0] (set by main)."""
        masuk = self.masuk()
        mulai.wait()
        if not masuk:
            return
        if self.peran == "operator":
            aksi = ((0.15, self.beranda), (0.30, self.grid), (0.30, self.simpan_sel), (0.25, self.pengukuran))
        else:
            aksi = ((0.20, self.beranda), (0.50, self.meja), (0.30, self.pengukuran))
        while True:
            if jeda:
                time.sleep(self.acak.uniform(0.5, 1.5) * jeda)
            if time.monotonic() >= selesai[0]:
                return
            fungsi = self.acak.choices([f for _, f in aksi], weights=[b for b, _ in aksi])[0]
            fungsi()


# --- CPU used during the window -----------------------------------------------------------------

DETAK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        teks = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return teks[teks.rindex(")") + 2 :].split()  # fields from 3 (state) on


def cpu_pohon(pid: int | None) -> float:
    """CPU seconds of a process and its children: its own time, its reaped children's (cutime,
    cstime: gunicorn workers, or the PostgreSQL backends of closed connections) and the live
    children's own time."""
    if pid is None or (induk := _stat(pid)) is None:
        return 0.0
    detak = sum(int(x) for x in induk[11:15])  # utime stime cutime cstime
    for entri in os.scandir("/proc"):
        if entri.name.isdigit() and (anak := _stat(int(entri.name))) is not None and anak[1] == str(pid):
            detak += int(anak[11]) + int(anak[12])
    return detak / DETAK


def cpu_klien() -> float:
    r = os.times()
    return r.user + r.system


# --- report ---------------------------------------------------------------------------------------


def persentil(urut: list[float], p: float) -> float:
    """Nearest rank."""
    if not urut:
        return float("nan")
    return urut[min(len(urut) - 1, max(0, int(round(p / 100 * len(urut) + 0.5)) - 1))]


POLA_SERVER = (
    ("masuk (login)", re.compile(r"^/masuk/$")),
    ("beranda", re.compile(r"^/$")),
    ("grid realisasi", re.compile(r"^/kecamatan/\d+/realisasi/\d+/isi/$")),
    ("simpan sel (htmx)", re.compile(r"^/kecamatan/\d+/realisasi/\d+/isi/\d+/\w+/$")),
    ("pengukuran kinerja", re.compile(r"^/kecamatan/\d+/pengukuran/\d+/$")),
    ("meja reviu", re.compile(r"^/meja-reviu/$")),
    ("statis", re.compile(r"^/static/")),
)


def waktu_server(log_akses: Path) -> dict[str, list[float]]:
    """ms per page from gunicorn's access log (%(D)s, microseconds, the worker's own time)."""
    hasil: dict[str, list[float]] = defaultdict(list)
    if not log_akses.exists():
        return hasil
    for baris in log_akses.read_text().splitlines():
        bagian = baris.split()
        if len(bagian) != 4:
            continue
        for nama, pola in POLA_SERVER:
            if pola.match(bagian[1]):
                hasil[nama].append(int(bagian[3]) / 1000)
                break
    return hasil


def laporan(catatan: list[Catatan], awal: float, akhir: float, server: dict[str, list[float]]) -> bool:
    durasi = akhir - awal
    masuk = [c for c in catatan if c.halaman == "masuk (login)"]
    dihitung = [c for c in catatan if c.waktu >= awal and c.halaman != "masuk (login)"]
    per = defaultdict(list)
    for c in masuk + dihitung:
        per[c.halaman].append(c)
    judul = (
        f"{'halaman':<20} {'req':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'maks ms':>8}"
        f" {'srv p50':>8} {'srv p95':>8} {'galat':>6}"
    )
    print(judul)
    print("-" * len(judul))
    nama_urut = [n for n in URUTAN_HALAMAN if n in per] + sorted(set(per) - set(URUTAN_HALAMAN))

    def baris(nama: str, daftar: list[Catatan], srv: list[float]) -> tuple[float, int]:
        ms = sorted(c.ms for c in daftar)
        srv = sorted(srv)
        galat = sum(1 for c in daftar if not c.ok)
        print(
            f"{nama:<20} {len(daftar):>6} {len(daftar) / durasi:>6.1f} {persentil(ms, 50):>7.0f}"
            f" {persentil(ms, 95):>7.0f} {persentil(ms, 99):>7.0f} {ms[-1] if ms else 0:>8.0f}"
            f" {persentil(srv, 50):>8.0f} {persentil(srv, 95):>8.0f} {galat:>6}"
        )
        return persentil(ms, 95), galat

    hasil = {n: baris(n, per[n], server.get(n, [])) for n in nama_urut}
    print("-" * len(judul))
    baris("SEMUA", dihitung, [x for v in server.values() for x in v])
    print(
        "(ms: waktu di klien, dari kirim sampai badan jawaban terbaca; srv: waktu worker gunicorn untuk "
        "permintaan itu, dari access log, termasuk pemanasan; masuk: semua pengguna sekaligus sebelum "
        "jendela pengukuran, tidak termasuk SEMUA)"
    )
    contoh = {}
    for c in masuk + dihitung:
        if not c.ok:
            contoh.setdefault(c.halaman, c.contoh)
    for nama, teks in contoh.items():
        print(f"Contoh galat {nama}: {teks[:400]}")
    tercapai = True
    for nama in HALAMAN_ISIAN:
        p95, galat = hasil.get(nama, (float("nan"), 0))
        ok = p95 < SASARAN_MS and galat == 0
        tercapai &= ok
        print(
            f"Sasaran {nama}: p95 {p95:.0f} ms (< {SASARAN_MS:.0f}), galat {galat}: "
            f"{'tercapai' if ok else 'TIDAK tercapai'}"
        )
    galat_semua = sum(1 for c in masuk + dihitung if not c.ok)
    if galat_semua:
        tercapai = False
        print(f"Galat di semua halaman: {galat_semua}")
    print(f"Sasaran keseluruhan: {'tercapai' if tercapai else 'TIDAK tercapai'}")
    return tercapai


def mesin() -> str:
    model = ""
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                model = baris.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU ({model or platform.processor()}), beban rata-rata {os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detik", type=float, default=60, help="lama pengukuran (detik)")
    parser.add_argument("--pemanasan", type=float, default=5, help="detik awal yang tidak dihitung")
    parser.add_argument("--workers", type=int, default=3, choices=range(1, 9), metavar="2-4")
    parser.add_argument("--pengguna", type=int, default=20)
    parser.add_argument("--inspektorat", type=int, default=4, help="berapa pengguna adalah inspektorat")
    parser.add_argument("--jeda", type=float, default=1.0, help="jeda berpikir rata-rata (detik)")
    parser.add_argument("--kecamatan", type=int, default=30)
    parser.add_argument("--database-url", help="basis data PostgreSQL kosong (bawaan: klaster sementara)")
    parser.add_argument("--tanpa-cache", action="store_true", help="buat ulang data walau ada di cache")
    parser.add_argument("--benih", type=int, default=9)
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DJANGO_CONN_MAX_AGE untuk gunicorn (bawaan 60 seperti docs/deploy.md; 0: koneksi baru tiap "
        "permintaan, bawaan settings)",
    )
    opsi = parser.parse_args()
    if opsi.pengguna - opsi.inspektorat > opsi.kecamatan:
        parser.error("setiap operator memegang kecamatan sendiri: --pengguna - --inspektorat <= --kecamatan")

    print(f"Perintah: {shlex.join([sys.executable, *sys.argv])}")
    print(f"Mesin: {mesin()}; Python {platform.python_version()}")
    folder = Path(tempfile.mkdtemp(prefix="lkjip-beban-", dir="/tmp"))
    folder.chmod(0o755)
    klaster = Klaster(None if opsi.database_url else folder / "pg", opsi.database_url)
    if klaster.folder:
        klaster.folder.mkdir()
    gunicorn = None
    try:
        mulai = time.perf_counter()
        klaster.mulai()
        log(f"PostgreSQL siap ({time.perf_counter() - mulai:.1f} s); data ...")
        env = env_produksi(folder, klaster.url, opsi.conn_max_age)
        print(f"Data: {siapkan_data(klaster, env, opsi)}")
        port = port_bebas()
        gunicorn = mulai_gunicorn(folder, env, port, opsi.workers)
        log(
            f"gunicorn {opsi.workers} worker di 127.0.0.1:{port}; "
            f"{opsi.pengguna} pengguna, {opsi.detik:.0f} s"
        )

        acak = random.Random(opsi.benih)
        operator = [
            f"operator.{data_beban.nama_kecamatan(i).lower().replace(' ', '-')}"
            for i in range(opsi.kecamatan)
        ]
        acak.shuffle(operator)
        pengguna = [
            Pengguna(nama, "operator", port, random.Random(acak.random()))
            for nama in operator[: opsi.pengguna - opsi.inspektorat]
        ] + [
            Pengguna(
                f"inspektorat-{i % data_beban.JUMLAH_INSPEKTORAT + 1}",
                "inspektorat",
                port,
                random.Random(acak.random()),
            )
            for i in range(opsi.inspektorat)
        ]
        # Logging in (PBKDF2) is measured but not in the window: all users log in at once, then the
        # clock starts when the last one is in.
        selesai = [float("inf")]
        cpu: dict[str, float] = {}
        pg = klaster.pid_postmaster()

        def mulai_jam() -> None:
            selesai[0] = time.monotonic() + opsi.pemanasan + opsi.detik
            cpu.update(gunicorn=cpu_pohon(gunicorn.pid), pg=cpu_pohon(pg), klien=cpu_klien())

        penghalang = threading.Barrier(len(pengguna), action=mulai_jam)
        mulai_masuk = time.monotonic()
        utas = [
            threading.Thread(target=p.jalan, args=(penghalang, selesai, opsi.jeda), daemon=True)
            for p in pengguna
        ]
        for t in utas:
            t.start()
        for t in utas:
            t.join(timeout=opsi.pemanasan + opsi.detik + 300)
        akhir = time.monotonic()
        cpu_akhir = {"gunicorn": cpu_pohon(gunicorn.pid), "pg": cpu_pohon(pg), "klien": cpu_klien()}
        awal = selesai[0] - opsi.detik - opsi.pemanasan
        log(f"semua pengguna masuk dalam {awal - mulai_masuk:.1f} s")
        catatan = [c for p in pengguna for c in p.catat]
        gagal_masuk = [p.nama for p in pengguna if not p.kecamatan]
        print(
            f"gunicorn {opsi.workers} worker (sync), PostgreSQL 15, {opsi.kecamatan} kecamatan x "
            f"{len(data_beban.TAHUN)} tahun; {opsi.pengguna} pengguna "
            f"({opsi.pengguna - opsi.inspektorat} operator, {opsi.inspektorat} inspektorat), "
            f"DJANGO_CONN_MAX_AGE={opsi.conn_max_age}, "
            f"jeda berpikir {opsi.jeda:g} s rata-rata; diukur {akhir - awal - opsi.pemanasan:.0f} s "
            f"setelah {opsi.pemanasan:g} s pemanasan"
        )
        if gagal_masuk:
            print(f"GAGAL MASUK: {', '.join(gagal_masuk)}")
        lulus = laporan(catatan, awal + opsi.pemanasan, akhir, waktu_server(folder / "akses.log"))
        # CPU from the end of the logins (pemanasan included) to the end, per page of that span.
        jumlah = sum(1 for c in catatan if c.waktu >= awal and c.halaman not in ("masuk (login)", "statis"))
        pakai = {k: cpu_akhir[k] - cpu.get(k, 0.0) for k in cpu_akhir}
        durasi = akhir - awal
        teks_pg = "tidak diukur"
        if pg:
            teks_pg = f"{pakai['pg']:.1f} s ({pakai['pg'] / max(jumlah, 1) * 1000:.1f} ms per halaman)"
        print(
            f"CPU selama {durasi:.0f} s setelah login ({jumlah} halaman): gunicorn {pakai['gunicorn']:.1f} s "
            f"({pakai['gunicorn'] / max(jumlah, 1) * 1000:.1f} ms per halaman), PostgreSQL {teks_pg}, "
            f"klien uji {pakai['klien']:.1f} s; kapasitas mesin {(os.cpu_count() or 1) * durasi:.0f} "
            "CPU-detik"
        )
        print(f"Mesin setelah uji: {mesin()}")
        galat_server = (folder / "gunicorn.log").read_text(errors="replace")
        if "Traceback" in galat_server:
            print("Log gunicorn memuat Traceback:\n" + galat_server[-3000:])
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        klaster.berhenti()
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if lulus and not gagal_masuk else 1)


if __name__ == "__main__":
    main()
