import re
from html import unescape

import pytest
from django.test import Client

from selfcare.checkins.guide import therapy_kinds
from selfcare.checkins.models import SupportPlan
from selfcare.checkins.resources import crisis_resources, regions_for

pytestmark = pytest.mark.django_db

ALL_CODES = [region.code for region in crisis_resources().regions]
SECTIONS = [
    "When self-help isn't enough",
    "Finding a therapist",
    "Kinds of therapy, in plain words",
    "If a medication might be part of it",
]
# SAFETY.md §3.2: words the page must never use.
NEVER_SAY = ["committed suicide", "high risk", "successful attempt", "failed attempt", "unsuccessful attempt"]


def _help_page(client: Client) -> str:
    response = client.get("/help/")
    assert response.status_code == 200
    return response.content.decode()


def _lists(html: str) -> tuple[list[str], list[str]]:
    """Region codes shown at the top, and those inside "Lines in other countries", in order."""
    top, _, rest = html.partition('id="other-countries"')
    others = rest.partition("</details>")[0]
    found = re.compile(r'id="region-([A-Z]+)"')
    return found.findall(top), found.findall(others)


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html)).lower()


def _client_for(person, country: str) -> Client:
    person.country = country
    person.save(update_fields=["country"])
    client = Client()
    client.force_login(person)
    return client


def test_it_shows_the_default_lines_when_signed_out(client):
    top, others = _lists(_help_page(client))
    assert top == ["US", "GB", "INTL"]
    assert others == ["CA", "EU"]


def test_it_shows_the_default_lines_when_no_country_is_chosen(person_client):
    html = _help_page(person_client)
    assert _lists(html) == (["US", "GB", "INTL"], ["CA", "EU"])
    assert "Choose your country in" in html


def test_it_puts_the_chosen_country_first_then_the_international_directory(person):
    html = _help_page(_client_for(person, "GB"))
    top, others = _lists(html)
    assert top == ["GB", "INTL"]
    assert others == ["US", "CA", "EU"]
    assert html.index('href="tel:116123"') < html.index("findahelpline.com") < html.index('href="tel:988"')
    assert "These lines follow the country in your" in html


def test_the_emergency_numbers_follow_the_chosen_country(person):
    html = _help_page(_client_for(person, "GB"))
    box = html.partition('<div class="emergency"')[2].partition("</div>")[0]
    assert re.findall(r'href="tel:(\d+)"', box) == ["999", "911", "112"]


def test_a_country_the_content_no_longer_has_gets_the_default_list(person):
    assert [region.code for region in regions_for("ZZ")] == ["US", "GB", "INTL"]
    assert _lists(_help_page(_client_for(person, "ZZ")))[0] == ["US", "GB", "INTL"]


@pytest.mark.parametrize("country", ["", *[code for code in ALL_CODES if code != "INTL"]])
def test_every_region_is_on_the_page_exactly_once(person, country):
    top, others = _lists(_help_page(_client_for(person, country)))
    assert sorted(top + others) == sorted(ALL_CODES)


def test_phone_numbers_are_links_that_call_or_text(client):
    html = _help_page(client)
    for href in ["tel:988", "sms:988", "sms:741741?body=HOME", "tel:116123", "tel:111", "sms:85258", "tel:999"]:
        assert f'href="{href}"' in html
    assert 'href="sms:686868"' in html  # Canada, under "Lines in other countries"


def test_crisis_lines_come_before_everything_about_therapy(client):
    html = _help_page(client)
    last_line = html.index("findahelpline.com")
    assert html.index("call your emergency number") < html.index('href="tel:988"') < last_line
    for heading in SECTIONS:
        assert html.index(heading) > last_line


def test_the_sections_are_there_with_their_headings(client):
    html = _help_page(client)
    headings = [unescape(h) for h in re.findall(r"<h2[^>]*>([^<]+)</h2>", html)]
    for heading in SECTIONS:
        assert heading in headings
    text = _text(html)
    for kind in therapy_kinds():
        assert kind.name.lower() in text
    for words in ["cbt", "dbt", "act", "psychodynamic", "gp or family doctor", "insurance", "first call"]:
        assert words in text
    assert "don't stop or change a medicine on your own" in text.replace("’", "'")
    assert "after you began a medicine or changed a dose" in text


def test_the_last_reviewed_note_names_what_is_unverified(client):
    text = _text(_help_page(client))
    assert "last checked on" in text
    assert "not yet confirmed from a primary source" in text
    assert "shout" in text


def test_the_page_makes_no_third_party_requests(client, person):
    for html in [_help_page(client), _help_page(_client_for(person, "GB"))]:
        assert not re.search(r"""<(script|img|iframe|source|audio|video)\b[^>]*\ssrc=["']?(https?:)?//""", html)
        assert not re.search(r"""<link\b[^>]*\shref=["']?(https?:)?//""", html)
        assert "@import" not in html and "url(http" not in html
        for link in re.findall(r"<a\b[^>]*href=\"https?://[^>]*>", html):
            assert 'rel="noreferrer"' in link, link


@pytest.mark.parametrize("country", ["", "US", "GB", "CA", "EU"])
def test_the_page_follows_safe_messaging(person, country):
    text = _text(_help_page(_client_for(person, country)))
    for phrase in NEVER_SAY:
        assert phrase not in text


def test_therapy_kinds_never_claim_to_treat_or_cure():
    for kind in therapy_kinds():
        words = f"{kind.about} {kind.sessions}".lower()
        assert not re.search(r"\b(treat|treats|cure|cures|heal|heals|diagnos)", words), kind.name


def test_the_support_plan_stays_one_tap_away_for_signed_in_people(person_client, person):
    html = _help_page(person_client)
    # No plan yet: the invitation comes straight after the lines, before other countries and the rest.
    assert (
        html.index("findahelpline.com") < html.index('href="/help/my-plan/"') < html.index("Lines in other countries")
    )
    SupportPlan.objects.create(owner=person)
    html = _help_page(person_client)
    assert "Your support plan" not in html and 'href="/help/my-plan/"' in html
    SupportPlan.objects.filter(owner=person).delete()
    SupportPlan.objects.create(owner=person, warning_signs="I stop answering messages")
    html = _help_page(person_client)
    assert html.index("Your support plan") < html.index("call your emergency number") < html.index("tel:988")
    assert "Open your plan" in html


def test_it_needs_no_login_and_only_reads(client):
    assert client.get("/help/").status_code == 200
    assert client.post("/help/").status_code == 405


def test_it_reads_only_the_session_the_person_and_their_plan(person_client, django_assert_num_queries):
    with django_assert_num_queries(3):
        person_client.get("/help/")
