"""The page cache serves whole pages to anonymous readers and never serves a stale one.

One test per rule that must empty it (a save, a delete, a many-to-many change, a scheduled
item going live, an item expiring, a contact deactivated, any model of our apps), and one
per kind of response it must never keep.
"""

import datetime as dt
import functools

import pytest
import time_machine
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subscriptions.tokens import manage_token_make
from tests.articles.factories import ArticleFactory
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from vastkom.core import pagecache
from vastkom.site.models import AccessibilityStatement

pytestmark = pytest.mark.django_db


def page_queries(client, url, **extra):
    """The response and the SQL of the queries other than the page cache's generation read."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, [q["sql"] for q in captured if "vastkom_shared_cache" not in q["sql"]]


def served_from_cache(client, url) -> bool:
    response, queries = page_queries(client, url)
    assert response.status_code == 200
    return not queries


def test_a_public_page_is_served_from_the_cache_the_second_time(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert len(captured) == 1  # the generation, nothing else
    assert article.title in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/nyheter/", "/amnen/", "/tillganglighet/", "/sok/?q=vard", "/nyheter/rss/"])
def test_every_kind_of_public_page_is_cached(client, url):
    ArticleFactory(title="Vård")
    AccessibilityStatement.load()
    client.get(url)

    assert served_from_cache(client, url)


def test_a_head_request_is_answered_from_the_cached_get(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    response, queries = page_queries(client, article.get_absolute_url(), REQUEST_METHOD="HEAD")

    assert response.status_code == 200
    assert queries == []


# --- Invalidation: one test per rule --------------------------------------------------------


def test_saving_an_article_shows_on_the_next_request(client):
    article = ArticleFactory(title="Gammal rubrik")
    client.get("/")
    client.get(article.get_absolute_url())

    article.title = "Ny rubrik"
    article.save()

    assert "Ny rubrik" in client.get("/").content.decode()
    assert "Ny rubrik" in client.get(article.get_absolute_url()).content.decode()


def test_deleting_an_article_removes_it_on_the_next_request(client):
    article = ArticleFactory(title="Snart borta")
    url = article.get_absolute_url()
    client.get(url)
    client.get("/nyheter/")

    article.delete()

    assert client.get(url).status_code == 404
    assert "Snart borta" not in client.get("/nyheter/").content.decode()


def test_saving_a_topic_shows_in_the_menu_on_the_next_request(client):
    topic = TopicFactory(title="Gammalt ämne", show_in_menu=True)
    client.get("/")

    topic.title = "Nytt ämne"
    topic.save()

    body = client.get("/").content.decode()
    assert "Nytt ämne" in body
    assert "Gammalt ämne" not in body


def test_deleting_a_topic_removes_it_on_the_next_request(client):
    topic = TopicFactory(title="Borttaget ämne", show_in_menu=True)
    client.get("/amnen/")

    topic.delete()

    assert "Borttaget ämne" not in client.get("/amnen/").content.decode()


def test_deactivating_a_contact_removes_it_on_the_next_request(client):
    contact = ContactPersonFactory(name="Kim Kontakt")
    article = ArticleFactory(contacts=[contact])
    assert "Kim Kontakt" in client.get(article.get_absolute_url()).content.decode()

    contact.active = False
    contact.save()

    assert "Kim Kontakt" not in client.get(article.get_absolute_url()).content.decode()


def test_adding_a_topic_to_an_article_shows_on_the_next_request(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    article.topics.add(TopicFactory(title="Tillagt ämne"))

    assert "Tillagt ämne" in client.get(article.get_absolute_url()).content.decode()


def test_removing_a_topic_from_an_article_shows_on_the_next_request(client):
    topic = TopicFactory(title="Bortplockat ämne")
    article = ArticleFactory(topics=[topic])
    assert "Bortplockat ämne" in client.get(article.get_absolute_url()).content.decode()

    article.topics.remove(topic)

    assert "Bortplockat ämne" not in client.get(article.get_absolute_url()).content.decode()


def test_clearing_related_topics_shows_on_the_next_request(client):
    topic = TopicFactory(related_topics=[TopicFactory(title="Relaterat ämne")])
    assert "Relaterat ämne" in client.get(topic.get_absolute_url()).content.decode()

    topic.related_topics.clear()

    assert "Relaterat ämne" not in client.get(topic.get_absolute_url()).content.decode()


def test_saving_the_accessibility_statement_shows_on_the_next_request(client):
    client.get("/tillganglighet/")
    statement = AccessibilityStatement.load()

    statement.feedback_email = "ny-adress@vastkom.se"
    statement.save()

    assert "ny-adress@vastkom.se" in client.get("/tillganglighet/").content.decode()


def test_a_scheduled_article_goes_live_on_time(client):
    # Well within the cache's own lifetime: only the boundary can make the page expire.
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    article = ArticleFactory(title="Schemalagd nyhet", publish_at=publish_at)
    ArticleFactory(title="Redan publicerad")
    assert "Schemalagd nyhet" not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Schemalagd nyhet" in client.get("/").content.decode()
        assert client.get(article.get_absolute_url()).status_code == 200


def test_an_article_expires_on_time(client):
    unpublish_at = timezone.now() + dt.timedelta(minutes=10)
    article = ArticleFactory(title="Går ut snart", unpublish_at=unpublish_at)
    assert "Går ut snart" in client.get("/nyheter/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200

    with time_machine.travel(unpublish_at + dt.timedelta(seconds=1)):
        assert "Går ut snart" not in client.get("/nyheter/").content.decode()
        assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_topic_enters_the_menu_on_time(client):
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    TopicFactory(title="Kommande ämne", show_in_menu=True, publish_at=publish_at)
    assert "Kommande ämne" not in client.get("/").content.decode()

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Kommande ämne" in client.get("/").content.decode()


def test_a_write_around_save_is_shown_once_content_changed_is_called(client):
    article = ArticleFactory(title="Före uppdateringen")
    client.get(article.get_absolute_url())
    type(article).objects.filter(pk=article.pk).update(title="Efter uppdateringen")

    pagecache.content_changed()

    assert "Efter uppdateringen" in client.get(article.get_absolute_url()).content.decode()


def test_every_model_of_our_apps_empties_the_cache_when_it_changes():
    """The rule is generic: a model added later (redirects, versions) is covered without a list."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    ours = {
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.split(".")[0] in {"articles", "topics", "vastkom"}
    }
    assert {m._meta.label for m in ours} >= {
        "articles.Article",
        "articles.Article_topics",
        "topics.ContactPerson",
        "topics.Topic_related_topics",
        "vastkom.AccessibilityStatement",
    }
    for model in ours:
        for signal in (post_save, post_delete, m2m_changed):
            receivers = signal._live_receivers(model)
            assert any(getattr(r, "__module__", "") == pagecache.__name__ for r in receivers[0] + receivers[1]), (
                model,
                signal,
            )


