"""The settings in their real shapes, each in a fresh process."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Variables that would leak the test configuration into the child process.
_STRIP = (
    "DATABASE_URL",
    "REDIS_URL",
    "THAW_",
    "DJANGO_",
    "SECRET_KEY",
    "EMAIL_URL",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "FIELD_",
)


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_STRIP)}
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _serve_and_get(env: dict[str, str], path: str) -> tuple[int, dict]:
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "selfcare.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert server.stderr is not None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError(
                        server.stderr.read().decode() if server.poll() is not None else "timeout"
                    ) from None
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=15)


def _production_env(**extra: str) -> dict[str, str]:
    return _clean_env(
        THAW_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        SITE_URL="https://thaw.example",
        ALLOWED_HOSTS="thaw.example",
        EMAIL_URL="smtp://127.0.0.1:1025",
        FIELD_ENCRYPTION_KEYS="Yk2pTqzXw8nQeZ9cVJr1sD4fH6gL0mA3bN5uE7iO2tY=",
        **extra,
    )


@pytest.mark.parametrize(
    "shape",
    [{}, {"BEHIND_TLS_PROXY": "true", "PROXY_COUNT": "1"}],
    ids=["tls-at-gunicorn", "behind-a-tls-proxy"],
)
def test_the_deploy_check_is_clean_in_production(shape):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env(**shape))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "SITE_URL", "FIELD_ENCRYPTION_KEYS"])
def test_production_refuses_to_start_without_its_essentials(missing):
    env = _production_env()
    del env[missing]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing}" in result.stderr and "required in production" in result.stderr


def test_production_uses_argon2_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=_production_env())
    assert result.stdout.split() == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "True",
        "True",
        "False",
        "True",
    ]


def test_the_embedded_default_migrates_and_serves_healthz(tmp_path):
    env = _clean_env(THAW_VAR_DIR=str(tmp_path))
    migrated = _manage("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "thaw.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
    status, body = _serve_and_get(env, "/healthz")
    assert status == 200
    assert body == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_database_is_down(tmp_path):
    env = _clean_env(THAW_VAR_DIR=str(tmp_path), DATABASE_URL="postgres://postgres@127.0.0.1:1/thaw")
    status, body = _serve_and_get(env, "/healthz")
    assert status == 503
    assert body["database"] == "unavailable"


def test_models_and_migrations_agree():
    result = _manage("makemigrations", "--check", "--dry-run", env=_clean_env(DATABASE_URL=os.environ["DATABASE_URL"]))
    assert result.returncode == 0, result.stdout


def test_the_vendored_htmx_is_version_2_as_the_readme_says():
    htmx = (ROOT / "static/js/htmx.min.js").read_text()
    readme = (ROOT / "README.md").read_text()
    version = htmx.split('version:"', 1)[1].split('"', 1)[0]
    assert version.startswith("2.")
    assert f"htmx {version}" in readme
