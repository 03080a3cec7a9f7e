"""What the editors' admin screens for publishable content have in common."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from vastkom.core.drafts import DraftState, PendingDraft
from vastkom.core.editorial_admin import EditorialAdminMixin, editorial_clean
from vastkom.core.publishing import Status, Visibility, expired_q, published_q

VISIBILITY_CSS = {
    Visibility.DRAFT: "#5a5a5a",
    Visibility.REVIEW: "#6a1b9a",
    Visibility.SCHEDULED: "#8a4b00",
    Visibility.LIVE: "#1a6b2f",
    Visibility.EXPIRED: "#5a5a5a",
}


class PublishableForm(forms.ModelForm):
    minor_change = forms.BooleanField(
        label=_("Mindre ändring"),
        required=False,
        help_text=_("Kryssa i vid t.ex. en rättad stavning: då ändras inte datumet ”Uppdaterad”."),
    )
    send_back_comment = forms.CharField(
        label=_("Kommentar till skribenten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Krävs för ”Skicka tillbaka”. Skribenten ser kommentaren i formuläret och på startsidan."),
    )
    # What the button pressed will do (vastkom.core.editorial.Intent); set by PublishableAdmin.
    intent = None

    def publishing_requested(self) -> bool:
        """Whether this save would put the item before the public, now or at ``publish_at``.

        Checks that only matter for what the public sees (e.g. the quality check) ask this,
        so that a draft can always be saved: true for "Publicera nu" and "Schemalägg" (and a
        publisher's plain save of a published item), false for drafts, "Klar för granskning",
        changes kept as a pending draft, "Avpublicera" and "Skicka tillbaka".
        """
        if self.intent is None:  # the form used outside the admin
            return self.cleaned_data.get("status") == Status.PUBLISHED
        return self.intent.goes_public

    def clean(self):
        cleaned_data = super().clean()
        editorial_clean(self)
        return cleaned_data


class VisibilityFilter(admin.SimpleListFilter):
    title = _("synlighet")
    parameter_name = "synlighet"

    def lookups(self, request, model_admin):
        return Visibility.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == Visibility.DRAFT:
            return queryset.filter(status=Status.DRAFT).exclude(expired_q(now))
        if value == Visibility.REVIEW:
            # Drafts handed in, and changes to published items handed in.
            content_type = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
            pending = PendingDraft.objects.filter(
                content_type=content_type, object_id=OuterRef("pk"), state=DraftState.REVIEW
            )
            return queryset.filter(Q(status=Status.REVIEW) | Exists(pending))
        if value == Visibility.SCHEDULED:
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if value == Visibility.LIVE:
            return queryset.filter(published_q(now))
        if value == Visibility.EXPIRED:
            return queryset.filter(expired_q(now))
        return queryset


class PublishableAdmin(EditorialAdminMixin, admin.ModelAdmin):
    """State at a glance, buttons that say what they do, a minor-change box, the public page.

    Roles, buttons and pending drafts: ``editorial_admin.EditorialAdminMixin``.
    """

    form = PublishableForm
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("published_at", "updated_at", "public_link")
    list_per_page = 50
    save_on_top = True
    publishing_fieldset = (
        _("Publicering"),
        {
            "fields": (
                "publish_at",
                "unpublish_at",
                "minor_change",
                "published_at",
                "updated_at",
                "public_link",
            )
        },
    )

    @admin.display(description=_("synlighet"), ordering="status")
    def visibility_label(self, obj):
        label = format_html(
            '<strong style="color:{}">{}</strong>', VISIBILITY_CSS[obj.visibility], obj.get_visibility_display()
        )
        pending = getattr(obj, "pending_state", None)
        if pending is None:
            return label
        note = _("ändringar klara för granskning") if pending == DraftState.REVIEW else _("ändringar i utkast")
        return format_html('{}<br><span class="pending-note">{}</span>', label, note)

    @admin.display(description=_("på webbplatsen"))
    def public_link(self, obj):
        if not obj.pk:
            return "–"
        label = _("Visa på webbplatsen") if obj.is_published else _("Förhandsgranska")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)


# The kernel's own screens.
from vastkom.core.previews.admin import PreviewLinkAdmin  # noqa: E402
from vastkom.core.previews.models import PreviewLink  # noqa: E402
from vastkom.core.redirects.admin import RedirectAdmin  # noqa: E402
from vastkom.core.redirects.models import Redirect  # noqa: E402

admin.site.register(PreviewLink, PreviewLinkAdmin)
admin.site.register(Redirect, RedirectAdmin)
