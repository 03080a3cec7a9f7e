"""The editors' workplace end to end in Chromium.

A Skribent logs in, writes a news article in CKEditor, hands it in for review and shares a
preview link, which a reader without an account opens; a Publicerare finds it on the dashboard
and schedules it; when its time comes the public page shows exactly that text and the old link
says it is not needed. Then a change to the live article waits as a pending draft (the public
keeps the live text, a new link shows the change) until the Publicerare publishes it.

One browser and one test: a context for each person (Skribent, Publicerare, anonymous reader).
The scheduled time is reached by moving the clock with ``time_machine``: the live server runs
in this process, so the site sees the moved clock and nobody waits.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import formats, timezone

from articles.models import Article
from vastkom.core import drafts
from vastkom.core.drafts import DraftState
from vastkom.core.previews.models import PreviewLink
from vastkom.core.publishing import Status
from vastkom.core.roles import PUBLISHER_GROUP, WRITER_GROUP
from vastkom.site.roles import roles_sync

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

PASSWORD = "lösen-för-webbläsartest-8"
EDITOR_READY = "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
WRITER_BUTTONS = ["Spara utkast", "Klar för granskning"]

TITLE = "Nytt nätverk för kommunernas vårdhygien"
LEAD = "Tolv kommuner delar nu rutiner och utbildning i vårdhygien."
FIRST_PARAGRAPH = "Nätverket träffas fyra gånger om året och börjar i mars."
SECOND_PARAGRAPH = "Alla kommuner i länet är välkomna att gå med."
TOPIC = "Nära vård"
CHANGED_TITLE = "Nätverket för vårdhygien växer till sjutton kommuner"
CHANGED_PARAGRAPH = "Nätverket har nu sjutton kommuner och träffas sex gånger om året."
SECOND_TOPIC = "Vårdens medarbetare"


def member(username, group, first_name, last_name):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(site):
    roles_sync()  # a flush by an earlier live-server test empties the groups the migration made
    return member("sara", WRITER_GROUP, "Sara", "Skribent")


@pytest.fixture
def publisher(site, writer):
    return member("per", PUBLISHER_GROUP, "Per", "Publicerare")


@pytest.fixture
def new_page(browser):
    """A page in a browser context of its own: its own cookies, no login."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, site, username):
    """Through the admin's login form, as a person does."""
    page.goto(f"{site}/admin/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    assert page.url == f"{site}/admin/", page.url


def buttons(page) -> list[str]:
    """The form's buttons that save (the bottom row)."""
    row = page.locator(".editorial-buttons").last
    return row.locator("input[type=submit]").evaluate_all("inputs => inputs.map(i => i.value)")


def press(page, label):
    with page.expect_navigation():
        page.locator(".editorial-buttons").last.locator(f"input[type=submit][value='{label}']").click()


def success(page) -> str:
    return page.locator(".messagelist .success").inner_text()


def wait_for_editor(page):
    page.wait_for_function(EDITOR_READY)


def type_into_editor(page, *paragraphs, replace=False):
    """Click into CKEditor's text and type, a paragraph per Enter."""
    wait_for_editor(page)
    page.frame_locator("#cke_id_body iframe").locator("body").click()
    if replace:
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    for number, paragraph in enumerate(paragraphs):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)


def choose_topic(page, title):
    """In the topics' autocomplete: type the start of the name, pick it."""
    page.locator(".field-topics .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").press_sequentially(title[:4])
    page.locator(".select2-results__option", has_text=re.compile(f"^{re.escape(title)}$")).click()
    assert page.locator(".field-topics .select2-selection__choice", has_text=title).count() == 1


def make_preview_link(page) -> str:
    """From the article's form: the link, as the success message gives it to copy."""
    with page.expect_navigation():
        page.get_by_role("link", name="Skapa eller återkalla förhandsvisningslänkar").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa länk").click()
    return re.search(r"https?://\S+/forhandsvisning/\S+/", success(page)).group(0)


def open_from_list(page, title):
    with page.expect_navigation():
        page.locator("#result_list").get_by_role("link", name=title, exact=True).click()
    wait_for_editor(page)


def open_from_dashboard(page, site, panel, title):
    page.goto(f"{site}/admin/")
    with page.expect_navigation():
        page.locator(f"#panel-{panel}").get_by_role("link", name=title, exact=True).click()
    wait_for_editor(page)


def shown(page) -> dict:
    """What a reader sees of an article."""
    main = page.locator("main")
    return {
        "title": main.locator("h1").inner_text(),
        "lead": main.locator(".lead").inner_text(),
        "body": main.locator(".richtext p").all_inner_texts(),
        "topics": main.locator(".tag-list li").all_inner_texts(),
    }


