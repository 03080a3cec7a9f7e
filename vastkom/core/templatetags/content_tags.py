"""Template filters for content of every type: cleaned rich text and image renditions."""

import datetime as dt
import functools

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import truncatewords
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vastkom.core.library import render_rich_text

register = template.Library()


@register.filter
def richtext(value):
    """Staff-written rich text for a page.

    Safe to mark safe: ``render_rich_text`` runs the nh3 allowlist (as every save already
    did) and only then adds our own markup: the external-link marker, renditions of library
    images and the type and size of document links, all escaped.
    """
    return mark_safe(render_rich_text(value))  # noqa: S308


@register.simple_tag
def picture(renditions, alt="", sizes="(min-width: 60em) 48rem, 100vw", css_class=""):
    """An ``<img>`` of a rendition set (never the full upload) with width, height and srcset."""
    sizes_list = (renditions or {}).get("sizes") or []
    if not sizes_list:
        return ""
    default = sizes_list[-1] if len(sizes_list) < 3 else sizes_list[-2]
    srcset = format_html_join(", ", "{} {}w", ((s["url"], s["width"]) for s in sizes_list))
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async"{}>',
        default["url"],
        srcset,
        sizes,
        default["width"],
        default["height"],
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.filter
def isotime(value):
    """A ``<time datetime>`` value: local ISO 8601 to the second (validators reject microseconds)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@functools.lru_cache(maxsize=4096)
def short_words(text: str, words: int) -> str:
    """``{{ text|truncatewords:words }}``, cut once per process: lists show the same leads and
    intros on every view."""
    return truncatewords(text, words)


def local_date(value) -> str:
    """``{{ value|date:"j F Y" }}``: "3 mars 2026" in the site's time zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return _day_text(value, get_language())


@functools.lru_cache(maxsize=4096)
def _day_text(day: dt.date, language: str | None) -> str:
    """A day's text, formatted once per process and language: every list shows dates."""
    return date_filter(day, "j F Y")


def _dated(label: str, value) -> str:
    return format_html('<span>{} <time datetime="{}">{}</time></span>', label, isotime(value), local_date(value))


@register.simple_tag
def page_dates(obj, kind):
    """The dates at the end of a page, worded as on VästKom's pages today:

    - an article (``kind`` "article"): "Senast publicerad" with its latest publication (a
      substantive edit republishes it: ``shows_updated``);
    - a topic page: "Publicerad", and "Uppdaterad" only after an edit on a later day than that.
    """
    published, updated = obj.published_at, obj.updated_at
    if kind == "article":
        if obj.shows_updated:
            # The template this replaced left a line's indent after this one: kept, byte for byte.
            line = format_html("{}\n  ", _dated(_("Senast publicerad"), updated))
        else:
            line = _dated(_("Senast publicerad"), published) if published else ""
        return format_html('<p class="page-dates">\n  {}\n</p>\n', line)
    later = bool(published and updated) and _local_day(updated) > _local_day(published)
    return format_html(
        '<p class="page-dates">\n  {}\n  {}\n</p>\n',
        _dated(_("Publicerad"), published) if published else "",
        _dated(_("Uppdaterad"), updated) if later else "",
    )


def _local_day(value) -> str:
    return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y%m%d")
