from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from vastkom.richtext import render_html

register = template.Library()


@register.filter
def richtext(value):
    """Staff-written rich text for a page.

    Safe to mark safe: ``render_html`` runs the nh3 allowlist (as every save already
    did) and only then adds our own external-link marker.
    """
    return mark_safe(render_html(value))  # noqa: S308


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


@register.inclusion_tag("includes/menu.html", takes_context=True)
def site_menu(context):
    """The main menu: news, then the topics marked for it; the current one carries aria-current."""
    request = context.get("request")
    path = request.path if request else ""
    # Only a topic page puts its section in the menu; other pages also use "topic" (a filter).
    current_topic = context.get("menu_topic")
    section_ids = {t.pk for t in current_topic.ancestors()} if current_topic is not None else set()
    news_url = reverse("articles:list")
    items = [
        {
            "title": "Nyheter",
            "url": news_url,
            "current": "page" if path == news_url else ("true" if path.startswith(news_url) else ""),
        }
    ]
    for topic in context.get("menu_topics") or []:
        url = topic.get_absolute_url()
        current = "page" if path == url else ("true" if topic.pk in section_ids else "")
        items.append({"title": topic.title, "url": url, "current": current})
    return {"items": items}
