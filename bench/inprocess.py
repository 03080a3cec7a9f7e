"""Pages timed inside one process (page cache off): p50 and p95 of the whole response, and the
CPU time of this process per request, for the search page and the sitemap among others.

Wall times include PostgreSQL; on a busy machine they grow with its load, the CPU times much
less. Run by ``bench/pages.py`` against its database; alone (after ``collectstatic``):

    DATABASE_URL=postgres://…/vastkom_bench DJANGO_DEBUG=0 DJANGO_SECRET_KEY=… \\
      .venv/bin/python bench/inprocess.py [--only search|sitemap|pages]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vastkom.settings")
os.environ["DJANGO_PAGE_CACHE"] = "0"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--only", choices=sorted(GROUPS))
    parser.add_argument("--extra", nargs="*", default=[], help="more URLs to time")
    args = parser.parse_args()
    client = Client()
    urls = [u for name, group in GROUPS.items() if args.only in (None, name) for u in group] + args.extra
    print(f"\nin-process, page cache off, {args.repeat} requests each")
    print(f"{'url':<36} {'result':>24} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms':>7}")
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        result = f"{response.status_code} {len(response.content) // 1024} KB"
        if 'class="result-count" role="status">' in body:
            result = body.split('class="result-count" role="status">')[1].split("<")[0]
        timings = []
        cpu_started = time.process_time()
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        cpu = (time.process_time() - cpu_started) / args.repeat * 1000
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{url[:36]:<36} {result[:24]:>24} {statistics.median(timings):>7.1f} {p95:>7.1f} {cpu:>7.2f}")


if __name__ == "__main__":
    main()
