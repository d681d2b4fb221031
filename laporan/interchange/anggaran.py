"""The `anggaran` part of an `lkjip-data/1` document: import and export (data/SCHEMA.md).

Rules the schema cannot say, checked before anything is written (every error with its
`$.anggaran...` path): one entry per year; amounts only on the leaves of program -> kegiatan ->
sub_kegiatan; amounts not negative and with at most two decimals; kode in the Permendagri 90/2019
form from 2021 and unique in its year; nama unique under its parent (a node without kode is found
by it); program sasaran codes known in the document's Renstra; jenis belanja of the year's era.
Realisasi above pagu is accepted with a warning.

Identity on import: a year by `tahun`; a node by `kode` where given, else by `nama` under the same
parent; jenis belanja by `jenis`; output indicators by position. Nodes the document no longer holds
are removed (children first).

impor.py and ekspor.py call this module, so it imports their helpers inside the functions.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from anggaran.models import (
    KOLOM_JUMLAH,
    Belanja,
    IndikatorKeluaran,
    JenisBelanja,
    PosAnggaran,
    ProgramSasaran,
    TahunAnggaran,
    Tingkat,
    jenis_belanja_tahun,
    periksa_kode,
)
from kinerja.models import Realisasi, Renstra, Sasaran
from lkjip.format import format_rupiah
from lkjip.models import Kecamatan

# The kinds of rows this part writes, in the order the import summary lists them.
JENIS_BARIS_ANGGARAN = (TahunAnggaran, Belanja, PosAnggaran, IndikatorKeluaran, ProgramSasaran)
MAKS_DESIMAL_UANG = 2
MAKS_DESIMAL_NILAI = 4
BATAS_UANG = Decimal(10) ** 16
KOLOM_UANG = ("pagu_murni", "pagu", "realisasi")
# The key of a node's children in the document, by the node's tingkat.
KUNCI_ANAK = {Tingkat.PROGRAM: "kegiatan", Tingkat.KEGIATAN: "sub_kegiatan", Tingkat.SUB_KEGIATAN: None}
TINGKAT_ANAK = {Tingkat.PROGRAM: Tingkat.KEGIATAN, Tingkat.KEGIATAN: Tingkat.SUB_KEGIATAN}


def _angka(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _kunci_nama(nama: str) -> str:
    return " ".join(nama.split()).casefold()


def _anak(node: dict, tingkat: str) -> list[dict]:
    kunci = KUNCI_ANAK[tingkat]
    return node.get(kunci, []) if kunci else []


# --- checking -------------------------------------------------------------------------------------


class _Pemeriksa:
    def __init__(self, kode_sasaran: set[str]):
        self.kode_sasaran = kode_sasaran
        self.galat: list[str] = []
        self.peringatan: list[str] = []

    def uang(self, x, jalur: str) -> None:
        d = _angka(x)
        if d < 0:
            self.galat.append(f"{jalur}: jumlah anggaran tidak boleh negatif ({x})")
        elif d != d.quantize(Decimal("0.01")):
            self.galat.append(
                f"{jalur}: {x} memiliki lebih dari {MAKS_DESIMAL_UANG} angka di belakang titik desimal"
            )
        elif d >= BATAS_UANG:
            self.galat.append(f"{jalur}: {x} terlalu besar")

    def nilai(self, x, jalur: str) -> None:
        if isinstance(x, dict):
            if "nilai" in x:
                self.nilai(x["nilai"], f"{jalur}.nilai")
            return
        d = _angka(x)
        if d != d.quantize(Decimal(1).scaleb(-MAKS_DESIMAL_NILAI)):
            self.galat.append(
                f"{jalur}: {x} memiliki lebih dari {MAKS_DESIMAL_NILAI} angka di belakang titik desimal"
            )
        elif abs(d) >= Decimal(10) ** 15:
            self.galat.append(f"{jalur}: {x} terlalu besar")

    def jumlah(self, node: dict, jalur: str) -> None:
        for kolom in KOLOM_UANG:
            if kolom in node:
                self.uang(node[kolom], f"{jalur}.{kolom}")
        if "pagu" in node and "realisasi" in node and _angka(node["realisasi"]) > _angka(node["pagu"]):
            self.peringatan.append(
                f"{jalur}.realisasi: realisasi {format_rupiah(_angka(node['realisasi']))} melebihi pagu "
                f"{format_rupiah(_angka(node['pagu']))}"
            )

    def indikator(self, daftar: list[dict], jalur: str) -> None:
        for i, ind in enumerate(daftar):
            ji = f"{jalur}.indikator[{i}]"
            if "target" in ind:
                self.nilai(ind["target"], f"{ji}.target")
            r = ind.get("realisasi")
            if isinstance(r, dict) and "status" in r:
                if r["status"] == "belum_tersedia" and "nilai" in r:
                    self.galat.append(
                        f"{ji}.realisasi.nilai: realisasi berstatus belum_tersedia tidak boleh berisi nilai"
                    )
                if "nilai" in r:
                    self.nilai(r["nilai"], f"{ji}.realisasi.nilai")
            elif r is not None:
                self.nilai(r, f"{ji}.realisasi")

    def node(self, node: dict, tingkat: str, tahun: int, kode_induk: str, kode: dict, jalur: str) -> None:
        anak = _anak(node, tingkat)
        if anak:
            for kolom in KOLOM_UANG:
                if kolom in node:
                    self.galat.append(
                        f"{jalur}.{kolom}: {Tingkat(tingkat).label.lower()} ini mempunyai rincian "
                        f"({KUNCI_ANAK[tingkat].replace('_', ' ')}); jumlahnya dihitung dari rincian, "
                        "tidak boleh diisi sendiri"
                    )
        else:
            self.jumlah(node, jalur)
        if node.get("kode"):
            k = node["kode"]
            if pesan := periksa_kode(k, tingkat=tingkat, tahun=tahun, kode_induk=kode_induk):
                self.galat.append(f"{jalur}.kode: {pesan}")
            if k in kode:
                self.galat.append(f'{jalur}.kode: kode "{k}" sudah dipakai di {kode[k]}')
            else:
                kode[k] = jalur
        for j, s in enumerate(node.get("sasaran", [])):
            if s not in self.kode_sasaran:
                self.galat.append(f'{jalur}.sasaran[{j}]: sasaran "{s}" tidak ada di Renstra dokumen ini')
            elif s in node["sasaran"][:j]:
                self.galat.append(f'{jalur}.sasaran[{j}]: sasaran "{s}" disebut lebih dari sekali')
        self.indikator(node.get("indikator", []), jalur)
        if anak:
            self.saudara(
                anak,
                TINGKAT_ANAK[tingkat],
                tahun,
                node.get("kode", ""),
                kode,
                f"{jalur}.{KUNCI_ANAK[tingkat]}",
            )

    def saudara(
        self, daftar: list[dict], tingkat: str, tahun: int, kode_induk: str, kode: dict, jalur: str
    ) -> None:
        nama: dict[str, int] = {}
        for i, node in enumerate(daftar):
            jn = f"{jalur}[{i}]"
            kunci = _kunci_nama(node["nama"])
            if not kunci:
                self.galat.append(f"{jn}.nama: nama tidak boleh kosong")
            elif kunci in nama:
                self.galat.append(f'{jn}.nama: "{node["nama"]}" sama dengan {jalur}[{nama[kunci]}]')
            else:
                nama[kunci] = i
            self.node(node, tingkat, tahun, kode_induk, kode, jn)

    def tahun(self, ta: dict, jalur: str) -> None:
        tahun = ta["tahun"]
        boleh = jenis_belanja_tahun(tahun)
        jenis: dict[str, int] = {}
        for j, b in enumerate(ta.get("belanja", [])):
            jb = f"{jalur}.belanja[{j}]"
            if b["jenis"] not in boleh:
                pilihan = " / ".join(boleh)
                self.galat.append(
                    f'{jb}.jenis: tahun {tahun} memakai jenis belanja {pilihan}, bukan "{b["jenis"]}"'
                )
            if b["jenis"] in jenis:
                self.galat.append(
                    f'{jb}.jenis: "{b["jenis"]}" sudah ada di {jalur}.belanja[{jenis[b["jenis"]]}]'
                )
            jenis[b["jenis"]] = j
            self.jumlah(b, jb)
        self.saudara(ta.get("program", []), Tingkat.PROGRAM, tahun, "", {}, f"{jalur}.program")
        self.banding_belanja(ta, jalur)

    def banding_belanja(self, ta: dict, jalur: str) -> None:
        """The leaves against the jenis belanja totals (before 2021 the programs are the BL only)."""
        belanja = ta.get("belanja", [])
        if not belanja or not ta.get("program"):
            return
        daun: list[dict] = []

        def kumpul(node: dict, tingkat: str) -> None:
            anak = _anak(node, tingkat)
            if not anak:
                daun.append(node)
            for a in anak:
                kumpul(a, TINGKAT_ANAK[tingkat])

        for p in ta["program"]:
            kumpul(p, Tingkat.PROGRAM)
        langsung = [b for b in belanja if b["jenis"] == JenisBelanja.LANGSUNG]
        pembanding, nama = (langsung, "Belanja Langsung") if langsung else (belanja, "jumlah jenis belanja")
        for kolom in ("pagu", "realisasi"):
            dari_daun = [_angka(n[kolom]) for n in daun if kolom in n]
            dari_belanja = [_angka(b[kolom]) for b in pembanding if kolom in b]
            if dari_daun and dari_belanja and sum(dari_daun) != sum(dari_belanja):
                self.peringatan.append(
                    f"{jalur}.belanja: jumlah {kolom} program/kegiatan/sub kegiatan "
                    f"({format_rupiah(sum(dari_daun))}) tidak sama dengan {kolom} {nama} "
                    f"({format_rupiah(sum(dari_belanja))})"
                )


def periksa_anggaran(dok: dict) -> tuple[list[str], list[str]]:
    """SCHEMA.md's rules for the `anggaran` part: (errors, warnings), each `$.anggaran...: pesan`."""
    kode_sasaran = {s["kode"] for t in dok["renstra"]["tujuan"] for s in t["sasaran"]}
    periksa = _Pemeriksa(kode_sasaran)
    tahun: dict[int, int] = {}
    for i, ta in enumerate(dok.get("anggaran", [])):
        jalur = f"$.anggaran[{i}]"
        if ta["tahun"] in tahun:
            periksa.galat.append(
                f"{jalur}.tahun: anggaran tahun {ta['tahun']} sudah ada di $.anggaran[{tahun[ta['tahun']]}]"
            )
            continue
        tahun[ta["tahun"]] = i
        periksa.tahun(ta, jalur)
    return periksa.galat, periksa.peringatan


