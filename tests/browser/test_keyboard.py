"""Keyboard alone: the tab order of the header, the search, the menu and the subscription form."""

import pytest

from tests.browser.pages import INVALID_EMAIL

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, href: e.getAttribute('href'),
          type: e.getAttribute('type'), name: e.getAttribute('name'), text: (e.innerText || '').trim()};
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_tab_order_is_skip_link_logo_search_then_menu(page, site):
    page.goto(site + "/")

    order = [tab(page) for _ in range(5)]

    assert order[0]["cls"] == "skip-link"
    assert order[1]["cls"] == "site-logo"
    assert (order[2]["id"], order[2]["name"]) == ("sok-q", "q")
    assert order[3]["tag"] == "button" and order[3]["text"] == "Sök"
    assert order[4]["href"] == "/nyheter/" and order[4]["text"] == "Nyheter"


def test_the_skip_link_moves_focus_to_the_main_content(page, site):
    page.goto(site + "/")

    tab(page)
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "innehall"
    assert tab(page)["href"] is not None  # the next stop is inside the content, not the header
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_search_works_with_the_keyboard_alone(page, site):
    page.goto(site + "/")
    for _ in range(3):
        tab(page)

    page.keyboard.type("vården")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/sok/?q=v%C3%A5rden" in page.url
    assert page.locator("h1").inner_text() == "Sökresultat för ”vården”"
    assert page.locator(".search-hit").count() > 0


def test_a_menu_item_opens_with_the_keyboard(page, site):
    page.goto(site + "/")
    for _ in range(5):
        focused = tab(page)
    assert focused["text"] == "Nyheter"

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == site + "/nyheter/"
    assert page.locator(".site-nav a[aria-current=page]").inner_text() == "Nyheter"


def test_every_menu_item_is_reached_by_tab(page, site):
    page.goto(site + "/")
    menu = page.eval_on_selector_all(".site-nav a", "as => as.map(a => a.getAttribute('href'))")

    reached = [tab(page)["href"] for _ in range(4 + len(menu))]

    assert len(menu) > 1
    assert reached[4:] == menu


def test_the_subscription_form_is_reached_in_order_and_sent_with_the_keyboard(page, site):
    page.goto(site + "/prenumeration/")
    form = page.locator("main form:has(input[type=email])").first
    controls = form.evaluate(
        """f => [...f.querySelectorAll('input, select, textarea, button')]
                .filter(e => e.type !== 'hidden' && !e.disabled)
                .map(e => e.id || e.name || e.tagName.toLowerCase())"""
    )
    page.locator("#innehall").focus()

    seen = []
    for _ in range(80):
        focused = tab(page)
        if page.evaluate("f => f.contains(document.activeElement)", form.element_handle()):
            if focused["tag"] in {"input", "select", "textarea", "button"}:
                seen.append(focused["id"] or focused["name"] or focused["tag"])
        if focused["type"] == "submit" and seen:
            break

    # Radio groups take one tab stop; every other control is reached, in the form's order.
    expected = [c for c in controls if c in seen]
    assert seen == expected
    assert any(form.locator(f"#{c}").get_attribute("type") == "email" for c in seen if c.startswith("id_"))
    assert page.evaluate("document.activeElement.type") == "submit"

    page.locator("main input[type=email]").first.focus()
    form.evaluate("f => { f.noValidate = true; }")
    page.keyboard.type(INVALID_EMAIL)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    email = page.locator("main input[type=email]").first
    assert email.get_attribute("aria-invalid") == "true"
    described = (email.get_attribute("aria-describedby") or "").split()
    assert described, "the error is not tied to the field"
    texts = [page.locator(f"#{i}").inner_text() for i in described]
    assert any(t.strip() for t in texts)
