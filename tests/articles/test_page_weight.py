"""The public article page with images stays light: under 30 KB of HTML, and every image it
loads is a rendition no wider than 1 200 px, never an uploaded original."""

import re
from html.parser import HTMLParser

import pytest
from PIL import Image

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.factories import library_image
from vastkom.site import demo_content

pytestmark = pytest.mark.django_db

MAX_HTML_BYTES = 30 * 1024
MAX_IMAGE_WIDTH = 1200


class ImageSources(HTMLParser):
    """Every URL an ``<img>`` may load: ``src`` and each ``srcset`` candidate with its width."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources = []  # (url, declared width or None)

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        attrs = dict(attrs)
        self.sources.append((attrs.get("src", ""), None))
        for candidate in filter(None, (c.strip() for c in (attrs.get("srcset") or "").split(","))):
            url, _, descriptor = candidate.partition(" ")
            self.sources.append((url, int(descriptor.rstrip("w"))))


@pytest.fixture
def article_with_images():
    """The seed article (real length) with its main image and a 2400 px photo in the body."""
    photo = library_image(name="publiken.jpg", size=(2400, 1600), alt_text="Publiken.", credit="Anna Berg")
    body = demo_content.SEED_ARTICLE["body"].strip() + f'<p><img src="{photo.file.url}" alt="Publiken i salen."></p>'
    topic = TopicFactory()
    return ArticleFactory(
        with_image=True,
        title=demo_content.SEED_ARTICLE["title"],
        lead=demo_content.SEED_ARTICLE["lead"],
        body=body,
        topics=[topic, TopicFactory(parent=topic)],
        contacts=ContactPersonFactory.create_batch(2),
    ), photo


def test_article_page_with_a_body_image_is_under_30_kb(client, article_with_images):
    article, _photo = article_with_images

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert len(response.content) < MAX_HTML_BYTES, f"{len(response.content)} bytes"


def test_every_image_on_the_article_page_is_a_rendition_no_wider_than_1200(client, media_in_tmp, article_with_images):
    article, photo = article_with_images
    parser = ImageSources()
    parser.feed(client.get(article.get_absolute_url()).content.decode())

    # The site's own artwork (the logo) is a vector file among the static files, not an upload.
    artwork = re.compile(r"/static/img/[\w-]+\.svg")
    uploaded = [(url, declared) for url, declared in parser.sources if not artwork.fullmatch(url)]
    assert len(uploaded) >= 8  # main image and body image, each src + 4 or 3 srcset candidates
    for url, declared in uploaded:
        assert re.fullmatch(r"/media/renditions/.+-\d+w\.webp", url), url
        with Image.open(media_in_tmp / url.removeprefix("/media/")) as image:
            assert image.width <= MAX_IMAGE_WIDTH, url
            assert declared in (None, image.width), url
    assert photo.file.url not in {url for url, _ in parser.sources}
    assert article.image.url not in {url for url, _ in parser.sources}