def when(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


def assert_private(response):
    """A preview: never stored by a cache, never indexed."""
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"].split(", ")
    assert response.headers["x-robots-tag"] == "noindex, nofollow"


def test_an_article_goes_from_writer_through_review_preview_and_schedule_to_the_public(
    site, writer, publisher, new_page
):
    sara, per, reader = new_page(), new_page(), new_page()
    article_url = None

    # --- The Skribent writes a new article in CKEditor, saves it and hands it in for review.
    log_in(sara, site, "sara")
    sara.goto(f"{site}/admin/articles/article/add/")
    assert buttons(sara) == WRITER_BUTTONS
    sara.get_by_role("textbox", name="Rubrik:").fill(TITLE)
    sara.get_by_role("textbox", name="Ingress:").fill(LEAD)
    type_into_editor(sara, FIRST_PARAGRAPH, SECOND_PARAGRAPH)
    choose_topic(sara, TOPIC)
    press(sara, "Spara utkast")

    assert success(sara) == f"Utkastet ”{TITLE}” är sparat. Det visas inte på webbplatsen."
    article = Article.objects.get(title=TITLE)
    assert sara.url == f"{site}/admin/articles/article/{article.pk}/change/"  # still on the form
    assert (article.status, article.created_by) == (Status.DRAFT, writer)
    assert re.sub(r">\s+<", "><", article.body) == f"<p>{FIRST_PARAGRAPH}</p><p>{SECOND_PARAGRAPH}</p>"
    wait_for_editor(sara)
    assert buttons(sara) == WRITER_BUTTONS
    press(sara, "Klar för granskning")
    assert success(sara) == f"”{TITLE}” är klar för granskning. En publicerare granskar och publicerar."
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    article_url = site + article.get_absolute_url()
    written = {"title": TITLE, "lead": LEAD, "body": [FIRST_PARAGRAPH, SECOND_PARAGRAPH], "topics": [TOPIC]}

    # --- A preview link, opened by someone without an account: exactly the draft, marked as such.
    open_from_list(sara, TITLE)
    draft_link = make_preview_link(sara)
    link = PreviewLink.objects.get()
    response = reader.goto(draft_link)
    assert_private(response)
    assert reader.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    banner = reader.locator(".preview-banner").inner_text()
    assert banner.startswith("Förhandsgranskning")
    assert f"Länken gäller till {when(link.expires_at)}" in banner
    assert shown(reader) == written
    assert reader.goto(article_url).status == 404  # the public does not see it

    # --- The Publicerare finds it on the dashboard and schedules it.
    log_in(per, site, "per")
    assert TITLE in per.locator("#panel-review").inner_text()
    open_from_dashboard(per, site, "review", TITLE)
    assert per.locator(".editorial-state .state-badge").inner_text() == "Klar för granskning"
    assert buttons(per) == ["Spara utkast", "Schemalägg", "Publicera nu", "Skicka tillbaka"]
    publish_at = (timezone.localtime() + dt.timedelta(minutes=11)).replace(second=0, microsecond=0)
    per.get_by_label("Publiceras, datum", exact=True).fill(publish_at.strftime("%Y-%m-%d"))
    per.get_by_label("Publiceras, tid", exact=True).fill(publish_at.strftime("%H:%M:%S"))
    press(per, "Schemalägg")

    assert success(per) == f"Schemalagd till {when(publish_at)}: ”{TITLE}” publiceras då av sig själv."
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.PUBLISHED, publish_at)
    per.goto(f"{site}/admin/")
    assert when(publish_at) in per.locator("#panel-scheduled li", has_text=TITLE).inner_text()
    assert reader.goto(article_url).status == 404  # not before its time
    assert_private(reader.goto(draft_link))
    assert shown(reader) == written

    with time_machine.travel(publish_at + dt.timedelta(seconds=1), tick=True):
        # --- Its time has come: the public page shows exactly what was written and previewed.
        response = reader.goto(article_url)
        assert response.status == 200
        assert shown(reader) == written
        assert reader.locator(".preview-banner, meta[name=robots]").count() == 0

        # The old preview link is no longer needed and leads to the public page.
        assert reader.goto(draft_link).status == 200
        assert reader.locator("h1").inner_text() == "Förhandsvisningen behövs inte längre"
        with reader.expect_navigation():
            reader.get_by_role("link", name=f"Läs ”{TITLE}” på webbplatsen").click()
        assert reader.url == article_url

        # --- The Skribent changes the live article: the change waits as a pending draft.
        sara.goto(f"{site}/admin/articles/article/{article.pk}/change/")
        wait_for_editor(sara)
        assert sara.locator(".editorial-state .state-badge").inner_text() == "Publicerad"
        assert buttons(sara) == WRITER_BUTTONS
        assert sara.locator("#id_publish_at_0").count() == 0  # the timing is the publisher's
        sara.get_by_role("textbox", name="Rubrik:").fill(CHANGED_TITLE)
        type_into_editor(sara, CHANGED_PARAGRAPH, replace=True)
        choose_topic(sara, SECOND_TOPIC)
        press(sara, "Klar för granskning")
        assert success(sara).startswith(f"Ändringarna i ”{CHANGED_TITLE}” är klara för granskning.")
        assert drafts.pending_draft_for(article).state == DraftState.REVIEW
        changed = {**written, "title": CHANGED_TITLE, "body": [CHANGED_PARAGRAPH], "topics": [TOPIC, SECOND_TOPIC]}

        reader.goto(article_url)
        assert shown(reader) == written  # the public keeps the live text

        open_from_list(sara, TITLE)
        change_link = make_preview_link(sara)
        assert change_link != draft_link
        assert_private(reader.goto(change_link))
        assert "ändringar som inte är publicerade" in reader.locator(".preview-banner").inner_text()
        assert shown(reader) == changed

        # --- The Publicerare publishes the change.
        open_from_dashboard(per, site, "review", TITLE)
        assert [b.inner_text() for b in per.locator(".editorial-state .state-badge").all()] == [
            "Publicerad",
            "Ändringar klara för granskning",
        ]
        press(per, "Publicera nu")
        assert success(per) == f"Publicerad: ”{CHANGED_TITLE}” visas på webbplatsen sedan {when(publish_at)}."
        assert not drafts.has_pending_changes(article)

        reader.goto(article_url)
        assert shown(reader) == changed
        reader.goto(change_link)
        assert reader.locator("h1").inner_text() == "Förhandsvisningen behövs inte längre"
        with reader.expect_navigation():
            reader.get_by_role("link", name=f"Läs ”{CHANGED_TITLE}” på webbplatsen").click()
        assert shown(reader) == changed
