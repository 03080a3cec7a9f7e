"""Template filters of the subscription pages."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def with_unsubscribe_link(text: str) -> str:
    """The consent text, escaped, with the address of the unsubscribe form as a link.

    The text itself stays as recorded (each subscriber's consent keeps its exact words).
    """
    path = reverse("subscriptions:unsubscribe")
    link = format_html('<a href="{}">{}</a>', path, path)
    # Escaped text in which only our own link is added: safe to show.
    return mark_safe(escape(text or "").replace(escape(path), link))  # noqa: S308
