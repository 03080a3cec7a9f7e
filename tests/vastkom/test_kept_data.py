"""Data each process keeps per content version (the menu, the published topics that cards and
the archive filter name, the archive's counts) is never served stale, with the page cache off.

One test per rule the kept data relies on: a save, a delete, a many-to-many change, a
scheduled item going live, an item expiring, the menu flag and order, and a change made by
another process (it moves the shared generation, never this process's memory). Each first
fills what is kept, then changes the content, then asks again.
"""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from topics.models import Topic
from vastkom.core import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


def menu(client, url="/") -> str:
    return client.get(url).content.decode().split('class="site-nav__list"')[1].split("</ul>")[0]


def cards(client, url="/nyheter/") -> str:
    """The news items of the archive (cards) or of the home page (lead item and cards)."""
    start = 'id="senaste-nyheter"' if url == "/" else 'class="card-list"'
    return client.get(url).content.decode().split(start)[1].split("</section>" if url == "/" else "</ul>")[0]


def count_line(client, url="/nyheter/") -> str:
    return client.get(url).content.decode().split('class="result-count">')[1].split("<")[0]


# --- the menu -----------------------------------------------------------------------------


def test_the_menu_shows_a_renamed_topic_on_the_next_request(client):
    topic = TopicFactory(title="Gammalt namn", show_in_menu=True)
    assert "Gammalt namn" in menu(client)

    topic.title = "Nytt namn"
    topic.save()

    assert "Nytt namn" in menu(client)
    assert "Gammalt namn" not in menu(client)


def test_the_menu_drops_a_deleted_topic_on_the_next_request(client):
    topic = TopicFactory(title="Borttaget ämne", show_in_menu=True)
    assert "Borttaget ämne" in menu(client)

    topic.delete()

    assert "Borttaget ämne" not in menu(client)


def test_the_menu_follows_a_topic_taken_out_of_it(client):
    topic = TopicFactory(title="Ur menyn", show_in_menu=True)
    assert "Ur menyn" in menu(client)

    topic.show_in_menu = False
    topic.save()

    assert "Ur menyn" not in menu(client)


def test_the_menu_follows_a_new_order(client):
    first = TopicFactory(title="Först", show_in_menu=True, order=1)
    TopicFactory(title="Sedan", show_in_menu=True, order=2)
    assert menu(client).index("Först") < menu(client).index("Sedan")

    first.order = 3
    first.save()

    assert menu(client).index("Sedan") < menu(client).index("Först")


def test_a_scheduled_topic_enters_the_kept_menu_on_time(client):
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    TopicFactory(title="Kommande ämne", show_in_menu=True, publish_at=publish_at)
    assert "Kommande ämne" not in menu(client)

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Kommande ämne" in menu(client)


def test_an_expiring_topic_leaves_the_kept_menu_on_time(client):
    unpublish_at = timezone.now() + dt.timedelta(minutes=10)
    TopicFactory(title="Går ut ur menyn", show_in_menu=True, unpublish_at=unpublish_at)
    assert "Går ut ur menyn" in menu(client)

    with time_machine.travel(unpublish_at + dt.timedelta(seconds=1)):
        assert "Går ut ur menyn" not in menu(client)


def test_a_change_by_another_process_reaches_the_kept_menu(client):
    """Another app process writes the shared generation; this one's memory is keyed by it."""
    topic = TopicFactory(title="Före", show_in_menu=True)
    assert "Före" in menu(client)

    Topic.objects.filter(pk=topic.pk).update(title="Efter")  # as another process would, then:
    pagecache.content_changed()

    assert "Efter" in menu(client)


# --- the topics a card names and the archive filter ---------------------------------------


def test_a_card_names_a_renamed_topic_on_the_next_request(client):
    topic = TopicFactory(title="Ämne före")
    ArticleFactory(topics=[topic])
    assert "Ämne före" in cards(client)

    topic.title = "Ämne efter"
    topic.save()

    assert "Ämne efter" in cards(client)
    assert "Ämne före" not in cards(client)


def test_a_card_names_a_topic_added_to_its_article(client):
    article = ArticleFactory()
    cards(client)

    article.topics.add(TopicFactory(title="Tillagt ämne"))

    assert "Tillagt ämne" in cards(client)


