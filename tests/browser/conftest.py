"""Browser tests: Debian's Chromium driven by Playwright against the live server on PostgreSQL.

The site runs on 127.0.0.1 (pytest-django's ``live_server``) with the demo content; each test
gets a fresh copy (``live_server`` makes every test transactional). axe-core comes from npm
(``package.json``); ``scripts/browser-deps.sh`` installs Chromium and axe-core when missing.
"""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls the fixtures make
# (loading the demo, flushing after the test) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The live server listens on the loopback address, as the site is served in production tests.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/browser-deps.sh (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, demo_media):
    """One media folder for the session: load_demo draws and resizes its pictures once."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


@pytest.fixture
def site(live_server, settings):
    """The live server's address, with the demo content loaded."""
    settings.SITE_URL = live_server.url
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.fixture
def page(browser, site):
    # axe-core is injected as a script: the test browser alone may bypass the site's CSP.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page for WCAG 2.0/2.1 A and AA; the violations, shortened."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does).")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    assert result["passes"] or result["violations"], "axe-core ran no rules"
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [{"target": n["target"], "summary": n.get("failureSummary", "")} for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]


def describe(violations) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=2)
