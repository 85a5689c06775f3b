"""Which page of a list a request asks for."""

from django.http import HttpRequest

MAX_PAGE = 100_000


def page_number(request: HttpRequest, name: str = "page") -> int:
    """The page the query parameter `name` asks for, from 1; anything that is not a whole number in
    range asks for the first page."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_PAGE else 1
