"""No lost updates (kinerja/konflik.py): two people open the same realisasi or target; the first save
wins, the second (opened at the older versi) is refused on the field with the first one's value,
and nothing is written. Each flow uses two browsers (clients) and posts what the pages carry."""

import threading
import time
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.konflik import KonflikVersi, nilai_dari
from kinerja.models import Realisasi, Target, TargetPK, TargetTriwulanPK
from kinerja.nilai import Nilai
from kinerja.services.realisasi import IsianImpor, realisasi_impor, realisasi_simpan
from lkjip.format import format_tanggal
from tests.conftest import bagian

pytestmark = pytest.mark.django_db

Periode = Realisasi.Periode
D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}
PESAN_GAGAL = "Ada isian yang ditolak, jadi belum ada yang disimpan. Perbaiki sel bertanda merah."


class _Formulir(HTMLParser):
    """What a browser would submit: every named input, select and textarea of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        nama = a.get("name")
        if tag == "input" and nama and a.get("type") not in ("submit", "checkbox", "radio"):
            self.data[nama] = a.get("value") or ""
        elif tag == "input" and nama and "checked" in a:
            self.data[nama] = a.get("value") or "on"
        elif tag == "select" and nama:
            self._select = nama
        elif tag == "option" and self._select and ("selected" in a or self._select not in self.data):
            self.data[self._select] = a.get("value") or ""
        elif tag == "textarea" and nama:
            self._textarea = nama
            self.data[nama] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def formulir(response) -> dict[str, str]:
    assert response.status_code == 200
    p = _Formulir()
    p.feed(response.content.decode())
    return p.data


def dua_klien(user_1, user_2) -> tuple[Client, Client]:
    c1, c2 = Client(), Client()
    c1.force_login(user_1)
    c2.force_login(user_2)
    return c1, c2


def oleh(riwayat, username: str) -> str:
    """ "operator_a pada 1 Desember 2026 pukul 12.30", from the latest history record."""
    h = riwayat.latest("history_id")
    assert h.history_user.username == username
    waktu = timezone.localtime(h.history_date)
    return f"{username} pada {format_tanggal(waktu)} pukul {waktu:%H.%M}"


def _grid(kecamatan):
    return reverse("kinerja:realisasi_grid", args=[kecamatan.pk, 2021])


def _sel(kecamatan, indikator, kolom):
    return reverse("kinerja:realisasi_sel_simpan", args=[kecamatan.pk, 2021, indikator.pk, kolom])


def _realisasi(indikator, periode):
    return list(
        Realisasi.objects.filter(indikator=indikator, tahun=2021, periode=periode).values_list(
            "nilai", "versi"
        )
    )


def _riwayat(indikator, periode):
    return Realisasi.history.filter(indikator=indikator, tahun=2021, periode=periode)


# --- the realisasi grid, cell by cell (htmx) ---------------------------------------------------------


def test_sel_htmx_kedua_ditolak_dengan_nilai_pertama(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s11, p = data_a.s11, f"r{data_a.s11.pk}"
    data_1, data_2 = formulir(c1.get(_grid(kecamatan_a))), formulir(c2.get(_grid(kecamatan_a)))
    versi = Realisasi.objects.get(indikator=s11, tahun=2021, periode=Periode.TW4).versi
    assert data_1[f"{p}-versi_tw4"] == data_2[f"{p}-versi_tw4"] == str(versi)

    data_1.update({f"{p}-tw4": "14", f"{p}-alasan_tw4": "Koreksi data BPS"})
    html = c1.post(_sel(kecamatan_a, s11, "tw4"), data_1, **HTMX).content.decode()
    # The swapped-in cell carries the new versi, so the next save from this browser goes through.
    assert formulir_html(html)[f"{p}-versi_tw4"] == str(versi + 1)
    assert _realisasi(s11, Periode.TW4) == [(D("14.0000"), versi + 1)]
    jumlah_riwayat = _riwayat(s11, Periode.TW4).count()

    data_2.update({f"{p}-tw4": "12", f"{p}-alasan_tw4": "Data dinas"})
    html = c2.post(_sel(kecamatan_a, s11, "tw4"), data_2, **HTMX).content.decode()
    assert bagian(html, f"id_{p}-tw4-pesan") == (
        f"Nilai ini sudah diubah oleh {oleh(_riwayat(s11, Periode.TW4), 'operator_a')} menjadi 14,00 sejak "
        "Anda membukanya. Muat ulang untuk melihatnya; isian Anda: 12,00."
    )
    # The refused cell keeps the versi it was opened at: saving again is refused again.
    assert formulir_html(html)[f"{p}-versi_tw4"] == str(versi)
    assert _realisasi(s11, Periode.TW4) == [(D("14.0000"), versi + 1)]
    assert _riwayat(s11, Periode.TW4).count() == jumlah_riwayat

    # Reloaded, the second person sees 14 and may change it.
    data_2 = formulir(c2.get(_grid(kecamatan_a)))
    assert data_2[f"{p}-tw4"] == "14,00"
    data_2.update({f"{p}-tw4": "12", f"{p}-alasan_tw4": "Data dinas"})
    c2.post(_sel(kecamatan_a, s11, "tw4"), data_2, **HTMX)
    assert _realisasi(s11, Periode.TW4) == [(D("12.0000"), versi + 2)]


def formulir_html(html: str) -> dict[str, str]:
    p = _Formulir()
    p.feed(html)
    return p.data


def test_sel_htmx_baru_diisi_dua_orang(data_a, operator_a, camat_a, kecamatan_a):
    """An empty cell filled by two people: the second is told the first one's value."""
    c1, c2 = dua_klien(operator_a, camat_a)
    s22, p = data_a.s22, f"r{data_a.s22.pk}"
    data_1, data_2 = formulir(c1.get(_grid(kecamatan_a))), formulir(c2.get(_grid(kecamatan_a)))
    assert data_1[f"{p}-versi_tw1"] == "0"

    data_1[f"{p}-tw1"] = "14"
    c1.post(_sel(kecamatan_a, s22, "tw1"), data_1, **HTMX)
    data_2[f"{p}-tw1"] = "12"
    html = c2.post(_sel(kecamatan_a, s22, "tw1"), data_2, **HTMX).content.decode()
    assert bagian(html, f"id_{p}-tw1-pesan") == (
        f"Nilai ini sudah diisi oleh {oleh(_riwayat(s22, Periode.TW1), 'operator_a')} dengan 14,00 sejak "
        "Anda membukanya. Muat ulang untuk melihatnya; isian Anda: 12,00."
    )
    assert _realisasi(s22, Periode.TW1) == [(D("14.0000"), 1)]
    assert _riwayat(s22, Periode.TW1).count() == 1


