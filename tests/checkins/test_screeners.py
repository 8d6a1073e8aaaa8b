"""Questionnaires through the views: one answer at a time, kept, owned, and the rules in the same response."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from selfcare.checkins.models import CheckBack, EscalationEvent, FollowUp, ScreenerResult
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def start(client, slug="phq9") -> ScreenerResult:
    response = client.post(f"/checkin/questionnaires/{slug}/")
    assert response.status_code == 302 and response.url.startswith("/checkin/answers/"), response.url
    return ScreenerResult.objects.get(pk=response.url.split("/")[-2])


def give(client, result, key, value):
    return client.post(f"/checkin/answers/{result.pk}/", {"question": key, "answer": str(value)})


def take_phq9(client, values, functional=None):
    result = start(client)
    response = None
    for key, value in zip("123456789", values, strict=True):
        response = give(client, result, key, value)
    if functional is not None:
        response = give(client, result, "functional", functional)
    result.refresh_from_db()
    return result, response


def test_the_list_and_the_start_page(person_client):
    html = person_client.get("/checkin/questionnaires/").content.decode()
    for name in ("PHQ-9", "GAD-7", "WHO-5", "PC-PTSD-5"):
        assert name in html
    start_page = person_client.get("/checkin/questionnaires/phq9/").content.decode()
    assert "Developed by Drs. Robert L. Spitzer" in start_page
    assert "Read about it first" in html  # PC-PTSD-5 explains itself before any question


def test_each_answer_is_kept_and_leaving_midway_loses_nothing(person_client, person):
    result = start(person_client)
    assert give(person_client, result, "1", 2).status_code == 302
    assert give(person_client, result, "2", 1).status_code == 302
    # Back later: the run resumes at question 3, and starting again does not make a second run.
    again = person_client.post("/checkin/questionnaires/phq9/")
    assert again.url == f"/checkin/answers/{result.pk}/"
    page = person_client.get(again.url).content.decode()
    assert "Question 3 of 9" in page
    assert ScreenerResult.objects.filter(owner=person).count() == 1
    result.refresh_from_db()
    assert result.answers == {"1": 2, "2": 1}


def test_going_back_shows_the_answer_given(person_client):
    result = start(person_client)
    give(person_client, result, "1", 3)
    page = person_client.get(f"/checkin/answers/{result.pk}/?q=1").content.decode()
    assert 'value="3" id="answer-3" checked' in page


@pytest.mark.parametrize("value", ["4", "-1", "", "x", "1.5", "9" * 50])
def test_an_answer_that_is_not_offered_is_explained_and_nothing_is_saved(person_client, value):
    result = start(person_client)
    response = person_client.post(f"/checkin/answers/{result.pk}/", {"question": "1", "answer": value})
    assert response.status_code == 422
    assert "Please choose one of the answers." in response.content.decode()
    result.refresh_from_db()
    assert result.answers == {}


def test_an_unknown_question_is_not_found(person_client):
    result = start(person_client)
    assert person_client.post(f"/checkin/answers/{result.pk}/", {"question": "99", "answer": "1"}).status_code == 404


def test_another_persons_run_and_result_are_not_found(person_client, other_person):
    theirs = ScreenerResult.objects.create(owner=other_person, instrument="phq9", answers={"9": 3})
    assert person_client.get(f"/checkin/answers/{theirs.pk}/").status_code == 404
    assert person_client.post(f"/checkin/answers/{theirs.pk}/", {"question": "1", "answer": "1"}).status_code == 404
    assert person_client.get(f"/checkin/results/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.answers == {"9": 3}


def test_a_minimal_result_is_scored_banded_and_quiet(person_client, person):
    result, response = take_phq9(person_client, [0] * 9)
    assert response.status_code == 200
    html = response.content.decode()
    assert (result.status, result.score, result.band) == ("complete", 0, "minimal")
    assert "0</strong> out of 27" in html and "Minimal" in html
    assert "not a diagnosis" in html
    assert "crisis-panel" not in html and "help-card" not in html
    assert not EscalationEvent.objects.filter(owner=person).exists()


def test_R2_the_crisis_panel_is_in_the_response_that_saved_item_9(person_client, person):
    """SAFETY.md's acceptance test: items [0,0,0,0,0,0,0,0,1] -> T3 via R2, panel in the POST response."""
    result = start(person_client)
    for key in "12345678":
        give(person_client, result, key, 0)
    response = give(person_client, result, "9", 1)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="crisis-panel"' in html
    assert "thoughts of being better off dead or of hurting yourself" in html
    assert 'href="tel:988"' in html and "741741" in html
    assert "high risk" not in html.lower()
    assert list(EscalationEvent.objects.filter(owner=person).values_list("rule", "tier", "source")) == [
        ("R2", 3, f"screener:{result.pk}")
    ]
    # Finishing shows it again, before the score, and does not write the audit row twice.
    response = give(person_client, result, "functional", 0)
    html = response.content.decode()
    assert html.index('id="crisis-panel"') < html.index("Your result")
    assert EscalationEvent.objects.filter(owner=person, rule="R2").count() == 1
    # R4: the crisis bar on every page for the rest of the session, and check-backs stored.
    assert 'aria-label="Support"' in person_client.get("/journal/").content.decode()
    assert CheckBack.objects.filter(owner=person).count() == 2


