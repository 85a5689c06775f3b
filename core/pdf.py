"""PDFs from HTML templates (WeasyPrint): agenda packs, letters.

WeasyPrint would fetch any URL a document names; a document made from case data must never reach
the network or the file system, so its fetcher refuses everything, and loudly, so that a template
naming an outside resource fails its tests. Styles go in the template's own `<style>` element (no
browser runs a PDF, so the site's CSP has nothing to say here); fonts come from the system.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from django.template.loader import render_to_string
from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.urls import URLFetcher


class _NothingFetched(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols=set(), fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> NoReturn:
        raise PermissionError(f"A PDF may not fetch {url}: everything it shows must be in the document.")


def pdf_from_html(html: str) -> bytes:
    # Tagged, so that a screen reader can follow the headings and tables of a pack or a letter.
    pdf: bytes = HTML(string=html, url_fetcher=_NothingFetched()).write_pdf(pdf_tags=True)
    return pdf


def pdf_from_template(template_name: str, context: dict[str, Any]) -> bytes:
    return pdf_from_html(render_to_string(template_name, context))


@dataclass(frozen=True)
class LaidOutPdf:
    data: bytes
    pages: int


def pdf_laid_out_from_template(
    template_name: str, context: dict[str, Any], *, laid_out: Callable[[int], None] | None = None
) -> LaidOutPdf:
    """The PDF and its page count, calling `laid_out(pages)` between laying out the pages and writing
    the file (the two halves of the work), so that a long document can say how far it has gone."""
    options = {**DEFAULT_OPTIONS, "pdf_tags": True}  # as HTML.write_pdf does, in two steps
    html = render_to_string(template_name, context)
    document = HTML(string=html, url_fetcher=_NothingFetched()).render(**options)
    if laid_out is not None:
        laid_out(len(document.pages))
    data: bytes = document.write_pdf(**options)
    return LaidOutPdf(data=data, pages=len(document.pages))
