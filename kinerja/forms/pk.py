"""Forms of the Perjanjian Kinerja pages: heading (date, place, signatories), target lines and
program lines. They read "85,78", "BB (72,10)" and "1.234.567,89" and say on the field what is
wrong; the services write."""

from __future__ import annotations

from django import forms

from kinerja.forms.bidang import AnggaranField, NilaiField, VersiField, teks_angka, teks_nilai, versi_dari
from kinerja.models import Indikator, PerjanjianKinerja, ProgramPK, TargetPK
from kinerja.services.pk import ALASAN_PERUBAHAN_WAJIB, BarisProgram, BarisTarget
from lkjip.models import nip_validator

TRIWULAN = ("tw1", "tw2", "tw3", "tw4")


# --- heading ------------------------------------------------------------------------------------

PIHAK = {"pertama": "pihak pertama", "kedua": "pihak kedua"}
KOLOM_PIHAK = ("nama", "jabatan", "nip", "pangkat")


class PilihTahunForm(forms.Form):
    tahun = forms.TypedChoiceField(
        label="Tahun PK",
        coerce=int,
        error_messages={
            "invalid_choice": "Tahun %(value)s tidak bisa dipilih: PK murninya sudah ada atau tidak ada "
            "Renstra yang mencakupnya."
        },
    )

    def __init__(self, *args, tahun_boleh: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun_boleh]


