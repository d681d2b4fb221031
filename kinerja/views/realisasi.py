"""Entering realisasi: the grid of a year (one row per indicator of the effective PK), saved cell
by cell with htmx or all at once with a plain POST (works without JavaScript)."""

from __future__ import annotations

import base64
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import excel, peringatan, selectors
from kinerja.forms.realisasi import (
    KOLOM,
    KOLOM_TAHUNAN,
    KOLOM_TRIWULAN,
    AlasanGridForm,
    BarisRealisasiForm,
    BarisTampil,
    UnggahExcelForm,
    kolom_periode,
    periode_kolom,
    sel_tampil,
)
from kinerja.models import Realisasi
from kinerja.services.realisasi import (
    ALASAN_WAJIB,
    GridTidakValid,
    LingkupRealisasi,
    lingkup_realisasi,
    realisasi_grid_simpan,
    realisasi_impor,
    realisasi_simpan,
    realisasi_triwulan_simpan,
)
from lkjip.akses import kecamatan_untuk
from lkjip.excel import respons_xlsx
from lkjip.models import Kecamatan

Periode = Realisasi.Periode
PESAN_GAGAL = "Ada isian yang ditolak, jadi belum ada yang disimpan. Perbaiki sel bertanda merah."


def _pasang_kesalahan(
    form: BarisRealisasiForm, periode: str, e: ValidationError, *, alasan_form: AlasanGridForm | None
) -> None:
    """Show a service's refusal in the grid. A missing reason asks for it in the cell (htmx) or,
    for a whole-grid submit, on the one reason field under the grid."""
    kolom = kolom_periode(periode)
    pesan = getattr(e, "message_dict", None) or {"__all__": e.messages}
    for nama, isi in pesan.items():
        if nama == "alasan":
            if alasan_form is None:
                form.perlu_alasan.add(kolom)
                form.pesan.setdefault(kolom, []).extend(isi)
            else:
                lama = form.initial.get(kolom) or "-"
                form.pesan.setdefault(kolom, []).append(
                    f"Nilai tersimpan ({lama}) berubah: isi alasan perubahan di bawah tabel."
                )
                if "alasan" not in alasan_form.errors:
                    alasan_form.add_error("alasan", ALASAN_WAJIB)
        elif kolom == "tahunan" and nama in ("status", "keterangan"):
            form.add_error(nama, isi)
        else:
            form.add_error(kolom, isi)


def _url_sel(kecamatan: Kecamatan, tahun: int) -> str:
    """The start of every cell's save URL, "<...>/isi/": the indicator and column follow."""
    contoh = reverse("kinerja:realisasi_sel_simpan", args=[kecamatan.pk, tahun, 0, "tw1"])
    return contoh.removesuffix("0/tw1/")


