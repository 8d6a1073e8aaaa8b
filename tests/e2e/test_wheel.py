"""The SVG feelings wheel on the feelings-pick step, operated by keyboard alone, on a phone and a desktop."""

import math
import re

import pytest
from playwright.sync_api import expect

from journal import wheel_svg
from journal.feelings import vocabulary
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, person):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/today/"))


def rate(page, feeling: int, distress: int) -> None:
    """The 0-10 scales are sliders once steps.js has run: nudge each up with the arrow key."""
    sliders = page.get_by_role("slider")
    for slider, value in zip((sliders.nth(0), sliders.nth(1)), (feeling, distress), strict=True):
        for _ in range(value):
            slider.press("ArrowRight")
        expect(slider).to_have_value(str(value))


def segments_by_word() -> dict:
    return {s.word: s for s in wheel_svg.segments()}


def focused(page, attribute: str) -> str:
    return page.evaluate(f"document.activeElement.getAttribute('{attribute}')")


def next_step(page, heading: str) -> None:
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_the_feelings_wheel_works_by_keyboard_alone(page, journey, device, person):
    words = vocabulary()
    cores = [c.word for c in words.cores]
    log_in(page, person)

    page.goto("/exercises/feelings-wheel/")
    page.get_by_role("button", name="Begin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start")
    rate(page, 3, 2)
    next_step(page, "How the wheel works")
    next_step(page, "What are you feeling right now?")

    wheel = page.get_by_role("group", name="Feelings wheel")
    expect(wheel).to_be_visible()
    expect(wheel.get_by_role("checkbox")).to_have_count(len(words))
    # With JavaScript on, the list below starts folded.
    expect(page.locator("details.wheel-group[open]")).to_have_count(0)

    # After the swap the heading has focus; one Tab reaches the wheel, on its first core word.
    expect(page.locator("#step-heading")).to_be_focused()
    page.keyboard.press("Tab")
    assert focused(page, "role") == "checkbox"
    assert focused(page, "data-word") == cores[0]
    expect(page.locator(".wheel-svg.shows-focus")).to_have_count(1)

    page.keyboard.press("ArrowRight")
    core = cores[1]
    assert focused(page, "data-word") == core
    page.keyboard.press("Space")

    page.keyboard.press("ArrowUp")
    specific = focused(page, "data-word")
    assert specific in [s.word for s in words.children(core)]
    page.keyboard.press("Space")

    # Round the ring and back, and down to the core again.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert focused(page, "data-word") == specific
    page.keyboard.press("ArrowDown")
    assert focused(page, "data-word") == core
    page.keyboard.press("End")
    assert focused(page, "data-word") == cores[-1]
    page.keyboard.press("Home")
    assert focused(page, "data-word") == cores[0]
    # Only one segment is ever in the tab order.
    expect(page.locator('.wheel-seg[tabindex="0"]')).to_have_count(1)

    for word in (core, specific):
        expect(page.locator(f'input[name="words"][value="{word}"]')).to_be_checked()
        segment = page.locator(f'.wheel-seg[data-word="{word}"]')
        expect(segment).to_have_attribute("aria-checked", "true")
        expect(segment).to_have_class(re.compile(r"\bis-checked\b"))
    expect(page.locator('.wheel-seg[aria-checked="true"]')).to_have_count(2)
    expect(page.locator("details.wheel-group[open]")).to_have_count(1)
    expect(page.locator("[data-wheel-chosen]")).to_have_text(f"{core}, {specific}")

    whole = page.get_by_role("button", name="Show the whole wheel")
    if device == "phone":
        # A phone shows one core at a time, close enough to read, with a way back to the whole wheel.
        expect(page.locator(".feelings-wheel.is-compact.is-zoomed")).to_have_count(1)
        page.keyboard.press("Tab")
        expect(whole).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator(".feelings-wheel.is-zoomed")).to_have_count(0)
        assert focused(page, "data-word") == cores[0]  # focus goes back to the wheel, seen whole
        page.keyboard.press("ArrowRight")  # and moving on brings that part closer again
        expect(page.locator(".feelings-wheel.is-zoomed")).to_have_count(1)
    else:
        expect(page.locator(".feelings-wheel.is-compact")).to_have_count(0)
        expect(whole).to_be_hidden()
        page.keyboard.press("ArrowRight")
    assert focused(page, "data-word") == core  # a chosen core, so the screenshot shows focus and choice
    view = segments_by_word()[core].zoom if device == "phone" else wheel_svg.VIEWBOX
    expect(page.locator(".wheel-svg")).to_have_attribute("viewBox", view)  # the zoom has settled
    journey.check("wheel")

    # Choosing again in the list keeps the wheel in step; untick and tick back.
    specific_box = page.locator(f'input[name="words"][value="{specific}"]')
    specific_box.uncheck()
    expect(page.locator(f'.wheel-seg[data-word="{specific}"]')).to_have_attribute("aria-checked", "false")
    specific_box.check()
    expect(page.locator(f'.wheel-seg[data-word="{specific}"]')).to_have_attribute("aria-checked", "true")

    next_step(page, "What might have led to this?")
    next_step(page, "How are you now?")
    rate(page, 4, 2)
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feelings wheel: done")
    expect(page.locator(".answers")).to_contain_text(f"{core}, {specific}")


