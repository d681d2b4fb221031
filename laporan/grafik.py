"""The report's charts as SVG text (pygal): capaian per indicator and per sasaran against 100 %,
serapan per program, the multi-year trend of an IKU and the SKM unsur against their mean.

Every function takes plain values that the calculation service already computed (labels and
Decimal, None where a figure is undefined) and returns a standalone SVG document: no JavaScript
(pygal's config script and tooltips are removed), no date stamp, a fixed chart id, fonts set to
Liberation Sans (shipped in static/fonts), so the same data always gives the same bytes and the PDF
never depends on the machine. Values print in Indonesian notation through lkjip/format.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pygal
from pygal.etree import etree
from pygal.style import Style

from lkjip.format import format_angka

FONT = "Liberation Sans"
# Light fills, so the values printed on the bars stay readable in black.
BIRU = "#8fb3de"
HIJAU = "#9ccc9c"
GARIS_BIRU = "#2b5797"
MERAH = "#b3261e"
ABU = "#8a8a8a"
LEBAR = 680
# Per bar of a horizontal chart, plus room for the axes.
TINGGI_BARIS = 30
TINGGI_DASAR = 90

_GAYA = {
    "font_family": FONT,
    "background": "white",
    "plot_background": "white",
    "foreground": "#222222",
    "foreground_strong": "#000000",
    "foreground_subtle": "#bbbbbb",
    "opacity": "1",
    "opacity_hover": "1",
    "transition": "0ms",
    "label_font_size": 12,
    "major_label_font_size": 12,
    "value_font_size": 11,
    "value_label_font_size": 11,
    "legend_font_size": 12,
    "title_font_size": 13,
    "tooltip_font_size": 12,
    "guide_stroke_dasharray": "2,3",
    "guide_stroke_color": "#c8c8c8",
    "major_guide_stroke_dasharray": "6,3",
    "major_guide_stroke_color": MERAH,
    "stroke_width": "2",
}


def _gaya(*warna: str, garis_utama: str = MERAH) -> Style:
    """The house style; `garis_utama` colours the major guide (the 100 % or mean line)."""
    return Style(colors=warna or (BIRU,), **{**_GAYA, "major_guide_stroke_color": garis_utama})


def _buang(simpul) -> bool:
    tag = simpul.tag if isinstance(simpul.tag, str) else ""
    if not tag:  # a comment ("Generated with pygal ... on <today>")
        return True
    nama = tag.rsplit("}", 1)[-1]
    return nama in ("script", "desc") or "tooltip" in simpul.get("class", "").split()


def _bersihkan(akar):
    """Drop what makes a chart interactive or time-stamped: scripts, comments, tooltips."""
    induk = [akar]
    while induk:
        simpul = induk.pop()
        for anak in list(simpul):
            if _buang(anak):
                simpul.remove(anak)
            else:
                induk.append(anak)
    return akar


def _angka(nilai: Decimal | None, desimal: int = 2) -> str:
    return format_angka(nilai, desimal)


def _nilai(nilai: Decimal | None, teks: str) -> dict | None:
    """A bar value for pygal (a float for drawing) printed as the exact Indonesian text."""
    if nilai is None:
        return None
    return {"value": float(nilai), "formatter": lambda _x, _t=teks: _t}


def _konfigurasi(**opsi) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": True,
        "pretty_print": False,
        "no_prefix": False,
        "truncate_label": -1,
        "truncate_legend": -1,
        "tooltip_border_radius": 0,
        "margin": 12,
        "spacing": 8,
        "title": None,
        "print_values": True,
        **opsi,
    }


def _render(kelas, *, id_grafik: str, judul: str, seri: Sequence[tuple[str, list]], **opsi) -> str:
    grafik = kelas(**_konfigurasi(**opsi))
    # pygal draws a random uuid into every id and CSS selector: a fixed one keeps the output stable.
    grafik.uuid = id_grafik
    grafik.add_xml_filter(_bersihkan)
    for nama, nilai in seri:
        grafik.add(nama, nilai)
    akar = grafik.render_tree()
    for simpul in akar:
        if isinstance(simpul.tag, str) and simpul.tag.rsplit("}", 1)[-1] == "title":
            simpul.text = judul
    return etree.tostring(akar, encoding="unicode")


def _batas_atas(nilai: Sequence[Decimal | None], minimal: int = 110) -> int:
    """The value axis runs to at least 110 % (room for the 100 % line and the printed values),
    rounded up to a multiple of 10."""
    ada = [float(n) for n in nilai if n is not None]
    tertinggi = max(ada + [float(minimal)])
    return int(-(-(tertinggi * 1.12) // 10) * 10)


def _pendek(label: str, panjang: int) -> str:
    """A label cut to `panjang` characters at a word boundary, with an ellipsis."""
    if panjang < 0 or len(label) <= panjang:
        return label
    potong = label[: panjang - 1].rsplit(" ", 1)[0]
    return potong.rstrip(" ,;:-") + "…"


def _tinggi(jumlah: int) -> int:
    return TINGGI_DASAR + TINGGI_BARIS * max(jumlah, 1)


def _batang_persen(
    data: Sequence[tuple[str, Decimal | None]],
    *,
    id_grafik: str,
    judul: str,
    nama_seri: str,
    warna: str,
    potong_label: int = -1,
) -> str:
    """A horizontal bar per label against a dashed 100 % line, the first label on top."""
    data = list(reversed(data))
    atas = _batas_atas([n for _, n in data])
    langkah = 10 if atas <= 150 else 25 if atas <= 300 else 50
    return _render(
        pygal.HorizontalBar,
        id_grafik=id_grafik,
        judul=judul,
        seri=[(nama_seri, [_nilai(n, f"{_angka(n)} %") for _, n in data])],
        style=_gaya(warna),
        width=LEBAR,
        height=_tinggi(len(data)),
        show_legend=False,
        x_labels=[_pendek(label, potong_label) for label, _ in data],
        range=(0, atas),
        include_x_axis=True,
        y_labels=list(range(0, atas + 1, langkah)),
        y_labels_major=[100],
        show_minor_y_labels=True,
        value_formatter=lambda x: format_angka(Decimal(str(x)), 0),
    )


def grafik_capaian_indikator(
    data: Sequence[tuple[str, Decimal | None]], *, id_grafik: str, judul: str
) -> str:
    """Capaian (%) of each indicator (label: its kode) against 100 %. None: not drawn."""
    return _batang_persen(data, id_grafik=id_grafik, judul=judul, nama_seri="Capaian (%)", warna=BIRU)


def grafik_capaian_sasaran(data: Sequence[tuple[str, Decimal | None]], *, id_grafik: str, judul: str) -> str:
    """Mean capaian (%) of each sasaran against 100 %."""
    return _batang_persen(
        data, id_grafik=id_grafik, judul=judul, nama_seri="Rata-rata capaian (%)", warna=HIJAU
    )


def grafik_serapan_program(data: Sequence[tuple[str, Decimal | None]], *, id_grafik: str, judul: str) -> str:
    """Serapan anggaran (%) of each program against 100 %; long program names are cut to 36
    characters (the table beside the chart has them whole)."""
    return _batang_persen(
        data, id_grafik=id_grafik, judul=judul, nama_seri="Serapan (%)", warna=BIRU, potong_label=36
    )


def grafik_tren(
    tahun: Sequence[int],
    *,
    target: Sequence[Decimal | None],
    realisasi: Sequence[Decimal | None],
    id_grafik: str,
    judul: str,
) -> str:
    """Target and realisasi of one indicator over the years (a line each; gaps where missing). The
    value axis leaves room above and below, so the printed values never sit on the axes."""
    ada = [float(n) for n in (*target, *realisasi) if n is not None]
    rentang = {}
    if ada:
        jarak = max(max(ada) - min(ada), abs(max(ada)) * 0.02, 1.0)
        rentang = {"range": (min(ada) - jarak * 0.35, max(ada) + jarak * 0.35)}
    return _render(
        pygal.Line,
        id_grafik=id_grafik,
        judul=judul,
        seri=[
            # Only the realisasi prints its values: two labels on nearly the same point overlap.
            ("Target", [_nilai(n, "") for n in target]),
            ("Realisasi", [_nilai(n, _angka(n)) for n in realisasi]),
        ],
        style=_gaya(ABU, GARIS_BIRU, garis_utama="#c8c8c8"),
        width=LEBAR,
        height=280,
        show_legend=True,
        **rentang,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        x_labels=[str(t) for t in tahun],
        allow_interruptions=True,
        dots_size=4,
        print_values_position="top",
        value_formatter=lambda x: format_angka(Decimal(str(x)), 2),
        show_y_guides=True,
    )


def grafik_skm_unsur(
    data: Sequence[tuple[str, Decimal | None]], *, rata_rata: Decimal | None, id_grafik: str, judul: str
) -> str:
    """NRR (1-4) of each SKM unsur, the first on top; the dashed line marks the mean NRR."""
    data = list(reversed(data))
    penanda = [round(float(rata_rata), 3)] if rata_rata is not None else []
    return _render(
        pygal.HorizontalBar,
        id_grafik=id_grafik,
        judul=judul,
        seri=[("NRR", [_nilai(n, _angka(n, 3)) for _, n in data])],
        style=_gaya(BIRU),
        width=LEBAR,
        height=_tinggi(len(data)),
        show_legend=False,
        x_labels=[label for label, _ in data],
        range=(0, 4),
        include_x_axis=True,
        # An integer tick next to the mean would print over the mean's own label.
        y_labels=[t for t in (0, 1, 2, 3, 4) if not any(abs(t - p) < 0.2 for p in penanda)] + penanda,
        y_labels_major=penanda,
        show_minor_y_labels=True,
        value_formatter=lambda x: format_angka(Decimal(str(x)), 3 if x % 1 else 0),
    )
