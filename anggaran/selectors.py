"""Scoped reads of the budget (STYLE.md §2: selectors read).

Every function takes its scope as required keywords (`kecamatan=`, `tahun=`) and returns frozen
dataclasses with every sum already computed: a parent's pagu murni, pagu and realisasi are the sums
of its leaves (DOMAIN.md §3.4), the serapan of every level comes from `anggaran.serapan`. A whole
year's tree is read in a fixed number of queries, however many programs it has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from anggaran.models import (
    Belanja,
    IndikatorKeluaran,
    JenisBelanja,
    PosAnggaran,
    ProgramSasaran,
    TahunAnggaran,
    Tingkat,
)
from anggaran.serapan import efisiensi as hitung_efisiensi
from anggaran.serapan import serapan as hitung_serapan
from kinerja.capaian import capaian
from kinerja.models import PerjanjianKinerja, ProgramPK, Renstra, Sasaran, SdmSasaran
from kinerja.pengukuran import KelompokKinerja, PengukuranKinerja, pengukuran_kinerja
from lkjip.format import format_rupiah
from lkjip.models import Kecamatan


def _jumlahkan(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values given; None when none is given (shown "-", not 0)."""
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal(0)) if ada else None


@dataclass(frozen=True)
class Jumlah:
    """Pagu murni, pagu and realisasi of a pos, a sasaran or a whole year, with its serapan
    (realisasi / pagu x 100 on the latest pagu, unrounded; None when it cannot be computed)."""

    pagu_murni: Decimal | None
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "serapan", hitung_serapan(pagu=self.pagu, realisasi=self.realisasi))

    @classmethod
    def dari(cls, bagian: Iterable[Jumlah]) -> Jumlah:
        bagian = list(bagian)
        return cls(
            pagu_murni=_jumlahkan(b.pagu_murni for b in bagian),
            pagu=_jumlahkan(b.pagu for b in bagian),
            realisasi=_jumlahkan(b.realisasi for b in bagian),
        )

    @property
    def lebih_pagu(self) -> bool:
        return self.pagu is not None and self.realisasi is not None and self.realisasi > self.pagu

    @property
    def selisih_pagu(self) -> Decimal | None:
        """Pagu minus pagu murni (the perubahan); None without both."""
        if self.pagu is None or self.pagu_murni is None:
            return None
        return self.pagu - self.pagu_murni


KOSONG = Jumlah(pagu_murni=None, pagu=None, realisasi=None)


@dataclass(frozen=True)
class Simpul:
    """A program, kegiatan or sub kegiatan with its children and its (summed) amounts."""

    pos: PosAnggaran
    anak: tuple[Simpul, ...]
    jumlah: Jumlah
    indikator: tuple[IndikatorKeluaran, ...]
    sasaran: tuple[Sasaran, ...]
    kedalaman: int

    @property
    def daun(self) -> bool:
        """A leaf: its amounts are typed; a parent's are computed from its leaves."""
        return not self.anak

    @property
    def peringatan(self) -> list[str]:
        pesan = []
        if self.daun and self.jumlah.lebih_pagu:
            j = self.jumlah
            teks = f"Realisasi {format_rupiah(j.realisasi)} melebihi pagu {format_rupiah(j.pagu)}"
            alasan = self.pos.alasan_lebih_pagu
            pesan.append(f"{teks}. Alasan: {alasan}" if alasan else f"{teks}; alasannya belum dicatat.")
        triwulan = self.pos.realisasi_triwulan
        if self.daun and any(t is not None for t in triwulan):
            total_tw = _jumlahkan(triwulan)
            if self.jumlah.realisasi is not None and total_tw != self.jumlah.realisasi:
                pesan.append(
                    f"Jumlah realisasi triwulan {format_rupiah(total_tw)} berbeda dengan realisasi "
                    f"tahunan {format_rupiah(self.jumlah.realisasi)}."
                )
        return pesan

    def semua(self) -> list[Simpul]:
        """This node and every node below it, depth first (the rows of the tree table)."""
        hasil = [self]
        for a in self.anak:
            hasil.extend(a.semua())
        return hasil

    def daun_semua(self) -> list[Simpul]:
        return [s for s in self.semua() if s.daun]


