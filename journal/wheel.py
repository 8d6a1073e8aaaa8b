"""The feelings wheel as the grouped-checkbox picker shows it (and the SVG wheel enhances)."""

from __future__ import annotations

from django.utils.text import slugify

from journal.feelings import vocabulary


def _item(feeling, selected: set[str], children=()) -> dict:
    return {
        "word": feeling.word,
        "slug": slugify(feeling.word),
        "meaning": feeling.meaning,
        "body": feeling.body,
        "colour": feeling.colour,
        "checked": feeling.word in selected,
        "children": children,
    }


def picker(selected: set[str]) -> dict:
    words = vocabulary()
    cores = []
    for core in words.cores:
        specifics = [
            _item(specific, selected, [_item(finest, selected) for finest in words.children(specific.word)])
            for specific in words.children(core.word)
        ]
        item = _item(core, selected, specifics)
        item["open"] = item["checked"] or any(
            s["checked"] or any(f["checked"] for f in s["children"]) for s in specifics
        )
        cores.append(item)
    unnamed = [
        {"word": u.word, "slug": slugify(u.word) or "cant-tell", "checked": u.word in selected} for u in words.unnamed
    ]
    return {"cores": cores, "unnamed": unnamed}
