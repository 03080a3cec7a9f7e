"""Shared counters are atomic across connections, expire with their window, and work on Redis."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from tests.vastkom.conftest import REDIS_URL
from vastkom.core.counters import SharedCounter, counter_hit


@pytest.mark.django_db
def test_counter_counts_up_and_starts_again_after_its_window():
    assert [counter_hit(key="k", window_seconds=60) for _ in range(3)] == [1, 2, 3]
    assert counter_hit(key="other", window_seconds=60) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert counter_hit(key="k", window_seconds=60) == 1
        assert counter_hit(key="k", window_seconds=60) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_from_many_connections_never_share_a_count():
    """DatabaseCache.incr is a read and a write: two connections could both see 19."""
    counts, errors = [], []
    barrier = threading.Barrier(8)

    def hit():
        try:
            barrier.wait()
            for _ in range(25):
                counts.append(counter_hit(key="race", window_seconds=60))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(counts) == list(range(1, 201))
    assert SharedCounter.objects.get(key="race").count == 200


def test_redis_cache_shares_one_client_and_answers_from_threads(redis_caches):
    """One redis.Redis per pool, not one per call; each thread has its own cache object."""
    shared = caches["shared"]
    assert shared._cache.get_client() is shared._cache.get_client(write=True)
    shared.set("page", b"<html>", 30)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(caches["shared"].get("page")))
    thread.start()
    thread.join(10)
    assert seen == [b"<html>"]
    assert shared.get_many(["page", "missing"]) == {"page": b"<html>"}


@pytest.mark.django_db
def test_counter_on_redis_counts_and_expires(redis_caches):
    import redis

    assert [counter_hit(key="k", window_seconds=30) for _ in range(3)] == [1, 2, 3]
    assert not SharedCounter.objects.exists()  # counted in Redis, not the table
    client = redis.Redis.from_url(REDIS_URL)
    (key,) = client.scan_iter(f"{redis_caches}:*")
    assert 0 < client.ttl(key) <= 30


@pytest.mark.django_db
def test_sign_up_with_redis_configured_answers_and_is_limited(redis_caches, client, settings):
    """REDIS_URL set once answered 500 (No module named 'redis')."""
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 2, "address": 10, "window_seconds": 60}
    statuses = [
        client.post(
            "/prenumeration/",
            {"email": f"r{i}@example.se", "follow": "alla", "frequency": "immediate", "consent": "on"},
        ).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]
