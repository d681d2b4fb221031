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


_ANGKA_PANJANG = re.compile(r"\d{4000,}")


def baca_dokumen(teks: str) -> dict:
    """Parse JSON keeping decimals exact (never through float).

    Raises json.JSONDecodeError only, also for what Python's json module refuses otherwise: an
    integer of thousands of digits (ValueError) and nesting deeper than Python's recursion limit.
    """
    try:
        return json.loads(teks, parse_float=Decimal)
    except json.JSONDecodeError:
        raise
    except RecursionError as e:
        raise json.JSONDecodeError("dokumen bersarang terlalu dalam", teks, 0) from e
    except ValueError as e:
        panjang = _ANGKA_PANJANG.search(teks)
        raise json.JSONDecodeError("angka terlalu panjang", teks, panjang.start() if panjang else 0) from e


# No value of the format comes near this; larger ones (1e400, a thousand-digit string) would make the
# decimal arithmetic of the checks fail instead of being refused.
BATAS_ANGKA = Decimal(10) ** 20
_POLA_DESIMAL = re.compile(POLA_DESIMAL)


def _ringkas(x) -> str:
    teks = str(x)
    return teks if len(teks) <= 40 else f"{teks[:20]}... ({len(teks)} karakter)"


def _teks_tidak_sah(teks: str) -> str | None:
    """Why a text cannot be stored: a NUL character (PostgreSQL refuses it) or a lone surrogate such
    as "\\ud800" (valid JSON, but no UTF-8 text), else None."""
    if "\x00" in teks:
        return "teks berisi karakter NUL (\\u0000) yang tidak dapat disimpan"
    try:
        teks.encode("utf-8")
    except UnicodeEncodeError as e:
        return f"teks berisi karakter yang tidak sah (\\u{ord(teks[e.start]):04x}) yang tidak dapat disimpan"
    return None


def nilai_tidak_wajar(dokumen) -> list[str]:
    """Values no check can take and no database can store: NaN and Infinity (which Python's json
    module reads), numbers of 20 digits or more before the decimal point (JSON numbers, or strings in
    the decimal form), and texts (also object keys) with NUL or a lone surrogate."""
    galat = []
    tumpukan = [(dokumen, "$")]
    while tumpukan:
        x, jalur = tumpukan.pop()
        if isinstance(x, dict):
            for k, v in reversed(x.items()):
                jalur_k = f"{jalur}{kunci(str(k))}"
                if isinstance(k, str) and (alasan := _teks_tidak_sah(k)):
                    galat.append(f"{jalur_k}: nama kolom: {alasan}")
                else:
                    tumpukan.append((v, jalur_k))
        elif isinstance(x, list):
            tumpukan.extend((v, f"{jalur}[{i}]") for i, v in reversed(list(enumerate(x))))
        elif isinstance(x, bool):
            continue
        elif isinstance(x, float | Decimal) and not Decimal(x).is_finite():
            teks = json.dumps(x) if isinstance(x, float) else str(x)  # NaN, Infinity as JSON writes them
            galat.append(f"{jalur}: {teks} bukan angka yang valid; tulis angka biasa, mis. 1234567.89")
        elif isinstance(x, int | float | Decimal) and abs(x) >= BATAS_ANGKA:
            galat.append(f"{jalur}: angka {_ringkas(x)} terlalu besar")
        elif isinstance(x, str) and _POLA_DESIMAL.match(x) and len(x.lstrip("-").split(".")[0]) > 20:
            galat.append(f"{jalur}: angka {_ringkas(x)} terlalu besar")
        elif isinstance(x, str) and (alasan := _teks_tidak_sah(x)):
            galat.append(f"{jalur}: {alasan}")
    return galat


def validasi_skema(dokumen) -> list[str]:
    """Every schema problem of the document as `$.path: pesan`, in document order; then the values
    no check can take (nilai_tidak_wajar), each once."""
    galat = sorted(_validator().iter_errors(dokumen), key=lambda e: [str(p) for p in e.absolute_path])
    angka = nilai_tidak_wajar(dokumen)
    jalur_angka = {baris.partition(": ")[0] for baris in angka}
    semua = [f"{e.json_path}: {pesan(e)}" for e in galat if e.json_path not in jalur_angka] + angka
    return [_tampil(baris) for baris in semua]


def _tampil(teks: str) -> str:
    """A message quoting the document's text, made safe to show: lone surrogates and NUL escaped."""
    return teks.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\u0000")


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
