from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from articles.cards import latest_in_topic
from topics.models import ContactPerson, Topic
from topics.selectors import ancestors_of, published_children, published_related, topic_contacts
from vastkom.core.views import PublishedObjectMixin

LATEST_ARTICLES_IN_TOPIC = 5
# What a link to another topic shows (title, address, intro): for a preview link's prefetches.
LINK_FIELDS = ("title", "slug", "intro")
# What no public page shows of a topic (the editors' side): never read for one.
EDITORS_FIELDS = ("search_vector", "review_comment", "quality_summary")


class TopicIndexView(ListView):
    """All topic areas, as a tree of two levels."""

    template_name = "topics/topic_index.html"
    context_object_name = "topic_areas"

    def get_queryset(self):
        return (
            Topic.objects.published()
            .filter(parent__isnull=True)
            .prefetch_related(Prefetch("children", queryset=Topic.objects.published(), to_attr="public_children"))
        )


class TopicDetailView(PublishedObjectMixin, DetailView):
    model = Topic
    template_name = "topics/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self):
        # The ancestors (breadcrumbs, the menu's section) come from the kept tree: no join here.
        queryset = super().get_queryset().defer(*EDITORS_FIELDS)
        if self.preview_link is None:
            return queryset
        # A preview link shows the working copy, whose relations follow these prefetches.
        return queryset.prefetch_related(
            Prefetch(
                "children",
                queryset=Topic.objects.published().only(*LINK_FIELDS, "parent"),
                to_attr="public_children",
            ),
            Prefetch(
                "related_topics",
                queryset=Topic.objects.published().only(*LINK_FIELDS),
                to_attr="public_related",
            ),
            Prefetch("contacts", queryset=ContactPerson.objects.active(), to_attr="public_contacts"),
        )

    def get_object(self, queryset=None):
        topic = super().get_object(queryset)
        if self.preview_link is None:
            # Children and related topics from the kept published topics (site structure, kept
            # until content changes), and so are its contacts: no prefetch building rows on every
            # request.
            topic.public_children = published_children(topic.pk)
            topic.public_related = published_related(topic.pk)
            topic.public_contacts = topic_contacts(topic.pk)
        return topic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ancestors = ancestors_of(self.object)
        context["topic_crumbs"] = [{"title": _("Ämnen"), "url": reverse("topics:index")}, *ancestors]
        # The menu marks the section this page lies in (vastkom.site.templatetags.site_tags).
        context["menu_section_ids"] = {a["pk"] for a in ancestors}
        # "Mer om vår verksamhet" leaves out what "Inom …" already lists: each page once.
        listed = {child.pk for child in self.object.public_children} | {self.object.pk}
        context["related_topics"] = [t for t in self.object.public_related if t.pk not in listed]
        context["latest_articles"] = latest_in_topic(self.object.pk, LATEST_ARTICLES_IN_TOPIC)
        return context
