"""What the crawls share (tests/test_need_to_know.py, tests/test_cross_agency.py): a route's URL with real
ids filled in, a response's text as its reader sees it (HTML, JSON, CSV or the text of a PDF), and a
pattern that finds names and references as whole words."""

import contextlib
import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from tests.pdf import pdf_text
from tests.routes import Route

# API routes that describe the API and hold no record.
API_DESCRIPTION_ROUTES = frozenset({"schema", "api-docs"})


def converter_prefix(route: Route, name: str) -> str:
    for prefix in ("int:", "uuid:", "slug:", "str:", "path:", ""):
        if f"<{prefix}{name}>" in route.pattern:
            return prefix
    raise AssertionError(f"{route.pattern}: no parameter {name}")


def converter_kind(route: Route, name: str) -> str:
    """What kind of value the parameter takes: "int", "uuid", "slug", "str" or "path"."""
    return type(route.converters[name]).__name__.removesuffix("Converter").lower()


def route_url(route: Route, filling: Mapping[str, str]) -> str:
    """The route's URL with each parameter replaced by its value."""
    url = "/" + route.pattern
    for name, value in filling.items():
        url = url.replace(f"<{converter_prefix(route, name)}{name}>", value)
    assert "<" not in url, url
    return url


def response_text(response: Any) -> str:
    """The body as its reader sees it: a PDF's text, HTML with its entities decoded, and JSON with each
    object's first and last name put together (names in JSON come as separate fields)."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        return pdf_text(body)
    text = body.decode(errors="replace")
    if content_type.startswith("text/html"):
        return html.unescape(text)
    if content_type.startswith("application/json"):
        with contextlib.suppress(ValueError):
            text += " " + " ".join(_json_names(json.loads(text)))
    return text


def _json_names(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if "first_name" in value and "last_name" in value:
            yield f"{value['first_name']} {value['last_name']}"
        for inner in value.values():
            yield from _json_names(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_names(inner)


def naming_pattern(*, names: Iterable[str], references: Iterable[str]) -> re.Pattern[str] | None:
    """Finds any of the names as whole words, and any of the references standing alone: NFD-000001 is
    inside the contact reference CT-NFD-000001, which names no child. None when there is nothing to find."""
    parts = [
        *(rf"(?<!\w){re.escape(name)}(?!\w)" for name in _longest_first(names)),
        *(rf"(?<![\w-]){re.escape(reference)}(?!\d)" for reference in _longest_first(references)),
    ]
    return re.compile("|".join(parts)) if parts else None


def _longest_first(texts: Iterable[str]) -> list[str]:
    """A pattern tries its alternatives in order: "Amy Lee" must be found as that, not as "Amy"."""
    return sorted(set(texts), key=lambda text: (-len(text), text))
