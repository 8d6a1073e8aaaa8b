"""The Patterns page: every number from a hand-made week of a person in New York, worked out by hand.

The person's "today" is Friday 20 February 2026 (New York is UTC-5 then), so the default range is
the 30 local days 22 January to 20 February. What they have:

before the range (counts only towards the vocabulary's starting value)
    10 Jan 09:00   calm, sad; need rest
    21 Jan 23:30   numb            <- 22 Jan in UTC, but the day before the range locally
in the range
    1 Feb 10:00    calm, hopeful; needs rest, connection
    1 Feb 20:00    can't tell; need rest
    3 Feb 19:00    (grounding finished: its journal entry; feel 2 -> 5, distress 6 -> 3)
    5 Feb 23:30    can't tell, numb; need quiet   <- 6 Feb in UTC, 5 Feb locally
    10 Feb 08:00   sad, lonely, calm; needs connection, rest
    10 Feb 12:00   "Hopeful " (stored untidily; counts as hopeful)
    10 Feb 21:00   (grounding finished: feel 4 -> 4, distress 5 -> 5)   <- 11 Feb in UTC
    10 Feb 22:00   (breath awareness finished: feel 1 -> 3, distress 7 -> 4)   <- 11 Feb in UTC
    12 Feb 09:00   flat, far away; need comfort
never counted: a draft (angry), a deleted entry (joyful), an unfinished session, and everything
of another person (proud; need respect; a finished body scan).

So: 9 entries on 5 of 30 days (1 Feb: 2, 3 Feb: 1, 5 Feb: 1, 10 Feb: 4, 12 Feb: 1); feelings named
most calm 2, hopeful 2, lonely 1, sad 1; needs rest 3, connection 2, comfort 1, quiet 1; vocabulary
2 before the range, 3 from 1 Feb (hopeful), 4 from 10 Feb (lonely); "can't tell" 1 on 1 Feb and 1 on
5 Feb (2 in all); numb 1, flat 1, far away 1, can't tell 2; sessions: feel before 2.3 / after 4 on
average, distress 6 / 4; per day 3 Feb (2, 5, 6, 3) and 10 Feb (2.5, 3.5, 6, 4.5); grounding helped 1
of 2 runs, breath awareness 1 of 1.
"""

from __future__ import annotations

import datetime
import html as html_lib
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from exercises import content, runner
from journal.models import JournalEntry
from selfcare.core import charts
from selfcare.home.pattern_views import _sections, choose_range
from selfcare.home.patterns import Count, DayValue, patterns_for

pytestmark = pytest.mark.django_db

NY = zoneinfo.ZoneInfo("America/New_York")
TODAY = datetime.date(2026, 2, 20)
NOW = datetime.datetime(2026, 2, 20, 12, 0, tzinfo=NY)
START = datetime.date(2026, 1, 22)
FEB = lambda day: datetime.date(2026, 2, day)  # noqa: E731 - a readable shorthand


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=NY)


def entry(owner, when, feelings=(), needs=(), **fields):
    fields.setdefault("kind", JournalEntry.Kind.EVENT_FEELING_NEED)
    return JournalEntry.objects.create(
        owner=owner, feelings=list(feelings), needs=list(needs), created_at=when, **fields
    )


def practice(owner, slug, when, feeling, distress, *, finish=True):
    with time_machine.travel(when, tick=False):
        session = runner.start(owner, content.get(slug))
        session.feeling_before, session.distress_before = feeling[0], distress[0]
        session.feeling_after, session.distress_after = feeling[1], distress[1]
        if finish:
            runner.finish(session)
        else:
            session.save()
    return session


