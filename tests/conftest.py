"""Shared fixtures: the personas (STYLE.md §9), a kecamatan with a full year of data, and helpers
to read exact text out of rendered HTML.

Personas: operator and camat of kecamatan A (Ajibarang), operator of kecamatan B (Cilongok, same
kabupaten Banyumas), inspektorat and admin of Banyumas, inspektorat of another kabupaten (Cilacap),
and a user without any role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from kinerja.models import Arah, Indikator, PerjanjianKinerja, Realisasi, Renstra
from lkjip.models import Kabupaten, Kecamatan, Pejabat, Penugasan
from tests import factories as f

WIB = ZoneInfo("Asia/Jakarta")
Peran = Penugasan.Peran
Jenis = PerjanjianKinerja.Jenis


# --- HTML helpers ---------------------------------------------------------------------------------

_SPASI = re.compile(r"\s+")


def rapikan(teks: str) -> str:
    """Collapse whitespace runs to one space and trim."""
    return _SPASI.sub(" ", teks).strip()


# Elements whose boundaries separate words in the visible text.
_BLOK = {
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "dt",
    "dd",
    "section",
}
_TANPA_PENUTUP = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _PembacaTabel(HTMLParser):
    """Collects every <tr> of the document as the list of its cells' normalised text, per table id,
    and the text of every element that has an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tabel: list[tuple[str, list[list[str]]]] = []
        self._tumpukan: list[tuple[str, list[list[str]]]] = []
        self._baris: list[str] | None = None
        self._sel: list[str] | None = None
        self._teks: list[str] = []
        self._abaikan = 0
        self.bagian: dict[str, str] = {}
        # Open elements with an id: [id, tag, depth of nested same tags, collected text].
        self._rekam: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOK:
            self.handle_data(" ")
        if tag not in _TANPA_PENUTUP:
            for r in self._rekam:
                if r[1] == tag:
                    r[2] += 1
            id_elemen = dict(attrs).get("id")
            if id_elemen:
                self._rekam.append([id_elemen, tag, 1, []])
        if tag in ("script", "style"):
            self._abaikan += 1
        elif tag == "table":
            self._tumpukan.append((dict(attrs).get("id") or "", []))
        elif tag == "tr":
            self._baris = []
        elif tag in ("td", "th"):
            self._sel = []

    def handle_endtag(self, tag):
        if tag in _BLOK:
            self.handle_data(" ")
        for r in list(self._rekam):
            if r[1] == tag:
                r[2] -= 1
                if r[2] == 0:
                    self.bagian[r[0]] = rapikan("".join(r[3]))
                    self._rekam.remove(r)
        if tag in ("script", "style"):
            self._abaikan -= 1
        elif tag == "table" and self._tumpukan:
            self.tabel.append(self._tumpukan.pop())
        elif tag == "tr" and self._baris is not None and self._tumpukan:
            self._tumpukan[-1][1].append(self._baris)
            self._baris = None
        elif tag in ("td", "th") and self._sel is not None and self._baris is not None:
            self._baris.append(rapikan("".join(self._sel)))
            self._sel = None

    def handle_data(self, data):
        if self._abaikan:
            return
        self._teks.append(data)
        for r in self._rekam:
            r[3].append(data)
        if self._sel is not None:
            self._sel.append(data)


def _baca(html: str | bytes) -> _PembacaTabel:
    if isinstance(html, bytes):
        html = html.decode()
    pembaca = _PembacaTabel()
    pembaca.feed(html)
    pembaca.close()
    return pembaca


def teks(html: str | bytes) -> str:
    """The visible text of a page: tags stripped, entities decoded, whitespace collapsed."""
    return rapikan("".join(_baca(html)._teks))


def bagian(html: str | bytes, id_elemen: str) -> str:
    """The normalised text of the element with that id."""
    semua = _baca(html).bagian
    assert id_elemen in semua, f"elemen #{id_elemen} tidak ditemukan"
    return semua[id_elemen]


def tabel(html: str | bytes, id_tabel: str) -> list[list[str]]:
    """Rows (header rows included) of the table with that id, each as the list of cell texts."""
    cocok = [baris for i, baris in _baca(html).tabel if i == id_tabel]
    assert len(cocok) == 1, f"tabel #{id_tabel}: {len(cocok)} ditemukan"
    return cocok[0]