class PKForm(forms.Form):
    """The heading of a PK: date, place and the two signatories as printed (snapshots)."""

    alasan = forms.CharField(
        label="Alasan perubahan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": ALASAN_PERUBAHAN_WAJIB},
        help_text="Mengapa Perjanjian Kinerja diubah (mis. perubahan anggaran).",
    )
    tanggal = forms.DateField(
        label="Tanggal",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
    )
    tempat = forms.CharField(label="Tempat", max_length=120, required=False)
    pertama_nama = forms.CharField(label="Nama dan gelar", max_length=160, required=False)
    pertama_jabatan = forms.CharField(label="Jabatan", max_length=160, required=False)
    pertama_nip = forms.CharField(label="NIP", max_length=30, required=False, help_text="18 digit.")
    pertama_pangkat = forms.CharField(label="Pangkat", max_length=80, required=False)
    kedua_nama = forms.CharField(label="Nama dan gelar", max_length=160, required=False)
    kedua_jabatan = forms.CharField(label="Jabatan", max_length=160, required=False)
    kedua_nip = forms.CharField(label="NIP", max_length=30, required=False, help_text="18 digit.")
    kedua_pangkat = forms.CharField(label="Pangkat", max_length=80, required=False)

    def __init__(self, *args, perubahan: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not perubahan:
            del self.fields["alasan"]

    @staticmethod
    def initial_dari(
        *,
        tanggal=None,
        tempat: str = "",
        pihak_pertama: dict | None = None,
        pihak_kedua: dict | None = None,
        alasan: str = "",
    ) -> dict:
        initial = {"tanggal": tanggal, "tempat": tempat, "alasan": alasan}
        for pihak, data in (("pertama", pihak_pertama), ("kedua", pihak_kedua)):
            for kolom in KOLOM_PIHAK:
                initial[f"{pihak}_{kolom}"] = (data or {}).get(kolom, "")
        return initial

    @classmethod
    def initial_pk(cls, perjanjian: PerjanjianKinerja) -> dict:
        return cls.initial_dari(
            tanggal=perjanjian.tanggal,
            tempat=perjanjian.tempat,
            pihak_pertama=perjanjian.pihak_pertama,
            pihak_kedua=perjanjian.pihak_kedua,
            alasan=perjanjian.alasan,
        )

    def _bersih_nip(self, nama: str) -> str:
        nip = "".join(self.cleaned_data.get(nama, "").split())
        if nip:
            nip_validator(nip)
        return nip

    def clean_pertama_nip(self) -> str:
        return self._bersih_nip("pertama_nip")

    def clean_kedua_nip(self) -> str:
        return self._bersih_nip("kedua_nip")

    def clean(self) -> dict:
        data = super().clean()
        for pihak, uraian in PIHAK.items():
            lain = any(data.get(f"{pihak}_{k}") for k in KOLOM_PIHAK[1:])
            if lain and not data.get(f"{pihak}_nama") and f"{pihak}_nama" not in self.errors:
                self.add_error(f"{pihak}_nama", f"Nama {uraian} wajib diisi bila data lain {uraian} diisi.")
        return data

    def pihak(self, pihak: str) -> dict[str, str]:
        """The snapshot {nama, jabatan, nip, pangkat} of a signatory, only the filled fields."""
        return {k: v for k in KOLOM_PIHAK if (v := self.cleaned_data.get(f"{pihak}_{k}", "").strip())}

    def data_kepala(self) -> dict:
        return {
            "tanggal": self.cleaned_data["tanggal"],
            "tempat": self.cleaned_data["tempat"],
            "pihak_pertama": self.pihak("pertama"),
            "pihak_kedua": self.pihak("kedua"),
        }


# --- target lines -------------------------------------------------------------------------------


def label_indikator(indikator: Indikator) -> str:
    return f"{indikator.kode} {indikator.nama}"


class TargetPKForm(forms.Form):
    indikator = forms.TypedChoiceField(
        label="Indikator",
        coerce=int,
        error_messages={
            "invalid_choice": "Indikator ini bukan bagian dari Renstra yang mencakup tahun PK.",
            "required": "Pilih indikatornya.",
        },
    )
    target = NilaiField(label="Target", required=True, error_messages={"required": "Target wajib diisi."})
    tw1 = NilaiField(label="TW I")
    tw2 = NilaiField(label="TW II")
    tw3 = NilaiField(label="TW III")
    tw4 = NilaiField(label="TW IV")
    # The versi of the line and of its triwulan targets when the form was opened (kinerja/konflik.py).
    versi = VersiField()
    versi_tw1 = VersiField()
    versi_tw2 = VersiField()
    versi_tw3 = VersiField()
    versi_tw4 = VersiField()

    def __init__(self, *args, indikator: dict[int, Indikator], boleh_kosong: bool = False, **kwargs) -> None:
        """`indikator`: the choosable indicators by id (those of the Renstra of the PK's year).
        `boleh_kosong`: a line without any target is skipped instead of refused (new PK: every
        indicator is offered, the operator fills those the PK has)."""
        super().__init__(*args, **kwargs)
        self.indikator_per_id = indikator
        self.boleh_kosong = boleh_kosong
        self.fields["indikator"].choices = [("", "— pilih indikator —")] + [
            (pk, label_indikator(i)) for pk, i in indikator.items()
        ]
        if boleh_kosong:
            self.fields["target"].required = False
        # A line that has its indicator already shows it as text; only new lines choose one.
        if self.initial.get("indikator"):
            self.fields["indikator"].widget = forms.HiddenInput()

    @property
    def indikator_terpilih(self) -> Indikator | None:
        nilai = self["indikator"].value()
        try:
            return self.indikator_per_id.get(int(nilai))
        except (TypeError, ValueError):
            return None

    @property
    def kosong(self) -> bool:
        """A line left without any target in a new PK: not part of the document."""
        if not self.boleh_kosong or not hasattr(self, "cleaned_data"):
            return False
        return all(self.cleaned_data.get(k) is None for k in ("target", *TRIWULAN)) and not any(
            k in self.errors for k in ("target", *TRIWULAN)
        )

    def clean(self) -> dict:
        data = super().clean()
        if self.boleh_kosong and data.get("target") is None and "target" not in self.errors:
            if any(data.get(k) is not None for k in TRIWULAN):
                self.add_error("target", "Target tahunan wajib diisi bila target triwulan diisi.")
        return data

    def baris(self) -> BarisTarget:
        data = self.cleaned_data
        return BarisTarget(
            indikator=self.indikator_per_id[data["indikator"]],
            target=data["target"],
            triwulan=tuple(data.get(k) for k in TRIWULAN),
            versi=data.get("versi"),
            versi_triwulan=tuple(data.get(f"versi_{k}") for k in TRIWULAN),
        )

    @staticmethod
    def initial_baris(baris: TargetPK) -> dict:
        per_tw = {tw.triwulan: tw for tw in baris.triwulan.all()}
        initial = {
            "indikator": baris.indikator_id,
            "target": teks_nilai(baris.nilai, baris.label, baris.pembanding),
            "versi": baris.versi,
        }
        for nomor, kunci in enumerate(TRIWULAN, 1):
            tw = per_tw.get(nomor)
            initial[kunci] = teks_nilai(tw.nilai, tw.label, tw.pembanding) if tw else ""
            initial[f"versi_{kunci}"] = versi_dari(tw)
        return initial


class BaseTargetFormSet(forms.BaseFormSet):
    def _baris_terpakai(self) -> list[TargetPKForm]:
        return [
            f
            for f in self.forms
            if f.has_changed() or not f.empty_permitted
            if not (self.can_delete and self._should_delete_form(f))
            if not f.kosong
        ]

    def clean(self) -> None:
        dilihat: set[int] = set()
        for form in self._baris_terpakai():
            indikator = form.cleaned_data.get("indikator")
            if indikator is None:
                continue
            if indikator in dilihat:
                form.add_error("indikator", "Indikator ini sudah ada di baris lain PK ini.")
            dilihat.add(indikator)

    def baris_target(self) -> list[BarisTarget]:
        return [f.baris() for f in self._baris_terpakai()]


TargetBaruFormSet = forms.formset_factory(TargetPKForm, formset=BaseTargetFormSet, extra=0)
TargetUbahFormSet = forms.formset_factory(TargetPKForm, formset=BaseTargetFormSet, extra=2, can_delete=True)


class AlasanTargetForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan target",
        required=False,
        max_length=200,
        help_text="Dicatat di riwayat setiap target yang berubah.",
    )


