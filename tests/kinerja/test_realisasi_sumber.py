"""The yearly realisasi of an indicator whose `sumber_realisasi` is skm or sakip comes from the SKM
result (nilai konversi) or the SAKIP evaluation issued in that year (issue 6 items 4-5): on the
realisasi page, the grid (read-only, with its source), pengukuran, both Excel downloads and the
indicator page; a typed value is refused by the services and ignored (with a warning) by the Excel
and JSON imports. A year without a result behaves as for any indicator.

Decided (DOMAIN.md §3.8, §3.10 S1): a SAKIP realisasi shows the predikat the SAKIP scale derives with
its number, "BB (72,10)", as the reports print it; an SKM realisasi is a plain number, "85,00" (its
targets are plain numbers, §3.7 step 7). Capaian is computed on the number either way.
"""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.forms.realisasi import BarisRealisasiForm
from kinerja.models import Indikator, Realisasi, SumberRealisasi, SurveiSkm
from kinerja.nilai import Nilai
from kinerja.pengukuran import pengukuran_kinerja
from kinerja.peringatan import SumberTarget, realisasi_belum_diisi, target_kurang_menantang
from kinerja.selectors import realisasi_grid, ringkasan_kecamatan
from kinerja.services.realisasi import IsianImpor, realisasi_impor, realisasi_simpan
from kinerja.services.sakip import IsianKomponen, evaluasi_buat
from kinerja.services.skm import IsianUnsur, survei_buat, survei_unsur_simpan
from laporan.interchange.ekspor import ekspor_lkjip
from laporan.interchange.impor import impor_lkjip
from lkjip.excel import MIME_XLSX, baca_angka
from lkjip.models import Kecamatan
from tests import factories as f
from tests.conftest import bagian, baris, buat_kecamatan_lengkap, tabel

pytestmark = pytest.mark.django_db

D = Decimal
Periode = Realisasi.Periode
Status = Realisasi.Status

# The 2024 Purwareja Klampok survey (DOMAIN.md §4.1 002): mean NRR 3,400, konversi 85,00.
NRR_PURWAREJA = ["3.34", "3.38", "3.2", "3.97", "3.18", "3.39", "3.38", "3.38", "3.38"]
# Its LHE issued in 2024 on AKIP 2023 (PermenPAN-RB 88/2021 components): total 72,10, BB.
KOMPONEN_2024 = [
    ("Perencanaan Kinerja", "30", "22.20"),
    ("Pengukuran Kinerja", "30", "21.60"),
    ("Pelaporan Kinerja", "15", "10.80"),
    ("Evaluasi Internal", "25", "17.50"),
]
DIKETIK_SKM = (
    "Realisasi tahunan 2021 diambil otomatis dari SKM 2021 (85,00) dan tidak dapat diketik. Kosongkan "
    "nilai tahunan; bila hasilnya keliru, perbaiki di halaman Survei SKM."
)


def dua(nilai) -> Decimal:
    return Decimal(nilai).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def buat_survei(user, kecamatan, tahun: int, nrr=NRR_PURWAREJA) -> SurveiSkm:
    survei = survei_buat(user=user, kecamatan=kecamatan, tahun=tahun)
    survei_unsur_simpan(
        user=user,
        survei=survei,
        unsur=[
            IsianUnsur(kode=u.kode, nama=u.nama, nrr=D(n))
            for u, n in zip(survei.unsur.order_by("urutan"), nrr, strict=True)
        ],
    )
    return survei


def buat_evaluasi(user, kecamatan, tahun_evaluasi: int):
    return evaluasi_buat(
        user=user,
        kecamatan=kecamatan,
        tahun_evaluasi=tahun_evaluasi,
        tahun_dievaluasi=tahun_evaluasi - 1,
        komponen=[IsianKomponen(nama=n, bobot=D(b), nilai=D(v)) for n, b, v in KOMPONEN_2024],
    )


