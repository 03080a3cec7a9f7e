"""The whole search results page in-process (page cache off): p50 and p95 per query.

Run by ``bench/pages.py`` against its database; alone:

    DATABASE_URL=postgres://…/vastkom_bench DJANGO_DEBUG=0 DJANGO_SECRET_KEY=… \\
      DJANGO_ALLOWED_HOSTS=testserver .venv/bin/python bench/search_page.py
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

QUERIES = [
    ("kommun", {}),
    ("region", {}),
    ("vård", {}),
    ('"psykisk hälsa"', {}),
    ("skola -förskola", {}),
    ("zeppelinare", {}),
    ("kommun", {"page": "50"}),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    client = Client()
    print("\nsearch results page in-process, page cache off")
    print(f"{'query':<24} {'page':>4} {'hits shown':>28} {'p50 ms':>7} {'p95 ms':>7}")
    for query, extra in QUERIES:
        params = {"q": query, **extra}
        response = client.get("/sok/", params)
        assert response.status_code == 200, response.status_code
        body = response.content.decode()
        count = body.split('class="result-count" role="status">')[1].split("<")[0] if "result-count" in body else "-"
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get("/sok/", params)
            timings.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{query:<24} {extra.get('page', '1'):>4} {count:>28} {statistics.median(timings):>7.1f} {p95:>7.1f}")


if __name__ == "__main__":
    main()
