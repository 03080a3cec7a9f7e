"""Site-wide views: the home page, the accessibility statement and the error pages."""

from typing import NamedTuple

from django.shortcuts import render
from django.template.defaultfilters import truncatewords
from django.views.decorators.csrf import requires_csrf_token

from articles.cards import with_public_topics
from articles.models import Article
from articles.views import CARD_FIELDS
from topics.models import Topic
from vastkom.core.pagecache import cached_value
from vastkom.site.models import AccessibilityStatement

# The lead item and six cards (two rows of three on a wide screen).
HOME_ARTICLE_COUNT = 7
# The lead item also shows its image's alt text.
LEAD_FIELDS = ("image_alt", "image_decorative")


def home(request):
    articles = with_public_topics(Article.objects.published().only(*CARD_FIELDS, *LEAD_FIELDS)[:HOME_ARTICLE_COUNT])
    context = {
        "lead_article": articles[0] if articles else None,
        "more_articles": articles[1:],
        # The topic areas change only with content: kept until then (vastkom.core.pagecache).
        "topic_areas": cached_value("home-topic-areas", home_topic_areas),
    }
    return render(request, "site/home.html", context)


HOME_INTRO_WORDS = 30


class TopicArea(NamedTuple):
    title: str
    url: str
    short_intro: str  # the intro cut at 30 words


def home_topic_areas() -> list[TopicArea]:
    """The top-level topics with their addresses and short intros, worked out once per content
    version instead of on every view of the home page."""
    return [
        TopicArea(topic.title, topic.get_absolute_url(), truncatewords(topic.intro, HOME_INTRO_WORDS))
        for topic in Topic.objects.published().filter(parent__isnull=True).only("title", "slug", "intro")
    ]


def accessibility_statement(request):
    return render(request, "site/accessibility_statement.html", {"statement": AccessibilityStatement.load()})


def page_not_found(request, exception=None):
    response = render(request, "404.html", status=404)
    response.is_site_404 = True  # FriendlyNotFoundMiddleware leaves it alone
    return response


@requires_csrf_token
def server_error(request):
    # Rendered without the context processors' queries: the database may be what failed.
    return render(request, "500.html", {"menu_disabled": True}, status=500)