@pytest.fixture
def sumber(data_a, operator_a, inspektorat, kecamatan_a):
    """data_a with S1.1 (IKM) taking its realisasi from the SKM and T1.1 (Nilai SAKIP, added to the
    PK perubahan 2021 with target BB (71,20)) from the SAKIP evaluation, the 2021 survey (konversi
    85,00) and the LHE issued in 2021 (72,10). The typed 2021 values (86,48 and 60,00) stay stored."""
    Indikator.objects.filter(pk=data_a.s11.pk).update(sumber_realisasi=SumberRealisasi.SKM)
    Indikator.objects.filter(pk=data_a.t11.pk).update(sumber_realisasi=SumberRealisasi.SAKIP)
    Realisasi.objects.filter(indikator=data_a.t11, tahun=2021).update(nilai=D("60"), label="")
    f.TargetPKFactory(
        perjanjian=data_a.pk_2021_perubahan, indikator=data_a.t11, nilai=D("71.20"), label="BB", urutan=4
    )
    buat_survei(operator_a, kecamatan_a, 2021)
    buat_evaluasi(inspektorat, kecamatan_a, 2021)
    data_a.s11.refresh_from_db()
    data_a.t11.refresh_from_db()
    return data_a


# --- pages ----------------------------------------------------------------------------------------------


