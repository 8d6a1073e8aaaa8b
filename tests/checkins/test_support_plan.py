import re
from functools import partial

import pytest
from django.db import connection
from django.test import Client

from selfcare.checkins.models import SupportPlan
from tests.conftest import at_once

pytestmark = pytest.mark.django_db


def test_it_invites_the_person_to_write_a_plan(person_client):
    html = person_client.get("/help/my-plan/").content.decode()
    assert "Start my plan" in html
    assert 'href="tel:988"' in html


def test_it_saves_the_plan_and_shows_it_first_on_the_help_page(person_client, person):
    response = person_client.post(
        "/help/my-plan/edit/", {"warning_signs": "I stop answering messages", "people": "Ana 07700 900123"}
    )
    assert response["Location"] == "/help/my-plan/"
    plan = SupportPlan.objects.get(owner=person)
    assert plan.warning_signs == "I stop answering messages"
    help_page = person_client.get("/help/").content.decode()
    assert help_page.index("Your support plan") < help_page.index("call your emergency number")
    assert "I stop answering messages" in help_page and "Ana 07700 900123" in help_page


def test_the_plan_is_encrypted_at_rest(person_client, person):
    person_client.post("/help/my-plan/edit/", {"grounding": "cold water on my wrists"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT grounding FROM checkins_supportplan")
        raw = cursor.fetchone()[0]
    assert "cold water" not in raw


def test_autosave_keeps_one_plan_and_answers_401_when_logged_out(person_client, person):
    for words in ["walk", "walk to the park"]:
        assert person_client.post("/help/my-plan/autosave/", {"distractions": words}).status_code == 200
    assert SupportPlan.objects.get(owner=person).distractions == "walk to the park"
    response = Client().post("/help/my-plan/autosave/", {"distractions": "x"})
    assert response.status_code == 401


def test_too_long_a_section_is_explained_and_kept(person_client):
    response = person_client.post("/help/my-plan/edit/", {"safer": "x" * 2001, "people": "Sam"})
    assert response.status_code == 200
    assert b"Please keep each part under 2,000 characters." in response.content
    assert b"Sam" in response.content
    assert not SupportPlan.objects.exists()


def test_each_person_sees_only_their_own_plan(person, other_person):
    SupportPlan.objects.create(owner=other_person, warning_signs="someone else's signs")
    client = Client()
    client.force_login(person)
    assert "someone else" not in client.get("/help/my-plan/").content.decode()
    assert "someone else" not in client.get("/help/").content.decode()
    client.post("/help/my-plan/edit/", {"warning_signs": "mine"})
    assert SupportPlan.objects.get(owner=other_person).warning_signs == "someone else's signs"


def test_the_help_page_still_works_signed_out(client):
    html = client.get("/help/").content.decode()
    assert "Your support plan" not in html and "once you've logged in" in html


def _plan_page(client) -> dict:
    html = client.get("/help/my-plan/edit/").content.decode()
    found = {name: re.search(rf'name="{name}" value="([^"]*)"', html) for name in ("revision", "writer", "draft_owner")}
    return {name: match.group(1) for name, match in found.items() if match}


@pytest.mark.django_db(transaction=True)
def test_a_late_plan_autosave_never_overwrites_the_final_save(person):
    tab = Client()
    tab.force_login(person)
    for trial in range(50):
        page = _plan_page(tab)
        older = {**page, "seq": "1", "grounding": f"{trial}: cold water"}
        final = {**page, "seq": "2", "grounding": f"{trial}: cold water on my wrists"}
        at_once(
            partial(tab.post, "/help/my-plan/autosave/", older),
            partial(tab.post, "/help/my-plan/edit/", final),
        )
        assert SupportPlan.objects.get(owner=person).grounding == final["grounding"], trial


def test_two_tabs_on_the_plan_keep_both_texts(person_client, person):
    first, second = _plan_page(person_client), _plan_page(person_client)
    person_client.post("/help/my-plan/autosave/", {**first, "seq": "1", "people": "Ana"})
    answer = person_client.post("/help/my-plan/autosave/", {**second, "seq": "1", "people": "Sam"})
    assert answer.status_code == 409
    assert answer.json()["merged"]["people"] == ["Sam\n\nAna"]
    assert SupportPlan.objects.get(owner=person).people == "Ana"
    page = person_client.post("/help/my-plan/edit/", {**second, "people": "Sam"})
    assert page.status_code == 409
    html = page.content.decode()
    assert "Nothing is lost: both versions are together below" in html and "Sam\n\nAna</textarea>" in html
