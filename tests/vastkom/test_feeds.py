import datetime as dt

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db


def hidden_articles(**kwargs):
    """One article of each kind the public may not see."""
    now = timezone.now()
    return [
        ArticleFactory(title="Utkastet", status=Status.DRAFT, **kwargs),
        ArticleFactory(title="Det schemalagda", publish_at=now + dt.timedelta(days=1), **kwargs),
        ArticleFactory(
            title="Det avpublicerade",
            publish_at=now - dt.timedelta(days=3),
            unpublish_at=now - dt.timedelta(days=1),
            **kwargs,
        ),
    ]


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_news_feed_is_valid_rss_with_the_published_articles_only(client):
    older = ArticleFactory(title="Äldre nyhet", publish_at=timezone.now() - dt.timedelta(days=2))
    newer = ArticleFactory(title="Nyare nyhet & mer", lead="Ingressen <viktig>.")
    hidden_articles()

    feed = parse(client.get("/nyheter/rss/"))

    assert [e.title for e in feed.entries] == [newer.title, older.title]
    assert feed.entries[0].link == f"http://testserver{newer.get_absolute_url()}"
    assert feed.entries[0].summary == "Ingressen &lt;viktig&gt;."
    assert feed.entries[0].published_parsed is not None
    assert feed.feed.title == "Nyheter från VästKom"
    assert feed.feed.language == "sv"


def test_topic_feed_holds_only_the_published_articles_of_that_topic(client):
    topic, other = TopicFactory(title="Nära vård", slug="nara-vard"), TopicFactory()
    mine = ArticleFactory(title="Om nära vård", topics=[topic])
    ArticleFactory(title="Om annat", topics=[other])
    hidden_articles(topics=[topic])

    feed = parse(client.get("/amnen/nara-vard/rss/"))

    assert [e.title for e in feed.entries] == [mine.title]
    assert "Nära vård" in feed.feed.title


@pytest.mark.parametrize("status", [Status.DRAFT])
def test_the_feed_of_an_unpublished_topic_is_not_found(client, status):
    TopicFactory(slug="hemligt", status=status)

    assert client.get("/amnen/hemligt/rss/").status_code == 404
    assert client.get("/amnen/finns-inte/rss/").status_code == 404


def test_pages_announce_the_news_feed_in_the_head(client):
    body = client.get("/").content.decode()
    head = body[: body.index("</head>")]

    assert '<link rel="alternate" type="application/rss+xml" title="Nyheter från VästKom" href="/nyheter/rss/">' in head


def test_a_topic_page_also_announces_its_own_feed(client):
    TopicFactory(title="Nära vård", slug="nara-vard")

    body = client.get("/amnen/nara-vard/").content.decode()
    head = body[: body.index("</head>")]

    assert 'type="application/rss+xml" title="Nyheter om Nära vård" href="/amnen/nara-vard/rss/"' in head


def test_an_article_titled_rss_gets_its_own_address_and_leaves_the_feed_alone(client):
    article = ArticleFactory(title="RSS", slug="")

    feed = parse(client.get("/nyheter/rss/"))

    assert article.get_absolute_url() == "/nyheter/rss-2/"
    assert client.get(article.get_absolute_url()).status_code == 200
    assert [entry.link for entry in feed.entries] == [f"http://testserver{article.get_absolute_url()}"]


def test_feed_links_are_on_site_url_not_on_the_host_the_request_named(client, settings):
    settings.SITE_URL = "https://www.vastkom.se"
    settings.ALLOWED_HOSTS = ["intern.example", "testserver"]
    article = ArticleFactory(title="Nyhet i flödet")

    feed = parse(client.get("/nyheter/rss/", HTTP_HOST="intern.example"))

    assert feed.entries[0].link == f"https://www.vastkom.se{article.get_absolute_url()}"
    assert feed.feed.link == "https://www.vastkom.se/nyheter/"
    assert "intern.example" not in client.get("/nyheter/rss/", HTTP_HOST="intern.example").content.decode()


def test_topic_feed_links_are_on_site_url_too(client, settings):
    settings.SITE_URL = "https://www.vastkom.se"
    settings.ALLOWED_HOSTS = ["intern.example", "testserver"]
    topic = TopicFactory(slug="nara-vard")
    article = ArticleFactory(topics=[topic])

    feed = parse(client.get("/amnen/nara-vard/rss/", HTTP_HOST="intern.example"))

    assert feed.entries[0].link == f"https://www.vastkom.se{article.get_absolute_url()}"
    assert feed.feed.link == "https://www.vastkom.se/amnen/nara-vard/"


def test_topic_feed_description_shows_the_intro_as_text_never_as_markup(client):
    """Feed readers render a description as HTML: the plain-text intro is escaped, as the leads are."""
    TopicFactory(slug="nara-vard", intro='Vård <img src=x onerror="alert(1)"> & omsorg')

    feed = parse(client.get("/amnen/nara-vard/rss/"))

    assert feed.feed.description == "Vård &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; omsorg"


@pytest.mark.parametrize("url", ["/nyheter/rss/", "/amnen/nara-vard/rss/"])
def test_a_feed_reads_only_what_its_items_show(client, url):
    """Twenty items must not drag twenty article texts and search vectors out of the database."""
    topic = TopicFactory(slug="nara-vard")
    ArticleFactory(topics=[topic], body="<p>Hela texten</p>")

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    assert response.status_code == 200
    article_reads = [q["sql"] for q in captured if 'FROM "articles_article"' in q["sql"]]
    assert article_reads
    for sql in article_reads:
        assert '"articles_article"."body"' not in sql
        assert '"articles_article"."search_vector"' not in sql
