import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article
from tests.articles.factories import ArticleFactory
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def test_clean_refuses_image_without_alt_text():
    article = ArticleFactory.build(with_image=True, image_alt="  ")

    with pytest.raises(ValidationError) as raised:
        article.clean()

    assert raised.value.message_dict["image_alt"] == ["Skriv en alternativtext eller markera bilden som dekorativ."]


def test_clean_accepts_decorative_image_without_alt_text():
    ArticleFactory.build(with_image=True, image_alt="", image_decorative=True).clean()


def test_database_refuses_image_without_alt_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(with_image=True, image_alt="")


def test_decorative_image_has_empty_alt_on_the_page(client):
    article = ArticleFactory(with_image=True, image_alt="Gammal text", image_decorative=True)

    assert 'alt=""' in client.get(article.get_absolute_url()).content.decode()


def test_clean_refuses_unpublish_before_publish():
    article = ArticleFactory.build(publish_at=NOW, unpublish_at=NOW - dt.timedelta(hours=1))

    with pytest.raises(ValidationError) as raised:
        article.clean()

    assert raised.value.error_dict["unpublish_at"][0].code == "unpublish_before_publish"


def test_database_refuses_unpublish_before_publish():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(publish_at=NOW, unpublish_at=NOW)


@time_machine.travel(NOW, tick=False)
def test_minor_change_keeps_updated_at():
    article = ArticleFactory(publish_at=NOW)

    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        article.title = "Rättad rubrik"
        article.save(minor_change=True)

    assert Article.objects.get(pk=article.pk).updated_at == NOW


@time_machine.travel(NOW, tick=False)
def test_fresh_article_does_not_show_updated():
    assert not ArticleFactory(publish_at=NOW).shows_updated


@time_machine.travel(NOW, tick=False)
def test_edit_the_next_day_shows_updated():
    article = ArticleFactory(publish_at=NOW)

    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        article.save()

    assert article.shows_updated


def test_article_url_is_under_nyheter():
    assert ArticleFactory(slug="nara-vard").get_absolute_url() == "/nyheter/nara-vard/"


@time_machine.travel(NOW, tick=False)
def test_first_publication_with_an_earlier_publish_at_is_not_an_update():
    article = ArticleFactory(publish_at=NOW - dt.timedelta(hours=2))

    assert not article.shows_updated


def test_publishing_a_draft_days_later_is_not_an_update():
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(draft=True, publish_at=NOW)
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        article.status = Status.PUBLISHED
        article.save()

    assert not article.shows_updated


def test_edit_after_a_backdated_publication_is_an_update():
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(publish_at=NOW - dt.timedelta(hours=2))
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        article.save()

    assert article.shows_updated
    assert article.updated_at == NOW + dt.timedelta(days=1)


def test_slug_from_title_avoids_the_feed_address():
    article = ArticleFactory(title="RSS", slug="")

    assert article.slug == "rss-2"


def test_full_clean_refuses_the_feed_address_as_slug():
    article = ArticleFactory.build(title="Flöde", slug="rss")

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "reserverad" in str(error.value)


def test_database_refuses_the_feed_address_as_slug():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="rss")
