"""When a reminder is next due, worked out in the person's own zone. Pure functions, no database.

Two daylight-saving rules, both about one calendar day in the person's zone:
- a local time that does not exist (it falls in a spring-forward gap) moves to the
  first valid minute after the gap: 02:30 on the night clocks jump from 02:00 to
  03:00 becomes 03:00;
- a local time that happens twice (the fall-back hour) fires once, at its first
  occurrence.
So a reminder fires at most once per local day, and never at a local hour the
person did not choose (apart from being pushed out of a gap).
"""

from __future__ import annotations

import datetime
import zoneinfo

UTC = datetime.UTC
# A gap is an hour almost everywhere; Samoa skipped a whole day in 2011.
_LONGEST_GAP_MINUTES = 48 * 60


def exists(local: datetime.datetime, zone: zoneinfo.ZoneInfo) -> bool:
    """Whether a naive local wall time happens at all in zone."""
    aware = local.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local


def resolve(day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The UTC moment of wall time `at` on `day` in zone, with the gap and fold rules above."""
    local = datetime.datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None))
    if not exists(local, zone):
        # Walk forward a minute at a time to the end of the gap (an hour is 60 steps).
        start = local
        while not exists(local, zone):
            local += datetime.timedelta(minutes=1)
            if local - start > datetime.timedelta(minutes=_LONGEST_GAP_MINUTES):
                raise ValueError(f"no valid local time after {start} in {zone}")
    # fold=0 is the first of two occurrences of an ambiguous time.
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def next_due(
    weekdays: set[int],
    at: datetime.time,
    zone: zoneinfo.ZoneInfo,
    after: datetime.datetime,
    not_before: datetime.date | None = None,
) -> datetime.datetime | None:
    """The first slot strictly after `after` (aware), on a chosen weekday (0 = Monday), in UTC.

    `not_before` is a local date (the end of a pause): no slot falls on an earlier day.
    None when no weekday is chosen.
    """
    if not weekdays:
        return None
    day = after.astimezone(zone).date() - datetime.timedelta(days=1)  # a gap can push yesterday's slot past `after`
    if not_before is not None and not_before > day:
        day = not_before
    for _ in range(16):
        if day.weekday() in weekdays:
            slot = resolve(day, at, zone)
            if slot > after:
                return slot
        day += datetime.timedelta(days=1)
    raise AssertionError("a chosen weekday always comes round within a fortnight")  # pragma: no cover


def local_slot(slot: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return slot.astimezone(zone)
