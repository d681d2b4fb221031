"""Forms of the budget pages. They read "1.234.567,89" (AnggaranField) and "85,78" (NilaiField), say
what is wrong on the field in Indonesian, and never write: the services do."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms

from anggaran import excel
from anggaran.models import KOLOM_TRIWULAN, PosAnggaran, Tingkat, jenis_belanja_tahun
from anggaran.services import BarisBelanja, BarisIndikatorKeluaran
from kinerja.forms.bidang import AnggaranField, NilaiField, VersiField, teks_angka, teks_nilai
from kinerja.models import Realisasi, Sasaran
from lkjip.unggah import BATAS_EXCEL, BerkasExcelField, bantuan_batas

ALASAN_BANTUAN = "Dicatat di riwayat perubahan (siapa, kapan, nilai lama dan baru, alasan)."


def _bantuan() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class TahunForm(forms.Form):
    tahun = forms.IntegerField(
        label="Tahun anggaran",
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": "Tahun wajib diisi.",
            "invalid": "Tulis tahun dengan empat angka, mis. 2024.",
            "min_value": "Tahun paling awal 1990.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )


class PosForm(forms.Form):
    """Kode, nama and penanggung jawab of a program, kegiatan or sub kegiatan."""

    kode = forms.CharField(label="Kode", max_length=40, required=False)
    nama = forms.CharField(
        label="Nama",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Nama wajib diisi."},
    )
    penanggung_jawab = forms.CharField(label="Penanggung jawab (PPTK/unit)", max_length=255, required=False)

    def __init__(self, *args, tingkat: str, tahun: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label = Tingkat(tingkat).label
        self.fields["nama"].label = f"Nama {label.lower()}"
        self.fields["kode"].help_text = PosAnggaran._meta.get_field("kode").help_text
        if tingkat == Tingkat.PROGRAM:
            # The interchange format has no penanggung jawab for a program.
            del self.fields["penanggung_jawab"]
        self.helper = _bantuan()
        self.helper.layout = Layout(
            Row(Column("kode", css_class="col-md-5")),
            "nama",
            *(["penanggung_jawab"] if "penanggung_jawab" in self.fields else []),
        )

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip()

    def clean_nama(self) -> str:
        return " ".join(self.cleaned_data["nama"].split())

    def data_pos(self) -> dict:
        return {
            "kode": self.cleaned_data["kode"],
            "nama": self.cleaned_data["nama"],
            "penanggung_jawab": self.cleaned_data.get("penanggung_jawab", "").strip(),
        }

    @staticmethod
    def initial_pos(pos: PosAnggaran) -> dict:
        return {"kode": pos.kode, "nama": pos.nama, "penanggung_jawab": pos.penanggung_jawab}


class JumlahForm(forms.Form):
    """The amounts of a leaf: pagu murni, pagu, realisasi, optional realisasi per triwulan."""

    pagu_murni = AnggaranField(label="Pagu murni (Rp)", required=False)
    pagu = AnggaranField(
        label="Pagu (Rp)", required=False, help_text="Pagu terakhir, setelah perubahan bila ada."
    )
    realisasi = AnggaranField(
        label="Realisasi (Rp)",
        required=False,
        help_text="Kosong: dijumlahkan dari realisasi triwulan bila diisi.",
    )
    realisasi_tw1 = AnggaranField(label="TW I (Rp)", required=False)
    realisasi_tw2 = AnggaranField(label="TW II (Rp)", required=False)
    realisasi_tw3 = AnggaranField(label="TW III (Rp)", required=False)
    realisasi_tw4 = AnggaranField(label="TW IV (Rp)", required=False)
    alasan_lebih_pagu = forms.CharField(
        label="Alasan realisasi melebihi pagu",
        required=False,
        max_length=500,
        help_text="Realisasi di atas pagu tetap diterima dengan peringatan; catat sebabnya di sini.",
    )
    alasan = forms.CharField(
        label="Alasan perubahan", required=False, max_length=200, help_text=ALASAN_BANTUAN
    )
    # The versi of the pos when the form was opened (kinerja/konflik.py).
    versi = VersiField()

    def __init__(self, *args, ringkas: bool = False, **kwargs) -> None:
        """`ringkas`: only pagu murni, pagu and realisasi (the inline edit in the tree)."""
        super().__init__(*args, **kwargs)
        if ringkas:
            for k in (*KOLOM_TRIWULAN, "alasan_lebih_pagu", "alasan"):
                del self.fields[k]
        self.helper = _bantuan()
        self.helper.layout = Layout(
            Row(
                Column("pagu_murni", css_class="col-md-4"),
                Column("pagu", css_class="col-md-4"),
                Column("realisasi", css_class="col-md-4"),
            ),
            *(
                []
                if ringkas
                else [
                    Row(*[Column(k, css_class="col-6 col-md-3") for k in KOLOM_TRIWULAN]),
                    "alasan_lebih_pagu",
                    "alasan",
                ]
            ),
            "versi",
        )

    def data_jumlah(self, pos: PosAnggaran) -> dict:
        """Keyword arguments of services.pos_anggaran_jumlah_simpan; fields the form does not show
        (the inline edit) keep their stored values."""
        data = self.cleaned_data
        triwulan = [data[k] if k in data else getattr(pos, k) for k in KOLOM_TRIWULAN]
        return {
            "pagu_murni": data["pagu_murni"],
            "pagu": data["pagu"],
            "realisasi": data["realisasi"],
            "realisasi_triwulan": triwulan,
            "alasan_lebih_pagu": data.get("alasan_lebih_pagu", pos.alasan_lebih_pagu),
            "alasan": data.get("alasan", ""),
            "versi": data.get("versi"),
        }

    @staticmethod
    def initial_pos(pos: PosAnggaran) -> dict:
        return {
            **{k: teks_angka(getattr(pos, k)) for k in ("pagu_murni", "pagu", "realisasi", *KOLOM_TRIWULAN)},
            "alasan_lebih_pagu": pos.alasan_lebih_pagu,
            "versi": pos.versi,
        }


# --- output indicators ----------------------------------------------------------------------------


class IndikatorKeluaranForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    nama = forms.CharField(
        label="Indikator keluaran",
        max_length=1000,
        error_messages={"required": "Nama indikator wajib diisi."},
    )
    satuan = forms.CharField(label="Satuan", max_length=60, required=False)
    target = NilaiField(label="Target")
    realisasi = NilaiField(label="Realisasi")
    status = forms.ChoiceField(
        label="Status", choices=Realisasi.Status.choices, initial=Realisasi.Status.FINAL
    )
    keterangan = forms.CharField(label="Keterangan", max_length=500, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == Realisasi.Status.BELUM_TERSEDIA and data.get("realisasi") is not None:
            self.add_error("realisasi", "Realisasi yang belum tersedia tidak boleh berisi nilai.")
        return data

    def baris(self) -> BarisIndikatorKeluaran:
        d = self.cleaned_data
        return BarisIndikatorKeluaran(
            id=d.get("id"),
            nama=" ".join(d["nama"].split()),
            satuan=d["satuan"].strip(),
            target=d["target"],
            realisasi=d["realisasi"],
            status=d["status"],
            keterangan=d["keterangan"].strip(),
        )

    @staticmethod
    def initial_indikator(i) -> dict:
        return {
            "id": i.pk,
            "nama": i.nama,
            "satuan": i.satuan,
            "target": teks_nilai(i.target, i.target_label, i.target_pembanding),
            "realisasi": teks_nilai(i.realisasi, i.realisasi_label, i.realisasi_pembanding),
            "status": i.status,
            "keterangan": i.keterangan,
        }


class BaseIndikatorFormSet(forms.BaseFormSet):
    def baris_indikator(self) -> list[BarisIndikatorKeluaran]:
        return [
            f.baris()
            for f in self.forms
            if f.has_changed() or not f.empty_permitted
            if not self._should_delete_form(f)
        ]


IndikatorFormSet = forms.formset_factory(
    IndikatorKeluaranForm, formset=BaseIndikatorFormSet, extra=2, can_delete=True
)


# --- jenis belanja --------------------------------------------------------------------------------


class BelanjaForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis belanja", error_messages={"required": "Pilih jenis belanja."})
    pagu_murni = AnggaranField(label="Pagu murni (Rp)", required=False)
    pagu = AnggaranField(label="Pagu (Rp)", error_messages={"required": "Pagu wajib diisi (boleh 0)."})
    realisasi = AnggaranField(label="Realisasi (Rp)", required=False)
    alasan_lebih_pagu = forms.CharField(
        label="Alasan realisasi melebihi pagu", max_length=500, required=False
    )

    def __init__(self, *args, tahun: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        boleh = jenis_belanja_tahun(tahun)
        self.fields["jenis"].choices = [("", "— pilih —")] + [(j.value, j.label) for j in boleh]
        self.fields["jenis"].error_messages["invalid_choice"] = (
            f"Tahun {tahun} memakai jenis belanja {' / '.join(boleh)}, bukan %(value)s."
        )

    def baris(self) -> BarisBelanja:
        d = self.cleaned_data
        return BarisBelanja(
            jenis=d["jenis"],
            pagu_murni=d["pagu_murni"],
            pagu=d["pagu"],
            realisasi=d["realisasi"],
            alasan_lebih_pagu=d["alasan_lebih_pagu"],
        )

    @staticmethod
    def initial_belanja(b) -> dict:
        return {
            "jenis": b.jenis,
            "pagu_murni": teks_angka(b.pagu_murni),
            "pagu": teks_angka(b.pagu),
            "realisasi": teks_angka(b.realisasi),
            "alasan_lebih_pagu": b.alasan_lebih_pagu,
        }


class BaseBelanjaFormSet(forms.BaseFormSet):
    def _terpakai(self) -> list[BelanjaForm]:
        return [
            f
            for f in self.forms
            if f.has_changed() or not f.empty_permitted
            if not self._should_delete_form(f)
        ]

    def clean(self) -> None:
        dilihat: set[str] = set()
        for f in self._terpakai():
            jenis = f.cleaned_data.get("jenis")
            if jenis in dilihat:
                f.add_error("jenis", "Jenis belanja ini sudah ada di baris lain.")
            dilihat.add(jenis)

    def baris_belanja(self) -> list[BarisBelanja]:
        return [f.baris() for f in self._terpakai()]


BelanjaFormSet = forms.formset_factory(BelanjaForm, formset=BaseBelanjaFormSet, extra=2, can_delete=True)


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan", required=False, max_length=200, help_text=ALASAN_BANTUAN
    )


# --- program -> sasaran ---------------------------------------------------------------------------


class ProgramSasaranForm(forms.Form):
    """One group of checkboxes per program: the sasaran of the year's Renstra it supports."""

    def __init__(
        self, *args, program: list[PosAnggaran], sasaran: list[Sasaran], awal: dict[int, list[int]], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.program = program
        self.sasaran = {s.pk: s for s in sasaran}
        pilihan = [(s.pk, f"{s.kode} {s.uraian}") for s in sasaran]
        for p in program:
            self.fields[f"program_{p.pk}"] = forms.TypedMultipleChoiceField(
                label=str(p),
                choices=pilihan,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                initial=awal.get(p.pk, []),
                error_messages={"invalid_choice": "Sasaran ini bukan bagian dari Renstra tahun ini."},
            )

    def pemetaan(self) -> list[tuple[PosAnggaran, list[Sasaran]]]:
        return [(p, [self.sasaran[i] for i in self.cleaned_data[f"program_{p.pk}"]]) for p in self.program]

    def baris(self):
        """(program, bound field) pairs for the template."""
        return [(p, self[f"program_{p.pk}"]) for p in self.program]


# --- Excel upload ---------------------------------------------------------------------------------


class UnggahExcelForm(forms.Form):
    """A filled-in budget template or a plain sheet (.xlsx, at most 5 MB) of one year.

    cleaned_data: `isi` (the bytes) and `bacaan` (anggaran.excel.BacaanAnggaran). A file that cannot be
    read as a budget sheet at all is an error on the field; refusals of cells are in the bacaan."""

    berkas = BerkasExcelField(
        label="Berkas Excel (.xlsx)",
        help_text="Templat anggaran yang sudah diisi, atau lembar dengan kolom Kode, Nama, Pagu murni, Pagu, "
        f"Realisasi; {bantuan_batas(BATAS_EXCEL)}.",
    )

    def __init__(self, *args, pohon, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pohon = pohon

    def clean_berkas(self):
        # The field judged the content (an .xlsx without macros, within the size limits).
        berkas = self.cleaned_data["berkas"]
        isi = berkas.read()
        try:
            bacaan = excel.baca_anggaran(isi, self.pohon)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e
        self.cleaned_data["isi"] = isi
        self.cleaned_data["bacaan"] = bacaan
        return berkas
