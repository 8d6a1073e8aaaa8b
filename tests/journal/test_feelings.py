"""The feelings vocabulary: the real file, the loader's lookups, the validator and the system check."""

from __future__ import annotations

import copy
import tomllib

import pytest

from journal.checks import check_feelings_vocabulary
from journal.feelings import (
    FEELINGS_PATH,
    TEXT_COLOUR,
    Feeling,
    Unnamed,
    contrast_ratio,
    load,
    validate,
    vocabulary,
)

SOURCE = "journal/content/feelings.toml"


@pytest.fixture
def data() -> dict:
    return copy.deepcopy(tomllib.loads(FEELINGS_PATH.read_text(encoding="utf-8")))


def errors_for(data: dict) -> list[str]:
    return validate(data, SOURCE)


# --- the real file ------------------------------------------------------------------------------


def test_it_validates_the_real_file(data):
    assert errors_for(data) == []


def test_it_has_well_over_a_hundred_unique_words():
    words = [feeling.word for feeling in vocabulary().all()]
    assert len(words) >= 130
    assert len({word.lower() for word in words}) == len(words)
    unnamed = {item.word for item in vocabulary().unnamed}
    assert not unnamed & set(words)


def test_it_keeps_every_ring_within_its_bounds():
    vocab = vocabulary()
    assert 6 <= len(vocab.cores) <= 8
    for core in vocab.cores:
        specifics = vocab.children(core.word)
        assert 3 <= len(specifics) <= 6, core.word
        for specific in specifics:
            assert 2 <= len(vocab.children(specific.word)) <= 4, specific.word
    rings = [feeling.ring for feeling in vocab.all()]
    assert set(rings) == {1, 2, 3}
    assert rings.count(1) == len(vocab.cores)


def test_it_covers_pleasant_and_unpleasant_core_feelings():
    cores = {core.word for core in vocabulary().cores}
    assert {"happy", "calm", "loving"} <= cores
    assert {"sad", "angry", "afraid"} <= cores


def test_it_gives_every_core_a_distinct_readable_colour():
    colours = [core.colour for core in vocabulary().cores]
    assert len(set(colours)) == len(colours)
    for colour in colours:
        assert contrast_ratio(colour, TEXT_COLOUR) >= 4.5


def test_it_lists_the_unnamed_answers_in_order():
    unnamed = vocabulary().unnamed
    assert [item.word for item in unnamed] == ["numb", "flat", "far away", "can't tell"]
    assert all(isinstance(item, Unnamed) and item.meaning for item in unnamed)


def test_it_reads_the_file_once():
    assert vocabulary() is vocabulary()
    assert vocabulary().version == 1


# --- lookups ------------------------------------------------------------------------------------


def test_it_looks_words_up_case_insensitively():
    vocab = vocabulary()
    sad = vocab.get("sad")
    assert isinstance(sad, Feeling)
    assert vocab.get("SAD") is sad
    assert vocab.get("  Sad ") is sad
    assert vocab.get("Left Out").word == "left out"
    assert vocab.get("no such feeling") is None
    assert vocab.get("numb") is None  # unnamed answers are not wheel words...


def test_it_knows_wheel_words_and_unnamed_answers():
    vocab = vocabulary()
    assert vocab.is_known("numb")  # ...but they are known words
    assert vocab.is_known("Far Away")
    assert vocab.is_known("can't tell")
    assert vocab.is_known("LONELY")
    assert not vocab.is_known("splendiferous")
    assert not vocab.is_known("")


def test_it_fills_in_ring_core_parent_and_colour():
    vocab = vocabulary()
    sad = vocab.get("sad")
    lonely = vocab.get("lonely")
    isolated = vocab.get("isolated")
    assert (sad.ring, sad.core, sad.parent) == (1, "sad", "")
    assert (lonely.ring, lonely.core, lonely.parent) == (2, "sad", "sad")
    assert (isolated.ring, isolated.core, isolated.parent) == (3, "sad", "lonely")
    assert sad.colour == lonely.colour == isolated.colour
    assert all(feeling.meaning and feeling.body for feeling in vocab.all())


def test_it_follows_the_rings_with_children():
    vocab = vocabulary()
    for core in vocab.cores:
        for specific in vocab.children(core.word):
            assert (specific.ring, specific.parent, specific.core) == (2, core.word, core.word)
            for word in vocab.children(specific.word):
                assert (word.ring, word.parent, word.core) == (3, specific.word, core.word)
                assert vocab.children(word.word) == ()
    assert vocab.children("SAD") == vocab.children("sad")
    assert vocab.children("no such feeling") == ()


