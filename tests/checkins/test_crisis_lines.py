"""The crisis lines every page carries: one content file, one template tag, no number typed in a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory

from selfcare.checkins import resources
from selfcare.checkins.resources import crisis_resources

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SENTENCES = ["footer", "bar", "card", "today", "plan", "emergency"]


def _numbers() -> set[str]:
    """Every number the content gives, as written there (e.g. "116 123") and as dialled ("116123")."""
    found = set()
    for region in crisis_resources().regions:
        found.add(region.emergency)
        for line in region.resources:
            found.update({line.call, line.text, line.call.replace(" ", ""), line.text.replace(" ", "")})
    return found - {""}


def test_no_template_types_a_crisis_number():
    typed = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"(tel|sms):\+?\d", text):
            typed.append(f"{path.relative_to(TEMPLATES)}: a tel:/sms: link with a number in it")
        typed += [
            f"{path.relative_to(TEMPLATES)}: {number}"
            for number in _numbers()
            if re.search(rf"(?<![\w.#-]){re.escape(number)}(?![\w.-])", text)
        ]
    assert typed == []


@pytest.mark.parametrize("wording", SENTENCES)
def test_each_sentence_is_whole_and_reads_only_the_content_file(wording):
    # No database fixture: any query here would fail the test.
    html = Template("{% load crisis_lines %}{% crisis_lines wording %}").render(Context({"wording": wording}))
    assert html.strip() == html and "{" not in html
    assert re.findall(r'href="(tel:|sms:|https?://)?"', html) == []  # no link left without its number
    assert re.findall(r'href="tel:\d+">[\d ]+</a>', html)


def test_the_500_page_carries_the_lines_without_a_database():
    from selfcare.home.views import server_error

    html = server_error(RequestFactory().get("/")).content.decode()
    for href in ['href="tel:988"', 'href="tel:116123"', 'href="https://findahelpline.com"', 'href="tel:999"']:
        assert href in html


def test_a_short_line_the_regions_do_not_have_is_refused(monkeypatch, tmp_path):
    source = tmp_path / "crisis_resources.toml"
    text = resources._SOURCE.read_text(encoding="utf-8").replace('GB = "Samaritans"', 'GB = "Samaritans UK"')
    source.write_text(text, encoding="utf-8")
    monkeypatch.setattr(resources, "_SOURCE", source)
    resources.crisis_resources.cache_clear()
    try:
        with pytest.raises(ValueError, match="GB 'Samaritans UK'"):
            resources.crisis_resources()
    finally:
        monkeypatch.undo()
        resources.crisis_resources.cache_clear()
