"""kinerja/views/pk.py: making and editing the Perjanjian Kinerja in the browser."""

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import reverse

from kinerja.models import PerjanjianKinerja, ProgramPK, TargetPK
from tests import factories as f
from tests.anggaran.factories import PosAnggaranFactory, TahunAnggaranFactory
from tests.conftest import PIHAK_KEDUA, PIHAK_PERTAMA, bagian, buat_kecamatan_lengkap, tabel, teks

pytestmark = pytest.mark.django_db

Jenis = PerjanjianKinerja.Jenis
D = Decimal


def angka_salah(teks: str) -> str:
    contoh = "Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89."
    return f'Angka tidak valid: "{teks}". {contoh}'


PERSONA_BOLEH = ["operator_a", "camat_a"]
PERSONA_404 = ["operator_b", "inspektorat_lain"]
PERSONA_403 = ["inspektorat", "admin_kabupaten"]


class _Isian(HTMLParser):
    """The form controls of a page: id -> attributes (a select's value is its selected option)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.isian: dict[str, dict] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("input", "textarea", "select") and a.get("id"):
            self.isian[a["id"]] = a
            if tag == "select":
                self._select = a["id"]
                a["value"] = ""
        elif tag == "option" and self._select and "selected" in a:
            self.isian[self._select]["value"] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def isian(html) -> dict[str, dict]:
    p = _Isian()
    p.feed(html.decode() if isinstance(html, bytes) else html)
    return p.isian


def nilai(html, *ids) -> list[str]:
    semua = isian(html)
    return [semua[i].get("value", "") for i in ids]


def _url(nama, kecamatan, *args):
    return reverse(f"kinerja:{nama}", args=[kecamatan.pk, *args])


def _halaman(kecamatan):
    return [
        _url("pk_tambah", kecamatan),
        _url("pk_tambah", kecamatan) + "?tahun=2022",
        _url("pk_perubahan_buat", kecamatan, 2020),
        _url("pk_ubah", kecamatan, 2021, "murni"),
        _url("pk_ubah", kecamatan, 2021, "perubahan"),
        _url("pk_hapus", kecamatan, 2021, "murni"),
        _url("pk_target_ubah", kecamatan, 2021, "murni"),
        _url("pk_program_ubah", kecamatan, 2021, "perubahan"),
    ]


# --- access ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BOLEH)
def test_halaman_terbuka_untuk_operator_dan_camat(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman(kecamatan_a)] == [200] * 8


@pytest.mark.parametrize("persona", PERSONA_404)
def test_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman(kecamatan_a)] == [404] * 8
    assert [client.post(u).status_code for u in _halaman(kecamatan_a)] == [404] * 8


@pytest.mark.parametrize("persona", PERSONA_403)
def test_peran_baca_saja_403(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman(kecamatan_a)] == [403] * 8
    assert [client.post(u).status_code for u in _halaman(kecamatan_a)] == [403] * 8
    assert PerjanjianKinerja.objects.filter(kecamatan=kecamatan_a).count() == 3


def test_anonim_ke_login(client, data_a, kecamatan_a):
    for u in _halaman(kecamatan_a):
        response = client.get(u)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(u, safe='/')}")


def test_pk_yang_tidak_ada_404(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_url("pk_ubah", kecamatan_a, 2022, "murni")).status_code == 404
    assert client.get(_url("pk_target_ubah", kecamatan_a, 2021, "lain")).status_code == 404
    assert client.get(_url("pk_perubahan_buat", kecamatan_a, 2030)).status_code == 404


def test_tombol_ubah_hanya_untuk_yang_berhak(client, data_a, operator_a, inspektorat, kecamatan_a):
    url = reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021])
    client.force_login(operator_a)
    html = client.get(url).content
    assert bagian(html, "aksi-pk") == "Isi realisasi 2021"
    assert bagian(html, "pk-murni-aksi") == "Ubah dokumen Ubah target Ubah program Hapus"
    assert bagian(html, "pk-perubahan").startswith("PK Perubahan Tanggal 15 September 2021")
    client.force_login(inspektorat)
    html = client.get(url).content
    assert "aksi-pk" not in html.decode()
    assert "pk-murni-aksi" not in html.decode()


def test_tombol_buat_perubahan_bila_belum_ada(client, data_a, camat_a, kecamatan_a):
    client.force_login(camat_a)
    html = client.get(reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2020])).content
    assert bagian(html, "aksi-pk") == "Isi realisasi 2020"
    assert bagian(html, "pk-perubahan-aksi") == "Buat PK Perubahan"


# --- making the PK murni -------------------------------------------------------------------------------


def test_pilih_tahun(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_url("pk_tambah", kecamatan_a)).content.decode()
    pilihan = [o.split('"')[1] for o in html.split("<option value=")[1:]]
    assert pilihan == ["2014", "2015", "2016", "2017", "2018", "2019", "2022", "2023"]
    assert nilai(html, "id_tahun") == ["2022"]


def test_tahun_yang_tidak_boleh_ditolak(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_url("pk_tambah", kecamatan_a) + "?tahun=2021").content
    assert (
        "Tahun 2021 tidak bisa dipilih: PK murninya sudah ada atau tidak ada Renstra yang mencakupnya."
        in teks(html)
    )


def test_form_pk_baru_terisi_dari_pejabat_dan_target_renstra(client, data_a, camat_a, kecamatan_a, kabupaten):
    f.PejabatFactory(
        kecamatan=None,
        kabupaten=kabupaten,
        nama="Ir. ACHMAD HUSEIN",
        jabatan="Bupati Banyumas",
        nip="",
        pangkat="",
    )
    f.TargetFactory(indikator=data_a.s11, tahun=2022, nilai=D("87.5"))
    client.force_login(camat_a)
    html = client.get(_url("pk_tambah", kecamatan_a) + "?tahun=2022").content
    assert nilai(
        html,
        "id_pk-tempat",
        "id_pk-pertama_nama",
        "id_pk-pertama_jabatan",
        "id_pk-pertama_nip",
        "id_pk-pertama_pangkat",
        "id_pk-kedua_nama",
        "id_pk-kedua_jabatan",
        "id_pk-kedua_nip",
    ) == [
        "Ajibarang",
        "PARSONO, S.Sos., M.Si.",
        "Camat Ajibarang",
        "196707011992091001",
        "Pembina Tingkat I",
        "Ir. ACHMAD HUSEIN",
        "Bupati Banyumas",
        "",
    ]
    assert [r[0] for r in tabel(html, "tabel-target")] == [
        "Indikator",
        "T1.1 Nilai SAKIP Kecamatan (nilai)",
        "S1.1 Indeks Kepuasan Masyarakat (%)",
        "S2.1 Persentase pelanggaran perda yang ditindak (%)",
        "S2.2 Jumlah gangguan ketertiban (kasus)",
    ]
    assert nilai(html, "id_target-0-target", "id_target-1-target", "id_target-2-target") == ["", "87,50", ""]


def _data_pk_baru(data_a, target, program):
    urutan = [data_a.t11, data_a.s11, data_a.s21, data_a.s22]
    data = {
        "pk-tanggal": "2022-01-03",
        "pk-tempat": "Ajibarang",
        "pk-pertama_nama": PIHAK_PERTAMA["nama"],
        "pk-pertama_jabatan": PIHAK_PERTAMA["jabatan"],
        "pk-pertama_nip": "19670701 199209 1 001",
        "pk-pertama_pangkat": PIHAK_PERTAMA["pangkat"],
        "pk-kedua_nama": PIHAK_KEDUA["nama"],
        "pk-kedua_jabatan": PIHAK_KEDUA["jabatan"],
        "target-TOTAL_FORMS": "4",
        "target-INITIAL_FORMS": "4",
        "target-MIN_NUM_FORMS": "0",
        "target-MAX_NUM_FORMS": "1000",
        "program-TOTAL_FORMS": "3",
        "program-INITIAL_FORMS": "0",
        "program-MIN_NUM_FORMS": "0",
        "program-MAX_NUM_FORMS": "1000",
    }
    for i, indikator in enumerate(urutan):
        data[f"target-{i}-indikator"] = str(indikator.pk)
        for k, v in target.get(indikator.kode, {}).items():
            data[f"target-{i}-{k}"] = v
    for i, baris in enumerate(program):
        for k, v in baris.items():
            data[f"program-{i}-{k}"] = v
    return data


def test_buat_pk_murni(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    data = _data_pk_baru(
        data_a,
        {"S1.1": {"target": "87,5", "tw1": "80", "tw4": "87,5"}, "T1.1": {"target": "BB (72,10)"}},
        [{"kode": "7.01.01", "nama": "Program Penunjang", "anggaran": "637.343.395", "sumber": "APBD"}],
    )
    response = client.post(_url("pk_tambah", kecamatan_a) + "?tahun=2022", data)
    assert (response.status_code, response.url) == (
        302,
        reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2022]),
    )
    pk = PerjanjianKinerja.objects.get(kecamatan=kecamatan_a, tahun=2022)
    assert (pk.jenis, pk.tanggal, pk.pihak_pertama, pk.pihak_kedua) == (
        "murni",
        date(2022, 1, 3),
        PIHAK_PERTAMA,
        PIHAK_KEDUA,
    )
    assert [
        (b.indikator.kode, b.nilai, b.label, [tw.nilai for tw in b.triwulan.order_by("triwulan")])
        for b in pk.target.order_by("urutan")
    ] == [("T1.1", D("72.1000"), "BB", []), ("S1.1", D("87.5000"), "", [D("80.0000"), D("87.5000")])]
    assert list(pk.program.values_list("kode", "nama", "anggaran", "sumber")) == [
        ("7.01.01", "Program Penunjang", D("637343395.00"), "APBD")
    ]
    html = client.get(response.url).content
    assert teks(html).count("Perjanjian Kinerja 2022 dibuat.") == 1


def test_buat_pk_isian_salah_tidak_menyimpan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    data = _data_pk_baru(
        data_a,
        {"S1.1": {"target": "12,3,4"}},
        [{"nama": "Program Penunjang", "anggaran": "-5.000"}, {"kode": "7.01", "anggaran": "5"}],
    )
    data["pk-pertama_nip"] = "1967"
    response = client.post(_url("pk_tambah", kecamatan_a) + "?tahun=2022", data)
    assert response.status_code == 200
    html = response.content
    assert bagian(html, "id_target-1-target-galat") == (angka_salah("12,3,4"))
    assert bagian(html, "kesalahan") == (
        "Ada isian yang belum benar, jadi belum ada yang disimpan. Periksa isian bertanda merah."
    )
    assert bagian(html, "id_program-0-anggaran-galat") == "Anggaran tidak boleh negatif."
    assert bagian(html, "id_program-1-nama-galat") == "Nama program wajib diisi."
    assert "NIP harus terdiri dari tepat 18 digit angka tanpa spasi." in teks(html)
    assert nilai(html, "id_target-1-target", "id_program-0-anggaran") == ["12,3,4", "-5.000"]
    assert not PerjanjianKinerja.objects.filter(tahun=2022).exists()


def test_buat_pk_indikator_renstra_lain_ditolak(client, data_a, operator_a, kecamatan_a):
    lain = f.IndikatorFactory(sasaran=f.SasaranFactory(tujuan=f.TujuanFactory(renstra=f.RenstraFactory())))
    client.force_login(operator_a)
    data = _data_pk_baru(data_a, {"S1.1": {"target": "80"}}, [])
    data["target-1-indikator"] = str(lain.pk)
    html = client.post(_url("pk_tambah", kecamatan_a) + "?tahun=2022", data).content
    assert (
        bagian(html, "id_target-1-indikator-galat")
        == "Indikator ini bukan bagian dari Renstra yang mencakup tahun PK."
    )
    assert not PerjanjianKinerja.objects.filter(tahun=2022).exists()


# --- perubahan, heading, deletion ------------------------------------------------------------------------


def test_buat_perubahan_perlu_alasan_lalu_menyalin_murni(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("pk_perubahan_buat", kecamatan_a, 2020)
    html = client.get(url).content
    assert nilai(html, "id_pk-tempat", "id_pk-pertama_nama") == ["Ajibarang", ""]
    html = client.post(url, {"pk-alasan": " ", "pk-tanggal": "2020-09-01"}).content
    assert bagian(html, "error_1_id_pk-alasan") == "Alasan perubahan wajib diisi."
    assert not PerjanjianKinerja.objects.filter(tahun=2020, jenis=Jenis.PERUBAHAN).exists()
    response = client.post(
        url, {"pk-alasan": "Refocusing", "pk-tanggal": "2020-09-01", "pk-tempat": "Ajibarang"}
    )
    assert (response.status_code, response.url) == (
        302,
        reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2020]),
    )
    perubahan = PerjanjianKinerja.objects.get(tahun=2020, jenis=Jenis.PERUBAHAN)
    assert (perubahan.alasan, [(b.indikator.kode, b.nilai) for b in perubahan.target.all()]) == (
        "Refocusing",
        [("S1.1", D("85.0000"))],
    )
    assert list(data_a.pk_2020.target.values_list("nilai", flat=True)) == [D("85.0000")]
    html = client.get(response.url).content
    assert "PK Perubahan 2020 dibuat sebagai salinan PK murni. PK murni tidak berubah." in teks(html)
    assert "Alasan perubahan Refocusing" in bagian(html, "pk-perubahan")


def test_perubahan_yang_sudah_ada_diarahkan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.get(_url("pk_perubahan_buat", kecamatan_a, 2021))
    assert (response.status_code, response.url) == (
        302,
        reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021]),
    )


def test_ubah_kepala(client, data_a, camat_a, kecamatan_a):
    client.force_login(camat_a)
    url = _url("pk_ubah", kecamatan_a, 2021, "murni")
    html = client.get(url).content
    assert nilai(html, "id_pk-tanggal", "id_pk-tempat", "id_pk-kedua_nama") == [
        "2021-01-04",
        "Ajibarang",
        "Ir. ACHMAD HUSEIN",
    ]
    assert "id_pk-alasan" not in isian(html)
    response = client.post(
        url, {"pk-tanggal": "05/01/2021", "pk-tempat": "Purwokerto", "pk-pertama_nama": "Camat"}
    )
    assert response.status_code == 302
    data_a.pk_2021_murni.refresh_from_db()
    pk = data_a.pk_2021_murni
    assert (pk.tanggal, pk.tempat, pk.pihak_pertama, pk.pihak_kedua) == (
        date(2021, 1, 5),
        "Purwokerto",
        {"nama": "Camat"},
        None,
    )


def test_ubah_kepala_perubahan_perlu_alasan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("pk_ubah", kecamatan_a, 2021, "perubahan")
    html = client.post(url, {"pk-tanggal": "2021-09-15", "pk-alasan": ""}).content
    assert bagian(html, "error_1_id_pk-alasan") == "Alasan perubahan wajib diisi."


def test_hapus_minta_konfirmasi_lalu_menghapus(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("pk_hapus", kecamatan_a, 2021, "murni")
    html = client.get(url).content
    assert bagian(html, "akibat-hapus") == (
        "Perjanjian Kinerja 2021 Kecamatan Ajibarang akan dihapus bersama 2 baris target "
        "dan 2 baris program. Riwayat setiap target mencatat penghapusan ini. "
        "Realisasi indikator tidak ikut terhapus."
    )
    assert PerjanjianKinerja.objects.filter(pk=data_a.pk_2021_murni.pk).exists()
    response = client.post(url)
    assert (response.status_code, response.url) == (
        302,
        reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021]),
    )
    assert not PerjanjianKinerja.objects.filter(pk=data_a.pk_2021_murni.pk).exists()
    response = client.post(_url("pk_hapus", kecamatan_a, 2020, "murni"))
    assert (response.status_code, response.url) == (302, reverse("kecamatan_detail", args=[kecamatan_a.pk]))


# --- target and program lines --------------------------------------------------------------------------


def _data_target(baris, alasan=""):
    data = {
        "target-TOTAL_FORMS": str(len(baris)),
        "target-INITIAL_FORMS": "2",
        "target-MIN_NUM_FORMS": "0",
        "target-MAX_NUM_FORMS": "1000",
        "alasan": alasan,
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"target-{i}-{k}"] = v
    return data


def test_halaman_target_terisi(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_url("pk_target_ubah", kecamatan_a, 2021, "murni")).content
    baris = tabel(html, "tabel-target")
    assert [r[0] for r in baris[:3]] == [
        "Indikator",
        "S1.1 Indeks Kepuasan Masyarakat (%)",
        "S2.1 Persentase pelanggaran perda yang ditindak (%)",
    ]
    assert (
        baris[3][0]
        == baris[4][0]
        == (
            "— pilih indikator — T1.1 Nilai SAKIP Kecamatan S1.1 Indeks Kepuasan Masyarakat "
            "S2.1 Persentase pelanggaran perda yang ditindak S2.2 Jumlah gangguan ketertiban"
        )
    )
    assert nilai(html, *[f"id_target-0-{k}" for k in ("target", "tw1", "tw2", "tw3", "tw4")]) == [
        "84,00",
        "80,00",
        "82,00",
        "83,00",
        "84,00",
    ]
    assert nilai(html, "id_target-1-target", "id_target-1-tw1", "id_target-2-indikator") == ["100,00", "", ""]


def test_ubah_target_dengan_alasan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("pk_target_ubah", kecamatan_a, 2021, "murni")
    data = _data_target(
        [
            {
                "indikator": str(data_a.s11.pk),
                "target": "85",
                "tw1": "80",
                "tw2": "82",
                "tw3": "83",
                "tw4": "85",
            },
            {"indikator": str(data_a.s21.pk), "target": "100", "DELETE": "on"},
            {"indikator": str(data_a.s22.pk), "target": "<= 5"},
            {"indikator": "", "target": ""},
        ],
        alasan="Penyesuaian",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    murni = data_a.pk_2021_murni
    assert [
        (b.indikator.kode, b.tampil) for b in murni.target.select_related("indikator").order_by("urutan")
    ] == [
        ("S1.1", "85,00"),
        ("S2.2", "≤ 5,00"),
    ]
    assert sorted(
        (h.history_type, h.indikator.kode, h.history_change_reason, h.history_user.username)
        for h in TargetPK.history.filter(perjanjian_id=murni.pk, history_change_reason="Penyesuaian")
    ) == [
        ("+", "S2.2", "Penyesuaian", "operator_a"),
        ("-", "S2.1", "Penyesuaian", "operator_a"),
        ("~", "S1.1", "Penyesuaian", "operator_a"),
    ]


def test_ubah_target_dua_kali_indikator_sama_ditolak(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    data = _data_target(
        [
            {"indikator": str(data_a.s11.pk), "target": "85"},
            {"indikator": str(data_a.s21.pk), "target": "100"},
            {"indikator": str(data_a.s11.pk), "target": "90"},
        ]
    )
    html = client.post(_url("pk_target_ubah", kecamatan_a, 2021, "murni"), data).content
    assert bagian(html, "id_target-2-indikator-galat") == "Indikator ini sudah ada di baris lain PK ini."
    assert list(data_a.pk_2021_murni.target.values_list("nilai", flat=True)) == [D("84.0000"), D("100.0000")]


def test_ubah_program(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("pk_program_ubah", kecamatan_a, 2021, "perubahan")
    html = client.get(url).content
    program = ProgramPK.objects.get(perjanjian=data_a.pk_2021_perubahan)
    assert nilai(html, "id_program-0-id", "id_program-0-nama", "id_program-0-anggaran") == [
        str(program.pk),
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "650.000.000",
    ]
    data = {
        "program-TOTAL_FORMS": "3",
        "program-INITIAL_FORMS": "1",
        "program-MIN_NUM_FORMS": "0",
        "program-MAX_NUM_FORMS": "1000",
        "program-0-id": str(program.pk),
        "program-0-nama": program.nama,
        "program-0-anggaran": "-1",
        "program-1-nama": "Program Baru",
        "program-1-anggaran": "12.725.000",
    }
    html = client.post(url, data).content
    assert bagian(html, "id_program-0-anggaran-galat") == "Anggaran tidak boleh negatif."
    assert ProgramPK.objects.filter(perjanjian=data_a.pk_2021_perubahan).count() == 1
    data["program-0-anggaran"] = "640.000.000"
    data["program-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert list(data_a.pk_2021_perubahan.program.values_list("nama", "anggaran")) == [
        ("Program Baru", D("12725000.00"))
    ]


# --- query counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("jumlah", [1, 3])
def test_halaman_target_jumlah_query_tetap(
    client, operator_a, kecamatan_a, jumlah, django_assert_num_queries
):
    buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(10):
        response = client.get(_url("pk_target_ubah", kecamatan_a, 2021, "perubahan"))
    assert len(tabel(response.content, "tabel-target")) == jumlah + 1 + 2


@pytest.mark.parametrize("jumlah", [1, 3])
def test_halaman_pk_dengan_tombol_jumlah_query_tetap(
    client, operator_a, kecamatan_a, jumlah, django_assert_num_queries
):
    buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    # 8 for the page, 2 for the "target kurang menantang" warnings,
    # 3 for the comparison with the budget.
    with django_assert_num_queries(13):
        response = client.get(reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021]))
    assert bagian(response.content, "pk-murni-aksi") == "Ubah dokumen Ubah target Ubah program Hapus"


def test_halaman_pk_memperingatkan_target_kurang_menantang(client, data_a, operator_a, kecamatan_a):
    """DOMAIN §5.2: the PK 2021 target of S1.1 (84,00; perubahan 85,78) is below its 2020 realisasi."""
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=Decimal("90"))
    client.force_login(operator_a)
    html = client.get(reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021])).content
    assert bagian(html, "peringatan-target") == (
        "Target kurang menantang 2 "
        "S1.1 Indeks Kepuasan Masyarakat: Target PK 2021 (84,00) lebih rendah dari realisasi 2020 (90,00): "
        "target kurang menantang. "
        "S1.1 Indeks Kepuasan Masyarakat: Target PK Perubahan 2021 (85,78) lebih rendah dari realisasi 2020 "
        "(90,00): target kurang menantang."
    )


def test_halaman_pk_tanpa_peringatan_bila_target_menantang(client, data_a, operator_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=Decimal("80"))
    client.force_login(operator_a)
    html = client.get(reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021])).content.decode()
    assert 'id="peringatan-target"' not in html


def test_halaman_pk_membandingkan_program_dengan_anggaran(client, data_a, operator_a, kecamatan_a):
    """Each PK program line next to the budget program of the same name, with the difference."""
    tahun = TahunAnggaranFactory(kecamatan=kecamatan_a, tahun=2021)
    PosAnggaranFactory(
        tahun_anggaran=tahun,
        nama="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        pagu=Decimal("637343000"),
    )
    client.force_login(operator_a)
    html = client.get(reverse("kinerja:pk_detail", args=[kecamatan_a.pk, 2021])).content
    baris_tabel = tabel(html, "tabel-banding-pk-murni")
    assert baris_tabel[1] == [
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "637.343.395,00",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota (cocok nama)",
        "637.343.000,00",
        "395,00",
    ]
    assert baris_tabel[2][2:] == ["tidak ada di anggaran", "-", "-"]
