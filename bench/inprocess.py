"""Pages timed inside one process (page cache off): p50 and p95 of the whole response, and the
CPU time of this process per request, for the search page and the sitemap among others.

Wall times include PostgreSQL; on a busy machine they grow with its load, the CPU times much
less. "CPU ms" is this process; "DB CPU ms" is the PostgreSQL backend serving its connection
(read from ``/proc`` when the server runs on this machine and we may read it, else "–"), so
the two together are what a request costs the machine. The first line is the floor
(``/__floor__/article/``, ``bench/urls.py``: the article page's bytes from memory through every
middleware); "floors" is a page's CPU and DB CPU in floors, so 0.10 of the floor in
``bench/pages.py`` needs about 10 or fewer. Run by ``bench/pages.py`` against its
database; alone (after ``manage.py collectstatic`` with ``DJANGO_DEBUG=0``), with production
settings and a persistent connection as in ``bench/pages.py`` unless the environment says
otherwise:

    DATABASE_URL=postgres://…/vastkom_bench .venv/bin/python bench/inprocess.py \\
      [--only search|sitemap|pages] [--extra /amnen/amne-30/ …]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vastkom.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "inprocess-only-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
os.environ.setdefault("DATABASE_CONN_HEALTH_CHECKS", "1")
os.environ["DJANGO_PAGE_CACHE"] = "0"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

FLOOR = "/__floor__/article/"
FLOOR_SOURCE = "/nyheter/nyhet-10/"

GROUPS = {
    "search": [
        "/sok/?q=kommun",
        "/sok/?q=region",
        "/sok/?q=v%C3%A5rd",
        "/sok/?q=%22psykisk+h%C3%A4lsa%22",
        "/sok/?q=skola+-f%C3%B6rskola",
        "/sok/?q=zeppelinare",
        "/sok/?q=kommun&page=50",
    ],
    "sitemap": ["/sitemap.xml", "/sitemap-sidor-1.xml", "/sitemap-amnen-1.xml", "/sitemap-nyheter-1.xml"],
    "pages": [
        "/",
        "/nyheter/",
        "/nyheter/?page=200",
        "/nyheter/?amne=amne-30",
        "/nyheter/nyhet-10/",
        "/amnen/amne-0/",
        "/amnen/amne-30/",
        "/nyheter/rss/",
    ],
}


def backend_cpu_seconds() -> float | None:
    """CPU seconds (user + system) the PostgreSQL backend of this connection has used so far."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--only", choices=sorted(GROUPS))
    parser.add_argument("--extra", nargs="*", default=[], help="more URLs to time")
    args = parser.parse_args()
    client = Client()
    urls = [u for name, group in GROUPS.items() if args.only in (None, name) for u in group] + args.extra
    with tempfile.TemporaryDirectory() as tmp, override_settings(ROOT_URLCONF="bench.urls"):
        (Path(tmp) / "article.html").write_bytes(client.get(FLOOR_SOURCE).content)
        os.environ["BENCH_FLOOR_DIR"] = tmp
        print(f"\nin-process, page cache off, {args.repeat} requests each")
        print(f"{'url':<36} {'result':>24} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms':>7} {'DB CPU ms':>9} {'floors':>6}")
        floor_cpu = None
        for url in [FLOOR, *urls]:
            floor_cpu = time_url(client, url, args.repeat, floor_cpu)


def time_url(client, url, repeat, floor_cpu):
    """Print one row; returns the floor's CPU ms when ``url`` is the floor, else ``floor_cpu``."""
    response = client.get(url)
    body = response.content.decode()
    result = f"{response.status_code} {len(response.content) // 1024} KB"
    if 'class="result-count" role="status">' in body:
        result = body.split('class="result-count" role="status">')[1].split("<")[0]
    timings = []
    db_started = backend_cpu_seconds()
    cpu_started = time.process_time()
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_started) / repeat * 1000
    db_ended = backend_cpu_seconds()
    db_cpu = None if db_started is None or db_ended is None else (db_ended - db_started) / repeat * 1000
    db = "–" if db_cpu is None else f"{db_cpu:.2f}"
    floors = "" if not floor_cpu else f"{(cpu + (db_cpu or 0)) / floor_cpu:.1f}"
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{url[:36]:<36} {result[:24]:>24} {statistics.median(timings):>7.1f} {p95:>7.1f} {cpu:>7.2f} {db:>9}"
        f" {floors:>6}"
    )
    return cpu if url == FLOOR else floor_cpu


if __name__ == "__main__":
    main()
