import datetime as dt
import re

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from articles.views import ARTICLES_PER_PAGE
from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def article():
    with time_machine.travel(PUBLISHED, tick=False):
        topic = TopicFactory(title="Nära vård", slug="nara-vard")
        contact = ContactPersonFactory(
            name="Tove Lindqvist", role="Analytiker och projektledare", phone="031-335 51 99", email="tove@example.se"
        )
        return ArticleFactory(
            with_image=True,
            title="Dialog om God och nära vård",
            slug="dialog-om-god-och-nara-vard",
            lead="Ett hundratal deltagare samlades till konferensen.",
            body="<h2>Kommunerna i utredningen</h2><p>En fjärdedel av vården bedrivs i kommunal regi.</p>",
            publish_at=PUBLISHED,
            topics=[topic],
            contacts=[contact],
        )


# --- article page ---------------------------------------------------------------------


def test_article_page_uses_the_article_template(client, article):
    response = client.get("/nyheter/dialog-om-god-och-nara-vard/")

    assert response.status_code == 200
    assertTemplateUsed(response, "articles/article_detail.html")
    assertTemplateUsed(response, "base.html")


def test_article_page_shows_title_lead_and_body(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, "<h1>Dialog om God och nära vård</h1>", html=True)
    assertContains(response, '<p class="lead">Ett hundratal deltagare samlades till konferensen.</p>', html=True)
    assertContains(response, "<h2>Kommunerna i utredningen</h2>", html=True)
    assertContains(response, "<p>En fjärdedel av vården bedrivs i kommunal regi.</p>", html=True)


def test_article_page_shows_main_image_with_caption_srcset_and_size(client, article):
    content = client.get(article.get_absolute_url()).content.decode()

    img = re.search(r'<figure class="article__figure">\s*(<img [^>]*>)', content).group(1)
    assert 'alt="Tre talare framför en projektorduk."' in img
    assert re.search(r'srcset="[^"]*480w, [^"]*800w, [^"]*1200w"', img)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "<figcaption>Talarna på konferensen om nära vård.</figcaption>" in content


def test_article_page_lists_its_topics(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, '<a href="/amnen/nara-vard/">Nära vård</a>', html=True)


def test_article_page_hides_an_unpublished_topic(client, article):
    article.topics.add(TopicFactory(title="Hemligt ämne", status=Status.DRAFT))

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Hemligt ämne")


def test_article_page_shows_contact_persons_under_upplysningar(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, '<h2 id="upplysningar">Upplysningar</h2>', html=True)
    assertContains(response, "Tove Lindqvist")
    assertContains(response, '<a href="tel:+46313355199">031-335 51 99</a>', html=True)
    assertContains(response, '<a href="mailto:tove@example.se">tove@example.se</a>', html=True)


def test_article_page_hides_inactive_contact_persons(client, article):
    article.contacts.add(ContactPersonFactory(name="Slutat Person", active=False))

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Slutat Person")


def test_article_page_shows_publication_date(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, "Publicerad")
    assertContains(response, ">10 mars 2026</time>")
    assertNotContains(response, "Uppdaterad")


def test_article_page_says_senast_publicerad_as_the_seed_does(client, article):
    content = client.get(article.get_absolute_url()).content.decode()

    dates = re.search(r'<p class="page-dates">(.*?)</p>', content, re.DOTALL).group(1)
    assert re.search(r"Senast publicerad <time datetime=\"2026-03-10T10:30:00\+01:00\">10 mars 2026</time>", dates)


def test_article_page_shows_the_latest_publication_after_a_substantive_edit(client, article):
    with time_machine.travel(PUBLISHED + dt.timedelta(days=3), tick=False):
        article.body = "<p>Ny uppgift.</p>"
        article.save()

    content = client.get(article.get_absolute_url()).content.decode()

    dates = re.search(r'<p class="page-dates">(.*?)</p>', content, re.DOTALL).group(1)
    assert "Senast publicerad" in dates and ">13 mars 2026</time>" in dates
    assert ">10 mars 2026</time>" in content  # the dateline under the headline keeps the first date
    assert "Uppdaterad" not in content


def test_article_time_elements_carry_no_microseconds(client):
    article = ArticleFactory(publish_at=dt.datetime(2026, 3, 10, 9, 30, 15, 123456, tzinfo=dt.UTC))

    content = client.get(article.get_absolute_url()).content.decode()

    stamps = re.findall(r'<time datetime="([^"]*)"', content)
    assert stamps and set(stamps) == {"2026-03-10T10:30:15+01:00"}
    assert "123456" not in content


def test_article_image_can_close_the_article_as_in_the_seed(client, article):
    article.image_position = "end"
    article.save()

    content = client.get(article.get_absolute_url()).content.decode()

    body, figure, dates = (content.index(s) for s in ("En fjärdedel av vården", "<figure", 'class="page-dates"'))
    assert body < figure < dates
    assert "<figcaption>Talarna på konferensen om nära vård.</figcaption>" in content[figure:dates]


def test_article_page_has_subscription_box_linking_the_subscription_page(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, 'class="subscription-box"')
    assertContains(response, 'href="/prenumeration/"')


