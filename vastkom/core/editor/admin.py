"""The editor in admin forms: one configuration per request.

"Källa" (HTML source) is for publishers only: members of the Publicerare group, users with
a ``publish_*`` permission, and superusers. Everyone else gets the same editor without it;
what they write is cleaned on save either way. After a save, alt text written in the image
dialog is remembered by library images that had none (``library.image_assets_learn_alt_text``).
"""

from django.db import transaction

from vastkom.core.editor.fields import RichTextField
from vastkom.core.library import image_assets_learn_alt_text

# The role that may publish (its group is created by the roles' data migration).
PUBLISHER_GROUP = "Publicerare"


def may_edit_source(user) -> bool:
    if not (user and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if any(codename.split(".", 1)[-1].startswith("publish_") for codename in user.get_all_permissions()):
        return True
    return user.groups.filter(name=PUBLISHER_GROUP).exists()


def editor_config_name(user) -> str:
    return "source" if may_edit_source(user) else "default"


class EditorAdminMixin:
    """Rich-text fields get the editor configuration that fits the user."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, RichTextField):
            kwargs["config_name"] = editor_config_name(request.user)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        texts = [getattr(obj, f.name) or "" for f in obj._meta.fields if isinstance(f, RichTextField)]
        if any("<img" in text for text in texts):
            transaction.on_commit(lambda: image_assets_learn_alt_text(html_text="".join(texts)))
