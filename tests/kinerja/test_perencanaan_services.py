"""kinerja/services/perencanaan.py: writing the Renstra, tujuan, sasaran, indicators, Renstra targets
and analyses; order and deletion."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import (
    AnalisisSasaran,
    Arah,
    Indikator,
    Renstra,
    Sasaran,
    SdmSasaran,
    SumberRealisasi,
    Target,
    Tujuan,
)
from kinerja.nilai import Nilai
from kinerja.services import perencanaan as layanan
from kinerja.services.perencanaan import SdmTahun
from tests import factories as f

pytestmark = pytest.mark.django_db

D = Decimal


def _kode(queryset) -> list[str]:
    return list(queryset.order_by("urutan", "id").values_list("kode", flat=True))


def _pesan(e: pytest.ExceptionInfo) -> dict:
    return e.value.message_dict


# --- permission -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat", "admin_kabupaten", "tanpa_peran"])
def test_hanya_operator_dan_camat_kecamatan_sendiri(request, data_a, kecamatan_a, persona):
    user = request.getfixturevalue(persona)
    t1 = data_a.t11.tujuan
    percobaan = [
        lambda: layanan.renstra_simpan(user=user, kecamatan=kecamatan_a, tahun_awal=2024, tahun_akhir=2028),
        lambda: layanan.tujuan_simpan(user=user, renstra=data_a.renstra, kode="T9", uraian="x"),
        lambda: layanan.sasaran_simpan(user=user, tujuan=t1, kode="S9", uraian="x"),
        lambda: layanan.indikator_simpan(user=user, tujuan=t1, kode="T1.9", nama="x", satuan="%"),
        lambda: layanan.target_renstra_simpan(
            user=user, indikator=data_a.s22, target={2022: None}, target_akhir=None
        ),
        lambda: layanan.analisis_simpan(user=user, sasaran=data_a.s11.sasaran, tahun=2021, catatan="x"),
        lambda: layanan.tujuan_pindah(user=user, tujuan=t1, arah="turun"),
        lambda: layanan.sasaran_pindah(user=user, sasaran=data_a.s11.sasaran, arah="turun"),
        lambda: layanan.indikator_pindah(user=user, indikator=data_a.s21, arah="turun"),
        lambda: layanan.tujuan_hapus(user=user, tujuan=t1),
        lambda: layanan.sasaran_hapus(user=user, sasaran=data_a.s11.sasaran),
        lambda: layanan.indikator_hapus(user=user, indikator=data_a.s22),
    ]
    for coba in percobaan:
        with pytest.raises(PermissionDenied):
            coba()
    assert Renstra.objects.count() == 1
    assert (Tujuan.objects.count(), Sasaran.objects.count(), Indikator.objects.count()) == (1, 2, 4)
    assert _kode(Sasaran.objects.filter(tujuan=t1)) == ["S1", "S2"]
    assert AnalisisSasaran.objects.count() == 0


def test_camat_juga_boleh(data_a, camat_a):
    tujuan = layanan.tujuan_simpan(user=camat_a, renstra=data_a.renstra, kode="T2", uraian="Tujuan kedua")
    assert (tujuan.kode, tujuan.urutan) == ("T2", 2)


# --- Renstra ------------------------------------------------------------------------------------------


def test_renstra_dibuat(operator_a, kecamatan_a):
    renstra = layanan.renstra_simpan(
        user=operator_a,
        kecamatan=kecamatan_a,
        tahun_awal=2024,
        tahun_akhir=2026,
        dasar=" RPD 2024-2026 ",
        visi="Banyumas maju",
        misi=["  Misi satu ", "", "Misi dua", "Misi tiga"],
        misi_didukung=[3, 1, 3],
    )
    renstra.refresh_from_db()
    assert (renstra.kecamatan, renstra.tahun_awal, renstra.tahun_akhir) == (kecamatan_a, 2024, 2026)
    assert (renstra.dasar, renstra.visi) == ("RPD 2024-2026", "Banyumas maju")
    assert renstra.misi == ["Misi satu", "Misi dua", "Misi tiga"]
    assert renstra.misi_didukung == [1, 3]


def test_renstra_diubah(data_a, operator_a, kecamatan_a):
    layanan.renstra_simpan(
        user=operator_a,
        kecamatan=kecamatan_a,
        renstra=data_a.renstra,
        tahun_awal=2019,
        tahun_akhir=2024,
        visi="Visi baru",
        misi=["A", "B", "C"],
        misi_didukung=[2],
    )
    data_a.renstra.refresh_from_db()
    assert (data_a.renstra.tahun_akhir, data_a.renstra.visi, data_a.renstra.misi) == (
        2024,
        "Visi baru",
        ["A", "B", "C"],
    )
    assert data_a.renstra.dasar == ""


def test_renstra_misi_didukung_harus_ada(operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        layanan.renstra_simpan(
            user=operator_a,
            kecamatan=kecamatan_a,
            tahun_awal=2024,
            tahun_akhir=2026,
            misi=["A", "B"],
            misi_didukung=[3],
        )
    assert _pesan(e) == {"misi_didukung": ["Misi nomor 3 tidak ada: Renstra ini hanya memiliki 2 misi."]}
    with pytest.raises(ValidationError) as e:
        layanan.renstra_simpan(
            user=operator_a, kecamatan=kecamatan_a, tahun_awal=2024, tahun_akhir=2026, misi_didukung=[1]
        )
    assert _pesan(e) == {"misi_didukung": ["Misi nomor 1 tidak ada: misi belum diisi."]}
    assert Renstra.objects.count() == 0


def test_renstra_periode_tidak_valid(operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        layanan.renstra_simpan(user=operator_a, kecamatan=kecamatan_a, tahun_awal=2026, tahun_akhir=2024)
    assert _pesan(e) == {"tahun_akhir": ["Tahun akhir tidak boleh sebelum tahun awal."]}
    with pytest.raises(ValidationError) as e:
        layanan.renstra_simpan(user=operator_a, kecamatan=kecamatan_a, tahun_awal=2020, tahun_akhir=2030)
    assert _pesan(e) == {"tahun_akhir": ["Periode Renstra paling lama 10 tahun."]}
    assert Renstra.objects.count() == 0


def test_renstra_periode_kembar_ditolak(data_a, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        layanan.renstra_simpan(user=operator_a, kecamatan=kecamatan_a, tahun_awal=2019, tahun_akhir=2023)
    assert _pesan(e) == {"tahun_awal": ["Renstra 2019–2023 sudah ada untuk kecamatan ini."]}
    assert Renstra.objects.count() == 1


def test_renstra_periode_tidak_dapat_dipersempit_bila_ada_data(data_a, operator_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        layanan.renstra_simpan(
            user=operator_a, kecamatan=kecamatan_a, renstra=data_a.renstra, tahun_awal=2022, tahun_akhir=2023
        )
    assert _pesan(e) == {
        "tahun_awal": [
            "Periode tidak dapat dipersempit karena masih ada target Renstra tahun 2020 dan 2021 "
            "dan data SDM tahun 2021. Hapus dulu data tahun itu."
        ]
    }
    data_a.renstra.refresh_from_db()
    assert (data_a.renstra.tahun_awal, data_a.renstra.tahun_akhir) == (2019, 2023)
    layanan.renstra_simpan(
        user=operator_a, kecamatan=kecamatan_a, renstra=data_a.renstra, tahun_awal=2020, tahun_akhir=2023
    )
    data_a.renstra.refresh_from_db()
    assert data_a.renstra.tahun_periode == [2020, 2021, 2022, 2023]


# --- tujuan and sasaran ---------------------------------------------------------------------------


def test_tujuan_baru_di_akhir_dan_kode_unik(data_a, operator_a):
    t2 = layanan.tujuan_simpan(user=operator_a, renstra=data_a.renstra, kode=" T2 ", uraian=" Tujuan kedua ")
    assert (t2.kode, t2.uraian, t2.urutan) == ("T2", "Tujuan kedua", 2)
    with pytest.raises(ValidationError) as e:
        layanan.tujuan_simpan(user=operator_a, renstra=data_a.renstra, kode="T1", uraian="Lain")
    assert _pesan(e) == {"kode": ['Kode "T1" sudah dipakai di Renstra ini.']}
    layanan.tujuan_simpan(user=operator_a, renstra=data_a.renstra, tujuan=t2, kode="T2", uraian="Diubah")
    t2.refresh_from_db()
    assert (t2.kode, t2.uraian, t2.urutan) == ("T2", "Diubah", 2)
    assert _kode(Tujuan.objects.all()) == ["T1", "T2"]


def test_sasaran_dengan_sdm(data_a, operator_a):
    t1 = data_a.t11.tujuan
    sasaran = layanan.sasaran_simpan(
        user=operator_a,
        tujuan=t1,
        kode="S3",
        uraian="Meningkatnya partisipasi",
        strategi=["Sosialisasi", " ", "Pendampingan "],
        kebijakan=["Musrenbang"],
        sdm=[
            SdmTahun(tahun=2021, target=5, realisasi=4, keterangan=" kurang 1 "),
            SdmTahun(tahun=2022, target=None, realisasi=None),
        ],
    )
    sasaran.refresh_from_db()
    assert (sasaran.renstra, sasaran.tujuan, sasaran.urutan) == (data_a.renstra, t1, 3)
    assert (sasaran.strategi, sasaran.kebijakan) == (["Sosialisasi", "Pendampingan"], ["Musrenbang"])
    assert list(
        SdmSasaran.objects.filter(sasaran=sasaran).values_list("tahun", "target", "realisasi", "keterangan")
    ) == [(2021, 5, 4, "kurang 1")]
    layanan.sasaran_simpan(
        user=operator_a,
        tujuan=t1,
        sasaran=sasaran,
        kode="S3",
        uraian="Meningkatnya partisipasi",
        sdm=[SdmTahun(tahun=2021, target=None, realisasi=None), SdmTahun(tahun=2023, target=6, realisasi=0)],
    )
    assert list(SdmSasaran.objects.filter(sasaran=sasaran).values_list("tahun", "target", "realisasi")) == [
        (2023, 6, 0)
    ]


def test_sasaran_sdm_setengah_ditolak(data_a, operator_a):
    s1 = data_a.s11.sasaran
    with pytest.raises(ValidationError) as e:
        layanan.sasaran_simpan(
            user=operator_a,
            tujuan=s1.tujuan,
            sasaran=s1,
            kode="S1",
            uraian="Diubah",
            sdm=[SdmTahun(tahun=2022, target=3, realisasi=None)],
        )
    assert _pesan(e) == {
        "sdm_realisasi_2022": ["Isi target dan realisasi SDM tahun 2022, atau kosongkan keduanya."]
    }
    s1.refresh_from_db()
    assert s1.uraian == "Meningkatnya kepuasan masyarakat"


def test_sasaran_sdm_tanpa_sdm_tidak_disentuh(data_a, operator_a):
    s1 = data_a.s11.sasaran
    layanan.sasaran_simpan(user=operator_a, tujuan=s1.tujuan, sasaran=s1, kode="S1", uraian="Diubah")
    assert list(SdmSasaran.objects.filter(sasaran=s1).values_list("tahun", "target", "realisasi")) == [
        (2021, 12, 11)
    ]


def test_sasaran_pindah_tujuan_ke_akhir(data_a, operator_a):
    t2 = f.TujuanFactory(renstra=data_a.renstra, kode="T2", urutan=2)
    f.SasaranFactory(tujuan=t2, kode="S9", urutan=7)
    s1 = data_a.s11.sasaran
    layanan.sasaran_simpan(user=operator_a, tujuan=t2, sasaran=s1, kode="S1", uraian=s1.uraian)
    s1.refresh_from_db()
    assert (s1.tujuan, s1.urutan) == (t2, 8)
    assert _kode(Sasaran.objects.filter(tujuan=t2)) == ["S9", "S1"]


def test_sasaran_kode_unik(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.sasaran_simpan(user=operator_a, tujuan=data_a.t11.tujuan, kode="S2", uraian="Lain")
    assert _pesan(e) == {"kode": ['Kode "S2" sudah dipakai di Renstra ini.']}


# --- indicators -------------------------------------------------------------------------------------


def test_indikator_dibuat_dengan_semua_atribut(data_a, operator_a):
    s2 = data_a.s21.sasaran
    indikator = layanan.indikator_simpan(
        user=operator_a,
        sasaran=s2,
        kode="S2.3",
        nama="Jumlah desa tertib administrasi",
        satuan="desa",
        arah=Arah.NAIK,
        kumulatif=True,
        iku=True,
        definisi="Desa dengan administrasi lengkap",
        formula="Jumlah desa",
        sumber_data="Seksi Pemerintahan",
        penanggung_jawab="Kasi Pemerintahan",
        sumber_realisasi=SumberRealisasi.ISIAN,
        target_akhir=Nilai(nilai=D("15"), pembanding=">="),
    )
    indikator.refresh_from_db()
    assert (indikator.renstra, indikator.sasaran, indikator.tujuan, indikator.urutan) == (
        data_a.renstra,
        s2,
        None,
        5,
    )
    assert (indikator.kode, indikator.nama, indikator.satuan, indikator.arah) == (
        "S2.3",
        "Jumlah desa tertib administrasi",
        "desa",
        "naik",
    )
    assert (indikator.kumulatif, indikator.iku, indikator.sumber_realisasi) == (True, True, "isian")
    assert (indikator.definisi, indikator.formula, indikator.sumber_data, indikator.penanggung_jawab) == (
        "Desa dengan administrasi lengkap",
        "Jumlah desa",
        "Seksi Pemerintahan",
        "Kasi Pemerintahan",
    )
    assert (indikator.target_akhir, indikator.target_akhir_label, indikator.target_akhir_pembanding) == (
        D("15"),
        "",
        ">=",
    )
    assert _kode(Indikator.objects.filter(sasaran=s2)) == ["S2.1", "S2.2", "S2.3"]
    riwayat = indikator.history.get()
    assert (riwayat.history_type, riwayat.history_user, riwayat.history_change_reason) == (
        "+",
        operator_a,
        "Dibuat lewat formulir",
    )


def test_indikator_diubah_dan_dipindah_ke_tujuan(data_a, operator_a):
    t1 = data_a.t11.tujuan
    layanan.indikator_simpan(
        user=operator_a,
        indikator=data_a.s22,
        tujuan=t1,
        kode="T1.2",
        nama="Jumlah gangguan ketertiban",
        satuan="kasus",
        arah=Arah.TURUN,
        target_akhir=Nilai(nilai=D("3")),
        alasan="Dipindah ke tujuan",
    )
    data_a.s22.refresh_from_db()
    assert (data_a.s22.tujuan, data_a.s22.sasaran, data_a.s22.kode, data_a.s22.target_akhir) == (
        t1,
        None,
        "T1.2",
        D("3"),
    )
    assert _kode(Indikator.objects.filter(tujuan=t1)) == ["T1.1", "T1.2"]
    assert data_a.s22.history.latest().history_change_reason == "Dipindah ke tujuan"


def test_indikator_kode_unik_per_renstra(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.indikator_simpan(user=operator_a, tujuan=data_a.t11.tujuan, kode="S1.1", nama="x", satuan="%")
    assert _pesan(e) == {"kode": ['Kode "S1.1" sudah dipakai di Renstra ini.']}
    # Kode of another Renstra is free.
    lain = f.RenstraFactory(kecamatan=data_a.renstra.kecamatan, tahun_awal=2024, tahun_akhir=2026)
    tujuan = f.TujuanFactory(renstra=lain)
    assert (
        layanan.indikator_simpan(user=operator_a, tujuan=tujuan, kode="S1.1", nama="x", satuan="%").kode
        == "S1.1"
    )


def test_indikator_iku_wajib_target_akhir(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.indikator_simpan(
            user=operator_a, sasaran=data_a.s21.sasaran, kode="S2.9", nama="x", satuan="%", iku=True
        )
    assert _pesan(e) == {"target_akhir": ["Indikator IKU wajib memiliki target akhir Renstra."]}
    assert not Indikator.objects.filter(kode="S2.9").exists()


@pytest.mark.parametrize("satuan", ["orang", "Orang", "ASN", "Jenis Laporan", "dokumen/tahun"])
def test_indikator_target_negatif_untuk_satuan_cacah(data_a, operator_a, satuan):
    with pytest.raises(ValidationError) as e:
        layanan.indikator_simpan(
            user=operator_a,
            sasaran=data_a.s21.sasaran,
            kode="S2.9",
            nama="x",
            satuan=satuan,
            target_akhir=Nilai(nilai=D("-1")),
        )
    assert _pesan(e) == {"target_akhir": [f'Target untuk satuan "{satuan}" tidak boleh negatif.']}


def test_indikator_target_negatif_boleh_untuk_satuan_lain(data_a, operator_a):
    indikator = layanan.indikator_simpan(
        user=operator_a,
        sasaran=data_a.s21.sasaran,
        kode="S2.9",
        nama="Pertumbuhan",
        satuan="%",
        target_akhir=Nilai(nilai=D("-2.5")),
    )
    assert indikator.target_akhir == D("-2.5")


def test_indikator_harus_satu_induk(data_a, operator_a):
    for induk in ({}, {"tujuan": data_a.t11.tujuan, "sasaran": data_a.s11.sasaran}):
        with pytest.raises(ValidationError) as e:
            layanan.indikator_simpan(user=operator_a, kode="X", nama="x", satuan="%", **induk)
        assert _pesan(e) == {"induk": ["Pilih satu induk: tujuan atau sasaran."]}


# --- Renstra targets --------------------------------------------------------------------------------


def test_target_renstra_ditulis_diubah_dihapus(data_a, operator_a):
    s11 = data_a.s11
    layanan.target_renstra_simpan(
        user=operator_a,
        indikator=s11,
        target={
            2019: None,
            2020: None,
            2021: Nilai(nilai=D("86")),
            2022: Nilai(nilai=D("87.5")),
            2023: Nilai(nilai=D("88"), pembanding=">="),
        },
        target_akhir=Nilai(nilai=D("88")),
    )
    assert list(Target.objects.filter(indikator=s11).values_list("tahun", "nilai", "pembanding")) == [
        (2021, D("86"), ""),
        (2022, D("87.5"), ""),
        (2023, D("88"), ">="),
    ]
    riwayat = list(
        Target.history.filter(indikator_id=s11.pk, history_user=operator_a)
        .order_by("tahun")
        .values_list("tahun", "history_type", "history_change_reason")
    )
    # 2021 was 86 already: not written again; 2020 deleted; 2022 and 2023 created.
    assert riwayat == [
        (2020, "-", "Diubah lewat formulir"),
        (2022, "+", "Diubah lewat formulir"),
        (2023, "+", "Diubah lewat formulir"),
    ]
    # The target akhir did not change: no new history row of the indicator.
    assert s11.history.count() == 1


def test_target_renstra_alasan_dan_target_akhir(data_a, operator_a):
    s11 = data_a.s11
    layanan.target_renstra_simpan(
        user=operator_a,
        indikator=s11,
        target={2021: Nilai(nilai=D("90"))},
        target_akhir=Nilai(nilai=D("72.10"), label="BB"),
        alasan="Reviu Renstra 2022",
    )
    s11.refresh_from_db()
    assert (s11.target_akhir, s11.target_akhir_label) == (D("72.10"), "BB")
    assert Target.objects.get(indikator=s11, tahun=2021).nilai == D("90")
    assert Target.objects.get(indikator=s11, tahun=2020).nilai == D("85.78")
    assert (
        Target.history.filter(indikator_id=s11.pk, tahun=2021).latest().history_change_reason
        == "Reviu Renstra 2022"
    )
    assert s11.history.latest().history_change_reason == "Reviu Renstra 2022"


def test_target_renstra_ditolak_tanpa_menulis(data_a, operator_a):
    s11 = data_a.s11
    with pytest.raises(ValidationError) as e:
        layanan.target_renstra_simpan(
            user=operator_a, indikator=s11, target={2021: Nilai(nilai=D("1"))}, target_akhir=None
        )
    assert _pesan(e) == {"target_akhir": ["Indikator IKU wajib memiliki target akhir Renstra."]}
    with pytest.raises(ValidationError) as e:
        layanan.target_renstra_simpan(
            user=operator_a, indikator=s11, target={2024: Nilai(nilai=D("1"))}, target_akhir=None
        )
    assert e.value.messages == ["Tahun 2024 di luar periode Renstra 2019-2023."]
    orang = f.IndikatorFactory(sasaran=data_a.s11.sasaran, satuan="Orang", kode="S1.9")
    with pytest.raises(ValidationError) as e:
        layanan.target_renstra_simpan(
            user=operator_a, indikator=orang, target={2022: Nilai(nilai=D("-3"))}, target_akhir=None
        )
    assert _pesan(e) == {"target_2022": ['Target untuk satuan "Orang" tidak boleh negatif.']}
    assert Target.objects.get(indikator=s11, tahun=2021).nilai == D("86")
    assert not Target.objects.filter(indikator=orang).exists()


# --- analysis ---------------------------------------------------------------------------------------


def test_analisis_disimpan_dan_dikosongkan(data_a, operator_a):
    s1 = data_a.s11.sasaran
    analisis = layanan.analisis_simpan(
        user=operator_a,
        sasaran=s1,
        tahun=2021,
        pendukung=["Dukungan desa", ""],
        penghambat=["Anggaran terbatas"],
        solusi=[" Kolaborasi "],
        catatan=" Catatan ",
    )
    analisis.refresh_from_db()
    assert (analisis.pendukung, analisis.penghambat, analisis.solusi, analisis.catatan) == (
        ["Dukungan desa"],
        ["Anggaran terbatas"],
        ["Kolaborasi"],
        "Catatan",
    )
    assert layanan.analisis_simpan(user=operator_a, sasaran=s1, tahun=2021, pendukung=[" "]) is None
    assert AnalisisSasaran.objects.count() == 0


def test_analisis_tahun_di_luar_periode(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.analisis_simpan(user=operator_a, sasaran=data_a.s11.sasaran, tahun=2018, catatan="x")
    assert _pesan(e) == {"tahun": ["Tahun 2018 di luar periode Renstra 2019-2023."]}


# --- order ------------------------------------------------------------------------------------------


def test_indikator_pindah_dalam_induknya(data_a, operator_a):
    s2 = data_a.s21.sasaran
    assert layanan.indikator_pindah(user=operator_a, indikator=data_a.s22, arah="naik") is True
    assert _kode(Indikator.objects.filter(sasaran=s2)) == ["S2.2", "S2.1"]
    assert list(Indikator.objects.filter(sasaran=s2).order_by("urutan").values_list("kode", "urutan")) == [
        ("S2.2", 1),
        ("S2.1", 2),
    ]
    assert layanan.indikator_pindah(user=operator_a, indikator=data_a.s22, arah="naik") is False
    assert layanan.indikator_pindah(user=operator_a, indikator=data_a.s21, arah="turun") is False
    # Other parents are untouched; the order leaves no history rows.
    assert Indikator.objects.get(pk=data_a.s11.pk).urutan == 2
    assert data_a.s22.history.count() == 1


def test_tujuan_dan_sasaran_pindah(data_a, operator_a):
    t2 = f.TujuanFactory(renstra=data_a.renstra, kode="T2", urutan=1)
    assert _kode(Tujuan.objects.all()) == ["T1", "T2"]
    assert layanan.tujuan_pindah(user=operator_a, tujuan=t2, arah="naik") is True
    assert _kode(Tujuan.objects.all()) == ["T2", "T1"]
    s1 = data_a.s11.sasaran
    assert layanan.sasaran_pindah(user=operator_a, sasaran=s1, arah="turun") is True
    assert _kode(Sasaran.objects.filter(tujuan=s1.tujuan)) == ["S2", "S1"]
    with pytest.raises(ValidationError) as e:
        layanan.sasaran_pindah(user=operator_a, sasaran=s1, arah="kiri")
    assert _pesan(e) == {"arah": ['Arah harus "naik" atau "turun".']}


# --- deleting ---------------------------------------------------------------------------------------


def test_indikator_yang_dipakai_tidak_dapat_dihapus(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.indikator_hapus(user=operator_a, indikator=data_a.s11)
    assert e.value.messages == [
        "Indikator S1.1 tidak dapat dihapus karena masih dipakai oleh 3 target PK dan 5 realisasi."
    ]
    with pytest.raises(ValidationError) as e:
        layanan.indikator_hapus(user=operator_a, indikator=data_a.s22)
    assert e.value.messages == ["Indikator S2.2 tidak dapat dihapus karena masih dipakai oleh 1 target PK."]
    assert Indikator.objects.count() == 4
    assert Target.objects.filter(indikator=data_a.s11).count() == 2


def test_indikator_dihapus_dengan_targetnya(data_a, operator_a):
    indikator = f.IndikatorFactory(sasaran=data_a.s11.sasaran, kode="S1.2")
    f.TargetFactory(indikator=indikator, tahun=2022)
    pk = indikator.pk
    layanan.indikator_hapus(user=operator_a, indikator=indikator)
    assert not Indikator.objects.filter(pk=pk).exists()
    assert not Target.objects.filter(indikator_id=pk).exists()
    assert list(
        Target.history.filter(indikator_id=pk, history_type="-").values_list(
            "history_change_reason", "history_user"
        )
    ) == [("Indikator S1.2 dihapus", operator_a.pk)]
    assert (
        Indikator.history.filter(id=pk, history_type="-").get().history_change_reason
        == "Indikator S1.2 dihapus"
    )


def test_tujuan_dan_sasaran_dengan_isi_tidak_dapat_dihapus(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        layanan.tujuan_hapus(user=operator_a, tujuan=data_a.t11.tujuan)
    assert e.value.messages == [
        "Tujuan T1 tidak dapat dihapus karena masih memiliki 2 sasaran dan 1 indikator."
    ]
    with pytest.raises(ValidationError) as e:
        layanan.sasaran_hapus(user=operator_a, sasaran=data_a.s21.sasaran)
    assert e.value.messages == ["Sasaran S2 tidak dapat dihapus karena masih memiliki 2 indikator."]
    assert (Tujuan.objects.count(), Sasaran.objects.count()) == (1, 2)


def test_tujuan_dan_sasaran_kosong_dihapus(data_a, operator_a):
    t2 = f.TujuanFactory(renstra=data_a.renstra, kode="T2")
    s9 = f.SasaranFactory(tujuan=t2, kode="S9")
    f.SdmSasaranFactory(sasaran=s9)
    AnalisisSasaran.objects.create(sasaran=s9, tahun=2021, catatan="x")
    with pytest.raises(ValidationError) as e:
        layanan.tujuan_hapus(user=operator_a, tujuan=t2)
    assert e.value.messages == ["Tujuan T2 tidak dapat dihapus karena masih memiliki 1 sasaran."]
    layanan.sasaran_hapus(user=operator_a, sasaran=s9)
    layanan.tujuan_hapus(user=operator_a, tujuan=t2)
    assert _kode(Tujuan.objects.all()) == ["T1"]
    assert (SdmSasaran.objects.count(), AnalisisSasaran.objects.count()) == (1, 0)
