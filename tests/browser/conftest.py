"""Browser tests: Debian's Chromium driven by Playwright, axe-core from node_modules.

No test downloads a browser: Chromium comes from the machine (`apt-get install
chromium`, or CHROMIUM_PATH), axe-core from `npm ci` (the Makefile runs it).
Without them these tests skip with the reason; in CI a skip is a failure.

Two ways to serve pages:
- `demo_site`: one server process for the whole session, on its own fresh
  database loaded by `manage.py load_demo` — the site a newcomer sees.
- pytest-django's `live_server`, for a test that arranges its own data.
"""

import os

import pytest

from .support import AXE_PATH, CHROMIUM_PATH, DemoSite

# Playwright's sync API keeps an event loop in this thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium keeps calling Google's hosts; no packet may
    # leave the loopback range.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
]


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            # Under pytest-xdist every browser test runs in one process, which
            # starts the demo server and Chromium once.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM_PATH:
        pytest.skip("needs Chromium: `apt-get install chromium` or set CHROMIUM_PATH")
    if not AXE_PATH.exists():
        pytest.skip("needs axe-core: run `npm ci` (make test does when npm is installed)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[pytest.param(LAPTOP, id="laptop"), pytest.param(PHONE, id="phone")])
def viewport(request):
    return request.param


@pytest.fixture
def page(chromium, viewport):
    context = chromium.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/Paris")
    # Every request the page makes must stay on this machine.
    context.route("**/*", _loopback_only)
    page = context.new_page()
    yield page
    context.close()


def _loopback_only(route):
    from urllib.parse import urlsplit

    host = urlsplit(route.request.url).hostname or ""
    if route.request.url.startswith("data:") or host in {"127.0.0.1", "localhost", "::1", "[::1]"}:
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="session")
def demo_site(django_db_blocker):
    """Base URL of a server running on a fresh database with the demo data loaded."""
    if not CHROMIUM_PATH:
        pytest.skip("needs Chromium: `apt-get install chromium` or set CHROMIUM_PATH")
    with django_db_blocker.unblock():
        site = DemoSite.start()
    yield site.url
    with django_db_blocker.unblock():
        site.stop()
