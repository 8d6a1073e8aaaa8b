"""Every link ends when the password changes or is reset, and goes with a deleted account (SAFETY.md §4.5)."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from selfcare.accounts.deletion import data_summary, delete_account
from selfcare.sharing.models import ShareLink
from tests.conftest import PASSWORD
from tests.sharing.conftest import make_link


def test_changing_the_password_ends_every_link(person_client, person, other_person, client):
    _, first = make_link(person)
    _, second = make_link(person, label="Dr. Okafor")
    _, theirs = make_link(other_person)
    response = person_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "a-new-long-phrase-77", "new_password2": "a-new-long-phrase-77"},
    )
    assert response.status_code == 302
    assert not ShareLink.objects.filter(owner=person, revoked_at__isnull=True).exists()
    assert client.get(f"/s/{first}").status_code == 404
    assert client.get(f"/s/{second}").status_code == 404
    assert client.get(f"/s/{theirs}").status_code == 302  # someone else's link is untouched


def test_resetting_the_password_ends_every_link(client, person):
    make_link(person)
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    landing = client.get(f"/accounts/password/reset/{uid}/{token}/", follow=True)
    client.post(
        landing.redirect_chain[-1][0],
        {"new_password1": "reset-phrase-river-9", "new_password2": "reset-phrase-river-9"},
    )
    assert not ShareLink.objects.filter(revoked_at__isnull=True).exists()


def test_logging_in_or_saving_settings_keeps_links(client, person):
    make_link(person)
    response = client.post("/accounts/login/", {"username": person.email, "password": PASSWORD})
    assert response.status_code == 302
    person.time_zone = "Europe/Paris"
    person.save()
    assert ShareLink.objects.filter(revoked_at__isnull=True).count() == 1


def test_deleting_the_account_ends_and_removes_every_link(client, person):
    _, token = make_link(person)
    assert any(kind.name == "therapist share link" for kind in data_summary(person))
    delete_account(person)
    assert ShareLink.objects.count() == 0
    assert client.get(f"/s/{token}").status_code == 404


def test_the_export_lists_links_and_openings_without_tokens(person_client, person, client):
    link, token = make_link(person)
    client.get(f"/s/{token}", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0")
    body = person_client.get("/export/thaw.json").content.decode()
    assert '"label": "Dr. Rivera"' in body and "Firefox on Linux" in body
    assert token not in body and link.token_hash not in body
