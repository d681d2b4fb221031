"""factory-boy factories for the core and kinerja models."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from kinerja.models import (
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
from lkjip.models import Desa, Kabupaten, Kecamatan, Pejabat, Penugasan

KATA_SANDI = "sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password(KATA_SANDI)


class KabupatenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kabupaten

    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    provinsi = "Jawa Tengah"


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kecamatan

    kabupaten = factory.SubFactory(KabupatenFactory)
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class DesaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desa

    kecamatan = factory.SubFactory(KecamatanFactory)
    nama = factory.Sequence(lambda n: f"Desa {n}")
    jenis = Desa.Jenis.DESA
    urutan = factory.Sequence(lambda n: n)


class PejabatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pejabat

    kecamatan = factory.SubFactory(KecamatanFactory)
    peran = Pejabat.Peran.KEPALA
    nama = factory.Sequence(lambda n: f"Pejabat {n}")
    jabatan = factory.LazyAttribute(lambda o: f"Camat {o.kecamatan.nama}" if o.kecamatan else "")
    nip = "196707011992091001"
    pangkat = "Pembina Tingkat I"
    golongan = "IV/b"


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan

    user = factory.SubFactory(UserFactory)
    peran = Penugasan.Peran.OPERATOR
    kecamatan = factory.SubFactory(KecamatanFactory)
    kabupaten = None


class RenstraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Renstra

    kecamatan = factory.SubFactory(KecamatanFactory)
    tahun_awal = 2019
    tahun_akhir = 2023
    visi = "Terwujudnya pelayanan publik yang prima"
    misi = factory.LazyFunction(lambda: ["Meningkatkan kualitas pelayanan publik"])
    misi_didukung = factory.LazyFunction(lambda: [1])


class TujuanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tujuan

    renstra = factory.SubFactory(RenstraFactory)
    kode = factory.Sequence(lambda n: f"T{n}")
    uraian = factory.Sequence(lambda n: f"Tujuan {n}")
    urutan = factory.Sequence(lambda n: n)


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    tujuan = factory.SubFactory(TujuanFactory)
    renstra = factory.SelfAttribute("tujuan.renstra")
    kode = factory.Sequence(lambda n: f"S{n}")
    uraian = factory.Sequence(lambda n: f"Sasaran {n}")
    urutan = factory.Sequence(lambda n: n)


class SdmSasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SdmSasaran

    sasaran = factory.SubFactory(SasaranFactory)
    tahun = 2021
    target = 10
    realisasi = 9


class IndikatorFactory(factory.django.DjangoModelFactory):
    """An indicator of a sasaran (pass `tujuan=` and `sasaran=None` for an indicator of a tujuan)."""

    class Meta:
        model = Indikator

    sasaran = factory.SubFactory(SasaranFactory)
    tujuan = None
    renstra = factory.LazyAttribute(lambda o: (o.sasaran or o.tujuan).renstra)
    kode = factory.Sequence(lambda n: f"I{n}")
    nama = factory.Sequence(lambda n: f"Indikator {n}")
    satuan = "%"
    urutan = factory.Sequence(lambda n: n)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2021
    nilai = Decimal("100")


class PerjanjianKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    kecamatan = factory.SubFactory(KecamatanFactory)
    tahun = 2021
    jenis = PerjanjianKinerja.Jenis.MURNI
    tanggal = date(2021, 1, 4)
    tempat = "Ajibarang"


class TargetPKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetPK

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    indikator = factory.SubFactory(IndikatorFactory)
    nilai = Decimal("100")
    urutan = factory.Sequence(lambda n: n)


class TargetTriwulanPKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetTriwulanPK

    baris = factory.SubFactory(TargetPKFactory)
    triwulan = 1
    nilai = Decimal("25")


class ProgramPKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramPK

    perjanjian = factory.SubFactory(PerjanjianKinerjaFactory)
    nama = factory.Sequence(lambda n: f"Program {n}")
    anggaran = Decimal("1000000")
    sumber = "APBD"
    urutan = factory.Sequence(lambda n: n)


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    indikator = factory.SubFactory(IndikatorFactory)
    tahun = 2021
    periode = Realisasi.Periode.TAHUNAN
    nilai = Decimal("90")
    status = Realisasi.Status.FINAL
