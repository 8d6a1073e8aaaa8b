"""Every exercise, step by step, in Chromium at phone size: htmx steps, axe on each, screenshots."""

import re

import pytest
from playwright.sync_api import expect

from exercises import content
from exercises.models import PracticeSession
from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS, DEVICES, Journey

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser, live_server, person):
    context = browser.new_context(**DEVICES["phone"], base_url=live_server.url)
    page = context.new_page()
    log_in(page, person)
    yield page
    context.close()


def log_in(page, person):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")


def slide(page, index: int, value: int):
    """Set the index-th 0-10 slider by keyboard, as a person would."""
    slider = page.locator("input.scale-slider").nth(index)
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(value):
        page.keyboard.press("ArrowRight")


def answer_step(page, kind: str):
    form = page.locator("form.step-form")
    if kind in {"before", "after"}:
        slide(page, 0, 3)
        slide(page, 1, 2)
        if kind == "after":
            page.get_by_text("No", exact=True).click()
    elif kind == "prompt":
        field = form.locator("textarea, input[type=text]").first
        field.fill("A small, ordinary thing.")
    elif kind == "timer":
        page.get_by_role("button", name="Start the timer").click()
        expect(page.get_by_role("timer")).not_to_have_text("0:00")
        page.get_by_role("button", name="Stop the timer").click()
    elif kind == "senses-count":
        form.locator("input[type=text]").first.fill("a blue mug")
    elif kind == "body-map":
        form.locator("input[name=sensations]").first.check()
    elif kind == "feelings-pick":
        page.locator("summary", has_text=re.compile(r"^\s*Calm\s*$")).click()
        page.locator('input[name="words"][value="calm"]').check()
    elif kind == "rating":
        slide(page, 0, 6)
    elif kind == "choice":
        form.locator("input[name=value]").first.check()
    elif kind == "drawing":
        box = page.locator("canvas.sketch-canvas").bounding_box()
        page.mouse.move(box["x"] + 40, box["y"] + 40)
        page.mouse.down()
        page.mouse.move(box["x"] + 200, box["y"] + 120, steps=8)
        page.mouse.up()


def run_exercise(page, journey: Journey, slug: str):
    page.goto(f"/exercises/{slug}/")
    journey.check("detail")
    page.get_by_role("button", name="Begin").click()
    checked_kinds = set()
    while "/exercises/s/" in page.url and not re.search(r"/exercises/s/[^/]+/$", page.url):
        form = page.locator("form.step-form")
        kind = form.get_attribute("data-step-kind")
        expect(page.get_by_role("button", name=re.compile(r"Pause .? stop"))).to_be_visible()
        # axe once per step type in each exercise (a body scan repeats one type twelve times).
        journey.check(kind, axe=kind not in checked_kinds)
        checked_kinds.add(kind)
        answer_step(page, kind)
        url = page.url
        page.get_by_role("button", name=re.compile("^(Next|Finish)$")).click()
        if kind == "after":
            page.wait_for_url(re.compile(r"/exercises/s/[^/]+/$"))
            break
        # htmx swaps the step in place and updates the address.
        expect(page).not_to_have_url(url)
        expect(page.locator("#step-heading")).to_be_focused()
    expect(page.get_by_role("heading", name="Before and after")).to_be_visible()
    journey.check("summary")


@pytest.mark.parametrize("slug", sorted(content.catalogue()))
def test_every_exercise_end_to_end(phone, slug):
    journey = Journey(phone, f"exercise-{slug}", "phone")
    run_exercise(phone, journey, slug)
    session = PracticeSession.objects.get(exercise=slug)
    assert session.is_finished
    assert (session.feeling_before, session.distress_before) == (3, 2)
    assert session.journal_entry_id is not None
    if slug == "mood-sketch":
        assert session.answers["drawing"].startswith("data:image/png;base64,")
        expect(phone.get_by_role("img", name="Your free drawing, in your own colours and strokes.")).to_be_visible()


