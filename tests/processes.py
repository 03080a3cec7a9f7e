"""Other processes for tests that need them: a loopback SMTP server, manage.py commands and app
servers against this test run's database. Every process is ended by the test that starts it."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """This test run's database as a DATABASE_URL another process can use."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    password = urllib.parse.quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{s['USER']}:{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def process_env(**extra) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "vastkom.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "SITE_URL": "http://testserver",
        "PYTHONUNBUFFERED": "1",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, log_path, **env) -> subprocess.Popen:
    """``manage.py <args>`` in the background, its output to ``log_path``."""
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process by stop()
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=process_env(**env), stdout=log, stderr=log
    )


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)


def wait_for(condition, timeout: float, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(interval)
    return condition()


class Mailbox:
    """What a loopback SMTP server accepted: recipients counted, safely across threads."""

    def __init__(self, refuse=(), delay: float = 0.0):
        self.lock = threading.Lock()
        self.received: Counter = Counter()
        self.refuse = set(refuse)
        self.delay = delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        with self.lock:
            for address in envelope.rcpt_tos:
                self.received[address] += 1
        return "250 OK"

    @property
    def distinct(self) -> int:
        with self.lock:
            return len(self.received)

    @property
    def duplicates(self) -> int:
        with self.lock:
            return sum(n - 1 for n in self.received.values())


@contextmanager
def smtp_server(mailbox: Mailbox):
    """An aiosmtpd server on a free loopback port; yields the port."""
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def mail_env(port: int) -> dict:
    return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, "EMAIL_USE_TLS": "0"}


class Visitor:
    """A minimal HTTP client with its own cookie jar (shared by threads; values do not change)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        import http.client
        import urllib.parse

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        send = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        if self.cookies:
            send["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
        if body is not None:
            send["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body, send)
            response = conn.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return response.status, content

    def csrf_token(self, port: int, path: str) -> str:
        import re

        status, content = self.request(port, "GET", path)
        assert status == 200, content[:500]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)


@contextmanager
def app_servers(count: int, log_dir: Path, **env):
    """``count`` gunicorn processes (one worker, four threads each) on loopback ports, all on this
    test run's database, as production runs several app servers. Yields their ports."""
    processes, ports = [], []
    try:
        for i in range(count):
            port = free_port()
            log = open(log_dir / f"app{i}.log", "ab")  # noqa: SIM115 - closed when the process ends
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "vastkom.wsgi", "--bind", f"127.0.0.1:{port}",
                     "--workers", "1", "--threads", "4", "--log-level", "warning"],
                    cwd=BASE_DIR, stdout=log, stderr=log,
                    env=process_env(DJANGO_TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", **env),
                )
            )  # fmt: skip
            ports.append(port)
        for port, process in zip(ports, processes, strict=True):

            def ready(port=port, process=process):
                assert process.poll() is None, (log_dir / "app0.log").read_text()
                try:
                    return Visitor().request(port, "GET", "/healthz")[0] == 200
                except OSError:
                    return False

            assert wait_for(ready, 60, interval=0.2), f"app server on {port} did not start"
        yield ports
    finally:
        for process in processes:
            stop(process)
