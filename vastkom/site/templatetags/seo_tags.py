"""Metadata for the page head: absolute URLs and the Open Graph image."""

from django import template
from django.utils.html import format_html

from vastkom.core.siteurl import site_url

register = template.Library()


@register.filter
def absolute_url(path: str) -> str:
    """The site's address (``SITE_URL``, or the served address in the local demo) + path for
    site paths; full URLs (e.g. media on S3) as they are."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}{path}"


@register.simple_tag
def og_image(renditions, alt=""):
    """``og:image`` from the largest rendition (never the full upload), with its size and alt text."""
    sizes = (renditions or {}).get("sizes") or []
    if not sizes:
        return ""
    largest = max(sizes, key=lambda s: s["width"])
    return format_html(
        '<meta property="og:image" content="{}">\n  <meta property="og:image:width" content="{}">\n'
        '  <meta property="og:image:height" content="{}">\n  <meta property="og:image:alt" content="{}">',
        absolute_url(largest["url"]),
        largest["width"],
        largest["height"],
        alt,
    )
