"""Property-based tests (hypothesis): whatever a visitor sends to a public form, a personal
link or a query parameter, the answer is 2xx, 3xx or 4xx, never 500; a refused form says
why in Swedish; and nothing invalid is stored.

Example counts come from the profile in ``tests/conftest.py`` (50, derandomised, by default).
"""

import datetime as dt
from urllib.parse import quote, quote_from_bytes

import feedparser
import pytest
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from hypothesis import event, example, given
from hypothesis import strategies as st

from subscriptions.models import Frequency, State, Subscriber
from subscriptions.tokens import CONFIRM_SALT, MANAGE_SALT, manage_token_make
from tests.articles.factories import ArticleFactory
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory
from topics.models import Topic

pytestmark = pytest.mark.django_db

# Django's own English messages, which would mean an untranslated error reached a visitor.
ENGLISH = ("This field", "Enter a valid", "Select a valid", "Ensure this value", "is required", "Null characters")
SWEDISH_ERROR_SUMMARY = "Formuläret behöver rättas"
SWEDISH_LINK_PROBLEM = "Länken fungerar inte"

# Any text a browser or a script could send (surrogates cannot be encoded, so never arrive).
any_text = st.text(max_size=300)
# What forms are likelier to be sent: near-valid values mixed with anything.
email_like = st.one_of(any_text, st.emails(), st.emails().map(str.upper), st.emails().map(lambda e: f" {e}\n"))
raw_query = st.binary(max_size=200).map(quote_from_bytes)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=8,
)
# Tokens: anything, or signed with our own salts but holding anything (a leaked key's worst case).
tokens = st.one_of(
    any_text.filter(lambda t: t and "/" not in t),
    st.builds(
        lambda value, salt: signing.dumps(value, salt=salt), json_values, st.sampled_from([CONFIRM_SALT, MANAGE_SALT])
    ),
)


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Hundreds of posts from one address here; the limits themselves are tested elsewhere."""
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 100_000, "address": 100_000, "window_seconds": 3600}
    cache.clear()


@pytest.fixture
def content():
    topic = TopicFactory(slug="nara-vard")
    TopicFactory(slug="utkast", draft=True)
    for n in range(12):
        ArticleFactory(topics=[topic], publish_at=timezone.now() - dt.timedelta(hours=n + 1))
    return topic


def assert_not_server_error(response):
    assert response.status_code < 500, response.status_code


def assert_swedish_refusal(response):
    page = response.content.decode()
    assert SWEDISH_ERROR_SUMMARY in page
    assert not [phrase for phrase in ENGLISH if phrase in page]


def assert_every_subscriber_valid():
    """What is stored passes the model's own validation, constraints included."""
    published = set(Topic.objects.published().values_list("pk", flat=True))
    for subscriber in Subscriber.objects.prefetch_related("topics"):
        subscriber.full_clean()
        assert {t.pk for t in subscriber.topics.all()} <= published
        assert subscriber.follows_all or subscriber.topics.exists() or subscriber.state != State.CONFIRMED


# Query parameters ------------------------------------------------------------------------


@given(q=any_text, page=any_text)
def test_search_answers_any_query_and_page_with_a_page(client, content, q, page):
    response = client.get("/sok/", {"q": q, "page": page})

    assert response.status_code == 200


@given(page=any_text, topic=any_text)
def test_news_archive_answers_any_page_and_topic_filter_without_a_server_error(client, content, page, topic):
    response = client.get("/nyheter/", {"page": page, "amne": topic})

    assert response.status_code in {200, 404}


@given(slug=any_text.filter(lambda s: s.strip(".")), query=raw_query)
def test_topic_feed_answers_any_address_with_a_feed_or_not_found(client, content, slug, query):
    response = client.get(f"/amnen/{quote(slug, safe='')}/rss/", QUERY_STRING=query)

    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert not feedparser.parse(response.content).bozo


@given(
    path=st.sampled_from(
        ["/", "/nyheter/", "/sok/", "/nyheter/rss/", "/amnen/", "/prenumeration/", "/tillganglighet/"]
    ),
    query=raw_query,
)
def test_public_pages_answer_any_raw_query_string(client, content, path, query):
    response = client.get(path, QUERY_STRING=query)

    # "page=0" is a page the archive does not have: 404, as for /nyheter/?page=0.
    assert response.status_code == 200 or (path == "/nyheter/" and response.status_code == 404)


