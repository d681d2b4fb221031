"""BAB IV Penutup: the kesimpulan repeats the ikhtisar's generated figures before the staff's own
text; the saran is text only."""

from __future__ import annotations

from laporan.konteks.bahan import Bahan
from laporan.konteks.isi import Isi
from laporan.konteks.ringkasan import kalimat_anggaran, kalimat_capaian, kalimat_sasaran
from laporan.narasi import Paragraf


def _penutup(b: Bahan, bab: str) -> list[Isi]:
    kesimpulan: list[Isi] = [
        Paragraf(f"Berdasarkan hasil pengukuran kinerja Kecamatan {b.nama} tahun {b.tahun}:"),
        *kalimat_capaian(b),
    ]
    sasaran = kalimat_sasaran(b)
    if sasaran:
        kesimpulan.append(sasaran)
    kesimpulan.extend(kalimat_anggaran(b))
    return [*kesimpulan, *b.teks("penutup")]


# The outline blocks of BAB IV built from data, by kode (the saran is narrative only).
PEMBANGUN = {"penutup": _penutup}
