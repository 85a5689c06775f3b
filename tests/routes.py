"""Every URL route of the project, found by walking the resolver, with a concrete URL for each."""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

from core.access_policy import Policy, policy_of


@dataclass(frozen=True)
class Route:
    pattern: str  # the full pattern, for messages
    name: str
    callback: Callable[..., Any]
    namespaces: tuple[str, ...]
    converters: dict[str, Any]
    regex_groups: tuple[str, ...]

    @property
    def policy(self) -> Policy | None:
        return policy_of(self.callback, self.namespaces)

    def url(self, *, child_id: uuid.UUID | None = None) -> str | None:
        """A concrete URL for the route, or None when its pattern cannot be filled in generically."""
        values: dict[str, str] = {}
        for key, converter in self.converters.items():
            if isinstance(converter, UUIDConverter):
                values[key] = str(child_id or uuid.uuid4())
            elif isinstance(converter, IntConverter):
                values[key] = "1"
            elif isinstance(converter, SlugConverter | StringConverter | PathConverter):
                values[key] = "x"
            else:
                return None
        url = "/" + self.pattern
        for key, value in values.items():
            url = re.sub(r"<(?:\w+:)?" + key + ">", value, url)
        if "<" in url or self.regex_groups or any(char in url for char in "^$()[]?*+\\"):
            return None
        return url


def _walk(
    resolvers: list[Any], prefix: str, namespaces: tuple[str, ...], converters: dict[str, Any]
) -> Iterator[Route]:
    for entry in resolvers:
        pattern = str(entry.pattern)
        entry_converters = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner_namespaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, prefix + pattern, inner_namespaces, entry_converters)
        elif isinstance(entry, URLPattern):
            groups = tuple(entry.pattern.regex.groupindex) if not entry_converters else ()
            name = ":".join((*namespaces, entry.name)) if entry.name else ""
            yield Route(prefix + pattern, name, entry.callback, namespaces, entry_converters, groups)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", (), {}))