# --- program lines ------------------------------------------------------------------------------


class ProgramPKForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kode = forms.CharField(label="Kode", max_length=40, required=False)
    nama = forms.CharField(
        label="Nama program", max_length=500, error_messages={"required": "Nama program wajib diisi."}
    )
    anggaran = AnggaranField(
        label="Anggaran (Rp)", error_messages={"required": "Anggaran wajib diisi (boleh 0)."}
    )
    sumber = forms.CharField(label="Sumber dana", max_length=80, required=False)

    def baris(self) -> BarisProgram:
        data = self.cleaned_data
        return BarisProgram(
            id=data.get("id"),
            kode=data["kode"].strip(),
            nama=data["nama"].strip(),
            anggaran=data["anggaran"],
            sumber=data["sumber"].strip(),
        )

    @staticmethod
    def initial_program(program: ProgramPK) -> dict:
        return {
            "id": program.pk,
            "kode": program.kode,
            "nama": program.nama,
            "anggaran": teks_angka(program.anggaran),
            "sumber": program.sumber,
        }


class BaseProgramFormSet(forms.BaseFormSet):
    def baris_program(self) -> list[BarisProgram]:
        return [
            f.baris()
            for f in self.forms
            if f.has_changed() or not f.empty_permitted
            if not (self.can_delete and self._should_delete_form(f))
        ]


ProgramBaruFormSet = forms.formset_factory(ProgramPKForm, formset=BaseProgramFormSet, extra=3)
ProgramUbahFormSet = forms.formset_factory(
    ProgramPKForm, formset=BaseProgramFormSet, extra=2, can_delete=True
)