# --- writing --------------------------------------------------------------------------------------


def _nilai_indikator(ind: dict, urutan: int) -> tuple[dict, bool]:
    """An output indicator as model fields, and whether the document gave triwulan (not stored)."""
    from laporan.interchange.impor import _nilai, _realisasi

    kosong = {"nilai": None, "label": "", "pembanding": ""}
    target = _nilai(ind["target"]) if "target" in ind else kosong
    if "realisasi" in ind:
        realisasi, triwulan = _realisasi(ind["realisasi"])
    else:
        realisasi, triwulan = kosong | {"status": Realisasi.Status.FINAL, "keterangan": ""}, []
    return {
        "nama": ind["nama"],
        "satuan": ind.get("satuan", ""),
        "target": target["nilai"],
        "target_label": target["label"],
        "target_pembanding": target["pembanding"],
        "realisasi": realisasi["nilai"],
        "realisasi_label": realisasi["label"],
        "realisasi_pembanding": realisasi["pembanding"],
        "status": realisasi["status"],
        "keterangan": realisasi["keterangan"],
        "urutan": urutan,
    }, any(t is not None for t in triwulan)


class _PenulisTahun:
    """Writes one year's tree with the import's writer (`tulis`, impor._Penulis)."""

    def __init__(self, tulis, ta: TahunAnggaran, sasaran: dict[str, Sasaran]):
        self.tulis = tulis
        self.ta = ta
        self.sasaran = sasaran
        self.ada = list(PosAnggaran.objects.filter(tahun_anggaran=ta).order_by("urutan", "id"))
        self.per_kode = {p.kode: p for p in self.ada if p.kode}
        self.per_nama = {(p.induk_id, _kunci_nama(p.nama)): p for p in self.ada}
        self.punya_anak = {p.induk_id for p in self.ada if p.induk_id}
        self.indikator: dict[int, list[IndikatorKeluaran]] = defaultdict(list)
        for i in IndikatorKeluaran.objects.filter(pos__tahun_anggaran=ta).order_by("urutan", "id"):
            self.indikator[i.pos_id].append(i)
        self.dukungan: dict[int, dict[int, ProgramSasaran]] = defaultdict(dict)
        for d in ProgramSasaran.objects.filter(program__tahun_anggaran=ta):
            self.dukungan[d.program_id][d.sasaran_id] = d
        self.dipakai: set[int] = set()
        self.tunda: list[tuple[PosAnggaran, dict, str]] = []

    def _cari(self, node: dict, induk: PosAnggaran | None) -> PosAnggaran | None:
        if node.get("kode"):
            p = self.per_kode.get(node["kode"])
            if p is not None and p.pk not in self.dipakai:
                return p
        p = self.per_nama.get((induk.pk if induk else None, _kunci_nama(node["nama"])))
        if (
            p is not None
            and p.pk not in self.dipakai
            and (not node.get("kode") or not p.kode or p.kode == node["kode"])
        ):
            return p
        return None

    def node(self, node: dict, tingkat: str, induk: PosAnggaran | None, urutan: int, jalur: str) -> None:
        obj = self._cari(node, induk)
        anak = _anak(node, tingkat)
        nilai = {
            "tahun_anggaran_id": self.ta.pk,
            "induk_id": induk.pk if induk else None,
            "tingkat": tingkat,
            "kode": node.get("kode", "").strip(),
            "nama": " ".join(node["nama"].split()),
            "penanggung_jawab": node.get("penanggung_jawab", ""),
            "urutan": urutan,
        }
        jumlah = {k: _angka(node[k]) if k in node else None for k in KOLOM_UANG}
        if anak:
            # A parent's amounts are its leaves' sums: whatever it held as a leaf is cleared.
            nilai |= dict.fromkeys(KOLOM_JUMLAH)
        elif obj is not None and obj.pk in self.punya_anak:
            # Becomes a leaf: its old children are removed first, then it gets its amounts.
            nilai |= dict.fromkeys(KOLOM_JUMLAH)
            self.tunda.append((obj, jumlah, jalur))
        else:
            nilai |= jumlah
        obj = self.tulis.simpan(PosAnggaran, {}, nilai, jalur, obj)
        self.dipakai.add(obj.pk)

        ada = self.indikator.get(obj.pk, [])
        simpan = set()
        for i, ind in enumerate(node.get("indikator", [])):
            ni, triwulan = _nilai_indikator(ind, i)
            if triwulan:
                self.tulis.dilewati.append(
                    f"{jalur}.indikator[{i}].realisasi.triwulan: belum didukung, dilewati"
                )
            baris = self.tulis.simpan(
                IndikatorKeluaran,
                {},
                ni | {"pos_id": obj.pk},
                f"{jalur}.indikator[{i}]",
                ada[i] if i < len(ada) else None,
            )
            simpan.add(baris.pk)
        self.tulis.hapus_kecuali(obj.indikator.all(), simpan, "indikator keluaran", f"{jalur}.indikator")

        if tingkat == Tingkat.PROGRAM:
            ada_d = self.dukungan.get(obj.pk, {})
            simpan = set()
            for j, kode in enumerate(node.get("sasaran", [])):
                s = self.sasaran[kode]
                d = self.tulis.simpan(
                    ProgramSasaran,
                    {},
                    {"program_id": obj.pk, "sasaran_id": s.pk, "urutan": j},
                    f"{jalur}.sasaran[{j}]",
                    ada_d.get(s.pk),
                )
                simpan.add(d.pk)
            self.tulis.hapus_kecuali(
                obj.dukungan.all(), simpan, "program pendukung sasaran", f"{jalur}.sasaran"
            )

        for i, a in enumerate(anak):
            self.node(a, TINGKAT_ANAK[tingkat], obj, i, f"{jalur}.{KUNCI_ANAK[tingkat]}[{i}]")

    def selesai(self, jalur: str) -> None:
        for tingkat in (Tingkat.SUB_KEGIATAN, Tingkat.KEGIATAN, Tingkat.PROGRAM):
            self.tulis.hapus_kecuali(
                PosAnggaran.objects.filter(tahun_anggaran=self.ta, tingkat=tingkat),
                self.dipakai,
                Tingkat(tingkat).label.lower(),
                f"{jalur}.program",
            )
        for obj, jumlah, jn in self.tunda:
            self.tulis.simpan(PosAnggaran, {}, jumlah, jn, obj)


