from django.utils.functional import SimpleLazyObject

from topics.models import Topic
from vastkom.core.pagecache import cached_value
from vastkom.core.siteurl import site_url


def menu_topics() -> list[Topic]:
    return list(Topic.objects.published().filter(show_in_menu=True).only("title", "slug", "parent_id"))


def site(request):
    """The site menu (evaluated only when a template uses it; kept until content changes,
    ``vastkom.core.pagecache``) and site facts."""
    return {
        "menu_topics": SimpleLazyObject(lambda: cached_value("menu-topics", menu_topics)),
        "SITE_URL": site_url(),
    }
