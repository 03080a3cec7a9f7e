"""Counters every app process shares, incremented atomically (rate limits, lock-outs).

``counter_hit(key=..., window_seconds=...)`` adds one to a fixed-window counter and returns
the new count. The first hit opens the window; when it has passed, the next hit starts again
at 1. Where the count lives follows ``caches["shared"]``:

* Redis (``REDIS_URL`` set): ``SET NX EX`` and ``INCR`` in one ``MULTI`` block, so the key
  always has its expiry and two processes never read the same count.
* anything else (the database cache table by default): one ``INSERT ... ON CONFLICT DO
  UPDATE ... RETURNING`` on the table of ``SharedCounter``. Django's ``DatabaseCache.incr``
  is a read and a write, so two app processes could both read 19 and both let a 20th
  request through; the upsert is one statement the database serialises per key.
"""

import datetime as dt
import random

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SHARED_CACHE = "shared"
PRUNE_ONE_IN = 200  # on about one hit in this many, expired rows are deleted


class SharedCounter(models.Model):
    """One fixed-window counter (a rate limit's count for one IP or address)."""

    key = models.CharField(_("nyckel"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("antal"), default=0)
    expires_at = models.DateTimeField(_("gäller till"), db_index=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("delad räknare")
        verbose_name_plural = _("delade räknare")

    def __str__(self):
        return f"{self.key}: {self.count}"


def _redis_hit(cache: RedisCache, key: str, window_seconds: int) -> int:
    full_key = cache.make_and_validate_key(key)
    client = cache._cache.get_client(full_key, write=True)
    with client.pipeline(transaction=True) as pipe:
        pipe.set(full_key, 0, ex=window_seconds, nx=True)
        pipe.incr(full_key)
        _, count = pipe.execute()
    return int(count)


def _database_hit(key: str, window_seconds: int) -> int:
    now = timezone.now()
    table = connection.ops.quote_name(SharedCounter._meta.db_table)
    # now/expiry are parameters (not the database's clock) so tests can move time.
    sql = (
        f"INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "
        f"ON CONFLICT (key) DO UPDATE SET "
        f"count = CASE WHEN {table}.expires_at <= %s THEN 1 ELSE {table}.count + 1 END, "
        f"expires_at = CASE WHEN {table}.expires_at <= %s THEN excluded.expires_at ELSE {table}.expires_at END "
        f"RETURNING count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, now + dt.timedelta(seconds=window_seconds), now, now])
        (count,) = cursor.fetchone()
    if random.randrange(PRUNE_ONE_IN) == 0:  # noqa: S311 - not security, just housekeeping
        SharedCounter.objects.filter(expires_at__lt=now).delete()
    return int(count)


def counter_hit(*, key: str, window_seconds: int) -> int:
    """Count one event under ``key``; the number of events in the current window."""
    cache = caches[SHARED_CACHE]
    if isinstance(cache, RedisCache):
        return _redis_hit(cache, key, window_seconds)
    return _database_hit(key[:200], window_seconds)
