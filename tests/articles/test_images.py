"""Main images: resized WebP renditions, and pages that never show the original upload."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from tests.articles.factories import ArticleFactory
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def rendition_path(media_root, url):
    return media_root / url.removeprefix("/media/")


def test_main_image_gets_renditions_no_wider_than_1200(media_in_tmp):
    article = ArticleFactory(with_image=True)

    sizes = article.image_renditions["sizes"]

    assert [s["width"] for s in sizes] == [480, 800, 1200]
    assert [s["height"] for s in sizes] == [270, 450, 675]


def test_renditions_are_webp_files_of_the_stated_size(media_in_tmp):
    article = ArticleFactory(with_image=True)

    for size in article.image_renditions["sizes"]:
        with Image.open(rendition_path(media_in_tmp, size["url"])) as image:
            assert image.format == "WEBP"
            assert image.size == (size["width"], size["height"])


def test_renditions_are_stored_in_the_database_row():
    article = ArticleFactory(with_image=True)
    article.refresh_from_db()

    assert article.image_renditions["source"] == article.image.name
    assert len(article.image_renditions["sizes"]) == 3


def test_small_image_is_not_enlarged():
    article = ArticleFactory(
        image=ContentFile(image_bytes("PNG", size=(300, 200)), name="liten.png"), image_alt="En liten bild."
    )

    assert [(s["width"], s["height"]) for s in article.image_renditions["sizes"]] == [(300, 200)]


def test_article_page_never_references_the_original_upload(client):
    article = ArticleFactory(with_image=True)

    content = client.get(article.get_absolute_url()).content.decode()

    assert article.image.url not in content
    assert article.image.name not in content
    assert article.image_renditions["sizes"][1]["url"] in content


@pytest.mark.parametrize("url", ["/", "/nyheter/"])
def test_lists_never_reference_the_original_upload(client, url):
    article = ArticleFactory(with_image=True)

    assert article.image.url not in client.get(url).content.decode()


def test_replacing_the_image_makes_new_renditions():
    article = ArticleFactory(with_image=True)
    old_urls = [s["url"] for s in article.image_renditions["sizes"]]

    article.image = ContentFile(image_bytes("JPEG", size=(1000, 1000)), name="ny-bild.jpg")
    article.save()
    article.refresh_from_db()

    assert article.image_renditions["source"] == article.image.name
    assert [(s["width"], s["height"]) for s in article.image_renditions["sizes"]] == [
        (480, 480),
        (800, 800),
        (1000, 1000),
    ]
    assert not set(old_urls) & {s["url"] for s in article.image_renditions["sizes"]}


def test_removing_the_image_removes_its_renditions_from_the_page(client):
    article = ArticleFactory(with_image=True)

    article.image = None
    article.save()

    assert article.image_renditions == {"source": "", "sizes": []}
    assert "<figure" not in client.get(article.get_absolute_url()).content.decode()


def test_save_without_a_new_image_does_not_redo_renditions(media_in_tmp):
    article = ArticleFactory(with_image=True)
    first = rendition_path(media_in_tmp, article.image_renditions["sizes"][0]["url"])
    default_storage.delete(str(first.relative_to(media_in_tmp)))

    article.title = "Ny rubrik"
    article.save()

    assert not first.exists()
