"""Absolute URLs: SITE_URL when set; in the local demo without it, the address actually served."""

import re

import pytest

from tests.articles.factories import ArticleFactory
from tests.vastkom.test_settings import run
from vastkom.core.siteurl import site_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_without_site_url(settings):
    """`make run PORT=8150` with no SITE_URL in the environment."""
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_URL_FROM_REQUEST = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]


def canonical(response) -> str:
    return re.search(r'<link rel="canonical" href="([^"]*)">', response.content.decode()).group(1)


def test_without_site_url_the_demo_links_to_the_port_it_is_served_on(client, demo_without_site_url):
    response = client.get("/nyheter/", HTTP_HOST="127.0.0.1:8150")

    assert canonical(response) == "http://127.0.0.1:8150/nyheter/"


def test_without_site_url_feeds_sitemap_and_robots_follow_the_served_address(client, demo_without_site_url):
    article = ArticleFactory()

    feed = client.get("/nyheter/rss/", HTTP_HOST="127.0.0.1:8150").content.decode()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8150").content.decode()
    section_url = re.search(r"<loc>(http://127\.0\.0\.1:8150/sitemap-nyheter-\d+\.xml)</loc>", sitemap).group(1)
    section = client.get(section_url.removeprefix("http://127.0.0.1:8150"), HTTP_HOST="127.0.0.1:8150").content.decode()
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8150").content.decode()

    assert f"http://127.0.0.1:8150{article.get_absolute_url()}" in feed
    assert f"<loc>http://127.0.0.1:8150{article.get_absolute_url()}</loc>" in section
    assert "Sitemap: http://127.0.0.1:8150/sitemap.xml" in robots
    assert ":8000" not in feed + sitemap + section + robots


def test_with_site_url_set_the_request_host_never_leaks_into_links(client, settings):
    settings.SITE_URL = "https://www.vastkom.se"
    settings.SITE_URL_FROM_REQUEST = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]

    response = client.get("/nyheter/", HTTP_HOST="127.0.0.1:8150")

    assert canonical(response) == "https://www.vastkom.se/nyheter/"


def test_outside_a_request_site_url_is_the_setting(settings, demo_without_site_url):
    assert site_url() == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("env", "follows"),
    [
        ({"DJANGO_DEBUG": "1"}, "True"),
        ({"DJANGO_DEBUG": "1", "SITE_URL": "https://www.vastkom.se"}, "False"),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "prod-" + "x9" * 30}, "False"),
    ],
    ids=["demo-without-site-url", "demo-with-site-url", "production"],
)
def test_the_setting_follows_the_request_only_in_debug_without_site_url(env, follows):
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL_FROM_REQUEST)"

    result = run(["-c", code], **env)

    assert result.stdout.strip() == follows, result.stderr
