"""kinerja/views/skm.py: the survey pages (persona matrix, exact figures, forms, query counts) and
the public questionnaire (no login, honeypot, rate limit, closed period)."""

import re
from decimal import Decimal
from urllib.parse import quote

import pytest
import segno
from django.urls import reverse

from kinerja.models import ResponSkm, SurveiSkm, UnsurSkm
from kinerja.services import skm as layanan
from tests.conftest import bagian, tabel, teks
from tests.kinerja.test_skm_services import kirim, survei_kuesioner, survei_purwareja

pytestmark = pytest.mark.django_db

D = Decimal
PERSONA_BACA = ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"]
PERSONA_UBAH = ["operator_a", "camat_a"]
PERSONA_404 = ["operator_b", "inspektorat_lain"]
PERSONA_403 = ["inspektorat", "admin_kabupaten"]


@pytest.fixture
def survei(operator_a, kecamatan_a) -> SurveiSkm:
    return survei_purwareja(operator_a, kecamatan_a)


@pytest.fixture
def survei_daring(operator_a, kecamatan_a) -> SurveiSkm:
    return survei_kuesioner(operator_a, kecamatan_a)


def _url(nama, *args):
    return reverse(f"kinerja:{nama}", args=list(args))


def _halaman_baca(kecamatan, survei):
    return [
        _url("skm_daftar", kecamatan.pk),
        _url("skm_detail", kecamatan.pk, survei.pk),
        _url("skm_grafik", kecamatan.pk, survei.pk),
        _url("skm_poster", kecamatan.pk),
    ]


def _halaman_ubah(kecamatan, survei, daring):
    return [
        _url("skm_tambah", kecamatan.pk),
        _url("skm_ubah", kecamatan.pk, survei.pk),
        _url("skm_unsur_ubah", kecamatan.pk, survei.pk),
        _url("skm_hapus", kecamatan.pk, survei.pk),
        _url("skm_tutup", kecamatan.pk, daring.pk),
    ]


# --- access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BACA)
def test_halaman_baca_untuk_yang_boleh_membaca(request, client, kecamatan_a, survei, survei_daring, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman_baca(kecamatan_a, survei)] == [200] * 4


@pytest.mark.parametrize("persona", PERSONA_UBAH)
def test_halaman_ubah_untuk_operator_dan_camat(request, client, kecamatan_a, survei, survei_daring, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(u).status_code for u in _halaman_ubah(kecamatan_a, survei, survei_daring)] == [200] * 5


@pytest.mark.parametrize("persona", PERSONA_404)
def test_kecamatan_lain_404(request, client, kecamatan_a, survei, survei_daring, persona):
    client.force_login(request.getfixturevalue(persona))
    semua = _halaman_baca(kecamatan_a, survei) + _halaman_ubah(kecamatan_a, survei, survei_daring)
    assert [client.get(u).status_code for u in semua] == [404] * 9
    assert client.post(_url("skm_buka", kecamatan_a.pk, survei.pk)).status_code == 404
    assert [client.post(u).status_code for u in _halaman_ubah(kecamatan_a, survei, survei_daring)] == [
        404
    ] * 5


@pytest.mark.parametrize("persona", PERSONA_403)
def test_peran_baca_saja_403(request, client, kecamatan_a, survei, survei_daring, persona):
    client.force_login(request.getfixturevalue(persona))
    halaman = _halaman_ubah(kecamatan_a, survei, survei_daring)
    assert [client.get(u).status_code for u in halaman] == [403] * 5
    assert [client.post(u).status_code for u in halaman] == [403] * 5
    assert client.post(_url("skm_buka", kecamatan_a.pk, survei.pk)).status_code == 403
    assert SurveiSkm.objects.filter(kecamatan=kecamatan_a).count() == 2
    assert SurveiSkm.objects.get(pk=survei_daring.pk).terbuka


def test_anonim_ke_login(client, kecamatan_a, survei, survei_daring):
    semua = _halaman_baca(kecamatan_a, survei) + _halaman_ubah(kecamatan_a, survei, survei_daring)
    for u in semua:
        response = client.get(u)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(u, safe='/')}")


def test_survei_kecamatan_lain_404_dari_kecamatan_sendiri(
    client, operator_b, kecamatan_a, kecamatan_b, survei
):
    client.force_login(operator_b)
    assert client.get(_url("skm_detail", kecamatan_b.pk, survei.pk)).status_code == 404
    assert client.get(_url("skm_ubah", kecamatan_b.pk, survei.pk)).status_code == 404


