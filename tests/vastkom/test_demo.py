"""``manage.py load_demo``: the seed content, and nothing changes when it runs again."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.views import ARTICLES_PER_PAGE
from topics.models import ContactPerson, Topic

pytestmark = pytest.mark.django_db

# After the demo's latest publication date, so the seed pages are live.
AFTER_DEMO = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
TABLES = [
    Article,
    Article.topics.through,
    Article.contacts.through,
    Topic,
    Topic.related_topics.through,
    Topic.contacts.through,
    ContactPerson,
]


def row_dump():
    return {model._meta.db_table: list(model.objects.order_by("pk").values()) for model in TABLES}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, demo_media):
    """One media folder for the module: the demo pictures are drawn and resized once."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


@pytest.fixture
def demo():
    with time_machine.travel(AFTER_DEMO, tick=False):
        call_command("load_demo", stdout=StringIO())


@pytest.fixture
def at_demo_time():
    with time_machine.travel(AFTER_DEMO, tick=False):
        yield


def test_load_demo_twice_leaves_the_same_rows(demo):
    first = row_dump()

    with time_machine.travel(AFTER_DEMO + dt.timedelta(days=1), tick=False):
        call_command("load_demo", stdout=StringIO())

    assert row_dump() == first
    assert all(first.values())


def test_demo_has_the_seed_article_with_its_photo_caption(client, demo, at_demo_time):
    article = Article.objects.published().get(title="Dialog om God och nära vård ur kommunperspektiv")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert article.image_caption.startswith("Samordnaren för nära vård")
    assert f"<figcaption>{article.image_caption}</figcaption>" in response.content.decode()
    assert len(article.image_renditions["sizes"]) == 3


def test_demo_has_nara_vard_beneath_kommunal_halso_och_sjukvard(demo):
    nara_vard = Topic.objects.published().get(title="Nära vård")

    assert nara_vard.slug == "nara-vard"
    assert nara_vard.parent.title == "Kommunal hälso- och sjukvård"


def test_demo_topic_has_a_contact_person_with_role_and_phone(demo):
    contact = Topic.objects.get(title="Kommunal hälso- och sjukvård").contacts.get()

    assert contact.role
    assert contact.phone_uri.startswith("tel:+4631")


def test_demo_topic_has_related_topics(demo):
    related = Topic.objects.get(slug="kommunal-halso-och-sjukvard").related_topics.published()

    assert {"nara-vard", "digitalisering"} <= {t.slug for t in related}


def test_demo_fills_more_than_one_page_of_news(client, demo, at_demo_time):
    assert Article.objects.published().count() > ARTICLES_PER_PAGE

    response = client.get("/nyheter/?page=2")

    assert response.status_code == 200
    assert len(response.context["articles"]) > 0


def test_demo_has_a_draft_and_a_scheduled_article_hidden_from_the_public(demo, at_demo_time):
    hidden = Article.objects.exclude(pk__in=Article.objects.published())

    assert {a.visibility for a in hidden} == {"draft", "scheduled"}


def test_demo_pages_do_not_claim_an_update(demo):
    assert not [str(item) for item in [*Article.objects.all(), *Topic.objects.all()] if item.shows_updated]


def test_demo_editor_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("load_demo", "--editor", stdout=StringIO())

    assert not get_user_model().objects.filter(username="redaktor").exists()
    assert not Article.objects.exists()


def test_demo_editor_is_created_when_debug_is_on(settings):
    settings.DEBUG = True

    call_command("load_demo", "--editor", stdout=StringIO())

    user = get_user_model().objects.get(username="redaktor")
    assert user.is_staff
    assert user.has_perm("articles.change_article")


def test_demo_accounts_are_a_publicerare_and_a_skribent(settings):
    settings.DEBUG = True

    call_command("load_demo", "--editor", stdout=StringIO())

    users = get_user_model().objects
    redaktor, skribent = users.get(username="redaktor"), users.get(username="skribent")
    assert [g.name for g in redaktor.groups.all()] == ["Publicerare"]
    assert [g.name for g in skribent.groups.all()] == ["Skribent"]
    assert redaktor.has_perm("articles.publish_article")
    assert skribent.has_perm("articles.change_article")
    assert not skribent.has_perm("articles.publish_article")
    assert skribent.check_password("skribent-demo-2026")


def test_demo_accounts_are_made_even_when_the_groups_were_lost(settings):
    from django.contrib.auth.models import Group

    settings.DEBUG = True
    Group.objects.all().delete()

    call_command("load_demo", "--editor", stdout=StringIO())

    assert get_user_model().objects.get(username="skribent").has_perm("topics.change_topic")