@login_required
@require_http_methods(["GET", "POST"])
def realisasi_grid(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    grid = selectors.realisasi_grid(kecamatan=kecamatan, tahun=tahun, dengan_pembanding=True)
    data = request.POST if request.method == "POST" else None
    baris_form = [BarisRealisasiForm(data, baris=b) for b in grid.baris]
    alasan_form = AlasanGridForm(data)
    if data is not None and grid.perjanjian is not None:
        if all([f.is_valid() for f in baris_form]) and alasan_form.is_valid():
            try:
                realisasi_grid_simpan(
                    user=request.user,
                    tahun=tahun,
                    isian=[f.isian(data) for f in baris_form],
                    alasan=alasan_form.cleaned_data["alasan"],
                )
            except GridTidakValid as e:
                per_indikator = {f.baris.indikator.pk: f for f in baris_form}
                for (indikator_id, periode), kesalahan in e.kesalahan.items():
                    _pasang_kesalahan(
                        per_indikator[indikator_id], periode, kesalahan, alasan_form=alasan_form
                    )
            else:
                messages.success(request, f"Realisasi {tahun} tersimpan.")
                return redirect("kinerja:realisasi_grid", kecamatan.pk, tahun)
        messages.error(request, PESAN_GAGAL)
    url_sel = _url_sel(kecamatan, tahun)
    return render(
        request,
        "kinerja/realisasi/realisasi_grid.html",
        {
            "kecamatan": kecamatan,
            "grid": grid,
            "baris_tampil": [
                BarisTampil(form=f, sel=[sel_tampil(f, k, url_sel=url_sel) for k in KOLOM])
                for f in baris_form
            ],
            "alasan_form": alasan_form,
            # The data was read with the grid (nothing is saved when the page is drawn again).
            "peringatan_target": peringatan.target_kurang_menantang_grid(grid),
            "peringatan_realisasi": peringatan.realisasi_belum_diisi_grid(grid),
        },
    )


def _simpan_sel(request: HttpRequest, form: BarisRealisasiForm, kolom: str, tahun: int) -> None:
    data = form.cleaned_data
    if kolom in KOLOM_TRIWULAN:
        realisasi_triwulan_simpan(
            user=request.user,
            indikator=form.baris.indikator,
            tahun=tahun,
            periode=periode_kolom(kolom),
            nilai=data[kolom],
            alasan=form.alasan_sel(request.POST, kolom),
            versi=data.get(f"versi_{kolom}"),
        )
    else:
        realisasi_simpan(
            user=request.user,
            indikator=form.baris.indikator,
            tahun=tahun,
            periode=Periode.TAHUNAN,
            nilai=data["tahunan"],
            status=data["status"],
            keterangan=data["keterangan"],
            alasan=form.alasan_sel(request.POST, "tahunan"),
            versi=data.get("versi_tahunan"),
        )


@login_required
@require_POST
def realisasi_sel_simpan(
    request: HttpRequest, pk: int, tahun: int, indikator_pk: int, kolom: str
) -> HttpResponse:
    """Save one cell of the grid (the yearly value, status and keterangan are saved together) and
    answer with the cell's <td> as saved, or with the error and, when a stored value changes, a
    reason input. After a triwulan, the yearly cell follows (out of band) when its value is derived."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    if kolom not in KOLOM:
        raise Http404("Kolom tidak dikenal.")
    grid = selectors.realisasi_grid(kecamatan=kecamatan, tahun=tahun, indikator_id=indikator_pk)
    if not grid.baris:
        raise Http404("Indikator ini tidak ada di Perjanjian Kinerja tahun ini.")
    form = BarisRealisasiForm(request.POST, baris=grid.baris[0])
    form.is_valid()
    tersimpan = False
    if form.valid_untuk(kolom):
        try:
            _simpan_sel(request, form, kolom, tahun)
            tersimpan = True
        except ValidationError as e:
            _pasang_kesalahan(form, periode_kolom(kolom), e, alasan_form=None)

    if not request.htmx:
        if tersimpan:
            messages.success(request, "Realisasi tersimpan.")
        else:
            messages.error(request, PESAN_GAGAL)
        return redirect("kinerja:realisasi_grid", kecamatan.pk, tahun)

    sel = []
    if tersimpan:
        baru = BarisRealisasiForm(baris=selectors.realisasi_baris_segar(baris=grid.baris[0], tahun=tahun))
        kolom_nilai = "tahunan" if kolom in KOLOM_TAHUNAN else kolom
        if alasan := form.alasan_sel(request.POST, kolom_nilai):
            baru.alasan_dicatat[kolom_nilai] = alasan
        sel.append((baru, kolom, False))
        if kolom in KOLOM_TAHUNAN:
            sel.extend((baru, k, True) for k in KOLOM_TAHUNAN if k != kolom)
        elif not form["tahunan"].value() and not baru.initial["tahunan"]:
            # The derived yearly value may have changed; nothing typed there is overwritten.
            sel.append((baru, "tahunan", True))
    else:
        sel.append((form, kolom, False))
        if kolom in KOLOM_TAHUNAN:
            sel.extend((form, k, True) for k in KOLOM_TAHUNAN if k != kolom)
    url_sel = _url_sel(kecamatan, tahun)
    return render(
        request,
        "kinerja/realisasi/_sel_respon.html",
        {"kecamatan": kecamatan, "sel": [sel_tampil(f, k, url_sel=url_sel, oob=oob) for f, k, oob in sel]},
    )


# --- Excel round trip ------------------------------------------------------------------------------
# Upload, preview, confirm: the preview runs the import and rolls it back (nothing is written). The
# file waits in the session with its SHA-256 and the fingerprint of the previewed changes; the
# confirmation carries the SHA-256 it saw and the import keeps nothing unless it makes exactly the
# previewed changes (kinerja.services.realisasi.realisasi_impor, `harapan`).

SESI_KEDALUWARSA = "Pratinjau impor sudah kedaluwarsa atau diganti berkas lain; unggah ulang berkasnya."
DATA_BERUBAH = (
    "Data realisasi berubah sejak pratinjau dibuat (mungkin diubah pengguna lain), jadi belum ada yang "
    "disimpan. Unggah ulang berkasnya untuk melihat perubahan terbaru."
)


def _lingkup(kecamatan: Kecamatan, tahun: int) -> LingkupRealisasi:
    lingkup = lingkup_realisasi(kecamatan=kecamatan, tahun=tahun)
    if lingkup is None:
        raise Http404("Tidak ada Renstra yang mencakup tahun ini.")
    return lingkup


def _kunci_sesi(kecamatan: Kecamatan, tahun: int) -> str:
    return f"impor_realisasi:{kecamatan.pk}:{tahun}"


@login_required
@require_GET
def realisasi_excel_unduh(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The template of a year prefilled with what is stored; everyone who may read may download."""
    kecamatan = kecamatan_untuk(request, pk)
    lingkup = _lingkup(kecamatan, tahun)
    return respons_xlsx(excel.templat_realisasi(lingkup), excel.nama_berkas(kecamatan, tahun))


@login_required
@require_http_methods(["GET", "POST"])
def realisasi_excel_unggah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Upload a filled-in template; answer with the preview: every change and every refusal."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    lingkup = _lingkup(kecamatan, tahun)
    konteks = {"kecamatan": kecamatan, "lingkup": lingkup, "tahun": tahun}
    if request.method == "GET":
        return render(
            request,
            "kinerja/realisasi/realisasi_excel_unggah.html",
            {**konteks, "form": UnggahExcelForm(lingkup=lingkup)},
        )
    form = UnggahExcelForm(request.POST, request.FILES, lingkup=lingkup)
    if not form.is_valid():
        return render(request, "kinerja/realisasi/realisasi_excel_unggah.html", {**konteks, "form": form})
    nama = form.cleaned_data["berkas"].name
    bacaan = form.cleaned_data["bacaan"]
    hasil = realisasi_impor(
        user=request.user,
        kecamatan=kecamatan,
        tahun=tahun,
        isian=bacaan.isian,
        alasan=excel.alasan_impor(nama),
        pratinjau=True,
    )
    kesalahan = bacaan.semua_kesalahan(hasil.kesalahan)
    isi = form.cleaned_data["isi"]
    sidik_berkas = hashlib.sha256(isi).hexdigest()
    kunci = _kunci_sesi(kecamatan, tahun)
    request.session.pop(kunci, None)
    if not kesalahan and hasil.perubahan:
        request.session[kunci] = {
            "isi": base64.b64encode(isi).decode("ascii"),
            "nama_berkas": nama,
            "sha256": sidik_berkas,
            "sidik": hasil.sidik,
        }
    return render(
        request,
        "kinerja/realisasi/realisasi_excel_pratinjau.html",
        {
            **konteks,
            "nama_berkas": nama,
            "sha256": sidik_berkas,
            "hasil": hasil,
            "kesalahan": kesalahan,
            "jumlah_baris": len(bacaan.baris_indikator),
            "form": UnggahExcelForm(lingkup=lingkup),
        },
    )


@login_required
@require_POST
def realisasi_excel_impor(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Confirm the previewed upload (aksi=impor) or drop it (aksi=batal)."""
    kecamatan = kecamatan_untuk(request, pk, tulis=True)
    simpanan = request.session.pop(_kunci_sesi(kecamatan, tahun), None)
    if request.POST.get("aksi") == "batal":
        messages.info(request, "Impor dibatalkan; tidak ada data yang diubah.")
        return redirect("kinerja:realisasi_grid", kecamatan.pk, tahun)
    if not simpanan or simpanan.get("sha256") != request.POST.get("sha256"):
        messages.error(request, SESI_KEDALUWARSA)
        return redirect("kinerja:realisasi_excel_unggah", kecamatan.pk, tahun)
    isi = base64.b64decode(simpanan["isi"])
    try:
        bacaan = excel.baca_realisasi(isi, _lingkup(kecamatan, tahun))
    except ValueError:
        bacaan = None
    hasil = None
    if bacaan is not None and not bacaan.kesalahan:
        hasil = realisasi_impor(
            user=request.user,
            kecamatan=kecamatan,
            tahun=tahun,
            isian=bacaan.isian,
            alasan=excel.alasan_impor(simpanan["nama_berkas"]),
            harapan=simpanan["sidik"],
        )
    if hasil is None or not hasil.tersimpan:
        messages.error(request, DATA_BERUBAH)
        return redirect("kinerja:realisasi_excel_unggah", kecamatan.pk, tahun)
    nama = simpanan["nama_berkas"]
    messages.success(
        request,
        f"Impor {nama} tersimpan: {len(hasil.perubahan)} nilai berubah, tercatat di riwayat dengan alasan "
        f'"{excel.alasan_impor(nama)}".',
    )
    for pesan in hasil.peringatan_sumber:
        messages.warning(request, pesan)
    return redirect("kinerja:realisasi_grid", kecamatan.pk, tahun)


urlpatterns = [
    path("kecamatan/<int:pk>/realisasi/<int:tahun>/isi/", realisasi_grid, name="realisasi_grid"),
    path(
        "kecamatan/<int:pk>/realisasi/<int:tahun>/isi/<int:indikator_pk>/<str:kolom>/",
        realisasi_sel_simpan,
        name="realisasi_sel_simpan",
    ),
    path(
        "kecamatan/<int:pk>/realisasi/<int:tahun>/excel/", realisasi_excel_unduh, name="realisasi_excel_unduh"
    ),
    path(
        "kecamatan/<int:pk>/realisasi/<int:tahun>/excel/unggah/",
        realisasi_excel_unggah,
        name="realisasi_excel_unggah",
    ),
    path(
        "kecamatan/<int:pk>/realisasi/<int:tahun>/excel/impor/",
        realisasi_excel_impor,
        name="realisasi_excel_impor",
    ),
]