# --- the survey page ------------------------------------------------------------------------------


def test_halaman_survei_purwareja_klampok(client, inspektorat, kecamatan_a, survei):
    client.force_login(inspektorat)
    html = client.get(_url("skm_detail", kecamatan_a.pk, survei.pk)).content
    assert bagian(html, "nilai-ikm") == "3,400"
    assert bagian(html, "nilai-konversi") == "85,00"
    assert bagian(html, "mutu-skm") == "B · Baik"
    assert tabel(html, "tabel-unsur") == [
        ["Kode", "Unsur pelayanan", "NRR", "Mutu"],
        ["U1", "Persyaratan di bawah rerata", "3,340", "B · Baik"],
        ["U2", "Sistem, Mekanisme, dan Prosedur di bawah rerata", "3,380", "B · Baik"],
        ["U3", "Waktu Penyelesaian di bawah rerata", "3,200", "B · Baik"],
        ["U4", "Biaya/Tarif tertinggi", "3,970", "A · Sangat Baik"],
        ["U5", "Produk Spesifikasi Jenis Pelayanan terendah · di bawah rerata", "3,180", "B · Baik"],
        ["U6", "Kompetensi Pelaksana di bawah rerata", "3,390", "B · Baik"],
        ["U7", "Perilaku Pelaksana di bawah rerata", "3,380", "B · Baik"],
        ["U8", "Penanganan Pengaduan, Saran dan Masukan di bawah rerata", "3,380", "B · Baik"],
        ["U9", "Sarana dan Prasarana di bawah rerata", "3,380", "B · Baik"],
        ["IKM (rata-rata NRR)", "3,400", "B · Baik"],
    ]
    assert tabel(html, "tabel-interval") == [
        ["Interval NRR/IKM", "Interval konversi", "Mutu · kinerja unit"],
        ["≥ 3,5324", "≥ 88,31", "A Sangat Baik"],
        ["3,0644 - < 3,5324", "76,61 - < 88,31", "B Baik"],
        ["2,60 - < 3,0644", "65,00 - < 76,61", "C Kurang Baik"],
        ["< 2,60", "< 65,00", "D Tidak Baik"],
    ]
    assert bagian(html, "analisis-unsur") == (
        "Nilai terendah: Produk Spesifikasi Jenis Pelayanan (3,180) "
        "Nilai tertinggi: Biaya/Tarif (3,970) "
        "Di bawah rata-rata, prioritas perbaikan: Persyaratan, Sistem, Mekanisme, dan Prosedur, Waktu "
        "Penyelesaian, Produk Spesifikasi Jenis Pelayanan, Kompetensi Pelaksana, Perilaku Pelaksana, "
        "Penanganan Pengaduan, Saran dan Masukan, Sarana dan Prasarana"
    )
    assert bagian(html, "daftar-saran") == "Pelayanan ditingkatkan, melayani dengan senyum dan ramah."
    assert "aksi-survei" not in teks(html)  # inspektorat reads only
    assert b'id="aksi-survei"' not in html


def test_grafik_svg(client, operator_a, kecamatan_a, survei):
    client.force_login(operator_a)
    response = client.get(_url("skm_grafik", kecamatan_a.pk, survei.pk))
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert "U5 Produk Spesifikasi Jenis Pelayanan" in svg
    assert "3,180" in svg and "<script" not in svg


def test_daftar_survei_dan_nilai_tahunan(client, operator_a, kecamatan_a, survei):
    s1 = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2023, periode="semester-1")
    s2 = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2023, periode="semester-2")
    layanan.survei_unsur_simpan(
        user=operator_a, survei=s1, unsur=[layanan.IsianUnsur("U1", "", nrr=D("3.4"))]
    )
    layanan.survei_unsur_simpan(
        user=operator_a, survei=s2, unsur=[layanan.IsianUnsur("U1", "", nrr=D("3.5"))]
    )
    client.force_login(operator_a)
    html = client.get(_url("skm_daftar", kecamatan_a.pk)).content
    assert tabel(html, "tabel-survei")[1:] == [
        ["2024", "Tahunan", "PermenPAN-RB 14/2017 (9 unsur)", "-", "3,400", "85,00", "B · Baik", "-"],
        ["Nilai tahun 2024", "3,400", "85,00", "B · Baik", ""],
        ["2023", "Semester I", "PermenPAN-RB 14/2017 (9 unsur)", "-", "3,400", "85,00", "B · Baik", "-"],
        ["Semester II", "PermenPAN-RB 14/2017 (9 unsur)", "-", "3,500", "87,50", "B · Baik", "-"],
        ["Nilai tahun 2023 (rata-rata 2 periode)", "3,450", "86,25", "B · Baik", ""],
    ]


