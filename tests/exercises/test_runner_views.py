import pytest
from django.test import Client

from exercises import content, runner
from exercises.models import PracticeSession
from journal.models import JournalEntry
from tests.exercises.conftest import answers_for

pytestmark = pytest.mark.django_db


def step_url(session, number):
    return f"/exercises/s/{session.code}/{number}/"


def complete(client, session, before=(2, 3), after=(5, 2, "no")):
    client.post(step_url(session, 0), {"feeling": before[0], "distress": before[1]})
    for number, step in enumerate(runner.steps_of(session), start=1):
        response = client.post(step_url(session, number), answers_for(step))
        assert response.status_code == 302, (number, step.type, response.content[:2000])
    return client.post(
        step_url(session, session.after_step), {"feeling": after[0], "distress": after[1], "too_much": after[2]}
    )


def test_it_lists_every_exercise_with_its_length_and_purpose(person_client):
    html = person_client.get("/exercises/").content.decode()
    for exercise in content.catalogue().values():
        assert exercise.title in html
        assert exercise.summary.replace("'", "&#x27;") in html


def test_starting_creates_a_session_with_a_snapshot(person_client, person):
    response = person_client.post("/exercises/body-scan/start/")
    session = PracticeSession.objects.get()
    assert response["Location"] == step_url(session, 0)
    assert session.owner == person
    assert session.content_version == content.get("body-scan").version
    assert len(session.snapshot["steps"]) == len(content.get("body-scan").steps)


@pytest.mark.parametrize("slug", sorted(content.catalogue()))
def test_every_exercise_can_be_completed_without_javascript(person_client, person, slug):
    person_client.post(f"/exercises/{slug}/start/")
    session = PracticeSession.objects.get()
    response = complete(person_client, session)
    assert response["Location"] == f"/exercises/s/{session.code}/"
    session.refresh_from_db()
    assert session.is_finished
    assert (session.feeling_before, session.feeling_after, session.distress_before, session.distress_after) == (
        2,
        5,
        3,
        2,
    )
    assert session.too_much is False
    entry = JournalEntry.objects.get(owner=person)
    assert session.journal_entry == entry
    summary = person_client.get(f"/exercises/s/{session.code}/")
    assert summary.status_code == 200
    assert b"Before and after" in summary.content
    assert b"saved in your journal" in summary.content


def test_the_event_feeling_need_exercise_makes_that_kind_of_entry(person_client, person):
    person_client.post("/exercises/event-feeling-need/start/")
    complete(person_client, PracticeSession.objects.get())
    entry = JournalEntry.objects.get()
    assert entry.kind == JournalEntry.Kind.EVENT_FEELING_NEED
    assert entry.feelings == ["calm"]
    assert entry.intensity == 4
    assert entry.event == "Something small happened."
    assert b"Something small happened." in person_client.get("/journal/", {"q": "small"}).content


def test_a_rating_out_of_range_gets_a_clear_message(person_client, grounding_session):
    response = person_client.post(step_url(grounding_session, 0), {"feeling": "11", "distress": "-1"})
    assert response.status_code == 200
    assert b"Please choose a number from 0 to 10." in response.content
    grounding_session.refresh_from_db()
    assert grounding_session.feeling_before is None
    assert grounding_session.step == 0


def test_zero_is_a_respected_answer(person_client, grounding_session):
    response = person_client.post(step_url(grounding_session, 0), {"feeling": "0", "distress": "0"})
    assert response.status_code == 302
    grounding_session.refresh_from_db()
    assert grounding_session.feeling_before == 0


def test_a_step_not_reached_yet_sends_the_person_back_to_their_place(person_client, grounding_session):
    response = person_client.get(step_url(grounding_session, 5), follow=True)
    assert response.redirect_chain[-1][0] == step_url(grounding_session, 0)
    assert b"carry on from where you were" in response.content
    assert person_client.get(step_url(grounding_session, 999)).status_code == 302


def test_another_persons_session_is_a_404(client, other_person, grounding_session):
    client.force_login(other_person)
    assert client.get(step_url(grounding_session, 0)).status_code == 404
    assert client.post(step_url(grounding_session, 0), {"feeling": 1, "distress": 1}).status_code == 404
    assert client.get(f"/exercises/s/{grounding_session.code}/").status_code == 404