def test_R5_a_moderate_result_shows_the_professional_help_card_and_no_panel(person_client, person):
    result, response = take_phq9(person_client, [2, 2, 2, 2, 2, 1, 1, 0, 0], functional=1)
    html = response.content.decode()
    assert result.score == 12
    assert "Talking to a professional could help" in html
    assert "crisis-panel" not in html
    assert "This is not a diagnosis" in html
    assert set(EscalationEvent.objects.filter(owner=person).values_list("rule", flat=True)) == {"R5"}


def test_R5_soon_wording_at_twenty(person_client):
    _, response = take_phq9(person_client, [3, 3, 3, 3, 3, 3, 2, 0, 0], functional=1)
    assert "Talking to a professional could help, and soon" in response.content.decode()


def test_a_double_submit_of_the_last_answer_finishes_once(person_client, person):
    result = start(person_client)
    for key in "12345678":
        give(person_client, result, key, 2)
    give(person_client, result, "9", 0)
    first = give(person_client, result, "functional", 1)
    second = give(person_client, result, "functional", 1)
    assert first.status_code == 200
    assert second.status_code == 302 and second.url == f"/checkin/results/{result.pk}/"
    assert ScreenerResult.objects.filter(owner=person).count() == 1
    assert EscalationEvent.objects.filter(owner=person, rule="R5").count() == 1


def test_retaking_early_is_stored_and_labelled(person_client, person):
    take_phq9(person_client, [1] * 8 + [0], functional=0)
    second, response = take_phq9(person_client, [0] * 9)
    assert second.retaken_early
    assert "Retaken early" in response.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        person_client.force_login(person)
        third, _ = take_phq9(person_client, [0] * 9)
    assert not third.retaken_early


def test_R15_names_the_change_since_last_time(person_client, person):
    take_phq9(person_client, [1, 1, 1, 1, 1, 0, 0, 0, 0], functional=0)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        person_client.force_login(person)
        _, response = take_phq9(person_client, [2, 2, 2, 1, 1, 1, 1, 0, 0], functional=1)
    assert "a clear change since the last time" in response.content.decode()


def test_pc_ptsd5_ends_after_a_no(person_client, person):
    result = start(person_client, "pcptsd5")
    response = give(person_client, result, "exposure", 0)
    result.refresh_from_db()
    assert (result.status, result.score) == ("complete", 0)
    assert "there were no more questions" in response.content.decode()


def test_R8_pc_ptsd5_at_three_brings_trauma_informed_words(person_client, person):
    result = start(person_client, "pcptsd5")
    give(person_client, result, "exposure", 1)
    for key, value in zip("12345", [1, 1, 1, 0, 0], strict=True):
        response = give(person_client, result, key, value)
    assert "trauma-informed" in response.content.decode()


def test_R3_get_help_now_is_recorded_and_keeps_the_bar_up(person_client, person):
    response = person_client.get("/help/now/")
    html = response.content.decode()
    assert 'id="crisis-panel"' in html and 'href="tel:988"' in html
    assert list(EscalationEvent.objects.filter(owner=person).values_list("rule", "tier")) == [("R3", 3)]
    person_client.get("/help/now/")
    assert EscalationEvent.objects.filter(owner=person).count() == 1  # once a day is enough
    assert 'aria-label="Support"' in person_client.get("/today/").content.decode()


def test_get_help_now_works_signed_out(client):
    response = client.get("/help/now/")
    assert response.status_code == 200 and 'id="crisis-panel"' in response.content.decode()


def test_R4_how_are_you_doing_at_the_next_login_and_after_seven_days(person_client, person):
    person_client.get("/help/now/")
    assert "How are you doing?" not in person_client.get("/today/").content.decode()  # same session
    fresh = Client()
    fresh.post("/accounts/login/", {"username": person.email, "password": PASSWORD})
    page = fresh.get("/today/").content.decode()
    assert "How are you doing?" in page
    first = CheckBack.objects.filter(owner=person, waits_for_login=False).order_by("due_at").first()
    response = fresh.post(f"/help/check-back/{first.pk}/", {"choice": "ok"})
    assert response.status_code == 302
    assert "How are you doing?" not in fresh.get("/today/").content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        assert "How are you doing?" in fresh.get("/today/").content.decode()
        later = CheckBack.objects.get(owner=person, answered_at__isnull=True)
        assert fresh.post(f"/help/check-back/{later.pk}/", {"choice": "support"}).url == "/help/now/"


def test_someone_elses_check_back_is_not_found(person_client, other_person):
    theirs = CheckBack.objects.create(owner=other_person, due_at=timezone.now())
    assert person_client.post(f"/help/check-back/{theirs.pk}/", {"choice": "ok"}).status_code == 404


def test_no_follow_up_email_unless_the_person_asked_for_them(person_client, person):
    take_phq9(person_client, [2, 2, 2, 2, 2, 1, 1, 0, 0], functional=1)
    assert not FollowUp.objects.exists()


def test_one_follow_up_per_episode_saying_nothing_sensitive(
    person_client, person, django_capture_on_commit_callbacks, settings
):
    """The broker is reachable in tests; eager delivery is not used, so the email goes through the sweep."""
    person.email_followups = True
    person.save()
    with django_capture_on_commit_callbacks(execute=False):
        take_phq9(person_client, [2, 2, 2, 2, 2, 1, 1, 0, 0], functional=1)
        take_phq9(person_client, [3, 3, 3, 3, 3, 1, 1, 0, 0], functional=2)
    assert FollowUp.objects.filter(owner=person).count() == 1
    from selfcare.checkins import tasks

    assert tasks.send_due_follow_ups() == 1
    assert tasks.send_due_follow_ups() == 0
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    body = (email.body + email.alternatives[0][0] + email.subject).replace(settings.SITE_URL, "")
    assert not re.search(r"\b(12|16)\b", body), "no score"
    for word in ("PHQ", "GAD", "depress", "suicide", "crisis", "trauma", "numb", "therapist", "score"):
        assert word.lower() not in body.lower(), word
    assert "Log in to see your check-in" in email.body
    assert "/help/" in email.body


def test_the_urgent_follow_up_waits_a_day_and_says_only_we_hope_you_are_ok(person_client, person):
    person.email_followups = True
    person.save()
    result = start(person_client)
    for key in "12345678":
        give(person_client, result, key, 0)
    give(person_client, result, "9", 2)
    follow_up = FollowUp.objects.get(owner=person)
    assert follow_up.urgent and follow_up.send_after > timezone.now() + datetime.timedelta(hours=23)
    from selfcare.checkins import tasks

    assert tasks.send_due_follow_ups() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert tasks.send_due_follow_ups() == 1
    assert "We hope you're OK" in mail.outbox[0].body


def test_the_urgent_response_does_not_need_the_broker(person_client, person, broker_unreachable):
    """Redis unreachable: the panel still shows and the follow-up waits in the database for the sweep."""
    person.email_followups = True
    person.save()
    result = start(person_client)
    for key in "12345678":
        give(person_client, result, key, 2)
    response = give(person_client, result, "9", 3)
    assert response.status_code == 200 and 'id="crisis-panel"' in response.content.decode()
    response = give(person_client, result, "functional", 3)
    assert response.status_code == 200 and 'id="crisis-panel"' in response.content.decode()
    assert FollowUp.objects.filter(owner=person, sent_at__isnull=True).count() == 1


def test_a_follow_up_the_broker_cannot_take_waits_for_the_sweep(
    person_client, person, broker_unreachable, django_capture_on_commit_callbacks
):
    from selfcare.checkins import tasks

    person.email_followups = True
    person.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result, response = take_phq9(person_client, [2, 2, 2, 2, 2, 1, 1, 0, 0], functional=1)
    assert callbacks, "the follow-up was handed to the broker"
    assert response.status_code == 200 and "Talking to a professional could help" in response.content.decode()
    assert len(mail.outbox) == 0
    assert tasks.send_due_follow_ups() == 1
    assert len(mail.outbox) == 1


def test_R23_each_firing_is_one_audit_row_of_rule_tier_and_source_only(person_client, person):
    result, _ = take_phq9(person_client, [3, 3, 3, 3, 3, 2, 2, 0, 1], functional=3)
    rows = list(EscalationEvent.objects.filter(owner=person).values_list("rule", "tier", "source"))
    source = f"screener:{result.pk}"
    assert sorted(rows) == sorted([("R2", 3, source), ("R5", 2, source), ("R10", 2, source)])
    fields = {field.name for field in EscalationEvent._meta.get_fields()}
    assert fields == {"id", "owner", "rule", "tier", "source", "fired_at"}  # no free text anywhere
