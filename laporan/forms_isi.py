"""Forms of the report's own content: a block (title, on/off, text), place and date of signing,
penghargaan, SDM lines, permasalahan, isu strategis, image uploads and the kabupaten defaults of
the outline.

The forms check and convert; laporan/services.py writes (and checks again). Images are judged by
their content (lkjip.unggah.BerkasGambarField), so a refusal shows on the upload field.
"""

from __future__ import annotations

from django import forms

from laporan.kerangka import KERANGKA, Blok
from laporan.models import BerkasLaporan, Penghargaan, SdmRekap
from laporan.narasi import BANTUAN_FORMAT
from lkjip.unggah import BATAS_GAMBAR, BerkasGambarField, bantuan_batas

MAKS_TEKS = 30_000
BANTUAN_GAMBAR = f"Gambar JPEG atau PNG, satu halaman per berkas, {bantuan_batas(BATAS_GAMBAR)}."
IKUT, TAMPIL, SEMBUNYI = "", "1", "0"


class BlokForm(forms.Form):
    """One block of a report: title, on/off (or the kabupaten default) and, for blocks with text,
    the text."""

    judul = forms.CharField(label="Judul", max_length=200, required=False)
    aktif = forms.ChoiceField(label="Tampilkan dalam laporan", required=False)
    teks = forms.CharField(
        label="Teks",
        required=False,
        strip=False,
        max_length=MAKS_TEKS,
        help_text=BANTUAN_FORMAT,
        widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"}),
    )

    def __init__(self, *args, blok: Blok, judul_bawaan: str, aktif_bawaan: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["judul"].help_text = f'Kosongkan untuk memakai judul bawaan kabupaten: "{judul_bawaan}".'
        self.fields["judul"].widget.attrs["placeholder"] = judul_bawaan
        bawaan = "ditampilkan" if aktif_bawaan else "disembunyikan"
        self.fields["aktif"].choices = [
            (IKUT, f"Ikuti bawaan kabupaten ({bawaan})"),
            (TAMPIL, "Tampilkan"),
            (SEMBUNYI, "Sembunyikan"),
        ]
        if not blok.bisa_diisi:
            del self.fields["teks"]

    def clean_aktif(self) -> bool | None:
        return {IKUT: None, TAMPIL: True, SEMBUNYI: False}[self.cleaned_data["aktif"]]

    @staticmethod
    def nilai_awal(aktif: bool | None, judul: str, teks: str | None) -> dict:
        return {"aktif": {None: IKUT, True: TAMPIL, False: SEMBUNYI}[aktif], "judul": judul, "teks": teks}


class PenandatangananForm(forms.Form):
    tempat = forms.CharField(
        label="Tempat",
        max_length=120,
        required=False,
        help_text="Kota atau kecamatan tempat laporan ditandatangani, mis. Ajibarang.",
    )
    tanggal = forms.DateField(
        label="Tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": "Tanggal tidak valid; tulis seperti 04/01/2021 atau pilih di kalender."},
        help_text="Kosongkan bila belum ditentukan.",
    )

    def __init__(self, *args, tahun: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tahun = tahun

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal and tanggal.year < self.tahun:
            raise forms.ValidationError(
                f"Tanggal penandatanganan tidak boleh sebelum tahun laporan ({self.tahun})."
            )
        return tanggal


class PenghargaanForm(forms.Form):
    nama = forms.CharField(
        label="Penghargaan", max_length=300, help_text=Penghargaan._meta.get_field("nama").help_text
    )
    tingkat = forms.ChoiceField(
        label="Tingkat", required=False, choices=[("", "—")] + list(Penghargaan.Tingkat.choices)
    )
    pemberi = forms.CharField(
        label="Pemberi", max_length=200, required=False, help_text="Mis. Gubernur Jawa Tengah."
    )
    penerima = forms.CharField(
        label="Penerima",
        max_length=200,
        required=False,
        help_text=Penghargaan._meta.get_field("penerima").help_text,
    )

    @staticmethod
    def nilai_awal(p: Penghargaan) -> dict:
        return {"nama": p.nama, "tingkat": p.tingkat, "pemberi": p.pemberi, "penerima": p.penerima}


class SdmForm(forms.Form):
    kategori = forms.CharField(
        label="Kategori",
        max_length=40,
        help_text="Tabel tempat baris ini masuk: " + ", ".join(SdmRekap.KATEGORI) + ", atau kategori lain.",
        widget=forms.TextInput(attrs={"list": "pilihan-kategori", "autocomplete": "off"}),
    )
    uraian = forms.CharField(
        label="Uraian", max_length=120, help_text="Mis. PNS, Sarjana, III/a, Eselon IV.a."
    )
    jumlah = forms.IntegerField(
        label="Jumlah (orang)",
        min_value=0,
        error_messages={
            "invalid": "Tulis jumlah orang sebagai bilangan bulat, mis. 6.",
            "min_value": "Jumlah tidak boleh negatif.",
        },
    )

    def clean_kategori(self) -> str:
        return self.cleaned_data["kategori"].strip().lower().replace(" ", "_")

    @staticmethod
    def nilai_awal(b: SdmRekap) -> dict:
        return {"kategori": b.kategori, "uraian": b.uraian, "jumlah": b.jumlah}


class PermasalahanForm(forms.Form):
    pokok_masalah = forms.CharField(
        label="Pokok masalah", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    masalah = forms.CharField(label="Masalah", widget=forms.Textarea(attrs={"rows": 3}))
    akar_masalah = forms.CharField(
        label="Akar masalah", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IsuStrategisForm(forms.Form):
    uraian = forms.CharField(label="Isu strategis", widget=forms.Textarea(attrs={"rows": 3}))


class GambarField(BerkasGambarField):
    """An uploaded JPEG or PNG image, checked by its content (size, type, pixels) on the field."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", BANTUAN_GAMBAR)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": self.accept}))
        super().__init__(**kwargs)


class BerkasForm(forms.Form):
    berkas = GambarField(label="Berkas gambar")
    keterangan = forms.CharField(
        label="Keterangan",
        max_length=200,
        required=False,
        help_text=BerkasLaporan._meta.get_field("keterangan").help_text,
    )


class KeteranganForm(forms.Form):
    keterangan = forms.CharField(
        label="Keterangan",
        max_length=200,
        required=False,
        help_text=BerkasLaporan._meta.get_field("keterangan").help_text,
    )


class LogoForm(forms.Form):
    berkas = GambarField(label="Logo kabupaten")


class KerangkaKabupatenForm(forms.Form):
    """The kabupaten defaults of every block: shown or not, and its title."""

    def __init__(self, *args, pengaturan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for p in pengaturan:
            kode = p.blok.kode
            self.fields[f"aktif_{kode}"] = forms.BooleanField(
                label=f"Tampilkan {p.blok.judul}", required=False, initial=p.aktif
            )
            self.fields[f"judul_{kode}"] = forms.CharField(
                label=f"Judul {p.blok.judul}",
                max_length=200,
                required=False,
                initial=p.judul,
                widget=forms.TextInput(attrs={"placeholder": p.blok.judul}),
            )

    def baris(self):
        """(block, its aktif field, its judul field) per block, in report order."""
        return [(b, self[f"aktif_{b.kode}"], self[f"judul_{b.kode}"]) for b in KERANGKA]

    def pengaturan(self) -> dict[str, tuple[bool, str]]:
        return {
            b.kode: (self.cleaned_data[f"aktif_{b.kode}"], self.cleaned_data[f"judul_{b.kode}"])
            for b in KERANGKA
        }
