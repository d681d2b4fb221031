"""kinerja/views/sakip.py: evaluation pages (inspektorat writes, the kecamatan records tindak
lanjut, everyone who can read sees), exact figures and query counts."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from kinerja.models import EvaluasiSakip, KomponenSakip, TindakLanjut
from kinerja.services import sakip as layanan
from tests.conftest import bagian, tabel
from tests.kinerja.test_sakip_services import komponen_88_2021, lhe_2024

pytestmark = pytest.mark.django_db

PERSONA_BACA = ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"]
PERSONA_404 = ["operator_b", "inspektorat_lain"]


@pytest.fixture
def evaluasi(inspektorat, kecamatan_a) -> EvaluasiSakip:
    return lhe_2024(inspektorat, kecamatan_a)


def _url(nama, *args):
    return reverse(f"kinerja:{nama}", args=list(args))


def _baca(kecamatan, evaluasi):
    return [_url("sakip_daftar", kecamatan.pk), _url("sakip_detail", kecamatan.pk, evaluasi.pk)]


def _evaluasi(kecamatan, evaluasi):
    return [
        _url("sakip_tambah", kecamatan.pk),
        _url("sakip_ubah", kecamatan.pk, evaluasi.pk),
        _url("sakip_hapus", kecamatan.pk, evaluasi.pk),
    ]


def _tindak_lanjut(kecamatan, evaluasi):
    rek = evaluasi.rekomendasi.first()
    return [_url("tindak_lanjut_ubah", kecamatan.pk, evaluasi.pk, rek.pk)]


# --- access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BACA)
def test_baca_untuk_semua_yang_boleh_membaca(request, client, kecamatan_a, evaluasi, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _baca(kecamatan_a, evaluasi)] == [200, 200]


def test_evaluasi_hanya_inspektorat(client, inspektorat, kecamatan_a, evaluasi):
    client.force_login(inspektorat)
    assert [client.get(u).status_code for u in _evaluasi(kecamatan_a, evaluasi)] == [200, 200, 200]
    assert client.get(_tindak_lanjut(kecamatan_a, evaluasi)[0]).status_code == 403


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "admin_kabupaten"])
def test_evaluasi_peran_lain_403(request, client, kecamatan_a, evaluasi, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _evaluasi(kecamatan_a, evaluasi)] == [403] * 3
    assert [client.post(u).status_code for u in _evaluasi(kecamatan_a, evaluasi)] == [403] * 3
    assert EvaluasiSakip.objects.count() == 1


@pytest.mark.parametrize("persona", ["operator_a", "camat_a"])
def test_tindak_lanjut_operator_dan_camat(request, client, kecamatan_a, evaluasi, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_tindak_lanjut(kecamatan_a, evaluasi)[0]).status_code == 200


def test_tindak_lanjut_admin_403(client, admin_kabupaten, kecamatan_a, evaluasi):
    client.force_login(admin_kabupaten)
    url = _tindak_lanjut(kecamatan_a, evaluasi)[0]
    assert (client.get(url).status_code, client.post(url).status_code) == (403, 403)


@pytest.mark.parametrize("persona", PERSONA_404)
def test_kecamatan_lain_404(request, client, kecamatan_a, evaluasi, persona):
    client.force_login(request.getfixturevalue(persona))
    semua = (
        _baca(kecamatan_a, evaluasi)
        + _evaluasi(kecamatan_a, evaluasi)
        + _tindak_lanjut(kecamatan_a, evaluasi)
    )
    assert [client.get(u).status_code for u in semua] == [404] * 6
    assert [client.post(u).status_code for u in semua[2:]] == [404] * 4


def test_anonim_ke_login(client, kecamatan_a, evaluasi):
    semua = (
        _baca(kecamatan_a, evaluasi)
        + _evaluasi(kecamatan_a, evaluasi)
        + _tindak_lanjut(kecamatan_a, evaluasi)
    )
    for u in semua:
        response = client.get(u)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(u, safe='/')}")


# --- pages ------------------------------------------------------------------------------------------


def test_halaman_lhe_2024(client, operator_a, kecamatan_a, evaluasi):
    client.force_login(operator_a)
    html = client.get(_url("sakip_detail", kecamatan_a.pk, evaluasi.pk)).content
    assert (bagian(html, "nilai-sakip"), bagian(html, "predikat-sakip")) == ("72,10", "BB · Sangat Baik")
    assert bagian(html, "keterangan-lhe") == (
        "Kecamatan Ajibarang · LHE terbit 2024 · nomor 700/42/LHE/2024 · tanggal 25 Juni 2024"
    )
    assert tabel(html, "tabel-komponen") == [
        ["No", "Komponen", "Bobot", "Nilai", "% bobot"],
        ["1", "Perencanaan Kinerja", "30,00", "22,20", "74,00 %"],
        ["2", "Pengukuran Kinerja", "30,00", "21,60", "72,00 %"],
        ["3", "Pelaporan Kinerja", "15,00", "10,80", "72,00 %"],
        ["4", "Evaluasi Internal", "25,00", "17,50", "70,00 %"],
        ["Nilai akuntabilitas kinerja", "100,00", "72,10", "BB · Sangat Baik"],
    ]
    assert tabel(html, "tabel-skala-sakip")[1:4] == [
        ["> 90", "AA", "Sangat Memuaskan"],
        ["> 80 - ≤ 90", "A", "Memuaskan"],
        ["> 70 - ≤ 80", "BB", "Sangat Baik"],
    ]
    assert tabel(html, "tabel-rekomendasi")[1] == [
        "1",
        "Perencanaan Kinerja",
        "Target kurang menantang pada sasaran strategis.",
        "belum dicatat",
        "-",
        "-",
        "Belum",
        "Isi tindak lanjut",
    ]
    assert b'id="aksi-evaluasi"' not in html


def test_daftar(client, inspektorat, kecamatan_a, evaluasi):
    client.force_login(inspektorat)
    html = client.get(_url("sakip_daftar", kecamatan_a.pk)).content
    assert tabel(html, "tabel-evaluasi")[1:] == [
        ["2024", "2023", "700/42/LHE/2024, 25 Juni 2024", "72,10", "BB · Sangat Baik", "0 / 2"]
    ]


@pytest.mark.parametrize("jumlah", [1, 3])
def test_daftar_jumlah_query_tetap(
    client, inspektorat, operator_a, kecamatan_a, jumlah, django_assert_num_queries
):
    for i in range(jumlah):
        e = layanan.evaluasi_buat(
            user=inspektorat,
            kecamatan=kecamatan_a,
            tahun_evaluasi=2020 + i,
            tahun_dievaluasi=2019 + i,
            komponen=komponen_88_2021("20", "20", "10", "15"),
            rekomendasi=[layanan.IsianRekomendasi("a"), layanan.IsianRekomendasi("b")],
        )
        layanan.tindak_lanjut_simpan(
            user=operator_a, rekomendasi=e.rekomendasi.first(), uraian="x", status="selesai"
        )
    client.force_login(inspektorat)
    # session, user, roles (with their kecamatan/kabupaten, also shown in the navbar), kecamatan;
    # evaluations, components, recommendations
    with django_assert_num_queries(7):
        response = client.get(_url("sakip_daftar", kecamatan_a.pk))
    assert len(tabel(response.content, "tabel-evaluasi")) == 1 + jumlah


def _data_form(**lain):
    data = {
        "tahun_evaluasi": "2024",
        "tahun_dievaluasi": "2023",
        "nomor_surat": "700/42/LHE/2024",
        "tanggal": "2024-06-25",
        "komponen-TOTAL_FORMS": "6",
        "komponen-INITIAL_FORMS": "4",
        "rekomendasi-TOTAL_FORMS": "3",
        "rekomendasi-INITIAL_FORMS": "0",
    }
    baris = [
        ("Perencanaan Kinerja", "30", "22,20"),
        ("Pengukuran Kinerja", "30", "21,60"),
        ("Pelaporan Kinerja", "15", "10,80"),
        ("Evaluasi Internal", "25", "17,50"),
    ]
    for i, (nama, bobot, nilai) in enumerate(baris):
        data |= {f"komponen-{i}-nama": nama, f"komponen-{i}-bobot": bobot, f"komponen-{i}-nilai": nilai}
    data |= {
        "rekomendasi-0-komponen": "Pelaporan Kinerja",
        "rekomendasi-0-uraian": "Sajikan target jangka menengah.",
    }
    return data | lain


def test_form_baru_terisi_komponen_88_2021(client, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(_url("sakip_tambah", kecamatan_a.pk)).content.decode()
    assert 'name="komponen-0-nama" id="id_komponen-0-nama" value="Perencanaan Kinerja"' in html
    assert 'name="komponen-3-bobot" id="id_komponen-3-bobot" value="25"' in html


def test_catat_evaluasi(client, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    response = client.post(_url("sakip_tambah", kecamatan_a.pk), _data_form())
    evaluasi = EvaluasiSakip.objects.get()
    assert response.url == _url("sakip_detail", kecamatan_a.pk, evaluasi.pk)
    assert [str(k.nilai) for k in evaluasi.komponen.all()] == ["22.2000", "21.6000", "10.8000", "17.5000"]
    assert list(evaluasi.rekomendasi.values_list("komponen", "uraian")) == [
        ("Pelaporan Kinerja", "Sajikan target jangka menengah.")
    ]


def test_catat_evaluasi_salah_di_kolomnya(client, inspektorat, kecamatan_a, evaluasi):
    client.force_login(inspektorat)
    response = client.post(
        _url("sakip_tambah", kecamatan_a.pk),
        _data_form(
            **{"komponen-1-nilai": "31", "komponen-2-bobot": "lima belas", "tahun_dievaluasi": "2022"}
        ),
    )
    assert response.status_code == 200
    assert bagian(response.content, "id_komponen-1-nilai-galat") == "Nilai 31,00 melebihi bobot 30,00."
    assert bagian(response.content, "id_komponen-2-bobot-galat") == (
        'Angka tidak valid: "lima belas". Gunakan titik untuk ribuan dan koma untuk desimal, '
        "contoh 1.234.567,89."
    )
    response = client.post(_url("sakip_tambah", kecamatan_a.pk), _data_form())
    assert bagian(response.content, "error_1_id_tahun_dievaluasi") == (
        "Evaluasi atas AKIP 2023 untuk Kecamatan Ajibarang sudah ada."
    )
    assert EvaluasiSakip.objects.count() == 1


def test_ubah_evaluasi(client, inspektorat, kecamatan_a, evaluasi):
    client.force_login(inspektorat)
    html = client.get(_url("sakip_ubah", kecamatan_a.pk, evaluasi.pk)).content.decode()
    assert 'name="komponen-1-nilai" id="id_komponen-1-nilai" value="21,6"' in html
    data = _data_form(**{"komponen-3-nilai": "18", "komponen-INITIAL_FORMS": "4"})
    response = client.post(_url("sakip_ubah", kecamatan_a.pk, evaluasi.pk), data)
    assert response.status_code == 302
    assert KomponenSakip.objects.get(evaluasi=evaluasi, urutan=4).nilai == 18


def test_tindak_lanjut_disimpan(client, operator_a, kecamatan_a, evaluasi):
    client.force_login(operator_a)
    url = _tindak_lanjut(kecamatan_a, evaluasi)[0]
    response = client.post(url, {"uraian": "", "status": "proses"})
    assert bagian(response.content, "error_1_id_uraian") == "Uraian tindak lanjut wajib diisi."
    response = client.post(
        url,
        {"uraian": "Reviu sasaran", "waktu": "Juli 2024", "penanggung_jawab": "Sekcam", "status": "selesai"},
    )
    assert response.url == _url("sakip_detail", kecamatan_a.pk, evaluasi.pk)
    tl = TindakLanjut.objects.get()
    assert (tl.uraian, tl.waktu, tl.penanggung_jawab, tl.status) == (
        "Reviu sasaran",
        "Juli 2024",
        "Sekcam",
        "selesai",
    )


def test_hapus_ditolak_dengan_alasan(client, inspektorat, operator_a, kecamatan_a, evaluasi):
    layanan.tindak_lanjut_simpan(user=operator_a, rekomendasi=evaluasi.rekomendasi.first(), uraian="Sudah")
    client.force_login(inspektorat)
    response = client.post(_url("sakip_hapus", kecamatan_a.pk, evaluasi.pk))
    assert bagian(response.content, "galat") == (
        "LHE SAKIP 2024 (AKIP 2023) tidak dapat dihapus karena masih dipakai oleh 1 tindak lanjut "
        "rekomendasi yang dicatat kecamatan."
    )
    assert EvaluasiSakip.objects.count() == 1


def test_rekomendasi_kecamatan_lain_404(client, operator_a, inspektorat, kecamatan_a, kecamatan_b):
    lain = lhe_2024(inspektorat, kecamatan_b)
    client.force_login(operator_a)
    rek = lain.rekomendasi.first()
    assert client.get(_url("tindak_lanjut_ubah", kecamatan_a.pk, lain.pk, rek.pk)).status_code == 404
