import io

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from weasyprint.urls import FatalURLFetchingError

from core.pdf import pdf_from_html


def test_a_pdf_is_made_from_html_and_its_text_can_be_read_back() -> None:
    pdf = pdf_from_html("<h1>OFFICIAL-SENSITIVE</h1><p>Agenda pack</p>")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in text
    assert "Agenda pack" in text


@pytest.mark.parametrize("url", ["http://example.invalid/tracker.png", "file:///etc/passwd"])
def test_a_pdf_never_fetches_anything_it_names(url: str) -> None:
    with pytest.raises(FatalURLFetchingError):
        pdf_from_html(f'<p>Pack</p><img src="{url}" alt="">')


def test_a_pdf_is_tagged_for_screen_readers() -> None:
    root = PdfReader(io.BytesIO(pdf_from_html('<html lang="en-GB"><h1>Agenda pack</h1></html>'))).root_object
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, DictionaryObject)
    assert bool(mark_info["/Marked"])
    assert "/StructTreeRoot" in root
