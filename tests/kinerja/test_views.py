"""The read-only kinerja pages: Renstra tree, PK of a year, realisasi of a year, indicator history."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.models import Realisasi, TargetTriwulanPK
from tests import factories as f
from tests.conftest import WIB, bagian, baris, buat_kecamatan_lengkap, tabel, teks

pytestmark = pytest.mark.django_db

PERSONA_BOLEH = ["operator_a", "camat_a", "inspektorat", "admin_kabupaten"]
PERSONA_404 = ["operator_b", "inspektorat_lain"]


def _renstra(kecamatan, renstra):
    return reverse("kinerja:renstra_detail", args=[kecamatan.pk, renstra.pk])


def _pk(kecamatan, tahun):
    return reverse("kinerja:pk_detail", args=[kecamatan.pk, tahun])


def _realisasi(kecamatan, tahun):
    return reverse("kinerja:realisasi_tahun", args=[kecamatan.pk, tahun])


def _riwayat(kecamatan, indikator):
    return reverse("kinerja:indikator_riwayat", args=[kecamatan.pk, indikator.pk])


def _semua_url(data_a, kecamatan):
    return [
        _renstra(kecamatan, data_a.renstra),
        _pk(kecamatan, 2021),
        _realisasi(kecamatan, 2021),
        _riwayat(kecamatan, data_a.s11),
    ]


# --- access: every page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONA_BOLEH)
def test_semua_halaman_terbuka_untuk_yang_berhak(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(url).status_code for url in _semua_url(data_a, kecamatan_a)] == [200] * 4


@pytest.mark.parametrize("persona", PERSONA_404)
def test_semua_halaman_kecamatan_lain_404(request, client, data_a, kecamatan_a, persona):
    client.force_login(request.getfixturevalue(persona))
    assert [client.get(url).status_code for url in _semua_url(data_a, kecamatan_a)] == [404] * 4


def test_semua_halaman_anonim_ke_login(client, data_a, kecamatan_a):
    for url in _semua_url(data_a, kecamatan_a):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


def test_objek_kecamatan_lain_lewat_url_sendiri_404(client, data_a, operator_b, kecamatan_b):
    """Operator B asks for A's Renstra and indicator under B's own kecamatan id."""
    client.force_login(operator_b)
    assert client.get(_renstra(kecamatan_b, data_a.renstra)).status_code == 404
    assert client.get(_riwayat(kecamatan_b, data_a.s11)).status_code == 404


def test_objek_kecamatan_lain_untuk_inspektorat_404(client, data_a, inspektorat, kecamatan_b):
    """The inspektorat may read both kecamatan, but not A's objects under B's id."""
    client.force_login(inspektorat)
    assert client.get(_renstra(kecamatan_b, data_a.renstra)).status_code == 404
    assert client.get(_riwayat(kecamatan_b, data_a.s11)).status_code == 404


# --- Renstra tree -----------------------------------------------------------------------------------------


def test_renstra_pohon(client, data_a, inspektorat, kecamatan_a):
    client.force_login(inspektorat)
    html = client.get(_renstra(kecamatan_a, data_a.renstra)).content
    assert bagian(html, "visi") == "Terwujudnya Kecamatan Ajibarang yang melayani"
    assert bagian(html, "misi") == (
        "Mewujudkan tata kelola pemerintahan yang baik "
        "Meningkatkan kualitas pelayanan publik didukung kecamatan"
    )
    assert tabel(html, "indikator-tujuan-T1") == [
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
            "T1.1",
            "Nilai SAKIP Kecamatan",
            "nilai",
            "Naik",
            "",
            "-",
            "-",
            "BB (71,20)",
            "-",
            "-",
            "BB (75,00)",
            "riwayat",
        ],
    ]
    assert tabel(html, "indikator-sasaran-S1")[1] == [
        "S1.1",
        "Indeks Kepuasan Masyarakat",
        "%",
        "Naik",
        "IKU",
        "-",
        "85,78",
        "86,00",
        "-",
        "-",
        "88,00",
        "riwayat",
    ]
    assert tabel(html, "indikator-sasaran-S2")[1:] == [
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
    assert tabel(html, "sdm-S1") == [
        ["Tahun", "Target", "Realisasi", "Keterangan"],
        ["2021", "12", "11", "-"],
    ]
    assert "Strategi Peningkatan sarana pelayanan Kebijakan Penerapan standar pelayanan" in teks(html)
    assert "Sasaran S2: Meningkatnya ketertiban umum" in teks(html)


def test_renstra_tidak_ada_404(client, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(reverse("kinerja:renstra_detail", args=[kecamatan_a.pk, 999999])).status_code == 404


@pytest.mark.parametrize("jumlah", [1, 3])
def test_renstra_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    renstra = buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(12):
        response = client.get(_renstra(kecamatan_a, renstra))
    assert response.status_code == 200


# --- PK of a year ---------------------------------------------------------------------------------------


def test_pk_murni_dan_perubahan_berdampingan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_pk(kecamatan_a, 2021)).content
    assert tabel(html, "tabel-target-pk") == [
        ["Kode", "Indikator", "Satuan", "Target murni", "Target perubahan", "Triwulan (murni)"],
        ["TW I", "TW II", "TW III", "TW IV"],
        ["S1.1", "Indeks Kepuasan Masyarakat", "%", "84,00", "85,78", "80,00", "82,00", "83,00", "84,00"],
        ["S2.1", "Persentase pelanggaran perda yang ditindak", "%", "100,00", "100,00", "-", "-", "-", "-"],
        ["S2.2", "Jumlah gangguan ketertiban", "kasus", "-", "4,00", "-", "-", "-", "-"],
    ]
    assert bagian(html, "pk-murni").startswith(
        "PK Murni Tanggal 4 Januari 2021 Tempat Ajibarang "
        "Pihak pertama PARSONO, S.Sos., M.Si. Camat Ajibarang Pembina Tingkat I NIP. 19670701 199209 1 001 "
        "Pihak kedua Ir. ACHMAD HUSEIN Bupati Banyumas Program dan anggaran"
    )
    assert tabel(html, "pk-murni-program") == [
        ["Program", "Anggaran", "Sumber"],
        ["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "Rp 637.343.395,00", "APBD"],
        ["Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "Rp 12.725.000,00", "APBD"],
        ["Jumlah", "Rp 650.068.395,00", ""],
    ]
    assert tabel(html, "pk-perubahan-program")[-1] == ["Jumlah", "Rp 650.000.000,00", ""]
    assert "Tanggal 15 September 2021" in bagian(html, "pk-perubahan")


def test_pk_hanya_murni_tanpa_triwulan(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_pk(kecamatan_a, 2020)).content
    assert tabel(html, "tabel-target-pk") == [
        ["Kode", "Indikator", "Satuan", "Target murni", "Target perubahan"],
        [],
        ["S1.1", "Indeks Kepuasan Masyarakat", "%", "85,00", "-"],
    ]
    assert bagian(html, "pk-perubahan") == "PK Perubahan Tidak ada PK Perubahan untuk tahun ini."
    assert "Pihak pertama - Pihak kedua - Program dan anggaran Belum ada program." in bagian(html, "pk-murni")


def test_pk_tahun_tanpa_pk_404(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_pk(kecamatan_a, 2022)).status_code == 404


def test_pk_kecamatan_lain_tahun_sama_404(client, data_a, operator_b, kecamatan_b):
    """B has no PK 2021 of its own: A's must not show under B's id."""
    client.force_login(operator_b)
    assert client.get(_pk(kecamatan_b, 2021)).status_code == 404


@pytest.mark.parametrize("jumlah", [1, 3])
def test_pk_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(13):  # 8 for the page, 2 warnings, 3 budget comparison
        response = client.get(_pk(kecamatan_a, 2021))
    assert len(tabel(response.content, "tabel-target-pk")) == jumlah + 2


# --- realisasi of a year ------------------------------------------------------------------------------


def test_realisasi_tahun(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_realisasi(kecamatan_a, 2021)).content
    assert tabel(html, "tabel-realisasi")[2:] == [
        ["Tujuan T1: Meningkatkan kualitas pelayanan publik"],
        [
            "T1.1",
            "Nilai SAKIP Kecamatan",
            "nilai",
            "BB (71,20)",
            "Renstra",
            "BB (72,10)",
            "-",
            "-",
            "-",
            "-",
            "Final",
            "-",
            "riwayat",
        ],
        ["Sasaran S1: Meningkatnya kepuasan masyarakat"],
        [
            "S1.1",
            "Indeks Kepuasan Masyarakat",
            "%",
            "85,78",
            "PK Perubahan",
            "86,48",
            "80,10",
            "82,50",
            "84,00",
            "86,48",
            "Final",
            "Survei semester II",
            "riwayat",
        ],
        ["Sasaran S2: Meningkatnya ketertiban umum"],
        [
            "S2.1",
            "Persentase pelanggaran perda yang ditindak",
            "%",
            "100,00",
            "PK Perubahan",
            "95,00",
            "-",
            "-",
            "-",
            "-",
            "Sementara",
            "-",
            "riwayat",
        ],
        [
            "S2.2",
            "Jumlah gangguan ketertiban",
            "kasus",
            "4,00",
            "PK Perubahan",
            "-",
            "-",
            "-",
            "-",
            "-",
            "-",
            "-",
            "riwayat",
        ],
    ]


def test_realisasi_tahun_target_pk_murni_atau_renstra(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_realisasi(kecamatan_a, 2020)).content
    assert baris(html, "S1.1")[3:6] == ["85,00", "PK", "-"]
    assert baris(html, "T1.1")[3:6] == ["-", "-", "-"]


def test_realisasi_belum_tersedia(client, data_a, operator_a, kecamatan_a):
    f.RealisasiFactory(
        indikator=data_a.s22,
        tahun=2021,
        nilai=None,
        status=Realisasi.Status.BELUM_TERSEDIA,
        keterangan="Menunggu",
    )
    client.force_login(operator_a)
    html = client.get(_realisasi(kecamatan_a, 2021)).content
    assert baris(html, "S2.2")[5:] == ["-", "-", "-", "-", "-", "Belum tersedia", "Menunggu", "riwayat"]


def test_realisasi_tahun_di_luar_renstra_404(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    assert client.get(_realisasi(kecamatan_a, 2018)).status_code == 404


@pytest.mark.parametrize("jumlah", [1, 3])
def test_realisasi_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    buat_kecamatan_lengkap(kecamatan_a, jumlah)
    client.force_login(operator_a)
    with django_assert_num_queries(12):
        response = client.get(_realisasi(kecamatan_a, 2021))
    # 2 header rows, the tujuan group with its indicator, then a group row and a row per sasaran.
    assert len(tabel(response.content, "tabel-realisasi")) == 4 + 2 * jumlah


# --- indicator history -----------------------------------------------------------------------------------


def test_riwayat_koreksi_realisasi(client, data_a, operator_a, kecamatan_a):
    client.force_login(operator_a)
    html = client.get(_riwayat(kecamatan_a, data_a.s11)).content
    rows = tabel(html, "tabel-riwayat")
    assert rows[0] == ["Waktu", "Oleh", "Data", "Jenis", "Perubahan", "Alasan"]
    assert rows[-2:] == [
        [
            "10 Januari 2022 09.30",
            "operator_a",
            "realisasi 2021",
            "~ diubah",
            "nilai: 80,00 → 86,48",
            "Koreksi hasil survei",
        ],
        [
            "5 Januari 2022 08.00",
            "sistem",
            "realisasi 2021",
            "+ dibuat",
            "nilai: - → 80,00 status: - → Final",
            "-",
        ],
    ]
    assert sorted(r[2] for r in rows[1:-2]) == [
        "indikator",
        "realisasi 2021 TW I",
        "realisasi 2021 TW II",
        "realisasi 2021 TW III",
        "realisasi 2021 TW IV",
        "target 2020",
        "target 2021",
        "target PK 2020",
        "target PK 2021",
        "target PK 2021 TW I",
        "target PK 2021 TW II",
        "target PK 2021 TW III",
        "target PK 2021 TW IV",
        "target PK perubahan 2021",
    ]


def test_riwayat_hapus_dan_ubah_target(client, data_a, operator_a, camat_a, kecamatan_a):
    tw4 = TargetTriwulanPK.objects.get(baris__indikator=data_a.s11, triwulan=4)
    tw4._history_user = camat_a
    tw4._history_date = datetime(2030, 2, 1, 14, 5, tzinfo=WIB)
    tw4._change_reason = "Salah ketik"
    tw4.delete()
    target = data_a.s11.target.get(tahun=2021)
    target.label = "Baik"
    target.nilai = Decimal("86.5")
    target._history_date = datetime(2030, 3, 1, 7, 0, tzinfo=WIB)
    target.save()
    client.force_login(operator_a)
    rows = tabel(client.get(_riwayat(kecamatan_a, data_a.s11)).content, "tabel-riwayat")
    assert rows[1:3] == [
        [
            "1 Maret 2030 07.00",
            "sistem",
            "target 2021",
            "~ diubah",
            "nilai: 86,00 → 86,50 label: - → Baik",
            "-",
        ],
        [
            "1 Februari 2030 14.05",
            "camat_a",
            "target PK 2021 TW IV",
            "- dihapus",
            "nilai: 84,00 → -",
            "Salah ketik",
        ],
    ]


def test_riwayat_paginasi_50(client, operator_a, kecamatan_a):
    indikator = f.IndikatorFactory(
        sasaran=f.SasaranFactory(tujuan=f.TujuanFactory(renstra=f.RenstraFactory(kecamatan=kecamatan_a))),
        kode="I1",
        nama="Indikator 1",
    )
    realisasi = f.RealisasiFactory(indikator=indikator, tahun=2021, nilai=Decimal("0"))
    for i in range(1, 55):
        realisasi.nilai = Decimal(i)
        realisasi.save()
    client.force_login(operator_a)
    halaman_1 = client.get(_riwayat(kecamatan_a, indikator)).content
    halaman_2 = client.get(_riwayat(kecamatan_a, indikator), {"halaman": 2}).content
    assert len(tabel(halaman_1, "tabel-riwayat")) == 51
    assert tabel(halaman_1, "tabel-riwayat")[1][4] == "nilai: 53,00 → 54,00"
    assert [r[4] for r in tabel(halaman_2, "tabel-riwayat")[1:]] == [
        "nilai: 3,00 → 4,00",
        "nilai: 2,00 → 3,00",
        "nilai: 1,00 → 2,00",
        "nilai: 0,00 → 1,00",
        "nilai: - → 0,00 status: - → Final",
        "kode: - → I1 nama: - → Indikator 1 satuan: - → % "
        "arah: - → Naik (makin tinggi makin baik) IKU: - → Tidak",
    ]
    assert "56 catatan perubahan, terbaru di atas. Sebelumnya Halaman 2 dari 2 Berikutnya" in teks(halaman_2)


@pytest.mark.parametrize("jumlah", [1, 3])
def test_riwayat_jumlah_query_tetap(client, operator_a, kecamatan_a, jumlah, django_assert_num_queries):
    """Rows of every history table, each written by a different user."""
    indikator = f.IndikatorFactory(
        sasaran=f.SasaranFactory(tujuan=f.TujuanFactory(renstra=f.RenstraFactory(kecamatan=kecamatan_a)))
    )
    for i in range(jumlah):
        user = f.UserFactory()
        pk = f.PerjanjianKinerjaFactory(kecamatan=kecamatan_a, tahun=2020 + i)
        for obj in (
            f.TargetFactory.build(indikator=indikator, tahun=2020 + i),
            f.RealisasiFactory.build(indikator=indikator, tahun=2020 + i),
            f.TargetPKFactory.build(perjanjian=pk, indikator=indikator),
        ):
            obj._history_user = user
            obj.save()
        tw = f.TargetTriwulanPKFactory.build(baris=obj, triwulan=1)
        tw._history_user = user
        tw.save()
    client.force_login(operator_a)
    with django_assert_num_queries(10):
        response = client.get(_riwayat(kecamatan_a, indikator))
    assert len(tabel(response.content, "tabel-riwayat")) == 1 + 1 + 4 * jumlah
