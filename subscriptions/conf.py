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
    """A claim not renewed within this time is free to take (the claimant renews it while it works).

    A worker's claims come free sooner: as soon as the worker is known to be dead
    (``vastkom.core.workers``). The lease is for claimants without a heartbeat (cron).
    """
    return _get("SUBSCRIPTIONS_CLAIM_LEASE", dt.timedelta(minutes=2))


def server_retry_delay() -> dt.timedelta:
    """When the mail server is unreachable, the whole delivery tries again after this long.

    Not counted against each notice's attempts: a server outage is no notice's fault.
    """
    return _get("SUBSCRIPTIONS_SERVER_RETRY", dt.timedelta(seconds=30))


def account_retry_delay(attempts: int) -> dt.timedelta:
    """Back-off of a failed confirmation or personal-link e-mail: 1, 4, 16, 64 minutes."""
    base = _get("SUBSCRIPTIONS_ACCOUNT_RETRY_BASE", dt.timedelta(minutes=1))
    return base * (4 ** max(attempts - 1, 0))


def database_patience() -> float:
    """Seconds delivery waits for an unreachable database before it gives up the run."""
    return _get("SUBSCRIPTIONS_DATABASE_PATIENCE", 300.0)


def rate_limits() -> dict:
    """Requests per hour and scope ("subscribe", "manage-link") by one IP or for one address."""
    return _get("SUBSCRIPTIONS_RATE_LIMITS", {"ip": 20, "address": 3, "window_seconds": 3600})
