"""Forms of the report app: the upload of an `lkjip-data/1` document."""

from __future__ import annotations

import hashlib

from django import forms

from lkjip.models import Kabupaten, Kecamatan
from lkjip.unggah import BATAS_JSON, BerkasJsonField, bantuan_batas


def sidik_teks(teks: str) -> str:
    """SHA-256 (hex) of the document text: ties a confirmation to the document that was previewed."""
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


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
    """A JSON object of at most 5 MB (lkjip.unggah.BerkasJsonField: judged by its content, whatever
    the file is called) that names the expected kecamatan or kabupaten.

    cleaned_data: `berkas` (lkjip.unggah.BerkasJson: name, text as uploaded, parsed document with
    exact decimals), `teks`, `dokumen`, `sidik` (SHA-256 of the text). The schema and domain rules
    are checked by the importer's preview, not here.
    """

    berkas = BerkasJsonField(
        label="Berkas dokumen (.json)",
        help_text=f"Dokumen berformat lkjip-data/1, {bantuan_batas(BATAS_JSON)}.",
    )

    def __init__(self, *args, kecamatan: Kecamatan | None = None, kabupaten: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kecamatan = kecamatan
        self.kabupaten = kabupaten

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        self.cleaned_data["teks"] = berkas.teks
        self.cleaned_data["dokumen"] = berkas.dokumen
        self.cleaned_data["sidik"] = sidik_teks(berkas.teks)
        return berkas

    def clean(self):
        data = super().clean()
        if "dokumen" in data:
            galat = wilayah_galat(data["dokumen"], kecamatan=self.kecamatan, kabupaten=self.kabupaten)
            if galat:
                self.add_error("berkas", galat)
        return data
