"""The model field that every rich text uses: django-ckeditor's, cleaned on save."""

from ckeditor_uploader.fields import RichTextUploadingField

from vastkom.core.richtext import clean_html


class RichTextField(RichTextUploadingField):
    """A rich-text model field whose value is cleaned with the allowlist on every save."""

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
