"""kinerja/services/skm.py and kinerja/selectors_skm.py: surveys, unsur results, the public
questionnaire with its rate limit, and the yearly SKM value for indicators."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja import selectors_skm
from kinerja.models import JejakKirim, ResponSkm, SurveiSkm, UnsurSkm, VersiSkm
from kinerja.services import skm as layanan
from kinerja.services.skm import IsianRespon, IsianUnsur, KirimDitolak
from lkjip.format import format_angka

pytestmark = pytest.mark.django_db

D = Decimal
Periode = SurveiSkm.Periode
NRR_PURWAREJA = ("3.34", "3.38", "3.20", "3.97", "3.18", "3.39", "3.38", "3.38", "3.38")


def survei_purwareja(user, kecamatan, tahun=2024, periode=Periode.TAHUNAN) -> SurveiSkm:
    """The 2024 survey of 002 Purwareja Klampok: nine NRR as printed."""
    survei = layanan.survei_buat(
        user=user,
        kecamatan=kecamatan,
        tahun=tahun,
        periode=periode,
        metode="Kuesioner tatap muka",
        saran=["Pelayanan ditingkatkan, melayani dengan senyum dan ramah."],
    )
    layanan.survei_unsur_simpan(
        user=user,
        survei=survei,
        unsur=[IsianUnsur(kode=f"U{i}", nama="", nrr=D(n)) for i, n in enumerate(NRR_PURWAREJA, 1)],
    )
    return survei


def survei_kuesioner(user, kecamatan, tahun=2025, periode=Periode.SEMESTER_1) -> SurveiSkm:
    """A survey whose results come from the online questionnaire, open."""
    survei = layanan.survei_buat(user=user, kecamatan=kecamatan, tahun=tahun, periode=periode)
    layanan.kuesioner_buka(user=user, survei=survei)
    return survei


def kirim(survei, jawaban=(4, 3, 3, 4, 3, 4, 4, 3, 3), peramban="peramban-1", alamat="10.0.0.1", **kw):
    return layanan.respon_kirim(
        survei=survei, respon=IsianRespon(jawaban=tuple(jawaban), **kw), peramban=peramban, alamat=alamat
    )


# --- surveys and unsur ------------------------------------------------------------------------------


def test_survei_baru_berisi_sembilan_unsur_14_2017(operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024)
    assert list(survei.unsur.values_list("kode", "nama")) == [
        ("U1", "Persyaratan"),
        ("U2", "Sistem, Mekanisme, dan Prosedur"),
        ("U3", "Waktu Penyelesaian"),
        ("U4", "Biaya/Tarif"),
        ("U5", "Produk Spesifikasi Jenis Pelayanan"),
        ("U6", "Kompetensi Pelaksana"),
        ("U7", "Perilaku Pelaksana"),
        ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
        ("U9", "Sarana dan Prasarana"),
    ]
    lama = layanan.survei_buat(
        user=operator_a, kecamatan=kecamatan_a, tahun=2019, versi=VersiSkm.KEPMENPAN_25_2004
    )
    assert lama.unsur.count() == 14


def test_purwareja_klampok_ikm_3_400_konversi_85_mutu_b(operator_a, kecamatan_a):
    survei = survei_purwareja(operator_a, kecamatan_a)
    hasil = selectors_skm.survei_hasil(kecamatan=kecamatan_a, survei_id=survei.pk)
    assert (format_angka(hasil.ikm, 3), format_angka(hasil.konversi, 2)) == ("3,400", "85,00")
    assert (hasil.mutu.kode, hasil.mutu.label) == ("B", "Baik")
    assert [u.nama for u in hasil.terendah] == ["Produk Spesifikasi Jenis Pelayanan"]
    assert [u.nama for u in hasil.tertinggi] == ["Biaya/Tarif"]
    assert [u.kode for u in hasil.di_bawah_rerata] == ["U1", "U2", "U3", "U5", "U6", "U7", "U8", "U9"]
    assert [u.mutu.kode for u in hasil.unsur] == ["B", "B", "B", "A", "B", "B", "B", "B", "B"]
    assert selectors_skm.nilai_skm_tahun(kecamatan_a, 2024) == D("85")


def test_hasil_unsur_tiga_bentuk(operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2020)
    layanan.survei_unsur_simpan(
        user=operator_a,
        survei=survei,
        unsur=[
            IsianUnsur(kode="U1", nama="", nrr=D("3.5")),
            IsianUnsur(kode="U2", nama="", jumlah_jawaban=(0, 1, 1, 2)),
            IsianUnsur(kode="U4", nama="Biaya lain (pungutan)", distribusi=(D(0), D(40), D(20), D(40))),
        ],
    )
    hasil = selectors_skm.survei_hasil(kecamatan=kecamatan_a, survei_id=survei.pk)
    assert [(u.kode, u.bentuk, u.nrr) for u in hasil.terisi] == [
        ("U1", "nrr", D("3.5")),
        ("U2", "jumlah", D("3.25")),
        ("U4", "distribusi", D("3")),
    ]
    assert hasil.unsur[3].nama == "Biaya lain (pungutan)"
    assert hasil.ikm == D("9.75") / 3


def test_distribusi_harus_100(operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2020)
    with pytest.raises(ValidationError) as e:
        layanan.survei_unsur_simpan(
            user=operator_a,
            survei=survei,
            unsur=[IsianUnsur(kode="U4", nama="", distribusi=(D(0), D(40), D(20), D(39)))],
        )
    assert e.value.message_dict == {"U4": ["Jumlah persentase harus 100 (boleh selisih 0,5), bukan 99,00."]}
    assert UnsurSkm.objects.get(survei=survei, kode="U4").bentuk == ""


def test_satu_unsur_satu_bentuk(operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2020)
    with pytest.raises(ValidationError) as e:
        layanan.survei_unsur_simpan(
            user=operator_a,
            survei=survei,
            unsur=[IsianUnsur(kode="U1", nama="", nrr=D(3), jumlah_jawaban=(1, 1, 1, 1))],
        )
    assert e.value.message_dict == {
        "U1": ["Unsur U1: isi salah satu saja, NRR, jumlah jawaban atau distribusi persentase."]
    }


def test_periode_tidak_boleh_campur_dan_ganda(operator_a, kecamatan_a):
    layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024, periode=Periode.SEMESTER_1)
    with pytest.raises(ValidationError) as e:
        layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024, periode=Periode.SEMESTER_1)
    assert e.value.message_dict == {"periode": ["SKM 2024 Semester I sudah ada."]}
    with pytest.raises(ValidationError) as e:
        layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024, periode=Periode.TAHUNAN)
    assert e.value.message_dict == {
        "periode": [
            "Tahun 2024 sudah memakai periode Semester I. Satu tahun memakai satu jenis periode saja "
            "(tahunan, semester atau triwulan) agar nilai tahunannya jelas."
        ]
    }
    layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024, periode=Periode.SEMESTER_2)


def test_hanya_operator_dan_camat_kecamatan_sendiri(inspektorat, operator_b, camat_a, kecamatan_a):
    for user in (inspektorat, operator_b):
        with pytest.raises(PermissionDenied):
            layanan.survei_buat(user=user, kecamatan=kecamatan_a, tahun=2024)
    assert layanan.survei_buat(user=camat_a, kecamatan=kecamatan_a, tahun=2024).pk


def test_ganti_versi_hanya_sebelum_ada_hasil(operator_a, kecamatan_a):
    survei = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2019)
    layanan.survei_ubah(
        user=operator_a, survei=survei, tahun=2019, periode=Periode.TAHUNAN, versi=VersiSkm.KEPMENPAN_25_2004
    )
    assert survei.unsur.count() == 14
    layanan.survei_unsur_simpan(user=operator_a, survei=survei, unsur=[IsianUnsur("U1", "", nrr=D(3))])
    with pytest.raises(ValidationError) as e:
        layanan.survei_ubah(
            user=operator_a,
            survei=survei,
            tahun=2019,
            periode=Periode.TAHUNAN,
            versi=VersiSkm.PERMENPAN_RB_14_2017,
        )
    assert e.value.message_dict == {
        "versi": ["Pedoman tidak dapat diganti karena hasil unsur atau respon kuesioner sudah ada."]
    }


def test_nilai_skm_tahun_rerata_semester(operator_a, kecamatan_a):
    s1 = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2023, periode=Periode.SEMESTER_1)
    s2 = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2023, periode=Periode.SEMESTER_2)
    layanan.survei_unsur_simpan(user=operator_a, survei=s1, unsur=[IsianUnsur("U1", "", nrr=D("3.4"))])
    layanan.survei_unsur_simpan(user=operator_a, survei=s2, unsur=[IsianUnsur("U1", "", nrr=D("3.5"))])
    # (85 + 87,5) / 2
    assert selectors_skm.nilai_skm_tahun(kecamatan_a, 2023) == D("86.25")
    assert selectors_skm.nilai_skm_tahun(kecamatan_a, 2022) is None
    assert selectors_skm.nilai_skm_per_tahun(kecamatan=kecamatan_a) == {2023: D("86.25")}
    daftar = selectors_skm.survei_daftar(kecamatan=kecamatan_a)
    assert [(t.tahun, [h.survei.periode for h in t.survei], t.mutu.kode) for t in daftar] == [
        (2023, ["semester-1", "semester-2"], "B")
    ]


def test_survei_tanpa_hasil_tidak_memberi_nilai(operator_a, kecamatan_a):
    layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2023)
    assert selectors_skm.nilai_skm_tahun(kecamatan_a, 2023) is None
    assert selectors_skm.nilai_skm_per_tahun(kecamatan=kecamatan_a) == {}


def test_hapus_survei(operator_a, kecamatan_a):
    survei = survei_kuesioner(operator_a, kecamatan_a)
    with pytest.raises(ValidationError) as e:
        layanan.survei_hapus(user=operator_a, survei=survei)
    assert e.value.messages == [
        "Kuesioner daring SKM 2025 Semester I masih dibuka. Tutup kuesioner sebelum menghapus."
    ]
    layanan.kuesioner_tutup(user=operator_a, survei=survei)
    layanan.survei_hapus(user=operator_a, survei=survei)
    assert not SurveiSkm.objects.exists()


# --- the public questionnaire ------------------------------------------------------------------------


def test_respon_mengubah_nrr_dan_ikm(operator_a, kecamatan_a):
    survei = survei_kuesioner(operator_a, kecamatan_a)
    kirim(survei, (4, 4, 4, 4, 4, 4, 4, 4, 4), peramban="a")
    kirim(survei, (3, 2, 3, 4, 3, 3, 3, 3, 2), peramban="b", jenis_kelamin="P", kritik="Antrean lama")
    hasil = selectors_skm.survei_hasil(kecamatan=kecamatan_a, survei_id=survei.pk)
    assert [u.nrr for u in hasil.unsur] == [
        D("3.5"),
        D(3),
        D("3.5"),
        D(4),
        D("3.5"),
        D("3.5"),
        D("3.5"),
        D("3.5"),
        D(3),
    ]
    assert {u.bentuk for u in hasil.unsur} == {"kuesioner"}
    assert hasil.unsur[1].jumlah_jawaban == (0, 1, 0, 1)
    assert hasil.ikm == D(31) / 9
    assert (hasil.jumlah_respon, hasil.responden) == (2, 2)
    assert [c.kritik for c in selectors_skm.kritik_saran_respon(survei=survei)] == ["Antrean lama"]
    profil = {p.judul: p.baris for p in selectors_skm.profil_respon(survei=survei)}
    assert profil["Jenis kelamin"] == (("Perempuan", 1), ("Tidak diisi", 1))


def test_kuesioner_ditutup_menolak(operator_a, kecamatan_a):
    survei = survei_kuesioner(operator_a, kecamatan_a)
    layanan.kuesioner_tutup(user=operator_a, survei=survei)
    with pytest.raises(KirimDitolak) as e:
        kirim(survei)
    assert e.value.messages == [layanan.TIDAK_TERBUKA]
    assert not ResponSkm.objects.exists()


def test_batas_per_peramban(operator_a, kecamatan_a):
    survei = survei_kuesioner(operator_a, kecamatan_a)
    sekarang = timezone.now()
    layanan.respon_kirim(
        survei=survei, respon=IsianRespon(jawaban=(4,) * 9), peramban="p", alamat="1.1.1.1", sekarang=sekarang
    )
    with pytest.raises(KirimDitolak) as e:
        layanan.respon_kirim(
            survei=survei,
            respon=IsianRespon(jawaban=(4,) * 9),
            peramban="p",
            alamat="2.2.2.2",
            sekarang=sekarang + timedelta(minutes=2),
        )
    assert e.value.code == "batas_peramban"
    assert e.value.messages[0].startswith(
        "Terima kasih, jawaban Anda dari perangkat ini baru saja kami terima."
    )
    layanan.respon_kirim(
        survei=survei,
        respon=IsianRespon(jawaban=(4,) * 9),
        peramban="p",
        alamat="2.2.2.2",
        sekarang=sekarang + timedelta(minutes=3),
    )
    assert ResponSkm.objects.count() == 2


def test_batas_per_alamat_longgar_untuk_loket(operator_a, kecamatan_a, monkeypatch):
    monkeypatch.setattr(layanan, "BATAS_ALAMAT", (3, timedelta(hours=1)))
    survei = survei_kuesioner(operator_a, kecamatan_a)
    for i in range(3):
        kirim(survei, peramban=f"tablet-{i}", alamat="36.1.2.3")
    with pytest.raises(KirimDitolak) as e:
        kirim(survei, peramban="tablet-9", alamat="36.1.2.3")
    assert e.value.code == "batas_alamat"
    kirim(survei, peramban="tablet-9", alamat="36.9.9.9")
    assert ResponSkm.objects.count() == 4


def test_jejak_tidak_menyimpan_alamat_dan_jejak_lama_dibuang(operator_a, kecamatan_a):
    survei = survei_kuesioner(operator_a, kecamatan_a)
    lalu = timezone.now() - timedelta(hours=2)
    JejakKirim.objects.create(jenis=JejakKirim.Jenis.ALAMAT, kunci="lama", waktu=lalu)
    kirim(survei, alamat="10.20.30.40", peramban="rahasia")
    kunci = list(JejakKirim.objects.values_list("kunci", flat=True))
    assert len(kunci) == 2
    assert all(len(k) == 64 and "10.20.30.40" not in k and "rahasia" not in k for k in kunci)


def test_buka_kuesioner_aturan(operator_a, kecamatan_a, operator_b):
    terbuka = survei_kuesioner(operator_a, kecamatan_a)
    lain = layanan.survei_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2025, periode=Periode.SEMESTER_2)
    with pytest.raises(ValidationError) as e:
        layanan.kuesioner_buka(user=operator_a, survei=lain)
    assert e.value.messages == [
        "Kuesioner daring SKM 2025 Semester I masih dibuka. Tutup dulu sebelum membuka SKM 2025 Semester II."
    ]
    isian = survei_purwareja(operator_a, kecamatan_a)
    layanan.kuesioner_tutup(user=operator_a, survei=terbuka)
    with pytest.raises(ValidationError) as e:
        layanan.kuesioner_buka(user=operator_a, survei=isian)
    assert e.value.messages == [
        "Hasil unsur SKM 2024 sudah diisi manual; kuesioner daring hanya untuk survei yang hasilnya "
        "dihitung dari respon."
    ]
    with pytest.raises(PermissionDenied):
        layanan.kuesioner_buka(user=operator_b, survei=lain)
    tautan = layanan.kuesioner_buka(user=operator_a, survei=lain)
    assert tautan == selectors_skm.tautan_kecamatan(kecamatan=kecamatan_a)
    assert len(tautan.token) == 24
    kuesioner = selectors_skm.kuesioner_dari_token(tautan.token)
    assert (kuesioner.kecamatan, kuesioner.survei) == (kecamatan_a, lain)
    assert selectors_skm.kuesioner_dari_token("tebakan") is None


def test_isi_manual_ditolak_bila_dari_kuesioner(operator_a, kecamatan_a):
    survei = survei_kuesioner(operator_a, kecamatan_a)
    kirim(survei)
    layanan.kuesioner_tutup(user=operator_a, survei=survei)
    with pytest.raises(ValidationError) as e:
        layanan.survei_unsur_simpan(user=operator_a, survei=survei, unsur=[IsianUnsur("U1", "", nrr=D(3))])
    assert e.value.messages == [
        "Hasil SKM 2025 Semester I berasal dari kuesioner daring (1 respon), jadi hasil per unsur "
        "tidak diisi manual."
    ]
