"""Documents: PDF and Office Open XML recognised by content, macros and legacy formats refused,
a stable public address that survives replacing the file, links that show type and size."""

import json
import re
import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from tests.articles.factories import ArticleFactory
from tests.vastkom.factories import library_document, ooxml_bytes, pdf_bytes
from vastkom.core.documents import format_size, prepare_document
from vastkom.core.models import Document

pytestmark = pytest.mark.django_db

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def upload(name, content):
    return SimpleUploadedFile(name, content)


ACCEPTED = [
    pytest.param("rapport.pdf", pdf_bytes(), "pdf", id="pdf"),
    pytest.param("protokoll.docx", ooxml_bytes("docx"), "docx", id="docx"),
    pytest.param("budget.xlsx", ooxml_bytes("xlsx"), "xlsx", id="xlsx"),
    pytest.param("bilder.pptx", ooxml_bytes("pptx"), "pptx", id="pptx"),
    pytest.param("RAPPORT.PDF", pdf_bytes(), "pdf", id="upper-case-extension"),
]


@pytest.mark.parametrize(("name", "content", "file_type"), ACCEPTED)
def test_document_is_recognised_by_its_content(name, content, file_type):
    assert prepare_document(upload(name, content)).file_type == file_type


def zip_without_content_types() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


REFUSED = [
    pytest.param("rapport.pdf", b"<html><script>alert(1)</script></html>", "not_a_document", id="html-named-pdf"),
    pytest.param("budget.xlsm", ooxml_bytes("xlsm"), "macros", id="xlsm"),
    pytest.param("budget.xlsx", ooxml_bytes("xlsm"), "macros", id="xlsm-renamed-xlsx"),
    pytest.param("protokoll.docm", ooxml_bytes("docm"), "macros", id="docm"),
    pytest.param("bilder.pptm", ooxml_bytes("pptm"), "macros", id="pptm"),
    pytest.param(
        "protokoll.docx",
        ooxml_bytes("docx", extra_members=[("word/vbaProject.bin", b"\0" * 64)]),
        "macros",
        id="docx-with-vbaproject",
    ),
    pytest.param("protokoll.doc", OLE_HEADER, "legacy_office", id="legacy-doc"),
    pytest.param("budget.xls", OLE_HEADER, "legacy_office", id="legacy-xls"),
    pytest.param("protokoll.docx", OLE_HEADER, "legacy_office", id="legacy-renamed-docx"),
    pytest.param("rapport.pdf", ooxml_bytes("docx"), "wrong_extension", id="docx-named-pdf"),
    pytest.param("rapport.docx", pdf_bytes(), "wrong_extension", id="pdf-named-docx"),
    pytest.param("arkiv.docx", zip_without_content_types(), "not_a_document", id="zip-not-office"),
    pytest.param("rapport.pdf", pdf_bytes()[:-8], "damaged", id="truncated-pdf"),
    pytest.param("rapport.pdf", b"", "empty", id="empty"),
    pytest.param("bild.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not_a_document", id="png"),
]


@pytest.mark.parametrize(("name", "content", "code"), REFUSED)
def test_document_is_refused_by_its_content_with_a_swedish_reason(name, content, code):
    with pytest.raises(ValidationError) as refused:
        prepare_document(upload(name, content))

    assert refused.value.code == code
    assert any(ch in refused.value.messages[0] for ch in "åäöÅÄÖ")


def test_document_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000

    with pytest.raises(ValidationError) as refused:
        prepare_document(upload("stor.pdf", pdf_bytes(padding=2000)))

    assert refused.value.code == "too_large"


@pytest.mark.parametrize(
    ("n_bytes", "text"),
    [(1_234_567, "1,2\u00a0MB"), (12_000_000, "12\u00a0MB"), (350_400, "350\u00a0kB"), (200, "1\u00a0kB")],
)
def test_sizes_are_written_the_swedish_way(n_bytes, text):
    assert format_size(n_bytes) == text


# -- The public address ----------------------------------------------------------------------------


