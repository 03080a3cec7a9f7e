import datetime as dt

import factory
from django.utils import timezone

from articles.models import Article
from vastkom.core.publishing import Status


class ArticleFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Nyhet nummer {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    lead = "En ingress som sammanfattar nyheten."
    body = "<p>Brödtext i nyheten.</p>"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        # A 1600x900 JPEG main image with alt text and caption (renditions are made on save).
        with_image = factory.Trait(
            image=factory.django.ImageField(filename="huvudbild.jpg", width=1600, height=900, format="JPEG"),
            image_alt="Tre talare framför en projektorduk.",
            image_caption="Talarna på konferensen om nära vård.",
        )
        draft = factory.Trait(status=Status.DRAFT)
        scheduled = factory.Trait(publish_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2)))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)
