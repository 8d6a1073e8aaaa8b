"""Creating, finding and ending share links: the rules, away from the views."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from selfcare.sharing import tokens
from selfcare.sharing.models import ShareLink
from selfcare.sharing.scope import Scope


def create(scope: Scope, label: str, shown_name: str, expires_at: datetime.datetime) -> tuple[ShareLink, str]:
    """Save a link for the scope and return it with its token, which is never stored and never shown again."""
    token = tokens.new_token()
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
        )
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