def anggaran_tulis(tulis, kecamatan: Kecamatan, dok: dict, sasaran: dict[str, Sasaran]) -> list[str]:
    """Check and write the document's `anggaran` years with the import's writer, inside its
    transaction. Returns the warnings; any error raises the import's failure (nothing written).
    Years the document does not hold are left as they are."""
    from laporan.interchange.impor import _ImporGagal

    galat, peringatan = periksa_anggaran(dok)
    if galat:
        raise _ImporGagal(galat)
    for i, t in enumerate(dok.get("anggaran", [])):
        jalur = f"$.anggaran[{i}]"
        ta = tulis.simpan(TahunAnggaran, {"kecamatan": kecamatan, "tahun": t["tahun"]}, {}, jalur)
        ada = {b.jenis: b for b in ta.belanja.all()}
        simpan = set()
        for j, b in enumerate(t.get("belanja", [])):
            nilai = {k: _angka(b[k]) if k in b else None for k in KOLOM_UANG} | {"urutan": j}
            obj = tulis.simpan(
                Belanja,
                {"tahun_anggaran": ta, "jenis": b["jenis"]},
                nilai,
                f"{jalur}.belanja[{j}]",
                ada.get(b["jenis"]),
            )
            simpan.add(obj.pk)
        tulis.hapus_kecuali(ta.belanja.all(), simpan, "jenis belanja", f"{jalur}.belanja")
        penulis = _PenulisTahun(tulis, ta, sasaran)
        for j, p in enumerate(t.get("program", [])):
            penulis.node(p, Tingkat.PROGRAM, None, j, f"{jalur}.program[{j}]")
        penulis.selesai(jalur)
    return peringatan


