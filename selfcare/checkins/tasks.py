"""Background work for check-ins. Celery only ever delivers what the request already saved."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from selfcare.checkins import escalation, thresholds
from selfcare.checkins.models import CheckIn, FollowUp
from selfcare.core import emails

logger = logging.getLogger(__name__)


def queue_follow_up(pk: int) -> None:
    """Hand a follow-up to a worker now; if the broker is away, the sweep below sends it later."""
    try:
        send_follow_up.delay(pk)
    except Exception:  # noqa: BLE001 - any broker failure: the row is saved and the sweep retries
        logger.warning("follow-up %s left for the sweep: the broker did not take it", pk)


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=60)
def send_follow_up(self, pk: int) -> bool:
    """Send one follow-up at most once. Its words never say why (SAFETY.md §2.4)."""
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update(skip_locked=True).select_related("owner").filter(pk=pk).first()
        if follow_up is None or follow_up.sent_at or follow_up.cancelled_at:
            return False
        owner = follow_up.owner
        if not owner.is_active or not owner.email_followups:
            follow_up.cancelled_at = timezone.now()
            follow_up.save(update_fields=["cancelled_at"])
            return False
        if follow_up.send_after > timezone.now():
            return False
        name = "follow-up-urgent" if follow_up.urgent else "follow-up"
        context = {"today_url": emails.absolute(reverse("today"))}
        try:
            emails.send(name, owner.email, context)
        except OSError as error:
            raise self.retry(exc=error) from error
        follow_up.sent_at = timezone.now()
        follow_up.save(update_fields=["sent_at"])
        return True


@shared_task
def send_due_follow_ups() -> int:
    """The sweep: follow-ups whose time has come, including any the broker missed."""
    due = FollowUp.objects.filter(sent_at__isnull=True, cancelled_at__isnull=True, send_after__lte=timezone.now())
    sent = 0
    for pk in due.values_list("pk", flat=True)[:500]:
        sent += bool(send_follow_up(pk))
    return sent


@shared_task
def evaluate_windows() -> int:
    """Nightly: the window rules (R11, R12, R17, R13) for everyone who checked in lately.

    What fires is recorded (and may bring a follow-up); Today shows it at the next page load.
    """
    since = timezone.now().date() - datetime.timedelta(days=thresholds.R12_WINDOW_DAYS)
    owners = CheckIn.objects.filter(date__gte=since).values_list("owner", flat=True).distinct()
    from selfcare.accounts.models import User

    fired = 0
    for user in User.objects.filter(pk__in=owners, is_active=True).iterator():
        outcome = escalation.current(user)
        fired += len(escalation.record(user, outcome, source=f"nightly:{user.local_today():%Y-%m-%d}"))
    return fired
