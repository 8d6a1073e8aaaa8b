"""The joy list in Chromium, at phone and desktop size: add, reorder, guess, do it, say how it was."""

import pytest
from playwright.sync_api import expect

from exercises.joy.models import JoyActivity, JoyRecord
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def item(page, name: str):
    return page.locator(".joy-item", has_text=name)


def choose(page, value: int) -> None:
    """Tap a number on the 0-10 scale (big buttons, not a slider: easier to hit on a phone)."""
    page.locator("label.scale-option", has=page.locator(f'input[value="{value}"]')).click()
    expect(page.locator(f'input[type="radio"][value="{value}"]')).to_be_checked()


def test_a_joy_list_from_empty_to_a_result(page, journey, person):
    log_in(page, person, "/joy/")
    expect(page.get_by_role("heading", name="Things that used to bring joy")).to_be_visible()
    expect(page.get_by_role("heading", name="Start your list")).to_be_visible()
    journey.check("empty")

    # A mistake first: nothing typed. The message says what to do.
    page.get_by_role("button", name="Add to my list").click()
    expect(page.get_by_text("Write a few words about what it is").first).to_be_visible()
    journey.check("add-error")

    field = page.get_by_label("Something you used to enjoy")
    field.fill("Painting with watercolours")
    page.get_by_role("button", name="Add to my list").click()
    expect(page.get_by_text("Added \u201cPainting with watercolours\u201d to your list.")).to_be_visible()
    page.get_by_label("Something you used to enjoy").fill("Walking by the river")
    page.get_by_role("button", name="Add to my list").click()
    expect(page.locator(".joy-item")).to_have_count(2)
    journey.check("two-items")

    item(page, "Walking by the river").get_by_role("button", name="Move up").click()
    expect(page.locator(".joy-item .joy-name").first).to_have_text("Walking by the river")
    assert [a.name for a in JoyActivity.objects.order_by("position")] == [
        "Walking by the river",
        "Painting with watercolours",
    ]
    journey.check("moved")

    item(page, "Walking by the river").get_by_role("link", name="I'm going to do this").click()
    expect(page.get_by_text("How much do you expect to enjoy it?")).to_be_visible()
    journey.check("plan")
    choose(page, 3)
    page.get_by_role("button", name="Save my guess").click()
    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    journey.check("waiting")

    page.locator("#waiting").get_by_role("link", name="How was it?").click()
    expect(page.get_by_role("heading", name="How was it?")).to_be_visible()
    journey.check("record")
    choose(page, 6)
    page.get_by_label("Anything you noticed? (optional)").fill("The light on the water.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("You expected 3 and it was 6.")).to_be_visible()
    journey.check("result")

    record = JoyRecord.objects.get()
    assert (record.expected, record.actual, record.note) == (3, 6, "The light on the water.")

    page.get_by_role("link", name="Back to my list").click()
    expect(page.get_by_text("Your first go is done, and it was better than you expected.")).to_be_visible()
    journey.check("list-after")


def test_the_joy_list_works_without_javascript(browser, live_server, person):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    log_in(page, person, "/joy/")
    page.get_by_label("Something you used to enjoy").fill("Baking bread")
    page.get_by_role("button", name="Add to my list").click()
    item(page, "Baking bread").get_by_role("link", name="I'm going to do this").click()
    choose(page, 4)
    page.get_by_role("button", name="Save my guess").click()
    page.locator("#waiting").get_by_role("link", name="How was it?").click()
    choose(page, 7)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("You expected 4 and it was 7.")).to_be_visible()
    context.close()


def test_the_joy_pages_read_well_in_dark_mode_at_360_pixels(browser, live_server, person):
    from axe_playwright_python.sync_playwright import Axe

    from exercises.joy import rules as joy
    from tests.e2e.conftest import ARTIFACTS

    walk, _ = joy.add(person, "Walking by the river with a flask of tea")
    joy.add(person, "Baking")
    done = joy.record_actual(joy.plan(walk, 2), 5, "Warmer than I thought.")
    waiting = joy.plan(walk, 4)
    archived, _ = joy.add(person, "Drawing")
    joy.archive(archived)

    context = browser.new_context(
        viewport={"width": 360, "height": 740}, color_scheme="dark", base_url=live_server.url, is_mobile=True
    )
    page = context.new_page()
    log_in(page, person, "/joy/")
    axe = Axe()
    for name, url in [
        ("list", "/joy/"),
        ("plan", f"/joy/{walk.code}/plan/"),
        ("record", f"/joy/r/{waiting.code}/"),
        ("result", f"/joy/r/{done.code}/"),
    ]:
        page.goto(url)
        page.locator("details").evaluate_all("(all) => all.forEach((d) => d.open = true)")
        result = axe.run(page)
        assert result.violations_count == 0, f"{url}: {result.generate_report()}"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{url} scrolls sideways"
        for target in page.locator("main button, main a.button, main .scale-option").all():
            box = target.bounding_box()
            assert box is None or box["height"] >= 44, f"{url}: a target is under 44 px"
        page.screenshot(path=str(ARTIFACTS / f"joy-360-dark-{name}.png"), full_page=True)
    context.close()