def test_document_is_served_at_its_stable_address_with_the_type_from_its_content(client):
    document = library_document(title="Årsredovisning 2025")

    response = client.get(f"/dokument/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="arsredovisning-2025.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_office_documents_are_downloaded(client):
    document = library_document(name="budget.xlsx", content=ooxml_bytes("xlsx"), title="Budget 2026")

    response = client.get(document.get_absolute_url())

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment;")


def test_replacing_the_file_keeps_the_address_and_removes_the_old_file(admin_client, media_in_tmp):
    document = library_document(title="Årsredovisning 2025")
    old_file = media_in_tmp / document.file.name
    url = document.get_absolute_url()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        response = admin_client.post(
            f"/admin/core/document/{document.pk}/change/",
            {"title": "Årsredovisning 2025", "file": upload("ny-version.docx", ooxml_bytes("docx"))},
        )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.get_absolute_url() == url
    assert document.file_type == "docx"
    assert document.replaced_at is not None
    assert not old_file.exists()
    served = admin_client.get(url)
    assert served["Content-Type"].endswith("wordprocessingml.document")


def test_a_missing_file_is_a_404_not_a_500(client, media_in_tmp):
    document = library_document()
    (media_in_tmp / document.file.name).unlink()

    response = client.get(document.get_absolute_url())

    assert response.status_code == 404


def test_an_unknown_document_is_a_404(client):
    assert client.get("/dokument/999999/").status_code == 404


# -- Links in rich text -----------------------------------------------------------------------------


def test_link_to_a_document_shows_its_type_and_size(client):
    document = library_document(content=pdf_bytes(padding=1_234_000), title="Årsredovisning 2025")
    article = ArticleFactory(body=f'<p>Läs <a href="/dokument/{document.pk}/">Årsredovisning 2025</a>.</p>')

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        f'<a href="/dokument/{document.pk}/" rel="noopener noreferrer">Årsredovisning 2025'
        ' <span class="document-meta">(PDF, 1,2\u00a0MB)</span></a>',
        html=True,
    )


def test_link_whose_text_is_the_address_gets_the_document_title(client):
    document = library_document(title="Budget 2026")
    article = ArticleFactory(body=f'<p><a href="/dokument/{document.pk}/">/dokument/{document.pk}/</a></p>')

    response = client.get(article.get_absolute_url())

    assertContains(response, 'Budget 2026 <span class="document-meta">(PDF, 1\u00a0kB)</span>')


# -- Uploads from the editor and the admin --------------------------------------------------------------


def test_editor_uploads_a_document_and_gets_its_stable_address(admin_client):
    response = admin_client.post(
        "/ckeditor/dokument/upload/", {"upload": upload("Årsredovisning_2025.pdf", pdf_bytes())}
    )

    assert response.status_code == 200
    body = json.loads(response.content)
    document = Document.objects.get()
    assert body["url"] == f"/dokument/{document.pk}/"
    assert document.title == "Årsredovisning 2025"
    assert re.fullmatch(r"dokument/\d{4}/\d{2}/arsredovisning_2025-[0-9a-f]{10}\.pdf", document.file.name)


@pytest.mark.parametrize(("name", "content", "code"), REFUSED)
def test_editor_document_upload_refuses_with_a_swedish_400_and_stores_nothing(
    admin_client, media_in_tmp, name, content, code
):
    response = admin_client.post("/ckeditor/dokument/upload/", {"upload": upload(name, content)})

    assert response.status_code == 400
    assert json.loads(response.content)["uploaded"] == 0
    assert stored_files(media_in_tmp) == []
    assert Document.objects.count() == 0


def test_admin_refuses_a_macro_document_next_to_the_field(admin_client, media_in_tmp):
    response = admin_client.post(
        "/admin/core/document/add/", {"title": "Budget", "file": upload("budget.xlsm", ooxml_bytes("xlsm"))}
    )

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assertContains(response, "innehåller makron")
    assert stored_files(media_in_tmp) == []


def test_document_browse_dialog_lists_documents_with_type_and_size(admin_client):
    document = library_document(title="Årsredovisning 2025")

    response = admin_client.get("/ckeditor/dokument/browse/?CKEditor=id_body&CKEditorFuncNum=2")

    assertContains(response, "Välj ett dokument")
    assertContains(response, f'data-url="/dokument/{document.pk}/"')
    assertContains(response, 'data-title="Årsredovisning 2025"')
    assertContains(response, "PDF, 1\u00a0kB")
