"""Forms of the report app: the upload of an `lkjip-data/1` document."""

from __future__ import annotations

import hashlib
import json

from django import forms

from laporan.interchange.skema import baca_dokumen
from lkjip.models import Kabupaten, Kecamatan

MAKS_UKURAN = 5 * 1024 * 1024

# The messages of Python's json module, in the words an operator understands.
PESAN_JSON = {
    "Expecting value": "nilai tidak ditemukan",
    "Expecting property name enclosed in double quotes": "nama kolom harus diapit tanda kutip ganda",
    "Expecting ',' delimiter": "tanda koma (,) tidak ada",
    "Expecting ':' delimiter": "tanda titik dua (:) tidak ada",
    "Extra data": "ada teks lain sesudah akhir dokumen",
    "Unterminated string starting at": "teks tidak ditutup dengan tanda kutip",
    "Invalid control character at": "ada karakter kontrol di dalam teks",
}


def sidik_teks(teks: str) -> str:
    """SHA-256 (hex) of the document text: ties a confirmation to the document that was previewed."""
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def pesan_json(e: json.JSONDecodeError) -> str:
    return f"$: bukan JSON yang valid (baris {e.lineno}, kolom {e.colno}): {PESAN_JSON.get(e.msg, e.msg)}"


def nama_wilayah(dok) -> tuple[str, str] | None:
    """(kabupaten, kecamatan) named by the document, or None when it does not say (the schema check
    then reports what is missing)."""
    if not isinstance(dok, dict):
        return None
    kab, kec = dok.get("kabupaten"), dok.get("kecamatan")
    if not (isinstance(kab, dict) and isinstance(kec, dict)):
        return None
    nama_kab, nama_kec = kab.get("nama"), kec.get("nama")
    if not (isinstance(nama_kab, str) and isinstance(nama_kec, str)):
        return None
    return nama_kab, nama_kec


def wilayah_galat(dok, *, kecamatan: Kecamatan | None = None, kabupaten: list[Kabupaten] | None = None):
    """Why the document may not be imported here, or None.

    With `kecamatan`: the document must hold exactly that kecamatan. With `kabupaten`: any
    kecamatan (new or existing) of one of these kabupaten. Names compare case-insensitively, as the
    importer identifies them.
    """
    nama = nama_wilayah(dok)
    if nama is None:
        return None
    nama_kab, nama_kec = nama
    isi = f"Dokumen ini berisi data Kecamatan {nama_kec} (Kabupaten {nama_kab})"
    if kecamatan is not None:
        kab_sama = nama_kab.lower() == kecamatan.kabupaten.nama.lower()
        if kab_sama and nama_kec.lower() == kecamatan.nama.lower():
            return None
        bukan = kecamatan.nama
        if not kab_sama and nama_kec.lower() == kecamatan.nama.lower():
            bukan = f"{kecamatan.nama} (Kabupaten {kecamatan.kabupaten.nama})"
        return f"{isi}, bukan Kecamatan {bukan}."
    if kabupaten is not None and nama_kab.lower() not in {k.nama.lower() for k in kabupaten}:
        return f"{isi}, bukan " + " atau ".join(f"Kabupaten {k.nama}" for k in kabupaten) + "."
    return None


class FormUnggahDokumen(forms.Form):
    """A `.json` file up to 5 MB that parses as JSON and names the expected kecamatan or kabupaten.

    cleaned_data: `teks` (the text as uploaded), `dokumen` (parsed, decimals exact), `sidik` (SHA-256).
    The schema and domain rules are checked by the importer's preview, not here.
    """

    berkas = forms.FileField(
        label="Berkas dokumen (.json)",
        help_text="Dokumen berformat lkjip-data/1, paling besar 5 MB.",
        error_messages={
            "required": "Pilih berkas dokumen .json terlebih dahulu.",
            "empty": "Berkas yang dipilih kosong.",
        },
        widget=forms.FileInput(attrs={"accept": ".json,application/json"}),
    )

    def __init__(self, *args, kecamatan: Kecamatan | None = None, kabupaten: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kecamatan = kecamatan
        self.kabupaten = kabupaten

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > MAKS_UKURAN:
            raise forms.ValidationError("Berkas terlalu besar (maks. 5 MB).")
        if not berkas.name.lower().endswith(".json"):
            raise forms.ValidationError(
                f"Berkas {berkas.name} bukan berkas .json; pilih dokumen lkjip-data/1 berakhiran .json."
            )
        try:
            teks = berkas.read().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise forms.ValidationError("Berkas bukan teks UTF-8; simpan ulang sebagai UTF-8.") from e
        try:
            dokumen = baca_dokumen(teks)
        except json.JSONDecodeError as e:
            raise forms.ValidationError(pesan_json(e)) from e
        self.cleaned_data["teks"] = teks
        self.cleaned_data["dokumen"] = dokumen
        self.cleaned_data["sidik"] = sidik_teks(teks)
        return berkas

    def clean(self):
        data = super().clean()
        if "dokumen" in data:
            galat = wilayah_galat(data["dokumen"], kecamatan=self.kecamatan, kabupaten=self.kabupaten)
            if galat:
                self.add_error("berkas", galat)
        return data