def baris(html: str | bytes, sel_pertama: str) -> list[str]:
    """The one table row (in any table) whose first cell is exactly `sel_pertama`."""
    cocok = [b for _, rows in _baca(html).tabel for b in rows if b and b[0] == sel_pertama]
    assert len(cocok) == 1, f"baris '{sel_pertama}': {len(cocok)} ditemukan"
    return cocok[0]


# --- places and personas ----------------------------------------------------------------------------


@pytest.fixture
def kabupaten(db) -> Kabupaten:
    return f.KabupatenFactory(nama="Banyumas", provinsi="Jawa Tengah")


@pytest.fixture
def kabupaten_lain(db) -> Kabupaten:
    return f.KabupatenFactory(nama="Cilacap", provinsi="Jawa Tengah")


@pytest.fixture
def kecamatan_a(kabupaten) -> Kecamatan:
    kecamatan = f.KecamatanFactory(
        kabupaten=kabupaten,
        nama="Ajibarang",
        alamat="Jl. Raya Ajibarang No. 1",
        kode_pos="53163",
        luas_ha=Decimal("6653.00"),
        jumlah_dusun=45,
        jumlah_rw=131,
        jumlah_rt=653,
        penduduk_laki_laki=54979,
        penduduk_perempuan=53428,
        tugas_fungsi="Kecamatan mempunyai tugas membantu Bupati.",
        dasar_hukum=[
            "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        ],
    )
    f.DesaFactory(kecamatan=kecamatan, nama="Ajibarang Kulon", urutan=1)
    f.DesaFactory(kecamatan=kecamatan, nama="Ajibarang Wetan", urutan=2)
    return kecamatan


@pytest.fixture
def camat_pejabat_a(kecamatan_a) -> Pejabat:
    return f.PejabatFactory(
        kecamatan=kecamatan_a,
        nama="PARSONO, S.Sos., M.Si.",
        jabatan="Camat Ajibarang",
        nip="196707011992091001",
        pangkat="Pembina Tingkat I",
        mulai=date(2019, 1, 2),
    )


@pytest.fixture
def kecamatan_b(kabupaten) -> Kecamatan:
    return f.KecamatanFactory(kabupaten=kabupaten, nama="Cilongok")


@pytest.fixture
def kecamatan_lain(kabupaten_lain) -> Kecamatan:
    return f.KecamatanFactory(kabupaten=kabupaten_lain, nama="Kroya")


@pytest.fixture
def operator_a(kecamatan_a):
    user = f.UserFactory(username="operator_a", first_name="Siti", last_name="Aminah")
    f.PenugasanFactory(user=user, peran=Peran.OPERATOR, kecamatan=kecamatan_a)
    return user


@pytest.fixture
def camat_a(kecamatan_a, camat_pejabat_a):
    user = f.UserFactory(username="camat_a", first_name="Parsono")
    f.PenugasanFactory(user=user, peran=Peran.CAMAT, kecamatan=kecamatan_a, pejabat=camat_pejabat_a)
    return user


@pytest.fixture
def operator_b(kecamatan_b):
    user = f.UserFactory(username="operator_b")
    f.PenugasanFactory(user=user, peran=Peran.OPERATOR, kecamatan=kecamatan_b)
    return user


@pytest.fixture
def inspektorat(kabupaten):
    user = f.UserFactory(username="inspektorat")
    f.PenugasanFactory(user=user, peran=Peran.INSPEKTORAT, kecamatan=None, kabupaten=kabupaten)
    return user


@pytest.fixture
def admin_kabupaten(kabupaten):
    user = f.UserFactory(username="admin_kabupaten")
    f.PenugasanFactory(user=user, peran=Peran.ADMIN_KABUPATEN, kecamatan=None, kabupaten=kabupaten)
    return user


@pytest.fixture
def inspektorat_lain(kabupaten_lain):
    user = f.UserFactory(username="inspektorat_lain")
    f.PenugasanFactory(user=user, peran=Peran.INSPEKTORAT, kecamatan=None, kabupaten=kabupaten_lain)
    return user


@pytest.fixture
def tanpa_peran(db):
    return f.UserFactory(username="tanpa_peran")


# --- a kecamatan with a Renstra, its PK and realisasi ------------------------------------------------

PIHAK_PERTAMA = {
    "nama": "PARSONO, S.Sos., M.Si.",
    "jabatan": "Camat Ajibarang",
    "nip": "196707011992091001",
    "pangkat": "Pembina Tingkat I",
}
PIHAK_KEDUA = {"nama": "Ir. ACHMAD HUSEIN", "jabatan": "Bupati Banyumas"}
WAKTU_ISI = datetime(2022, 1, 5, 8, 0, tzinfo=WIB)
WAKTU_KOREKSI = datetime(2022, 1, 10, 9, 30, tzinfo=WIB)


@dataclass
class DataA:
    renstra: Renstra
    t11: Indikator
    s11: Indikator
    s21: Indikator
    s22: Indikator
    pk_2021_murni: PerjanjianKinerja
    pk_2021_perubahan: PerjanjianKinerja
    pk_2020: PerjanjianKinerja


@pytest.fixture
def data_a(kecamatan_a, operator_a) -> DataA:
    """Renstra 2019-2023 of Ajibarang with one tujuan indicator and three sasaran indicators, the PK
    2020 (murni) and 2021 (murni and perubahan) and the realisasi of 2021.

    2021: S1.1 has a yearly and four triwulan realisasi (the yearly one corrected by operator_a),
    S2.1 a provisional one, T1.1 a graded one, S2.2 (only in the PK perubahan) none.
    """
    renstra = f.RenstraFactory(
        kecamatan=kecamatan_a,
        tahun_awal=2019,
        tahun_akhir=2023,
        dasar="RPJMD Kabupaten Banyumas 2018-2023",
        visi="Terwujudnya Kecamatan Ajibarang yang melayani",
        misi=["Mewujudkan tata kelola pemerintahan yang baik", "Meningkatkan kualitas pelayanan publik"],
        misi_didukung=[2],
    )
    t1 = f.TujuanFactory(
        renstra=renstra, kode="T1", uraian="Meningkatkan kualitas pelayanan publik", urutan=1
    )
    s1 = f.SasaranFactory(
        renstra=renstra,
        tujuan=t1,
        kode="S1",
        uraian="Meningkatnya kepuasan masyarakat",
        strategi=["Peningkatan sarana pelayanan"],
        kebijakan=["Penerapan standar pelayanan"],
        urutan=1,
    )
    s2 = f.SasaranFactory(
        renstra=renstra, tujuan=t1, kode="S2", uraian="Meningkatnya ketertiban umum", urutan=2
    )
    f.SdmSasaranFactory(sasaran=s1, tahun=2021, target=12, realisasi=11)

    t11 = f.IndikatorFactory(
        tujuan=t1,
        sasaran=None,
        kode="T1.1",
        nama="Nilai SAKIP Kecamatan",
        satuan="nilai",
        target_akhir=Decimal("75"),
        target_akhir_label="BB",
        urutan=1,
    )
    s11 = f.IndikatorFactory(
        sasaran=s1,
        kode="S1.1",
        nama="Indeks Kepuasan Masyarakat",
        satuan="%",
        iku=True,
        target_akhir=Decimal("88"),
        urutan=2,
    )
    s21 = f.IndikatorFactory(
        sasaran=s2, kode="S2.1", nama="Persentase pelanggaran perda yang ditindak", satuan="%", urutan=3
    )
    s22 = f.IndikatorFactory(
        sasaran=s2, kode="S2.2", nama="Jumlah gangguan ketertiban", satuan="kasus", arah=Arah.TURUN, urutan=4
    )

    f.TargetFactory(indikator=t11, tahun=2021, nilai=Decimal("71.20"), label="BB")
    f.TargetFactory(indikator=s11, tahun=2020, nilai=Decimal("85.78"))
    f.TargetFactory(indikator=s11, tahun=2021, nilai=Decimal("86"))
    f.TargetFactory(indikator=s21, tahun=2021, nilai=Decimal("100"))
    f.TargetFactory(indikator=s22, tahun=2021, nilai=Decimal("6"))

    pk_2020 = f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2020, tanggal=date(2020, 1, 6))
    f.TargetPKFactory(perjanjian=pk_2020, indikator=s11, nilai=Decimal("85"))

    murni = f.PerjanjianKinerjaFactory(
        kecamatan=kecamatan_a,
        tahun=2021,
        tanggal=date(2021, 1, 4),
        tempat="Ajibarang",
        pihak_pertama=PIHAK_PERTAMA,
        pihak_kedua=PIHAK_KEDUA,
    )
    baris_s11 = f.TargetPKFactory(perjanjian=murni, indikator=s11, nilai=Decimal("84"), urutan=1)
    for tw, nilai in enumerate(["80", "82", "83", "84"], 1):
        f.TargetTriwulanPKFactory(baris=baris_s11, triwulan=tw, nilai=Decimal(nilai))
    f.TargetPKFactory(perjanjian=murni, indikator=s21, nilai=Decimal("100"), urutan=2)
    f.ProgramPKFactory(
        perjanjian=murni,
        nama="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        anggaran=Decimal("637343395"),
        urutan=1,
    )
    f.ProgramPKFactory(
        perjanjian=murni,
        nama="Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        anggaran=Decimal("12725000"),
        urutan=2,
    )

    perubahan = f.PerjanjianKinerjaFactory(
        kecamatan=kecamatan_a,
        tahun=2021,
        jenis=Jenis.PERUBAHAN,
        tanggal=date(2021, 9, 15),
        tempat="Ajibarang",
        pihak_pertama=PIHAK_PERTAMA,
        pihak_kedua=PIHAK_KEDUA,
    )
    f.TargetPKFactory(perjanjian=perubahan, indikator=s11, nilai=Decimal("85.78"), urutan=1)
    f.TargetPKFactory(perjanjian=perubahan, indikator=s21, nilai=Decimal("100"), urutan=2)
    f.TargetPKFactory(perjanjian=perubahan, indikator=s22, nilai=Decimal("4"), urutan=3)
    f.ProgramPKFactory(
        perjanjian=perubahan,
        nama="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        anggaran=Decimal("650000000"),
        urutan=1,
    )

    f.RealisasiFactory(indikator=t11, tahun=2021, nilai=Decimal("72.10"), label="BB")
    tahunan = f.RealisasiFactory.build(
        indikator=s11, tahun=2021, nilai=Decimal("80"), keterangan="Survei semester II"
    )
    tahunan._history_date = WAKTU_ISI
    tahunan.save()
    tahunan.nilai = Decimal("86.48")
    tahunan._history_user = operator_a
    tahunan._history_date = WAKTU_KOREKSI
    tahunan._change_reason = "Koreksi hasil survei"
    tahunan.save()
    for periode, nilai in zip(Realisasi.TRIWULAN, ["80.10", "82.50", "84", "86.48"], strict=True):
        f.RealisasiFactory(indikator=s11, tahun=2021, periode=periode, nilai=Decimal(nilai))
    f.RealisasiFactory(indikator=s21, tahun=2021, nilai=Decimal("95"), status=Realisasi.Status.SEMENTARA)
    return DataA(
        renstra=renstra,
        t11=t11,
        s11=s11,
        s21=s21,
        s22=s22,
        pk_2021_murni=murni,
        pk_2021_perubahan=perubahan,
        pk_2020=pk_2020,
    )


