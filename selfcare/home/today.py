"""What the Today page says and the notices it gathers, worked out in the person's own time zone."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import JSONObject

from exercises.models import PracticeSession
from selfcare.checkins import daily, escalation
from selfcare.sharing import links


def greeting(local_now: datetime.datetime) -> str:
    hour = local_now.hour
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    if 18 <= hour < 23:
        return "Good evening"
    return "Hello"


@dataclass(frozen=True)
class Waiting:
    """A practice left midway, to continue from Today."""

    code: str
    step: int
    title: str


@dataclass(frozen=True)
class Notices:
    """The small things Today may mention, each a yes/no or one id, read in one query."""

    quiet_tiers: frozenset[int]
    check_back_id: int | None
    waiting: Waiting | None
    links_opened: bool


def notices(user) -> Notices:
    person = OuterRef("pk")
    waiting = (
        PracticeSession.objects.owned_by(person)
        .unfinished()
        .order_by("-updated_at")
        .values(about=JSONObject(code="code", step="step", title=KT("snapshot__title")))[:1]
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            quiet_1=Exists(daily.still_quiet(person).filter(tier=1)),
            quiet_2=Exists(daily.still_quiet(person).filter(tier=2)),
            check_back_id=Subquery(escalation.check_backs_due(person).values("pk")[:1]),
            waiting=Subquery(waiting),
            links_opened=Exists(links.opened_unnoticed(person)),
        )
        .get()
    )
    about = row["waiting"]
    if isinstance(about, str):  # a JSON subquery comes back as text on some backends
        about = json.loads(about)
    return Notices(
        quiet_tiers=frozenset(tier for tier, quiet in ((1, row["quiet_1"]), (2, row["quiet_2"])) if quiet),
        check_back_id=row["check_back_id"],
        waiting=Waiting(str(about["code"]), int(about["step"]), about["title"] or "") if about else None,
        links_opened=row["links_opened"],
    )
