"""The subscription service's knobs, with defaults; each may be overridden in settings."""

import datetime as dt

from django.conf import settings


def _get(name, default):
    return getattr(settings, name, default)


def confirm_max_age() -> dt.timedelta:
    """How long a confirmation link works."""
    return _get("SUBSCRIPTIONS_CONFIRM_MAX_AGE", dt.timedelta(days=7))


def pending_retention() -> dt.timedelta:
    """Unconfirmed sign-ups older than this are deleted (``manage.py subscriptions_purge``)."""
    return _get("SUBSCRIPTIONS_PENDING_RETENTION", dt.timedelta(days=10))


def notice_window() -> dt.timedelta:
    """Only articles first published this recently are sent out; older ones never re-notify."""
    return _get("SUBSCRIPTIONS_NOTICE_WINDOW", dt.timedelta(days=3))


def max_attempts() -> int:
    return _get("SUBSCRIPTIONS_MAX_ATTEMPTS", 5)


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off after the ``attempts``-th failed try: 5 min, 20 min, 80 min, 5 h 20 min."""
    base = _get("SUBSCRIPTIONS_RETRY_BASE", dt.timedelta(minutes=5))
    return base * (4 ** max(attempts - 1, 0))


def claim_lease() -> dt.timedelta:
    """A claimed notice not marked sent within this time is taken to be from a dead worker."""
    return _get("SUBSCRIPTIONS_CLAIM_LEASE", dt.timedelta(minutes=15))


def rate_limits() -> dict:
    """Requests per hour and scope ("subscribe", "manage-link") by one IP or for one address."""
    return _get("SUBSCRIPTIONS_RATE_LIMITS", {"ip": 20, "address": 3, "window_seconds": 3600})
