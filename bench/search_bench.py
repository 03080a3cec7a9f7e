"""Search speed with 10,000 articles: prints the time of each query and the plan.

Run against a PostgreSQL database you may fill (it adds rows with slugs ``bench-*`` and
removes them afterwards unless ``--keep``):

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/vastkom_bench \\
      DJANGO_DEBUG=1 .venv/bin/python bench/search_bench.py

Speed is shown here, not by timed tests.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vastkom.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article  # noqa: E402
from vastkom.core.pagination import CappedPaginator  # noqa: E402
from vastkom.core.publishing import Status  # noqa: E402
from vastkom.core.searchindex import update_search_vector  # noqa: E402
from vastkom.site.search import RESULTS_PER_PAGE, SearchResults  # noqa: E402

# Each article is about three of these subjects (so a subject word is in about 6 % of them),
# written with common words around them; "kommun" is in about a third of them (a broad query).
SUBJECTS = (
    "vård omsorg äldreomsorg hemsjukvård skola förskola elever lärare region digitalisering kompetens "
    "försörjning budget ekonomi rapport konferens politiker styrelse beslut avtal överenskommelse barn unga "
    "psykisk hälsa socialtjänst kultur fritid miljö klimat trafik kollektivtrafik bostäder planering "
    "integration arbetsmarknad näringsliv turism idrott bibliotek folkhälsa läkemedel"
).split()
COMMON = "och att det som en på är för med till av den inte om har de ett vi men ska kan så nu".split()
QUERIES = ["vården", "kommunernas", '"psykisk hälsa"', "digitalisering -skola", "bibliotek klimat", "zebra"]


def sentence(rng, subjects, n):
    words = [rng.choice(subjects) if rng.random() < 0.25 else rng.choice(COMMON) for _ in range(n)]
    if rng.random() < 0.05:
        words.append("kommunerna")
    return " ".join(words).capitalize() + "."


def fill(count):
    rng = random.Random(4)
    now = timezone.now()
    rows = []
    for i in range(count):
        subjects = rng.sample(SUBJECTS, 3)
        rows.append(
            Article(
                title=sentence(rng, subjects, 6)[:-1],
                slug=f"bench-{i}",
                lead=sentence(rng, subjects, 25),
                body="".join(f"<p>{sentence(rng, subjects, 40)}</p>" for _ in range(6)),
                status=Status.PUBLISHED if i % 10 else Status.DRAFT,
                publish_at=now - timezone.timedelta(minutes=i),
                published_at=now - timezone.timedelta(minutes=i),
            )
        )
    started = time.perf_counter()
    with transaction.atomic():
        Article.objects.bulk_create(rows, batch_size=1000)
        for article in Article.objects.filter(slug__startswith="bench-").only("pk", "title", "lead", "body"):
            update_search_vector(article, Article.SEARCH_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    print(f"filled {count} articles with vectors in {time.perf_counter() - started:.1f} s")


def measure(query, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        results = SearchResults(query)
        page = CappedPaginator(results.ranked(), RESULTS_PER_PAGE, counter=results.count).get_page(1)
        hits = results.hits(list(page.object_list))
        timings.append((time.perf_counter() - started) * 1000)
    return page.paginator.count, len(hits), statistics.median(timings), max(timings)


def remove_bench_rows():
    # Raw SQL: the bench rows have no relations, and other apps' tables need not exist yet.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_article WHERE slug LIKE 'bench-%%'")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="leave the bench-* rows in the database")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL (set DATABASE_URL).")
    call_command("migrate", verbosity=0)
    remove_bench_rows()
    fill(args.articles)
    try:
        print(f"{'query':<26} {'hits':>6} {'shown':>6} {'median ms':>10} {'max ms':>8}")
        for query in QUERIES:
            count, shown, median, worst = measure(query, args.repeat)
            print(f"{query:<26} {count:>6} {shown:>6} {median:>10.1f} {worst:>8.1f}")
        sql, params = SearchResults("bibliotek")._matching("article").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print("plan of the article match:\n" + plan)
    finally:
        if not args.keep:
            remove_bench_rows()


if __name__ == "__main__":
    main()
