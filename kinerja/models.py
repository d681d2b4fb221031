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


class Berversi(models.Model):
    """A row two people may edit at once: `versi` counts its saves, so a form that remembers the
    versi it was opened at can tell that someone saved in between (optimistic locking, see
    kinerja/konflik.py; the services compare it under a row lock)."""

    versi = models.PositiveIntegerField("versi", default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # Here and not in the services: every write of the row, by any path (forms, the grid, the
        # Excel and interchange imports, the admin), must make a form opened before it stale.
        if not self._state.adding:
            self.versi += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "versi"}
        super().save(*args, **kwargs)


class NilaiTarget(Berversi):
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


class Realisasi(Berversi):
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


# --- Survei Kepuasan Masyarakat and the SAKIP evaluation (DESIGN.md §3, DOMAIN.md §2.1.17-2.1.18) ----


class VersiSkm(models.TextChoices):
    """The regulation a survey follows: it fixes the unsur set and the interval tables."""

    PERMENPAN_RB_14_2017 = "permenpan-rb-14-2017", "PermenPAN-RB 14/2017 (9 unsur)"
    KEPMENPAN_25_2004 = "kepmenpan-25-2004", "Kepmenpan 25/2004 (14 unsur)"


class SurveiSkm(models.Model):
    """A Survei Kepuasan Masyarakat of a kecamatan for one period of a year.

    Its unsur hold the results as entered (NRR, answer counts or distribution) or, when the survey
    runs the public questionnaire, no value: their NRR then comes from the responses.
    """

    class Periode(models.TextChoices):
        TAHUNAN = "tahunan", "Tahunan"
        SEMESTER_1 = "semester-1", "Semester I"
        SEMESTER_2 = "semester-2", "Semester II"
        TRIWULAN_1 = "triwulan-1", "Triwulan I"
        TRIWULAN_2 = "triwulan-2", "Triwulan II"
        TRIWULAN_3 = "triwulan-3", "Triwulan III"
        TRIWULAN_4 = "triwulan-4", "Triwulan IV"

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="survei_skm")
    tahun = models.PositiveSmallIntegerField("tahun")
    periode = models.CharField("periode", max_length=10, choices=Periode.choices, default=Periode.TAHUNAN)
    versi = models.CharField(
        "pedoman", max_length=20, choices=VersiSkm.choices, default=VersiSkm.PERMENPAN_RB_14_2017
    )
    metode = models.CharField(
        "metode pengumpulan data",
        max_length=200,
        blank=True,
        help_text="Mis. kuesioner tatap muka, kuesioner daring, atau keduanya.",
    )
    responden = models.PositiveIntegerField(
        "jumlah responden",
        null=True,
        blank=True,
        help_text="Kosongkan bila hasil berasal dari kuesioner daring: jumlah respon dihitung otomatis.",
    )
    terbuka = models.BooleanField("kuesioner daring dibuka", default=False)
    kritik = models.JSONField("kritik", default=list, blank=True)
    saran = models.JSONField("saran", default=list, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "survei SKM"
        verbose_name_plural = "survei SKM"
        ordering = ["kecamatan", "-tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "tahun", "periode"], name="survei_skm_unik_per_periode"
            ),
            models.UniqueConstraint(
                fields=["kecamatan"], condition=models.Q(terbuka=True), name="survei_skm_satu_terbuka"
            ),
        ]

    def __str__(self) -> str:
        if self.periode == self.Periode.TAHUNAN:
            return f"SKM {self.tahun}"
        return f"SKM {self.tahun} {self.get_periode_display()}"


