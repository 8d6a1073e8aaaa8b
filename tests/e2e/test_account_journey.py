"""Sign up, log out, log in, change time zone and delete the account, in Chromium."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from selfcare.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "slow-tide-morning-31"


def test_the_whole_account_journey(page, journey, device, worker_sends_at_once):
    email = f"journey-{device}@example.com"

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("one small step at a time")
    journey.check("landing")

    page.get_by_role("link", name="Create a free account").click()
    expect(page.get_by_role("heading", name="What Thaw keeps, and why")).to_be_visible()
    # The time zone comes from the browser.
    expect(page.get_by_label("Your time zone")).to_have_value("Europe/Berlin")
    journey.check("signup")

    # Submitting without consent explains what is missing and keeps the email.
    page.get_by_label("Email address").fill(email)
    page.get_by_label("I am 18 or older").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#id_consent_error")).to_contain_text("Please tick this box if you agree")
    expect(page.get_by_role("alert")).to_contain_text("What you typed is still here")
    expect(page.get_by_label("Email address")).to_have_value(email)
    journey.check("signup-error")

    page.get_by_label("I have read what Thaw keeps").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    journey.check("signup-sent")

    link = re.search(r"(/accounts/signup/finish/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type it again").fill(PASSWORD)
    journey.check("choose-password")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Welcome to Thaw. Your account is ready.")).to_be_visible()
    expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()
    journey.check("today")

    page.get_by_role("link", name="Get help now").first.click()
    expect(page.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    journey.check("help")

    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Create a free account")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("don't match an account")).to_be_visible()
    journey.check("login-error")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Good|Hello"))

    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("combobox", name="Your time zone").select_option("Asia/Tokyo")
    page.get_by_role("button", name="Save time zone").click()
    expect(page.get_by_text("Your days now follow Asia/Tokyo")).to_be_visible()
    journey.check("settings")
    assert User.objects.get(email=email).time_zone == "Asia/Tokyo"

    page.get_by_role("link", name="Delete your account and all your data").click()
    expect(page.get_by_role("heading", name="What will be deleted")).to_be_visible()
    journey.check("delete")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand this deletes everything").check()
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_text("Your account and everything in it have been deleted")).to_be_visible()
    journey.check("deleted")
    assert not User.objects.filter(email=email).exists()


def test_it_works_by_keyboard_alone(page, journey, person):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Email address")).to_be_focused()
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type("quiet-river-stones-42")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/today/(#main)?$"))
    journey.check("today-by-keyboard")
