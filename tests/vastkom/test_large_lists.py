"""Lists that stay cheap however much content there is: capped counts, the topic filter, kept data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from vastkom.core import pagination

pytestmark = pytest.mark.django_db


def menu(response) -> str:
    return response.content.decode().split('class="site-nav"')[1].split("</nav>")[0]


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)


def test_the_archive_counts_no_further_than_its_cap_and_says_more_than(client, small_cap):
    ArticleFactory.create_batch(12)

    body = client.get("/nyheter/").content.decode()

    assert "Fler än 10 nyheter" in body
    assert "Sida 1</span>" in body
    assert " av " not in body.split('aria-current="page">Sida')[1].split("</span>")[0]
    assert 'rel="next"' in body


def test_the_archive_shows_the_exact_count_when_it_is_within_the_cap(client, small_cap):
    ArticleFactory.create_batch(12)

    body = client.get("/nyheter/?page=2").content.decode()

    assert "12 nyheter" in body
    assert "Sida 2 av 2" in body


def test_the_archive_count_is_a_bounded_query(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory.create_batch(3)

    with CaptureQueriesContext(connection) as captured:
        client.get("/nyheter/")

    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "LIMIT 1001" in counts[0]


def test_a_deep_archive_page_is_found_past_the_cap(client, small_cap):
    ArticleFactory.create_batch(25)

    response = client.get("/nyheter/?page=3")

    assert response.status_code == 200
    assert "Sida 3 av 3" in response.content.decode()


def titles_on(client, url) -> list[str]:
    body = client.get(url).content.decode()
    return [part.split("</a>")[0].split(">")[-1] for part in body.split('class="card__title">')[1:]]


@pytest.mark.parametrize("topic_filter", ["", "&amne=vald"])
def test_every_archive_page_shows_its_own_rows_in_the_archive_order(client, settings, topic_filter):
    """Pages after the first take their rows by key; the rows and their order stay the archive's,
    also where articles share a publication time (the newest id first) and with a topic filter."""
    settings.PAGE_CACHE_ENABLED = False
    topic = TopicFactory(slug="vald")
    same_time = timezone.now() - dt.timedelta(days=2)
    articles = [
        ArticleFactory(title=f"Nyhet {n:02d}", topics=[topic], publish_at=same_time - dt.timedelta(hours=n // 3))
        for n in range(25)
    ]
    expected = [a.title for a in sorted(articles, key=lambda a: (a.publish_at, a.pk), reverse=True)]

    shown = [title for page in (1, 2, 3) for title in titles_on(client, f"/nyheter/?page={page}{topic_filter}")]

    assert shown == expected


def test_the_topic_filter_marks_only_the_chosen_topic_and_escapes_titles(client):
    TopicFactory(slug="vald", title="Vald")
    TopicFactory(slug="annan", title="<b>Annan</b>")

    body = client.get("/nyheter/?amne=vald").content.decode()

    assert '<option value="vald" selected>Vald</option>' in body
    assert '<option value="annan">&lt;b&gt;Annan&lt;/b&gt;</option>' in body
    assert body.count(" selected") == 1


def test_the_archive_queries_do_not_grow_with_the_number_of_topics(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory(topics=[TopicFactory()])
    client.get("/nyheter/")
    with CaptureQueriesContext(connection) as few:
        client.get("/nyheter/")
    TopicFactory.create_batch(60)
    client.get("/nyheter/")

    with CaptureQueriesContext(connection) as many:
        body = client.get("/nyheter/").content.decode()

    assert body.count("<option") == 62
    assert len(many) == len(few)


def test_the_kept_menu_follows_a_topic_change_with_the_page_cache_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    topic = TopicFactory(title="Menyämne", show_in_menu=True)
    assert "Menyämne" in menu(client.get("/"))

    topic.show_in_menu = False
    topic.save()

    assert "Menyämne" not in menu(client.get("/"))


def test_the_kept_topic_filter_follows_a_new_topic_with_the_page_cache_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/nyheter/")

    TopicFactory(slug="helt-nytt", title="Helt nytt ämne")

    assert '<option value="helt-nytt">Helt nytt ämne</option>' in client.get("/nyheter/").content.decode()


@pytest.mark.postgres
def test_search_counts_no_further_than_its_cap_and_says_more_than(client, small_cap):
    for n in range(12):
        ArticleFactory(title=f"Kultur {n}")

    body = client.get("/sok/", {"q": "kultur"}).content.decode()

    assert "Fler än 10 träffar" in body


@pytest.mark.postgres
def test_search_ranks_only_the_newest_candidates(client, monkeypatch):
    from vastkom.site import search

    monkeypatch.setattr(search, "RANKED_CANDIDATES", 2)  # at least the first page's 10 (+1) are ranked
    old = ArticleFactory(title="Kultur kultur kultur", lead="Kultur.")
    for n in range(11):
        ArticleFactory(title=f"Nyare {n}", lead="Om kultur.")

    body = client.get("/sok/", {"q": "kultur"}).content.decode()

    assert old.title not in body  # the best match, but older than the ranked candidates
    assert "12 träffar" in body
