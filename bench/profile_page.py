"""Profile one page on the cold path (page cache off, production settings) with cProfile.

    DATABASE_URL=postgres://…/vastkom_bench .venv/bin/python bench/profile_page.py /nyheter/ --repeat 200

Prints the mean time and query count of a request, then the functions that took the time.
Run ``manage.py collectstatic`` once first (production settings use the static manifest).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vastkom.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-only-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_PAGE_CACHE", "0")
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    args = parser.parse_args()
    client = Client()
    response = client.get(args.url)  # warm the process: imports, templates, connection
    assert response.status_code == 200, response.status_code
    timed = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(timer):
        client.get(args.url)
    queries = timed
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        client.get(args.url)
    mean = (time.perf_counter() - started) / args.repeat * 1000
    cpu = (time.process_time() - cpu_started) / args.repeat * 1000
    print(
        f"{args.url}: {mean:.2f} ms a request ({cpu:.2f} ms CPU in this process),"
        f" {len(queries)} queries, {len(response.content)} bytes"
    )
    for ms, sql in queries:
        print(f"  {ms:6.2f} ms  {sql[:150]}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        client.get(args.url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
