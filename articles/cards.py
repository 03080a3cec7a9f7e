"""News cards for lists (home page, archive): the topics a card names and the card's markup.

A list shows ten or so cards per page. As a template include each card cost two dozen
template nodes; here it is one function call, and the published topics come from the
per-content-version list (``topics.selectors``) with a single query for which article has
which topic, instead of a prefetch that joins and builds topic rows on every request.
"""

import functools
from collections import defaultdict
from operator import attrgetter
from typing import NamedTuple

from django.db import connection
from django.utils.html import format_html, format_html_join

from articles.models import Article
from topics.selectors import active_contacts_by_pk, published_topics_by_pk
from vastkom.core.pagecache import cached_value
from vastkom.core.templatetags.content_tags import isotime, local_date, picture, short_words

DEFAULT_THUMB_SIZES = "(min-width: 40em) 15rem, 100vw"


def with_public_topics(articles) -> list[Article]:
    """The articles, each with ``public_topics``: its published topics in the topics' order."""
    articles = list(articles)
    if not articles:
        return articles
    by_pk = published_topics_by_pk()
    with connection.cursor() as cursor:
        cursor.execute(_pairs_sql(len(articles)), [a.pk for a in articles])
        pairs = cursor.fetchall()
    found = defaultdict(list)
    for article_id, topic_id in pairs:
        topic = by_pk.get(topic_id)
        if topic is not None:
            found[article_id].append(topic)
    for article in articles:
        article.public_topics = sorted(found.get(article.pk, ()), key=attrgetter("position"))
    return articles


@functools.lru_cache(maxsize=64)
def _pairs_sql(count: int) -> str:
    """Which topics ``count`` articles have: one statement on the link table, written once per
    list length (the ORM built the same query anew for every list)."""
    quote = connection.ops.quote_name
    through = Article._meta.get_field("topics").remote_field.through._meta
    article, topic = through.get_field("article").column, through.get_field("topic").column
    return (
        f"SELECT {quote(article)}, {quote(topic)} FROM {quote(through.db_table)}"
        f" WHERE {quote(article)} IN ({', '.join(['%s'] * count)})"
    )


def _relations_sql() -> str:
    """Which topics and which contacts an article has, from both link tables in one statement."""
    quote = connection.ops.quote_name
    parts = []
    for kind, field, target in ((0, "topics", "topic"), (1, "contacts", "contactperson")):
        through = Article._meta.get_field(field).remote_field.through._meta
        parts.append(
            f"SELECT {kind}, {quote(through.get_field(target).column)} FROM {quote(through.db_table)}"
            f" WHERE {quote(through.get_field('article').column)} = %s"
        )
    return " UNION ALL ".join(parts)


def with_public_topics_and_contacts(article: Article) -> Article:
    """The article with ``public_topics`` (published, in the topics' order) and
    ``public_contacts`` (active, in the contacts' order): one query for which are its own, the
    rows themselves from the kept lists (``topics.selectors``)."""
    with connection.cursor() as cursor:
        cursor.execute(_relations_sql(), [article.pk, article.pk])
        rows = cursor.fetchall()
    topics, contacts = published_topics_by_pk(), active_contacts_by_pk()
    own_topics = {pk for kind, pk in rows if kind == 0}
    own_contacts = {pk for kind, pk in rows if kind == 1}
    article.public_topics = sorted((topics[pk] for pk in own_topics if pk in topics), key=attrgetter("position"))
    article.public_contacts = [contact for pk, contact in contacts.items() if pk in own_contacts]
    return article


def card_html(article, *, heading_level=3, lead_words=40, thumb_sizes=DEFAULT_THUMB_SIZES) -> str:
    """One card: thumbnail (decorative: the linked title says the same), title, date, topics, lead."""
    has_image = bool((article.image_renditions or {}).get("sizes"))
    topics = format_html_join(", ", "{}", ((t.title,) for t in article.public_topics))
    return format_html(
        '<article class="card{}">\n  {}\n  <div class="card__body">\n'
        '    <h{} class="card__title"><a href="{}">{}</a></h{}>\n'
        '    <p class="card__meta"><time datetime="{}">{}</time>{}</p>\n'
        '    <p class="card__lead">{}</p>\n  </div>\n</article>\n',
        " card--with-image" if has_image else "",
        picture(article.image_renditions, alt="", sizes=thumb_sizes, css_class="card__image") if has_image else "",
        heading_level,
        article.get_absolute_url(),
        article.title,
        heading_level,
        isotime(article.published_at),
        local_date(article.published_at),
        format_html(" · {}", topics) if topics else "",
        short_words(article.lead, lead_words),
    )


class NewsLink(NamedTuple):
    title: str
    url: str
    published_at: object


def latest_in_topic(topic_pk: int, count: int) -> list[NewsLink]:
    """The topic's ``count`` newest published articles as title, address and date; kept until
    content changes or a publishing boundary passes (``cached_value``), as the archive's count
    of a topic is."""

    def build():
        articles = Article.objects.published().filter(topics=topic_pk).only("title", "slug", "published_at")
        return [NewsLink(a.title, a.get_absolute_url(), a.published_at) for a in articles[:count]]

    return cached_value(f"topic-latest-news:{topic_pk}:{count}", build)


def news_links_html(links) -> str:
    """``<li>`` items of a list of news: the linked title and the date."""
    return format_html_join(
        "",
        '<li><a href="{}">{}</a> <time datetime="{}">{}</time></li>',
        ((link.url, link.title, isotime(link.published_at), local_date(link.published_at)) for link in links),
    )
