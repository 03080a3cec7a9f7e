"""Requests per IP and per address, counted where every app process sees the same count
(``vastkom.core.counters``: Redis when ``REDIS_URL`` is set, else a database table, both
atomic). Addresses are keyed by a keyed hash, never in clear; the IP is the visitor's as
``vastkom.core.clientip`` finds it (``X-Forwarded-For`` only from trusted proxies)."""

from subscriptions import conf
from subscriptions.privacy import email_digest
from vastkom.core.clientip import client_ip as visitor_ip
from vastkom.core.counters import counter_hit


def client_ip(request) -> str:
    """The visitor's IP for counting; requests without one share one count."""
    return visitor_ip(request) or "unknown"


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one request; True while the count is within ``limit``."""
    return counter_hit(key=key, window_seconds=window) <= limit


def request_allowed(*, scope: str, ip: str, email: str) -> bool:
    """Whether one more ``scope`` request ("subscribe", "manage-link") may go ahead.

    Both counters move on every request, so an address flooded from many IPs and an IP
    trying many addresses are both stopped.
    """
    limits = conf.rate_limits()
    window = limits["window_seconds"]
    ip_ok = _hit(f"subs:rl:{scope}:ip:{ip}", limits["ip"], window)
    address_ok = _hit(f"subs:rl:{scope}:addr:{email_digest(email)}", limits["address"], window)
    return ip_ok and address_ok
