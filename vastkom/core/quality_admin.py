"""The quality check in the admin: errors block publishing, warnings are shown, lists filter.

``QualityAdminMixin`` goes before ``PublishableAdmin`` in an app's admin. It wraps whatever
form the admin uses with ``QualityCheckFormMixin``, which runs ``quality.check_fields`` on the
submitted (cleaned) text and, when ``publishing_requested()`` says this save puts the item
before the public, attaches each error to its field. A draft always saves; its errors and
warnings are then shown as messages and in the "Kvalitetskontroll" box of the form. The
change list gets a column and a filter from the summary stored on the row (no extra query).
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vastkom.core.adminforms import form_with
from vastkom.core.quality import Severity, check_fields

MAX_MESSAGES = 8


class QualityCheckFormMixin:
    """Runs the quality check in ``clean()``; errors block only a save that publishes."""

    quality_report = None

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model

        def value(name):
            return cleaned[name] if name in cleaned else getattr(self.instance, name)

        own_path = ""
        if self.instance.pk:
            try:
                own_path = self.instance.get_absolute_url()
            except Exception:  # noqa: BLE001 - no usable slug yet
                own_path = ""
        self.quality_report = check_fields(
            rich={name: value(name) for name in model.QUALITY_RICH_FIELDS},
            plain={name: value(name) for name in model.QUALITY_LEAD_FIELDS},
            lead_fields=model.QUALITY_LEAD_FIELDS,
            publish_at=cleaned.get("publish_at") or getattr(self.instance, "publish_at", None),
            own_path=own_path,
        )
        if self.publishing_requested():
            for issue in self.quality_report.errors:
                target = issue.field if issue.field in self.fields and issue.field in self.cleaned_data else None
                self.add_error(target, ValidationError(issue.message, code=issue.code))
        return self.cleaned_data


class QualityFilter(admin.SimpleListFilter):
    title = gettext_lazy("kvalitet")
    parameter_name = "kvalitet"

    def lookups(self, request, model_admin):
        return [
            ("fel", gettext_lazy("Har fel")),
            ("varningar", gettext_lazy("Har varningar")),
            ("utan", gettext_lazy("Utan anmärkningar")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "fel":
            return queryset.filter(quality_errors__gt=0)
        if value == "varningar":
            return queryset.filter(quality_warnings__gt=0)
        if value == "utan":
            return queryset.filter(quality_errors=0, quality_warnings=0).exclude(quality_summary={})
        return queryset


def summary_counts(obj) -> str:
    if not obj.quality_summary:
        return _("Inte kontrollerad")
    parts = []
    if obj.quality_errors:
        parts.append(ngettext("%(n)s fel", "%(n)s fel", obj.quality_errors) % {"n": obj.quality_errors})
    if obj.quality_warnings:
        parts.append(ngettext("%(n)s varning", "%(n)s varningar", obj.quality_warnings) % {"n": obj.quality_warnings})
    return ", ".join(parts) or _("Inga anmärkningar")


class QualityAdminMixin:
    quality_fieldset_title = gettext_lazy("Kvalitetskontroll")

    def get_form(self, request, obj=None, change=False, **kwargs):
        return form_with(QualityCheckFormMixin, super().get_form(request, obj, change=change, **kwargs))

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if "quality_label" not in shown:
            shown.insert(max(1, len(shown) - 1), "quality_label")
        return shown

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return filters if QualityFilter in filters else [*filters, QualityFilter]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "quality_details")

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and not any("quality_details" in opts.get("fields", ()) for _n, opts in fieldsets):
            fieldsets.insert(1, (self.quality_fieldset_title, {"fields": ("quality_details",)}))
        return fieldsets

    @admin.display(description=gettext_lazy("kvalitet"), ordering="quality_errors")
    def quality_label(self, obj):
        text = summary_counts(obj)
        if obj.quality_errors:
            return format_html('<strong class="quality-errors">{}</strong>', text)
        return text

    @admin.display(description=gettext_lazy("senaste kontrollen"))
    def quality_details(self, obj):
        summary = obj.quality_summary or {}
        if not summary:
            return _("Kontrolleras när sidan sparas.")
        issues = summary.get("issues", [])
        figures = summary.get("figures", {})
        lix_text = ""
        if "lix" in figures:
            lix_text = _("Läsbarhet: LIX %(lix)s (%(band)s).") % {"lix": figures["lix"], "band": figures["lix_band"]}
        if not issues:
            return format_html("<p>{} {}</p>", _("Inga anmärkningar."), lix_text)
        labels = {Severity.ERROR.value: _("Fel"), Severity.WARNING.value: _("Varning")}
        items = format_html_join(
            "",
            "<li><strong>{}:</strong> {}</li>",
            ((labels.get(i["severity"], ""), i["message"]) for i in issues),
        )
        if obj.quality_errors:
            intro = _("Fel måste rättas innan sidan kan publiceras; varningar är råd.")
        else:
            intro = _("Varningarna är råd; de stoppar inte publiceringen.")
        return format_html("<p>{}</p><ul>{}</ul><p>{}</p>", intro, items, lix_text)

    def quality_messages(self, request, report, *, saved: bool):
        if report is None:
            return
        if saved and report.errors:
            messages.warning(
                request,
                _("Sparat, men det här måste rättas innan sidan kan publiceras: %(list)s")
                % {"list": " ".join(i.message for i in report.errors[:MAX_MESSAGES])},
            )
        for issue in report.warnings[:MAX_MESSAGES]:
            messages.warning(request, _("Att se över: %(message)s") % {"message": issue.message})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.quality_messages(request, getattr(form, "quality_report", None), saved=True)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform").form if context.get("adminform") else None
        if request.method == "POST" and form is not None and form.errors:
            self.quality_messages(request, getattr(form, "quality_report", None), saved=False)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
