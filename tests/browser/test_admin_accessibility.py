"""The editors' admin in a real browser: axe-core finds nothing on the pages we add or change,
as a Skribent and as a Publicerare, and the form fits a real headline and whole topic names."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from articles.models import Article
from tests.browser.conftest import axe_violations, describe
from topics.models import ContactPerson, Topic
from vastkom.core.roles import PUBLISHER_GROUP, WRITER_GROUP
from vastkom.site import demo_content
from vastkom.site.roles import roles_sync

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def log_in(page, site, username, group):
    """A member of ``group``, logged in by session cookie (the login page is not under test)."""
    roles_sync()  # a flush by an earlier live-server test empties the groups the migration made
    user = get_user_model().objects.create_user(username=username, password="lösen-för-test-9", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    return user


def admin_pages():
    article = Article.objects.get(slug=demo_content.SEED_ARTICLE["slug"])
    topic = Topic.objects.get(slug="nara-vard")
    return {
        "dashboard": "/admin/",
        "article-add": "/admin/articles/article/add/",
        "article-change": f"/admin/articles/article/{article.pk}/change/",
        "article-list": "/admin/articles/article/",
        "topic-change": f"/admin/topics/topic/{topic.pk}/change/",
    }


def violations_on(page, site, paths) -> dict:
    found = {}
    for name, path in paths.items():
        response = page.goto(site + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        found[name] = axe_violations(page)
    return {name: v for name, v in found.items() if v}


def test_axe_finds_nothing_on_the_admin_pages_of_a_skribent(page, site):
    log_in(page, site, "skribent-test", WRITER_GROUP)
    contact = ContactPerson.objects.get(name="Tove Lindqvist")
    paths = {**admin_pages(), "contact-view": f"/admin/topics/contactperson/{contact.pk}/change/"}

    violations = violations_on(page, site, paths)

    assert violations == {}, describe(violations)


def test_axe_finds_nothing_on_the_admin_pages_of_a_publicerare(page, site):
    log_in(page, site, "publicerare-test", PUBLISHER_GROUP)

    violations = violations_on(page, site, admin_pages())

    # Unticking "aktiv" on a contact shown on published pages asks first.
    contact = ContactPerson.objects.get(name="Tove Lindqvist")
    page.goto(f"{site}/admin/topics/contactperson/{contact.pk}/change/")
    page.get_by_label("Aktiv").uncheck()
    with page.expect_navigation():
        page.locator("input[name=_save]").last.click()
    assert page.locator("h1").inner_text() == "Göra Tove Lindqvist inaktiv?"
    confirmation = axe_violations(page)

    assert violations == {}, describe(violations)
    assert confirmation == [], describe(confirmation)


def test_the_article_form_fits_a_real_headline_and_whole_topic_names(page, site):
    log_in(page, site, "publicerare-test", PUBLISHER_GROUP)
    article = Article.objects.get(slug=demo_content.SEED_ARTICLE["slug"])
    long_topic = Topic.objects.create(
        title="Kommunal hälso- och sjukvård i samverkan med Västra Götalandsregionen", slug="lang-amnestitel"
    )
    article.topics.add(long_topic)

    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")

    title_width = page.locator("#id_title").evaluate("e => e.getBoundingClientRect().width")
    assert title_width >= 600  # a 90-character headline is readable whole
    chips = page.locator(".field-topics .select2-selection__choice")
    cut = chips.evaluate_all("cs => cs.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)")
    assert cut == []
    assert chips.filter(has_text=long_topic.title).count() == 1
    labels = page.locator(".select2-search__field").evaluate_all("fs => fs.map(f => f.getAttribute('aria-label'))")
    assert labels and all(labels), labels
