"""The editor's image upload: staff only, CSRF-checked, real images only, JSON answers,
and nothing stored on refusal (issue 7, items 3 and 4)."""

import json
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor/upload/"
NOT_AN_IMAGE = "Filen är ingen bild som kan visas. Ladda upp en bild i formatet JPEG, PNG, GIF eller WebP."
WRONG_EXTENSION = "Filnamnets ändelse stämmer inte med bildens format."
DAMAGED = "Bilden är skadad eller ofullständig"
TOO_MANY_PIXELS = "Bilden har för många bildpunkter"
TOO_LARGE = "Filen är för stor."


def truncated_jpeg() -> bytes:
    """A real JPEG cut off in the middle of its image data: the header still reads fine."""
    data = image_bytes("JPEG", size=(800, 600))
    return data[: len(data) * 2 // 3]


def zero_filled_png(width, height) -> bytes:
    """A tiny file that decodes to a huge image (a decompression bomb)."""
    buffer = BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def png_header_only(width, height) -> bytes:
    """Just a PNG's signature and header: enough for Pillow to read the size, nothing to decode."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


REFUSED = [
    pytest.param("anteckningar.txt", "Hej, det här är text.".encode(), NOT_AN_IMAGE, id="text-file"),
    pytest.param("bild.png", b"<html><script>alert(1)</script></html>", NOT_AN_IMAGE, id="html-renamed-png"),
    pytest.param("bild.html", image_bytes("PNG"), WRONG_EXTENSION, id="png-renamed-html"),
    pytest.param("bild.jpg", image_bytes("PNG"), WRONG_EXTENSION, id="png-renamed-jpg"),
    pytest.param("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', NOT_AN_IMAGE, id="svg"),
    pytest.param("bild.png", image_bytes("PNG")[:40], NOT_AN_IMAGE, id="truncated-png-header"),
    pytest.param("bild.jpg", truncated_jpeg(), DAMAGED, id="truncated-jpeg"),
    pytest.param("bild.png", zero_filled_png(8000, 5000), TOO_MANY_PIXELS, id="40-megapixel-png"),
    pytest.param("remsa.png", zero_filled_png(20_000, 2), TOO_MANY_PIXELS, id="20000-px-strip"),
    pytest.param("enorm.png", png_header_only(20_000, 10_000), TOO_MANY_PIXELS, id="200-megapixel-header"),
    pytest.param("bild.png", b"", NOT_AN_IMAGE, id="empty-file"),
]


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(username="personal", is_staff=True)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def csrf_client(staff_user):
    """A logged-in browser that, like a real one, must show the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    client.get("/admin/")  # sets the csrftoken cookie, as opening the admin does
    return client


def csrf_token(client) -> str:
    return client.cookies["csrftoken"].value


def upload(client, name, content, query="", **extra):
    return client.post(f"{UPLOAD_URL}{query}", {"upload": SimpleUploadedFile(name, content)}, **extra)


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_upload_refuses_what_is_not_a_usable_image_with_a_swedish_400(staff_client, name, content, message):
    response = upload(staff_client, name, content)

    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["uploaded"] == 0
    assert body["error"]["message"].startswith(message)


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_refused_upload_stores_nothing_under_media_root(staff_client, media_in_tmp, name, content, message):
    upload(staff_client, name, content)

    assert stored_files(media_in_tmp) == []


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_refused_upload_from_the_dialog_answers_json_too(staff_client, name, content, message):
    """The dialogs upload by XMLHttpRequest and read ``error.message`` from JSON."""
    response = upload(staff_client, name, content, query="?CKEditorFuncNum=3&responseType=json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"]["message"].startswith(message)


def test_upload_without_a_file_is_refused(staff_client):
    response = staff_client.post(UPLOAD_URL, {})

    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == "Ingen fil skickades."


# -- Item 3: script injection through CKEditorFuncNum, and CSRF --------------------------------

INJECTIONS = [
    "1);alert(document.domain);//",
    "1</script><script>alert(1)</script>",
    "1,'x');alert(1);//",
    "-1",
    "1e3",
    "١",  # an Arabic-Indic digit: str.isdigit() says yes
]


@pytest.mark.parametrize("func_num", INJECTIONS)
def test_func_num_that_is_not_plain_digits_is_refused_and_never_echoed(staff_client, media_in_tmp, func_num):
    query = "?" + urlencode({"CKEditorFuncNum": func_num})

    response = upload(staff_client, "karta.png", image_bytes("PNG"), query=query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    text = response.content.decode()
    assert "alert" not in text and "<script" not in text.lower()
    assert stored_files(media_in_tmp) == []


def test_upload_answer_is_json_never_a_script_even_with_a_valid_func_num(staff_client):
    response = upload(staff_client, "karta.png", image_bytes("PNG"), query="?CKEditorFuncNum=3")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "<script" not in response.content.decode().lower()
    assert json.loads(response.content)["uploaded"] == 1


def test_upload_without_the_csrf_token_is_refused_and_stores_nothing(csrf_client, media_in_tmp):
    response = upload(csrf_client, "karta.png", image_bytes("PNG"))

    assert response.status_code == 403
    assert stored_files(media_in_tmp) == []


def test_upload_with_the_csrf_token_in_the_header_is_accepted(csrf_client):
    response = upload(csrf_client, "karta.png", image_bytes("PNG"), HTTP_X_CSRFTOKEN=csrf_token(csrf_client))

    assert response.status_code == 200
    assert json.loads(response.content)["uploaded"] == 1


def test_upload_answer_may_not_be_framed(staff_client):
    response = upload(staff_client, "karta.png", image_bytes("PNG"))

    assert response["X-Frame-Options"] == "DENY"


# -- Item 4: limits, names, metadata ------------------------------------------------------------


class CountingStream:
    """A request body that remembers how much of it was read."""

    def __init__(self, data: bytes):
        self.buffer = BytesIO(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = self.buffer.read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = self.buffer.readline(size)
        self.bytes_read += len(line)
        return line


def multipart_body(name: str, content: bytes, boundary="grans") -> bytes:
    return (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )


def test_too_many_bytes_are_refused_before_the_body_is_read(staff_client, settings, media_in_tmp):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1_000_000
    body = multipart_body("stor.png", b"\0" * 1_200_000)
    stream = CountingStream(body)

    response = staff_client.generic(
        "POST",
        UPLOAD_URL,
        content_type="multipart/form-data; boundary=grans",
        **{"wsgi.input": stream, "CONTENT_LENGTH": str(len(body))},
    )

    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == "Filen är för stor. Största tillåtna storlek är 1 MB."
    assert stream.bytes_read == 0
    assert stored_files(media_in_tmp) == []


def test_image_over_the_byte_limit_is_refused_when_the_header_is_small_enough(staff_client, settings, media_in_tmp):
    """Just over the limit (within the multipart allowance): the body is read, the file refused."""
    settings.IMAGE_UPLOAD_MAX_BYTES = 100_000
    big = image_bytes("PNG", size=(64, 48)) + b"\0" * 100_000

    response = upload(staff_client, "stor.png", big)

    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"].startswith(TOO_LARGE)
    assert stored_files(media_in_tmp) == []


def test_the_default_byte_limit_is_ten_megabytes(staff_client, media_in_tmp):
    response = upload(staff_client, "stor.png", b"\0" * 10_100_000)

    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == "Filen är för stor. Största tillåtna storlek är 10 MB."
    assert stored_files(media_in_tmp) == []


def test_pixel_limit_is_decided_from_the_header_without_decoding(staff_client, monkeypatch):
    from PIL import ImageFile

    decoded = []
    original_load = ImageFile.ImageFile.load

    def spy(self):
        decoded.append(self.size)
        return original_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)

    response = upload(staff_client, "bomb.png", zero_filled_png(8000, 5000))

    assert response.status_code == 400
    assert decoded == []


def test_an_image_just_under_25_megapixels_is_accepted(staff_client):
    response = upload(staff_client, "stor.png", zero_filled_png(5000, 4900))

    assert response.status_code == 200


@pytest.mark.parametrize(("name", "image_format"), [("karta.png", "PNG"), ("foto.jpg", "JPEG"), ("foto.JPEG", "JPEG")])
def test_upload_stores_a_real_image_in_the_library(staff_client, media_in_tmp, name, image_format):
    from vastkom.core.models import ImageAsset

    response = upload(staff_client, name, image_bytes(image_format))

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["url"].startswith("/media/bilder/")
    stored = media_in_tmp / body["url"].removeprefix("/media/")
    with Image.open(stored) as image:
        assert image.format == image_format
        assert image.size == (64, 48)
    asset = ImageAsset.objects.get()
    assert asset.file.url == body["url"]
    assert asset.original_name == name


def test_a_300_character_file_name_is_stored_short_and_random(staff_client, media_in_tmp):
    name = "a" * 296 + ".png"

    response = upload(staff_client, name, image_bytes("PNG"))

    assert response.status_code == 200
    stored_name = json.loads(response.content)["url"].rsplit("/", 1)[1]
    assert len(stored_name) <= 60
    assert stored_name.startswith("a" * 40 + "-")
    assert stored_name.endswith(".png")


def test_the_same_name_twice_gives_two_different_unguessable_names(staff_client):
    first = json.loads(upload(staff_client, "karta.png", image_bytes("PNG")).content)["url"]
    second = json.loads(upload(staff_client, "karta.png", image_bytes("PNG")).content)["url"]

    assert first != second
    assert first.rsplit("/", 1)[1] != "karta.png"
    assert first.rsplit("/", 1)[1].startswith("karta-")


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkare"  # Make
    exif[0x0112] = 6  # Orientation: turn 90 degrees clockwise to view
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (57.0, 42.0, 30.0), 3: "E", 4: (11.0, 58.0, 12.0)})
    buffer = BytesIO()
    Image.new("RGB", (80, 40), (0, 79, 113)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_exif_location_is_removed_from_the_stored_image(staff_client, media_in_tmp):
    with Image.open(BytesIO(jpeg_with_gps())) as original:
        assert original.getexif().get_ifd(0x8825)  # the test image does carry a location

    response = upload(staff_client, "semester.jpg", jpeg_with_gps())

    stored = media_in_tmp / json.loads(response.content)["url"].removeprefix("/media/")
    with Image.open(stored) as image:
        exif = image.getexif()
        assert 0x8825 not in exif
        assert exif.get_ifd(0x8825) == {}
        assert "exif" not in image.info
        # The orientation was applied to the pixels before the metadata went.
        assert image.size == (40, 80)


def test_upload_sends_anonymous_to_login_and_writes_nothing(client, media_in_tmp):
    response = upload(client, "karta.png", image_bytes("PNG"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert stored_files(media_in_tmp) == []


def test_upload_sends_non_staff_user_to_login_and_writes_nothing(client, django_user_model, media_in_tmp):
    client.force_login(django_user_model.objects.create_user(username="besokare"))

    response = upload(client, "karta.png", image_bytes("PNG"))

    assert response.status_code == 302
    assert stored_files(media_in_tmp) == []
