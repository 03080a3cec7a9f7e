"""Markup that moved from templates into functions (page dates, topic links, news links, search
hits) is the markup the templates gave, byte for byte, escaping included: each is compared with
the template it replaced, kept here as the reference."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone

from articles.cards import NewsLink, news_links_html
from topics.cards import topic_links_html
from topics.selectors import PublicTopic
from vastkom.core.templatetags.content_tags import page_dates
from vastkom.site.search import Hit, highlighted, hits_html

DATES_REFERENCE = Template(
    '{% load content_tags i18n %}<p class="page-dates">{% if kind == "article" %}\n'
    '  {% if obj.shows_updated %}{% with latest=obj.updated_at %}<span>{% translate "Senast publicerad" %} '
    '<time datetime="{{ latest|isotime }}">{{ latest|date:"j F Y" }}</time></span>{% endwith %}\n'
    '  {% elif obj.published_at %}<span>{% translate "Senast publicerad" %} '
    '<time datetime="{{ obj.published_at|isotime }}">'
    '{{ obj.published_at|date:"j F Y" }}</time></span>{% endif %}\n'
    "{% else %}\n"
    '  {% if obj.published_at %}<span>{% translate "Publicerad" %} <time datetime="{{ obj.published_at|isotime }}">'
    '{{ obj.published_at|date:"j F Y" }}</time></span>{% endif %}\n'
    '  {% if obj.published_at and obj.updated_at|date:"Ymd" > obj.published_at|date:"Ymd" %}<span>'
    '{% translate "Uppdaterad" %} <time datetime="{{ obj.updated_at|isotime }}">{{ obj.updated_at|date:"j F Y" }}'
    "</time></span>{% endif %}\n"
    "{% endif %}</p>\n"
)

PUBLISHED = dt.datetime(2026, 3, 2, 22, 30, tzinfo=dt.UTC)  # 2 March late evening UTC: 2026-03-02 23:30 in Sweden


@pytest.mark.parametrize("kind", ["article", "topic"])
@pytest.mark.parametrize(
    ("published", "updated", "shows_updated"),
    [
        (PUBLISHED, PUBLISHED, False),
        (PUBLISHED, PUBLISHED + dt.timedelta(minutes=20), False),  # the next day in Sweden, same day in UTC
        (PUBLISHED, PUBLISHED + dt.timedelta(days=40), True),
        (PUBLISHED, PUBLISHED - dt.timedelta(days=1), False),
        (None, PUBLISHED, False),
        (None, PUBLISHED, True),
    ],
)
def test_page_dates_are_the_markup_of_the_template_they_replaced(kind, published, updated, shows_updated):
    obj = SimpleNamespace(published_at=published, updated_at=updated, shows_updated=shows_updated)

    with timezone.override("Europe/Stockholm"):
        assert page_dates(obj, kind) == DATES_REFERENCE.render(Context({"obj": obj, "kind": kind}))


def test_an_update_the_next_local_day_shows_as_updated_though_utc_says_the_same_day():
    obj = SimpleNamespace(published_at=PUBLISHED, updated_at=PUBLISHED + dt.timedelta(minutes=40), shows_updated=False)

    with timezone.override("Europe/Stockholm"):
        shown = page_dates(obj, "topic")

    assert "Publicerad <time" in shown and "2 mars 2026" in shown
    assert "Uppdaterad <time" in shown and "3 mars 2026" in shown


TOPIC_LINKS_REFERENCE = Template(
    '{% for child in topics %}<li><a href="{{ child.get_absolute_url }}">{{ child.title }}</a>'
    "{% if child.intro %}<p>{{ child.intro|truncatewords:words }}</p>{% endif %}</li>{% endfor %}"
)


@pytest.mark.parametrize("words", [20, 25])
def test_topic_links_are_the_markup_of_the_loop_they_replaced(words):
    long_intro = " ".join(f"ord{n}" for n in range(40))
    topics = [
        PublicTopic(1, "nara-vard", "Nära vård", "/amnen/nara-vard/", 0, "Vård nära invånarna.", None),
        PublicTopic(2, "utan", "Utan ingress", "/amnen/utan/", 1, "", None),
        PublicTopic(3, "lang", "Lång <ingress> & mer", "/amnen/lang/", 2, long_intro, 1),
        PublicTopic(4, "x", '<script>alert("x")</script>', "/amnen/x/", 3, "<b>fet</b> & 'citat'", None),
    ]

    assert topic_links_html(topics, words) == TOPIC_LINKS_REFERENCE.render(Context({"topics": topics, "words": words}))
    assert "<script>" not in topic_links_html(topics, words)


NEWS_LINKS_REFERENCE = Template(
    '{% load content_tags %}{% for article in links %}<li><a href="{{ article.url }}">{{ article.title }}</a> '
    '<time datetime="{{ article.published_at|isotime }}">{{ article.published_at|date:"j F Y" }}</time></li>'
    "{% endfor %}"
)


def test_news_links_are_the_markup_of_the_loop_they_replaced():
    links = [
        NewsLink("Nyhet om <vård> & omsorg", "/nyheter/nyhet-om-vard/", PUBLISHED),
        NewsLink("Sommarnyhet", "/nyheter/sommar/", dt.datetime(2026, 7, 1, 9, 5, 7, 123, tzinfo=dt.UTC)),
    ]

    with timezone.override("Europe/Stockholm"):
        assert news_links_html(links) == NEWS_LINKS_REFERENCE.render(Context({"links": links}))
    assert "&lt;vård&gt; &amp; omsorg" in news_links_html(links)


HITS_REFERENCE = Template(
    "{% load content_tags i18n %}{% for hit in hits %}\n"
    '  <li class="search-hit">\n'
    '    <h2 class="card__title"><a href="{{ hit.url }}">{{ hit.title }}</a></h2>\n'
    '    <p class="card__meta">{% if hit.kind == "article" %}{% translate "Nyhet" %}{% if hit.date %} · '
    '<time datetime="{{ hit.date|isotime }}">{{ hit.date|date:"j F Y" }}</time>{% endif %}'
    '{% else %}{% translate "Ämnessida" %}{% endif %}</p>\n'
    '    <p class="search-hit__snippet">{{ hit.snippet }}</p>\n'
    "  </li>\n"
    "  {% endfor %}"
)


def test_search_hits_are_the_markup_of_the_loop_they_replaced():
    hits = [
        Hit("article", "Nyhet om <vård>", "/nyheter/a/", highlighted("om \x01vård\x02 & <omsorg>"), PUBLISHED),
        Hit("article", "Utan datum", "/nyheter/b/", highlighted("text"), None),
        Hit("topic", "Nära vård", "/amnen/nara-vard/", highlighted("\x01Nära\x02 vård"), None),
    ]

    with timezone.override("Europe/Stockholm"):
        shown = hits_html(hits)
        assert shown == HITS_REFERENCE.render(Context({"hits": hits}))
    assert "om <mark>vård</mark> &amp; &lt;omsorg&gt;" in shown
    assert "Nyhet om &lt;vård&gt;" in shown
