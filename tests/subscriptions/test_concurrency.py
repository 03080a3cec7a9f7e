"""On PostgreSQL: fan-out and delivery run twice, and at once from two threads, send each notice once."""

import threading

import pytest
from django.db import connection

from subscriptions import services
from subscriptions.models import Notice, NoticeStatus
from tests.articles.factories import ArticleFactory
from tests.subscriptions.backends import CountingBackend, RefusingBackend
from tests.subscriptions.factories import SubscriberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SUBSCRIBERS = 300


@pytest.fixture
def counting():
    CountingBackend.sent.clear()
    yield CountingBackend.sent
    CountingBackend.sent.clear()


def run_in_threads(target, n=2):
    errors = []
    barrier = threading.Barrier(n)

    def worker():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert not any(t.is_alive() for t in threads)


def test_two_concurrent_fan_outs_and_deliveries_send_each_notice_exactly_once(counting):
    subscribers = SubscriberFactory.create_batch(SUBSCRIBERS, confirmed=True)
    article = ArticleFactory()

    def fan_out_and_deliver():
        services.article_fan_out(article_id=article.pk)
        services.notices_deliver(connection=CountingBackend(), batch_size=20)

    run_in_threads(fan_out_and_deliver)
    fan_out_and_deliver()  # and once more, afterwards

    assert Notice.objects.count() == SUBSCRIBERS
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == SUBSCRIBERS
    assert set(counting) == {s.email for s in subscribers}
    assert set(counting.values()) == {1}


def test_concurrent_deliveries_share_the_work(counting):
    SubscriberFactory.create_batch(SUBSCRIBERS, confirmed=True)
    services.article_fan_out(article_id=ArticleFactory().pk)
    reports = []

    run_in_threads(lambda: reports.append(services.notices_deliver(connection=CountingBackend(), batch_size=10)))

    assert sum(r.sent for r in reports) == SUBSCRIBERS
    assert set(counting.values()) == {1}


def test_concurrent_sign_ups_of_one_address_leave_one_row():
    from subscriptions.models import Subscriber

    run_in_threads(
        lambda: services.subscription_request(
            email="Samma@Example.se", follows_all=True, topics=[], frequency="immediate"
        ),
        n=4,
    )
    assert Subscriber.objects.count() == 1


def test_failures_for_some_subscribers_are_completed_by_a_retry(counting, settings):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    settings.SUBSCRIPTIONS_RETRY_BASE = dt.timedelta(minutes=1)
    subscribers = SubscriberFactory.create_batch(40, confirmed=True)
    refused = {s.email for s in subscribers[::4]}
    services.article_fan_out(article_id=ArticleFactory().pk)

    first = services.notices_deliver(connection=RefusingBackend(refuse=refused))
    assert (first.sent, first.retrying) == (30, 10)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        run_in_threads(lambda: services.notices_deliver(connection=CountingBackend(), batch_size=3))
    assert set(counting) == refused
    assert set(counting.values()) == {1}
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 40
