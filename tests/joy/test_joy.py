"""The joy list: order, moves, guesses and real numbers, the summary, privacy and the pages."""

from __future__ import annotations

import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from exercises.joy import rules as joy
from exercises.joy.models import JoyActivity, JoyRecord

pytestmark = pytest.mark.django_db


def names(user) -> list[str]:
    return [a.name for a in JoyActivity.objects.owned_by(user).active().order_by("position")]


def positions(user) -> list[int]:
    return list(JoyActivity.objects.owned_by(user).active().order_by("position").values_list("position", flat=True))


def make_list(user, *items: str) -> list[JoyActivity]:
    return [joy.add(user, item)[0] for item in items]


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


# --- the rules -------------------------------------------------------------------------------


def test_items_are_added_at_the_bottom_with_dense_positions(person):
    make_list(person, "Painting", "Walking the dog", "Baking bread")
    assert names(person) == ["Painting", "Walking the dog", "Baking bread"]
    assert positions(person) == [0, 1, 2]


def test_adding_the_same_thing_twice_keeps_one(person):
    first, created = joy.add(person, "Painting")
    again, created_again = joy.add(person, "  painting ")
    assert created and not created_again and again == first
    assert JoyActivity.objects.count() == 1


def test_each_person_has_their_own_list(person, other_person):
    joy.add(person, "Painting")
    joy.add(other_person, "Painting")
    assert positions(person) == [0] and positions(other_person) == [0]


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_empty_or_too_long_names_are_refused(person, name):
    with pytest.raises(joy.JoyError):
        joy.add(person, name)
    assert not JoyActivity.objects.exists()


def test_a_list_has_room_for_fifty(person):
    make_list(person, *[f"thing {n}" for n in range(joy.MAX_ACTIVE)])
    with pytest.raises(joy.JoyError, match="Archive one"):
        joy.add(person, "one more")


def test_moving_up_and_down_keeps_positions_dense(person):
    painting, walking, baking = make_list(person, "Painting", "Walking", "Baking")
    assert joy.move(person, baking, joy.UP)
    assert names(person) == ["Painting", "Baking", "Walking"]
    assert joy.move(person, baking, joy.UP)
    assert names(person) == ["Baking", "Painting", "Walking"]
    assert not joy.move(person, baking, joy.UP)  # already the favourite
    assert names(person) == ["Baking", "Painting", "Walking"]
    assert joy.move(person, painting, joy.DOWN)
    assert not joy.move(person, painting, joy.DOWN)  # already at the bottom
    assert names(person) == ["Baking", "Walking", "Painting"]
    assert positions(person) == [0, 1, 2]


def test_a_move_repairs_gaps_and_ties(person):
    a, b, c = make_list(person, "A", "B", "C")
    JoyActivity.objects.filter(pk=a.pk).update(position=5)
    JoyActivity.objects.filter(pk=c.pk).update(position=1)  # ties with B
    joy.move(person, a, joy.UP)  # the order was B, C (tie broken by age), A
    assert names(person) == ["B", "A", "C"]
    assert positions(person) == [0, 1, 2]


def test_an_unknown_direction_is_refused(person):
    (a,) = make_list(person, "A")
    with pytest.raises(joy.JoyError):
        joy.move(person, a, "sideways")


def test_archiving_closes_the_gap_and_restoring_puts_it_at_the_bottom(person):
    a, b, c = make_list(person, "A", "B", "C")
    joy.archive(b)
    assert names(person) == ["A", "C"] and positions(person) == [0, 1]
    joy.archive(b)  # twice is harmless
    assert names(person) == ["A", "C"]
    joy.restore(b)
    assert names(person) == ["A", "C", "B"] and positions(person) == [0, 1, 2]


def test_planning_twice_updates_the_waiting_record(person):
    (walk,) = make_list(person, "A walk")
    first = joy.plan(walk, 3)
    second = joy.plan(walk, 4)
    assert first.pk == second.pk
    assert JoyRecord.objects.get().expected == 4
    assert second.owner == person


def test_recording_twice_updates_never_duplicates(person):
    (walk,) = make_list(person, "A walk")
    record = joy.plan(walk, 3)
    joy.record_actual(record, 6, "  the air felt good ")
    done_at = JoyRecord.objects.get().done_at
    joy.record_actual(JoyRecord.objects.get(), 7, "")
    saved = JoyRecord.objects.get()
    assert (saved.expected, saved.actual, saved.note) == (3, 7, "")
    assert saved.done_at == done_at  # still the first time they said how it went


def test_after_doing_it_a_new_plan_starts_a_new_record(person):
    (walk,) = make_list(person, "A walk")
    joy.record_actual(joy.plan(walk, 3), 6)
    joy.plan(walk, 5)
    assert JoyRecord.objects.count() == 2
    assert JoyRecord.objects.pending().get().expected == 5