# Personal links --------------------------------------------------------------------------


@given(
    path=st.sampled_from(["bekrafta", "hantera", "avsluta", "radera"]),
    method=st.sampled_from(["get", "post"]),
    token=tokens,
)
def test_personal_links_answer_any_token_with_a_swedish_page_and_change_nothing(client, path, method, token):
    subscriber = Subscriber.objects.first() or SubscriberFactory(confirmed=True, email="anna@example.se")
    before = Subscriber.objects.values().get(pk=subscriber.pk)

    response = getattr(client, method)(f"/prenumeration/{path}/{quote(token, safe='')}/")

    assert response.status_code in {400, 404}
    if response.status_code == 400:
        assert SWEDISH_LINK_PROBLEM in response.content.decode()
    assert Subscriber.objects.values().get(pk=subscriber.pk) == before


@example(subscriber_id=0, key="\x00")
@example(subscriber_id=2**63, key="x")
@example(subscriber_id=-(2**70), key="")
@given(subscriber_id=st.integers(), key=any_text)
def test_a_signed_link_for_a_subscriber_who_does_not_exist_changes_nothing(client, subscriber_id, key):
    subscriber = Subscriber.objects.first() or SubscriberFactory(confirmed=True, email="anna@example.se")
    before = Subscriber.objects.values().get(pk=subscriber.pk)
    token = signing.dumps([subscriber_id, key], salt=MANAGE_SALT)

    response = client.post(f"/prenumeration/avsluta/{token}/")

    assert response.status_code == 400
    assert Subscriber.objects.values().get(pk=subscriber.pk) == before


# Forms -----------------------------------------------------------------------------------


def choices(valid):
    """A form value: one of the valid ones, or anything."""
    return st.one_of(st.sampled_from(valid), any_text)


@given(data=st.data())
def test_sign_up_answers_any_form_and_stores_only_valid_subscribers(client, content, data):
    topic_ids = [str(pk) for pk in Topic.objects.values_list("pk", flat=True)]
    # Half the examples are forms a person could send, so sign-ups are also stored and checked.
    likely = st.fixed_dictionaries(
        {
            "email": st.emails(),
            "follow": st.sampled_from(["alla", "amnen"]),
            "topics": st.lists(st.sampled_from(topic_ids), min_size=1, max_size=3),
            "frequency": st.sampled_from(list(Frequency.values)),
            "consent": st.just("on"),
        }
    )
    anything = st.fixed_dictionaries(
        {},
        optional={
            "email": email_like,
            "follow": choices(["alla", "amnen"]),
            "topics": st.lists(choices(topic_ids), max_size=3),
            "frequency": choices(list(Frequency.values)),
            "consent": choices(["on"]),
            "website": st.one_of(st.just(""), any_text),
        },
    )
    form = data.draw(st.one_of(likely, anything))

    response = client.post("/prenumeration/", form)
    event(f"answer {response.status_code}")  # --hypothesis-show-statistics: how many were stored

    # An empty post (an empty list sends nothing) shows the empty form, as a GET does.
    empty = not any(value != [] for value in form.values())
    assert response.status_code in ({200} if empty else {302, 400})
    if response.status_code == 400:
        assert_swedish_refusal(response)
    if response.status_code == 302 and not form.get("website"):
        assert Subscriber.objects.filter(email__iexact=form["email"].strip()).exists()
    assert_every_subscriber_valid()


@given(email=email_like)
def test_lost_link_form_answers_any_address_and_never_stores_one(client, email):
    response = client.post("/prenumeration/avsluta/", {"email": email})

    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert_swedish_refusal(response)
    assert not Subscriber.objects.exists()


@given(data=st.data())
def test_personal_page_answers_any_form_and_keeps_the_subscriber_valid(client, content, data):
    subscriber = Subscriber.objects.first() or SubscriberFactory(confirmed=True, email="anna@example.se")
    token = manage_token_make(subscriber=subscriber)
    topic_ids = [str(pk) for pk in Topic.objects.values_list("pk", flat=True)]
    form = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "follow": choices(["alla", "amnen"]),
                "topics": st.lists(choices(topic_ids), max_size=3),
                "frequency": choices(list(Frequency.values)),
            },
        )
    )

    response = client.post(f"/prenumeration/hantera/{token}/", form)
    event(f"answer {response.status_code}")

    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert_swedish_refusal(response)
    assert_every_subscriber_valid()
