"""The site's navigation: the main menu."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


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
    # Every topic page, sub-topics included, is one step from the menu: the topic index.
    index_url = reverse("topics:index")
    items.append({"title": _("Alla ämnen"), "url": index_url, "current": "page" if path == index_url else ""})
    return {"items": items}
