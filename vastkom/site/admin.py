"""The site's own admin: its header, and the accessibility statement."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from vastkom.core.editor.admin import EditorAdminMixin
from vastkom.site.models import AccessibilityStatement

admin.site.site_header = "VästKom webb"
admin.site.site_title = "VästKom webb"
admin.site.index_title = "Redigera webbplatsen"


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(EditorAdminMixin, admin.ModelAdmin):
    """One statement: editors change it, nobody adds a second one or deletes it."""

    list_display = ("__str__", "compliance", "assessed_on", "updated_at")
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": ("organisation", "compliance", "compliance_details", "shortcomings")}),
        (_("Rapportera brister"), {"fields": ("feedback_email", "feedback_phone", "feedback_details")}),
        (_("Bedömning"), {"fields": ("assessment_method", "assessed_on", "published_on", "updated_at")}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


from vastkom.site import lockout_admin  # noqa: E402,F401 - registers the unlocking admin
