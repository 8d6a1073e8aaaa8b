import pytest
from django.db import connection
from django.test import Client

from selfcare.checkins.models import SupportPlan

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
