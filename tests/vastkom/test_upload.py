"""The editor's image upload: staff only, real images only, nothing stored on refusal."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor/upload/"
NOT_AN_IMAGE = "Filen är ingen bild som kan visas. Ladda upp en bild i formatet JPEG, PNG, GIF eller WebP."
WRONG_EXTENSION = "Filnamnets ändelse stämmer inte med bildens format."

REFUSED = [
    pytest.param("anteckningar.txt", "Hej, det här är text.".encode(), NOT_AN_IMAGE, id="text-file"),
    pytest.param("bild.png", b"<html><script>alert(1)</script></html>", NOT_AN_IMAGE, id="html-renamed-png"),
    pytest.param("bild.html", image_bytes("PNG"), WRONG_EXTENSION, id="png-renamed-html"),
    pytest.param("bild.jpg", image_bytes("PNG"), WRONG_EXTENSION, id="png-renamed-jpg"),
    pytest.param("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', NOT_AN_IMAGE, id="svg"),
    pytest.param("bild.png", image_bytes("PNG")[:40], NOT_AN_IMAGE, id="truncated-png"),
    pytest.param("bild.png", b"", NOT_AN_IMAGE, id="empty-file"),
]


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="personal", password="lösen-för-test-5", is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_upload_refuses_what_is_not_an_image_with_swedish_error(staff_client, name, content, message):
    response = staff_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["uploaded"] == 0
    assert body["error"]["message"].startswith(message)


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_refused_upload_writes_nothing(staff_client, media_in_tmp, name, content, message):
    staff_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, content)})

    assert stored_files(media_in_tmp) == []


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_refused_upload_shows_swedish_error_in_the_editors_upload_dialog(staff_client, name, content, message):
    """The editor posts with ``CKEditorFuncNum`` (upload method "form") and shows only a callback's message."""
    response = staff_client.post(f"{UPLOAD_URL}?CKEditorFuncNum=3", {"upload": SimpleUploadedFile(name, content)})

    text = response.content.decode()
    assert "window.parent.CKEDITOR.tools.callFunction(3, " in text
    assert message in text


def test_upload_without_a_file_is_refused(staff_client):
    response = staff_client.post(UPLOAD_URL, {})

    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == "Ingen fil skickades."


@pytest.mark.parametrize(("name", "image_format"), [("karta.png", "PNG"), ("foto.jpg", "JPEG"), ("foto.JPEG", "JPEG")])
def test_upload_stores_a_real_image(staff_client, media_in_tmp, name, image_format):
    response = staff_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, image_bytes(image_format))})

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["uploaded"] == "1"
    assert body["url"].startswith("/media/uploads/")
    stored = media_in_tmp / body["url"].removeprefix("/media/")
    assert stored.read_bytes() == image_bytes(image_format)


def test_upload_answers_the_editors_dialog_with_the_image_url(staff_client):
    response = staff_client.post(
        f"{UPLOAD_URL}?CKEditorFuncNum=3", {"upload": SimpleUploadedFile("karta.png", image_bytes("PNG"))}
    )

    assert response.status_code == 200
    assert "window.parent.CKEDITOR.tools.callFunction(3, '/media/uploads/" in response.content.decode()


def test_upload_sends_anonymous_to_login_and_writes_nothing(client, media_in_tmp):
    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("karta.png", image_bytes("PNG"))})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert stored_files(media_in_tmp) == []


def test_upload_sends_non_staff_user_to_login_and_writes_nothing(client, django_user_model, media_in_tmp):
    client.force_login(django_user_model.objects.create_user(username="besokare", password="lösen-för-test-6"))

    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("karta.png", image_bytes("PNG"))})

    assert response.status_code == 302
    assert stored_files(media_in_tmp) == []
