"""Pages of the report's own content: the outline of a kecamatan's report for a year (blocks on or
off, titles, texts), the narrative editor, tempat and tanggal, penghargaan, SDM tables,
permasalahan, isu strategis, the bagan organisasi and lampiran images; for the admin kabupaten the
kabupaten defaults of the outline and the logo. Uploaded images are served only by `berkas_lihat`
and `logo_lihat`, which check who asks.

Reading: everyone who may read the kecamatan. Writing: operator and camat of the kecamatan
(`kecamatan_untuk(..., tulis=True)`: another kecamatan 404, a reading role 403); the services check
again, and refuse a report that is no longer a draft (403 with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laporan import selectors
from laporan import services as layanan
from laporan.forms_isi import (
    BerkasForm,
    BlokForm,
    IsuStrategisForm,
    KerangkaKabupatenForm,
    KeteranganForm,
    LogoForm,
    PenandatangananForm,
    PenghargaanForm,
    PermasalahanForm,
    SdmForm,
)
from laporan.kerangka import BAB, BLOK, JUDUL_BAB
from laporan.models import (
    BerkasLaporan,
    BlokKabupaten,
    BlokLaporan,
    IsuStrategis,
    Laporan,
    LogoKabupaten,
    Narasi,
    Penghargaan,
    Permasalahan,
    SdmRekap,
)
from laporan.narasi import BANTUAN_FORMAT, paragraf
from lkjip.akses import (
    bisa_mengedit,
    kabupaten_dikelola,
    kabupaten_kelola,
    kecamatan_terlihat,
    kecamatan_untuk,
)
from lkjip.konfirmasi import hapus_setelah_konfirmasi
from lkjip.models import Kabupaten, Kecamatan

TAHUN_MIN, TAHUN_MAKS = 1990, 2100
NAMA_BAB = {"depan": "Bagian awal", "lampiran": "Lampiran"}


# --- scope ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lingkup:
    """The kecamatan and year a page is about, the latest report (None: not started) and whether
    the user may change it."""

    kecamatan: Kecamatan
    tahun: int
    laporan: Laporan | None
    boleh_ubah: bool

    @property
    def terkunci(self) -> bool:
        return self.laporan is not None and not self.laporan.bisa_diubah

    @property
    def url_detail(self) -> str:
        return reverse("laporan:isi_detail", args=[self.kecamatan.pk, self.tahun])

    def konteks(self, **lain) -> dict:
        return {
            "kecamatan": self.kecamatan,
            "tahun": self.tahun,
            "laporan": self.laporan,
            "boleh_ubah": self.boleh_ubah and not self.terkunci,
            "terkunci": self.terkunci,
            "url_detail": self.url_detail,
            **lain,
        }


def _lingkup(request: HttpRequest, pk: int, tahun: int, *, tulis: bool = False) -> Lingkup:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun laporan tidak dikenal.")
    kecamatan = kecamatan_untuk(request, pk, tulis=tulis)
    laporan = selectors.laporan_terbaru(kecamatan=kecamatan, tahun=tahun)
    if laporan is not None:
        laporan.kecamatan = kecamatan
    lingkup = Lingkup(kecamatan, tahun, laporan, bisa_mengedit(request.user, kecamatan))
    if tulis and lingkup.terkunci:
        raise PermissionDenied(layanan.laporan_terkunci(laporan))
    return lingkup


def _objek(queryset, lingkup: Lingkup, obj_pk: int, pesan: str):
    obj = queryset.filter(kecamatan=lingkup.kecamatan, pk=obj_pk).first()
    if obj is None:
        raise Http404(pesan)
    obj.kecamatan = lingkup.kecamatan
    return obj


def _pasang_kesalahan(e: ValidationError, form: BaseForm) -> None:
    pesan = getattr(e, "message_dict", None) or {"__all__": e.messages}
    for nama, isi in pesan.items():
        form.add_error(nama if nama in form.fields else None, isi)


def _hal(request: HttpRequest, template: str, konteks: dict) -> HttpResponse:
    return render(request, f"laporan/isi/{template}", konteks)


# --- the report: outline, blocks, tempat/tanggal ----------------------------------------------------


@login_required
@require_GET
def isi_detail(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun)
    isi = selectors.isi_laporan(lingkup.kecamatan, tahun)
    bab = [
        (kode, NAMA_BAB.get(kode, f"BAB {kode} {JUDUL_BAB[kode]}"), [b for b in isi.blok if b.bab == kode])
        for kode in BAB
    ]
    return _hal(
        request,
        "laporan_isi.html",
        lingkup.konteks(
            isi=isi,
            bab=bab,
            ringkasan={
                "penghargaan": len(isi.penghargaan),
                "sdm": sum(len(t.baris) for t in isi.sdm),
                "permasalahan": len(isi.permasalahan),
                "isu": len(isi.isu_strategis),
                "lampiran": len(isi.lampiran),
            },
        ),
    )


def _bawaan_kabupaten(kecamatan: Kecamatan, kode: str) -> tuple[str, bool]:
    blok = BLOK[kode]
    kab = BlokKabupaten.objects.filter(kabupaten_id=kecamatan.kabupaten_id, kode=kode).first()
    if kab is None:
        return blok.judul, blok.aktif_bawaan
    return kab.judul or blok.judul, kab.aktif


@login_required
@require_http_methods(["GET", "POST"])
def blok_ubah(request: HttpRequest, pk: int, tahun: int, kode: str) -> HttpResponse:
    """The block editor: title, on/off and (blocks with text) the text with a preview."""
    blok = BLOK.get(kode)
    if blok is None:
        raise Http404("Blok laporan tidak dikenal.")
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    judul_bawaan, aktif_bawaan = _bawaan_kabupaten(lingkup.kecamatan, kode)
    isi = selectors.isi_laporan(lingkup.kecamatan, tahun).blok_kode(kode)
    atur = BlokLaporan.objects.filter(laporan=lingkup.laporan, kode=kode).first() if lingkup.laporan else None
    form = BlokForm(
        request.POST or None,
        blok=blok,
        judul_bawaan=judul_bawaan,
        aktif_bawaan=aktif_bawaan,
        initial=BlokForm.nilai_awal(atur.aktif if atur else None, atur.judul if atur else "", isi.teks),
    )
    pratinjau = isi.paragraf
    if request.method == "POST" and form.is_valid():
        teks = form.cleaned_data.get("teks") if blok.bisa_diisi else None
        if request.POST.get("aksi") == "pratinjau":
            pratinjau = paragraf(teks or "")
        else:
            try:
                layanan.blok_simpan(
                    user=request.user,
                    kecamatan=lingkup.kecamatan,
                    tahun=tahun,
                    kode=kode,
                    aktif=form.cleaned_data["aktif"],
                    judul=form.cleaned_data["judul"],
                    teks=teks,
                )
            except ValidationError as e:
                _pasang_kesalahan(e, form)
            else:
                messages.success(request, f"{form.cleaned_data['judul'] or judul_bawaan} disimpan.")
                return redirect(f"{lingkup.url_detail}#blok-{kode}")
    return _hal(
        request,
        "blok_ubah.html",
        lingkup.konteks(
            blok=blok,
            isi=isi,
            form=form,
            pratinjau=pratinjau,
            bantuan=BANTUAN_FORMAT,
            url_bawaan=reverse("laporan:narasi_bawaan", args=[pk, tahun, kode]),
        ),
    )


@login_required
@require_POST
def blok_pratinjau(request: HttpRequest, pk: int, tahun: int, kode: str) -> HttpResponse:
    """The preview of a text being typed (htmx), as the report will show it; writes nothing."""
    if kode not in BLOK:
        raise Http404("Blok laporan tidak dikenal.")
    _lingkup(request, pk, tahun, tulis=True)
    return _hal(request, "_pratinjau.html", {"pratinjau": paragraf(request.POST.get("teks", ""))})


@login_required
@require_POST
def blok_aktif(request: HttpRequest, pk: int, tahun: int, kode: str) -> HttpResponse:
    """Switch a block on or off in this report (from the outline page)."""
    if kode not in BLOK:
        raise Http404("Blok laporan tidak dikenal.")
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    aktif = request.POST.get("aktif") == "1"
    atur = BlokLaporan.objects.filter(laporan=lingkup.laporan, kode=kode).first() if lingkup.laporan else None
    layanan.blok_laporan_simpan(
        user=request.user,
        kecamatan=lingkup.kecamatan,
        tahun=tahun,
        kode=kode,
        aktif=aktif,
        judul=atur.judul if atur else "",
    )
    judul = selectors.isi_laporan(lingkup.kecamatan, tahun).blok_kode(kode).judul
    messages.success(request, f"{judul} {'ditampilkan' if aktif else 'disembunyikan'} dalam laporan.")
    return redirect(f"{lingkup.url_detail}#blok-{kode}")


@login_required
@require_http_methods(["GET", "POST"])
def narasi_bawaan(request: HttpRequest, pk: int, tahun: int, kode: str) -> HttpResponse:
    """Drop the typed text of a block, after confirmation, so that it shows the default text."""
    blok = BLOK.get(kode)
    if blok is None or not blok.bisa_diisi:
        raise Http404("Blok laporan tidak dikenal.")
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    ada = lingkup.laporan is not None and Narasi.objects.filter(laporan=lingkup.laporan, kode=kode).exists()
    isi = selectors.isi_laporan(lingkup.kecamatan, tahun).blok_kode(kode)
    url_blok = reverse("laporan:blok_ubah", args=[pk, tahun, kode])
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.narasi_kembalikan(
            user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun, kode=kode
        ),
        berhasil=f"Teks {isi.judul} dikembalikan ke teks bawaan.",
        tujuan=url_blok,
        template="laporan/isi/narasi_bawaan.html",
        konteks=lingkup.konteks(blok=blok, isi=isi, url_batal=url_blok),
        galat="" if ada else "Blok ini sudah memakai teks bawaan.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def penandatanganan_ubah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    lap = lingkup.laporan
    form = PenandatangananForm(
        request.POST or None,
        tahun=tahun,
        initial={
            "tempat": (lap.tempat if lap else "") or lingkup.kecamatan.nama,
            "tanggal": lap.tanggal if lap else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            layanan.laporan_penandatanganan_simpan(
                user=request.user, kecamatan=lingkup.kecamatan, tahun=tahun, **form.cleaned_data
            )
        except ValidationError as e:
            _pasang_kesalahan(e, form)
        else:
            messages.success(request, "Tempat dan tanggal penandatanganan disimpan.")
            return redirect(lingkup.url_detail)
    return _hal(request, "penandatanganan_ubah.html", lingkup.konteks(form=form))


# --- lists of the kecamatan: penghargaan, SDM, permasalahan, isu strategis --------------------------


@dataclass(frozen=True)
class Daftar:
    """What the list pages of one kind of row share."""

    nama: str  # url name prefix
    model: type
    form: type
    judul: str
    satuan: str  # "penghargaan", "baris SDM", ... as in messages
    per_tahun: bool
    bisa_pindah: bool

    def queryset(self, lingkup: Lingkup):
        qs = self.model.objects.filter(kecamatan=lingkup.kecamatan)
        return qs.filter(tahun=lingkup.tahun) if self.per_tahun else qs

    def url_daftar(self, lingkup: Lingkup) -> str:
        return reverse(f"laporan:{self.nama}_daftar", args=[lingkup.kecamatan.pk, lingkup.tahun])


PENGHARGAAN = Daftar(
    "penghargaan", Penghargaan, PenghargaanForm, "Prestasi dan penghargaan", "penghargaan", True, False
)
SDM = Daftar("sdm", SdmRekap, SdmForm, "Sumber daya manusia", "baris SDM", True, False)
PERMASALAHAN = Daftar(
    "permasalahan", Permasalahan, PermasalahanForm, "Permasalahan", "permasalahan", False, True
)
ISU = Daftar("isu", IsuStrategis, IsuStrategisForm, "Isu strategis", "isu strategis", False, True)


def _daftar(request: HttpRequest, d: Daftar, pk: int, tahun: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun)
    baris = list(d.queryset(lingkup))
    konteks = lingkup.konteks(daftar=d, baris=baris)
    if d is SDM:
        per_kategori: dict[str, list[SdmRekap]] = {}
        for b in baris:
            per_kategori.setdefault(b.kategori, []).append(b)
        konteks["tabel"] = [(t, per_kategori[t.kategori]) for t in selectors.tabel_sdm(baris)]
    return _hal(request, f"{d.nama}_daftar.html", konteks)


def _simpan_baris(request: HttpRequest, d: Daftar, lingkup: Lingkup, obj) -> HttpResponse:
    awal = {}
    if obj is not None:
        awal = (
            d.form.nilai_awal(obj)
            if hasattr(d.form, "nilai_awal")
            else {f: getattr(obj, f) for f in d.form.base_fields}
        )
    form = d.form(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            if d is PENGHARGAAN:
                layanan.penghargaan_simpan(
                    user=request.user,
                    kecamatan=lingkup.kecamatan,
                    penghargaan=obj,
                    tahun=lingkup.tahun,
                    **form.cleaned_data,
                )
            elif d is SDM:
                layanan.sdm_simpan(
                    user=request.user,
                    kecamatan=lingkup.kecamatan,
                    baris=obj,
                    tahun=lingkup.tahun,
                    **form.cleaned_data,
                )
            elif d is PERMASALAHAN:
                layanan.permasalahan_simpan(
                    user=request.user, kecamatan=lingkup.kecamatan, permasalahan=obj, **form.cleaned_data
                )
            else:
                layanan.isu_strategis_simpan(
                    user=request.user, kecamatan=lingkup.kecamatan, isu=obj, **form.cleaned_data
                )
        except ValidationError as e:
            _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{d.satuan.capitalize()} disimpan.")
            return redirect(d.url_daftar(lingkup))
    return _hal(
        request,
        "baris_ubah.html",
        lingkup.konteks(
            daftar=d,
            obj=obj,
            form=form,
            url_batal=d.url_daftar(lingkup),
            pilihan_kategori=list(SdmRekap.KATEGORI) if d is SDM else [],
        ),
    )


def _hapus_baris(request: HttpRequest, d: Daftar, lingkup: Lingkup, obj) -> HttpResponse:
    hapus = {
        "penghargaan": lambda: layanan.penghargaan_hapus(user=request.user, penghargaan=obj),
        "sdm": lambda: layanan.sdm_hapus(user=request.user, baris=obj),
        "permasalahan": lambda: layanan.permasalahan_hapus(user=request.user, permasalahan=obj),
        "isu": lambda: layanan.isu_strategis_hapus(user=request.user, isu=obj),
    }[d.nama]
    return hapus_setelah_konfirmasi(
        request,
        hapus=hapus,
        berhasil=f"{d.satuan.capitalize()} dihapus.",
        tujuan=d.url_daftar(lingkup),
        template="laporan/isi/baris_hapus.html",
        konteks=lingkup.konteks(daftar=d, obj=obj, url_batal=d.url_daftar(lingkup)),
    )


def _pindah_baris(request: HttpRequest, d: Daftar, lingkup: Lingkup, obj) -> HttpResponse:
    arah = request.POST.get("arah", "")
    try:
        if d is PERMASALAHAN:
            layanan.permasalahan_pindah(user=request.user, permasalahan=obj, arah=arah)
        else:
            layanan.isu_strategis_pindah(user=request.user, isu=obj, arah=arah)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(f"{d.url_daftar(lingkup)}#baris-{obj.pk}")


def _pola_daftar(d: Daftar) -> list:
    """daftar, tambah, ubah, hapus (and pindah) views of one kind of row."""

    @login_required
    @require_GET
    def daftar(request, pk: int, tahun: int):
        return _daftar(request, d, pk, tahun)

    @login_required
    @require_http_methods(["GET", "POST"])
    def tambah(request, pk: int, tahun: int):
        return _simpan_baris(request, d, _lingkup(request, pk, tahun, tulis=True), None)

    def _satu(request, pk, tahun, obj_pk):
        lingkup = _lingkup(request, pk, tahun, tulis=True)
        obj = _objek(d.queryset(lingkup), lingkup, obj_pk, f"{d.satuan.capitalize()} tidak ditemukan.")
        return lingkup, obj

    @login_required
    @require_http_methods(["GET", "POST"])
    def ubah(request, pk: int, tahun: int, obj_pk: int):
        return _simpan_baris(request, d, *_satu(request, pk, tahun, obj_pk))

    @login_required
    @require_http_methods(["GET", "POST"])
    def hapus(request, pk: int, tahun: int, obj_pk: int):
        return _hapus_baris(request, d, *_satu(request, pk, tahun, obj_pk))

    @login_required
    @require_POST
    def pindah(request, pk: int, tahun: int, obj_pk: int):
        return _pindah_baris(request, d, *_satu(request, pk, tahun, obj_pk))

    awal = f"kecamatan/<int:pk>/laporan/<int:tahun>/{d.nama}/"
    pola = [
        path(awal, daftar, name=f"{d.nama}_daftar"),
        path(f"{awal}tambah/", tambah, name=f"{d.nama}_tambah"),
        path(f"{awal}<int:obj_pk>/ubah/", ubah, name=f"{d.nama}_ubah"),
        path(f"{awal}<int:obj_pk>/hapus/", hapus, name=f"{d.nama}_hapus"),
    ]
    if d.bisa_pindah:
        pola.append(path(f"{awal}<int:obj_pk>/pindah/", pindah, name=f"{d.nama}_pindah"))
    return pola


# --- images: bagan and lampiran ---------------------------------------------------------------------


def _berkas(lingkup: Lingkup, obj_pk: int, jenis: str) -> BerkasLaporan:
    obj = (
        BerkasLaporan.objects.filter(laporan=lingkup.laporan, jenis=jenis, pk=obj_pk).first()
        if lingkup.laporan
        else None
    )
    if obj is None:
        raise Http404("Berkas tidak ditemukan.")
    obj.laporan = lingkup.laporan
    return obj


def _unggah(request: HttpRequest, lingkup: Lingkup, jenis: str, form: BerkasForm) -> bool:
    if not form.is_valid():
        return False
    try:
        layanan.berkas_unggah(
            user=request.user,
            kecamatan=lingkup.kecamatan,
            tahun=lingkup.tahun,
            jenis=jenis,
            berkas=form.cleaned_data["berkas"],
            keterangan=form.cleaned_data["keterangan"],
        )
    except ValidationError as e:
        _pasang_kesalahan(e, form)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def bagan_ubah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The bagan organisasi of the report: shown, replaced by an upload, deleted."""
    lingkup = _lingkup(request, pk, tahun, tulis=request.method == "POST")
    form = BerkasForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and _unggah(request, lingkup, BerkasLaporan.Jenis.BAGAN, form):
        messages.success(request, "Bagan organisasi diunggah.")
        return redirect(reverse("laporan:bagan_ubah", args=[pk, tahun]))
    sendiri = (
        BerkasLaporan.objects.filter(laporan=lingkup.laporan, jenis=BerkasLaporan.Jenis.BAGAN).first()
        if lingkup.laporan
        else None
    )
    bagan = selectors.isi_laporan(lingkup.kecamatan, tahun).bagan
    return _hal(request, "bagan_ubah.html", lingkup.konteks(form=form, bagan=bagan, sendiri=sendiri))