class UnsurSkm(models.Model):
    """One unsur of a survey with its result in exactly one form, or none (from the responses)."""

    survei = models.ForeignKey(SurveiSkm, on_delete=models.CASCADE, related_name="unsur")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    kode = models.CharField("kode", max_length=5)
    nama = models.CharField("nama unsur", max_length=200)
    nrr = models.DecimalField("NRR", max_digits=8, decimal_places=4, null=True, blank=True)
    jumlah_1 = models.PositiveIntegerField("jawaban 1", null=True, blank=True)
    jumlah_2 = models.PositiveIntegerField("jawaban 2", null=True, blank=True)
    jumlah_3 = models.PositiveIntegerField("jawaban 3", null=True, blank=True)
    jumlah_4 = models.PositiveIntegerField("jawaban 4", null=True, blank=True)
    persen_1 = models.DecimalField("% jawaban 1", max_digits=7, decimal_places=4, null=True, blank=True)
    persen_2 = models.DecimalField("% jawaban 2", max_digits=7, decimal_places=4, null=True, blank=True)
    persen_3 = models.DecimalField("% jawaban 3", max_digits=7, decimal_places=4, null=True, blank=True)
    persen_4 = models.DecimalField("% jawaban 4", max_digits=7, decimal_places=4, null=True, blank=True)

    history = HistoricalRecords()

    JUMLAH = ("jumlah_1", "jumlah_2", "jumlah_3", "jumlah_4")
    PERSEN = ("persen_1", "persen_2", "persen_3", "persen_4")

    class Meta:
        verbose_name = "unsur SKM"
        verbose_name_plural = "unsur SKM"
        ordering = ["urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survei", "kode"], name="unsur_skm_kode_unik"),
            models.CheckConstraint(
                condition=models.Q(nrr__isnull=True) | models.Q(nrr__gte=1, nrr__lte=4),
                name="unsur_skm_nrr_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def jumlah_jawaban(self) -> tuple[int, int, int, int] | None:
        nilai = tuple(getattr(self, k) for k in self.JUMLAH)
        return None if all(n is None for n in nilai) else tuple(n or 0 for n in nilai)  # type: ignore[return-value]

    @property
    def distribusi(self) -> tuple | None:
        nilai = tuple(getattr(self, k) for k in self.PERSEN)
        return None if all(n is None for n in nilai) else tuple(n if n is not None else 0 for n in nilai)

    @property
    def bentuk(self) -> str:
        """How the result was given: "nrr", "jumlah", "distribusi" or "" (from the responses)."""
        if self.nrr is not None:
            return "nrr"
        if self.jumlah_jawaban is not None:
            return "jumlah"
        if self.distribusi is not None:
            return "distribusi"
        return ""

    def clean(self) -> None:
        bentuk = [self.nrr is not None, self.jumlah_jawaban is not None, self.distribusi is not None]
        if sum(bentuk) > 1:
            raise ValidationError(
                f"Unsur {self.kode}: isi salah satu saja, NRR, jumlah jawaban atau distribusi persentase."
            )
        distribusi = self.distribusi
        if distribusi is not None:
            jumlah = sum(distribusi)
            if abs(jumlah - 100) * 2 > 1:
                pesan = f"Jumlah persentase harus 100 (boleh selisih 0,5), bukan {format_angka(jumlah)}."
                raise ValidationError({"persen_4": pesan})
        jumlah_jawaban = self.jumlah_jawaban
        if jumlah_jawaban is not None and sum(jumlah_jawaban) == 0:
            raise ValidationError({"jumlah_4": "Jumlah jawaban tidak boleh semuanya nol."})


class TautanKuesioner(models.Model):
    """The public, unguessable link of a kecamatan's online questionnaire (the QR poster). It stays
    the same across periods: the link always leads to the survey open at that moment."""

    kecamatan = models.OneToOneField(Kecamatan, on_delete=models.CASCADE, related_name="tautan_kuesioner")
    token = models.CharField("token", max_length=40, unique=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "tautan kuesioner"
        verbose_name_plural = "tautan kuesioner"

    def __str__(self) -> str:
        return f"Tautan kuesioner {self.kecamatan}"


class ResponSkm(models.Model):
    """One filled questionnaire: the nine answers (1-4) of PermenPAN-RB 14/2017 and an optional
    profile. Nothing that identifies the respondent is stored."""

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", "Laki-laki"
        PEREMPUAN = "P", "Perempuan"

    class Usia(models.TextChoices):
        DI_BAWAH_20 = "<20", "Di bawah 20 tahun"
        USIA_20_29 = "20-29", "20-29 tahun"
        USIA_30_39 = "30-39", "30-39 tahun"
        USIA_40_49 = "40-49", "40-49 tahun"
        USIA_50_59 = "50-59", "50-59 tahun"
        USIA_60 = "60+", "60 tahun ke atas"

    class Pendidikan(models.TextChoices):
        SD = "sd", "SD atau sederajat ke bawah"
        SMP = "smp", "SMP atau sederajat"
        SMA = "sma", "SMA/SMK atau sederajat"
        DIPLOMA = "diploma", "D1/D2/D3"
        S1 = "s1", "D4/S1"
        S2 = "s2", "S2/S3"

    class Pekerjaan(models.TextChoices):
        PNS = "pns", "PNS/TNI/Polri"
        SWASTA = "swasta", "Pegawai swasta"
        WIRAUSAHA = "wirausaha", "Wirausaha"
        PETANI = "petani", "Petani/nelayan"
        PELAJAR = "pelajar", "Pelajar/mahasiswa"
        RUMAH_TANGGA = "rumah_tangga", "Mengurus rumah tangga"
        LAINNYA = "lainnya", "Lainnya"

    JAWABAN = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
    _PILIHAN = [(i, str(i)) for i in range(1, 5)]

    survei = models.ForeignKey(SurveiSkm, on_delete=models.CASCADE, related_name="respon")
    u1 = models.PositiveSmallIntegerField("U1", choices=_PILIHAN)
    u2 = models.PositiveSmallIntegerField("U2", choices=_PILIHAN)
    u3 = models.PositiveSmallIntegerField("U3", choices=_PILIHAN)
    u4 = models.PositiveSmallIntegerField("U4", choices=_PILIHAN)
    u5 = models.PositiveSmallIntegerField("U5", choices=_PILIHAN)
    u6 = models.PositiveSmallIntegerField("U6", choices=_PILIHAN)
    u7 = models.PositiveSmallIntegerField("U7", choices=_PILIHAN)
    u8 = models.PositiveSmallIntegerField("U8", choices=_PILIHAN)
    u9 = models.PositiveSmallIntegerField("U9", choices=_PILIHAN)
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices, blank=True)
    usia = models.CharField("usia", max_length=5, choices=Usia.choices, blank=True)
    pendidikan = models.CharField(
        "pendidikan terakhir", max_length=10, choices=Pendidikan.choices, blank=True
    )
    pekerjaan = models.CharField("pekerjaan", max_length=15, choices=Pekerjaan.choices, blank=True)
    jenis_layanan = models.CharField("jenis layanan yang diterima", max_length=120, blank=True)
    kritik = models.TextField("kritik", max_length=1000, blank=True)
    saran = models.TextField("saran", max_length=1000, blank=True)
    dibuat = models.DateTimeField("waktu pengisian", auto_now_add=True)

    class Meta:
        verbose_name = "respon kuesioner SKM"
        verbose_name_plural = "respon kuesioner SKM"
        ordering = ["dibuat", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    u1__gte=1,
                    u1__lte=4,
                    u2__gte=1,
                    u2__lte=4,
                    u3__gte=1,
                    u3__lte=4,
                    u4__gte=1,
                    u4__lte=4,
                    u5__gte=1,
                    u5__lte=4,
                    u6__gte=1,
                    u6__lte=4,
                    u7__gte=1,
                    u7__lte=4,
                    u8__gte=1,
                    u8__lte=4,
                    u9__gte=1,
                    u9__lte=4,
                ),
                name="respon_skm_jawaban_1_4",
            )
        ]

    def __str__(self) -> str:
        return f"Respon {self.survei} #{self.pk}"


