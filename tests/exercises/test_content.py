"""The exercise definitions in exercises/content/ and the system check that guards them."""

import pytest
from django.core import checks

from exercises.checks import check_exercise_content
from exercises.content import BODY_REGIONS, CONTENT_DIR, load_all

SLUGS = {
    "grounding",
    "grounding-quick",
    "body-scan",
    "breath-awareness",
    "feelings-wheel",
    "event-feeling-need",
    "thought-check",
    "self-soothing",
    "congruence",
    "reflective-listening",
    "boundary-builder",
    "mood-sketch",
}
SHAPES = {"circle", "wave", "zigzag", "spiral", "cloud", "line", "dots", "square"}

# A small valid definition; each broken case changes exactly one thing in it.
VALID = """\
slug = "broken"
title = "A test exercise"
summary = "Only used by the tests."
minutes = 5
version = 1
intensity = "gentle"

[[steps]]
type = "text"
title = "Start"
body = "Hello."

[[steps]]
type = "timer"
title = "Breathe"
key = "breath"
minutes = [1, 2]

[[steps]]
type = "prompt"
title = "Write"
key = "note"
label = "A note"

[[steps]]
type = "body-map"
title = "Chest"
key = "chest"
region = "chest"
sensations = ["tight", "warm"]
"""


@pytest.fixture(scope="module")
def exercises():
    return load_all()


def test_it_loads_every_real_file(exercises):
    files = {path.stem for path in CONTENT_DIR.glob("*.toml")}
    assert set(exercises) == files


def test_it_has_all_twelve_exercises(exercises):
    assert set(exercises) == SLUGS


def test_it_orders_the_menu_as_planned(exercises):
    assert [exercise.order for exercise in exercises.values()] == list(range(1, 13))
    assert list(exercises)[:2] == ["grounding", "grounding-quick"]


def test_it_keeps_every_summary_to_one_short_line(exercises):
    for exercise in exercises.values():
        assert len(exercise.summary) <= 90, exercise.slug
        assert "\n" not in exercise.summary, exercise.slug


def test_it_gives_every_exercise_a_short_intro(exercises):
    for exercise in exercises.values():
        assert exercise.intro.strip(), exercise.slug
        assert len(exercise.intro) <= 300, exercise.slug


def test_it_lets_people_stop_every_deepening_exercise(exercises):
    deepening = [e for e in exercises.values() if e.intensity == "deepening"]
    assert {e.slug for e in deepening} == {"congruence", "reflective-listening", "boundary-builder"}
    for exercise in deepening:
        assert "strong feelings" in exercise.intro, exercise.slug
        assert "stop" in exercise.intro, exercise.slug


def test_it_gives_every_step_its_own_key(exercises):
    for exercise in exercises.values():
        keys = [step.key for step in exercise.steps if step.collects_answer]
        assert all(keys), exercise.slug
        assert len(keys) == len(set(keys)), exercise.slug


def test_it_scans_all_twelve_regions_from_head_to_feet(exercises):
    body_scan = exercises["body-scan"]
    assert body_scan.result == "body-map"
    regions = [step.region for step in body_scan.steps if step.type == "body-map"]
    assert tuple(regions) == BODY_REGIONS
    for step in body_scan.steps:
        if step.type == "body-map":
            assert step.key == step.region
            assert step.ask_feeling
            assert "nothing at all" in step.sensations


def test_it_grounds_through_all_five_senses_counting_down(exercises):
    counts = [(s.sense, s.count) for s in exercises["grounding"].steps if s.type == "senses-count"]
    assert counts == [("see", 5), ("touch", 4), ("hear", 3), ("smell", 2), ("taste", 1)]


def test_it_gives_the_mood_sketch_colours_and_known_shapes(exercises):
    steps = {step.key: step for step in exercises["mood-sketch"].steps}
    colours, shapes = steps["colours"], steps["shapes"]
    assert colours.multiple and shapes.multiple
    assert 8 <= len(colours.options) <= 10
    assert all(option.colour for option in colours.options)
    assert {option.value for option in shapes.options} <= SHAPES


def test_it_passes_the_system_check_for_the_real_folder():
    assert check_exercise_content() == []


def test_it_passes_the_system_check_for_the_valid_example(tmp_path):
    (tmp_path / "broken.toml").write_text(VALID)
    assert check_exercise_content(directory=tmp_path) == []


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        pytest.param('type = "text"', 'type = "video"', "steps[0].type", id="unknown-step-type"),
        pytest.param('key = "note"', 'key = "breath"', "steps[2].key", id="duplicate-key"),
        pytest.param('slug = "broken"', 'slug = "something-else"', "slug", id="slug-not-file-name"),
        pytest.param(
            'summary = "Only used by the tests."', f'summary = "{"x" * 91}"', "summary", id="summary-too-long"
        ),
        pytest.param('title = "A test exercise"\n', "", "title", id="missing-title"),
        pytest.param('intensity = "gentle"', 'intensity = "intense"', "intensity", id="unknown-intensity"),
        pytest.param("minutes = [1, 2]", "minutes = [0, 45]", "steps[1].minutes", id="timer-minutes-out-of-range"),
        pytest.param('region = "chest"', 'region = "elbow"', "steps[3].region", id="body-map-region-unknown"),
        pytest.param('body = "Hello."', 'body = "Hello."\ncolour = "red"', "steps[0].colour", id="unknown-step-field"),
        pytest.param('label = "A note"\n', "", "steps[2].label", id="prompt-without-label"),
    ],
)
def test_it_names_the_file_and_field_of_a_broken_definition(tmp_path, old, new, field):
    assert VALID.count(old) == 1
    (tmp_path / "broken.toml").write_text(VALID.replace(old, new))

    errors = check_exercise_content(directory=tmp_path)

    assert errors
    assert all(isinstance(error, checks.Error) and error.id == "exercises.E001" for error in errors)
    assert any(error.msg.startswith(f"exercises/content/broken.toml: {field} ") for error in errors), errors


def test_it_names_the_file_of_invalid_toml(tmp_path):
    (tmp_path / "broken.toml").write_text(VALID.replace("minutes = 5", "minutes = = 5"))

    errors = check_exercise_content(directory=tmp_path)

    assert [error.id for error in errors] == ["exercises.E001"]
    assert errors[0].msg.startswith("exercises/content/broken.toml: is not valid TOML")


def test_it_reports_every_broken_file_not_just_the_first(tmp_path):
    (tmp_path / "first.toml").write_text(VALID.replace('slug = "broken"', 'slug = "first"').replace("minutes = 5", ""))
    (tmp_path / "second.toml").write_text(VALID.replace('slug = "broken"', 'slug = "second"').replace("gentle", "x"))

    messages = [error.msg for error in check_exercise_content(directory=tmp_path)]

    assert "exercises/content/first.toml: minutes is required" in messages
    assert any(message.startswith("exercises/content/second.toml: intensity ") for message in messages)


def test_it_refuses_an_empty_folder(tmp_path):
    assert [error.id for error in check_exercise_content(directory=tmp_path)] == ["exercises.E002"]
