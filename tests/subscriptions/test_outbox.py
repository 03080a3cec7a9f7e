"""The outbox: fan-out on publish, delivery, retries, crashed workers, the weekly summary."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from subscriptions import services
from subscriptions.models import Dispatch, Notice, NoticeKind, NoticeStatus, State
from tests.articles.factories import ArticleFactory
from tests.subscriptions.backends import RefusingBackend
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory
from vastkom.core.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return TopicFactory(), TopicFactory()


def recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_fan_out_reaches_exactly_the_confirmed_immediate_followers(topics):
    followed, other = topics
    all_news = SubscriberFactory(confirmed=True, email="alla@example.se")
    by_topic = SubscriberFactory(confirmed=True, email="amne@example.se", topics=[followed, other])
    SubscriberFactory(confirmed=True, email="annat@example.se", topics=[other])
    SubscriberFactory(confirmed=True, weekly=True, email="vecka@example.se")
    SubscriberFactory(email="vantar@example.se")
    SubscriberFactory(state=State.UNSUBSCRIBED, email="slutat@example.se")
    article = ArticleFactory(topics=[followed])

    assert services.article_fan_out(article_id=article.pk) == 2

    assert set(Notice.objects.values_list("subscriber_id", flat=True)) == {all_news.pk, by_topic.pk}


def test_fan_out_reaches_followers_of_a_parent_topic_but_not_of_a_sibling():
    parent = TopicFactory(title="Kommunal hälso- och sjukvård")
    child = TopicFactory(title="Nära vård", parent=parent)
    sibling = TopicFactory(title="Hälso- och sjukvårdsavtal", parent=parent)
    of_parent = SubscriberFactory(confirmed=True, topics=[parent])
    SubscriberFactory(confirmed=True, topics=[sibling])
    article = ArticleFactory(topics=[child])

    services.article_fan_out(article_id=article.pk)

    assert list(Notice.objects.values_list("subscriber_id", flat=True)) == [of_parent.pk]


def test_fan_out_twice_queues_each_notice_once_and_never_adds_later_subscribers():
    first = SubscriberFactory(confirmed=True)
    article = ArticleFactory()
    services.article_fan_out(article_id=article.pk)
    SubscriberFactory(confirmed=True)  # confirmed after the article went out
    services.article_fan_out(article_id=article.pk)
    assert list(Notice.objects.values_list("subscriber_id", flat=True)) == [first.pk]
    assert Dispatch.objects.get(article=article).fanned_out_at is not None


def test_fan_out_resumes_when_a_crash_left_it_unfinished():
    first, second = SubscriberFactory(confirmed=True), SubscriberFactory(confirmed=True)
    article = ArticleFactory()
    # A worker died after queuing the first subscriber, before marking the fan-out done.
    Dispatch.objects.create(article=article)
    Notice.objects.create(kind=NoticeKind.ARTICLE, article=article, subscriber=first)
    services.article_fan_out(article_id=article.pk)
    assert sorted(Notice.objects.values_list("subscriber_id", flat=True)) == sorted([first.pk, second.pk])


@pytest.mark.parametrize(
    "article_kwargs",
    [
        {"status": Status.DRAFT},
        {"publish_at": timezone.now() + dt.timedelta(hours=2)},
        {"publish_at": timezone.now() - dt.timedelta(days=30)},
    ],
    ids=["draft", "scheduled", "old"],
)
def test_fan_out_skips_drafts_scheduled_and_old_articles(article_kwargs):
    SubscriberFactory(confirmed=True)
    article = ArticleFactory(**article_kwargs)
    assert services.article_fan_out(article_id=article.pk) == 0
    assert not Notice.objects.exists()


def test_scheduled_article_goes_out_when_its_time_comes_through_the_sweep():
    SubscriberFactory(confirmed=True, email="anna@example.se")
    article = ArticleFactory(publish_at=timezone.now() + dt.timedelta(hours=2))
    assert services.articles_due_fan_out() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
        assert services.articles_due_fan_out() == 1
        services.notices_deliver()
    assert recipients() == ["anna@example.se"]
    assert article.title in mail.outbox[0].subject


def test_deliver_sends_each_notice_once_and_marks_it_sent():
    SubscriberFactory(confirmed=True, email="a@example.se")
    SubscriberFactory(confirmed=True, email="b@example.se")
    article = ArticleFactory()
    services.article_fan_out(article_id=article.pk)

    report = services.notices_deliver()
    again = services.notices_deliver()

    assert report.sent == 2
    assert again.sent == 0
    assert recipients() == ["a@example.se", "b@example.se"]
    assert set(Notice.objects.values_list("status", flat=True)) == {NoticeStatus.SENT}


def test_news_email_is_swedish_text_and_html_with_title_lead_and_links():
    SubscriberFactory(confirmed=True)
    article = ArticleFactory(title="Nya riktlinjer för hemsjukvård", lead="Styrelsen antog riktlinjerna i dag.")
    services.article_fan_out(article_id=article.pk)
    services.notices_deliver()
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Nya riktlinjer för hemsjukvård" in part
        assert "Styrelsen antog riktlinjerna i dag." in part
        assert f"http://testserver{article.get_absolute_url()}" in part
        assert "http://testserver/prenumeration/avsluta/" in part
        assert "http://testserver/prenumeration/hantera/" in part
    assert "Avsluta prenumerationen" in message.body


def test_each_copy_carries_its_own_subscribers_link():
    first = SubscriberFactory(confirmed=True)
    second = SubscriberFactory(confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)
    services.notices_deliver()
    from subscriptions.tokens import manage_token_read

    by_address = {m.to[0]: m for m in mail.outbox}
    for subscriber in (first, second):
        header = by_address[subscriber.email].extra_headers["List-Unsubscribe"]
        token = header.strip("<>").rstrip("/").rsplit("/", 1)[1]
        assert manage_token_read(token) == subscriber


def test_unsubscribing_after_fan_out_stops_the_queued_notice():
    subscriber = SubscriberFactory(confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)
    services.subscription_unsubscribe(subscriber=subscriber)
    report = services.notices_deliver()
    assert report.cancelled == 1
    assert mail.outbox == []
    assert Notice.objects.get().status == NoticeStatus.CANCELLED


def test_unpublishing_after_fan_out_stops_the_queued_notices():
    SubscriberFactory(confirmed=True)
    article = ArticleFactory()
    services.article_fan_out(article_id=article.pk)
    article.status = Status.DRAFT
    article.save()
    services.notices_deliver()
    assert mail.outbox == []


def test_failed_sends_are_retried_with_back_off_and_a_retry_completes_them(settings):
    settings.SUBSCRIPTIONS_RETRY_BASE = dt.timedelta(minutes=5)
    for email in ["ok1@example.se", "fel@example.se", "ok2@example.se"]:
        SubscriberFactory(confirmed=True, email=email)
    services.article_fan_out(article_id=ArticleFactory().pk)

    first = services.notices_deliver(connection=RefusingBackend(refuse={"fel@example.se"}))
    assert (first.sent, first.retrying) == (2, 1)
    failed = Notice.objects.get(subscriber__email="fel@example.se")
    assert failed.status == NoticeStatus.PENDING
    assert failed.attempts == 1
    assert "SMTPRecipientsRefused" in failed.last_error
    assert "fel@example.se" not in failed.last_error  # addresses are masked in stored errors
    assert failed.next_attempt_at > timezone.now() + dt.timedelta(minutes=4)

    # Not due yet: nothing happens.
    assert services.notices_deliver().sent == 0
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        retry = services.notices_deliver()
    assert retry.sent == 1
    assert recipients() == ["fel@example.se", "ok1@example.se", "ok2@example.se"]
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 3


def test_after_the_last_try_a_notice_is_marked_failed(settings):
    settings.SUBSCRIPTIONS_MAX_ATTEMPTS = 3
    SubscriberFactory(confirmed=True, email="fel@example.se")
    services.article_fan_out(article_id=ArticleFactory().pk)
    backend = RefusingBackend(refuse={"fel@example.se"})
    now = timezone.now()
    for hours in (0, 1, 3, 10):
        with time_machine.travel(now + dt.timedelta(hours=hours)):
            services.notices_deliver(connection=backend)
    notice = Notice.objects.get()
    assert notice.status == NoticeStatus.FAILED
    assert notice.attempts == 3
    assert mail.outbox == []


def test_a_notice_claimed_by_a_dead_worker_is_sent_after_its_lease_and_only_then(settings):
    settings.SUBSCRIPTIONS_CLAIM_LEASE = dt.timedelta(minutes=15)
    SubscriberFactory(confirmed=True, email="a@example.se")
    services.article_fan_out(article_id=ArticleFactory().pk)
    claimed = services.notices_claim(batch_size=10)  # ... and the worker is killed here
    assert len(claimed) == 1

    assert services.notices_deliver().sent == 0
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert services.notices_deliver().sent == 1
    assert recipients() == ["a@example.se"]


def test_one_connection_is_opened_for_a_whole_batch(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    opened = []
    monkeypatch.setattr(EmailBackend, "open", lambda self: opened.append(self) or True)
    for _ in range(5):
        SubscriberFactory(confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)
    backend = EmailBackend()
    services.notices_deliver(connection=backend, batch_size=2)
    assert len(mail.outbox) == 5
    assert opened == [backend]


def test_weekly_summary_lists_the_weeks_articles_in_the_subscribers_topics():
    followed, other = TopicFactory(), TopicFactory()
    SubscriberFactory(confirmed=True, weekly=True, email="vecka@example.se", topics=[followed])
    SubscriberFactory(confirmed=True, weekly=True, email="inget@example.se", topics=[other])
    SubscriberFactory(confirmed=True, email="direkt@example.se")
    monday = dt.date(2026, 3, 2)
    with time_machine.travel(dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC)):
        ArticleFactory(title="Veckans nyhet", topics=[followed], publish_at=timezone.now())
    with time_machine.travel(dt.datetime(2026, 2, 25, 10, tzinfo=dt.UTC)):
        ArticleFactory(title="Förra veckans nyhet", topics=[followed], publish_at=timezone.now())
    with time_machine.travel(dt.datetime(2026, 3, 9, 7, tzinfo=dt.UTC)):
        services.digest_fan_out(week=monday)
        services.digest_fan_out(week=monday)  # a second run adds nothing
        services.notices_deliver()
    assert recipients() == ["vecka@example.se"]
    message = mail.outbox[0]
    assert "vecka 10" in message.subject
    assert "Veckans nyhet" in message.body
    assert "Förra veckans nyhet" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
