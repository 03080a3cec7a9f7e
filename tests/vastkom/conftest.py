"""Redis for the tests of the ``REDIS_URL`` setup (``make test`` starts one: scripts/test-redis.sh)."""

import os
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means no Redis here
        return False
    return True


@pytest.fixture
def redis_caches():
    """settings.CACHES as REDIS_URL makes them, under a key prefix of this test's own."""
    if not redis_available():
        pytest.skip(f"no Redis at {REDIS_URL} (make test starts one: scripts/test-redis.sh)")
    import redis

    prefix = f"vastkom-test-{uuid.uuid4().hex}"
    cache = {"BACKEND": "vastkom.core.rediscache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": cache, "shared": cache}):
        yield prefix
        caches["shared"].close()
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    assert not list(client.scan_iter(f"{prefix}:*"))
