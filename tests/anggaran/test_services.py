"""anggaran/services.py: writing the budget, with permission checks and history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anggaran import services
from anggaran.models import Belanja, IndikatorKeluaran, PosAnggaran, ProgramSasaran, TahunAnggaran, Tingkat
from kinerja.nilai import Nilai
from tests import factories as f

pytestmark = pytest.mark.django_db
D = Decimal


def test_tambah_program_kegiatan_sub_kegiatan(operator_a, kecamatan_a):
    ta = services.tahun_anggaran_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024)
    program = services.pos_anggaran_tambah(
        user=operator_a, tahun_anggaran=ta, induk=None, kode="7.01.01", nama="Program Penunjang"
    )
    kegiatan = services.pos_anggaran_tambah(
        user=operator_a, tahun_anggaran=ta, induk=program, kode="7.01.01.2.01", nama="Perencanaan"
    )
    sub = services.pos_anggaran_tambah(
        user=operator_a,
        tahun_anggaran=ta,
        induk=kegiatan,
        kode="7.01.01.2.01.0001",
        nama="Penyusunan Dokumen",
    )
    kedua = services.pos_anggaran_tambah(
        user=operator_a, tahun_anggaran=ta, induk=kegiatan, nama="Koordinasi"
    )
    assert [(p.tingkat, p.induk_id, p.urutan) for p in (program, kegiatan, sub, kedua)] == [
        (Tingkat.PROGRAM, None, 0),
        (Tingkat.KEGIATAN, program.pk, 0),
        (Tingkat.SUB_KEGIATAN, kegiatan.pk, 0),
        (Tingkat.SUB_KEGIATAN, kegiatan.pk, 1),
    ]
    riwayat = program.history.get()
    assert (riwayat.history_user, riwayat.history_change_reason) == (operator_a, "Ditambahkan")


@pytest.mark.parametrize("persona", ["inspektorat", "admin_kabupaten", "operator_b"])
def test_tanpa_hak_ubah_ditolak(request, pohon_a, kecamatan_a, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.pos_anggaran_jumlah_simpan(
            user=user, pos=pohon_a.gaji, pagu_murni=None, pagu=D(1), realisasi=None
        )
    with pytest.raises(PermissionDenied):
        services.tahun_anggaran_buat(user=user, kecamatan=kecamatan_a, tahun=2025)
    with pytest.raises(PermissionDenied):
        services.pos_anggaran_hapus(user=user, pos=pohon_a.gaji)
    assert PosAnggaran.objects.get(pk=pohon_a.gaji.pk).pagu == D("1654591471")
    assert TahunAnggaran.objects.count() == 1


def test_tahun_ganda_ditolak(operator_a, pohon_a, kecamatan_a):
    with pytest.raises(ValidationError) as e:
        services.tahun_anggaran_buat(user=operator_a, kecamatan=kecamatan_a, tahun=2024)
    assert e.value.messages == ["Anggaran tahun ini sudah ada."]


def test_jumlah_daun_disimpan_dengan_riwayat(camat_a, pohon_a):
    services.pos_anggaran_jumlah_simpan(
        user=camat_a,
        pos=pohon_a.gaji,
        pagu_murni=D("1654591471"),
        pagu=D("1654591471"),
        realisasi=D("1600000000"),
        alasan="Koreksi SP2D Desember",
    )
    terbaru, lama = pohon_a.gaji.history.order_by("-history_id")[:2]
    assert (lama.realisasi, terbaru.realisasi) == (D("1589071682.00"), D("1600000000.00"))
    assert (terbaru.history_user, terbaru.history_change_reason) == (camat_a, "Koreksi SP2D Desember")


def test_simpan_tanpa_perubahan_tidak_menulis_riwayat(operator_a, pohon_a):
    sebelum = pohon_a.gaji.history.count()
    services.pos_anggaran_jumlah_simpan(
        user=operator_a,
        pos=pohon_a.gaji,
        pagu_murni=D("1654591471"),
        pagu=D("1654591471"),
        realisasi=D("1589071682"),
    )
    assert pohon_a.gaji.history.count() == sebelum


def test_jumlah_induk_ditolak(operator_a, pohon_a):
    with pytest.raises(ValidationError) as e:
        services.pos_anggaran_jumlah_simpan(
            user=operator_a, pos=pohon_a.keuangan, pagu_murni=None, pagu=D("5"), realisasi=None
        )
    assert e.value.message_dict == {
        "pagu": [
            '"Administrasi Keuangan Perangkat Daerah" mempunyai rincian: pagu dan realisasinya dihitung dari '
            "rincian, tidak diisi sendiri."
        ]
    }
    assert PosAnggaran.objects.get(pk=pohon_a.keuangan.pk).pagu is None


def test_realisasi_triwulan_menjadi_realisasi_tahunan(operator_a, pohon_a):
    services.pos_anggaran_jumlah_simpan(
        user=operator_a,
        pos=pohon_a.komunikasi,
        pagu_murni=None,
        pagu=D("14200000"),
        realisasi=None,
        realisasi_triwulan=(D("3000000"), D("3500000"), None, D("6472781")),
    )
    pos = PosAnggaran.objects.get(pk=pohon_a.komunikasi.pk)
    assert (pos.realisasi, pos.realisasi_triwulan) == (
        D("12972781.00"),
        [D("3000000.00"), D("3500000.00"), None, D("6472781.00")],
    )


def test_realisasi_melebihi_pagu_diterima_dengan_alasan(operator_a, pohon_a):
    services.pos_anggaran_jumlah_simpan(
        user=operator_a,
        pos=pohon_a.dilimpahkan,
        pagu_murni=D("31500000"),
        pagu=D("51500000"),
        realisasi=D("52000000"),
        alasan_lebih_pagu="Tambahan honor petugas PBB dibayar dari pergeseran",
    )
    pos = PosAnggaran.objects.get(pk=pohon_a.dilimpahkan.pk)
    assert (pos.lebih_pagu, pos.alasan_lebih_pagu) == (
        True,
        "Tambahan honor petugas PBB dibayar dari pergeseran",
    )
    services.pos_anggaran_jumlah_simpan(
        user=operator_a,
        pos=pos,
        pagu_murni=D("31500000"),
        pagu=D("51500000"),
        realisasi=D("51500000"),
        alasan_lebih_pagu="sisa alasan lama",
    )
    assert PosAnggaran.objects.get(pk=pos.pk).alasan_lebih_pagu == ""


def test_hapus_ditolak_bila_ada_rincian(operator_a, pohon_a):
    with pytest.raises(ValidationError) as e:
        services.pos_anggaran_hapus(user=operator_a, pos=pohon_a.keuangan)
    assert e.value.messages == [
        'Kegiatan "Administrasi Keuangan Perangkat Daerah" tidak dapat dihapus karena masih mempunyai '
        '3 rincian: "Penyediaan Gaji dan Tunjangan ASN", '
        '"Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", '
        '"Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulan/Semesteran SKPD". '
        "Hapus rinciannya dulu."
    ]
    assert PosAnggaran.objects.count() == 10


def test_hapus_daun_dengan_indikator_dan_riwayat(operator_a, pohon_a):
    IndikatorKeluaran.objects.create(pos=pohon_a.gaji, nama="Jumlah orang", satuan="orang")
    pk = pohon_a.gaji.pk
    services.pos_anggaran_hapus(user=operator_a, pos=pohon_a.gaji, alasan="Salah input")
    assert not PosAnggaran.objects.filter(pk=pk).exists()
    assert IndikatorKeluaran.objects.count() == 0
    terakhir = PosAnggaran.history.filter(id=pk).latest("history_id")
    assert (terakhir.history_type, terakhir.history_user, terakhir.history_change_reason) == (
        "-",
        operator_a,
        "Salah input",
    )


def test_tambah_di_bawah_daun_berjumlah_ditolak(operator_a, pohon_a):
    with pytest.raises(ValidationError) as e:
        services.pos_anggaran_tambah(
            user=operator_a, tahun_anggaran=pohon_a.tahun_anggaran, induk=pohon_a.dilimpahkan, nama="Rincian"
        )
    assert list(e.value.message_dict) == ["induk"]


def test_pindah_urutan(operator_a, pohon_a):
    services.pos_anggaran_pindah(user=operator_a, pos=pohon_a.laporan_keuangan, arah=-1)
    urutan = list(pohon_a.keuangan.anak.order_by("urutan", "id").values_list("kode", flat=True))
    assert urutan == ["7.01.01.2.02.0001", "7.01.01.2.02.0005", "7.01.01.2.02.0003"]


def test_indikator_keluaran_disimpan_berurutan(operator_a, pohon_a):
    services.indikator_keluaran_simpan(
        user=operator_a,
        pos=pohon_a.gaji,
        indikator=[
            services.BarisIndikatorKeluaran(
                nama="Jumlah orang yang menerima gaji",
                satuan="orang",
                target=Nilai(D("16")),
                realisasi=Nilai(D("9")),
            ),
            services.BarisIndikatorKeluaran(nama="Laporan gaji", satuan="laporan", target=Nilai(D("12"))),
        ],
    )
    pertama = pohon_a.gaji.indikator.get(urutan=0)
    services.indikator_keluaran_simpan(
        user=operator_a,
        pos=pohon_a.gaji,
        indikator=[
            services.BarisIndikatorKeluaran(
                nama="Jumlah orang yang menerima gaji",
                satuan="orang",
                target=Nilai(D("16")),
                realisasi=Nilai(D("10")),
                id=pertama.pk,
            )
        ],
    )
    assert list(pohon_a.gaji.indikator.values_list("pk", "nama", "target", "realisasi")) == [
        (pertama.pk, "Jumlah orang yang menerima gaji", D("16.0000"), D("10.0000"))
    ]


def test_program_sasaran(operator_a, pohon_a, data_a):
    s1, s2 = data_a.renstra.sasaran.order_by("urutan")
    services.program_sasaran_simpan(user=operator_a, program=pohon_a.penunjang, sasaran=[s2, s1])
    assert list(pohon_a.penunjang.dukungan.values_list("sasaran__kode", flat=True)) == ["S2", "S1"]
    services.program_sasaran_simpan(user=operator_a, program=pohon_a.penunjang, sasaran=[s1])
    assert list(ProgramSasaran.objects.values_list("sasaran__kode", flat=True)) == ["S1"]


def test_program_sasaran_kecamatan_lain_ditolak(operator_a, pohon_a, kecamatan_b):
    renstra = f.RenstraFactory(kecamatan=kecamatan_b)
    lain = f.SasaranFactory(renstra=renstra, tujuan=f.TujuanFactory(renstra=renstra))
    with pytest.raises(ValidationError) as e:
        services.program_sasaran_simpan(user=operator_a, program=pohon_a.penunjang, sasaran=[lain])
    assert e.value.message_dict == {"sasaran": ["Sasaran harus dari Renstra kecamatan yang sama."]}


def test_kegiatan_tidak_dipetakan_ke_sasaran(operator_a, pohon_a, data_a):
    with pytest.raises(ValidationError):
        services.program_sasaran_simpan(user=operator_a, program=pohon_a.keuangan, sasaran=[])


def test_belanja_disimpan_dan_dihapus(operator_a, pohon_a):
    ta = pohon_a.tahun_anggaran
    services.belanja_simpan(
        user=operator_a,
        tahun_anggaran=ta,
        baris=[
            services.BarisBelanja(jenis="Belanja Operasi", pagu=D("2173142141"), realisasi=D("1754661490")),
            services.BarisBelanja(jenis="Belanja Modal", pagu=D("29542000"), realisasi=D("29296000")),
        ],
    )
    services.belanja_simpan(
        user=operator_a,
        tahun_anggaran=ta,
        baris=[
            services.BarisBelanja(jenis="Belanja Operasi", pagu=D("2173142141"), realisasi=D("1800000000"))
        ],
        alasan="Realisasi akhir tahun",
    )
    assert list(Belanja.objects.values_list("jenis", "realisasi")) == [
        ("Belanja Operasi", D("1800000000.00"))
    ]
    assert Belanja.history.filter(history_change_reason="Realisasi akhir tahun").count() == 2


def test_belanja_jenis_masa_lain_ditolak(operator_a, pohon_a):
    with pytest.raises(ValidationError) as e:
        services.belanja_simpan(
            user=operator_a,
            tahun_anggaran=pohon_a.tahun_anggaran,
            baris=[services.BarisBelanja(jenis="Belanja Langsung", pagu=D("1"))],
        )
    assert e.value.message_dict == {
        "jenis": ["Tahun 2024 memakai jenis belanja Belanja Operasi / Belanja Modal, bukan Belanja Langsung."]
    }
    assert Belanja.objects.count() == 0


def test_hapus_tahun_berisi_ditolak(operator_a, pohon_a):
    with pytest.raises(ValidationError) as e:
        services.tahun_anggaran_hapus(user=operator_a, tahun_anggaran=pohon_a.tahun_anggaran)
    assert e.value.messages == [
        "Anggaran 2024 tidak dapat dihapus karena masih berisi 10 program/kegiatan/sub kegiatan. "
        "Hapus rinciannya dulu."
    ]
