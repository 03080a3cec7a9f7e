"""Each public page costs the same number of queries for one item as for fifty (no N+1)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

MANY = 50


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def rich_article(**kwargs):
    """An article with topics (one of them in the menu, under a parent) and contact persons."""
    parent = TopicFactory(show_in_menu=True)
    return ArticleFactory(
        topics=[TopicFactory(parent=parent, show_in_menu=True), parent],
        contacts=ContactPersonFactory.create_batch(2),
        **kwargs,
    )


def rich_topic(**kwargs):
    topic = TopicFactory(show_in_menu=True, contacts=ContactPersonFactory.create_batch(2), **kwargs)
    TopicFactory(parent=topic)
    topic.related_topics.add(TopicFactory())
    return topic


def add_articles(count):
    now = dt.datetime.now(dt.UTC)
    for i in range(count):
        rich_article(publish_at=now - dt.timedelta(hours=i + 2))


def test_home_queries_do_not_grow_with_content(client):
    add_articles(1)
    rich_topic()
    few = queries_for(client, "/")

    add_articles(MANY - 1)
    for _ in range(MANY - 1):
        rich_topic()

    assert queries_for(client, "/") == few


def test_archive_queries_do_not_grow_with_content(client):
    add_articles(1)
    few = queries_for(client, "/nyheter/")

    add_articles(MANY - 1)

    assert queries_for(client, "/nyheter/") == few


def test_archive_second_page_queries_do_not_grow_with_content(client):
    add_articles(11)
    few = queries_for(client, "/nyheter/?page=2")

    add_articles(MANY - 11)

    assert queries_for(client, "/nyheter/?page=2") == few


def test_archive_filtered_by_topic_queries_do_not_grow_with_content(client):
    area = TopicFactory(show_in_menu=True)
    topic = TopicFactory(slug="nara-vard", parent=area)
    ArticleFactory(topics=[topic, area], contacts=[ContactPersonFactory()])
    few = queries_for(client, "/nyheter/?amne=nara-vard")

    for _ in range(MANY - 1):
        ArticleFactory(topics=[topic, TopicFactory(parent=area)], contacts=[ContactPersonFactory()])

    assert queries_for(client, "/nyheter/?amne=nara-vard") == few


def test_article_page_queries_do_not_grow_with_topics_and_contacts(client):
    article = rich_article()
    url = article.get_absolute_url()
    few = queries_for(client, url)

    area = TopicFactory(show_in_menu=True)
    article.topics.add(*[TopicFactory(parent=area, show_in_menu=True) for _ in range(MANY)])
    article.contacts.add(*ContactPersonFactory.create_batch(MANY))

    assert queries_for(client, url) == few


def test_topic_index_queries_do_not_grow_with_topics(client):
    rich_topic()
    few = queries_for(client, "/amnen/")

    for _ in range(MANY - 1):
        rich_topic()

    assert queries_for(client, "/amnen/") == few


def test_topic_page_queries_do_not_grow_with_children_related_contacts_and_articles(client):
    area = TopicFactory(show_in_menu=True)
    topic = rich_topic(parent=area)
    ArticleFactory(topics=[topic])
    url = topic.get_absolute_url()
    few = queries_for(client, url)

    for _ in range(MANY):
        TopicFactory(parent=topic, show_in_menu=True)
        topic.related_topics.add(TopicFactory(parent=area))
        rich_article().topics.add(topic)
    topic.contacts.add(*ContactPersonFactory.create_batch(MANY))

    assert queries_for(client, url) == few
