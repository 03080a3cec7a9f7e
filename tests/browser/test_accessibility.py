"""WCAG 2.1 AA in a real browser: axe-core finds nothing, the structure holds, nothing scrolls sideways."""

import pytest

from tests.browser.conftest import axe_violations, describe
from tests.browser.pages import IDS, PAGES, open_page

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.mark.parametrize("case", PAGES, ids=IDS)
def test_axe_finds_no_wcag_21_aa_violations(page, site, case):
    assert open_page(page, site, case) == case.status

    violations = axe_violations(page)

    assert violations == [], f"{case.path}:\n{describe(violations)}"


@pytest.mark.parametrize("case", PAGES, ids=IDS)
def test_the_page_has_landmarks_one_h1_and_no_skipped_heading_levels(page, site, case):
    open_page(page, site, case)

    assert page.locator("html").get_attribute("lang") == "sv"
    for landmark in ("body > header", "header nav", "main#innehall", "body > footer"):
        assert page.locator(landmark).count() == 1, landmark
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels.count(1) == 1, levels
    assert levels[0] == 1 or page.locator("body > header h1").count() == 0
    main_levels = page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4, main h5, main h6", "hs => hs.map(h => Number(h.tagName[1]))"
    )
    assert main_levels[0] == 1, main_levels
    skips = [(a, b) for a, b in zip(main_levels, main_levels[1:], strict=False) if b > a + 1]
    assert skips == [], main_levels


@pytest.mark.parametrize("case", PAGES, ids=IDS)
def test_every_image_has_alt_text_or_is_marked_decorative(page, site, case):
    open_page(page, site, case)

    without_alt = page.eval_on_selector_all("img", "imgs => imgs.filter(i => !i.hasAttribute('alt')).map(i => i.src)")

    assert without_alt == []


@pytest.mark.parametrize("case", PAGES, ids=IDS)
def test_nothing_scrolls_sideways_at_375_or_320_px(browser, site, case):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="sv-SE", bypass_csp=True)
    try:
        page = context.new_page()
        widths = {}
        for width in (375, 320):
            page.set_viewport_size({"width": width, "height": 740})
            open_page(page, site, case)
            widths[width] = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

        assert all(scroll <= inner for scroll, inner in widths.values()), f"{case.path}: {widths}"
    finally:
        context.close()


@pytest.mark.parametrize(
    "case", [p for p in PAGES if p.name in {"home", "article", "search-results"}], ids=lambda c: c.name
)
def test_at_200_percent_zoom_nothing_scrolls_sideways(browser, site, case):
    # 200 % zoom of a 1280 px window is the layout of a 640 px window at device scale 2.
    context = browser.new_context(
        viewport={"width": 640, "height": 450}, device_scale_factor=2, locale="sv-SE", bypass_csp=True
    )
    try:
        page = context.new_page()
        open_page(page, site, case)

        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

        assert scroll_width <= inner_width
    finally:
        context.close()


def test_focus_is_visible_on_links_and_fields(page, site):
    page.goto(site + "/")

    outlines = []
    for _ in range(4):
        page.keyboard.press("Tab")
        outlines.append(
            page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
            )
        )

    assert all(style != "none" and width >= 2 for _tag, style, width in outlines), outlines


def test_the_current_menu_item_is_marked(page, site):
    page.goto(site + "/nyheter/")

    current = page.locator(".site-nav a[aria-current]")

    assert current.count() == 1
    assert current.get_attribute("aria-current") == "page"
    assert current.inner_text() == "Nyheter"


def test_the_axe_check_itself_reports_a_page_built_to_fail(browser):
    page = browser.new_page(bypass_csp=True)
    try:
        page.set_content('<html><body><img src="x.png"><a href="/"></a><input type="text"></body></html>')

        violations = {v["id"] for v in axe_violations(page)}

        assert {"html-has-lang", "image-alt", "link-name", "label"} <= violations
    finally:
        page.close()
