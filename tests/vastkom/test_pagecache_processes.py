"""Two app server processes, one database: a change is visible on the very next request to each.

Without Redis each server keeps pages in its own local-memory cache and the generation they
are kept under lives in the shared cache (the database table); with ``REDIS_URL`` both live in
Redis. Either way neither server may serve its old copy.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.articles.factories import ArticleFactory
from tests.vastkom.conftest import REDIS_URL

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture(params=["database", "redis"])
def store(request):
    """The servers' caches, and this process's: as REDIS_URL makes them, or without Redis."""
    if request.param == "database":
        return {"REDIS_URL": ""}
    prefix = request.getfixturevalue("redis_caches")
    return {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": prefix}


@pytest.fixture
def two_servers(store):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "1",
        "SITE_URL": "http://testserver",
        **store,
    }
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "vastkom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.read().decode()


def test_a_save_is_seen_by_every_app_server_on_its_next_request(two_servers, store):
    article = ArticleFactory(title="Första versionen")
    path = article.get_absolute_url()
    for server in two_servers:
        assert "Första versionen" in fetch(server + path)
        assert "Första versionen" in fetch(server + path)  # now from that process's cache

    article.title = "Andra versionen"
    article.save()

    for server in two_servers:
        body = fetch(server + path)
        assert "Andra versionen" in body
        assert "Första versionen" not in body

    if store["REDIS_URL"]:  # the servers kept their pages in Redis, under the test's prefix
        import redis

        assert list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{store['DJANGO_CACHE_KEY_PREFIX']}:*pagecache:page:*"))
