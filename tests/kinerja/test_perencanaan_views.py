"""kinerja/views/perencanaan.py: editing the planning data in the browser, the Renstra tree page as
the editing hub, and the indicator page with its history."""

from datetime import datetime
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kinerja.models import AnalisisSasaran, Indikator, Renstra, Sasaran, SdmSasaran, Target, Tujuan
from tests import factories as f
from tests.conftest import WIB, bagian, buat_kecamatan_lengkap, tabel, teks

pytestmark = pytest.mark.django_db

D = Decimal
PERSONA_BOLEH = ["operator_a", "camat_a"]
PERSONA_404 = ["operator_b", "inspektorat_lain"]
PERSONA_403 = ["inspektorat", "admin_kabupaten"]
ANGKA_SALAH = (
    'Angka tidak valid: "12,3,4". Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89.'
)


def _url(nama, kecamatan, *args):
    return reverse(f"kinerja:{nama}", args=[kecamatan.pk, *args])


def _pohon(data_a, kecamatan):
    return _url("renstra_detail", kecamatan, data_a.renstra.pk)


def _halaman_tulis(data_a, kecamatan):
    """Every write page that answers GET (forms and delete confirmations)."""
    s1 = data_a.s11.sasaran
    return [
        _url("renstra_tambah", kecamatan),
        _url("renstra_ubah", kecamatan, data_a.renstra.pk),
        _url("tujuan_tambah", kecamatan, data_a.renstra.pk),
        _url("tujuan_ubah", kecamatan, s1.tujuan_id),
        _url("tujuan_hapus", kecamatan, s1.tujuan_id),
        _url("sasaran_tambah", kecamatan, s1.tujuan_id),
        _url("sasaran_ubah", kecamatan, s1.pk),
        _url("sasaran_hapus", kecamatan, s1.pk),
        _url("indikator_tambah", kecamatan, data_a.renstra.pk) + f"?sasaran={s1.pk}",
        _url("indikator_ubah", kecamatan, data_a.s11.pk),
        _url("indikator_hapus", kecamatan, data_a.s11.pk),
        _url("target_renstra_ubah", kecamatan, data_a.s11.pk),
        _url("analisis_ubah", kecamatan, s1.pk, 2021),
    ]


def _halaman_pindah(data_a, kecamatan):
    return [
        _url("tujuan_pindah", kecamatan, data_a.t11.tujuan_id),
        _url("sasaran_pindah", kecamatan, data_a.s11.sasaran_id),
        _url("indikator_pindah", kecamatan, data_a.s21.pk),
    ]


def _detail(kecamatan, indikator):
    return _url("indikator_detail", kecamatan, indikator.pk)


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _keadaan(kecamatan):
    """What the write views can change, to show that a refusal wrote nothing."""
    return (
        list(Renstra.objects.filter(kecamatan=kecamatan).values_list("tahun_awal", "tahun_akhir", "visi")),
        list(Tujuan.objects.order_by("urutan", "id").values_list("kode", "uraian")),
        list(Sasaran.objects.order_by("urutan", "id").values_list("kode", "uraian", "tujuan_id")),
        list(Indikator.objects.order_by("urutan", "id").values_list("kode", "nama", "target_akhir")),
        list(Target.objects.order_by("indikator_id", "tahun").values_list("indikator_id", "tahun", "nilai")),
        list(SdmSasaran.objects.values_list("sasaran_id", "tahun", "target", "realisasi")),
        AnalisisSasaran.objects.count(),
    )


# --- access ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BOLEH)
def test_halaman_tulis_terbuka_untuk_operator_dan_camat(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman_tulis(data_a, kecamatan_a)] == [200] * 13
    assert [client.post(u, {"arah": "turun"}).status_code for u in _halaman_pindah(data_a, kecamatan_a)] == [
        302
    ] * 3
    assert client.get(_detail(kecamatan_a, data_a.s11)).status_code == 200


@pytest.mark.parametrize("persona", PERSONA_404)
def test_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    semua = [*_halaman_tulis(data_a, kecamatan_a), *_halaman_pindah(data_a, kecamatan_a)]
    sebelum = _keadaan(kecamatan_a)
    assert [client.get(u).status_code for u in _halaman_tulis(data_a, kecamatan_a)] == [404] * 13
    assert [client.post(u, {"arah": "turun"}).status_code for u in semua] == [404] * 16
    assert client.get(_detail(kecamatan_a, data_a.s11)).status_code == 404
    assert _keadaan(kecamatan_a) == sebelum


