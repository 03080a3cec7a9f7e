import datetime as dt

import pytest
import time_machine

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.vastkom.publishing_cases import CASES, DAY, NOW, fields
from vastkom.core.publishing import Status, Visibility

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("status", "publish", "unpublish", "expected"), CASES)
def test_article_published_queryset_follows_the_rule(status, publish, unpublish, expected):
    article = ArticleFactory(**fields(status, publish, unpublish))

    assert (article in Article.objects.published()) is (expected == Visibility.LIVE)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("status", "publish", "unpublish", "expected"), CASES)
def test_article_is_published_mirrors_the_queryset(status, publish, unpublish, expected):
    article = ArticleFactory(**fields(status, publish, unpublish))

    assert article.is_published is Article.objects.published().filter(pk=article.pk).exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("status", "publish", "unpublish", "expected"), CASES)
def test_article_visibility_names_the_state(status, publish, unpublish, expected):
    article = ArticleFactory(**fields(status, publish, unpublish))

    assert article.visibility == expected


def test_scheduled_article_goes_live_without_any_save():
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW + DAY)
        assert not Article.objects.published().filter(pk=article.pk).exists()

    with time_machine.travel(NOW + DAY, tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_published_accepts_an_explicit_now():
    article = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW)

    assert list(Article.objects.published(now=NOW - dt.timedelta(seconds=1))) == []
    assert list(Article.objects.published(now=NOW)) == [article]


@time_machine.travel(NOW, tick=False)
def test_published_at_follows_a_scheduled_publish_at():
    article = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW + DAY)

    assert article.published_at == NOW + DAY


@time_machine.travel(NOW, tick=False)
def test_published_at_stays_when_a_live_article_is_rescheduled():
    article = ArticleFactory(status=Status.PUBLISHED, publish_at=NOW - DAY)

    article.publish_at = NOW + DAY
    article.save()

    assert article.published_at == NOW - DAY


@time_machine.travel(NOW, tick=False)
def test_draft_has_no_published_at():
    article = ArticleFactory(status=Status.DRAFT, publish_at=NOW - DAY)

    assert article.published_at is None
