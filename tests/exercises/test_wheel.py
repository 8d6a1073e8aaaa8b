import html
import math
import re

import pytest

from exercises import content, runner
from journal import wheel_svg
from journal.feelings import TEXT_COLOUR, contrast_ratio, vocabulary
from tests.exercises.conftest import answers_for

NUMBER = r"-?\d+(?:\.\d+)?"
PAIR = rf"{NUMBER} {NUMBER}"
ARC = rf"A{NUMBER} {NUMBER} 0 [01] [01] {PAIR}"
SECTOR = re.compile(rf"^M{PAIR}{ARC}L{PAIR}{ARC}Z$")
EPSILON = 1e-9


@pytest.fixture(scope="module")
def segments():
    return wheel_svg.segments()


@pytest.fixture(scope="module")
def by_word(segments):
    return {s.word: s for s in segments}


def test_there_is_one_segment_per_wheel_word_in_wheel_order(segments):
    assert [s.word for s in segments] == [f.word for f in vocabulary().all()]
    assert len({s.word for s in segments}) == len(vocabulary())


def test_it_is_cached():
    assert wheel_svg.segments() is wheel_svg.segments()


def test_each_ring_goes_once_round_the_circle_without_gaps_or_overlaps(segments):
    for ring in (1, 2, 3):
        spans = [(s.start, s.end) for s in segments if s.ring == ring]
        assert spans[0][0] == pytest.approx(0)
        assert spans[-1][1] == pytest.approx(360)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert start == pytest.approx(end)
        assert all(end > start for start, end in spans)


def test_every_child_sits_inside_its_parent(segments, by_word):
    for s in segments:
        if not s.parent:
            assert s.ring == 1
            continue
        parent = by_word[s.parent]
        assert parent.ring == s.ring - 1
        assert parent.start - EPSILON <= s.start < s.end <= parent.end + EPSILON
        assert s.core == parent.core or s.core == parent.word


def test_rings_run_outwards_in_order(segments):
    for s in segments:
        assert (s.inner, s.outer) == wheel_svg.RINGS[s.ring]
    assert wheel_svg.RINGS[1][0] > 0
    assert wheel_svg.RINGS[1][1] == wheel_svg.RINGS[2][0] < wheel_svg.RINGS[2][1] == wheel_svg.RINGS[3][0]
    assert wheel_svg.RINGS[3][1] <= wheel_svg.SIZE / 2


def test_every_path_is_a_well_formed_sector_inside_the_picture(segments):
    for s in segments:
        for d in (s.d, s.mark):
            assert SECTOR.match(d), (s.word, d)
            numbers = [float(n) for n in re.findall(NUMBER, d)]
            assert all(0 <= n <= wheel_svg.SIZE for n in numbers), (s.word, d)


def test_the_path_starts_and_ends_its_arcs_where_the_angles_say(by_word):
    s = by_word[vocabulary().cores[1].word]
    x, y = (float(n) for n in re.match(rf"^M({NUMBER}) ({NUMBER})", s.d).groups())
    expected = wheel_svg.point(s.outer, s.start)
    assert (x, y) == (pytest.approx(expected[0], abs=0.01), pytest.approx(expected[1], abs=0.01))


def test_the_chosen_outline_sits_inside_its_segment(segments):
    for s in segments:
        radii = [float(r) for r in re.findall(rf"A({NUMBER}) ", s.mark)]
        assert radii == [s.outer - wheel_svg.MARK_INSET, s.inner + wheel_svg.MARK_INSET]


def test_labels_sit_mid_segment_and_are_never_upside_down(segments):
    for s in segments:
        radius = math.dist((s.label_x, s.label_y), (wheel_svg.CENTRE, wheel_svg.CENTRE))
        assert radius == pytest.approx((s.inner + s.outer) / 2, abs=0.02)
        assert -90 <= s.label_rotate <= 90, s.word
        assert s.label_transform.startswith(f"rotate({s.label_rotate:g} ")


def test_the_outer_ring_is_wide_enough_for_its_longest_word():
    longest = max(len(f.word) for f in vocabulary().ring(3))
    inner, outer = wheel_svg.RINGS[3]
    # ~0.55 em per letter is typical of a sans-serif; the browser test measures every label for real.
    assert longest * 0.55 * wheel_svg.FONT_SIZES[3] < outer - inner - 4


def test_every_fill_keeps_the_label_legible(segments):
    for s in segments:
        assert contrast_ratio(s.fill, TEXT_COLOUR) >= 4.5, s.word
        assert contrast_ratio(s.fill_checked, TEXT_COLOUR) >= 4.5, s.word
        assert s.fill_checked != s.fill


def test_up_goes_to_a_child_and_only_cores_have_a_zoom_box(segments, by_word):
    for s in segments:
        children = [c.word for c in vocabulary().children(s.word)]
        assert (s.up in children) if children else s.up == ""
        if s.ring == 1:
            x, y, w, h = (float(n) for n in s.zoom.split())
            assert w == h <= wheel_svg.SIZE
            assert 0 <= x <= x + w <= wheel_svg.SIZE + 0.01
            assert 0 <= y <= y + h <= wheel_svg.SIZE + 0.01
        else:
            assert s.zoom == ""


# --- the step page --------------------------------------------------------------------------------


def _feelings_step_html(client, person) -> str:
    session = runner.start(person, content.catalogue()["feelings-wheel"])
    client.post(f"/exercises/s/{session.code}/0/", {"feeling": 2, "distress": 2})
    for number, step in enumerate(runner.steps_of(session), start=1):
        if step.type == "feelings-pick":
            response = client.get(f"/exercises/s/{session.code}/{number}/")
            assert response.status_code == 200
            return response.content.decode()
        response = client.post(f"/exercises/s/{session.code}/{number}/", answers_for(step))
        assert response.status_code == 302
    raise AssertionError("the feelings-wheel exercise has no feelings-pick step")


@pytest.mark.django_db
def test_the_feelings_step_draws_the_wheel_and_keeps_every_checkbox(person_client, person):
    page = _feelings_step_html(person_client, person)
    words = vocabulary()

    assert '<svg class="wheel-svg" viewBox="0 0 600 600"' in page
    assert 'role="group" aria-label="Feelings wheel"' in page
    assert page.count('role="checkbox"') == len(words)
    assert re.search(r'<div class="feelings-wheel" data-feelings-wheel data-field="words" hidden>', page)
    assert 'aria-live="polite"' in page

    text = html.unescape(page)
    for feeling in words.all():
        assert f'data-word="{feeling.word}"' in text
        assert f'aria-label="{feeling.word}: {feeling.meaning}"' in text
    # The no-JS fallback: every word is still a checkbox that posts as "words".
    for word in [f.word for f in words.all()] + [u.word for u in words.unnamed]:
        assert f'<input type="checkbox" name="words" value="{word}"' in text, word
    # The wheel sits above the list.
    assert page.index("data-feelings-wheel") < page.index('class="wheel-group"')


@pytest.mark.django_db
def test_every_step_page_loads_the_wheel_script_and_styles(person_client, person):
    session = runner.start(person, content.catalogue()["feelings-wheel"])
    page = person_client.get(f"/exercises/s/{session.code}/0/").content.decode()
    assert "css/wheel.css" in page
    assert "js/wheel.js" in page
    assert "data-feelings-wheel" not in page
