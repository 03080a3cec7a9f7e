"""For crawlers: ``/sitemap.xml`` (exactly what the public may see) and ``/robots.txt``."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.models import Article
from topics.models import Topic
from vastkom.core.siteurl import site_url


class SiteUrlSitemap(Sitemap):
    """Locations on ``SITE_URL`` (the canonical address), not whatever host the request used."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc


class ArticleSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-publish_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Topic.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class FixedPagesSitemap(SiteUrlSitemap):
    """The home page, the news archive, the topic index and the accessibility statement."""

    changefreq = "daily"

    def items(self):
        return ["home", "articles:list", "topics:index", "accessibility-statement"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if item == "accessibility-statement":
            from vastkom.site.models import AccessibilityStatement

            return AccessibilityStatement.load().updated_at
        if item == "topics:index":
            return Topic.objects.published().order_by("-updated_at").values_list("updated_at", flat=True).first()
        return Article.objects.published().order_by("-updated_at").values_list("updated_at", flat=True).first()


SITEMAPS = {"fixed": FixedPagesSitemap, "articles": ArticleSitemap, "topics": TopicSitemap}

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
