"""Creating, finding and ending share links: the rules, away from the views."""

from __future__ import annotations

import datetime
import logging

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from selfcare.core import fields as crypto
from selfcare.sharing import tokens
from selfcare.sharing.models import ShareLink
from selfcare.sharing.scope import Scope

logger = logging.getLogger(__name__)


class AlreadyCreated(Exception):
    """This preview's key has made a link already."""


def create(
    scope: Scope, label: str, shown_name: str, expires_at: datetime.datetime, create_key: str = ""
) -> tuple[ShareLink, str]:
    """Save a link for the scope and return it with its token, which is never stored and never shown again.

    With a `create_key` (the preview's one-time key), at most one link is made per key and person,
    however many presses arrive at once (AlreadyCreated for the others). The token is kept, encrypted,
    for RESHOW_SECONDS so that the press whose answer the browser shows can show the same link.
    """
    token = tokens.new_token()
    try:
        with transaction.atomic():
            link = ShareLink.objects.create(
                owner=scope.owner,
                label=label,
                shown_name=shown_name,
                include_trends=scope.include_trends,
                include_plan=scope.include_plan,
                journal=scope.journal,
                journal_kinds=list(scope.journal_kinds),
                picked_entry_ids=list(scope.picked_entry_ids),
                start_date=scope.start_date,
                end_date=scope.end_date,
                expires_at=expires_at,
                token_hash=tokens.hash_token(token),
                create_key=create_key,
            )
            if create_key:
                # Before the commit: a press waiting on this row's key finds the token when it wakes.
                _keep_for_reshow(link, token)
    except IntegrityError:
        if create_key and ShareLink.objects.owned_by(scope.owner).filter(create_key=create_key).exists():
            raise AlreadyCreated from None
        raise
    return link, token


RESHOW_SECONDS = 120


def _reshow_key(owner_id: int, create_key: str) -> str:
    return f"share-reshow:{owner_id}:{create_key}"


def _keep_for_reshow(link: ShareLink, token: str) -> None:
    try:
        cache.set(_reshow_key(link.owner_id, link.create_key), crypto.encrypt(token), RESHOW_SECONDS)
    except Exception:  # without the cache a second press says "already created" instead
        logger.warning("share link kept for no second press: cache unavailable")


def created_with(owner, create_key: str) -> tuple[ShareLink, str] | None:
    """The link (and token) a preview's key made moments ago, for a second press of "Create"; else None."""
    if not create_key:
        return None
    link = ShareLink.objects.owned_by(owner).active().filter(create_key=create_key).first()
    if link is None:
        return None
    try:
        kept = cache.get(_reshow_key(owner.pk, create_key))
        token = crypto.decrypt(kept) if kept else None
    except Exception:  # an outage or an unreadable value: a miss
        return None
    if token is None or not tokens.matches(tokens.hash_token(token), link.token_hash):
        return None
    return link, token


def find_active(token: str, now: datetime.datetime | None = None) -> ShareLink | None:
    """The open link a token belongs to, or None (wrong, expired and revoked all look the same)."""
    wanted = tokens.lookup_hash(token)
    link = ShareLink.objects.select_related("owner").filter(token_hash=wanted).first()
    if link is None or not tokens.matches(wanted, link.token_hash) or not link.is_active(now):
        return None
    return link


def revoke(link: ShareLink, now: datetime.datetime | None = None) -> None:
    """End the link at once. Revoking twice keeps the first time."""
    ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now or timezone.now())
    link.refresh_from_db(fields=["revoked_at"])


def revoke_all(user) -> int:
    return ShareLink.objects.revoke_all(user)


def opened_unnoticed(owner):
    """Links opened that the person has not been told about yet. `owner` may be an OuterRef."""
    return ShareLink.objects.owned_by(owner).filter(first_open_noticed_at__isnull=True, views__isnull=False)


def first_openings(user) -> list[ShareLink]:
    """Links opened for the first time that the person has not been told about yet, with that time."""
    return list(opened_unnoticed(user).annotate(first_opened_at=Min("views__opened_at")).order_by("first_opened_at"))


def notice_openings(user) -> int:
    return (
        ShareLink.objects.owned_by(user)
        .filter(first_open_noticed_at__isnull=True, views__isnull=False)
        .distinct()
        .update(first_open_noticed_at=timezone.now())
    )
