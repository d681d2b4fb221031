"""The report as HTML and PDF (DESIGN.md §5, STYLE.md §8: the PDF is a boundary).

`render_html` renders templates/laporan/pdf with the frozen konteks of laporan/konteks/;
`render_pdf` hands that HTML to WeasyPrint with the print stylesheet static/css/cetak.css and the
vendored fonts. WeasyPrint is imported inside the function, so the application starts on a machine
without Pango; it may only read files under static/ and the media root (the logo, the bagan,
uploaded scans) and `data:` URIs (the charts): anything else, the network above all, is refused.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string

from laporan.konteks import KonteksLaporan

TEMPLAT = "laporan/pdf/dokumen.html"
CSS = Path("css") / "cetak.css"


def folder_statis() -> Path:
    """The static/ folder the stylesheet and the fonts are read from."""
    return Path(settings.STATICFILES_DIRS[0]).resolve()


def folder_diizinkan() -> tuple[Path, ...]:
    return (folder_statis(), Path(settings.MEDIA_ROOT).resolve())


def berkas_diizinkan(url: str) -> Path | None:
    """The file a `file:` URL names when it lies under static/ or the media root, else None."""
    bagian = urlsplit(url)
    if bagian.scheme != "file" or bagian.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(bagian.path)).resolve()
    if not path.is_file():
        return None
    if any(path.is_relative_to(akar) for akar in folder_diizinkan()):
        return path
    return None


def render_html(konteks: KonteksLaporan) -> str:
    """The report as a standalone HTML document for WeasyPrint (links are `file:` URIs)."""
    return render_to_string(
        TEMPLAT,
        {"konteks": konteks, "layar": False, "css_href": (folder_statis() / CSS).as_uri()},
    )


def pengambil_url():
    """A WeasyPrint URL fetcher that serves `data:` URIs and files under static/ and the media
    root, and refuses everything else with a ValueError (WeasyPrint then leaves the resource out
    and logs why)."""
    from weasyprint.urls import URLFetcher

    class PengambilLokal(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if berkas_diizinkan(url) is None:
                raise ValueError(f"Alamat ditolak (hanya berkas static/ dan media yang boleh dibaca): {url}")
            return super().fetch(url, headers)

    return PengambilLokal(allowed_protocols={"file", "data"}, allow_redirects=False)


def pdf_dari_html(html: str) -> bytes:
    """WeasyPrint alone: the HTML of `render_html` to PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=folder_statis().as_uri() + "/", url_fetcher=pengambil_url()).write_pdf()


def render_pdf(konteks: KonteksLaporan) -> bytes:
    """The report as PDF bytes."""
    return pdf_dari_html(render_html(konteks))
