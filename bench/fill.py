"""Fill the benchmark database: topics in a tree, contacts, and many articles (some with images).

Run by ``bench/pages.py`` with ``DATABASE_URL`` set to the benchmark's own database:

    python bench/fill.py --articles 10000 [--topics 200] [--contacts 50]
    python bench/fill.py --add-articles 90000      # grow to 100,000 for the sitemap and archive

Rows are written with ``bulk_create`` and the search vectors with one SQL ``UPDATE`` (the
same weights as ``SearchableMixin``); the page cache is told afterwards.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vastkom.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from articles.models import Article  # noqa: E402
from topics.models import ContactPerson, Topic  # noqa: E402
from vastkom.core import pagecache  # noqa: E402
from vastkom.core.publishing import Status  # noqa: E402
from vastkom.site.models import AccessibilityStatement  # noqa: E402

SUBJECTS = (
    "vård omsorg äldreomsorg hemsjukvård skola förskola elever lärare digitalisering kompetens "
    "försörjning budget ekonomi rapport konferens politiker styrelse beslut avtal överenskommelse barn unga "
    "psykisk hälsa socialtjänst kultur fritid miljö klimat trafik kollektivtrafik bostäder planering "
    "integration arbetsmarknad näringsliv turism idrott bibliotek folkhälsa läkemedel"
).split()
COMMON = "och att det som en på är för med till av den inte om har de ett vi men ska kan så nu".split()
# In nearly every article: the words readers search for most ("kommun", "region").
BROAD = ["kommunerna", "regionen", "kommun", "region"]
RARE_WORD = "zeppelinare"  # in a handful of articles: the rare search
IMAGE_EVERY = 10  # every tenth article has a main image


def sentence(rng, subjects, n):
    words = [rng.choice(subjects) if rng.random() < 0.25 else rng.choice(COMMON) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def fill_topics(rng, count, contacts):
    now = timezone.now()
    roots = max(1, count // 10)
    children = (count - roots) * 2 // 3
    topics = []
    for i in range(count):
        subjects = rng.sample(SUBJECTS, 2)
        topics.append(
            Topic(
                title=f"{sentence(rng, subjects, 3)[:-1]} {i}",
                slug=f"amne-{i}",
                intro=sentence(rng, subjects, 20),
                body="".join(f"<p>{sentence(rng, subjects, 40)}</p>" for _ in range(4)),
                status=Status.PUBLISHED,
                publish_at=now - timezone.timedelta(days=400),
                published_at=now - timezone.timedelta(days=400),
                updated_at=now - timezone.timedelta(days=rng.randint(1, 300)),
                order=i,
                show_in_menu=i < 8,
            )
        )
    Topic.objects.bulk_create(topics, batch_size=1000)
    topics = list(Topic.objects.order_by("order"))
    for i, topic in enumerate(topics):
        if i >= roots:
            parent_range = topics[:roots] if i < roots + children else topics[roots : roots + children]
            topic.parent = rng.choice(parent_range)
    Topic.objects.bulk_update(topics, ["parent"], batch_size=1000)
    through = Topic.contacts.through
    through.objects.bulk_create(
        [through(topic_id=t.pk, contactperson_id=c.pk) for t in topics for c in rng.sample(contacts, 2)]
    )
    related = Topic.related_topics.through
    related.objects.bulk_create(
        [related(from_topic_id=t.pk, to_topic_id=o.pk) for t in topics for o in rng.sample(topics, 3) if o.pk != t.pk]
    )
    return topics


def image_template():
    """One article saved the ordinary way: a real JPEG and its renditions, for the others to share."""
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (0, 79, 113)).save(buffer, "JPEG", quality=80)
    article = Article(
        title="Bild",
        slug="bench-bildmall",
        lead="Mall för bilder.",
        status=Status.DRAFT,
        image=SimpleUploadedFile("konferens.jpg", buffer.getvalue(), content_type="image/jpeg"),
        image_alt="Talare på en konferens.",
        image_caption="Konferensen om nära vård.",
    )
    article.save()
    article.refresh_from_db()
    return article


def fill_articles(rng, count, start, topics, contacts, image):
    now = timezone.now()
    rows = []
    for i in range(start, start + count):
        subjects = rng.sample(SUBJECTS, 3)
        broad = [w for w in BROAD if rng.random() < 0.97]
        body = "".join(f"<p>{sentence(rng, subjects, 40)}</p>" for _ in range(6))
        body += f"<p>{' '.join(broad)} samverkar.</p>"
        if i % 2000 == 7:
            body += f"<p>En {RARE_WORD} flög över Göteborg.</p>"
        when = now - timezone.timedelta(minutes=30 * i + 1)
        article = Article(
            title=sentence(rng, subjects, 6)[:-1],
            slug=f"nyhet-{i}",
            lead=sentence(rng, subjects, 25),
            body=body,
            status=Status.PUBLISHED if i % 50 else Status.DRAFT,
            publish_at=when,
            published_at=when,
            updated_at=when,
        )
        if i % IMAGE_EVERY == 0:
            article.image = image.image.name
            article.image_width, article.image_height = image.image_width, image.image_height
            article.image_alt, article.image_caption = image.image_alt, image.image_caption
            article.image_renditions = image.image_renditions
        rows.append(article)
    created = Article.objects.bulk_create(rows, batch_size=2000)
    topic_links, contact_links = [], []
    for article in created:
        for topic in rng.sample(topics, rng.randint(1, 3)):
            topic_links.append(Article.topics.through(article_id=article.pk, topic_id=topic.pk))
        for contact in rng.sample(contacts, rng.randint(0, 2)):
            contact_links.append(Article.contacts.through(article_id=article.pk, contactperson_id=contact.pk))
    Article.topics.through.objects.bulk_create(topic_links, batch_size=5000)
    Article.contacts.through.objects.bulk_create(contact_links, batch_size=5000)


def write_search_vectors():
    with connection.cursor() as cursor:
        for table, lead in (("articles_article", "lead"), ("topics_topic", "intro")):
            cursor.execute(
                f"UPDATE {table} SET search_vector ="  # noqa: S608 (fixed names)
                " setweight(to_tsvector('swedish', title), 'A')"
                f" || setweight(to_tsvector('swedish', {lead}), 'B')"
                " || setweight(to_tsvector('swedish', regexp_replace(body, '<[^>]+>', ' ', 'g')), 'C')"
                " WHERE search_vector IS NULL"
            )
    # As autovacuum leaves a table that has settled (statistics, and the visibility map that lets
    # index-only scans skip the rows), not as a bulk load leaves it a second later.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--topics", type=int, default=200)
    parser.add_argument("--contacts", type=int, default=50)
    parser.add_argument("--add-articles", type=int, default=0, help="add this many to a filled database")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL (DATABASE_URL).")
    rng = random.Random(10)
    started = time.perf_counter()
    with transaction.atomic():
        if args.add_articles:
            topics, contacts = list(Topic.objects.all()), list(ContactPerson.objects.all())
            image = Article.objects.get(slug="bench-bildmall")
            start = Article.objects.filter(slug__startswith="nyhet-").count()
            fill_articles(rng, args.add_articles, start, topics, contacts, image)
        else:
            if Article.objects.exists():
                sys.exit("The database already has articles: give a new database.")
            AccessibilityStatement.load()
            contacts = ContactPerson.objects.bulk_create(
                [
                    ContactPerson(
                        name=f"Kontakt Person {i}",
                        role="Analytiker och projektledare",
                        email=f"kontakt{i}@example.se",
                        phone="031-335 51 99",
                        active=i % 10 != 9,
                    )
                    for i in range(args.contacts)
                ]
            )
            topics = fill_topics(rng, args.topics, contacts)
            fill_articles(rng, args.articles, 0, topics, contacts, image_template())
    write_search_vectors()
    pagecache.content_changed()
    total = Article.objects.count()
    print(f"filled: {total} articles, {Topic.objects.count()} topics in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
