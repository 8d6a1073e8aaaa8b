"""Autosave in Chromium, at phone and desktop width: whose words a browser keeps, the final save against a
late autosave, two tabs on one entry, an entry deleted in another tab, and a status line that only ever
shows one calm sentence."""

from __future__ import annotations

import contextlib
import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from journal.models import JournalEntry
from selfcare.accounts.models import BrowserSession as Session
from selfcare.checkins.models import SupportPlan
from tests.e2e.conftest import ARTIFACTS, DEVICES
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)

COPIES = "Object.keys(localStorage).filter(k => k.startsWith('thaw-draft:')).length"


def at_landing(url: str) -> bool:
    return urlsplit(url).path == "/"


def status_line(page):
    return page.locator("[data-save-status]")


def type_at_end(field, words: str) -> None:
    field.click()
    field.press("Control+End")
    field.press_sequentially(words)


def assert_calm_status(page):
    text = status_line(page).inner_text()
    assert "<" not in text and len(text) < 200, text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_browser_keeps_each_persons_unsaved_words_for_them_alone(page, journey, person, other_person):
    log_in(page, person, "/journal/new/note/")
    plan_tab = page.context.new_page()
    plan_tab.goto("/help/my-plan/edit/")
    Session.objects.all().delete()  # A's session ends without a logout, mid-sentence
    page.get_by_label("Your note").press_sequentially("Words only Ana should see")
    expect(page.get_by_text(re.compile("You've been logged out"))).to_be_visible()
    plan_tab.get_by_label("People I can ask for help").press_sequentially("Ana's sister")
    expect(plan_tab.get_by_text(re.compile("You've been logged out"))).to_be_visible()

    # B signs in on the same browser: nothing of A's in B's forms, on B's pages or in B's account.
    log_in(page, other_person, "/journal/new/note/")
    expect(page.get_by_label("Your note")).to_have_value("")
    expect(page.get_by_text("We brought back what you were writing")).to_be_hidden()
    journey.check("someone-else-signed-in")
    page.goto("/help/my-plan/edit/")
    expect(page.get_by_label("People I can ask for help")).to_have_value("")
    expect(page.get_by_text("We brought back what you were writing")).to_be_hidden()
    assert "Ana" not in page.content()
    # A's old tab, still open, cannot save into B's account either.
    plan_tab.get_by_label("People I can ask for help").press_sequentially(" and her number")
    expect(plan_tab.get_by_text(re.compile("You've been logged out"))).to_be_visible()
    assert not SupportPlan.objects.exists()
    assert not JournalEntry.objects.filter(owner=other_person).exists()
    plan_tab.close()

    # B's session ends too; A signs in again and A's words come back, then save.
    Session.objects.all().delete()
    log_in(page, person, "/journal/new/note/")
    expect(page.get_by_text("We brought back what you were writing")).to_be_visible()
    expect(page.get_by_label("Your note")).to_have_value("Words only Ana should see")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    page.goto("/help/my-plan/edit/")
    expect(page.get_by_label("People I can ask for help")).to_have_value("Ana's sister and her number")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    assert SupportPlan.objects.get(owner=person).people == "Ana's sister and her number"
    assert JournalEntry.objects.get(owner=person).text == "Words only Ana should see"


def test_logging_out_forgets_every_copy_this_browser_kept(page, person):
    log_in(page, person, "/journal/new/note/")
    Session.objects.all().delete()
    page.get_by_label("Your note").press_sequentially("Not saved anywhere yet")
    expect(page.get_by_text(re.compile("You've been logged out"))).to_be_visible()
    assert page.evaluate(COPIES) == 1
    log_in(page, person, "/accounts/settings/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(at_landing)
    assert page.evaluate(COPIES) == 0


def test_the_final_save_wins_over_an_autosave_still_on_its_way(page, journey, person):
    log_in(page, person, "/journal/new/note/")
    held = []
    page.route("**/journal/autosave/**", lambda route: held.append(route))  # slow to arrive: held on its way
    note = page.get_by_label("Your note")
    with page.expect_request(lambda request: "/autosave/" in request.url) as sent:
        note.press_sequentially("The first words")
    late = sent.value
    late_body, late_headers = late.post_data_buffer, late.headers
    note.press_sequentially(", and the last ones.")
    with page.expect_request(lambda request: request.method == "POST" and "/new/note/" in request.url) as save:
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved in your journal.")).to_be_visible()
    for route in held:
        with contextlib.suppress(Exception):  # the page may have called it off already
            route.abort()
    # The held autosave reaches the server after all (as a slow network would deliver it).
    answer = page.context.request.post(late.url, headers=late_headers, data=late_body)
    entry = JournalEntry.objects.get()
    assert entry.text == "The first words, and the last ones." and not entry.is_draft
    assert answer.status == 200 and answer.json()["status"] == "already-saved"
    journey.check("final-save-kept")
    # The same Save sent twice (a flaky connection resending it): answered calmly, saved once.
    again = page.context.request.post(
        save.value.url, headers=save.value.headers, data=save.value.post_data_buffer, max_redirects=0
    )
    assert again.status == 302
    page.goto("/journal/")
    expect(page.get_by_text("Already saved in your journal.")).to_be_visible()
    journey.check("already-saved")
    assert JournalEntry.objects.get().revision == 1  # one write applied: the Save


def test_two_tabs_on_one_entry_keep_both_texts(page, journey, person, device):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="Morning.", client_id=uuid.uuid4())
    log_in(page, person, f"/journal/{entry.code}/edit/")
    other = page.context.new_page()
    other.goto(f"/journal/{entry.code}/edit/")
    type_at_end(other.get_by_label("Your note"), " Rain on the window.")
    expect(other.get_by_text(re.compile("Saved at"))).to_be_visible()

    type_at_end(page.get_by_label("Your note"), " Birds outside.")
    expect(page.get_by_text("This changed in another tab or on another device")).to_be_visible()
    expect(page.get_by_text("Morning. Rain on the window.")).to_be_visible()  # the other version, shown
    assert_calm_status(page)
    journey.check("conflict-offered")
    entry.refresh_from_db()
    assert entry.text == "Morning. Rain on the window."
    page.get_by_role("button", name="Put both together").click()
    expect(page.get_by_label("Your note")).to_have_value("Morning. Birds outside.\n\nMorning. Rain on the window.")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    journey.check("conflict-merged")
    entry.refresh_from_db()
    assert entry.text.replace("\r\n", "\n") == "Morning. Birds outside.\n\nMorning. Rain on the window."
    other.close()


