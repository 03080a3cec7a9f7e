"""The main image in the admin form: a thumbnail of the current image, the guarded upload path,
and a chosen image that survives a validation error elsewhere in the form."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.conftest import image_bytes
from tests.vastkom.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

KEPT_MESSAGE = "är vald men inte sparad än"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def kept_token(response) -> str:
    match = re.search(r'name="image__kept" value="([^"]+)"', response.content.decode())
    assert match, "no kept image in the form"
    return match.group(1)


def test_form_shows_a_thumbnail_of_the_current_main_image(editor_client):
    article = ArticleFactory(with_image=True)

    response = editor_client.get(change_url(article))

    smallest = article.image_renditions["sizes"][0]
    assertContains(response, f'<img class="image-input-thumbnail" src="{smallest["url"]}"')
    assertContains(response, 'alt="Nuvarande bild"')


def test_form_without_a_main_image_shows_no_thumbnail(editor_client):
    article = ArticleFactory()

    assertNotContains(editor_client.get(change_url(article)), "image-input-thumbnail")


def test_chosen_image_survives_an_error_elsewhere_and_is_saved_next_time(
    editor_client, media_in_tmp, django_capture_on_commit_callbacks
):
    article = ArticleFactory(body="<p>Text.</p>")
    url = change_url(article)
    data = admin_form_data(editor_client.get(url), image_alt="")
    data["image"] = SimpleUploadedFile("Konferensen.jpg", image_bytes("JPEG", size=(1000, 600)))

    first = editor_client.post(url, data)

    # The alt text is missing: the form comes back, with the image kept and said so.
    assert first.status_code == 200
    assert "image_alt" in first.context["adminform"].form.errors
    assertContains(first, "Bilden ”Konferensen.jpg” " + KEPT_MESSAGE)
    kept = list((media_in_tmp / "tmp" / "uploads").iterdir())
    assert len(kept) == 1
    article.refresh_from_db()
    assert not article.image

    # What the browser sends back: the same fields, no file, the kept reference, the alt text.
    data.pop("image")
    with django_capture_on_commit_callbacks(execute=True):
        second = editor_client.post(url, {**data, "image_alt": "Publik i en hörsal.", "image__kept": kept_token(first)})

    assert second.status_code == 302, second.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.image.name.startswith("articles/")
    assert article.image_alt == "Publik i en hörsal."
    assert [s["width"] for s in article.image_renditions["sizes"]] == [480, 800, 1000]
    assert not any((media_in_tmp / "tmp" / "uploads").iterdir())


def test_a_new_file_replaces_the_kept_one(editor_client):
    article = ArticleFactory()
    url = change_url(article)
    data = admin_form_data(editor_client.get(url), image_alt="")
    data["image"] = SimpleUploadedFile("forsta.png", image_bytes("PNG", size=(300, 200)))
    first = editor_client.post(url, data)

    data.update(
        image_alt="Andra bilden.",
        image__kept=kept_token(first),
        image=SimpleUploadedFile("andra.png", image_bytes("PNG", size=(200, 300))),
    )
    editor_client.post(url, data)

    article.refresh_from_db()
    assert (article.image_width, article.image_height) == (200, 300)


def test_a_tampered_kept_reference_is_ignored(editor_client):
    article = ArticleFactory()
    url = change_url(article)
    data = admin_form_data(editor_client.get(url))
    data["image__kept"] = "tmp/uploads/../../articles/annan.jpg:falsk"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.image


def test_main_image_takes_the_guarded_path(editor_client, media_in_tmp):
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (57.0, 42.0, 0.0)})
    buffer = BytesIO()
    Image.new("RGB", (3000, 2000), (0, 79, 113)).save(buffer, "JPEG", exif=exif.tobytes())
    article = ArticleFactory()
    url = change_url(article)
    data = admin_form_data(editor_client.get(url), image_alt="Havet.")
    data["image"] = SimpleUploadedFile("IMG_0001 från mobilen.jpg", buffer.getvalue())

    response = editor_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert re.fullmatch(r"articles/\d{4}/\d{2}/img_0001-fran-mobilen-[0-9a-f]{10}\.jpg", article.image.name)
    with Image.open(media_in_tmp / article.image.name) as stored:
        assert stored.size == (2400, 1600)
        assert stored.getexif().get_ifd(0x8825) == {}


def test_a_decompression_bomb_as_main_image_is_refused_next_to_the_field(editor_client, media_in_tmp):
    buffer = BytesIO()
    Image.new("1", (8000, 5000)).save(buffer, "PNG", optimize=True)
    article = ArticleFactory()
    url = change_url(article)
    data = admin_form_data(editor_client.get(url), image_alt="Bild.")
    data["image"] = SimpleUploadedFile("bomb.png", buffer.getvalue())

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert any("för många bildpunkter" in e for e in response.context["adminform"].form.errors["image"])
    assert not (media_in_tmp / "tmp").exists()
    assert Article.objects.get(pk=article.pk).image.name == ""
