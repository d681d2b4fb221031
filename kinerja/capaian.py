"""Performance calculations and predikat scales (DESIGN.md §4, DOMAIN.md §3).

Pure: Decimal in, Decimal out, no Django. Everything is kept at full precision; rounding happens
once, at display (lkjip.format, ROUND_HALF_UP), so averages never use pre-rounded values (the
seeds' 101,7 vs the correct 101,72 comes from exactly that mistake, DOMAIN.md §3.12).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "MENINGKAT",
    "MENURUN",
    "PALET",
    "SKALA",
    "SKALA_BAKU",
    "TANPA_TREN",
    "TETAP",
    "Pita",
    "Skala",
    "SkalaTidakValid",
    "agregat_periode",
    "capaian",
    "capaian_terpotong",
    "kelas_warna",
    "predikat",
    "rata_rata",
    "skala_dari_data",
    "tingkat_kemajuan",
    "tren",
]

NAIK = "naik"
TURUN = "turun"
SERATUS = Decimal(100)
NOL = Decimal(0)


# --- capaian ----------------------------------------------------------------------------------------


def _capaian_mentah(target: Decimal | None, realisasi: Decimal | None, arah: str) -> Decimal | None:
    """The formula before the floor: naik R x 100 / T, turun (2T - R) x 100 / T.

    One division at the end: the numerator is exact, so scaling T and R by the same factor, or
    mirroring R around T, gives bit-for-bit the same result.
    """
    if target is None or realisasi is None or target == 0:
        return None
    if arah == TURUN:
        return (2 * target - realisasi) * SERATUS / target
    if arah != NAIK:
        raise ValueError(f'Arah indikator harus "naik" atau "turun", bukan "{arah}".')
    return realisasi * SERATUS / target


def capaian(*, target: Decimal | None, realisasi: Decimal | None, arah: str = NAIK) -> Decimal | None:
    """Capaian kinerja in percent (DOMAIN.md §3.1 C1/C2), unrounded and uncapped.

    naik: R / T x 100. turun: (2T - R) / T x 100, floored at 0 when R > 2T (DOMAIN.md §4.4 #4:
    a negative capaian means nothing; `capaian_terpotong` says when the floor applied so the page
    can warn). None when the target is 0 or missing or the realisasi is missing: undefined, never 0,
    and left out of averages (DESIGN.md §4). For graded or threshold targets ("BB (72,10)",
    "≥ 80") pass the numeric part: the grade is a display label (C3, C4).
    """
    hasil = _capaian_mentah(target, realisasi, arah)
    if hasil is None:
        return None
    return max(hasil, NOL) if arah == TURUN else hasil


def capaian_terpotong(*, target: Decimal | None, realisasi: Decimal | None, arah: str = NAIK) -> bool:
    """True when `capaian` floored a turun result at 0 (R above 2T): the page shows 0,00 and a warning."""
    hasil = _capaian_mentah(target, realisasi, arah)
    return arah == TURUN and hasil is not None and hasil < 0


def tingkat_kemajuan(
    *, target_akhir: Decimal | None, realisasi: Decimal | None, arah: str = NAIK
) -> Decimal | None:
    """Progress toward the Renstra end target (DOMAIN.md §3.3): R(n) / target akhir x 100.

    For arah turun DOMAIN.md §3.3 says "use C2 with T = T_akhir", so this is exactly `capaian`
    against the end target, with the same floor at 0 (check `capaian_terpotong` with
    target=target_akhir to warn). For kumulatif indicators the caller passes the sum of R from
    the Renstra start to year n (`agregat_periode(..., kumulatif=True)`).
    """
    return capaian(target=target_akhir, realisasi=realisasi, arah=arah)


# --- aggregates -------------------------------------------------------------------------------------


def rata_rata(nilai: Iterable[Decimal | None], *, batas_100: bool = False) -> Decimal | None:
    """Mean of the defined values (DOMAIN.md §3.6), None when none is defined.

    Undefined capaian (None) are left out, not counted as 0 (DESIGN.md §4). `batas_100` is the
    kabupaten option "batasi capaian maksimal 100 %": each value is capped at 100 before averaging
    (for averages and efficiency only, never in the indicator tables).
    """
    ada = [min(n, SERATUS) if batas_100 else n for n in nilai if n is not None]
    if not ada:
        return None
    return sum(ada, NOL) / Decimal(len(ada))


def agregat_periode(
    nilai_periode: Sequence[Decimal | None], *, kumulatif: bool, indeks: bool = False
) -> Decimal | None:
    """The value over several periods (triwulan -> year, years -> Renstra), DOMAIN.md §3.1.

    `indeks` (survey-based indicators such as the IKM: "(semester 1 + semester 2) / 2") -> the
    mean of the values present; it wins over `kumulatif` because an index is never summed.
    Else `kumulatif` (counts of documents, layanan) -> their sum; else the last value present
    (a stock figure: the position at the end of the latest period). None when no period has a value.
    """
    ada = [n for n in nilai_periode if n is not None]
    if not ada:
        return None
    if indeks:
        return sum(ada, NOL) / Decimal(len(ada))
    if kumulatif:
        return sum(ada, NOL)
    return ada[-1]


MENINGKAT = "Meningkat"
MENURUN = "Menurun"
TETAP = "Tetap"
TANPA_TREN = "-"


def tren(*, sebelumnya: Decimal | None, sekarang: Decimal | None, arah: str = NAIK) -> str:
    """Trend of R(n) against R(n-1) (DOMAIN.md §3.2): "Meningkat" when performance got better.

    Better means higher for arah naik and lower for arah turun, so a falling realisasi of a turun
    indicator is "Meningkat". "-" when either year has no value: no comparison is possible, and
    guessing "Tetap" would claim something the data does not say.
    """
    if sebelumnya is None or sekarang is None:
        return TANPA_TREN
    if arah not in (NAIK, TURUN):
        raise ValueError(f'Arah indikator harus "naik" atau "turun", bukan "{arah}".')
    selisih = sekarang - sebelumnya
    if arah == TURUN:
        selisih = -selisih
    if selisih > 0:
        return MENINGKAT
    if selisih < 0:
        return MENURUN
    return TETAP


# --- predikat scales --------------------------------------------------------------------------------


class SkalaTidakValid(ValueError):
    """A scale that cannot be used: the message is for the user (Indonesian); `indeks` holds the
    positions (in the given order) of the bands concerned, so a form or an importer can put the
    error on the right row ("$.kabupaten.skala_capaian.pita[2]")."""

    def __init__(self, pesan: str, indeks: Sequence[int] = ()) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.indeks = tuple(indeks)


def _teks_angka(x: Decimal) -> str:
    """A bound as people write it: "91", "88,31", "1.000" (no trailing zeros, Indonesian marks)."""
    x = x.normalize()
    desimal = max(0, -x.as_tuple().exponent)  # type: ignore[operator]
    teks = f"{x.quantize(Decimal(1).scaleb(-desimal)).copy_abs():,f}".translate(str.maketrans(",.", ".,"))
    return f"-{teks}" if x < 0 else teks


@dataclass(frozen=True)
class Pita:
    """One band of a predikat scale, from `bawah` to `atas` (None = unbounded on that side).

    Half-open [bawah, atas) by default, the rule DOMAIN.md §4.4 #2 chose so that non-integer
    capaian never fall into a gap; `bawah_termasuk` / `atas_termasuk` express the other printed
    forms ("> 100", "≤ 30").
    """

    bawah: Decimal | None = None
    atas: Decimal | None = None
    bawah_termasuk: bool = True
    atas_termasuk: bool = False
    label: str = ""
    kode: str = ""
    warna: str = ""

    def memuat(self, nilai: Decimal) -> bool:
        """Whether `nilai` falls in this band."""
        if self.bawah is not None and (
            nilai < self.bawah or (nilai == self.bawah and not self.bawah_termasuk)
        ):
            return False
        return not (
            self.atas is not None and (nilai > self.atas or (nilai == self.atas and not self.atas_termasuk))
        )

    def __contains__(self, nilai: Decimal) -> bool:
        return self.memuat(nilai)

    def interval(self, sambung: str = " - ", teks: Callable[[Decimal], str] | None = None) -> str:
        """The band as printed in the report's scale table: "≥ 91", "76 - < 91", "> 100", "≤ 30".

        `teks` writes a bound; SKM tables print at least two decimals ("2,60 - < 3,0644")."""
        tulis = teks or _teks_angka
        if self.bawah is None and self.atas is None:
            return "semua nilai"
        tanda_atas = "≤" if self.atas_termasuk else "<"
        if self.bawah is None:
            return f"{tanda_atas} {tulis(self.atas)}"  # type: ignore[arg-type]
        tanda_bawah = "≥" if self.bawah_termasuk else ">"
        if self.atas is None:
            return f"{tanda_bawah} {tulis(self.bawah)}"
        awal = tulis(self.bawah) if self.bawah_termasuk else f"> {tulis(self.bawah)}"
        return f"{awal}{sambung}{tanda_atas} {tulis(self.atas)}"

    def ke_data(self) -> dict[str, Any]:
        """The band in the interchange format (SCHEMA.md `pita_skala`), defaults left out."""
        data: dict[str, Any] = {}
        if self.bawah is not None:
            data["bawah"] = self.bawah
        if self.atas is not None:
            data["atas"] = self.atas
        data["label"] = self.label
        if self.kode:
            data["kode"] = self.kode
        if self.warna:
            data["warna"] = self.warna
        if not self.bawah_termasuk:
            data["bawah_termasuk"] = False
        if self.atas_termasuk:
            data["atas_termasuk"] = True
        return data


def _uraian(pita: Pita) -> str:
    return f"'{pita.label}' ({pita.interval(' s.d. ')})"


def _ke_batas(nilai: Any, nama: str, nomor: int) -> Decimal | None:
    """An interchange bound (number, plain decimal string, Decimal or None) as a Decimal."""
    if nilai is None or nilai == "":
        return None
    if isinstance(nilai, bool):
        raise SkalaTidakValid(f"Pita ke-{nomor + 1}: batas {nama} harus angka, bukan {nilai}.", [nomor])
    try:
        if isinstance(nilai, float):
            hasil = Decimal(str(nilai))
        elif isinstance(nilai, Decimal | int):
            hasil = Decimal(nilai)
        elif isinstance(nilai, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", nilai.strip()):
            hasil = Decimal(nilai.strip())
        else:
            raise InvalidOperation
    except (InvalidOperation, ValueError, TypeError):
        raise SkalaTidakValid(
            f'Pita ke-{nomor + 1}: batas {nama} "{nilai}" bukan angka (tulis misalnya 76 atau 88.31).',
            [nomor],
        ) from None
    if not hasil.is_finite():
        raise SkalaTidakValid(f"Pita ke-{nomor + 1}: batas {nama} harus angka terhingga.", [nomor])
    return hasil


def _ke_bool(nilai: Any, bawaan: bool, nama: str, nomor: int) -> bool:
    if nilai is None:
        return bawaan
    if not isinstance(nilai, bool):
        raise SkalaTidakValid(f"Pita ke-{nomor + 1}: {nama} harus true atau false, bukan {nilai!r}.", [nomor])
    return nilai


_KUNCI_PITA = {"bawah", "atas", "label", "kode", "warna", "bawah_termasuk", "atas_termasuk"}


@dataclass(frozen=True)
class Skala:
    """A predikat scale: bands kept in the order given (the report prints them in that order)."""

    nama: str
    pita: tuple[Pita, ...]
    sumber: str = ""

    @classmethod
    def dari_pita(
        cls, data: Iterable[Mapping[str, Any] | Pita], nama: str = "Skala khusus", sumber: str = ""
    ) -> Skala:
        """Build and validate a scale from interchange band dicts (SCHEMA.md `pita_skala`).

        Raises SkalaTidakValid (a ValueError) in Indonesian naming the band(s) when a band is
        malformed or empty, or when the bands leave a gap or overlap: every value must get exactly
        one predikat, so the first band (by value) has no lower bound and the last no upper bound.
        """
        semua: list[Pita] = []
        for nomor, item in enumerate(data):
            if isinstance(item, Pita):
                semua.append(item)
                continue
            if not isinstance(item, Mapping):
                raise SkalaTidakValid(f"Pita ke-{nomor + 1} harus berupa objek.", [nomor])
            asing = sorted(set(item) - _KUNCI_PITA)
            if asing:
                raise SkalaTidakValid(
                    f"Pita ke-{nomor + 1}: kolom {', '.join(asing)} tidak dikenal.", [nomor]
                )
            label = item.get("label")
            if not isinstance(label, str) or not label.strip():
                raise SkalaTidakValid(f"Pita ke-{nomor + 1} belum punya label.", [nomor])
            for kunci in ("kode", "warna"):
                if item.get(kunci) is not None and not isinstance(item.get(kunci), str):
                    raise SkalaTidakValid(f"Pita ke-{nomor + 1}: {kunci} harus teks.", [nomor])
            semua.append(
                Pita(
                    bawah=_ke_batas(item.get("bawah"), "bawah", nomor),
                    atas=_ke_batas(item.get("atas"), "atas", nomor),
                    bawah_termasuk=_ke_bool(item.get("bawah_termasuk"), True, "bawah_termasuk", nomor),
                    atas_termasuk=_ke_bool(item.get("atas_termasuk"), False, "atas_termasuk", nomor),
                    label=label.strip(),
                    kode=(item.get("kode") or "").strip(),
                    warna=(item.get("warna") or "").strip(),
                )
            )
        skala = cls(nama=nama, pita=tuple(semua), sumber=sumber)
        skala.periksa()
        return skala

    def periksa(self) -> None:
        """Raise SkalaTidakValid when a band is empty or the bands leave a gap or overlap."""
        if not self.pita:
            raise SkalaTidakValid("Skala harus punya paling sedikit satu pita.")
        for i, p in enumerate(self.pita):
            if (
                p.bawah is not None
                and p.atas is not None
                and (p.bawah > p.atas or (p.bawah == p.atas and not (p.bawah_termasuk and p.atas_termasuk)))
            ):
                raise SkalaTidakValid(
                    f"Pita {_uraian(p)} kosong: batas bawah {_teks_angka(p.bawah)} harus lebih kecil "
                    f"dari batas atas {_teks_angka(p.atas)}.",
                    [i],
                )
        urut = sorted(
            range(len(self.pita)),
            key=lambda i: (
                self.pita[i].bawah is not None,
                self.pita[i].bawah or NOL,
                not self.pita[i].bawah_termasuk,
            ),
        )
        pertama = self.pita[urut[0]]
        if pertama.bawah is not None:
            batas = _teks_angka(pertama.bawah)
            raise SkalaTidakValid(
                f"Tidak ada pita untuk nilai {'di bawah' if pertama.bawah_termasuk else 'sampai'} {batas}: "
                f"pita {_uraian(pertama)} adalah yang terendah. Kosongkan batas bawahnya agar semua "
                "nilai mendapat predikat.",
                [urut[0]],
            )
        for i, j in zip(urut, urut[1:], strict=False):
            a, b = self.pita[i], self.pita[j]
            pasangan = f"Pita {_uraian(a)} dan {_uraian(b)}"
            if b.bawah is None:
                raise SkalaTidakValid(f"{pasangan} tumpang tindih: keduanya tanpa batas bawah.", [i, j])
            if a.atas is None:
                raise SkalaTidakValid(
                    f"{pasangan} tumpang tindih mulai dari {_teks_angka(b.bawah)}: "
                    f"{_uraian(a)} tanpa batas atas.",
                    [i, j],
                )
            if a.atas < b.bawah:
                raise SkalaTidakValid(
                    f"{pasangan} menyisakan celah antara {_teks_angka(a.atas)} dan {_teks_angka(b.bawah)}.",
                    [i, j],
                )
            if a.atas > b.bawah:
                raise SkalaTidakValid(
                    f"{pasangan} tumpang tindih antara {_teks_angka(b.bawah)} dan "
                    f"{_teks_angka(min(a.atas, b.atas) if b.atas is not None else a.atas)}.",
                    [i, j],
                )
            if a.atas_termasuk and b.bawah_termasuk:
                raise SkalaTidakValid(
                    f"{pasangan} tumpang tindih pada nilai {_teks_angka(b.bawah)}: keduanya memuatnya.",
                    [i, j],
                )
            if not a.atas_termasuk and not b.bawah_termasuk:
                raise SkalaTidakValid(
                    f"{pasangan} menyisakan celah: nilai {_teks_angka(b.bawah)} tidak masuk pita mana pun.",
                    [i, j],
                )
        terakhir = self.pita[urut[-1]]
        if terakhir.atas is not None:
            batas = _teks_angka(terakhir.atas)
            raise SkalaTidakValid(
                f"Tidak ada pita untuk nilai {'di atas' if terakhir.atas_termasuk else 'mulai'} {batas}: "
                f"pita {_uraian(terakhir)} adalah yang tertinggi. Kosongkan batas atasnya agar semua "
                "nilai mendapat predikat.",
                [urut[-1]],
            )

    def ke_data(self) -> list[dict[str, Any]]:
        """The bands in the interchange format, in their order (for export and the admin form)."""
        return [p.ke_data() for p in self.pita]

    def ke_dokumen(self) -> dict[str, Any]:
        """The scale as stored in Kabupaten.skala_capaian (SCHEMA.md `skala`, object form): JSON-safe,
        bounds as plain decimal strings ("88.31") so no float ever touches them, and canonical, so
        an unchanged scale compares equal and a re-import writes nothing."""
        pita = [
            {k: format(v.normalize(), "f") if isinstance(v, Decimal) else v for k, v in p.items()}
            for p in self.ke_data()
        ]
        dokumen: dict[str, Any] = {"nama": self.nama}
        if self.sumber:
            dokumen["sumber"] = self.sumber
        dokumen["pita"] = pita
        return dokumen

    def predikat(self, nilai: Decimal | None) -> Pita | None:
        """The band `nilai` falls in; None for None."""
        return predikat(nilai, self)


def predikat(nilai: Decimal | None, skala: Skala) -> Pita | None:
    """The band of `skala` holding `nilai` (None for an undefined value, shown "-")."""
    if nilai is None:
        return None
    for pita in skala.pita:
        if pita.memuat(nilai):
            return pita
    return None  # only reachable for an unvalidated scale


def buat_pita(
    label: str,
    kode: str,
    warna: str,
    bawah: str | None = None,
    atas: str | None = None,
    *,
    bawah_termasuk: bool = True,
    atas_termasuk: bool = False,
) -> Pita:
    return Pita(
        bawah=None if bawah is None else Decimal(bawah),
        atas=None if atas is None else Decimal(atas),
        bawah_termasuk=bawah_termasuk,
        atas_termasuk=atas_termasuk,
        label=label,
        kode=kode,
        warna=warna,
    )


def _sakip(label: str, kode: str, warna: str, bawah: str | None, atas: str | None) -> Pita:
    # PermenPAN-RB 88/2021 writes "> 80 - 90": lower bound excluded, upper included.
    return buat_pita(label, kode, warna, bawah, atas, bawah_termasuk=False, atas_termasuk=atas is not None)


SKALA_BAKU = "permendagri-86-2017"

# The presets of DESIGN.md §4, by the name stored in Kabupaten.skala_capaian and the interchange.
SKALA: dict[str, Skala] = {
    "permendagri-86-2017": Skala(
        nama="Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)",
        sumber="Permendagri Nomor 86 Tahun 2017; tabel bilangan bulatnya dibuat tanpa celah",
        pita=(
            buat_pita("Sangat Tinggi", "ST", "hijau", "91"),
            buat_pita("Tinggi", "T", "biru", "76", "91"),
            buat_pita("Sedang", "S", "kuning", "66", "76"),
            buat_pita("Rendah", "R", "oranye", "51", "66"),
            buat_pita("Sangat Rendah", "SR", "merah", None, "51"),
        ),
    ),
    "jember": Skala(
        nama="Skala Capaian Kinerja Kabupaten Jember",
        sumber="LKjIP kecamatan di Kabupaten Jember",
        pita=(
            buat_pita("Sangat Baik", "SB", "hijau", "100", bawah_termasuk=False),
            buat_pita("Baik", "B", "biru", "76", "100", atas_termasuk=True),
            buat_pita("Cukup", "C", "kuning", "55", "76"),
            buat_pita("Kurang", "K", "merah", None, "55"),
        ),
    ),
    "banjar": Skala(
        nama="Skala Nilai Peringkat Kinerja Kabupaten Banjar",
        sumber="LKjIP kecamatan di Kabupaten Banjar",
        pita=(
            buat_pita("Berhasil", "B", "hijau", "100"),
            buat_pita("Cukup Berhasil", "CB", "biru", "70", "100"),
            buat_pita("Kurang Berhasil", "KB", "kuning", "40", "70"),
            buat_pita("Tidak Berhasil", "TB", "merah", None, "40"),
        ),
    ),
    "sakip": Skala(
        nama="Kategori Nilai SAKIP (PermenPAN-RB Nomor 88 Tahun 2021)",
        sumber="Peraturan Menteri PAN-RB Nomor 88 Tahun 2021",
        pita=(
            _sakip("Sangat Memuaskan", "AA", "hijau-tua", "90", None),
            _sakip("Memuaskan", "A", "hijau", "80", "90"),
            _sakip("Sangat Baik", "BB", "biru", "70", "80"),
            _sakip("Baik", "B", "biru-muda", "60", "70"),
            _sakip("Cukup", "CC", "kuning", "50", "60"),
            _sakip("Kurang", "C", "oranye", "30", "50"),
            buat_pita("Sangat Kurang", "D", "merah", None, "30", atas_termasuk=True),
        ),
    ),
    "skm-permenpan-rb-14-2017": Skala(
        nama="Mutu Pelayanan SKM (PermenPAN-RB Nomor 14 Tahun 2017)",
        sumber="Peraturan Menteri PAN-RB Nomor 14 Tahun 2017, nilai interval konversi 25-100",
        pita=(
            buat_pita("Sangat Baik", "A", "hijau", "88.31"),
            buat_pita("Baik", "B", "biru", "76.61", "88.31"),
            buat_pita("Kurang Baik", "C", "kuning", "65.00", "76.61"),
            buat_pita("Tidak Baik", "D", "merah", None, "65.00"),
        ),
    ),
    "skm-kepmenpan-25-2004": Skala(
        nama="Mutu Pelayanan IKM (Kepmenpan Nomor 25 Tahun 2004)",
        sumber="Keputusan Menteri PAN Nomor KEP/25/M.PAN/2/2004, nilai interval konversi 25-100",
        pita=(
            buat_pita("Sangat Baik", "A", "hijau", "81.26"),
            buat_pita("Baik", "B", "biru", "62.51", "81.26"),
            buat_pita("Kurang Baik", "C", "kuning", "43.76", "62.51"),
            buat_pita("Tidak Baik", "D", "merah", None, "43.76"),
        ),
    ),
}
for _skala in SKALA.values():
    _skala.periksa()


def skala_dari_data(data: str | Mapping[str, Any] | None) -> Skala:
    """A scale from its stored/interchange form (SCHEMA.md `skala`): None or "" -> the default
    preset, a string -> that preset, {"nama", "pita", ["sumber"]} -> the validated bands.

    Raises SkalaTidakValid with an Indonesian message (band positions in `indeks`).
    """
    if data is None or data == "":
        return SKALA[SKALA_BAKU]
    if isinstance(data, str):
        if data not in SKALA:
            raise SkalaTidakValid(f'Skala "{data}" tidak dikenal. Pilih salah satu: {", ".join(SKALA)}.')
        return SKALA[data]
    if not isinstance(data, Mapping):
        raise SkalaTidakValid("Skala harus berupa nama skala bawaan atau objek berisi nama dan pita.")
    asing = sorted(set(data) - {"nama", "sumber", "pita"})
    if asing:
        raise SkalaTidakValid(f"Skala: kolom {', '.join(asing)} tidak dikenal.")
    nama = data.get("nama")
    if not isinstance(nama, str) or not nama.strip():
        raise SkalaTidakValid("Skala khusus harus punya nama.")
    sumber = data.get("sumber") or ""
    if not isinstance(sumber, str):
        raise SkalaTidakValid("Sumber skala harus teks.")
    pita = data.get("pita")
    if not isinstance(pita, list | tuple):
        raise SkalaTidakValid("Skala khusus harus punya daftar pita.")
    return Skala.dari_pita(pita, nama=nama.strip(), sumber=sumber.strip())


# --- colours ----------------------------------------------------------------------------------------

# Badge palette (static/css/app.css, "/* predikat */"): name -> (#rrggbb background). The pages run
# under a content security policy without inline styles, so a band's colour becomes a class.
PALET: dict[str, str] = {
    "hijau-tua": "#0f5132",
    "hijau": "#198754",
    "hijau-muda": "#a3cfbb",
    "toska": "#20c997",
    "biru-tua": "#052c65",
    "biru": "#0b5ed7",
    "biru-muda": "#9ec5fe",
    "ungu": "#6f42c1",
    "merah-muda": "#c2185b",
    "merah-tua": "#842029",
    "merah": "#dc3545",
    "oranye": "#fd7e14",
    "kuning": "#ffc107",
    "coklat": "#8b5a2b",
    "abu-abu": "#6c757d",
    "hitam": "#212529",
    "putih": "#ffffff",
}

_SINONIM = {
    "hijau-daun": "hijau",
    "green": "hijau",
    "dark-green": "hijau-tua",
    "light-green": "hijau-muda",
    "tosca": "toska",
    "teal": "toska",
    "blue": "biru",
    "dark-blue": "biru-tua",
    "biru-laut": "biru-tua",
    "light-blue": "biru-muda",
    "purple": "ungu",
    "violet": "ungu",
    "pink": "merah-muda",
    "red": "merah",
    "dark-red": "merah-tua",
    "marun": "merah-tua",
    "maroon": "merah-tua",
    "orange": "oranye",
    "oren": "oranye",
    "jingga": "oranye",
    "yellow": "kuning",
    "brown": "coklat",
    "cokelat": "coklat",
    "abu": "abu-abu",
    "abu-abu-tua": "abu-abu",
    "kelabu": "abu-abu",
    "grey": "abu-abu",
    "gray": "abu-abu",
    "black": "hitam",
    "white": "putih",
}

_HEKS = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def _rgb(heks: str) -> tuple[int, int, int]:
    heks = heks.lstrip("#")
    if len(heks) == 3:
        heks = "".join(c * 2 for c in heks)
    return int(heks[0:2], 16), int(heks[2:4], 16), int(heks[4:6], 16)


def kelas_warna(warna: str) -> str:
    """CSS class for a band colour: "predikat-hijau". Named colours (Indonesian or English) map to
    themselves, #rrggbb to the nearest palette colour; unknown or empty -> "predikat-abu-abu"."""
    nama = re.sub(r"[\s_]+", "-", (warna or "").strip().lower())
    nama = _SINONIM.get(nama, nama)
    if nama in PALET:
        return f"predikat-{nama}"
    cocok = _HEKS.fullmatch(nama)
    if not cocok:
        return "predikat-abu-abu"
    r, g, b = _rgb(cocok.group(1))
    terdekat = min(
        PALET,
        key=lambda n: sum((x - y) ** 2 for x, y in zip((r, g, b), _rgb(PALET[n]), strict=True)),
    )
    return f"predikat-{terdekat}"
