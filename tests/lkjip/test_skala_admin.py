"""The predikat scale of a kabupaten as data (DESIGN.md §4): Kabupaten.skala(), its validation, the
service, the form with its band formset, and the administration pages with their persona matrix."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.capaian import SKALA
from lkjip.forms import SkalaForm
from lkjip.models import Kabupaten, Penugasan
from lkjip.services import kabupaten_skala_simpan
from tests import factories as f
from tests.conftest import bagian, tabel, teks

pytestmark = pytest.mark.django_db

D = Decimal
Peran = Penugasan.Peran

BANJAR = {
    "nama": "Skala Nilai Peringkat Kinerja Kabupaten Banjar",
    "sumber": "Tabel 3.1 LKjIP Kecamatan Aluh Aluh 2022",
    "pita": [
        {"bawah": 100, "label": "Berhasil", "warna": "hijau"},
        {"bawah": 70, "atas": 100, "label": "Cukup Berhasil", "warna": "biru"},
        {"bawah": 40, "atas": 70, "label": "Kurang Berhasil", "warna": "kuning"},
        {"atas": 40, "label": "Tidak Berhasil", "warna": "merah"},
    ],
}
BANJAR_TERSIMPAN = {
    "nama": "Skala Nilai Peringkat Kinerja Kabupaten Banjar",
    "sumber": "Tabel 3.1 LKjIP Kecamatan Aluh Aluh 2022",
    "pita": [
        {"bawah": "100", "label": "Berhasil", "warna": "hijau"},
        {"bawah": "70", "atas": "100", "label": "Cukup Berhasil", "warna": "biru"},
        {"bawah": "40", "atas": "70", "label": "Kurang Berhasil", "warna": "kuning"},
        {"atas": "40", "label": "Tidak Berhasil", "warna": "merah"},
    ],
}


@pytest.fixture
def admin_lain(kabupaten_lain):
    user = f.UserFactory(username="admin_lain")
    f.PenugasanFactory(user=user, peran=Peran.ADMIN_KABUPATEN, kecamatan=None, kabupaten=kabupaten_lain)
    return user


# --- model --------------------------------------------------------------------------------------------


def test_skala_bawaan_permendagri(kabupaten):
    assert kabupaten.skala_capaian is None
    assert kabupaten.batasi_capaian_100 is False
    assert kabupaten.skala() is SKALA["permendagri-86-2017"]


def test_skala_preset_dan_khusus(kabupaten):
    kabupaten.skala_capaian = "jember"
    assert kabupaten.skala() is SKALA["jember"]
    kabupaten.skala_capaian = BANJAR
    skala = kabupaten.skala()
    assert (skala.nama, [p.label for p in skala.pita]) == (
        "Skala Nilai Peringkat Kinerja Kabupaten Banjar",
        ["Berhasil", "Cukup Berhasil", "Kurang Berhasil", "Tidak Berhasil"],
    )
    assert skala.predikat(D("99.99")).label == "Cukup Berhasil"


def test_clean_menyimpan_bentuk_baku(kabupaten):
    kabupaten.skala_capaian = BANJAR
    kabupaten.full_clean()
    assert kabupaten.skala_capaian == BANJAR_TERSIMPAN


def test_clean_kosong_jadi_bawaan(kabupaten):
    kabupaten.skala_capaian = ""
    kabupaten.full_clean()
    assert kabupaten.skala_capaian is None


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        (
            {
                "nama": "Celah",
                "pita": [{"bawah": 91, "label": "Sangat Tinggi"}, {"atas": 90, "label": "Tinggi"}],
            },
            "Pita 'Tinggi' (< 90) dan 'Sangat Tinggi' (≥ 91) menyisakan celah antara 90 dan 91.",
        ),
        ("kabupatenku", 'Skala "kabupatenku" tidak dikenal.'),
    ],
)
def test_clean_skala_rusak_ditolak_di_bidangnya(kabupaten, nilai, pesan):
    kabupaten.skala_capaian = nilai
    with pytest.raises(ValidationError) as galat:
        kabupaten.full_clean()
    assert list(galat.value.message_dict) == ["skala_capaian"]
    assert galat.value.message_dict["skala_capaian"][0].startswith(pesan)


# --- service ------------------------------------------------------------------------------------------


def test_simpan_preset(admin_kabupaten, kabupaten):
    kabupaten_skala_simpan(
        oleh=admin_kabupaten, kabupaten=kabupaten, skala_capaian="banjar", batasi_capaian_100=True
    )
    kabupaten.refresh_from_db()
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == ("banjar", True)


def test_simpan_khusus(admin_kabupaten, kabupaten):
    kabupaten_skala_simpan(
        oleh=admin_kabupaten, kabupaten=kabupaten, skala_capaian=BANJAR, batasi_capaian_100=False
    )
    kabupaten.refresh_from_db()
    assert kabupaten.skala_capaian == BANJAR_TERSIMPAN


def test_simpan_skala_tumpang_tindih_ditolak(admin_kabupaten, kabupaten):
    rusak = {"nama": "X", "pita": [{"atas": 80, "label": "Rendah"}, {"bawah": 70, "label": "Tinggi"}]}
    with pytest.raises(ValidationError) as galat:
        kabupaten_skala_simpan(
            oleh=admin_kabupaten, kabupaten=kabupaten, skala_capaian=rusak, batasi_capaian_100=True
        )
    assert galat.value.message_dict == {
        "skala_capaian": ["Pita 'Rendah' (< 80) dan 'Tinggi' (≥ 70) tumpang tindih antara 70 dan 80."]
    }
    kabupaten.refresh_from_db()
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == (None, False)


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "admin_lain", "tanpa_peran"])
def test_simpan_bukan_admin_kabupatennya_ditolak(request, persona, kabupaten, kecamatan_a):
    with pytest.raises(PermissionDenied):
        kabupaten_skala_simpan(
            oleh=request.getfixturevalue(persona),
            kabupaten=kabupaten,
            skala_capaian="banjar",
            batasi_capaian_100=True,
        )
    kabupaten.refresh_from_db()
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == (None, False)


# --- form ---------------------------------------------------------------------------------------------


def _pita(*baris, hapus=()):
    data = {"pita-TOTAL_FORMS": str(len(baris)), "pita-INITIAL_FORMS": "0"}
    for i, (label, kode, warna, bawah, bawah_termasuk, atas, atas_termasuk) in enumerate(baris):
        data |= {
            f"pita-{i}-label": label,
            f"pita-{i}-kode": kode,
            f"pita-{i}-warna": warna,
            f"pita-{i}-bawah": bawah,
            f"pita-{i}-bawah_termasuk": bawah_termasuk,
            f"pita-{i}-atas": atas,
            f"pita-{i}-atas_termasuk": atas_termasuk,
        }
        if i in hapus:
            data[f"pita-{i}-DELETE"] = "on"
    return data


SKM_BARIS = [
    ("Sangat Baik", "A", "hijau", "88,31", "1", "", "0"),
    ("Baik", "B", "biru", "76,61", "1", "88,31", "0"),
    ("Kurang Baik", "C", "kuning", "65", "1", "76,61", "0"),
    ("Tidak Baik", "D", "merah", "", "1", "65", "0"),
]


def test_form_awal_dari_skala_berlaku(kabupaten):
    kabupaten.skala_capaian = "sakip"
    form = SkalaForm(kabupaten=kabupaten)
    assert form.initial == {"pilihan": "sakip", "batasi_capaian_100": False}
    assert [i["label"] for i in form.pita.initial] == [p.label for p in SKALA["sakip"].pita]
    assert len(form.pita.forms) == 8  # and one empty row
    assert form.pita.forms[1].initial["bawah_termasuk"] == "0"
    assert form.pita.forms[1]["bawah"].value() == "80"
    assert form.pita.forms[1].fields["bawah"].prepare_value(D("65.00")) == "65"
    assert [p[0] for p in form.fields["pilihan"].choices] == [*SKALA, "khusus"]


def test_form_awal_skala_khusus(kabupaten):
    kabupaten.skala_capaian = BANJAR_TERSIMPAN
    form = SkalaForm(kabupaten=kabupaten)
    assert form.initial == {
        "pilihan": "khusus",
        "batasi_capaian_100": False,
        "nama": "Skala Nilai Peringkat Kinerja Kabupaten Banjar",
        "sumber": "Tabel 3.1 LKjIP Kecamatan Aluh Aluh 2022",
    }


def test_form_preset(kabupaten):
    form = SkalaForm({"pilihan": "jember", "batasi_capaian_100": "on", **_pita()}, kabupaten=kabupaten)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["skala_capaian"], form.cleaned_data["batasi_capaian_100"]) == ("jember", True)


def test_form_preset_mengabaikan_pita_rusak(kabupaten):
    data = {"pilihan": "banjar", **_pita(("", "", "", "x", "1", "", "0"))}
    form = SkalaForm(data, kabupaten=kabupaten)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["skala_capaian"] == "banjar"


def test_form_khusus_angka_indonesia_dan_baris_dihapus_atau_kosong(kabupaten):
    baris = [*SKM_BARIS, ("Dibuang", "", "", "1", "1", "2", "0"), ("", "", "", "", "1", "", "0")]
    data = {"pilihan": "khusus", "nama": " Mutu SKM ", "sumber": "", **_pita(*baris, hapus=(4,))}
    form = SkalaForm(data, kabupaten=kabupaten)
    assert form.is_valid(), (form.errors, form.pita.errors)
    assert form.cleaned_data["skala_capaian"] == {
        "nama": "Mutu SKM",
        "pita": [
            {"bawah": "88.31", "label": "Sangat Baik", "kode": "A", "warna": "hijau"},
            {"bawah": "76.61", "atas": "88.31", "label": "Baik", "kode": "B", "warna": "biru"},
            {"bawah": "65", "atas": "76.61", "label": "Kurang Baik", "kode": "C", "warna": "kuning"},
            {"atas": "65", "label": "Tidak Baik", "kode": "D", "warna": "merah"},
        ],
    }


def test_form_khusus_celah_ditandai_pada_pita_yang_bersangkutan(kabupaten):
    baris = list(SKM_BARIS)
    baris[1] = ("Baik", "B", "biru", "76,61", "1", "88", "0")
    form = SkalaForm({"pilihan": "khusus", "nama": "Mutu SKM", **_pita(*baris)}, kabupaten=kabupaten)
    assert not form.is_valid()
    pesan = "Pita 'Baik' (76,61 s.d. < 88) dan 'Sangat Baik' (≥ 88,31) menyisakan celah antara 88 dan 88,31."
    assert form.non_field_errors() == [f"Pita skala belum benar: {pesan}"]
    assert [b.non_field_errors() for b in form.pita] == [[pesan], [pesan], [], []]


def test_form_khusus_batas_termasuk_dua_kali_ditolak(kabupaten):
    baris = list(SKM_BARIS)
    baris[2] = ("Kurang Baik", "C", "kuning", "65", "1", "76,61", "1")
    form = SkalaForm({"pilihan": "khusus", "nama": "Mutu SKM", **_pita(*baris)}, kabupaten=kabupaten)
    assert not form.is_valid()
    assert form.pita.forms[2].non_field_errors() == [
        "Pita 'Kurang Baik' (65 s.d. ≤ 76,61) dan 'Baik' (76,61 s.d. < 88,31) tumpang tindih "
        "pada nilai 76,61: keduanya memuatnya."
    ]


def test_form_khusus_isian_salah_di_bidangnya(kabupaten):
    baris = [("", "A", "hijau", "abc", "1", "", "0"), ("Rendah", "", "", "", "1", "-5", "0")]
    form = SkalaForm({"pilihan": "khusus", "nama": "", **_pita(*baris)}, kabupaten=kabupaten)
    assert not form.is_valid()
    assert form.errors == {
        "nama": ["Isi nama skala khusus."],
        "__all__": ["Periksa pita yang ditandai di bawah."],
    }
    assert form.pita.errors[0]["label"] == ["Isi nama predikat, atau centang Hapus."]
    assert len(form.pita.errors[0]["bawah"]) == 1
    assert form.pita.errors[1] == {"atas": ["Tidak boleh negatif."]}


def test_form_khusus_tanpa_pita(kabupaten):
    form = SkalaForm({"pilihan": "khusus", "nama": "Kosong", **_pita()}, kabupaten=kabupaten)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Skala khusus harus punya paling sedikit satu pita."]


def test_form_pilihan_tak_dikenal(kabupaten):
    form = SkalaForm({"pilihan": "lain", **_pita()}, kabupaten=kabupaten)
    assert not form.is_valid()
    assert list(form.errors) == ["pilihan"]


# --- pages: persona matrix ----------------------------------------------------------------------------


def _url(kabupaten):
    return [
        reverse("admin_skala"),
        reverse("admin_pita_baris"),
        reverse("admin_skala_detail", args=[kabupaten.pk]),
        reverse("admin_skala_ubah", args=[kabupaten.pk]),
    ]


def test_halaman_admin_kabupaten(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    hasil = {url: client.get(url).status_code for url in _url(kabupaten)}
    assert hasil == dict(zip(_url(kabupaten), [302, 200, 200, 200], strict=True))
    assert client.get(reverse("admin_skala")).url == reverse("admin_skala_detail", args=[kabupaten.pk])


@pytest.mark.parametrize("persona", ["operator_a", "camat_a", "inspektorat", "tanpa_peran"])
def test_halaman_peran_lain_403(request, client, persona, kabupaten):
    client.force_login(request.getfixturevalue(persona))
    urls = _url(kabupaten)
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 403)
    ubah = reverse("admin_skala_ubah", args=[kabupaten.pk])
    assert client.post(ubah, {"pilihan": "banjar", **_pita()}).status_code == 403
    kabupaten.refresh_from_db()
    assert kabupaten.skala_capaian is None


def test_halaman_admin_kabupaten_lain_404(client, admin_lain, kabupaten):
    client.force_login(admin_lain)
    urls = [
        reverse("admin_skala_detail", args=[kabupaten.pk]),
        reverse("admin_skala_ubah", args=[kabupaten.pk]),
    ]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
    assert client.post(urls[1], {"pilihan": "banjar", **_pita()}).status_code == 404
    kabupaten.refresh_from_db()
    assert kabupaten.skala_capaian is None


def test_halaman_anonim_ke_login(client, kabupaten):
    for url in _url(kabupaten):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


def test_halaman_post_hanya_untuk_ubah(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    urls = [
        reverse("admin_skala"),
        reverse("admin_pita_baris"),
        reverse("admin_skala_detail", args=[kabupaten.pk]),
    ]
    assert {url: client.post(url).status_code for url in urls} == dict.fromkeys(urls, 405)


# --- pages: content -----------------------------------------------------------------------------------


def test_detail_skala_bawaan(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_skala_detail", args=[kabupaten.pk])).content.decode()
    assert tabel(html, "tabel-skala") == [
        ["No", "Interval capaian (%)", "Predikat", "Kode"],
        ["1", "≥ 91", "Sangat Tinggi", "ST"],
        ["2", "76 - < 91", "Tinggi", "T"],
        ["3", "66 - < 76", "Sedang", "S"],
        ["4", "51 - < 66", "Rendah", "R"],
        ["5", "< 51", "Sangat Rendah", "SR"],
    ]
    assert '<span class="badge predikat-hijau">Sangat Tinggi</span>' in html
    assert '<span class="badge predikat-merah">Sangat Rendah</span>' in html
    assert bagian(html, "skala-berlaku").startswith(
        "Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017) Jenis Skala bawaan aplikasi Sumber"
    )
    assert bagian(html, "batasi-100") == "Tidak: rata-rata dan efisiensi memakai capaian apa adanya"
    assert 'href="/administrasi/skala/"' in bagian_html_navigasi(html)
    assert "style=" not in html


def bagian_html_navigasi(html: str) -> str:
    awal = html.index('id="navigasi-administrasi"')
    return html[awal : html.index("</nav>", awal)]


def test_detail_skala_khusus_dengan_warna_heks(client, admin_kabupaten, kabupaten):
    kabupaten.skala_capaian = {
        "nama": "Skala Khusus",
        "pita": [
            {"bawah": 100, "label": "Berhasil", "kode": "H", "warna": "#00a651", "bawah_termasuk": False},
            {"atas": 100, "label": "Belum", "warna": "", "atas_termasuk": True},
        ],
    }
    kabupaten.batasi_capaian_100 = True
    kabupaten.save()
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_skala_detail", args=[kabupaten.pk])).content.decode()
    assert tabel(html, "tabel-skala")[1:] == [["1", "> 100", "Berhasil", "H"], ["2", "≤ 100", "Belum", "-"]]
    assert '<span class="badge predikat-hijau">Berhasil</span>' in html
    assert '<span class="badge predikat-abu-abu">Belum</span>' in html
    assert (
        bagian(html, "batasi-100") == "Ya: capaian di atas 100 % dihitung 100 % dalam rata-rata dan efisiensi"
    )


def test_ubah_ke_preset(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    url = reverse("admin_skala_ubah", args=[kabupaten.pk])
    response = client.post(url, {"pilihan": "banjar", "batasi_capaian_100": "on", **_pita()}, follow=True)
    assert response.redirect_chain == [(reverse("admin_skala_detail", args=[kabupaten.pk]), 302)]
    assert [m.message for m in response.context["messages"]] == [
        "Skala predikat Kabupaten Banyumas disimpan."
    ]
    kabupaten.refresh_from_db()
    assert (kabupaten.skala_capaian, kabupaten.batasi_capaian_100) == ("banjar", True)
    assert tabel(response.content, "tabel-skala")[1] == ["1", "≥ 100", "Berhasil", "B"]


def test_ubah_ke_skala_khusus(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    url = reverse("admin_skala_ubah", args=[kabupaten.pk])
    response = client.post(url, {"pilihan": "khusus", "nama": "Mutu SKM", **_pita(*SKM_BARIS)})
    assert response.status_code == 302
    kabupaten.refresh_from_db()
    assert [p.interval() for p in kabupaten.skala().pita] == [
        "≥ 88,31",
        "76,61 - < 88,31",
        "65 - < 76,61",
        "< 65",
    ]


def test_ubah_skala_bercelah_tidak_disimpan_dan_galat_di_barisnya(client, admin_kabupaten, kabupaten):
    client.force_login(admin_kabupaten)
    baris = list(SKM_BARIS)
    baris[3] = ("Tidak Baik", "D", "merah", "", "1", "60", "0")
    url = reverse("admin_skala_ubah", args=[kabupaten.pk])
    response = client.post(url, {"pilihan": "khusus", "nama": "Mutu SKM", **_pita(*baris)})
    assert response.status_code == 200
    pesan = "Pita 'Tidak Baik' (< 60) dan 'Kurang Baik' (65 s.d. < 76,61) menyisakan celah antara 60 dan 65."
    assert bagian(response.content, "galat-form") == f"Pita skala belum benar: {pesan}"
    assert teks(response.content).count(pesan) == 3  # the summary and the two rows concerned
    kabupaten.refresh_from_db()
    assert kabupaten.skala_capaian is None


def test_halaman_ubah_memuat_pita_berlaku_dan_tabel_preset(client, admin_kabupaten, kabupaten):
    kabupaten.skala_capaian = "jember"
    kabupaten.save()
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_skala_ubah", args=[kabupaten.pk])).content.decode()
    assert 'name="pilihan" value="jember"' in html and "checked" in html
    assert 'value="Sangat Baik"' in html
    assert tabel(html, "tabel-sakip")[2] == ["2", "> 80 - ≤ 90", "Memuaskan", "A"]
    assert "style=" not in html


def test_baris_pita_baru(client, admin_kabupaten):
    client.force_login(admin_kabupaten)
    html = client.get(reverse("admin_pita_baris"), {"pita-TOTAL_FORMS": "4"}).content.decode()
    assert 'name="pita-4-label"' in html
    assert 'name="pita-TOTAL_FORMS" value="5"' in html


def test_superuser_melihat_daftar_kabupaten(client, kabupaten, kabupaten_lain):
    kabupaten_lain.skala_capaian = "banjar"
    kabupaten_lain.save()
    client.force_login(f.UserFactory(username="root", is_superuser=True))
    html = client.get(reverse("admin_skala")).content
    assert tabel(html, "tabel-skala-kabupaten") == [
        ["Kabupaten", "Skala", "Batasi 100 %", "Aksi"],
        ["Banyumas", "Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)", "Tidak", "Ubah"],
        ["Cilacap", "Skala Nilai Peringkat Kinerja Kabupaten Banjar", "Tidak", "Ubah"],
    ]


@pytest.mark.parametrize("jumlah", [2, 4])
def test_daftar_kueri_tetap(client, django_assert_num_queries, jumlah):
    for i in range(jumlah):
        f.KabupatenFactory(nama=f"Kab {i}", skala_capaian=BANJAR_TERSIMPAN if i % 2 else None)
    client.force_login(f.UserFactory(username="root", is_superuser=True))
    with django_assert_num_queries(4):
        response = client.get(reverse("admin_skala"))
    assert len(tabel(response.content, "tabel-skala-kabupaten")) == jumlah + 1


@pytest.mark.parametrize("jumlah_pita", [1, 3])
def test_detail_kueri_tetap(client, django_assert_num_queries, admin_kabupaten, kabupaten, jumlah_pita):
    pita = (
        [{"label": "Semua"}]
        if jumlah_pita == 1
        else [
            {"bawah": 90, "label": "Tinggi"},
            {"bawah": 50, "atas": 90, "label": "Sedang"},
            {"atas": 50, "label": "Rendah"},
        ]
    )
    Kabupaten.objects.filter(pk=kabupaten.pk).update(skala_capaian={"nama": "Uji", "pita": pita})
    client.force_login(admin_kabupaten)
    with django_assert_num_queries(5):
        response = client.get(reverse("admin_skala_detail", args=[kabupaten.pk]))
    assert len(tabel(response.content, "tabel-skala")) == jumlah_pita + 1
