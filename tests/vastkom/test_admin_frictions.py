"""What a new editor stumbled on in the admin: doubled breadcrumbs, unnamed inputs, new topics first."""

import re

import pytest
from pytest_django.asserts import assertContains

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory

pytestmark = pytest.mark.django_db


def breadcrumbs(response) -> list[str]:
    html = re.search(r'<div class="breadcrumbs">(.*?)</div>', response.content.decode(), re.S).group(1)
    return [re.sub(r"<[^>]+>", "", part).strip() for part in html.split("&rsaquo;")]


@pytest.mark.parametrize(
    "url",
    ["/admin/articles/article/", "/admin/articles/article/add/", "/admin/articles/article/{pk}/change/"],
)
def test_news_breadcrumbs_say_nyheter_once(publisher_client, url):
    article = ArticleFactory(title="Rubriken")

    crumbs = breadcrumbs(publisher_client.get(url.format(pk=article.pk)))

    assert crumbs.count("Nyheter") == 1, crumbs
    assert crumbs[0] == "Hem"


def test_topic_breadcrumbs_keep_their_app(publisher_client):
    topic = TopicFactory(title="Nära vård")

    crumbs = breadcrumbs(publisher_client.get(f"/admin/topics/topic/{topic.pk}/change/"))

    assert crumbs == ["Hem", "Ämnessidor och kontaktpersoner", "Ämnessidor", "Nära vård"]


def test_a_new_topic_is_placed_last_not_first(publisher_client):
    TopicFactory(order=3)
    TopicFactory(order=7)

    response = publisher_client.get("/admin/topics/topic/add/")

    assert response.context["adminform"].form["order"].value() == 8


def test_date_and_time_inputs_are_named_for_screen_readers(publisher_client):
    response = publisher_client.get("/admin/articles/article/add/")

    assertContains(response, 'aria-label="Publiceras, datum"')
    assertContains(response, 'aria-label="Publiceras, tid"')
    assertContains(response, 'aria-label="Avpubliceras, datum"')


def test_contact_persons_have_one_name_with_help_text(publisher_client):
    form = publisher_client.get("/admin/articles/article/add/").context["adminform"].form

    assert form.fields["contacts"].label == "Kontaktpersoner"
    assert "Upplysningar" in form.fields["contacts"].help_text
