"""Documents editors may publish: PDF, Word, Excel and PowerPoint, recognised by content.

``prepare_document`` decides the type from the bytes, never from the name: a PDF starts
with ``%PDF-``; Word, Excel and PowerPoint files are Office Open XML (a zip) whose
``[Content_Types].xml`` names the main part. Macro-enabled formats (``.docm``, ``.xlsm``,
``.pptm``, any ``vbaProject.bin``) are refused, and so are the legacy binary formats
(``.doc``, ``.xls``, ``.ppt``): they are OLE containers that carry macros we cannot check
without a full parser, and every current Office saves the open formats instead.
"""

import os
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vastkom.core.imagefiles import random_name, short_original_name
from vastkom.core.uploadlimits import too_large_message


class DocumentType(models.TextChoices):
    PDF = "pdf", gettext_lazy("PDF")
    WORD = "docx", gettext_lazy("Word")
    EXCEL = "xlsx", gettext_lazy("Excel")
    POWERPOINT = "pptx", gettext_lazy("PowerPoint")


CONTENT_TYPES = {
    DocumentType.PDF: "application/pdf",
    DocumentType.WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentType.EXCEL: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DocumentType.POWERPOINT: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The main part's content type in [Content_Types].xml -> what the file is.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DocumentType.WORD,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": DocumentType.EXCEL,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": DocumentType.POWERPOINT,
}
OOXML_MACRO_PARTS = {
    "application/vnd.ms-word.document.macroenabled.main+xml",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
    "application/vnd.ms-excel.template.macroenabled.main+xml",
    "application/vnd.ms-excel.sheet.binary.macroenabled.main",
    "application/vnd.ms-excel.addin.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroenabled.main+xml",
    "application/vnd.ms-office.vbaproject",
}
EXTENSIONS = {
    DocumentType.PDF: ".pdf",
    DocumentType.WORD: ".docx",
    DocumentType.EXCEL: ".xlsx",
    DocumentType.POWERPOINT: ".pptx",
}
MACRO_EXTENSIONS = {".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".xlam", ".pptm", ".potm", ".ppsm"}
LEGACY_EXTENSIONS = {".doc", ".dot", ".xls", ".xlt", ".ppt", ".pot", ".pps"}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_CONTENT_TYPES_BYTES = 1_000_000
MAX_ZIP_MEMBERS = 20_000


@dataclass(frozen=True)
class PreparedDocument:
    file: File
    file_type: str
    size: int
    stored_name: str  # short and random, with the extension of what the file really is
    original_name: str
    title: str  # a first title from the file name, for the editor to improve


def refuse(message, code):
    raise ValidationError(message, code=code)


def accepted_formats_text() -> str:
    return _("PDF, Word (.docx), Excel (.xlsx) eller PowerPoint (.pptx)")


def title_from_name(name: str) -> str:
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    title = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return (title[:1].upper() + title[1:])[:200] if title else _("Dokument")


def ooxml_type(fileobj) -> str:
    """The Office Open XML type of a zip file, or ``ValidationError``."""
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        refuse(_("Filen är skadad och kan inte öppnas. Spara den på nytt och försök igen."), "damaged")
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            refuse(_("Filen innehåller för många delar för att vara ett dokument."), "not_a_document")
        if any(os.path.basename(m.filename).lower() == "vbaproject.bin" for m in members):
            refuse(macro_message(), "macros")
        content_types = next((m for m in members if m.filename == "[Content_Types].xml"), None)
        if content_types is None or content_types.file_size > MAX_CONTENT_TYPES_BYTES:
            refuse(not_a_document_message(), "not_a_document")
        try:
            root = ElementTree.fromstring(archive.read(content_types))
        except (ElementTree.ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            refuse(_("Filen är skadad och kan inte öppnas. Spara den på nytt och försök igen."), "damaged")
    declared = {(el.get("ContentType") or "").strip().lower() for el in root.iter() if el.get("ContentType")}
    if declared & OOXML_MACRO_PARTS:
        refuse(macro_message(), "macros")
    found = {OOXML_MAIN_PARTS[t] for t in declared if t in OOXML_MAIN_PARTS}
    if len(found) != 1:
        refuse(not_a_document_message(), "not_a_document")
    return found.pop()


def macro_message() -> str:
    return _(
        "Filen innehåller makron (t.ex. .docm, .xlsm eller .pptm) och tas inte emot. "
        "Spara den utan makron som .docx, .xlsx eller .pptx, eller som PDF."
    )


def not_a_document_message() -> str:
    return _("Filen är inget dokument som kan publiceras. Ladda upp %(formats)s.") % {
        "formats": accepted_formats_text()
    }


def prepare_document(uploaded_file, *, max_bytes: int | None = None) -> PreparedDocument:
    """What ``uploaded_file`` really is, or a Swedish ``ValidationError`` with a code."""
    max_bytes = max_bytes or settings.DOCUMENT_UPLOAD_MAX_BYTES
    name = getattr(uploaded_file, "name", "") or ""
    extension = os.path.splitext(name.lower())[1]
    size = uploaded_file.size
    if size > max_bytes:
        refuse(too_large_message(max_bytes), "too_large")
    if size == 0:
        refuse(_("Filen är tom."), "empty")
    if extension in MACRO_EXTENSIONS:
        refuse(macro_message(), "macros")
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    if head.startswith(OLE_SIGNATURE) or extension in LEGACY_EXTENSIONS:
        refuse(
            _(
                "Äldre Office-format (.doc, .xls, .ppt) tas inte emot eftersom de kan bära makron som inte går att "
                "granska. Spara filen som .docx, .xlsx eller .pptx, eller som PDF."
            ),
            "legacy_office",
        )
    if head.startswith(b"%PDF-"):
        file_type = DocumentType.PDF
        uploaded_file.seek(max(0, size - 1024))
        if b"%%EOF" not in uploaded_file.read(1024):
            refuse(_("PDF-filen är ofullständig. Spara den på nytt och försök igen."), "damaged")
    elif head.startswith(ZIP_SIGNATURE):
        uploaded_file.seek(0)
        file_type = ooxml_type(uploaded_file)
    else:
        refuse(not_a_document_message(), "not_a_document")
    uploaded_file.seek(0)
    if extension != EXTENSIONS[file_type]:
        refuse(
            _("Filnamnets ändelse stämmer inte med innehållet: filen är en %(kind)s-fil och ska sluta på %(ext)s.")
            % {"kind": DocumentType(file_type).label, "ext": EXTENSIONS[file_type]},
            "wrong_extension",
        )
    return PreparedDocument(
        file=uploaded_file,
        file_type=file_type,
        size=size,
        stored_name=random_name(name, EXTENSIONS[file_type]),
        original_name=short_original_name(name),
        title=title_from_name(name),
    )


def format_size(n_bytes: int) -> str:
    """Swedish file size: ``1,2 MB``, ``350 kB`` (decimal comma, SI units, no-break space)."""
    if n_bytes >= 1_000_000:
        value = f"{n_bytes / 1_000_000:.1f}".replace(".", ",")
        return f"{value.removesuffix(',0')}\u00a0MB"
    return f"{max(1, round(n_bytes / 1000))}\u00a0kB"
