"""Lighthouse (mobile emulation) against the benchmark data, with Debian's Chromium.

Serves the seeded benchmark database (tests/bench/seed.py) with gunicorn and runs Lighthouse on the
landing page, Today, an exercise step, the journal and the therapist's shared page: performance,
accessibility and best practices, and the bytes a first visit to Today transfers.

    make bench-lighthouse      (or: uv run python -m tests.bench.run_lighthouse)

Lighthouse comes from npm (`npm install lighthouse@12` into LIGHTHOUSE_DIR, default .tools/lighthouse;
the make target does that when it is missing).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.bench.run_pages import OUT, ROOT, child_env, ensure_database, free_port

LIGHTHOUSE_DIR = Path(os.environ.get("LIGHTHOUSE_DIR", ROOT / ".tools" / "lighthouse"))
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse(url: str, cookie: str, name: str) -> dict:
    report = OUT / f"lighthouse-{name}.json"
    command = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(command, cwd=LIGHTHOUSE_DIR, env=env, check=True, capture_output=True, timeout=180)
    data = json.loads(report.read_text())
    scores = {key: round(category["score"] * 100) for key, category in data["categories"].items()}
    scores["bytes"] = int(data["audits"]["total-byte-weight"]["numericValue"])
    scores["lcp_ms"] = int(data["audits"]["largest-contentful-paint"]["numericValue"])
    return scores


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


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_database()
    env = child_env()
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    seeded = subprocess.run(
        [python, "-m", "tests.bench.seed"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    seeded = json.loads(seeded.stdout.strip().splitlines()[-1])
    session = f"sessionid={seeded['cookie']}"
    token = share_link(env)

    port = free_port()
    gunicorn = str(Path(python).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "selfcare.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/livez", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        # The shared page needs the short-lived share cookie that /s/<token> sets.
        jar = http.cookiejar.CookieJar()
        urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)).open(base + f"/s/{token}", timeout=30)
        share_cookie = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
        pages = [
            ("landing", "/", ""),
            ("today", "/today/", session),
            ("exercise-step", seeded["step"], session),
            ("journal", "/journal/", session),
            ("therapist", "/shared/", share_cookie),
        ]
        for name, path, cookie in pages:
            rows.append((name, path, lighthouse(base + path, cookie, name)))
    finally:
        server.terminate()
        server.wait(timeout=20)

    lines = [
        f"Lighthouse 12 (mobile emulation, simulated throttling), {time.strftime('%Y-%m-%d')}, {platform.node()} "
        f"({os.cpu_count()} cores), gunicorn 2 workers, PostgreSQL, Debian's Chromium",
        "",
        "| page | performance | accessibility | best practices | bytes transferred | LCP ms |",
        "|---|---|---|---|---|---|",
    ]
    for name, path, scores in rows:
        lines.append(
            f"| {name} `{path if name != 'exercise-step' else '/exercises/s/…/1/'}` | {scores['performance']} | "
            f"{scores['accessibility']} | {scores['best-practices']} | {scores['bytes']:,} | {scores['lcp_ms']} |"
        )
    report = "\n".join(lines)
    (OUT / "lighthouse.md").write_text(report + "\n")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
