import datetime
import tomllib
import zoneinfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from exercises.plan import days as plan
from exercises.plan import weeks
from exercises.plan.checks import check_plan_content
from exercises.plan.models import Enrollment, TaskDone, TherapyTopic

D = datetime.date


def test_the_plan_content_is_valid_and_covers_seven_days():
    assert check_plan_content() == []
    loaded = plan.plan()
    assert [day.number for day in loaded.days] == [1, 2, 3, 4, 5, 6, 7]
    assert {t.key for t in loaded.day(1).tasks} == {"mindfulness", "journal", "share"}
    assert {t.key for t in loaded.day(7).tasks} == {"review", "therapy_topic"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["days"][0].update(numbers=[1]), "days must cover each of days 1 to 7 exactly once"),
        (lambda d: d["days"][0]["tasks"][0].update(kind="dance"), "days[0].tasks[0].kind must be one of"),
        (lambda d: d["days"][0]["tasks"][1].update(key="mindfulness"), "days[0].tasks[1].key repeats"),
        (lambda d: d["days"][0]["tasks"][0].pop("target"), "days[0].tasks[0].target is required"),
        (lambda d: d["days"][0]["tasks"][2].pop("prompt"), "days[0].tasks[2].prompt is required"),
        (lambda d: d["days"][1]["tasks"][0].update(colour="red"), "days[1].tasks[0].colour is not a known field"),
    ],
)
def test_a_broken_plan_file_stops_start_up_with_a_clear_error(tmp_path, change, message):
    data = tomllib.loads(plan.PLAN_FILE.read_text())
    change(data)
    errors = plan.validate(data)
    assert any(message in error and "week.toml" in error for error in errors), errors


def test_the_check_reports_an_unreadable_file(tmp_path):
    broken = tmp_path / "week.toml"
    broken.write_text("version = [")
    assert [e.id for e in check_plan_content(path=broken)] == ["exercises.E003"]


@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 1, 1)),
    offset=st.integers(min_value=-3, max_value=40),
    paused=st.integers(min_value=0, max_value=20),
)
def test_calendar_day_is_always_between_one_and_seven_and_never_goes_back(start, offset, paused):
    today = start + datetime.timedelta(days=offset)
    day = plan.calendar_day(start, today, paused)
    assert 1 <= day <= 7
    assert plan.calendar_day(start, today + datetime.timedelta(days=1), paused) >= day
    assert plan.calendar_day(start, today, paused + 1) <= day


@given(
    zone=st.sampled_from(
        ["Pacific/Auckland", "America/New_York", "Europe/London", "Asia/Kolkata", "UTC", "Pacific/Kiritimati"]
    ),
    other=st.sampled_from(["Pacific/Honolulu", "Europe/Berlin", "Australia/Adelaide", "America/Los_Angeles"]),
    moment=st.datetimes(min_value=datetime.datetime(2026, 1, 1), max_value=datetime.datetime(2027, 12, 1)),
    hours=st.integers(min_value=1, max_value=24 * 9),
)
def test_moving_time_zone_mid_week_moves_today_by_at_most_one_day(zone, other, moment, hours):
    instant = moment.replace(tzinfo=datetime.UTC)
    start = instant.astimezone(zoneinfo.ZoneInfo(zone)).date()
    later = instant + datetime.timedelta(hours=hours)
    here = plan.calendar_day(start, later.astimezone(zoneinfo.ZoneInfo(zone)).date())
    there = plan.calendar_day(start, later.astimezone(zoneinfo.ZoneInfo(other)).date())
    assert abs(here - there) <= 1


