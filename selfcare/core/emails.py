"""Every email Thaw sends goes through this module.

Each email has three templates under templates/emails/: <name>-subject.txt,
<name>-body.txt and <name>-body.html. Emails never carry what a person wrote or
scored (SAFETY.md §2.4); the footer always links to the help page.
"""

from __future__ import annotations

import contextlib
import email.policy
import smtplib
import threading

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse


def absolute(path: str) -> str:
    """A link for an email: emails are read outside the site, so every link is absolute."""
    return settings.SITE_URL + path


class Message(EmailMultiAlternatives):
    """Keeps each header on one line (up to SMTP's 998 characters) instead of folding at 78.

    Python folds a header whose single word is longer than 78 characters into
    RFC 2047 encoded words, which turns the URL in List-Unsubscribe into
    something mail programs can no longer read (RFC 2369 and 8058 expect a plain <URL>).
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def build(name: str, to: str, context: dict | None = None, headers: dict | None = None) -> EmailMultiAlternatives:
    context = {
        **(context or {}),
        "site_url": settings.SITE_URL,
        "help_url": absolute(reverse("help")),
    }
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = Message(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def send(name: str, to: str, context: dict | None = None, headers: dict | None = None) -> None:
    build(name, to, context, headers).send()


def send_built(message: EmailMultiAlternatives) -> None:
    """Send a message made by `build` (when the caller needs it first, e.g. to set headers from a row)."""
    message.send()


_kept = threading.local()


def send_kept(message: EmailMultiAlternatives) -> None:
    """Send on a connection this thread keeps open between calls (workers sending many emails).

    A kept connection the server has since closed is reopened once. Any other
    error closes it and propagates, so the caller can retry later.
    """
    config = repr(mailers.settings.get("default"))
    for attempt in range(2):
        connection = getattr(_kept, "connection", None)
        if connection is None or _kept.config != config:
            close_kept()
            connection = mailers.default
            connection.open()
            _kept.connection, _kept.config = connection, config
        try:
            connection.send_messages([message])
            return
        except smtplib.SMTPServerDisconnected:
            close_kept()
            if attempt:
                raise
        except Exception:
            close_kept()
            raise


def close_kept() -> None:
    connection = getattr(_kept, "connection", None)
    _kept.connection = None
    if connection is not None:
        # Closing a broken connection may fail; it is gone either way.
        with contextlib.suppress(Exception):
            connection.close()