def test_sel_htmx_tahunan_dihapus_orang_lain(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s21, p = data_a.s21, f"r{data_a.s21.pk}"
    data_1, data_2 = formulir(c1.get(_grid(kecamatan_a))), formulir(c2.get(_grid(kecamatan_a)))

    data_1.update({f"{p}-tahunan": "", f"{p}-status": "final", f"{p}-keterangan": ""})
    data_1[f"{p}-alasan_tahunan"] = "Salah isi"
    c1.post(_sel(kecamatan_a, s21, "tahunan"), data_1, **HTMX)
    assert _realisasi(s21, Periode.TAHUNAN) == []

    data_2.update({f"{p}-tahunan": "96", f"{p}-alasan_tahunan": "Angka final"})
    html = c2.post(_sel(kecamatan_a, s21, "tahunan"), data_2, **HTMX).content.decode()
    assert bagian(html, f"id_{p}-tahunan-pesan") == (
        f"Nilai ini sudah dihapus oleh {oleh(_riwayat(s21, Periode.TAHUNAN), 'operator_a')} sejak Anda "
        "membukanya. Muat ulang untuk melihatnya; isian Anda: 96,00."
    )
    assert _realisasi(s21, Periode.TAHUNAN) == []


def test_sel_htmx_menyimpan_nilai_yang_sama_bukan_konflik(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s22, p = data_a.s22, f"r{data_a.s22.pk}"
    data_1, data_2 = formulir(c1.get(_grid(kecamatan_a))), formulir(c2.get(_grid(kecamatan_a)))
    data_1[f"{p}-tw1"] = data_2[f"{p}-tw1"] = "14"
    c1.post(_sel(kecamatan_a, s22, "tw1"), data_1, **HTMX)
    html = c2.post(_sel(kecamatan_a, s22, "tw1"), data_2, **HTMX).content.decode()
    assert f"id_{p}-tw1-pesan" not in html
    assert _realisasi(s22, Periode.TW1) == [(D("14.0000"), 1)]


# --- the realisasi grid, all at once -----------------------------------------------------------------


def test_simpan_semua_kedua_ditolak_tanpa_menyimpan_apa_pun(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s11, s22 = data_a.s11, data_a.s22
    data_1, data_2 = formulir(c1.get(_grid(kecamatan_a))), formulir(c2.get(_grid(kecamatan_a)))

    data_1.update({f"r{s11.pk}-tw4": "14", "alasan": "Koreksi"})
    assert c1.post(_grid(kecamatan_a), data_1).status_code == 302
    # The second person's grid changes S1.1 TW IV (stale) and fills S2.2 TW I: neither is kept.
    data_2.update({f"r{s11.pk}-tw4": "12", f"r{s22.pk}-tw1": "5", "alasan": "Data dinas"})
    response = c2.post(_grid(kecamatan_a), data_2)
    html = response.content.decode()
    assert (response.status_code, [str(m) for m in response.context["messages"]]) == (200, [PESAN_GAGAL])
    assert bagian(html, f"id_r{s11.pk}-tw4-pesan") == (
        f"Nilai ini sudah diubah oleh {oleh(_riwayat(s11, Periode.TW4), 'operator_a')} menjadi 14,00 sejak "
        "Anda membukanya. Muat ulang untuk melihatnya; isian Anda: 12,00."
    )
    assert [n for n, _ in _realisasi(s11, Periode.TW4)] == [D("14.0000")]
    assert _realisasi(s22, Periode.TW1) == []


# --- the service ----------------------------------------------------------------------------------------


def test_layanan_versi_sekarang_menaikkan_versi(data_a, operator_a):
    s11 = data_a.s11
    lama = Realisasi.objects.get(indikator=s11, tahun=2021, periode=Periode.TW4)
    baru = realisasi_simpan(
        user=operator_a,
        indikator=s11,
        tahun=2021,
        periode=Periode.TW4,
        nilai=Nilai(nilai=D("90")),
        status="final",
        keterangan="",
        alasan="Koreksi",
        versi=lama.versi,
    )
    assert (baru.versi, Realisasi.objects.get(pk=lama.pk).versi) == (lama.versi + 1, lama.versi + 1)
    with pytest.raises(KonflikVersi) as e:
        realisasi_simpan(
            user=operator_a,
            indikator=s11,
            tahun=2021,
            periode=Periode.TW4,
            nilai=Nilai(nilai=D("91")),
            status="final",
            keterangan="",
            alasan="Koreksi",
            versi=lama.versi,
        )
    assert list(e.value.message_dict) == ["nilai"]


def test_dibuat_ulang_setelah_dihapus_tetap_konflik(data_a, operator_a):
    """A row removed and made again does not start over at versi 1 (a form opened before the removal
    would take it for the row it saw)."""
    s11 = data_a.s11
    lama = Realisasi.objects.get(indikator=s11, tahun=2021, periode=Periode.TW4)
    simpan = dict(
        user=operator_a, indikator=s11, tahun=2021, periode=Periode.TW4, status="final", keterangan=""
    )
    realisasi_simpan(**simpan, nilai=None, alasan="Hapus")
    baru = realisasi_simpan(**simpan, nilai=Nilai(nilai=D("70")), alasan="")
    assert baru.versi > lama.versi
    with pytest.raises(KonflikVersi):
        realisasi_simpan(**simpan, nilai=Nilai(nilai=D("71")), alasan="Koreksi", versi=lama.versi)


def test_impor_dan_simpan_langsung_menaikkan_versi(data_a, operator_a, kecamatan_a):
    """Every write bumps the versi, whatever the path (the Excel import; a plain save as the
    interchange import does): a form opened before it is refused."""
    s11 = data_a.s11
    lama = {r.periode: r for r in Realisasi.objects.filter(indikator=s11, tahun=2021)}
    target = TargetPK.objects.get(perjanjian__tahun=2021, perjanjian__jenis="perubahan", indikator=s11)
    hasil = realisasi_impor(
        user=operator_a,
        kecamatan=kecamatan_a,
        tahun=2021,
        isian=[
            IsianImpor(
                indikator=s11,
                target=nilai_dari(target),
                triwulan=(*(nilai_dari(lama[p]) for p in Realisasi.TRIWULAN[:3]), Nilai(nilai=D("99"))),
                tahunan=nilai_dari(lama[Periode.TAHUNAN]),
                status=lama[Periode.TAHUNAN].status,
                keterangan=lama[Periode.TAHUNAN].keterangan,
            )
        ],
        alasan="Impor Excel: realisasi.xlsx",
    )
    assert (hasil.tersimpan, hasil.kesalahan) == (True, {})
    tw4 = Realisasi.objects.get(pk=lama[Periode.TW4].pk)
    assert (tw4.nilai, tw4.versi) == (D("99"), lama[Periode.TW4].versi + 1)
    assert Realisasi.objects.get(pk=lama[Periode.TW1].pk).versi == lama[Periode.TW1].versi

    tw4.keterangan = "Dari dokumen"
    tw4.save()
    assert Realisasi.objects.get(pk=tw4.pk).versi == lama[Periode.TW4].versi + 2
    with pytest.raises(KonflikVersi):
        realisasi_simpan(
            user=operator_a,
            indikator=s11,
            tahun=2021,
            periode=Periode.TW4,
            nilai=Nilai(nilai=D("98")),
            status="final",
            keterangan="",
            alasan="Koreksi",
            versi=lama[Periode.TW4].versi + 1,
        )


# --- Renstra targets ------------------------------------------------------------------------------------


def _target_url(kecamatan, indikator):
    return reverse("kinerja:target_renstra_ubah", args=[kecamatan.pk, indikator.pk])


def test_target_renstra_kedua_ditolak(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s11 = data_a.s11
    url = _target_url(kecamatan_a, s11)
    data_1, data_2 = formulir(c1.get(url)), formulir(c2.get(url))
    lama = Target.objects.get(indikator=s11, tahun=2021)
    assert data_1["versi_2021"] == str(lama.versi)

    data_1["target_2021"] = "14"
    assert c1.post(url, data_1).status_code == 302
    assert Target.objects.get(pk=lama.pk).versi == lama.versi + 1
    jumlah_riwayat = Target.history.filter(indikator=s11).count()

    data_2["target_2021"] = "12"
    response = c2.post(url, data_2)
    assert response.status_code == 200
    riwayat = Target.history.filter(indikator=s11, tahun=2021)
    assert response.context["form"].errors == {
        "target_2021": [
            f"Nilai ini sudah diubah oleh {oleh(riwayat, 'operator_a')} menjadi 14,00 sejak Anda membukanya. "
            "Muat ulang untuk melihatnya; isian Anda: 12,00."
        ]
    }
    assert (
        bagian(response.content, "error_1_id_target_2021")
        == response.context["form"].errors["target_2021"][0]
    )
    assert Target.objects.get(pk=lama.pk).nilai == D("14")
    assert Target.history.filter(indikator=s11).count() == jumlah_riwayat

    # Opened again (the current versi), the save goes through and bumps the versi.
    data_2 = formulir(c2.get(url))
    data_2["target_2021"] = "12"
    assert c2.post(url, data_2).status_code == 302
    assert (Target.objects.get(pk=lama.pk).nilai, Target.objects.get(pk=lama.pk).versi) == (
        D("12"),
        lama.versi + 2,
    )


def test_target_renstra_tahun_baru_diisi_dua_orang(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s11 = data_a.s11
    url = _target_url(kecamatan_a, s11)
    tahun = next(
        t for t in s11.renstra.tahun_periode if not Target.objects.filter(indikator=s11, tahun=t).exists()
    )
    data_1, data_2 = formulir(c1.get(url)), formulir(c2.get(url))
    assert data_1[f"versi_{tahun}"] == "0"
    data_1[f"target_{tahun}"] = "14"
    assert c1.post(url, data_1).status_code == 302
    data_2[f"target_{tahun}"] = "12,5"
    response = c2.post(url, data_2)
    riwayat = Target.history.filter(indikator=s11, tahun=tahun)
    assert response.context["form"].errors == {
        f"target_{tahun}": [
            f"Nilai ini sudah diisi oleh {oleh(riwayat, 'operator_a')} dengan 14,00 sejak Anda membukanya. "
            "Muat ulang untuk melihatnya; isian Anda: 12,50."
        ]
    }
    assert list(Target.objects.filter(indikator=s11, tahun=tahun).values_list("nilai", "versi")) == [
        (D("14"), 1)
    ]


# --- Perjanjian Kinerja target lines ---------------------------------------------------------------------


def _pk_url(kecamatan):
    return reverse("kinerja:pk_target_ubah", args=[kecamatan.pk, 2021, "perubahan"])


def _baris_pk(data, kode) -> str:
    """The formset prefix of the PK line of an indicator, e.g. "target-0"."""
    return next(
        k.removesuffix("-indikator") for k, v in data.items() if k.endswith("-indikator") and v == kode
    )


def test_target_pk_dan_triwulan_kedua_ditolak(data_a, operator_a, camat_a, kecamatan_a):
    c1, c2 = dua_klien(operator_a, camat_a)
    s11 = data_a.s11
    url = _pk_url(kecamatan_a)
    data_1, data_2 = formulir(c1.get(url)), formulir(c2.get(url))
    p = _baris_pk(data_1, str(s11.pk))
    baris = TargetPK.objects.get(perjanjian__tahun=2021, perjanjian__jenis="perubahan", indikator=s11)
    assert data_1[f"{p}-versi"] == str(baris.versi)

    data_1.update({f"{p}-target": "14", f"{p}-tw2": "7"})
    assert c1.post(url, data_1).status_code == 302
    baris.refresh_from_db()
    jumlah_riwayat = (TargetPK.history.count(), TargetTriwulanPK.history.count())

    data_2.update({f"{p}-target": "12", f"{p}-tw2": "6"})
    response = c2.post(url, data_2)
    assert response.status_code == 200
    tw2 = TargetTriwulanPK.objects.get(baris=baris, triwulan=2)
    riwayat_tw2 = TargetTriwulanPK.history.filter(baris_id=baris.pk, triwulan=2)
    kata_tw2 = "diubah" if riwayat_tw2.latest("history_id").history_type == "~" else "diisi"
    kata_sambung = "menjadi" if kata_tw2 == "diubah" else "dengan"
    assert bagian(response.content, f"id_{p}-target-galat") == (
        f"Nilai ini sudah diubah oleh {oleh(TargetPK.history.filter(id=baris.pk), 'operator_a')} menjadi "
        "14,00 sejak Anda membukanya. Muat ulang untuk melihatnya; isian Anda: 12,00."
    )
    assert bagian(response.content, f"id_{p}-tw2-galat") == (
        f"Nilai ini sudah {kata_tw2} oleh {oleh(riwayat_tw2, 'operator_a')} {kata_sambung} 7,00 sejak Anda "
        "membukanya. Muat ulang untuk melihatnya; isian Anda: 6,00."
    )
    assert (TargetPK.objects.get(pk=baris.pk).nilai, tw2.nilai) == (D("14"), D("7"))
    assert (TargetPK.history.count(), TargetTriwulanPK.history.count()) == jumlah_riwayat


# --- real concurrency (PostgreSQL) -----------------------------------------------------------------------


def _di_utas(fungsi, hasil: dict, kunci: str):
    def jalan():
        try:
            hasil[kunci] = fungsi()
        except Exception as e:  # noqa: BLE001 - the test inspects what each side got
            hasil[kunci] = e
        finally:
            connection.close()

    return threading.Thread(target=jalan)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("ada", [True, False], ids=["diubah", "dibuat"])
def test_bersamaan_yang_kedua_ditolak(data_a, operator_a, camat_a, ada):
    """Two saves at the same moment from the same versi: the second waits for the first one's lock
    (or its insert), then sees the new versi and is refused; exactly one value is stored."""
    from django.db import transaction

    indikator = data_a.s11 if ada else data_a.s22
    periode = Periode.TW4 if ada else Periode.TW1
    versi = Realisasi.objects.get(indikator=indikator, tahun=2021, periode=periode).versi if ada else 0
    pertama_menulis, kedua_mulai = threading.Event(), threading.Event()

    def simpan(user, angka, alasan):
        return realisasi_simpan(
            user=user,
            indikator=indikator,
            tahun=2021,
            periode=periode,
            nilai=Nilai(nilai=D(angka)),
            status="final",
            keterangan="",
            alasan=alasan,
            versi=versi,
        )

    def pertama():
        with transaction.atomic():
            r = simpan(operator_a, "14", "Koreksi")
            pertama_menulis.set()
            kedua_mulai.wait(5)
            # Hold the lock while the second save runs into it.
            time.sleep(0.5)
        return r

    def kedua():
        pertama_menulis.wait(5)
        kedua_mulai.set()
        return simpan(camat_a, "12", "Data dinas")

    hasil: dict = {}
    utas = [_di_utas(pertama, hasil, "1"), _di_utas(kedua, hasil, "2")]
    for u in utas:
        u.start()
    for u in utas:
        u.join(10)
    assert isinstance(hasil["1"], Realisasi)
    assert isinstance(hasil["2"], KonflikVersi)
    kata = "diubah" if ada else "diisi"
    sambung = "menjadi" if ada else "dengan"
    assert hasil["2"].message_dict == {
        "nilai": [
            f"Nilai ini sudah {kata} oleh {oleh(_riwayat(indikator, periode), 'operator_a')} {sambung} 14,00 "
            "sejak Anda membukanya. Muat ulang untuk melihatnya; isian Anda: 12,00."
        ]
    }
    assert _realisasi(indikator, periode) == [(D("14.0000"), versi + 1)]
