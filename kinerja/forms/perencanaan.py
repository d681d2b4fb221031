"""Forms of the planning editor: Renstra, tujuan, sasaran (with SDM per year), indicators, the
Renstra targets of an indicator and the analysis of a sasaran.

Lists (misi, strategi, kebijakan, faktor pendukung, ...) are typed one item per line; values are
read with kinerja.nilai.parse_nilai ("85,78", "BB (72,10)", ">= 80") and counts with
lkjip.format.parse_angka. Every refusal is said in Indonesian on its field. The forms only check
and convert; kinerja.services.perencanaan writes (and checks the same rules again).
"""

from __future__ import annotations

import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator

from kinerja.forms.bidang import NilaiField, VersiField, teks_nilai, versi_dari
from kinerja.models import (
    AnalisisSasaran,
    Arah,
    Indikator,
    Renstra,
    Sasaran,
    SdmSasaran,
    SumberRealisasi,
    Tujuan,
)
from kinerja.nilai import Nilai
from kinerja.services.perencanaan import (
    IKU_TANPA_TARGET_AKHIR,
    MAKS_TAHUN_PERIODE,
    SDM_NEGATIF,
    TAHUN_AKHIR_SEBELUM_AWAL,
    SdmTahun,
    kode_terpakai,
    misi_tidak_ada,
    periode_terlalu_panjang,
    satuan_cacah,
    sdm_tidak_lengkap,
    target_negatif,
)
from lkjip.format import parse_angka

BANTUAN_NILAI = "Tulis angka seperti 85,78; nilai berhuruf seperti BB (72,10); atau batas seperti >= 80."
BANTUAN_DAFTAR = "Satu butir per baris."
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


def _bantuan_form() -> FormHelper:
    """Crispy renders the fields only: the <form> tag, CSRF token and buttons are in the template."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class DaftarField(forms.CharField):
    """A list typed one item per line; empty lines are dropped. Gives list[str]."""

    def __init__(self, *, baris: int = 4, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", BANTUAN_DAFTAR)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": baris}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value if str(v).strip()]
        teks = super().to_python(value) or ""
        return [b.strip() for b in teks.splitlines() if b.strip()]


class NomorMisiField(forms.CharField):
    """The numbers of the supported misi, "2" or "1, 3". Gives list[int] (checked against the misi
    in RenstraForm.clean)."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(n) for n in value)
        return value

    def to_python(self, value) -> list[int]:
        if isinstance(value, list | tuple):
            return [int(n) for n in value]
        teks = (super().to_python(value) or "").strip()
        if not teks:
            return []
        bagian = [b for b in re.split(r"[\s,;]+", teks) if b]
        if not all(b.isdigit() for b in bagian):
            raise ValidationError('Tulis nomor misi dipisah koma, mis. "1, 3".', code="invalid")
        return [int(b) for b in bagian]


