"""Image fields in admin forms: a thumbnail of the current image, the guarded upload path, and
an upload that survives a form error.

Without this, a form with an error anywhere loses the chosen file without a word (browsers
never re-send a file input), and a later save publishes the item without its image. Here a
new image that passed its checks is kept in ``tmp/uploads/`` when the form has errors; the
form shows its thumbnail and a hidden signed reference, and the next save uses it unless
another file is chosen. Every new image goes through ``imagefiles.prepare_image`` first
(pixel limit, re-encoding without EXIF location, short random name), as in the editor.
"""

import logging
import os
import secrets
from datetime import timedelta

from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from vastkom.core.adminforms import form_with
from vastkom.core.imagefiles import prepare_image

logger = logging.getLogger(__name__)

KEPT_FOLDER = "tmp/uploads"
KEPT_SALT = "vastkom.core.imageinput.kept"
KEPT_MAX_AGE = timedelta(days=1)
THUMBNAIL_WIDTH = 200


class KeptFile(File):
    """A kept upload read back from storage: already checked and re-encoded."""

    def __init__(self, file, name, storage_name):
        super().__init__(file, name=name)
        self.storage_name = storage_name


def keep_upload(content: ContentFile, original_name: str) -> dict:
    """Store ``content`` for the next submit; its thumbnail URL and signed reference."""
    remove_stale_kept_files()
    extension = os.path.splitext(content.name)[1]
    name = default_storage.save(f"{KEPT_FOLDER}/{secrets.token_hex(16)}{extension}", content)
    token = signing.dumps({"name": name, "file": content.name, "original": original_name}, salt=KEPT_SALT)
    return {"token": token, "url": default_storage.url(name), "original": original_name}


def read_kept(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=KEPT_SALT, max_age=KEPT_MAX_AGE)
    except signing.BadSignature:
        return None
    name = data.get("name", "")
    if not name.startswith(f"{KEPT_FOLDER}/") or not default_storage.exists(name):
        return None
    return {**data, "token": token, "url": default_storage.url(name)}


def remove_stale_kept_files():
    try:
        _dirs, files = default_storage.listdir(KEPT_FOLDER)
    except (OSError, NotImplementedError):
        return
    limit = timezone.now() - KEPT_MAX_AGE
    for filename in files:
        name = f"{KEPT_FOLDER}/{filename}"
        try:
            if default_storage.get_modified_time(name) < limit:
                default_storage.delete(name)
        except (OSError, NotImplementedError):
            logger.warning("Kunde inte städa bort %s.", name)


class PreviewImageInput(AdminFileWidget):
    """The admin's file input with a thumbnail of the current (or kept) image."""

    template_name = "admin/widgets/preview_image_input.html"
    kept = None

    def kept_name(self, name):
        return f"{name}__kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None:
            kept = read_kept(data.get(self.kept_name(name), ""))
            if kept is not None:
                self.kept = kept
                return KeptFile(default_storage.open(kept["name"], "rb"), kept["file"], kept["name"])
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["kept"] = self.kept
        context["widget"]["kept_name"] = self.kept_name(name)
        context["widget"]["thumbnail"] = current_thumbnail(value)
        return context


def current_thumbnail(value) -> dict | None:
    """The smallest rendition of a saved image (from the row, never the file system)."""
    instance = getattr(value, "instance", None)
    field = getattr(value, "field", None)
    if instance is None or field is None or not value:
        return None
    json_field = getattr(instance, "RENDITION_FIELDS", {}).get(field.name)
    sizes = ((getattr(instance, json_field, None) or {}).get("sizes") or []) if json_field else []
    if not sizes:
        return None
    smallest = sizes[0]
    width = min(THUMBNAIL_WIDTH, smallest["width"])
    return {"url": smallest["url"], "width": width, "height": round(smallest["height"] * width / smallest["width"])}


class KeepImageUploadsFormMixin:
    """New images are checked and re-encoded; with errors elsewhere they are kept for the next save."""

    def image_fields(self):
        return [name for name, f in self.fields.items() if isinstance(f.widget, PreviewImageInput)]

    def clean(self):
        cleaned = super().clean()
        self._kept_to_remove = []
        for name in self.image_fields():
            value = cleaned.get(name)
            if isinstance(value, KeptFile):
                self._kept_to_remove.append(value.storage_name)
                cleaned[name] = ContentFile(value.read(), name=value.name)
            elif isinstance(value, UploadedFile):
                try:
                    prepared = prepare_image(value)
                except ValidationError as error:
                    self.add_error(name, error)
                    continue
                cleaned[name] = prepared.content
                cleaned[name].original_name = prepared.original_name
        return cleaned

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        for name in self.image_fields():
            value = getattr(self, "cleaned_data", {}).get(name)
            widget = self.fields[name].widget
            if name in self._errors or not isinstance(value, ContentFile):
                continue
            if widget.kept and widget.kept.get("file") == value.name:
                continue  # the same kept image again
            widget.kept = keep_upload(value, getattr(value, "original_name", value.name))

    def _save_m2m(self):
        super()._save_m2m()
        names = getattr(self, "_kept_to_remove", [])
        if names:
            transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


class ImageUploadAdminMixin:
    """Image fields with a thumbnail, the guarded path, and uploads kept across form errors."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs["widget"] = PreviewImageInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return form_with(KeepImageUploadsFormMixin, super().get_form(request, obj, change=change, **kwargs))
