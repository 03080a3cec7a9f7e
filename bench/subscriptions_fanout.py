"""Benchmark: fan one article out to N confirmed subscribers through a real SMTP server.

An aiosmtpd server in its own process on 127.0.0.1 (a port in 8101-8199) accepts and
counts the mail; the
fan-out and delivery are the production code paths (``article_fan_out`` then
``notices_deliver``, one worker, one reused SMTP connection). Prints e-mails per second and
the peak memory (tracemalloc: Python allocations; ru_maxrss: the process high-water mark).

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/vastkom_bench \\
        .venv/bin/python bench/subscriptions_fanout.py 2000 20000

It uses its own database (created and dropped by Django's test runner machinery), bounds
its own runtime (``--timeout``, default 240 s in all) and stops by itself. Peak memory
is the process's maximum resident set (``ru_maxrss``) and how much it grew during each run;
``BENCH_TRACEMALLOC=1`` adds Python's own allocation peak (much slower).
"""

import argparse
import os
import resource
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vastkom.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("SITE_URL", "https://www.vastkom.se")
os.environ["DJANGO_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"


def smtp_server(port, count, ready, stop):
    """The mail server, in its own process (as a real one would be): accepts and counts."""
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
            with count.get_lock():
                count.value += 1
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 20000])
    parser.add_argument("--port", type=int, default=8125)
    parser.add_argument("--timeout", type=float, default=240, help="seconds for the whole run")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    # A watchdog: whatever happens, the process ends.
    watchdog = threading.Timer(args.timeout + 30, lambda: os._exit(3))
    watchdog.daemon = True
    watchdog.start()

    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    import multiprocessing

    from django.conf import settings
    from django.core.mail import get_connection
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.EMAIL_BACKEND = "vastkom.core.mail.SMTPBackend"  # what production uses (settings.py)
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", args.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEBUG = False  # no query log growing with the work

    context = multiprocessing.get_context("spawn")
    count, ready, stop = context.Value("l", 0), context.Event(), context.Event()
    server = context.Process(target=smtp_server, args=(args.port, count, ready, stop), daemon=True)
    server.start()
    if not ready.wait(30):
        raise SystemExit("the SMTP server did not start")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    results = []
    try:
        for size in args.sizes:
            if time.monotonic() > deadline:
                print(f"{size}: skipped, out of time")
                continue
            results.append(run(size, count, get_connection, deadline))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        stop.set()
        server.join(10)
        if server.is_alive():
            server.kill()
    tracing = bool(os.environ.get("BENCH_TRACEMALLOC"))
    print()
    print(
        f"{'subscribers':>12} {'sent':>7} {'fan-out s':>9} {'send s':>7} {'e-mails/s':>9} "
        f"{'maxrss MiB':>10} {'growth MiB':>10} {'tracemalloc MiB':>15}"
    )
    for r in results:
        print(
            f"{r['size']:>12} {r['sent']:>7} {r['fan_out']:>9.2f} {r['send']:>7.2f} {r['rate']:>9.0f} "
            f"{r['rss']:>10.1f} {r['growth']:>10.1f} {r['peak'] if tracing else float('nan'):>15.1f}"
        )
    tracing = bool(os.environ.get("BENCH_TRACEMALLOC"))
    ok = all(r["sent"] == r["size"] and r["rate"] >= 300 for r in results)
    print("target (>= 300 e-mails/s, every notice sent):", "met" if ok else "NOT met")


def run(size, count, get_connection, deadline):
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article
    from subscriptions import services
    from subscriptions.models import ConsentMethod, Dispatch, Notice, State, Subscriber
    from vastkom.core.publishing import Status

    Notice.objects.all().delete()
    Dispatch.objects.all().delete()
    Subscriber.objects.all().delete()
    Article.objects.all().delete()
    now = timezone.now()
    batch = []
    for i in range(size):
        batch.append(
            Subscriber(
                email=f"prenumerant{i}@example.se",
                state=State.CONFIRMED,
                confirm_nonce="",
                confirmed_at=now,
                consent_at=now,
                consent_method=ConsentMethod.WEB_FORM,
                consent_version="bench",
            )
        )
        if len(batch) == 5000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    Subscriber.objects.bulk_create(batch)
    article = Article.objects.create(
        title="Nya riktlinjer för hemsjukvård antagna",
        lead="Styrelsen antog i dag nya riktlinjer.",
        status=Status.PUBLISHED,
        publish_at=now,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    count.value = 0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tracemalloc.start() if os.environ.get("BENCH_TRACEMALLOC") else None
    started = time.perf_counter()
    services.article_fan_out(article_id=article.pk)
    fanned = time.perf_counter()
    sent = 0
    while time.monotonic() < deadline:
        report = services.notices_deliver(connection=get_connection(), max_batches=10)
        sent += report.sent
        if report.sent + report.retrying + report.failed + report.cancelled == 0:
            break
    done = time.perf_counter()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "size": size,
        "sent": sent,
        "fan_out": fanned - started,
        "send": done - fanned,
        "rate": sent / (done - started),
        "peak": peak / 2**20,
        "rss": rss,
        "growth": rss - rss_before,
    }
    assert count.value == sent, (count.value, sent)
    print(
        f"{size}: {sent} sent in {done - started:.1f} s ({result['rate']:.0f}/s), "
        f"max RSS {rss:.1f} MiB (+{rss - rss_before:.1f} during the run)",
        flush=True,
    )
    return result


if __name__ == "__main__":
    main()
