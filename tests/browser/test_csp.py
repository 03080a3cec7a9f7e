"""The site's Content Security Policy, enforced by a real browser, breaks nothing it shows."""

import pytest

from tests.browser.pages import IDS, PAGES, open_page

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def strict_page(browser, site):
    """A page that obeys the CSP (no bypass) and records every violation the browser reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield page, refused
    context.close()


@pytest.mark.parametrize("case", PAGES, ids=IDS)
def test_page_is_served_with_the_policy_and_violates_nothing(strict_page, site, case):
    page, refused = strict_page
    response = page.goto(site + case.path)
    policy = response.headers.get("content-security-policy", "")
    open_page(page, site, case)

    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert page.evaluate("window.__csp") == []
    assert refused == []
    # The stylesheet loaded under the policy: the skip link is positioned off-screen.
    assert page.eval_on_selector(".skip-link", "el => getComputedStyle(el).position") == "absolute"


def test_the_policy_would_catch_an_inline_script(strict_page, site):
    page, refused = strict_page
    page.goto(site + "/")

    page.evaluate("document.body.appendChild(Object.assign(document.createElement('script'), {text: '1'}))")

    assert page.evaluate("window.__csp") == ["script-src-elem inline"]
