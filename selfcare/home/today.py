"""What the Today page says, worked out in the person's own time zone."""

from __future__ import annotations

import datetime


def greeting(local_now: datetime.datetime) -> str:
    hour = local_now.hour
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    if 18 <= hour < 23:
        return "Good evening"
    return "Hello"