def test_without_javascript_a_conflicting_save_keeps_both_texts(browser, live_server, device, person):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="Morning.", client_id=uuid.uuid4())
    context = browser.new_context(**DEVICES[device], base_url=live_server.url, java_script_enabled=False)
    one, two = context.new_page(), context.new_page()
    log_in(one, person, f"/journal/{entry.code}/edit/")
    two.goto(f"/journal/{entry.code}/edit/")
    one.get_by_label("Your note").fill("Morning. Rain on the window.")
    one.get_by_role("button", name="Save").click()
    expect(one.get_by_text("Your changes are saved.")).to_be_visible()
    two.get_by_label("Your note").fill("Morning. Birds outside.")
    two.get_by_role("button", name="Save").click()
    expect(two.get_by_text("Nothing is lost: both versions are together below")).to_be_visible()
    expect(two.get_by_label("Your note")).to_have_value("Morning. Birds outside.\n\nMorning. Rain on the window.")
    # Scripts are off, so no axe here (it runs in the page); the picture is looked at by a person.
    ARTIFACTS.mkdir(exist_ok=True)
    two.screenshot(path=str(ARTIFACTS / f"conflict-no-js-{device}.png"), full_page=True)
    two.get_by_role("button", name="Save").click()
    expect(two.get_by_text("Your changes are saved.")).to_be_visible()
    entry.refresh_from_db()
    assert entry.text.replace("\r\n", "\n") == "Morning. Birds outside.\n\nMorning. Rain on the window."
    context.close()


def test_words_written_after_the_entry_was_deleted_in_another_tab_are_kept(page, journey, person):
    log_in(page, person, "/journal/new/note/")
    note = page.get_by_label("Your note")
    note.press_sequentially("Something I want to keep")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    draft = JournalEntry.objects.get()
    other = page.context.new_page()
    other.goto(f"/journal/{draft.code}/delete/")
    other.get_by_role("button", name="Delete").click()
    other.wait_for_url("**/journal/")
    other.close()

    note.press_sequentially(", after all.")
    expect(page.get_by_text(re.compile("This entry was deleted in another tab"))).to_be_visible()
    expect(status_line(page)).to_have_text("Saved as a new entry.")
    journey.check("deleted-elsewhere")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()  # the page now edits the new entry
    kept = JournalEntry.objects.get(deleted_at__isnull=True)
    assert kept.text == "Something I want to keep, after all." and not kept.is_draft
    journey.check("deleted-elsewhere-saved")


def test_the_status_line_stays_one_sentence_after_logging_in_again_in_another_tab(page, journey, person):
    log_in(page, person, "/journal/new/note/")
    note = page.get_by_label("Your note")
    note.press_sequentially("Before")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    other = page.context.new_page()
    other.goto("/accounts/settings/")
    other.get_by_role("button", name="Log out").click()
    other.wait_for_url(at_landing)
    log_in(other, person)  # a new session and a new CSRF token: this tab's token is stale now
    other.close()

    status_line(page).evaluate("node => { node.textContent = '' }")
    note.press_sequentially(" and after.")
    expect(status_line(page)).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"))
    assert_calm_status(page)
    journey.check("saved-after-login-elsewhere")
    assert JournalEntry.objects.get().text == "Before and after."
    # And the final Save goes through with the fresh token too.
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved in your journal.")).to_be_visible()
