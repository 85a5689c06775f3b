"""Reading a PDF the service made, as its reader would: the text of every page, whitespace collapsed."""

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)