def test_an_unknown_exercise_or_session_is_a_404(person_client):
    assert person_client.get("/exercises/no-such-thing/").status_code == 404
    assert person_client.get("/exercises/s/00000000-0000-0000-0000-000000000000/0/").status_code == 404


def test_answers_survive_going_back_and_resuming_elsewhere(person, grounding_session):
    phone, laptop = Client(), Client()
    phone.force_login(person)
    laptop.force_login(person)
    phone.post(step_url(grounding_session, 0), {"feeling": 3, "distress": 4})
    steps = runner.steps_of(grounding_session)
    senses = next(n for n, s in enumerate(steps, start=1) if s.type == "senses-count")
    for number in range(1, senses):
        phone.post(step_url(grounding_session, number), answers_for(steps[number - 1]))
    phone.post(step_url(grounding_session, senses), {"note_1": "the window", "note_2": "a green plant"})
    response = phone.post(step_url(grounding_session, senses + 1), {"action": "back"})
    assert response["Location"] == step_url(grounding_session, senses)
    # The laptop opens the exercise list and resumes at the same step, with the answers there.
    listing = laptop.get("/exercises/").content.decode()
    assert step_url(grounding_session, senses) in listing
    html = laptop.get(step_url(grounding_session, senses)).content.decode()
    assert 'value="the window"' in html and 'value="a green plant"' in html


def test_pausing_to_ground_keeps_the_place_and_leads_to_grounding(person_client):
    person_client.post("/exercises/body-scan/start/")
    session = PracticeSession.objects.get()
    person_client.post(step_url(session, 0), {"feeling": 1, "distress": 6})
    response = person_client.post(step_url(session, 1), {"action": "stop"})
    assert response["Location"] == "/exercises/grounding-quick/"
    session.refresh_from_db()
    assert session.paused_at is not None and session.step == 1
    html = person_client.get("/exercises/grounding-quick/").content.decode()
    assert "Your place is saved" in html


def test_every_step_offers_the_grounding_exit(person_client):
    person_client.post("/exercises/thought-check/start/")
    session = PracticeSession.objects.get()
    html = person_client.get(step_url(session, 0)).content.decode()
    assert "Pause / stop — I need to ground" in html


def test_a_big_jump_in_distress_stops_kindly_and_offers_grounding(person_client):
    person_client.post("/exercises/congruence/start/")
    session = PracticeSession.objects.get()
    complete(person_client, session, before=(2, 3), after=(3, 7, "no"))
    html = person_client.get(f"/exercises/s/{session.code}/").content.decode()
    assert "It&#x27;s OK to stop here" in html or "It's OK to stop here" in html
    assert "/exercises/grounding-quick/" in html
    assert 'href="/help/"' in html


def test_the_list_shows_per_exercise_evidence(person_client, person):
    for after in [(5, 2, "no"), (1, 2, "no"), (6, 1, "no")]:
        person_client.post("/exercises/grounding/start/")
        complete(person_client, PracticeSession.objects.order_by("-id").first(), before=(2, 3), after=after)
    html = person_client.get("/exercises/").content.decode()
    assert "for you, it helped on 2 of 3 runs" in html


