from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import article_notify_subscribers
from vastkom.core.admin import PublishableAdmin, VisibilityFilter
from vastkom.core.admin_a11y import AdminA11yMixin
from vastkom.core.editor.admin import EditorAdminMixin
from vastkom.core.imageinput import ImageUploadAdminMixin
from vastkom.core.quality_admin import QualityAdminMixin


@admin.register(Article)
class ArticleAdmin(EditorAdminMixin, QualityAdminMixin, ImageUploadAdminMixin, AdminA11yMixin, PublishableAdmin):
    list_display = ("title", "visibility_label", "publish_at", "updated_at", "public_link")
    list_filter = (VisibilityFilter, "status", "topics")
    search_fields = ("title", "lead", "body")
    date_hierarchy = "publish_at"
    autocomplete_fields = ("topics", "contacts")
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (
            _("Huvudbild"),
            {"fields": ("image", "image_alt", "image_decorative", "image_caption")},
        ),
        (_("Ämnen och upplysningar"), {"fields": ("topics", "contacts")}),
        PublishableAdmin.publishing_fieldset,
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # After commit (topics are saved by then): e-mail subscribers when it goes live.
        article_notify_subscribers(article=obj)
