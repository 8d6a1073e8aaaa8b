"""Reliability runs: mixed load on gunicorn + PostgreSQL + Celery on Redis, with faults, and a count after.

    make reliability                                   (all three scenarios)
    uv run python -m tests.reliability.run plain redis (some of them)

Scenarios, each RELIABILITY_SECONDS (60) at RELIABILITY_CONNECTIONS (50) connections:
- plain:    zero 5xx, zero lost writes.
- redis:    Redis is stopped a quarter of the way in and started again halfway; every page still
            serves and every write lands in PostgreSQL (zero 5xx, zero lost writes); the Celery
            worker reconnects by itself. Redis is always started again, whatever happens.
- postgres: PostgreSQL is restarted a third of the way in. Requests in flight may fail, but only
            with the friendly 500 page; the app recovers without a restart; every acknowledged
            write is there and every retried autosave landed once.

Uses its own database (RELIABILITY_DATABASE_URL, default thaw_reliability, dropped and made again)
and Redis index 7. Results go, dated, to tests/reliability/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "reliability" / "out"
RESULTS = ROOT / "tests" / "reliability" / "RESULTS.md"
DATABASE_URL = os.environ.get("RELIABILITY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thaw_reliability")
REDIS_URL = os.environ.get("RELIABILITY_REDIS_URL", "redis://127.0.0.1:6379/7")
SECONDS = float(os.environ.get("RELIABILITY_SECONDS", 60))
CONNECTIONS = int(os.environ.get("RELIABILITY_CONNECTIONS", 50))
WORKERS = int(os.environ.get("RELIABILITY_GUNICORN_WORKERS", 3))
THREADS = int(os.environ.get("RELIABILITY_GUNICORN_THREADS", 4))
PG_VERSION = os.environ.get("RELIABILITY_PG_VERSION", "15")
# The commands of ../shared/TOOLCHAIN.md for this machine's services.
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]
REDIS_STOP = ["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"]
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", "restart"]

os.environ.update(
    DATABASE_URL=DATABASE_URL,
    REDIS_URL=REDIS_URL,
    THAW_VAR_DIR=str(OUT / "var"),
    ALLOWED_HOSTS="127.0.0.1",
    DJANGO_SETTINGS_MODULE="selfcare.settings",
    EMAIL_URL=f"file://{OUT / 'var' / 'mail'}",
)
os.environ.pop("DJANGO_DEBUG", None)
os.environ.pop("THAW_ENV", None)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_up() -> bool:
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True, text=True).stdout.strip() == (
        "PONG"
    )


def start_redis() -> None:
    if not redis_up():
        subprocess.run(REDIS_START, check=True)
    for _ in range(50):
        if redis_up():
            return
        time.sleep(0.1)
    raise RuntimeError("Redis did not come back")


def fresh_database() -> None:
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Services:
    port: int
    gunicorn: subprocess.Popen
    worker: subprocess.Popen

    def stop(self) -> None:
        for process in (self.gunicorn, self.worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.gunicorn, self.worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def start_services(name: str) -> Services:
    python = sys.executable
    bin_dir = Path(python).parent
    port = free_port()
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    gunicorn = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "selfcare.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--timeout",
            "60",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(logs / f"{name}-gunicorn.log").open("w"),
    )
    worker = subprocess.Popen(
        [
            str(bin_dir / "celery"),
            "-A",
            "selfcare",
            "worker",
            "-l",
            "info",
            "--concurrency",
            "1",
            "-n",
            f"rel-{name}@%h",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(logs / f"{name}-worker.log").open("w"),
    )
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2):
                return Services(port, gunicorn, worker)
        except OSError:
            time.sleep(0.2)
    Services(port, gunicorn, worker).stop()
    raise RuntimeError("gunicorn did not start")


def worker_answers(timeout: float) -> float | None:
    """Seconds until the Celery worker answers a ping (None: it did not within `timeout`)."""
    from selfcare.celery import app

    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if app.control.ping(timeout=1.0):
                return time.monotonic() - began
        except Exception:  # noqa: BLE001, S110 - the broker may still be coming back
            pass
        time.sleep(0.5)
    return None


REMINDER_PEOPLE = 6


def people_due_a_reminder(prefix: str):
    """People who opted in to a daily "moment to write" reminder (never skipped), not yet due."""
    import datetime

    from selfcare.accounts.models import User
    from selfcare.reminders import preferences
    from selfcare.reminders.models import EVERY_DAY
    from tests.reliability import load

    people = load.make_people(REMINDER_PEOPLE, prefix=prefix)
    for person in people:
        user = User.objects.get(email=person.email)
        preferences.opt_in(user)
        preferences.save_schedule(user, "journal", True, EVERY_DAY, datetime.time(20, 30))
    return people


def dispatch_while_redis_is_down(people) -> str:
    """Make the reminders due now and run a dispatch pass, as beat would: the deliveries are written,
    their sends cannot be queued, and they wait in PostgreSQL."""
    from django.db import connection
    from django.utils import timezone

    from selfcare.reminders import tasks
    from selfcare.reminders.models import ReminderSchedule

    try:
        emails = [person.email for person in people]
        ReminderSchedule.objects.filter(owner__email__in=emails).update(next_due_at=timezone.now())
        result = tasks.dispatch_pass()
        return f"{result.schedules} due, {result.queued} queued, {result.queue_failed} waiting for the broker"
    finally:
        connection.close()


def verify_reminders_after_redis_outage(people, during: str, mail_dir: Path) -> tuple[list[str], list[str]]:
    """Reminders due while Redis was down go out once it is back: one delivery per schedule and slot,
    every one sent, exactly one email each. Dispatch passes run every few seconds, as beat would."""
    from selfcare.reminders import tasks
    from selfcare.reminders.models import ReminderDelivery

    emails = [person.email for person in people]
    deliveries = ReminderDelivery.objects.filter(schedule__owner__email__in=emails)
    deadline = time.monotonic() + 150  # the orphan grace is a minute; beat would pass every minute
    while deliveries.exclude(status=ReminderDelivery.Status.SENT).exists() and time.monotonic() < deadline:
        tasks.dispatch_pass()
        time.sleep(5)
    problems = []
    per_schedule = list(deliveries.values_list("schedule_id", flat=True))
    if sorted(set(per_schedule)) != sorted(per_schedule) or len(per_schedule) != len(people):
        problems.append(f"{len(per_schedule)} reminder deliveries for {len(people)} schedules")
    unsent = deliveries.exclude(status=ReminderDelivery.Status.SENT).count()
    if unsent:
        problems.append(f"{unsent} reminders still unsent 150 s after Redis came back")
    lines_in_sink = [line for f in mail_dir.glob("*") for line in f.read_text(errors="replace").splitlines()]
    recipients = []
    for index, line in enumerate(lines_in_sink):
        if line.startswith("Subject: A gentle nudge"):
            window = lines_in_sink[max(0, index - 15) : index + 15]
            recipients += [w[4:].strip() for w in window if w.startswith("To: ") and w[4:].strip() in emails]
    if sorted(recipients) != sorted(emails):
        problems.append(
            f"{len(recipients)} reminder emails in the sink ({len(set(recipients))} people) for {len(emails)}"
        )
    lines = [
        f"reminders: during the outage {during}; afterwards {len(per_schedule) - unsent} of {len(people)} sent, "
        f"{len(recipients)} emails in the sink"
    ]
    return lines, problems


FOLLOW_UP_PEOPLE = 6


def people_due_a_follow_up(prefix: str):
    """People who asked for email and whose last 12 days of check-ins were hard: their next check-in fires
    R11 (tier 2), which saves one follow-up email and hands it to Celery at once."""
    import datetime

    from selfcare.accounts.models import User
    from selfcare.checkins.models import CheckIn
    from tests.reliability import load

    people = load.make_people(FOLLOW_UP_PEOPLE, prefix=prefix)
    for person in people:
        user = User.objects.get(email=person.email)
        user.email_followups = True
        user.save(update_fields=["email_followups"])
        today = user.local_today()
        CheckIn.objects.bulk_create(
            CheckIn(
                owner=user,
                date=today - datetime.timedelta(days=n),
                numbness=9,
                impact_work=2,
                impact_relationships=2,
                impact_selfcare=2,
                connection=1,
            )
            for n in range(1, 13)
        )
    return people


def hard_checkin(port: int, person) -> bool:
    """Today's check-in for `person`, hard enough to bring a follow-up. True when the server saved it."""
    import http.client
    from urllib.parse import urlencode

    body = urlencode(
        {"numbness": 9, "impact_work": 2, "impact_relationships": 2, "impact_selfcare": 2, "connection": 1}
    )
    headers = {
        "Cookie": f"sessionid={person.session_key}; csrftoken={person.csrf}",
        "X-CSRFToken": person.csrf,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", "/checkin/", body=body, headers=headers)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def verify_follow_ups_after_redis_outage(people, acked: list[str], mail_dir: Path) -> tuple[list[str], list[str]]:
    """Follow-ups saved while Redis was down go out once it is back (the sweep beat runs every 5 minutes;
    here it is asked for at once): every one sent, exactly one email each."""
    from selfcare.celery import app  # noqa: F401 - the project's Celery app, so .delay() uses its broker
    from selfcare.checkins.models import FollowUp
    from selfcare.checkins.tasks import send_due_follow_ups

    emails = [person.email for person in people]
    rows = FollowUp.objects.filter(owner__email__in=emails)
    problems = []
    if sorted(rows.values_list("owner__email", flat=True)) != sorted(acked):
        problems.append(f"follow-ups saved for {rows.count()} people, check-ins acknowledged for {len(acked)}")
    send_due_follow_ups.delay()
    deadline = time.monotonic() + 60
    while rows.filter(sent_at__isnull=True).exists() and time.monotonic() < deadline:
        time.sleep(1)
    unsent = rows.filter(sent_at__isnull=True).count()
    # Django's file backend may append several messages to one file: count the messages, not the files.
    headers = [line for f in mail_dir.glob("*") for line in f.read_text(errors="replace").splitlines()]
    sent_mail = [line for line in headers if line.startswith("To: ") and line[4:].strip() in emails]
    if unsent:
        problems.append(f"{unsent} follow-ups still unsent 60 s after the sweep was asked for")
    if len(sent_mail) != rows.count() or len(set(sent_mail)) != len(sent_mail):
        problems.append(
            f"{len(sent_mail)} follow-up emails ({len(set(sent_mail))} people) for {rows.count()} follow-ups"
        )
    lines = [
        f"follow-up emails: {rows.count()} saved ({len(acked)} check-ins acknowledged, half of them while "
        f"Redis was down), {rows.count() - unsent} sent, {len(sent_mail)} emails in the sink"
    ]
    return lines, problems


@dataclass
class Outcome:
    name: str
    ok: bool
    lines: list[str]


def run_scenario(name: str) -> Outcome:
    import django
    from django.db import connection

    from tests.reliability import load

    django.setup()
    connection.close()
    people = load.make_people(CONNECTIONS, prefix=name)
    follow_up_people = people_due_a_follow_up(f"{name}-followup") if name == "redis" else []
    reminder_people = people_due_a_reminder(f"{name}-reminder") if name == "redis" else []
    reminders_during: list[str] = []
    follow_ups_acked: list[str] = []
    mail_dir = OUT / "var" / "mail"
    mail_dir.mkdir(parents=True, exist_ok=True)
    for old_mail in mail_dir.glob("*"):
        old_mail.unlink()
    connection.close()
    services = start_services(name)
    events: dict[str, float] = {}
    lines: list[str] = []
    problems: list[str] = []
    try:

        def fault(started: float) -> None:
            def at(fraction: float) -> None:
                time.sleep(max(0.0, started + SECONDS * fraction - time.monotonic()))

            if name == "redis":
                half = FOLLOW_UP_PEOPLE // 2
                at(0.1)
                follow_ups_acked.extend(p.email for p in follow_up_people[:half] if hard_checkin(services.port, p))
                at(0.25)
                log("stopping Redis")
                events["redis_stopped"] = time.monotonic() - started
                try:
                    subprocess.run(REDIS_STOP, capture_output=True, timeout=10)
                    at(0.3)
                    follow_ups_acked.extend(p.email for p in follow_up_people[half:] if hard_checkin(services.port, p))
                    reminders_during.append(dispatch_while_redis_is_down(reminder_people))
                    at(0.5)
                finally:
                    log("starting Redis again")
                    start_redis()
                    events["redis_started"] = time.monotonic() - started
            elif name == "postgres":
                at(1 / 3)
                log("restarting PostgreSQL")
                events["pg_restart_began"] = time.monotonic() - started
                subprocess.run(PG_RESTART, check=True, capture_output=True, timeout=120)
                events["pg_restart_done"] = time.monotonic() - started
                log("PostgreSQL is back")

        log(f"{name}: {CONNECTIONS} connections for {SECONDS:.0f} s")
        result, records = load.drive(("127.0.0.1", services.port), people, SECONDS, during=fault)

        if name == "redis":
            reconnected = worker_answers(timeout=60)
            lines.append(
                f"Celery worker answered a ping {reconnected:.1f} s after the load ended (Redis back since mid-run)"
                if reconnected is not None
                else "Celery worker did NOT answer within 60 s of Redis coming back"
            )
            if reconnected is None:
                problems.append("the Celery worker did not reconnect to Redis")
            connection.close()
            follow_up_lines, follow_up_problems = verify_follow_ups_after_redis_outage(
                follow_up_people, follow_ups_acked, mail_dir
            )
            lines += follow_up_lines
            problems += follow_up_problems
            reminder_lines, reminder_problems = verify_reminders_after_redis_outage(
                reminder_people, "; ".join(reminders_during) or "no dispatch pass ran", mail_dir
            )
            lines += reminder_lines
            problems += reminder_problems

        # After the run, the app must serve without being restarted.
        healthy = False
        for _ in range(30):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{services.port}/healthz", timeout=5) as response:
                    healthy = response.status == 200
                    break
            except OSError:
                time.sleep(1)
        if not healthy:
            problems.append("/healthz is not 200 after the run")
        if services.gunicorn.poll() is not None:
            problems.append("gunicorn exited")

        connection.close()
        lost = load.verify(people, records)
    finally:
        services.stop()
        if not redis_up():
            start_redis()

    lines[:0] = [
        f"requests {result.requests} in {result.duration:.0f} s ({result.requests / result.duration:.0f}/s), "
        f"p50 {result.percentile(50):.0f} ms, p95 {result.percentile(95):.0f} ms, p99 {result.percentile(99):.0f} ms",
        f"by kind: {dict(sorted(result.by_kind.items()))}",
        f"statuses: {dict(sorted(result.statuses.items()))}, dropped connections {result.connection_errors}",
        f"writes acknowledged {result.writes_acked}, lost {len(lost)}, autosave retries {result.retries}",
    ]
    if result.client_errors:
        lines.append(
            "4xx answers: " + "; ".join(f"{t:.1f} s {what} {status}" for t, what, status in result.client_errors[:5])
        )
    if events:
        lines.append("events (s from start): " + ", ".join(f"{k} {v:.1f}" for k, v in events.items()))
    problems += lost[:20]
    if name in {"plain", "redis"}:
        if result.server_errors or result.connection_errors:
            problems.append(f"{len(result.server_errors)} 5xx and {result.connection_errors} dropped connections")
            problems += [
                f"  {t:.1f} s {what} {status}: {body[:80]!r}" for t, what, status, body in result.server_errors[:5]
            ]
    else:
        if result.unfriendly_errors:
            problems.append(f"{len(result.unfriendly_errors)} 5xx answers were not the friendly error page")
        began, done = events["pg_restart_began"], events["pg_restart_done"]
        # A request that started up to 10 s before the restart may still have been in flight (p99 is seconds
        # on a busy 2-core machine); after the restart, 10 s is the most recovery may take.
        late = [(t, what) for t, what in result.failures if t > done + 10 or t < began - 10]
        if result.failures:
            first, last = min(t for t, _ in result.failures), max(t for t, _ in result.failures)
            lines.append(
                f"failed requests {len(result.failures)} ({len(result.server_errors)} friendly 5xx pages, "
                f"{result.connection_errors} dropped), all between {first:.1f} s and {last:.1f} s; "
                f"last failure {last - done:+.1f} s after the restart finished"
            )
        if late:
            problems.append(f"{len(late)} failures outside the restart window, e.g. {late[:3]}")
        if result.last_success < done + 5:
            problems.append("no successful request after the restart: the app did not recover")
    return Outcome(name, not problems, lines + [f"PROBLEM: {p}" for p in problems])


def write_results(outcomes: list[Outcome]) -> str:
    head = (
        f"## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()} ({os.cpu_count()} cores, shared), "
        f"gunicorn {WORKERS} workers x {THREADS} threads, 1 Celery worker, PostgreSQL {PG_VERSION}, Redis, "
        f"{CONNECTIONS} connections x {SECONDS:.0f} s per scenario"
    )
    body = [head, ""]
    for outcome in outcomes:
        body.append(f"### {outcome.name}: {'PASS' if outcome.ok else 'FAIL'}")
        body += [f"- {line}" for line in outcome.lines]
        body.append("")
    report = "\n".join(body)
    if not RESULTS.exists():
        RESULTS.write_text("# Reliability results\n\nNewest first. Written by `make reliability`.\n\n")
    intro, _, rest = RESULTS.read_text().partition("\n## ")
    RESULTS.write_text(intro.rstrip() + "\n\n" + report + ("\n## " + rest if rest else ""))
    return report


def main(argv: list[str]) -> int:
    chosen = argv or ["plain", "redis", "postgres"]
    unknown = set(chosen) - {"plain", "redis", "postgres"}
    if unknown:
        print(f"unknown scenario(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    start_redis()
    fresh_database()
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    outcomes = []
    for name in chosen:
        try:
            outcomes.append(run_scenario(name))
        finally:
            if not redis_up():
                start_redis()
        log(f"{name}: {'PASS' if outcomes[-1].ok else 'FAIL'}")
    report = write_results(outcomes)
    print(report)
    return 0 if all(outcome.ok for outcome in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