def test_it_lists_all_words_in_wheel_order():
    vocab = vocabulary()
    expected = []
    for core in vocab.cores:
        expected.append(core)
        for specific in vocab.children(core.word):
            expected.append(specific)
            expected.extend(vocab.children(specific.word))
    assert vocab.all() == tuple(expected)
    assert vocab.all()[0] is vocab.cores[0]
    assert [f.word for f in vocab.all()[:3]] == [
        vocab.cores[0].word,
        vocab.children(vocab.cores[0].word)[0].word,
        vocab.children(vocab.children(vocab.cores[0].word)[0].word)[0].word,
    ]


def test_it_computes_wcag_contrast():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#27292b", "#27292b") == pytest.approx(1)


# --- broken copies ------------------------------------------------------------------------------


def _duplicate_word(d):
    d["core"][1]["specific"][0]["words"][1]["word"] = d["core"][0]["word"]


def _duplicate_unnamed_word(d):
    d["core"][2]["specific"][1]["word"] = "numb"


def _long_meaning(d):
    d["core"][2]["specific"][0]["words"][1]["meaning"] = "a" * 111


def _long_body(d):
    d["core"][5]["specific"][2]["body"] = "b" * 111


def _empty_meaning(d):
    d["core"][0]["meaning"] = "  "


def _two_line_body(d):
    d["core"][3]["specific"][0]["words"][0]["body"] = "tight chest\nshaky hands"


def _bad_colour(d):
    d["core"][3]["colour"] = "blue"


def _short_colour(d):
    d["core"][4]["colour"] = "#abc"


def _low_contrast(d):
    d["core"][0]["colour"] = "#555555"


def _same_colour(d):
    d["core"][1]["colour"] = d["core"][0]["colour"]


def _unknown_key(d):
    d["core"][1]["specific"][2]["mood"] = "blue"


def _unknown_top_key(d):
    d["colours"] = []


def _missing_body(d):
    del d["core"][4]["specific"][1]["body"]


def _missing_colour(d):
    del d["core"][2]["colour"]


def _missing_words(d):
    del d["core"][0]["specific"][0]["words"]


def _uppercase_word(d):
    d["core"][1]["specific"][1]["word"] = "Quiet"


def _digit_word(d):
    d["core"][0]["specific"][1]["words"][0]["word"] = "happy2"


def _long_word(d):
    d["core"][0]["specific"][1]["words"][1]["word"] = "extraordinarily happy"


def _word_not_text(d):
    d["core"][0]["specific"][0]["words"][0]["word"] = 7


def _too_few_cores(d):
    d["core"] = d["core"][:5]


def _too_many_cores(d):
    d["core"] += [dict(d["core"][0], word=f"extra core {n}") for n in ("one", "two")]


def _too_few_specifics(d):
    d["core"][2]["specific"] = d["core"][2]["specific"][:2]


def _too_many_words(d):
    words = d["core"][6]["specific"][0]["words"]
    for name in ("extra one", "extra two", "extra three"):
        words.append({"word": name, "meaning": "An extra word.", "body": "an extra cue"})


def _too_few_words(d):
    d["core"][7]["specific"][0]["words"] = d["core"][7]["specific"][0]["words"][:1]


def _unnamed_reordered(d):
    d["unnamed"].reverse()


def _unnamed_unknown_key(d):
    d["unnamed"][1]["body"] = "heavy"


def _bad_version(d):
    d["version"] = 2


def _missing_version(d):
    del d["version"]


BROKEN = {
    "duplicate word": (_duplicate_word, "core[1].specific[0].words[1].word", "is used more than once"),
    "word taken by unnamed": (_duplicate_unnamed_word, "core[2].specific[1].word", "first at unnamed[0].word"),
    "too-long meaning": (
        _long_meaning,
        "core[2].specific[0].words[1].meaning",
        "is longer than 110 characters",
    ),
    "too-long body": (_long_body, "core[5].specific[2].body", "is longer than 110 characters"),
    "empty meaning": (_empty_meaning, "core[0].meaning", "is empty"),
    "two-line body": (_two_line_body, "core[3].specific[0].words[0].body", "must be one line"),
    "bad colour": (_bad_colour, "core[3].colour", "#rrggbb"),
    "short colour": (_short_colour, "core[4].colour", "#rrggbb"),
    "low-contrast colour": (_low_contrast, "core[0].colour", "needs at least 4.5:1"),
    "shared colour": (_same_colour, "core[1].colour", "is already used by core[0].colour"),
    "unknown key": (_unknown_key, "core[1].specific[2].mood", "is not a known key"),
    "unknown top-level key": (_unknown_top_key, "colours", "is not a known key"),
    "missing body": (_missing_body, "core[4].specific[1].body", "is missing"),
    "missing colour": (_missing_colour, "core[2].colour", "is missing"),
    "missing words": (_missing_words, "core[0].specific[0].words", "is missing"),
    "uppercase word": (_uppercase_word, "core[1].specific[1].word", "must be lowercase"),
    "digit in word": (_digit_word, "core[0].specific[1].words[0].word", "may only hold letters"),
    "too-long word": (_long_word, "core[0].specific[1].words[1].word", "is longer than 20 characters"),
    "word not text": (_word_not_text, "core[0].specific[0].words[0].word", "must be text"),
    "too few cores": (_too_few_cores, "core", "has 5 entries; it needs 6 to 8"),
    "too many cores": (_too_many_cores, "core", "has 10 entries; it needs 6 to 8"),
    "too few specifics": (_too_few_specifics, "core[2].specific", "has 2 entries; it needs 3 to 6"),
    "too many words": (_too_many_words, "core[6].specific[0].words", "it needs 2 to 4"),
    "too few words": (_too_few_words, "core[7].specific[0].words", "has 1 entries; it needs 2 to 4"),
    "unnamed out of order": (_unnamed_reordered, "unnamed", "in that order"),
    "unnamed unknown key": (_unnamed_unknown_key, "unnamed[1].body", "is not a known key"),
    "unsupported version": (_bad_version, "version", "this code reads version 1"),
    "missing version": (_missing_version, "version", "is missing"),
}


