"""Trends (charts with bands and tables), the gentle single questions on the check-in, and the nightly pass."""

import datetime

import pytest
from django.utils import timezone

from selfcare.checkins import screening, tasks, trends
from selfcare.checkins.models import CheckIn, EscalationEvent, ScreenerResult

pytestmark = pytest.mark.django_db

GOOD = {"numbness": "8", "impact_work": "2", "impact_relationships": "0", "impact_selfcare": "1", "connection": "3"}


def checkins(owner, days: int, numbness: int = 8, work: int = 2):
    today = owner.local_today()
    CheckIn.objects.bulk_create(
        CheckIn(
            owner=owner,
            date=today - datetime.timedelta(days=n),
            numbness=numbness,
            impact_work=work,
            impact_relationships=0,
            impact_selfcare=0,
            connection=3,
        )
        for n in range(days)
    )


def completed(owner, instrument: str, score: int, days_ago: int = 0, answers=None):
    return ScreenerResult.objects.create(
        owner=owner,
        instrument=instrument,
        status="complete",
        score=score,
        answers=answers or {},
        completed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_trends_draw_check_ins_and_each_questionnaire_with_bands_and_tables(person, other_person):
    checkins(person, 10)
    checkins(other_person, 10, numbness=1)
    completed(person, "phq9", 12, days_ago=20)
    completed(person, "phq9", 6, days_ago=3)
    completed(person, "who5", 40, days_ago=3)
    completed(other_person, "gad7", 15)
    today = person.local_today()
    result = trends.trends_for(person, today - datetime.timedelta(days=89), today)
    assert [t.key for t in result.items] == ["checkins", "phq9", "who5"]
    checkin_trend, phq9, who5 = result.items
    assert len(checkin_trend.rows) == 10 and all(row[1] == "8" for row in checkin_trend.rows)
    assert [band.label for band in phq9.chart.bands] == ["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"]
    assert [row[1:3] for row in phq9.rows] == [("12", "Moderate"), ("6", "Mild")]
    assert "The latest" in phq9.description and "was 6 (mild)" in phq9.description
    assert who5.note == "Higher means better well-being."


def test_the_trends_page_queries_do_not_grow_with_data(person_client, person, django_assert_max_num_queries):
    checkins(person, 5)
    completed(person, "phq9", 8)
    with django_assert_max_num_queries(8):
        small = person_client.get("/checkin/trends/")
    checkins_more = 60
    CheckIn.objects.filter(owner=person).delete()
    checkins(person, checkins_more)
    for n in range(6):
        completed(person, "gad7", n * 3, days_ago=n * 14)
    with django_assert_max_num_queries(8):
        big = person_client.get("/checkin/trends/?days=365")
    assert small.status_code == big.status_code == 200
    html = big.content.decode()
    assert html.count("<table>") == 3
    assert 'role="img"' in html and "<desc" in html


def test_the_trends_page_with_nothing_yet(person_client):
    assert "Nothing to show for these days yet" in person_client.get("/checkin/trends/?days=abc").content.decode()


def test_the_unreal_feelings_question_rides_along_and_R9_fires_at_two(person_client, person):
    page = person_client.get("/checkin/").content.decode()
    assert "how often have you felt unreal, as if in a dream" in page
    response = person_client.post("/checkin/", {**GOOD, "extra-answer": "2"})
    assert "Talking to a professional could help" in response.content.decode()
    assert ScreenerResult.objects.get(owner=person, instrument="d").score == 2
    assert EscalationEvent.objects.filter(owner=person, rule="R9", tier=2).exists()
    # Next it asks the one-time history question; a blank answer skips it for a while.
    assert "trauma, major loss or ongoing stress" in person_client.get("/checkin/").content.decode()
    person_client.post("/checkin/", GOOD)
    assert ScreenerResult.objects.get(owner=person, instrument="history").status == "skipped"
    assert screening.single_question_due(person) is None


def test_an_out_of_range_single_answer_keeps_everything_typed(person_client, person):
    response = person_client.post("/checkin/", {**GOOD, "note": "tired", "extra-answer": "7"})
    html = response.content.decode()
    assert "Please choose one of the answers, or leave it blank." in html
    assert 'value="tired"' in html
    assert not CheckIn.objects.filter(owner=person).exists()


@pytest.mark.parametrize(("high_days", "rule"), [(7, "R13"), (6, "R20")])
def test_R13_R20_the_history_answer_on_the_check_in(person_client, person, high_days, rule):
    completed(person, "d", 0)
    checkins(person, high_days, work=0)  # today included: the check-in below updates it
    response = person_client.post("/checkin/", {**GOOD, "extra-answer": "1"})
    assert ScreenerResult.objects.get(owner=person, instrument="history").score == 1
    assert EscalationEvent.objects.filter(owner=person, rule=rule).exists()
    html = response.content.decode()
    assert "a trauma, a loss or ongoing stress" in html


def test_the_nightly_pass_records_window_rules_once_a_night(person, other_person):
    checkins(person, 14)  # R11 (14 high, impaired days) and R12 (14 check-in days, all high)
    checkins(other_person, 3, numbness=2, work=0)
    assert tasks.evaluate_windows() == 2
    assert tasks.evaluate_windows() == 0
    assert set(EscalationEvent.objects.values_list("owner", "rule")) == {(person.pk, "R11"), (person.pk, "R12")}


def test_questionnaire_offer_on_today(person_client, person):
    assert "well-being over the last two weeks" in person_client.get("/today/").content.decode()
    completed(person, "who5", 60)
    assert "a short questionnaire" not in person_client.get("/today/").content.decode()
    completed(person, "phq9", 3, days_ago=15)
    assert "mood over the last two weeks" in person_client.get("/today/").content.decode()
