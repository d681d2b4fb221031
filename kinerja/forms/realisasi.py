"""Forms of the realisasi grid: one form per indicator row (four triwulan, the yearly value, its
status and keterangan) and the reason of a whole-grid submit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.html import format_html

from kinerja import excel
from kinerja.forms.bidang import NilaiField, VersiField, teks_nilai, versi_dari
from kinerja.models import Realisasi
from kinerja.selectors import BarisGrid, NilaiSumber
from kinerja.services.realisasi import (
    BELUM_TERSEDIA_BERNILAI,
    IsianBaris,
    LingkupRealisasi,
    sumber_belum_tersedia,
)
from lkjip.unggah import BATAS_EXCEL, BerkasExcelField, bantuan_batas

Status = Realisasi.Status
Periode = Realisasi.Periode

KOLOM_TRIWULAN = ("tw1", "tw2", "tw3", "tw4")
KOLOM = (*KOLOM_TRIWULAN, "tahunan", "status", "keterangan")
# The yearly realisasi is one row: its value, status and keterangan are saved together.
KOLOM_TAHUNAN = ("tahunan", "status", "keterangan")
JUDUL_KOLOM = {
    "tw1": "TW I",
    "tw2": "TW II",
    "tw3": "TW III",
    "tw4": "TW IV",
    "tahunan": "Tahunan",
    "status": "Status",
    "keterangan": "Keterangan",
}


@dataclass(frozen=True)
class Sel:
    """One cell of a grid row, as the template draws it."""

    kolom: str
    judul: str
    field: forms.BoundField
    perlu_alasan: bool
    nama_alasan: str
    pesan: list[str]
    alasan_dicatat: str
    # The hidden versi of the cell's realisasi (None: the cell shares the Tahunan one).
    versi: forms.BoundField | None = None


class BarisRealisasiForm(forms.Form):
    tw1 = NilaiField(label="TW I")
    tw2 = NilaiField(label="TW II")
    tw3 = NilaiField(label="TW III")
    tw4 = NilaiField(label="TW IV")
    tahunan = NilaiField(label="Tahunan")
    status = forms.ChoiceField(label="Status", choices=Status.choices, initial=Status.FINAL)
    keterangan = forms.CharField(label="Keterangan", required=False, max_length=1000)
    # The versi of each periode's realisasi when the grid was opened; the yearly one covers the
    # Tahunan, Status and Keterangan cells, which are saved together.
    versi_tw1 = VersiField()
    versi_tw2 = VersiField()
    versi_tw3 = VersiField()
    versi_tw4 = VersiField()
    versi_tahunan = VersiField()

    def __init__(self, data: Mapping | None = None, *, baris: BarisGrid) -> None:
        realisasi = baris.realisasi
        initial: dict[str, str | int] = {}
        for kolom, periode in zip(KOLOM_TRIWULAN, Realisasi.TRIWULAN, strict=True):
            r = realisasi.get(periode)
            initial[kolom] = teks_nilai(r.nilai, r.label, r.pembanding) if r else ""
            initial[f"versi_{kolom}"] = versi_dari(r)
        initial["versi_tahunan"] = versi_dari(baris.tahunan)
        tahunan = baris.tahunan
        initial["tahunan"] = teks_nilai(tahunan.nilai, tahunan.label, tahunan.pembanding) if tahunan else ""
        initial["status"] = tahunan.status if tahunan else Status.FINAL
        initial["keterangan"] = tahunan.keterangan if tahunan else ""
        if baris.sumber is not None:
            # The yearly value is the SKM/SAKIP result: shown, never typed (a posted value is ignored).
            initial["tahunan"] = ""
            if initial["status"] == Status.BELUM_TERSEDIA:
                initial["status"] = Status.FINAL
        super().__init__(data, initial=initial, prefix=f"r{baris.indikator.pk}")
        self.fields["tahunan"].disabled = baris.sumber is not None
        self.baris = baris
        # Cells whose stored value changed without a reason (htmx: the cell asks for it).
        self.perlu_alasan: set[str] = set()
        # Messages shown in a cell besides its field errors.
        self.pesan: dict[str, list[str]] = {}
        # The reason just recorded for a cell (htmx), confirmed in the cell.
        self.alasan_dicatat: dict[str, str] = {}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("status") == Status.BELUM_TERSEDIA and self.baris.sumber is not None:
            self.add_error("status", sumber_belum_tersedia(self.baris.sumber))
        elif data.get("status") == Status.BELUM_TERSEDIA and data.get("tahunan") is not None:
            self.add_error("status", BELUM_TERSEDIA_BERNILAI)
        return data

    def nama_alasan(self, kolom: str) -> str:
        return self.add_prefix(f"alasan_{kolom}")

    def alasan_sel(self, data: Mapping, kolom: str) -> str:
        return (data.get(self.nama_alasan(kolom)) or "").strip()

    def sel(self, kolom: str) -> Sel:
        return Sel(
            kolom=kolom,
            judul=JUDUL_KOLOM[kolom],
            field=self[kolom],
            perlu_alasan=kolom in self.perlu_alasan,
            nama_alasan=self.nama_alasan(kolom),
            pesan=self.pesan.get(kolom, []),
            alasan_dicatat=self.alasan_dicatat.get(kolom, ""),
            versi=self[f"versi_{kolom}"] if kolom in (*KOLOM_TRIWULAN, "tahunan") else None,
        )

    @property
    def semua_sel(self) -> list[Sel]:
        return [self.sel(k) for k in KOLOM]

    def valid_untuk(self, kolom: str) -> bool:
        """Whether the fields saved together with `kolom` are valid (after is_valid())."""
        kelompok = KOLOM_TAHUNAN if kolom in KOLOM_TAHUNAN else (kolom,)
        return not any(k in self.errors for k in kelompok)

    def isian(self, data: Mapping) -> IsianBaris:
        c = self.cleaned_data
        alasan_sel = {
            periode: self.alasan_sel(data, kolom)
            for kolom, periode in (
                *zip(KOLOM_TRIWULAN, Realisasi.TRIWULAN, strict=True),
                ("tahunan", Periode.TAHUNAN),
            )
        }
        return IsianBaris(
            indikator=self.baris.indikator,
            triwulan=tuple(c.get(k) for k in KOLOM_TRIWULAN),
            tahunan=c.get("tahunan"),
            status=c.get("status") or Status.FINAL,
            keterangan=c.get("keterangan", ""),
            alasan_sel={p: a for p, a in alasan_sel.items() if a},
            versi=self.versi(),
        )

    def versi(self) -> dict[str, int | None]:
        """Per periode, the versi the grid was opened at (after is_valid())."""
        return {periode_kolom(k): self.cleaned_data.get(f"versi_{k}") for k in (*KOLOM_TRIWULAN, "tahunan")}


def kolom_periode(periode: str) -> str:
    return "tahunan" if periode == Periode.TAHUNAN else KOLOM_TRIWULAN[Realisasi.TRIWULAN.index(periode)]


def periode_kolom(kolom: str) -> str:
    return Realisasi.TRIWULAN[KOLOM_TRIWULAN.index(kolom)] if kolom in KOLOM_TRIWULAN else Periode.TAHUNAN


class AlasanGridForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Wajib bila mengubah nilai yang sudah tersimpan; dicatat di riwayat setiap nilai yang berubah."
        ),
    )


class UnggahExcelForm(forms.Form):
    """The upload of a filled-in realisasi template (.xlsx, at most 5 MB) of one year.

    cleaned_data: `isi` (the bytes), `bacaan` (kinerja.excel.BacaanRealisasi: the rows read and
    every refusal of a cell). A file that cannot be read as the template of this year at all (not
    an .xlsx, no sheet "Realisasi", another year or kecamatan) is an error on the field."""

    berkas = BerkasExcelField(
        label="Berkas Excel (.xlsx)",
        help_text=f"Templat realisasi yang sudah diisi, {bantuan_batas(BATAS_EXCEL)}.",
    )

    def __init__(self, *args, lingkup: LingkupRealisasi, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lingkup = lingkup

    def clean_berkas(self):
        # The field judged the content (an .xlsx without macros, within the size limits).
        berkas = self.cleaned_data["berkas"]
        isi = berkas.read()
        try:
            bacaan = excel.baca_realisasi(isi, self.lingkup)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e
        self.cleaned_data["isi"] = isi
        self.cleaned_data["bacaan"] = bacaan
        return berkas


# --- the cells as the template draws them (kinerja/realisasi/_sel.html) ---------------------------
# The grid draws seven cells per indicator: each cell's strings are worked out here once, so the
# template only writes them (template lookups through bound fields, a {% url %} and a widget
# template per cell were most of the page's time).


@dataclass(frozen=True)
class SelTampil:
    """One cell of a grid row (kinerja/realisasi/_sel.html) with its strings worked out."""

    kolom: str
    judul: str
    kode: str
    id_indikator: int
    # The <td>: its class; `oob` when it is sent out of band after another cell's save.
    kelas_sel: str
    oob: bool
    # The hidden versi input ("" when the cell shares the Tahunan one).
    versi: str
    # The yearly realisasi taken from the SKM/SAKIP result: shown instead of an input.
    sumber: NilaiSumber | None
    nama: str
    id_input: str
    nilai: str
    # The field's errors (select: is-invalid), and errors or messages (input: is-invalid, aria).
    galat: bool
    salah: bool
    pesan: list[str]
    url: str
    # The status select's options: (value, label, selected).
    pilihan: list[tuple[str, str, bool]]
    # The Tahunan cell's value derived from the triwulan (None: not derived), and whether the
    # note under the input says so (nothing typed there).
    turunan: Decimal | None
    tampil_turunan: bool
    cara_turunan: str
    perlu_alasan: bool
    nama_alasan: str
    alasan_dicatat: str


def _versi_html(s: Sel) -> str:
    """The hidden versi input, as the bound field would render it (django/forms/widgets/input.html)."""
    if s.versi is None:
        return ""
    nilai = s.versi.value()
    if nilai is None or nilai == "":
        return format_html('<input type="hidden" name="{}" id="{}">', s.versi.html_name, s.versi.auto_id)
    return format_html(
        '<input type="hidden" name="{}" value="{}" id="{}">', s.versi.html_name, nilai, s.versi.auto_id
    )


def sel_tampil(form: BarisRealisasiForm, kolom: str, *, url_sel: str, oob: bool = False) -> SelTampil:
    """The cell `kolom` of a grid row; `url_sel` from _url_sel()."""
    s = form.sel(kolom)
    f = s.field
    baris = form.baris
    ind = baris.indikator
    galat = bool(f.errors)
    salah = galat or bool(s.pesan)
    sumber = baris.sumber if kolom == "tahunan" else None
    nilai = f.value()
    turunan = baris.turunan if kolom == "tahunan" else None
    if salah:
        kelas_sel = f"sel-{kolom} table-danger"
    elif sumber is not None:
        kelas_sel = f"sel-{kolom} table-light"
    else:
        kelas_sel = f"sel-{kolom}"
    pilihan = []
    if kolom == "status":
        pilihan = [(v, label, nilai == v) for v, label in f.field.choices]
    return SelTampil(
        kolom=kolom,
        judul=s.judul,
        kode=ind.kode,
        id_indikator=ind.pk,
        kelas_sel=kelas_sel,
        oob=oob,
        versi=_versi_html(s),
        sumber=sumber,
        nama=f.html_name,
        id_input=f.auto_id,
        nilai="" if nilai is None else nilai,
        galat=galat,
        salah=salah,
        pesan=[*f.errors, *s.pesan],
        url=f"{url_sel}{ind.pk}/{kolom}/",
        pilihan=pilihan,
        turunan=turunan,
        tampil_turunan=turunan is not None and not nilai,
        cara_turunan=baris.cara_turunan if turunan is not None else "",
        perlu_alasan=s.perlu_alasan,
        nama_alasan=s.nama_alasan,
        alasan_dicatat=s.alasan_dicatat,
    )


@dataclass(frozen=True)
class BarisTampil:
    """A grid row: its form (the indicator and target it shows) and its cells in KOLOM order."""

    form: BarisRealisasiForm
    sel: list[SelTampil]