@pytest.mark.parametrize("value", [-1, 11, "5", None, True])
def test_numbers_outside_0_to_10_are_refused(person, value):
    (walk,) = make_list(person, "A walk")
    with pytest.raises(joy.JoyError):
        joy.plan(walk, value)
    record = joy.plan(walk, 2)
    with pytest.raises(joy.JoyError):
        joy.record_actual(record, value)
    record.refresh_from_db()
    assert record.actual is None and record.done_at is None


def test_the_database_refuses_out_of_range_numbers_too(person):
    (walk,) = make_list(person, "A walk")
    with pytest.raises(IntegrityError), transaction.atomic():
        JoyRecord.objects.create(activity=walk, owner=person, expected=11)
    record = JoyRecord.objects.create(activity=walk, owner=person, expected=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        JoyRecord.objects.filter(pk=record.pk).update(actual=6)  # a rating without done_at


def test_an_archived_item_cannot_be_planned(person):
    (walk,) = make_list(person, "A walk")
    joy.archive(walk)
    with pytest.raises(joy.JoyError):
        joy.plan(walk, 3)


def test_letting_go_clears_only_a_waiting_guess(person):
    walk, bath = make_list(person, "A walk", "A bath")
    waiting = joy.plan(walk, 3)
    done = joy.record_actual(joy.plan(bath, 2), 5)
    assert joy.let_go(waiting)
    assert not joy.let_go(done)
    assert list(JoyRecord.objects.all()) == [done]


def test_summary_numbers(person, other_person):
    walk, bath, call = make_list(person, "A walk", "A bath", "Calling Jo")
    for expected, actual in [(3, 6), (4, 4), (5, 8)]:
        joy.record_actual(joy.plan(walk, expected), actual)
    joy.record_actual(joy.plan(bath, 6), 2)
    joy.plan(bath, 9)  # still waiting: not counted
    joy.record_actual(joy.plan(make_list(other_person, "A walk")[0], 0), 10)  # someone else's
    joy.archive(call)

    rows = joy.summary(person)
    assert [r.name for r in rows] == ["A walk", "A bath", "Calling Jo"]  # active by position, then archived
    by_name = {r.name: r for r in rows}
    walk_row = by_name["A walk"]
    assert walk_row.times_done == 3
    assert walk_row.avg_expected == pytest.approx(4)
    assert walk_row.avg_actual == pytest.approx(6)
    assert walk_row.times_beat == 2 and walk_row.times_matched == 1
    bath_row = by_name["A bath"]
    assert (bath_row.times_done, bath_row.times_beat) == (1, 0)
    assert bath_row.avg_expected == pytest.approx(6) and bath_row.avg_actual == pytest.approx(2)
    call_row = by_name["Calling Jo"]
    assert call_row.times_done == 0 and call_row.avg_expected is None and call_row.is_archived
    assert joy.totals(rows) == joy.Totals(done=4, beat=2, matched=1)


def test_summary_is_one_query_however_long_the_list(person, django_assert_num_queries):
    items = make_list(person, *[f"thing {n}" for n in range(30)])
    for item in items:
        joy.record_actual(joy.plan(item, 2), 5)
    with django_assert_num_queries(1):
        rows = joy.summary(person)
        assert sum(r.times_done for r in rows) == 30


def test_names_and_notes_are_unreadable_in_the_database(person):
    (walk,) = make_list(person, "Swimming at the lido")
    record = joy.record_actual(joy.plan(walk, 3), 6, "cold water, bright sky")
    raw_name = _raw("exercises_joyactivity", "name", walk.pk)
    raw_note = _raw("exercises_joyrecord", "note", record.pk)
    assert raw_name.startswith("gAAAAA") and "lido" not in raw_name.lower()
    assert raw_note.startswith("gAAAAA") and "bright" not in raw_note
    walk.refresh_from_db()
    assert walk.name == "Swimming at the lido"
    assert str(walk) == f"joy list item {walk.code}"  # the admin and logs never show the name


# --- the pages -------------------------------------------------------------------------------


def test_the_empty_list_explains_itself(person_client):
    html = person_client.get("/joy/").content.decode()
    assert "Things that used to bring joy" in html
    assert "How it works" in html
    assert "Start your list" in html


def test_adding_redirects_to_the_new_item(person_client, person):
    response = person_client.post("/joy/add/", {"name": "Painting"})
    activity = JoyActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/joy/#item-{activity.code}"
    page = person_client.get("/joy/").content.decode()
    assert "Added \u201cPainting\u201d to your list." in page
    assert "Your favourite" in page


def test_adding_twice_from_a_double_tap_keeps_one(person_client):
    person_client.post("/joy/add/", {"name": "Painting"})
    response = person_client.post("/joy/add/", {"name": "Painting"}, follow=True)
    assert JoyActivity.objects.count() == 1
    assert "already on your list" in response.content.decode()


def test_an_empty_name_gets_a_clear_message(person_client):
    response = person_client.post("/joy/add/", {"name": "   "})
    assert response.status_code == 200
    assert "Write a few words about what it is" in response.content.decode()
    assert not JoyActivity.objects.exists()


def test_a_too_long_name_is_kept_with_a_clear_message(person_client):
    long_name = "a slow morning with coffee and the radio " * 4
    response = person_client.post("/joy/add/", {"name": long_name})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please keep it to 120 characters" in html
    assert long_name.strip() in html  # what they typed is still there
    assert not JoyActivity.objects.exists()


def test_the_list_shows_items_in_order_with_move_buttons(person_client, person):
    make_list(person, "Painting", "Walking", "Baking")
    html = person_client.get("/joy/").content.decode()
    assert html.index("Painting") < html.index("Walking") < html.index("Baking")
    assert html.count('value="up"') == 2 and html.count('value="down"') == 2  # none past either end


def test_moving_by_post_and_back_to_the_item(person_client, person):
    _, _, baking = make_list(person, "Painting", "Walking", "Baking")
    response = person_client.post(f"/joy/{baking.code}/move/", {"direction": "up"})
    assert response["Location"] == f"/joy/#item-{baking.code}"
    assert names(person) == ["Painting", "Baking", "Walking"]


def test_a_tampered_direction_gets_a_message_and_changes_nothing(person_client, person):
    painting, walking = make_list(person, "Painting", "Walking")
    response = person_client.post(f"/joy/{walking.code}/move/", {"direction": "left"}, follow=True)
    assert "Please use the Move up or Move down buttons" in response.content.decode()
    assert names(person) == ["Painting", "Walking"]


def test_plan_then_record_then_see_the_result(person_client, person):
    (walk,) = make_list(person, "A walk")
    page = person_client.get(f"/joy/{walk.code}/plan/").content.decode()
    assert "How much do you expect to enjoy it?" in page
    response = person_client.post(f"/joy/{walk.code}/plan/", {"expected": "3"})
    assert response["Location"] == "/joy/"
    record = JoyRecord.objects.get()
    listing = person_client.get("/joy/").content.decode()
    assert "How did it go?" in listing and f"/joy/r/{record.code}/" in listing

    form = person_client.get(f"/joy/r/{record.code}/").content.decode()
    assert "How much did you enjoy it?" in form
    assert "You expected" not in form  # the guess stays hidden until they answer
    response = person_client.post(f"/joy/r/{record.code}/", {"actual": "6", "note": "sunny"})
    assert response["Location"] == f"/joy/r/{record.code}/"
    result = person_client.get(f"/joy/r/{record.code}/").content.decode()
    assert "You expected 3 and it was 6." in result
    assert "better than you thought" in result
    assert "sunny" in result


def test_a_second_submit_updates_the_same_record(person_client, person):
    (walk,) = make_list(person, "A walk")
    person_client.post(f"/joy/{walk.code}/plan/", {"expected": "3"})
    person_client.post(f"/joy/{walk.code}/plan/", {"expected": "3"})
    record = JoyRecord.objects.get()
    person_client.post(f"/joy/r/{record.code}/", {"actual": "6"})
    person_client.post(f"/joy/r/{record.code}/", {"actual": "5", "note": "on reflection"})
    record = JoyRecord.objects.get()
    assert (record.expected, record.actual, record.note) == (3, 5, "on reflection")
    assert "You expected 3 and it was 5." in person_client.get(f"/joy/r/{record.code}/").content.decode()


@pytest.mark.parametrize("value", ["11", "-1", "seven", ""])
def test_out_of_range_guesses_get_a_clear_message(person_client, person, value):
    (walk,) = make_list(person, "A walk")
    response = person_client.post(f"/joy/{walk.code}/plan/", {"expected": value})
    assert response.status_code == 200
    assert "Please choose a number from 0 to 10." in response.content.decode()
    assert not JoyRecord.objects.exists()


def test_an_out_of_range_rating_keeps_the_note(person_client, person):
    (walk,) = make_list(person, "A walk")
    record = joy.plan(walk, 4)
    response = person_client.post(f"/joy/r/{record.code}/", {"actual": "12", "note": "the park was quiet"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please choose a number from 0 to 10." in html
    assert "the park was quiet" in html
    record.refresh_from_db()
    assert record.actual is None


@pytest.mark.parametrize(
    ("expected", "actual", "words"),
    [(6, 6, "About what you thought"), (7, 3, "Less than you hoped"), (5, 0, "Nothing much came through")],
)
def test_every_result_is_said_kindly(person_client, person, expected, actual, words):
    (walk,) = make_list(person, "A walk")
    record = joy.record_actual(joy.plan(walk, expected), actual)
    html = person_client.get(f"/joy/r/{record.code}/").content.decode()
    assert f"You expected {expected} and it was {actual}." in html
    assert words in html


def test_archive_and_put_back(person_client, person):
    walk, bath = make_list(person, "A walk", "A bath")
    person_client.post(f"/joy/{walk.code}/archive/")
    assert names(person) == ["A bath"]
    html = person_client.get("/joy/").content.decode()
    assert "Archived (1)" in html and "is off your list for now" in html
    person_client.post(f"/joy/{walk.code}/restore/")
    assert names(person) == ["A bath", "A walk"]


def test_letting_go_of_a_guess(person_client, person):
    (walk,) = make_list(person, "A walk")
    record = joy.plan(walk, 4)
    response = person_client.post(f"/joy/r/{record.code}/let-go/")
    assert response["Location"] == "/joy/"
    assert not JoyRecord.objects.exists()


def test_the_summary_shows_on_the_list(person_client, person):
    (walk,) = make_list(person, "A walk")
    joy.record_actual(joy.plan(walk, 3), 6)
    joy.record_actual(joy.plan(walk, 4), 5)
    html = person_client.get("/joy/").content.decode()
    assert "Done 2 times. On average you expected 3.5 and it was 5.5. Better than expected 2 times." in html
    assert "2 goes so far. 2 of them turned out better than you expected." in html


def _urls_for(activity: JoyActivity, record: JoyRecord) -> list[tuple[str, str]]:
    return [
        ("post", f"/joy/{activity.code}/move/"),
        ("post", f"/joy/{activity.code}/archive/"),
        ("post", f"/joy/{activity.code}/restore/"),
        ("get", f"/joy/{activity.code}/plan/"),
        ("post", f"/joy/{activity.code}/plan/"),
        ("get", f"/joy/r/{record.code}/"),
        ("post", f"/joy/r/{record.code}/"),
        ("post", f"/joy/r/{record.code}/let-go/"),
    ]


def test_another_persons_ids_are_not_found(person_client, other_person):
    (theirs,) = make_list(other_person, "Their secret hobby")
    record = joy.plan(theirs, 5)
    for method, url in _urls_for(theirs, record):
        response = getattr(person_client, method)(url, {"direction": "up", "expected": "1", "actual": "1"})
        assert response.status_code == 404, (method, url)
        assert b"Their secret hobby" not in response.content
    record.refresh_from_db()
    theirs.refresh_from_db()
    assert (record.expected, record.actual, theirs.archived_at) == (5, None, None)


def test_made_up_ids_are_not_found(person_client):
    made_up = uuid.uuid4()
    assert person_client.get(f"/joy/{made_up}/plan/").status_code == 404
    assert person_client.get(f"/joy/r/{made_up}/").status_code == 404
    assert person_client.get("/joy/not-a-uuid/plan/").status_code == 404


def test_archived_items_cannot_be_planned_or_moved_by_url(person_client, person):
    (walk,) = make_list(person, "A walk")
    joy.archive(walk)
    assert person_client.get(f"/joy/{walk.code}/plan/").status_code == 404
    assert person_client.post(f"/joy/{walk.code}/move/", {"direction": "up"}).status_code == 404


def test_every_page_needs_a_login(client, person):
    (walk,) = make_list(person, "A walk")
    record = joy.plan(walk, 5)
    for method, url in [("get", "/joy/"), ("post", "/joy/add/"), *_urls_for(walk, record)]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_post_only_urls_refuse_get(person_client, person):
    (walk,) = make_list(person, "A walk")
    for url in ["/joy/add/", f"/joy/{walk.code}/move/", f"/joy/{walk.code}/archive/"]:
        assert person_client.get(url).status_code == 405


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/joy/")
    assert response.status_code == 200
    return len(queries)


def test_the_list_page_costs_the_same_queries_for_3_or_30_items(person_client, person):
    def fill(count: int, start: int) -> None:
        for item in make_list(person, *[f"thing {n}" for n in range(start, start + count)]):
            joy.record_actual(joy.plan(item, 2), 5)
            joy.plan(item, 4)  # and one waiting

    fill(3, 0)
    joy.archive(JoyActivity.objects.first())
    small = _list_queries(person_client)
    fill(27, 3)
    large = _list_queries(person_client)
    assert small == large
    assert large <= 5


def test_the_result_page_costs_a_fixed_number_of_queries(person_client, person, django_assert_max_num_queries):
    (walk,) = make_list(person, "A walk")
    record = joy.record_actual(joy.plan(walk, 3), 6)
    with django_assert_max_num_queries(4):
        person_client.get(f"/joy/r/{record.code}/")
