"""A small load generator that remembers every write the server acknowledged, and checks them afterwards.

One thread per connection, each signed in as its own person, on a keep-alive connection (stdlib only).
Each thread mixes reads (Today, the journal, the exercises) with writes:

- the daily check-in (POST /checkin/, acknowledged by a 200 page);
- journal autosaves with the form's client_id (POST /journal/autosave/note/, 200 {"status": "saved"}), retried
  like the browser does when an answer fails, and now and then the final save (302);
- exercise steps: start a practice (302 to its first step) and send the before-ratings (302 onwards).

`verify()` then reads PostgreSQL and lists every acknowledged write that is missing or different.
A write whose answer never arrived may or may not have landed; both are fine, as long as a retried
autosave lands once (one row per client_id, enforced and checked).
"""

from __future__ import annotations

import http.client
import json
import random
import secrets
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

FRIENDLY_500 = "Something went wrong on our side"
AUTOSAVE_RETRIES = 20
RETRY_PAUSE = 0.5


@dataclass
class Person:
    email: str
    session_key: str
    csrf: str = field(default_factory=lambda: secrets.token_hex(16))  # a 32-character CSRF secret


@dataclass
class Record:
    """What one thread sent and what the server acknowledged."""

    # client_id -> texts in the order sent; the index of the last acknowledged one (-1: none).
    drafts: dict[str, list[str]] = field(default_factory=dict)
    drafts_acked: dict[str, int] = field(default_factory=dict)
    checkin_notes: list[str] = field(default_factory=list)
    checkin_acked: int = -1
    # practice session code -> (feeling_before, distress_before) acknowledged; starts without an answer.
    sessions: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    session_attempts: int = 0


@dataclass
class Result:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    connection_errors: int = 0
    server_errors: list[tuple[float, str, int, str]] = field(default_factory=list)  # (t, path, status, body start)
    unfriendly_errors: list[tuple[float, str, int, str]] = field(default_factory=list)
    client_errors: list[tuple[float, str, int]] = field(default_factory=list)  # 4xx: never expected under load
    latencies: list[float] = field(default_factory=list)
    failures: list[tuple[float, str]] = field(default_factory=list)  # (t, what) for 5xx and dropped connections
    last_success: float = 0.0
    writes_acked: int = 0
    retries: int = 0
    duration: float = 0.0

    def merge(self, other: Result) -> None:
        self.requests += other.requests
        self.statuses.update(other.statuses)
        self.by_kind.update(other.by_kind)
        self.connection_errors += other.connection_errors
        self.server_errors += other.server_errors
        self.unfriendly_errors += other.unfriendly_errors
        self.client_errors += other.client_errors
        self.latencies += other.latencies
        self.failures += other.failures
        self.writes_acked += other.writes_acked
        self.retries += other.retries

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def _autosave_status(body: str) -> str:
    """Autosave answers one short JSON object (selfcare/core/autosave.py)."""
    try:
        return json.loads(body).get("status", "")
    except (ValueError, AttributeError):
        return ""