@pytest.mark.django_db
def test_days_follow_the_local_calendar_across_daylight_saving(person):
    person.time_zone = "Europe/London"
    person.save()
    # Clocks go forward in London at 01:00 UTC on 29 March 2026.
    with time_machine.travel(datetime.datetime(2026, 3, 27, 23, 30, tzinfo=datetime.UTC), tick=False):
        week = weeks.start_week(person)
        assert week.start_date == D(2026, 3, 27)
    with time_machine.travel(datetime.datetime(2026, 3, 29, 22, 59, tzinfo=datetime.UTC), tick=False):
        # 23:59 BST on Sunday 29 March: day 3, not day 4
        assert weeks.state(week, person.local_today()).reached == 3
    with time_machine.travel(datetime.datetime(2026, 3, 29, 23, 1, tzinfo=datetime.UTC), tick=False):
        assert weeks.state(week, person.local_today()).reached == 4


@pytest.mark.django_db
def test_the_plan_waits_and_a_pause_is_not_counted(person):
    week = Enrollment.objects.create(owner=person, content_version=1, start_date=D(2026, 11, 1))
    state = weeks.state(week, D(2026, 11, 5))
    assert state.reached == 5 and state.on_day == 1 and state.waiting
    for task in plan.plan().day(1).tasks:
        weeks.tick(week, 1, task.key, D(2026, 11, 5))
    assert weeks.state(week, D(2026, 11, 5)).on_day == 2
    weeks.pause(week, 3, D(2026, 11, 5))
    paused = weeks.state(week, D(2026, 11, 7))
    assert paused.paused and paused.reached == 5
    with pytest.raises(weeks.PlanError, match="paused"):
        weeks.tick(week, 2, "share", D(2026, 11, 7))
    after = weeks.state(week, D(2026, 11, 9))
    assert not after.paused and after.reached == 6 and after.not_counted == 3
    weeks.pause(week, 1, D(2026, 11, 9))  # the next pause folds the ended one into the days not counted
    assert week.paused_days == 3 and weeks.state(week, D(2026, 11, 9)).not_counted == 3


@pytest.mark.django_db
def test_reading_the_plan_never_writes(person, django_assert_num_queries):
    """Today and the plan page only read: an ended pause and work done elsewhere are settled when saved."""
    week = Enrollment.objects.create(
        owner=person, content_version=1, start_date=D(2026, 11, 1), paused_from=D(2026, 11, 2),
        paused_until=D(2026, 11, 4),
    )  # fmt: skip
    with django_assert_num_queries(1) as queries:
        state = weeks.state(week, D(2026, 11, 9))
    assert state.not_counted == 2 and state.reached == 7
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)


@pytest.mark.django_db
def test_ticking_a_closed_day_or_twice_never_errors_or_duplicates(person):
    week = Enrollment.objects.create(owner=person, content_version=1, start_date=D(2026, 11, 1))
    with pytest.raises(weeks.PlanError, match="Day 3 opens on"):
        weeks.tick(week, 3, "movement", D(2026, 11, 1))
    with pytest.raises(weeks.PlanError, match="isn't part of the plan"):
        weeks.tick(week, 1, "juggling", D(2026, 11, 1))
    with pytest.raises(weeks.PlanError):
        weeks.tick(week, 9, "share", D(2026, 11, 1))
    assert weeks.tick(week, 1, "share", D(2026, 11, 1)) is True
    assert weeks.tick(week, 1, "share", D(2026, 11, 1)) is False
    assert TaskDone.objects.count() == 1


