"""The image library: uploads become library items with renditions; body images are shown
as those renditions (never the original), reused from the editor's Swedish browse dialog."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from tests.articles.factories import ArticleFactory
from tests.conftest import image_bytes
from tests.vastkom.factories import library_image
from vastkom.core.library import image_assets_learn_alt_text, render_rich_text
from vastkom.core.models import ImageAsset

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def test_library_image_gets_webp_renditions_no_wider_than_1200(media_in_tmp):
    asset = library_image(size=(1600, 900))

    sizes = asset.renditions["sizes"]
    assert [(s["width"], s["height"]) for s in sizes] == [(240, 135), (480, 270), (800, 450), (1200, 675)]
    for size in sizes:
        with Image.open(media_in_tmp / size["url"].removeprefix("/media/")) as image:
            assert image.format == "WEBP"
            assert image.size == (size["width"], size["height"])


def test_stored_original_is_at_most_2400_pixels_on_its_long_side(media_in_tmp):
    asset = library_image(size=(3000, 2000))

    assert (asset.width, asset.height) == (2400, 1600)
    with Image.open(media_in_tmp / asset.file.name) as image:
        assert image.size == (2400, 1600)


def test_body_image_from_the_library_is_shown_as_renditions(client):
    asset = library_image(alt_text="Talare på scenen.")
    article = ArticleFactory(body=f'<p>Text före.</p><p><img src="{asset.file.url}" alt="Tre talare på scenen."></p>')

    content = client.get(article.get_absolute_url()).content.decode()

    img = re.search(r'<div class="richtext">.*?(<img [^>]*>)', content, re.DOTALL).group(1)
    assert 'srcset="' in img
    for size in asset.renditions["sizes"]:
        assert f"{size['url']} {size['width']}w" in img
    assert 'sizes="(min-width: 60em) 48rem, 100vw"' in img
    assert 'width="800" height="450"' in img
    assert 'loading="lazy"' in img
    assert 'alt="Tre talare på scenen."' in img
    assert asset.file.url not in content


def test_decorative_body_image_keeps_empty_alt_and_its_role(client):
    asset = library_image()
    article = ArticleFactory(body=f'<p>Text <img src="{asset.file.url}" alt="" role="presentation"> mer.</p>')

    content = client.get(article.get_absolute_url()).content.decode()

    assert re.search(r'<img src="[^"]+-800w\.webp"[^>]* alt="" role="presentation"', content)


def test_image_alone_in_its_paragraph_gets_caption_and_credit_from_the_library(client):
    asset = library_image(caption="Konferensen samlade 300 deltagare.", credit="Anna Berg")
    article = ArticleFactory(body=f'<p><img src="{asset.file.url}" alt="Publik i en hörsal."></p>')

    response = client.get(article.get_absolute_url())

    assertContains(response, '<figure class="richtext-figure">')
    assertContains(
        response,
        '<figcaption>Konferensen samlade 300 deltagare. <span class="credit">Foto: Anna Berg</span></figcaption>',
        html=True,
    )


def test_image_inside_running_text_gets_no_figure(client):
    asset = library_image(caption="Bildtext", credit="Anna Berg")
    article = ArticleFactory(body=f'<p>Se bilden <img src="{asset.file.url}" alt="Karta."> här.</p>')

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "richtext-figure")
    assertContains(response, "-800w.webp")


def test_image_outside_the_library_is_left_as_it_is():
    html = '<p><img src="https://bilder.example/karta.png" alt="Karta."></p>'

    assert render_rich_text(html) == html


def test_caption_and_credit_are_escaped():
    asset = library_image(caption="<script>alert(1)</script>", credit='"><img src=x onerror=alert(1)>')

    rendered = render_rich_text(f'<p><img src="{asset.file.url}" alt="Bild."></p>')

    assert "<script>" not in rendered
    assert "onerror=alert" not in rendered.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in rendered


def test_rendering_any_number_of_body_images_costs_one_query(django_assert_num_queries):
    assets = [library_image(name=f"bild-{i}.png", image_format="PNG", size=(300, 200)) for i in range(5)]
    html = "".join(f'<p>Bild {i}: <img src="{a.file.url}" alt="Bild {i}."></p>' for i, a in enumerate(assets))

    with django_assert_num_queries(1):
        rendered = render_rich_text(html)

    assert rendered.count("srcset=") == 5


def test_text_without_images_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        render_rich_text("<p>Bara text och en <a href='/nyheter/'>länk</a>.</p>")


def test_alt_text_written_in_a_text_is_remembered_by_the_library_item():
    asset = library_image()
    other = library_image(alt_text="Egen text.")

    updated = image_assets_learn_alt_text(
        html_text=f'<p><img src="{asset.file.url}" alt="Karta över regionen."><img src="{other.file.url}" alt="Ny"></p>'
    )

    asset.refresh_from_db()
    other.refresh_from_db()
    assert updated == 1
    assert asset.alt_text == "Karta över regionen."
    assert other.alt_text == "Egen text."


# -- The editor's browse dialog ------------------------------------------------------------------

BROWSE_URL = "/ckeditor/browse/?CKEditor=id_body&CKEditorFuncNum=7&langCode=sv"


def test_browse_dialog_is_swedish_and_lists_the_library_with_its_alt_text(admin_client):
    asset = library_image(alt_text="Karta över Västra Götaland.", credit="Lantmäteriet")

    response = admin_client.get(BROWSE_URL)

    assert response.status_code == 200
    assertContains(response, '<html lang="sv">')
    assertContains(response, "Välj en bild ur bildbanken")
    assertContains(response, f'data-url="{asset.file.url}"')
    assertContains(response, 'data-alt="Karta över Västra Götaland."')
    assertContains(response, 'data-func-num="7"')
    assertContains(response, "Foto: Lantmäteriet")
    assertNotContains(response, "Browse")


def test_browse_dialog_search_finds_by_alt_text_caption_or_file_name(admin_client):
    library_image(alt_text="Karta över regionen.")
    library_image(name="styrelsemote.jpg", caption="Styrelsen samlad.")

    response = admin_client.get(BROWSE_URL + "&q=styrelse")

    assertContains(response, "1 bild")
    assertContains(response, "styrelsemote.jpg")
    assertNotContains(response, "Karta över regionen.")


def test_browse_dialog_refuses_a_func_num_that_is_not_digits(admin_client):
    response = admin_client.get("/ckeditor/browse/?CKEditorFuncNum=1);alert(1);//")

    assert response.status_code == 400
    assertNotContains(response, "alert", status_code=400)


def test_browse_dialog_is_for_staff_only(client):
    response = client.get(BROWSE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_uploaded_image_is_reusable_from_the_browse_dialog(admin_client):
    admin_client.post("/ckeditor/upload/", {"upload": SimpleUploadedFile("karta.png", image_bytes("PNG"))})

    response = admin_client.get(BROWSE_URL)

    assertContains(response, f'data-url="{ImageAsset.objects.get().file.url}"')


# -- The library in the admin ----------------------------------------------------------------------


def test_admin_adds_a_library_image_through_the_guarded_path(admin_client, media_in_tmp):
    upload = SimpleUploadedFile("Årsmöte i Borås.jpg", image_bytes("JPEG", size=(400, 300)))

    response = admin_client.post(
        "/admin/core/imageasset/add/",
        {"file": upload, "alt_text": "Årsmötet.", "caption": "", "credit": "Per Ek"},
    )

    assert response.status_code == 302
    asset = ImageAsset.objects.get()
    assert re.fullmatch(r"bilder/\d{4}/\d{2}/arsmote-i-boras-[0-9a-f]{10}\.jpg", asset.file.name)
    assert asset.original_name == "Årsmöte i Borås.jpg"
    assert len(asset.renditions["sizes"]) == 2  # 240 and the full 400


def test_admin_refuses_a_broken_image_next_to_the_field_and_stores_nothing(admin_client, media_in_tmp):
    data = image_bytes("JPEG", size=(400, 300))
    upload = SimpleUploadedFile("bild.jpg", data[: len(data) * 2 // 3])

    response = admin_client.post("/admin/core/imageasset/add/", {"file": upload, "alt_text": ""})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assertContains(response, "Bilden är skadad eller ofullständig")
    assert ImageAsset.objects.count() == 0
    assert stored_files(media_in_tmp) == []


def test_admin_library_list_and_form_are_swedish(admin_client):
    library_image(alt_text="Karta.")

    listing = admin_client.get("/admin/core/imageasset/")
    form = admin_client.get("/admin/core/imageasset/add/")

    assertContains(listing, "Välj bild att ändra")
    assertContains(listing, "Karta.")
    assertContains(form, "Alternativtext")
    assertContains(form, "Fotograf/upphov")
