"""The report's own content (DESIGN.md §3, DOMAIN.md §2.1.20-2.1.23): the Laporan of a kecamatan
and year, its narrative texts per block of the outline (laporan/kerangka.py), the switches and
titles of the blocks (kabupaten defaults, per-report adjustments), penghargaan, SDM tables,
permasalahan and isu strategis, the uploaded images (bagan organisasi, lampiran scans) and the
kabupaten logo.

Uploaded files live under MEDIA_ROOT with a random name and are only served by a view that checks
permissions (laporan/views_isi.py); MEDIA_URL is never routed.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from laporan.kerangka import KERANGKA
from lkjip.models import Kabupaten, Kecamatan

PILIHAN_BLOK = [(b.kode, b.judul) for b in KERANGKA]


def jalur_unggahan(instance, filename: str) -> str:
    """A random, non-guessable name; only the extension (chosen by the service from the detected
    image type, never from the uploaded name) is kept."""
    ext = PurePosixPath(filename).suffix.lower()
    return f"lkjip/{uuid.uuid4().hex}{ext}"


class Laporan(models.Model):
    class Jenis(models.TextChoices):
        TAHUNAN = "tahunan", "Tahunan"
        SEMESTER = "semester", "Semester"
        TRIWULAN = "triwulan", "Triwulan"

    class Periode(models.TextChoices):
        S1 = "s1", "Semester I"
        TW1 = "tw1", "Triwulan I"
        TW2 = "tw2", "Triwulan II"
        TW3 = "tw3", "Triwulan III"

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DITANDATANGANI = "ditandatangani", "Ditandatangani"
        DIREVIU = "direviu", "Direviu"
        DITERIMA = "diterima", "Diterima"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"

    PERIODE_JENIS = {
        Jenis.TAHUNAN: ("",),
        Jenis.SEMESTER: (Periode.S1,),
        Jenis.TRIWULAN: (Periode.TW1, Periode.TW2, Periode.TW3),
    }

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="laporan")
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.TAHUNAN)
    periode = models.CharField(
        "periode s.d.",
        max_length=4,
        choices=Periode.choices,
        blank=True,
        help_text="Kosong untuk laporan tahunan.",
    )
    versi = models.PositiveSmallIntegerField("versi", default=1)
    # A plain field: the approval workflow (a later issue) owns the transitions.
    status = models.CharField("status", max_length=16, choices=Status.choices, default=Status.DRAF)
    tempat = models.CharField("tempat penandatanganan", max_length=120, blank=True)
    tanggal = models.DateField("tanggal penandatanganan", null=True, blank=True)
    # Why this version exists: the review notes it answers, or the reason for revising a signed one.
    alasan_versi = models.TextField("alasan versi baru", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        ordering = ["kecamatan_id", "tahun", "jenis", "periode", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "tahun", "jenis", "periode", "versi"], name="laporan_unik_per_versi"
            ),
            models.CheckConstraint(condition=models.Q(versi__gte=1), name="laporan_versi_positif"),
        ]

    def __str__(self) -> str:
        teks = f"LKjIP Kecamatan {self.kecamatan.nama} {self.tahun}"
        if self.jenis != self.Jenis.TAHUNAN:
            teks += f" ({self.get_periode_display()})"
        return teks if self.versi == 1 else f"{teks} versi {self.versi}"

    def clean(self) -> None:
        if self.periode not in self.PERIODE_JENIS.get(self.jenis, ()):
            if self.jenis == self.Jenis.TAHUNAN:
                raise ValidationError({"periode": "Laporan tahunan tidak memiliki periode."})
            raise ValidationError(
                {"periode": f"Pilih periode yang sesuai untuk laporan {self.get_jenis_display().lower()}."}
            )
        if self.tanggal and self.tanggal.year < self.tahun:
            raise ValidationError(
                {"tanggal": f"Tanggal penandatanganan tidak boleh sebelum tahun laporan ({self.tahun})."}
            )

    @property
    def bisa_diubah(self) -> bool:
        """Only a draft is edited; a submitted or signed version is frozen."""
        return self.status == self.Status.DRAF


class Narasi(models.Model):
    """The text of one block of a report, typed by staff (plain text, laporan/narasi.py). No row:
    the block shows its default text."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="narasi")
    kode = models.CharField("blok", max_length=40, choices=PILIHAN_BLOK)
    teks = models.TextField("teks", blank=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "narasi"
        verbose_name_plural = "narasi"
        ordering = ["laporan_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["laporan", "kode"], name="narasi_unik_per_blok")]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} — {self.laporan}"


class BlokKabupaten(models.Model):
    """The kabupaten's default for one block: on or off, and its title ("" = the outline's)."""

    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.CASCADE, related_name="blok_laporan")
    kode = models.CharField("blok", max_length=40, choices=PILIHAN_BLOK)
    aktif = models.BooleanField("ditampilkan", default=True)
    judul = models.CharField("judul", max_length=200, blank=True)

    class Meta:
        verbose_name = "bawaan blok laporan kabupaten"
        verbose_name_plural = "bawaan blok laporan kabupaten"
        ordering = ["kabupaten_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["kabupaten", "kode"], name="blok_kabupaten_unik")]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} — {self.kabupaten}"


class BlokLaporan(models.Model):
    """A report's adjustment of one block: `aktif` None and `judul` "" follow the kabupaten."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="blok")
    kode = models.CharField("blok", max_length=40, choices=PILIHAN_BLOK)
    aktif = models.BooleanField("ditampilkan", null=True, blank=True)
    judul = models.CharField("judul", max_length=200, blank=True)

    class Meta:
        verbose_name = "pengaturan blok laporan"
        verbose_name_plural = "pengaturan blok laporan"
        ordering = ["laporan_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["laporan", "kode"], name="blok_laporan_unik")]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} — {self.laporan}"


class Penghargaan(models.Model):
    class Tingkat(models.TextChoices):
        KECAMATAN = "kecamatan", "Kecamatan"
        KABUPATEN = "kabupaten", "Kabupaten"
        PROVINSI = "provinsi", "Provinsi"
        NASIONAL = "nasional", "Nasional"

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="penghargaan")
    tahun = models.PositiveSmallIntegerField("tahun")
    nama = models.CharField(
        "penghargaan",
        max_length=300,
        help_text="Mis. Juara I Gelar Desa Wisata Tingkat Provinsi Jawa Tengah.",
    )
    pemberi = models.CharField("pemberi", max_length=200, blank=True)
    tingkat = models.CharField("tingkat", max_length=10, choices=Tingkat.choices, blank=True)
    penerima = models.CharField(
        "penerima",
        max_length=200,
        blank=True,
        help_text="Kosongkan bila penerimanya kecamatan sendiri, mis. Desa Pagak.",
    )
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "penghargaan"
        verbose_name_plural = "penghargaan"
        ordering = ["kecamatan_id", "tahun", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tahun})"


class SdmRekap(models.Model):
    """One line of an SDM table: in `tahun`, `jumlah` people of `uraian` ("Sarjana") under
    `kategori` ("pendidikan"); DOMAIN.md §2.1.5."""

    KATEGORI = {
        "status": "Status Kepegawaian",
        "eselon": "Eselon",
        "golongan": "Golongan",
        "pendidikan": "Pendidikan",
        "jabatan": "Jabatan",
        "jenis_kelamin": "Jenis Kelamin",
    }

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="sdm")
    tahun = models.PositiveSmallIntegerField("tahun")
    kategori = models.CharField(
        "kategori",
        max_length=40,
        help_text="Mis. status, eselon, golongan, pendidikan, jabatan, jenis_kelamin.",
    )
    uraian = models.CharField("uraian", max_length=120, help_text="Mis. PNS, Sarjana, III/a.")
    jumlah = models.PositiveIntegerField("jumlah (orang)")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "rekap SDM"
        verbose_name_plural = "rekap SDM"
        ordering = ["kecamatan_id", "tahun", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "tahun", "kategori", "uraian"], name="sdm_unik_per_uraian"
            )
        ]

    def __str__(self) -> str:
        return f"{self.uraian}: {self.jumlah} ({self.kategori} {self.tahun})"

    @classmethod
    def judul_kategori(cls, kategori: str) -> str:
        return cls.KATEGORI.get(kategori, kategori.replace("_", " ").capitalize())


class Permasalahan(models.Model):
    """A permasalahan of the kecamatan (from its Renstra): pokok masalah -> masalah -> akar masalah."""

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="permasalahan")
    pokok_masalah = models.TextField("pokok masalah", blank=True)
    masalah = models.TextField("masalah")
    akar_masalah = models.TextField("akar masalah", blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "permasalahan"
        verbose_name_plural = "permasalahan"
        ordering = ["kecamatan_id", "urutan", "id"]

    def __str__(self) -> str:
        return self.masalah[:80]


class IsuStrategis(models.Model):
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="isu_strategis")
    uraian = models.TextField("isu strategis")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "isu strategis"
        verbose_name_plural = "isu strategis"
        ordering = ["kecamatan_id", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]


class Gambar(models.Model):
    """An uploaded image (JPEG or PNG, type checked by content), stored under a random name."""

    berkas = models.FileField("berkas", upload_to=jalur_unggahan, max_length=200)
    mime = models.CharField("jenis berkas", max_length=20)
    lebar = models.PositiveIntegerField("lebar (piksel)")
    tinggi = models.PositiveIntegerField("tinggi (piksel)")
    ukuran = models.PositiveIntegerField("ukuran (bita)")
    diunggah = models.DateTimeField("diunggah", auto_now_add=True)
    pengunggah = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class BerkasLaporan(Gambar):
    """The bagan organisasi (one per report) or a scanned page attached as lampiran."""

    class Jenis(models.TextChoices):
        BAGAN = "bagan", "Bagan organisasi"
        LAMPIRAN = "lampiran", "Lampiran"

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="berkas")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    keterangan = models.CharField(
        "keterangan",
        max_length=200,
        blank=True,
        help_text="Judul yang dicetak, mis. Piagam Penghargaan Desa Wisata.",
    )
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "berkas laporan"
        verbose_name_plural = "berkas laporan"
        ordering = ["laporan_id", "jenis", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan"], condition=models.Q(jenis="bagan"), name="bagan_satu_per_laporan"
            )
        ]

    def __str__(self) -> str:
        return self.keterangan or self.get_jenis_display()


class LogoKabupaten(Gambar):
    kabupaten = models.OneToOneField(Kabupaten, on_delete=models.CASCADE, related_name="logo")

    class Meta:
        verbose_name = "logo kabupaten"
        verbose_name_plural = "logo kabupaten"

    def __str__(self) -> str:
        return f"Logo {self.kabupaten}"


# --- approval workflow and signing (DESIGN.md §6) ----------------------------------------------------


def jalur_dokumen(instance, filename: str) -> str:
    """The final PDFs (unsigned and signed) under a random name: the name never discloses the
    kecamatan or the verification code."""
    return f"lkjip-final/{uuid.uuid4().hex}.pdf"


class DokumenFinal(models.Model):
    """The final PDF of one version of a report: rendered once in a background task after the camat
    approves (with the QR code of its verification page), then signed by the camat; the signed
    bytes are stored with their SHA-256 and never rendered again.

    `kode` is the unguessable token of the public verification page `/verifikasi/<kode>/`, fixed
    before rendering because the PDF prints it. `ringkasan` freezes the figures the review desk
    lists (capaian organisasi, serapan, capaian per sasaran, IKM) as the document states them.
    """

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu giliran disusun"
        BERJALAN = "berjalan", "Sedang disusun"
        SIAP = "siap", "Siap ditandatangani"
        GAGAL = "gagal", "Gagal disusun"
        DITANDATANGANI = "ditandatangani", "Ditandatangani"

    laporan = models.OneToOneField(Laporan, on_delete=models.PROTECT, related_name="dokumen")
    kode = models.CharField("kode verifikasi", max_length=24, unique=True)
    status = models.CharField("status", max_length=14, choices=Status.choices, default=Status.MENUNGGU)
    pesan = models.TextField("keterangan kegagalan", blank=True)
    id_tugas = models.CharField("ID tugas penyusunan", max_length=64, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    disetujui_pada = models.DateTimeField("disetujui pada")
    berkas_draf = models.FileField("PDF final (belum ditandatangani)", upload_to=jalur_dokumen, blank=True)
    sha256_draf = models.CharField("SHA-256 PDF final", max_length=64, blank=True)
    disusun_pada = models.DateTimeField("disusun pada", null=True, blank=True)
    ringkasan = models.JSONField("ringkasan angka", default=dict, blank=True)
    berkas = models.FileField("PDF bertanda tangan", upload_to=jalur_dokumen, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, db_index=True)
    ukuran = models.PositiveIntegerField("ukuran (bita)", null=True, blank=True)
    pejabat = models.ForeignKey(
        "lkjip.Pejabat", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    penanda_nama = models.CharField("nama penanda tangan", max_length=160, blank=True)
    penanda_nip = models.CharField("NIP penanda tangan", max_length=18, blank=True)
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditandatangani_pada = models.DateTimeField("ditandatangani pada", null=True, blank=True)

    class Meta:
        verbose_name = "dokumen final"
        verbose_name_plural = "dokumen final"
        ordering = ["laporan_id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ditandatangani") | ~models.Q(sha256=""),
                name="dokumen_bertanda_tangan_ber_sha256",
            )
        ]

    def __str__(self) -> str:
        return f"Dokumen final {self.laporan}"

    @property
    def ditandatangani(self) -> bool:
        return self.status == self.Status.DITANDATANGANI

    @property
    def sedang_disusun(self) -> bool:
        return self.status in (self.Status.MENUNGGU, self.Status.BERJALAN)

    @property
    def tanggal_tanda_tangan(self):
        """The local date of signing (None before)."""
        return timezone.localdate(self.ditandatangani_pada) if self.ditandatangani_pada else None


class RiwayatStatus(models.Model):
    """One step of the workflow: who did what to which version, when, from which status to which,
    with the note and the warnings acknowledged (approval)."""

    class Aksi(models.TextChoices):
        AJUKAN = "ajukan", "Diajukan"
        KEMBALIKAN_DRAF = "kembalikan_draf", "Dikembalikan ke draf oleh camat"
        SETUJUI = "setujui", "Disetujui camat"
        TANDATANGANI = "tandatangani", "Ditandatangani"
        BUKA_REVIU = "buka_reviu", "Direviu inspektorat"
        TERIMA = "terima", "Diterima inspektorat"
        KEMBALIKAN = "kembalikan", "Dikembalikan inspektorat"
        VERSI_BARU = "versi_baru", "Versi baru dibuat"

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="riwayat_status")
    aksi = models.CharField("aksi", max_length=16, choices=Aksi.choices)
    dari = models.CharField("dari status", max_length=16, choices=Laporan.Status.choices, blank=True)
    ke = models.CharField("ke status", max_length=16, choices=Laporan.Status.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text: the record outlives a deleted account.
    nama_pengguna = models.CharField("oleh", max_length=200, blank=True)
    waktu = models.DateTimeField("waktu")
    catatan = models.TextField("catatan", blank=True)
    peringatan = models.JSONField("peringatan yang diakui", default=list, blank=True)

    class Meta:
        verbose_name = "riwayat status laporan"
        verbose_name_plural = "riwayat status laporan"
        ordering = ["laporan_id", "waktu", "id"]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()} — {self.laporan}"


class CatatanReviu(models.Model):
    """A review note of Inspektorat on one version, on the whole report (kode "") or one block."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="catatan_reviu")
    kode = models.CharField("bagian", max_length=40, choices=PILIHAN_BLOK, blank=True)
    teks = models.TextField("catatan")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nama_pengguna = models.CharField("oleh", max_length=200, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["laporan_id", "dibuat", "id"]

    def __str__(self) -> str:
        return f"{self.get_kode_display() or 'Umum'} — {self.laporan}"


class PercobaanFrasaSandi(models.Model):
    """A wrong passphrase entered when signing: counted to refuse guessing (a few per quarter hour
    per user). Never holds the passphrase itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="+")
    waktu = models.DateTimeField("waktu", db_index=True)

    class Meta:
        verbose_name = "percobaan frasa sandi salah"
        verbose_name_plural = "percobaan frasa sandi salah"
        ordering = ["user_id", "waktu"]

    def __str__(self) -> str:
        return f"Frasa sandi salah: {self.user} ({self.waktu:%Y-%m-%d %H:%M})"