def test_htmx_steps_swap_the_step_and_update_the_url(person_client, grounding_session):
    response = person_client.post(
        step_url(grounding_session, 0), {"feeling": 2, "distress": 2}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url(grounding_session, 1)
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="step-heading"' in html


def test_the_step_view_needs_constant_queries(person_client, person, django_assert_max_num_queries):
    for _ in range(5):
        runner.finish(runner.start(person, content.get("grounding")))
    session = runner.start(person, content.get("body-scan"))
    with django_assert_max_num_queries(8):
        assert person_client.get(step_url(session, 0)).status_code == 200
    for _ in range(20):
        runner.finish(runner.start(person, content.get("grounding")))
    with django_assert_max_num_queries(8):
        assert person_client.get(step_url(session, 0)).status_code == 200


def test_history_lists_sessions_newest_first(person_client, person, other_person):
    runner.start(other_person, content.get("mood-sketch"))
    first = runner.start(person, content.get("grounding"))
    runner.finish(first)
    runner.start(person, content.get("body-scan"))
    html = person_client.get("/exercises/history/").content.decode()
    assert html.index("Body scan") < html.index("Grounding")
    assert "Mood sketch" not in html


def _png_data_url(size: int = 0, width: int = 1, height: int = 1) -> str:
    """A PNG declaring width x height; its pixel data is always one white pixel, so the bytes stay small."""
    import base64
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    pixels = zlib.compress(b"\x00\xff\xff\xff" * 1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
    png += chunk(b"tEXt", b"x" * size) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _reach(client, session, step_type):
    client.post(step_url(session, 0), {"feeling": 2, "distress": 2})
    for number, step in enumerate(runner.steps_of(session), start=1):
        if step.type == step_type:
            return number
        client.post(step_url(session, number), answers_for(step))
    raise AssertionError(f"no {step_type} step")


def test_a_free_drawing_is_kept_with_the_mood_sketch(person_client):
    person_client.post("/exercises/mood-sketch/start/")
    session = PracticeSession.objects.get()
    number = _reach(person_client, session, "drawing")
    image = _png_data_url()
    assert person_client.post(step_url(session, number), {"image": image}).status_code == 302
    session.refresh_from_db()
    assert session.answers["drawing"] == image


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("data:image/svg+xml;base64,PHN2Zz4=", b"couldn&#x27;t be read"),
        ("data:image/png;base64,not*base64", b"couldn&#x27;t be read"),
        ("data:image/png;base64,aGVsbG8=", b"couldn&#x27;t be read"),
        (None, b"too large to keep"),
    ],
)
def test_a_drawing_that_is_not_a_small_png_is_refused_kindly(person_client, image, message):
    person_client.post("/exercises/mood-sketch/start/")
    session = PracticeSession.objects.get()
    number = _reach(person_client, session, "drawing")
    response = person_client.post(step_url(session, number), {"image": image or _png_data_url(310_000)})
    assert response.status_code == 200
    assert message in response.content
    session.refresh_from_db()
    assert "drawing" not in session.answers


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (50_000, 1), (1, 65_535), (0, 440)])
def test_a_drawing_declaring_a_huge_size_is_refused_by_its_header(person_client, width, height):
    """A decompression bomb: a few hundred bytes that declare billions of pixels for a browser to unpack."""
    person_client.post("/exercises/mood-sketch/start/")
    session = PracticeSession.objects.get()
    number = _reach(person_client, session, "drawing")
    answers_before = PracticeSession.objects.get().answers
    bomb = _png_data_url(width=width, height=height)
    assert len(bomb) < 200
    response = person_client.post(step_url(session, number), {"image": bomb})
    html = response.content.decode()
    assert response.status_code == 200
    assert "bigger than the drawing area" in html
    assert "press Next to go on without it" in html
    assert bomb.split(",")[1] not in html  # not handed back for the page to draw
    session.refresh_from_db()
    assert "drawing" not in session.answers
    assert session.answers == answers_before  # the colours and shapes chosen before are all there
    assert session.answers.get("colours")
    # A drawing the page itself makes (640 x 440) is kept.
    made_here = _png_data_url(width=640, height=440)
    assert person_client.post(step_url(session, number), {"image": made_here}).status_code == 302
    session.refresh_from_db()
    assert session.answers["drawing"] == made_here


def test_the_congruence_recorder_says_nothing_leaves_the_browser(person_client):
    person_client.post("/exercises/congruence/start/")
    session = PracticeSession.objects.get()
    number = _reach(person_client, session, "text")
    html = person_client.get(step_url(session, number)).content.decode()
    assert "data-recorder" in html
    assert "never uploaded or saved" in html


def test_repeated_distress_brings_the_help_card_and_rests_the_deeper_practices(person_client, person):
    from selfcare.checkins.models import EscalationEvent

    for _ in range(2):
        person_client.post("/exercises/grounding-quick/start/")
        session = PracticeSession.objects.order_by("-id").first()
        complete(person_client, session, before=(2, 3), after=(3, 8, "no"))
    html = person_client.get(f"/exercises/s/{session.code}/").content.decode()
    assert "Talking to a professional could help" in html and "brought up a lot of distress" in html
    assert list(EscalationEvent.objects.filter(rule="R14").values_list("tier", flat=True)) == [2]
    listing = person_client.get("/exercises/").content.decode()
    assert "resting for now" in listing
    detail = person_client.get("/exercises/congruence/").content.decode()
    assert "This practice is resting for now" in detail and "/exercises/congruence/start/" not in detail
    response = person_client.post("/exercises/congruence/start/", follow=True)
    assert b"resting for now" in response.content
    assert not PracticeSession.objects.filter(exercise="congruence").exists()
    assert "/exercises/grounding/start/" in person_client.get("/exercises/grounding/").content.decode()
