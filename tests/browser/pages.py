"""The pages every browser test visits, and how to reach each one's interesting state."""

from dataclasses import dataclass, field

from vastkom.site import demo_content


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str
    status: int = 200
    submit_invalid: bool = False  # submit the main form with an invalid e-mail address first
    extra: dict = field(default_factory=dict)


TOPIC_WITH_CONTACTS = "nara-vard"
PAGES = [
    PageCase("home", "/"),
    PageCase("news-archive", "/nyheter/"),
    PageCase("article", f"/nyheter/{demo_content.SEED_ARTICLE['slug']}/"),
    PageCase("topic", f"/amnen/{TOPIC_WITH_CONTACTS}/"),
    PageCase("topic-index", "/amnen/"),
    PageCase("search-results", "/sok/?q=v%C3%A5rden"),
    PageCase("search-no-hits", "/sok/?q=zebrakorsning"),
    PageCase("subscribe", "/prenumeration/"),
    PageCase("subscribe-with-error", "/prenumeration/", submit_invalid=True),
    PageCase("unsubscribe", "/prenumeration/avsluta/"),
    PageCase("accessibility-statement", "/tillganglighet/"),
    PageCase("not-found", "/finns-inte/", status=404),
]
IDS = [p.name for p in PAGES]

INVALID_EMAIL = "inte-en-adress"


def open_page(page, site, case: PageCase):
    """Go to the page (and into its error state); returns the HTTP status of what is shown."""
    response = page.goto(site + case.path)
    status = response.status
    if case.submit_invalid:
        form = page.locator("main form:has(input[type=email])").first
        # The server's validation is under test, not the browser's own bubbles.
        form.evaluate("f => { f.noValidate = true; }")
        form.locator("input[type=email]").fill(INVALID_EMAIL)
        with page.expect_navigation():
            form.locator("button[type=submit], input[type=submit]").first.click()
        status = 200
    return status
