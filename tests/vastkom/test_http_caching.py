"""HTTP caching: validators and 304 on every public page, honest Cache-Control, Vary only where needed."""

import pytest

from subscriptions.tokens import manage_token_make
from tests.articles.factories import ArticleFactory
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory
from vastkom.site.models import AccessibilityStatement

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/nyheter/", "/nyheter/?page=1", "/amnen/", "/sok/?q=vard", "/tillganglighet/", "/nyheter/rss/"]


@pytest.fixture
def content():
    topic = TopicFactory(slug="vard", title="Vård")
    article = ArticleFactory(slug="en-nyhet", title="Vård i länet", topics=[topic])
    AccessibilityStatement.load()
    return {"article": article.get_absolute_url(), "topic": topic.get_absolute_url(), "feed": "/amnen/vard/rss/"}


def public_urls(content):
    return [*PUBLIC, content["article"], content["topic"], content["feed"], "/sitemap.xml"]


def test_every_public_page_answers_a_conditional_request_with_304(client, content):
    for url in public_urls(content):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.has_header("ETag") or first.has_header("Last-Modified"), url

        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304, url
        assert again.content == b""


def test_a_changed_page_answers_the_old_etag_with_the_new_page(client, content):
    first = client.get(content["article"])

    article = ArticleFactory._meta.model.objects.get(slug="en-nyhet")
    article.title = "Ny rubrik"
    article.save()
    again = client.get(content["article"], HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Ny rubrik" in again.content.decode()


def test_public_pages_may_be_kept_briefly_by_shared_caches_and_revalidated_by_browsers(client, content, settings):
    settings.PAGE_CACHE_SHARED_MAX_AGE = 5
    for url in public_urls(content):
        cache_control = {part.strip() for part in client.get(url)["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=5"} <= cache_control, url


def test_public_pages_vary_neither_on_cookie_nor_on_language(client, content):
    for url in public_urls(content):
        vary = client.get(url).get("Vary", "")
        assert "Cookie" not in vary, url
        assert "Accept-Language" not in vary, url


def test_pages_stay_swedish_whatever_language_the_browser_asks_for(client, content):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response["Content-Language"] == "sv"
    assert "Senaste nyheterna" in response.content.decode()


def test_pages_for_a_logged_in_editor_are_private(editor_client, content):
    for url in [content["article"], "/"]:
        response = editor_client.get(url)
        assert "private" in response["Cache-Control"], url
        assert "no-store" in response["Cache-Control"], url


def test_personal_pages_are_private_and_not_stored(client):
    token = manage_token_make(subscriber=SubscriberFactory())
    for url in ["/prenumeration/", f"/prenumeration/hantera/{token}/"]:
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control, url
        assert "no-store" in cache_control, url


def test_errors_are_not_marked_public(client):
    response = client.get("/nyheter/finns-inte/")

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
