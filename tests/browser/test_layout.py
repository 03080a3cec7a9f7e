"""The look in a real browser: the h1 near the top on a phone, the side column on a wide screen,
a readable measure, the topic grid without a lone box, and the menu and search toggles of a
phone that open and close by keyboard, with or without JavaScript."""

import pytest

from tests.browser.conftest import axe_violations, describe
from tests.browser.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

BY_NAME = {p.name: p for p in PAGES}
PHONE = {"width": 375, "height": 800}
RECT = (
    "e => { const r = e.getBoundingClientRect();"
    " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; }"
)


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("name", ["home", "article", "topic"])
def test_on_a_phone_the_h1_starts_within_the_top_250_px(phone, site, name):
    phone.goto(site + BY_NAME[name].path)

    top = phone.eval_on_selector("h1", "h => h.getBoundingClientRect().top")

    assert top <= 250, f"{name}: h1 at {top} px"


@pytest.mark.parametrize("name", ["article", "topic"])
def test_on_a_wide_screen_the_contact_card_sits_in_the_side_column(page, site, name):
    page.goto(site + BY_NAME[name].path)

    main = page.eval_on_selector(".page-layout__main", RECT)
    lead = page.eval_on_selector(".page-layout__main .lead", RECT)
    card = page.eval_on_selector(".contact-card", RECT)

    assert card["left"] >= main["right"], (card, main)
    assert card["top"] < lead["bottom"] + 200, "the card sits beside the text, not below it"
    assert page.evaluate("document.querySelector('.contact-card').closest('.page-layout__aside') !== null")


def test_on_a_phone_the_side_column_follows_the_text(phone, site):
    phone.goto(site + BY_NAME["article"].path)

    body = phone.eval_on_selector(".page-layout__main .richtext", RECT)
    card = phone.eval_on_selector(".contact-card", RECT)

    assert card["top"] > body["bottom"]
    assert card["left"] < body["left"] + 40


def test_article_text_keeps_a_readable_measure_on_a_wide_screen(page, site):
    page.goto(site + BY_NAME["article"].path)

    per_line = page.evaluate(
        """() => {
          const p = [...document.querySelectorAll('.page-layout__main .richtext p')]
            .sort((a, b) => b.textContent.length - a.textContent.length)[0];
          const range = document.createRange();
          range.selectNodeContents(p);
          const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
          return p.textContent.length / lines;
        }"""
    )

    assert 55 <= per_line <= 80, per_line


@pytest.mark.parametrize("width", [1280, 800])
def test_the_topic_grid_leaves_no_box_alone_beside_an_empty_space(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(site + "/")
        grid = page.eval_on_selector(".topic-grid", RECT)
        boxes = page.eval_on_selector_all(".topic-grid > li", f"items => items.map({RECT})")
        rows = {}
        for box in boxes:
            rows.setdefault(round(box["top"]), []).append(box)

        assert len(rows) > 1 and max(len(r) for r in rows.values()) > 1  # a grid, not a column
        for row in rows.values():
            if len(row) == 1:
                assert row[0]["width"] >= grid["width"] - 2, f"a lone box at {width} px: {row[0]}"
    finally:
        context.close()


def tab_to(page, text, limit=12):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText.trim()") == text:
            return
    raise AssertionError(f"{text!r} not reached by Tab")


def menu_links_visible(page) -> bool:
    return page.locator(".site-nav a[href='/nyheter/']").is_visible()


def test_the_menu_button_opens_and_closes_by_keyboard(phone, site):
    phone.goto(site + "/")
    assert not menu_links_visible(phone)

    tab_to(phone, "Meny")
    phone.keyboard.press("Enter")
    assert menu_links_visible(phone)
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('href')") == "/nyheter/"

    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Space")
    assert not menu_links_visible(phone)


def test_the_menu_button_works_with_javascript_disabled(phone_without_javascript, site):
    page = phone_without_javascript
    page.goto(site + "/")
    assert not menu_links_visible(page)

    page.get_by_text("Meny", exact=True).click()
    assert menu_links_visible(page)
    with page.expect_navigation():
        page.locator(".site-nav a[href='/nyheter/']").click()
    assert page.url == site + "/nyheter/"

    tab_to(page, "Meny")
    page.keyboard.press("Enter")
    assert menu_links_visible(page)
    page.keyboard.press("Enter")
    assert not menu_links_visible(page)


def test_the_search_button_opens_the_search_field_on_a_phone(phone, site):
    phone.goto(site + "/")
    assert not phone.locator("#sok-q").is_visible()

    tab_to(phone, "Sök")
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    phone.keyboard.type("vården")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")

    assert "/sok/?q=v%C3%A5rden" in phone.url


def test_on_a_wide_screen_menu_and_search_show_without_buttons(page, site):
    page.goto(site + "/")

    assert page.locator("#sok-q").is_visible()
    assert menu_links_visible(page)
    assert not page.get_by_text("Meny", exact=True).is_visible()


def test_topic_choices_are_disabled_while_alla_nyheter_is_chosen(page, site):
    page.goto(site + "/prenumeration/")
    topics = page.locator("fieldset[data-topics-for]")

    assert page.locator("input[name=follow][value=alla]").is_checked()
    assert topics.evaluate("f => f.disabled")
    assert page.locator("fieldset[data-topics-for] input[type=checkbox]").first.is_disabled()

    page.locator("input[name=follow][value=amnen]").check()
    assert not topics.evaluate("f => f.disabled")
    page.locator("fieldset[data-topics-for] input[type=checkbox]").first.check()

    page.locator("input[name=follow][value=alla]").check()
    assert topics.evaluate("f => f.disabled")


def test_without_javascript_the_topic_choices_stay_usable(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/prenumeration/")

        assert not page.locator("fieldset[data-topics-for]").evaluate("f => f.disabled")
        assert page.locator("fieldset[data-topics-for] input[type=checkbox]").first.is_enabled()
    finally:
        context.close()


def test_axe_finds_nothing_on_search_hits_with_contact_cards(page, site):
    page.goto(site + "/sok/?q=lindqvist")
    assert page.locator(".search-contacts .contact-card").count() == 1

    violations = axe_violations(page)

    assert violations == [], describe(violations)


def test_axe_finds_nothing_on_the_personal_page_with_its_red_buttons(page, site):
    from subscriptions.tokens import manage_token_make
    from tests.subscriptions.factories import SubscriberFactory

    subscriber = SubscriberFactory(confirmed=True)
    page.goto(site + f"/prenumeration/hantera/{manage_token_make(subscriber=subscriber)}/")
    save = page.get_by_role("button", name="Spara")
    unsubscribe = page.get_by_role("button", name="Avsluta prenumerationen")

    violations = axe_violations(page)

    assert violations == [], describe(violations)
    colours = [
        b.evaluate("b => getComputedStyle(b).backgroundColor + ' ' + getComputedStyle(b).color")
        for b in (save, unsubscribe)
    ]
    assert colours[0] != colours[1], colours