@pytest.mark.parametrize(("mutate", "field", "problem"), BROKEN.values(), ids=BROKEN.keys())
def test_it_names_the_file_and_field_of_each_problem(data, mutate, field, problem):
    mutate(data)
    errors = errors_for(data)
    prefix = f"{SOURCE}: {field} "
    matching = [error for error in errors if error.startswith(prefix)]
    assert matching, errors
    assert any(problem in error for error in matching), matching


def test_it_words_a_too_long_meaning_exactly(data):
    _long_meaning(data)
    assert errors_for(data) == [f"{SOURCE}: core[2].specific[0].words[1].meaning is longer than 110 characters"]


def test_it_counts_the_words_across_all_rings(data):
    for core in data["core"]:
        for specific in core["specific"]:
            specific["words"] = specific["words"][:2]
        core["specific"] = core["specific"][:3]
    errors = errors_for(data)
    assert any(error.startswith(f"{SOURCE}: core holds ") and "at least 130" in error for error in errors), errors


def test_it_rejects_data_that_is_not_a_table():
    assert validate([], SOURCE) == [f"{SOURCE}: the file must hold a table at the top level"]


def test_it_refuses_to_load_a_broken_file(tmp_path):
    broken = tmp_path / "feelings.toml"
    text = FEELINGS_PATH.read_text(encoding="utf-8")
    broken.write_text(text.replace('colour = "#c9d7e8"', 'colour = "#777777"'), encoding="utf-8")
    with pytest.raises(ValueError, match=r"core\[3\]\.colour") as raised:
        load(broken)
    assert str(raised.value).startswith(f"{broken}: ")


def test_it_loads_a_valid_copy(tmp_path):
    copy_path = tmp_path / "feelings.toml"
    copy_path.write_text(FEELINGS_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert [f.word for f in load(copy_path).all()] == [f.word for f in vocabulary().all()]


# --- the system check ---------------------------------------------------------------------------


def test_it_passes_the_system_check_with_the_real_file():
    assert check_feelings_vocabulary() == []


def test_it_runs_as_a_registered_system_check():
    from django.core import checks

    assert check_feelings_vocabulary in checks.registry.registry.get_checks()
    assert [e for e in checks.run_checks() if e.id == "journal.E001"] == []


def test_it_fails_the_system_check_for_a_broken_file(tmp_path):
    broken = tmp_path / "feelings.toml"
    text = FEELINGS_PATH.read_text(encoding="utf-8")
    text = text.replace('word = "calm"', 'word = "happy"', 1)  # a duplicate word
    text = text.replace('meaning = "Quiet inside;', 'mood = "blue"\nmeaning = "Quiet inside;', 1)  # an unknown key
    broken.write_text(text, encoding="utf-8")
    errors = check_feelings_vocabulary(None, path=broken)
    assert {error.id for error in errors} == {"journal.E001"}
    assert all(error.level == 40 for error in errors)  # ERROR: stops start-up
    messages = [error.msg for error in errors]
    assert any(m.startswith(f"{broken}: core[1].word ") and "used more than once" in m for m in messages), messages
    assert any(m.startswith(f"{broken}: core[1].mood ") for m in messages), messages


def test_it_fails_the_system_check_for_invalid_toml(tmp_path):
    broken = tmp_path / "feelings.toml"
    broken.write_text('version = 1\n[[core]\nword = "sad"\n', encoding="utf-8")
    errors = check_feelings_vocabulary(None, path=broken)
    assert [error.id for error in errors] == ["journal.E001"]
    assert errors[0].msg.startswith(f"{broken}: is not valid TOML")


def test_it_fails_the_system_check_for_a_missing_file(tmp_path):
    missing = tmp_path / "nowhere.toml"
    errors = check_feelings_vocabulary(None, path=missing)
    assert [error.id for error in errors] == ["journal.E001"]
    assert errors[0].msg.startswith(f"{missing}: cannot be read")
