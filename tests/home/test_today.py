import datetime
import zoneinfo

import pytest
import time_machine

from selfcare.home.today import greeting


@pytest.mark.parametrize(
    ("hour", "expected"),
    [
        (0, "Hello"),
        (4, "Hello"),
        (5, "Good morning"),
        (11, "Good morning"),
        (12, "Good afternoon"),
        (17, "Good afternoon"),
        (18, "Good evening"),
        (22, "Good evening"),
        (23, "Hello"),
    ],
)
def test_greeting_follows_the_local_hour(hour, expected):
    assert greeting(datetime.datetime(2026, 11, 21, hour, 30)) == expected


@pytest.mark.django_db
def test_today_uses_the_persons_own_day(person_client, person):
    person.time_zone = "Pacific/Auckland"
    person.save()
    # 20:00 UTC on Saturday is 09:00 on Sunday in Auckland.
    with time_machine.travel(datetime.datetime(2026, 11, 21, 20, 0, tzinfo=zoneinfo.ZoneInfo("UTC")), tick=False):
        html = person_client.get("/today/").content.decode()
    assert "Sunday 22 November" in html
    assert "Good morning" in html
    assert "Nothing here yet" in html


@pytest.mark.django_db
def test_today_offers_to_resume_an_unfinished_exercise(person_client, person):
    from exercises import content, runner

    session = runner.start(person, content.get("body-scan"))
    html = person_client.get("/today/").content.decode()
    assert "Pick up where you left off" in html
    assert f"/exercises/s/{session.code}/0/" in html
