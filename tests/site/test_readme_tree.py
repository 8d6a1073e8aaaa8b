"""The README's architecture tree matches the code: each folder it lists exists and is listed once, and
every app and every top-level folder is in it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENTRY = re.compile(r"^(?P<indent>(?:  )*)(?P<name>[\w.-]+/)(?:\s{2,}|$)")


def readme_tree() -> list[str]:
    """The folders of the tree under "## Architecture", as paths from the repository root."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Architecture\n", 1)[1]
    block = section.split("```\n", 2)[1]
    folders: list[str] = []
    parents: list[str] = []
    for line in block.splitlines():
        if not (match := ENTRY.match(line)):
            continue  # a description running on under its folder
        depth = len(match["indent"]) // 2
        parents[depth:] = [match["name"]]
        folders.append("".join(parents[: depth + 1]).rstrip("/"))
    return folders


def test_each_listed_folder_exists_and_is_listed_once():
    folders = readme_tree()
    assert [folder for folder in folders if not (ROOT / folder).is_dir()] == []
    assert sorted({folder for folder in folders if folders.count(folder) > 1}) == []


def test_every_app_is_listed():
    paths = [Path(config.path) for config in apps.get_app_configs() if Path(config.path).is_relative_to(ROOT)]
    ours = {path.relative_to(ROOT).as_posix() for path in paths if not path.relative_to(ROOT).parts[0].startswith(".")}
    assert sorted(ours - set(readme_tree())) == []


def test_every_top_level_folder_is_listed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top = {line.split("/", 1)[0] for line in tracked.splitlines() if "/" in line and not line.startswith(".")}
    assert sorted(top - set(readme_tree())) == []


def test_it_reads_nesting_from_the_indent():
    assert ENTRY.match("  core/               infrastructure")["name"] == "core/"
    assert ENTRY.match("                      (content/instruments.toml, screening.py), trends,") is None
