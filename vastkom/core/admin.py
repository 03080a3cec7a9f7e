"""What the editors' admin screens for publishable content have in common."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from vastkom.core.publishing import Status, Visibility, published_q

VISIBILITY_CSS = {
    Visibility.DRAFT: "#6b6b6b",
    Visibility.SCHEDULED: "#8a4b00",
    Visibility.LIVE: "#1a6b2f",
    Visibility.EXPIRED: "#6b6b6b",
}


class PublishableForm(forms.ModelForm):
    minor_change = forms.BooleanField(
        label=_("Mindre ändring"),
        required=False,
        help_text=_("Kryssa i vid t.ex. en rättad stavning: då ändras inte datumet ”Uppdaterad”."),
    )

    def publishing_requested(self) -> bool:
        """Whether this save would put the item before the public, now or at ``publish_at``.

        Checks that only matter for what the public sees (e.g. the quality check) ask this,
        so that a draft can always be saved.
        """
        return self.cleaned_data.get("status") == Status.PUBLISHED


class VisibilityFilter(admin.SimpleListFilter):
    title = _("synlighet")
    parameter_name = "synlighet"

    def lookups(self, request, model_admin):
        return Visibility.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == Visibility.DRAFT:
            return queryset.exclude(status=Status.PUBLISHED)
        if value == Visibility.SCHEDULED:
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if value == Visibility.LIVE:
            return queryset.filter(published_q(now))
        if value == Visibility.EXPIRED:
            return queryset.filter(status=Status.PUBLISHED, unpublish_at__lte=now)
        return queryset


class PublishableAdmin(admin.ModelAdmin):
    """Status at a glance, a minor-change box, and a link to the public page."""

    form = PublishableForm
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("published_at", "updated_at", "public_link")
    list_per_page = 50
    save_on_top = True
    publishing_fieldset = (
        _("Publicering"),
        {
            "fields": (
                "status",
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
        return format_html(
            '<strong style="color:{}">{}</strong>', VISIBILITY_CSS[obj.visibility], obj.get_visibility_display()
        )

    @admin.display(description=_("på webbplatsen"))
    def public_link(self, obj):
        if not obj.pk:
            return "–"
        label = _("Visa på webbplatsen") if obj.is_published else _("Förhandsgranska")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    def save_model(self, request, obj, form, change):
        if (
            change
            and "status" in form.changed_data
            and "publish_at" not in form.changed_data
            and obj.status == Status.PUBLISHED
            and obj.published_at is None
            and obj.publish_at < timezone.now()
        ):
            # A draft published now, with the publish time it got when it was first saved:
            # it is published now, not on the day the draft was begun.
            obj.publish_at = timezone.now()
        # Forms without the box (the list's editable columns, e.g. menu order) change no content.
        obj.save(minor_change=form.cleaned_data.get("minor_change", "minor_change" not in form.fields))


# The kernel's own screens.
from vastkom.core.previews.admin import PreviewLinkAdmin  # noqa: E402
from vastkom.core.previews.models import PreviewLink  # noqa: E402
from vastkom.core.redirects.admin import RedirectAdmin  # noqa: E402
from vastkom.core.redirects.models import Redirect  # noqa: E402

admin.site.register(PreviewLink, PreviewLinkAdmin)
admin.site.register(Redirect, RedirectAdmin)
