"""Main images: resized WebP renditions, and pages that never show the original upload."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.conftest import image_bytes
from tests.topics.factories import ContactPersonFactory, TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from topics.models import ContactPerson

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


AFTER_DEMO = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_without_one_image_file():
    """The demo content with the seed article's uploaded file gone from storage (renditions kept)."""
    with time_machine.travel(AFTER_DEMO, tick=False):
        call_command("load_demo", stdout=StringIO())
        article = Article.objects.exclude(image="").get(slug="dialog-om-god-och-nara-vard-ur-kommunperspektiv")
        default_storage.delete(article.image.name)
        assert not default_storage.exists(article.image.name)
        yield article


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/nyheter/",
        "/nyheter/rss/",
        "/sok/?q=n%C3%A4ra+v%C3%A5rd",
        "/amnen/nara-vard/",
        "/amnen/nara-vard/rss/",
        "/nyheter/dialog-om-god-och-nara-vard-ur-kommunperspektiv/",
    ],
)
def test_pages_answer_when_an_image_file_is_missing(client, demo_without_one_image_file, url):
    assert client.get(url).status_code == 200


def test_admin_opens_and_saves_an_article_whose_image_file_is_missing(editor_client, demo_without_one_image_file):
    url = f"/admin/articles/article/{demo_without_one_image_file.pk}/change/"

    response = editor_client.post(url, admin_form_data(editor_client.get(url), title="Ny rubrik"))

    assert response.status_code == 302
    assert Article.objects.get(pk=demo_without_one_image_file.pk).title == "Ny rubrik"


def storage_out_of_reach(monkeypatch):
    """From now on, any attempt to read, stat or list a stored file fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a page touched the file system to render")

    for name in ("_open", "exists", "size", "listdir", "get_modified_time", "get_accessed_time"):
        monkeypatch.setattr(FileSystemStorage, name, refuse)
    monkeypatch.setattr(Image, "open", refuse)


def test_pages_with_images_never_touch_the_file_system_to_render(client, monkeypatch):
    """Rows as the demo wrote them: an image name, renditions, and no stored width or height."""
    contact = ContactPersonFactory()
    topic = TopicFactory(slug="nara-vard", contacts=[contact])
    article = ArticleFactory(topics=[topic], contacts=[contact], image_alt="En bild.")
    renditions = {"source": "x.jpg", "sizes": [{"url": "/media/renditions/x-480w.webp", "width": 480, "height": 270}]}
    Article.objects.filter(pk=article.pk).update(image="articles/x.jpg", image_renditions=renditions)
    ContactPerson.objects.filter(pk=contact.pk).update(photo="contacts/x.jpg", photo_renditions=renditions)
    storage_out_of_reach(monkeypatch)

    urls = ["/", "/nyheter/", "/nyheter/rss/", "/sok/?q=nyhet", topic.get_absolute_url(), article.get_absolute_url()]
    pages = {url: client.get(url) for url in urls}

    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(urls, 200)
    for url in (topic.get_absolute_url(), article.get_absolute_url()):
        assert "/media/renditions/x-480w.webp" in pages[url].content.decode()


def test_a_missing_file_gives_no_image_and_a_log_line_when_renditions_are_made(caplog):
    article = ArticleFactory()

    article.image = "articles/finns-inte.jpg"
    article.image_alt = "En bild som saknas."
    article.save()

    article.refresh_from_db()
    assert article.image_renditions == {"source": "articles/finns-inte.jpg", "sizes": []}
    assert "articles/finns-inte.jpg" in caplog.text
    assert any(r.levelname == "WARNING" for r in caplog.records)
