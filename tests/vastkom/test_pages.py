import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from vastkom.site.views import HOME_ARTICLE_COUNT

pytestmark = pytest.mark.django_db


def test_home_uses_the_home_template(client):
    response = client.get("/")

    assert response.status_code == 200
    assertTemplateUsed(response, "site/home.html")


def test_home_lists_the_latest_published_articles(client):
    articles = [ArticleFactory(title=f"Nyhet på startsidan {i:02d}") for i in range(HOME_ARTICLE_COUNT + 1)]
    ArticleFactory(title="Utkast på startsidan", draft=True)

    response = client.get("/")

    newest_first = sorted(articles, key=lambda a: (a.publish_at, a.pk), reverse=True)
    for article in newest_first[:HOME_ARTICLE_COUNT]:
        assertContains(response, f'<a href="{article.get_absolute_url()}">{article.title}</a>', html=True)
    assertNotContains(response, newest_first[HOME_ARTICLE_COUNT].title)
    assertNotContains(response, "Utkast på startsidan")


def test_home_lists_published_topic_areas_only(client):
    area = TopicFactory(title="Social välfärd", slug="social-valfard")
    TopicFactory(title="Barn och unga", parent=area)
    TopicFactory(title="Utkast till område", draft=True)

    response = client.get("/")

    assertContains(response, '<a href="/amnen/social-valfard/">Social välfärd</a>', html=True)
    assertNotContains(response, "Barn och unga")
    assertNotContains(response, "Utkast till område")


def test_home_menu_lists_news_and_menu_topics_without_current_item(client):
    TopicFactory(title="Digitalisering", slug="digitalisering", show_in_menu=True)

    response = client.get("/")

    assertContains(response, '<a href="/nyheter/">Nyheter</a>', html=True)
    assertContains(response, '<a href="/amnen/digitalisering/">Digitalisering</a>', html=True)


def test_missing_page_answers_404_in_swedish_with_the_site_layout(client):
    TopicFactory(title="Digitalisering", slug="digitalisering", show_in_menu=True)

    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertTemplateUsed(response, "base.html")
    assertContains(response, "<h1>Sidan hittades inte</h1>", html=True, status_code=404)
    assertContains(response, '<html lang="sv">', status_code=404)
    assertContains(response, '<a href="/amnen/digitalisering/">Digitalisering</a>', html=True, status_code=404)
    assertContains(response, '<a href="/nyheter/">Se alla nyheter</a>', html=True, status_code=404)


def test_unknown_article_answers_the_swedish_404_page(client):
    response = client.get("/nyheter/finns-inte/")

    assertContains(response, "Sidan hittades inte", status_code=404)
