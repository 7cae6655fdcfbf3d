"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import sync_playwright

from .axe import assert_no_axe_violations  # noqa: F401
from .demo_state import SavedDemo

# Playwright's sync API runs an event loop in this thread, which trips Django's
# async-safety check on every ORM call made by the test itself (read at each call).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
    importlib.import_module("trajecten.migrations.0003_drempelwaarden").seed(apps, None)


@pytest.fixture(scope="session")
def _saved_demo():
    """Holds the demo once the first test that needs it has built it (see demo_state.py)."""
    return {}


@pytest.fixture
def demo_logins(_eu_drempelwaarden, settings, _saved_demo, tmp_path_factory):
    """The whole demo in the database (and its files in the media folders); returns its logins
    as `aanbesteden.demo.build()` does. Built by the first test of the run that asks, put back
    from the saved state for every other one."""
    if "demo" not in _saved_demo:
        _saved_demo["demo"] = SavedDemo.build(tmp_path_factory.mktemp("demo-media"))
        return _saved_demo["demo"].logins
    return _saved_demo["demo"].restore()


def chromium_path():
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if os.path.exists(found) else None


# Module scope: Playwright's sync API keeps an event loop running in the main thread
# while it is open, which breaks Django's async views (/health/) in tests that run
# after it. Closing it at the end of each module ends that loop.
@pytest.fixture(scope="module")
def browser():
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