def buat_kecamatan_lengkap(kecamatan: Kecamatan, jumlah: int, tahun: int = 2021) -> Renstra:
    """A Renstra with `jumlah` sasaran, each with one indicator carrying every kind of row (targets,
    PK murni and perubahan lines with triwulan, realisasi yearly and per triwulan, SDM, and an
    edit in the history): the data for the query-count tests."""
    renstra = f.RenstraFactory(kecamatan=kecamatan, tahun_awal=tahun - 2, tahun_akhir=tahun + 2)
    tujuan = f.TujuanFactory(renstra=renstra)
    murni = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=tahun)
    perubahan = f.PerjanjianKinerjaFactory(kecamatan=kecamatan, tahun=tahun, jenis=Jenis.PERUBAHAN)
    f.IndikatorFactory(tujuan=tujuan, sasaran=None)
    for _ in range(jumlah):
        sasaran = f.SasaranFactory(renstra=renstra, tujuan=tujuan, strategi=["s"], kebijakan=["k"])
        f.SdmSasaranFactory(sasaran=sasaran, tahun=tahun)
        indikator = f.IndikatorFactory(sasaran=sasaran, target_akhir=Decimal("90"))
        for t in renstra.tahun_periode:
            f.TargetFactory(indikator=indikator, tahun=t)
        for pk in (murni, perubahan):
            baris_pk = f.TargetPKFactory(perjanjian=pk, indikator=indikator)
            for tw in range(1, 5):
                f.TargetTriwulanPKFactory(baris=baris_pk, triwulan=tw)
            f.ProgramPKFactory(perjanjian=pk)
        r = f.RealisasiFactory(indikator=indikator, tahun=tahun)
        r.nilai = Decimal("91")
        r.save()
        for periode in Realisasi.TRIWULAN:
            f.RealisasiFactory(indikator=indikator, tahun=tahun, periode=periode)
    return renstra


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    """PBKDF2 is slow on purpose; tests hash many demo passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    """Uploads of a test go to its own temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tugas_langsung(settings):
    """Background tasks run at once, inside the test (django-tasks' immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
