"""Next-due times across daylight-saving changes, in several zones."""

import datetime
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare.reminders.schedule import exists, next_due, resolve

UTC = datetime.UTC
ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Santiago"]
EVERY_DAY = set(range(7))


def london(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def test_it_fires_at_the_chosen_local_time():
    zone = zoneinfo.ZoneInfo("America/New_York")
    after = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # 08:00 in New York
    slot = next_due(EVERY_DAY, datetime.time(9, 30), zone, after)
    assert slot == datetime.datetime(2026, 7, 1, 13, 30, tzinfo=UTC)


def test_a_time_in_the_spring_gap_moves_to_the_end_of_the_gap():
    zone = zoneinfo.ZoneInfo("Europe/London")
    # 29 March 2026: clocks go from 01:00 GMT to 02:00 BST; 01:30 does not exist.
    slot = next_due(EVERY_DAY, datetime.time(1, 30), zone, datetime.datetime(2026, 3, 28, 12, tzinfo=UTC))
    assert slot.astimezone(zone) == london(2026, 3, 29, 2, 0)
    assert slot == datetime.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    after_it = next_due(EVERY_DAY, datetime.time(1, 30), zone, slot)
    assert after_it.astimezone(zone) == london(2026, 3, 30, 1, 30)


def test_an_ambiguous_autumn_time_fires_once_at_its_first_occurrence():
    zone = zoneinfo.ZoneInfo("America/New_York")
    # 1 November 2026: 01:30 happens twice (EDT, then EST).
    start = datetime.datetime(2026, 10, 31, 12, tzinfo=UTC)
    first = next_due(EVERY_DAY, datetime.time(1, 30), zone, start)
    assert first == datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second = next_due(EVERY_DAY, datetime.time(1, 30), zone, first)
    assert second.astimezone(zone).date() == datetime.date(2026, 11, 2)


def test_a_pause_moves_the_first_slot_to_the_day_it_ends():
    zone = zoneinfo.ZoneInfo("Asia/Kolkata")
    after = datetime.datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
    slot = next_due(EVERY_DAY, datetime.time(8, 0), zone, after, not_before=datetime.date(2026, 5, 10))
    assert slot.astimezone(zone).replace(tzinfo=None) == datetime.datetime(2026, 5, 10, 8, 0)


def test_only_chosen_weekdays_and_none_when_no_day_is_chosen():
    zone = zoneinfo.ZoneInfo("Australia/Sydney")
    after = datetime.datetime(2026, 6, 1, 0, 0, tzinfo=UTC)  # a Monday
    slot = next_due({5}, datetime.time(10, 0), zone, after)  # Saturdays
    assert slot.astimezone(zone).weekday() == 5
    assert next_due(set(), datetime.time(10, 0), zone, after) is None


instants = st.datetimes(
    min_value=datetime.datetime(2024, 1, 1), max_value=datetime.datetime(2030, 12, 31), timezones=st.just(UTC)
)
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))
weekday_sets = st.sets(st.integers(0, 6), min_size=1)


@settings(max_examples=300, deadline=None)
@given(zone_name=st.sampled_from(ZONES), after=instants, at=times, weekdays=weekday_sets)
def test_next_due_is_after_on_a_chosen_day_and_at_the_chosen_hour(zone_name, after, at, weekdays):
    zone = zoneinfo.ZoneInfo(zone_name)
    slot = next_due(weekdays, at, zone, after)
    assert slot > after
    local = slot.astimezone(zone)
    assert local.weekday() in weekdays
    wanted = datetime.datetime.combine(local.date(), at)
    if exists(wanted, zone):
        assert local.replace(tzinfo=None) == wanted
    else:
        # Pushed out of a spring-forward gap: later than asked, by less than the gap, never hours off.
        shift = local.replace(tzinfo=None) - wanted
        assert datetime.timedelta(0) < shift <= datetime.timedelta(hours=1)
    # Nothing eligible was skipped between `after` and the slot.
    assert slot - after <= datetime.timedelta(days=7, hours=2)


@settings(max_examples=60, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    start=st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 1, 1)),
    at=times,
    weekdays=weekday_sets,
)
def test_a_year_of_slots_has_exactly_one_per_chosen_day(zone_name, start, at, weekdays):
    """Across every DST change in a year: one slot per chosen local day, none twice, none missing."""
    zone = zoneinfo.ZoneInfo(zone_name)
    after = datetime.datetime.combine(start, datetime.time.min, zone).astimezone(UTC) - datetime.timedelta(seconds=1)
    days = []
    slot = next_due(weekdays, at, zone, after)
    end = start + datetime.timedelta(days=366)
    while slot.astimezone(zone).date() < end:
        days.append(slot.astimezone(zone).date())
        slot = next_due(weekdays, at, zone, slot)
    expected = [
        start + datetime.timedelta(days=n)
        for n in range((end - start).days)
        if (start + datetime.timedelta(days=n)).weekday() in weekdays
    ]
    assert days == expected


@given(zone_name=st.sampled_from(ZONES), day=st.dates(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)), at=times)
def test_resolve_never_lands_in_the_small_hours_by_mistake(zone_name, day, at):
    zone = zoneinfo.ZoneInfo(zone_name)
    local = resolve(day, at, zone).astimezone(zone)
    asked = at.hour * 60 + at.minute
    got = local.hour * 60 + local.minute
    assert local.date() == day
    assert 0 <= got - asked <= 60