@pytest.mark.django_db
def test_views_tick_report_pause_and_protect_other_peoples_weeks(person_client, person, other_person):
    person_client.post("/exercises/plan/start/")
    person_client.post("/exercises/plan/start/")  # a double tap
    week = Enrollment.objects.get(owner=person)
    html = person_client.get("/exercises/plan/").content.decode()
    assert "Day 1 of 7" in html and "Opens " in html
    response = person_client.post(
        f"/exercises/plan/{week.code}/tick/", {"day": "1", "task": "mindfulness"}, follow=True
    )
    assert b"Ticked off" in response.content
    response = person_client.post(f"/exercises/plan/{week.code}/tick/", {"day": "4", "task": "boundary"}, follow=True)
    assert b"Day 4 opens on" in response.content
    response = person_client.post(f"/exercises/plan/{week.code}/tick/", {"day": "x", "task": "y"}, follow=True)
    assert response.status_code == 200 and b"part of the plan" in response.content
    report = person_client.post(f"/exercises/plan/{week.code}/day/1/share/", {"text": ""})
    assert b"Write a few words" in report.content
    person_client.post(f"/exercises/plan/{week.code}/day/1/share/", {"text": "Told Ana I was tired"})
    assert TaskDone.objects.get(task="share").report == "Told Ana I was tired"
    response = person_client.post(f"/exercises/plan/{week.code}/pause/", {"days": "99"}, follow=True)
    assert b"A pause can be 1 to 14 days" in response.content

    other_week = weeks.start_week(other_person)
    for url, data in [
        (f"/exercises/plan/{other_week.code}/tick/", {"day": "1", "task": "share"}),
        (f"/exercises/plan/{other_week.code}/pause/", {"days": "2"}),
        (f"/exercises/plan/{other_week.code}/finish/", {}),
    ]:
        assert person_client.post(url, data).status_code == 404
    assert person_client.get(f"/exercises/plan/{other_week.code}/").status_code == 404
    assert person_client.get(f"/exercises/plan/{other_week.code}/day/1/share/").status_code == 404


@pytest.mark.django_db
def test_a_whole_week_ends_with_a_summary_and_a_deeper_week_can_follow(person_client, person):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        person_client.post("/exercises/plan/start/")
    week = Enrollment.objects.get()
    with time_machine.travel(datetime.datetime(2026, 11, 8, 9, tzinfo=datetime.UTC), tick=False):
        for day in plan.plan().days:
            for task in day.tasks:
                if task.kind in {"self-report", "therapy-topic"}:
                    person_client.post(
                        f"/exercises/plan/{week.code}/day/{day.number}/{task.key}/", {"text": f"{task.key} note"}
                    )
                else:
                    person_client.post(f"/exercises/plan/{week.code}/tick/", {"day": day.number, "task": task.key})
        response = person_client.post(f"/exercises/plan/{week.code}/finish/")
        assert response["Location"] == f"/exercises/plan/{week.code}/"
        html = person_client.get(response["Location"]).content.decode()
        assert "You did 22 of 22 things" in html
        assert "therapy_topic note" in html
        assert TherapyTopic.objects.get(owner=person).text == "therapy_topic note"
        person_client.post("/exercises/plan/start/", {"level": "deeper"})
    second = Enrollment.objects.get(finished_at__isnull=True)
    assert second.week_number == 2 and second.level == "deeper"
    html = person_client.get("/exercises/plan/").content.decode()
    assert "Ten minutes with your breath" in html and "Week 1" in html


@pytest.mark.django_db
def test_exercises_and_entries_done_elsewhere_tick_their_tasks_once(person):
    from exercises import content, runner
    from journal.models import JournalEntry

    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        week = weeks.start_week(person)
        runner.finish(runner.start(person, content.get("breath-awareness")))
        JournalEntry.objects.create(owner=person, kind="event-feeling-need", event="a walk")
        state = weeks.state(week, person.local_today())
        assert {(1, "mindfulness"), (1, "journal")} <= state.done
        assert (2, "mindfulness") not in state.done  # day 2 is not open yet
    with time_machine.travel(datetime.datetime(2026, 11, 3, 9, tzinfo=datetime.UTC), tick=False):
        state = weeks.state(week, person.local_today())
        # Monday's session counted for day 1 only; day 2 waits for a new one.
        assert (2, "mindfulness") not in state.done
        runner.finish(runner.start(person, content.get("breath-awareness")))
        state = weeks.state(week, person.local_today())
        assert (2, "mindfulness") in state.done
        assert TaskDone.objects.filter(task="mindfulness").count() == 2
