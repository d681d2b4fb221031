"""Import of an `lkjip-data/1` document (data/SCHEMA.md is the contract).

The document is checked whole (schema, then the rules the schema cannot say) before anything is
written; then everything is written in one transaction. Rows are only saved when a value really
changes, so importing the same document twice writes nothing and leaves no history rows.

A preview (`pratinjau=True`) runs the very same import and rolls it back, so what it reports as
created, changed and deleted (and the errors only writing reveals, such as a row that cannot be
deleted) is exactly what the real import would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError

from kinerja.capaian import SkalaTidakValid, skala_dari_data
from kinerja.models import (
    AnalisisSasaran,
    Indikator,
    PerjanjianKinerja,
    ProgramPK,
    Realisasi,
    Renstra,
    Sasaran,
    SdmSasaran,
    Target,
    TargetPK,
    TargetTriwulanPK,
    Tujuan,
)
from laporan.interchange.anggaran import JENIS_BARIS_ANGGARAN, anggaran_tulis
from laporan.interchange.laporan import JENIS_BARIS_LAPORAN, periksa_isi_laporan, tulis_isi_laporan
from laporan.interchange.skema import kunci, validasi_skema
from laporan.interchange.skm import JENIS_BARIS_SKM, periksa_skm_sakip, skm_sakip_tulis
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat

ALASAN = "Impor dokumen lkjip-data"
BELUM_DIDUKUNG = "belum didukung, dilewati"
BAGIAN_DILEWATI: list[str] = []
MAKS_DESIMAL_NILAI = 4
MAKS_DESIMAL_UANG = 2
TRIWULAN = Realisasi.TRIWULAN


BAGIAN_KABUPATEN_DILEWATI = (
    "kabupaten: data kabupaten (nama, provinsi, kepala daerah, skala predikat) hanya dapat diubah oleh "
    "admin kabupaten, dilewati"
)

# The kinds of rows an import writes, in the order a summary lists them.
JENIS_BARIS: tuple[type[models.Model], ...] = (
    Kabupaten,
    Kecamatan,
    Pejabat,
    Desa,
    Renstra,
    Tujuan,
    Sasaran,
    SdmSasaran,
    Indikator,
    Target,
    PerjanjianKinerja,
    TargetPK,
    TargetTriwulanPK,
    ProgramPK,
    Realisasi,
    AnalisisSasaran,
    *JENIS_BARIS_ANGGARAN,
    *JENIS_BARIS_SKM,
    *JENIS_BARIS_LAPORAN,
)
AKSI = ("dibuat", "diubah", "dihapus")


def ringkasan_kosong() -> dict[str, dict[str, int]]:
    """Every kind of row (its verbose_name) with zero created, changed and deleted."""
    return {str(m._meta.verbose_name): dict.fromkeys(AKSI, 0) for m in JENIS_BARIS}


@dataclass
class HasilImpor:
    """What an import did (or, for a preview, would do): errors (nothing written), warnings,
    skipped parts, rows written and, per kind of row, how many were created, changed and deleted."""

    galat: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    dilewati: list[str] = field(default_factory=list)
    baris_berubah: int = 0
    kecamatan: Kecamatan | None = None
    ringkasan: dict[str, dict[str, int]] = field(default_factory=ringkasan_kosong)
    pratinjau: bool = False

    @property
    def berhasil(self) -> bool:
        return not self.galat

    @property
    def ada_perubahan(self) -> bool:
        return any(any(jumlah.values()) for jumlah in self.ringkasan.values())


class _ImporGagal(Exception):
    def __init__(self, galat: list[str]):
        self.galat = galat


def angka(x) -> Decimal:
    """A schema `desimal` (JSON number parsed as Decimal, int, or dot-decimal string) as Decimal."""
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _nilai(x) -> dict:
    """A schema `nilai` as model fields: bare decimal, or {nilai, label, pembanding}."""
    if isinstance(x, dict):
        return {
            "nilai": angka(x["nilai"]),
            "label": x.get("label", ""),
            "pembanding": x.get("pembanding", ""),
        }
    return {"nilai": angka(x), "label": "", "pembanding": ""}


def _realisasi(x) -> tuple[dict, list]:
    """A schema `realisasi` as (the yearly row's fields, the four triwulan nilai or None)."""
    if isinstance(x, dict) and "status" in x:
        tahunan = _nilai(x["nilai"]) if "nilai" in x else {"nilai": None, "label": "", "pembanding": ""}
        tahunan |= {"status": x["status"], "keterangan": x.get("keterangan", "")}
        return tahunan, x.get("triwulan") or [None] * 4
    return _nilai(x) | {"status": Realisasi.Status.FINAL, "keterangan": ""}, [None] * 4


def _tanggal(x: str | None) -> date | None:
    return date.fromisoformat(x) if x else None


# Rules the schema cannot say -------------------------------------------------------------------


def _desimal_berlebih(x, maks: int) -> bool:
    d = angka(x)
    return d.as_tuple().exponent < -maks and d != d.quantize(Decimal(1).scaleb(-maks))


def _periksa_nilai(x, jalur: str, galat: list[str], maks: int = MAKS_DESIMAL_NILAI) -> None:
    if x is None:
        return
    if isinstance(x, dict):
        if "nilai" in x:
            _periksa_nilai(x["nilai"], f"{jalur}.nilai", galat, maks)
        return
    if _desimal_berlebih(x, maks):
        galat.append(f"{jalur}: {x} memiliki lebih dari {maks} angka di belakang titik desimal")
    elif abs(angka(x)) >= Decimal(10) ** 15:
        galat.append(f"{jalur}: {x} terlalu besar")


def _periksa_pejabat(p: dict | None, jalur: str, galat: list[str]) -> None:
    if p and p.get("mulai") and p.get("selesai") and p["selesai"] < p["mulai"]:
        galat.append(f"{jalur}.selesai: tanggal selesai menjabat ({p['selesai']}) sebelum tanggal mulai")


def periksa_aturan(dok: dict) -> tuple[list[str], list[str]]:
    """SCHEMA.md's rules: unique codes, known references, years in range, number precision."""
    galat: list[str] = []
    peringatan: list[str] = []
    renstra = dok["renstra"]
    awal, akhir = renstra["tahun_awal"], renstra["tahun_akhir"]
    if akhir < awal:
        galat.append(f"$.renstra.tahun_akhir: tahun akhir {akhir} sebelum tahun awal {awal}")
    batas_bawah = awal - 5

    def periksa_tahun(tahun: int, jalur: str, apa: str) -> None:
        if tahun > akhir:
            galat.append(f"{jalur}: tahun {apa} {tahun} sesudah periode Renstra {awal}-{akhir}")
        elif tahun < batas_bawah:
            galat.append(
                f"{jalur}: tahun {apa} {tahun} lebih dari 5 tahun sebelum periode Renstra {awal}-{akhir}"
            )

    misi = renstra.get("misi", [])
    for i, nomor in enumerate(renstra.get("misi_didukung", [])):
        if nomor > len(misi):
            galat.append(
                f"$.renstra.misi_didukung[{i}]: misi nomor {nomor} tidak ada (hanya {len(misi)} misi)"
            )

    _periksa_pejabat(dok["kabupaten"].get("kepala_daerah"), "$.kabupaten.kepala_daerah", galat)
    kec = dok["kecamatan"]
    _periksa_pejabat(kec.get("kepala"), "$.kecamatan.kepala", galat)
    for i, p in enumerate(kec.get("pejabat", [])):
        _periksa_pejabat(p, f"$.kecamatan.pejabat[{i}]", galat)
    _periksa_unik([d["nama"].lower() for d in kec.get("desa", [])], "$.kecamatan.desa", "nama", galat)
    if "luas_ha" in kec.get("profil", {}):
        _periksa_nilai(kec["profil"]["luas_ha"], "$.kecamatan.profil.luas_ha", galat, MAKS_DESIMAL_UANG)

    kode_dipakai: dict[str, str] = {}
    kode_sasaran: set[str] = set()

    def periksa_kode(kode: str, jalur: str) -> None:
        if kode in kode_dipakai:
            galat.append(f'{jalur}.kode: kode "{kode}" sudah dipakai di {kode_dipakai[kode]}')
        else:
            kode_dipakai[kode] = jalur

    def periksa_indikator(ind: dict, jalur: str) -> None:
        periksa_kode(ind["kode"], jalur)
        for tahun, nilai in ind.get("target", {}).items():
            periksa_tahun(int(tahun), f"{jalur}.target{kunci(tahun)}", "target")
            _periksa_nilai(nilai, f"{jalur}.target{kunci(tahun)}", galat)
        _periksa_nilai(ind.get("target_akhir"), f"{jalur}.target_akhir", galat)
        for tahun, r in ind.get("realisasi", {}).items():
            jr = f"{jalur}.realisasi{kunci(tahun)}"
            periksa_tahun(int(tahun), jr, "realisasi")
            if isinstance(r, dict) and "status" in r:
                if r["status"] == "belum_tersedia" and "nilai" in r:
                    galat.append(f"{jr}.nilai: realisasi berstatus belum_tersedia tidak boleh berisi nilai")
                _periksa_nilai(r.get("nilai"), f"{jr}.nilai", galat)
                for k, t in enumerate(r.get("triwulan") or []):
                    _periksa_nilai(t, f"{jr}.triwulan[{k}]", galat)
            else:
                _periksa_nilai(r, jr, galat)
        if ind.get("sumber_realisasi", "isian") != "isian" and ind.get("realisasi"):
            peringatan.append(
                f"{jalur}.realisasi: indikator bersumber {ind['sumber_realisasi']}; nilai realisasi di "
                "dokumen diabaikan untuk tahun yang sudah memiliki hasil SKM/SAKIP"
            )

    for i, tujuan in enumerate(renstra["tujuan"]):
        jt = f"$.renstra.tujuan[{i}]"
        periksa_kode(tujuan["kode"], jt)
        for j, ind in enumerate(tujuan.get("indikator", [])):
            periksa_indikator(ind, f"{jt}.indikator[{j}]")
        for j, sas in enumerate(tujuan["sasaran"]):
            js = f"{jt}.sasaran[{j}]"
            periksa_kode(sas["kode"], js)
            kode_sasaran.add(sas["kode"])
            for tahun in sas.get("sdm", {}):
                periksa_tahun(int(tahun), f"{js}.sdm{kunci(tahun)}", "SDM")
            for k, ind in enumerate(sas["indikator"]):
                periksa_indikator(ind, f"{js}.indikator[{k}]")

    kode_indikator = {
        ind["kode"]
        for t in renstra["tujuan"]
        for ind in t.get("indikator", []) + [i for s in t["sasaran"] for i in s["indikator"]]
    }
    pk_dilihat: dict[tuple, int] = {}
    for i, pk in enumerate(dok.get("perjanjian_kinerja", [])):
        jp = f"$.perjanjian_kinerja[{i}]"
        identitas = (pk["tahun"], pk.get("jenis", "murni"))
        if identitas in pk_dilihat:
            galat.append(
                f"{jp}: Perjanjian Kinerja {identitas[1]} tahun {identitas[0]} sudah ada di "
                f"$.perjanjian_kinerja[{pk_dilihat[identitas]}]"
            )
        pk_dilihat[identitas] = i
        periksa_tahun(pk["tahun"], f"{jp}.tahun", "Perjanjian Kinerja")
        _periksa_pejabat(pk.get("pihak_pertama"), f"{jp}.pihak_pertama", galat)
        _periksa_pejabat(pk.get("pihak_kedua"), f"{jp}.pihak_kedua", galat)
        _periksa_unik([b["kode"] for b in pk["indikator"]], f"{jp}.indikator", "kode", galat)
        for j, baris in enumerate(pk["indikator"]):
            jb = f"{jp}.indikator[{j}]"
            if baris["kode"] not in kode_indikator:
                galat.append(f'{jb}.kode: indikator "{baris["kode"]}" tidak ada di Renstra dokumen ini')
            _periksa_nilai(baris["target"], f"{jb}.target", galat)
            for k, t in enumerate(baris.get("target_triwulan") or []):
                _periksa_nilai(t, f"{jb}.target_triwulan[{k}]", galat)
        for j, prog in enumerate(pk.get("program", [])):
            jg = f"{jp}.program[{j}].anggaran"
            _periksa_nilai(prog["anggaran"], jg, galat, MAKS_DESIMAL_UANG)
            if angka(prog["anggaran"]) < 0:
                galat.append(f"{jg}: anggaran tidak boleh negatif")

    tahun_laporan: dict[int, int] = {}
    for i, lap in enumerate(dok.get("laporan", [])):
        jl = f"$.laporan[{i}]"
        if lap["tahun"] in tahun_laporan:
            galat.append(
                f"{jl}.tahun: laporan tahun {lap['tahun']} sudah ada di "
                f"$.laporan[{tahun_laporan[lap['tahun']]}]"
            )
        tahun_laporan[lap["tahun"]] = i
        if lap.get("analisis"):
            periksa_tahun(lap["tahun"], f"{jl}.tahun", "laporan")
        for kode in lap.get("analisis", {}):
            if kode not in kode_sasaran:
                galat.append(f'{jl}.analisis{kunci(kode)}: sasaran "{kode}" tidak ada di Renstra dokumen ini')
    return galat, peringatan


def _periksa_unik(nilai: list[str], jalur: str, kolom: str, galat: list[str]) -> None:
    pertama: dict[str, int] = {}
    for i, n in enumerate(nilai):
        if n in pertama:
            galat.append(f'{jalur}[{i}].{kolom}: "{n}" sama dengan {jalur}[{pertama[n]}]')
        else:
            pertama[n] = i


def bagian_dilewati(dok: dict) -> list[str]:
    """The parts of the document later issues will import; listed, not silently dropped."""
    dilewati = [f"{b}: {BELUM_DIDUKUNG}" for b in BAGIAN_DILEWATI if dok.get(b)]
    return dilewati


# Writing ---------------------------------------------------------------------------------------


_CARI = object()


class _Penulis:
    """Saves rows only when they change, counting what it wrote."""

    def __init__(self, pengguna, alasan: str, *, ubah_kabupaten: bool = True):
        self.pengguna = pengguna
        self.alasan = alasan
        self.ubah_kabupaten = ubah_kabupaten
        self.berubah = 0
        self.ringkasan = ringkasan_kosong()
        self.dilewati: list[str] = []

    def _hitung(self, model: type[models.Model], aksi: str, jumlah: int = 1) -> None:
        jenis = str(model._meta.verbose_name)
        self.ringkasan.setdefault(jenis, dict.fromkeys(AKSI, 0))[aksi] += jumlah

    def _simpan(self, obj: models.Model, jalur: str) -> None:
        try:
            obj.full_clean()
        except ValidationError as e:
            raise _ImporGagal([f"{jalur}: {pesan}" for pesan in e.messages]) from e
        obj._change_reason = self.alasan
        if self.pengguna is not None:
            obj._history_user = self.pengguna
        baru = obj._state.adding
        obj.save()
        self.berubah += 1
        self._hitung(type(obj), "dibuat" if baru else "diubah")

    def simpan(self, model: type[models.Model], cari: dict, nilai: dict, jalur: str, obj=_CARI):
        """Create or update the row identified by `cari` with `nilai`; untouched when equal.

        `obj` is the row already read by the caller (None: it does not exist yet), else it is looked up.
        """
        if obj is _CARI:
            obj = model.objects.filter(**cari).first()
        if obj is None:
            obj = model(**{k: v for k, v in cari.items() if "__" not in k}, **nilai)
            self._simpan(obj, jalur)
            return obj
        beda = {k: v for k, v in nilai.items() if getattr(obj, k) != v}
        if beda:
            for k, v in beda.items():
                setattr(obj, k, v)
            self._simpan(obj, jalur)
        return obj

    def hapus_kecuali(self, qs: models.QuerySet, simpan_id: set[int], apa: str, jalur: str) -> None:
        """Remove the rows the document no longer holds, unless something else still refers to them."""
        for obj in qs.exclude(pk__in=simpan_id):
            obj._change_reason = self.alasan
            if self.pengguna is not None:
                obj._history_user = self.pengguna
            try:
                _, per_model = obj.delete()
            except ProtectedError as e:
                dipakai = sorted({str(o._meta.verbose_name) for o in e.protected_objects})
                raise _ImporGagal(
                    [
                        f'{jalur}: {apa} "{obj}" tidak ada lagi di dokumen tetapi tidak dapat dihapus karena '
                        f"masih dipakai oleh {', '.join(dipakai)}"
                    ]
                ) from e
            self.berubah += 1
            # Counted per model: deleting a row also deletes what cascades from it.
            for label, jumlah in per_model.items():
                self._hitung(apps.get_model(label), "dihapus", jumlah)


def _pejabat_nilai(p: dict) -> dict:
    return {
        "nama": p["nama"],
        "jabatan": p.get("jabatan", ""),
        "nip": p.get("nip", ""),
        "pangkat": p.get("pangkat", ""),
        "golongan": p.get("golongan", ""),
        "mulai": _tanggal(p.get("mulai")),
        "selesai": _tanggal(p.get("selesai")),
    }


def _tulis_pejabat(
    tulis: _Penulis, qs, pemilik: dict, daftar: list[tuple[str, dict, str]], jalur: str
) -> None:
    """Make the officials of `qs` (one kecamatan or kabupaten) equal to `daftar` (peran, data, path)."""
    simpan = set()
    for urutan, (peran, p, jp) in enumerate(daftar):
        obj = tulis.simpan(
            Pejabat,
            pemilik | {"peran": peran, "nama__iexact": p["nama"]},
            _pejabat_nilai(p) | {"urutan": urutan},
            jp,
        )
        simpan.add(obj.pk)
    tulis.hapus_kecuali(qs, simpan, "pejabat", jalur)


def _skala_kabupaten(skala: str | dict) -> str | dict | None:
    """The document's scale as Kabupaten.skala_capaian stores it (a preset name, or the canonical
    object, so an unchanged scale writes nothing); a gap, an overlap or an unknown preset is an error
    on the band concerned: "$.kabupaten.skala_capaian.pita[2]: Pita 'Baik' ... menyisakan celah ..."."""
    if skala in ("", {}):
        return None  # no scale of its own (the default), stored as Kabupaten.clean() stores it
    try:
        hasil = skala_dari_data(skala)
    except SkalaTidakValid as e:
        jalur = "$.kabupaten.skala_capaian" + (f".pita[{e.indeks[0]}]" if e.indeks else "")
        raise _ImporGagal([f"{jalur}: {e.pesan}"]) from e
    return skala if isinstance(skala, str) else hasil.ke_dokumen()


def _tulis_kabupaten(tulis: _Penulis, dok: dict) -> Kabupaten:
    kab_dok = dok["kabupaten"]
    # Several kecamatan documents describe one kabupaten: what a document leaves out stays as it is.
    nilai_kab = {"nama": kab_dok["nama"]}
    if "provinsi" in kab_dok:
        nilai_kab["provinsi"] = kab_dok["provinsi"]
    if "skala_capaian" in kab_dok:
        nilai_kab["skala_capaian"] = _skala_kabupaten(kab_dok["skala_capaian"])
    if "batasi_capaian_100" in kab_dok:
        nilai_kab["batasi_capaian_100"] = kab_dok["batasi_capaian_100"]
    kabupaten = tulis.simpan(Kabupaten, {"nama__iexact": kab_dok["nama"]}, nilai_kab, "$.kabupaten")
    if "kepala_daerah" in kab_dok:
        _tulis_pejabat(
            tulis,
            kabupaten.pejabat.filter(peran=Pejabat.Peran.KEPALA),
            {"kabupaten": kabupaten},
            [(Pejabat.Peran.KEPALA, kab_dok["kepala_daerah"], "$.kabupaten.kepala_daerah")],
            "$.kabupaten.kepala_daerah",
        )
    return kabupaten


def _kabupaten_tetap(tulis: _Penulis, dok: dict) -> Kabupaten:
    """The document's kabupaten as it is: its data is the admin kabupaten's to change.

    The kabupaten part is written in a savepoint that is always rolled back, so that "would it
    change anything" is answered by the same code that writes it.
    """
    coba = _Penulis(None, tulis.alasan)
    with transaction.atomic():
        _tulis_kabupaten(coba, dok)
        transaction.set_rollback(True)
    nama = dok["kabupaten"]["nama"]
    kabupaten = Kabupaten.objects.filter(nama__iexact=nama).first()
    if kabupaten is None:
        raise _ImporGagal(
            [
                f"$.kabupaten.nama: Kabupaten {nama} belum terdaftar; "
                "hanya admin kabupaten yang dapat menambahkannya"
            ]
        )
    if coba.berubah:
        tulis.dilewati.append(BAGIAN_KABUPATEN_DILEWATI)
    return kabupaten


def _tulis_wilayah(tulis: _Penulis, dok: dict) -> Kecamatan:
    kabupaten = _tulis_kabupaten(tulis, dok) if tulis.ubah_kabupaten else _kabupaten_tetap(tulis, dok)
    kec = dok["kecamatan"]
    profil = kec.get("profil", {})
    nilai_kec = {
        "nama": kec["nama"],
        "alamat": kec.get("alamat", ""),
        "kode_pos": kec.get("kode_pos", ""),
        "telepon": kec.get("telepon", ""),
        "email": kec.get("email", ""),
        "tugas_fungsi": kec.get("tugas_fungsi", ""),
        "dasar_hukum": kec.get("dasar_hukum", []),
        "luas_ha": angka(profil["luas_ha"]) if "luas_ha" in profil else None,
    } | {
        k: profil.get(k)
        for k in (
            "jumlah_dusun",
            "jumlah_rw",
            "jumlah_rt",
            "jumlah_kk",
            "penduduk_laki_laki",
            "penduduk_perempuan",
            "tahun_data",
        )
    }
    kecamatan = tulis.simpan(
        Kecamatan, {"kabupaten": kabupaten, "nama__iexact": kec["nama"]}, nilai_kec, "$.kecamatan"
    )
    pejabat = [(Pejabat.Peran.KEPALA, kec["kepala"], "$.kecamatan.kepala")] if "kepala" in kec else []
    pejabat += [
        (Pejabat.Peran.LAINNYA, p, f"$.kecamatan.pejabat[{i}]") for i, p in enumerate(kec.get("pejabat", []))
    ]
    _tulis_pejabat(tulis, kecamatan.pejabat.all(), {"kecamatan": kecamatan}, pejabat, "$.kecamatan.pejabat")

    simpan = set()
    for i, d in enumerate(kec.get("desa", [])):
        nilai = {
            "nama": d["nama"],
            "jenis": d.get("jenis", ""),
            "jumlah_dusun": d.get("jumlah_dusun"),
            "jumlah_rw": d.get("jumlah_rw"),
            "jumlah_rt": d.get("jumlah_rt"),
            "urutan": i,
        }
        obj = tulis.simpan(
            Desa, {"kecamatan": kecamatan, "nama__iexact": d["nama"]}, nilai, f"$.kecamatan.desa[{i}]"
        )
        simpan.add(obj.pk)
    tulis.hapus_kecuali(kecamatan.desa.all(), simpan, "desa", "$.kecamatan.desa")
    return kecamatan


def _tulis_indikator(
    tulis: _Penulis, renstra: Renstra, ind: dict, urutan: int, jalur: str, *, tujuan=None, sasaran=None
) -> Indikator:
    akhir = (
        _nilai(ind["target_akhir"])
        if "target_akhir" in ind
        else {"nilai": None, "label": "", "pembanding": ""}
    )
    nilai = {
        "tujuan": tujuan,
        "sasaran": sasaran,
        "nama": ind["nama"],
        "satuan": ind["satuan"],
        "arah": ind.get("arah", "naik"),
        "kumulatif": ind.get("kumulatif", False),
        "iku": ind.get("iku", False),
        "definisi": ind.get("definisi", ""),
        "formula": ind.get("formula", ""),
        "sumber_data": ind.get("sumber_data", ""),
        "penanggung_jawab": ind.get("penanggung_jawab", ""),
        "sumber_realisasi": ind.get("sumber_realisasi", "isian"),
        "target_akhir": akhir["nilai"],
        "target_akhir_label": akhir["label"],
        "target_akhir_pembanding": akhir["pembanding"],
        "urutan": urutan,
    }
    indikator = tulis.simpan(Indikator, {"renstra": renstra, "kode": ind["kode"]}, nilai, jalur)

    simpan = set()
    ada = {t.tahun: t for t in indikator.target.all()}
    for tahun, x in ind.get("target", {}).items():
        obj = tulis.simpan(
            Target,
            {"indikator": indikator, "tahun": int(tahun)},
            _nilai(x),
            f"{jalur}.target{kunci(tahun)}",
            ada.get(int(tahun)),
        )
        simpan.add(obj.pk)
    tulis.hapus_kecuali(indikator.target.all(), simpan, "target", f"{jalur}.target")

    # Imported here to leave the module's header to the rest of the importer.
    from kinerja.nilai import format_nilai
    from kinerja.selectors import sumber_kecamatan

    simpan = set()
    ada = {(r.tahun, r.periode): r for r in indikator.realisasi.all()}
    # An skm/sakip indicator takes the yearly realisasi of a year with a recorded SKM/SAKIP result
    # from that result: the document's yearly value for such a year is ignored (the stored row, if
    # any, stays as it is) and said so; its status, keterangan and triwulan are written as usual.
    dari_sumber = sumber_kecamatan(kecamatan=renstra.kecamatan, indikator=[indikator])
    for tahun, x in ind.get("realisasi", {}).items():
        jr = f"{jalur}.realisasi{kunci(tahun)}"
        tahunan, triwulan = _realisasi(x)
        identitas = (int(tahun), Realisasi.Periode.TAHUNAN)
        lama = ada.get(identitas)
        sumber = dari_sumber.untuk(indikator, int(tahun))
        if sumber is not None and tahunan["nilai"] is not None:
            teks = format_nilai(tahunan["nilai"], tahunan["label"], tahunan["pembanding"])
            tulis.dilewati.append(
                f"{jr}{'.nilai' if isinstance(x, dict) and 'status' in x else ''}: realisasi tahunan "
                f"{indikator.kode} tahun {tahun} ({teks}) diabaikan, karena diambil dari {sumber.asal} "
                f"({sumber.teks})"
            )
            tahunan |= {
                "nilai": lama.nilai if lama else None,
                "label": lama.label if lama else "",
                "pembanding": lama.pembanding if lama else "",
            }
        kosong = tahunan["nilai"] is None and tahunan["status"] == "final" and not tahunan["keterangan"]
        if sumber is None or lama is not None or not kosong:
            obj = tulis.simpan(
                Realisasi,
                {"indikator": indikator, "tahun": identitas[0], "periode": identitas[1]},
                tahunan,
                jr,
                lama,
            )
            simpan.add(obj.pk)
        status_tw = Realisasi.Status.SEMENTARA if tahunan["status"] == "sementara" else Realisasi.Status.FINAL
        for periode, t in zip(TRIWULAN, triwulan, strict=True):
            if t is None:
                continue
            identitas = (int(tahun), periode)
            obj = tulis.simpan(
                Realisasi,
                {"indikator": indikator, "tahun": identitas[0], "periode": periode},
                _nilai(t) | {"status": status_tw, "keterangan": ""},
                f"{jr}.triwulan",
                ada.get(identitas),
            )
            simpan.add(obj.pk)
    tulis.hapus_kecuali(indikator.realisasi.all(), simpan, "realisasi", f"{jalur}.realisasi")
    return indikator


def _tulis_renstra(tulis: _Penulis, kecamatan: Kecamatan, dok: dict) -> tuple[Renstra, dict, dict]:
    r = dok["renstra"]
    renstra = tulis.simpan(
        Renstra,
        {"kecamatan": kecamatan, "tahun_awal": r["tahun_awal"], "tahun_akhir": r["tahun_akhir"]},
        {
            "dasar": r.get("dasar", ""),
            "visi": r.get("visi", ""),
            "misi": r.get("misi", []),
            "misi_didukung": r.get("misi_didukung", []),
        },
        "$.renstra",
    )
    tujuan_ada = {t.kode: t for t in renstra.tujuan.all()}
    sasaran_ada = {s.kode: s for s in renstra.sasaran.all()}
    indikator: dict[str, Indikator] = {}
    sasaran: dict[str, Sasaran] = {}
    for i, t in enumerate(r["tujuan"]):
        jt = f"$.renstra.tujuan[{i}]"
        tujuan = tulis.simpan(
            Tujuan,
            {"renstra": renstra, "kode": t["kode"]},
            {"uraian": t["uraian"], "urutan": i},
            jt,
            tujuan_ada.get(t["kode"]),
        )
        for j, ind in enumerate(t.get("indikator", [])):
            indikator[ind["kode"]] = _tulis_indikator(
                tulis, renstra, ind, j, f"{jt}.indikator[{j}]", tujuan=tujuan
            )
        for j, s in enumerate(t["sasaran"]):
            js = f"{jt}.sasaran[{j}]"
            obj = tulis.simpan(
                Sasaran,
                {"renstra": renstra, "kode": s["kode"]},
                {
                    "tujuan": tujuan,
                    "uraian": s["uraian"],
                    "strategi": s.get("strategi", []),
                    "kebijakan": s.get("kebijakan", []),
                    "urutan": j,
                },
                js,
                sasaran_ada.get(s["kode"]),
            )
            sasaran[s["kode"]] = obj
            simpan_sdm = set()
            for tahun, sdm in s.get("sdm", {}).items():
                baris = tulis.simpan(
                    SdmSasaran,
                    {"sasaran": obj, "tahun": int(tahun)},
                    {
                        "target": sdm["target"],
                        "realisasi": sdm["realisasi"],
                        "keterangan": sdm.get("keterangan", ""),
                    },
                    f"{js}.sdm{kunci(tahun)}",
                )
                simpan_sdm.add(baris.pk)
            tulis.hapus_kecuali(obj.sdm.all(), simpan_sdm, "SDM", f"{js}.sdm")
            for k, ind in enumerate(s["indikator"]):
                indikator[ind["kode"]] = _tulis_indikator(
                    tulis, renstra, ind, k, f"{js}.indikator[{k}]", sasaran=obj
                )
    return renstra, indikator, sasaran


def _hapus_pohon_lama(tulis: _Penulis, renstra: Renstra, indikator: dict, sasaran: dict) -> None:
    """Remove the tujuan, sasaran and indicators the document no longer holds.

    Runs after the PKs are written, so that a PK line the document dropped no longer holds on to
    its indicator; children go first (an indicator refers to its sasaran, a sasaran to its tujuan).
    """
    tulis.hapus_kecuali(
        renstra.indikator.all(), {i.pk for i in indikator.values()}, "indikator", "$.renstra.tujuan"
    )
    tulis.hapus_kecuali(
        renstra.sasaran.all(), {s.pk for s in sasaran.values()}, "sasaran", "$.renstra.tujuan"
    )
    tulis.hapus_kecuali(
        renstra.tujuan.all(), {s.tujuan_id for s in sasaran.values()}, "tujuan", "$.renstra.tujuan"
    )


def _tulis_pk(tulis: _Penulis, kecamatan: Kecamatan, dok: dict, indikator: dict[str, Indikator]) -> None:
    for i, pk in enumerate(dok.get("perjanjian_kinerja", [])):
        jp = f"$.perjanjian_kinerja[{i}]"
        perjanjian = tulis.simpan(
            PerjanjianKinerja,
            {"kecamatan": kecamatan, "tahun": pk["tahun"], "jenis": pk.get("jenis", "murni")},
            {
                "tanggal": _tanggal(pk.get("tanggal")),
                "tempat": pk.get("tempat", ""),
                "pihak_pertama": pk.get("pihak_pertama"),
                "pihak_kedua": pk.get("pihak_kedua"),
            },
            jp,
        )
        ada = {b.indikator_id: b for b in perjanjian.target.prefetch_related("triwulan")}
        simpan = set()
        for j, b in enumerate(pk["indikator"]):
            jb = f"{jp}.indikator[{j}]"
            ind = indikator[b["kode"]]
            baris = tulis.simpan(
                TargetPK,
                {"perjanjian": perjanjian, "indikator": ind},
                _nilai(b["target"]) | {"urutan": j + 1},
                jb,
                ada.get(ind.pk),
            )
            simpan.add(baris.pk)
            tw_ada = {t.triwulan: t for t in baris.triwulan.all()}
            simpan_tw = set()
            for k, t in enumerate(b.get("target_triwulan") or []):
                if t is None:
                    continue
                obj = tulis.simpan(
                    TargetTriwulanPK,
                    {"baris": baris, "triwulan": k + 1},
                    _nilai(t),
                    f"{jb}.target_triwulan[{k}]",
                    tw_ada.get(k + 1),
                )
                simpan_tw.add(obj.pk)
            tulis.hapus_kecuali(baris.triwulan.all(), simpan_tw, "target triwulan", f"{jb}.target_triwulan")
        tulis.hapus_kecuali(perjanjian.target.all(), simpan, "target PK", f"{jp}.indikator")

        ada = list(perjanjian.program.all())
        simpan = set()
        for j, prog in enumerate(pk.get("program", [])):
            nilai = {
                "kode": prog.get("kode", ""),
                "nama": prog["nama"],
                "anggaran": angka(prog["anggaran"]),
                "sumber": prog.get("sumber", ""),
                "urutan": j,
            }
            obj = tulis.simpan(
                ProgramPK,
                {"perjanjian": perjanjian},
                nilai,
                f"{jp}.program[{j}]",
                ada[j] if j < len(ada) else None,
            )
            simpan.add(obj.pk)
        tulis.hapus_kecuali(perjanjian.program.all(), simpan, "program PK", f"{jp}.program")


def _tulis_analisis(tulis: _Penulis, dok: dict, renstra: Renstra, sasaran: dict[str, Sasaran]) -> None:
    for i, lap in enumerate(dok.get("laporan", [])):
        if "analisis" not in lap:
            continue
        simpan = set()
        for urutan, (kode, a) in enumerate(lap["analisis"].items()):
            obj = tulis.simpan(
                AnalisisSasaran,
                {"sasaran": sasaran[kode], "tahun": lap["tahun"]},
                {
                    "pendukung": a.get("pendukung", []),
                    "penghambat": a.get("penghambat", []),
                    "solusi": a.get("solusi", []),
                    "catatan": a.get("catatan", ""),
                    "urutan": urutan,
                },
                f"$.laporan[{i}].analisis{kunci(kode)}",
            )
            simpan.add(obj.pk)
        tulis.hapus_kecuali(
            AnalisisSasaran.objects.filter(sasaran__renstra=renstra, tahun=lap["tahun"]),
            simpan,
            "analisis",
            f"$.laporan[{i}].analisis",
        )


def impor_lkjip(
    dok, *, pengguna=None, alasan: str = ALASAN, pratinjau: bool = False, ubah_kabupaten: bool = True
) -> HasilImpor:
    """Check the whole document, then write it atomically; nothing is written when anything is wrong.

    `pratinjau`: run the whole import and roll it back; the result says what it would do.
    `ubah_kabupaten=False` (an import by a kecamatan's own staff): the kabupaten must exist already
    and its data (nama, provinsi, kepala daerah) is left as it is, reported under `dilewati`.
    """
    hasil = HasilImpor(pratinjau=pratinjau)
    hasil.galat = validasi_skema(dok)
    if hasil.galat:
        return hasil
    hasil.galat, hasil.peringatan = periksa_aturan(dok)
    hasil.galat += periksa_isi_laporan(dok)
    galat_skm, peringatan_skm = periksa_skm_sakip(dok)
    hasil.galat += galat_skm
    hasil.peringatan += peringatan_skm
    if hasil.galat:
        return hasil
    hasil.dilewati = bagian_dilewati(dok)
    tulis = _Penulis(pengguna, alasan, ubah_kabupaten=ubah_kabupaten)
    try:
        with transaction.atomic():
            kecamatan = _tulis_wilayah(tulis, dok)
            # Surveys and evaluations first: a yearly realisasi they provide wins over a typed one.
            skm_sakip_tulis(tulis, kecamatan, dok)  # its warnings were added by periksa_skm_sakip
            renstra, indikator, sasaran = _tulis_renstra(tulis, kecamatan, dok)
            _tulis_pk(tulis, kecamatan, dok, indikator)
            _tulis_analisis(tulis, dok, renstra, sasaran)
            tulis_isi_laporan(tulis, kecamatan, dok)
            hasil.peringatan += anggaran_tulis(tulis, kecamatan, dok, sasaran)
            _hapus_pohon_lama(tulis, renstra, indikator, sasaran)
            if pratinjau:
                transaction.set_rollback(True)
    except _ImporGagal as e:
        hasil.galat = e.galat
        return hasil
    hasil.dilewati = tulis.dilewati + hasil.dilewati
    hasil.baris_berubah = tulis.berubah
    hasil.ringkasan = tulis.ringkasan
    if pratinjau:
        # The rows written were rolled back: a kecamatan that would be new is not there (None).
        hasil.kecamatan = Kecamatan.objects.filter(
            kabupaten__nama__iexact=dok["kabupaten"]["nama"], nama__iexact=dok["kecamatan"]["nama"]
        ).first()
    else:
        hasil.kecamatan = kecamatan
    return hasil
