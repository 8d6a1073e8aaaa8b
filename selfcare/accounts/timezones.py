"""IANA time zones: the list people choose from, and validation."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError

# Legacy aliases ("US/Pacific", "EST5EDT") are valid but confusing in a list.
_REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


@cache
def choosable_zones() -> tuple[str, ...]:
    zones = {z for z in zoneinfo.available_timezones() if z.split("/")[0] in _REGIONS}
    return tuple(sorted(zones | {"UTC"}))


@cache
def zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Zones grouped by region for a <select> with <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone in choosable_zones():
        region, _, place = zone.partition("/")
        label = f"{place.replace('_', ' ')} ({region})" if place else zone
        groups.setdefault(region if place else "Other", []).append((zone, label))
    return sorted(groups.items())


def is_valid_zone(name: str) -> bool:
    return name in choosable_zones() or name in zoneinfo.available_timezones()


def validate_time_zone(name: str) -> None:
    if not is_valid_zone(name):
        raise ValidationError(
            "Please choose a time zone from the list, such as Europe/London or America/New_York.",
            code="invalid_time_zone",
        )
