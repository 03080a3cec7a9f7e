import pytest

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from topics.models import Topic
from vastkom.core.slugs import swedish_slugify, unique_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Nära vård", "nara-vard"),
        ("Hälso- och sjukvårdsavtal", "halso-och-sjukvardsavtal"),
        ("ÖSTRA GÖINGE – Åmål", "ostra-goinge-amal"),
        ("Café för äldre", "cafe-for-aldre"),
    ],
)
def test_swedish_slugify_folds_swedish_letters(title, slug):
    assert swedish_slugify(title) == slug


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_save_fills_empty_slug_from_title(factory):
    assert factory(title="Nära vård", slug="").slug == "nara-vard"


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_save_makes_slug_unique(factory):
    factory(title="Nära vård", slug="")

    assert factory(title="Nära vård", slug="").slug == "nara-vard-2"


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Article, Topic])
def test_unique_slug_keeps_within_max_length(model):
    model_instance = model(title="x")
    long_title = "Väldigt " * 20

    slug = unique_slug(model_instance, long_title, max_length=20)

    assert len(slug) <= 20


@pytest.mark.django_db
def test_unique_slug_ignores_the_row_itself():
    article = ArticleFactory(title="Nära vård", slug="nara-vard")

    assert unique_slug(article, "Nära vård") == "nara-vard"


@pytest.mark.django_db
def test_title_without_letters_gets_a_fallback_slug():
    assert TopicFactory(title="– ? –", slug="").slug == "sida"
