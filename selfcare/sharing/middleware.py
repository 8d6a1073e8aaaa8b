"""Headers, rate limit and quiet logs for every response under the share paths (SAFETY.md §4.5)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from selfcare.core import ratelimit

SHARE_PATHS = ("/s/", "/shared/")
SHARE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def is_share_path(path: str) -> bool:
    return path.startswith(SHARE_PATHS) or path == "/s"


class SharePathMiddleware:
    """For /s/<token> and /shared/...: rate-limit per client, set the share headers, keep tokens out of logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_share_path(request.path):
            return self.get_response(request)
        allowed = ratelimit.allow(request, "share", limit=settings.SHARE_RATE_LIMIT, window=settings.SHARE_RATE_WINDOW)
        if allowed:
            response = self.get_response(request)
        else:
            response = render(request, "sharing/rate_limited.html", status=429)
            response["Retry-After"] = str(settings.SHARE_RATE_WINDOW)
        for header, value in SHARE_HEADERS.items():
            response[header] = value
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, no-cache, max-age=0, must-revalidate, private"
        # Django logs every 4xx with its path, and the path of /s/<token> is the secret.
        response._has_been_logged = True
        return response
