"""Steps every browser test takes: signing in through the login form, as a user would."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect
from web_helpers import password


def sign_in(page: Page, user: str) -> None:
    """Sign ``user`` in from the login page and land on the review queue."""
    page.goto("/queue")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fqueue$"))
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(password(user))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/queue$"))
    expect(page.locator("header .who")).to_have_text(f"{user} ({user})")


def click_and_wait(page: Page, control: Locator) -> None:
    """Click ``control`` (a link or a form's button) and wait until its answer replaced the page.

    htmx (boosted forms) swaps the new page into the old one without a navigation, often at
    the same URL, so neither the URL nor a load event says the answer has arrived: the old
    ``<main>`` is marked, and gone once the new page is in.
    """
    page.locator("#main").evaluate("main => { main.dataset.stale = 'yes'; }")
    control.click()
    expect(page.locator("#main[data-stale]")).to_have_count(0)
