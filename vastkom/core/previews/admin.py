"""Preview links in the admin: listed on the item's form, made and revoked on a page of their own."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vastkom.core.previews.models import PreviewLink
from vastkom.core.previews.services import (
    default_lifetime_days,
    lifetime_choices,
    preview_is_useful,
    preview_link_create,
    preview_link_revoke,
)


class PreviewLinkCreateForm(forms.Form):
    days = forms.TypedChoiceField(label=gettext_lazy("Länken gäller i"), coerce=int, choices=lifetime_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = default_lifetime_days()


def full_url(link: PreviewLink) -> str:
    return settings.SITE_URL + link.get_absolute_url()


def localtime(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


class PreviewLinksAdminMixin:
    """For the admin of a previewable content type (registered in ``previews.registry``)."""

    preview_links_fieldset = (gettext_lazy("Förhandsvisningslänkar"), {"fields": ("preview_links",)})

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/forhandsvisning/",
                self.admin_site.admin_view(self.preview_links_view),
                name=f"{opts.app_label}_{opts.model_name}_previewlinks",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "preview_links")

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return fieldsets if obj is None else [*fieldsets, self.preview_links_fieldset]

    def preview_links_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_previewlinks", args=[obj.pk])

    @admin.display(description=gettext_lazy("förhandsvisningslänkar"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        links = [(link, full_url(link)) for link in PreviewLink.objects.for_object(obj).active()]
        html = render_to_string(
            "core/previews/admin_summary.html",
            {"links": links, "manage_url": self.preview_links_url(obj), "useful": preview_is_useful(obj)},
        )
        # Our own template, autoescaped: safe to show as HTML in the read-only field.
        return mark_safe(html)  # noqa: S308

    def preview_links_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        links = PreviewLink.objects.for_object(obj)
        form = PreviewLinkCreateForm()
        if request.method == "POST":
            if request.POST.get("action") == "revoke":
                raw = request.POST.get("link", "").strip()
                link = links.filter(pk=int(raw)).first() if raw.isdigit() else None
                if link is None:
                    messages.error(request, _("Länken finns inte."))
                else:
                    preview_link_revoke(link=link)
                    messages.success(request, _("Länken är återkallad och visar inte längre sidan."))
                return redirect(request.path)
            form = PreviewLinkCreateForm(request.POST)
            if form.is_valid():
                try:
                    link = preview_link_create(obj=obj, user=request.user, days=form.cleaned_data["days"])
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        _("Länken är skapad och gäller till %(date)s: %(url)s")
                        % {"date": localtime(link.expires_at), "url": full_url(link)},
                    )
                    return redirect(request.path)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Förhandsvisningslänkar för ”%(title)s”") % {"title": obj},
            "opts": opts,
            "object": obj,
            "form": form,
            "links": [(link, full_url(link)) for link in links.select_related("created_by")],
            "useful": preview_is_useful(obj),
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        }
        return TemplateResponse(request, "core/previews/admin_links.html", context)


class PreviewLinkAdmin(admin.ModelAdmin):
    """Every link in one list, to revoke what should no longer work."""

    list_display = ("object_repr", "content_type", "created_by", "created_at", "expires_at", "state_label")
    list_filter = ("content_type",)
    list_select_related = ("created_by", "content_type")
    search_fields = ("object_repr",)
    readonly_fields = (
        "content_type",
        "object_id",
        "object_repr",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
    )
    fields = readonly_fields
    actions = ["revoke"]

    class Media:
        css = {"all": ("core/admin.css",)}

    @admin.display(description=gettext_lazy("status"))
    def state_label(self, obj):
        return obj.get_state_display()

    @admin.action(description=gettext_lazy("Återkalla markerade länkar"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, _("%(n)d länkar återkallades.") % {"n": count})

    def has_add_permission(self, request):
        return False
