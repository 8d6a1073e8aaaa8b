"""Deleting the heavy user's account: how long it takes, median of a few runs.

Each run seeds a heavy user (a year of use, tests/bench/seed.py) into a scratch PostgreSQL database,
then times `accounts.deletion.delete_account`. Run with `make bench-deletion` (or
`uv run python -m tests.bench.run_deletion`); BENCH_DELETION_RUNS sets the number of runs (3).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time

import django
import psycopg

DATABASE = os.environ.get("BENCH_DELETION_DATABASE", "thaw_bench_deletion")
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
RUNS = int(os.environ.get("BENCH_DELETION_RUNS", 3))


def _recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def main() -> int:
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")
    _recreate_database()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], check=True)
    django.setup()

    from django.db import connection

    from selfcare.accounts.deletion import delete_account
    from tests.bench import seed

    timings = []
    for run in range(RUNS):
        rng = random.Random(run)
        heavy = seed.make_user(f"heavy{run}@bench.thaw")
        seed.seed_entries(heavy, seed.HEAVY_ENTRIES, rng)
        seed.seed_checkins(heavy, seed.HEAVY_DAYS, rng)
        seed.seed_questionnaires(heavy, seed.HEAVY_DAYS, rng)
        seed.seed_practices(heavy, seed.HEAVY_DAYS)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        started = time.perf_counter()
        delete_account(heavy)
        timings.append((time.perf_counter() - started) * 1000)
        print(f"run {run + 1}: {timings[-1]:.0f} ms", file=sys.stderr)
    print(f"Deleting the heavy user's account: median {statistics.median(timings):.0f} ms over {RUNS} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
