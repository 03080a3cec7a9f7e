"""RSS: all news (``/nyheter/rss/``) and the news of one topic (``/amnen/<slug>/rss/``).

Items are ``Article.objects.published()`` only, newest first. Every link is on the site's
address (``SITE_URL``, as canonical links and the sitemap), never the host a request named.
Every text in a feed goes through ``text_strip`` on its way out: a row written past ``save()``
(``QuerySet.update``) may still hold a control character, which XML 1.0 cannot carry.
"""

import io

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article
from topics.models import Topic
from vastkom.core.controlchars import single_line, text_strip
from vastkom.core.siteurl import site_url

FEED_ITEMS = 20
# What an item shows: the rest of an article (its text, search vector, editors' fields) stays behind.
ITEM_FIELDS = ("title", "slug", "lead", "published_at", "publish_at", "updated_at")


def xml_safe(values: dict) -> dict:
    """``values`` (a feed's or an item's) with control characters taken out of every text;
    titles on one line."""

    def clean(key, value):
        if isinstance(value, str):
            return single_line(value) if key == "title" else text_strip(value, multiline=True)
        if isinstance(value, list | tuple):
            return type(value)(clean(key, v) for v in value)
        return value

    return {key: clean(key, value) for key, value in values.items()}


class XmlSafeRssFeed(Rss201rev2Feed):
    """RSS 2.0 that answers whatever the rows hold."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = xml_safe(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = xml_safe(self.items[-1])

    def write(self, outfile, encoding):
        # Written to memory and handed over whole: the response takes one write, not one per
        # element (several hundred, each converted to bytes on its own).
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class SiteUrlFeed(Feed):
    """Absolute links on ``site_url()``: the syndication framework leaves them as they are."""

    def item_link(self, item):
        return site_url() + item.get_absolute_url()


class LatestNewsFeed(SiteUrlFeed):
    feed_type = XmlSafeRssFeed
    language = "sv"

    def title(self):
        return _("Nyheter från VästKom")

    def description(self):
        return _("De senaste nyheterna från VästKom, kommunerna i Västra Götaland i samverkan.")

    def link(self):
        return site_url() + reverse("articles:list")

    def feed_url(self):
        return site_url() + reverse("news-feed")

    def items(self):
        return Article.objects.published().only(*ITEM_FIELDS).order_by("-publish_at", "-id")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions are HTML to readers; the lead is plain text, so it is escaped here.
        return escape(item.lead)

    def item_pubdate(self, item):
        return item.published_at or item.publish_at

    def item_updateddate(self, item):
        return item.updated_at


class TopicNewsFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.published(), slug=slug)

    def title(self, obj):
        return _("Nyheter från VästKom om %(topic)s") % {"topic": obj.title}

    def description(self, obj):
        # Readers render it as HTML; the intro is plain text, so it is escaped (as the leads are).
        return escape(obj.intro or self.title(obj))

    def link(self, obj):
        return site_url() + obj.get_absolute_url()

    def feed_url(self, obj):
        return site_url() + reverse("topic-feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return (
            Article.objects.published()
            .only(*ITEM_FIELDS)
            .filter(topics=obj)
            .order_by("-publish_at", "-id")[:FEED_ITEMS]
        )
