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
import time
from pathlib import Path

from tests.bench.run_pages import OUT, ROOT, prepare, served, share_cookie

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
    env, seeded, session, token = prepare()
    rows = []
    with served(env) as base:
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
