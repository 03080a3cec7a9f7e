"""The site's navigation: the main menu."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from topics.models import Topic
from vastkom.core.pagecache import cached_value
from vastkom.site.search import hits_html

register = template.Library()


def menu_items() -> list[tuple[int, str, str]]:
    """The topics of the main menu as (pk, title, address), in menu order."""
    return [
        (topic.pk, topic.title, topic.get_absolute_url())
        for topic in Topic.objects.published().filter(show_in_menu=True).only("title", "slug")
    ]


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The main menu: news, then the topics marked for it; the current one carries aria-current.

    The items (titles and addresses) are kept until content changes (``cached_value``); only
    which item is current is worked out per request.
    """
    request = context.get("request")
    path = request.path if request else ""
    # Only a topic page puts its section in the menu: the keys of the topics above it.
    section_ids = context.get("menu_section_ids") or set()
    news_url = reverse("articles:list")
    rows = [("Nyheter", news_url, "page" if path == news_url else ("true" if path.startswith(news_url) else ""))]
    for pk, title, url in cached_value("menu-items", menu_items):
        rows.append((title, url, "page" if path == url else ("true" if pk in section_ids else "")))
    # Every topic page, sub-topics included, is one step from the menu: the topic index.
    index_url = reverse("topics:index")
    rows.append((_("Alla ämnen"), index_url, "page" if path == index_url else ""))
    items = format_html_join(
        "\n",
        '  <li><a href="{}"{}>{}</a></li>',
        ((url, format_html(' aria-current="{}"', current) if current else "", title) for title, url, current in rows),
    )
    return format_html('<ul class="site-nav__list">\n{}\n</ul>\n', items)


@register.simple_tag
def search_hits(hits):
    """The search page's results as ``<li>`` items (``vastkom.site.search.hits_html``)."""
    return hits_html(hits)
