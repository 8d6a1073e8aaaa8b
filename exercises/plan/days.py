"""The seven-day plan: its content, and the day arithmetic in the person's own calendar.

Days follow the calendar in the person's time zone, but the plan never runs
ahead of them: the day they are on is the first open day with something left to
do. Paused days do not count. Everything here works on local dates, so a
daylight-saving change or a new time zone moves "today" by at most one date and
never breaks the count.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PLAN_FILE = Path(__file__).parent / "content" / "week.toml"
DAYS = 7
TASK_KINDS = ("exercise", "journal", "self-report", "joy", "patterns", "therapy-topic")
LEVELS = {"gentle": "A gentle week", "deeper": "A step deeper"}
MAX_PAUSE_DAYS = 14


@dataclass(frozen=True)
class Task:
    key: str
    kind: str
    title: str
    deeper: str
    target: str = ""
    prompt: str = ""

    def title_for(self, level: str) -> str:
        return self.deeper if level == "deeper" else self.title


@dataclass(frozen=True)
class Day:
    number: int
    title: str
    intro: str
    tasks: tuple[Task, ...]

    def task(self, key: str) -> Task | None:
        return next((task for task in self.tasks if task.key == key), None)


@dataclass(frozen=True)
class Plan:
    version: int
    days: tuple[Day, ...]

    def day(self, number: int) -> Day:
        return self.days[number - 1]


def validate(data: dict, source: str = "exercises/plan/content/week.toml") -> list[str]:
    errors: list[str] = []
    if not isinstance(data.get("version"), int) or isinstance(data.get("version"), bool):
        errors.append(f"{source}: version must be a whole number")
    covered: list[int] = []
    for index, day in enumerate(data.get("days", [])):
        path = f"days[{index}]"
        numbers = day.get("numbers")
        if not isinstance(numbers, list) or not numbers or not all(isinstance(n, int) for n in numbers):
            errors.append(f"{source}: {path}.numbers must list the day numbers it covers")
            continue
        covered += numbers
        for key in ("title", "intro"):
            if not isinstance(day.get(key), str) or not day[key].strip():
                errors.append(f"{source}: {path}.{key} must be non-empty text")
        keys = set()
        tasks = day.get("tasks", [])
        if not tasks:
            errors.append(f"{source}: {path}.tasks must list at least one task")
        for number, task in enumerate(tasks):
            tpath = f"{path}.tasks[{number}]"
            unknown = set(task) - {"key", "kind", "target", "title", "deeper", "prompt"}
            errors += [f"{source}: {tpath}.{key} is not a known field" for key in sorted(unknown)]
            if task.get("kind") not in TASK_KINDS:
                errors.append(f"{source}: {tpath}.kind must be one of {', '.join(TASK_KINDS)}")
            for key in ("key", "title", "deeper"):
                if not isinstance(task.get(key), str) or not task[key].strip():
                    errors.append(f"{source}: {tpath}.{key} must be non-empty text")
            if task.get("key") in keys:
                errors.append(f"{source}: {tpath}.key repeats {task['key']!r} within the day")
            keys.add(task.get("key"))
            if task.get("kind") in {"exercise", "journal"} and not task.get("target"):
                errors.append(f"{source}: {tpath}.target is required for a {task['kind']} task")
            if task.get("kind") in {"self-report", "therapy-topic"} and not task.get("prompt"):
                errors.append(f"{source}: {tpath}.prompt is required for a {task['kind']} task")
    if sorted(covered) != list(range(1, DAYS + 1)):
        errors.append(f"{source}: days must cover each of days 1 to {DAYS} exactly once")
    return errors


def load(path: Path = PLAN_FILE) -> Plan:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    errors = validate(data)
    if errors:
        raise ValueError("\n".join(errors))
    days: dict[int, Day] = {}
    for raw in data["days"]:
        tasks = tuple(Task(**task) for task in raw["tasks"])
        for number in raw["numbers"]:
            days[number] = Day(number=number, title=raw["title"], intro=raw["intro"], tasks=tasks)
    return Plan(version=data["version"], days=tuple(days[n] for n in range(1, DAYS + 1)))


@cache
def plan() -> Plan:
    return load()


def paused_days(start: datetime.date, paused_days_before: int, paused_from, paused_until, today) -> int:
    """Days not counted: earlier pauses, plus the part of the current pause that has passed."""
    if paused_from is None or paused_until is None:
        return paused_days_before
    end = min(max(today, paused_from), paused_until)
    return paused_days_before + (end - paused_from).days


def calendar_day(start: datetime.date, today: datetime.date, not_counted: int = 0) -> int:
    """The plan day the calendar has reached (1..7), never before day 1."""
    return max(1, min(DAYS, (today - start).days - not_counted + 1))


def day_person_is_on(reached: int, done: set[tuple[int, str]]) -> int:
    """The first day up to the one reached that still has something left to do."""
    for number in range(1, reached + 1):
        if not all((number, task.key) in done for task in plan().day(number).tasks):
            return number
    return reached


def week_complete(done: set[tuple[int, str]]) -> bool:
    return all((day.number, task.key) in done for day in plan().days for task in day.tasks)


def opens_on(start: datetime.date, number: int, not_counted: int) -> datetime.date:
    """The local date a day opens, if nothing more is paused."""
    return start + datetime.timedelta(days=number - 1 + not_counted)
