"""Sign-up, confirmation, the personal page, one-click unsubscribe and erasure, through the client."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from subscriptions.consent import CONSENT_TEXT, CONSENT_VERSION
from subscriptions.models import ConsentMethod, Frequency, State, Subscriber
from subscriptions.templatetags.subscription_tags import with_unsubscribe_link
from subscriptions.tokens import manage_token_make
from tests.subscriptions.conftest import link_in
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/prenumeration/"
CONFIRM_LINK = r"/prenumeration/bekrafta/[^/\s]+/"
MANAGE_LINK = r"/prenumeration/hantera/[^/\s]+/"


def form(email="anna@example.se", **extra):
    return {"email": email, "follow": "alla", "frequency": Frequency.IMMEDIATE, "consent": "on", **extra}


def test_subscribe_page_is_reachable_at_prenumeration(client):
    response = client.get(SUBSCRIBE)
    assert response.status_code == 200
    assert reverse("subscriptions:subscribe") == SUBSCRIBE
    assert with_unsubscribe_link(CONSENT_TEXT) in response.content.decode()


def test_subscribe_creates_pending_subscriber_and_sends_confirmation(post):
    response = post(SUBSCRIBE, form())
    assert response.status_code == 302
    assert response.url == reverse("subscriptions:subscribe-done")
    subscriber = Subscriber.objects.get()
    assert subscriber.state == State.PENDING
    assert subscriber.consent_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.se"]
    link_in(mail.outbox[0], CONFIRM_LINK)


def test_pending_subscriber_gets_no_news_before_confirming(post):
    from subscriptions.services import article_fan_out
    from tests.articles.factories import ArticleFactory

    post(SUBSCRIBE, form())
    article = ArticleFactory()
    assert article_fan_out(article_id=article.pk) == 0


def test_confirm_link_get_changes_nothing_post_confirms_and_records_consent(client, post):
    post(SUBSCRIBE, form())
    path = link_in(mail.outbox[0], CONFIRM_LINK)

    response = client.get(path)
    assert response.status_code == 200
    assert Subscriber.objects.get().state == State.PENDING

    response = client.post(path)
    assert response.status_code == 200
    assert "Prenumerationen är bekräftad" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.state == State.CONFIRMED
    assert subscriber.consent_version == CONSENT_VERSION
    assert subscriber.consent_text == CONSENT_TEXT
    assert subscriber.consent_method == ConsentMethod.WEB_FORM
    assert subscriber.consent_at is not None


def test_confirm_link_works_only_once(client, post):
    post(SUBSCRIBE, form())
    path = link_in(mail.outbox[0], CONFIRM_LINK)
    client.post(path)
    response = client.post(path)
    assert response.status_code == 400
    assert "redan använts" in response.content.decode()


def test_expired_confirm_link_shows_swedish_page_and_changes_nothing(client, post):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        post(SUBSCRIBE, form())
        path = link_in(mail.outbox[0], CONFIRM_LINK)
    with time_machine.travel(dt.datetime(2026, 3, 8, 10, tzinfo=dt.UTC)):
        response = client.post(path)
    assert response.status_code == 400
    assert "för gammal" in response.content.decode()
    assert Subscriber.objects.get().state == State.PENDING


def test_tampered_link_shows_swedish_page_and_changes_nothing(client, post):
    post(SUBSCRIBE, form())
    path = link_in(mail.outbox[0], CONFIRM_LINK)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.post(tampered)
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()
    assert Subscriber.objects.get().state == State.PENDING


def test_answer_is_identical_for_new_pending_confirmed_and_unsubscribed_addresses(client, post):
    SubscriberFactory(email="bekraftad@example.se", confirmed=True)
    SubscriberFactory(email="vantar@example.se")
    SubscriberFactory(email="avslutad@example.se", state=State.UNSUBSCRIBED)
    answers = []
    for email in ["ny@example.se", "vantar@example.se", "bekraftad@example.se", "avslutad@example.se"]:
        response = post(SUBSCRIBE, form(email))
        followed = client.get(response.url)
        answers.append((response.status_code, response.url, followed.status_code, followed.content))
    assert all(answer == answers[0] for answer in answers)


def test_same_address_in_other_case_is_one_subscriber(post):
    post(SUBSCRIBE, form("Anna@Example.se"))
    post(SUBSCRIBE, form("anna@example.SE"))
    assert Subscriber.objects.count() == 1


def test_confirmed_address_signing_up_again_keeps_its_choices_and_gets_its_link(post):
    topic = TopicFactory()
    subscriber = SubscriberFactory(email="anna@example.se", confirmed=True, topics=[topic])
    post(SUBSCRIBE, form("anna@example.se", frequency=Frequency.WEEKLY))
    subscriber.refresh_from_db()
    assert subscriber.state == State.CONFIRMED
    assert subscriber.frequency == Frequency.IMMEDIATE
    assert list(subscriber.topics.all()) == [topic]
    assert "prenumererar redan" in mail.outbox[0].body
    link_in(mail.outbox[0], MANAGE_LINK)


def test_unsubscribed_address_must_confirm_again(post):
    SubscriberFactory(email="anna@example.se", state=State.UNSUBSCRIBED)
    post(SUBSCRIBE, form("anna@example.se"))
    assert Subscriber.objects.get().state == State.PENDING
    link_in(mail.outbox[0], CONFIRM_LINK)


def test_old_confirm_link_is_void_after_unsubscribing(client, post):
    post(SUBSCRIBE, form())
    path = link_in(mail.outbox[0], CONFIRM_LINK)
    client.post(path)
    subscriber = Subscriber.objects.get()
    client.post(reverse("subscriptions:one-click", kwargs={"token": manage_token_make(subscriber=subscriber)}))
    response = client.post(path)
    assert response.status_code == 400
    assert Subscriber.objects.get().state == State.UNSUBSCRIBED


def test_chosen_topics_are_stored(post):
    first, second, _ = TopicFactory(), TopicFactory(), TopicFactory()
    post(SUBSCRIBE, form(follow="amnen", topics=[first.pk, second.pk]))
    subscriber = Subscriber.objects.get()
    assert subscriber.follows_all is False
    assert set(subscriber.topics.all()) == {first, second}


def test_choosing_topics_without_any_topic_is_a_field_error(client):
    TopicFactory()
    response = client.post(SUBSCRIBE, form(follow="amnen"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_topics_fel"' in html
    assert re.search(r'<fieldset[^>]*aria-describedby="[^"]*\bid_topics_fel\b', html)
    assert Subscriber.objects.count() == 0


def test_invalid_email_error_is_tied_to_the_field(client):
    response = client.post(SUBSCRIBE, form("inte-en-adress"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="id_email_fel"' in html
    assert 'aria-invalid="true"' in html
    assert 'href="#id_email"' in html  # the error summary links to the field
    assert Subscriber.objects.count() == 0


def test_missing_consent_stores_nothing(client):
    data = form()
    del data["consent"]
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 400
    assert Subscriber.objects.count() == 0


def test_honeypot_filled_gets_same_answer_and_nothing_is_stored_or_sent(post):
    response = post(SUBSCRIBE, form(website="http://spam.example"))
    assert response.status_code == 302
    assert response.url == reverse("subscriptions:subscribe-done")
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_subscribe_is_rate_limited_per_address(post, settings):
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 100, "address": 2, "window_seconds": 3600}
    post(SUBSCRIBE, form())
    post(SUBSCRIBE, form())
    response = post(SUBSCRIBE, form())
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert len(mail.outbox) == 2


def test_subscribe_is_rate_limited_per_ip(post, settings):
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 2, "address": 100, "window_seconds": 3600}
    post(SUBSCRIBE, form("a@example.se"))
    post(SUBSCRIBE, form("b@example.se"))
    response = post(SUBSCRIBE, form("c@example.se"))
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="c@example.se").exists()
    assert len(mail.outbox) == 2


# --- The personal page ---------------------------------------------------------------


def manage_path(subscriber):
    return reverse("subscriptions:manage", kwargs={"token": manage_token_make(subscriber=subscriber)})


def test_manage_page_changes_topics_and_frequency(client):
    topic = TopicFactory()
    subscriber = SubscriberFactory(confirmed=True)
    response = client.post(
        manage_path(subscriber), {"follow": "amnen", "topics": [topic.pk], "frequency": Frequency.WEEKLY}
    )
    assert response.status_code == 200
    assert "Dina val är sparade" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.follows_all is False
    assert subscriber.frequency == Frequency.WEEKLY
    assert list(subscriber.topics.all()) == [topic]


def test_manage_page_shows_the_recorded_consent(client):
    subscriber = SubscriberFactory(confirmed=True)
    html = client.get(manage_path(subscriber)).content.decode()
    assert subscriber.email in html
    assert with_unsubscribe_link(subscriber.consent_text) in html


def test_manage_link_with_wrong_key_is_refused(client):
    subscriber = SubscriberFactory(confirmed=True)
    path = manage_path(subscriber)
    subscriber.manage_key = "annan-nyckel"
    subscriber.save()
    response = client.post(path, {"follow": "alla", "frequency": Frequency.WEEKLY})
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.frequency == Frequency.IMMEDIATE


# --- One-click unsubscribe (RFC 8058) -------------------------------------------------


def one_click_path(subscriber):
    return reverse("subscriptions:one-click", kwargs={"token": manage_token_make(subscriber=subscriber)})


def test_get_on_unsubscribe_link_unsubscribes_nobody(client):
    subscriber = SubscriberFactory(confirmed=True)
    response = client.get(one_click_path(subscriber))
    assert response.status_code == 200
    assert "Ja, avsluta prenumerationen" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == State.CONFIRMED


def test_one_click_post_without_csrf_token_unsubscribes_at_once():
    from django.test import Client

    subscriber = SubscriberFactory(confirmed=True)
    client = Client(enforce_csrf_checks=True)
    response = client.post(one_click_path(subscriber), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == State.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_one_click_post_with_tampered_token_changes_nothing(client):
    subscriber = SubscriberFactory(confirmed=True)
    response = client.post(one_click_path(subscriber).replace(":", ":x", 1))
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.state == State.CONFIRMED


@pytest.mark.parametrize(
    "payload", [[1, "\x00"], [2**63, "nyckel"], [True, "nyckel"]], ids=["nul", "past-bigint", "bool"]
)
@pytest.mark.parametrize("salt", ["subscriptions.confirm", "subscriptions.manage"])
def test_a_signed_link_holding_what_we_never_sign_gets_the_swedish_page_not_a_500(client, salt, payload):
    """Only reachable with the signing key, but no link may reach the database with a NUL or an id past bigint."""
    from django.core import signing

    token = signing.dumps(payload, salt=salt)
    path = "bekrafta" if salt.endswith("confirm") else "avsluta"

    response = client.post(f"/prenumeration/{path}/{token}/")

    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()


# --- Lost the e-mail ----------------------------------------------------------------


UNSUBSCRIBE = "/prenumeration/avsluta/"


def test_lost_link_form_mails_the_personal_link_to_a_known_address(post):
    SubscriberFactory(email="anna@example.se", confirmed=True)
    response = post(UNSUBSCRIBE, {"email": "ANNA@example.se"})
    assert response.url == reverse("subscriptions:unsubscribe-done")
    assert mail.outbox[0].to == ["anna@example.se"]
    link_in(mail.outbox[0], MANAGE_LINK)


def test_lost_link_form_answers_the_same_for_unknown_addresses_and_sends_nothing(client, post):
    SubscriberFactory(email="anna@example.se", confirmed=True)
    known = post(UNSUBSCRIBE, {"email": "anna@example.se"})
    unknown = post(UNSUBSCRIBE, {"email": "okand@example.se"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert client.get(known.url).content == client.get(unknown.url).content
    assert len(mail.outbox) == 1


def test_lost_link_form_is_rate_limited(post, settings):
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 100, "address": 1, "window_seconds": 3600}
    SubscriberFactory(email="anna@example.se", confirmed=True)
    post(UNSUBSCRIBE, {"email": "anna@example.se"})
    response = post(UNSUBSCRIBE, {"email": "anna@example.se"})
    assert response.status_code == 429
    assert len(mail.outbox) == 1


# --- Erasure and purge --------------------------------------------------------------


def test_erase_get_asks_post_deletes_everything(client):
    topic = TopicFactory()
    subscriber = SubscriberFactory(confirmed=True, topics=[topic])
    path = reverse("subscriptions:erase", kwargs={"token": manage_token_make(subscriber=subscriber)})
    assert client.get(path).status_code == 200
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    response = client.post(path)
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not topic.subscribers.exists()
    # The old personal link is now void.
    assert client.get(manage_path(subscriber)).status_code == 400


def test_purge_deletes_only_old_unconfirmed_sign_ups():
    from django.core.management import call_command

    with time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)):
        old_pending = SubscriberFactory()
        old_confirmed = SubscriberFactory(confirmed=True)
    with time_machine.travel(dt.datetime(2026, 1, 9, 12, tzinfo=dt.UTC)):
        recent_pending = SubscriberFactory()
    with time_machine.travel(dt.datetime(2026, 1, 12, 12, tzinfo=dt.UTC)):
        call_command("subscriptions_purge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {old_confirmed.pk, recent_pending.pk}
    assert old_pending.pk not in remaining
