"""No share, sign-up, reset or unsubscribe token reaches a log, however the server is started.

The last tests start gunicorn with the command docker-compose.yml gives the `web` service (and a
bare `gunicorn selfcare.wsgi`), and a Celery worker as the `worker` service, on this machine with the
test database, visit every kind of token link, and read every line they logged.
"""

from __future__ import annotations

import email
import email.policy
import http.cookiejar
import json
import logging
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from selfcare.core import logsafe
from selfcare.reminders import preferences, tokens
from tests.conftest import make_person
from tests.sharing.conftest import make_link
from tests.site.test_compose import _compose

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SHARE_TOKEN = "H6tnoapQ3x_-abcdefghijklmnopqrstuvwxyz01234"
# The names a view's secret arrives under.
SECRET_KWARGS = {"token", "uidb64"}


# The one list covers every view that takes a token --------------------------------------------------


def _patterns(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_every_view_that_takes_a_token_is_in_the_one_list():
    listed = {url.name for url in logsafe.TOKEN_URLS}
    taking_tokens = {
        name for name, pattern in _patterns(get_resolver()) if SECRET_KWARGS & set(pattern.pattern.regex.groupindex)
    }
    assert taking_tokens, "the walk found no token view at all"
    assert taking_tokens <= listed, (
        f"views taking a token but missing from logsafe.TOKEN_URLS: {taking_tokens - listed}"
    )
    assert listed <= taking_tokens, f"names in logsafe.TOKEN_URLS that take no token: {listed - taking_tokens}"


def _sample_path(name: str) -> tuple[str, list[str]]:
    """A real path for the view, with secrets made here, and the secrets in it."""
    secret, uid = secrets.token_urlsafe(20), "MTIzNDU"
    if name == "accounts:password_reset_confirm":
        return reverse(name, kwargs={"uidb64": uid, "token": secret}), [uid, secret]
    return reverse(name, kwargs={"token": secret}), [secret]


@pytest.mark.parametrize("url", logsafe.TOKEN_URLS, ids=lambda url: url.name)
def test_each_token_path_is_redacted_wherever_it_appears(url):
    path, hidden = _sample_path(url.name)
    assert path.startswith(url.prefix)
    for line in (
        path,
        f"Not Found: {path}",
        f'203.0.113.9 [01/Dec/2026:10:00:00 +0000] "GET {path} HTTP/1.1" 404 0 3ms',
        f"Referer: https://thaw.example{path}",
        f"('{settings.SITE_URL}{path}',)",
        f"/accounts/login/?next={path}",
    ):
        clean = logsafe.redact(line)
        for secret in hidden:
            assert secret not in clean, (line, clean)
        assert f"{url.prefix}{logsafe.REDACTED}" in clean


@pytest.mark.parametrize(
    "line",
    [
        "/shared/summary.pdf",
        "/settings/sharing/",
        "/exercises/s/5f0e2b8c-8a4e-4a39-9d2f-0d1b6f8a2c11/2/",  # a practice session, not a share link
        "https://thaw.example/exercises/s/5f0e2b8c-8a4e-4a39-9d2f-0d1b6f8a2c11/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/complete/",
        "/accounts/signup/sent/",
        "GET /reminders/unsubscribe/ HTTP/1.1",
    ],
)
def test_paths_without_a_token_are_left_alone(line):
    assert logsafe.redact(line) == line


def test_the_filter_cleans_messages_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "Not Found: %s", (f"/s/{SHARE_TOKEN}",), None)
    assert logsafe.RedactSecrets().filter(record)
    assert record.getMessage() == "Not Found: /s/[token]"
    # Celery passes its task details as a mapping; a handler may print them whole.
    record = logging.LogRecord("celery", logging.INFO, __file__, 1, "Task %(name)s received", None, None)
    record.args = {"name": "t", "args": f"('https://thaw.example/s/{SHARE_TOKEN}',)"}
    logsafe.RedactSecrets().filter(record)
    assert SHARE_TOKEN not in json.dumps(record.args)
    try:
        raise ValueError(f"bad link /s/{SHARE_TOKEN}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    logsafe.RedactSecrets().filter(record)
    assert SHARE_TOKEN not in logging.Formatter().format(record)


def test_every_handler_django_and_gunicorn_log_through_has_the_filter():
    """What settings.LOGGING and LOGGING_CONFIG leave behind in any process that started Django."""
    for name in ("", "django", "django.request", "django.server", "celery", "gunicorn.error", "gunicorn.access"):
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            if handler.__class__.__module__.startswith("_pytest"):
                continue
            assert any(isinstance(f, logsafe.RedactSecrets) for f in handler.filters), (name, handler)
    for name in ("gunicorn.error", "gunicorn.access"):
        assert any(isinstance(f, logsafe.RedactSecrets) for f in logging.getLogger(name).filters)


def test_the_celery_worker_logging_signals_add_the_filter():
    from celery.signals import after_setup_logger, after_setup_task_logger

    for signal in (after_setup_logger, after_setup_task_logger):
        logger = logging.getLogger(f"test.celery.{signal.name}")
        handler = logging.StreamHandler()
        logger.addHandler(handler)
        try:
            signal.send(sender=None, logger=logger, loglevel=logging.INFO, logfile=None, format="", colorize=False)
            assert any(isinstance(f, logsafe.RedactSecrets) for f in handler.filters), signal.name
        finally:
            logger.removeHandler(handler)


def test_compose_and_the_image_name_the_gunicorn_config_file(tmp_path):
    web = _service_commands(tmp_path)["web"]
    assert web[web.index("-c") + 1] == "selfcare/gunicorn.conf.py"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["gunicorn", "-c", "selfcare/gunicorn.conf.py", "selfcare.wsgi:application"]' in dockerfile
    conf = (ROOT / "selfcare/gunicorn.conf.py").read_text()
    assert 'logger_class = "selfcare.gunicorn_logging.RedactingLogger"' in conf


# gunicorn and a Celery worker, started as docker-compose.yml starts them ------------------------------


def _service_commands(tmp_path) -> dict[str, list[str]]:
    result = _compose(ROOT / "docker-compose.yml", "config", "--format", "json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return {name: service.get("command") for name, service in json.loads(result.stdout)["services"].items()}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _local_env(tmp_path: Path, port: int) -> dict[str, str]:
    """The test database, broker and keys; development mode (no collected static files needed)."""
    strip = ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "THAW_", "DJANGO_", "SECRET_KEY", "EMAIL_URL", "SITE_URL")
    env = {key: value for key, value in os.environ.items() if not key.startswith(strip)}
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    env.update(
        DATABASE_URL=urllib.parse.urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"])),
        REDIS_URL=os.environ["REDIS_URL"],
        CACHE_URL=settings.CACHES["default"]["LOCATION"],
        SECRET_KEY=settings.SECRET_KEY,
        FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
        EMAIL_URL=f"file://{tmp_path / 'mail'}",
        SITE_URL=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1",
        THAW_VAR_DIR=str(tmp_path / "var"),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


def _local(command: list[str], port: int | None = None) -> list[str]:
    """The command as given, with the program from this environment and, for gunicorn, a local address."""
    program, *args = command
    if port is not None:
        kept, skip = [], False
        for arg in args:
            if skip:
                skip = False
            elif arg in ("-b", "--bind"):
                skip = True
            elif not arg.startswith("--bind="):
                kept.append(arg)
        args = [*kept, f"--bind=127.0.0.1:{port}"]
    return [str(BIN / program), *args]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies, CSRF tokens, no automatic redirects."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.requests = 0

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict) -> tuple[int, str, str]:
        self.get(path)  # the form, and its CSRF cookie
        csrf = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path}))

    def _open(self, request) -> tuple[int, str, str]:
        self.requests += 1
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode()


