import pytest
from django.db import connection

from tests.articles.factories import ArticleFactory


@pytest.mark.django_db
def test_home_lists_a_published_article(client):
    article = ArticleFactory(title="Nära vård i fokus")

    response = client.get("/")

    assert response.status_code == 200
    assert article.title in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"
