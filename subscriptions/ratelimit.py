"""Requests per IP and per address, counted in Django's cache (Redis when ``REDIS_URL`` is set,
so every app server shares the counts). Addresses are keyed by a keyed hash, never in clear."""

from django.core.cache import cache

from subscriptions import conf
from subscriptions.privacy import email_digest


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one request; True while the count is within ``limit``."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


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


def client_ip(request) -> str:
    """The visitor's IP: the last entry of the configured proxy header (the one our proxy added)."""
    value = request.META.get(conf.client_ip_header(), "") or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip() or "unknown"
