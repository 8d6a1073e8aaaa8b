import pytest

from exercises import content, runner


@pytest.fixture
def grounding_session(person):
    return runner.start(person, content.get("grounding"))


def answers_for(step):
    """A valid POST for any content step, as a person might fill it in."""
    if step.type == "prompt":
        return {"text": "" if step.optional else "Something small happened."}
    if step.type == "timer":
        return {"minutes": str(step.minutes[0])}
    if step.type == "senses-count":
        return {"note_1": "a blue mug"}
    if step.type == "body-map":
        return {"sensations": [step.sensations[0]]}
    if step.type == "feelings-pick":
        return {"words": ["calm"], "intensity": "4", "body": "chest"}
    if step.type == "rating":
        return {"value": "5"}
    if step.type == "choice":
        return {"value": [o.value for o in step.options[:2]] if step.multiple else step.options[0].value}
    return {}
