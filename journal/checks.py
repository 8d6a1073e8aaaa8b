from pathlib import Path

from django.core import checks

from journal.feelings import FEELINGS_PATH, problems


@checks.register()
def check_feelings_vocabulary(app_configs=None, path: Path = FEELINGS_PATH, **kwargs):
    """Refuse to start with a broken feelings vocabulary, naming the file and field of each problem."""
    return [checks.Error(message, id="journal.E001") for message in problems(path)]
