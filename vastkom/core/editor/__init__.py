"""The rich-text editor, in one place.

Everything the rest of the project knows about django-ckeditor is here: the settings,
the toolbar, the model field (fields.py) and the guarded image upload (uploads.py); config.py holds
the settings. To swap the editor, give
``RichTextField`` another base class (a plain ``TextField`` with another widget will
do: the stored value is cleaned HTML either way), replace ``CKEDITOR_SETTINGS`` and
``upload_urlpatterns``, and drop ``ckeditor``/``ckeditor_uploader`` from INSTALLED_APPS.
Migrations refer to ``vastkom.core.editor.fields.RichTextField``, so they need no change.
"""
