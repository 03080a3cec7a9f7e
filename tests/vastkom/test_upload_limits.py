"""Request bodies over the limits are refused from Content-Length, before a byte is read."""

import json

import pytest

from tests.vastkom.test_upload import CountingStream, multipart_body

pytestmark = pytest.mark.django_db


def post_unread(client, url, body, content_length):
    stream = CountingStream(body)
    response = client.generic(
        "POST",
        url,
        content_type="multipart/form-data; boundary=grans",
        **{"wsgi.input": stream, "CONTENT_LENGTH": str(content_length)},
    )
    return response, stream


def test_document_upload_over_its_limit_is_refused_unread(admin_client, settings, media_in_tmp):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1_000_000
    body = multipart_body("stor.pdf", b"%PDF-1.4\n" + b"\0" * 1_200_000)

    response, stream = post_unread(admin_client, "/ckeditor/dokument/upload/", body, len(body))

    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == "Filen är för stor. Största tillåtna storlek är 1 MB."
    assert stream.bytes_read == 0
    assert not media_in_tmp.exists() or not any(p.is_file() for p in media_in_tmp.rglob("*"))


def test_any_other_request_over_the_site_wide_limit_is_refused_unread(admin_client, settings):
    settings.REQUEST_MAX_BYTES = 100_000
    body = multipart_body("stor.pdf", b"\0" * 200_000)

    response, stream = post_unread(admin_client, "/admin/core/document/add/", body, len(body))

    assert response.status_code == 413
    assert "Filen är för stor" in response.content.decode()
    assert stream.bytes_read == 0


def test_a_small_request_is_not_touched_by_the_limit(admin_client, settings):
    settings.REQUEST_MAX_BYTES = 100_000

    response = admin_client.post("/admin/core/document/add/", {"title": "Utan fil"})

    assert response.status_code == 200  # the form, asking for the file
    assert "file" in response.context["adminform"].form.errors
