"""Typed requests for views (the django-stubs pattern), and the two questions a view asks of a request's
origin: did it come from one of our own pages, and is a `next` it carries a path on this site."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # core imports no feature at run time
    from selfcare.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_origins(request: HttpRequest) -> set[str]:
    """This site's origins: SITE_URL's, and the one this request was addressed to (an allowed host)."""
    origins = {_origin_of(settings.SITE_URL)} if settings.SITE_URL else set()
    with contextlib.suppress(DisallowedHost):
        origins.add(f"{request.scheme}://{request.get_host()}".lower())
    return {origin for origin in origins if origin}


def from_this_site(request: HttpRequest) -> bool:
    """The browser says this request was sent by one of this site's own pages: its Origin, or lacking one its
    Referer, is this site. A request that says nothing, or says "null", did not."""
    origin = request.headers.get("Origin")
    if origin is None:
        origin = _origin_of(request.headers.get("Referer", ""))
    return origin is not None and origin.lower() in own_origins(request)


def local_path(request: HttpRequest, target: str | None, fallback: str) -> str:
    """`target` (a `next` a form or link carries) when it is a path on this site, else `fallback`."""
    if (
        target
        and target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def redirect_to_local(request: HttpRequest, target: str | None, fallback: str) -> HttpResponseRedirect:
    """Redirect to `target` if it is a path on this site, else to `fallback`. Never `redirect()` on request
    input: it takes a bare word for a URL name and fails with a 500."""
    return HttpResponseRedirect(local_path(request, target, fallback))
