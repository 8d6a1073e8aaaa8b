"""SAFETY.md §4.5: the person is told in the app when a share link is first opened."""

import datetime

import pytest
from django.utils import timezone

from selfcare.sharing import links
from selfcare.sharing.models import ShareLink, ShareView

pytestmark = pytest.mark.django_db


def a_link(owner, label="Dr. Rivera") -> ShareLink:
    today = owner.local_today()
    return ShareLink.objects.create(
        owner=owner, label=label, start_date=today - datetime.timedelta(days=30), end_date=today,
        expires_at=timezone.now() + datetime.timedelta(days=14), token_hash=label.encode().hex().ljust(64, "0")[:64],
    )  # fmt: skip


def test_today_says_when_a_link_is_first_opened_until_read(person_client, person, other_person):
    link = a_link(person)
    theirs = a_link(other_person, "Dr. Other")
    assert "Your share link was opened" not in person_client.get("/today/").content.decode()
    ShareView.objects.create(link=link, device="Firefox on Windows")
    ShareView.objects.create(link=link, device="Firefox on Windows")
    ShareView.objects.create(link=theirs, device="Safari on iPhone")
    page = person_client.get("/today/").content.decode()
    assert "The link for Dr. Rivera was first opened" in page and "Dr. Other" not in page
    assert person_client.post("/settings/sharing/openings-seen/").status_code == 302
    assert "Your share link was opened" not in person_client.get("/today/").content.decode()
    assert links.first_openings(other_person)[0].label == "Dr. Other"  # theirs is untouched