class JejakKirim(models.Model):
    """A trace of one questionnaire submission, for the rate limit. Kept in the database so every
    server process sees it. `kunci` is a keyed hash of the browser cookie or the address, never the
    address itself; traces older than the limit's window are removed as new ones arrive."""

    class Jenis(models.TextChoices):
        PERAMBAN = "peramban", "Peramban"
        ALAMAT = "alamat", "Alamat jaringan"

    jenis = models.CharField("jenis", max_length=8, choices=Jenis.choices)
    kunci = models.CharField("kunci", max_length=64)
    waktu = models.DateTimeField("waktu", db_index=True)

    class Meta:
        verbose_name = "jejak pengiriman kuesioner"
        verbose_name_plural = "jejak pengiriman kuesioner"
        indexes = [models.Index(fields=["jenis", "kunci", "waktu"], name="jejak_kirim_cari")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.waktu:%Y-%m-%d %H:%M}"


class EvaluasiSakip(models.Model):
    """Inspektorat's evaluation (LHE) of a kecamatan's SAKIP. `tahun_evaluasi` is the year the
    letter was issued, `tahun_dievaluasi` the year whose AKIP was evaluated (they differ: the LHE of
    June 2024 evaluates AKIP 2023); the LKjIP of year N reports the LHE issued in N (DOMAIN.md §3.8)."""

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="evaluasi_sakip")
    tahun_evaluasi = models.PositiveSmallIntegerField("tahun evaluasi (LHE terbit)", null=True, blank=True)
    tahun_dievaluasi = models.PositiveSmallIntegerField("tahun yang dievaluasi")
    nomor_surat = models.CharField("nomor surat", max_length=120, blank=True)
    tanggal = models.DateField("tanggal surat", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "evaluasi SAKIP"
        verbose_name_plural = "evaluasi SAKIP"
        ordering = ["kecamatan", "-tahun_dievaluasi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "tahun_dievaluasi"], name="evaluasi_sakip_unik_per_tahun_dievaluasi"
            ),
            models.UniqueConstraint(
                fields=["kecamatan", "tahun_evaluasi"], name="evaluasi_sakip_unik_per_tahun_evaluasi"
            ),
            models.CheckConstraint(
                condition=models.Q(tahun_evaluasi__isnull=True)
                | models.Q(tahun_evaluasi__gte=models.F("tahun_dievaluasi")),
                name="evaluasi_sakip_tahun_urut",
            ),
        ]

    def __str__(self) -> str:
        if self.tahun_evaluasi:
            return f"LHE SAKIP {self.tahun_evaluasi} (AKIP {self.tahun_dievaluasi})"
        return f"LHE SAKIP atas AKIP {self.tahun_dievaluasi}"

    def clean(self) -> None:
        if self.tahun_evaluasi and self.tahun_dievaluasi and self.tahun_evaluasi < self.tahun_dievaluasi:
            raise ValidationError(
                {"tahun_evaluasi": "Tahun evaluasi tidak boleh sebelum tahun yang dievaluasi."}
            )
        if self.tanggal and self.tahun_evaluasi and self.tanggal.year != self.tahun_evaluasi:
            raise ValidationError(
                {"tanggal": f"Tanggal surat harus pada tahun evaluasi {self.tahun_evaluasi}."}
            )


