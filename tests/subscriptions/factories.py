import factory
from django.utils import timezone

from subscriptions.consent import CONSENT_TEXT, CONSENT_VERSION
from subscriptions.models import ConsentMethod, Frequency, State, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"prenumerant{n}@example.se")
    state = State.PENDING
    follows_all = True
    frequency = Frequency.IMMEDIATE
    consent_version = CONSENT_VERSION
    consent_text = CONSENT_TEXT

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    class Params:
        confirmed = factory.Trait(
            state=State.CONFIRMED,
            confirm_nonce="",
            confirmed_at=factory.LazyFunction(timezone.now),
            consent_at=factory.LazyFunction(timezone.now),
            consent_method=ConsentMethod.WEB_FORM,
        )
        weekly = factory.Trait(frequency=Frequency.WEEKLY)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.follows_all = False
            self.save(update_fields=["follows_all"])
            self.topics.set(extracted)
