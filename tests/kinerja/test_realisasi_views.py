"""kinerja/views/realisasi.py: the realisasi grid, saved cell by cell (htmx) or all at once."""

from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from kinerja.models import Realisasi
from kinerja.services.realisasi import realisasi_simpan
from tests import factories as f
from tests.conftest import bagian, buat_kecamatan_lengkap, tabel, teks
from tests.kinerja.test_pk_views import isian, nilai

pytestmark = pytest.mark.django_db

Periode = Realisasi.Periode
Status = Realisasi.Status
D = Decimal


def angka_salah(teks: str) -> str:
    contoh = "Gunakan titik untuk ribuan dan koma untuk desimal, contoh 1.234.567,89."
    return f'Angka tidak valid: "{teks}". {contoh}'


HTMX = {"HTTP_HX_REQUEST": "true"}
STATUS = "Final Sementara Belum tersedia"
ALASAN_WAJIB = "Alasan perubahan wajib diisi karena nilai yang sudah tersimpan berubah."


def _grid(kecamatan, tahun=2021):
    return reverse("kinerja:realisasi_grid", args=[kecamatan.pk, tahun])


def _sel(kecamatan, indikator, kolom, tahun=2021):
    return reverse("kinerja:realisasi_sel_simpan", args=[kecamatan.pk, tahun, indikator.pk, kolom])


def _data_baris(indikator, **isi):
    p = f"r{indikator.pk}"
    data = {f"{p}-{k}": "" for k in ("tw1", "tw2", "tw3", "tw4", "tahunan", "keterangan")}
    data[f"{p}-status"] = "final"
    data.update({f"{p}-{k}": v for k, v in isi.items()})
    return data


def _data_grid(data_a, **per_kode):
    """The whole grid as the page sends it: every row as stored, with the given changes."""
    tersimpan = {
        "S1.1": {
            "tw1": "80,10",
            "tw2": "82,50",
            "tw3": "84,00",
            "tw4": "86,48",
            "tahunan": "86,48",
            "keterangan": "Survei semester II",
        },
        "S2.1": {"tahunan": "95", "status": "sementara"},
        "S2.2": {},
    }
    data = {}
    for ind in (data_a.s11, data_a.s21, data_a.s22):
        data.update(
            _data_baris(ind, **{**tersimpan[ind.kode], **per_kode.get(ind.kode.replace(".", ""), {})})
        )
    return data


def _tersimpan(indikator, periode=Periode.TAHUNAN):
    return list(
        Realisasi.objects.filter(indikator=indikator, tahun=2021, periode=periode).values_list(
            "nilai", "label", "status", "keterangan"
        )
    )


# --- access ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator_a", "camat_a"])
def test_grid_terbuka_untuk_operator_dan_camat(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_grid(kecamatan_a)).status_code == 200
    response = client.post(_sel(kecamatan_a, data_a.s22, "tw1"), _data_baris(data_a.s22, tw1="1"), **HTMX)
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat_lain"])
def test_grid_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_grid(kecamatan_a)).status_code == 404
    assert client.post(_grid(kecamatan_a), _data_grid(data_a)).status_code == 404
    assert (
        client.post(
            _sel(kecamatan_a, data_a.s22, "tw1"), _data_baris(data_a.s22, tw1="1"), **HTMX
        ).status_code
        == 404
    )
    assert _tersimpan(data_a.s22, Periode.TW1) == []


@pytest.mark.parametrize("persona", ["inspektorat", "admin_kabupaten"])
def test_grid_peran_baca_saja_403(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_grid(kecamatan_a)).status_code == 403
    assert client.post(_grid(kecamatan_a), _data_grid(data_a, S22={"tw1": "1"})).status_code == 403
    assert (
        client.post(
            _sel(kecamatan_a, data_a.s22, "tw1"), _data_baris(data_a.s22, tw1="1"), **HTMX
        ).status_code
        == 403
    )
    assert _tersimpan(data_a.s22, Periode.TW1) == []