@dataclass(frozen=True)
class BarisBelanja:
    belanja: Belanja
    jumlah: Jumlah
    # Share of this jenis in the year's belanja pagu (DOMAIN.md §3.4 "proporsi"), unrounded.
    proporsi: Decimal | None


@dataclass(frozen=True)
class PohonAnggaran:
    """The budget of one year: its program tree, its jenis belanja and their totals."""

    tahun_anggaran: TahunAnggaran
    program: tuple[Simpul, ...]
    total: Jumlah
    belanja: tuple[BarisBelanja, ...]
    total_belanja: Jumlah | None

    @property
    def tahun(self) -> int:
        return self.tahun_anggaran.tahun

    def baris(self) -> list[Simpul]:
        """Every node, depth first: program, its kegiatan, their sub kegiatan, next program."""
        return [s for p in self.program for s in p.semua()]

    def jumlah_tingkat(self) -> dict[str, int]:
        """How many programs, kegiatan and sub kegiatan ("4 program, 9 kegiatan, 22 sub kegiatan")."""
        hitung = dict.fromkeys(Tingkat.values, 0)
        for s in self.baris():
            hitung[s.pos.tingkat] += 1
        return hitung

    @property
    def ada_kode(self) -> bool:
        """Some pos has a kode (legacy years often have none: the page then leaves the column out)."""
        return any(s.pos.kode for s in self.baris())

    @property
    def ada_pagu_murni(self) -> bool:
        return self.total.pagu_murni is not None

    @property
    def jumlah_daun(self) -> int:
        return sum(1 for s in self.baris() if s.daun)

    @property
    def peringatan(self) -> list[str]:
        """Where the year's own figures disagree: the leaves against the jenis belanja totals."""
        pesan = []
        if not self.belanja or not self.program:
            return pesan
        jenis = {b.belanja.jenis for b in self.belanja}
        # Before 2021 the programs carry only the Belanja Langsung; from 2021 the whole OPD budget.
        if JenisBelanja.LANGSUNG in jenis:
            pembanding = next(b.jumlah for b in self.belanja if b.belanja.jenis == JenisBelanja.LANGSUNG)
            nama = "Belanja Langsung"
        else:
            pembanding = self.total_belanja
            nama = "total jenis belanja"
        for kolom, label in (("pagu", "pagu"), ("realisasi", "realisasi")):
            dari_pos = getattr(self.total, kolom)
            dari_belanja = getattr(pembanding, kolom)
            if dari_pos is not None and dari_belanja is not None and dari_pos != dari_belanja:
                pesan.append(
                    f"Jumlah {label} program/kegiatan/sub kegiatan ({format_rupiah(dari_pos)}) tidak sama "
                    f"dengan {label} {nama} ({format_rupiah(dari_belanja)})."
                )
        return pesan


def _bangun(
    pos: Sequence[PosAnggaran],
    indikator: dict[int, list[IndikatorKeluaran]],
    sasaran: dict[int, list[Sasaran]],
) -> tuple[Simpul, ...]:
    anak: dict[int | None, list[PosAnggaran]] = defaultdict(list)
    for p in pos:
        anak[p.induk_id].append(p)

    def simpul(p: PosAnggaran, kedalaman: int) -> Simpul:
        bawah = tuple(simpul(a, kedalaman + 1) for a in anak.get(p.pk, []))
        if bawah:
            jumlah = Jumlah.dari(b.jumlah for b in bawah)
        else:
            jumlah = Jumlah(pagu_murni=p.pagu_murni, pagu=p.pagu, realisasi=p.realisasi)
        return Simpul(
            pos=p,
            anak=bawah,
            jumlah=jumlah,
            indikator=tuple(indikator.get(p.pk, [])),
            sasaran=tuple(sasaran.get(p.pk, [])),
            kedalaman=kedalaman,
        )

    return tuple(simpul(p, 0) for p in anak.get(None, []))


