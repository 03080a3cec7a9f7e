"""Preview links: the current draft for anyone who has the link, until it expires or is revoked."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from vastkom.core import drafts
from vastkom.core.previews.models import PreviewLink
from vastkom.core.previews.services import lifetime_choices, preview_link_create, preview_link_revoke

pytestmark = pytest.mark.django_db

UNPUBLISHED = [
    pytest.param(ArticleFactory, {"draft": True}, "articles/article_detail.html", id="article-draft"),
    pytest.param(ArticleFactory, {"scheduled": True}, "articles/article_detail.html", id="article-scheduled"),
    pytest.param(TopicFactory, {"draft": True}, "topics/topic_detail.html", id="topic-draft"),
    pytest.param(TopicFactory, {"scheduled": True}, "topics/topic_detail.html", id="topic-scheduled"),
]


@pytest.fixture
def reader():
    """Someone without an account who was sent the link."""
    return Client()


def links_page(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/forhandsvisning/"


@pytest.mark.parametrize(("factory", "traits", "template"), UNPUBLISHED)
def test_a_valid_link_shows_the_draft_with_its_own_template_to_anyone(reader, editor, factory, traits, template):
    item = factory(title="Utkast som ska granskas", **traits)
    link = preview_link_create(obj=item, user=editor, days=7)

    response = reader.get(link.get_absolute_url())

    assert response.status_code == 200
    assertTemplateUsed(response, template)
    assertContains(response, "<h1>Utkast som ska granskas</h1>", html=True)
    assertContains(response, "<strong>Förhandsgranskning</strong>", html=True)
    assertContains(response, "Länken gäller till")


def test_the_preview_says_until_when_the_link_works(reader, editor):
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False):
        link = preview_link_create(obj=ArticleFactory(draft=True), user=editor, days=3)

        response = reader.get(link.get_absolute_url())

    assertContains(response, "Länken gäller till 26 november 2026 11:00")


@pytest.mark.parametrize(("factory", "traits", "template"), UNPUBLISHED)
def test_a_preview_is_never_stored_by_a_cache_and_never_indexed(reader, editor, factory, traits, template):
    link = preview_link_create(obj=factory(**traits), user=editor)

    response = reader.get(link.get_absolute_url())

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "no-cache", "max-age=0"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)


def served_from_page_cache(client, url) -> bool:
    """Whether the site's page cache answered ``url``: no query but the generation read."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in {200, 410}
    return not [q for q in captured if "vastkom_shared_cache" not in q["sql"]]


def test_the_page_cache_never_keeps_a_preview(reader, editor, settings):
    settings.PAGE_CACHE_ENABLED = True
    topic = TopicFactory(draft=True)
    link = preview_link_create(obj=topic, user=editor)
    reader.get(link.get_absolute_url())

    assert not served_from_page_cache(reader, link.get_absolute_url())
    preview_link_revoke(link=link)
    assert reader.get(link.get_absolute_url()).status_code == 410
    # The same cache does keep an ordinary public page: the check above can fail.
    public = TopicFactory().get_absolute_url()
    reader.get(public)
    assert served_from_page_cache(reader, public)


def test_an_expired_link_answers_a_swedish_410(reader, editor):
    link = preview_link_create(obj=ArticleFactory(draft=True, title="Hemligt utkast"), user=editor, days=1)

    with time_machine.travel(timezone.now() + dt.timedelta(days=1, seconds=1)):
        response = reader.get(link.get_absolute_url())

    assert response.status_code == 410
    assertContains(response, "Förhandsvisningen gäller inte längre", status_code=410)
    assertContains(response, "Länken gällde till", status_code=410)
    assertNotContains(response, "Hemligt utkast", status_code=410)
    assert "no-store" in response["Cache-Control"]


def test_a_revoked_link_answers_a_swedish_410(reader, editor):
    link = preview_link_create(obj=ArticleFactory(draft=True, title="Hemligt utkast"), user=editor)
    preview_link_revoke(link=link)

    response = reader.get(link.get_absolute_url())

    assert response.status_code == 410
    assertContains(response, "Länken har återkallats", status_code=410)
    assertNotContains(response, "Hemligt utkast", status_code=410)


def test_a_link_to_a_deleted_item_answers_410(reader, editor):
    article = ArticleFactory(draft=True)
    link = preview_link_create(obj=article, user=editor)
    article.delete()

    assert reader.get(link.get_absolute_url()).status_code == 410


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: str(int(token.split(":")[0]) + 1) + ":" + token.split(":")[1],
        lambda token: token.split(":")[0],
        lambda token: "inte-en-lank",
    ],
    ids=["signature", "other-id", "unsigned", "garbage"],
)
def test_a_tampered_link_is_not_found(reader, editor, mangle):
    link = preview_link_create(obj=ArticleFactory(draft=True), user=editor)
    preview_link_create(obj=ArticleFactory(draft=True), user=editor)

    response = reader.get(f"/forhandsvisning/{mangle(link.token)}/")

    assert response.status_code == 404


