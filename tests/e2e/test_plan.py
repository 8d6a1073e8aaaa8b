"""A whole week of the plan in Chromium at phone size, with the clock moved day by day."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from exercises.plan.models import Enrollment, TaskDone
from tests.e2e.conftest import DEVICES, Journey
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def do_open_tasks(page, day: int):
    section = page.locator(f"section[aria-labelledby='day-{day}']")
    while True:
        write = section.get_by_role("link", name="Write it down")
        done = section.get_by_role("button", name="Mark done")
        if write.count():
            write.first.click()
            page.locator("textarea").fill(f"Day {day}: it felt a little lighter.")
            page.get_by_role("button", name="Save and tick off").click()
            expect(page.get_by_text("Saved. Thank you for doing this.")).to_be_visible()
        elif done.count():
            done.first.click()
            expect(page.get_by_text("Ticked off")).to_be_visible()
        else:
            return


def test_a_whole_week_day_by_day(browser, live_server, person):
    context = browser.new_context(**DEVICES["phone"], base_url=live_server.url)
    page = context.new_page()
    journey = Journey(page, "plan-week", "phone")
    start = datetime.datetime.now(datetime.UTC).replace(hour=9, minute=0) + datetime.timedelta(days=1)
    with time_machine.travel(start, tick=True):
        log_in(page, person, "/today/")
        page.get_by_role("link", name="See the seven-day plan").click()
        journey.check("plan-start")
        page.get_by_role("button", name="Start today").click()
        expect(page.get_by_role("heading", name="Day 1 of 7")).to_be_visible()

    for day in range(1, 8):
        with time_machine.travel(start + datetime.timedelta(days=day - 1), tick=True):
            page.goto("/today/")
            expect(page.get_by_role("heading", name=f"Day {day}", exact=False).first).to_be_visible()
            if day in (1, 4, 7):
                journey.check(f"today-day-{day}")
            page.get_by_role("link", name="Go to today's plan").click()
            if day in (1, 3, 7):
                journey.check(f"plan-day-{day}")
            do_open_tasks(page, day)
            if day < 7:
                expect(page.get_by_text(f"Everything for day {day} is done")).to_be_visible()

    with time_machine.travel(start + datetime.timedelta(days=6, hours=1), tick=True):
        expect(page.get_by_role("heading", name="You've done the whole week")).to_be_visible()
        page.get_by_role("button", name="See your week and finish it").click()
        expect(page.get_by_text("You did 22 of 22 things")).to_be_visible()
        journey.check("week-summary")
    assert TaskDone.objects.filter(enrollment__owner=person).count() == 22
    assert Enrollment.objects.get(owner=person).finished_at is not None
    context.close()


def test_a_missed_day_waits_kindly(browser, live_server, person):
    context = browser.new_context(**DEVICES["phone"], base_url=live_server.url)
    page = context.new_page()
    journey = Journey(page, "plan-missed", "phone")
    start = datetime.datetime.now(datetime.UTC).replace(hour=9, minute=0) + datetime.timedelta(days=1)
    with time_machine.travel(start, tick=True):
        log_in(page, person, "/exercises/plan/")
        page.get_by_role("button", name="Start today").click()
    with time_machine.travel(start + datetime.timedelta(days=3), tick=True):
        page.goto("/today/")
        expect(page.get_by_text("The plan waited for you")).to_be_visible()
        journey.check("today-waiting")
        page.get_by_role("link", name="Go to today's plan").click()
        page.get_by_role("button", name="Pause 2 days").click()
        expect(page.get_by_role("heading", name="The plan is resting")).to_be_visible()
        journey.check("plan-paused")
    context.close()
