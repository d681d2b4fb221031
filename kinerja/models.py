"""Performance planning and measurement: Renstra -> Tujuan -> Sasaran -> Indikator, the yearly
targets, the Perjanjian Kinerja and the realisasi (DESIGN.md §3, DOMAIN.md §2.1.7-2.1.14)."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from lkjip.format import format_angka
from lkjip.models import Kecamatan

MAKS_TAHUN_SEJARAH = 5


class Arah(models.TextChoices):
    NAIK = "naik", "Naik (makin tinggi makin baik)"
    TURUN = "turun", "Turun (makin rendah makin baik)"


class Pembanding(models.TextChoices):
    LEBIH_DARI_SAMA = ">=", "≥"
    KURANG_DARI_SAMA = "<=", "≤"
    SAMA = "=", "="


class SumberRealisasi(models.TextChoices):
    ISIAN = "isian", "Diisi / diimpor"
    SKM = "skm", "Hasil SKM tahun itu"
    SAKIP = "sakip", "Hasil evaluasi SAKIP"


class NilaiTarget(models.Model):
    """A target value: a number, optionally with a grade label ("BB") or a comparator (">= 80")."""

    nilai = models.DecimalField("nilai", max_digits=20, decimal_places=4)
    label = models.CharField("label", max_length=40, blank=True)
    pembanding = models.CharField("pembanding", max_length=2, choices=Pembanding.choices, blank=True)

    class Meta:
        abstract = True

    @property
    def tampil(self) -> str:
        teks = format_angka(self.nilai)
        if self.pembanding and self.pembanding != "=":
            teks = f"{self.get_pembanding_display()} {teks}"
        if self.label:
            teks = f"{self.label} ({teks})"
        return teks


class Renstra(models.Model):
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="renstra")
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    dasar = models.TextField("dasar (RPJMD/RPD dan Perbup)", blank=True)
    visi = models.TextField("visi", blank=True)
    misi = models.JSONField("misi", default=list, blank=True)
    misi_didukung = models.JSONField("misi yang didukung (nomor)", default=list, blank=True)

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["kecamatan", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "tahun_awal", "tahun_akhir"], name="renstra_unik_per_periode"
            ),
            models.CheckConstraint(
                condition=models.Q(tahun_akhir__gte=models.F("tahun_awal")), name="renstra_periode_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.tahun_awal}-{self.tahun_akhir}"

    def clean(self) -> None:
        if self.tahun_awal and self.tahun_akhir and self.tahun_akhir < self.tahun_awal:
            raise ValidationError({"tahun_akhir": "Tahun akhir tidak boleh sebelum tahun awal."})

    @property
    def tahun_periode(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def tahun_diizinkan(self, tahun: int) -> bool:
        """Targets and realisasi lie in the period or up to 5 years before it (history)."""
        return self.tahun_awal - MAKS_TAHUN_SEJARAH <= tahun <= self.tahun_akhir


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="tujuan")
    kode = models.CharField("kode", max_length=30)
    uraian = models.TextField("uraian")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class Sasaran(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="sasaran")
    tujuan = models.ForeignKey(Tujuan, on_delete=models.PROTECT, related_name="sasaran")
    kode = models.CharField("kode", max_length=30)
    uraian = models.TextField("uraian")
    strategi = models.JSONField("strategi", default=list, blank=True)
    kebijakan = models.JSONField("kebijakan", default=list, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"
        ordering = ["urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_kode_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    def clean(self) -> None:
        if self.tujuan_id and self.renstra_id and self.tujuan.renstra_id != self.renstra_id:
            raise ValidationError({"tujuan": "Tujuan harus dari Renstra yang sama."})


class SdmSasaran(models.Model):
    """Staff planned and available for a sasaran in a year (the Indikator / Dana / SDM table)."""

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="sdm")
    tahun = models.PositiveSmallIntegerField("tahun")
    target = models.PositiveIntegerField("target")
    realisasi = models.PositiveIntegerField("realisasi")
    keterangan = models.CharField("keterangan", max_length=255, blank=True)

    class Meta:
        verbose_name = "SDM sasaran"
        verbose_name_plural = "SDM sasaran"
        ordering = ["tahun"]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "tahun"], name="sdm_sasaran_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"SDM {self.sasaran.kode} {self.tahun}"


class Indikator(models.Model):
    """An indicator of a tujuan or of a sasaran. `kode` is unique within its Renstra."""

    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="indikator")
    tujuan = models.ForeignKey(
        Tujuan, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.PROTECT, null=True, blank=True, related_name="indikator"
    )
    kode = models.CharField("kode", max_length=30)
    nama = models.TextField("nama indikator")
    satuan = models.CharField("satuan", max_length=60)
    arah = models.CharField("arah", max_length=5, choices=Arah.choices, default=Arah.NAIK)
    kumulatif = models.BooleanField("kumulatif", default=False)
    iku = models.BooleanField("IKU", default=False)
    definisi = models.TextField("definisi operasional", blank=True)
    formula = models.TextField("formulasi", blank=True)
    sumber_data = models.TextField("sumber data", blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=255, blank=True)
    sumber_realisasi = models.CharField(
        "sumber realisasi", max_length=5, choices=SumberRealisasi.choices, default=SumberRealisasi.ISIAN
    )
    target_akhir = models.DecimalField(
        "target akhir Renstra", max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_akhir_label = models.CharField("label target akhir", max_length=40, blank=True)
    target_akhir_pembanding = models.CharField(
        "pembanding target akhir", max_length=2, choices=Pembanding.choices, blank=True
    )
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="indikator_kode_unik_per_renstra"),
            models.CheckConstraint(
                condition=(
                    models.Q(tujuan__isnull=False, sasaran__isnull=True)
                    | models.Q(tujuan__isnull=True, sasaran__isnull=False)
                ),
                name="indikator_milik_tujuan_atau_sasaran",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def tingkat(self) -> str:
        return "tujuan" if self.tujuan_id else "sasaran"


class Target(NilaiTarget):
    """The Renstra target of an indicator for one year."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField("tahun")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target Renstra"
        verbose_name_plural = "target Renstra"
        ordering = ["tahun"]
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="target_unik_per_tahun")]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}: {self.tampil}"


