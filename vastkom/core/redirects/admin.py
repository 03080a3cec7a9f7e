"""The editors' list of redirects, and the mixin that makes content admins record moves."""

import re
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vastkom.core.redirects.models import Redirect
from vastkom.core.redirects.services import following_moves, leads_back, local_path, redirect_save

# A path: starts with one slash, no spaces or control characters, no fragment.
PATH_RE = re.compile(r"/(?!/)[^\s#\x00-\x1f\x7f]*")


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ("old_path", "new_path")

    def clean_old_path(self):
        value = local_path(self.cleaned_data["old_path"])
        if not PATH_RE.fullmatch(value) or "?" in value:
            raise ValidationError(
                _("Skriv den gamla adressen som en sökväg på webbplatsen, t.ex. /nyheter/gammal-rubrik/."),
                code="old_path_not_local",
            )
        return value

    def clean_new_path(self):
        value = local_path(self.cleaned_data["new_path"])
        if value.startswith("/"):
            if not PATH_RE.fullmatch(value):
                raise ValidationError(
                    _("Skriv en sökväg på webbplatsen (t.ex. /nyheter/ny-rubrik/) eller en https-adress."),
                    code="new_path_invalid",
                )
            return value
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname or re.search(r"[\s\x00-\x1f\x7f]", value):
            raise ValidationError(
                _(
                    "Skriv en sökväg på webbplatsen (t.ex. /nyheter/ny-rubrik/) eller en fullständig "
                    "adress som börjar med https://."
                ),
                code="new_path_invalid",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_path"), cleaned.get("new_path")
        if old and new:
            if old == new:
                raise ValidationError(
                    {"new_path": ValidationError(_("En adress kan inte leda till sig själv."), code="self")}
                )
            if leads_back(old, new):
                raise ValidationError(
                    {
                        "new_path": ValidationError(
                            _("Den nya adressen leder redan tillbaka till den gamla. Det skulle bli en slinga."),
                            code="loop",
                        )
                    }
                )
        return cleaned


class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ("old_path", "new_path", "automatic", "created_at")
    list_filter = ("automatic",)
    search_fields = ("old_path", "new_path")
    readonly_fields = ("automatic", "created_at")
    fields = ("old_path", "new_path", "automatic", "created_at")

    class Media:
        css = {"all": ("core/admin.css",)}

    def save_model(self, request, obj, form, change):
        redirect_save(redirect=obj)


class RedirectsAdminMixin:
    """For the admin of a content type with public addresses: a page that has been public and
    gets a new address leaves a redirect behind (see ``services.following_moves``)."""

    def save_model(self, request, obj, form, change):
        with following_moves(obj):
            super().save_model(request, obj, form, change)
