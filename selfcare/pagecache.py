"""Pages kept for a few minutes, so reading one again unchanged costs two cache reads.

A signed-in page reads a dozen tables, runs the check-in rules and renders a template: 20 to 150 ms.
Read again with nothing changed, it would come out byte for byte the same. This module keeps it,
and makes sure a kept page is never shown once anything it was built from has changed:

- Each person has a *generation* in the cache, a random token. Any write to their rows replaces it:
  model signals (now and again after the commit), every POST of theirs (``ForgetOnWriteMiddleware``)
  and the few bulk writes that skip signals (they call ``changed()``). A kept page carries the
  generation it was built under and is served only while that is still the person's generation, so a
  write retires every kept page of theirs at once. Both are read in one round trip.
- The key also holds everything else a page depends on: the path and query, the htmx headers, the
  person's local date and hour, and the crisis-bar flag of the session.
- The page's CSRF token is cut out when it is kept and a fresh one is put in when it is served.
- Bodies are compressed and encrypted with the field keys: what people wrote is never in the cache
  in the clear.
- Only plain 200 responses are kept: not with a message to show, a cookie or session change, or a
  ``no-store`` the view asked for.
- When the cache cannot be reached the page is built as usual (and the cache left alone for a few
  seconds); a POST whose forgetting failed turns keeping off for that session until kept pages expire.

Off unless the cache is shared by every process (Redis): with one in-process cache per process a
worker's write could not reach the web process.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import secrets
import time
import zlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone

from selfcare.checkins.crisis import CRISIS_BAR_SESSION_KEY
from selfcare.core import fields as crypto

logger = logging.getLogger(__name__)

BYPASS_SESSION_KEY = "pagecache_off_until"
BACK_OFF_SECONDS = 5
# Django's masked CSRF tokens: 64 letters and digits (CSRF_TOKEN_LENGTH).
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_MISSING = object()
_down_until = 0.0


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def changed(user_id: int | None) -> None:
    """Forget every kept page of this person: now, and again once the current transaction commits.

    Now, so no page is kept under the old generation from here on; again after the commit, because
    a page built between now and the commit read the old rows.
    """
    if user_id is None or not enabled():
        return
    if connection.in_atomic_block:
        _new_generation(user_id)
    transaction.on_commit(functools.partial(_new_generation, user_id))


def kept(view: Callable) -> Callable:
    """Keep this GET view's page per person (or one for everybody signed out); see the module docstring."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        user = request.user
        owner = user.pk if user.is_authenticated else None
        return serve(request, owner, lambda: view(request, *args, **kwargs))

    return wrapper


def serve(request: HttpRequest, owner: int | None, build: Callable[[], HttpResponse], vary: tuple = ()) -> HttpResponse:
    """The kept page for this request if there is one, else ``build()``, kept when it may be.

    ``owner`` is whose rows the page shows (None: nobody's); ``vary`` is anything else it depends on.
    """
    if not _may_keep(request):
        return build()
    key = _key(request, owner, vary)
    names = [key] if owner is None else [key, _generation_key(owner)]
    found = _cache_call(cache.get_many, names)
    if found is _MISSING:
        return build()
    generation = "-" if owner is None else found.get(names[1]) or _start_generation(owner)
    if generation is None:
        return build()
    if key in found:
        response = _revive(request, found[key], generation)
        if response is not None:
            return response
    response = build()
    entry = _entry(request, response, generation)
    if entry is not None:
        _cache_call(cache.set, key, entry, settings.PAGE_CACHE_SECONDS)
    return response


