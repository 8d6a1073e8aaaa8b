"""Reminders benchmark: 100,000 people due in the same minute, sent by two workers, counted at a sink.

Seeds BENCH_REMINDERS_USERS people (default 100,000) into a separate database, each
with one reminder due now, spread over several time zones. Then, in one run:

1. the ceiling: a bare smtplib loop on one connection feeds the same local SMTP
   sink (aiosmtpd) BENCH_CEILING_MESSAGES messages of the same size;
2. two Celery worker processes (solo pool) on Redis, and two `dispatch_reminders`
   passes started at the same moment (the database splits the work between them);
3. it waits until every email is accepted by the sink, then counts duplicates and
   missing ones by Message-ID against the delivery rows.

    make bench-reminders      (or: uv run python -m tests.bench.run_reminders)
"""

from __future__ import annotations

import datetime
import io
import json
import os
import platform
import re
import smtplib
import socket
import subprocess
import sys
import threading
import time
import zoneinfo
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "bench" / "out"
DATABASE_URL = os.environ.get("BENCH_REMINDERS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thaw_bench_reminders")
# Unset: the benchmark starts a private redis-server of its own, so nothing else on the machine can
# touch its queue (a shared Redis may be flushed by other test runs).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")
USERS = int(os.environ.get("BENCH_REMINDERS_USERS", 100_000))
CEILING_MESSAGES = int(os.environ.get("BENCH_CEILING_MESSAGES", 10_000))
WORKERS = int(os.environ.get("BENCH_WORKERS", 2))
DISPATCHERS = int(os.environ.get("BENCH_DISPATCHERS", 2))
STALL_SECONDS = 180
ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Santiago", "UTC"]
MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>]+>)", re.MULTILINE | re.IGNORECASE)


