"""Reminders follow the person's time zone: when it changes, every next time is worked out again."""

from __future__ import annotations


def follow_time_zone(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and "time_zone" not in update_fields):
        return  # a login or another field: nothing about time changed
    from selfcare.reminders import preferences

    preferences.reschedule_all(instance)
