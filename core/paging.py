"""Which page of a list a request asks for, and one page of a list."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.http import HttpRequest

T = TypeVar("T")

MAX_PAGE = 100_000


def page_number(request: HttpRequest, name: str = "page") -> int:
    """The page the query parameter `name` asks for, from 1; anything that is not a whole number in
    range asks for the first page."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_PAGE else 1


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list sorted in the database, and how many rows the list holds in all: what
    `templates/components/pagination.html` shows ("Showing 51 to 100 of 388")."""

    rows: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)
