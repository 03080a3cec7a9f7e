"""Production runs several app processes: the login lock-out and the rate limits hold across them.

Two gunicorn processes on loopback ports share this test run's PostgreSQL database (and, in the
Redis case, a Redis under a key prefix of the test's own), and concurrent requests alternate
between them. Slow-ish (a few seconds each), so there are few of these.
"""

import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from subscriptions.models import Subscriber
from tests.processes import Visitor, app_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "rätt-lösenord-för-test-9"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_a_lock_out_earned_on_one_app_server_holds_on_the_other(django_user_model, tmp_path, settings):
    django_user_model.objects.create_user(username="anna", password=PASSWORD, is_staff=True)
    with app_servers(2, tmp_path) as (first, second):
        visitor = Visitor()
        token = visitor.csrf_token(first, "/admin/login/")

        def log_in(port, password):
            form = {"username": "anna", "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
            return visitor.request(port, "POST", "/admin/login/?next=/admin/", form)

        failures = [log_in((first, second)[i % 2], "fel")[0] for i in range(settings.AXES_FAILURE_LIMIT)]
        status, page = log_in(second, PASSWORD)
        other_status, _ = log_in(first, PASSWORD)

    assert failures == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert status == 429 and other_status == 429
    assert "För många misslyckade inloggningar" in page


def redis_env():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means no Redis here
        pytest.skip(f"no Redis at {REDIS_URL} (make test starts one: scripts/test-redis.sh)")
    return {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": f"vastkom-test-{uuid.uuid4().hex}"}


@pytest.mark.parametrize("store", ["database", "redis"])
def test_rate_limits_hold_exactly_across_app_servers_under_concurrent_requests(store, tmp_path):
    env = {"DJANGO_TRUSTED_PROXIES": "1"}
    if store == "redis":
        env |= redis_env()
    try:
        with app_servers(2, tmp_path, **env) as ports:
            visitor = Visitor()
            token = visitor.csrf_token(ports[0], "/prenumeration/")

            def sign_up(i, email, forwarded):
                form = {"email": email, "follow": "alla", "frequency": "immediate", "consent": "on"}
                form["csrfmiddlewaretoken"] = token
                headers = {"X-Forwarded-For": forwarded}
                return visitor.request(ports[i % 2], "POST", "/prenumeration/", form, headers)[0]

            with ThreadPoolExecutor(max_workers=8) as pool:
                # One visitor (the proxy saw 203.0.113.7) rotating what it writes in front: 20 of 45.
                one_ip = list(
                    pool.map(lambda i: sign_up(i, f"ip{i}@example.se", f"10.{i}.0.1, 203.0.113.7"), range(45))
                )
                # One address from ten visitors: 3 of 10.
                one_address = list(pool.map(lambda i: sign_up(i, "samma@example.se", f"198.51.100.{i}"), range(10)))
    finally:
        if store == "redis":
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(f"{env['DJANGO_CACHE_KEY_PREFIX']}:*"))
            if keys:
                client.delete(*keys)

    assert sorted(one_ip) == [302] * 20 + [429] * 25
    assert sorted(one_address) == [302] * 3 + [429] * 7
    assert Subscriber.objects.filter(email__startswith="ip").count() == 20
    assert not re.search(r"Traceback|Error 500", "".join(p.read_text() for p in tmp_path.glob("app*.log")))