@pytest.fixture
def week(person, other_person):
    person.time_zone = "America/New_York"
    person.save()
    entry(person, at(1, 10, 9), ["calm", "sad"], ["rest"])
    entry(person, at(1, 21, 23, 30), ["numb"])
    entry(person, at(2, 1, 10), ["calm", "hopeful"], ["rest", "connection"], text="A walk by the river.")
    entry(person, at(2, 1, 20), ["can't tell"], ["rest"])
    entry(person, at(2, 5, 23, 30), ["can't tell", "numb"], ["quiet"])
    entry(person, at(2, 10, 8), ["sad", "lonely", "calm"], ["connection", "rest"])
    entry(person, at(2, 10, 12), ["Hopeful "], kind=JournalEntry.Kind.NOTE)
    entry(person, at(2, 12, 9), ["flat", "far away"], ["comfort"])
    entry(person, at(2, 11, 9), ["angry"], ["space"], is_draft=True)
    entry(person, at(2, 11, 10), ["joyful"], ["fun"], deleted_at=at(2, 11, 11))
    practice(person, "grounding", at(2, 3, 19), (2, 5), (6, 3))
    practice(person, "grounding", at(2, 10, 21), (4, 4), (5, 5))
    practice(person, "breath-awareness", at(2, 10, 22), (1, 3), (7, 4))
    practice(person, "grounding", at(2, 11, 9), (0, 9), (9, 0), finish=False)
    entry(other_person, at(2, 11, 9), ["proud"], ["respect"])
    practice(other_person, "body-scan", at(2, 11, 10), (0, 10), (10, 0))
    return person


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def _rows(html: str, table_caption: str) -> list[tuple[str, ...]]:
    """The body rows of the table with this caption (written escaped, as the page writes it), as tuples of cell text."""
    caption = re.escape(escape(table_caption))
    match = re.search(r"<caption>" + caption + r".*?</caption>(.*?)</table>", html, re.S)
    assert match, f"no table captioned {table_caption!r}"
    body = match.group(1).split("<tbody>")[1]
    return [
        tuple(_text(cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


# --- the numbers ---------------------------------------------------------------------------------


def test_it_counts_every_pattern_in_the_persons_own_days(week):
    with time_machine.travel(NOW, tick=False):
        data = patterns_for(week, START, TODAY)
    assert (data.start, data.end, data.day_count) == (START, TODAY, 30)
    assert data.entries == 9
    written = {item.day: item.value for item in data.written if item.value}
    assert written == {FEB(1): 2, FEB(3): 1, FEB(5): 1, FEB(10): 4, FEB(12): 1}
    assert data.days_written == 5
    assert len(data.written) == 30 and data.written[0] == DayValue(START, 0)
    assert data.feelings == (Count("calm", 2), Count("hopeful", 2), Count("lonely", 1), Count("sad", 1))
    assert data.needs == (Count("rest", 3), Count("connection", 2), Count("comfort", 1), Count("quiet", 1))

    assert data.vocabulary_before == 2
    vocabulary = {item.day: item.value for item in data.vocabulary}
    assert vocabulary[START] == 2 and vocabulary[datetime.date(2026, 1, 31)] == 2
    assert vocabulary[FEB(1)] == 3 and vocabulary[FEB(9)] == 3
    assert vocabulary[FEB(10)] == 4 and vocabulary[TODAY] == 4
    assert data.vocabulary_now == 4
    assert data.new_words == ("hopeful", "lonely")

    cant_tell = {item.day: item.value for item in data.cant_tell}
    assert len(cant_tell) == 30, "every day has a value, 0 included: it is a series, not missing data"
    assert {day: value for day, value in cant_tell.items() if value} == {FEB(1): 1, FEB(5): 1}
    assert cant_tell[FEB(6)] == 0, "23:30 in New York is still the 5th"
    assert data.cant_tell_total == 2
    assert data.unnamed == (Count("numb", 1), Count("flat", 1), Count("far away", 1), Count("can't tell", 2))

    assert [(s.day, s.exercise, s.feeling_before, s.feeling_after) for s in data.sessions] == [
        (FEB(3), "grounding", 2, 5),
        (FEB(10), "grounding", 4, 4),
        (FEB(10), "breath-awareness", 1, 3),
    ]
    assert data.sessions[0].title == "Grounding: back to the room"
    assert (data.mean("feeling_before"), data.mean("feeling_after")) == (2.3, 4.0)
    assert (data.mean("distress_before"), data.mean("distress_after")) == (6.0, 4.0)
    by_day = {
        d.day: (d.sessions, d.feeling_before, d.feeling_after, d.distress_before, d.distress_after)
        for d in data.session_days
    }
    assert by_day == {FEB(3): (1, 2, 5, 6, 3), FEB(10): (2, 2.5, 3.5, 6, 4.5)}
    assert [(e.exercise, e.title, e.helped, e.runs) for e in data.helped] == [
        ("grounding", "Grounding: back to the room", 1, 2),
        ("breath-awareness", "Breath awareness", 1, 1),
    ]


def test_it_takes_three_queries_however_much_there_is(week):
    with CaptureQueriesContext(connection) as queries:
        patterns_for(week, START, TODAY)
    assert len(queries) == 3


def test_a_single_day_uses_the_local_day_boundaries(week):
    data = patterns_for(week, FEB(5), FEB(5))
    assert data.entries == 1
    assert data.cant_tell == (DayValue(FEB(5), 1),)
    assert data.unnamed[0] == Count("numb", 1)
    # The 23:30 entry on the 21st of January is in UTC's 22nd, not in the person's.
    data = patterns_for(week, START, START)
    assert data.entries == 0 and data.unnamed[0] == Count("numb", 0)


def test_the_top_lists_stop_at_ten(person):
    words = ["calm", "sad", "happy", "angry", "proud", "lonely", "hopeful", "tired", "safe", "joyful", "bored", "hurt"]
    for index, word in enumerate(words):
        entry(person, timezone.now() - datetime.timedelta(minutes=index), [word] * 2 + ["calm"], [word])
    choice = choose_range({}, person.local_now().date())
    data = patterns_for(person, choice.start, choice.end)
    assert len(data.feelings) == 10 and data.feelings[0] == Count("calm", 12)
    assert len(data.needs) == 10


# --- the page ------------------------------------------------------------------------------------


def _page(client, query: str = "") -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get("/patterns/" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_every_number_with_a_described_chart_and_a_table(week, person_client):
    html = _page(person_client)
    text = _text(html)
    assert "22 January 2026 to 20 February 2026" in text and "30 days" in text
    assert 'value="30" checked' in html
    # Every chart: an SVG image named by its <title> and described by its <desc>, then a table.
    svgs = re.findall(r'<svg class="chart [^"]*"[^>]*role="img" aria-labelledby="([\w-]+)-title \1-desc"', html)
    assert svgs == [
        "days-chart",
        "feelings-chart",
        "vocabulary-chart",
        "cant-tell-chart",
        "unnamed-chart",
        "needs-chart",
        "feeling-chart",
        "distress-chart",
        "helped-chart",
    ]
    for name in svgs:
        assert re.search(rf'<title id="{name}-title">[^<]+</title>', html), name
        assert re.search(rf'<desc id="{name}-desc">[^<]+</desc>', html), name
    assert html.count("<summary>Show as a table") == 9
    assert html.count("<table>") == 9 and html.count("<caption>") == 9

    assert "You wrote on 5 of 30 days, from 22 January 2026 to 20 February 2026: 9 entries in all." in text
    days = dict(_rows(html, "Days you wrote, day by day"))
    assert len(days) == 30
    assert days["Sun 1 Feb 2026"] == "2" and days["Thu 5 Feb 2026"] == "1" and days["Fri 6 Feb 2026"] == "0"
    assert days["Tue 10 Feb 2026"] == "4" and days["Thu 12 Feb 2026"] == "1"
    assert sum(int(value) for value in days.values()) == 9

    assert "calm, 2 times; hopeful, 2 times; lonely, once; sad, once." in text
    assert _rows(html, "Feelings you named most") == [("calm", "2"), ("hopeful", "2"), ("lonely", "1"), ("sad", "1")]
    assert _rows(html, "Needs you wrote most") == [("rest", "3"), ("connection", "2"), ("comfort", "1"), ("quiet", "1")]

    assert "You have used 4 different feeling words, 2 of them new in these days." in text
    assert "Before 22 January 2026 you had used 2; by 20 February 2026, 4, with 2 new words: hopeful, lonely." in text
    vocabulary = dict(_rows(html, "Different feeling words used so far"))
    assert (vocabulary["Thu 22 Jan 2026"], vocabulary["Sun 1 Feb 2026"], vocabulary["Tue 10 Feb 2026"]) == (
        "2",
        "3",
        "4",
    )

    assert "You gave it in 2 entries." in text
    assert "2 in all, on 2 days; the most on one day was 1, on 1 February 2026." in text
    cant_tell = dict(_rows(html, "Entries with “can't tell”, day by day"))
    assert len(cant_tell) == 30
    assert {day: n for day, n in cant_tell.items() if n != "0"} == {"Sun 1 Feb 2026": "1", "Thu 5 Feb 2026": "1"}
    assert _rows(html, "Entries with each answer for a feeling without a name") == [
        ("numb", "1"),
        ("flat", "1"),
        ("far away", "1"),
        ("can't tell", "2"),
    ]

    assert "On average 2.3 before and 4 after, out of 10 (0 is nothing at all)." in text
    assert "On average 6 before and 4 after, out of 10 (0 is no distress)." in text
    assert "On average how much you could feel was 2.3 before and 4 after." in text
    assert _rows(html, "How much you could feel, before and after, each finished exercise") == [
        ("Tue 3 Feb, 19:00", "Grounding: back to the room", "2", "5"),
        ("Tue 10 Feb, 21:00", "Grounding: back to the room", "4", "4"),
        ("Tue 10 Feb, 22:00", "Breath awareness", "1", "3"),
    ]
    assert _rows(html, "Distress, before and after, each finished exercise") == [
        ("Tue 3 Feb, 19:00", "Grounding: back to the room", "6", "3"),
        ("Tue 10 Feb, 21:00", "Grounding: back to the room", "5", "5"),
        ("Tue 10 Feb, 22:00", "Breath awareness", "7", "4"),
    ]
    assert _rows(html, "Exercises that helped you feel more") == [
        ("Grounding: back to the room", "1", "2"),
        ("Breath awareness", "1", "1"),
    ]
    assert "Grounding: back to the room, 1 of 2 times; Breath awareness, 1 of 1 time." in text
    assert ">1 of 2</text>" in html and ">1 of 1</text>" in html


def test_each_card_comes_from_data_and_chooses_its_own_empty_sentence(week):
    with time_machine.travel(NOW, tick=False):
        month = _sections(patterns_for(week, START, TODAY))
        one_day = _sections(patterns_for(week, FEB(10), FEB(10)))  # written, but no unnamed answer
        quiet = _sections(patterns_for(week, FEB(14), TODAY))  # nothing written, nothing practised
    assert [card.heading_id for card in month] == [
        "days-heading",
        "feelings-heading",
        "vocabulary-heading",
        "cant-tell-heading",
        "unnamed-heading",
        "needs-heading",
        "feeling-heading",
        "distress-heading",
        "helped-heading",
    ]
    assert all(isinstance(card, charts.ChartSection) and not card.empty for card in month)
    feelings = month[1]
    assert (feelings.kind, feelings.columns) == ("bars", ("Feeling", "Entries"))
    assert feelings.rows == (("calm", 2), ("hopeful", 2), ("lonely", 1), ("sad", 1))
    assert str(month[0].note) == "You wrote on <strong>5</strong> of 30 days."
    assert month[7].rows[0][2:] == (6, 3) and month[8].rows == (
        ("Grounding: back to the room", 1, 2),
        ("Breath awareness", 1, 1),
    )

    unnamed = {card.heading_id: card.empty for card in one_day}["unnamed-heading"]
    assert unnamed == "None of your entries in these days used numb, flat, far away or can't tell."
    empty = {card.heading_id: card.empty for card in quiet}
    assert empty["unnamed-heading"].startswith("Nothing written in these days yet. Numb, flat")
    assert empty["vocabulary-heading"] == ""  # the words used before still stand
    assert empty["helped-heading"] == (
        'No finished exercises with ratings in these days. <a href="/exercises/">The exercises</a> are here '
        "whenever you'd like one."
    )


def test_every_chart_card_is_drawn_by_one_component(week, person_client):
    """Patterns, Trends and the shared page draw their chart cards with components/chart_section.html only."""
    with time_machine.travel(NOW, tick=False):
        response = person_client.get("/patterns/")
    used = [template.name for template in response.templates]
    assert used.count("components/chart_section.html") == 9
    drawing = sorted(
        str(path.relative_to(settings.BASE_DIR / "templates"))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if 'class="card chart-card"' in path.read_text()
    )
    assert drawing == ["components/chart_section.html"]


def test_the_page_has_no_inline_style_and_links_its_own_print_stylesheet(week, person_client):
    html = _page(person_client)
    assert '<link rel="stylesheet" href="/static/css/patterns.css">' in html
    assert " style=" not in html and "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_seven_days_and_a_custom_range(week, person_client):
    html = _page(person_client, "?range=7")
    text = _text(html)
    assert "14 February 2026 to 20 February 2026" in text and 'value="7" checked' in html
    # Nothing written in those days: a kind word instead of each chart, but the vocabulary
    # (every word used before) still stands, flat at 4.
    assert re.findall(r'<svg class="chart [^"]*"', html) == ['<svg class="chart chart-lines"']
    assert html.count('class="chart-empty"') == 8
    assert "Nothing written in these days yet." in text
    assert "Before 14 February 2026 you had used 4; by 20 February 2026, 4, with no new words in these days." in text

    html = _page(person_client, "?range=custom&start=2026-02-05&end=2026-02-05")
    text = _text(html)
    assert "5 February 2026 to 5 February 2026 · 1 day" in text and 'value="custom" checked' in html
    assert "You wrote on 1 of 1 day" in text
    assert dict(_rows(html, "Entries with “can't tell”, day by day")) == {"Thu 5 Feb 2026": "1"}


def test_a_range_picked_by_date_ignores_stale_dates_with_a_fixed_range(week, person_client):
    # The form always sends both date fields; with "7 days" chosen they don't matter, even broken.
    html = _page(person_client, "?range=7&start=banana&end=")
    assert "14 February 2026 to 20 February 2026" in _text(html)
    assert 'role="alert"' not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?start=banana", "“banana” isn't a date we can read."),
        ("?start=2026-13-40", "“2026-13-40” isn't a real date."),
        ("?range=custom&start=2026-02-30&end=2026-03-01", "“2026-02-30” isn't a real date."),
        ("?range=custom&start=2021-01-01&end=2026-01-01", "That's more than 366 days."),
        ("?range=custom&start=2025-02-19&end=2026-02-20", "That's more than 366 days."),  # 367
        ("?range=999", "We don't know that range."),
        ("?range=custom", "Please choose a start date."),
        ("?range=custom&start=2026-02-01", "Please choose an end date."),
        ("?range=custom&start=2026-02-10&end=2026-02-01", "The start date is after the end date."),
        ("?range=custom&start=0001-01-01&end=0001-01-02", "Please choose dates between 1 January 2000 and today."),
        ("?range=custom&start=9999-12-31&end=9999-12-31", "Please choose dates between 1 January 2000 and today."),
        ("?range=custom&start=2026-02-01&end=2026-02-21", "Please choose dates between 1 January 2000 and today."),
        ("?start=" + "9" * 500, "isn't a date we can read."),
        ("?start=2026-02-01%00", "isn't a date we can read."),
    ],
)
def test_bad_ranges_get_a_clear_message_and_the_last_30_days(week, person_client, query, message):
    html = _page(person_client, query)
    text = _text(html)
    assert message in text
    assert "Showing the last 30 days instead." in text
    assert '<p class="notice notice-error" role="alert" id="range-problem">' in html
    assert "22 January 2026 to 20 February 2026" in text
    assert "You wrote on 5 of 30 days" in text


_DATEISH = st.one_of(st.text(max_size=30), st.dates().map(str), st.just(""))


@given(range_=st.one_of(st.sampled_from(["", "7", "30", "custom"]), st.text(max_size=8)), start=_DATEISH, end=_DATEISH)
def test_any_query_string_gives_a_usable_range(range_, start, end):
    choice = choose_range({"range": range_, "start": start, "end": end}, TODAY)
    assert choice.start <= choice.end <= TODAY
    assert (choice.end - choice.start).days < 366
    assert choice.range in {"7", "30", "custom"}
    if choice.problem:
        assert (choice.range, choice.start, choice.end) == ("30", START, TODAY)
        assert choice.problem.endswith("Showing the last 30 days instead.")
    elif range_ in {"7", "30"}:
        assert (choice.end - choice.start).days + 1 == int(range_)


def test_a_full_year_is_allowed(week, person_client):
    html = _page(person_client, "?range=custom&start=2025-02-20&end=2026-02-20")
    text = _text(html)
    assert "366 days" in text and 'role="alert"' not in html
    assert "You wrote on 7 of 366 days" in text  # 10 and 21 January too
    assert '<svg class="chart chart-days is-months"' in html


def test_the_page_never_shows_another_persons_data(week, person_client, other_person):
    html = _page(person_client, "?range=custom&start=2026-02-11&end=2026-02-11")
    for theirs in ("proud", "respect", "Body scan", "joyful", "angry"):
        assert theirs not in html
    html = _page(person_client)
    for theirs in ("proud", "respect", "Body scan"):
        assert theirs not in html
    # And theirs shows only theirs.
    client = Client()
    client.force_login(other_person)
    html = _page(client, "?range=custom&start=2026-02-11&end=2026-02-11")
    assert "proud" in html and "respect" in html and "Body scan" in html
    assert "calm" not in html and "Grounding" not in html


def _bulk(person, count: int) -> None:
    words = ["calm", "sad", "can't tell", "lonely", "hopeful", "numb", "proud", "safe"]
    JournalEntry.objects.bulk_create(
        JournalEntry(
            owner=person,
            kind=JournalEntry.Kind.NOTE,
            feelings=[words[i % len(words)], words[(i * 3) % len(words)]],
            needs=["rest"] if i % 2 else ["connection"],
            text=f"entry {i}",
            created_at=NOW - datetime.timedelta(hours=3 * i),
        )
        for i in range(count)
    )
    for i in range(count // 20):
        practice(person, "grounding", NOW - datetime.timedelta(days=i, hours=1), (i % 10, 5), (5, i % 10))


@pytest.mark.parametrize("count", [5, 200])
def test_the_page_takes_the_same_queries_for_5_or_200_entries(
    person, person_client, count, django_assert_max_num_queries
):
    """Guards an N+1 per entry or per session: 2 for the session and user, 3 for the patterns."""
    _bulk(person, count)
    with django_assert_max_num_queries(5), time_machine.travel(NOW, tick=False):
        response = person_client.get("/patterns/?range=30")
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries, time_machine.travel(NOW, tick=False):
        person_client.get("/patterns/?range=custom&start=2025-02-20&end=2026-02-20")
    assert len(queries) == 5


def test_the_page_needs_a_login_and_only_reads(person_client):
    response = Client().get("/patterns/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert person_client.post("/patterns/").status_code == 405


# --- the chart builders --------------------------------------------------------------------------


def test_the_count_scale_is_whole_and_even():
    assert charts.count_scale(0) == (4, [0, 1, 2, 3, 4])
    assert charts.count_scale(1) == (4, [0, 1, 2, 3, 4])
    assert charts.count_scale(5) == (5, [0, 1, 2, 3, 4, 5])
    assert charts.count_scale(9) == (10, [0, 2, 4, 6, 8, 10])
    assert charts.count_scale(11) == (15, [0, 5, 10, 15])
    assert charts.count_scale(37) == (40, [0, 10, 20, 30, 40])
    assert charts.count_scale(180) == (200, [0, 50, 100, 150, 200])


def test_the_chart_builders_handle_the_edges():
    assert charts.num(-0.01) == "0" and charts.num(12.0) == "12" and charts.num(2.345) == "2.3"
    middle = charts.num((charts.PLOT_LEFT + charts.PLOT_RIGHT) / 2)
    one_day = charts.line_chart([FEB(1)], [charts.SeriesSpec("main", "x", {FEB(1): 3})])
    assert one_day.series[0].points[0].x == middle
    assert [tick.label for tick in one_day.y_ticks] == ["0", "1", "2", "3", "4"]
    # A missing day is left out of the line; the points sit in the middle of their day's slot.
    rated = charts.line_chart([FEB(1), FEB(2)], [charts.SeriesSpec("a", "x", {FEB(2): 10, FEB(1): None})], y_max=10)
    slot = (charts.PLOT_RIGHT - charts.PLOT_LEFT) / 2
    assert rated.series[0].path == f"M{charts.num(charts.PLOT_RIGHT - slot / 2)} {charts.num(charts.PLOT_TOP)}"
    assert [tick.label for tick in rated.y_ticks] == ["0", "5", "10"]
    # Columns: a 0 is a counted stub, not a gap.
    counts = charts.line_chart([FEB(1), FEB(2)], [charts.SeriesSpec("c", "x", {FEB(1): 0, FEB(2): 8}, columns=True)])
    zero, two = counts.series[0].columns
    assert zero.zero and zero.height == "2" and not two.zero and two.y == charts.num(charts.PLOT_TOP)
    assert counts.series[0].path == "" and not counts.series[0].markers
    dense = charts.line_chart(
        [START + datetime.timedelta(days=i) for i in range(30)],
        [charts.SeriesSpec("d", "x", {START + datetime.timedelta(days=i): i for i in range(30)})],
    )
    assert not dense.series[0].markers
    bars = charts.bar_chart([("a", 0), ("b", 1), ("c", 100)])
    assert [bar.width for bar in bars.bars] == ["0", "4", bars.track]
    shares = charts.bar_chart([("a", 1), ("b", 0)], maxima=[2, 0], texts=["1 of 2", "0 of 0"])
    assert shares.bars[0].width == charts.num((charts.WIDTH - charts.BAR_TEXT_ROOM) / 2)
    assert shares.bars[1].width == "0"
    week = charts.day_strip([(FEB(d), d % 2 == 0) for d in range(1, 8)])  # Sunday 1st to Saturday 7th
    assert week.layout == "weeks" and week.cells[0].x == charts.num(6 * (charts.WEEK_CELL + charts.WEEK_GAP))
    assert [cell.day.day for cell in week.cells if cell.filled] == [2, 4, 6]
    assert week.height == charts.WEEK_HEAD + 2 * (charts.WEEK_CELL + charts.WEEK_GAP) - charts.WEEK_GAP
    year = charts.day_strip([(START + datetime.timedelta(days=i), False) for i in range(366)])
    assert year.layout == "months" and len(year.columns) == 13 and year.columns[0].label == "Jan"
    assert [tick.label for tick in year.years] == ["2026", "2027"]
    assert year.width <= charts.WIDTH + 20, "a year fits a phone"