@pytest.mark.parametrize("jumlah", [1, 3])
def test_daftar_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    for i in range(jumlah):
        s = survei_purwareja(operator_a, kecamatan_a, tahun=2020 + i)
        kirim_daring = layanan.survei_buat(
            user=operator_a, kecamatan=kecamatan_a, tahun=2010 + i, periode="triwulan-1"
        )
        assert s.pk and kirim_daring.pk
    client.force_login(operator_a)
    # session, user, roles (with their kecamatan/kabupaten, also shown in the navbar), kecamatan; surveys,
    # unsur, response counts; the link
    with django_assert_num_queries(8):
        response = client.get(_url("skm_daftar", kecamatan_a.pk))
    assert len(tabel(response.content, "tabel-survei")) == 1 + 4 * jumlah


# --- forms -----------------------------------------------------------------------------------------


def test_tambah_survei(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _url("skm_tambah", kecamatan_a.pk),
        {
            "tahun": "2024",
            "periode": "semester-1",
            "versi": "permenpan-rb-14-2017",
            "metode": "Kuesioner daring",
            "responden": "",
            "kritik": "Antrean panjang\n\n",
            "saran": "Tambah kursi\nPapan informasi",
        },
    )
    survei = SurveiSkm.objects.get()
    assert response.url == _url("skm_detail", kecamatan_a.pk, survei.pk)
    assert (survei.tahun, survei.periode, survei.kritik, survei.saran) == (
        2024,
        "semester-1",
        ["Antrean panjang"],
        ["Tambah kursi", "Papan informasi"],
    )
    assert survei.unsur.count() == 9


def test_tambah_survei_salah_pada_isian(client, operator_a, kecamatan_a, survei):
    client.force_login(operator_a)
    response = client.post(
        _url("skm_tambah", kecamatan_a.pk),
        {"tahun": "dua ribu", "periode": "tahunan", "versi": "permenpan-rb-14-2017"},
    )
    assert response.status_code == 200
    assert bagian(response.content, "error_1_id_tahun") == "Tahun harus angka empat digit, mis. 2024."
    response = client.post(
        _url("skm_tambah", kecamatan_a.pk),
        {"tahun": "2024", "periode": "tahunan", "versi": "permenpan-rb-14-2017"},
    )
    assert bagian(response.content, "error_1_id_periode") == "SKM 2024 sudah ada."
    assert SurveiSkm.objects.count() == 1


def _data_unsur(survei, bentuk_nilai: dict[str, dict[str, str]]):
    data = {"unsur-TOTAL_FORMS": "9", "unsur-INITIAL_FORMS": "9"}
    for i, u in enumerate(survei.unsur.all()):
        data[f"unsur-{i}-kode"] = u.kode
        data[f"unsur-{i}-nama"] = u.nama
        for k, v in bentuk_nilai.get(u.kode, {}).items():
            data[f"unsur-{i}-{k}"] = v
    return data


def test_isi_unsur_distribusi(client, operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2020)
    client.force_login(operator_a)
    url = _url("skm_unsur_ubah", kecamatan_a.pk, survei.pk) + "?bentuk=distribusi"
    data = _data_unsur(
        survei, {"U4": {"persen_1": "0", "persen_2": "40 %", "persen_3": "20", "persen_4": "40"}}
    )
    response = client.post(url, data)
    assert response.status_code == 302
    u4 = UnsurSkm.objects.get(survei=survei, kode="U4")
    assert u4.distribusi == (D(0), D(40), D(20), D(40))
    html = client.get(_url("skm_detail", kecamatan_a.pk, survei.pk)).content
    assert (bagian(html, "nilai-ikm"), bagian(html, "nilai-konversi")) == ("3,000", "75,00")


