import tomllib
from pathlib import Path

from django.core import checks

from exercises.plan.days import PLAN_FILE, validate


@checks.register()
def check_plan_content(app_configs=None, path: Path | None = None, **kwargs):
    """Refuse to start with a broken seven-day plan file."""
    path = path or PLAN_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [checks.Error(f"{path.name}: could not be read ({exc})", id="exercises.E003")]
    return [checks.Error(message, id="exercises.E003") for message in validate(data)]
