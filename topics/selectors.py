"""What the public sees of topics, read once per content version and shared by every page.

Plain values, no model instances: cheap to keep in the process (``cached_value``) and safe to
share between requests (nothing can change them by accident).
"""

from collections import defaultdict
from typing import NamedTuple

from topics.models import ContactPerson, Topic
from vastkom.core.pagecache import cached_value


class PublicTopic(NamedTuple):
    pk: int
    slug: str
    title: str
    url: str
    position: int  # in the topics' order (``Topic.Meta.ordering``)
    intro: str
    parent_id: int | None

    def get_absolute_url(self) -> str:
        return self.url


def _published_topics() -> list[PublicTopic]:
    rows = Topic.objects.published().values_list("pk", "slug", "title", "intro", "parent_id")
    return [
        PublicTopic(pk, slug, title, Topic(slug=slug).get_absolute_url(), position, intro, parent_id)
        for position, (pk, slug, title, intro, parent_id) in enumerate(rows)
    ]


def published_topics() -> list[PublicTopic]:
    """Every published topic in the topics' order; kept until content changes or a topic's
    publish/unpublish time passes (``vastkom.core.pagecache``)."""
    return cached_value("published-topics", _published_topics)


def published_topics_by_pk() -> dict[int, PublicTopic]:
    return cached_value("published-topics-by-pk", lambda: {t.pk: t for t in published_topics()})


def _children() -> dict[int, list[PublicTopic]]:
    children = defaultdict(list)
    for topic in published_topics():
        if topic.parent_id is not None:
            children[topic.parent_id].append(topic)
    return dict(children)


def published_children(topic_pk: int) -> list[PublicTopic]:
    """The published topics right under ``topic_pk``, in the topics' order."""
    return cached_value("published-topic-children", _children).get(topic_pk, [])


def _related() -> dict[int, list[PublicTopic]]:
    by_pk = published_topics_by_pk()
    related = defaultdict(list)
    links = Topic.related_topics.through.objects.values_list("from_topic_id", "to_topic_id")
    for from_pk, to_pk in links:
        if to_pk in by_pk:
            related[from_pk].append(by_pk[to_pk])
    return {pk: sorted(topics, key=lambda t: t.position) for pk, topics in related.items()}


def published_related(topic_pk: int) -> list[PublicTopic]:
    """The published topics ``topic_pk`` links to under "Mer om vår verksamhet", in the topics' order."""
    return cached_value("published-topic-related", _related).get(topic_pk, [])


def _active_contacts() -> dict:
    # Read-only instances, in the contacts' order (``ContactPerson.Meta.ordering``).
    return {contact.pk: contact for contact in ContactPerson.objects.active()}


def active_contacts_by_pk() -> dict:
    """Every active contact person by key, in their order; kept as ``published_topics()`` is.
    The instances are shared by every request: read them, never change them."""
    return cached_value("active-contacts-by-pk", _active_contacts)


def _contact_ids_by_topic() -> dict[int, frozenset[int]]:
    links = defaultdict(set)
    for topic_pk, contact_pk in Topic.contacts.through.objects.values_list("topic_id", "contactperson_id"):
        links[topic_pk].add(contact_pk)
    return {pk: frozenset(contacts) for pk, contacts in links.items()}


def topic_contacts(topic_pk: int) -> list:
    """The active contact persons of ``topic_pk`` in the contacts' order, from the kept links
    between topics and contacts and the kept active contacts: no query per page."""
    own = cached_value("topic-contact-ids", _contact_ids_by_topic).get(topic_pk, frozenset())
    return [contact for pk, contact in active_contacts_by_pk().items() if pk in own]


def _topic_tree() -> dict[int, tuple[str, int | None]]:
    # Every topic, published or not: an unpublished parent is still named in the breadcrumbs.
    return {pk: (title, parent_id) for pk, title, parent_id in Topic.objects.values_list("pk", "title", "parent_id")}


def ancestors_of(topic) -> list[dict]:
    """From the root down to ``topic``'s parent, for breadcrumbs and the menu: each as ``pk``,
    ``title`` and ``url`` (empty for one the public cannot see), from the kept tree of topics."""
    tree = cached_value("topic-tree", _topic_tree)
    published = published_topics_by_pk()
    chain, pk, seen = [], topic.parent_id, {topic.pk}
    while pk is not None and pk not in seen and pk in tree:
        title, parent_id = tree[pk]
        public = published.get(pk)
        chain.append({"pk": pk, "title": title, "url": public.url if public is not None else ""})
        seen.add(pk)
        pk = parent_id
    return chain[::-1]
