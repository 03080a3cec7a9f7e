"""Rate limits count the visitor, not what the visitor writes in X-Forwarded-For."""

import pytest

from subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db


def sign_up(client, email, forwarded):
    return client.post(
        "/prenumeration/",
        {"email": email, "follow": "alla", "frequency": "immediate", "consent": "on"},
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_rotating_forwarded_for_without_a_proxy_does_not_bypass_the_ip_limit(client, settings):
    settings.TRUSTED_PROXIES = 0
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 20, "address": 3, "window_seconds": 3600}
    statuses = [sign_up(client, f"p{i}@example.se", f"203.0.113.{i}").status_code for i in range(25)]
    assert statuses.count(302) == 20
    assert statuses[20:] == [429] * 5
    assert Subscriber.objects.count() == 20


def test_behind_a_proxy_rotating_the_visitors_part_does_not_bypass_the_ip_limit(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 5, "address": 3, "window_seconds": 3600}
    statuses = [sign_up(client, f"q{i}@example.se", f"198.18.0.{i}, 203.0.113.50").status_code for i in range(8)]
    assert statuses == [302] * 5 + [429] * 3


def test_behind_a_proxy_different_visitors_have_their_own_limit(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 1, "address": 3, "window_seconds": 3600}
    statuses = [sign_up(client, f"v{i}@example.se", f"203.0.113.{i}").status_code for i in range(4)]
    assert statuses == [302] * 4


def test_production_defaults_count_remote_addr_not_forwarded_for():
    """Production once took X-Forwarded-For's last entry by default: a client without a proxy
    in front wrote its own and was never limited."""
    from tests.vastkom.test_settings import PRODUCTION, run

    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "from subscriptions.ratelimit import client_ip; "
        "print(client_ip(RequestFactory().get('/', REMOTE_ADDR='198.51.100.7', HTTP_X_FORWARDED_FOR='6.6.6.6')))"
    )
    result = run(["-c", code], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "198.51.100.7"
