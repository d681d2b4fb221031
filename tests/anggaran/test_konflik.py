"""No lost updates on a budget line (kinerja/konflik.py): two people open the amounts of the same
pos, inline in the tree (htmx) or on its page; the second save over the first is refused on the
field with the first one's amount, and nothing is written."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anggaran.models import PosAnggaran
from anggaran.services import pos_anggaran_impor_excel, pos_anggaran_jumlah_simpan
from kinerja.konflik import KonflikVersi
from tests.conftest import bagian
from tests.kinerja.test_konflik import dua_klien, formulir, oleh

pytestmark = pytest.mark.django_db
D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}


def _u(nama, *args):
    return reverse(f"anggaran:{nama}", args=list(args))


def _jumlah(pos):
    p = PosAnggaran.objects.get(pk=pos.pk)
    return (p.pagu_murni, p.pagu, p.realisasi, p.versi)


def test_ubah_jumlah_htmx_kedua_ditolak(operator_a, camat_a, pohon_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    pos = pohon_a.laporan_keuangan
    url, p = _u("pos_jumlah", kecamatan_a.pk, pos.pk), f"pos{pos.pk}"
    data_1, data_2 = formulir(c1.get(url, **HTMX)), formulir(c2.get(url, **HTMX))
    assert (
        data_1
        == data_2
        == {
            f"{p}-pagu_murni": "1.500.000",
            f"{p}-pagu": "1.500.000",
            f"{p}-realisasi": "655.500",
            f"{p}-versi": str(pos.versi),
        }
    )

    data_1[f"{p}-realisasi"] = "1.400.000"
    response = c1.post(url, data_1, **HTMX)
    assert response.headers["HX-Retarget"] == "#isi-tahun"
    assert _jumlah(pos) == (D("1500000"), D("1500000"), D("1400000"), pos.versi + 1)
    jumlah_riwayat = pos.history.count()

    data_2[f"{p}-realisasi"] = "1.200.000,50"
    response = c2.post(url, data_2, **HTMX)
    assert (response.status_code, "HX-Retarget" in response.headers) == (200, False)
    assert bagian(response.content, f"id_{p}-realisasi-galat") == (
        f"Nilai ini sudah diubah oleh {oleh(pos.history.all(), 'operator_a')} menjadi Rp 1.400.000,00 sejak "
        "Anda membukanya. Muat ulang untuk melihatnya; isian Anda: Rp 1.200.000,50."
    )
    # Only the amount the other person changed is refused; the row keeps the versi it was opened at.
    assert f"id_{p}-pagu-galat" not in response.content.decode()
    assert formulir(response)[f"{p}-versi"] == str(pos.versi)
    assert _jumlah(pos) == (D("1500000"), D("1500000"), D("1400000"), pos.versi + 1)
    assert pos.history.count() == jumlah_riwayat

    # Opened again, the save goes through and bumps the versi.
    data_2 = formulir(c2.get(url, **HTMX))
    data_2[f"{p}-realisasi"] = "1.200.000,50"
    assert c2.post(url, data_2, **HTMX).headers["HX-Retarget"] == "#isi-tahun"
    assert _jumlah(pos) == (D("1500000"), D("1500000"), D("1200000.50"), pos.versi + 2)


def test_ubah_jumlah_halaman_kedua_ditolak_di_field(operator_a, camat_a, pohon_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    pos = pohon_a.laporan_keuangan
    url = _u("pos_jumlah", kecamatan_a.pk, pos.pk)
    data_1, data_2 = formulir(c1.get(url)), formulir(c2.get(url))
    assert data_1["versi"] == str(pos.versi)

    data_1.update({"pagu": "2.000.000", "alasan": "APBD perubahan"})
    assert c1.post(url, data_1).status_code == 302
    # The second person changes only the realisasi, but their form still holds the old pagu, which
    # would undo the first one's change: refused on pagu.
    data_2.update({"realisasi": "700.000", "alasan": "SP2D terbaru"})
    response = c2.post(url, data_2)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "pagu": [
            f"Nilai ini sudah diubah oleh {oleh(pos.history.all(), 'operator_a')} menjadi Rp 2.000.000,00 "
            "sejak Anda membukanya. Muat ulang untuk melihatnya; isian Anda: Rp 1.500.000,00."
        ]
    }
    assert bagian(response.content, "error_1_id_pagu") == response.context["form"].errors["pagu"][0]
    assert _jumlah(pos) == (D("1500000"), D("2000000"), D("655500"), pos.versi + 1)


def test_ubah_nama_tidak_menolak_jumlah(operator_a, camat_a, pohon_a, kecamatan_a):
    """A renamed pos loses no amount: the amounts opened before the rename are saved."""
    c1, c2 = dua_klien(operator_a, camat_a)
    pos = pohon_a.laporan_keuangan
    url, p = _u("pos_jumlah", kecamatan_a.pk, pos.pk), f"pos{pos.pk}"
    data_2 = formulir(c2.get(url, **HTMX))
    data_1 = formulir(c1.get(_u("pos_ubah", kecamatan_a.pk, pos.pk)))
    data_1["nama"] = "Koordinasi Laporan Keuangan SKPD"
    assert c1.post(_u("pos_ubah", kecamatan_a.pk, pos.pk), data_1).status_code == 302

    data_2[f"{p}-realisasi"] = "700.000"
    assert c2.post(url, data_2, **HTMX).headers["HX-Retarget"] == "#isi-tahun"
    assert _jumlah(pos) == (D("1500000"), D("1500000"), D("700000"), pos.versi + 2)


def test_impor_excel_menaikkan_versi(operator_a, pohon_a):
    pos = pohon_a.gaji
    pos_anggaran_impor_excel(
        user=operator_a,
        tahun_anggaran=pohon_a.tahun_anggaran,
        isian=[(pos.pk, {"realisasi": D("1600000000")})],
        alasan="Impor Excel: anggaran.xlsx",
    )
    assert _jumlah(pos)[2:] == (D("1600000000"), pos.versi + 1)
    with pytest.raises(KonflikVersi) as e:
        pos_anggaran_jumlah_simpan(
            user=operator_a,
            pos=PosAnggaran.objects.get(pk=pos.pk),
            pagu_murni=pos.pagu_murni,
            pagu=pos.pagu,
            realisasi=D("1590000000"),
            versi=pos.versi,
        )
    assert list(e.value.message_dict) == ["realisasi"]
    assert _jumlah(pos)[2:] == (D("1600000000"), pos.versi + 1)
