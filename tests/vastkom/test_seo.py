import re

import pytest

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db


def head_of(response) -> str:
    body = response.content.decode()
    return body[: body.index("</head>")]


def meta(head: str, attr: str, name: str) -> list[str]:
    return re.findall(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', head)


def test_every_page_has_one_canonical_url_on_the_site_address(client):
    head = head_of(client.get("/nyheter/", {"utm_source": "x"}))

    assert re.findall(r'<link rel="canonical" href="([^"]*)">', head) == ["http://testserver/nyheter/"]


def test_an_article_describes_itself_with_its_lead_and_open_graph_tags(client):
    article = ArticleFactory(with_image=True, title="Nära vård & mer", lead="Ingressen om ”nära vård”.")

    head = head_of(client.get(article.get_absolute_url()))

    assert meta(head, "name", "description") == ["Ingressen om ”nära vård”."]
    assert meta(head, "property", "og:type") == ["article"]
    assert meta(head, "property", "og:title") == ["Nära vård &amp; mer"]
    assert meta(head, "property", "og:description") == ["Ingressen om ”nära vård”."]
    assert meta(head, "property", "og:url") == [f"http://testserver{article.get_absolute_url()}"]
    assert meta(head, "property", "og:image:alt") == [article.image_alt]


def test_the_open_graph_image_is_the_largest_rendition_as_an_absolute_url(client):
    article = ArticleFactory(with_image=True)
    largest = max(article.image_renditions["sizes"], key=lambda s: s["width"])

    head = head_of(client.get(article.get_absolute_url()))

    assert meta(head, "property", "og:image") == [f"http://testserver{largest['url']}"]
    assert meta(head, "property", "og:image:width") == [str(largest["width"])]
    assert largest["width"] == 1200


def test_an_article_without_an_image_has_no_open_graph_image(client):
    article = ArticleFactory()

    assert meta(head_of(client.get(article.get_absolute_url())), "property", "og:image") == []


def test_a_topic_page_describes_itself_with_its_intro(client):
    topic = TopicFactory(title="Nära vård", intro="Omställningen till nära vård.")

    head = head_of(client.get(topic.get_absolute_url()))

    assert meta(head, "name", "description") == ["Omställningen till nära vård."]
    assert meta(head, "property", "og:title") == ["Nära vård"]
    assert meta(head, "property", "og:description") == ["Omställningen till nära vård."]


def test_a_topic_page_without_intro_falls_back_to_the_site_description(client):
    topic = TopicFactory(title="Nära vård", intro="")

    head = head_of(client.get(topic.get_absolute_url()))

    assert meta(head, "name", "description")[0].startswith("VästKom är kommunernas")
    assert meta(head, "property", "og:description")[0].startswith("VästKom är kommunernas")


def test_other_pages_have_a_site_description_and_open_graph_defaults(client):
    head = head_of(client.get("/"))

    assert meta(head, "name", "description")[0].startswith("VästKom är kommunernas")
    assert meta(head, "property", "og:type") == ["website"]
    assert meta(head, "property", "og:title") == ["VästKom"]
    assert meta(head, "property", "og:locale") == ["sv_SE"]


def test_the_sign_up_page_may_be_indexed(client):
    head = head_of(client.get("/prenumeration/"))

    assert meta(head, "name", "robots") == []


def test_personal_subscription_pages_are_kept_out_of_search_engines(client):
    from subscriptions.tokens import manage_token_make
    from tests.subscriptions.factories import SubscriberFactory

    subscriber = SubscriberFactory(confirmed=True)
    token = manage_token_make(subscriber=subscriber)

    for path in (f"/prenumeration/hantera/{token}/", f"/prenumeration/radera/{token}/", "/prenumeration/hantera/fel/"):
        head = head_of(client.get(path))
        assert meta(head, "name", "robots") == ["noindex"], path
