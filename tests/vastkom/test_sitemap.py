import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FIXED = {
    "http://testserver/",
    "http://testserver/nyheter/",
    "http://testserver/amnen/",
    "http://testserver/tillganglighet/",
}


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


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