@pytest.mark.parametrize("persona", PERSONA_403)
def test_peran_baca_saja_403_pada_halaman_tulis(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    semua = [*_halaman_tulis(data_a, kecamatan_a), *_halaman_pindah(data_a, kecamatan_a)]
    sebelum = _keadaan(kecamatan_a)
    assert [client.get(u).status_code for u in _halaman_tulis(data_a, kecamatan_a)] == [403] * 13
    assert [client.post(u, {"arah": "turun"}).status_code for u in semua] == [403] * 16
    assert _keadaan(kecamatan_a) == sebelum
    # Reading stays open.
    assert client.get(_detail(kecamatan_a, data_a.s11)).status_code == 200
    assert client.get(_pohon(data_a, kecamatan_a)).status_code == 200


def test_anonim_ke_login(client, data_a, kecamatan_a):
    for u in [*_halaman_tulis(data_a, kecamatan_a), _detail(kecamatan_a, data_a.s11)]:
        response = client.get(u)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(u, safe='/')}")
    for u in _halaman_pindah(data_a, kecamatan_a):
        response = client.post(u, {"arah": "turun"})
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(u, safe='/')}")


def test_pindah_hanya_post(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert [client.get(u).status_code for u in _halaman_pindah(data_a, kecamatan_a)] == [405] * 3


def test_objek_kecamatan_lain_lewat_url_sendiri_404(client, data_a, operator_b, kecamatan_b):
    """Operator B asks for A's objects under B's own kecamatan id: every one is 404."""
    client.force_login(operator_b)
    semua = [*_halaman_tulis(data_a, kecamatan_b)[1:], *_halaman_pindah(data_a, kecamatan_b)]
    sebelum = _keadaan(data_a.renstra.kecamatan)
    assert [client.get(u).status_code for u in _halaman_tulis(data_a, kecamatan_b)[1:]] == [404] * 12
    assert [client.post(u, {"arah": "turun"}).status_code for u in semua] == [404] * 15
    assert client.get(_detail(kecamatan_b, data_a.s11)).status_code == 404
    assert _keadaan(data_a.renstra.kecamatan) == sebelum


def test_induk_dari_renstra_lain_404(client, data_a, operator_a, kecamatan_a):
    lain = f.SasaranFactory()
    client.force_login(operator_a)
    url = _url("indikator_tambah", kecamatan_a, data_a.renstra.pk)
    assert client.get(f"{url}?sasaran={lain.pk}").status_code == 404
    assert client.get(f"{url}?tujuan=abc").status_code == 404
    assert client.get(_url("analisis_ubah", kecamatan_a, data_a.s11.sasaran_id, 2018)).status_code == 404


# --- the Renstra tree as editing hub ------------------------------------------------------------------


def test_pohon_tombol_hanya_untuk_yang_berhak(client, data_a, operator_a, inspektorat, kecamatan_a):
    s1, s2, t1 = data_a.s11.sasaran, data_a.s21.sasaran, data_a.t11.tujuan
    client.force_login(operator_a)
    html = client.get(_pohon(data_a, kecamatan_a)).content
    assert bagian(html, "aksi-renstra") == "Ubah Renstra Tambah tujuan"
    assert (
        bagian(html, f"aksi-tujuan-{t1.pk}") == "Ubah ↑Naikkan ↓Turunkan Hapus + Sasaran + Indikator tujuan"
    )
    assert bagian(html, f"aksi-sasaran-{s1.pk}") == "Ubah ↑Naikkan ↓Turunkan Hapus + Indikator"
    assert bagian(html, f"analisis-sasaran-{s2.pk}") == "Analisis sasaran: 2019 2020 2021 2022 2023"
    assert tabel(html, "indikator-sasaran-S2")[0][-1] == "Ubah"
    assert tabel(html, "indikator-sasaran-S2")[2][-1] == "Atribut Target ↑Naikkan ↓Turunkan ×Hapus"
    # The first tujuan cannot go up, the last sasaran cannot go down.
    assert 'title="Naikkan tujuan T1" disabled' in html.decode()
    assert 'title="Turunkan sasaran S2" disabled' in html.decode()
    client.force_login(inspektorat)
    html = client.get(_pohon(data_a, kecamatan_a)).content
    for id_elemen in (
        "aksi-renstra",
        f"aksi-tujuan-{t1.pk}",
        f"aksi-sasaran-{s1.pk}",
        f"analisis-sasaran-{s1.pk}",
    ):
        assert f'id="{id_elemen}"' not in html.decode()
    # Readers see the table as before the editing hub existed.
    assert tabel(html, "indikator-sasaran-S2") == [
        [
            "Kode",
            "Indikator",
            "Satuan",
            "Arah",
            "IKU",
            "2019",
            "2020",
            "2021",
            "2022",
            "2023",
            "Target akhir",
            "Riwayat",
        ],
        [
            "S2.1",
            "Persentase pelanggaran perda yang ditindak",
            "%",
            "Naik",
            "",
            "-",
            "-",
            "100,00",
            "-",
            "-",
            "-",
            "riwayat",
        ],
        [
            "S2.2",
            "Jumlah gangguan ketertiban",
            "kasus",
            "Turun",
            "",
            "-",
            "-",
            "6,00",
            "-",
            "-",
            "-",
            "riwayat",
        ],
    ]


@pytest.mark.parametrize("jumlah", [1, 3])
def test_pohon_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    renstra = buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(12):
        response = client.get(_url("renstra_detail", kecamatan_a, renstra.pk))
    assert teks(response.content).count("Atribut Target") == jumlah + 1


# --- Renstra --------------------------------------------------------------------------------------------


def test_renstra_tambah(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _url("renstra_tambah", kecamatan_a),
        {
            "tahun_awal": "2024",
            "tahun_akhir": "2026",
            "dasar": "RPD 2024-2026",
            "visi": "Visi",
            "misi": "Misi A\nMisi B",
            "misi_didukung": "2",
        },
    )
    renstra = Renstra.objects.get(kecamatan=kecamatan_a)
    assert (response.status_code, response.url) == (302, _url("renstra_detail", kecamatan_a, renstra.pk))
    assert _pesan(response) == ["Renstra 2024-2026 dibuat. Tambahkan tujuan, sasaran dan indikatornya."]
    assert (renstra.misi, renstra.misi_didukung) == (["Misi A", "Misi B"], [2])


def test_renstra_isian_salah_tidak_disimpan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    sebelum = _keadaan(kecamatan_a)
    response = client.post(
        _url("renstra_ubah", kecamatan_a, data_a.renstra.pk),
        {"tahun_awal": "2023", "tahun_akhir": "2019", "visi": "Baru", "misi": "A", "misi_didukung": "2"},
    )
    assert response.status_code == 200
    assert bagian(response.content, "error_1_id_tahun_akhir") == "Tahun akhir tidak boleh sebelum tahun awal."
    assert bagian(response.content, "error_1_id_misi_didukung") == (
        "Misi nomor 2 tidak ada: Renstra ini hanya memiliki 1 misi."
    )
    assert _keadaan(kecamatan_a) == sebelum


def test_renstra_penolakan_layanan_di_field(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_url("renstra_tambah", kecamatan_a), {"tahun_awal": "2019", "tahun_akhir": "2023"})
    assert response.status_code == 200
    assert (
        bagian(response.content, "error_1_id_tahun_awal")
        == "Renstra 2019–2023 sudah ada untuk kecamatan ini."
    )
    assert Renstra.objects.count() == 1


def test_renstra_ubah_isian_awal(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _url("renstra_ubah", kecamatan_a, data_a.renstra.pk),
        {
            "tahun_awal": "2019",
            "tahun_akhir": "2023",
            "visi": "Visi baru",
            "misi": "A\nB",
            "misi_didukung": "1",
        },
    )
    assert (response.status_code, response.url) == (302, _pohon(data_a, kecamatan_a))
    data_a.renstra.refresh_from_db()
    assert (data_a.renstra.visi, data_a.renstra.misi, data_a.renstra.misi_didukung) == (
        "Visi baru",
        ["A", "B"],
        [1],
    )


# --- tujuan and sasaran ---------------------------------------------------------------------------------


def test_tujuan_tambah_dan_ubah(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _url("tujuan_tambah", kecamatan_a, data_a.renstra.pk), {"kode": "T2", "uraian": "Baru"}
    )
    t2 = Tujuan.objects.get(kode="T2")
    assert (response.status_code, response.url) == (302, f"{_pohon(data_a, kecamatan_a)}#tujuan-{t2.pk}")
    assert _pesan(response) == ["Tujuan T2 disimpan."]
    response = client.post(_url("tujuan_ubah", kecamatan_a, t2.pk), {"kode": "T1", "uraian": "Baru"})
    assert bagian(response.content, "error_1_id_kode") == 'Kode "T1" sudah dipakai di Renstra ini.'
    assert Tujuan.objects.get(pk=t2.pk).kode == "T2"


def test_sasaran_ubah_dengan_sdm(client, data_a, operator_a, kecamatan_a):
    s1 = data_a.s11.sasaran
    client.force_login(operator_a)
    html = client.get(_url("sasaran_ubah", kecamatan_a, s1.pk)).content
    assert tabel(html, "tabel-sdm")[0] == ["Tahun", "Target", "Realisasi", "Keterangan"]
    assert 'name="sdm_target_2021" id="id_sdm_target_2021" value="12"' in html.decode()
    response = client.post(
        _url("sasaran_ubah", kecamatan_a, s1.pk),
        {
            "tujuan": s1.tujuan_id,
            "kode": "S1",
            "uraian": "Meningkatnya kepuasan masyarakat",
            "strategi": "Strategi 1\nStrategi 2",
            "kebijakan": "Kebijakan 1",
            "sdm_target_2021": "12",
            "sdm_realisasi_2021": "12",
            "sdm_target_2022": "13",
            "sdm_realisasi_2022": "10",
            "sdm_keterangan_2022": "2 pensiun",
        },
    )
    assert (response.status_code, response.url) == (302, f"{_pohon(data_a, kecamatan_a)}#sasaran-{s1.pk}")
    s1.refresh_from_db()
    assert (s1.strategi, s1.kebijakan) == (["Strategi 1", "Strategi 2"], ["Kebijakan 1"])
    assert list(
        SdmSasaran.objects.filter(sasaran=s1).values_list("tahun", "target", "realisasi", "keterangan")
    ) == [
        (2021, 12, 12, ""),
        (2022, 13, 10, "2 pensiun"),
    ]


def test_sasaran_isian_salah_tidak_disimpan(client, data_a, operator_a, kecamatan_a):
    s1 = data_a.s11.sasaran
    client.force_login(operator_a)
    sebelum = _keadaan(kecamatan_a)
    response = client.post(
        _url("sasaran_tambah", kecamatan_a, s1.tujuan_id),
        {
            "tujuan": s1.tujuan_id,
            "kode": "S3",
            "uraian": "x",
            "sdm_target_2021": "12,3,4",
            "sdm_realisasi_2021": "1",
        },
    )
    assert response.status_code == 200
    assert bagian(response.content, "id_sdm_target_2021-galat") == ANGKA_SALAH
    assert _keadaan(kecamatan_a) == sebelum


# --- indicators -----------------------------------------------------------------------------------------


def _isian_indikator(data_a, **ubah):
    return {
        "induk": f"sasaran:{data_a.s21.sasaran_id}",
        "kode": "S2.3",
        "nama": "Jumlah warga terlayani",
        "satuan": "orang",
        "arah": "naik",
        "sumber_realisasi": "isian",
        "target_akhir": "1.250",
        "penanggung_jawab": "Seksi Trantib",
    } | ubah


def test_indikator_tambah_induk_terpilih(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("indikator_tambah", kecamatan_a, data_a.renstra.pk)
    html = client.get(f"{url}?sasaran={data_a.s21.sasaran_id}").content.decode()
    assert f'<option value="sasaran:{data_a.s21.sasaran_id}" selected>' in html
    html = client.get(f"{url}?tujuan={data_a.t11.tujuan_id}").content.decode()
    assert f'<option value="tujuan:{data_a.t11.tujuan_id}" selected>' in html


def test_indikator_tambah(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_url("indikator_tambah", kecamatan_a, data_a.renstra.pk), _isian_indikator(data_a))
    indikator = Indikator.objects.get(kode="S2.3")
    assert (response.status_code, response.url) == (
        302,
        f"{_pohon(data_a, kecamatan_a)}#indikator-{indikator.pk}",
    )
    assert _pesan(response) == ["Indikator S2.3 disimpan."]
    assert (indikator.sasaran, indikator.satuan, indikator.target_akhir, indikator.penanggung_jawab) == (
        data_a.s21.sasaran,
        "orang",
        D("1250"),
        "Seksi Trantib",
    )
    assert indikator.history.get().history_user == operator_a


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"target_akhir": "12,3,4"}, "target_akhir", ANGKA_SALAH),
        ({"kode": "S1.1"}, "kode", 'Kode "S1.1" sudah dipakai di Renstra ini.'),
        (
            {"iku": "on", "target_akhir": ""},
            "target_akhir",
            "Indikator IKU wajib memiliki target akhir Renstra.",
        ),
        ({"target_akhir": "-3"}, "target_akhir", 'Target untuk satuan "orang" tidak boleh negatif.'),
        (
            {"satuan": "Orang", "target_akhir": "-3"},
            "target_akhir",
            'Target untuk satuan "Orang" tidak boleh negatif.',
        ),
    ],
)
def test_indikator_isian_salah_di_field_tidak_disimpan(
    client, data_a, operator_a, kecamatan_a, ubah, field, pesan
):
    client.force_login(operator_a)
    sebelum = _keadaan(kecamatan_a)
    response = client.post(
        _url("indikator_tambah", kecamatan_a, data_a.renstra.pk), _isian_indikator(data_a, **ubah)
    )
    assert response.status_code == 200
    assert bagian(response.content, f"error_1_id_{field}") == pesan
    assert bagian(response.content, "kesalahan") == "Belum disimpan: perbaiki isian yang ditandai merah."
    assert _keadaan(kecamatan_a) == sebelum


