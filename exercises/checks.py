from pathlib import Path

from django.core import checks

from exercises.content import CONTENT_DIR, ContentError, load_all


@checks.register()
def check_exercise_content(app_configs=None, directory: Path = CONTENT_DIR, **kwargs):
    """Refuse to start with a broken exercise file, naming the file and field."""
    try:
        exercises = load_all(directory)
    except ContentError as exc:
        return [checks.Error(message, id="exercises.E001") for message in exc.errors]
    if not exercises:
        return [checks.Error(f"no exercise definitions found in {directory}", id="exercises.E002")]
    return []
