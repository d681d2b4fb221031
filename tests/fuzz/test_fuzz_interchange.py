"""Fuzzed `lkjip-data/1` imports (issue 9): documents made valid by hypothesis-jsonschema, the real
demo documents broken in every way a hand or a program breaks them, and their text broken byte by
byte. Whatever comes in, the importer answers with a HasilImpor (never an exception), a refused
document writes no row at all, each refusal starts with its `$.path`, and a document it accepts is
imported fully (importing it again changes nothing).
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, Phase, event, given, note
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from laporan.interchange.impor import impor_lkjip
from laporan.interchange.skema import baca_dokumen, skema
from tests.fuzz import HITUNG
from tests.fuzz.conftest import jumlah_baris, kembalikan, pasang_many_lama

pytestmark = pytest.mark.django_db

DEMO = sorted((Path(settings.BASE_DIR) / "data" / "demo").glob("*.json"))
TEKS_DEMO = {p.name: p.read_text(encoding="utf-8") for p in DEMO}
DOKUMEN_DEMO = {nama: baca_dokumen(teks) for nama, teks in TEKS_DEMO.items()}


def pengaturan(contoh: int):
    return hsettings(
        max_examples=contoh,
        deadline=None,
        database=None,
        # No shrinking: on these documents it takes minutes; the notes say what was broken where.
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


@pytest.fixture
def demo_dimuat(db):
    """The three demo documents imported: mutated documents then update, delete and refuse."""
    for dok in DOKUMEN_DEMO.values():
        assert impor_lkjip(copy.deepcopy(dok)).galat == []


# --- the properties every import must hold -------------------------------------------------------


def periksa_impor(dok, *, pratinjau: bool = False, ubah_kabupaten: bool = True):
    """Import `dok` and check: no exception, a refusal writes nothing and names its path, an accepted
    (not previewed) document is all there (a second import would change nothing)."""
    sebelum = jumlah_baris()
    hasil = impor_lkjip(dok, pratinjau=pratinjau, ubah_kabupaten=ubah_kabupaten)
    note(f"galat: {hasil.galat[:5]}")
    for baris in hasil.galat:
        baris.encode("utf-8")  # shown on a page: no lone surrogate
    event("ditolak" if hasil.galat else "pratinjau" if pratinjau else "diimpor")
    if hasil.galat:
        assert jumlah_baris() == sebelum
        for baris in hasil.galat:
            assert baris.startswith("$") and ": " in baris, baris
    elif pratinjau:
        assert jumlah_baris() == sebelum
    else:
        ulang = impor_lkjip(dok, pratinjau=True, ubah_kabupaten=ubah_kabupaten)
        assert ulang.galat == []
        assert not ulang.ada_perubahan, ulang.ringkasan
    return hasil


# --- (a) valid-shaped parts from the schema ----------------------------------------------------


pasang_many_lama()


def _bagian_skema(nama: str) -> st.SearchStrategy:
    akar = dict(skema())
    akar.pop("$id", None)  # a relative $id makes the generator try to fetch its $refs
    return from_schema({"$defs": akar["$defs"], **akar["$defs"][nama]})


# Top-level part of a document -> the schema definition one item of it follows. Whole documents
# and indicators are too slow to generate (seconds per example); these parts take a fraction.
BAGIAN = {
    "kabupaten": "kabupaten",
    "kecamatan": "kecamatan",
    "perjanjian_kinerja": "perjanjian_kinerja",
    "skm": "survei_skm",
    "evaluasi_sakip": "evaluasi_sakip",
    "laporan": "laporan",
    "sdm": "sdm",
    "permasalahan": "permasalahan",
}
STRATEGI_BAGIAN = {kunci: _bagian_skema(defn) for kunci, defn in BAGIAN.items()}


@st.composite
def dokumen_dari_skema(draw):
    """A demo document with one part replaced by (or, for lists, extended with) a schema-valid one."""
    dok = copy.deepcopy(DOKUMEN_DEMO[draw(st.sampled_from(sorted(DOKUMEN_DEMO)))])
    kunci = draw(st.sampled_from(sorted(BAGIAN)))
    bagian = draw(STRATEGI_BAGIAN[kunci])
    if kunci in ("kabupaten", "kecamatan"):
        dok[kunci] = bagian
    elif draw(st.booleans()) and dok.get(kunci):
        dok[kunci][draw(st.integers(0, len(dok[kunci]) - 1))] = bagian
    else:
        dok.setdefault(kunci, []).append(bagian)
    note(f"{kunci}: {json.dumps(bagian, default=str)[:2000]}")
    return dok


@pengaturan(50)
@given(dok=dokumen_dari_skema(), pratinjau=st.booleans())
def test_bagian_sah_menurut_skema(demo_dimuat, dok, pratinjau):
    HITUNG["interchange: bagian dari skema (hypothesis-jsonschema)"] += 1
    with kembalikan():
        periksa_impor(dok, pratinjau=pratinjau)


# --- (b) the demo documents broken ---------------------------------------------------------------

_KENDALI = "".join(chr(i) for i in range(32)) + "\x7f\u200b\u202e\ufeff\ud800"
TEKS_JAHAT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from(_KENDALI + "aZ9 .,-"), max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "1.234,56",
            "1e5",
            "-0",
            "NaN",
            "Infinity",
            "0x10",
            "2021-02-30",
            "0000-00-00",
            "≥ 80",
            "BB",
        ]
    ),
    st.integers(1, 20_000).map(lambda n: "x" * n),
)
ANGKA_JAHAT = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 2**31, 2**63, 10**15, 10**40, -(10**20)]),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("1E+999999"), Decimal("1E-999999"), Decimal("-0.00001"), Decimal("0.12345")]),
    # What json.loads makes of NaN, Infinity and -Infinity.
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
)
NILAI_JAHAT = st.one_of(
    st.none(),
    st.booleans(),
    ANGKA_JAHAT,
    TEKS_JAHAT,
    st.lists(st.one_of(st.none(), ANGKA_JAHAT, TEKS_JAHAT), max_size=4),
    st.dictionaries(TEKS_JAHAT, st.one_of(st.none(), ANGKA_JAHAT, TEKS_JAHAT), max_size=3),
    st.integers(1, 400).map(lambda n: json.loads("[" * n + "]" * n)),
)


def _lokasi(x, jalur=()):
    """Every (path, container, key) of the document."""
    if isinstance(x, dict):
        for k, v in x.items():
            yield (*jalur, k), x, k
            yield from _lokasi(v, (*jalur, k))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield (*jalur, i), x, i
            yield from _lokasi(v, (*jalur, i))


def _kode(dok) -> list[str]:
    return sorted({w[k] for _, w, k in _lokasi(dok) if k == "kode" and isinstance(w[k], str)})


@st.composite
def dokumen_rusak(draw, nama: tuple[str, ...] = tuple(DOKUMEN_DEMO), paling_banyak: int = 4):
    """A demo document with one to four things wrong: a key gone, a value of the wrong type or out
    of range, a list item twice (duplicate codes), a code pointing nowhere or elsewhere."""
    dok = copy.deepcopy(DOKUMEN_DEMO[draw(st.sampled_from(sorted(nama)))])
    for _ in range(draw(st.integers(1, paling_banyak))):
        semua = list(_lokasi(dok))
        jalur, wadah, kunci = semua[draw(st.integers(0, len(semua) - 1))]
        aksi = draw(st.sampled_from(["hapus", "ganti", "ganti", "gandakan", "kode", "angka"]))
        note(f"{aksi} {jalur}")
        if aksi == "hapus":
            del wadah[kunci]
        elif aksi == "gandakan" and isinstance(wadah, list):
            wadah.insert(kunci, copy.deepcopy(wadah[kunci]))
        elif aksi == "kode":
            lain = _kode(dok)
            wadah[kunci] = draw(st.sampled_from(lain) if lain and draw(st.booleans()) else TEKS_JAHAT)
        elif aksi == "angka":
            wadah[kunci] = draw(ANGKA_JAHAT)
        else:
            wadah[kunci] = draw(NILAI_JAHAT)
    return dok


@pengaturan(400)
@given(dok=dokumen_rusak(), pratinjau=st.booleans(), ubah_kabupaten=st.booleans())
def test_dokumen_demo_dirusak(demo_dimuat, dok, pratinjau, ubah_kabupaten):
    HITUNG["interchange: dokumen demo dirusak"] += 1
    with kembalikan():
        periksa_impor(dok, pratinjau=pratinjau, ubah_kabupaten=ubah_kabupaten)


@pengaturan(3)
@given(nama=st.sampled_from(sorted(DOKUMEN_DEMO)))
def test_dokumen_demo_utuh_diimpor_penuh(db, nama):
    """The untouched documents into an empty database: accepted and all there."""
    HITUNG["interchange: dokumen demo utuh"] += 1
    with kembalikan():
        hasil = periksa_impor(copy.deepcopy(DOKUMEN_DEMO[nama]))
        assert hasil.galat == []
        assert hasil.ada_perubahan


# --- (c) the text broken: what the upload form and the command read --------------------------------


@st.composite
def teks_rusak(draw):
    teks = TEKS_DEMO[draw(st.sampled_from(sorted(TEKS_DEMO)))]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(teks)))
        aksi = draw(st.sampled_from(["potong", "buang", "sisip", "ganti_angka", "sarang", "angka_panjang"]))
        note(f"{aksi} @{i}")
        if aksi == "potong":
            teks = teks[:i]
        elif aksi == "buang":
            teks = teks[:i] + teks[i + draw(st.integers(1, 50)) :]
        elif aksi == "sisip":
            sisip = draw(
                st.one_of(st.text(max_size=8), st.sampled_from(list('{}[]",:\\') + ["\\ud800", "\\u0000"]))
            )
            teks = teks[:i] + sisip + teks[i:]
        elif aksi == "ganti_angka":
            # The next number of the document: NaN, Infinity, exponents, huge.
            pengganti = draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1E-400", "1" * 40]))
            teks = _ganti_angka_pertama(teks, i, pengganti)
        elif aksi == "sarang":
            n = draw(st.sampled_from([10, 500, 5_000, 100_000]))
            teks = teks[:i] + "[" * n + "]" * n + teks[i:]
        else:
            teks = teks[:i] + "9" * draw(st.sampled_from([20, 400, 5_000])) + teks[i:]
    return teks


def _ganti_angka_pertama(teks: str, dari: int, pengganti: str) -> str:
    """Replace the first JSON number at or after `dari` (the whole run of digits) by `pengganti`."""
    m = re.compile(r"(?<=[:\[,] )-?\d+(\.\d+)?").search(teks, dari)
    return teks if m is None else teks[: m.start()] + pengganti + teks[m.end() :]


def _baca(teks: str):
    """The document as the form and the command read it, or None when they refuse it as JSON."""
    try:
        return baca_dokumen(teks)
    except json.JSONDecodeError as e:
        assert e.msg and e.lineno >= 1 and e.colno >= 1
        event("bukan JSON")
        return None


@pengaturan(250)
@given(teks=teks_rusak(), ubah_kabupaten=st.booleans())
def test_teks_json_dirusak(demo_dimuat, teks, ubah_kabupaten):
    HITUNG["interchange: teks JSON dirusak"] += 1
    dok = _baca(teks)
    if dok is not None:
        with kembalikan():
            periksa_impor(dok, pratinjau=True, ubah_kabupaten=ubah_kabupaten)


@pengaturan(30)
@given(teks=teks_rusak())
def test_perintah_impor_lkjip(demo_dimuat, tmp_path_factory, teks):
    """`manage.py impor_lkjip`: exit 1 with every problem on stderr as `$.path: pesan`, or written."""
    HITUNG["interchange: perintah impor_lkjip"] += 1
    berkas = tmp_path_factory.mktemp("impor") / "dok.json"
    berkas.write_text(teks, encoding="utf-8")
    with kembalikan():
        sebelum = jumlah_baris()
        keluar, galat = StringIO(), StringIO()
        try:
            call_command("impor_lkjip", str(berkas), stdout=keluar, stderr=galat)
        except CommandError as e:
            assert e.returncode == 1
            assert jumlah_baris() == sebelum
            for baris in galat.getvalue().splitlines():
                assert baris.startswith("$") and ": " in baris, baris
            assert str(e).startswith(
                ("$: bukan JSON yang valid", f"{len(galat.getvalue().splitlines())} kesalahan")
            )


# --- (d) the upload pages: preview, then confirm ---------------------------------------------------


AJIBARANG = "000_50ea6dba58a8a3bd.json"  # of kabupaten Banyumas, the admin's


@pengaturan(50)
@given(
    dok=st.none() | dokumen_rusak(nama=(AJIBARANG,), paling_banyak=1),
    teks=st.none() | teks_rusak(),
)
def test_halaman_impor_pratinjau_lalu_simpan(admin_kabupaten, demo_dimuat, client, dok, teks):
    """The admin's upload page never fails (no 500, no exception): a refused file is shown again with
    its errors and writes nothing; a previewed one, confirmed, is imported."""
    HITUNG["interchange: halaman unggah + konfirmasi"] += 1
    client.force_login(admin_kabupaten)
    url = reverse("laporan:impor_kabupaten")
    if teks is None:
        # None: the document as it is, which the page previews and imports.
        teks = json.dumps(
            dok or DOKUMEN_DEMO[AJIBARANG], default=str, allow_nan=True
        )  # "\ud800" escaped, as JSON allows
    with kembalikan():
        sebelum = jumlah_baris()
        berkas = SimpleUploadedFile("dok.json", teks.encode("utf-8", "surrogatepass"), "application/json")
        respons = client.post(url, {"berkas": berkas})
        assert respons.status_code in (200, 302, 400, 413)
        assert jumlah_baris() == sebelum
        sidik = (respons.context or {}).get("sidik")
        event("pratinjau" if sidik else "ditolak")
        if sidik:
            simpan = client.post(url, {"aksi": "impor", "sha256": sidik})
            assert simpan.status_code in (200, 302)
            if simpan.status_code == 200:
                assert jumlah_baris() == sebelum
