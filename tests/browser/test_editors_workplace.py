"""The history, preview-link and redirect screens in a real browser: axe-core finds nothing."""

import pytest
import reversion
from django.contrib.auth import get_user_model

from articles.models import Article
from tests.browser.conftest import AXE_JS, AXE_TAGS, axe_violations, describe
from vastkom.core.drafts import PendingDraft
from vastkom.core.previews.services import preview_link_create, preview_link_revoke
from vastkom.core.publishing import Status
from vastkom.site import demo_content

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
PASSWORD = "lösen-för-webbläsartest-1"


@pytest.fixture
def article_with_history(site):
    user = get_user_model().objects.create_superuser(
        username="granskare", password=PASSWORD, first_name="Maria", last_name="Redaktör"
    )
    article = Article.objects.get(slug=demo_content.SEED_ARTICLE["slug"])
    for title, body in (
        (article.title + " (rättad)", article.body.replace("</p>", " Ett tillägg.</p>", 1)),
        (article.title + " (rättad igen)", article.body),
    ):
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment("Ändrade Rubrik och Brödtext.")
            article.title, article.body = title, body
            article.save()
    return user, article


def log_in(page, site):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "granskare")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}:\n{describe(violations)}"


def test_history_compare_and_restore_pages_pass_axe(page, site, article_with_history):
    _user, article = article_with_history
    log_in(page, site)
    page.goto(f"{site}/admin/articles/article/{article.pk}/history/")
    assert page.locator("h1").inner_text().startswith("Historik för")
    assert_no_violations(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Jämför valda versioner").click()
    assert page.locator("table ins, table del").count() >= 2
    assert_no_violations(page)

    page.goto(f"{site}/admin/articles/article/{article.pk}/history/")
    with page.expect_navigation():
        page.get_by_role("link", name="Visa och återställ").first.click()
    assert page.get_by_role("button", name="Återställ den här versionen").count() == 1
    assert_no_violations(page)


def test_preview_link_screens_and_pages_pass_axe(browser, page, site, article_with_history):
    user, article = article_with_history
    article.status = Status.DRAFT
    article.save()
    log_in(page, site)
    page.goto(f"{site}/admin/articles/article/{article.pk}/forhandsvisning/")
    page.select_option("#id_days", "3")
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa länk").click()
    assert page.locator(".messagelist .success").count() == 1
    assert_no_violations(page)

    link = preview_link_create(obj=article, user=user)
    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", bypass_csp=True)
    try:
        anonymous = reader.new_page()
        response = anonymous.goto(site + link.get_absolute_url())
        assert response.status == 200
        assert "Förhandsgranskning" in anonymous.locator(".preview-banner").inner_text()
        assert_no_violations(anonymous)

        preview_link_revoke(link=link)
        response = anonymous.goto(site + link.get_absolute_url())
        assert response.status == 410
        assert_no_violations(anonymous)

        later = preview_link_create(obj=article, user=user)
        article.status = Status.PUBLISHED
        article.save()
        anonymous.goto(site + later.get_absolute_url())
        assert anonymous.locator("h1").inner_text() == "Förhandsvisningen behövs inte längre"
        assert_no_violations(anonymous)
    finally:
        reader.close()


def test_redirect_screens_pass_axe(page, site, article_with_history):
    log_in(page, site)
    page.goto(f"{site}/admin/core/redirect/add/")
    page.fill("#id_old_path", "/gammal/")
    page.fill("#id_new_path", "/gammal/")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".errorlist").count() >= 1
    assert_no_violations(page)

    page.fill("#id_new_path", "/nyheter/")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.url.endswith("/admin/core/redirect/")
    assert_no_violations(page)


def axe_violations_within(page, selector) -> list[dict]:
    """axe-core on the parts of a page matching ``selector`` only: what we added to Django's own
    change form and list (their date, autocomplete and breadcrumb fixes are the admin's own work)."""
    assert page.locator(selector).count() >= 1, selector
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "([sel, tags]) => axe.run(document.querySelectorAll(sel), {runOnly: {type: 'tag', values: tags}})",
        [selector, AXE_TAGS],
    )
    assert result["passes"] or result["violations"], "axe-core ran no rules"
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:5]]} for v in result["violations"]]


def test_what_history_and_preview_links_add_to_the_article_form_passes_axe(page, site, article_with_history):
    user, article = article_with_history
    article.status = Status.DRAFT
    article.save()
    preview_link_create(obj=article, user=user)
    log_in(page, site)

    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")

    assert page.locator("fieldset:has(.field-last_changed_by)").get_by_text("Maria Redaktör").count() == 1
    violations = axe_violations_within(page, "fieldset:has(.field-last_changed_by), fieldset:has(.field-preview_links)")
    assert violations == [], describe(violations)


def test_the_last_changed_by_column_of_the_article_list_passes_axe(page, site, article_with_history):
    log_in(page, site)

    page.goto(f"{site}/admin/articles/article/")

    assert page.locator("#result_list td.field-last_changed_by").get_by_text("Maria Redaktör").count() == 1
    violations = axe_violations_within(page, "#result_list")
    assert violations == [], describe(violations)


def test_a_history_with_pending_changes_passes_axe(page, site, article_with_history):
    from vastkom.core import drafts
    from vastkom.core.history.services import pending_version_record

    user, article = article_with_history
    draft = drafts.pending_draft_save(obj=article, values={"title": "Väntande rubrik"}, author=user)
    pending_version_record(
        copy=drafts.working_copy(article, draft), user=user, comment="Ändringar som väntar på publicering."
    )
    log_in(page, site)

    page.goto(f"{site}/admin/articles/article/{article.pk}/history/")

    assert page.get_by_text("Väntande ändringar", exact=True).count() == 1
    assert page.get_by_role("link", name="Jämför med publicerad version").count() == 1
    assert_no_violations(page)
    page.goto(f"{site}/admin/articles/article/{article.pk}/history/")
    with page.expect_navigation():
        page.get_by_role("link", name="Visa och återställ").last.click()  # an older live version
    assert page.get_by_role("button", name="Återställ den här versionen").count() == 1
    assert page.get_by_text("Det finns ändringar som väntar på publicering, sparade av Maria Redaktör").count() == 1
    assert_no_violations(page)


def test_a_stale_change_form_is_refused_keeps_what_was_typed_and_passes_axe(page, site, article_with_history):
    _user, article = article_with_history
    other = get_user_model().objects.create_user(username="kollega", first_name="Kim", last_name="Kollega")
    log_in(page, site)
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    with reversion.create_revision():  # a colleague saves while the form is open
        reversion.set_user(other)
        article.lead = "Kollegans ingress."
        article.save()

    page.fill("#id_title", "Min nya rubrik")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").first.click()

    assert page.locator("#id_title").input_value() == "Min nya rubrik"
    assert page.get_by_text("har sparats av Kim Kollega").count() == 1
    assert page.get_by_role("link", name="Jämför med versionen du öppnade").count() == 1
    violations = axe_violations_within(page, ".errornote, .errorlist")
    assert violations == [], describe(violations)
    article.refresh_from_db()
    assert article.lead == "Kollegans ingress."
    assert not Article.objects.filter(title="Min nya rubrik").exists()
    assert not PendingDraft.objects.exists()  # nothing written, not even pending changes
