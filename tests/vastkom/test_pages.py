import datetime as dt
import re

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


def test_missing_page_is_the_swedish_404_page_in_the_local_demo_too(client, settings):
    settings.DEBUG = True

    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assertContains(response, "<h1>Sidan hittades inte</h1>", html=True, status_code=404)
    assertNotContains(response, "Using the URLconf", status_code=404)


def test_unknown_article_is_the_swedish_404_page_in_the_local_demo_too(client, settings):
    settings.DEBUG = True

    response = client.get("/nyheter/finns-inte/")

    assertContains(response, "Sidan hittades inte", status_code=404)
    assertNotContains(response, "No Article matches", status_code=404)


def test_a_server_error_in_the_local_demo_keeps_the_traceback_for_the_developer(client, settings, monkeypatch):
    settings.DEBUG = True

    def broken(*args, **kwargs):
        raise RuntimeError("trasig startsida")

    monkeypatch.setattr("vastkom.site.views.Article.objects.published", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "trasig startsida" in response.content.decode()
    assert "Traceback" in response.content.decode()


def test_home_shows_the_newest_article_as_the_lead_item_with_its_image(client):
    older = ArticleFactory(title="Äldre nyhet", with_image=True, publish_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    newest = ArticleFactory(title="Nyaste nyheten", with_image=True, lead="Ingressen i sin helhet.")

    content = client.get("/").content.decode()

    lead = re.search(r'<article class="lead-news[^"]*">(.*?)</article>', content, re.DOTALL).group(1)
    assert f'<a href="{newest.get_absolute_url()}">Nyaste nyheten</a>' in lead
    assert "Ingressen i sin helhet." in lead
    assert re.search(rf'<img src="/media/renditions/[^"]*" [^>]*alt="{newest.image_alt}"', lead)
    assert older.title not in lead


def test_home_news_cards_have_rendition_thumbnails_with_size(client):
    ArticleFactory(title="Kort med bild", with_image=True, publish_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    ArticleFactory(title="Kort utan bild", publish_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    ArticleFactory(title="Toppnyheten")

    content = client.get("/").content.decode()

    grid = re.search(r'<ul class="news-grid">(.*?)</ul>', content, re.DOTALL).group(1)
    card = re.search(r'<article class="card card--with-image">(.*?)</article>', grid, re.DOTALL).group(1)
    img = re.search(r"<img [^>]*>", card).group(0)
    assert "Kort med bild" in card
    assert re.search(r'src="/media/renditions/[^"]*-(480|800)w\.webp"', img)
    assert re.search(r'width="\d+" height="\d+"', img)
    assert 'alt=""' in img  # the title beside it says what the card is about
    assert "Kort utan bild" in grid


def test_the_home_page_cuts_a_topic_intro_at_thirty_words_and_escapes_it(client):
    TopicFactory(title="Nära vård", intro=" ".join(["<b>ord</b>"] * 40))

    body = client.get("/").content.decode()

    grid = body.split('class="topic-grid"')[1].split("</ul>")[0]
    assert grid.count("&lt;b&gt;ord&lt;/b&gt;") == 30
    assert "<b>" not in grid
    assert "…" in grid
