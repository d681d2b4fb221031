"""Core data: the kabupaten, its kecamatan, their officials and who may do what where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

from kinerja.capaian import SKALA, SKALA_BAKU, Skala, SkalaTidakValid, skala_dari_data
from lkjip.format import format_nip

nip_validator = RegexValidator(
    r"^[0-9]{18}$", "NIP harus terdiri dari tepat 18 digit angka tanpa spasi.", code="nip"
)


class Kabupaten(models.Model):
    nama = models.CharField("nama", max_length=120, help_text="Tanpa kata 'Kabupaten', mis. Banyumas.")
    provinsi = models.CharField("provinsi", max_length=120, blank=True)
    # The predikat scale as data (DESIGN.md §4; data/SCHEMA.md `skala`): empty -> the default preset,
    # a preset name ("banjar"), or {"nama", "sumber", "pita": [...]} in the interchange format.
    skala_capaian = models.JSONField(
        "skala predikat capaian",
        null=True,
        blank=True,
        help_text=f"Kosong berarti skala bawaan ({SKALA[SKALA_BAKU].nama}).",
    )
    batasi_capaian_100 = models.BooleanField(
        "batasi capaian maksimal 100 % untuk rata-rata dan efisiensi",
        default=False,
        help_text="Tabel indikator tetap menampilkan capaian apa adanya.",
    )

    class Meta:
        verbose_name = "kabupaten"
        verbose_name_plural = "kabupaten"
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(Lower("nama"), name="kabupaten_nama_unik")]

    def __str__(self) -> str:
        return f"Kabupaten {self.nama}"

    def skala(self) -> Skala:
        """The predikat scale of capaian in this kabupaten (the default preset when none is set)."""
        return skala_dari_data(self.skala_capaian)

    def clean(self) -> None:
        """A custom scale must give every value exactly one predikat; stored in canonical form so an
        unchanged scale compares equal (a re-import writes nothing)."""
        super().clean()
        if self.skala_capaian in ("", {}):
            self.skala_capaian = None
        try:
            skala = skala_dari_data(self.skala_capaian)
        except SkalaTidakValid as galat:
            raise ValidationError({"skala_capaian": galat.pesan}) from galat
        if isinstance(self.skala_capaian, dict):
            self.skala_capaian = skala.ke_dokumen()


class Kecamatan(models.Model):
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")
    nama = models.CharField("nama", max_length=120, help_text="Tanpa kata 'Kecamatan', mis. Ajibarang.")
    alamat = models.CharField("alamat", max_length=255, blank=True)
    kode_pos = models.CharField("kode pos", max_length=10, blank=True)
    telepon = models.CharField("telepon", max_length=60, blank=True)
    email = models.CharField("e-mail", max_length=120, blank=True)
    tugas_fungsi = models.TextField("kedudukan, tugas dan fungsi", blank=True)
    dasar_hukum = models.JSONField("dasar hukum", default=list, blank=True)
    luas_ha = models.DecimalField("luas (ha)", max_digits=12, decimal_places=2, null=True, blank=True)
    jumlah_dusun = models.PositiveIntegerField("jumlah dusun", null=True, blank=True)
    jumlah_rw = models.PositiveIntegerField("jumlah RW", null=True, blank=True)
    jumlah_rt = models.PositiveIntegerField("jumlah RT", null=True, blank=True)
    jumlah_kk = models.PositiveIntegerField("jumlah KK", null=True, blank=True)
    penduduk_laki_laki = models.PositiveIntegerField("penduduk laki-laki", null=True, blank=True)
    penduduk_perempuan = models.PositiveIntegerField("penduduk perempuan", null=True, blank=True)
    tahun_data = models.PositiveSmallIntegerField("tahun data profil", null=True, blank=True)

    class Meta:
        verbose_name = "kecamatan"
        verbose_name_plural = "kecamatan"
        ordering = ["kabupaten__nama", "nama"]
        constraints = [
            models.UniqueConstraint("kabupaten", Lower("nama"), name="kecamatan_nama_unik_per_kabupaten")
        ]

    def __str__(self) -> str:
        return f"Kecamatan {self.nama}"

    @property
    def jumlah_penduduk(self) -> int | None:
        if self.penduduk_laki_laki is None or self.penduduk_perempuan is None:
            return None
        return self.penduduk_laki_laki + self.penduduk_perempuan


class Desa(models.Model):
    class Jenis(models.TextChoices):
        DESA = "desa", "Desa"
        KELURAHAN = "kelurahan", "Kelurahan"

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="desa")
    nama = models.CharField("nama", max_length=120)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, blank=True)
    jumlah_dusun = models.PositiveIntegerField("jumlah dusun", null=True, blank=True)
    jumlah_rw = models.PositiveIntegerField("jumlah RW", null=True, blank=True)
    jumlah_rt = models.PositiveIntegerField("jumlah RT", null=True, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "desa/kelurahan"
        verbose_name_plural = "desa/kelurahan"
        ordering = ["urutan", "id"]
        constraints = [models.UniqueConstraint("kecamatan", Lower("nama"), name="desa_nama_unik")]

    def __str__(self) -> str:
        return self.nama


class Pejabat(models.Model):
    """An official of a kecamatan (camat, sekcam, kasi) or of the kabupaten (bupati).

    Documents are signed by whoever held the office on their date, hence mulai/selesai.
    """

    class Peran(models.TextChoices):
        KEPALA = "kepala", "Kepala (camat / bupati)"
        LAINNYA = "lainnya", "Pejabat lain"

    kabupaten = models.ForeignKey(
        Kabupaten, on_delete=models.PROTECT, null=True, blank=True, related_name="pejabat"
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="pejabat"
    )
    peran = models.CharField("peran", max_length=10, choices=Peran.choices, default=Peran.LAINNYA)
    nama = models.CharField("nama dan gelar", max_length=160)
    jabatan = models.CharField("jabatan", max_length=160, blank=True)
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[nip_validator])
    pangkat = models.CharField("pangkat", max_length=80, blank=True)
    golongan = models.CharField("golongan", max_length=10, blank=True)
    mulai = models.DateField("mulai menjabat", null=True, blank=True)
    selesai = models.DateField("selesai menjabat", null=True, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kabupaten__isnull=False, kecamatan__isnull=True)
                    | models.Q(kabupaten__isnull=True, kecamatan__isnull=False)
                ),
                name="pejabat_milik_kabupaten_atau_kecamatan",
            ),
            models.CheckConstraint(
                condition=models.Q(selesai__isnull=True)
                | models.Q(mulai__isnull=True)
                | models.Q(selesai__gte=models.F("mulai")),
                name="pejabat_selesai_setelah_mulai",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})" if self.jabatan else self.nama

    @property
    def nip_cetak(self) -> str:
        return format_nip(self.nip) if self.nip else ""

    def clean(self) -> None:
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai menjabat tidak boleh sebelum tanggal mulai."})


class Penugasan(models.Model):
    """A user's role in a scope: operator/camat of a kecamatan, inspektorat/admin of a kabupaten."""

    class Peran(models.TextChoices):
        OPERATOR = "operator", "Operator kecamatan"
        CAMAT = "camat", "Camat"
        INSPEKTORAT = "inspektorat", "Inspektorat"
        ADMIN_KABUPATEN = "admin_kabupaten", "Admin kabupaten"

    PERAN_KECAMATAN = (Peran.OPERATOR, Peran.CAMAT)
    PERAN_KABUPATEN = (Peran.INSPEKTORAT, Peran.ADMIN_KABUPATEN)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="penugasan")
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.CASCADE, null=True, blank=True, related_name="penugasan"
    )
    kabupaten = models.ForeignKey(
        Kabupaten, on_delete=models.CASCADE, null=True, blank=True, related_name="penugasan"
    )
    pejabat = models.ForeignKey(
        Pejabat,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="akun",
        help_text="Untuk camat: data pejabat yang menandatangani dokumen.",
    )

    class Meta:
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(peran__in=["operator", "camat"], kecamatan__isnull=False, kabupaten__isnull=True)
                    | models.Q(
                        peran__in=["inspektorat", "admin_kabupaten"],
                        kabupaten__isnull=False,
                        kecamatan__isnull=True,
                    )
                ),
                name="penugasan_lingkup_sesuai_peran",
            ),
            models.UniqueConstraint(
                fields=["user", "peran", "kecamatan", "kabupaten"], name="penugasan_unik"
            ),
        ]

    def __str__(self) -> str:
        lingkup = self.kecamatan or self.kabupaten
        return f"{self.user} - {self.get_peran_display()} - {lingkup}"

    def clean(self) -> None:
        if self.peran in self.PERAN_KECAMATAN and (self.kecamatan_id is None or self.kabupaten_id):
            raise ValidationError("Peran operator dan camat harus dikaitkan dengan satu kecamatan.")
        if self.peran in self.PERAN_KABUPATEN and (self.kabupaten_id is None or self.kecamatan_id):
            raise ValidationError(
                "Peran inspektorat dan admin kabupaten harus dikaitkan dengan satu kabupaten."
            )
        if self.pejabat_id and self.kecamatan_id and self.pejabat.kecamatan_id != self.kecamatan_id:
            raise ValidationError({"pejabat": "Pejabat harus dari kecamatan yang sama."})


class JejakAudit(models.Model):
    """One security event: a login, a failed login, a logout, a lockout or a refused page. Never a
    password: only the username as typed."""

    class Jenis(models.TextChoices):
        MASUK = "masuk", "Masuk"
        GAGAL_MASUK = "gagal_masuk", "Gagal masuk"
        KELUAR = "keluar", "Keluar"
        TERKUNCI = "terkunci", "Terkunci (terlalu banyak gagal masuk)"
        AKSES_DITOLAK = "akses_ditolak", "Akses ditolak"

    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="pengguna",
    )
    nama_pengguna = models.CharField("nama pengguna", max_length=150, blank=True)
    alamat_ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    jalur = models.CharField("jalur", max_length=500, blank=True)
    keterangan = models.CharField("keterangan", max_length=500, blank=True)

    class Meta:
        verbose_name = "jejak audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} · {self.nama_pengguna or '-'} · {self.waktu:%Y-%m-%d %H:%M:%S}"
