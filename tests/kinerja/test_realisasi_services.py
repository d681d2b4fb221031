"""kinerja/services/realisasi.py: saving realisasi cell by cell and the whole grid, with history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja import selectors
from kinerja.models import Realisasi, SumberRealisasi, TargetPK
from kinerja.nilai import Nilai
from kinerja.services.realisasi import (
    ALASAN_IMPOR_WAJIB,
    ALASAN_WAJIB,
    GridTidakValid,
    IsianBaris,
    IsianImpor,
    realisasi_grid_simpan,
    realisasi_impor,
    realisasi_simpan,
    realisasi_triwulan_simpan,
)

pytestmark = pytest.mark.django_db

Periode = Realisasi.Periode
Status = Realisasi.Status
D = Decimal


def _simpan(
    user, indikator, *, periode=Periode.TAHUNAN, nilai=None, status=Status.FINAL, keterangan="", alasan=""
):
    return realisasi_simpan(
        user=user,
        indikator=indikator,
        tahun=2021,
        periode=periode,
        nilai=nilai,
        status=status,
        keterangan=keterangan,
        alasan=alasan,
    )


def _riwayat(indikator, periode=Periode.TAHUNAN):
    return [
        (
            h.history_type,
            h.nilai,
            h.status,
            h.history_user.username if h.history_user else None,
            h.history_change_reason,
        )
        for h in Realisasi.history.filter(indikator=indikator, tahun=2021, periode=periode).order_by(
            "history_id"
        )
    ]


def _tersimpan(indikator, periode=Periode.TAHUNAN):
    return list(
        Realisasi.objects.filter(indikator=indikator, tahun=2021, periode=periode).values_list(
            "nilai", "label", "status", "keterangan"
        )
    )


def test_nilai_baru_tersimpan_dengan_pengguna(data_a, operator_a):
    r = _simpan(operator_a, data_a.s22, nilai=Nilai(D("3")), keterangan="Data Satpol PP")
    assert (r.nilai, r.status, r.keterangan) == (D("3"), Status.FINAL, "Data Satpol PP")
    assert _riwayat(data_a.s22) == [("+", D("3.0000"), "final", "operator_a", None)]


def test_nilai_berlabel_tersimpan_utuh(data_a, camat_a):
    _simpan(camat_a, data_a.s22, nilai=Nilai(D("72.10"), label="BB"))
    assert _tersimpan(data_a.s22) == [(D("72.1000"), "BB", "final", "")]


def test_mengubah_nilai_tersimpan_tanpa_alasan_ditolak(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        _simpan(operator_a, data_a.s11, nilai=Nilai(D("87")), keterangan="Survei semester II")
    assert e.value.message_dict == {"alasan": [ALASAN_WAJIB]}
    assert e.value.message_dict["alasan"] == [
        "Alasan perubahan wajib diisi karena nilai yang sudah tersimpan berubah."
    ]
    assert _tersimpan(data_a.s11) == [(D("86.4800"), "", "final", "Survei semester II")]


def test_mengubah_nilai_dengan_alasan_dicatat_di_riwayat(data_a, operator_a):
    _simpan(
        operator_a, data_a.s11, nilai=Nilai(D("87")), keterangan="Survei semester II", alasan=" Salah ketik "
    )
    assert _tersimpan(data_a.s11) == [(D("87.0000"), "", "final", "Survei semester II")]
    assert _riwayat(data_a.s11)[-1] == ("~", D("87.0000"), "final", "operator_a", "Salah ketik")


def test_nilai_sama_tidak_menambah_riwayat(data_a, operator_a):
    sebelum = _riwayat(data_a.s11)
    r = _simpan(operator_a, data_a.s11, nilai=Nilai(D("86.4800")), keterangan="Survei semester II")
    assert r.nilai == D("86.48")
    assert _riwayat(data_a.s11) == sebelum


def test_status_saja_berubah_tanpa_alasan_boleh(data_a, operator_a):
    _simpan(operator_a, data_a.s21, nilai=Nilai(D("95")), status=Status.FINAL)
    assert _tersimpan(data_a.s21) == [(D("95.0000"), "", "final", "")]
    assert _riwayat(data_a.s21)[-1] == ("~", D("95.0000"), "final", "operator_a", None)


def test_belum_tersedia_dengan_nilai_ditolak(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        _simpan(operator_a, data_a.s22, nilai=Nilai(D("3")), status=Status.BELUM_TERSEDIA)
    assert e.value.message_dict == {"nilai": ["Realisasi yang belum tersedia tidak boleh berisi nilai."]}
    assert _tersimpan(data_a.s22) == []


def test_belum_tersedia_tanpa_nilai_disimpan(data_a, operator_a):
    _simpan(operator_a, data_a.s22, status=Status.BELUM_TERSEDIA, keterangan="Menunggu data Satpol PP")
    assert _tersimpan(data_a.s22) == [(None, "", "belum_tersedia", "Menunggu data Satpol PP")]


def test_kosong_final_tanpa_keterangan_menghapus_baris(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        _simpan(operator_a, data_a.s21)
    assert e.value.message_dict == {"alasan": [ALASAN_WAJIB]}
    assert _simpan(operator_a, data_a.s21, alasan="Data ditarik") is None
    assert _tersimpan(data_a.s21) == []
    assert _riwayat(data_a.s21)[-1] == ("-", D("95.0000"), "sementara", "operator_a", "Data ditarik")


def test_kosong_tanpa_baris_tidak_berbuat_apa_apa(data_a, operator_a):
    assert _simpan(operator_a, data_a.s22) is None
    assert _riwayat(data_a.s22) == []


def test_tahun_di_luar_renstra_ditolak(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        realisasi_simpan(
            user=operator_a,
            indikator=data_a.s22,
            tahun=2024,
            periode=Periode.TAHUNAN,
            nilai=Nilai(D("1")),
            status=Status.FINAL,
            keterangan="",
            alasan="",
        )
    assert e.value.message_dict == {
        "tahun": ["Tahun 2024 di luar Renstra 2019-2023 (boleh 2014 sampai 2023)."]
    }


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat", "admin_kabupaten"])
def test_tanpa_hak_ubah_ditolak(request, data_a, persona):
    with pytest.raises(PermissionDenied):
        _simpan(request.getfixturevalue(persona), data_a.s22, nilai=Nilai(D("3")))
    assert _tersimpan(data_a.s22) == []


def test_triwulan_mempertahankan_status_dan_keterangan(data_a, operator_a):
    tw = Realisasi.objects.get(indikator=data_a.s11, tahun=2021, periode=Periode.TW1)
    tw.status, tw.keterangan = Status.SEMENTARA, "Angka sementara"
    tw.save()
    realisasi_triwulan_simpan(
        user=operator_a,
        indikator=data_a.s11,
        tahun=2021,
        periode=Periode.TW1,
        nilai=Nilai(D("81")),
        alasan="Revisi",
    )
    assert _tersimpan(data_a.s11, Periode.TW1) == [(D("81.0000"), "", "sementara", "Angka sementara")]
    assert _riwayat(data_a.s11, Periode.TW1)[-1] == ("~", D("81.0000"), "sementara", "operator_a", "Revisi")


def test_triwulan_dikosongkan_perlu_alasan_lalu_terhapus(data_a, operator_a):
    def kosongkan(alasan):
        return realisasi_triwulan_simpan(
            user=operator_a, indikator=data_a.s11, tahun=2021, periode=Periode.TW2, nilai=None, alasan=alasan
        )

    with pytest.raises(ValidationError) as e:
        kosongkan("")
    assert e.value.message_dict == {"alasan": [ALASAN_WAJIB]}
    assert kosongkan("Belum diverifikasi") is None
    assert _tersimpan(data_a.s11, Periode.TW2) == []


def test_triwulan_belum_tersedia_dibiarkan_bila_kosong(data_a, operator_a):
    Realisasi.objects.create(
        indikator=data_a.s22,
        tahun=2021,
        periode=Periode.TW1,
        status=Status.BELUM_TERSEDIA,
        keterangan="Tunggu",
    )
    realisasi_triwulan_simpan(
        user=operator_a, indikator=data_a.s22, tahun=2021, periode=Periode.TW1, nilai=None, alasan=""
    )
    assert _tersimpan(data_a.s22, Periode.TW1) == [(None, "", "belum_tersedia", "Tunggu")]


# --- the yearly value derived from the triwulan ---------------------------------------------------


def _turunan(kecamatan, indikator):
    grid = selectors.realisasi_grid(kecamatan=kecamatan, tahun=2021)
    return {b.indikator.kode: (b.turunan, b.cara_turunan) for b in grid.baris}[indikator.kode]


def test_turunan_nilai_terakhir_bila_tahunan_kosong(data_a, kecamatan_a, operator_a):
    assert _turunan(kecamatan_a, data_a.s11) == (None, "nilai terakhir")
    _simpan(operator_a, data_a.s11, alasan="Tahunan dihitung dari triwulan")
    assert _turunan(kecamatan_a, data_a.s11) == (D("86.48"), "nilai terakhir")
    assert _tersimpan(data_a.s11) == []


def test_turunan_jumlah_untuk_kumulatif(data_a, kecamatan_a, operator_a):
    data_a.s22.kumulatif = True
    data_a.s22.save()
    for periode, nilai in [(Periode.TW1, "1"), (Periode.TW2, "2,5"), (Periode.TW4, "0")]:
        realisasi_triwulan_simpan(
            user=operator_a,
            indikator=data_a.s22,
            tahun=2021,
            periode=periode,
            nilai=Nilai(D(nilai.replace(",", "."))),
            alasan="",
        )
    assert _turunan(kecamatan_a, data_a.s22) == (D("3.5"), "jumlah")


def test_turunan_rerata_untuk_skm(data_a, kecamatan_a, operator_a):
    data_a.s11.sumber_realisasi = SumberRealisasi.SKM
    data_a.s11.save()
    _simpan(operator_a, data_a.s11, alasan="Dihitung dari SKM")
    assert _turunan(kecamatan_a, data_a.s11) == (D("83.27"), "rata-rata")


def test_turunan_tidak_ada_bila_belum_tersedia(data_a, kecamatan_a, operator_a):
    _simpan(operator_a, data_a.s11, status=Status.BELUM_TERSEDIA, alasan="Survei diulang")
    assert _turunan(kecamatan_a, data_a.s11) == (None, "nilai terakhir")


# --- the whole grid ------------------------------------------------------------------------------------


def _isian(indikator, triwulan, tahunan, status=Status.FINAL, keterangan="", alasan_sel=None):
    return IsianBaris(
        indikator=indikator,
        triwulan=tuple(Nilai(D(n)) if n else None for n in triwulan),
        tahunan=Nilai(D(tahunan)) if tahunan else None,
        status=status,
        keterangan=keterangan,
        alasan_sel=alasan_sel or {},
    )


def test_grid_semua_atau_tidak_sama_sekali(data_a, operator_a):
    with pytest.raises(GridTidakValid) as e:
        realisasi_grid_simpan(
            user=operator_a,
            tahun=2021,
            isian=[
                _isian(data_a.s22, ["1", None, None, None], "4"),
                _isian(data_a.s11, ["80.10", "82.50", "84", "86.48"], "90", keterangan="Survei semester II"),
            ],
            alasan="",
        )
    assert {k: v.message_dict for k, v in e.value.kesalahan.items()} == {
        (data_a.s11.pk, Periode.TAHUNAN): {"alasan": [ALASAN_WAJIB]}
    }
    assert _tersimpan(data_a.s22) == []
    assert _tersimpan(data_a.s22, Periode.TW1) == []


def test_grid_alasan_bersama_dicatat_pada_setiap_perubahan(data_a, operator_a):
    realisasi_grid_simpan(
        user=operator_a,
        tahun=2021,
        isian=[
            _isian(data_a.s22, ["1", None, None, None], "4"),
            _isian(
                data_a.s11,
                ["80.10", "82.50", "84", "86"],
                "90",
                keterangan="Survei semester II",
                alasan_sel={Periode.TW4: "Dibulatkan"},
            ),
        ],
        alasan="Hasil verifikasi",
    )
    assert _tersimpan(data_a.s11) == [(D("90.0000"), "", "final", "Survei semester II")]
    assert _riwayat(data_a.s11)[-1] == ("~", D("90.0000"), "final", "operator_a", "Hasil verifikasi")
    assert _riwayat(data_a.s11, Periode.TW4)[-1] == ("~", D("86.0000"), "final", "operator_a", "Dibulatkan")
    assert _riwayat(data_a.s22, Periode.TW1) == [
        ("+", D("1.0000"), "final", "operator_a", "Hasil verifikasi")
    ]
    assert _riwayat(data_a.s11, Periode.TW1)[-1][0] == "+"


# --- realisasi_impor (Excel upload) ---------------------------------------------------------------------


def _baris(indikator, tw1="1", *, target="4", status=Status.FINAL, tahunan=None):
    return IsianImpor(
        indikator=indikator,
        target=Nilai(D(target)) if target is not None else None,
        triwulan=(Nilai(D(tw1)) if tw1 else None, None, None, None),
        tahunan=Nilai(D(tahunan)) if tahunan else None,
        status=status,
        keterangan="",
    )


def _impor(user, isian, **kwargs):
    return realisasi_impor(
        user=user, kecamatan=isian[0].indikator.renstra.kecamatan, tahun=2021, isian=isian, **kwargs
    )


def test_impor_menulis_dan_mencatat_alasan(data_a, operator_a):
    hasil = _impor(operator_a, [_baris(data_a.s22, target="3.5")], alasan="Impor Excel: a.xlsx")
    assert hasil.tersimpan
    assert [(p.indikator.kode, p.kolom, p.teks_lama, p.teks_baru) for p in hasil.perubahan] == [
        ("S2.2", "target", "4,00", "3,50"),
        ("S2.2", "tw1", "(kosong)", "1,00"),
    ]
    assert _riwayat(data_a.s22, Periode.TW1) == [
        ("+", D("1.0000"), "final", "operator_a", "Impor Excel: a.xlsx")
    ]
    tpk = TargetPK.history.filter(indikator=data_a.s22).latest("history_id")
    assert (tpk.nilai, tpk.history_change_reason, tpk.history_user.username) == (
        D("3.5000"),
        "Impor Excel: a.xlsx",
        "operator_a",
    )


def test_impor_pratinjau_tidak_menulis(data_a, operator_a):
    hasil = _impor(operator_a, [_baris(data_a.s22)], alasan="Impor Excel: a.xlsx", pratinjau=True)
    assert (hasil.tersimpan, len(hasil.perubahan), hasil.kesalahan) == (False, 1, {})
    # The warnings as they would stand after the import: S2.2 would have a value.
    assert hasil.peringatan_realisasi == []
    assert _tersimpan(data_a.s22, Periode.TW1) == []
    assert Realisasi.history.filter(indikator=data_a.s22).count() == 0


def test_impor_harapan_berbeda_tidak_menulis(data_a, operator_a):
    pratinjau = _impor(operator_a, [_baris(data_a.s22)], alasan="Impor", pratinjau=True)
    hasil = _impor(operator_a, [_baris(data_a.s22, tw1="2")], alasan="Impor", harapan=pratinjau.sidik)
    assert (hasil.tersimpan, hasil.sidik == pratinjau.sidik) == (False, False)
    assert _tersimpan(data_a.s22, Periode.TW1) == []
    hasil = _impor(operator_a, [_baris(data_a.s22)], alasan="Impor", harapan=pratinjau.sidik)
    assert hasil.tersimpan
    assert _tersimpan(data_a.s22, Periode.TW1) == [(D("1.0000"), "", "final", "")]


def test_impor_kesalahan_per_kolom_tidak_ada_yang_tersimpan(data_a, operator_a):
    s11 = IsianImpor(
        indikator=data_a.s11,
        target=Nilai(D("85.78")),
        triwulan=(Nilai(D("80.10")), Nilai(D("82.50")), Nilai(D("84")), Nilai(D("90"))),
        tahunan=Nilai(D("86.48")),
        status=Status.FINAL,
        keterangan="Survei semester II",
    )
    s22 = _baris(data_a.s22, target=None, tahunan="3", status=Status.BELUM_TERSEDIA)
    hasil = _impor(operator_a, [s11, s22], alasan="x")
    assert hasil.kesalahan == {
        (data_a.s22.pk, "target"): [
            "Target wajib diisi: indikator ini ada di Perjanjian Kinerja Perubahan 2021. Mengeluarkan "
            "indikator dari PK dilakukan di halaman Perjanjian Kinerja."
        ],
        (data_a.s22.pk, "tahunan"): ["Realisasi yang belum tersedia tidak boleh berisi nilai."],
    }
    assert hasil.tersimpan is False
    assert _tersimpan(data_a.s11, Periode.TW4) == [(D("86.4800"), "", "final", "")]
    assert _tersimpan(data_a.s22, Periode.TW1) == []


def test_impor_indikator_di_luar_pk_ditolak(data_a, operator_a):
    t11 = IsianImpor(
        indikator=data_a.t11, target=None, triwulan=(None,) * 4, tahunan=None, status="final", keterangan=""
    )
    hasil = _impor(operator_a, [t11], alasan="x")
    assert (hasil.tersimpan, hasil.kesalahan) == (
        False,
        {(data_a.t11.pk, "kode"): ['Kode "T1.1" tidak ada di Perjanjian Kinerja Perubahan 2021.']},
    )


@pytest.mark.parametrize("persona", ["operator_b", "inspektorat", "admin_kabupaten"])
def test_impor_tanpa_hak_ubah_ditolak(request, data_a, persona):
    with pytest.raises(PermissionDenied):
        _impor(request.getfixturevalue(persona), [_baris(data_a.s22)], alasan="x")
    assert _tersimpan(data_a.s22, Periode.TW1) == []


def test_impor_tanpa_alasan_ditolak(data_a, operator_a):
    with pytest.raises(ValidationError) as e:
        _impor(operator_a, [_baris(data_a.s22)], alasan=" ")
    assert e.value.message_dict == {"alasan": [ALASAN_IMPOR_WAJIB]}
