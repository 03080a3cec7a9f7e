"""The kernel's tables: the image and document libraries here; the others (pending drafts, the
history's mark on pending versions, preview links, redirects, shared counters, worker heartbeats)
beside the mechanism that uses them.

The image library and the document library are shared by every content type: an image
uploaded once (from the editor, by paste or drag, or here in the admin) is reused from the
editor's browse dialog with its alt text, caption and credit; a document keeps one public
address however often its file is replaced.
Files only enter through ``vastkom.core.library`` (checked, re-encoded, renamed).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vastkom.core.counters import SharedCounter
from vastkom.core.documents import DocumentType, format_size
from vastkom.core.drafts import PendingDraft
from vastkom.core.history.models import PendingRevision
from vastkom.core.imagefiles import dated_path
from vastkom.core.images import RenditionsMixin
from vastkom.core.previews.models import PreviewLink
from vastkom.core.redirects.models import Redirect
from vastkom.core.workers import WorkerHeartbeat

__all__ = [
    "Document",
    "ImageAsset",
    "PendingDraft",
    "PendingRevision",
    "PreviewLink",
    "Redirect",
    "SharedCounter",
    "WorkerHeartbeat",
]

LIBRARY_RENDITION_WIDTHS = (240, 480, 800, 1200)


def image_upload_to(instance, filename):
    return dated_path("bilder", filename)


def document_upload_to(instance, filename):
    return dated_path("dokument", filename)


class ImageAsset(RenditionsMixin, models.Model):
    """An image in the library ("bildbanken"), shown on pages only as renditions."""

    file = models.ImageField(
        _("bildfil"),
        upload_to=image_upload_to,
        max_length=200,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("bredd"), null=True, editable=False)
    height = models.PositiveIntegerField(_("höjd"), null=True, editable=False)
    alt_text = models.CharField(
        _("alternativtext"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv vad bilden visar för den som inte ser den. Texten föreslås när bilden infogas i en text."),
    )
    caption = models.CharField(
        _("bildtext"), max_length=400, blank=True, help_text=_("Visas under bilden när den står i ett eget stycke.")
    )
    credit = models.CharField(
        _("fotograf/upphov"), max_length=200, blank=True, help_text=_("Visas som ”Foto: …” under bilden.")
    )
    original_name = models.CharField(_("ursprungligt filnamn"), max_length=120, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now, editable=False, db_index=True)
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    RENDITION_FIELDS = {"file": "renditions"}
    RENDITION_WIDTHS = LIBRARY_RENDITION_WIDTHS

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")

    def __str__(self):
        return self.alt_text or self.original_name or self.file.name

    @property
    def thumbnail(self) -> dict | None:
        sizes = (self.renditions or {}).get("sizes") or []
        return sizes[0] if sizes else None


class Document(models.Model):
    """A PDF or Office document with one public address (``/dokument/<id>/``) for good."""

    title = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_("Dokumentets namn som läsaren ser, t.ex. ”Årsredovisning 2025”."),
    )
    file = models.FileField(_("fil"), upload_to=document_upload_to, max_length=200)
    file_type = models.CharField(_("typ"), max_length=10, choices=DocumentType.choices, editable=False)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), default=0, editable=False)
    original_name = models.CharField(_("ursprungligt filnamn"), max_length=120, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now, editable=False)
    replaced_at = models.DateTimeField(_("filen ersatt"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(file_type__in=DocumentType.values), name="document_file_type_known"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("document", kwargs={"pk": self.pk})

    @property
    def type_and_size(self) -> str:
        """``PDF, 1,2 MB``: what public links show after the document's name."""
        return f"{DocumentType(self.file_type).label}, {format_size(self.size)}"