def test_indikator_ubah_kembali_ke_halaman_indikator(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("indikator_ubah", kecamatan_a, data_a.s21.pk)
    html = client.get(f"{url}?kembali=detail").content.decode()
    assert '<input type="hidden" name="kembali" value="detail">' in html
    response = client.post(
        url,
        _isian_indikator(
            data_a, kode="S2.1", satuan="%", nama="Persentase perda ditegakkan", kembali="detail"
        ),
    )
    assert (response.status_code, response.url) == (302, _detail(kecamatan_a, data_a.s21))
    data_a.s21.refresh_from_db()
    assert (data_a.s21.nama, data_a.s21.history.latest().history_change_reason) == (
        "Persentase perda ditegakkan",
        "Diubah lewat formulir",
    )


def test_target_renstra_ubah(client, data_a, operator_a, kecamatan_a):
    s11 = data_a.s11
    client.force_login(operator_a)
    url = _url("target_renstra_ubah", kecamatan_a, s11.pk)
    html = client.get(url).content.decode()
    assert 'name="target_2020" value="85,78"' in html
    response = client.post(
        url,
        {
            "target_2020": "",
            "target_2021": "86",
            "target_2022": "87,5",
            "target_akhir": "88",
            "alasan": "Reviu Renstra",
        },
    )
    assert (response.status_code, response.url) == (302, f"{_pohon(data_a, kecamatan_a)}#indikator-{s11.pk}")
    assert _pesan(response) == ["Target Renstra indikator S1.1 disimpan."]
    assert list(Target.objects.filter(indikator=s11).values_list("tahun", "nilai")) == [
        (2021, D("86")),
        (2022, D("87.5")),
    ]
    assert list(
        Target.history.filter(indikator_id=s11.pk, history_user=operator_a)
        .order_by("tahun")
        .values_list("tahun", "history_type", "history_change_reason")
    ) == [(2020, "-", "Reviu Renstra"), (2022, "+", "Reviu Renstra")]


def test_target_renstra_isian_salah_tidak_disimpan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    sebelum = _keadaan(kecamatan_a)
    response = client.post(
        _url("target_renstra_ubah", kecamatan_a, data_a.s11.pk),
        {"target_2021": "12,3,4", "target_2022": "90", "target_akhir": ""},
    )
    assert response.status_code == 200
    assert bagian(response.content, "error_1_id_target_2021") == ANGKA_SALAH
    assert (
        bagian(response.content, "error_1_id_target_akhir")
        == "Indikator IKU wajib memiliki target akhir Renstra."
    )
    assert _keadaan(kecamatan_a) == sebelum


# --- analysis -------------------------------------------------------------------------------------------


def test_analisis_ubah(client, data_a, operator_a, kecamatan_a):
    s1 = data_a.s11.sasaran
    client.force_login(operator_a)
    url = _url("analisis_ubah", kecamatan_a, s1.pk, 2021)
    assert bagian(client.get(url).content, "tahun-analisis") == "2019 2020 2021 2022 2023"
    response = client.post(
        url, {"pendukung": "Dukungan desa\nRelawan", "penghambat": "Anggaran", "catatan": "x"}
    )
    assert (response.status_code, response.url) == (302, f"{_pohon(data_a, kecamatan_a)}#sasaran-{s1.pk}")
    assert _pesan(response) == ["Analisis sasaran S1 tahun 2021 disimpan."]
    analisis = AnalisisSasaran.objects.get(sasaran=s1, tahun=2021)
    assert (analisis.pendukung, analisis.penghambat, analisis.solusi, analisis.catatan) == (
        ["Dukungan desa", "Relawan"],
        ["Anggaran"],
        [],
        "x",
    )
    html = client.get(url).content.decode()
    assert "Dukungan desa\nRelawan</textarea>" in html


# --- order ----------------------------------------------------------------------------------------------


def test_indikator_pindah(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_url("indikator_pindah", kecamatan_a, data_a.s22.pk), {"arah": "naik"})
    assert (response.status_code, response.url) == (
        302,
        f"{_pohon(data_a, kecamatan_a)}#indikator-{data_a.s22.pk}",
    )
    assert _pesan(response) == ["Indikator S2.2 dinaikkan."]
    client.get(response.url)
    assert list(
        Indikator.objects.filter(sasaran=data_a.s21.sasaran).order_by("urutan").values_list("kode", flat=True)
    ) == [
        "S2.2",
        "S2.1",
    ]
    response = client.post(_url("indikator_pindah", kecamatan_a, data_a.s22.pk), {"arah": "naik"})
    assert _pesan(response) == ["Indikator S2.2 sudah paling atas."]


def test_sasaran_dan_tujuan_pindah(client, data_a, operator_a, kecamatan_a):
    t2 = f.TujuanFactory(renstra=data_a.renstra, kode="T2", urutan=5)
    client.force_login(operator_a)
    response = client.post(_url("sasaran_pindah", kecamatan_a, data_a.s21.sasaran_id), {"arah": "naik"})
    assert _pesan(response) == ["Sasaran S2 dinaikkan."]
    client.get(response.url)
    response = client.post(_url("tujuan_pindah", kecamatan_a, t2.pk), {"arah": "naik"})
    assert (response.url, _pesan(response)) == (
        f"{_pohon(data_a, kecamatan_a)}#tujuan-{t2.pk}",
        ["Tujuan T2 dinaikkan."],
    )
    html = client.get(_pohon(data_a, kecamatan_a)).content
    assert [b for b in teks(html).split() if b in ("T1:", "T2:", "S1:", "S2:")] == [
        "T2:",
        "T1:",
        "S2:",
        "S1:",
    ]
    response = client.post(_url("tujuan_pindah", kecamatan_a, t2.pk), {"arah": "kiri"})
    assert _pesan(response) == ['Arah harus "naik" atau "turun".']


# --- deleting -------------------------------------------------------------------------------------------


def test_hapus_indikator_minta_konfirmasi(client, data_a, operator_a, kecamatan_a):
    indikator = f.IndikatorFactory(sasaran=data_a.s11.sasaran, kode="S1.2", nama="Jumlah pengaduan")
    f.TargetFactory(indikator=indikator, tahun=2022)
    client.force_login(operator_a)
    url = _url("indikator_hapus", kecamatan_a, indikator.pk)
    html = client.get(url).content
    assert bagian(html, "judul-hapus") == "Hapus indikator S1.2 Jumlah pengaduan?"
    assert (
        bagian(html, "akibat-hapus") == "1 target Renstra ikut terhapus; riwayatnya mencatat penghapusan ini."
    )
    assert bagian(html, "peringatan-hapus") == "Tindakan ini tidak dapat dibatalkan."
    assert Indikator.objects.filter(pk=indikator.pk).exists()
    response = client.post(url)
    assert (response.status_code, response.url) == (
        302,
        f"{_pohon(data_a, kecamatan_a)}#sasaran-{data_a.s11.sasaran_id}",
    )
    assert _pesan(response) == ["Indikator S1.2 dihapus."]
    assert not Indikator.objects.filter(pk=indikator.pk).exists()


def test_hapus_indikator_yang_dipakai_ditolak(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = _url("indikator_hapus", kecamatan_a, data_a.s11.pk)
    alasan = "Indikator S1.1 tidak dapat dihapus karena masih dipakai oleh 3 target PK dan 5 realisasi."
    html = client.get(url).content
    assert bagian(html, "galat") == alasan
    assert 'type="submit"' not in html.decode().split("<main")[1]
    sebelum = _keadaan(kecamatan_a)
    response = client.post(url)
    assert response.status_code == 200
    assert bagian(response.content, "galat") == alasan
    assert _keadaan(kecamatan_a) == sebelum


def test_hapus_tujuan_dan_sasaran(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_url("tujuan_hapus", kecamatan_a, data_a.t11.tujuan_id))
    assert bagian(response.content, "galat") == (
        "Tujuan T1 tidak dapat dihapus karena masih memiliki 2 sasaran dan 1 indikator."
    )
    response = client.post(_url("sasaran_hapus", kecamatan_a, data_a.s11.sasaran_id))
    assert (
        bagian(response.content, "galat")
        == "Sasaran S1 tidak dapat dihapus karena masih memiliki 1 indikator."
    )
    s9 = f.SasaranFactory(tujuan=data_a.t11.tujuan, kode="S9", uraian="Sasaran kosong")
    html = client.get(_url("sasaran_hapus", kecamatan_a, s9.pk)).content
    assert bagian(html, "judul-hapus") == "Hapus sasaran S9 Sasaran kosong?"
    assert bagian(html, "akibat-hapus") == "Data SDM dan analisis per tahun sasaran ini ikut terhapus."
    response = client.post(_url("sasaran_hapus", kecamatan_a, s9.pk))
    assert (response.status_code, _pesan(response)) == (302, ["Sasaran S9 dihapus."])
    assert list(Sasaran.objects.order_by("urutan").values_list("kode", flat=True)) == ["S1", "S2"]


# --- the indicator page ---------------------------------------------------------------------------------


def test_halaman_indikator(client, data_a, operator_a, kecamatan_a):
    s11 = data_a.s11
    s11.definisi = "Hasil survei kepuasan"
    s11.save()
    client.force_login(operator_a)
    html = client.get(_detail(kecamatan_a, s11)).content
    assert bagian(html, "nama-indikator") == "Indeks Kepuasan Masyarakat"
    assert bagian(html, "aksi-indikator") == "Ubah indikator Ubah target Renstra Hapus"
    assert bagian(html, "atribut-indikator") == (
        "Satuan % Arah Naik (makin tinggi makin baik) Perhitungan Non kumulatif IKU Ya "
        "Sumber realisasi Diisi / diimpor Target akhir Renstra 88,00 "
        "Definisi operasional Hasil survei kepuasan "
        "Formulasi - Sumber data - Penanggung jawab -"
    )
    assert tabel(html, "tabel-tahun") == [
        ["Tahun", "Target Renstra", "Realisasi", "Keterangan"],
        ["2019", "-", "-", ""],
        ["2020", "85,78", "-", ""],
        ["2021", "86,00", "86,48", "Final"],
        ["2022", "-", "-", ""],
        ["2023", "-", "-", ""],
    ]


def test_halaman_indikator_realisasi_dari_triwulan_dan_sebelum_periode(
    client, data_a, operator_a, kecamatan_a
):
    s21 = data_a.s21
    s21.kumulatif = True
    s21.save()
    for periode, nilai in (("tw1", "10"), ("tw2", "12.5")):
        f.RealisasiFactory(indikator=s21, tahun=2022, periode=periode, nilai=D(nilai))
    f.RealisasiFactory(indikator=s21, tahun=2017, nilai=None, status="belum_tersedia")
    f.TargetFactory(indikator=s21, tahun=2018, nilai=D("80"), pembanding=">=")
    client.force_login(operator_a)
    rows = tabel(client.get(_detail(kecamatan_a, s21)).content, "tabel-tahun")
    assert rows[1:] == [
        ["2017", "-", "Belum tersedia", "Sebelum periode Renstra; belum tersedia"],
        ["2018", "≥ 80,00", "-", "Sebelum periode Renstra"],
        ["2019", "-", "-", ""],
        ["2020", "-", "-", ""],
        ["2021", "100,00", "95,00", "Sementara"],
        ["2022", "-", "22,50", "Dari triwulan"],
        ["2023", "-", "-", ""],
    ]


def test_halaman_indikator_riwayat_terbaru_di_atas(client, data_a, operator_a, inspektorat, kecamatan_a):
    client.force_login(operator_a)
    client.post(
        _url("target_renstra_ubah", kecamatan_a, data_a.s11.pk),
        {"target_2020": "85,78", "target_2021": "87", "target_akhir": "88", "alasan": "Reviu Renstra"},
    )
    client.force_login(inspektorat)
    html = client.get(_detail(kecamatan_a, data_a.s11)).content
    assert "aksi-indikator" not in html.decode()
    rows = tabel(html, "tabel-riwayat")
    assert rows[0] == ["Waktu", "Oleh", "Data", "Jenis", "Perubahan", "Alasan"]
    assert rows[1][1:] == ["operator_a", "target 2021", "~ diubah", "nilai: 86,00 → 87,00", "Reviu Renstra"]
    assert rows[-2] == [
        "10 Januari 2022 09.30",
        "operator_a",
        "realisasi 2021",
        "~ diubah",
        "nilai: 80,00 → 86,48",
        "Koreksi hasil survei",
    ]
    assert rows[-1][:4] == ["5 Januari 2022 08.00", "sistem", "realisasi 2021", "+ dibuat"]
    jumlah = len(rows) - 1
    assert bagian(html, "jumlah-riwayat") == f"{jumlah} catatan perubahan, terbaru di atas."


def test_halaman_indikator_riwayat_berhalaman(client, data_a, operator_a, kecamatan_a):
    s22 = data_a.s22
    target = Target.objects.get(indikator=s22, tahun=2021)
    for i in range(25):
        target.nilai = D(10 + i)
        target._change_reason = f"ubah {i}"
        target._history_date = datetime(2099, 1, 1, 8, i, tzinfo=WIB)
        target.save()
    client.force_login(operator_a)
    html = client.get(_detail(kecamatan_a, s22)).content
    # Created: the indicator, its 2021 target and its PK perubahan line; then 25 changes.
    assert bagian(html, "jumlah-riwayat") == "28 catatan perubahan, terbaru di atas."
    rows = tabel(html, "tabel-riwayat")
    assert len(rows) == 1 + 20
    assert rows[1] == [
        "1 Januari 2099 08.24",
        "sistem",
        "target 2021",
        "~ diubah",
        "nilai: 33,00 → 34,00",
        "ubah 24",
    ]
    halaman_2 = client.get(_detail(kecamatan_a, s22) + "?halaman=2").content
    assert len(tabel(halaman_2, "tabel-riwayat")) == 1 + 8


@pytest.mark.parametrize("jumlah", [1, 3])
def test_halaman_indikator_jumlah_query_tetap(
    client, operator_a, kecamatan_a, jumlah, django_assert_num_queries
):
    renstra = buat_kecamatan_lengkap(kecamatan_a, jumlah)
    indikator = Indikator.objects.filter(renstra=renstra, sasaran__isnull=False).first()
    client.force_login(operator_a)
    with django_assert_num_queries(13):
        response = client.get(_detail(kecamatan_a, indikator))
    assert len(tabel(response.content, "tabel-tahun")) == 6


def test_target_renstra_kurang_menantang_diperingatkan(client, data_a, operator_a, kecamatan_a):
    """DOMAIN §5.2: saving a 2021 target below the 2020 realisasi warns, and the page says so."""
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=Decimal("90"))
    client.force_login(operator_a)
    url = _url("target_renstra_ubah", kecamatan_a, data_a.s11.pk)
    response = client.post(url, {"target_2020": "85,78", "target_2021": "87", "target_akhir": "88"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Target Renstra indikator S1.1 disimpan.",
        "Target kurang menantang: Target Renstra 2021 (87,00) lebih rendah dari realisasi 2020 (90,00): "
        "target kurang menantang.",
    ]
    assert "Target Renstra 2021 (87,00) lebih rendah" in bagian(client.get(url).content, "peringatan-target")
