"""Autosave against the real PostgreSQL: writes are ordered, conflicts keep both texts, a deleted entry
never makes a 500, and a page opened by one person never saves into another person's account.

The races run in threads, each request on its own database connection, many times over (TRIALS).
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from functools import partial

import pytest
from django.test import Client

from journal.models import JournalEntry
from selfcare.checkins.models import SupportPlan
from tests.conftest import at_once

TRIALS = 50


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


PAGE_FIELDS = ("client_id", "revision", "writer", "draft_owner")


def _page_fields(html: str) -> dict:
    """What a page posts along with the words (only those it has)."""
    return {name: _hidden(html, name) for name in PAGE_FIELDS if f'name="{name}"' in html}


def _open(client: Client, url: str) -> dict:
    return _page_fields(client.get(url).content.decode())


def _client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.django_db(transaction=True)
def test_a_late_autosave_never_overwrites_the_final_save_sent_at_the_same_moment(person):
    tab, final_tab = _client_for(person), _client_for(person)
    landed_late = Counter()
    for trial in range(TRIALS):
        page = _open(tab, "/journal/new/note/")
        older = {**page, "seq": "1", "text": f"trial {trial}: the light"}
        final = {**page, "seq": "2", "text": f"trial {trial}: the light in the kitchen felt warm."}
        autosaved, saved = at_once(
            partial(tab.post, "/journal/autosave/note/", older),
            partial(final_tab.post, "/journal/new/note/", final),
        )
        assert saved.status_code == 302, trial
        entry = JournalEntry.objects.get(client_id=page["client_id"])
        assert entry.text == final["text"] and not entry.is_draft, trial
        assert autosaved.status_code == 200, trial
        landed_late[autosaved.json()["status"]] += 1
    assert JournalEntry.objects.count() == TRIALS
    print(f"\n{TRIALS} trials; the autosave answered: {dict(landed_late)}")


@pytest.mark.django_db
def test_an_autosave_arriving_after_the_final_save_is_answered_already_saved(person_client):
    page = _open(person_client, "/journal/new/note/")
    person_client.post("/journal/autosave/note/", {**page, "seq": "1", "text": "I felt"})
    person_client.post("/journal/new/note/", {**page, "seq": "3", "text": "I felt far away today."})
    late = person_client.post("/journal/autosave/note/", {**page, "seq": "2", "text": "I felt far"})
    assert late.status_code == 200 and late.json()["status"] == "already-saved"
    assert late.json()["message"] == "Already saved: your newest words are the ones kept."
    entry = JournalEntry.objects.get()
    assert entry.text == "I felt far away today." and not entry.is_draft and entry.revision == 2


@pytest.mark.django_db(transaction=True)
def test_two_tabs_writing_at_once_keep_both_texts(person):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="Morning.", client_id=uuid.uuid4())
    one, two = _client_for(person), _client_for(person)
    outcomes = Counter()
    for trial in range(TRIALS):
        url = f"/journal/{entry.code}/edit/"
        first, second = _open(one, url), _open(two, url)
        words = [f"Tab one, trial {trial}.", f"Tab two, trial {trial}."]
        answers = at_once(
            partial(one.post, "/journal/autosave/note/", {**first, "seq": "1", "text": words[0]}),
            partial(two.post, "/journal/autosave/note/", {**second, "seq": "1", "text": words[1]}),
        )
        codes = sorted(answer.status_code for answer in answers)
        assert codes == [200, 409], (trial, codes)
        told = next(answer.json() for answer in answers if answer.status_code == 409)
        entry.refresh_from_db()
        stored = entry.text
        assert stored in words, trial
        other = next(text for text in words if text != stored)
        # The second writer is told calmly, sees the stored words, and gets both together to keep.
        assert told["message"].startswith("This changed in another tab or on another device")
        assert told["theirs"] == [{"label": "Your note", "text": stored}]
        merged = told["merged"]["text"][0]
        assert other in merged and stored in merged, trial
        assert told["revision"] == entry.revision
        outcomes["tab one saved" if stored.startswith("Tab one") else "tab two saved"] += 1
    print(f"\n{TRIALS} trials, one 200 and one 409 each time: {dict(outcomes)}")


@pytest.mark.django_db
def test_the_merged_version_saves_once_the_tab_has_seen_the_stored_revision(person, person_client):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="Morning.", client_id=uuid.uuid4())
    url = f"/journal/{entry.code}/edit/"
    first, second = _open(person_client, url), _open(person_client, url)
    person_client.post("/journal/autosave/note/", {**first, "seq": "1", "text": "Morning. Rain."})
    told = person_client.post("/journal/autosave/note/", {**second, "seq": "1", "text": "Morning. Birds."}).json()
    merged = told["merged"]["text"][0]
    assert merged == "Morning. Birds.\n\nMorning. Rain."
    answer = person_client.post(
        "/journal/autosave/note/", {**second, "revision": told["revision"], "seq": "2", "text": merged}
    )
    assert answer.json()["status"] == "saved"
    entry.refresh_from_db()
    assert entry.text == merged


@pytest.mark.django_db
def test_without_javascript_a_conflicting_save_shows_both_versions_and_the_next_save_keeps_them(person, person_client):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="Morning.", client_id=uuid.uuid4())
    url = f"/journal/{entry.code}/edit/"
    first, second = _open(person_client, url), _open(person_client, url)
    assert person_client.post(url, {**first, "text": "Morning. Rain on the window."}).status_code == 302
    response = person_client.post(url, {**second, "text": "Morning. Birds outside."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing is lost: both versions are together below" in html
    assert "The other version, on its own:" in html
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1).strip()
    assert textarea == "Morning. Birds outside.\n\nMorning. Rain on the window."
    entry.refresh_from_db()
    assert entry.text == "Morning. Rain on the window."  # nothing applied yet
    again = _page_fields(html)
    assert person_client.post(url, {**again, "text": textarea}).status_code == 302
    entry.refresh_from_db()
    assert entry.text == textarea


@pytest.mark.django_db
def test_autosave_and_save_after_the_entry_was_deleted_elsewhere_keep_the_words_as_a_new_entry(person_client):
    page = _open(person_client, "/journal/new/note/")
    person_client.post("/journal/autosave/note/", {**page, "seq": "1", "text": "A first line"})
    draft = JournalEntry.objects.get()
    person_client.post(f"/journal/{draft.code}/delete/")  # in another tab

    answer = person_client.post("/journal/autosave/note/", {**page, "seq": "2", "text": "A first line, and more"})
    assert answer.status_code == 200
    told = answer.json()
    assert told["status"] == "kept-as-new"
    assert told["message"].startswith("This entry was deleted in another tab, so your words are now kept")
    kept = JournalEntry.objects.get(client_id=told["client_id"])
    assert kept.text == "A first line, and more" and kept.deleted_at is None and kept.code != draft.code
    assert told["action"] == f"/journal/{kept.code}/edit/"
    # A retry of the same write lands on that same new entry, not a third one.
    person_client.post("/journal/autosave/note/", {**page, "seq": "3", "text": "A first line, and more!"})
    assert JournalEntry.objects.filter(deleted_at__isnull=True).count() == 1

    saved = person_client.post("/journal/new/note/", {**page, "seq": "4", "text": "A first line, and more!!"})
    assert saved.status_code == 302
    timeline = person_client.get("/journal/").content.decode()
    assert "saved as a new entry" in timeline and f"/journal/{draft.code}/undo/" in timeline
    kept.refresh_from_db()
    assert kept.text == "A first line, and more!!" and not kept.is_draft


@pytest.mark.django_db
def test_saving_an_edit_of_an_entry_deleted_in_another_tab_keeps_the_words(person, person_client):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="Old words", client_id=uuid.uuid4())
    url = f"/journal/{entry.code}/edit/"
    page = _open(person_client, url)
    person_client.post(f"/journal/{entry.code}/delete/")
    response = person_client.post(url, {**page, "text": "Old words, changed"})
    assert response.status_code == 302
    kept = JournalEntry.objects.get(deleted_at__isnull=True)
    assert kept.text == "Old words, changed" and kept.pk != entry.pk


@pytest.mark.django_db
def test_a_page_opened_by_one_person_never_saves_into_anothers_account(person, other_person):
    """Person A's old tab, after B has signed in on the same browser: nothing of A's goes to B."""
    a_client = _client_for(person)
    page = _open(a_client, "/journal/new/note/")
    plan_page = a_client.get("/help/my-plan/edit/").content.decode()
    b_client = _client_for(other_person)
    answer = b_client.post("/journal/autosave/note/", {**page, "seq": "1", "text": "A's private words"})
    assert answer.status_code == 401
    assert answer.json()["message"].startswith("You've been logged out")
    saved = b_client.post("/journal/new/note/", {**page, "seq": "2", "text": "A's private words"})
    assert saved.status_code == 403
    assert not JournalEntry.objects.exists()
    plan = {**_page_fields(plan_page), "revision": "0", "people": "A's people"}
    assert b_client.post("/help/my-plan/autosave/", plan).status_code == 401
    assert b_client.post("/help/my-plan/edit/", plan).status_code == 403
    assert not SupportPlan.objects.exists()
    # The value that keys the browser's copies is per person and is not the email.
    from selfcare.core.autosave import draft_owner

    assert draft_owner(person) != draft_owner(other_person)
    assert person.email not in draft_owner(person)


@pytest.mark.django_db
def test_every_autosave_answer_is_one_sentence_of_json(person_client):
    page = _open(person_client, "/journal/new/note/")
    answers = [
        person_client.post("/journal/autosave/note/", {**page, "seq": "1", "text": "fine"}),
        person_client.post("/journal/autosave/note/", {**page, "seq": "2", "text": "x" * 2001}),
        Client().post("/journal/autosave/note/", {**page, "seq": "3", "text": "signed out"}),
    ]
    for answer in answers:
        assert answer["Content-Type"] == "application/json"
        body = json.loads(answer.content)
        assert "<" not in body["message"] and len(body["message"]) < 300