@login_required
@require_http_methods(["GET", "POST"])
def bagan_hapus(request: HttpRequest, pk: int, tahun: int, obj_pk: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    obj = _berkas(lingkup, obj_pk, BerkasLaporan.Jenis.BAGAN)
    url = reverse("laporan:bagan_ubah", args=[pk, tahun])
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.berkas_hapus(user=request.user, berkas=obj),
        berhasil="Bagan organisasi dihapus.",
        tujuan=url,
        template="laporan/isi/berkas_hapus.html",
        konteks=lingkup.konteks(obj=obj, apa="bagan organisasi", url_batal=url),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lampiran_daftar(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The scanned pages attached to the report, in order, with the upload form."""
    lingkup = _lingkup(request, pk, tahun, tulis=request.method == "POST")
    form = BerkasForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and _unggah(request, lingkup, BerkasLaporan.Jenis.LAMPIRAN, form):
        messages.success(request, "Lampiran diunggah.")
        return redirect(reverse("laporan:lampiran_daftar", args=[pk, tahun]))
    berkas = (
        list(BerkasLaporan.objects.filter(laporan=lingkup.laporan, jenis=BerkasLaporan.Jenis.LAMPIRAN))
        if lingkup.laporan
        else []
    )
    return _hal(request, "lampiran_daftar.html", lingkup.konteks(form=form, berkas=berkas))


@login_required
@require_http_methods(["GET", "POST"])
def lampiran_ubah(request: HttpRequest, pk: int, tahun: int, obj_pk: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    obj = _berkas(lingkup, obj_pk, BerkasLaporan.Jenis.LAMPIRAN)
    form = KeteranganForm(request.POST or None, initial={"keterangan": obj.keterangan})
    url = reverse("laporan:lampiran_daftar", args=[pk, tahun])
    if request.method == "POST" and form.is_valid():
        try:
            layanan.berkas_ubah(user=request.user, berkas=obj, **form.cleaned_data)
        except ValidationError as e:
            _pasang_kesalahan(e, form)
        else:
            messages.success(request, "Keterangan lampiran disimpan.")
            return redirect(f"{url}#berkas-{obj.pk}")
    return _hal(request, "lampiran_ubah.html", lingkup.konteks(form=form, obj=obj, url_batal=url))


@login_required
@require_POST
def lampiran_pindah(request: HttpRequest, pk: int, tahun: int, obj_pk: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    obj = _berkas(lingkup, obj_pk, BerkasLaporan.Jenis.LAMPIRAN)
    try:
        layanan.berkas_pindah(user=request.user, berkas=obj, arah=request.POST.get("arah", ""))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(reverse("laporan:lampiran_daftar", args=[pk, tahun]) + f"#berkas-{obj.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def lampiran_hapus(request: HttpRequest, pk: int, tahun: int, obj_pk: int) -> HttpResponse:
    lingkup = _lingkup(request, pk, tahun, tulis=True)
    obj = _berkas(lingkup, obj_pk, BerkasLaporan.Jenis.LAMPIRAN)
    url = reverse("laporan:lampiran_daftar", args=[pk, tahun])
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.berkas_hapus(user=request.user, berkas=obj),
        berhasil="Lampiran dihapus.",
        tujuan=url,
        template="laporan/isi/berkas_hapus.html",
        konteks=lingkup.konteks(obj=obj, apa="lampiran", url_batal=url),
    )


def _kirim_gambar(berkas_field, mime: str, nama: str) -> FileResponse:
    try:
        berkas = berkas_field.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan.") from None
    respons = FileResponse(berkas, content_type=mime, as_attachment=False, filename=nama)
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Content-Security-Policy"] = "default-src 'none'"
    respons["Cache-Control"] = "private, max-age=300"
    return respons


@login_required
@require_GET
def berkas_lihat(request: HttpRequest, obj_pk: int) -> HttpResponse:
    """An uploaded image of a report, for whoever may read its kecamatan (else 404)."""
    obj = (
        BerkasLaporan.objects.select_related("laporan")
        .filter(pk=obj_pk, laporan__kecamatan__in=kecamatan_terlihat(request.user))
        .first()
    )
    if obj is None:
        raise Http404("Berkas tidak ditemukan.")
    ext = ".png" if obj.mime == "image/png" else ".jpg"
    return _kirim_gambar(obj.berkas, obj.mime, f"{obj.jenis}-{obj.pk}{ext}")


# --- kabupaten: defaults of the outline, logo --------------------------------------------------------


def _kabupaten_kelola(request: HttpRequest, pk: int) -> Kabupaten:
    """A kabupaten the user administers (not an admin: 403; another kabupaten: 404)."""
    kabupaten_kelola(request)
    kabupaten = kabupaten_dikelola(request.user).filter(pk=pk).first()
    if kabupaten is None:
        raise Http404("Kabupaten tidak ditemukan.")
    return kabupaten


@login_required
@require_GET
def kerangka_laporan(request: HttpRequest) -> HttpResponse:
    """The menu entry: the outline defaults of the (first) kabupaten the user administers."""
    kabupaten = kabupaten_kelola(request)
    if not kabupaten:
        raise PermissionDenied("Anda tidak mengelola kabupaten mana pun.")
    return redirect("laporan:kerangka_kabupaten", kabupaten[0].pk)


@login_required
@require_http_methods(["GET", "POST"])
def kerangka_kabupaten(request: HttpRequest, pk: int) -> HttpResponse:
    """The kabupaten defaults of the outline: which blocks every report shows, under which title."""
    kabupaten = _kabupaten_kelola(request, pk)
    form = KerangkaKabupatenForm(
        request.POST or None, pengaturan=selectors.kerangka_kabupaten(kabupaten=kabupaten)
    )
    if request.method == "POST" and form.is_valid():
        jumlah = layanan.blok_kabupaten_simpan(
            user=request.user, kabupaten=kabupaten, pengaturan=form.pengaturan()
        )
        messages.success(request, f"Bawaan kerangka laporan disimpan ({jumlah} blok berubah).")
        return redirect(reverse("laporan:kerangka_kabupaten", args=[pk]))
    bab = [
        (
            kode,
            NAMA_BAB.get(kode, f"BAB {kode} {JUDUL_BAB[kode]}"),
            [r for r in form.baris() if r[0].bab == kode],
        )
        for kode in BAB
    ]
    logo = LogoKabupaten.objects.filter(kabupaten=kabupaten).first()
    return _hal(
        request, "kerangka_kabupaten.html", {"kabupaten": kabupaten, "form": form, "bab": bab, "logo": logo}
    )


@login_required
@require_http_methods(["GET", "POST"])
def logo_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    kabupaten = _kabupaten_kelola(request, pk)
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            layanan.logo_unggah(user=request.user, kabupaten=kabupaten, berkas=form.cleaned_data["berkas"])
        except ValidationError as e:
            _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"Logo Kabupaten {kabupaten.nama} diunggah.")
            return redirect(reverse("laporan:logo_ubah", args=[pk]))
    logo = LogoKabupaten.objects.filter(kabupaten=kabupaten).first()
    return _hal(request, "logo_ubah.html", {"kabupaten": kabupaten, "form": form, "logo": logo})


@login_required
@require_http_methods(["GET", "POST"])
def logo_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    kabupaten = _kabupaten_kelola(request, pk)
    url = reverse("laporan:logo_ubah", args=[pk])
    ada = LogoKabupaten.objects.filter(kabupaten=kabupaten).exists()
    return hapus_setelah_konfirmasi(
        request,
        hapus=lambda: layanan.logo_hapus(user=request.user, kabupaten=kabupaten),
        berhasil=f"Logo Kabupaten {kabupaten.nama} dihapus.",
        tujuan=url,
        template="laporan/isi/logo_hapus.html",
        konteks={"kabupaten": kabupaten, "url_batal": url},
        galat="" if ada else "Kabupaten ini belum memiliki logo.",
    )


@login_required
@require_GET
def logo_lihat(request: HttpRequest, pk: int) -> HttpResponse:
    """The kabupaten logo, for whoever may read one of its kecamatan or administers it (else 404)."""
    terlihat = kecamatan_terlihat(request.user).filter(kabupaten_id=pk).exists()
    if not terlihat and not kabupaten_dikelola(request.user).filter(pk=pk).exists():
        raise Http404("Logo tidak ditemukan.")
    logo = LogoKabupaten.objects.filter(kabupaten_id=pk).first()
    if logo is None:
        raise Http404("Logo tidak ditemukan.")
    ext = ".png" if logo.mime == "image/png" else ".jpg"
    return _kirim_gambar(logo.berkas, logo.mime, f"logo{ext}")


AWAL = "kecamatan/<int:pk>/laporan/<int:tahun>/"

urlpatterns = [
    path(AWAL, isi_detail, name="isi_detail"),
    path(f"{AWAL}blok/<slug:kode>/", blok_ubah, name="blok_ubah"),
    path(f"{AWAL}blok/<slug:kode>/pratinjau/", blok_pratinjau, name="blok_pratinjau"),
    path(f"{AWAL}blok/<slug:kode>/aktif/", blok_aktif, name="blok_aktif"),
    path(f"{AWAL}blok/<slug:kode>/bawaan/", narasi_bawaan, name="narasi_bawaan"),
    path(f"{AWAL}penandatanganan/", penandatanganan_ubah, name="penandatanganan_ubah"),
    *_pola_daftar(PENGHARGAAN),
    *_pola_daftar(SDM),
    *_pola_daftar(PERMASALAHAN),
    *_pola_daftar(ISU),
    path(f"{AWAL}bagan/", bagan_ubah, name="bagan_ubah"),
    path(f"{AWAL}bagan/<int:obj_pk>/hapus/", bagan_hapus, name="bagan_hapus"),
    path(f"{AWAL}lampiran/", lampiran_daftar, name="lampiran_daftar"),
    path(f"{AWAL}lampiran/<int:obj_pk>/ubah/", lampiran_ubah, name="lampiran_ubah"),
    path(f"{AWAL}lampiran/<int:obj_pk>/pindah/", lampiran_pindah, name="lampiran_pindah"),
    path(f"{AWAL}lampiran/<int:obj_pk>/hapus/", lampiran_hapus, name="lampiran_hapus"),
    path("berkas/<int:obj_pk>/", berkas_lihat, name="berkas_lihat"),
    path("administrasi/kerangka-laporan/", kerangka_laporan, name="kerangka_laporan"),
    path("kabupaten/<int:pk>/kerangka-laporan/", kerangka_kabupaten, name="kerangka_kabupaten"),
    path("kabupaten/<int:pk>/logo/", logo_ubah, name="logo_ubah"),
    path("kabupaten/<int:pk>/logo/hapus/", logo_hapus, name="logo_hapus"),
    path("kabupaten/<int:pk>/logo/berkas/", logo_lihat, name="logo_lihat"),
]
