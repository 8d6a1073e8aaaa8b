"""Page benchmark: latency and throughput of the main pages under load.

One heavy user with a year of daily use and 1,000 others (tests/bench/seed.py), on PostgreSQL and
Redis, served by gunicorn; wrk drives 20 connections at each page in turn, and at the trivial /livez
view through the same middleware in the same run, for a ratio: signed out for the signed-out pages,
with the heavy user's session for theirs (the session and the person are read on every signed-in
request, whatever the page).

Every page is built from the database on every request (there is no page cache), so what is measured
is what the first read after a write costs.

    make bench            (or: uv run python -m tests.bench.run_pages)
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "bench" / "out"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thaw_bench")
# Its own Redis databases: test runs on the same server flush theirs.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")
SECONDS = int(os.environ.get("BENCH_SECONDS", 10))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 20))
CHECKIN = "numbness=6&impact_work=1&impact_relationships=0&impact_selfcare=1&connection=4&note=bench"


def targets(seeded: dict) -> list[tuple[str, str, str]]:
    """(label, path, how): how is "anon", "user" (the heavy user's cookie), "post" (the check-in form)
    or "share" (the therapist's cookie from a share link)."""
    return [
        ("trivial view", "/livez", "anon"),
        ("trivial view, signed in", "/livez", "user"),
        ("landing page", "/", "anon"),
        ("Today", "/today/", "user"),
        ("exercise step", seeded["step"], "user"),
        ("journal timeline", "/journal/", "user"),
        ("timeline filtered by feeling", "/journal/?feeling=calm", "user"),
        ("timeline search", "/journal/?q=birds", "user"),
        ("Patterns, 30 days", "/patterns/?range=30", "user"),
        ("check-in post", "/checkin/", "post"),
        ("questionnaire result", seeded["result"], "user"),
        ("trends, 90 days", "/checkin/trends/", "user"),
        ("therapist page", "/shared/", "share"),
    ]


def ensure_database() -> None:
    """Reuse the seeded database while its encryption key (in tests/bench/out/var) is still here;
    without the key, start from an empty one."""
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    keep = (OUT / "var" / "field_key").exists()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "THAW_", "DJANGO_"))}
    env.update(DATABASE_URL=DATABASE_URL, THAW_VAR_DIR=str(OUT / "var"), ALLOWED_HOSTS="127.0.0.1")
    env.update(REDIS_URL=REDIS_URL, CACHE_URL=CACHE_URL)
    env.update(SHARE_RATE_LIMIT="100000000")  # wrk is one client address: measure the page, not the limit
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url: str, cookie: str, script: str = "latency.lua", env: dict | None = None) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "tests" / "bench" / script),
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        url,
    ]
    run_env = {**os.environ, "BENCH_DIR": str(ROOT / "tests" / "bench"), **(env or {})}
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=run_env).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def share_link(env: dict) -> str:
    """A share link for the heavy user (trends, plan and all journal kinds over 30 days)."""
    code = (
        "import datetime;from django.utils import timezone;"
        "from selfcare.accounts.models import User;from selfcare.sharing import links;"
        "from selfcare.sharing.scope import Scope;u=User.objects.get(email='heavy@bench.thaw');"
        "t=u.local_today();"
        "s=Scope(owner=u,start_date=t-datetime.timedelta(days=29),end_date=t,journal='all');"
        "link,token=links.create(s,'Bench therapist','Sam',timezone.now()+datetime.timedelta(days=14));"
        "print(token)"
    )
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return output.stdout.strip().splitlines()[-1]


def share_cookie(base: str, token: str) -> str:
    """The short-lived cookie that opening /s/<token> sets for the therapist's page."""
    jar = http.cookiejar.CookieJar()
    urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)).open(base + f"/s/{token}", timeout=30)
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def csrf_token(base: str, session: str) -> str:
    """The CSRF cookie the check-in form sets, for the POST benchmark."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(urllib.request.Request(base + "/checkin/", headers={"Cookie": session}), timeout=30)
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    assert token is not None
    return token


def prepare() -> tuple[dict, dict, str, str]:
    """Migrate and seed the benchmark database: (server env, seeded ids, the heavy user's cookie, a share token)."""
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_database()
    env = child_env()
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    seeded = subprocess.run(
        [python, "-m", "tests.bench.seed"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    seeded = json.loads(seeded.stdout.strip().splitlines()[-1])
    token = share_link(env)
    print(f"data ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return env, seeded, f"sessionid={seeded['cookie']}", token


@contextlib.contextmanager
def served(env: dict):
    """gunicorn (2 workers) on a free port, ready to answer; yields its base URL and stops it afterwards."""
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "selfcare.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/livez", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def run_round(env: dict, seeded: dict, session: str, token: str) -> list[tuple[str, str, str, dict]]:
    """Every target under wrk against one gunicorn: (label, path, how, wrk result)."""
    rows = []
    with served(env) as base:
        csrf = csrf_token(base, session)
        therapist = share_cookie(base, token)
        for label, path, how in targets(seeded):
            cookie = {"anon": "", "user": session, "post": f"{session}; csrftoken={csrf}", "share": therapist}[how]
            request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
            if how == "post":
                request.data = CHECKIN.encode()
                request.add_header("X-CSRFToken", csrf)
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200, (path, response.status)
            if how == "post":
                result = wrk(base + path, cookie, "post.lua", {"BENCH_BODY": CHECKIN, "BENCH_CSRF": csrf})
            else:
                result = wrk(base + path, cookie)
            rows.append((label + (" (POST)" if how == "post" else ""), path, how, result))
    return rows


def table(title: str, rows: list[tuple[str, str, str, dict]]) -> list[str]:
    """Markdown rows; each page against the trivial view with the same cookies (and signed out)."""
    signed_out = next(result for label, _, how, result in rows if label == "trivial view")
    signed_in = next(result for label, _, how, result in rows if label == "trivial view, signed in")
    lines = [
        f"### {title}",
        "",
        "| page | median ms | p95 ms | req/s | vs trivial, same cookies | vs trivial, signed out | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, path, how, result in rows:
        same = signed_in if how in ("user", "post") else signed_out
        errors = int(result["errors"] + result["non2xx"])
        lines.append(
            f"| {label} `{path}` | {result['p50']:.1f} | {result['p95']:.1f} | {result['rps']:.0f} "
            f"| {result['rps'] / same['rps']:.2f} | {result['rps'] / signed_out['rps']:.2f} | {errors} |"
        )
    return [*lines, ""]


def main() -> int:
    env, seeded, session, token = prepare()
    built = run_round(env, seeded, session, token)
    lines = [
        f"Page benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {platform.node()} ({os.cpu_count()} cores), "
        f"gunicorn 2 workers, PostgreSQL and Redis, wrk {CONNECTIONS} connections x {SECONDS} s per page",
        "",
        *table("Built on every request", built),
    ]
    report = "\n".join(lines)
    (OUT / "pages.md").write_text(report + "\n")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
