"""Resized renditions of uploaded images, made with Pillow.

Pages never show the full upload: ``make_renditions`` writes a few widths once, when the
image changes, and returns what a template needs (url, width, height) so that rendering a
list of fifty items costs no query and no file-system look-up. ``ImageField`` keeps it that
way for the upload's own width and height, and a file missing from storage degrades to no
image and a log line.
"""

import logging
import os
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import models
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 800, 1200)
QUALITY = 82


def make_renditions(fieldfile, widths=RENDITION_WIDTHS) -> list[dict]:
    if not fieldfile:
        return []
    storage = fieldfile.storage
    stem = os.path.splitext(fieldfile.name)[0].replace("/", "_")
    fieldfile.open("rb")
    try:
        with Image.open(fieldfile) as original:
            image = ImageOps.exif_transpose(original)
            image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
            src_w, src_h = image.size
            out = []
            for width in sorted({min(w, src_w) for w in widths}):
                height = max(1, round(src_h * width / src_w))
                name = f"renditions/{stem}-{width}w.webp"
                if not storage.exists(name):
                    buffer = BytesIO()
                    image.resize((width, height), Image.Resampling.LANCZOS).save(
                        buffer, "WEBP", quality=QUALITY, method=4
                    )
                    name = storage.save(name, ContentFile(buffer.getvalue()))
                out.append({"url": storage.url(name), "width": width, "height": height})
            return out
    finally:
        fieldfile.close()


class ImageField(models.ImageField):
    """An image field whose ``width_field``/``height_field`` are set from the upload when a
    file is assigned, and never read back from storage when a row is loaded.

    Django's own ``ImageField`` opens the stored file on every ``Model.__init__`` of a row
    whose width or height is empty, so a list page loading such rows touched the disk once
    per row and answered 500 when a file was missing.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if not force:
            return  # a row loaded from the database: what it stores is what it has
        try:
            super().update_dimension_fields(instance, True, *args, **kwargs)
        except OSError as error:
            logger.warning(
                "Bildfilen %s går inte att läsa (%s); bildens storlek lämnas tom.",
                getattr(instance, self.attname).name,
                error,
            )
            for name in (self.width_field, self.height_field):
                if name:
                    setattr(instance, name, None)


class RenditionsMixin:
    """Keeps ``<field>_renditions`` (a JSONField) in step with an image field.

    ``RENDITION_FIELDS`` maps an image field to its JSON field. After the row is saved
    (the upload is then in storage) changed images get their renditions and the row's
    JSON column is written; nothing else is touched.
    """

    RENDITION_FIELDS: dict[str, str] = {}
    RENDITION_WIDTHS = RENDITION_WIDTHS

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        changed = self.renditions_update()
        if changed:
            type(self)._default_manager.filter(pk=self.pk).update(**changed)

    def renditions_update(self) -> dict:
        """Make renditions of images whose file changed (it must be in storage); set them on
        this instance, unsaved, and return them by JSON field."""
        changed = {}
        for image_field, json_field in self.RENDITION_FIELDS.items():
            fieldfile = getattr(self, image_field)
            current = getattr(self, json_field) or {}
            source = fieldfile.name if fieldfile else ""
            if current.get("source", "") != source:
                sizes = self._renditions_or_none(fieldfile) if source else []
                changed[json_field] = {"source": source, "sizes": sizes}
        for name, value in changed.items():
            setattr(self, name, value)
        return changed

    def _renditions_or_none(self, fieldfile) -> list[dict]:
        try:
            return make_renditions(fieldfile, self.RENDITION_WIDTHS)
        except OSError as error:  # missing, unreadable or not an image: no image, and say so
            logger.warning("Bildfilen %s går inte att läsa (%s); sidan visas utan bild.", fieldfile.name, error)
            return []
