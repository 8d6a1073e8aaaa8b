"""The person's side: create with a preview, the link shown once, list, edit, revoke; only their own links."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from journal.models import JournalEntry
from selfcare.sharing.models import ShareLink, ShareView
from tests.sharing.conftest import make_entry, make_link, open_link


def form_data(person, **overrides):
    today = person.local_today()
    data = {
        "label": "Dr. Rivera",
        "shown_name": "Sam",
        "include_trends": "on",
        "include_plan": "on",
        "journal": "all",
        "start_date": (today - datetime.timedelta(days=13)).isoformat(),
        "end_date": today.isoformat(),
        "expires_in_days": "14",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def create(person_client, data):
    """Preview, then press "Create the link" on the preview, as the page does."""
    preview = person_client.post("/settings/sharing/new/", {**data, "action": "preview"}).content.decode()
    once = re.search(r'name="once" value="([0-9a-f]+)"', preview).group(1)
    return person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": once})


def test_settings_links_to_sharing(person_client):
    assert 'href="/settings/sharing/"' in person_client.get("/accounts/settings/").content.decode()


def test_the_form_starts_with_journal_text_kept_private(person_client):
    html = person_client.get("/settings/sharing/new/").content.decode()
    assert re.search(r'<input type="radio" name="journal" value="none"[^>]*checked', html)
    assert re.search(r'name="expires_in_days" value="14"', html)
    assert re.search(r'name="include_trends"[^>]*checked', html)


def test_preview_shows_exactly_what_will_be_shared_and_creates_nothing(person_client, person, other_person):
    make_entry(person, text="Mine, in range.")
    make_entry(person, text="Mine, too old.", days_ago=40)
    make_entry(person, text="A draft.", is_draft=True)
    make_entry(other_person, text="Someone else's.")
    response = person_client.post("/settings/sharing/new/", form_data(person, action="preview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is what Dr. Rivera will see" in html
    assert "Mine, in range." in html
    assert "Mine, too old." not in html and "A draft." not in html and "Someone else&#x27;s." not in html
    assert ShareLink.objects.count() == 0
    assert 'name="action" value="create"' in html and 'value="Dr. Rivera"' in html


def test_creating_shows_the_link_once_without_putting_it_in_an_address(person_client, person, client):
    response = create(person_client, form_data(person))
    assert response.status_code == 200  # rendered in the POST's response: no redirect carries it
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    url = re.search(r'id="share-url" value="([^"]+)"', html).group(1)
    token = url.rsplit("/s/", 1)[1]
    link = ShareLink.objects.get()
    assert link.owner == person and link.label == "Dr. Rivera" and link.journal == "all"
    assert 14 * 86400 - 60 < (link.expires_at - timezone.now()).total_seconds() <= 14 * 86400
    assert "<svg" in html and 'class="qr"' in html  # the QR code, inline
    assert "style=" not in html.split("<main", 1)[1]
    # The list never shows it again.
    listing = person_client.get("/settings/sharing/").content.decode()
    assert token not in listing and "Dr. Rivera" in listing
    assert open_link(client, token).status_code == 200


def _shown_url(response) -> str:
    shown = re.search(r'id="share-url" value="([^"]+)"', response.content.decode())
    assert shown is not None
    return shown.group(1)


def test_one_preview_makes_at_most_one_link(person_client, person):
    data = form_data(person)
    preview = person_client.post("/settings/sharing/new/", {**data, "action": "preview"}).content.decode()
    once = re.search(r'name="once" value="([0-9a-f]+)"', preview).group(1)
    first = person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": once})
    again = person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": once})
    # A browser shows the answer to the last press: right after, it shows the same link.
    assert first.status_code == again.status_code == 200
    assert _shown_url(first) == _shown_url(again)
    assert ShareLink.objects.count() == 1
    # Later (the short keep is over), a refresh of the preview says calmly that it was made.
    cache.clear()
    later = person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": once})
    assert later.status_code == 302 and ShareLink.objects.count() == 1
    assert "already created" in person_client.get(later["Location"]).content.decode()
    forged = person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": "0" * 32})
    assert forged.status_code == 302 and ShareLink.objects.count() == 1


def test_two_presses_at_once_make_one_link(person_client, person):
    """The second press read the session before the first one saved it, so it still holds the key."""
    data = form_data(person)
    preview = person_client.post("/settings/sharing/new/", {**data, "action": "preview"}).content.decode()
    once = re.search(r'name="once" value="([0-9a-f]+)"', preview).group(1)
    as_read_by_both = dict(person_client.session.items())
    first = person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": once})
    session = person_client.session
    session.update(as_read_by_both)  # the second press saves what it read, the key still unused
    session.save()
    second = person_client.post("/settings/sharing/new/", {**data, "action": "create", "once": once})

    assert ShareLink.objects.count() == 1
    assert ShareLink.objects.get().create_key == once
    assert first.status_code == second.status_code == 200
    assert _shown_url(first) == _shown_url(second)


def test_the_link_is_built_from_the_site_address_not_the_requests_host(person_client, person, settings):
    settings.SITE_URL = "https://thaw.example"
    settings.ALLOWED_HOSTS = ["*"]
    data = form_data(person)
    preview = person_client.post("/settings/sharing/new/", {**data, "action": "preview"}, HTTP_HOST="evil.example")
    once = re.search(r'name="once" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    response = person_client.post(
        "/settings/sharing/new/", {**data, "action": "create", "once": once}, HTTP_HOST="evil.example"
    )
    url = _shown_url(response)
    assert url.startswith("https://thaw.example/s/")
    assert "evil.example" not in response.content.decode()


def test_nothing_typed_is_lost_on_a_validation_error(person_client, person):
    data = form_data(person, action="preview", label="Dr. Rivera", expires_in_days="120", journal="kinds")
    data["end_date"], data["start_date"] = data["start_date"], data["end_date"]
    response = person_client.post("/settings/sharing/new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and ShareLink.objects.count() == 0
    assert "A link can stay open for at most 90 days." in html
    assert "The last day needs to be on or after the first day." in html
    assert "Please tick at least one kind of entry" in html
    assert 'value="Dr. Rivera"' in html and 'value="Sam"' in html and 'value="120"' in html
    assert re.search(r'value="kinds"[^>]*checked', html)


def test_it_needs_something_to_share(person_client, person):
    data = form_data(person, action="preview", journal="none", include_trends=None, include_plan=None)
    html = person_client.post("/settings/sharing/new/", data).content.decode()
    assert "Please choose at least one thing to share." in html


def test_picked_entries_can_only_be_the_persons_own(person_client, person, other_person):
    theirs = make_entry(other_person, text="Not yours to pick.")
    mine = make_entry(person, text="Picked.")
    data = form_data(person, action="create", journal="picked")
    data["picked_entries"] = [str(theirs.pk)]
    html = person_client.post("/settings/sharing/new/", data).content.decode()
    assert "no longer in your journal" in html and ShareLink.objects.count() == 0
    data["picked_entries"] = [str(mine.pk)]
    create(person_client, data)
    assert ShareLink.objects.get().picked_entry_ids == [mine.pk]


def test_the_list_shows_scope_expiry_and_openings(person_client, person, client):
    link, token = make_link(person, journal=ShareLink.Journal.KINDS, journal_kinds=(JournalEntry.Kind.NOTE,))
    open_link(client, token)
    ShareView.objects.update(device="Firefox on Windows")
    html = person_client.get("/settings/sharing/").content.decode()
    assert "Dr. Rivera" in html and "Journal entries: note" in html
    assert "Last opened" in html and "Firefox on Windows" in html and "opened 1 time" in html


def test_it_edits_the_label_and_only_shortens(person_client, person):
    link, _ = make_link(person, days=10)
    before = link.expires_at
    response = person_client.post(f"/settings/sharing/{link.code}/edit/", {"label": "Dr. R", "shorten_to_days": "3"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.label == "Dr. R" and link.expires_at < before
    assert abs((link.expires_at - timezone.now()) - datetime.timedelta(days=3)) < datetime.timedelta(minutes=1)
    # Longer than what is left is not on offer.
    response = person_client.post(f"/settings/sharing/{link.code}/edit/", {"label": "Dr. R", "shorten_to_days": "30"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    link.refresh_from_db()
    assert (link.expires_at - timezone.now()) < datetime.timedelta(days=3)


def test_it_revokes_after_a_confirmation(person_client, person, client):
    link, token = make_link(person)
    confirm = person_client.get(f"/settings/sharing/{link.code}/revoke/")
    assert "End the link for Dr. Rivera?" in confirm.content.decode()
    assert ShareLink.objects.get().revoked_at is None
    response = person_client.post(f"/settings/sharing/{link.code}/revoke/")
    assert response.status_code == 302
    assert ShareLink.objects.get().revoked_at is not None
    assert client.get(f"/s/{token}").status_code == 404


@pytest.mark.parametrize("action", ["edit", "revoke"])
def test_another_persons_link_is_not_found(client, person, other_person, action):
    link, token = make_link(person)
    client.force_login(other_person)
    assert client.get(f"/settings/sharing/{link.code}/{action}/").status_code == 404
    assert client.post(f"/settings/sharing/{link.code}/{action}/", {"label": "Mine now"}).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None and link.label == "Dr. Rivera"
    assert "Dr. Rivera" not in client.get("/settings/sharing/").content.decode()


def test_the_pages_need_a_login(client, person):
    link, _ = make_link(person)
    for path in ("/settings/sharing/", "/settings/sharing/new/", f"/settings/sharing/{link.code}/revoke/"):
        assert client.get(path).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_real_presses_at_the_same_moment_make_one_link(person):
    """Two requests in two threads on two database connections, released together."""
    import threading

    from django.db import connection
    from django.test import Client

    first = Client()
    first.force_login(person)
    data = form_data(person)
    preview = first.post("/settings/sharing/new/", {**data, "action": "preview"}).content.decode()
    once = re.search(r'name="once" value="([0-9a-f]+)"', preview).group(1)
    second = Client()
    second.cookies = first.cookies  # the same browser, the same session
    start = threading.Barrier(2)
    answers = []

    def press(client):
        try:
            start.wait(timeout=30)
            answers.append(client.post("/settings/sharing/new/", {**data, "action": "create", "once": once}))
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(client,)) for client in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert ShareLink.objects.count() == 1
    assert [answer.status_code for answer in answers] == [200, 200]
    assert _shown_url(answers[0]) == _shown_url(answers[1])