def _wait_for(what: str, check, process: subprocess.Popen, log: Path, cap: float = 90):
    """Poll for an event; the cap only ends a hung test."""
    deadline = time.monotonic() + cap
    while True:
        found = check()
        if found:
            return found
        if process.poll() is not None:
            raise AssertionError(f"stopped while waiting for {what}:\n{log.read_text()[-3000:]}")
        assert time.monotonic() < deadline, f"gave up waiting for {what}:\n{log.read_text()[-3000:]}"
        time.sleep(0.1)


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _links_in_mail(folder: Path, marker: str) -> list[str]:
    found = []
    for path in sorted(folder.glob("*")) if folder.exists() else []:
        for chunk in path.read_bytes().split(b"-" * 79):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
            body = message.get_body(("plain",))
            text = body.get_content() if body is not None else ""
            found += re.findall(r"https?://[^/\s]+(" + re.escape(marker) + r"[^\s]+/)", text)
    return found


def _access_lines(log: Path) -> int:
    return len(re.findall(r'"(?:GET|POST|HEAD) /', log.read_text()))


@pytest.fixture
def token_links(transactional_db):
    """One of each kind of token link, made here with the keys the servers share."""
    person = make_person("kept@example.com")
    _, share = make_link(person)
    unsubscribe = tokens.make(preferences.for_user(person))
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    reset = default_token_generator.make_token(person)
    from selfcare.accounts import signup

    finish = signup.make_token(
        signup.PendingSignup("made@example.com", "UTC", settings.CONSENT_VERSION, "2026-12-01T10:00:00+00:00", "x")
    )
    paths = [
        f"/s/{share}",
        f"/s/{share[:-3]}zzz",  # wrong
        f"/s/{SHARE_TOKEN}/with/slashes",  # malformed
        f"/reminders/unsubscribe/{unsubscribe}/",
        f"/reminders/unsubscribe/{unsubscribe[:-4]}abcd/",  # tampered: 404
        f"/accounts/signup/finish/{finish}/",
        f"/accounts/signup/finish/{finish[:-4]}abcd/",  # tampered: 400
        f"/accounts/password/reset/{uid}/{reset}/",
        f"/accounts/password/reset/{uid}/{reset[:-4]}abcd/",  # invalid link page
    ]
    # The tampered copies differ only at the end: what they share with the real ones must not show.
    hidden = [share[:-3], SHARE_TOKEN, unsubscribe[:-4], finish[:-4], reset[:-4], f"/{uid}/"]
    return person, paths, hidden


