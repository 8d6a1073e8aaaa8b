"""Every saved or deleted row that belongs to a person makes their kept pages unreachable (pagecache.py)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from selfcare import pagecache

# The apps whose rows a person's pages are built from.
PERSONAL_APPS = {"accounts", "checkins", "reminders", "sharing", "journal", "exercises", "plan", "joy"}
# Rows with no owner of their own: whose they are, through which relation.
OWNER_THROUGH = {"sharing.ShareView": "link"}
# Rows no kept page shows (written in bulk by the dispatcher, read only by the sender).
NOT_ON_PAGES = {"reminders.ReminderDelivery"}


def personal_models() -> list:
    return [model for model in apps.get_models() if model._meta.app_label in PERSONAL_APPS]


def owner_of(instance) -> int | None:
    if instance._meta.label == settings.AUTH_USER_MODEL:
        return instance.pk
    if hasattr(instance, "owner_id"):
        return instance.owner_id
    through = OWNER_THROUGH.get(instance._meta.label)
    if through is None:
        return None
    try:
        return getattr(instance, through).owner_id
    except Exception:  # noqa: BLE001 - the parent went first in a cascade; its own signal forgot the pages
        return None


def _forget(sender, instance, **kwargs) -> None:
    pagecache.changed(owner_of(instance))


def connect() -> None:
    for model in personal_models():
        if model._meta.label in NOT_ON_PAGES:
            continue
        post_save.connect(_forget, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
