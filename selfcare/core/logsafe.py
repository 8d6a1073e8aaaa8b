"""No secret reaches a log: the one list of addresses that carry a token, and the filter every log path uses.

A share link (/s/<token>), a sign-up link, a password-reset link and an unsubscribe link each carry a
secret in their path. Every log record, whatever wrote it (gunicorn's access and error logs, Django's
request and runserver logs, Celery's worker and task logs), passes `RedactSecrets`, which writes the
secret part as ``[token]``. The filter is attached where no command line can leave it out:

- `configure` is Django's LOGGING_CONFIG: it applies settings.LOGGING (whose handlers name the filter),
  then puts the filter on every handler that exists and on gunicorn's two loggers, so even a bare
  ``gunicorn selfcare.wsgi`` or ``manage.py runserver`` is covered once Django has started;
- gunicorn's logger class (selfcare/gunicorn_logging.py, named in selfcare/gunicorn.conf.py) adds it
  from the first line gunicorn writes;
- Celery's logging signals add it to the handlers the worker sets up (selfcare/celery.py).

TOKEN_URLS is the one list: a test walks the URL configuration and fails when a view that takes a
token is missing from it.
"""

from __future__ import annotations

import logging
import logging.config
import re
from dataclasses import dataclass, field

REDACTED = "[token]"
# What may come right before a path in a log line: the start, a space, a quote or bracket, "=" (a
# query string such as ?next=/s/...), or a scheme and host (a Referer, a link in a message).
_LEAD = r"(?P<lead>^|[\s\"'(<\[=,]|https?://[^/\s\"'<>]+)"
_SEGMENT = r"[^\s\"'<>/?#]+"


@dataclass(frozen=True)
class TokenUrl:
    """A view whose path carries a secret: its URL name, the path up to the secret, and the secret's shape."""

    name: str
    prefix: str
    secret: str
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "pattern", re.compile(_LEAD + re.escape(self.prefix) + f"(?:{self.secret})"))

    def redact(self, text: str) -> str:
        return self.pattern.sub(lambda match: f"{match['lead']}{self.prefix}{REDACTED}", text)


TOKEN_URLS: tuple[TokenUrl, ...] = (
    # Everything after /s/ is a token, even a malformed one (one view answers them all).
    TokenUrl("sharing:open", "/s/", r"[^\s\"'<>]+"),
    TokenUrl("accounts:signup_finish", "/accounts/signup/finish/", _SEGMENT),
    # <uidb64>/<token>, and Django's own <uidb64>/set-password after it; not .../sent/ or .../complete/.
    TokenUrl(
        "accounts:password_reset_confirm", "/accounts/password/reset/", rf"(?!sent/|complete/){_SEGMENT}/{_SEGMENT}"
    ),
    TokenUrl("reminders:unsubscribe", "/reminders/unsubscribe/", _SEGMENT),
)


def redact(text: str) -> str:
    """The text with the secret part of every token-bearing path replaced by [token]."""
    for url in TOKEN_URLS:
        if url.prefix in text:
            text = url.redact(text)
    return text


def _clean(value):
    return redact(value) if isinstance(value, str) else value


class RedactSecrets(logging.Filter):
    """Rewrites a record so that its message, its string arguments and its traceback carry no token."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted is the handler's problem, not ours
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        elif isinstance(record.args, dict):  # Celery passes its task details as a mapping
            record.args = {key: _clean(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_clean(value) for value in record.args)
        if record.exc_info and not record.exc_text:
            text = logging.Formatter().formatException(record.exc_info)
            if redact(text) != text:
                record.exc_text = redact(text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _has_it(filterer: logging.Filterer) -> bool:
    return any(isinstance(existing, RedactSecrets) for existing in filterer.filters)


def install(logger: logging.Logger) -> None:
    """Put the filter on the logger itself and on each of its handlers (once)."""
    for filterer in (logger, *logger.handlers):
        if not _has_it(filterer):
            filterer.addFilter(RedactSecrets())


def install_everywhere() -> None:
    """Every handler of every logger this process has, and gunicorn's loggers whether or not they exist yet."""
    loggers = [logging.getLogger(), logging.getLogger("gunicorn.error"), logging.getLogger("gunicorn.access")]
    loggers += [item for item in logging.root.manager.loggerDict.values() if isinstance(item, logging.Logger)]
    for logger in loggers:
        for handler in logger.handlers:
            if not _has_it(handler):
                handler.addFilter(RedactSecrets())
    for name in ("gunicorn.error", "gunicorn.access"):  # they log directly, so a filter on the logger holds
        install(logging.getLogger(name))


def configure(logging_settings: dict) -> None:
    """Django's LOGGING_CONFIG: apply settings.LOGGING, then make sure no handler is left without the filter."""
    logging.config.dictConfig(logging_settings)
    install_everywhere()