def tap_label(page, word: str) -> None:
    """Tap (or click) where a segment's label is drawn: always inside the segment, however narrow."""
    box = page.locator(f'.wheel-seg[data-word="{word}"] text').bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    if page.viewport_size["width"] < 500:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def test_tapping_the_wheel_chooses_words(page, device, person):
    log_in(page, person)
    page.goto("/exercises/feelings-wheel/")
    page.get_by_role("button", name="Begin").click()
    rate(page, 3, 2)
    next_step(page, "How the wheel works")
    next_step(page, "What are you feeling right now?")
    core = vocabulary().cores[2].word
    finest = vocabulary().children(vocabulary().children(core)[0].word)[0].word
    core_box = page.locator(f'input[name="words"][value="{core}"]')

    if device == "phone":
        # The whole wheel is a map on a phone: the first tap brings that part closer and chooses nothing.
        tap_label(page, core)
        expect(page.locator(".feelings-wheel.is-zoomed")).to_have_count(1)
        expect(core_box).not_to_be_checked()
        page.wait_for_timeout(400)  # let the zoom settle before aiming at a small word
    tap_label(page, core)
    expect(core_box).to_be_checked()
    tap_label(page, finest)
    expect(page.locator(f'input[name="words"][value="{finest}"]')).to_be_checked()
    expect(page.locator("[data-wheel-chosen]")).to_have_text(f"{core}, {finest}")
    tap_label(page, core)
    expect(core_box).not_to_be_checked()
    expect(page.locator(f'.wheel-seg[data-word="{core}"]')).to_have_attribute("aria-checked", "false")
    if device == "phone":
        page.get_by_role("button", name="Show the whole wheel").click()
        expect(page.locator(".feelings-wheel.is-zoomed")).to_have_count(0)


def test_every_label_fits_its_segment(page, device, person):
    if device == "phone":
        pytest.skip("labels are measured in the SVG's own units, the same at every size: once is enough")
    log_in(page, person)
    page.goto("/exercises/feelings-wheel/")
    page.get_by_role("button", name="Begin").click()
    rate(page, 3, 2)
    next_step(page, "How the wheel works")
    next_step(page, "What are you feeling right now?")
    expect(page.get_by_role("group", name="Feelings wheel")).to_be_visible()
    labels = page.evaluate(
        """() => Array.from(document.querySelectorAll('.wheel-seg')).map(g => {
            // getComputedTextLength is in the SVG's own units, whatever size the wheel is drawn at.
            return [g.dataset.word, g.querySelector('text').getComputedTextLength()];
        })"""
    )
    segments = segments_by_word()
    for word, length in labels:
        s = segments[word]
        room = s.outer - s.inner - 4
        assert length <= room, f"{word!r} is {length:.0f} long; ring {s.ring} has {room:.0f}"
        # Across the segment: where the label starts, the arc must be taller than the letters.
        starts_at = (s.inner + s.outer) / 2 - length / 2
        arc = starts_at * math.radians(s.end - s.start)
        assert arc >= s.font_size * 0.9, f"{word!r} is squeezed: {arc:.1f} across for {s.font_size} letters"
