"""For crawlers: ``/sitemap.xml`` (exactly what the public may see) and ``/robots.txt``.

``/sitemap.xml`` is a sitemap index. Its sections hold at most ``SECTION_SIZE`` addresses:
``sitemap-sidor-1.xml`` (the fixed pages), ``sitemap-amnen-N.xml`` and ``sitemap-nyheter-N.xml``,
where section N holds the published items whose id lies in the N-th block of ``SECTION_SIZE``
ids. So a section keeps its addresses as content grows, its ``lastmod`` in the index changes
only when one of its own items does, and each section is one ``values_list()`` query over an
id range written straight to XML (no template, no URL reversal per item). The index is one
grouped query per content type. Responses carry an ``ETag`` (304 to a conditional request) and
are kept by the page cache until content changes.
"""

import datetime as dt
from html import escape
from urllib.parse import urlsplit

from django.db import connection
from django.db.models import F, Max, Min
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.models import Article
from topics.models import Topic
from vastkom.core.publishing import SITEMAP_BLOCK, Status
from vastkom.core.siteurl import site_url
from vastkom.site.models import AccessibilityStatement

SECTION_SIZE = SITEMAP_BLOCK
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def site_root() -> str:
    """Locations on ``SITE_URL`` (the canonical address), not whatever host the request used."""
    parts = urlsplit(site_url())
    return escape(f"{parts.scheme or 'https'}://{parts.netloc}", quote=False)


def w3c_date(value: dt.datetime | dt.date | None) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat() if value else ""