def test_halaman_realisasi_menampilkan_hasil_skm_dan_sakip(client, sumber, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(reverse("kinerja:realisasi_tahun", args=[kecamatan_a.pk, 2021])).content.decode()
    assert baris(html, "S1.1") == [
        "S1.1",
        "Indeks Kepuasan Masyarakat",
        "%",
        "85,78",
        "PK Perubahan",
        "85,00 dari SKM 2021",
        "80,10",
        "82,50",
        "84,00",
        "86,48",
        "Final",
        "Survei semester II",
        "riwayat",
    ]
    assert baris(html, "T1.1")[3:11] == [
        "BB (71,20)",
        "PK Perubahan",
        "BB (72,10) dari evaluasi SAKIP 2021",
    ] + ["-"] * 4 + ["Final"]
    assert f'href="{reverse("kinerja:skm_daftar", args=[kecamatan_a.pk])}">dari SKM 2021</a>' in html
    assert (
        f'href="{reverse("kinerja:sakip_daftar", args=[kecamatan_a.pk])}">dari evaluasi SAKIP 2021</a>'
        in html
    )


def test_grid_hanya_menampilkan_hasil_tanpa_isian(client, sumber, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(reverse("kinerja:realisasi_grid", args=[kecamatan_a.pk, 2021])).content.decode()
    s11, t11 = sumber.s11.pk, sumber.t11.pk
    assert bagian(html, f"sel-{s11}-tahunan") == "dari SKM 2021: 85,00"
    assert bagian(html, f"sel-{t11}-tahunan") == "dari evaluasi SAKIP 2021: BB (72,10)"
    assert f'name="r{s11}-tahunan"' not in html
    assert f'name="r{t11}-tahunan"' not in html
    # The triwulan, status and keterangan stay editable.
    assert [f'name="r{s11}-{k}"' in html for k in ("tw1", "status", "keterangan")] == [True] * 3
    assert bagian(html, "petunjuk-isi").endswith(
        "Tahunan indikator yang bersumber hasil SKM atau evaluasi SAKIP diambil otomatis dari hasil tahun "
        "itu dan tidak dapat diketik."
    )


def test_halaman_indikator_menyebut_sumber(client, sumber, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = reverse("kinerja:indikator_detail", args=[kecamatan_a.pk, sumber.s11.pk])
    html = client.get(url).content.decode()
    assert [b for b in tabel(html, "tabel-tahun") if b[0] == "2021"][0][2:4] == ["85,00", "Dari SKM 2021"]


# --- pengukuran, report data and Excel -------------------------------------------------------------------


def test_pengukuran_memakai_hasil_skm_dan_sakip(sumber, kecamatan_a):
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021)
    per_kode = {i.kode: i for i in data.indikator}
    ikm, sakip = per_kode["S1.1"], per_kode["T1.1"]
    assert (ikm.realisasi.nilai, ikm.realisasi.teks, dua(ikm.capaian)) == (D("85"), "85,00", D("99.09"))
    assert ikm.realisasi.sumber.asal == "SKM 2021"
    assert (sakip.realisasi.nilai, sakip.realisasi.teks, dua(sakip.capaian)) == (
        D("72.10"),
        "BB (72,10)",
        D("101.26"),
    )
    assert (sakip.realisasi.status, sakip.alasan) == (Status.FINAL, "")


def test_halaman_dan_xlsx_pengukuran(client, sumber, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(reverse("kinerja:pengukuran", args=[kecamatan_a.pk, 2021])).content
    ikm = [b for b in tabel(html, "tabel-capaian") if len(b) > 1 and b[1].endswith("(S1.1)")]
    assert [b[3:6] for b in ikm] == [["85,78", "85,00", "99,09"]]
    response = client.get(reverse("kinerja:pengukuran_xlsx", args=[kecamatan_a.pk, 2021]))
    isi = [
        list(b) for b in load_workbook(io.BytesIO(response.content))["Capaian"].iter_rows(values_only=True)
    ]
    per_kode = {b[1]: b for b in isi[5:] if b[1]}
    assert (baca_angka(per_kode["S1.1"][6]), per_kode["S1.1"][7]) == (D("85"), "85,00")
    assert (baca_angka(per_kode["T1.1"][6]), per_kode["T1.1"][7]) == (D("72.1"), "BB (72,10)")


def test_templat_excel_memuat_hasil_dengan_catatan(client, sumber, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.get(reverse("kinerja:realisasi_excel_unduh", args=[kecamatan_a.pk, 2021]))
    lembar = load_workbook(io.BytesIO(response.content))["Realisasi"]
    per_kode = {r[0].value: r for r in lembar.iter_rows(min_row=6)}
    tahunan_ikm, tahunan_sakip = per_kode["S1.1"][8], per_kode["T1.1"][8]
    assert (baca_angka(tahunan_ikm.value), tahunan_sakip.value) == (D("85"), "BB (72,10)")
    assert tahunan_ikm.comment.text == (
        "Diambil otomatis dari SKM 2021: 85,00. Nilai di sel ini tidak diimpor; hasilnya diubah di halaman "
        "Survei SKM."
    )
    assert per_kode["S2.1"][8].comment is None


# --- typing is refused ----------------------------------------------------------------------------------


def _simpan_tahunan(user, indikator, nilai, status=Status.FINAL, tahun=2021):
    return realisasi_simpan(
        user=user,
        indikator=indikator,
        tahun=tahun,
        periode=Periode.TAHUNAN,
        nilai=nilai,
        status=status,
        keterangan="",
        alasan="Koreksi",
    )


def test_layanan_menolak_nilai_tahunan_yang_diketik(sumber, operator_a):
    with pytest.raises(ValidationError) as e:
        _simpan_tahunan(operator_a, sumber.s11, Nilai(nilai=D("90")))
    assert e.value.message_dict == {"nilai": [DIKETIK_SKM]}
    with pytest.raises(ValidationError) as e:
        _simpan_tahunan(operator_a, sumber.t11, None, status=Status.BELUM_TERSEDIA)
    assert e.value.message_dict == {
        "status": [
            "Realisasi tahunan 2021 sudah tersedia dari evaluasi SAKIP 2021 (BB (72,10)), jadi statusnya "
            "tidak dapat Belum tersedia."
        ]
    }
    assert Realisasi.objects.get(indikator=sumber.s11, tahun=2021, periode=Periode.TAHUNAN).nilai == D(
        "86.48"
    )


def test_grid_mengabaikan_nilai_kiriman_dan_menolak_belum_tersedia(client, sumber, operator_a, kecamatan_a):
    client.force_login(operator_a)
    url = reverse("kinerja:realisasi_sel_simpan", args=[kecamatan_a.pk, 2021, sumber.s11.pk, "status"])
    p = f"r{sumber.s11.pk}"
    data = {f"{p}-tahunan": "90", f"{p}-status": "sementara", f"{p}-keterangan": "Semester II belum"}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert bagian(response.content, f"sel-{sumber.s11.pk}-tahunan") == "dari SKM 2021: 85,00"
    tersimpan = Realisasi.objects.get(indikator=sumber.s11, tahun=2021, periode=Periode.TAHUNAN)
    assert (tersimpan.nilai, tersimpan.status, tersimpan.keterangan) == (
        D("86.48"),
        Status.SEMENTARA,
        "Semester II belum",
    )
    data[f"{p}-status"] = "belum_tersedia"
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert bagian(response.content, f"sel-{sumber.s11.pk}-status").endswith(
        "Realisasi tahunan 2021 sudah tersedia dari SKM 2021 (85,00), jadi statusnya tidak dapat Belum "
        "tersedia."
    )
    per_kode = {i.kode: i for i in pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2021).indikator}
    assert (per_kode["S1.1"].realisasi.teks, per_kode["S1.1"].realisasi.status) == ("85,00", Status.SEMENTARA)


def test_grid_simpan_semua_tanpa_alasan_untuk_nilai_lama(client, sumber, operator_a, kecamatan_a):
    """Saving the whole grid as shown changes nothing: the stored typed values behind the SKM/SAKIP
    results are left alone, so they ask for no reason."""
    client.force_login(operator_a)
    url = reverse("kinerja:realisasi_grid", args=[kecamatan_a.pk, 2021])
    data = {}
    for b in realisasi_grid(kecamatan=kecamatan_a, tahun=2021).baris:
        form = BarisRealisasiForm(baris=b)
        data |= {form.add_prefix(k): form[k].value() or "" for k in form.fields}
    data[f"r{sumber.s11.pk}-tahunan"] = "90"
    response = client.post(url, data)
    assert (response.status_code, response.url) == (302, url)
    tahunan = Realisasi.objects.filter(periode=Periode.TAHUNAN, tahun=2021)
    assert sorted(tahunan.values_list("indikator__kode", "nilai")) == [
        ("S1.1", D("86.48")),
        ("S2.1", D("95")),
        ("T1.1", D("60")),
    ]


# --- imports ignore it with a warning -------------------------------------------------------------------


def test_unggah_excel_menampilkan_peringatan(client, sumber, operator_a, kecamatan_a):
    client.force_login(operator_a)
    response = client.get(reverse("kinerja:realisasi_excel_unduh", args=[kecamatan_a.pk, 2021]))
    buku = load_workbook(io.BytesIO(response.content))
    baris_ikm = [r for r in buku["Realisasi"].iter_rows(min_row=6) if r[0].value == "S1.1"][0]
    baris_ikm[8].value = 90
    isi = io.BytesIO()
    buku.save(isi)
    berkas = SimpleUploadedFile("realisasi.xlsx", isi.getvalue(), MIME_XLSX)
    response = client.post(
        reverse("kinerja:realisasi_excel_unggah", args=[kecamatan_a.pk, 2021]), {"berkas": berkas}
    )
    assert bagian(response.content, "peringatan-sumber") == (
        "Nilai Tahunan yang diabaikan (1) S1.1 Indeks Kepuasan Masyarakat: nilai Tahunan 90,00 untuk tahun "
        "2021 diabaikan, karena realisasi tahunan indikator ini diambil dari SKM 2021 (85,00)."
    )
    assert bagian(response.content, "tanpa-perubahan").startswith("Tidak ada perubahan")


def test_impor_excel_mengabaikan_tahunan_dengan_peringatan(sumber, operator_a, kecamatan_a):
    def isian(tahunan):
        return IsianImpor(
            indikator=sumber.s11,
            target=Nilai(nilai=D("85.78")),
            triwulan=tuple(Nilai(nilai=D(n)) for n in ("80.10", "82.50", "84", "86.48")),
            tahunan=tahunan,
            status=Status.FINAL,
            keterangan="Survei semester II",
        )

    hasil = realisasi_impor(
        user=operator_a,
        kecamatan=kecamatan_a,
        tahun=2021,
        isian=[isian(Nilai(nilai=D("90")))],
        alasan="Impor",
    )
    assert (hasil.tersimpan, hasil.kesalahan, hasil.perubahan) == (True, {}, [])
    assert hasil.peringatan_sumber == [
        "S1.1 Indeks Kepuasan Masyarakat: nilai Tahunan 90,00 untuk tahun 2021 diabaikan, karena realisasi "
        "tahunan indikator ini diambil dari SKM 2021 (85,00)."
    ]
    # The template's own value read back is no value of the file's: no warning.
    hasil = realisasi_impor(
        user=operator_a,
        kecamatan=kecamatan_a,
        tahun=2021,
        isian=[isian(Nilai(nilai=D("85")))],
        alasan="Impor",
    )
    assert (hasil.tersimpan, hasil.peringatan_sumber) == (True, [])
    assert Realisasi.objects.get(indikator=sumber.s11, tahun=2021, periode=Periode.TAHUNAN).nilai == D(
        "86.48"
    )


def test_impor_json_mengabaikan_tahunan_dengan_peringatan(sumber, operator_a, kecamatan_a):
    dok = ekspor_lkjip(kecamatan_a)
    ind = dok["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]
    assert (ind["kode"], ind["sumber_realisasi"]) == ("S1.1", "skm")
    ind["realisasi"]["2021"]["nilai"] = 90
    ind["realisasi"]["2020"] = 84.5
    hasil = impor_lkjip(dok, pengguna=operator_a, ubah_kabupaten=False)
    assert hasil.galat == []
    # T1.1's stored 60,00 (typed before the LHE was recorded) travels in the export: ignored too.
    assert hasil.dilewati == [
        "$.renstra.tujuan[0].indikator[0].realisasi['2021']: realisasi tahunan T1.1 tahun 2021 (60,00) "
        "diabaikan, karena diambil dari evaluasi SAKIP 2021 (BB (72,10))",
        "$.renstra.tujuan[0].sasaran[0].indikator[0].realisasi['2021'].nilai: realisasi tahunan S1.1 tahun "
        "2021 (90,00) diabaikan, karena diambil dari SKM 2021 (85,00)",
    ]
    tahunan = {
        r.tahun: r.nilai for r in Realisasi.objects.filter(indikator=sumber.s11, periode=Periode.TAHUNAN)
    }
    # 2021 keeps the stored value (the survey's result counts); 2020 has no survey: imported.
    assert tahunan == {2020: D("84.5"), 2021: D("86.48")}


# --- no result yet: typed values, and the page says where the value will come from -----------------------


def test_tanpa_hasil_nilai_boleh_diketik(client, sumber, operator_a, kecamatan_a):
    r = _simpan_tahunan(operator_a, sumber.s11, Nilai(nilai=D("83")), tahun=2020)
    assert r.nilai == D("83")
    client.force_login(operator_a)
    html = client.get(reverse("kinerja:realisasi_grid", args=[kecamatan_a.pk, 2020])).content.decode()
    assert f'name="r{sumber.s11.pk}-tahunan"' in html
    assert bagian(html, f"menunggu-{sumber.s11.pk}") == (
        "Realisasi 2020 akan diambil dari hasil SKM 2020 setelah hasilnya dicatat."
    )
    html = client.get(reverse("kinerja:realisasi_tahun", args=[kecamatan_a.pk, 2020])).content.decode()
    assert baris(html, "S1.1")[5] == "83,00"
    assert bagian(html, f"menunggu-{sumber.t11.pk}") == (
        "Realisasi 2020 akan diambil dari evaluasi SAKIP yang terbit tahun 2020 setelah hasilnya dicatat."
    )
    data = pengukuran_kinerja(kecamatan=kecamatan_a, tahun=2020)
    assert [(i.kode, i.realisasi.teks, i.realisasi.sumber) for i in data.indikator] == [
        ("S1.1", "83,00", None)
    ]


def test_beranda_tidak_menagih_realisasi_yang_tersedia_dari_skm(sumber, kecamatan_a):
    belum = {
        b.tahun: [i.kode for i in b.indikator]
        for b in ringkasan_kecamatan(kecamatan=kecamatan_a).belum_realisasi
    }
    assert belum == {2020: ["S1.1"], 2021: ["S2.2"]}
    Indikator.objects.filter(pk=sumber.s22.pk).update(sumber_realisasi=SumberRealisasi.SKM)
    belum = {
        b.tahun: [i.kode for i in b.indikator]
        for b in ringkasan_kecamatan(kecamatan=kecamatan_a).belum_realisasi
    }
    assert belum == {2020: ["S1.1"]}


def test_hasil_berubah_realisasi_ikut(sumber, operator_a, kecamatan_a):
    survei = SurveiSkm.objects.get(kecamatan=kecamatan_a, tahun=2021)
    survei_unsur_simpan(
        user=operator_a, survei=survei, unsur=[IsianUnsur(kode="U1", nama="Persyaratan", nrr=D("3.70"))]
    )
    # (30,60 - 3,34 + 3,70) / 9 x 25 = 86,00
    baris_grid = realisasi_grid(kecamatan=kecamatan_a, tahun=2021).baris[0]
    assert (baris_grid.indikator.kode, baris_grid.sumber.teks) == ("S1.1", "86,00")


# --- query counts: constant in the number of indicators ---------------------------------------------------


def _kecamatan_bersumber(kecamatan, operator, jumlah):
    renstra = buat_kecamatan_lengkap(kecamatan, jumlah)
    Indikator.objects.filter(renstra=renstra).update(sumber_realisasi=SumberRealisasi.SKM)
    buat_survei(operator, kecamatan, 2021)


@pytest.mark.parametrize("jumlah", [1, 3])
def test_grid_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    _kecamatan_bersumber(kecamatan_a, operator_a, jumlah)
    client.force_login(operator_a)
    # 8 as for any grid (tests/kinerja/test_realisasi_views.py), + 3 for the SKM results, read once
    # for the grid and both warnings, which compare with those results too.
    with django_assert_num_queries(11):
        response = client.get(reverse("kinerja:realisasi_grid", args=[kecamatan_a.pk, 2021]))
    assert len(
        [b for b in tabel(response.content, "tabel-isi-realisasi") if b[6] == "dari SKM 2021: 85,00"]
    ) == (jumlah)


@pytest.mark.parametrize("jumlah", [1, 3])
def test_halaman_realisasi_jumlah_query_tetap(
    client, operator_a, kecamatan_a, jumlah, django_assert_num_queries
):
    _kecamatan_bersumber(kecamatan_a, operator_a, jumlah)
    client.force_login(operator_a)
    # 12 as for any realisasi page (tests/kinerja/test_views.py), + 3 for the SKM results.
    with django_assert_num_queries(15):
        response = client.get(reverse("kinerja:realisasi_tahun", args=[kecamatan_a.pk, 2021]))
    sel = [b[5] for b in tabel(response.content, "tabel-realisasi") if len(b) > 5]
    assert sel.count("85,00 dari SKM 2021") == jumlah + 1


@pytest.mark.parametrize("jumlah", [1, 3])
def test_pengukuran_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    _kecamatan_bersumber(kecamatan_a, operator_a, jumlah)
    client.force_login(operator_a)
    # 10 as for any pengukuran page (tests/kinerja/test_pengukuran_views.py), + 3 for the SKM results.
    with django_assert_num_queries(13):
        client.get(reverse("kinerja:pengukuran", args=[kecamatan_a.pk, 2021]))


# --- the demo: Purwareja Klampok 2024 ----------------------------------------------------------------------


def test_demo_purwareja_klampok_2024_dari_skm_dan_sakip():
    call_command("muat_demo", stdout=io.StringIO())
    kecamatan = Kecamatan.objects.get(nama="Purwareja Klampok")
    data = pengukuran_kinerja(kecamatan=kecamatan, tahun=2024)
    # The demo document types the printed figures (its indicators are `isian`): 72,10 and 86,30.
    assert {i.kode: i.realisasi.teks for i in data.indikator} == {"S1.1": "BB (72,10)", "S2.1": "86,30"}
    Indikator.objects.filter(renstra__kecamatan=kecamatan, kode="S1.1").update(
        sumber_realisasi=SumberRealisasi.SAKIP
    )
    Indikator.objects.filter(renstra__kecamatan=kecamatan, kode="S2.1").update(
        sumber_realisasi=SumberRealisasi.SKM
    )
    data = pengukuran_kinerja(kecamatan=kecamatan, tahun=2024)
    per_kode = {i.kode: i for i in data.indikator}
    # The survey's konversi (3,400 x 25), not the report's garbled 86,30 (DOMAIN.md §4.1 002).
    assert (per_kode["S2.1"].realisasi.teks, dua(per_kode["S2.1"].capaian)) == ("85,00", D("99.42"))
    assert (per_kode["S1.1"].realisasi.teks, dua(per_kode["S1.1"].capaian)) == ("BB (72,10)", D("101.26"))
    assert [t.realisasi.teks for t in per_kode["S1.1"].riwayat] == ["B (60,59)", "BB (71,20)"]


def test_peringatan_memakai_hasil_skm(sumber, kecamatan_a):
    """An skm indicator with a survey result is not "belum diisi", and its target is compared with
    the survey's konversi (85,00), not the typed 86,48."""
    Indikator.objects.filter(pk=sumber.s22.pk).update(sumber_realisasi=SumberRealisasi.SKM)
    Realisasi.objects.filter(indikator=sumber.s22, tahun=2021).update(nilai=None)
    assert [p.indikator.kode for p in realisasi_belum_diisi(kecamatan=kecamatan_a, tahun=2021)] == []
    f.TargetFactory(indikator=sumber.s11, tahun=2022, nilai=D("85.50"))
    pesan = [
        p.pesan
        for p in target_kurang_menantang(kecamatan=kecamatan_a, tahun=2022, sumber=(SumberTarget.RENSTRA,))
        if p.indikator.kode == "S1.1"
    ]
    assert pesan == []
    Indikator.objects.filter(pk=sumber.s11.pk).update(sumber_realisasi=SumberRealisasi.ISIAN)
    pesan = [
        p.pesan
        for p in target_kurang_menantang(kecamatan=kecamatan_a, tahun=2022, sumber=(SumberTarget.RENSTRA,))
        if p.indikator.kode == "S1.1"
    ]
    assert pesan == [
        "Target Renstra 2022 (85,50) lebih rendah dari realisasi 2021 (86,48): target kurang menantang."
    ]
