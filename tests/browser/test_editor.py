"""The editor in a real browser: an image without alt text blocks publishing until the alt text
is added in the dialog, the public page shows the rendition; a pasted image is uploaded; the
admin pages this work adds or changes pass axe."""

import base64
import re

import pytest
from django.test import Client

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.browser.conftest import axe_violations, describe
from tests.conftest import image_bytes
from tests.vastkom.factories import library_document, library_image
from vastkom.core.models import ImageAsset
from vastkom.core.publishing import Status

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

EDITOR_READY = "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
DIALOG = ".cke_dialog_container:visible"
ALT_TEXT = "Tre talare framför en projektorduk."


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_superuser("publicerare", "publicerare@example.se", None)


def log_in(page, site, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])


def open_editor(page, url):
    page.goto(url)
    page.wait_for_function(EDITOR_READY)
    # The caret at the end of the text, as after a click below the last paragraph.
    page.evaluate(
        """() => {
            const editor = CKEDITOR.instances.id_body;
            editor.focus();
            const range = editor.createRange();
            range.moveToElementEditEnd(range.root);
            editor.getSelection().selectRanges([range]);
        }"""
    )


def ask_to_publish(page):
    """The editor's way of saying "publish now" (a status today; buttons may replace it)."""
    button = page.locator("button[name='_publish'], input[name='_publish']")
    if button.count():
        button.first.click()
    else:
        page.select_option("#id_status", Status.PUBLISHED)
        page.click("input[name='_continue']")
    page.wait_for_load_state()


def test_image_without_alt_text_blocks_publishing_until_the_dialog_gets_one(page, site, publisher):
    article = ArticleFactory(draft=True, title="Konferens om nära vård", body="<p>Text före bilden.</p>")
    log_in(page, site, publisher)
    open_editor(page, f"{site}/admin/articles/article/{article.pk}/change/")

    # Insert an image through the dialog's upload tab, leaving the alt text empty.
    page.click(".cke_button__image")
    page.click(f"{DIALOG} a.cke_dialog_tab:has-text('Ladda upp')")
    page.frame_locator(f"{DIALOG} iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(
        files=[{"name": "konferens.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (1600, 900))}]
    )
    page.click(f"{DIALOG} a.cke_dialog_ui_fileButton")
    page.wait_for_function("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl').includes('/media/bilder/')")
    page.click(f"{DIALOG} a.cke_dialog_ui_button_ok")

    ask_to_publish(page)

    message = page.locator(".field-body .errorlist").inner_text()
    assert "Bilden ”konferens-" in message and "saknar alternativtext" in message
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    page.wait_for_function(EDITOR_READY)
    violations = axe_violations(page)  # the form with its error messages
    assert violations == [], describe(violations)

    # Add the alt text in the image dialog and publish again.
    page.frame_locator("#cke_id_body iframe").locator("img").dblclick()
    # The dialog has read the image (its address is filled in) before we type.
    page.wait_for_function(
        "CKEDITOR.dialog.getCurrent() && CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl').includes('/media/')"
    )
    page.get_by_label("Alternativtext (beskriv vad bilden visar)").fill(ALT_TEXT)
    page.click(f"{DIALOG} a.cke_dialog_ui_button_ok")
    page.wait_for_function("alt => CKEDITOR.instances.id_body.getData().includes(alt)", arg=ALT_TEXT)
    ask_to_publish(page)

    assert page.locator(".errorlist").all_inner_texts() == []
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.quality_errors == 0

    page.goto(site + article.get_absolute_url())
    image = page.locator(".richtext img")
    assert image.get_attribute("alt") == ALT_TEXT
    assert re.search(r"-480w\.webp 480w, .*-1200w\.webp 1200w", image.get_attribute("srcset"))
    assert image.get_attribute("src").endswith("-800w.webp")
    assert image.get_attribute("loading") == "lazy"
    assert (image.get_attribute("width"), image.get_attribute("height")) == ("800", "450")


def test_pasted_image_is_uploaded_into_the_library(page, site, publisher):
    article = ArticleFactory(draft=True, body="<p>Klistra in här.</p>")
    log_in(page, site, publisher)
    console = []
    page.on("console", lambda message: console.append(message.text))
    open_editor(page, f"{site}/admin/articles/article/{article.pk}/change/")
    png = base64.b64encode(image_bytes("PNG", (320, 200))).decode()

    # A screenshot on the system clipboard, pasted with Ctrl+V into the text.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.evaluate(
        """async (data) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const blob = new Blob([bytes], {type: "image/png"});
            await navigator.clipboard.write([new ClipboardItem({"image/png": blob})]);
        }""",
        png,
    )
    page.frame_locator("#cke_id_body iframe").locator("body").press("Control+V")

    page.wait_for_function(
        "CKEDITOR.instances.id_body.getData().includes('/media/bilder/')"
        " && !CKEDITOR.instances.id_body.getData().includes('data:')"
    )

    asset = ImageAsset.objects.get()
    assert (asset.width, asset.height) == (320, 200)
    assert not [text for text in console if "clipboard-image-handling-disabled" in text]
    assert asset.file.url in page.evaluate("CKEDITOR.instances.id_body.getData()")


ADMIN_PAGES = [
    "/admin/core/imageasset/",
    "/admin/core/imageasset/add/",
    "/admin/core/imageasset/{image}/change/",
    "/admin/core/document/",
    "/admin/core/document/add/",
    "/admin/core/document/{document}/change/",
    "/ckeditor/browse/?CKEditor=id_body&CKEditorFuncNum=1&langCode=sv",
    "/ckeditor/dokument/browse/?CKEditor=id_body&CKEditorFuncNum=1&langCode=sv",
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/articles/article/{article}/change/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_axe_finds_nothing_on_the_admin_pages_this_work_adds_or_changes(page, site, publisher, path):
    image = library_image(alt_text="Karta över regionen.", credit="Lantmäteriet")
    document = library_document(title="Årsredovisning 2025")
    article = ArticleFactory(
        with_image=True,
        body=f'<p><img src="{image.file.url}"></p><p><a href="https://www.skr.se/">här</a></p>',
    )
    log_in(page, site, publisher)

    page.goto(site + path.format(image=image.pk, document=document.pk, article=article.pk))
    if page.locator("textarea[data-type=ckeditortype]").count():
        page.wait_for_function(EDITOR_READY)

    violations = axe_violations(page)

    assert violations == [], f"{path}:\n{describe(violations)}"
