"""The rich-text editor, in one place.

Everything the rest of the project knows about django-ckeditor is here: the settings and
toolbar (config.py, derived from the cleaning allowlist), the model field (fields.py), the
widget wired to the image and document libraries (widgets.py), the per-user configuration in
admin forms (admin.py) and the guarded uploads and browse dialogs (uploads.py), plus
``static/editor/``. To swap the editor, give ``RichTextField`` another base class (a plain
``TextField`` with another widget will do: the stored value is cleaned HTML either way),
replace ``CKEDITOR_SETTINGS``, the widget and ``upload_urlpatterns`` (the uploads answer JSON
and take the same guarded paths, ``vastkom.core.library``, whatever the editor), and drop
``ckeditor`` from INSTALLED_APPS. Migrations refer to
``vastkom.core.editor.fields.RichTextField``, so they need no change.
"""