def _assert_clean(logs: dict[str, str], hidden: list[str]) -> None:
    for name, text in logs.items():
        for secret in hidden:
            assert secret not in text, f"a token reached the {name} log:\n" + "\n".join(
                line for line in text.splitlines() if secret in line
            )


def test_gunicorn_as_compose_starts_it_and_the_worker_log_no_token(tmp_path, token_links, redis_url):
    person, paths, hidden = token_links
    commands = _service_commands(tmp_path)
    port = _free_port()
    env = _local_env(tmp_path, port)
    web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
    web = _start(_local(commands["web"], port), env, web_log)
    worker = _start(_local(commands["worker"]), env, worker_log)
    browser = Browser(f"http://127.0.0.1:{port}")
    try:
        _wait_for("gunicorn", lambda: _try(browser, "/livez"), web, web_log)
        answers = {path: browser.get(path)[0] for path in paths}
        assert answers[paths[0]] == 302 and answers[paths[1]] == 404 and answers[paths[4]] == 404, answers
        assert answers[paths[6]] == 400 and answers[paths[7]] == 302, answers

        # Sign-up and reset links made by the worker, from the forms, as a person would get them.
        signup = {"email": "someone-new@example.com", "time_zone": "UTC", "age_confirmed": "on", "consent": "on"}
        assert browser.post("/accounts/signup/", signup)[:2] == (302, "/accounts/signup/sent/")
        assert browser.post("/accounts/password/reset/", {"email": person.email})[:2][0] == 302
        mail = tmp_path / "mail"
        finish = _wait_for(
            "the sign-up email", lambda: _links_in_mail(mail, "/accounts/signup/finish/"), worker, worker_log
        )
        reset = _wait_for(
            "the reset email", lambda: _links_in_mail(mail, "/accounts/password/reset/"), worker, worker_log
        )
        status, location, _ = browser.get(reset[0])
        assert status == 302 and location.endswith("/set-password/")
        assert browser.get(location)[0] == 200
        assert browser.get(finish[0])[0] == 200
        hidden += [link.rstrip("/").split("/")[-1] for link in finish + reset]

        _wait_for("every access line", lambda: _access_lines(web_log) >= browser.requests, web, web_log)
    finally:
        _stop(web)
        _stop(worker)
    logs = {"web": web_log.read_text(), "worker": worker_log.read_text()}
    _assert_clean(logs, hidden)
    # The lines are there, with the secret part written as [token].
    for prefix in ("/s/", "/reminders/unsubscribe/", "/accounts/signup/finish/", "/accounts/password/reset/"):
        assert f'"GET {prefix}[token]' in logs["web"], prefix
    assert "Not Found: /reminders/unsubscribe/[token]/" in logs["web"]
    assert "Bad Request: /accounts/signup/finish/[token]/" in logs["web"]
    assert re.search(r"send_password_reset\[[^\]]+\] succeeded", logs["worker"])


def test_a_bare_gunicorn_command_logs_no_token_either(tmp_path, token_links):
    """Without the config file: Django's logging configuration still covers its own and gunicorn's logs."""
    _, paths, hidden = token_links
    port = _free_port()
    web_log = tmp_path / "web.log"
    command = ["gunicorn", "selfcare.wsgi:application", "--access-logfile=-", "--workers=1"]
    web = _start(_local(command, port), _local_env(tmp_path, port), web_log)
    browser = Browser(f"http://127.0.0.1:{port}")
    try:
        _wait_for("gunicorn", lambda: _try(browser, "/livez"), web, web_log)
        for path in paths:
            browser.get(path)
        _wait_for("every access line", lambda: _access_lines(web_log) >= browser.requests, web, web_log)
    finally:
        _stop(web)
    log = web_log.read_text()
    _assert_clean({"web": log}, hidden)
    assert "/s/[token]" in log and "Not Found: /reminders/unsubscribe/[token]/" in log


def _try(browser: Browser, path: str) -> bool:
    try:
        return browser.get(path)[0] == 200
    except (urllib.error.URLError, ConnectionError):
        browser.requests -= 1  # refused before gunicorn listened: nothing was logged
        return False
