"""The editor's form widget: CKEditor with our upload and browse addresses and our script."""

from ckeditor.widgets import CKEditorWidget
from django.forms.widgets import Media
from django.urls import reverse


class EditorWidget(CKEditorWidget):
    """CKEditor 4 wired to the image and document libraries (``editor/uploads.py``).

    ``static/editor/vastkom-editor.js`` adds what a JSON configuration cannot: the CSRF header
    on every upload, the "Dekorativ bild" box in the image dialog and a header row as the
    table dialog's default.
    """

    def _set_config(self):
        self.config.update(
            {
                "filebrowserImageUploadUrl": reverse("editor-image-upload"),
                "filebrowserImageBrowseUrl": reverse("editor-image-browse"),
                "filebrowserUploadUrl": reverse("editor-document-upload"),
                "filebrowserBrowseUrl": reverse("editor-document-browse"),
                # Paste and drag (uploadimage) use the image upload too.
                "uploadUrl": reverse("editor-image-upload"),
            }
        )
        super()._set_config()

    @property
    def media(self):
        # One list, so that our script always comes after ckeditor.js (Media sorts across lists).
        base = super().media
        return Media(css=base._css, js=[*base._js, "editor/vastkom-editor.js"])
