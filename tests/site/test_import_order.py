"""Dependencies point one way (DESIGN.md, Layout), read from the source with `ast`.

    core <- accounts <- {journal, checkins} <- exercises <- exercises.plan <- {reminders, sharing} <- home <- urls

exercises.joy uses only core and accounts. Every import counts, also one inside a function (a lazy import
hides an arrow, it does not remove it); only imports under `if TYPE_CHECKING:` are left out, since they
never run. Besides the order, no module may reach itself again through its imports (a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("selfcare", "exercises", "journal")

EXEMPT: set[str] = set()

# The Celery app is configuration, like settings: it imports nothing of ours but core (log redaction),
# and any module may reach it.
BASE = {"selfcare", "selfcare.celery"}

# Each room, by module prefix (the longest prefix wins), and the rooms it may import.
ROOMS = {
    "selfcare.core": "core",
    "selfcare.accounts": "accounts",
    "journal": "journal",
    "selfcare.checkins": "checkins",
    "exercises": "exercises",
    "exercises.plan": "plan",
    "exercises.joy": "joy",
    "selfcare.reminders": "reminders",
    "selfcare.sharing": "sharing",
    "selfcare.home": "home",
}
# The project's wiring, which may import every room.
WIRING = {"selfcare.settings", "selfcare.env", "selfcare.urls", "selfcare.wsgi", "selfcare.asgi", "selfcare.apps"}
WIRING |= {"selfcare.gunicorn_logging", "selfcare.gunicorn.conf"}  # gunicorn's logger and config file

_FEATURES = {"accounts", "journal", "checkins", "exercises", "plan", "reminders", "sharing"}
MAY_IMPORT = {
    "core": set(),
    "accounts": {"core"},
    "journal": {"core", "accounts"},
    "checkins": {"core", "accounts"},
    "exercises": {"core", "accounts", "journal", "checkins"},
    "plan": {"core", "accounts", "journal", "checkins", "exercises"},
    "joy": {"core", "accounts"},
    "reminders": {"core", "accounts", "journal", "checkins", "exercises", "plan"},
    "sharing": {"core", "accounts", "journal", "checkins", "exercises", "plan"},
    "home": {"core", "joy"} | _FEATURES,
    "wiring": {"core", "joy", "home", "wiring"} | _FEATURES,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def room_of(module: str) -> str:
    if module in WIRING:
        return "wiring"
    prefixes = [prefix for prefix in ROOMS if module == prefix or module.startswith(prefix + ".")]
    if not prefixes:
        raise LookupError(f"{module} is in no room: add it to ROOMS or WIRING in {Path(__file__).name}")
    return ROOMS[max(prefixes, key=len)]


class _Imports(ast.NodeVisitor):
    """(line, imported name) for every import that runs, wherever it stands."""

    def __init__(self, module: str, is_package: bool):
        self.module, self.is_package = module, is_package
        self.found: list[tuple[int, str]] = []

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found += [(node.lineno, alias.name) for alias in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.module.split(".") if self.is_package else self.module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join(package + ([node.module] if node.module else []))
        self.found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names] + [(node.lineno, base)]


def imports_of(module: str, path: Path, known: set[str]) -> list[tuple[int, str]]:
    """The project modules `module` imports: `from a import b` counts as a.b when that is a module, else a."""
    visitor = _Imports(module, path.name == "__init__.py")
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    names = {(line, name) for line, name in visitor.found}
    edges = set()
    for line, name in names:
        if name in known and name != module:
            # `from a import b` also yields "a": keep it only when b is not a module of its own.
            submodules = {other for other_line, other in names if other_line == line and other.startswith(name + ".")}
            if not submodules & known:
                edges.add((line, name))
    return sorted(edges)


def import_graph() -> dict[str, list[tuple[int, str]]]:
    modules = project_modules()
    known = set(modules)
    return {module: imports_of(module, path, known) for module, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_room():
    for module in project_modules():
        if module not in EXEMPT | BASE:
            room_of(module)


def test_the_celery_app_imports_nothing_of_ours_but_core():
    graph = import_graph()
    beyond_core = {
        module: [name for _, name in graph[module] if room_of(name) != "core"]
        for module in BASE
        if module != "selfcare"
    }
    assert {module: names for module, names in beyond_core.items() if names} == {}
    assert [name for _, name in graph["selfcare"]] == ["selfcare.celery"]


def test_no_import_points_against_the_order():
    against = []
    for module, imported in import_graph().items():
        if module in EXEMPT | BASE:
            continue
        room = room_of(module)
        for line, target in imported:
            if target in EXEMPT | BASE:
                continue
            target_room = room_of(target)
            if target_room != room and target_room not in MAY_IMPORT[room]:
                against.append(f"{module}:{line} imports {target} ({room} may not import {target_room})")
    assert not against, "\n".join(against)


def test_no_module_reaches_itself_through_its_imports():
    graph = {
        module: {target for _, target in imported if target not in EXEMPT}
        for module, imported in import_graph().items()
        if module not in EXEMPT
    }
    cycles = _cycles(graph)
    assert not cycles, "\n".join(" <-> ".join(cycle) for cycle in cycles)


def test_it_sees_lazy_imports_and_skips_type_only_ones(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from selfcare.accounts.models import User\n"
        "def later():\n    from selfcare.checkins import tasks\n    from exercises.plan import days as plan\n",
        encoding="utf-8",
    )
    known = {"selfcare.accounts.models", "selfcare.checkins", "selfcare.checkins.tasks", "exercises.plan.days"}
    assert imports_of("selfcare.core.sample", source, known) == [
        (5, "selfcare.checkins.tasks"),
        (6, "exercises.plan.days"),
    ]


def test_it_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
