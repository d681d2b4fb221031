"""JSON Schema validation of `lkjip-data/1` documents, with every problem said in Indonesian.

SCHEMA.md: each problem is one line `$.path.to[3].field: message`, the path in jsonschema's
`json_path` form.
"""

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

_POLA_KUNCI = re.compile("^[a-zA-Z][a-zA-Z0-9_]*$")
POLA_DESIMAL = "^-?[0-9]+(\\.[0-9]+)?$"

NAMA_TIPE = {
    "object": "objek",
    "array": "daftar (array)",
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "angka",
    "boolean": "true/false",
    "null": "null",
}


@cache
def skema() -> dict:
    return json.loads(Path(settings.LKJIP_SCHEMA_PATH).read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(skema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def baca_dokumen(teks: str) -> dict:
    """Parse JSON keeping decimals exact (never through float)."""
    return json.loads(teks, parse_float=Decimal)


def validasi_skema(dokumen) -> list[str]:
    """Every schema problem of the document as `$.path: pesan`, in document order."""
    galat = sorted(_validator().iter_errors(dokumen), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{e.json_path}: {pesan(e)}" for e in galat]


def kunci(nama: str) -> str:
    """The path step of an object key, written as jsonschema's `json_path` writes it."""
    if _POLA_KUNCI.match(nama):
        return f".{nama}"
    return "['" + nama.replace("\\", "\\\\").replace("'", "\\'") + "']"


def _teks_nilai(x) -> str:
    if isinstance(x, str):
        return f'"{x}"'
    if isinstance(x, dict | list):
        return "objek" if isinstance(x, dict) else "daftar"
    return json.dumps(x, default=str)


def _ada_pola_desimal(e: ValidationError) -> bool:
    return any(c.validator == "pattern" and c.validator_value == POLA_DESIMAL for c in e.context or [])


def pesan(e: ValidationError) -> str:
    """One schema error in plain Indonesian."""
    v = e.validator
    if v in ("oneOf", "anyOf"):
        if (
            isinstance(e.instance, str)
            and _ada_pola_desimal(e)
            or (v == "oneOf" and isinstance(e.instance, str) and any(_ada_pola_desimal(c) for c in e.context))
        ):
            return (
                f"{_teks_nilai(e.instance)} bukan angka yang valid: tulis angka dengan titik sebagai "
                "pemisah desimal dan tanpa pemisah ribuan, mis. 1234567.89"
            )
        if isinstance(e.instance, dict) and e.context:
            tanpa_tipe = [c for c in e.context if c.validator != "type"]
            if tanpa_tipe:
                return pesan(best_match(tanpa_tipe))
        return f"nilai {_teks_nilai(e.instance)} tidak sesuai dengan bentuk yang diizinkan"
    if v == "required":
        hilang = [k for k in e.validator_value if isinstance(e.instance, dict) and k not in e.instance]
        return f"kolom wajib {', '.join(repr(k) for k in hilang)} tidak ada"
    if v == "additionalProperties":
        lebih = [k for k in e.instance if k not in e.schema.get("properties", {})]
        return f"kolom {', '.join(repr(k) for k in lebih)} tidak dikenal"
    if v == "type":
        tipe = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        harus = " atau ".join(NAMA_TIPE.get(t, t) for t in tipe)
        return f"harus berupa {harus}, bukan {_teks_nilai(e.instance)}"
    if v == "pattern":
        if e.validator_value == "^[0-9]{18}$":
            return f"NIP {_teks_nilai(e.instance)} tidak valid: NIP harus tepat 18 digit angka tanpa spasi"
        if e.validator_value == POLA_DESIMAL:
            return f"{_teks_nilai(e.instance)} bukan angka yang valid: gunakan titik sebagai pemisah desimal"
        if e.validator_value.startswith("^[0-9]{4}-"):
            return f"tanggal {_teks_nilai(e.instance)} harus berbentuk TTTT-BB-HH, mis. 2021-01-04"
        return f"{_teks_nilai(e.instance)} tidak sesuai pola {e.validator_value}"
    if v == "format" and e.validator_value == "date":
        return f"tanggal {_teks_nilai(e.instance)} tidak valid (bentuk TTTT-BB-HH)"
    if v == "propertyNames":
        return f"kunci {_teks_nilai(e.instance)} bukan tahun empat digit"
    if v == "enum":
        pilihan = ", ".join(f'"{p}"' for p in e.validator_value)
        return f"{_teks_nilai(e.instance)} tidak termasuk pilihan yang sah ({pilihan})"
    if v == "const":
        return f"harus bernilai {_teks_nilai(e.validator_value)}, bukan {_teks_nilai(e.instance)}"
    if v == "minimum":
        return f"{_teks_nilai(e.instance)} kurang dari batas bawah {e.validator_value}"
    if v == "maximum":
        return f"{_teks_nilai(e.instance)} lebih dari batas atas {e.validator_value}"
    if v == "minItems":
        return f"harus berisi sedikitnya {e.validator_value} butir"
    if v == "maxItems":
        return f"paling banyak berisi {e.validator_value} butir"
    if v == "minLength":
        return "tidak boleh kosong"
    return e.message
