"""The budget of a kecamatan per year (DESIGN.md §3, DOMAIN.md §2.1.16, §3.4).

One tree model, `PosAnggaran`, with a `tingkat` field (program / kegiatan / sub kegiatan) instead
of three models: the three levels carry exactly the same data (kode, nama, amounts, output
indicators, history), older reports stop at kegiatan or even program, and one model reads a whole
year's tree in one query. The invariants of the hierarchy are in `PosAnggaran.clean()`: a program
has no induk, a kegiatan hangs under a program, a sub kegiatan under a kegiatan, all in one year.

Amounts (pagu murni, pagu, realisasi; Decimal(18,2)) sit only on the leaves: a pos without
children. A parent's amounts are the sums of its leaves, computed by the selectors, never typed.
Realisasi above pagu is accepted (with a warning and an optional reason). Every change of an
amount is kept by django-simple-history (who, when, old, new, reason).
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from kinerja.models import Berversi, Pembanding, Realisasi, Sasaran
from lkjip.models import Kecamatan

# Permendagri 90/2019 (its codes are used from the 2021 budget); older years keep any code.
TAHUN_PERMENDAGRI_90 = 2021
DIGIT_UANG = 18
DESIMAL_UANG = 2


class Tingkat(models.TextChoices):
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"


# The tingkat of a child, by the tingkat of its induk (None: a program has no induk).
TINGKAT_ANAK = {
    None: Tingkat.PROGRAM,
    Tingkat.PROGRAM: Tingkat.KEGIATAN,
    Tingkat.KEGIATAN: Tingkat.SUB_KEGIATAN,
}

_POLA_PROGRAM = r"[0-9X]\.[0-9X]{2}\.[0-9]{2}"
_POLA_KEGIATAN = _POLA_PROGRAM + r"\.[0-9]\.[0-9]{2}"
_POLA_SUB_KEGIATAN = _POLA_KEGIATAN + r"\.[0-9]{4}"
POLA_KODE = {
    Tingkat.PROGRAM: re.compile(_POLA_PROGRAM),
    Tingkat.KEGIATAN: re.compile(_POLA_KEGIATAN),
    Tingkat.SUB_KEGIATAN: re.compile(_POLA_SUB_KEGIATAN),
}
CONTOH_KODE = {
    Tingkat.PROGRAM: "7.01.01",
    Tingkat.KEGIATAN: "7.01.01.2.01",
    Tingkat.SUB_KEGIATAN: "7.01.01.2.01.0001",
}


def periksa_kode(kode: str, *, tingkat: str, tahun: int, kode_induk: str = "") -> str | None:
    """What is wrong with a kode in the Permendagri 90/2019 form (None: nothing). Legacy years
    (before 2021) and an empty kode are not checked."""
    if not kode or tahun < TAHUN_PERMENDAGRI_90:
        return None
    label = Tingkat(tingkat).label.lower()
    if not POLA_KODE[tingkat].fullmatch(kode):
        return (
            f'Kode {label} "{kode}" tidak sesuai bentuk Permendagri 90/2019, contoh {CONTOH_KODE[tingkat]}.'
        )
    if kode_induk and not kode.startswith(kode_induk + "."):
        return f'Kode {label} "{kode}" harus diawali kode induknya "{kode_induk}".'
    return None


KOLOM_TRIWULAN = ("realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4")
KOLOM_JUMLAH = ("pagu_murni", "pagu", "realisasi", *KOLOM_TRIWULAN)


def _uang(nama: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(nama, max_digits=DIGIT_UANG, decimal_places=DESIMAL_UANG, **kwargs)


def _nonnegatif(kolom: str, nama: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{kolom}__isnull": True}) | models.Q(**{f"{kolom}__gte": 0}),
        name=nama,
        violation_error_message="Jumlah anggaran tidak boleh negatif.",
    )


class TahunAnggaran(models.Model):
    """The budget of one kecamatan for one year: the container of its tree and jenis belanja."""

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="tahun_anggaran")
    tahun = models.PositiveSmallIntegerField("tahun")

    class Meta:
        verbose_name = "tahun anggaran"
        verbose_name_plural = "tahun anggaran"
        ordering = ["kecamatan", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "tahun"],
                name="tahun_anggaran_unik",
                violation_error_message="Anggaran tahun ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=models.Q(tahun__gte=1990, tahun__lte=2100), name="tahun_anggaran_wajar"
            ),
        ]

    def __str__(self) -> str:
        return f"Anggaran {self.tahun}"

    @property
    def nomenklatur_90(self) -> bool:
        """The year uses Permendagri 90/2019 codes and the Operasi/Modal classification."""
        return self.tahun >= TAHUN_PERMENDAGRI_90


class PosAnggaran(Berversi):
    """A program, kegiatan or sub kegiatan of a budget year (see the module docstring)."""

    tahun_anggaran = models.ForeignKey(TahunAnggaran, on_delete=models.PROTECT, related_name="pos")
    induk = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="anak", verbose_name="induk"
    )
    tingkat = models.CharField("tingkat", max_length=12, choices=Tingkat.choices)
    kode = models.CharField(
        "kode",
        max_length=40,
        blank=True,
        help_text="Kode Permendagri 90/2019, mis. 7.01.01 (program), 7.01.01.2.01 (kegiatan), "
        "7.01.01.2.01.0001 (sub kegiatan). Boleh kosong untuk tahun sebelum 2021.",
    )
    nama = models.TextField("nama")
    penanggung_jawab = models.CharField("penanggung jawab (PPTK/unit)", max_length=255, blank=True)
    pagu_murni = _uang("pagu murni (DPA)", null=True, blank=True)
    pagu = _uang("pagu (setelah perubahan)", null=True, blank=True)
    realisasi = _uang("realisasi", null=True, blank=True)
    realisasi_tw1 = _uang("realisasi triwulan I", null=True, blank=True)
    realisasi_tw2 = _uang("realisasi triwulan II", null=True, blank=True)
    realisasi_tw3 = _uang("realisasi triwulan III", null=True, blank=True)
    realisasi_tw4 = _uang("realisasi triwulan IV", null=True, blank=True)
    alasan_lebih_pagu = models.TextField("alasan realisasi melebihi pagu", blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pos anggaran"
        verbose_name_plural = "pos anggaran"
        ordering = ["urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "kode"],
                condition=~models.Q(kode=""),
                name="pos_anggaran_kode_unik_per_tahun",
                violation_error_message="Kode ini sudah dipakai pos lain pada tahun anggaran yang sama.",
            ),
            models.UniqueConstraint(
                "tahun_anggaran",
                Lower("nama"),
                condition=models.Q(induk__isnull=True),
                name="program_nama_unik_per_tahun",
                violation_error_message="Nama program ini sudah ada pada tahun anggaran yang sama.",
            ),
            models.UniqueConstraint(
                "induk",
                Lower("nama"),
                condition=models.Q(induk__isnull=False),
                name="pos_anggaran_nama_unik_per_induk",
                violation_error_message="Nama ini sudah dipakai pos lain di bawah induk yang sama.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(tingkat="program", induk__isnull=True)
                    | (models.Q(induk__isnull=False) & ~models.Q(tingkat="program"))
                ),
                name="pos_anggaran_induk_sesuai_tingkat",
            ),
            *[_nonnegatif(k, f"pos_anggaran_{k}_nonnegatif") for k in KOLOM_JUMLAH],
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}" if self.kode else self.nama

    @property
    def ada_jumlah(self) -> bool:
        return any(getattr(self, k) is not None for k in KOLOM_JUMLAH)

    @property
    def lebih_pagu(self) -> bool:
        return self.pagu is not None and self.realisasi is not None and self.realisasi > self.pagu

    @property
    def realisasi_triwulan(self) -> list[Decimal | None]:
        return [getattr(self, k) for k in KOLOM_TRIWULAN]

    def clean(self) -> None:
        galat: dict[str, list[str]] = {}
        induk = self.induk if self.induk_id else None
        if induk is not None and induk.tingkat == Tingkat.SUB_KEGIATAN:
            galat.setdefault("induk", []).append("Sub kegiatan tidak dapat mempunyai rincian lagi.")
        elif self.tingkat and self.tingkat != TINGKAT_ANAK[induk.tingkat if induk else None]:
            galat.setdefault("tingkat", []).append(
                f"{Tingkat(self.tingkat).label} tidak dapat berada di "
                + (
                    f"bawah {induk.get_tingkat_display().lower()}."
                    if induk
                    else "puncak pohon (tanpa induk)."
                )
            )
        if induk is not None and self.tahun_anggaran_id and induk.tahun_anggaran_id != self.tahun_anggaran_id:
            galat.setdefault("induk", []).append("Induk harus dari tahun anggaran yang sama.")
        if (
            induk is not None
            and induk.tingkat != Tingkat.SUB_KEGIATAN
            and induk.ada_jumlah
            and self._state.adding
        ):
            galat.setdefault("induk", []).append(
                f'"{induk.nama}" masih berisi pagu/realisasi sendiri. Kosongkan jumlahnya dulu: '
                "jumlah induk dihitung dari rinciannya."
            )
        self.kode = self.kode.strip()
        self.nama = " ".join(self.nama.split())
        if self.tingkat in Tingkat.values and self.tahun_anggaran_id:
            pesan = periksa_kode(
                self.kode,
                tingkat=self.tingkat,
                tahun=self.tahun_anggaran.tahun,
                kode_induk=induk.kode if induk else "",
            )
            if pesan:
                galat.setdefault("kode", []).append(pesan)
        if self.ada_jumlah and self.pk and self.anak.exists():
            galat.setdefault("pagu", []).append(
                "Pos ini mempunyai rincian: pagu dan realisasinya dihitung dari rincian, tidak diisi sendiri."
            )
        if galat:
            raise ValidationError(galat)


class IndikatorKeluaran(models.Model):
    """An output indicator of a program, kegiatan or sub kegiatan (nama, satuan, target, realisasi)."""

    pos = models.ForeignKey(PosAnggaran, on_delete=models.CASCADE, related_name="indikator")
    nama = models.TextField("nama indikator")
    satuan = models.CharField("satuan", max_length=60, blank=True)
    target = models.DecimalField("target", max_digits=20, decimal_places=4, null=True, blank=True)
    target_label = models.CharField("label target", max_length=40, blank=True)
    target_pembanding = models.CharField(
        "pembanding target", max_length=2, choices=Pembanding.choices, blank=True
    )
    realisasi = models.DecimalField("realisasi", max_digits=20, decimal_places=4, null=True, blank=True)
    realisasi_label = models.CharField("label realisasi", max_length=40, blank=True)
    realisasi_pembanding = models.CharField(
        "pembanding realisasi", max_length=2, choices=Pembanding.choices, blank=True
    )
    status = models.CharField(
        "status realisasi", max_length=14, choices=Realisasi.Status.choices, default=Realisasi.Status.FINAL
    )
    keterangan = models.TextField("keterangan", blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "indikator keluaran"
        verbose_name_plural = "indikator keluaran"
        ordering = ["urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="belum_tersedia") | models.Q(realisasi__isnull=True),
                name="indikator_keluaran_belum_tersedia_tanpa_nilai",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.status == Realisasi.Status.BELUM_TERSEDIA and self.realisasi is not None:
            raise ValidationError({"realisasi": "Realisasi yang belum tersedia tidak boleh berisi nilai."})


class ProgramSasaran(models.Model):
    """A program supports a sasaran of the kecamatan's Renstra (the per-sasaran budget)."""

    program = models.ForeignKey(PosAnggaran, on_delete=models.CASCADE, related_name="dukungan")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.PROTECT, related_name="program_anggaran")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "program pendukung sasaran"
        verbose_name_plural = "program pendukung sasaran"
        ordering = ["urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "sasaran"],
                name="program_sasaran_unik",
                violation_error_message="Sasaran ini sudah dipetakan ke program tersebut.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program} → {self.sasaran.kode}"

    def clean(self) -> None:
        if self.program_id and self.program.tingkat != Tingkat.PROGRAM:
            raise ValidationError({"program": "Hanya program yang dipetakan ke sasaran."})
        if (
            self.program_id
            and self.sasaran_id
            and self.sasaran.renstra.kecamatan_id != self.program.tahun_anggaran.kecamatan_id
        ):
            raise ValidationError({"sasaran": "Sasaran harus dari Renstra kecamatan yang sama."})


class JenisBelanja(models.TextChoices):
    """Jenis belanja as the year's DPA has them: BTL/BL before 2021, Operasi/Modal from 2021."""

    TIDAK_LANGSUNG = "Belanja Tidak Langsung", "Belanja Tidak Langsung"
    LANGSUNG = "Belanja Langsung", "Belanja Langsung"
    OPERASI = "Belanja Operasi", "Belanja Operasi"
    MODAL = "Belanja Modal", "Belanja Modal"


JENIS_LAMA = (JenisBelanja.TIDAK_LANGSUNG, JenisBelanja.LANGSUNG)
JENIS_BARU = (JenisBelanja.OPERASI, JenisBelanja.MODAL)


def jenis_belanja_tahun(tahun: int) -> tuple[JenisBelanja, ...]:
    return JENIS_BARU if tahun >= TAHUN_PERMENDAGRI_90 else JENIS_LAMA


class Belanja(models.Model):
    """The total of one jenis belanja in a budget year (the OPD-level table of BAB III C)."""

    tahun_anggaran = models.ForeignKey(TahunAnggaran, on_delete=models.CASCADE, related_name="belanja")
    jenis = models.CharField("jenis belanja", max_length=40, choices=JenisBelanja.choices)
    pagu_murni = _uang("pagu murni (DPA)", null=True, blank=True)
    pagu = _uang("pagu (setelah perubahan)")
    realisasi = _uang("realisasi", null=True, blank=True)
    alasan_lebih_pagu = models.TextField("alasan realisasi melebihi pagu", blank=True)
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jenis belanja"
        verbose_name_plural = "jenis belanja"
        ordering = ["urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "jenis"],
                name="belanja_jenis_unik_per_tahun",
                violation_error_message="Jenis belanja ini sudah ada pada tahun anggaran yang sama.",
            ),
            *[_nonnegatif(k, f"belanja_{k}_nonnegatif") for k in ("pagu_murni", "pagu", "realisasi")],
        ]

    def __str__(self) -> str:
        return f"{self.jenis} {self.tahun_anggaran.tahun}"

    @property
    def lebih_pagu(self) -> bool:
        return self.realisasi is not None and self.pagu is not None and self.realisasi > self.pagu

    def clean(self) -> None:
        if self.tahun_anggaran_id and self.jenis:
            boleh = jenis_belanja_tahun(self.tahun_anggaran.tahun)
            if self.jenis not in boleh:
                raise ValidationError(
                    {
                        "jenis": f"Tahun {self.tahun_anggaran.tahun} memakai jenis belanja "
                        f"{' / '.join(boleh)}, bukan {self.jenis}."
                    }
                )
