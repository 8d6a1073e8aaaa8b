"""Every email Thaw sends goes through this module.

Each email has three templates under templates/emails/: <name>-subject.txt,
<name>-body.txt and <name>-body.html. Emails never carry what a person wrote or
scored (SAFETY.md §2.4); the footer always links to the help page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def absolute(path: str) -> str:
    """A link for an email: emails are read outside the site, so every link is absolute."""
    return settings.SITE_URL + path


def build(name: str, to: str, context: dict | None = None, headers: dict | None = None) -> EmailMultiAlternatives:
    context = {
        **(context or {}),
        "site_url": settings.SITE_URL,
        "help_url": absolute(reverse("help")),
    }
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def send(name: str, to: str, context: dict | None = None, headers: dict | None = None) -> None:
    build(name, to, context, headers).send()
