from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from topics.models import ContactPerson, Topic
from vastkom.core.admin import PublishableAdmin, VisibilityFilter
from vastkom.core.admin_a11y import AdminA11yMixin
from vastkom.core.editor.admin import EditorAdminMixin
from vastkom.core.imageinput import ImageUploadAdminMixin
from vastkom.core.quality_admin import QualityAdminMixin


@admin.register(Topic)
class TopicAdmin(EditorAdminMixin, QualityAdminMixin, AdminA11yMixin, PublishableAdmin):
    list_display = ("title", "parent", "visibility_label", "show_in_menu", "order", "updated_at", "public_link")
    list_filter = (VisibilityFilter, "status", "show_in_menu", "parent")
    list_editable = ("order",)
    list_select_related = ("parent",)
    search_fields = ("title", "intro", "body")
    date_hierarchy = "updated_at"
    autocomplete_fields = ("parent", "related_topics", "contacts")
    fieldsets = (
        (None, {"fields": ("title", "slug", "parent", "intro", "body")}),
        (_("Meny och relationer"), {"fields": ("show_in_menu", "order", "related_topics", "contacts")}),
        PublishableAdmin.publishing_fieldset,
    )


@admin.register(ContactPerson)
class ContactPersonAdmin(ImageUploadAdminMixin, admin.ModelAdmin):
    list_display = ("name", "role", "organisation", "email", "phone", "active", "topic_count", "article_count")
    list_filter = ("active", "organisation")
    search_fields = ("name", "role", "organisation", "email")
    fieldsets = (
        (None, {"fields": ("name", "role", "organisation", "active")}),
        (_("Kontaktuppgifter"), {"fields": ("email", "phone")}),
        (_("Foto"), {"classes": ("collapse",), "fields": ("photo",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_topics=Count("topics", distinct=True), n_articles=Count("articles", distinct=True))
        )

    @admin.display(description=_("ämnessidor"), ordering="n_topics")
    def topic_count(self, obj):
        return obj.n_topics

    @admin.display(description=_("nyheter"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles
