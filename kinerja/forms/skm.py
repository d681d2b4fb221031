"""Forms of the SKM pages: the survey heading, the results per unsur (NRR, answer counts or
distribution) and the public questionnaire. They read Indonesian numbers ("3,340", "40 %") and say
on the field what is wrong; the services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from kinerja import skm
from kinerja.forms.bidang import teks_angka
from kinerja.models import ResponSkm, SurveiSkm, UnsurSkm, VersiSkm
from kinerja.services.skm import IsianRespon, IsianUnsur
from lkjip.format import format_angka, parse_angka

BENTUK = {
    "nrr": "NRR per unsur (1-4)",
    "jumlah": "Jumlah jawaban 1, 2, 3, 4",
    "distribusi": "Persentase jawaban 1, 2, 3, 4",
}
MAKS_DESIMAL = 4


class AngkaField(forms.CharField):
    """A decimal typed Indonesian style ("3,340", "40", "40 %"); empty gives None."""

    def __init__(self, *, minimum: Decimal | None = None, maksimum: Decimal | None = None, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.minimum, self.maksimum = minimum, maksimum

    def to_python(self, value) -> Decimal | None:
        if isinstance(value, Decimal):
            return value
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            angka = parse_angka(teks)
        except ValueError as e:
            raise ValidationError(str(e), code="invalid") from e
        eksponen = angka.normalize().as_tuple().exponent
        if isinstance(eksponen, int) and -eksponen > MAKS_DESIMAL:
            raise ValidationError(f"Paling banyak {MAKS_DESIMAL} angka di belakang koma.", code="desimal")
        if (
            self.minimum is not None
            and angka < self.minimum
            or self.maksimum is not None
            and angka > self.maksimum
        ):
            raise ValidationError(
                f"Harus antara {format_angka(self.minimum, 0)} dan {format_angka(self.maksimum, 0)}.",
                code="rentang",
            )
        return angka


def teks_nrr(nrr: Decimal) -> str:
    """An NRR in its input as printed, with 3 decimals (more when stored): "3,200", "3,5324"."""
    eksponen = nrr.normalize().as_tuple().exponent
    return format_angka(nrr, max(3, -eksponen if isinstance(eksponen, int) else 0))


def _baris(teks: str) -> list[str]:
    return [t.strip() for t in (teks or "").splitlines() if t.strip()]


class SurveiForm(forms.Form):
    """The heading of a survey."""

    tahun = forms.IntegerField(
        label="Tahun",
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": "Tahun wajib diisi.",
            "invalid": "Tahun harus angka empat digit, mis. 2024.",
            "min_value": "Tahun paling awal 1990.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )
    periode = forms.ChoiceField(label="Periode", choices=SurveiSkm.Periode.choices)
    versi = forms.ChoiceField(
        label="Pedoman",
        choices=VersiSkm.choices,
        help_text="PermenPAN-RB 14/2017 untuk survei sekarang; Kepmenpan 25/2004 untuk survei lama.",
    )
    metode = forms.CharField(
        label="Metode pengumpulan data",
        max_length=200,
        required=False,
        help_text="Mis. kuesioner tatap muka di loket, kuesioner daring, atau keduanya.",
    )
    responden = forms.IntegerField(
        label="Jumlah responden",
        min_value=0,
        required=False,
        help_text="Kosongkan untuk survei daring: jumlah respon dihitung otomatis.",
        error_messages={
            "invalid": "Jumlah responden harus bilangan bulat.",
            "min_value": "Tidak boleh negatif.",
        },
    )
    kritik = forms.CharField(
        label="Kritik",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu kritik per baris.",
    )
    saran = forms.CharField(
        label="Saran",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu saran per baris.",
    )

    @staticmethod
    def initial_survei(survei: SurveiSkm) -> dict:
        return {
            "tahun": survei.tahun,
            "periode": survei.periode,
            "versi": survei.versi,
            "metode": survei.metode,
            "responden": survei.responden,
            "kritik": "\n".join(survei.kritik),
            "saran": "\n".join(survei.saran),
        }

    def data_survei(self) -> dict:
        data = self.cleaned_data
        return {
            "tahun": data["tahun"],
            "periode": data["periode"],
            "versi": data["versi"],
            "metode": data["metode"],
            "responden": data["responden"],
            "kritik": _baris(data["kritik"]),
            "saran": _baris(data["saran"]),
        }


class PilihBentukForm(forms.Form):
    bentuk = forms.ChoiceField(label="Bentuk hasil", choices=list(BENTUK.items()), widget=forms.RadioSelect)


class UnsurForm(forms.Form):
    """One unsur's result in the chosen form. A row left empty is an unsur not filled (it is left
    out of the IKM)."""

    kode = forms.CharField(widget=forms.HiddenInput)
    nama = forms.CharField(
        label="Unsur", max_length=200, error_messages={"required": "Nama unsur wajib diisi."}
    )
    nrr = AngkaField(label="NRR", minimum=Decimal(1), maksimum=Decimal(4))
    jumlah_1 = forms.IntegerField(label="Jawaban 1", min_value=0, required=False)
    jumlah_2 = forms.IntegerField(label="Jawaban 2", min_value=0, required=False)
    jumlah_3 = forms.IntegerField(label="Jawaban 3", min_value=0, required=False)
    jumlah_4 = forms.IntegerField(label="Jawaban 4", min_value=0, required=False)
    persen_1 = AngkaField(label="% jawaban 1", minimum=Decimal(0), maksimum=Decimal(100))
    persen_2 = AngkaField(label="% jawaban 2", minimum=Decimal(0), maksimum=Decimal(100))
    persen_3 = AngkaField(label="% jawaban 3", minimum=Decimal(0), maksimum=Decimal(100))
    persen_4 = AngkaField(label="% jawaban 4", minimum=Decimal(0), maksimum=Decimal(100))

    def __init__(self, *args, bentuk: str = "nrr", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bentuk = bentuk
        for nama, field in self.fields.items():
            if nama.startswith("jumlah_"):
                field.error_messages |= {
                    "invalid": "Isi bilangan bulat.",
                    "min_value": "Tidak boleh negatif.",
                }

    def clean(self) -> dict:
        data = super().clean()
        if self.bentuk == "jumlah":
            isi = [data.get(k) for k in UnsurSkm.JUMLAH]
            if any(n is not None for n in isi) and not any(k in self.errors for k in UnsurSkm.JUMLAH):
                if sum(n or 0 for n in isi) == 0:
                    self.add_error("jumlah_4", "Jumlah jawaban tidak boleh semuanya nol.")
        elif self.bentuk == "distribusi":
            isi = [data.get(k) for k in UnsurSkm.PERSEN]
            if any(p is not None for p in isi) and not any(k in self.errors for k in UnsurSkm.PERSEN):
                total = sum((p or Decimal(0) for p in isi), Decimal(0))
                if abs(total - 100) * 2 > 1:
                    self.add_error(
                        "persen_4",
                        f"Jumlah persentase harus 100 (boleh selisih 0,5), bukan {format_angka(total)}.",
                    )
        return data

    def isian(self) -> IsianUnsur:
        data = self.cleaned_data
        nrr = jumlah = distribusi = None
        if self.bentuk == "nrr":
            nrr = data.get("nrr")
        elif self.bentuk == "jumlah":
            isi = [data.get(k) for k in UnsurSkm.JUMLAH]
            if any(n is not None for n in isi):
                jumlah = tuple(n or 0 for n in isi)
        else:
            isi = [data.get(k) for k in UnsurSkm.PERSEN]
            if any(p is not None for p in isi):
                distribusi = tuple(p if p is not None else Decimal(0) for p in isi)
        return IsianUnsur(
            kode=data["kode"], nama=data["nama"], nrr=nrr, jumlah_jawaban=jumlah, distribusi=distribusi
        )

    @staticmethod
    def initial_unsur(u: UnsurSkm, bentuk: str) -> dict:
        """A stored unsur in the inputs of `bentuk`. A value stored in another form is shown as
        its NRR in the NRR form only (never silently converted into counts or percentages)."""
        initial: dict = {"kode": u.kode, "nama": u.nama}
        if bentuk == "nrr":
            nrr = u.nrr
            if nrr is None and u.jumlah_jawaban is not None:
                nrr = skm.nrr_dari_jumlah(u.jumlah_jawaban).quantize(Decimal("0.0001"))
            elif nrr is None and u.distribusi is not None:
                nrr = skm.nrr_dari_distribusi(u.distribusi).quantize(Decimal("0.0001"))
            if nrr is not None:
                initial["nrr"] = teks_nrr(nrr)
        elif bentuk == "jumlah" and u.jumlah_jawaban is not None:
            initial |= dict(zip(UnsurSkm.JUMLAH, u.jumlah_jawaban, strict=True))
        elif bentuk == "distribusi" and u.distribusi is not None:
            initial |= {k: teks_angka(p) for k, p in zip(UnsurSkm.PERSEN, u.distribusi, strict=True)}
        return initial


class BaseUnsurFormSet(forms.BaseFormSet):
    def isian(self) -> list[IsianUnsur]:
        return [f.isian() for f in self.forms]


UnsurFormSet = forms.formset_factory(UnsurForm, formset=BaseUnsurFormSet, extra=0)


# --- the public questionnaire ----------------------------------------------------------------------


class KuesionerForm(forms.Form):
    """The questionnaire of PermenPAN-RB 14/2017: nine required answers, an optional profile, kritik
    and saran. `situs_web` is a honeypot: hidden from people, filled by robots."""

    jenis_kelamin = forms.ChoiceField(
        label="Jenis kelamin",
        required=False,
        choices=ResponSkm.JenisKelamin.choices,
        widget=forms.RadioSelect,
    )
    usia = forms.ChoiceField(
        label="Usia", required=False, choices=[("", "— pilih —"), *ResponSkm.Usia.choices]
    )
    pendidikan = forms.ChoiceField(
        label="Pendidikan terakhir",
        required=False,
        choices=[("", "— pilih —"), *ResponSkm.Pendidikan.choices],
    )
    pekerjaan = forms.ChoiceField(
        label="Pekerjaan", required=False, choices=[("", "— pilih —"), *ResponSkm.Pekerjaan.choices]
    )
    jenis_layanan = forms.CharField(
        label="Jenis layanan yang Anda terima",
        max_length=120,
        required=False,
        help_text="Mis. surat pengantar, rekomendasi izin, legalisasi dokumen.",
    )
    kritik = forms.CharField(
        label="Kritik", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    saran = forms.CharField(
        label="Saran", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    situs_web = forms.CharField(label="Situs web (jangan diisi)", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pertanyaan = {}
        for nomor, p in enumerate(skm.PERTANYAAN_14_2017, 1):
            pertanyaan[p.kode.lower()] = forms.TypedChoiceField(
                label=f"{nomor}. {p.teks}",
                coerce=int,
                choices=[(skor, teks) for skor, teks in enumerate(p.jawaban, 1)],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Pilih salah satu jawaban untuk pertanyaan ini.",
                    "invalid_choice": "Pilih salah satu jawaban yang tersedia.",
                },
            )
        # The questions first, then the profile (the fields' order is the page's order).
        self.fields = {**pertanyaan, **self.fields}

    @property
    def pertanyaan(self) -> list[forms.BoundField]:
        return [self[k] for k in ResponSkm.JAWABAN]

    @property
    def robot(self) -> bool:
        return bool(self.cleaned_data.get("situs_web"))

    def isian(self) -> IsianRespon:
        data = self.cleaned_data
        return IsianRespon(
            jawaban=tuple(data[k] for k in ResponSkm.JAWABAN),
            jenis_kelamin=data["jenis_kelamin"],
            usia=data["usia"],
            pendidikan=data["pendidikan"],
            pekerjaan=data["pekerjaan"],
            jenis_layanan=data["jenis_layanan"],
            kritik=data["kritik"],
            saran=data["saran"],
        )