def test_an_exercise_without_javascript(browser, live_server, person):
    # axe needs JavaScript, so this run takes screenshots only; the same pages pass axe above.
    context = browser.new_context(**DEVICES["phone"], base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, person)

    def shot(label):
        page.screenshot(path=str(ARTIFACTS / f"exercise-no-js-phone-{label}.png"), full_page=True)

    page.goto("/exercises/grounding-quick/")
    page.get_by_role("button", name="Begin").click()
    page.locator('label[for="id_feeling_3"]').click()
    page.locator('label[for="id_distress_2"]').click()
    shot("before")
    page.get_by_role("button", name="Next").click()
    for _ in range(len(content.get("grounding-quick").steps)):
        page.get_by_role("button", name="Next").click()
    assert page.locator("form.step-form").get_attribute("data-step-kind") == "after"
    page.locator('label[for="id_feeling_5"]').click()
    page.locator('label[for="id_distress_1"]').click()
    page.get_by_text("No", exact=True).click()
    shot("after")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", name="Before and after")).to_be_visible()
    shot("summary")
    session = PracticeSession.objects.get()
    assert (session.feeling_before, session.feeling_after) == (3, 5)
    context.close()


def test_resume_after_reload_keeps_every_answer(phone):
    journey = Journey(phone, "exercise-resume", "phone")
    phone.goto("/exercises/body-scan/")
    phone.get_by_role("button", name="Begin").click()
    answer_step(phone, "before")
    phone.get_by_role("button", name="Next").click()
    while phone.locator("form.step-form").get_attribute("data-step-kind") != "body-map":
        before = phone.url
        phone.get_by_role("button", name="Next").click()
        expect(phone).not_to_have_url(before)  # one step at a time: never click a form being replaced
    phone.locator("input[name=sensations]").nth(1).check()
    expect(phone.locator("input[name=sensations]").nth(1)).to_be_checked()
    body_map_url = phone.url
    phone.get_by_role("button", name="Next").click()
    # The answer is saved once the next step's address is in place.
    expect(phone).not_to_have_url(body_map_url)
    expect(phone.locator("#step-heading")).to_be_focused()
    step_url = phone.url
    phone.reload()
    assert phone.url == step_url
    phone.get_by_role("button", name="Back").click()
    expect(phone.locator("input[name=sensations]").nth(1)).to_be_checked()
    journey.check("resumed")
    # A new visit to the exercise offers to continue.
    phone.goto("/exercises/body-scan/")
    phone.get_by_role("link", name="Continue where you left off").click()
    expect(phone.locator("input[name=sensations]").nth(1)).to_be_checked()


def test_a_drawing_declaring_a_huge_size_is_refused_kindly(phone):
    """A few hundred bytes declaring 100,000 x 100,000 pixels: refused by its header, said plainly, not drawn."""
    from tests.exercises.test_runner_views import _png_data_url

    journey = Journey(phone, "exercise-drawing-bomb", "phone")
    phone.goto("/exercises/mood-sketch/")
    phone.get_by_role("button", name="Begin").click()
    form = phone.locator("form.step-form")
    while (kind := form.get_attribute("data-step-kind")) != "drawing":
        answer_step(phone, kind)
        url = phone.url
        phone.get_by_role("button", name="Next").click()
        expect(phone).not_to_have_url(url)
    bomb = _png_data_url(width=100_000, height=100_000)
    phone.locator('input[name="image"]').evaluate("(input, value) => { input.value = value; }", bomb)
    phone.get_by_role("button", name="Next").click()
    expect(phone.locator(".field-error")).to_contain_text("bigger than the drawing area")
    journey.check("refused")
    assert phone.locator('input[name="image"]').input_value() == ""
    session = PracticeSession.objects.get(exercise="mood-sketch")
    assert "drawing" not in session.answers and session.answers["colours"]