def test_the_link_of_a_published_item_without_pending_changes_says_it_is_no_longer_needed(reader, editor):
    article = ArticleFactory(scheduled=True, title="Snart publicerad")
    link = preview_link_create(obj=article, user=editor)

    with time_machine.travel(article.publish_at + dt.timedelta(minutes=1)):
        response = reader.get(link.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "Förhandsvisningen behövs inte längre")
    assertContains(
        response, f'<a href="{article.get_absolute_url()}">Läs ”Snart publicerad” på webbplatsen</a>', html=True
    )
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_preview_of_a_pending_new_main_image_shows_that_image(reader, writer, png_upload):
    article = ArticleFactory(title="Live med bild", with_image=True)
    live_image = article.image_renditions["sizes"][0]["url"]
    client = Client()
    client.force_login(writer)
    url = f"/admin/articles/article/{article.pk}/change/"
    client.post(url, admin_form_data(client.get(url), image=png_upload, image_alt="Ett diagram."))
    client.post(url, admin_form_data(client.get(url), title="Live med ny bild"))  # saved again, image kept
    pending_image = drafts.working_copy(article).image.name
    link = preview_link_create(obj=article, user=writer)

    preview = reader.get(link.get_absolute_url()).content.decode()
    public = reader.get(article.get_absolute_url()).content.decode()

    stem = re.escape(pending_image.rsplit(".", 1)[0].replace("/", "_"))
    assert re.search(rf'<img src="/media/renditions/{stem}-\d+w\.webp"[^>]* alt="Ett diagram\."', preview)
    assert live_image not in preview
    assert live_image in public


def test_once_pending_changes_are_published_the_link_names_the_page_by_its_new_title(reader, editor):
    article = ArticleFactory(title="Gammal rubrik")
    drafts.pending_draft_save(obj=article, values={"title": "Ny rubrik"}, author=editor)
    link = preview_link_create(obj=article, user=editor)
    article.title = "Ny rubrik"  # what publishing the changes does
    article.save()
    drafts.pending_draft_discard(obj=article)

    response = reader.get(link.get_absolute_url())

    assertContains(response, "Förhandsvisningen behövs inte längre")
    assertContains(response, f'<a href="{article.get_absolute_url()}">Läs ”Ny rubrik” på webbplatsen</a>', html=True)


