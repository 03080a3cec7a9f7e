from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from articles.models import Article
from topics.models import ContactPerson, Topic
from vastkom.core.views import PublishedObjectMixin

ARTICLES_PER_PAGE = 10


def with_public_relations(queryset):
    """Prefetch the topics (and contacts) a reader may see, in one query each."""
    return queryset.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.published(), to_attr="public_topics"),
        Prefetch("contacts", queryset=ContactPerson.objects.active(), to_attr="public_contacts"),
    )


class ArticleListView(ListView):
    """The news archive, newest first, optionally for one topic (``?amne=<slug>``)."""

    template_name = "articles/article_list.html"
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.topics = list(Topic.objects.published().only("title", "slug"))
        wanted = request.GET.get("amne", "").strip()
        self.topic = next((t for t in self.topics if t.slug == wanted), None)
        self.unknown_topic = bool(wanted) and self.topic is None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = Article.objects.published()
        if self.topic is not None:
            queryset = queryset.filter(topics=self.topic)
        return queryset.prefetch_related(
            Prefetch("topics", queryset=Topic.objects.published(), to_attr="public_topics")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(topics=self.topics, topic=self.topic, unknown_topic=self.unknown_topic)
        return context


class ArticleDetailView(PublishedObjectMixin, DetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return with_public_relations(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["article_crumbs"] = [{"title": _("Nyheter"), "url": reverse("articles:list")}]
        return context