# --- export ---------------------------------------------------------------------------------------


def _indikator_ekspor(i: IndikatorKeluaran) -> dict:
    from laporan.interchange.ekspor import _isi, _nilai

    target = _nilai(i.target, i.target_label, i.target_pembanding) if i.target is not None else None
    realisasi = (
        _nilai(i.realisasi, i.realisasi_label, i.realisasi_pembanding) if i.realisasi is not None else None
    )
    if i.status != Realisasi.Status.FINAL or i.keterangan:
        realisasi = _isi({"nilai": realisasi, "status": i.status, "keterangan": i.keterangan})
    return _isi({"nama": i.nama, "satuan": i.satuan, "target": target, "realisasi": realisasi})


def anggaran_ekspor(kecamatan: Kecamatan, renstra: Renstra) -> list[dict]:
    """Every budget year of the kecamatan as the `anggaran` part (inputs only: no sums). Program
    sasaran are written when they belong to the exported Renstra (others cannot be referenced)."""
    from laporan.interchange.ekspor import _isi, angka_json

    pos = list(PosAnggaran.objects.filter(tahun_anggaran__kecamatan=kecamatan).order_by("urutan", "id"))
    anak: dict[int | None, list[PosAnggaran]] = defaultdict(list)
    program_tahun: dict[int, list[PosAnggaran]] = defaultdict(list)
    for p in pos:
        if p.induk_id:
            anak[p.induk_id].append(p)
        else:
            program_tahun[p.tahun_anggaran_id].append(p)
    indikator: dict[int, list[dict]] = defaultdict(list)
    for i in IndikatorKeluaran.objects.filter(pos__tahun_anggaran__kecamatan=kecamatan).order_by(
        "urutan", "id"
    ):
        indikator[i.pos_id].append(_indikator_ekspor(i))
    sasaran: dict[int, list[str]] = defaultdict(list)
    for d in (
        ProgramSasaran.objects.filter(program__tahun_anggaran__kecamatan=kecamatan, sasaran__renstra=renstra)
        .select_related("sasaran")
        .order_by("urutan", "id")
    ):
        sasaran[d.program_id].append(d.sasaran.kode)
    belanja: dict[int, list[dict]] = defaultdict(list)
    for b in Belanja.objects.filter(tahun_anggaran__kecamatan=kecamatan).order_by("urutan", "id"):
        belanja[b.tahun_anggaran_id].append(
            _isi(
                {"jenis": b.jenis}
                | {k: angka_json(getattr(b, k)) for k in KOLOM_UANG if getattr(b, k) is not None}
            )
        )

    def node(p: PosAnggaran) -> dict:
        kunci = KUNCI_ANAK[p.tingkat]
        return _isi(
            {
                "kode": p.kode,
                "nama": p.nama,
                "sasaran": sasaran.get(p.pk) if p.tingkat == Tingkat.PROGRAM else None,
                **{k: angka_json(getattr(p, k)) for k in KOLOM_UANG if getattr(p, k) is not None},
                "penanggung_jawab": p.penanggung_jawab if p.tingkat != Tingkat.PROGRAM else None,
                "indikator": indikator.get(p.pk),
                **({kunci: [node(a) for a in anak.get(p.pk, [])]} if kunci else {}),
            }
        )

    return [
        _isi(
            {
                "tahun": ta.tahun,
                "belanja": belanja.get(ta.pk),
                "program": [node(p) for p in program_tahun.get(ta.pk, [])],
            }
        )
        for ta in TahunAnggaran.objects.filter(kecamatan=kecamatan).order_by("tahun")
    ]