def test_subscribers_are_not_content_and_do_not_empty_the_cache(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    SubscriberFactory()

    assert served_from_cache(client, article.get_absolute_url())


# --- What is never kept ---------------------------------------------------------------------


def test_an_editors_page_is_never_cached_nor_served_from_the_cache(client, editor):
    article = ArticleFactory(title="Publicerad nyhet")
    client.get(article.get_absolute_url())  # cached for anonymous readers
    client.force_login(editor)

    response, queries = page_queries(client, article.get_absolute_url())

    assert queries  # rendered for the editor
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert served_from_cache(client, article.get_absolute_url())


def test_an_editors_preview_is_never_kept_for_the_public(client, editor):
    article = ArticleFactory(title="Utkast som förhandsvisas", draft=True)
    client.force_login(editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    client.logout()
    client.cookies.clear()

    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_page_with_a_csrf_form_is_never_cached(client):
    client.get("/prenumeration/")

    response, queries = page_queries(client, "/prenumeration/")

    assert queries
    assert response["Cache-Control"] == "private, no-store"
    assert "csrftoken" in response.cookies or "csrfmiddlewaretoken" in response.content.decode()


def test_a_personal_subscription_page_is_private_and_never_stored(client):
    subscriber = SubscriberFactory()
    url = f"/prenumeration/hantera/{manage_token_make(subscriber=subscriber)}/"
    client.get(url)

    response, queries = page_queries(client, url)

    assert queries
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_cached(client, settings):
    # The messages cookie (a notice for one visitor) makes the visitor's requests personal.
    client.cookies["messages"] = "x"
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    response, queries = page_queries(client, article.get_absolute_url())

    assert queries


def test_a_not_found_answer_is_never_cached(client):
    client.get("/nyheter/finns-inte/")

    response, queries = page_queries(client, "/nyheter/finns-inte/")

    assert response.status_code == 404
    assert queries


def test_the_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    response, queries = page_queries(client, article.get_absolute_url())

    assert queries


def redis_commands(client, url):
    """The response to ``url`` and the Redis commands it cost."""
    commands = []
    spied = [caches[alias]._cache.get_client() for alias in ("default", "shared")]
    for redis_client in spied:
        redis_client.execute_command = functools.partial(
            lambda execute, *args, **options: commands.append(args[0]) or execute(*args, **options),
            redis_client.execute_command,
        )
    try:
        response = client.get(url)
    finally:
        for redis_client in spied:
            del redis_client.execute_command
    return response, commands


def test_a_page_another_process_stored_costs_one_round_trip_to_redis(client, redis_caches):
    """With Redis as both caches the generation and the page come in one MGET (they were two GETs)."""
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)
    pagecache.forget_pages()  # as in a process that has not served the page itself

    response, commands = redis_commands(client, url)

    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert commands == ["MGET"]


def test_a_page_this_process_served_costs_only_the_generation(client, redis_caches):
    """The page's bytes are not fetched again: the process holds them under their generation."""
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)

    response, commands = redis_commands(client, url)

    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert commands == ["GET"]


