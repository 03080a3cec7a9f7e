"""History in the admin: every save keeps a version, "Senast ändrad av" on the form and in the
list, and the history page with compare and restore."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vastkom.core import drafts
from vastkom.core.history.concurrency import TOKEN_FIELD, EditToken, edit_token, opened_from, stale_save
from vastkom.core.history.diff import compare
from vastkom.core.history.registry import restorable_fields
from vastkom.core.history.services import (
    ITEM,
    PENDING,
    field_dict_of,
    local_datetime,
    record_initial_version,
    restore_refusal,
    restore_target,
    user_name,
    version_restore,
    version_restore_as_pending,
    versions_of,
    with_last_change,
)

HISTORY_LENGTH = 200


class HistoryAdminMixin:
    """For the admin of a versioned model (``history.registry.register``)."""

    history_fieldset = (gettext_lazy("Historik"), {"fields": ("last_changed_by",)})

    # Every save through the admin is one version: the form, the list's editable columns, actions.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                record_initial_version(obj)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changelist_view(request, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or _("Skapad."))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or _("Sparad utan ändringar."))
        return entry

    # "Senast ändrad av": one query for the whole list.

    def get_queryset(self, request):
        return with_last_change(super().get_queryset(request))

    def get_list_display(self, request):
        return (*super().get_list_display(request), "last_changed_by")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "last_changed_by")

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return fieldsets if obj is None else [*fieldsets, self.history_fieldset]

    @admin.display(description=gettext_lazy("senast ändrad av"), ordering="history_date")
    def last_changed_by(self, obj):
        name = getattr(obj, "history_user", None)
        date = getattr(obj, "history_date", None)
        if date is None:
            return "–"
        if not name:
            name = _("okänd")
        return format_html('{} <span class="history-date">({})</span>', name, local_datetime(date))

    # The history page, compare and restore.

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/history/jamfor/",
                self.admin_site.admin_view(self.history_compare_view),
                name=f"{prefix}_history_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/aterstall/",
                self.admin_site.admin_view(self.history_restore_view),
                name=f"{prefix}_history_restore",
            ),
            *super().get_urls(),
        ]

    def _history_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _history_context(self, request, obj, title, **extra):
        opts = self.model._meta
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj),
            "opts": opts,
            "object": obj,
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
            "history_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self._history_object(request, object_id)
        versions = list(versions_of(obj)[:HISTORY_LENGTH])
        # The newest version that is not pending changes is what the item is now; each pending
        # version is compared with the live version it was written beside (the next older one).
        current = next((v for v in versions if not v.is_pending), None)
        live_before = None
        for version in reversed(versions):
            version.live_before = live_before if version.is_pending else None
            if not version.is_pending:
                live_before = version
        opts = self.model._meta
        context = self._history_context(
            request,
            obj,
            _("Historik för ”%(title)s”") % {"title": obj},
            versions=versions,
            current=current,
            compare_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_history_compare", args=[obj.pk]),
            restore_refusal=restore_refusal(request.user, obj),
            restore_url_name=f"admin:{opts.app_label}_{opts.model_name}_history_restore",
        )
        return TemplateResponse(request, "core/history/object_history.html", context)

    def history_compare_view(self, request, object_id):
        obj = self._history_object(request, object_id)
        wanted = {request.GET.get("fran", ""), request.GET.get("till", "")}
        ids = sorted(int(v) for v in wanted if v.isdigit())
        versions = list(versions_of(obj).filter(pk__in=ids).order_by("pk"))
        if len(versions) != 2:
            messages.error(request, _("Välj två olika versioner att jämföra."))
            return redirect(
                reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_history", args=[obj.pk])
            )
        older, newer = versions
        context = self._history_context(
            request,
            obj,
            _("Jämför två versioner av ”%(title)s”") % {"title": obj},
            older=older,
            newer=newer,
            changes=compare(self.model, older.field_dict, newer.field_dict),
        )
        return TemplateResponse(request, "core/history/compare.html", context)

    def history_restore_view(self, request, object_id, version_id):
        obj = self._history_object(request, object_id)
        version = versions_of(obj).filter(pk=version_id).first()
        if version is None:
            raise Http404
        refusal = restore_refusal(request.user, obj)
        if request.method == "POST":
            if refusal:
                messages.error(request, refusal)
                return redirect(request.path)
            return self._history_restore(request, obj, version)
        target = restore_target(request.user, obj, version)
        draft = drafts.pending_draft_for(obj)
        now = drafts.working_copy(obj, draft) if target == PENDING else obj
        context = self._history_context(
            request,
            obj,
            _("Återställ en tidigare version av ”%(title)s”") % {"title": obj},
            version=version,
            changes=compare(
                self.model,
                field_dict_of(now),
                version.field_dict,
                only={f.name for f in restorable_fields(self.model)},
            ),
            restore_refusal=refusal,
            to_pending=target == PENDING,
            draft=draft,
            draft_author=user_name(draft.author) if draft else "",
            edit_token={"name": TOKEN_FIELD, "value": str(edit_token(self.model, obj.pk))},
        )
        return TemplateResponse(request, "core/history/restore.html", context)

    def _history_restore(self, request, obj, version):
        """Restore ``version`` (POST): into the item, or into its pending changes
        (``restore_target``); refused, changing nothing, when the page was opened before
        someone saved, or without knowing of pending changes (a post without the token)."""
        opts = self.model._meta
        with transaction.atomic():
            list(self.model._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
            current = edit_token(self.model, obj.pk)
            posted = request.POST.get(TOKEN_FIELD)
            draft = drafts.pending_draft_for(obj)
            if posted is None and draft is not None:
                messages.error(
                    request,
                    _(
                        "Det finns ändringar som väntar på publicering, sparade av %(name)s %(when)s. Öppna "
                        "versionen och se vad återställningen gör med dem innan du återställer."
                    )
                    % {"name": user_name(draft.author), "when": local_datetime(draft.updated_at)},
                )
                return redirect(request.path)
            if posted is not None and not opened_from(self.model, obj.pk, EditToken.parse(posted), current):
                stale = stale_save(self.model, obj.pk, EditToken.parse(posted), current)
                messages.error(request, self._restore_stale_message(obj, stale))
                return redirect(request.path)
            target = restore_target(request.user, obj, version)
            try:
                if target == PENDING:
                    restored, notes = version_restore_as_pending(obj=obj, version=version, user=request.user)
                else:
                    restored, notes = version_restore(obj=obj, version=version, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                messages.error(request, _("Versionen kunde inte återställas: %(why)s") % {"why": text})
                return redirect(request.path)
        date = local_datetime(version.revision.date_created)
        if target == PENDING:
            message = _(
                "Versionen från %(date)s är återställd som ändringar som väntar på publicering. Webbplatsen "
                "visar den publicerade versionen tills en publicerare publicerar dem."
            ) % {"date": date}
        else:
            message = _("Versionen från %(date)s är återställd och sparad som en ny version.") % {"date": date}
        self.log_change(request, restored, message)
        messages.success(request, message)
        if target == ITEM and draft is not None:
            messages.warning(
                request,
                _(
                    "Ändringarna som väntar på publicering, sparade av %(name)s %(when)s, finns kvar. Formuläret "
                    "visar dem, och publiceras de ersätter de den återställda versionen. Ta bort dem i "
                    "formuläret om de inte ska publiceras."
                )
                % {"name": user_name(draft.author), "when": local_datetime(draft.updated_at)},
            )
        for note in notes:
            messages.warning(request, note)
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))

    @staticmethod
    def _restore_stale_message(obj, stale) -> str:
        if stale.name is not None:
            return _(
                "”%(title)s” har sparats av %(name)s %(when)s, efter att du öppnade sidan. Ingenting är "
                "återställt; se efter vad som ändrats och välj igen."
            ) % {"title": obj, "name": stale.name, "when": local_datetime(stale.when)}
        return _("”%(title)s” har ändrats efter att du öppnade sidan. Ingenting är återställt.") % {"title": obj}
