"""Site-wide views: the home page, the shared preview rule and the error pages."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token

from articles.models import Article
from topics.models import Topic
from vastkom.models import AccessibilityStatement

HOME_ARTICLE_COUNT = 6


class PublishedObjectMixin:
    """Detail views of publishable content: the public gets ``published()``, editors preview.

    A logged-in editor with change rights sees drafts and scheduled items at their public
    URL with a "Förhandsgranskning" banner; such responses are never cached.
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview"):
            add_never_cache_headers(response)
        return response


def home(request):
    articles = Article.objects.published().prefetch_related(
        Prefetch("topics", queryset=Topic.objects.published(), to_attr="public_topics")
    )[:HOME_ARTICLE_COUNT]
    topic_areas = Topic.objects.published().filter(parent__isnull=True)
    return render(request, "vastkom/home.html", {"articles": articles, "topic_areas": topic_areas})


def accessibility_statement(request):
    return render(request, "vastkom/accessibility_statement.html", {"statement": AccessibilityStatement.load()})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the context processors' queries: the database may be what failed.
    return render(request, "500.html", {"menu_disabled": True}, status=500)