def test_a_card_stops_naming_an_expired_topic_on_time(client):
    unpublish_at = timezone.now() + dt.timedelta(minutes=10)
    ArticleFactory(topics=[TopicFactory(title="Snart borta", slug="snart-borta", unpublish_at=unpublish_at)])
    assert "Snart borta" in cards(client)
    assert "Snart borta" in cards(client, "/")

    with time_machine.travel(unpublish_at + dt.timedelta(seconds=1)):
        assert "Snart borta" not in cards(client)
        assert "Snart borta" not in cards(client, "/")
        assert 'value="snart-borta"' not in client.get("/nyheter/").content.decode()


def test_a_card_names_a_scheduled_topic_once_it_is_live(client):
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    ArticleFactory(topics=[TopicFactory(title="Snart synlig", publish_at=publish_at)])
    assert "Snart synlig" not in cards(client)

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Snart synlig" in cards(client)


def test_a_card_drops_a_deleted_topic_on_the_next_request(client):
    topic = TopicFactory(title="Raderat ämne")
    ArticleFactory(topics=[topic])
    assert "Raderat ämne" in cards(client)

    topic.delete()

    assert "Raderat ämne" not in cards(client)


# --- the contacts and topics an article page shows -------------------------------------


def aside(client, article) -> str:
    """The article page's side column: its contacts and its topics."""
    return client.get(article.get_absolute_url()).content.decode().split('class="page-layout__aside"')[1]


def test_an_article_page_drops_a_contact_made_inactive_on_the_next_request(client):
    article = ArticleFactory(contacts=[ContactPersonFactory(name="Anna Andersson")])
    assert "Anna Andersson" in aside(client, article)

    contact = article.contacts.get()
    contact.active = False
    contact.save()

    assert "Anna Andersson" not in aside(client, article)


def test_an_article_page_shows_a_contacts_new_phone_number_on_the_next_request(client):
    contact = ContactPersonFactory(name="Anna Andersson", phone="031-111 11 11")
    article = ArticleFactory(contacts=[contact])
    assert "031-111 11 11" in aside(client, article)

    contact.phone = "031-222 22 22"
    contact.save()

    assert "031-222 22 22" in aside(client, article)
    assert "031-111 11 11" not in aside(client, article)


def test_an_article_page_shows_a_contact_and_a_topic_added_to_it(client):
    article = ArticleFactory()
    aside(client, article)

    article.contacts.add(ContactPersonFactory(name="Ny Kontakt"))
    article.topics.add(TopicFactory(title="Nytt ämne"))

    shown = aside(client, article)
    assert "Ny Kontakt" in shown
    assert "Nytt ämne" in shown


def test_an_article_page_lists_its_contacts_and_topics_in_their_own_order(client):
    article = ArticleFactory(
        contacts=[ContactPersonFactory(name=name) for name in ("Cecilia", "Anna", "Bertil")],
        topics=[TopicFactory(title=title) for title in ("Ö-ämnet", "A-ämnet")],
    )
    Topic.objects.filter(title="Ö-ämnet").update(order=0)
    Topic.objects.filter(title="A-ämnet").update(order=1)
    pagecache.content_changed()

    shown = aside(client, article)

    assert shown.index("Anna") < shown.index("Bertil") < shown.index("Cecilia")
    assert shown.index("Ö-ämnet") < shown.index("A-ämnet")


# --- what a topic page shows of other topics and of contacts ---------------------------


def topic_aside(client, topic) -> str:
    return client.get(topic.get_absolute_url()).content.decode().split('class="page-layout__aside"')[1]


def test_a_topic_page_names_a_renamed_subtopic_and_related_topic_on_the_next_request(client):
    topic = TopicFactory(title="Huvudämne")
    child = TopicFactory(title="Underämne före", parent=topic)
    related = TopicFactory(title="Relaterat före")
    topic.related_topics.add(related)
    assert "Underämne före" in topic_aside(client, topic)

    child.title, related.title = "Underämne efter", "Relaterat efter"
    child.save()
    related.save()

    shown = topic_aside(client, topic)
    assert "Underämne efter" in shown and "Relaterat efter" in shown
    assert "före" not in shown


def test_a_topic_page_follows_related_topics_added_and_removed(client):
    topic, first, second = TopicFactory(), TopicFactory(title="Första"), TopicFactory(title="Andra")
    topic.related_topics.add(first)
    assert "Första" in topic_aside(client, topic)

    topic.related_topics.remove(first)
    topic.related_topics.add(second)

    shown = topic_aside(client, topic)
    assert "Andra" in shown
    assert "Första" not in shown


