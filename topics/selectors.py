"""What the public sees of topics, read once per content version and shared by every page.

Plain values, no model instances: cheap to keep in the process (``cached_value``) and safe to
share between requests (nothing can change them by accident).
"""

from typing import NamedTuple

from topics.models import ContactPerson, Topic
from vastkom.core.pagecache import cached_value


class PublicTopic(NamedTuple):
    pk: int
    slug: str
    title: str
    url: str
    position: int  # in the topics' order (``Topic.Meta.ordering``)

    def get_absolute_url(self) -> str:
        return self.url


def _published_topics() -> list[PublicTopic]:
    rows = Topic.objects.published().values_list("pk", "slug", "title")
    return [
        PublicTopic(pk, slug, title, Topic(slug=slug).get_absolute_url(), position)
        for position, (pk, slug, title) in enumerate(rows)
    ]


def published_topics() -> list[PublicTopic]:
    """Every published topic in the topics' order; kept until content changes or a topic's
    publish/unpublish time passes (``vastkom.core.pagecache``)."""
    return cached_value("published-topics", _published_topics)


def published_topics_by_pk() -> dict[int, PublicTopic]:
    return cached_value("published-topics-by-pk", lambda: {t.pk: t for t in published_topics()})


def _active_contacts() -> dict:
    # Read-only instances, in the contacts' order (``ContactPerson.Meta.ordering``).
    return {contact.pk: contact for contact in ContactPerson.objects.active()}


def active_contacts_by_pk() -> dict:
    """Every active contact person by key, in their order; kept as ``published_topics()`` is.
    The instances are shared by every request: read them, never change them."""
    return cached_value("active-contacts-by-pk", _active_contacts)