class ContentSection:
    """Published items of one model, in blocks of ``SECTION_SIZE`` ids."""

    def __init__(self, name: str, model, url_name: str):
        self.name, self.model, self.url_name = name, model, url_name

    def pages(self) -> list[tuple[int, dt.datetime]]:
        """(section number, latest change) of every non-empty block.

        On PostgreSQL two small queries however large the table: the lowest and highest id,
        then one probe per block of the index on (id / block, updated_at) that
        ``publishing_indexes`` makes. Elsewhere one grouped query.
        """
        published = self.model.objects.published().order_by()
        if SECTION_SIZE != SITEMAP_BLOCK or connection.vendor != "postgresql":
            rows = (
                published.annotate(block=F("id") / SECTION_SIZE)
                .values("block")
                .annotate(last=Max("updated_at"))
                .order_by("block")
                .values_list("block", "last")
            )
            return [(block + 1, last) for block, last in rows]
        bounds = published.aggregate(low=Min("id"), high=Max("id"))
        if bounds["low"] is None:
            return []
        # The publishing rule of published() (vastkom.core.publishing.published_q), written out
        # for the probe; tests/vastkom/test_sitemap.py holds the two together.
        table = connection.ops.quote_name(self.model._meta.db_table)
        sql = f"""
            SELECT block.n, (
                SELECT item.updated_at FROM {table} item
                WHERE (item.id / {int(SITEMAP_BLOCK)}) = block.n AND item.status = %s
                  AND item.publish_at <= %s AND (item.unpublish_at IS NULL OR item.unpublish_at > %s)
                ORDER BY item.updated_at DESC LIMIT 1
            )
            FROM generate_series(%s, %s) AS block(n)
        """  # noqa: S608 (the table name is quoted, the block size our integer)
        now = timezone.now()
        params = [Status.PUBLISHED, now, now, bounds["low"] // SITEMAP_BLOCK, bounds["high"] // SITEMAP_BLOCK]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(block + 1, last) for block, last in cursor.fetchall() if last is not None]

    def entries(self, page: int) -> list[tuple[str, dt.date]]:
        """(path, lastmod) of one block: one query (the local date made by the database), the
        URLs built from one reversal."""
        prefix, suffix = reverse(self.url_name, kwargs={"slug": "SLUG"}).split("SLUG")
        rows = (
            self.model.objects.published()
            .filter(id__gte=(page - 1) * SECTION_SIZE, id__lt=page * SECTION_SIZE)
            .order_by("id")
            .values_list("slug", TruncDate("updated_at"))
        )
        return [(f"{prefix}{escape(slug, quote=False)}{suffix}", day) for slug, day in rows]


class FixedSection:
    """The home page, the news archive, the topic index and the accessibility statement."""

    name = "sidor"

    def entries(self, page: int, *, latest_article=None, latest_topic=None) -> list[tuple[str, dt.datetime]]:
        if page != 1:
            return []
        if latest_article is None:
            latest_article = _latest(SECTIONS["nyheter"])
        if latest_topic is None:
            latest_topic = _latest(SECTIONS["amnen"])
        statement = AccessibilityStatement.objects.order_by("pk").values_list("updated_at", flat=True).first()
        return [
            (reverse("home"), latest_article),
            (reverse("articles:list"), latest_article),
            (reverse("topics:index"), latest_topic),
            (reverse("accessibility-statement"), statement or latest_article),
        ]


def _latest(section: ContentSection):
    """The latest change of any published item: the latest of its sections (no table scan)."""
    return max((last for _page, last in section.pages()), default=None)


SECTIONS = {
    "nyheter": ContentSection("nyheter", Article, "articles:detail"),
    "amnen": ContentSection("amnen", Topic, "topics:detail"),
}
FIXED = FixedSection()
CHANGEFREQ = {"sidor": "daily", "nyheter": "monthly", "amnen": "monthly"}


def _xml_response(body: str) -> HttpResponse:
    # No Last-Modified: an item that expires or is deleted changes a section without moving
    # its latest date. The ETag (the page cache's, from the bytes) is exact.
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_GET
def sitemap_index(request):
    root = site_root()
    listed = []  # (location, lastmod)
    latest = {}
    for name, section in SECTIONS.items():
        pages = section.pages()
        latest[name] = max((last for _page, last in pages), default=None)
        listed += [(reverse("sitemap-section", kwargs={"section": name, "page": p}), last) for p, last in pages]
    fixed = FIXED.entries(1, latest_article=latest["nyheter"], latest_topic=latest["amnen"])
    fixed_last = max((last for _loc, last in fixed if last), default=None)
    listed.insert(0, (reverse("sitemap-section", kwargs={"section": FIXED.name, "page": 1}), fixed_last))
    parts = [XML_HEAD, f"<sitemapindex {NS}>\n"]
    for loc, last in listed:
        lastmod = f"<lastmod>{w3c_date(last)}</lastmod>" if last else ""
        parts.append(f"<sitemap><loc>{root}{loc}</loc>{lastmod}</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return _xml_response("".join(parts))


@require_GET
def sitemap_section(request, section: str, page: int):
    if section == FIXED.name:
        entries = FIXED.entries(page)
    elif section in SECTIONS:
        entries = SECTIONS[section].entries(page)
    else:
        raise Http404
    if not entries:
        raise Http404
    root, changefreq = site_root(), CHANGEFREQ[section]
    parts = [XML_HEAD, f"<urlset {NS}>\n"]
    for loc, last in entries:
        lastmod = f"<lastmod>{w3c_date(last)}</lastmod>" if last else ""
        parts.append(f"<url><loc>{root}{loc}</loc>{lastmod}<changefreq>{changefreq}</changefreq></url>\n")
    parts.append("</urlset>\n")
    return _xml_response("".join(parts))


# Crawlers stay out of the editors' workplace, the search results and the personal links of
# the subscription flows (which also say noindex). The sign-up page and the form that mails a
# lost link may be found: "Allow" with "$" (RFC 9309) keeps /prenumeration/avsluta/ itself open.
ROBOTS_DISALLOW = [
    "/admin/",
    "/ckeditor/",
    "/sok/",
    "/prenumeration/bekrafta/",
    "/prenumeration/hantera/",
    "/prenumeration/radera/",
    "/prenumeration/avsluta/",
]
ROBOTS_ALLOW = ["/prenumeration/avsluta/$"]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Allow: {path}" for path in ROBOTS_ALLOW),
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "",
    ]
    lines.append(f"Sitemap: {site_url()}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