def test_a_page_held_by_the_process_is_refused_once_another_server_moves_the_generation(client, redis_caches):
    """Another app server's save reaches this process only through the shared generation."""
    article = ArticleFactory(title="Före ändringen")
    url = article.get_absolute_url()
    client.get(url)
    assert pagecache._pages  # this process holds the page
    type(article).objects.filter(pk=article.pk).update(title="Efter ändringen")
    caches["shared"].set(pagecache.GENERATION_KEY, "en-annan-servers-generation", timeout=None)

    body = client.get(url).content.decode()

    assert "Efter ändringen" in body
    assert "Före ändringen" not in body


def test_a_page_held_by_the_process_is_not_served_past_its_boundary(client):
    later = timezone.now() + dt.timedelta(hours=1)
    ArticleFactory(title="Tidigare nyhet")
    ArticleFactory(title="Schemalagd nyhet", publish_at=later)
    client.get("/nyheter/")
    assert "Schemalagd nyhet" not in client.get("/nyheter/").content.decode()
    assert pagecache._pages

    with time_machine.travel(later + dt.timedelta(seconds=1)):
        body = client.get("/nyheter/").content.decode()

    assert "Schemalagd nyhet" in body


def test_the_pages_a_process_holds_are_bounded_in_bytes(settings):
    settings.PAGE_CACHE_PROCESS_BYTES = 1000
    pagecache.forget_pages()

    def entry(size):
        return ("g", None, 200, [], b"x" * size)

    pagecache.keep_page("a", entry(200))
    pagecache.keep_page("b", entry(200))
    pagecache.kept_page("a")  # used: "b" is now the least recently used
    pagecache.keep_page("c", entry(200))
    pagecache.keep_page("d", entry(200))
    pagecache.keep_page("e", entry(200))  # 1,000 bytes: still within
    pagecache.keep_page("f", entry(200))  # over: the least recently used goes
    pagecache.keep_page("big", entry(251))  # over a quarter of the limit: never held

    assert pagecache.kept_page("b") is None
    assert pagecache.kept_page("big") is None
    assert [k for k in ("a", "c", "d", "e", "f") if pagecache.kept_page(k)] == ["a", "c", "d", "e", "f"]
    assert pagecache._pages_bytes == 1000


def test_a_page_kept_under_another_generation_is_never_served(client, redis_caches):
    """One key per address: an entry rendered before a change is refused by its generation."""
    article = ArticleFactory(title="Före ändringen")
    url = article.get_absolute_url()
    client.get(url)
    type(article).objects.filter(pk=article.pk).update(title="Efter ändringen")
    pagecache.content_changed()

    body = client.get(url).content.decode()

    assert "Efter ändringen" in body
    assert "Före ändringen" not in body


@pytest.mark.parametrize("url", ["/", "/nyheter/", "/amnen/", "/sok/?q=vard", "/nyheter/rss/"])
def test_a_page_from_the_cache_carries_the_same_content_security_policy(client, url):
    ArticleFactory(title="Vård")
    rendered = client.get(url)

    response, queries = page_queries(client, url)

    assert not queries  # from the cache
    assert "default-src 'self'" in rendered["Content-Security-Policy"]
    assert response["Content-Security-Policy"] == rendered["Content-Security-Policy"]
