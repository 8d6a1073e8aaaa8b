"""The questionnaires say exactly what SAFETY.md says, and score as published."""

import re
from pathlib import Path

import pytest

from selfcare.checkins import instruments

SPEC = Path(__file__).resolve().parents[2] / "docs" / "SAFETY.md"


@pytest.fixture(scope="module")
def spec() -> str:
    return re.sub(r"\s+", " ", SPEC.read_text(encoding="utf-8"))


def section(spec: str, start: str, end: str) -> str:
    return spec[spec.index(start) : spec.index(end, spec.index(start))]


def numbered(text: str, count: int) -> list[str]:
    """'1. A · 2. B' or '1. A 2. B' -> ['A', 'B'], trimmed of the separators."""
    parts = re.split(r"(?:^|\s·\s|\s)(\d)\.\s", " " + text)
    items = [parts[i + 1].strip().rstrip("·").strip() for i in range(1, len(parts) - 1, 2)]
    assert len(items) == count, items
    return items


def options(text: str) -> dict[str, int]:
    return {label.strip(): int(value) for label, value in re.findall(r"([A-Za-z][A-Za-z ]+?) = (\d)", text)}


def test_phq9_matches_the_spec_word_for_word(spec):
    part = section(spec, "### 1.2 PHQ-9", "Functional item")
    phq9 = instruments.get("phq9")
    assert f'Stem: **"{phq9.stem}"**' in part
    items = numbered(part[part.index("Nearly every day = 3") + len("Nearly every day = 3") :], 9)
    assert [q.text for q in phq9.items] == items
    assert {o.label: o.value for o in phq9.items[0].options} == options(part[: part.index("1. Little")])
    functional = section(spec, "Functional item (not scored):", "(Maps directly")
    assert f'"{phq9.functional.text}"' in functional
    assert " · ".join(o.label for o in phq9.functional.options) in functional


def test_gad7_matches_the_spec_word_for_word(spec):
    part = section(spec, "### 1.3 GAD-7", "Same functional item")
    gad7 = instruments.get("gad7")
    assert f'Stem: "{gad7.stem}"' in part
    listed = numbered(part[part.index("options.") + len("options.") :], 7)
    listed[-1] = listed[-1].removesuffix(".")  # the spec's sentence ends there; the item has no full stop
    assert [q.text for q in gad7.items] == listed
    assert [o.label for o in gad7.items[0].options] == [o.label for o in instruments.get("phq9").items[0].options]
    assert gad7.functional.text == instruments.get("phq9").functional.text


def test_who5_matches_the_spec_word_for_word(spec):
    part = section(spec, "### 1.4 WHO-5", "Scoring: raw")
    who5 = instruments.get("who5")
    assert f'Stem: "{who5.stem}"' in part
    items_text = part[part.index("Items:") + len("Items:") :]
    expected = [text if text.endswith(".") else text + "." for text in numbered(items_text, 5)]
    assert [q.text for q in who5.items] == expected
    listed = options(part[part.index("Options:") : part.index("Items:")])
    assert {o.label: o.value for o in who5.items[0].options} == listed
    assert [o.value for o in who5.items[0].options] == [5, 4, 3, 2, 1, 0]  # shown as published, highest first


def test_pc_ptsd5_matches_the_spec_word_for_word(spec):
    part = section(spec, "### 1.5 PC-PTSD-5", "Score 0–5")
    ptsd = instruments.get("pcptsd5")
    assert f'"{ptsd.exposure.text}"' in part
    assert f'"{ptsd.stem}"' in part
    assert [q.text for q in ptsd.items] == numbered(part[part.index("(Yes = 1 / No = 0)") + 18 :], 5)
    assert [o.label for o in ptsd.exposure.options] == ["NO", "YES"]
    assert {o.label: o.value for o in ptsd.items[0].options} == {"Yes": 1, "No": 0}


def test_the_single_questions_match_the_spec(spec):
    assert f'"{instruments.get("d").items[0].text}" 0–3 (PHQ-style)' in spec
    assert f'"{instruments.get("history").items[0].text}"' in spec
    assert [o.label for o in instruments.get("d").items[0].options] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]


def test_the_required_attribution_is_shown_with_phq_and_gad(spec):
    for slug in ("phq9", "gad7"):
        assert f'"{instruments.get(slug).attribution}"' in spec
    assert "Psychiatric Center North Zealand" in instruments.get("who5").attribution


@pytest.mark.parametrize(
    ("slug", "answers", "score", "band"),
    [
        ("phq9", dict.fromkeys("123456789", 0), 0, "minimal"),
        ("phq9", {**dict.fromkeys("123456789", 0), "1": 3, "2": 1}, 4, "minimal"),
        ("phq9", {**dict.fromkeys("123456789", 0), "1": 3, "2": 2}, 5, "mild"),
        ("phq9", {**dict.fromkeys("123456789", 1), "1": 2}, 10, "moderate"),
        ("phq9", {**dict.fromkeys("123456789", 2), "1": 1}, 17, "moderately-severe"),
        ("phq9", {**dict.fromkeys("123456789", 2), "1": 3, "2": 3}, 20, "severe"),
        ("phq9", dict.fromkeys("123456789", 3), 27, "severe"),
        ("gad7", {**dict.fromkeys("1234567", 2), "1": 0}, 12, "moderate"),
        ("gad7", dict.fromkeys("1234567", 3), 21, "severe"),
        ("who5", dict.fromkeys("12345", 5), 100, "good"),
        ("who5", {**dict.fromkeys("12345", 1), "1": 2, "2": 2}, 28, "low"),
        ("who5", {**dict.fromkeys("12345", 1), "1": 2, "2": 2, "3": 2}, 32, "reduced"),
        ("who5", {**dict.fromkeys("12345", 2), "1": 3, "2": 3, "3": 3}, 52, "good"),
        ("pcptsd5", {"exposure": 0}, 0, "below"),
        ("pcptsd5", {"exposure": 1, "1": 1, "2": 1, "3": 0, "4": 0, "5": 0}, 2, "below"),
        ("pcptsd5", {"exposure": 1, "1": 1, "2": 1, "3": 1, "4": 0, "5": 0}, 3, "at-or-above"),
        ("d", {"1": 2}, 2, "often"),
    ],
)
def test_scores_and_bands(slug, answers, score, band):
    instrument = instruments.get(slug)
    assert instrument.score(answers) == score
    assert instrument.band(score).key == band


def test_a_missing_answer_means_no_score_yet():
    phq9 = instruments.get("phq9")
    answers = dict.fromkeys("12345678", 1)
    assert phq9.score(answers) is None
    assert phq9.band(None) is None
    assert not phq9.is_complete(answers)


def test_the_difficulty_question_follows_only_when_a_problem_was_checked_off():
    phq9 = instruments.get("phq9")
    none = dict.fromkeys("123456789", 0)
    assert phq9.is_complete(none)
    some = {**none, "4": 1}
    assert not phq9.is_complete(some)
    assert phq9.questions(some)[-1].key == "functional"
    assert phq9.is_complete({**some, "functional": 0})


def test_a_no_to_the_trauma_question_ends_pc_ptsd5():
    ptsd = instruments.get("pcptsd5")
    assert [q.key for q in ptsd.questions({"exposure": 0})] == ["exposure"]
    assert len(ptsd.questions({"exposure": 1})) == 6
