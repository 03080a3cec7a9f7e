import datetime as dt

import factory
from django.utils import timezone

from topics.models import ContactPerson, Topic
from vastkom.core.publishing import Status


class ContactPersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kontakt Person {n}")
    role = "Analytiker och projektledare"
    organisation = "VästKom"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.se")
    phone = "031-123 45 67"

    class Meta:
        model = ContactPerson


class TopicFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Ämne {n}")
    slug = factory.Sequence(lambda n: f"amne-{n}")
    intro = "En kort ingress om ämnet."
    body = "<p>Brödtext om ämnet.</p>"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    class Meta:
        model = Topic
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT)
        scheduled = factory.Trait(publish_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2)))

    @factory.post_generation
    def related_topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_topics.set(extracted)

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)