def test_a_published_item_with_pending_changes_is_previewed(reader, editor, monkeypatch):
    article = ArticleFactory(title="Publicerad med ändringar")
    monkeypatch.setattr("vastkom.core.previews.services.has_pending_changes", lambda obj: True)
    monkeypatch.setattr("vastkom.core.previews.views.has_pending_changes", lambda obj: True)
    link = preview_link_create(obj=article, user=editor)

    response = reader.get(link.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<strong>Förhandsgranskning</strong>", html=True)


def test_the_preview_of_pending_changes_to_a_live_article_shows_their_topics_and_contacts(reader, editor):
    old_topic, new_topic = TopicFactory(title="Ämnet som var"), TopicFactory(title="Ämnet som kommer")
    leaving, arriving = ContactPersonFactory(name="Kontakt som var"), ContactPersonFactory(name="Kontakt som kommer")
    article = ArticleFactory(title="Live", topics=[old_topic], contacts=[leaving])
    drafts.pending_draft_save(
        obj=article,
        values={"title": "Ändrad", "topics": [old_topic.pk, new_topic.pk], "contacts": [arriving.pk]},
        author=editor,
    )
    link = preview_link_create(obj=article, user=editor)

    preview = reader.get(link.get_absolute_url())
    public = reader.get(article.get_absolute_url())

    assertContains(preview, "<h1>Ändrad</h1>", html=True)
    assertContains(preview, "Ämnet som kommer")
    assertContains(preview, "Kontakt som kommer")
    assertNotContains(preview, "Kontakt som var")
    assertContains(public, "<h1>Live</h1>", html=True)
    assertNotContains(public, "Ämnet som kommer")
    assertContains(public, "Kontakt som var")


def test_the_preview_of_changes_to_a_live_page_says_they_are_changes(reader, editor):
    article = ArticleFactory(title="Live")
    drafts.pending_draft_save(obj=article, values={"title": "Ändrad"}, author=editor)
    link = preview_link_create(obj=article, user=editor)

    response = reader.get(link.get_absolute_url())

    banner = re.search(r'<div class="preview-banner".*?</div>\s*</div>', response.content.decode(), re.S).group(0)
    assert "Så här ser sidan ut med ändringar som inte är publicerade än." in banner
    assert "innan den publiceras" not in banner


def test_the_preview_of_pending_changes_to_a_live_topic_shows_their_related_pages_and_contacts(reader, editor):
    old_related, new_related = TopicFactory(title="Relaterat som var"), TopicFactory(title="Relaterat som kommer")
    leaving, arriving = ContactPersonFactory(name="Kontakt som var"), ContactPersonFactory(name="Kontakt som kommer")
    topic = TopicFactory(title="Live", related_topics=[old_related], contacts=[leaving])
    drafts.pending_draft_save(
        obj=topic, values={"related_topics": [new_related.pk], "contacts": [arriving.pk]}, author=editor
    )
    link = preview_link_create(obj=topic, user=editor)

    preview = reader.get(link.get_absolute_url())

    assertContains(preview, "Relaterat som kommer")
    assertNotContains(preview, "Relaterat som var")
    assertContains(preview, "Kontakt som kommer")
    assertNotContains(preview, "Kontakt som var")
    assertContains(reader.get(topic.get_absolute_url()), "Relaterat som var")


def test_a_preview_of_pending_relations_shows_only_what_the_public_page_would(reader, editor):
    hidden_topic = TopicFactory(title="Opublicerat ämne", draft=True)
    former = ContactPersonFactory(name="Slutat", active=False)
    article = ArticleFactory(title="Live")
    drafts.pending_draft_save(obj=article, values={"topics": [hidden_topic.pk], "contacts": [former.pk]}, author=editor)
    link = preview_link_create(obj=article, user=editor)

    preview = reader.get(link.get_absolute_url())

    assertNotContains(preview, "Opublicerat ämne")
    assertNotContains(preview, "Slutat")


def test_the_default_lifetime_comes_from_the_setting(editor, settings):
    settings.PREVIEW_LINK_DAYS = 10

    link = preview_link_create(obj=ArticleFactory(draft=True), user=editor)

    assert link.expires_at - link.created_at == dt.timedelta(days=10)
    assert 10 in dict(lifetime_choices())


# The admin.


def test_editor_creates_a_link_with_a_chosen_lifetime(editor_client, editor):
    article = ArticleFactory(draft=True)

    response = editor_client.post(links_page(article), {"action": "create", "days": "3"}, follow=True)

    link = PreviewLink.objects.get()
    assert link.content_object == article
    assert link.created_by == editor
    assert link.expires_at - link.created_at == dt.timedelta(days=3)
    assertContains(response, link.get_absolute_url())
    assertContains(response, "Länken är skapad och gäller till")


def test_editor_cannot_choose_a_lifetime_outside_the_options(editor_client):
    article = ArticleFactory(draft=True)

    response = editor_client.post(links_page(article), {"action": "create", "days": "3650"})

    assert response.status_code == 200
    assert not PreviewLink.objects.exists()


def test_no_link_for_a_published_item_without_pending_changes(editor_client):
    article = ArticleFactory()

    page = editor_client.get(links_page(article))
    response = editor_client.post(links_page(article), {"action": "create", "days": "7"}, follow=True)

    assertNotContains(page, "Skapa länk")
    assertContains(response, "Sidan är publicerad och har inga ändringar som väntar")
    assert not PreviewLink.objects.exists()


def test_the_change_form_lists_the_active_links(editor_client, editor):
    article = ArticleFactory(draft=True)
    active = preview_link_create(obj=article, user=editor)
    revoked = preview_link_revoke(link=preview_link_create(obj=article, user=editor))

    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")

    assertContains(response, active.get_absolute_url())
    assertNotContains(response, revoked.get_absolute_url())
    assertContains(response, links_page(article))


def test_editor_revokes_a_link_from_the_admin(reader, editor_client, editor):
    article = ArticleFactory(draft=True)
    link = preview_link_create(obj=article, user=editor)

    response = editor_client.post(links_page(article), {"action": "revoke", "link": str(link.pk)}, follow=True)

    assertContains(response, "Länken är återkallad")
    assert reader.get(link.get_absolute_url()).status_code == 410


def test_a_link_of_another_item_cannot_be_revoked_from_this_one(editor_client, editor):
    link = preview_link_create(obj=ArticleFactory(draft=True), user=editor)
    other = ArticleFactory(draft=True)

    editor_client.post(links_page(other), {"action": "revoke", "link": str(link.pk)})

    link.refresh_from_db()
    assert link.revoked_at is None


def test_staff_without_change_rights_cannot_make_links(client, django_user_model):
    user = django_user_model.objects.create_user(username="lasare", password="lösen-för-test-3", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_article"))
    client.force_login(user)
    article = ArticleFactory(draft=True)

    response = client.post(links_page(article), {"action": "create", "days": "7"})

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_the_links_page_is_swedish(editor_client):
    response = editor_client.get(links_page(ArticleFactory(draft=True)))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<label for=\"id_days\">Länken gäller i</label>", html)
    assertContains(response, "Skapa länk")
