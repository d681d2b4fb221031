"""The budget pages: the years of a kecamatan, the tree of a year (sums and serapan at every level,
inline edit of a leaf's amounts with htmx), entry forms for every pos, jenis belanja, the
program -> sasaran mapping, history, and the Excel template, upload and export (anggaran/excel.py).

Everyone who may read the kecamatan sees the pages; its operator and camat change them. Another
kecamatan's pages answer 404, a read-only role 403 on the editing pages."""

from __future__ import annotations

import base64
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from anggaran import excel, selectors, services
from anggaran.forms import (
    AlasanForm,
    BelanjaForm,
    BelanjaFormSet,
    IndikatorFormSet,
    IndikatorKeluaranForm,
    JumlahForm,
    PosForm,
    ProgramSasaranForm,
    TahunForm,
    UnggahExcelForm,
)
from anggaran.models import TINGKAT_ANAK, PosAnggaran, TahunAnggaran, Tingkat
from lkjip.akses import bisa_mengedit, kecamatan_untuk
from lkjip.excel import respons_xlsx
from lkjip.models import Kecamatan

PESAN_PERIKSA = "Ada isian yang belum benar, jadi belum ada yang disimpan. Periksa isian bertanda merah."
RIWAYAT_PER_HALAMAN = 25


def _pasang_kesalahan(e: ValidationError, form: BaseForm | None) -> list[str]:
    """Put a service's refusal on the form's fields; what has no field is returned for the page."""
    lain: list[str] = []
    pesan = getattr(e, "message_dict", None) or {"__all__": e.messages}
    for nama, isi in pesan.items():
        if form is not None and nama in form.fields:
            form.add_error(nama, isi)
        else:
            lain.extend(isi)
    return lain


def _tahun(kecamatan: Kecamatan, tahun: int) -> TahunAnggaran:
    ta = selectors.tahun_anggaran(kecamatan=kecamatan, tahun=tahun)
    if ta is None:
        raise Http404("Anggaran tahun ini belum ada.")
    ta.kecamatan = kecamatan
    return ta


def _pos(kecamatan: Kecamatan, pos_pk: int) -> PosAnggaran:
    pos = selectors.pos_untuk(kecamatan=kecamatan, pos_id=pos_pk)
    if pos is None:
        raise Http404("Program/kegiatan/sub kegiatan tidak ditemukan.")
    pos.tahun_anggaran.kecamatan = kecamatan
    return pos


def url_tahun(kecamatan: Kecamatan, tahun: int, pos: PosAnggaran | None = None) -> str:
    url = reverse("anggaran:anggaran_tahun", args=[kecamatan.pk, tahun])
    return f"{url}#pos-{pos.pk}" if pos is not None else url


# --- years ----------------------------------------------------------------------------------------