def test_grid_anonim_ke_login(client, data_a, kecamatan_a):
    for url in (_grid(kecamatan_a), _sel(kecamatan_a, data_a.s22, "tw1")):
        response = client.get(url) if url == _grid(kecamatan_a) else client.post(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={quote(url)}")


def test_sel_hanya_post_dan_indikator_pk(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_sel(kecamatan_a, data_a.s22, "tw1")).status_code == 405
    assert client.post(_sel(kecamatan_a, data_a.t11, "tw1"), **HTMX).status_code == 404
    assert client.post(_sel(kecamatan_a, data_a.s22, "tw5"), **HTMX).status_code == 404


def test_tautan_isi_hanya_untuk_yang_berhak(client, data_a, operator_a, inspektorat, kecamatan_a):
    url = reverse("kinerja:realisasi_tahun", args=[kecamatan_a.pk, 2021])
    client.force_login(operator_a)
    assert bagian(client.get(url).content, "aksi-realisasi") == "Isi realisasi 2021"
    client.force_login(inspektorat)
    assert "aksi-realisasi" not in client.get(url).content.decode()


# --- the grid page --------------------------------------------------------------------------------------


def test_grid_satu_baris_per_indikator_pk_efektif(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_grid(kecamatan_a)).content
    assert tabel(html, "tabel-isi-realisasi") == [
        ["Indikator", "Target", "TW I", "TW II", "TW III", "TW IV", "Tahunan", "Status", "Keterangan"],
        ["S1.1 Indeks Kepuasan Masyarakat (%)", "85,78", "", "", "", "", "", STATUS, ""],
        ["S2.1 Persentase pelanggaran perda yang ditindak (%)", "100,00", "", "", "", "", "", STATUS, ""],
        ["S2.2 Jumlah gangguan ketertiban (kasus)", "4,00", "", "", "", "", "", STATUS, ""],
    ]
    s11 = f"id_r{data_a.s11.pk}"
    assert nilai(
        html, *[f"{s11}-{k}" for k in ("tw1", "tw2", "tw3", "tw4", "tahunan", "status", "keterangan")]
    ) == [
        "80,10",
        "82,50",
        "84,00",
        "86,48",
        "86,48",
        "final",
        "Survei semester II",
    ]
    s21 = f"id_r{data_a.s21.pk}"
    assert nilai(html, f"{s21}-tahunan", f"{s21}-status") == ["95,00", "sementara"]
    assert isian(html)[f"{s11}-tw1"]["hx-post"] == _sel(kecamatan_a, data_a.s11, "tw1")


def test_grid_tahunan_turunan_ditampilkan(client, data_a, operator_a, kecamatan_a):
    realisasi_simpan(
        user=operator_a,
        indikator=data_a.s11,
        tahun=2021,
        periode=Periode.TAHUNAN,
        nilai=None,
        status=Status.FINAL,
        keterangan="",
        alasan="Dihitung dari triwulan",
    )
    client.force_login(operator_a)
    html = client.get(_grid(kecamatan_a)).content
    assert bagian(html, f"sel-{data_a.s11.pk}-tahunan") == "86,48 dihitung dari triwulan (nilai terakhir)"
    tahunan = isian(html)[f"id_r{data_a.s11.pk}-tahunan"]
    assert (tahunan["value"], tahunan["placeholder"]) == ("", "86,48")
    assert _tersimpan(data_a.s11) == []


def test_grid_tanpa_pk(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_grid(kecamatan_a, 2022)).content
    assert bagian(html, "tanpa-pk") == (
        "Belum ada Perjanjian Kinerja tahun 2022. Realisasi diisi untuk indikator yang ada di PK. "
        "Buat PK 2022"
    )
    assert f'href="{reverse("kinerja:pk_tambah", args=[kecamatan_a.pk])}?tahun=2022"' in html.decode()
    html = client.get(_grid(kecamatan_a, 2030)).content
    assert bagian(html, "tanpa-pk") == (
        "Belum ada Perjanjian Kinerja tahun 2030. Realisasi diisi untuk indikator yang ada di PK. "
        "Tidak ada Renstra yang mencakup tahun ini."
    )


# --- "Simpan semua" -----------------------------------------------------------------------------------------


def test_simpan_semua_menyimpan_isian_baru(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(
        _grid(kecamatan_a),
        _data_grid(
            data_a, S22={"tw1": "1", "tw2": "BB (72,10)", "tahunan": "3,5", "keterangan": "Data Satpol PP"}
        ),
    )
    assert (response.status_code, response.url) == (302, _grid(kecamatan_a))
    assert _tersimpan(data_a.s22) == [(D("3.5000"), "", "final", "Data Satpol PP")]
    assert _tersimpan(data_a.s22, Periode.TW2) == [(D("72.1000"), "BB", "final", "")]
    assert _tersimpan(data_a.s11) == [(D("86.4800"), "", "final", "Survei semester II")]
    assert Realisasi.history.filter(indikator=data_a.s11).count() == 6
    assert "Realisasi 2021 tersimpan." in teks(client.get(response.url).content)


def test_simpan_semua_perubahan_tanpa_alasan_ditolak(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    data = _data_grid(data_a, S11={"tahunan": "90"}, S22={"tw1": "1"})
    response = client.post(_grid(kecamatan_a), data)
    assert response.status_code == 200
    html = response.content
    assert bagian(html, f"sel-{data_a.s11.pk}-tahunan") == (
        "Nilai tersimpan (86,48) berubah: isi alasan perubahan di bawah tabel."
    )
    assert bagian(html, "error_1_id_alasan") == ALASAN_WAJIB
    assert "Ada isian yang ditolak, jadi belum ada yang disimpan. Perbaiki sel bertanda merah." in teks(html)
    assert nilai(html, f"id_r{data_a.s11.pk}-tahunan", f"id_r{data_a.s22.pk}-tw1") == ["90", "1"]
    assert _tersimpan(data_a.s11) == [(D("86.4800"), "", "final", "Survei semester II")]
    assert _tersimpan(data_a.s22, Periode.TW1) == []

    data["alasan"] = "Hasil survei ulang"
    assert client.post(_grid(kecamatan_a), data).status_code == 302
    assert _tersimpan(data_a.s11) == [(D("90.0000"), "", "final", "Survei semester II")]
    terakhir = Realisasi.history.filter(indikator=data_a.s11, periode=Periode.TAHUNAN).latest("history_id")
    assert (terakhir.history_change_reason, terakhir.history_user.username) == (
        "Hasil survei ulang",
        "operator_a",
    )


def test_simpan_semua_isian_salah_di_sel(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.post(
        _grid(kecamatan_a),
        _data_grid(data_a, S22={"tw3": "12,3,4", "tahunan": "2", "status": "belum_tersedia"}),
    ).content
    assert bagian(html, f"sel-{data_a.s22.pk}-tw3") == (angka_salah("12,3,4"))
    assert bagian(html, f"sel-{data_a.s22.pk}-status") == (
        f"{STATUS} Realisasi yang belum tersedia tidak boleh berisi nilai: kosongkan nilai tahunan."
    )
    assert _tersimpan(data_a.s22) == []


# --- cell by cell (htmx) --------------------------------------------------------------------------------


def test_sel_htmx_menyimpan_dan_mengembalikan_td(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    s22 = data_a.s22
    response = client.post(_sel(kecamatan_a, s22, "tw1"), _data_baris(s22, tw1=" 85,780 "), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<td id="sel-{s22.pk}-tw1" class="sel-tw1">')
    assert html.count("<td") == 2
    assert nilai(html, f"id_r{s22.pk}-tw1") == ["85,78"]
    # The yearly cell follows out of band, with the value derived from the triwulan.
    assert 'hx-swap-oob="true"' in html
    assert bagian(html, f"sel-{s22.pk}-tahunan") == "85,78 dihitung dari triwulan (nilai terakhir)"
    assert _tersimpan(s22, Periode.TW1) == [(D("85.7800"), "", "final", "")]
    terakhir = Realisasi.history.get(indikator=s22, periode=Periode.TW1)
    assert (terakhir.history_type, terakhir.history_user.username) == ("+", "operator_a")


def test_sel_htmx_tanpa_alasan_meminta_alasan(client, data_a, camat_a, kecamatan_a):
    client.force_login(camat_a)
    s11 = data_a.s11
    data = _data_baris(s11, tw4="87")
    response = client.post(_sel(kecamatan_a, s11, "tw4"), data, **HTMX)
    html = response.content.decode()
    assert html.count("<td") == 1
    assert teks(html) == ALASAN_WAJIB
    alasan = isian(html)[f"id_r{s11.pk}-alasan_tw4"]
    assert (alasan["name"], alasan["placeholder"], "autofocus" in alasan) == (
        f"r{s11.pk}-alasan_tw4",
        "Alasan perubahan",
        True,
    )
    assert nilai(html, f"id_r{s11.pk}-tw4") == ["87"]
    assert _tersimpan(s11, Periode.TW4) == [(D("86.4800"), "", "final", "")]

    data[f"r{s11.pk}-alasan_tw4"] = "Data BPS terbaru"
    html = client.post(_sel(kecamatan_a, s11, "tw4"), data, **HTMX).content.decode()
    assert teks(html) == "Alasan dicatat: Data BPS terbaru"
    assert nilai(html, f"id_r{s11.pk}-tw4") == ["87,00"]
    assert f"id_r{s11.pk}-alasan_tw4" not in isian(html)
    assert f'<div class="form-text text-success" id="id_r{s11.pk}-alasan_tw4" tabindex="-1">' in html
    assert _tersimpan(s11, Periode.TW4) == [(D("87.0000"), "", "final", "")]
    terakhir = Realisasi.history.filter(indikator=s11, periode=Periode.TW4).latest("history_id")
    assert (terakhir.history_change_reason, terakhir.history_user.username) == ("Data BPS terbaru", "camat_a")


def test_sel_htmx_isian_salah(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    s22 = data_a.s22
    html = client.post(_sel(kecamatan_a, s22, "tw2"), _data_baris(s22, tw2="12,3,4"), **HTMX).content.decode()
    assert teks(html) == (angka_salah("12,3,4"))
    assert isian(html)[f"id_r{s22.pk}-tw2"]["aria-invalid"] == "true"
    assert _tersimpan(s22, Periode.TW2) == []


def test_sel_htmx_tahunan_status_keterangan_bersama(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    s22 = data_a.s22
    data = _data_baris(s22, tahunan="3", status="belum_tersedia", keterangan="Menunggu")
    html = client.post(_sel(kecamatan_a, s22, "status"), data, **HTMX).content.decode()
    assert [bagian(html, f"sel-{s22.pk}-{k}") for k in ("status", "tahunan", "keterangan")] == [
        f"{STATUS} Realisasi yang belum tersedia tidak boleh berisi nilai: kosongkan nilai tahunan.",
        "",
        "",
    ]
    assert html.strip().startswith(f'<td id="sel-{s22.pk}-status"')
    assert html.count('hx-swap-oob="true"') == 2
    assert _tersimpan(s22) == []

    data[f"r{s22.pk}-tahunan"] = ""
    html = client.post(_sel(kecamatan_a, s22, "status"), data, **HTMX).content.decode()
    assert nilai(html, f"id_r{s22.pk}-status", f"id_r{s22.pk}-keterangan") == ["belum_tersedia", "Menunggu"]
    assert _tersimpan(s22) == [(None, "", "belum_tersedia", "Menunggu")]


def test_sel_tanpa_htmx_kembali_ke_grid(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.post(_sel(kecamatan_a, data_a.s22, "tw1"), _data_baris(data_a.s22, tw1="2"))
    assert (response.status_code, response.url) == (302, _grid(kecamatan_a))
    assert _tersimpan(data_a.s22, Periode.TW1) == [(D("2.0000"), "", "final", "")]


# --- query count ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("jumlah", [1, 3])
def test_grid_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    # session, user, roles (the navbar shows them from the same query), kecamatan; the PK documents,
    # their targets, the Renstra targets of the year, the realisasi of the year and the year before.
    # The warnings (kinerja.peringatan, `_grid`) work from what the grid read: no query of their own.
    with django_assert_num_queries(8):
        response = client.get(_grid(kecamatan_a))
    assert len(tabel(response.content, "tabel-isi-realisasi")) == jumlah + 1


# --- Excel links and warnings on the grid -----------------------------------------------------------------


def test_grid_tautan_excel_dan_peringatan(client, data_a, operator_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s11, tahun=2020, nilai=D("85"))
    client.force_login(operator_a)
    html = client.get(_grid(kecamatan_a)).content
    assert bagian(html, "aksi-excel") == "Unduh templat Excel Unggah Excel"
    assert f'href="{reverse("kinerja:realisasi_excel_unduh", args=[kecamatan_a.pk, 2021])}"' in html.decode()
    assert f'href="{reverse("kinerja:realisasi_excel_unggah", args=[kecamatan_a.pk, 2021])}"' in html.decode()
    assert bagian(html, "peringatan-realisasi") == (
        "Realisasi belum diisi 1 "
        "Indikator berikut belum memiliki nilai realisasi tahunan maupun triwulan. Isi nilainya, atau pilih "
        "status Belum tersedia dan jelaskan sebabnya di Keterangan. S2.2 Jumlah gangguan ketertiban"
    )
    assert bagian(html, "peringatan-target") == (
        "Target kurang menantang 1 S1.1 Indeks Kepuasan Masyarakat: Target PK 2021 (84,00) lebih rendah dari "
        "realisasi 2020 (85,00): target kurang menantang."
    )


def test_grid_tanpa_peringatan(client, data_a, operator_a, kecamatan_a):
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, nilai=D("3"))
    client.force_login(operator_a)
    html = client.get(_grid(kecamatan_a)).content.decode()
    assert "peringatan-realisasi" not in html
    assert "peringatan-target" not in html


def test_grid_tahun_tanpa_pk_menawarkan_excel(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_grid(kecamatan_a, 2022)).content
    assert bagian(html, "excel-tanpa-pk") == (
        "Realisasi tahun tanpa PK (mis. tahun-tahun sebelumnya, untuk perbandingan) dapat diisi untuk semua "
        "indikator Renstra 2019-2023 lewat Excel."
    )
    assert bagian(html, "aksi-excel") == "Unduh templat Excel Unggah Excel"
    assert "aksi-excel" not in client.get(_grid(kecamatan_a, 2030)).content.decode()