def test_isi_unsur_salah_di_kolomnya_tanpa_menyimpan(client, operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2020)
    client.force_login(operator_a)
    url = _url("skm_unsur_ubah", kecamatan_a.pk, survei.pk) + "?bentuk=distribusi"
    data = _data_unsur(
        survei,
        {
            "U1": {"persen_1": "0", "persen_2": "40", "persen_3": "20", "persen_4": "30"},
            "U2": {"persen_1": "0", "persen_2": "4o", "persen_3": "20", "persen_4": "80"},
        },
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert bagian(response.content, "id_unsur-0-persen_4-galat") == (
        "Jumlah persentase harus 100 (boleh selisih 0,5), bukan 90,00."
    )
    assert bagian(response.content, "id_unsur-1-persen_2-galat") == (
        'Angka tidak valid: "4o". Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89.'
    )
    url = _url("skm_unsur_ubah", kecamatan_a.pk, survei.pk) + "?bentuk=nrr"
    response = client.post(url, _data_unsur(survei, {"U1": {"nrr": "4,5"}}))
    assert bagian(response.content, "id_unsur-0-nrr-galat") == "Harus antara 1 dan 4."
    assert [u.bentuk for u in UnsurSkm.objects.filter(survei=survei)] == [""] * 9


def test_isi_unsur_nrr_dan_isian_awal(client, operator_a, kecamatan_a, survei):
    client.force_login(operator_a)
    html = client.get(_url("skm_unsur_ubah", kecamatan_a.pk, survei.pk)).content.decode()
    assert 'name="unsur-0-nrr" id="id_unsur-0-nrr" value="3,340"' in html
    response = client.post(
        _url("skm_unsur_ubah", kecamatan_a.pk, survei.pk) + "?bentuk=nrr",
        _data_unsur(survei, {f"U{i}": {"nrr": "3,5"} for i in range(1, 10)}),
    )
    assert response.status_code == 302
    assert set(UnsurSkm.objects.filter(survei=survei).values_list("nrr", flat=True)) == {D("3.5")}


def test_buka_dan_tutup_kuesioner(client, operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2025, periode="semester-1")
    client.force_login(operator_a)
    response = client.post(_url("skm_buka", kecamatan_a.pk, survei.pk))
    assert response.url == _url("skm_detail", kecamatan_a.pk, survei.pk)
    survei.refresh_from_db()
    assert survei.terbuka
    html = client.get(_url("skm_detail", kecamatan_a.pk, survei.pk)).content
    token = survei.kecamatan.tautan_kuesioner.token
    assert f"Tautan publik: http://127.0.0.1:8000/kuesioner/{token}/" in bagian(html, "kuesioner-dibuka")
    html = client.get(_url("skm_tutup", kecamatan_a.pk, survei.pk)).content
    assert bagian(html, "akibat-tutup").startswith(
        "Setelah ditutup, tautan dan kode QR kuesioner menolak isian baru"
    )
    client.post(_url("skm_tutup", kecamatan_a.pk, survei.pk))
    survei.refresh_from_db()
    assert not survei.terbuka


def test_buka_ditolak_dengan_alasan(client, operator_a, kecamatan_a, survei):
    client.force_login(operator_a)
    response = client.post(_url("skm_buka", kecamatan_a.pk, survei.pk), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Hasil unsur SKM 2024 sudah diisi manual; kuesioner daring hanya untuk survei yang hasilnya "
        "dihitung dari respon."
    ]


def test_hapus_dengan_konfirmasi(client, operator_a, kecamatan_a, survei, survei_daring):
    client.force_login(operator_a)
    html = client.get(_url("skm_hapus", kecamatan_a.pk, survei.pk)).content
    assert bagian(html, "akibat-hapus") == (
        "SKM 2024 Kecamatan Ajibarang akan dihapus bersama hasil 9 unsurnya. "
        "Tindakan ini tidak dapat dibatalkan."
    )
    response = client.post(_url("skm_hapus", kecamatan_a.pk, survei_daring.pk))
    assert bagian(response.content, "galat") == (
        "Kuesioner daring SKM 2025 Semester I masih dibuka. Tutup kuesioner sebelum menghapus."
    )
    response = client.post(_url("skm_hapus", kecamatan_a.pk, survei.pk))
    assert response.url == _url("skm_daftar", kecamatan_a.pk)
    assert list(SurveiSkm.objects.values_list("pk", flat=True)) == [survei_daring.pk]


def test_poster_berisi_kode_qr_dan_tautan(client, camat_a, kecamatan_a, survei_daring):
    client.force_login(camat_a)
    html = client.get(_url("skm_poster", kecamatan_a.pk)).content.decode()
    token = kecamatan_a.tautan_kuesioner.token
    assert bagian(html, "alamat-kuesioner") == f"http://127.0.0.1:8000/kuesioner/{token}/"
    alamat = f"http://127.0.0.1:8000/kuesioner/{token}/"
    assert f'src="{segno.make(alamat, error="m").svg_data_uri(scale=8, border=2)}"' in html
    assert bagian(html, "poster").startswith(
        "Survei Kepuasan Masyarakat Kecamatan Ajibarang Kabupaten Banyumas"
    )


# --- the public questionnaire ------------------------------------------------------------------------


def _jawaban(**lain):
    data = {f"u{i}": "3" for i in range(1, 10)}
    return data | lain


def test_kuesioner_publik_tanpa_login(client, kecamatan_a, survei_daring):
    url = _url("kuesioner_isi", kecamatan_a.tautan_kuesioner.token)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content
    assert bagian(html, "unit-layanan") == "Kecamatan Ajibarang, Kabupaten Banyumas · SKM 2025 Semester I"
    assert bagian(html, "pertanyaan-u4").startswith(
        "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan? "
        "Sangat mahal Cukup mahal Murah Gratis"
    )
    assert "skm_peramban" in response.cookies and "csrftoken" in response.cookies
    assert client.get(_url("kuesioner_isi", "bukan-token")).status_code == 404


def test_kirim_kuesioner_lalu_batas_peramban(client, kecamatan_a, survei_daring):
    url = _url("kuesioner_isi", kecamatan_a.tautan_kuesioner.token)
    client.get(url)
    response = client.post(url, _jawaban(u4="4", jenis_kelamin="L", usia="30-39", kritik="Cepat"))
    assert response.url == _url("kuesioner_terima_kasih", kecamatan_a.tautan_kuesioner.token)
    respon = ResponSkm.objects.get()
    assert (respon.u1, respon.u4, respon.jenis_kelamin, respon.usia, respon.kritik) == (
        3,
        4,
        "L",
        "30-39",
        "Cepat",
    )
    response = client.post(url, _jawaban())
    assert response.status_code == 429
    assert bagian(response.content, "pesan-ditolak").startswith(
        "Terima kasih, jawaban Anda dari perangkat ini baru saja kami terima."
    )
    assert ResponSkm.objects.count() == 1


def test_kuesioner_belum_lengkap_salah_di_pertanyaan(client, kecamatan_a, survei_daring):
    url = _url("kuesioner_isi", kecamatan_a.tautan_kuesioner.token)
    data = _jawaban()
    del data["u7"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert bagian(response.content, "id_u7-galat") == "Pilih salah satu jawaban untuk pertanyaan ini."
    assert not ResponSkm.objects.exists()


def test_honeypot_tidak_menyimpan(client, kecamatan_a, survei_daring):
    url = _url("kuesioner_isi", kecamatan_a.tautan_kuesioner.token)
    response = client.post(url, _jawaban(situs_web="http://spam.example"))
    assert response.status_code == 302
    assert not ResponSkm.objects.exists()


def test_kuesioner_ditutup_menolak(client, operator_a, kecamatan_a, survei_daring):
    layanan.kuesioner_tutup(user=operator_a, survei=survei_daring)
    url = _url("kuesioner_isi", kecamatan_a.tautan_kuesioner.token)
    assert bagian(client.get(url).content, "survei-ditutup") == layanan.TIDAK_TERBUKA
    response = client.post(url, _jawaban())
    assert bagian(response.content, "survei-ditutup") == layanan.TIDAK_TERBUKA
    assert not ResponSkm.objects.exists()


def test_csrf_wajib(kecamatan_a, survei_daring):
    from django.test import Client

    klien = Client(enforce_csrf_checks=True)
    url = _url("kuesioner_isi", kecamatan_a.tautan_kuesioner.token)
    assert klien.post(url, _jawaban()).status_code == 403
    assert not ResponSkm.objects.exists()


def test_hasil_langsung_untuk_staf(client, operator_a, kecamatan_a, survei_daring):
    kirim(survei_daring, (4,) * 9, peramban="x", saran="Tambah loket")
    kirim(survei_daring, (3,) * 9, peramban="y")
    client.force_login(operator_a)
    html = client.get(_url("skm_detail", kecamatan_a.pk, survei_daring.pk)).content
    assert (bagian(html, "nilai-ikm"), bagian(html, "nilai-konversi"), bagian(html, "mutu-skm")) == (
        "3,500",
        "87,50",
        "B · Baik",
    )
    assert bagian(html, "jumlah-respon") == "2 respon kuesioner daring"
    assert tabel(html, "tabel-unsur")[1] == [
        "U1",
        "Persyaratan jawaban 1/2/3/4: 0/0/1/1",
        "3,500",
        "B · Baik",
    ]
    catatan = bagian(html, "catatan-respon")
    assert re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4} \d{2}\.\d{2} Saran: Tambah loket", catatan), catatan
