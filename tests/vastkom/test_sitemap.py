import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from vastkom.core.publishing import Status
from vastkom.site import sitemaps

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FIXED = {
    "http://testserver/",
    "http://testserver/nyheter/",
    "http://testserver/amnen/",
    "http://testserver/tillganglighet/",
}


def sitemap_index(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return {
        item.findtext("sm:loc", namespaces=NS): item.findtext("sm:lastmod", namespaces=NS)
        for item in root.findall("sm:sitemap", NS)
    }


def section_entries(client, location: str) -> dict[str, str | None]:
    response = client.get(location.removeprefix("http://testserver"))
    assert response.status_code == 200, location
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def sitemap_entries(client) -> dict[str, str | None]:
    """Every address of every section the index lists."""
    entries = {}
    for location in sitemap_index(client):
        entries.update(section_entries(client, location))
    return entries


def test_the_sitemap_lists_exactly_the_published_pages(client):
    now = timezone.now()
    article = ArticleFactory(slug="synlig")
    topic = TopicFactory(slug="synligt-amne")
    for factory, prefix in ((ArticleFactory, "nyhet"), (TopicFactory, "amne")):
        factory(slug=f"{prefix}-utkast", status=Status.DRAFT)
        factory(slug=f"{prefix}-schemalagd", publish_at=now + dt.timedelta(days=1))
        factory(
            slug=f"{prefix}-avpublicerad",
            publish_at=now - dt.timedelta(days=3),
            unpublish_at=now - dt.timedelta(days=1),
        )

    entries = sitemap_entries(client)

    assert set(entries) == FIXED | {
        f"http://testserver{article.get_absolute_url()}",
        f"http://testserver{topic.get_absolute_url()}",
    }


def test_sitemap_entries_carry_the_last_modified_date(client):
    TopicFactory()
    article = ArticleFactory(slug="synlig")
    article.updated_at = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)
    article.save(minor_change=True)

    entries = sitemap_entries(client)

    assert entries["http://testserver/nyheter/synlig/"] == "2026-03-04"
    assert all(entries[url] for url in FIXED)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_personal_links(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    for personal in ("bekrafta", "hantera", "radera", "avsluta"):
        assert f"Disallow: /prenumeration/{personal}/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def robots_allows(lines: list[str], path: str) -> bool:
    """RFC 9309: the longest matching rule wins, Allow over Disallow on a tie; "$" ends a path."""
    best = (-1, True)
    for line in lines:
        kind, _, pattern = line.partition(": ")
        if kind not in {"Allow", "Disallow"}:
            continue
        regex = re.escape(pattern.rstrip("$")).replace(r"\*", ".*") + ("$" if pattern.endswith("$") else "")
        if re.match(regex, path) and (len(pattern), kind == "Allow") > best:
            best = (len(pattern), kind == "Allow")
    return best[1]


def test_robots_txt_lets_search_engines_find_the_sign_up_page_but_not_personal_links(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert robots_allows(lines, "/prenumeration/")
    assert robots_allows(lines, "/prenumeration/avsluta/")
    assert not robots_allows(lines, "/prenumeration/hantera/abc123/")
    assert not robots_allows(lines, "/prenumeration/avsluta/abc123/")
    assert not robots_allows(lines, "/prenumeration/bekrafta/abc123/")
    assert not robots_allows(lines, "/admin/")


def test_the_sitemap_is_an_index_of_sections_with_their_last_change(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "SECTION_SIZE", 3)
    articles = [ArticleFactory() for _ in range(7)]
    last = articles[-1]
    last.updated_at = dt.datetime(2031, 5, 6, 12, 0, tzinfo=dt.UTC)
    last.save(minor_change=True)
    block = last.pk // 3 + 1

    index = sitemap_index(client)

    assert "http://testserver/sitemap-sidor-1.xml" in index
    assert index[f"http://testserver/sitemap-nyheter-{block}.xml"] == "2031-05-06"
    article_sections = [loc for loc in index if "nyheter" in loc]
    assert len(article_sections) == len({a.pk // 3 for a in articles})
    for location in article_sections:
        assert 1 <= len(section_entries(client, location)) <= 3
    assert len(sitemap_entries(client)) == len(FIXED) + 7


def test_a_section_beyond_the_content_is_not_found(client):
    ArticleFactory()

    assert client.get("/sitemap-nyheter-999.xml").status_code == 404
    assert client.get("/sitemap-okand-1.xml").status_code == 404
    assert client.get("/sitemap-sidor-2.xml").status_code == 404


def test_a_sitemap_section_is_one_query_whatever_its_size(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory()
    location = next(loc for loc in sitemap_index(client) if "nyheter" in loc)
    section_entries(client, location)  # the menu and the publishing boundary are kept from here on
    with CaptureQueriesContext(connection) as few:
        section_entries(client, location)
    for _ in range(30):
        ArticleFactory()
    section_entries(client, location)

    with CaptureQueriesContext(connection) as many:
        entries = section_entries(client, location)

    assert len(entries) == 31
    article_queries = [q for q in many if "articles_article" in q["sql"]]
    assert len(article_queries) == 1
    assert len(many) == len(few)


def test_the_sitemap_index_queries_do_not_grow_with_content(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory()
    TopicFactory()
    sitemap_index(client)
    with CaptureQueriesContext(connection) as few:
        sitemap_index(client)
    for _ in range(30):
        ArticleFactory()
        TopicFactory()
    sitemap_index(client)

    with CaptureQueriesContext(connection) as many:
        sitemap_index(client)

    assert len(many) == len(few)


def test_each_block_of_ids_is_a_section_with_its_own_last_change(client):
    first = ArticleFactory(id=5)
    ArticleFactory(id=2003, status=Status.DRAFT)  # a block with nothing published is left out
    late = ArticleFactory(id=4100)
    for article, day in ((first, 3), (late, 9)):
        article.updated_at = dt.datetime(2031, 1, day, 12, 0, tzinfo=dt.UTC)
        article.save(minor_change=True)

    index = sitemap_index(client)

    assert index["http://testserver/sitemap-nyheter-1.xml"] == "2031-01-03"
    assert "http://testserver/sitemap-nyheter-2.xml" not in index
    assert index["http://testserver/sitemap-nyheter-3.xml"] == "2031-01-09"
    assert section_entries(client, "/sitemap-nyheter-3.xml") == {
        f"http://testserver{late.get_absolute_url()}": "2031-01-09"
    }


def test_the_index_dates_a_section_by_its_published_items_only(client):
    """The index's probe writes the publishing rule out: it must agree with published()."""
    now = timezone.now()
    visible = ArticleFactory(id=10)
    visible.updated_at = dt.datetime(2030, 2, 1, 12, 0, tzinfo=dt.UTC)
    visible.save(minor_change=True)
    hidden = [
        ArticleFactory(id=11, status=Status.DRAFT),
        ArticleFactory(id=12, publish_at=now + dt.timedelta(days=1)),
        ArticleFactory(id=13, publish_at=now - dt.timedelta(days=3), unpublish_at=now - dt.timedelta(days=1)),
    ]
    for article in hidden:
        article.updated_at = dt.datetime(2030, 5, 1, 12, 0, tzinfo=dt.UTC)
        article.save(minor_change=True)

    index = sitemap_index(client)

    assert index["http://testserver/sitemap-nyheter-1.xml"] == "2030-02-01"
