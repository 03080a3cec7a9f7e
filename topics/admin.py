from django.contrib import admin
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from topics.models import ContactPerson, Topic
from vastkom.core.admin import PublishableAdmin, VisibilityFilter
from vastkom.core.admin_a11y import AdminA11yMixin
from vastkom.core.editor.admin import EditorAdminMixin
from vastkom.core.history.admin import HistoryAdminMixin
from vastkom.core.history.concurrency import StaleFormAdminMixin
from vastkom.core.imageinput import ImageUploadAdminMixin
from vastkom.core.previews.admin import PreviewLinksAdminMixin
from vastkom.core.quality_admin import QualityAdminMixin
from vastkom.core.redirects.admin import RedirectsAdminMixin
from vastkom.core.reviewdates import ReviewAdminMixin, ReviewDueFilter


@admin.register(Topic)
class TopicAdmin(
    StaleFormAdminMixin,
    HistoryAdminMixin,
    PreviewLinksAdminMixin,
    RedirectsAdminMixin,
    EditorAdminMixin,
    QualityAdminMixin,
    ReviewAdminMixin,
    AdminA11yMixin,
    PublishableAdmin,
):
    list_display = (
        "title",
        "parent",
        "visibility_label",
        "show_in_menu",
        "order",
        "review_label",
        "updated_at",
        "public_link",
    )
    list_filter = (VisibilityFilter, ReviewDueFilter, "status", "show_in_menu", "parent")
    list_editable = ("order",)
    list_select_related = ("parent",)
    search_fields = ("title", "intro", "body")
    date_hierarchy = "updated_at"
    autocomplete_fields = ("parent", "related_topics", "contacts")
    fieldsets = (
        (None, {"fields": ("title", "slug", "parent", "intro", "body")}),
        (_("Meny och relationer"), {"fields": ("show_in_menu", "order", "related_topics", "contacts")}),
        (_("Granskning"), {"fields": ("review_by", "review_owner")}),
        PublishableAdmin.publishing_fieldset,
    )

    def get_changeform_initial_data(self, request):
        # A new topic goes last, not first: one more than the highest order in use.
        highest = Topic.objects.aggregate(highest=Max("order"))["highest"]
        return {"order": (highest or 0) + 1, **super().get_changeform_initial_data(request)}


@admin.register(ContactPerson)
class ContactPersonAdmin(StaleFormAdminMixin, HistoryAdminMixin, ImageUploadAdminMixin, admin.ModelAdmin):
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Making a contact inactive takes them off pages: ask first, listing those pages."""
        if (
            request.method == "POST"
            and object_id
            and "active" not in request.POST
            and "_confirm_inactive" not in request.POST
        ):
            contact = self.get_object(request, object_id)
            if contact is not None and contact.active and self.has_change_permission(request, contact):
                pages = contact.published_pages()
                if pages:
                    return self.deactivate_confirmation(request, contact, pages)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def deactivate_confirmation(self, request, contact, pages):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Göra %(name)s inaktiv?") % {"name": contact.name},
            "opts": self.opts,
            "original": contact,
            "pages": pages,
            "topics": [p for p in pages if isinstance(p, Topic)],
            "articles": [p for p in pages if not isinstance(p, Topic)],
            # The form again, as it was posted, so confirming saves exactly that.
            "posted": [(k, v) for k, values in request.POST.lists() if k != "csrfmiddlewaretoken" for v in values],
            "file_dropped": bool(request.FILES),
        }
        return TemplateResponse(request, "admin/topics/contactperson/deactivate_confirmation.html", context)

    @admin.display(description=_("ämnessidor"), ordering="n_topics")
    def topic_count(self, obj):
        return obj.n_topics

    @admin.display(description=_("nyheter"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles
