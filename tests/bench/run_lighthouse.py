"""Lighthouse (mobile emulation) against the benchmark data, with Debian's Chromium.

Serves the seeded benchmark database (tests/bench/seed.py) with gunicorn and runs Lighthouse on the
landing page, Today, an exercise step, the journal and the therapist's shared page: performance,
accessibility and best practices, and the bytes a first visit to Today transfers.

    make bench-lighthouse      (or: uv run python -m tests.bench.run_lighthouse)

Lighthouse comes from npm (`npm install lighthouse@12` into LIGHTHOUSE_DIR, default .tools/lighthouse;
the make target does that when it is missing).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.bench.run_pages import OUT, ROOT, child_env, ensure_database, free_port, share_cookie, share_link

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
        therapist = share_cookie(base, token)
        pages = [
            ("landing", "/", ""),
            ("today", "/today/", session),
            ("exercise-step", seeded["step"], session),
            ("journal", "/journal/", session),
            ("therapist", "/shared/", therapist),
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