class Worker(threading.Thread):
    def __init__(self, base: tuple[str, int], person: Person, stop_at: float, started: float, seed: int):
        super().__init__(daemon=True)
        self.host, self.port = base
        self.person = person
        self.stop_at = stop_at
        self.started = started
        self.random = random.Random(seed)
        self.record = Record()
        self.result = Result()
        self.connection: http.client.HTTPConnection | None = None
        self.client_id = str(uuid.uuid4())
        self.text = ""

    # --- HTTP -------------------------------------------------------------------------------------

    def _headers(self, post: bool) -> dict[str, str]:
        headers = {"Cookie": f"sessionid={self.person.session_key}; csrftoken={self.person.csrf}"}
        if post:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.person.csrf
        return headers

    def request(self, kind: str, method: str, path: str, data: dict | None = None) -> tuple[int | None, dict, str]:
        """One request; (None, {}, "") when the connection failed."""
        body = urlencode(data or {}, doseq=True) if method == "POST" else None
        began = time.monotonic()
        self.result.requests += 1
        self.result.by_kind[kind] += 1
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.connection.request(method, path, body=body, headers=self._headers(method == "POST"))
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            headers = {k.lower(): v for k, v in response.getheaders()}
            if headers.get("connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
        except (OSError, http.client.HTTPException):
            if self.connection is not None:
                self.connection.close()
            self.connection = None
            self.result.connection_errors += 1
            self.result.failures.append((began - self.started, f"{method} {path}: connection dropped"))
            return None, {}, ""
        ended = time.monotonic()
        status = response.status
        self.result.latencies.append(ended - began)
        self.result.statuses[status] += 1
        if status >= 500:
            entry = (began - self.started, f"{method} {path}", status, text[:160])
            self.result.server_errors.append(entry)
            self.result.failures.append((began - self.started, f"{method} {path}: {status}"))
            if FRIENDLY_500 not in text or "Traceback" in text:
                self.result.unfriendly_errors.append(entry)
        else:
            self.result.last_success = ended - self.started
            if status >= 400:
                self.result.client_errors.append((began - self.started, f"{method} {path}", status))
        return status, headers, text

    # --- actions ----------------------------------------------------------------------------------

    def read(self) -> None:
        # /healthz asks the broker too: with Redis away it must still answer 200 ("degraded").
        path = self.random.choice(["/today/", "/journal/", "/exercises/", "/checkin/", "/healthz"])
        self.request("read", "GET", path)

    def checkin(self) -> None:
        note = f"{self.person.email} check-in {len(self.record.checkin_notes)}"
        self.record.checkin_notes.append(note)
        data = {
            "numbness": self.random.randint(0, 6),
            "impact_work": self.random.randint(0, 1),
            "impact_relationships": self.random.randint(0, 1),
            "impact_selfcare": 0,
            "connection": self.random.randint(3, 10),
            "note": note,
        }
        status, _, _ = self.request("checkin", "POST", "/checkin/", data)
        if status == 200:
            self.record.checkin_acked = len(self.record.checkin_notes) - 1
            self.result.writes_acked += 1

    def autosave(self) -> None:
        """Type a few more words and autosave; retry a failed save the way journal.js does."""
        self.text += f" word{len(self.text)}"
        texts = self.record.drafts.setdefault(self.client_id, [])
        texts.append(self.text)
        for attempt in range(AUTOSAVE_RETRIES):
            if attempt:
                self.result.retries += 1
                time.sleep(RETRY_PAUSE)
            status, _, body = self.request(
                "autosave", "POST", "/journal/autosave/note/", {"client_id": self.client_id, "text": self.text}
            )
            if status == 200 and _autosave_status(body) == "saved":
                self.record.drafts_acked[self.client_id] = len(texts) - 1
                self.result.writes_acked += 1
                return
            if status is not None and status < 500:
                return  # a 4xx is an answer, not a failure to retry
            if time.monotonic() > self.stop_at + 30:
                return

    def final_save(self) -> None:
        texts = self.record.drafts.setdefault(self.client_id, [])
        texts.append(self.text or " done")
        status, headers, _ = self.request(
            "journal-save", "POST", "/journal/new/note/", {"client_id": self.client_id, "text": texts[-1]}
        )
        if status == 302 and headers.get("location", "").startswith("/journal/"):
            self.record.drafts_acked[self.client_id] = len(texts) - 1
            self.result.writes_acked += 1
            self.client_id, self.text = str(uuid.uuid4()), ""

    def exercise(self) -> None:
        self.record.session_attempts += 1
        status, headers, _ = self.request("exercise", "POST", "/exercises/grounding/start/")
        location = headers.get("location", "")
        if status != 302 or "/exercises/s/" not in location:
            return
        code = location.split("/exercises/s/")[1].split("/")[0]
        self.record.sessions[code] = None
        self.result.writes_acked += 1
        ratings = (self.random.randint(0, 10), self.random.randint(0, 6))
        status, headers, _ = self.request(
            "exercise-step", "POST", f"/exercises/s/{code}/0/", {"feeling": ratings[0], "distress": ratings[1]}
        )
        if status == 302 and headers.get("location", "").endswith(f"/exercises/s/{code}/1/"):
            self.record.sessions[code] = ratings
            self.result.writes_acked += 1

    def run(self) -> None:
        actions = [self.read] * 35 + [self.checkin] * 15 + [self.autosave] * 30 + [self.final_save] * 5
        actions += [self.exercise] * 15
        # Every kind once first, however slow the server is, so even a short run covers them all.
        for action in (self.autosave, self.checkin, self.exercise, self.read, self.autosave, self.final_save):
            action()
        while time.monotonic() < self.stop_at:
            self.random.choice(actions)()
        if self.connection is not None:
            self.connection.close()


def drive(base: tuple[str, int], people: list[Person], seconds: float, during=None) -> tuple[Result, list[Record]]:
    """Run one thread per person for `seconds`; `during(started)` runs alongside (e.g. stop Redis)."""
    started = time.monotonic()
    workers = [Worker(base, person, started + seconds, started, seed) for seed, person in enumerate(people)]
    for worker in workers:
        worker.start()
    if during is not None:
        during(started)
    for worker in workers:
        worker.join(timeout=seconds + 120)
    total = Result(duration=time.monotonic() - started)
    for worker in workers:
        total.merge(worker.result)
    total.last_success = max(worker.result.last_success for worker in workers)
    return total, [worker.record for worker in workers]


def verify(people: list[Person], records: list[Record]) -> list[str]:
    """Every acknowledged write, looked up in the database. Returns what was lost, one line each."""
    from django.db.models import Count

    from exercises.models import PracticeSession
    from journal.models import JournalEntry
    from selfcare.accounts.models import User
    from selfcare.checkins.models import CheckIn

    lost: list[str] = []
    for person, record in zip(people, records, strict=True):
        user = User.objects.get(email=person.email)
        rows = {str(e.client_id): e for e in JournalEntry.objects.filter(owner=user, client_id__isnull=False)}
        for client_id, index in record.drafts_acked.items():
            entry = rows.get(client_id)
            allowed = record.drafts[client_id][index:]  # the last acknowledged text, or a later attempt
            if entry is None:
                lost.append(f"{person.email}: journal entry {client_id} missing")
            elif entry.text not in allowed:
                lost.append(f"{person.email}: journal entry {client_id} has an older text than acknowledged")
        doubled = (
            JournalEntry.objects.filter(owner=user)
            .values("client_id")
            .annotate(n=Count("id"))
            .filter(n__gt=1, client_id__isnull=False)
        )
        lost += [f"{person.email}: client_id {row['client_id']} saved {row['n']} times" for row in doubled]
        if record.checkin_acked >= 0:
            notes = set(CheckIn.objects.filter(owner=user).values_list("note", flat=True))
            if not notes & set(record.checkin_notes[record.checkin_acked :]):
                lost.append(f"{person.email}: acknowledged check-in note missing")
        sessions = {str(s.code): s for s in PracticeSession.objects.filter(owner=user)}
        for code, ratings in record.sessions.items():
            session = sessions.get(code)
            if session is None:
                lost.append(f"{person.email}: practice session {code} missing")
            elif ratings is not None and (session.feeling_before, session.distress_before) != ratings:
                lost.append(f"{person.email}: practice session {code} lost its before-ratings")
        if len(sessions) > record.session_attempts:
            lost.append(f"{person.email}: {len(sessions)} practice sessions from {record.session_attempts} starts")
    return lost


def make_people(count: int, prefix: str = "load") -> list[Person]:
    """`count` people, each signed in with a session of their own (time zone UTC, so "today" is shared)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from selfcare.accounts.models import User
    from selfcare.accounts.sessions import SessionStore

    people = []
    now = timezone.now()
    for number in range(count):
        user, _ = User.objects.get_or_create(
            email=f"{prefix}{number}@reliability.thaw",
            defaults={
                "time_zone": "UTC",
                "consent_version": settings.CONSENT_VERSION,
                "consented_at": now,
                "age_attested_at": now,
            },
        )
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        assert store.session_key is not None
        people.append(Person(email=user.email, session_key=store.session_key))
    return people
