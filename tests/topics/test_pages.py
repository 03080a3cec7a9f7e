import datetime as dt
import re

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from topics.views import LATEST_ARTICLES_IN_TOPIC

pytestmark = pytest.mark.django_db

UPDATED = dt.datetime(2026, 2, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def area():
    with time_machine.travel(UPDATED, tick=False):
        return TopicFactory(
            title="Kommunal hälso- och sjukvård",
            slug="kommunal-halso-och-sjukvard",
            show_in_menu=True,
            order=1,
            intro="Kommunerna står för en fjärdedel av vården.",
        )


@pytest.fixture
def topic(area):
    with time_machine.travel(UPDATED, tick=False):
        related = TopicFactory(title="Vårdens medarbetare", slug="vardens-medarbetare", intro="Ett gemensamt projekt.")
        contact = ContactPersonFactory(
            name="Tove Lindqvist", role="Analytiker och projektledare", phone="031-335 51 99", email="tove@example.se"
        )
        topic = TopicFactory(
            title="Nära vård",
            slug="nara-vard",
            parent=area,
            intro="Omställningen till en god och nära vård.",
            body="<h2>Vad händer just nu?</h2><p>Gemensamma målbilder.</p>",
            related_topics=[related],
            contacts=[contact],
        )
        TopicFactory(title="Egenvård", slug="egenvard", parent=topic, intro="Den mest nära vården.")
        return topic


def test_topic_page_uses_the_topic_template(client, topic):
    response = client.get("/amnen/nara-vard/")

    assert response.status_code == 200
    assertTemplateUsed(response, "topics/topic_detail.html")


def test_topic_page_shows_title_intro_and_body(client, topic):
    response = client.get(topic.get_absolute_url())

    assertContains(response, "<h1>Nära vård</h1>", html=True)
    assertContains(response, '<p class="lead">Omställningen till en god och nära vård.</p>', html=True)
    assertContains(response, "<h2>Vad händer just nu?</h2>", html=True)
    assertContains(response, "<p>Gemensamma målbilder.</p>", html=True)


def test_topic_page_lists_published_subtopics(client, topic):
    TopicFactory(title="Utkast till underämne", parent=topic, draft=True)

    response = client.get(topic.get_absolute_url())

    assertContains(response, "Inom Nära vård")
    assertContains(response, '<a href="/amnen/egenvard/">Egenvård</a>', html=True)
    assertNotContains(response, "Utkast till underämne")


def test_topic_page_lists_related_topics_under_mer_om_var_verksamhet(client, topic):
    content = client.get(topic.get_absolute_url()).content.decode()

    related = re.search(r'<section class="[^"]*\brelated\b[^"]*".*?</section>', content, re.DOTALL).group(0)
    assert "Mer om vår verksamhet" in related
    assert '<a href="/amnen/vardens-medarbetare/">Vårdens medarbetare</a>' in related


def test_topic_page_hides_unpublished_related_topics(client, topic):
    topic.related_topics.add(TopicFactory(title="Schemalagt ämne", scheduled=True))

    response = client.get(topic.get_absolute_url())

    assertNotContains(response, "Schemalagt ämne")


def test_topic_page_shows_contact_card_with_role_phone_and_email(client, topic):
    content = client.get(topic.get_absolute_url()).content.decode()

    card = re.search(r'<div class="contact-card">.*?</div>\s*</div>', content, re.DOTALL).group(0)
    assert '<p class="contact-card__name">Tove Lindqvist</p>' in card
    assert '<p class="contact-card__role">Analytiker och projektledare</p>' in card
    assert '<a href="tel:+46313355199">031-335 51 99</a>' in card
    assert '<a href="mailto:tove@example.se">tove@example.se</a>' in card


def test_topic_page_lists_latest_articles_in_the_topic(client, topic):
    now = dt.datetime.now(dt.UTC)
    for i in range(LATEST_ARTICLES_IN_TOPIC + 1):
        ArticleFactory(title=f"Nyhet {i} om nära vård", publish_at=now - dt.timedelta(days=i + 1), topics=[topic])
    ArticleFactory(title="Nyhet om något annat")
    ArticleFactory(title="Utkast om nära vård", draft=True, topics=[topic])

    response = client.get(topic.get_absolute_url())

    assertContains(response, "Nyhet 0 om nära vård")
    assertNotContains(response, f"Nyhet {LATEST_ARTICLES_IN_TOPIC} om nära vård")
    assertNotContains(response, "Nyhet om något annat")
    assertNotContains(response, "Utkast om nära vård")
    assertContains(response, 'href="/nyheter/?amne=nara-vard"')


def test_topic_page_shows_updated_date(client, topic):
    with time_machine.travel(UPDATED + dt.timedelta(days=10), tick=False):
        topic.intro = "Omställningen till en god och nära vård, med nya mål."
        topic.save()

    response = client.get(topic.get_absolute_url())

    assertContains(response, "Uppdaterad")
    assertContains(response, ">14 februari 2026</time>")


def test_topic_page_has_subscription_box(client, topic):
    assertContains(client.get(topic.get_absolute_url()), 'href="/prenumeration/"')


def test_topic_page_breadcrumbs_pass_through_the_parent(client, topic):
    content = client.get(topic.get_absolute_url()).content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', content, re.DOTALL).group(1)
    assert '<a href="/amnen/">Ämnen</a>' in crumbs
    assert '<a href="/amnen/kommunal-halso-och-sjukvard/">Kommunal hälso- och sjukvård</a>' in crumbs
    assert '<span aria-current="page">Nära vård</span>' in crumbs


def test_topic_in_menu_is_the_current_page_on_its_own_page(client, area):
    response = client.get(area.get_absolute_url())

    assertContains(
        response,
        '<a href="/amnen/kommunal-halso-och-sjukvard/" aria-current="page">Kommunal hälso- och sjukvård</a>',
        html=True,
    )


def test_subtopic_page_marks_its_section_current_in_menu(client, topic):
    response = client.get(topic.get_absolute_url())

    assertContains(
        response,
        '<a href="/amnen/kommunal-halso-och-sjukvard/" aria-current="true">Kommunal hälso- och sjukvård</a>',
        html=True,
    )
    assertContains(response, '<a href="/nyheter/">Nyheter</a>', html=True)


def test_menu_leaves_out_topics_not_marked_for_it(client, topic):
    content = client.get("/amnen/").content.decode()

    menu = re.search(r'<nav class="site-nav".*?</nav>', content, re.DOTALL).group(0)
    assert "Kommunal hälso- och sjukvård" in menu
    assert "Vårdens medarbetare" not in menu


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_topic_is_not_found_for_the_public(client, trait):
    topic = TopicFactory(**{trait: True})

    assert client.get(topic.get_absolute_url()).status_code == 404


# --- topic index ----------------------------------------------------------------------


def test_topic_index_uses_the_index_template(client, topic):
    response = client.get("/amnen/")

    assert response.status_code == 200
    assertTemplateUsed(response, "topics/topic_index.html")


def test_topic_index_shows_areas_with_their_subtopics(client, topic):
    response = client.get("/amnen/")

    assertContains(
        response, '<h2><a href="/amnen/kommunal-halso-och-sjukvard/">Kommunal hälso- och sjukvård</a></h2>', html=True
    )
    assertContains(response, '<li><a href="/amnen/nara-vard/">Nära vård</a></li>', html=True)


def test_topic_index_leaves_out_unpublished_areas(client, topic):
    TopicFactory(title="Utkast till område", draft=True)

    assertNotContains(client.get("/amnen/"), "Utkast till område")


# --- rough edges found by visitors ---------------------------------------------------------


def page_dates(response) -> str:
    return re.search(r'<p class="page-dates">(.*?)</p>', response.content.decode(), re.DOTALL).group(1)


@pytest.fixture
def published_at_nine():
    with time_machine.travel(UPDATED, tick=False):
        return TopicFactory(title="Social välfärd", slug="social-valfard", publish_at=UPDATED - dt.timedelta(hours=1))


def test_topic_page_never_shows_uppdaterad_on_the_day_it_was_published(client, published_at_nine):
    topic = published_at_nine
    with time_machine.travel(UPDATED + dt.timedelta(hours=5), tick=False):
        topic.intro = "Ändrad samma dag."
        topic.save()

    dates = page_dates(client.get(topic.get_absolute_url()))

    assert topic.shows_updated  # more than an hour later: an update, but not on a later day
    assert "Publicerad" in dates and ">4 februari 2026</time>" in dates
    assert "Uppdaterad" not in dates


def test_topic_page_shows_uppdaterad_after_an_edit_on_a_later_day(client, published_at_nine):
    topic = published_at_nine
    with time_machine.travel(UPDATED + dt.timedelta(days=1), tick=False):
        topic.save()

    dates = page_dates(client.get(topic.get_absolute_url()))

    assert "Publicerad" in dates and ">4 februari 2026</time>" in dates
    assert "Uppdaterad" in dates and ">5 februari 2026</time>" in dates


def test_topic_page_lists_each_subtopic_once(client, area, topic):
    sibling = TopicFactory(title="Hälso- och sjukvårdsavtal", slug="avtal", parent=area)
    area.related_topics.set([topic, sibling, TopicFactory(title="Digitalisering", slug="digitalisering")])

    content = client.get(area.get_absolute_url()).content.decode()

    assert content.count('href="/amnen/nara-vard/"') == 1
    assert content.count('href="/amnen/avtal/"') == 1
    related = re.search(r'<section class="[^"]*\brelated\b[^"]*".*?</section>', content, re.DOTALL).group(0)
    assert 'href="/amnen/digitalisering/"' in related


def test_topic_page_without_other_related_topics_has_no_empty_mer_om_section(client, area, topic):
    area.related_topics.set([topic])

    assertNotContains(client.get(area.get_absolute_url()), "Mer om vår verksamhet")


def test_topic_page_time_elements_carry_no_microseconds(client, topic):
    Topic = type(topic)
    Topic.objects.filter(pk=topic.pk).update(
        published_at=dt.datetime(2026, 2, 4, 10, 0, 5, 987654, tzinfo=dt.UTC),
        updated_at=dt.datetime(2026, 2, 9, 10, 0, 5, 987654, tzinfo=dt.UTC),
    )

    content = client.get(topic.get_absolute_url()).content.decode()

    stamps = re.findall(r'<time datetime="([^"]*)"', content)
    assert {"2026-02-04T11:00:05+01:00", "2026-02-09T11:00:05+01:00"} <= set(stamps)
    assert not [s for s in stamps if "." in s]


def test_topic_page_puts_contacts_related_pages_and_subscription_after_the_text(client, topic):
    content = client.get(topic.get_absolute_url()).content.decode()

    order = [content.index(s) for s in ("Gemensamma målbilder.", 'id="kontakt"', 'id="mer-om"', "subscription-box")]
    assert order == sorted(order)
    aside = content[content.index('class="page-layout__aside"') :]
    assert 'id="kontakt"' in aside and 'id="mer-om"' in aside