def test_article_page_breadcrumbs_lead_through_the_news(client, article):
    content = client.get(article.get_absolute_url()).content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', content, re.DOTALL).group(1)
    assert '<a href="/">Startsida</a>' in crumbs
    assert '<a href="/nyheter/">Nyheter</a>' in crumbs
    assert '<span aria-current="page">Dialog om God och nära vård</span>' in crumbs


def test_article_page_marks_the_news_section_current_in_menu(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, '<a href="/nyheter/" aria-current="true">Nyheter</a>', html=True)


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_article_is_not_found_for_the_public(client, trait):
    article = ArticleFactory(**{trait: True})

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404


def test_expired_article_is_not_found_for_the_public(client):
    now = dt.datetime.now(dt.UTC)
    article = ArticleFactory(publish_at=now - dt.timedelta(days=2), unpublish_at=now - dt.timedelta(days=1))

    assert client.get(article.get_absolute_url()).status_code == 404


# --- news archive ---------------------------------------------------------------------


def test_archive_uses_the_list_template(client, article):
    response = client.get("/nyheter/")

    assert response.status_code == 200
    assertTemplateUsed(response, "articles/article_list.html")


def test_archive_lists_published_articles_with_lead_and_topics(client, article):
    response = client.get("/nyheter/")

    link = '<a href="/nyheter/dialog-om-god-och-nara-vard/">Dialog om God och nära vård</a>'
    assertContains(response, link, html=True)
    assertContains(response, "Ett hundratal deltagare samlades till konferensen.")
    assertContains(response, "· Nära vård")


def test_archive_leaves_out_drafts_and_scheduled_articles(client, article):
    ArticleFactory(title="Ett utkast", draft=True)
    ArticleFactory(title="En schemalagd nyhet", scheduled=True)

    response = client.get("/nyheter/")

    assertNotContains(response, "Ett utkast")
    assertNotContains(response, "En schemalagd nyhet")


def test_archive_page_two_shows_the_older_articles(client):
    now = dt.datetime.now(dt.UTC)
    for i in range(ARTICLES_PER_PAGE + 1):
        ArticleFactory(title=f"Nyhet {i:02d} dagar gammal", publish_at=now - dt.timedelta(days=i + 1))

    first = client.get("/nyheter/")
    second = client.get("/nyheter/?page=2")

    assertContains(first, "Nyhet 00 dagar gammal")
    assertNotContains(first, f"Nyhet {ARTICLES_PER_PAGE:02d} dagar gammal")
    assertContains(first, 'href="?page=2"')
    assert second.status_code == 200
    assertContains(second, f"Nyhet {ARTICLES_PER_PAGE:02d} dagar gammal")
    assertNotContains(second, "Nyhet 00 dagar gammal")
    assertContains(second, "Sida 2 av 2")


def test_archive_filtered_by_topic_shows_only_that_topics_articles(client, article):
    ArticleFactory(title="Om kollektivtrafik", topics=[TopicFactory(slug="regional-utveckling")])

    response = client.get("/nyheter/?amne=nara-vard")

    assert response.status_code == 200
    assertContains(response, "<h1>Nyheter om Nära vård</h1>", html=True)
    assertContains(response, "Dialog om God och nära vård")
    assertNotContains(response, "Om kollektivtrafik")
    assertContains(response, '<option value="nara-vard" selected>Nära vård</option>', html=True)


def test_archive_filtered_by_topic_keeps_the_filter_in_pagination_links(client):
    topic = TopicFactory(slug="nara-vard")
    for _ in range(ARTICLES_PER_PAGE + 1):
        ArticleFactory(topics=[topic])

    response = client.get("/nyheter/?amne=nara-vard")

    assertContains(response, 'href="?amne=nara-vard&amp;page=2"')


def test_archive_filtered_by_unknown_topic_says_so_and_lists_all(client, article):
    response = client.get("/nyheter/?amne=finns-inte")

    assert response.status_code == 200
    assertContains(response, "Ämnet du valde finns inte.")
    assertContains(response, "Dialog om God och nära vård")


def test_archive_marks_news_as_the_current_page_in_menu(client):
    response = client.get("/nyheter/")

    assertContains(response, '<a href="/nyheter/" aria-current="page">Nyheter</a>', html=True)


def test_archive_filtered_by_subtopic_marks_only_news_current_in_menu(client):
    parent = TopicFactory(title="Kommunal hälso- och sjukvård", slug="kommunal-halso-och-sjukvard", show_in_menu=True)
    TopicFactory(title="Nära vård", slug="nara-vard", parent=parent)

    response = client.get("/nyheter/?amne=nara-vard")

    assertContains(response, '<a href="/nyheter/" aria-current="page">Nyheter</a>', html=True)
    assertContains(
        response, '<a href="/amnen/kommunal-halso-och-sjukvard/">Kommunal hälso- och sjukvård</a>', html=True
    )


def test_archive_page_beyond_the_last_is_not_found(client, article):
    assert client.get("/nyheter/?page=9").status_code == 404
