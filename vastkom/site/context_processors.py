from django.utils.functional import SimpleLazyObject

from topics.models import Topic
from vastkom.core.siteurl import site_url


def site(request):
    """The site menu (evaluated only when a template uses it: one query) and site facts."""
    return {
        "menu_topics": SimpleLazyObject(
            lambda: list(Topic.objects.published().filter(show_in_menu=True).only("title", "slug", "parent_id"))
        ),
        "SITE_URL": site_url(),
    }
