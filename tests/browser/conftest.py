"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server."""

import contextlib
import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the test
# itself (factories) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@contextlib.contextmanager
def isolated_page(browser, live_server, **options):
    """A page in a context of its own, in French, without motion (axe measures contrast on what is on
    screen, and a half-faded popup fails it), and with no network beyond the test server: map tiles and
    any stray request fail fast. `options` go to Playwright's new_context (viewport, touch…)."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", reduced_motion="reduce", **options
    )
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server):
    with isolated_page(browser, live_server, viewport={"width": 1280, "height": 900}) as page:
        yield page


@pytest.fixture
def phone_page(browser, live_server):
    with isolated_page(
        browser, live_server, viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    ) as page:
        yield page


def log_in(page, email: str, next_url: str) -> None:
    page.goto(f"/comptes/connexion/?next={next_url}")
    page.locator("main input[name=username]").fill(email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_url}")


def axe_violations(page, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core in the page (WCAG 2.1 A and AA rules) and return its violations."""
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options).then(r => r.violations)",
        [context, options],
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})" for v in violations)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
