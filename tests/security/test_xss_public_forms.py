"""The XSS corpus through every public form: search (all payloads), sign-up (all payloads, in
every field at once), and a sample through the lost-link form, the personal page and the
personal links themselves. Every answer is parsed (html5lib) and must carry nothing executable;
nothing is stored."""

from urllib.parse import quote

import html5lib
import pytest
from django.core.cache import cache

from subscriptions.models import Subscriber
from subscriptions.tokens import manage_token_make
from tests.articles.factories import ArticleFactory
from tests.security import corpus
from tests.security.checker import executable_in_html
from tests.subscriptions.factories import SubscriberFactory
from tests.topics.factories import TopicFactory
from vastkom.site.search import clean_query

pytestmark = pytest.mark.django_db

FAMILIES = sorted({p.family for p in corpus.PAYLOADS})


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """The forms are posted hundreds of times from one address here; the limits are tested elsewhere."""
    settings.SUBSCRIPTIONS_RATE_LIMITS = {"ip": 100_000, "address": 100_000, "window_seconds": 3600}
    cache.clear()


def family(name):
    return [p for p in corpus.PAYLOADS if p.family == name]


def sampled(name):
    return [p for p in corpus.sample(per_family=2) if p.family == name]


def heading(page: str) -> str:
    root = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    return "".join(root.find(".//h1").itertext())


def email_value(page: str) -> str:
    root = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    return root.find(".//input[@name='email']").get("value")


def problems(findings: dict) -> dict:
    return {where: found for where, found in findings.items() if found}


@pytest.mark.parametrize("name", FAMILIES)
def test_every_payload_as_a_search_query_gives_a_clean_page_that_shows_it_as_text(client, name):
    ArticleFactory(title="Larm om alert", lead="Ett alert(1) och <script> i ingressen, som text.")
    findings = {}
    for payload in family(name):
        response = client.get("/sok/", {"q": payload.text})
        page = response.content.decode()
        findings[payload.id] = executable_in_html(page)
        assert response.status_code == 200
        if clean_query(payload.text):
            assert clean_query(payload.text) in heading(page)

    assert problems(findings) == {}


@pytest.mark.parametrize("name", FAMILIES)
def test_every_payload_in_every_sign_up_field_is_refused_on_a_clean_page_and_stores_nothing(client, name):
    topic = TopicFactory()
    findings = {}
    for payload in family(name):
        data = {
            "email": payload.text,
            "follow": payload.text,
            "topics": [payload.text, str(topic.pk)],
            "frequency": payload.text,
            "consent": payload.text,
            "website": payload.text,
        }
        response = client.post("/prenumeration/", data)
        page = response.content.decode()
        findings[payload.id] = executable_in_html(page)
        assert response.status_code == 400, payload.id
        if payload.text == payload.text.strip() and payload.text.isprintable():
            assert email_value(page) == payload.text  # shown again, as the value of the field

    assert problems(findings) == {}
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("name", FAMILIES)
def test_sampled_payloads_in_the_lost_link_form_the_personal_page_and_the_links_give_clean_pages(client, name):
    subscriber = SubscriberFactory(confirmed=True, email="anna@example.se")
    token = manage_token_make(subscriber=subscriber)
    before = Subscriber.objects.values().get()
    findings = {}
    for payload in sampled(name):
        response = client.post("/prenumeration/avsluta/", {"email": payload.text})
        assert response.status_code == 400
        findings[f"{payload.id} lost link"] = executable_in_html(response.content.decode())

        data = {"follow": payload.text, "topics": [payload.text], "frequency": payload.text}
        response = client.post(f"/prenumeration/hantera/{token}/", data)
        assert response.status_code == 400
        findings[f"{payload.id} manage"] = executable_in_html(response.content.decode())

        for path in ("bekrafta", "hantera", "avsluta", "radera"):
            response = client.get(f"/prenumeration/{path}/{quote(payload.text, safe='')}/")
            assert response.status_code in {400, 404}
            findings[f"{payload.id} {path} link"] = executable_in_html(response.content.decode())

    assert problems(findings) == {}
    assert Subscriber.objects.values().get() == before
