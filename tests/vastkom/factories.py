"""Library items made the way editors make them: through the guarded upload paths."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import image_bytes
from vastkom.core.library import document_create, image_asset_create


def library_image(*, name="konferens.jpg", size=(1600, 900), image_format="JPEG", **fields):
    upload = SimpleUploadedFile(name, image_bytes(image_format, size=size))
    return image_asset_create(uploaded_file=upload, **fields)


def pdf_bytes(padding: int = 0) -> bytes:
    """A small, well-formed one-page PDF (``padding`` bytes of comment make it bigger)."""
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    body += b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    body += b"%" + b"x" * padding + b"\n" if padding else b""
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


MAIN_PARTS = {
    "docx": ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "/ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "docm": ("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsm": ("/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    "pptm": ("/ppt/presentation.xml", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
}


def ooxml_bytes(kind: str, *, extra_members=()) -> bytes:
    """A minimal Office Open XML package of ``kind`` (docx, xlsx, pptx, docm, xlsm, pptm)."""
    part, content_type = MAIN_PARTS[kind]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part.lstrip("/"), "<document/>")
        for name, data in extra_members:
            archive.writestr(name, data)
    return buffer.getvalue()


def library_document(*, name="arsredovisning-2025.pdf", content=None, **fields):
    upload = SimpleUploadedFile(name, content if content is not None else pdf_bytes())
    return document_create(uploaded_file=upload, **fields)
