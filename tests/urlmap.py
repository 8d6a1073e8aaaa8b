"""Every URL the project serves, found by walking the resolver.

The security matrix and the fuzz tests both start here, so a URL added by any app
(sharing, reminders, ...) is visited by them without anyone listing it.
"""

from __future__ import annotations

import inspect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

ALL_METHODS = frozenset({"GET", "POST"})

# URLs whose parameters are not rows anyone owns. Each entry: why, and a value to visit it with.
NOT_OWNED: dict[str, tuple[str, dict[str, str]]] = {
    # A signed sign-up token: it names an email address, not a row; a bad one is a kind 400 page.
    "accounts:signup_finish": ("signed sign-up token", {"token": "not-a-token"}),
    # Django's password reset link: uid and token are checked by Django; a bad pair shows "invalid link".
    "accounts:password_reset_confirm": ("password reset token", {"uidb64": "MQ", "token": "not-a-token"}),
    # The kind of journal entry (a fixed list). Ids in the body (client_id) are tested separately.
    "journal:write": ("kind of entry", {"kind": "note"}),
    "journal:autosave": ("kind of entry", {"kind": "note"}),
    # Exercise definitions are content shared by everyone.
    "exercises:detail": ("exercise slug", {"slug": "grounding"}),
    "exercises:start": ("exercise slug", {"slug": "grounding"}),
    # Questionnaires are content shared by everyone.
    "screener_start": ("questionnaire slug", {"slug": "phq9"}),
    # The therapist's link: public by design; a wrong, expired or revoked token is one uniform 404.
    "sharing:open": ("share token", {"token": "not-a-token"}),
    # One click from a reminder email, signed out: the signed token names the preferences it changes.
    "reminders:unsubscribe": ("signed unsubscribe token", {"token": "not-a-token"}),
}
# Entries above for URLs of branches not merged yet: not reported as stale until they arrive.
NOT_MERGED_YET = {"reminders:unsubscribe"}

# Views that take a POST without a CSRF token, and why. Every other CSRF-exempt view must refuse POST.
CSRF_EXEMPT_POSTS = {
    # RFC 8058 one-click unsubscribe: mail clients POST with no session and no token.
    "reminders:unsubscribe": "one-click unsubscribe (RFC 8058)",
}

# Parameters that sit next to an owned id and are not ids themselves.
PARAM_HINTS: dict[str, list] = {
    "day": [1],
    "number": [0],
    "task": [lambda: _first_plan_task()],
}


def _first_plan_task() -> str:
    from exercises.plan import days as plan

    return plan.plan().day(1).tasks[0].key


def _hint(name: str) -> list:
    return [value() if callable(value) else value for value in PARAM_HINTS[name]]


def is_owned_param(name: str, converter: str) -> bool:
    return converter == "uuid" or (converter == "int" and name not in PARAM_HINTS)


def candidate_urls(route: Route, uuids: list[str], pks: list[int]) -> list[str]:
    choices: list[list[tuple[str, object]]] = []
    for name, converter in route.params:
        if converter == "uuid":
            choices.append([(name, value) for value in uuids])
        elif is_owned_param(name, converter):
            choices.append([(name, value) for value in pks])
        else:
            choices.append([(name, value) for value in _hint(name)])
    return [route.url(**dict(combo)) for combo in itertools.product(*choices)]


@dataclass(frozen=True)
class Route:
    name: str  # "journal:edit"; unnamed routes get their pattern as a name
    pattern: str  # "journal/<uuid:code>/edit/"
    params: tuple[tuple[str, str], ...]  # (("code", "uuid"),) in the order they appear
    callback: Callable
    named: bool = True

    @property
    def takes_id(self) -> bool:
        return bool(self.params)

    @property
    def methods(self) -> frozenset[str]:
        """GET and/or POST, read from the view's decorators (or the class's handlers)."""
        return allowed_methods(self.callback)

    def url(self, **values) -> str:
        """The path for these parameter values (path() and re_path() alike)."""
        if self.named:
            return reverse(self.name, kwargs={k: str(v) for k, v in values.items()})
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), self.pattern)


def _walk(resolvers, prefix: str, namespace: str, inherited: tuple = ()) -> Iterator[Route]:
    for entry in resolvers:
        params = inherited + _params(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, params)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}{entry.name}" if entry.name else pattern
            yield Route(name=name, pattern=pattern, params=params, callback=entry.callback, named=bool(entry.name))


def _params(pattern) -> tuple[tuple[str, str], ...]:
    """(name, converter) of a path() route, or of a re_path()'s named groups (as "str")."""
    if isinstance(pattern, RoutePattern):
        return tuple((name, converter or "str") for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", str(pattern)))
    return tuple((name, "str") for name in pattern.regex.groupindex)


def routes() -> list[Route]:
    """Every route of ROOT_URLCONF, except the static files that DEBUG adds."""
    return [
        route
        for route in _walk(get_resolver().url_patterns, "", "")
        if not route.pattern.lstrip("^").startswith("static")
    ]


def allowed_methods(view: Callable) -> frozenset[str]:
    """Which of GET and POST a view answers, from @require_http_methods/@require_POST/@require_safe
    anywhere in its decorator chain, or from a class-based view's handlers. Undecorated: both."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = set(view_class.http_method_names)
        return frozenset(m.upper() for m in ("get", "post") if m in names and hasattr(view_class, m))
    function: Callable | None = view
    while function is not None:
        if function.__closure__:
            allowed = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if allowed is not None:
                return frozenset(allowed) & ALL_METHODS
        function = getattr(function, "__wrapped__", None)
    return ALL_METHODS
