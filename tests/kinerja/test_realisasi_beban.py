"""What the load test (bench/beban.py, issue 9) showed on the data-entry pages, fixed: the grid's
warnings work from what the realisasi grid read (kinerja.peringatan `_grid` variants,
selectors.realisasi_grid(dengan_pembanding=True)), a saved cell re-reads only its row, the cells
are drawn from strings worked out once (kinerja.forms.realisasi.sel_tampil), and base.html shows
the roles the permission rules already read."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.forms.realisasi import KOLOM, BarisRealisasiForm, _versi_html
from kinerja.models import Indikator, Realisasi, SumberRealisasi
from kinerja.peringatan import (
    SumberTarget,
    realisasi_belum_diisi,
    realisasi_belum_diisi_grid,
    target_kurang_menantang,
    target_kurang_menantang_grid,
)
from kinerja.selectors import realisasi_baris_segar, realisasi_grid
from tests import factories as f
from tests.conftest import bagian, buat_kecamatan_lengkap
from tests.kinerja.test_peringatan import _realisasi_2020, _ringkas
from tests.kinerja.test_realisasi_sumber import buat_survei

pytestmark = pytest.mark.django_db

D = Decimal
Periode = Realisasi.Periode
Status = Realisasi.Status


def _sama(kecamatan, tahun, django_assert_num_queries):
    grid = realisasi_grid(kecamatan=kecamatan, tahun=tahun, dengan_pembanding=True)
    with django_assert_num_queries(0):
        target = target_kurang_menantang_grid(grid)
        belum = realisasi_belum_diisi_grid(grid)
        per_sumber = target_kurang_menantang_grid(grid, sumber=(SumberTarget.RENSTRA,))
    assert _ringkas(target) == _ringkas(target_kurang_menantang(kecamatan=kecamatan, tahun=tahun))
    assert _ringkas(belum) == _ringkas(realisasi_belum_diisi(kecamatan=kecamatan, tahun=tahun))
    assert _ringkas(per_sumber) == _ringkas(
        target_kurang_menantang(kecamatan=kecamatan, tahun=tahun, sumber=(SumberTarget.RENSTRA,))
    )
    return target, belum


def test_peringatan_grid_sama_dengan_selector(data_a, kecamatan_a, django_assert_num_queries):
    _realisasi_2020(data_a)
    # 2021: S1.1 a yearly row without a value, S2.1 belum tersedia, S2.2 through a triwulan only.
    Realisasi.objects.filter(indikator=data_a.s11, tahun=2021).delete()
    f.RealisasiFactory(indikator=data_a.s11, tahun=2021, nilai=None, keterangan="Menunggu")
    Realisasi.objects.filter(indikator=data_a.s21, tahun=2021, periode=Periode.TAHUNAN).update(
        nilai=None, status=Status.BELUM_TERSEDIA
    )
    f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=Periode.TW2, nilai=D("3"))
    target, belum = _sama(kecamatan_a, 2021, django_assert_num_queries)
    assert [(p.indikator.kode, p.sumber) for p in target] == [
        ("T1.1", SumberTarget.RENSTRA),
        ("S1.1", SumberTarget.PK_MURNI),
        ("S2.2", SumberTarget.PK_PERUBAHAN),
        ("S2.2", SumberTarget.RENSTRA),
    ]
    assert [p.indikator.kode for p in belum] == ["S1.1"]


@pytest.mark.parametrize("tahun", [2020, 2022, 2030])
def test_peringatan_grid_tahun_lain(data_a, kecamatan_a, tahun, django_assert_num_queries):
    """2020: only a PK murni; 2022: no PK (the Renstra targets are still compared); 2030: no Renstra."""
    _realisasi_2020(data_a)
    Realisasi.objects.filter(indikator=data_a.s11, tahun=2021, periode=Periode.TAHUNAN).update(nilai=D("200"))
    _sama(kecamatan_a, tahun, django_assert_num_queries)


def test_peringatan_grid_dari_skm(data_a, kecamatan_a, operator_a, django_assert_num_queries):
    """An SKM indicator: last year's realisasi and this year's are the survey results."""
    Indikator.objects.filter(pk=data_a.s11.pk).update(sumber_realisasi=SumberRealisasi.SKM)
    buat_survei(operator_a, kecamatan_a, 2020)
    target, belum = _sama(kecamatan_a, 2021, django_assert_num_queries)
    assert "S1.1" in [p.indikator.kode for p in target]


def test_grid_tanpa_pembanding_ditolak(data_a, kecamatan_a):
    grid = realisasi_grid(kecamatan=kecamatan_a, tahun=2021)
    assert grid.pembanding is None
    with pytest.raises(ValueError):
        target_kurang_menantang_grid(grid)


def test_baris_segar_membaca_ulang_realisasi(data_a, kecamatan_a, django_assert_num_queries):
    baris = realisasi_grid(kecamatan=kecamatan_a, tahun=2021, indikator_id=data_a.s22.pk).baris[0]
    assert baris.realisasi == {}
    r = f.RealisasiFactory(indikator=data_a.s22, tahun=2021, periode=Periode.TW1, nilai=D("1"))
    with django_assert_num_queries(1):
        segar = realisasi_baris_segar(baris=baris, tahun=2021)
    assert (segar.indikator, segar.target, segar.realisasi) == (baris.indikator, baris.target, {"tw1": r})


@pytest.mark.parametrize(
    "data",
    [None, {}, {"r{}-versi_tw1": "7", "r{}-versi_tahunan": ""}, {"r{}-versi_tw1": "<x>", "r{}-tw1": "abc"}],
)
def test_versi_seperti_bound_field(data_a, kecamatan_a, data):
    """The hidden versi input is written as the bound field renders it (unbound, bound, posted
    empty, invalid)."""
    baris = realisasi_grid(kecamatan=kecamatan_a, tahun=2021).baris[0]
    if data is not None:
        data = {k.format(baris.indikator.pk): v for k, v in data.items()}
    form = BarisRealisasiForm(data, baris=baris)
    form.is_valid()
    for kolom in KOLOM:
        s = form.sel(kolom)
        assert _versi_html(s) == (str(s.versi) if s.versi is not None else "")


def test_peran_di_base_tanpa_query(client, camat_a, admin_kabupaten, django_assert_num_queries):
    """base.html shows the roles from the per-request cache the permission rules fill (one query
    with the kecamatan and kabupaten)."""
    from django.test import RequestFactory

    from lkjip.akses import penugasan_pengguna

    for user, nama in ((camat_a, camat_a.penugasan.get().kecamatan.nama), (admin_kabupaten, None)):
        user = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(1):
            peran = penugasan_pengguna(user)
            html = render_to_string("base.html", {"user": user}, request=RequestFactory().get("/"))
        p = peran[0]
        wilayah = nama or p.kabupaten.nama
        assert f"{p.get_peran_display()} · {wilayah}</span>" in html


@pytest.mark.parametrize("jumlah", [1, 3])
def test_sel_htmx_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    """A cell save: session, user, roles, kecamatan; the PK documents, the row's target and
    realisasi; the save (savepoint, checks, update, history; kinerja.services.realisasi); then only
    the row's realisasi again (selectors.realisasi_baris_segar), not the whole row."""
    renstra = buat_kecamatan_lengkap(kecamatan_a, jumlah)
    indikator = renstra.indikator.filter(sasaran__isnull=False).order_by("urutan", "id").first()
    client.force_login(operator_a)
    url = reverse("kinerja:realisasi_sel_simpan", args=[kecamatan_a.pk, 2021, indikator.pk, "tw1"])
    p = f"r{indikator.pk}"
    data = {f"{p}-{k}": "" for k in ("tw2", "tw3", "tw4", "tahunan", "keterangan")}
    data.update({f"{p}-status": "final", f"{p}-tw1": "12,5", f"{p}-alasan_tw1": "koreksi"})
    with django_assert_num_queries(21):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert bagian(response.content.decode(), f"sel-{indikator.pk}-tw1") == "Alasan dicatat: koreksi"
    assert Realisasi.objects.get(indikator=indikator, tahun=2021, periode=Periode.TW1).nilai == D("12.5")
