"""Steps that many browser tests share: find a form, submit it, log in, make a TOTP code."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def form_with(page, field):
    """The form that holds `field`: the header has a language (and logout) form too."""
    return page.locator("form").filter(has=page.locator(field))


def submit(form):
    """Click the form's own submit button (allauth's "Cancel" button belongs to another form)."""
    with form.page.expect_navigation():
        form.locator("button[type=submit]:not([form])").click()


# (secret, time step) of every code handed out in this run: allauth accepts a code once
# (it remembers used codes in the cache, which outlives the demo restored per test), so a
# second login in the same 30 seconds waits for the next code, as a person would.
_UITGEGEVEN = set()


def totp_code(secret):
    period = app_settings.TOTP_PERIOD
    while True:
        if period - time.time() % period < 2:
            time.sleep(2)  # don't submit a code that expires on the way to the server
        stap = int(time.time()) // period
        if (secret, stap) not in _UITGEGEVEN:
            break
        time.sleep(period - time.time() % period + 0.1)
    _UITGEGEVEN.add((secret, stap))
    return format_hotp_value(hotp_value(secret, stap))


def log_in_with_password(page, base_url, email, password):
    page.goto(base_url + "/accounts/login/")
    form = form_with(page, "input[name=login]")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    submit(form)


def assert_no_sideways_scroll(page, width, what="the page"):
    """The page fits `width` CSS pixels; when not, the message names the widest elements."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, (
        f"{what} scrolls horizontally at {width}px: scrollWidth={scroll_width}; widest elements: "
        + str(
            page.evaluate(
                """(width) => [...document.querySelectorAll('body *')]
                .map((e) => [e.getBoundingClientRect().right, e.tagName + '.' + e.className])
                .filter(([r]) => r > width + 1).sort((a, b) => b[0] - a[0]).slice(0, 5)""",
                width,
            )
        )
    )