@login_required
@require_GET
def anggaran_daftar(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    return render(
        request,
        "anggaran/anggaran_daftar.html",
        {
            "kecamatan": kecamatan,
            "daftar": selectors.tahun_anggaran_daftar(kecamatan=kecamatan),
            "form": TahunForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tahun_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    form = TahunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tahun = form.cleaned_data["tahun"]
        try:
            services.tahun_anggaran_buat(user=request.user, kecamatan=kecamatan, tahun=tahun)
        except ValidationError as e:
            form.add_error("tahun", e.messages)
        else:
            messages.success(request, f"Anggaran {tahun} dibuat. Tambahkan programnya.")
            return redirect(url_tahun(kecamatan, tahun))
    return render(request, "anggaran/tahun_tambah.html", {"kecamatan": kecamatan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def tahun_hapus(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    ta = _tahun(kecamatan, tahun)
    jumlah_pos = ta.pos.count()
    galat = ""
    if jumlah_pos:
        galat = (
            f"Anggaran {tahun} tidak dapat dihapus karena masih berisi {jumlah_pos} program/kegiatan/sub "
            "kegiatan. Hapus rinciannya dulu."
        )
    elif request.method == "POST":
        try:
            services.tahun_anggaran_hapus(user=request.user, tahun_anggaran=ta)
        except ValidationError as e:
            galat = " ".join(e.messages)
        else:
            messages.success(request, f"Anggaran {tahun} dihapus.")
            return redirect("anggaran:anggaran_daftar", kecamatan.pk)
    return render(
        request,
        "anggaran/tahun_hapus.html",
        {
            "kecamatan": kecamatan,
            "tahun_anggaran": ta,
            "jumlah_belanja": ta.belanja.count(),
            "galat": galat,
            "url_batal": url_tahun(kecamatan, tahun),
        },
    )


# --- the tree of a year ---------------------------------------------------------------------------


def _konteks_pohon(request: HttpRequest, kecamatan: Kecamatan, pohon: selectors.PohonAnggaran) -> dict:
    return {
        "kecamatan": kecamatan,
        "pohon": pohon,
        "boleh_ubah": bisa_mengedit(request.user, kecamatan),
        "per_sasaran": selectors.anggaran_per_sasaran(pohon=pohon),
        "banding_pk": selectors.pk_anggaran_banding(kecamatan=kecamatan, tahun=pohon.tahun, pohon=pohon),
    }


@login_required
@require_GET
def anggaran_tahun(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    if pohon is None:
        raise Http404("Anggaran tahun ini belum ada.")
    return render(request, "anggaran/anggaran_tahun.html", _konteks_pohon(request, kecamatan, pohon))


@login_required
@require_GET
def efisiensi_tahun(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Efektivitas and efisiensi per sasaran (DOMAIN.md §3.5): capaian against serapan, and the
    Indikator / Dana / SDM table."""
    kecamatan = kecamatan_untuk(request, pk)
    data = selectors.efisiensi_tahun(kecamatan=kecamatan, tahun=tahun)
    if data is None:
        raise Http404("Tidak ada Perjanjian Kinerja atau Renstra untuk tahun ini.")
    return render(
        request,
        "anggaran/efisiensi_tahun.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "data": data,
            "boleh_ubah": bisa_mengedit(request.user, kecamatan),
        },
    )


# --- one pos --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def pos_tambah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    ta = _tahun(kecamatan, tahun)
    induk = None
    if request.GET.get("induk"):
        try:
            induk = _pos(kecamatan, int(request.GET["induk"]))
        except ValueError as e:
            raise Http404("Induk tidak dikenal.") from e
        if induk.tahun_anggaran_id != ta.pk or induk.tingkat not in TINGKAT_ANAK:
            raise Http404("Induk tidak dapat diberi rincian.")
    tingkat = TINGKAT_ANAK[induk.tingkat if induk else None]
    form = PosForm(request.POST or None, tingkat=tingkat, tahun=tahun)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            pos = services.pos_anggaran_tambah(
                user=request.user, tahun_anggaran=ta, induk=induk, **form.data_pos()
            )
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{pos.get_tingkat_display()} {pos.nama} ditambahkan.")
            return redirect(url_tahun(kecamatan, tahun, pos))
    return render(
        request,
        "anggaran/pos_ubah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "induk": induk,
            "tingkat": Tingkat(tingkat),
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": url_tahun(kecamatan, tahun, induk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pos_ubah(request: HttpRequest, pk: int, pos_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pos = _pos(kecamatan, pos_pk)
    tahun = pos.tahun_anggaran.tahun
    form = PosForm(request.POST or None, tingkat=pos.tingkat, tahun=tahun, initial=PosForm.initial_pos(pos))
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.pos_anggaran_ubah(user=request.user, pos=pos, **form.data_pos())
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            messages.success(request, f"{pos.get_tingkat_display()} {pos.nama} disimpan.")
            return redirect(url_tahun(kecamatan, tahun, pos))
    return render(
        request,
        "anggaran/pos_ubah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "pos": pos,
            "induk": pos.induk,
            "tingkat": Tingkat(pos.tingkat),
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": url_tahun(kecamatan, tahun, pos),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pos_hapus(request: HttpRequest, pk: int, pos_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pos = _pos(kecamatan, pos_pk)
    tahun = pos.tahun_anggaran.tahun
    galat = services.pesan_hapus_ditolak(pos, list(pos.anak.all())) or ""
    if not galat and request.method == "POST":
        nama = str(pos)
        try:
            services.pos_anggaran_hapus(user=request.user, pos=pos)
        except ValidationError as e:
            galat = " ".join(e.messages)
        else:
            messages.success(request, f"{nama} dihapus.")
            return redirect(url_tahun(kecamatan, tahun, pos.induk))
    return render(
        request,
        "anggaran/pos_hapus.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "pos": pos,
            "jumlah_indikator": len(pos.indikator.all()),
            "jumlah_sasaran": len(pos.dukungan.all()),
            "galat": galat,
            "url_batal": url_tahun(kecamatan, tahun, pos),
        },
    )


@login_required
@require_POST
def pos_pindah(request: HttpRequest, pk: int, pos_pk: int, arah: str) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pos = _pos(kecamatan, pos_pk)
    if arah not in ("naik", "turun"):
        raise Http404("Arah tidak dikenal.")
    services.pos_anggaran_pindah(user=request.user, pos=pos, arah=-1 if arah == "naik" else 1)
    return redirect(url_tahun(kecamatan, pos.tahun_anggaran.tahun, pos))


@login_required
@require_http_methods(["GET", "POST"])
def pos_jumlah(request: HttpRequest, pk: int, pos_pk: int) -> HttpResponse:
    """A leaf's amounts. With htmx: the tree row turns into inputs (pagu murni, pagu, realisasi) and
    a save answers with the year's tables again (every parent's sum, the per-sasaran budget and the
    warnings change); an error answers with the row and the message on its field. Without htmx: a
    page with every amount field."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pos = _pos(kecamatan, pos_pk)
    tahun = pos.tahun_anggaran.tahun
    if pos.anak.all():
        if request.htmx:
            return _respon_pohon(request, kecamatan, tahun)
        messages.info(request, f"{pos.nama} mempunyai rincian: jumlahnya dihitung dari rincian.")
        return redirect(url_tahun(kecamatan, tahun, pos))
    ringkas = bool(request.htmx)
    # Inline, several rows may be open at once: each row's inputs carry the pos in their names.
    prefix = f"pos{pos.pk}" if ringkas else None
    form = JumlahForm(
        request.POST or None, ringkas=ringkas, prefix=prefix, initial=JumlahForm.initial_pos(pos)
    )
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.pos_anggaran_jumlah_simpan(user=request.user, pos=pos, **form.data_jumlah(pos))
        except ValidationError as e:
            kesalahan = _pasang_kesalahan(e, form)
        else:
            if ringkas:
                return _respon_pohon(request, kecamatan, tahun)
            pos.refresh_from_db()
            pesan = f"Jumlah {pos.nama} disimpan."
            if pos.lebih_pagu:
                messages.warning(request, f"{pesan} Perhatian: realisasi melebihi pagu.")
            else:
                messages.success(request, pesan)
            return redirect(url_tahun(kecamatan, tahun, pos))
    if ringkas:
        pohon = selectors.pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
        return render(
            request,
            "anggaran/_baris_jumlah_ubah.html",
            {
                "kecamatan": kecamatan,
                "pohon": pohon,
                "s": _simpul(pohon, pos),
                "form": form,
                "kesalahan": kesalahan,
            },
        )
    return render(
        request,
        "anggaran/pos_jumlah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "pos": pos,
            "form": form,
            "kesalahan": kesalahan,
            "url_batal": url_tahun(kecamatan, tahun, pos),
        },
    )


def _simpul(pohon: selectors.PohonAnggaran, pos: PosAnggaran) -> selectors.Simpul:
    return next(s for s in pohon.baris() if s.pos.pk == pos.pk)


def _respon_pohon(request: HttpRequest, kecamatan: Kecamatan, tahun: int) -> HttpResponse:
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    respons = render(request, "anggaran/_isi_tahun.html", _konteks_pohon(request, kecamatan, pohon))
    return reswap(retarget(respons, "#isi-tahun"), "outerHTML")


@login_required
@require_GET
def pos_jumlah_batal(request: HttpRequest, pk: int, pos_pk: int) -> HttpResponse:
    """The inline edit cancelled: the row as it is stored (htmx), else back to the tree."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pos = _pos(kecamatan, pos_pk)
    tahun = pos.tahun_anggaran.tahun
    if not request.htmx:
        return redirect(url_tahun(kecamatan, tahun, pos))
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    return render(
        request,
        "anggaran/_baris_pos.html",
        {"kecamatan": kecamatan, "pohon": pohon, "s": _simpul(pohon, pos), "boleh_ubah": True},
    )


@login_required
@require_GET
def pos_riwayat(request: HttpRequest, pk: int, pos_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk)
    pos = _pos(kecamatan, pos_pk)
    halaman = Paginator(selectors.pos_riwayat(pos=pos), RIWAYAT_PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "anggaran/pos_riwayat.html",
        {"kecamatan": kecamatan, "tahun": pos.tahun_anggaran.tahun, "pos": pos, "halaman": halaman},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pos_indikator(request: HttpRequest, pk: int, pos_pk: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pos = _pos(kecamatan, pos_pk)
    tahun = pos.tahun_anggaran.tahun
    formset = IndikatorFormSet(
        request.POST if request.method == "POST" else None,
        prefix="indikator",
        initial=[IndikatorKeluaranForm.initial_indikator(i) for i in pos.indikator.all()],
    )
    kesalahan: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            services.indikator_keluaran_simpan(
                user=request.user, pos=pos, indikator=formset.baris_indikator()
            )
        except ValidationError as e:
            kesalahan = e.messages
        else:
            messages.success(request, f"Indikator keluaran {pos.nama} disimpan.")
            return redirect(url_tahun(kecamatan, tahun, pos))
    elif request.method == "POST":
        kesalahan = [PESAN_PERIKSA]
    return render(
        request,
        "anggaran/pos_indikator.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "pos": pos,
            "formset": formset,
            "kesalahan": kesalahan,
            "url_batal": url_tahun(kecamatan, tahun, pos),
        },
    )


# --- jenis belanja, sasaran -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def belanja_ubah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    ta = _tahun(kecamatan, tahun)
    data = request.POST if request.method == "POST" else None
    formset = BelanjaFormSet(
        data,
        prefix="belanja",
        initial=[BelanjaForm.initial_belanja(b) for b in ta.belanja.order_by("urutan", "id")],
        form_kwargs={"tahun": tahun},
    )
    alasan = AlasanForm(data)
    kesalahan: list[str] = []
    if data is not None and formset.is_valid() and alasan.is_valid():
        try:
            services.belanja_simpan(
                user=request.user,
                tahun_anggaran=ta,
                baris=formset.baris_belanja(),
                alasan=alasan.cleaned_data["alasan"],
            )
        except ValidationError as e:
            kesalahan = e.messages
        else:
            messages.success(request, f"Jenis belanja {tahun} disimpan.")
            return redirect(f"{url_tahun(kecamatan, tahun)}#belanja")
    elif data is not None:
        kesalahan = [PESAN_PERIKSA]
    return render(
        request,
        "anggaran/belanja_ubah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "formset": formset,
            "alasan": alasan,
            "kesalahan": kesalahan,
            "riwayat": selectors.belanja_riwayat(tahun_anggaran=ta)[:10],
            "url_batal": f"{url_tahun(kecamatan, tahun)}#belanja",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_sasaran_ubah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    ta = _tahun(kecamatan, tahun)
    program = list(
        ta.pos.filter(tingkat=Tingkat.PROGRAM).prefetch_related("dukungan").order_by("urutan", "id")
    )
    sasaran = selectors.sasaran_pilihan(kecamatan=kecamatan, tahun=tahun)
    awal = {p.pk: [d.sasaran_id for d in p.dukungan.all()] for p in program}
    form = ProgramSasaranForm(request.POST or None, program=program, sasaran=sasaran, awal=awal)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            for p, daftar in form.pemetaan():
                services.program_sasaran_simpan(user=request.user, program=p, sasaran=daftar)
        except ValidationError as e:
            kesalahan = e.messages
        else:
            messages.success(request, f"Sasaran yang didukung program {tahun} disimpan.")
            return redirect(f"{url_tahun(kecamatan, tahun)}#per-sasaran")
    return render(
        request,
        "anggaran/program_sasaran_ubah.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "form": form,
            "ada_sasaran": bool(sasaran),
            "kesalahan": kesalahan,
            "url_batal": f"{url_tahun(kecamatan, tahun)}#per-sasaran",
        },
    )


# --- Excel ----------------------------------------------------------------------------------------

SESI_KEDALUWARSA = "Berkas yang diperiksa tidak ditemukan lagi (sesi berakhir). Unggah ulang berkasnya."
DATA_BERUBAH = (
    "Data anggaran berubah sejak berkas diperiksa, jadi tidak ada yang disimpan. Unggah ulang berkasnya "
    "untuk melihat perubahan terbaru."
)


def _pohon(kecamatan: Kecamatan, tahun: int) -> selectors.PohonAnggaran:
    pohon = selectors.pohon_anggaran(kecamatan=kecamatan, tahun=tahun)
    if pohon is None:
        raise Http404("Anggaran tahun ini belum ada.")
    return pohon


def _kunci_sesi(kecamatan: Kecamatan, tahun: int) -> str:
    return f"impor_anggaran:{kecamatan.pk}:{tahun}"


@login_required
@require_GET
def excel_templat(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The year's tree as a template to fill in; everyone who may read may download it."""
    kecamatan = kecamatan_untuk(request, pk)
    pohon = _pohon(kecamatan, tahun)
    return respons_xlsx(
        excel.templat_anggaran(pohon, kecamatan), excel.nama_berkas(kecamatan, tahun, "templat-anggaran")
    )


@login_required
@require_GET
def excel_ekspor(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The budget tables of the year (tree with serapan, jenis belanja, per sasaran)."""
    kecamatan = kecamatan_untuk(request, pk)
    pohon = _pohon(kecamatan, tahun)
    buku = excel.ekspor_anggaran(pohon, selectors.anggaran_per_sasaran(pohon=pohon), kecamatan)
    return respons_xlsx(buku, excel.nama_berkas(kecamatan, tahun))


@login_required
@require_http_methods(["GET", "POST"])
def excel_unggah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Upload a filled-in sheet; answer with the preview: every change and every refusal."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pohon = _pohon(kecamatan, tahun)
    konteks = {"kecamatan": kecamatan, "tahun": tahun}
    form = UnggahExcelForm(request.POST or None, request.FILES or None, pohon=pohon)
    if request.method == "GET" or not form.is_valid():
        return render(request, "anggaran/excel_unggah.html", {**konteks, "form": form})
    nama = form.cleaned_data["berkas"].name
    bacaan = form.cleaned_data["bacaan"]
    isi = form.cleaned_data["isi"]
    sidik_berkas = hashlib.sha256(isi).hexdigest()
    kunci = _kunci_sesi(kecamatan, tahun)
    request.session.pop(kunci, None)
    if not bacaan.kesalahan and bacaan.perubahan:
        request.session[kunci] = {
            "isi": base64.b64encode(isi).decode("ascii"),
            "nama_berkas": nama,
            "sha256": sidik_berkas,
            "sidik": bacaan.sidik,
        }
    return render(
        request,
        "anggaran/excel_pratinjau.html",
        {
            **konteks,
            "nama_berkas": nama,
            "sha256": sidik_berkas,
            "bacaan": bacaan,
            "alasan": excel.alasan_impor(nama),
            "form": UnggahExcelForm(pohon=pohon),
        },
    )


@login_required
@require_POST
def excel_impor(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Confirm the previewed upload (aksi=impor), all rows in one transaction, or drop it (aksi=batal)."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    pohon = _pohon(kecamatan, tahun)
    simpanan = request.session.pop(_kunci_sesi(kecamatan, tahun), None)
    if request.POST.get("aksi") == "batal":
        messages.info(request, "Impor dibatalkan; tidak ada data yang diubah.")
        return redirect(url_tahun(kecamatan, tahun))
    if not simpanan or simpanan.get("sha256") != request.POST.get("sha256"):
        messages.error(request, SESI_KEDALUWARSA)
        return redirect("anggaran:excel_unggah", kecamatan.pk, tahun)
    try:
        bacaan = excel.baca_anggaran(base64.b64decode(simpanan["isi"]), pohon)
    except ValueError:
        bacaan = None
    if bacaan is None or bacaan.kesalahan or bacaan.sidik != simpanan["sidik"]:
        messages.error(request, DATA_BERUBAH)
        return redirect("anggaran:excel_unggah", kecamatan.pk, tahun)
    nama = simpanan["nama_berkas"]
    berubah = services.pos_anggaran_impor_excel(
        user=request.user,
        tahun_anggaran=pohon.tahun_anggaran,
        isian=[(i.pos_id, i.nilai) for i in bacaan.isian],
        alasan=excel.alasan_impor(nama),
    )
    messages.success(
        request,
        f"Impor {nama} tersimpan: {len(bacaan.perubahan)} nilai pada {berubah} baris berubah, tercatat di "
        f'riwayat dengan alasan "{excel.alasan_impor(nama)}".',
    )
    return redirect(url_tahun(kecamatan, tahun))