class PerjanjianKinerja(models.Model):
    """The yearly performance agreement. A perubahan never overwrites the murni of its year."""

    class Jenis(models.TextChoices):
        MURNI = "murni", "Murni"
        PERUBAHAN = "perubahan", "Perubahan"

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.MURNI)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=120, blank=True)
    # Snapshots of who signed, as printed on the document (schema `pejabat`).
    pihak_pertama = models.JSONField("pihak pertama", null=True, blank=True)
    pihak_kedua = models.JSONField("pihak kedua", null=True, blank=True)
    alasan = models.TextField("alasan perubahan", blank=True, help_text="Wajib untuk PK perubahan.")

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["kecamatan", "tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "tahun", "jenis"], name="pk_unik_per_tahun_jenis")
        ]

    def __str__(self) -> str:
        judul = "Perjanjian Kinerja"
        if self.jenis == self.Jenis.PERUBAHAN:
            judul += " Perubahan"
        return f"{judul} {self.tahun}"


class TargetPK(NilaiTarget):
    """A target line of a Perjanjian Kinerja."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="target")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="target_pk")
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target PK"
        verbose_name_plural = "target PK"
        ordering = ["urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "indikator"], name="target_pk_unik_per_indikator")
        ]

    def __str__(self) -> str:
        return f"{self.perjanjian}: {self.indikator.kode} {self.tampil}"


class TargetTriwulanPK(NilaiTarget):
    baris = models.ForeignKey(TargetPK, on_delete=models.CASCADE, related_name="triwulan")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=[(i, f"Triwulan {i}") for i in range(1, 5)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target triwulan PK"
        verbose_name_plural = "target triwulan PK"
        ordering = ["triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "triwulan"], name="target_triwulan_unik"),
            models.CheckConstraint(condition=models.Q(triwulan__gte=1, triwulan__lte=4), name="triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.baris} TW {self.triwulan}"


class ProgramPK(models.Model):
    """A program budget line printed in the PK (linked to the budget in the anggaran issue)."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="program")
    kode = models.CharField("kode", max_length=40, blank=True)
    nama = models.TextField("nama program")
    anggaran = models.DecimalField("anggaran (Rp)", max_digits=18, decimal_places=2)
    sumber = models.CharField("sumber dana", max_length=80, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "program PK"
        verbose_name_plural = "program PK"
        ordering = ["urutan", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(anggaran__gte=0), name="program_pk_anggaran_nonnegatif")
        ]

    def __str__(self) -> str:
        return self.nama


class Realisasi(models.Model):
    """Realisasi of an indicator for a year (periode tahunan) or one of its triwulan."""

    class Periode(models.TextChoices):
        TAHUNAN = "tahunan", "Tahunan"
        TW1 = "tw1", "Triwulan I"
        TW2 = "tw2", "Triwulan II"
        TW3 = "tw3", "Triwulan III"
        TW4 = "tw4", "Triwulan IV"

    class Status(models.TextChoices):
        FINAL = "final", "Final"
        SEMENTARA = "sementara", "Sementara"
        BELUM_TERSEDIA = "belum_tersedia", "Belum tersedia"

    TRIWULAN = [Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4]

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField("tahun")
    periode = models.CharField("periode", max_length=7, choices=Periode.choices, default=Periode.TAHUNAN)
    nilai = models.DecimalField("nilai", max_digits=20, decimal_places=4, null=True, blank=True)
    label = models.CharField("label", max_length=40, blank=True)
    pembanding = models.CharField("pembanding", max_length=2, choices=Pembanding.choices, blank=True)
    status = models.CharField("status", max_length=14, choices=Status.choices, default=Status.FINAL)
    keterangan = models.TextField("keterangan", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"], name="realisasi_unik_per_periode"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="belum_tersedia") | models.Q(nilai__isnull=True),
                name="realisasi_belum_tersedia_tanpa_nilai",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} {self.get_periode_display()}"

    def clean(self) -> None:
        if self.status == self.Status.BELUM_TERSEDIA and self.nilai is not None:
            raise ValidationError({"nilai": "Realisasi yang belum tersedia tidak boleh berisi nilai."})
        if (
            self.status != self.Status.BELUM_TERSEDIA
            and self.nilai is None
            and self.periode != self.Periode.TAHUNAN
        ):
            raise ValidationError({"nilai": "Nilai realisasi triwulan wajib diisi."})


class AnalisisSasaran(models.Model):
    """The narrative analysis of a sasaran in a report year (faktor pendukung, penghambat, solusi)."""

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="analisis")
    tahun = models.PositiveSmallIntegerField("tahun")
    pendukung = models.JSONField("faktor pendukung", default=list, blank=True)
    penghambat = models.JSONField("faktor penghambat", default=list, blank=True)
    solusi = models.JSONField("solusi", default=list, blank=True)
    catatan = models.TextField("catatan", blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "analisis sasaran"
        verbose_name_plural = "analisis sasaran"
        ordering = ["tahun", "urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["sasaran", "tahun"], name="analisis_unik_per_tahun")]

    def __str__(self) -> str:
        return f"Analisis {self.sasaran.kode} {self.tahun}"
