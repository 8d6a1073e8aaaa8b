"""Where a page's time goes: cProfile over repeated requests for the heavy bench user, in one process.

Uses the benchmark database that `make bench-pages` seeds (tests/bench/seed.py) and Django's test client,
so the numbers are the page's own work (no network, no gunicorn). Prints the top functions by own time
for each page. Run with `make bench-profile` (or `uv run python -m tests.bench.profile_pages`).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time

from tests.bench import run_pages

PAGES = [("Today", "/today/"), ("journal timeline", "/journal/")]
REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", 200))
TOP = int(os.environ.get("BENCH_PROFILE_TOP", 15))


def main() -> int:
    env, _seeded, session, _token = run_pages.prepare()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "selfcare.settings"
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_COOKIE=session, HTTP_HOST="127.0.0.1")
    for label, path in PAGES:
        for _ in range(5):  # warm: templates compiled, connections open
            assert client.get(path).status_code == 200
        started = time.perf_counter()  # without the profiler first: the page's own cost
        for _ in range(REQUESTS):
            client.get(path)
        total_ms = (time.perf_counter() - started) * 1000 / REQUESTS
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(REQUESTS):
            client.get(path)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(TOP)
        print(f"## {label} `{path}`: {total_ms:.1f} ms per request in-process, top {TOP} by own time\n")
        print(out.getvalue().split("\n\n", 2)[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
