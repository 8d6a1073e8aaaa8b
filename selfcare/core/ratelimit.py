"""A small fixed-window rate limit, kept in Django's cache: per client address, or per any other key.

Used by the share paths (per client) and by sign-up and password-reset mail (per client and per
address). It fails open: if the cache (Redis) is down, requests are let through and a warning is
logged, because a therapist reading a page or a person getting back into their account matters more
than the limit (a share token's 256 bits already make guessing hopeless).
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The client's address, trusting X-Forwarded-For only as far as the configured proxies."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope: str, limit: int, window: int) -> bool:
    """Count this request; False once the client has made more than `limit` in the current window."""
    return allow_key(scope, client_address(request), limit, window)


def allow_key(scope: str, value: str, limit: int, window: int) -> bool:
    """Count one use for `value` (an email address, say: only its hash is kept); False past `limit` per window."""
    slot = int(time.time() // window)
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"rl:{scope}:{digest}:{slot}"
    try:
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # gone since add(), or unreadable (selfcare/core/cache.py): count afresh
            cache.set(key, 1, timeout=window + 1)
            count = 1
    except Exception:  # the limiter must never turn an outage into an error page
        logger.warning("rate limit cache unavailable; letting the request through", exc_info=True)
        return True
    return count <= limit