class CountingSink:
    """Counts accepted messages by Message-ID and remembers when the last one arrived."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ids: list[bytes] = []
        self.last_accept = 0.0

    async def handle_DATA(self, server, session, envelope):
        match = MESSAGE_ID.search(envelope.original_content or envelope.content)
        with self.lock:
            self.ids.append(match.group(1) if match else b"")
            self.last_accept = time.monotonic()
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.ids)

    def reset(self) -> None:
        with self.lock:
            self.ids = []
            self.last_accept = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_database() -> None:
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def start_private_redis() -> subprocess.Popen | None:
    global REDIS_URL
    if REDIS_URL:
        return None
    port = free_port()
    folder = OUT / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        + ["--dir", str(folder), "--logfile", str(folder / "redis.log")],
    )
    REDIS_URL = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("redis-server did not start") from None
            time.sleep(0.2)


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "THAW_", "DJANGO_"))}
    env.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        THAW_VAR_DIR=str(OUT / "var"),
        DJANGO_SETTINGS_MODULE="selfcare.settings",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(**extra),
        check=True,
        capture_output=True,
        text=True,
    )


def seed(due: datetime.datetime) -> None:
    """COPY people, preferences and schedules straight in: seeding is not what we measure."""
    now = datetime.datetime.now(datetime.UTC)
    with psycopg.connect(DATABASE_URL) as conn:
        conn.execute("TRUNCATE accounts_user RESTART IDENTITY CASCADE")
        with conn.cursor().copy(
            "COPY accounts_user (password, email, time_zone, is_active, is_staff, is_superuser, date_joined,"
            " consent_version, consented_at, age_attested_at, country, email_followups) FROM STDIN"
        ) as copy:
            for n in range(USERS):
                copy.write_row(
                    [
                        "!",
                        f"bench{n}@example.com",
                        ZONES[n % len(ZONES)],
                        True,
                        False,
                        False,
                        now,
                        "bench",
                        now,
                        now,
                        "",
                        False,
                    ]
                )
        ids = [row[0] for row in conn.execute("SELECT id, time_zone FROM accounts_user ORDER BY id")]
        with conn.cursor().copy(
            "COPY reminders_reminderpreferences (owner_id, opted_in, unsubscribe_nonce, updated_at) FROM STDIN"
        ) as copy:
            for user_id in ids:
                copy.write_row([user_id, True, f"n{user_id:011d}", now])
        with conn.cursor().copy(
            "COPY reminders_reminderschedule (owner_id, kind, weekdays, local_time, enabled, next_due_at,"
            " created_at, updated_at) FROM STDIN"
        ) as copy:
            for n, user_id in enumerate(ids):
                local = due.astimezone(zoneinfo.ZoneInfo(ZONES[n % len(ZONES)])).time()
                copy.write_row([user_id, "journal", 127, local, True, due, now, now])
        conn.execute("ANALYZE")


def ceiling(port: int, sink: CountingSink, sample: bytes) -> float:
    """Emails per second from a bare smtplib loop on one connection: what the sink can take."""
    sink.reset()
    start = time.monotonic()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for n in range(CEILING_MESSAGES):
            body = sample.replace(b"<bench-sample>", f"<ceiling-{n}@bench>".encode())
            client.sendmail("hello@thaw.localhost", [f"bench{n}@example.com"], body)
    return CEILING_MESSAGES / (time.monotonic() - start)


def sample_message() -> bytes:
    """A real reminder as the workers build it, with a placeholder Message-ID."""
    code = (
        "import django; django.setup();"
        "from selfcare.reminders import sending;"
        "from selfcare.reminders.models import ReminderDelivery, ReminderSchedule, ReminderPreferences;"
        "import sys, email.policy;"
        "row = ReminderSchedule.objects.select_related('owner').first();"
        "d = ReminderDelivery(schedule=row, slot=row.next_due_at);"
        "m = sending.build(d, ReminderPreferences.objects.get(owner=row.owner));"
        "m.extra_headers['Message-ID'] = '<bench-sample>';"
        "sys.stdout.buffer.write(m.message(policy=email.policy.SMTP).as_bytes())"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=child_env(), check=True, capture_output=True
    ).stdout


def start_workers(port: int) -> list[subprocess.Popen]:
    workers = []
    for n in range(WORKERS):
        log = open(OUT / f"reminders-worker-{n}.log", "w")  # noqa: SIM115 - closed with the process
        workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "selfcare", "worker", "--pool", "solo", "-n", f"bench{n}@%h"]
                + ["--without-mingle", "--without-gossip", "-l", "INFO"],
                cwd=ROOT,
                env=child_env(EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=30", LOG_LEVEL="INFO"),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    deadline = time.monotonic() + 120
    for n in range(WORKERS):
        path = OUT / f"reminders-worker-{n}.log"
        while "ready." not in path.read_text():
            if time.monotonic() > deadline:
                raise SystemExit(f"worker {n} did not start; see {path}")
            time.sleep(0.5)
    return workers


def purge_broker() -> None:
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "selfcare", "purge", "-f"],
        cwd=ROOT,
        env=child_env(),
        check=True,
        capture_output=True,
    )


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_database()
    print("migrating the bench database ...", flush=True)
    manage("migrate", "--noinput")
    due = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    print(f"seeding {USERS:,} people due at {due:%H:%M} UTC ...", flush=True)
    started = time.monotonic()
    seed(due)
    print(f"  seeded in {time.monotonic() - started:.1f} s", flush=True)

    redis = start_private_redis()
    print(f"broker: {REDIS_URL}", flush=True)
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), data_size_limit=1024 * 1024)
    controller.start()
    workers: list[subprocess.Popen] = []
    try:
        sample = sample_message()
        print(f"ceiling: bare smtplib, {CEILING_MESSAGES:,} messages of {len(sample):,} bytes ...", flush=True)
        ceiling_rate = ceiling(controller.port, sink, sample)
        print(f"  {ceiling_rate:,.0f} emails/s", flush=True)
        sink.reset()

        purge_broker()
        workers = start_workers(controller.port)
        print(f"{WORKERS} workers ready; {DISPATCHERS} dispatch passes start now", flush=True)
        t0 = time.monotonic()
        dispatchers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "dispatch_reminders", "--batch-size", "1000"],
                cwd=ROOT,
                env=child_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(DISPATCHERS)
        ]
        outputs = [p.communicate()[0].strip() for p in dispatchers]
        dispatch_seconds = time.monotonic() - t0
        for output in outputs:
            print("  dispatch:", output.splitlines()[-1] if output else "(no output)", flush=True)
        print(f"  dispatched in {dispatch_seconds:.1f} s; sent so far {sink.count():,}", flush=True)

        last_count, last_change = -1, time.monotonic()
        while sink.count() < USERS:
            count = sink.count()
            if count != last_count:
                last_count, last_change = count, time.monotonic()
            elif time.monotonic() - last_change > STALL_SECONDS:
                print(f"  no progress for {STALL_SECONDS} s; stopping", flush=True)
                break
            time.sleep(2)
            print(f"  {count:,} accepted at {time.monotonic() - t0:.0f} s", flush=True)
        time.sleep(5)  # anything sent twice would show up now
        last_accept = sink.last_accept - t0
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
        controller.stop()
        if redis is not None:
            redis.terminate()
            redis.wait(10)

    with psycopg.connect(DATABASE_URL) as conn:
        codes = {row[0] for row in conn.execute("SELECT code::text FROM reminders_reminderdelivery")}
        statuses: dict[str, int] = dict(
            conn.execute("SELECT status, count(*) FROM reminders_reminderdelivery GROUP BY status")
        )
    received = [mid.decode() for mid in sink.ids]
    expected = {f"<reminder-{code}@127.0.0.1>" for code in codes}
    unique = set(received)
    result = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{platform.platform()}, {os.cpu_count()} cores",
        "users": USERS,
        "workers": WORKERS,
        "dispatchers": DISPATCHERS,
        "dispatch_seconds": round(dispatch_seconds, 1),
        "last_accept_seconds": round(last_accept, 1),
        "emails_per_second": round(len(received) / last_accept, 1) if last_accept > 0 else 0,
        "ceiling_emails_per_second": round(ceiling_rate, 1),
        "accepted": len(received),
        "deliveries": len(codes),
        "statuses": statuses,
        "duplicates": len(received) - len(unique),
        "missing": len(expected - unique),
        "unexpected": len(unique - expected),
    }
    (OUT / "reminders.json").write_text(json.dumps(result, indent=2))
    table = io.StringIO()
    table.write("| measure | value |\n|---|---|\n")
    for key, value in result.items():
        table.write(f"| {key} | {value} |\n")
    print(table.getvalue())
    return 0 if result["duplicates"] == 0 and result["missing"] == 0 and len(codes) == USERS else 1


if __name__ == "__main__":
    sys.exit(main())
