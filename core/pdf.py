"""PDFs from HTML templates (WeasyPrint): agenda packs, letters.

WeasyPrint would fetch any URL a document names; a document made from case data must never reach
the network or the file system, so its fetcher refuses everything, and loudly, so that a template
naming an outside resource fails its tests. Styles go in the template's own `<style>` element (no
browser runs a PDF, so the site's CSP has nothing to say here); fonts come from the system.
"""

from typing import Any, NoReturn

from django.template.loader import render_to_string
from weasyprint import HTML
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