class KomponenSakip(models.Model):
    """A component of the evaluation: its weight (nilai absolut) and the value obtained."""

    evaluasi = models.ForeignKey(EvaluasiSakip, on_delete=models.CASCADE, related_name="komponen")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    nama = models.CharField("komponen", max_length=200)
    bobot = models.DecimalField("bobot", max_digits=7, decimal_places=2)
    nilai = models.DecimalField("nilai", max_digits=8, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen SAKIP"
        verbose_name_plural = "komponen SAKIP"
        ordering = ["urutan", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(bobot__gt=0), name="komponen_sakip_bobot_positif"),
            models.CheckConstraint(
                condition=models.Q(nilai__gte=0, nilai__lte=models.F("bobot")),
                name="komponen_sakip_nilai_0_bobot",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.bobot is not None and self.bobot <= 0:
            raise ValidationError({"bobot": "Bobot harus lebih dari 0."})
        if self.nilai is not None and self.nilai < 0:
            raise ValidationError({"nilai": "Nilai tidak boleh negatif."})
        if self.bobot is not None and self.nilai is not None and self.nilai > self.bobot:
            raise ValidationError(
                {"nilai": f"Nilai {format_angka(self.nilai)} melebihi bobot {format_angka(self.bobot)}."}
            )


class RekomendasiSakip(models.Model):
    """A weakness/recommendation of the evaluation, optionally for one component (by its name)."""

    evaluasi = models.ForeignKey(EvaluasiSakip, on_delete=models.CASCADE, related_name="rekomendasi")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    komponen = models.CharField("komponen", max_length=200, blank=True)
    uraian = models.TextField("rekomendasi")

    class Meta:
        verbose_name = "rekomendasi SAKIP"
        verbose_name_plural = "rekomendasi SAKIP"
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]


class TindakLanjut(models.Model):
    """What the kecamatan does about a recommendation. PROTECT: an evaluation (or a
    recommendation) the kecamatan already followed up cannot be deleted from under it."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"

    rekomendasi = models.OneToOneField(
        RekomendasiSakip, on_delete=models.PROTECT, related_name="tindak_lanjut"
    )
    uraian = models.TextField("rencana aksi / tindak lanjut", blank=True)
    waktu = models.CharField("waktu pelaksanaan", max_length=120, blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200, blank=True)
    status = models.CharField("status", max_length=7, choices=Status.choices, default=Status.BELUM)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "tindak lanjut rekomendasi"
        verbose_name_plural = "tindak lanjut rekomendasi"

    def __str__(self) -> str:
        return f"Tindak lanjut: {self.rekomendasi}"
