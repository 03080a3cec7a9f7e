"""The model field that every rich text uses: django-ckeditor's, cleaned on save."""

from ckeditor import fields as ckeditor_fields

from vastkom.core.editor.widgets import EditorWidget
from vastkom.core.richtext import clean_html


class RichTextFormField(ckeditor_fields.RichTextFormField):
    widget = EditorWidget


class RichTextField(ckeditor_fields.RichTextField):
    """A rich-text model field whose value is cleaned with the allowlist on every save."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
