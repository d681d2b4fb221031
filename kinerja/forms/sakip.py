"""Forms of the SAKIP evaluation pages: the LHE heading, its components (bobot and nilai, typed
Indonesian style "22,20"), its recommendations, and the kecamatan's tindak lanjut. They say on the
field what is wrong; the services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from kinerja import skm
from kinerja.forms.bidang import teks_angka
from kinerja.forms.skm import AngkaField
from kinerja.models import EvaluasiSakip, RekomendasiSakip, TindakLanjut
from kinerja.services.sakip import IsianKomponen, IsianRekomendasi
from lkjip.format import format_angka

PESAN_TAHUN = {
    "invalid": "Tahun harus angka empat digit, mis. 2024.",
    "min_value": "Tahun paling awal 1990.",
    "max_value": "Tahun paling akhir 2100.",
}


class EvaluasiForm(forms.Form):
    tahun_evaluasi = forms.IntegerField(
        label="Tahun LHE terbit",
        min_value=1990,
        max_value=2100,
        help_text="LKjIP tahun ini memuat nilai dari LHE ini.",
        error_messages={"required": "Tahun LHE terbit wajib diisi.", **PESAN_TAHUN},
    )
    tahun_dievaluasi = forms.IntegerField(
        label="Tahun AKIP yang dievaluasi",
        min_value=1990,
        max_value=2100,
        help_text="Biasanya satu tahun sebelum LHE terbit.",
        error_messages={"required": "Tahun yang dievaluasi wajib diisi.", **PESAN_TAHUN},
    )
    nomor_surat = forms.CharField(label="Nomor surat LHE", max_length=120, required=False)
    tanggal = forms.DateField(
        label="Tanggal surat",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": "Tanggal tidak valid; tulis mis. 25/06/2024."},
    )

    @staticmethod
    def initial_evaluasi(evaluasi: EvaluasiSakip) -> dict:
        return {
            "tahun_evaluasi": evaluasi.tahun_evaluasi,
            "tahun_dievaluasi": evaluasi.tahun_dievaluasi,
            "nomor_surat": evaluasi.nomor_surat,
            "tanggal": evaluasi.tanggal,
        }

    def data_evaluasi(self) -> dict:
        return dict(self.cleaned_data)


class KomponenForm(forms.Form):
    """A component row; a row left wholly empty is not part of the evaluation."""

    nama = forms.CharField(label="Komponen", max_length=200, required=False)
    bobot = AngkaField(label="Bobot", minimum=Decimal(0), maksimum=Decimal(100))
    nilai = AngkaField(label="Nilai", minimum=Decimal(0), maksimum=Decimal(100))

    @property
    def kosong(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not data.get("nama")
            and data.get("bobot") is None
            and data.get("nilai") is None
            and not self.errors
        )

    def clean(self) -> dict:
        data = super().clean()
        if self.kosong:
            return data
        if not data.get("nama"):
            self.add_error("nama", "Nama komponen wajib diisi.")
        if data.get("bobot") is None and "bobot" not in self.errors:
            self.add_error("bobot", "Bobot wajib diisi.")
        elif data.get("bobot") == 0:
            self.add_error("bobot", "Bobot harus lebih dari 0.")
        if data.get("nilai") is None and "nilai" not in self.errors:
            self.add_error("nilai", "Nilai wajib diisi.")
        bobot, nilai = data.get("bobot"), data.get("nilai")
        if bobot and nilai is not None and nilai > bobot:
            self.add_error("nilai", f"Nilai {format_angka(nilai)} melebihi bobot {format_angka(bobot)}.")
        return data

    def isian(self) -> IsianKomponen:
        data = self.cleaned_data
        return IsianKomponen(nama=data["nama"].strip(), bobot=data["bobot"], nilai=data["nilai"])


class BaseKomponenFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.isian():
            raise forms.ValidationError("Isi paling sedikit satu komponen penilaian.")

    def isian(self) -> list[IsianKomponen]:
        return [f.isian() for f in self.forms if not f.kosong]


KomponenFormSet = forms.formset_factory(KomponenForm, formset=BaseKomponenFormSet, extra=2)


def initial_komponen_baku() -> list[dict]:
    """The PermenPAN-RB 88/2021 components and weights, values still empty."""
    return [{"nama": nama, "bobot": teks_angka(bobot)} for nama, bobot in skm.BOBOT_SAKIP_88_2021]


def initial_komponen(evaluasi: EvaluasiSakip) -> list[dict]:
    return [
        {"nama": k.nama, "bobot": teks_angka(k.bobot), "nilai": teks_angka(k.nilai)}
        for k in evaluasi.komponen.all()
    ]


class RekomendasiForm(forms.Form):
    """A recommendation row; emptying the text of a stored one removes it."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    komponen = forms.CharField(label="Komponen", max_length=200, required=False)
    uraian = forms.CharField(label="Rekomendasi", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def kosong(self) -> bool:
        return not getattr(self, "cleaned_data", {}).get("uraian", "").strip()

    def isian(self) -> IsianRekomendasi:
        data = self.cleaned_data
        return IsianRekomendasi(
            uraian=data["uraian"].strip(), komponen=data["komponen"].strip(), id=data.get("id")
        )


class BaseRekomendasiFormSet(forms.BaseFormSet):
    def isian(self) -> list[IsianRekomendasi]:
        return [f.isian() for f in self.forms if not f.kosong]


RekomendasiFormSet = forms.formset_factory(RekomendasiForm, formset=BaseRekomendasiFormSet, extra=3)


def initial_rekomendasi(evaluasi: EvaluasiSakip) -> list[dict]:
    return [{"id": r.pk, "komponen": r.komponen, "uraian": r.uraian} for r in evaluasi.rekomendasi.all()]


class TindakLanjutForm(forms.Form):
    uraian = forms.CharField(
        label="Rencana aksi / tindak lanjut",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Uraian tindak lanjut wajib diisi."},
    )
    waktu = forms.CharField(
        label="Waktu pelaksanaan", max_length=120, required=False, help_text="Mis. Juli 2024."
    )
    penanggung_jawab = forms.CharField(label="Penanggung jawab", max_length=200, required=False)
    status = forms.ChoiceField(label="Status", choices=TindakLanjut.Status.choices)

    @staticmethod
    def initial_rekomendasi(rekomendasi: RekomendasiSakip) -> dict:
        tl = getattr(rekomendasi, "tindak_lanjut", None)
        if tl is None:
            return {"status": TindakLanjut.Status.BELUM}
        return {
            "uraian": tl.uraian,
            "waktu": tl.waktu,
            "penanggung_jawab": tl.penanggung_jawab,
            "status": tl.status,
        }
