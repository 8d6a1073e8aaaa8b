"""The settings sections that feed the Get help page and the follow-up emails."""

import re

import pytest

pytestmark = pytest.mark.django_db

SETTINGS = "/accounts/settings/"


def test_it_shows_the_crisis_lines_and_email_sections(person_client):
    html = person_client.get(SETTINGS).content.decode()
    assert ">Crisis lines</h2>" in html and ">Email from Thaw</h2>" in html
    assert '<option value="GB">United Kingdom</option>' in html
    assert "Email me a short note when there&#x27;s something for me in Thaw" in html
    assert "never says why" in html and "never contains scores or anything you wrote" in html
    checkbox = re.search(r'<input type="checkbox" name="email_followups"[^>]*>', html).group()
    assert "checked" not in checkbox  # off until chosen


def test_it_saves_the_country_and_the_help_page_follows_it(person_client, person):
    response = person_client.post(SETTINGS, {"section": "crisis_lines", "country": "GB"})
    assert response["Location"] == SETTINGS
    person.refresh_from_db()
    assert person.country == "GB"
    assert "shows the lines for United Kingdom first" in person_client.get(SETTINGS).content.decode()
    assert '<option value="GB" selected>' in person_client.get(SETTINGS).content.decode()
    help_page = person_client.get("/help/").content.decode()
    assert help_page.index('id="region-GB"') < help_page.index('id="region-INTL"') < help_page.index('id="region-US"')


def test_it_goes_back_to_the_default_list(person_client, person):
    person.country = "CA"
    person.save()
    person_client.post(SETTINGS, {"section": "crisis_lines", "country": ""})
    person.refresh_from_db()
    assert person.country == ""
    assert "the US, the UK and anywhere else" in person_client.get(SETTINGS).content.decode()


@pytest.mark.parametrize("country", ["XX", "INTL", "gb", "GB<script>", "x" * 50])
def test_an_unknown_country_is_explained_and_nothing_is_saved(person_client, person, country):
    person.country = "US"
    person.save()
    response = person_client.post(SETTINGS, {"section": "crisis_lines", "country": country})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please choose a country from the list" in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    person.refresh_from_db()
    assert (person.country, person.time_zone, person.email_followups) == ("US", "Europe/London", False)


def test_it_turns_follow_up_emails_on_and_off(person_client, person):
    assert person.email_followups is False
    response = person_client.post(SETTINGS, {"section": "email", "email_followups": "on"})
    assert response["Location"] == SETTINGS
    person.refresh_from_db()
    assert person.email_followups is True
    assert "only asks you to log in" in person_client.get(SETTINGS).content.decode()

    person_client.post(SETTINGS, {"section": "email"})
    person.refresh_from_db()
    assert person.email_followups is False


def test_each_section_saves_only_its_own_field(person_client, person):
    person.country = "GB"
    person.email_followups = True
    person.save()
    person_client.post(SETTINGS, {"section": "email", "country": "US", "time_zone": "Asia/Tokyo"})
    person.refresh_from_db()
    assert (person.country, person.time_zone, person.email_followups) == ("GB", "Europe/London", False)
    person_client.post(SETTINGS, {"section": "crisis_lines", "country": "CA", "time_zone": "Asia/Tokyo"})
    person.refresh_from_db()
    assert (person.country, person.time_zone, person.email_followups) == ("CA", "Europe/London", False)


def test_a_refused_time_zone_leaves_the_other_sections_as_they_were(person_client, person):
    person.country = "GB"
    person.save()
    html = person_client.post(SETTINGS, {"section": "time_zone", "time_zone": "Mars/Olympus_Mons"}).content.decode()
    assert "Please choose a time zone from the list" in html
    assert '<option value="GB" selected>' in html
    assert "Please choose a country" not in html


def test_it_changes_only_the_signed_in_persons_settings(person_client, person, other_person):
    person_client.post(SETTINGS, {"section": "crisis_lines", "country": "EU"})
    person_client.post(SETTINGS, {"section": "email", "email_followups": "on"})
    other_person.refresh_from_db()
    assert (other_person.country, other_person.email_followups) == ("", False)
