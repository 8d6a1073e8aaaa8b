"""Computed aggregates (never HTML) kept per person until their next write.

Patterns and trends work over weeks or a year of someone's history. The numbers they work out are
kept in the cache under a key holding the person's data version: a counter on their own row, raised
in the same transaction as every save of a row the aggregates read (`count_saves_of`). The version
travels with the person read for every request, so checking it costs nothing, and the first read
after a write always computes afresh. Pages still render from these values on every request.

Values are pickled, then encrypted with the field keys (they can hold what a person wrote); anything
that cannot be read back (junk, a retired key, an older shape) is a miss, never an error. If the cache
is unreachable the value is computed as if nothing were kept.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F, Model
from django.db.models.signals import post_save

from selfcare.core import fields as crypto

log = logging.getLogger(__name__)
SECONDS = 60 * 60 * 24  # a day: an unvisited person's values leave by themselves
FORMAT = 1  # raise when the shape of kept values changes


def _key(user, name: str, parts: tuple) -> str:
    digest = hashlib.sha256(repr((FORMAT, name, parts)).encode()).hexdigest()[:32]
    return f"data:{user.pk}:{user.data_version}:{digest}"


def remember[T](user, name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for the same person, data version, name and parts."""
    key = _key(user, name, parts)
    try:
        blob = cache.get(key)
    except Exception:  # the cache is down: work it out
        log.warning("data cache unreachable on read", exc_info=True)
        blob = None
    if isinstance(blob, bytes):
        try:
            return pickle.loads(crypto.decrypt_bytes(blob))  # noqa: S301 - authenticated by the field keys
        except Exception:
            log.info("data cache entry unreadable, recomputing")
    value = compute()
    try:
        cache.set(key, crypto.encrypt_bytes(pickle.dumps(value)), SECONDS)
    except Exception:
        log.warning("data cache unreachable on write", exc_info=True)
    return value


def changed(owner_id: int) -> None:
    """The person's data changed: values kept for them are no longer reachable."""
    get_user_model().objects.filter(pk=owner_id).update(data_version=F("data_version") + 1)


def count_saves_of(
    model: type[Model], owner_field: str = "owner_id", unless: Callable[[Any], bool] | None = None
) -> None:
    """Raise the owner's data version on every save of this model (called from an app's ready()),
    except saves of rows `unless` says no aggregate reads (a journal draft, autosaved every second).

    Saves only: a post_delete receiver would stop deletes from cascading fast, and the rows the
    aggregates read are deleted softly (a save) or with their owner.
    """

    def _saved(sender, instance, **kwargs) -> None:
        if unless is None or not unless(instance):
            changed(getattr(instance, owner_field))

    post_save.connect(_saved, sender=model, weak=False, dispatch_uid=f"datacache-{model._meta.label}")