def tahun_anggaran(*, kecamatan: Kecamatan, tahun: int) -> TahunAnggaran | None:
    return TahunAnggaran.objects.filter(kecamatan=kecamatan, tahun=tahun).first()


def pohon_anggaran(*, kecamatan: Kecamatan, tahun: int) -> PohonAnggaran | None:
    """The whole budget tree of a year, with sums and serapan at every level (5 queries)."""
    ta = tahun_anggaran(kecamatan=kecamatan, tahun=tahun)
    if ta is None:
        return None
    pos = list(PosAnggaran.objects.filter(tahun_anggaran=ta).order_by("urutan", "id"))
    for p in pos:
        p.tahun_anggaran = ta
    indikator: dict[int, list[IndikatorKeluaran]] = defaultdict(list)
    for i in IndikatorKeluaran.objects.filter(pos__tahun_anggaran=ta).order_by("urutan", "id"):
        indikator[i.pos_id].append(i)
    sasaran: dict[int, list[Sasaran]] = defaultdict(list)
    for d in (
        ProgramSasaran.objects.filter(program__tahun_anggaran=ta)
        .select_related("sasaran")
        .order_by("urutan", "id")
    ):
        sasaran[d.program_id].append(d.sasaran)
    program = _bangun(pos, indikator, sasaran)
    belanja = list(Belanja.objects.filter(tahun_anggaran=ta).order_by("urutan", "id"))
    total_belanja = (
        Jumlah.dari(Jumlah(pagu_murni=b.pagu_murni, pagu=b.pagu, realisasi=b.realisasi) for b in belanja)
        if belanja
        else None
    )
    baris_belanja = tuple(
        BarisBelanja(
            belanja=b,
            jumlah=Jumlah(pagu_murni=b.pagu_murni, pagu=b.pagu, realisasi=b.realisasi),
            proporsi=(b.pagu / total_belanja.pagu * 100) if total_belanja and total_belanja.pagu else None,
        )
        for b in belanja
    )
    return PohonAnggaran(
        tahun_anggaran=ta,
        program=program,
        total=Jumlah.dari(p.jumlah for p in program),
        belanja=baris_belanja,
        total_belanja=total_belanja,
    )


@dataclass(frozen=True)
class RingkasanTahun:
    tahun_anggaran: TahunAnggaran
    jumlah: Jumlah
    jumlah_pos: int


def tahun_anggaran_daftar(*, kecamatan: Kecamatan) -> list[RingkasanTahun]:
    """Every budget year of the kecamatan, newest first, with its totals (2 queries).

    Amounts sit only on the leaves, so the year's totals are plain sums over all its pos.
    """
    daftar = list(TahunAnggaran.objects.filter(kecamatan=kecamatan).order_by("-tahun"))
    total = {
        r["tahun_anggaran"]: r
        for r in PosAnggaran.objects.filter(tahun_anggaran__kecamatan=kecamatan)
        .values("tahun_anggaran")
        .annotate(
            pm=Sum("pagu_murni"),
            p=Sum("pagu"),
            r=Sum("realisasi"),
            n=Count("id"),
        )
    }
    hasil = []
    for ta in daftar:
        t = total.get(ta.pk, {})
        hasil.append(
            RingkasanTahun(
                tahun_anggaran=ta,
                jumlah=Jumlah(pagu_murni=t.get("pm"), pagu=t.get("p"), realisasi=t.get("r")),
                jumlah_pos=t.get("n") or 0,
            )
        )
    return hasil


def pos_untuk(*, kecamatan: Kecamatan, pos_id: int) -> PosAnggaran | None:
    """A pos of the kecamatan (with its year and induk), else None (the view answers 404)."""
    return (
        PosAnggaran.objects.filter(pk=pos_id, tahun_anggaran__kecamatan=kecamatan)
        .select_related("tahun_anggaran", "induk")
        .prefetch_related(
            Prefetch("anak", queryset=PosAnggaran.objects.order_by("urutan", "id")),
            Prefetch("indikator", queryset=IndikatorKeluaran.objects.order_by("urutan", "id")),
            Prefetch(
                "dukungan", queryset=ProgramSasaran.objects.select_related("sasaran").order_by("urutan", "id")
            ),
        )
        .first()
    )


