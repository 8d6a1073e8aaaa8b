"""Crisis resources, kept as content (checkins/content/crisis_resources.toml)."""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_SOURCE = Path(__file__).parent / "content" / "crisis_resources.toml"


@dataclass(frozen=True)
class Resource:
    name: str
    about: str
    call: str = ""
    text: str = ""
    text_body: str = ""
    text_label: str = ""
    web: str = ""
    web_label: str = ""

    @property
    def tel_href(self) -> str:
        return "tel:" + self.call.replace(" ", "")

    @property
    def sms_href(self) -> str:
        number = self.text.replace(" ", "")
        return f"sms:{number}?body={self.text_body}" if self.text_body else f"sms:{number}"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: str = ""
    resources: tuple[Resource, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CrisisResources:
    last_reviewed: datetime.date
    review_every_days: int
    unverified: tuple[str, ...]
    regions: tuple[Region, ...]
    # The lines every page names in a short sentence, by region code (the content's [everywhere]).
    everywhere: dict[str, Resource] = field(default_factory=dict)

    @property
    def review_due(self) -> datetime.date:
        return self.last_reviewed + datetime.timedelta(days=self.review_every_days)


@cache
def crisis_resources() -> CrisisResources:
    data = tomllib.loads(_SOURCE.read_text(encoding="utf-8"))
    regions = tuple(
        Region(
            code=region["code"],
            name=region["name"],
            emergency=region.get("emergency", ""),
            resources=tuple(Resource(**resource) for resource in region.get("resources", [])),
        )
        for region in data["regions"]
    )
    return CrisisResources(
        last_reviewed=data["last_reviewed"],
        review_every_days=data["review_every_days"],
        unverified=tuple(data.get("unverified", [])),
        regions=regions,
        everywhere={code: _line(regions, code, name) for code, name in data.get("everywhere", {}).items()},
    )


def _line(regions: tuple[Region, ...], code: str, name: str) -> Resource:
    for region in regions:
        for resource in region.resources if region.code == code else ():
            if resource.name == name:
                return resource
    raise ValueError(f"{_SOURCE.name}: [everywhere] names {code} {name!r}, which is not a line of that region")


def short_lines() -> dict:
    """What the short crisis-line sentences on every page need: only the content file, never the database."""
    resources = crisis_resources()
    return {
        "lines": resources.everywhere,
        "emergency": {region.code: region.emergency for region in resources.regions if region.emergency},
    }


# Shown when the person has not chosen a country: US, UK and the international directory (SAFETY.md §3.1).
DEFAULT_REGIONS = ("US", "GB", "INTL")


def regions_for(country: str) -> tuple[Region, ...]:
    """The person's own country first, then the international directory; the default list otherwise.

    A code the content no longer has (a region removed after review) also gets the default list, never
    the international directory alone.
    """
    regions = crisis_resources().regions
    known = {region.code for region in regions} - {"INTL"}
    wanted = (country, "INTL") if country in known else DEFAULT_REGIONS
    return tuple(region for code in wanted for region in regions if region.code == code)


def other_regions(shown: tuple[Region, ...]) -> tuple[Region, ...]:
    """Every region not already shown, in content order, so that every line stays on the page."""
    return tuple(region for region in crisis_resources().regions if region not in shown)


def emergency_numbers(shown: tuple[Region, ...]) -> tuple[Region, ...]:
    """Regions with an emergency number: the ones shown first, then the rest."""
    return tuple(region for region in shown + other_regions(shown) if region.emergency)


def country_choices() -> list[tuple[str, str]]:
    return [("", "Not chosen: US and UK first")] + [
        (region.code, region.name) for region in crisis_resources().regions if region.code != "INTL"
    ]
