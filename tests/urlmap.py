"""Every URL the project serves, found by walking the resolver.

The security matrix and the fuzz tests both start here, so a URL added by any app
(sharing, reminders, ...) is visited by them without anyone listing it.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ALL_METHODS = frozenset({"GET", "POST"})


@dataclass(frozen=True)
class Route:
    name: str  # "journal:edit"; unnamed routes get their pattern as a name
    pattern: str  # "journal/<uuid:code>/edit/"
    params: tuple[tuple[str, str], ...]  # (("code", "uuid"),) in the order they appear
    callback: Callable

    @property
    def takes_id(self) -> bool:
        return bool(self.params)

    @property
    def methods(self) -> frozenset[str]:
        """GET and/or POST, read from the view's decorators (or the class's handlers)."""
        return allowed_methods(self.callback)

    def url(self, **values) -> str:
        """The path with each <converter:name> replaced by its value."""

        def fill(match: re.Match) -> str:
            return str(values[match.group(2)])

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, self.pattern)


def _walk(resolvers, prefix: str, namespace: str) -> Iterator[Route]:
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            params = tuple((name, converter or "str") for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", pattern))
            name = f"{namespace}{entry.name}" if entry.name else pattern
            yield Route(name=name, pattern=pattern, params=params, callback=entry.callback)


def routes() -> list[Route]:
    """Every route of ROOT_URLCONF, except the static files that DEBUG adds."""
    return [route for route in _walk(get_resolver().url_patterns, "", "") if not route.pattern.startswith("static")]


def allowed_methods(view: Callable) -> frozenset[str]:
    """Which of GET and POST a view answers, from @require_http_methods/@require_POST/@require_safe
    anywhere in its decorator chain, or from a class-based view's handlers. Undecorated: both."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = set(view_class.http_method_names)
        return frozenset(m.upper() for m in ("get", "post") if m in names and hasattr(view_class, m))
    function = view
    while function is not None:
        if function.__closure__:
            allowed = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if allowed is not None:
                return frozenset(allowed) & ALL_METHODS
        function = getattr(function, "__wrapped__", None)
    return ALL_METHODS
