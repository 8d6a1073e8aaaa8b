"""One of every kind of row a person can own, each carrying a marker that no other person's page may show.

Used by the security matrix and the fuzz tests. When a new app adds a model with an `owner`, add a row
of it in `fill()`: the matrix fails for any id-taking URL that none of the person's rows reaches.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone


def fill(user, marker: str) -> None:
    """Give `user` a journal, practice sessions, a plan week, a joy list, check-ins, questionnaires,
    a check-back, a support plan and a share link, with `marker` in every text they typed."""
    from exercises import content, runner
    from exercises.joy import rules as joy
    from exercises.plan import days as plan
    from exercises.plan import weeks
    from journal import entries
    from selfcare.checkins import daily, instruments, screening
    from selfcare.checkins.models import CheckBack, SupportPlan
    from selfcare.sharing.models import ShareLink

    entries.upsert(user, uuid.uuid4(), "note", {"text": f"{marker} note"}, draft=False)
    entries.upsert(
        user,
        uuid.uuid4(),
        "event-feeling-need",
        {"event": f"{marker} event", "feelings": ["calm"], "intensity": 4},
        draft=False,
    )
    entries.upsert(user, uuid.uuid4(), "expressive", {"text": f"{marker} draft"}, draft=True)

    session = runner.start(user, content.catalogue()["grounding"])
    runner.save_before(session, 3, 4, move_to=1)

    week = weeks.start_week(user)
    today = user.local_today()
    first = plan.plan().day(1).tasks[0]
    weeks.tick(week, 1, first.key, today, report=f"{marker} report")
    weeks.save_topic(week, f"{marker} topic")

    activity, _ = joy.add(user, f"{marker} walk")
    joy.plan(activity, 6)
    joy.add(user, f"{marker} swim")

    daily.save(
        user,
        {
            "numbness": 5,
            "impact_work": 1,
            "impact_relationships": 1,
            "impact_selfcare": 0,
            "connection": 4,
            "note": f"{marker} checkin",
        },
    )
    screening.start(user, instruments.instruments()[instruments.PHQ9])
    who5 = instruments.instruments()[instruments.WHO5]
    done = screening.start(user, who5)
    for question in who5.items:
        done = screening.answer(done, question.key, "3")
    screening.finish(done)

    CheckBack.objects.create(owner=user, due_at=timezone.now() - timedelta(minutes=1))
    ShareLink.objects.create(
        owner=user,
        label=f"{marker} therapist",
        start_date=today - timedelta(days=30),
        end_date=today,
        expires_at=timezone.now() + timedelta(days=14),
        token_hash=secrets.token_hex(32),
    )
    SupportPlan.objects.create(owner=user, **{name: f"{marker} {name}" for name, _, _ in SupportPlan.SECTIONS})


def owned_models() -> list[type[models.Model]]:
    """Every model with an `owner` pointing at the user model, in every installed app."""
    found = []
    for model in apps.get_models():
        field = next((f for f in model._meta.get_fields() if f.name == "owner"), None)
        if (
            field is not None
            and field.related_model is not None
            and field.related_model._meta.label == settings.AUTH_USER_MODEL
        ):
            found.append(model)
    return found


def snapshot(user) -> dict[str, list[dict]]:
    """Everything `user` owns, field by field (decrypted), to compare before and after."""
    return {
        model._meta.label: list(model._default_manager.filter(owner=user).order_by("pk").values())
        for model in owned_models()
    }


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in owned_models()}


def ids_of(user) -> tuple[list[str], list[int]]:
    """Every UUID and every primary key among `user`'s rows."""
    uuids: list[str] = []
    pks: list[int] = []
    for model in owned_models():
        uuid_fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.UUIDField)]
        for row in model._default_manager.filter(owner=user).values("pk", *uuid_fields):
            pks.append(row.pop("pk"))
            uuids.extend(str(value) for value in row.values() if value)
    return sorted(set(uuids)), sorted(set(pks))
