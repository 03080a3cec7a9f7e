from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from articles.cards import with_public_topics, with_public_topics_and_contacts
from articles.models import Article
from topics.models import ContactPerson, Topic
from topics.selectors import published_topics
from vastkom.core.pagecache import cached_value
from vastkom.core.pagination import CappedPaginator
from vastkom.core.views import PublishedObjectMixin

ARTICLES_PER_PAGE = 10
# What a news card shows (``articles.cards``), and the archive's order.
CARD_FIELDS = ("title", "slug", "lead", "image_renditions", "published_at", "publish_at")


def with_public_relations(queryset):
    """Prefetch the topics and contacts a reader may see, in one query each: for a preview
    link's working copy, whose relations follow these prefetches (the public page reads them
    from the kept lists: ``articles.cards.with_public_topics_and_contacts``)."""
    return queryset.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.published().only("title", "slug"), to_attr="public_topics"),
        Prefetch("contacts", queryset=ContactPerson.objects.active(), to_attr="public_contacts"),
    )


class ArticleListView(ListView):
    """The news archive, newest first, optionally for one topic (``?amne=<slug>``)."""

    template_name = "articles/article_list.html"
    paginate_by = ARTICLES_PER_PAGE
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        # The filter's topics are kept until content changes (vastkom.core.pagecache).
        self.topics = published_topics()
        wanted = request.GET.get("amne", "").strip()
        self.topic = next((t for t in self.topics if t.slug == wanted), None)
        self.unknown_topic = bool(wanted) and self.topic is None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = Article.objects.published().only(*CARD_FIELDS)
        if self.topic is not None:
            queryset = queryset.filter(topics=self.topic.pk)
        return queryset

    def get_paginator(self, queryset, per_page, **kwargs):
        # Counts at most 1,000 rows (or what a deep page needs): "fler än 1 000 nyheter"; the
        # count is kept until content changes, as every archive page of a filter shares it.
        topic_pk = self.topic.pk if self.topic is not None else None

        def counter(limit):
            return cached_value(f"archive-count:{topic_pk}:{limit}", lambda: queryset[:limit].count())

        return CappedPaginator(
            queryset, per_page, wanted_page=self.request.GET.get("page"), counter=counter, keys_first=True, **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = with_public_topics(context["articles"])
        context.update(
            topics=self.topics,
            topic=self.topic,
            unknown_topic=self.unknown_topic,
            topic_options=topic_options(self.topics, self.topic),
        )
        return context


def topic_options(topics, selected) -> str:
    """The filter's ``<option>`` elements: built once per content version, then only the
    selected one is marked (a page of 200 topics costs one string replace, not 200 renders)."""
    html = cached_value(
        "archive-topic-options",
        lambda: format_html_join("", '<option value="{}">{}</option>', ((t.slug, t.title) for t in topics)),
    )
    if selected is None:
        return html
    marker = format_html('<option value="{}">', selected.slug)
    # Escaped option markup with one attribute added: safe.
    return mark_safe(html.replace(marker, marker[:-1] + " selected>", 1))  # noqa: S308


class ArticleDetailView(PublishedObjectMixin, DetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # What no public page shows (the editors' side) is never read for one.
        queryset = super().get_queryset().defer("search_vector", "review_comment", "quality_summary")
        if self.preview_link is not None:
            # A preview link shows the working copy, whose relations follow these prefetches.
            return with_public_relations(queryset)
        return queryset

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if self.preview_link is None:
            # Topics and contacts from the kept lists and one query for which are its own, not
            # two prefetches that join and build rows on every request.
            with_public_topics_and_contacts(article)
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["article_crumbs"] = [{"title": _("Nyheter"), "url": reverse("articles:list")}]
        return context