def test_a_topic_page_drops_an_unpublished_subtopic_on_the_next_request(client):
    topic = TopicFactory()
    child = TopicFactory(title="Snart avpublicerat", parent=topic)
    assert "Snart avpublicerat" in topic_aside(client, topic)

    child.status = "draft"
    child.save()

    assert "Snart avpublicerat" not in topic_aside(client, topic)


def test_a_topic_page_shows_a_scheduled_subtopic_once_it_is_live(client):
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    topic = TopicFactory()
    TopicFactory(title="Schemalagt underämne", parent=topic, publish_at=publish_at)
    assert "Schemalagt underämne" not in topic_aside(client, topic)

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Schemalagt underämne" in topic_aside(client, topic)


def test_a_topic_page_follows_its_contacts(client):
    leaving, staying = ContactPersonFactory(name="Lämnar Snart"), ContactPersonFactory(name="Stannar Kvar")
    topic = TopicFactory(contacts=[leaving, staying])
    assert "Lämnar Snart" in topic_aside(client, topic)

    leaving.active = False
    leaving.save()
    topic.contacts.add(ContactPersonFactory(name="Ny Kollega"))

    shown = topic_aside(client, topic)
    assert "Lämnar Snart" not in shown
    assert "Stannar Kvar" in shown and "Ny Kollega" in shown


def crumbs(client, topic) -> str:
    return client.get(topic.get_absolute_url()).content.decode().split('class="breadcrumbs')[1].split("</nav>")[0]


def test_a_renamed_parent_shows_in_the_breadcrumbs_on_the_next_request(client):
    area = TopicFactory(title="Område före")
    topic = TopicFactory(parent=TopicFactory(title="Mellan", parent=area))
    assert "Område före" in crumbs(client, topic)

    area.title = "Område efter"
    area.save()

    assert "Område efter" in crumbs(client, topic)
    assert "Område före" not in crumbs(client, topic)


def test_a_parent_taken_back_is_named_in_the_breadcrumbs_without_a_link(client):
    area = TopicFactory(title="Området", show_in_menu=True)
    topic = TopicFactory(parent=area)
    assert 'href="/amnen/' + area.slug + '/">Området</a>' in crumbs(client, topic)

    area.status = "draft"
    area.save()

    shown = crumbs(client, topic)
    assert "<li>Området</li>" in shown
    assert f"/amnen/{area.slug}/" not in shown


def test_a_moved_topic_marks_its_new_section_in_the_menu(client):
    old, new = (
        TopicFactory(title="Gamla området", show_in_menu=True),
        TopicFactory(title="Nya området", show_in_menu=True),
    )
    topic = TopicFactory(parent=old)
    assert 'aria-current="true">Gamla området' in menu(client, topic.get_absolute_url())

    topic.parent = new
    topic.save()

    marked = menu(client, topic.get_absolute_url())
    assert 'aria-current="true">Nya området' in marked
    assert 'aria-current="true">Gamla området' not in marked


def test_a_change_by_another_process_reaches_a_topic_page(client):
    topic = TopicFactory()
    child = TopicFactory(title="Före", parent=topic)
    assert "Före" in topic_aside(client, topic)

    Topic.objects.filter(pk=child.pk).update(title="Efter")  # as another process would, then:
    pagecache.content_changed()

    assert "Efter" in topic_aside(client, topic)


# --- the archive's counts -----------------------------------------------------------------


def test_the_kept_archive_count_follows_a_new_article(client):
    ArticleFactory.create_batch(2)
    assert count_line(client) == "2 nyheter"

    ArticleFactory()

    assert count_line(client) == "3 nyheter"


def test_the_kept_archive_count_follows_a_deleted_article(client):
    first, _second = ArticleFactory.create_batch(2)
    assert count_line(client) == "2 nyheter"

    first.delete()

    assert count_line(client) == "1 nyhet"


def test_the_kept_archive_count_follows_a_scheduled_article_going_live(client):
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    ArticleFactory()
    ArticleFactory(publish_at=publish_at)
    assert count_line(client) == "1 nyhet"

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert count_line(client) == "2 nyheter"


def test_the_kept_archive_count_follows_an_article_expiring(client):
    unpublish_at = timezone.now() + dt.timedelta(minutes=10)
    ArticleFactory()
    ArticleFactory(unpublish_at=unpublish_at)
    assert count_line(client) == "2 nyheter"

    with time_machine.travel(unpublish_at + dt.timedelta(seconds=1)):
        assert count_line(client) == "1 nyhet"


