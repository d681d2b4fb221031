"""factory-boy factories for the anggaran models."""

import factory

from anggaran.models import Belanja, IndikatorKeluaran, PosAnggaran, ProgramSasaran, TahunAnggaran, Tingkat
from tests.factories import KecamatanFactory


class TahunAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TahunAnggaran

    kecamatan = factory.SubFactory(KecamatanFactory)
    tahun = 2024


class PosAnggaranFactory(factory.django.DjangoModelFactory):
    """A program by default; give `induk` for a kegiatan or sub kegiatan (tingkat follows)."""

    class Meta:
        model = PosAnggaran

    tahun_anggaran = factory.LazyAttribute(
        lambda o: o.induk.tahun_anggaran if o.induk else TahunAnggaranFactory()
    )
    induk = None
    tingkat = factory.LazyAttribute(
        lambda o: {None: Tingkat.PROGRAM, Tingkat.PROGRAM: Tingkat.KEGIATAN}.get(
            o.induk.tingkat if o.induk else None, Tingkat.SUB_KEGIATAN
        )
    )
    nama = factory.Sequence(lambda n: f"Pos anggaran {n}")
    urutan = factory.Sequence(lambda n: n)


class IndikatorKeluaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorKeluaran

    pos = factory.SubFactory(PosAnggaranFactory)
    nama = factory.Sequence(lambda n: f"Jumlah dokumen {n}")
    satuan = "dokumen"


class ProgramSasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramSasaran

    program = factory.SubFactory(PosAnggaranFactory)


class BelanjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Belanja

    tahun_anggaran = factory.SubFactory(TahunAnggaranFactory)
