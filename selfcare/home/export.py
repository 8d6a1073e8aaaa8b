"""Everything a person wrote, as JSON (all of it) or CSV (the journal, for a spreadsheet).

Reads the account, the journal (saved entries and drafts, not ones waiting to be undeleted) and
the practice sessions in two queries, decrypting as it goes. Times are ISO 8601 in the person's
own time zone, with the offset, so they are exact and read naturally.
"""

from __future__ import annotations

import csv
import io

from django.db.models import F, Prefetch
from django.utils import timezone

from exercises.joy.models import JoyActivity, JoyRecord
from exercises.models import PracticeSession
from exercises.plan.models import Enrollment, TaskDone, TherapyTopic
from journal.models import JournalEntry
from selfcare.checkins.models import CheckIn, EscalationEvent, ScreenerResult, SupportPlan
from selfcare.sharing.models import ShareLink, ShareView

FORMAT_VERSION = 1
ENTRY_TEXT_FIELDS = ("event", "body_sensations", "other_feelings", "need_text", "text")
CSV_HEADER = (
    "created (local time)",
    "kind",
    "feelings",
    "needs",
    "intensity",
    "body location",
    "event",
    "body sensations",
    "other feelings",
    "need text",
    "text",
    "draft",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _when(value, zone) -> str | None:
    return value.astimezone(zone).isoformat() if value is not None else None


def _entries(user):
    return JournalEntry.objects.owned_by(user).filter(deleted_at__isnull=True).order_by("created_at", "id")


def export_json(user) -> dict:
    zone = user.zone
    entries = [
        {
            "id": str(entry.code),
            "kind": entry.kind,
            "draft": entry.is_draft,
            "created_at": _when(entry.created_at, zone),
            "updated_at": _when(entry.updated_at, zone),
            "feelings": list(entry.feelings or []),
            "needs": list(entry.needs or []),
            "intensity": entry.intensity,
            "body_location": entry.body_location,
            **{name: getattr(entry, name) for name in ENTRY_TEXT_FIELDS},
            "timer_seconds": entry.timer_seconds,
        }
        for entry in _entries(user)
    ]
    sessions = [
        {
            "id": str(session.code),
            "exercise": session.exercise,
            "title": (session.snapshot or {}).get("title", session.exercise),
            "content_version": session.content_version,
            "feeling_before": session.feeling_before,
            "feeling_after": session.feeling_after,
            "distress_before": session.distress_before,
            "distress_after": session.distress_after,
            "too_much": session.too_much,
            "answers": session.answers,
            "started_at": _when(session.started_at, zone),
            "finished_at": _when(session.finished_at, zone),
            "journal_entry": str(session.journal_entry_code) if session.journal_entry_code else None,
        }
        for session in PracticeSession.objects.owned_by(user)
        .annotate(journal_entry_code=F("journal_entry__code"))
        .order_by("started_at", "id")
    ]
    return {
        "format": "thaw-export",
        "version": FORMAT_VERSION,
        "exported_at": _when(timezone.now(), zone),
        "account": {
            "email": user.email,
            "time_zone": user.time_zone,
            "joined": _when(user.date_joined, zone),
            "consent_version": user.consent_version,
            "consented_at": _when(user.consented_at, zone),
            "age_attested_at": _when(user.age_attested_at, zone),
        },
        "journal_entries": entries,
        "practice_sessions": sessions,
        "plan_weeks": _plan_weeks(user, zone),
        "therapy_topics": [
            {"text": topic.text, "created_at": _when(topic.created_at, zone)}
            for topic in TherapyTopic.objects.filter(owner=user).order_by("created_at")
        ],
        "joy_list": _joy_list(user, zone),
        "support_plan": _support_plan(user),
        "checkins": [
            {
                "date": checkin.date.isoformat(),
                "numbness": checkin.numbness,
                "impact_work": checkin.impact_work,
                "impact_relationships": checkin.impact_relationships,
                "impact_selfcare": checkin.impact_selfcare,
                "connection": checkin.connection,
                "note": checkin.note,
            }
            for checkin in CheckIn.objects.filter(owner=user).order_by("date")
        ],
        "questionnaires": [
            {
                "instrument": result.instrument,
                "status": result.status,
                "answers": result.answers,
                "score": result.score,
                "band": result.band,
                "retaken_early": result.retaken_early,
                "started_at": _when(result.started_at, zone),
                "completed_at": _when(result.completed_at, zone),
            }
            for result in ScreenerResult.objects.owned_by(user).order_by("started_at", "id")
        ],
        "help_shown": [
            {"rule": event.rule, "tier": event.tier, "at": _when(event.fired_at, zone)}
            for event in EscalationEvent.objects.filter(owner=user).order_by("fired_at", "id")
        ],
        "share_links": _share_links(user, zone),
    }


def _share_links(user, zone) -> list[dict]:
    """What each link shares, when it ran and when it was opened; never the token or its hash."""
    links = (
        ShareLink.objects.owned_by(user)
        .prefetch_related(Prefetch("views", queryset=ShareView.objects.order_by("opened_at", "id")))
        .order_by("created_at", "id")
    )
    return [
        {
            "label": link.label,
            "name_shown": link.shown_name,
            "shares": link.scope_summary(),
            "from": link.start_date.isoformat(),
            "to": link.end_date.isoformat(),
            "created_at": _when(link.created_at, zone),
            "expires_at": _when(link.expires_at, zone),
            "ended_at": _when(link.revoked_at, zone),
            "opened": [{"at": _when(view.opened_at, zone), "device": view.device} for view in link.views.all()],
        }
        for link in links
    ]


def _support_plan(user) -> dict | None:
    plan = SupportPlan.objects.filter(owner=user).first()
    return {section["name"]: section["text"] for section in plan.sections()} if plan else None


def _plan_weeks(user, zone) -> list[dict]:
    done_by_week: dict[int, list[dict]] = {}
    for row in TaskDone.objects.filter(owner=user).order_by("day", "done_at"):
        done_by_week.setdefault(row.enrollment_id, []).append(
            {"day": row.day, "task": row.task, "note": row.report, "done_at": _when(row.done_at, zone)}
        )
    return [
        {
            "week": week.week_number,
            "level": week.level,
            "start_date": week.start_date.isoformat(),
            "finished_at": _when(week.finished_at, zone),
            "tasks_done": done_by_week.get(week.pk, []),
        }
        for week in Enrollment.objects.owned_by(user).order_by("start_date", "id")
    ]


def _joy_list(user, zone) -> list[dict]:
    records: dict[int, list[dict]] = {}
    for record in JoyRecord.objects.filter(owner=user).order_by("planned_at"):
        records.setdefault(record.activity_id, []).append(
            {
                "expected": record.expected,
                "actual": record.actual,
                "note": record.note,
                "planned_at": _when(record.planned_at, zone),
                "done_at": _when(record.done_at, zone),
            }
        )
    return [
        {"name": item.name, "archived": item.archived_at is not None, "records": records.get(item.pk, [])}
        for item in JoyActivity.objects.filter(owner=user).order_by("position", "id")
    ]


def neutralise(cell: str) -> str:
    """Make a cell a spreadsheet shows as text, never runs: prefix a quote to a would-be formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def export_csv(user) -> str:
    """One row per journal entry (saved and drafts), oldest first, in the person's local time."""
    zone = user.zone
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for entry in _entries(user):
        row = [
            entry.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            entry.get_kind_display(),
            "; ".join(str(word) for word in entry.feelings or []),
            "; ".join(str(word) for word in entry.needs or []),
            "" if entry.intensity is None else str(entry.intensity),
            entry.body_location,
            *(getattr(entry, name) for name in ENTRY_TEXT_FIELDS),
            "yes" if entry.is_draft else "",
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()