# --- per sasaran --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnggaranSasaran:
    """The programs supporting a sasaran in a year and their summed amounts."""

    sasaran: Sasaran
    program: tuple[Simpul, ...]
    jumlah: Jumlah
    # Share of the year's total pagu (DOMAIN.md §3.4: "98,06 % dari total pagu"), unrounded.
    porsi_pagu: Decimal | None


def renstra_tahun(*, kecamatan: Kecamatan, tahun: int) -> Renstra | None:
    """The Renstra whose period covers the year, else the latest one that starts before it."""
    return (
        Renstra.objects.filter(kecamatan=kecamatan, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
        or Renstra.objects.filter(kecamatan=kecamatan, tahun_awal__lte=tahun).order_by("-tahun_akhir").first()
    )


def sasaran_pilihan(*, kecamatan: Kecamatan, tahun: int) -> list[Sasaran]:
    """The sasaran a program of this year may support: those of the Renstra of the year."""
    renstra = renstra_tahun(kecamatan=kecamatan, tahun=tahun)
    if renstra is None:
        return []
    return list(renstra.sasaran.order_by("urutan", "id"))


def anggaran_per_sasaran(*, pohon: PohonAnggaran) -> list[AnggaranSasaran]:
    """The budget of each sasaran the year's programs support, in the sasaran's order. A program
    that supports two sasaran counts for both (as the reports do)."""
    per_sasaran: dict[int, list[Simpul]] = defaultdict(list)
    sasaran: dict[int, Sasaran] = {}
    for p in pohon.program:
        for s in p.sasaran:
            per_sasaran[s.pk].append(p)
            sasaran[s.pk] = s
    hasil = []
    for sid in sorted(per_sasaran, key=lambda i: (sasaran[i].urutan, i)):
        jumlah = Jumlah.dari(p.jumlah for p in per_sasaran[sid])
        porsi = jumlah.pagu / pohon.total.pagu * 100 if jumlah.pagu is not None and pohon.total.pagu else None
        hasil.append(
            AnggaranSasaran(
                sasaran=sasaran[sid], program=tuple(per_sasaran[sid]), jumlah=jumlah, porsi_pagu=porsi
            )
        )
    return hasil


# --- the PK's program lines against the budget ----------------------------------------------------


def _kunci_nama(nama: str) -> str:
    return " ".join(nama.split()).casefold()


@dataclass(frozen=True)
class BandingProgramPK:
    """A program line of the PK next to the budget's program it names (by kode, else by nama)."""

    program_pk: ProgramPK | None
    program: Simpul | None
    cocok_dengan: str  # "kode", "nama" or "" (no match)

    @property
    def anggaran_pk(self) -> Decimal | None:
        return self.program_pk.anggaran if self.program_pk else None

    @property
    def pagu(self) -> Decimal | None:
        return self.program.jumlah.pagu if self.program else None

    @property
    def selisih(self) -> Decimal | None:
        """PK amount minus the budget's pagu; None when one side is missing."""
        if self.anggaran_pk is None or self.pagu is None:
            return None
        return self.anggaran_pk - self.pagu

    @property
    def sama(self) -> bool:
        return self.selisih == 0


@dataclass(frozen=True)
class BandingPK:
    perjanjian: PerjanjianKinerja
    baris: tuple[BandingProgramPK, ...]

    @property
    def ada_selisih(self) -> bool:
        return any(not b.sama for b in self.baris)


def banding_pk_anggaran(*, perjanjian: PerjanjianKinerja, pohon: PohonAnggaran | None) -> BandingPK:
    """Link the PK's program budget lines to the budget's programs of the same year where kode or
    nama match (kode first, then nama, case and spacing ignored) and list the differences: matched
    lines with their PK amount and pagu, PK lines without a program, and programs without a line."""
    program = list(pohon.program) if pohon else []
    per_kode = {p.pos.kode: p for p in program if p.pos.kode}
    per_nama = {_kunci_nama(p.pos.nama): p for p in program}
    dipakai: set[int] = set()
    baris = []
    for line in perjanjian.program.all():
        p, cara = None, ""
        if line.kode and (k := per_kode.get(line.kode)) and k.pos.pk not in dipakai:
            p, cara = k, "kode"
        elif (n := per_nama.get(_kunci_nama(line.nama))) and n.pos.pk not in dipakai:
            p, cara = n, "nama"
        if p is not None:
            dipakai.add(p.pos.pk)
        baris.append(BandingProgramPK(program_pk=line, program=p, cocok_dengan=cara))
    baris.extend(
        BandingProgramPK(program_pk=None, program=p, cocok_dengan="")
        for p in program
        if p.pos.pk not in dipakai
    )
    return BandingPK(perjanjian=perjanjian, baris=tuple(baris))


def pk_anggaran_banding(
    *, kecamatan: Kecamatan, tahun: int, pohon: PohonAnggaran | None = None
) -> list[BandingPK]:
    """For every PK document of the year (murni, perubahan), its program lines against the budget
    (`pohon`: the year's tree when the caller has read it already)."""
    if pohon is None:
        pohon = pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    daftar = (
        PerjanjianKinerja.objects.filter(kecamatan=kecamatan, tahun=tahun)
        .prefetch_related(Prefetch("program", queryset=ProgramPK.objects.order_by("urutan", "id")))
        .order_by("jenis")
    )
    return [banding_pk_anggaran(perjanjian=pk, pohon=pohon) for pk in daftar]


# --- change history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PerubahanNilai:
    nama: str
    lama: Any
    baru: Any
    angka: bool = False


@dataclass(frozen=True)
class EntriRiwayat:
    waktu: datetime
    pengguna: str
    objek: str
    jenis: str
    perubahan: list[PerubahanNilai]
    alasan: str

    @property
    def jenis_tampil(self) -> str:
        return {"+": "dibuat", "~": "diubah", "-": "dihapus"}.get(self.jenis, self.jenis)


_KOLOM_POS = [
    ("kode", "kode", False),
    ("nama", "nama", False),
    ("pagu murni", "pagu_murni", True),
    ("pagu", "pagu", True),
    ("realisasi", "realisasi", True),
    ("realisasi TW I", "realisasi_tw1", True),
    ("realisasi TW II", "realisasi_tw2", True),
    ("realisasi TW III", "realisasi_tw3", True),
    ("realisasi TW IV", "realisasi_tw4", True),
    ("alasan melebihi pagu", "alasan_lebih_pagu", False),
]
_KOLOM_BELANJA = [
    ("pagu murni", "pagu_murni", True),
    ("pagu", "pagu", True),
    ("realisasi", "realisasi", True),
    ("alasan melebihi pagu", "alasan_lebih_pagu", False),
]


def _kosong(v: Any) -> bool:
    return v is None or v == ""


def _entri(baris: list, kolom: list, objek) -> list[EntriRiwayat]:
    """History rows of one model as entries, each compared with the previous row of its object."""
    per_objek: dict[int, list] = defaultdict(list)
    for h in baris:
        per_objek[h.id].append(h)
    hasil = []
    for rows in per_objek.values():
        rows.sort(key=lambda h: (h.history_date, h.history_id))
        sebelumnya = None
        for h in rows:
            perubahan = []
            for nama, atribut, angka in kolom:
                baru = getattr(h, atribut)
                if h.history_type == "-":
                    if not _kosong(baru):
                        perubahan.append(PerubahanNilai(nama, baru, None, angka))
                    continue
                lama = getattr(sebelumnya, atribut) if sebelumnya is not None else None
                if sebelumnya is None or h.history_type == "+":
                    if not _kosong(baru):
                        perubahan.append(PerubahanNilai(nama, None, baru, angka))
                elif lama != baru:
                    perubahan.append(PerubahanNilai(nama, lama, baru, angka))
            hasil.append(
                EntriRiwayat(
                    waktu=timezone.localtime(h.history_date),
                    pengguna=h.history_user.get_username() if h.history_user else "sistem",
                    objek=objek(h),
                    jenis=h.history_type,
                    perubahan=perubahan,
                    alasan=h.history_change_reason or "",
                )
            )
            sebelumnya = h
    return hasil


def _urut_terbaru(entri: list[EntriRiwayat]) -> list[EntriRiwayat]:
    urut = sorted(enumerate(entri), key=lambda p: (p[1].waktu, p[0]), reverse=True)
    return [e for _, e in urut]


def pos_riwayat(*, pos: PosAnggaran) -> list[EntriRiwayat]:
    """Every recorded change of a pos (who, when, old -> new, reason), newest first (1 query)."""
    baris = list(PosAnggaran.history.filter(id=pos.pk).select_related("history_user"))
    label = pos.get_tingkat_display().lower()
    return _urut_terbaru(_entri(baris, _KOLOM_POS, lambda h: label))


def belanja_riwayat(*, tahun_anggaran: TahunAnggaran) -> list[EntriRiwayat]:
    """Every recorded change of the year's jenis belanja, newest first (1 query)."""
    baris = list(Belanja.history.filter(tahun_anggaran_id=tahun_anggaran.pk).select_related("history_user"))
    return _urut_terbaru(_entri(baris, _KOLOM_BELANJA, lambda h: h.jenis))


# --- efficiency per sasaran (DOMAIN.md §3.5) ------------------------------------------------------


@dataclass(frozen=True)
class EfisiensiSasaran:
    """A sasaran's capaian, the budget of its programs and its staff: E1, E2 and E4 of DOMAIN.md §3.5."""

    kelompok: KelompokKinerja
    anggaran: AnggaranSasaran | None
    sdm: SdmSasaran | None

    @property
    def capaian(self) -> Decimal | None:
        """Rata-rata capaian of the sasaran (capped at 100 when the kabupaten caps averages)."""
        return self.kelompok.rata_rata

    @property
    def jumlah(self) -> Jumlah:
        return self.anggaran.jumlah if self.anggaran else KOSONG

    @property
    def efisiensi(self) -> Decimal | None:
        """Tingkat efisiensi = capaian (%) - serapan (%), in percentage points."""
        return hitung_efisiensi(capaian=self.capaian, serapan=self.jumlah.serapan)

    @property
    def capaian_sdm(self) -> Decimal | None:
        """Staff available against staff planned (10 / 16 ASN = 62,50 %)."""
        if self.sdm is None:
            return None
        return capaian(target=Decimal(self.sdm.target), realisasi=Decimal(self.sdm.realisasi))


@dataclass(frozen=True)
class EfisiensiTahun:
    pengukuran: PengukuranKinerja
    pohon: PohonAnggaran | None
    sasaran: tuple[EfisiensiSasaran, ...]

    @property
    def tahun(self) -> int:
        return self.pengukuran.tahun


def efisiensi_tahun(*, kecamatan: Kecamatan, tahun: int) -> EfisiensiTahun | None:
    """Every sasaran measured in the year (kinerja.pengukuran) with the budget of the programs that
    support it and its SDM; None when the year has neither a PK nor a Renstra."""
    pengukuran = pengukuran_kinerja(kecamatan=kecamatan, tahun=tahun)
    if pengukuran is None:
        return None
    pohon = pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    per_sasaran = {a.sasaran.pk: a for a in anggaran_per_sasaran(pohon=pohon)} if pohon else {}
    kelompok = pengukuran.sasaran
    sdm = {
        s.sasaran_id: s
        for s in SdmSasaran.objects.filter(sasaran_id__in=[k.objek_id for k in kelompok], tahun=tahun)
    }
    return EfisiensiTahun(
        pengukuran=pengukuran,
        pohon=pohon,
        sasaran=tuple(
            EfisiensiSasaran(kelompok=k, anggaran=per_sasaran.get(k.objek_id), sdm=sdm.get(k.objek_id))
            for k in kelompok
        ),
    )
