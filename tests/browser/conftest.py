"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread, which trips Django's
# async-safety check on every ORM call made by the test itself.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .axe import assert_no_axe_violations  # noqa: E402, F401

HERE = Path(__file__).parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test on a transactional database."""
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _eu_drempelwaarden(transactional_db):
    """A transactional test starts from a flushed database, without the EU thresholds that
    a data migration seeds; put them back, as every real installation has them."""
    import importlib

    from django.apps import apps

    importlib.import_module("trajecten.migrations.0003_drempelwaarden").seed(apps, None)


def chromium_path():
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if os.path.exists(found) else None


# Module scope: Playwright's sync API keeps an event loop running in the main thread
# while it is open, which breaks Django's async views (/health/) in tests that run
# after it. Closing it at the end of each module ends that loop.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        pytest.fail(
            "Chromium not found (looked for `chromium` on PATH and /usr/bin/chromium). "
            "Run `make test`, which installs Debian's chromium package, "
            "or `apt-get install chromium`.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        new_context = browser.new_context
        browser.new_context = lambda *args, **kwargs: _watch_for_csp_violations(
            new_context(*args, **kwargs)
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# Every Content Security Policy violation that Chromium reports, on any page of any
# context a browser test opens (also the contexts the tests open themselves).
CSP_VIOLATIONS = []


def _watch_for_csp_violations(context):
    def record(message):
        if "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", record)
    return context


@pytest.fixture(autouse=True)
def _no_csp_violations():
    """Fails a browser test when a page it visited broke the Content Security Policy."""
    CSP_VIOLATIONS.clear()
    yield
    found, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert not found, "Content Security Policy violations:\n" + "\n".join(found)