def test_the_kept_count_of_a_topic_follows_an_article_leaving_the_topic(client):
    topic = TopicFactory(slug="vald")
    first, _second = ArticleFactory.create_batch(2, topics=[topic])
    assert count_line(client, "/nyheter/?amne=vald") == "2 nyheter"
    assert count_line(client) == "2 nyheter"

    first.topics.remove(topic)

    assert count_line(client, "/nyheter/?amne=vald") == "1 nyhet"
    assert count_line(client) == "2 nyheter"


def test_the_kept_archive_count_follows_a_change_by_another_process(client):
    article, _other = ArticleFactory.create_batch(2)
    assert count_line(client) == "2 nyheter"

    type(article).objects.filter(pk=article.pk).update(status="draft")  # as another process would
    pagecache.content_changed()

    assert count_line(client) == "1 nyhet"


# --- a topic page's latest news -----------------------------------------------------------


def latest_news(client, topic) -> str:
    return client.get(topic.get_absolute_url()).content.decode().split('id="nyheter-i-amnet"')[1].split("</ul>")[0]


def test_a_topic_pages_latest_news_shows_a_new_article_and_a_new_title_on_the_next_request(client):
    topic = TopicFactory()
    article = ArticleFactory(title="Första rubriken", topics=[topic])
    assert "Första rubriken" in latest_news(client, topic)

    article.title = "Ny rubrik"
    article.save()
    ArticleFactory(title="Helt ny nyhet", topics=[topic])

    shown = latest_news(client, topic)
    assert "Ny rubrik" in shown and "Helt ny nyhet" in shown
    assert "Första rubriken" not in shown


def test_a_topic_pages_latest_news_follows_an_article_leaving_the_topic_or_deleted(client):
    topic = TopicFactory()
    leaving = ArticleFactory(title="Lämnar ämnet", topics=[topic])
    deleted = ArticleFactory(title="Raderas", topics=[topic])
    ArticleFactory(title="Stannar", topics=[topic])
    assert "Lämnar ämnet" in latest_news(client, topic) and "Raderas" in latest_news(client, topic)

    leaving.topics.remove(topic)
    deleted.delete()

    shown = latest_news(client, topic)
    assert "Lämnar ämnet" not in shown and "Raderas" not in shown
    assert "Stannar" in shown


def test_a_topic_pages_latest_news_takes_in_a_scheduled_article_on_time(client):
    publish_at = timezone.now() + dt.timedelta(minutes=10)
    topic = TopicFactory()
    ArticleFactory(title="Redan ute", topics=[topic])
    ArticleFactory(title="Schemalagd nyhet", topics=[topic], publish_at=publish_at)
    assert "Schemalagd nyhet" not in latest_news(client, topic)

    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Schemalagd nyhet" in latest_news(client, topic)


def test_a_topic_pages_latest_news_lets_an_expiring_article_go_on_time(client):
    unpublish_at = timezone.now() + dt.timedelta(minutes=10)
    topic = TopicFactory()
    ArticleFactory(title="Stannar kvar", topics=[topic])
    ArticleFactory(title="Går ut snart", topics=[topic], unpublish_at=unpublish_at)
    assert "Går ut snart" in latest_news(client, topic)

    with time_machine.travel(unpublish_at + dt.timedelta(seconds=1)):
        shown = latest_news(client, topic)
    assert "Går ut snart" not in shown and "Stannar kvar" in shown


def test_a_topic_pages_latest_news_follows_a_change_by_another_process(client):
    topic = TopicFactory()
    article = ArticleFactory(title="Dras tillbaka", topics=[topic])
    ArticleFactory(title="Ligger kvar", topics=[topic])
    assert "Dras tillbaka" in latest_news(client, topic)

    type(article).objects.filter(pk=article.pk).update(status="draft")  # as another process would
    pagecache.content_changed()

    assert "Dras tillbaka" not in latest_news(client, topic)


def test_a_topic_page_seen_again_asks_only_for_the_topic(client):
    """Its sub-topics, related topics, contacts and latest news are kept until content changes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = TopicFactory(contacts=[ContactPersonFactory()])
    TopicFactory(parent=topic)
    topic.related_topics.add(TopicFactory())
    ArticleFactory(topics=[topic])
    client.get(topic.get_absolute_url())

    with CaptureQueriesContext(connection) as captured:
        response = client.get(topic.get_absolute_url())

    content = [q["sql"] for q in captured if "vastkom_shared_cache" not in q["sql"]]
    assert response.status_code == 200
    assert len(content) == 1
    assert '"topics_topic"' in content[0]