class ForgetOnWriteMiddleware:
    """After any POST (or other unsafe request) by a signed-in person, forget their kept pages.

    Model signals catch single-row writes; this catches everything else a person can do, including
    bulk updates. If the cache could not be told, this session stops using kept pages for as long as
    a kept page lives.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and enabled():
            user = getattr(request, "user", None)
            forgot = user is None or not user.is_authenticated or _new_generation(user.pk)
            if not forgot and hasattr(request, "session"):
                request.session[BYPASS_SESSION_KEY] = time.time() + settings.PAGE_CACHE_SECONDS
        return response


def _may_keep(request: HttpRequest) -> bool:
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.get(BYPASS_SESSION_KEY, 0) > time.time():
        return False
    # A message waiting to be shown would be kept with the page and shown again.
    return not len(messages.get_messages(request))


def _key(request: HttpRequest, owner: int | None, vary: tuple) -> str:
    if owner is not None and request.user.is_authenticated and request.user.pk == owner:
        hour = request.user.local_now().strftime("%Y-%m-%d %H")
    else:
        hour = timezone.now().strftime("%Y-%m-%d %H")
    session = getattr(request, "session", None)
    parts = [
        request.get_full_path(),
        hour,
        str(bool(session and session.get(CRISIS_BAR_SESSION_KEY))),
        *(f"{name}={value}" for name, value in sorted(request.headers.items()) if name.lower().startswith("hx-")),
        *map(str, vary),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{_release()}:{owner or '-'}:{digest}"


def _generation_key(owner: int) -> str:
    return f"pagegen:{owner}"


def _start_generation(owner: int) -> str | None:
    """A first generation for a person the cache has none for (None: the cache is unreachable)."""
    _cache_call(cache.add, _generation_key(owner), secrets.token_hex(8), None)
    current = _cache_call(cache.get, _generation_key(owner))
    return None if current in (None, _MISSING) else current


def _new_generation(owner: int) -> bool:
    return _cache_call(cache.set, _generation_key(owner), secrets.token_hex(8), None) is not _MISSING


def _entry(request: HttpRequest, response: HttpResponse, generation: str) -> bytes | None:
    """The response, ready to keep: its CSRF tokens cut out, compressed, encrypted. None: not to be kept."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if not getattr(response, "is_rendered", True):
        return None  # a TemplateResponse not rendered yet: its content is not known here
    if "no-store" in response.get("Cache-Control", ""):
        return None
    session = getattr(request, "session", None)
    if (session is not None and session.modified) or len(messages.get_messages(request)):
        return None
    secret = request.META.get("CSRF_COOKIE")
    content = response.content
    chunks = [content]
    if secret and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        chunks, start = [], 0
        for match in _TOKEN.finditer(content):
            if _unmask_cipher_token(match.group().decode()) == secret:
                chunks.append(content[start : match.start()])
                start = match.end()
        chunks.append(content[start:])
    headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
    try:
        text = [chunk.decode() for chunk in chunks]
    except UnicodeDecodeError:
        return None  # only text pages are kept
    return crypto.encrypt_bytes(zlib.compress(json.dumps([generation, headers, text]).encode(), 1))


def _revive(request: HttpRequest, stored: bytes, generation: str) -> HttpResponse | None:
    """The kept response with a fresh CSRF token, or None if it was built before the person's last write."""
    try:
        built_under, headers, chunks = json.loads(zlib.decompress(crypto.decrypt_bytes(stored)))
    except crypto.UnreadableError:
        return None  # kept under a key that has since been retired
    if built_under != generation:
        return None
    token = get_token(request) if len(chunks) > 1 else ""
    response = HttpResponse(token.join(chunks).encode())
    for name, value in headers:
        response[name] = value
    return response


@functools.cache
def _release() -> str:
    """Changes with every deploy, so no page kept by older code (its templates, its static names) is served.

    It also names the database, so two sites (or two test runs) sharing one Redis never see each other's pages.
    """
    roots = [settings.BASE_DIR / name for name in ("selfcare", "journal", "exercises", "templates")]
    stats = sorted(
        f"{path}:{path.stat().st_mtime_ns}:{path.stat().st_size}"
        for root in roots
        for path in root.rglob("*")
        if path.is_file() and path.suffix in {".py", ".html", ".toml", ".svg", ".txt"}
    )
    stats.append(str(connection.settings_dict["NAME"]))  # two sites sharing one Redis never meet
    manifest = settings.STATIC_ROOT / "staticfiles.json" if settings.STATIC_ROOT else None
    if manifest is not None and manifest.exists():
        stats.append(manifest.read_text())
    return hashlib.sha256("\n".join(stats).encode()).hexdigest()[:12]


def _cache_call(method, *args):
    """Call the cache; on any failure log it, leave the cache alone for a few seconds and return _MISSING."""
    global _down_until
    if time.monotonic() < _down_until:
        return _MISSING
    try:
        return method(*args)
    except Exception:  # noqa: BLE001 - an unreachable cache must never fail a page
        logger.warning("Page cache unavailable; building pages as usual for %s s", BACK_OFF_SECONDS, exc_info=True)
        _down_until = time.monotonic() + BACK_OFF_SECONDS
        return _MISSING
