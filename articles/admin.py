from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import article_notify_subscribers
from vastkom.core.admin import PublishableAdmin, VisibilityFilter
from vastkom.core.admin_a11y import AdminA11yMixin
from vastkom.core.editor.admin import EditorAdminMixin
from vastkom.core.history.admin import HistoryAdminMixin
from vastkom.core.history.concurrency import StaleFormAdminMixin
from vastkom.core.imageinput import ImageUploadAdminMixin
from vastkom.core.previews.admin import PreviewLinksAdminMixin
from vastkom.core.quality_admin import QualityAdminMixin
from vastkom.core.redirects.admin import RedirectsAdminMixin


@admin.register(Article)
class ArticleAdmin(
    StaleFormAdminMixin,
    HistoryAdminMixin,
    PreviewLinksAdminMixin,
    RedirectsAdminMixin,
    EditorAdminMixin,
    QualityAdminMixin,
    ImageUploadAdminMixin,
    AdminA11yMixin,
    PublishableAdmin,
):
    list_display = ("title", "visibility_label", "publish_at", "updated_at", "public_link")
    list_filter = (VisibilityFilter, "status", "topics")
    search_fields = ("title", "lead", "body")
    date_hierarchy = "publish_at"
    autocomplete_fields = ("topics", "contacts")
    radio_fields = {"image_position": admin.VERTICAL}
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (
            _("Huvudbild"),
            {"fields": ("image", "image_alt", "image_decorative", "image_caption", "image_position")},
        ),
        (_("Ämnen och kontaktpersoner"), {"fields": ("topics", "contacts")}),
        PublishableAdmin.publishing_fieldset,
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "image_position":
            # A form posted without it (a script, an older page) keeps the default: at the top.
            field.required = False
        return field

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # After commit (topics are saved by then): e-mail subscribers when it goes live.
        # Changes kept as a pending draft leave the article as it was: nothing to send.
        if self.item_was_saved(form):
            article_notify_subscribers(article=obj)