class JumlahField(forms.CharField):
    """A head count typed Indonesian style ("1.234"): a whole number, never negative. Empty: None."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> int | None:
        if isinstance(value, int):
            return value
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            angka = parse_angka(teks)
        except ValueError as e:
            raise ValidationError(str(e), code="invalid") from e
        if angka < 0:
            raise ValidationError(SDM_NEGATIF, code="negatif")
        if angka != angka.to_integral_value():
            raise ValidationError("Jumlah SDM harus bilangan bulat.", code="pecahan")
        if angka >= Decimal(10) ** 9:
            raise ValidationError("Angka terlalu besar.", code="terlalu_besar")
        return int(angka)


def _tahun(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAKS,
        error_messages={
            "required": f"{label.capitalize()} wajib diisi.",
            "invalid": "Tulis tahun dengan empat angka, mis. 2021.",
            "min_value": f"Tahun paling awal {TAHUN_MIN}.",
            "max_value": f"Tahun paling akhir {TAHUN_MAKS}.",
        },
    )


def _kode(contoh: str) -> forms.CharField:
    return forms.CharField(
        label="Kode",
        max_length=30,
        help_text=f"Unik di Renstra ini, mis. {contoh}.",
        error_messages={"required": "Kode wajib diisi.", "max_length": "Kode paling panjang 30 karakter."},
    )


def _periksa_kode(model, renstra: Renstra, sendiri, kode: str) -> str:
    kode = kode.strip()
    lain = model.objects.filter(renstra=renstra, kode=kode)
    if sendiri is not None:
        lain = lain.exclude(pk=sendiri.pk)
    if lain.exists():
        raise ValidationError(kode_terpakai(kode), code="kode_terpakai")
    return kode


# --- Renstra ------------------------------------------------------------------------------------------


class RenstraForm(forms.Form):
    tahun_awal = _tahun("tahun awal")
    tahun_akhir = _tahun("tahun akhir")
    dasar = forms.CharField(
        label="Dasar",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="RPJMD/RPD yang diacu dan Peraturan Bupati yang menetapkan Renstra.",
    )
    visi = forms.CharField(label="Visi", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    misi = DaftarField(label="Misi", help_text="Satu misi per baris, urut sesuai nomornya.")
    misi_didukung = NomorMisiField(
        label="Misi yang didukung kecamatan",
        required=False,
        help_text='Nomor misi, dipisah koma, mis. "2" atau "1, 3".',
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _bantuan_form()
        self.helper.layout = Layout(
            Row(
                Column("tahun_awal", css_class="col-6 col-md-3"),
                Column("tahun_akhir", css_class="col-6 col-md-3"),
            ),
            "dasar",
            "visi",
            Field("misi", rows=5),
            Row(Column("misi_didukung", css_class="col-md-6")),
        )

    @staticmethod
    def initial_renstra(renstra: Renstra) -> dict:
        return {
            "tahun_awal": renstra.tahun_awal,
            "tahun_akhir": renstra.tahun_akhir,
            "dasar": renstra.dasar,
            "visi": renstra.visi,
            "misi": list(renstra.misi),
            "misi_didukung": list(renstra.misi_didukung),
        }

    def clean(self) -> dict:
        data = super().clean()
        awal, akhir = data.get("tahun_awal"), data.get("tahun_akhir")
        if awal is not None and akhir is not None:
            if akhir < awal:
                self.add_error("tahun_akhir", TAHUN_AKHIR_SEBELUM_AWAL)
            elif akhir - awal + 1 > MAKS_TAHUN_PERIODE:
                self.add_error("tahun_akhir", periode_terlalu_panjang())
        misi = data.get("misi") or []
        for nomor in data.get("misi_didukung") or []:
            if not 1 <= nomor <= len(misi):
                self.add_error("misi_didukung", misi_tidak_ada(nomor, len(misi)))
                break
        return data

    def data_simpan(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("tahun_awal", "tahun_akhir", "dasar", "visi", "misi", "misi_didukung")}


# --- tujuan -------------------------------------------------------------------------------------------


class TujuanForm(forms.Form):
    kode = _kode("T1")
    uraian = forms.CharField(
        label="Uraian tujuan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Uraian tujuan wajib diisi."},
    )

    def __init__(self, *args, renstra: Renstra, tujuan: Tujuan | None = None, **kwargs) -> None:
        if tujuan is not None:
            kwargs.setdefault("initial", {"kode": tujuan.kode, "uraian": tujuan.uraian})
        super().__init__(*args, **kwargs)
        self.renstra, self.tujuan = renstra, tujuan
        self.helper = _bantuan_form()
        self.helper.layout = Layout(Row(Column("kode", css_class="col-md-4")), "uraian")

    def clean_kode(self) -> str:
        return _periksa_kode(Tujuan, self.renstra, self.tujuan, self.cleaned_data["kode"])


# --- sasaran ------------------------------------------------------------------------------------------


class SasaranForm(forms.Form):
    tujuan = forms.ModelChoiceField(
        label="Tujuan",
        queryset=Tujuan.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Pilih tujuan dari Renstra ini."},
    )
    kode = _kode("S1")
    uraian = forms.CharField(
        label="Uraian sasaran",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Uraian sasaran wajib diisi."},
    )
    strategi = DaftarField(label="Strategi", baris=3)
    kebijakan = DaftarField(label="Kebijakan", baris=3)

    def __init__(
        self,
        *args,
        renstra: Renstra,
        sasaran: Sasaran | None = None,
        tujuan: Tujuan | None = None,
        sdm: list[SdmSasaran] | None = None,
        **kwargs,
    ) -> None:
        """`tujuan`: where a new sasaran goes; `sdm`: the stored SDM rows of `sasaran`."""
        initial = kwargs.setdefault("initial", {})
        if sasaran is not None:
            initial.update(
                tujuan=sasaran.tujuan_id,
                kode=sasaran.kode,
                uraian=sasaran.uraian,
                strategi=list(sasaran.strategi),
                kebijakan=list(sasaran.kebijakan),
            )
        elif tujuan is not None:
            initial["tujuan"] = tujuan.pk
        per_tahun = {s.tahun: s for s in sdm or []}
        for tahun in renstra.tahun_periode:
            if s := per_tahun.get(tahun):
                initial.update(
                    {
                        f"sdm_target_{tahun}": str(s.target),
                        f"sdm_realisasi_{tahun}": str(s.realisasi),
                        f"sdm_keterangan_{tahun}": s.keterangan,
                    }
                )
        super().__init__(*args, **kwargs)
        self.renstra, self.sasaran = renstra, sasaran
        self.fields["tujuan"].queryset = Tujuan.objects.filter(renstra=renstra).order_by("urutan", "id")
        self.fields["tujuan"].label_from_instance = lambda t: f"{t.kode} {Truncator(t.uraian).chars(80)}"
        for tahun in renstra.tahun_periode:
            self.fields[f"sdm_target_{tahun}"] = JumlahField(label=f"Target SDM {tahun}")
            self.fields[f"sdm_realisasi_{tahun}"] = JumlahField(label=f"Realisasi SDM {tahun}")
            self.fields[f"sdm_keterangan_{tahun}"] = forms.CharField(
                label=f"Keterangan SDM {tahun}", required=False, max_length=255
            )
        self.helper = _bantuan_form()
        self.helper.layout = Layout(
            Row(Column("tujuan", css_class="col-md-8"), Column("kode", css_class="col-md-4")),
            "uraian",
            Row(Column("strategi", css_class="col-md-6"), Column("kebijakan", css_class="col-md-6")),
        )

    @property
    def baris_sdm(self) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (t, self[f"sdm_target_{t}"], self[f"sdm_realisasi_{t}"], self[f"sdm_keterangan_{t}"])
            for t in self.renstra.tahun_periode
        ]

    def clean_kode(self) -> str:
        return _periksa_kode(Sasaran, self.renstra, self.sasaran, self.cleaned_data["kode"])

    def clean(self) -> dict:
        data = super().clean()
        for tahun in self.renstra.tahun_periode:
            nama = {k: f"sdm_{k}_{tahun}" for k in ("target", "realisasi", "keterangan")}
            if any(n in self.errors for n in nama.values()):
                continue
            target, realisasi = data.get(nama["target"]), data.get(nama["realisasi"])
            if target is None and realisasi is not None:
                self.add_error(nama["target"], sdm_tidak_lengkap(tahun))
            elif realisasi is None and target is not None:
                self.add_error(nama["realisasi"], sdm_tidak_lengkap(tahun))
            elif target is None and data.get(nama["keterangan"]):
                self.add_error(nama["target"], sdm_tidak_lengkap(tahun))
        return data

    def data_simpan(self) -> dict:
        d = self.cleaned_data
        return {
            "tujuan": d["tujuan"],
            "kode": d["kode"],
            "uraian": d["uraian"],
            "strategi": d["strategi"],
            "kebijakan": d["kebijakan"],
            "sdm": [
                SdmTahun(
                    tahun=t,
                    target=d[f"sdm_target_{t}"],
                    realisasi=d[f"sdm_realisasi_{t}"],
                    keterangan=d[f"sdm_keterangan_{t}"].strip(),
                )
                for t in self.renstra.tahun_periode
            ],
        }


# --- indicators ---------------------------------------------------------------------------------------


def _periksa_target_akhir(form: forms.Form, *, iku: bool, satuan: str) -> None:
    if "target_akhir" in form.errors:
        return
    target_akhir: Nilai | None = form.cleaned_data.get("target_akhir")
    if iku and target_akhir is None:
        form.add_error("target_akhir", IKU_TANPA_TARGET_AKHIR)
    elif target_akhir is not None and target_akhir.nilai < 0 and satuan_cacah(satuan):
        form.add_error("target_akhir", target_negatif(satuan))


class IndikatorForm(forms.Form):
    induk = forms.ChoiceField(
        label="Induk (tujuan atau sasaran)",
        error_messages={
            "required": "Pilih tujuan atau sasaran induk indikator ini.",
            "invalid_choice": "Pilih tujuan atau sasaran dari Renstra ini.",
        },
    )
    kode = _kode("S1.1")
    nama = forms.CharField(
        label="Nama indikator",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Nama indikator wajib diisi."},
    )
    satuan = forms.CharField(
        label="Satuan",
        max_length=60,
        help_text="Mis. %, indeks, nilai, orang, dokumen.",
        error_messages={
            "required": "Satuan wajib diisi.",
            "max_length": "Satuan paling panjang 60 karakter.",
        },
    )
    arah = forms.ChoiceField(label="Arah", choices=Arah.choices, initial=Arah.NAIK)
    sumber_realisasi = forms.ChoiceField(
        label="Sumber realisasi",
        choices=SumberRealisasi.choices,
        initial=SumberRealisasi.ISIAN,
        help_text="Hasil SKM: nilai tahunan dari rata-rata periode.",
    )
    kumulatif = forms.BooleanField(
        label="Kumulatif",
        required=False,
        help_text="Realisasi tahunan = jumlah triwulan; tanpa centang = nilai triwulan terakhir.",
    )
    iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)
    target_akhir = NilaiField(label="Target akhir Renstra", help_text=BANTUAN_NILAI)
    definisi = forms.CharField(
        label="Definisi operasional", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    formula = forms.CharField(label="Formulasi", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    sumber_data = forms.CharField(
        label="Sumber data", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    penanggung_jawab = forms.CharField(
        label="Penanggung jawab",
        required=False,
        max_length=255,
        help_text="Bidang atau seksi, mis. Seksi Pelayanan Umum.",
    )

    def __init__(
        self,
        *args,
        renstra: Renstra,
        tujuan: list[Tujuan],
        sasaran: list[Sasaran],
        indikator: Indikator | None = None,
        induk_awal: str = "",
        **kwargs,
    ) -> None:
        """`tujuan`, `sasaran`: the possible parents (of `renstra`); `induk_awal` the preselected
        parent of a new indicator ("tujuan:<id>" or "sasaran:<id>")."""
        initial = kwargs.setdefault("initial", {})
        if indikator is not None:
            initial.update(self.initial_indikator(indikator))
        elif induk_awal:
            initial["induk"] = induk_awal
        super().__init__(*args, **kwargs)
        self.renstra, self.indikator = renstra, indikator
        self._induk = {f"tujuan:{t.pk}": t for t in tujuan} | {f"sasaran:{s.pk}": s for s in sasaran}
        self.fields["induk"].choices = [
            ("", "— pilih —"),
            (
                "Tujuan",
                [(f"tujuan:{t.pk}", f"Tujuan {t.kode} {Truncator(t.uraian).chars(70)}") for t in tujuan],
            ),
            (
                "Sasaran",
                [(f"sasaran:{s.pk}", f"Sasaran {s.kode} {Truncator(s.uraian).chars(70)}") for s in sasaran],
            ),
        ]
        self.helper = _bantuan_form()
        self.helper.layout = Layout(
            Fieldset(
                "Identitas",
                "induk",
                Row(Column("kode", css_class="col-sm-4"), Column("satuan", css_class="col-sm-8")),
                "nama",
            ),
            Fieldset(
                "Pengukuran",
                Row(Column("arah", css_class="col-md-6"), Column("sumber_realisasi", css_class="col-md-6")),
                Row(Column("kumulatif", css_class="col-md-6"), Column("iku", css_class="col-md-6")),
                Row(Column("target_akhir", css_class="col-md-6")),
            ),
            Fieldset(
                "Penjelasan (tabel IKU)",
                "definisi",
                "formula",
                Row(
                    Column("sumber_data", css_class="col-md-6"),
                    Column("penanggung_jawab", css_class="col-md-6"),
                ),
            ),
        )

    @staticmethod
    def initial_indikator(indikator: Indikator) -> dict:
        induk = f"sasaran:{indikator.sasaran_id}" if indikator.sasaran_id else f"tujuan:{indikator.tujuan_id}"
        return {
            "induk": induk,
            "kode": indikator.kode,
            "nama": indikator.nama,
            "satuan": indikator.satuan,
            "arah": indikator.arah,
            "sumber_realisasi": indikator.sumber_realisasi,
            "kumulatif": indikator.kumulatif,
            "iku": indikator.iku,
            "target_akhir": teks_nilai(
                indikator.target_akhir, indikator.target_akhir_label, indikator.target_akhir_pembanding
            ),
            "definisi": indikator.definisi,
            "formula": indikator.formula,
            "sumber_data": indikator.sumber_data,
            "penanggung_jawab": indikator.penanggung_jawab,
        }

    def clean_kode(self) -> str:
        return _periksa_kode(Indikator, self.renstra, self.indikator, self.cleaned_data["kode"])

    def clean(self) -> dict:
        data = super().clean()
        if "satuan" not in self.errors:
            _periksa_target_akhir(self, iku=data.get("iku", False), satuan=data.get("satuan", ""))
        return data

    def data_simpan(self) -> dict:
        d = self.cleaned_data
        induk = self._induk[d["induk"]]
        return {
            "tujuan": induk if isinstance(induk, Tujuan) else None,
            "sasaran": induk if isinstance(induk, Sasaran) else None,
            **{
                k: d[k]
                for k in (
                    "kode",
                    "nama",
                    "satuan",
                    "arah",
                    "kumulatif",
                    "iku",
                    "definisi",
                    "formula",
                    "sumber_data",
                    "penanggung_jawab",
                    "sumber_realisasi",
                    "target_akhir",
                )
            },
        }


class TargetRenstraForm(forms.Form):
    """The Renstra targets of one indicator: a field per year of the period and the target akhir."""

    target_akhir = NilaiField(label="Target akhir Renstra", help_text=BANTUAN_NILAI)
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        max_length=200,
        help_text="Dicatat di riwayat setiap target yang berubah; kosong: “Diubah lewat formulir”.",
    )

    def __init__(self, *args, indikator: Indikator, target: list, **kwargs) -> None:
        """`target`: the stored Target rows of the indicator."""
        self.indikator = indikator
        self.tahun = indikator.renstra.tahun_periode
        per_tahun = {t.tahun: t for t in target}
        initial = kwargs.setdefault("initial", {})
        initial["target_akhir"] = teks_nilai(
            indikator.target_akhir, indikator.target_akhir_label, indikator.target_akhir_pembanding
        )
        for tahun in self.tahun:
            t = per_tahun.get(tahun)
            if t is not None:
                initial[f"target_{tahun}"] = teks_nilai(t.nilai, t.label, t.pembanding)
            initial[f"versi_{tahun}"] = versi_dari(t)
        super().__init__(*args, **kwargs)
        for tahun in self.tahun:
            self.fields[f"target_{tahun}"] = NilaiField(label=str(tahun))
            self.fields[f"versi_{tahun}"] = VersiField()
        self.order_fields([*(f"target_{t}" for t in self.tahun), "target_akhir", "alasan"])
        self.helper = _bantuan_form()
        self.helper.layout = Layout(
            Row(*(Column(f"target_{t}", css_class="col-6 col-sm-4 col-lg-2") for t in self.tahun)),
            Row(Column("target_akhir", css_class="col-md-6")),
            Row(Column("alasan", css_class="col-md-8")),
            *(f"versi_{t}" for t in self.tahun),
        )

    def clean(self) -> dict:
        data = super().clean()
        satuan = self.indikator.satuan
        for tahun in self.tahun:
            nilai = data.get(f"target_{tahun}")
            if nilai is not None and nilai.nilai < 0 and satuan_cacah(satuan):
                self.add_error(f"target_{tahun}", target_negatif(satuan))
        _periksa_target_akhir(self, iku=self.indikator.iku, satuan=satuan)
        return data

    def data_simpan(self) -> dict:
        d = self.cleaned_data
        return {
            "target": {t: d[f"target_{t}"] for t in self.tahun},
            "target_akhir": d["target_akhir"],
            "alasan": d["alasan"],
            "versi": {t: d.get(f"versi_{t}") for t in self.tahun},
        }


# --- analysis per sasaran ---------------------------------------------------------------------------


class AnalisisForm(forms.Form):
    pendukung = DaftarField(label="Faktor pendukung")
    penghambat = DaftarField(label="Faktor penghambat")
    solusi = DaftarField(label="Solusi / langkah antisipatif")
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Penjelasan lain tentang capaian sasaran tahun ini.",
    )

    def __init__(self, *args, analisis: AnalisisSasaran | None = None, **kwargs) -> None:
        if analisis is not None:
            kwargs.setdefault(
                "initial",
                {
                    "pendukung": list(analisis.pendukung),
                    "penghambat": list(analisis.penghambat),
                    "solusi": list(analisis.solusi),
                    "catatan": analisis.catatan,
                },
            )
        super().__init__(*args, **kwargs)
        self.helper = _bantuan_form()
        self.helper.layout = Layout(
            Row(
                Column("pendukung", css_class="col-lg-4"),
                Column("penghambat", css_class="col-lg-4"),
                Column("solusi", css_class="col-lg-4"),
            ),
            "catatan",
        )

    def data_simpan(self) -> dict:
        return dict(self.cleaned_data)
