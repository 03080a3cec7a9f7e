"""The editor's form for publishable content: buttons, a state badge, roles and pending drafts.

``PublishableAdmin`` (``admin.py``) mixes this in. What each button does is decided in
``editorial.py``; here it is wired into Django's admin:

- ``get_object`` gives the change form the item's working copy (pending changes applied), so
  an editor always continues where the last one stopped;
- ``get_form`` tells the form what the button pressed will do (``form.intent``), so the form
  can refuse what the editor may not do and ``publishing_requested()`` can answer;
- ``save_model`` either saves the item (publish, schedule, unpublish, save a draft) or keeps
  the values as the item's pending draft, and leaves a Swedish message saying what happened.
"""

import json

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vastkom.core import drafts
from vastkom.core.editorial import (
    REFUSED_MESSAGE,
    Action,
    buttons_for,
    decide,
    is_approved,
    requested_action,
    success_message,
)
from vastkom.core.editorial import apply_to_item as apply_action
from vastkom.core.history import services as history
from vastkom.core.publishing import Status
from vastkom.core.roles import user_can_publish

# Shown only once the item exists: no "Uppdaterad" (or "Publicerad") before the first save.
FIELDS_AFTER_FIRST_SAVE = ("published_at", "updated_at", "public_link", "minor_change")
SCHEDULING_FIELDS = ("publish_at", "unpublish_at")


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, each named for screen readers ("Publiceras, datum")."""

    def __init__(self, label, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = _("%(field)s, datum") % {"field": label}
        self.widgets[1].attrs["aria-label"] = _("%(field)s, tid") % {"field": label}


def editorial_clean(form) -> None:
    """The form's checks for the button pressed (``form.intent``); nothing is saved on error."""
    intent = getattr(form, "intent", None)
    if intent is None:
        return
    if intent.refused:
        raise ValidationError(REFUSED_MESSAGE, code="publish_not_allowed")
    publish_at = form.cleaned_data.get("publish_at")
    if intent.action == Action.SCHEDULE and publish_at is not None and publish_at <= timezone.now():
        form.add_error(
            "publish_at",
            ValidationError(
                _("Välj en tid i framtiden för att schemalägga, eller välj ”Publicera nu”."),
                code="schedule_not_in_future",
            ),
        )
    if intent.action == Action.SEND_BACK:
        if not intent.in_review:
            raise ValidationError(
                _("Det finns inget som är klart för granskning att skicka tillbaka."), code="not_in_review"
            )
        if not (form.cleaned_data.get("send_back_comment") or "").strip():
            form.add_error(
                "send_back_comment",
                ValidationError(_("Skriv en kommentar till skribenten: vad ska ändras?"), code="comment_required"),
            )
    if intent.pending:
        for name in SCHEDULING_FIELDS:
            if name in form.fields and name in form.changed_data:
                form.add_error(
                    name,
                    ValidationError(
                        _(
                            "Sidan är publicerad: tiden ändras när ändringarna publiceras eller schemaläggs, "
                            "inte i ett utkast."
                        ),
                        code="scheduling_in_pending_draft",
                    ),
                )


def pending_note(intent, draft, user) -> str:
    """The history's words for a save that went to the item's pending changes."""
    if intent.action == Action.SEND_BACK:
        return _("Ändringar som väntar på publicering skickades tillbaka till %(name)s.") % {
            "name": history.user_name(draft.author)
        }
    if draft.state == drafts.DraftState.REVIEW:
        return _("Ändringar som väntar på publicering, klara för granskning, sparade av %(name)s.") % {
            "name": history.user_name(user)
        }
    return _("Ändringar som väntar på publicering, sparade av %(name)s.") % {"name": history.user_name(user)}


def applied_note(intent, draft, obj) -> str:
    """The history's words for a save to the item that took in someone's pending changes."""
    name = history.user_name(draft.author)
    if intent.goes_public and obj.publish_at > timezone.now():
        return _("Schemalade ändringar av %(name)s.") % {"name": name}
    if intent.goes_public:
        return _("Publicerade ändringar av %(name)s.") % {"name": name}
    return _("Sparade ändringar av %(name)s.") % {"name": name}


class EditorialAdminMixin:
    change_form_template = "admin/core/publishable_change_form.html"

    def can_publish(self, request) -> bool:
        return user_can_publish(request.user, self.model)

    # --- the form ----------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request._editorial_form = True
        if request.method == "POST" and object_id and "_discard_draft" in request.POST:
            return self.discard_draft_view(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "_editorial_form", False):
            draft = drafts.pending_draft_for(obj)
            request._editorial_draft = draft
            request._editorial_was_scheduled = is_approved(obj) and obj.publish_at > timezone.now()
            obj = drafts.working_copy(obj, draft)
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        action = requested_action(request.POST, obj) if request.method == "POST" else Action.SAVE
        draft = getattr(request, "_editorial_draft", None)
        form.intent = decide(
            action=action,
            obj=obj,
            can_publish=self.can_publish(request),
            pending_state=draft.state if draft else None,
        )
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField) and db_field.editable:
            kwargs["widget"] = LabelledSplitDateTime(str(db_field.verbose_name).capitalize())
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "publish_at" and formfield is not None:
            formfield.help_text = gettext_lazy(
                "Tiden som ”Schemalägg” använder. ”Publicera nu” publicerar direkt och sätter tiden till nu."
            )
        return formfield

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        hidden = {"status", *FIELDS_AFTER_FIRST_SAVE} if obj is None else {"status"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_approved(obj) and not self.can_publish(request):
            # A writer's changes to a published item wait for review; its timing is the publisher's.
            readonly += [f for f in SCHEDULING_FIELDS if f not in readonly]
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        draft = getattr(request, "_editorial_draft", None)
        can_publish = self.can_publish(request)
        intent = decide(
            action=Action.SAVE, obj=obj, can_publish=can_publish, pending_state=draft.state if draft else None
        )
        context["editorial"] = {
            "badge": obj.get_visibility_display() if obj is not None else Status.DRAFT.label,
            "visibility": obj.visibility if obj is not None else "draft",
            "draft": draft,
            "approved": intent.approved,
            "in_review": intent.in_review,
            "can_publish": can_publish,
            "comment": draft.comment if draft is not None else getattr(obj, "review_comment", ""),
            "buttons": buttons_for(obj, can_publish=can_publish, pending_state=draft.state if draft else None),
            "can_discard": draft is not None and (can_publish or draft.author_id == request.user.pk),
        }
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    # --- saving --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        intent = getattr(form, "intent", None)
        if intent is None:  # the list's editable columns: a plain save, by a publisher (see below)
            intent = decide(action=Action.SAVE, obj=obj, can_publish=self.can_publish(request))
        draft = getattr(request, "_editorial_draft", None)
        comment = (form.cleaned_data.get("send_back_comment") or "").strip()
        if intent.pending:
            values = drafts.draft_values(form, exclude=SCHEDULING_FIELDS)
            if intent.action == Action.SEND_BACK:
                saved = drafts.pending_draft_save(
                    obj=obj, values=values, author=draft.author, state=drafts.DraftState.DRAFT, comment=comment
                )
            else:
                state = {Action.REVIEW: drafts.DraftState.REVIEW, Action.DRAFT: drafts.DraftState.DRAFT}
                saved = drafts.pending_draft_save(
                    obj=obj, values=values, author=request.user, state=state.get(intent.action)
                )
            # The history keeps the changes as they now wait, marked as not live.
            history.pending_version_add(drafts.working_copy(obj, saved))
            request._editorial_history_note = pending_note(intent, saved, request.user)
        else:
            apply_action(obj, intent, publish_at_chosen="publish_at" in form.changed_data, comment=comment)
            if not change:
                obj.created_by = request.user
            # The working copy's relations answer from the draft; the real save must see the table.
            obj._prefetched_objects_cache = {}
            # Forms without the box (the list's editable columns, e.g. menu order) change no content.
            obj.save(minor_change=form.cleaned_data.get("minor_change", "minor_change" not in form.fields))
            if draft is not None:
                # The form showed the pending changes: they are in this save now.
                drafts.pending_draft_discard(obj=obj)
                request._editorial_history_note = applied_note(intent, draft, obj)
        request._editorial_message = success_message(
            obj, intent, was_scheduled=getattr(request, "_editorial_was_scheduled", False)
        )

    def log_change(self, request, obj, message):
        """The history says whose pending changes a save kept or published (``*_note``)."""
        note = getattr(request, "_editorial_history_note", None)
        if note:
            request._editorial_history_note = None
            text = LogEntry(change_message=json.dumps(message) if isinstance(message, list) else message)
            message = " ".join(part for part in (note, text.get_change_message()) if part)
        return super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(self.continue_after_draft(request), obj, post_url_continue)

    def response_change(self, request, obj):
        return super().response_change(self.continue_after_draft(request), obj)

    @staticmethod
    def continue_after_draft(request):
        """The button "Spara utkast" keeps the editor on the form, as Django's "save and continue
        editing" does: the text is not finished, and its preview links and history are there.
        The other buttons hand the item on and return to the list."""
        if "_draft" in request.POST and "_continue" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return request

    def save_related(self, request, form, formsets, change):
        if not self.item_was_saved(form):
            return  # the relations wait in the pending draft with the rest
        super().save_related(request, form, formsets, change)

    @staticmethod
    def item_was_saved(form) -> bool:
        """Whether the save reached the item itself (not only its pending draft)."""
        intent = getattr(form, "intent", None)
        return intent is None or not intent.pending

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        editorial = getattr(request, "_editorial_message", None)
        if editorial and level == messages.SUCCESS:
            message, request._editorial_message = editorial, None
        super().message_user(request, message, level, extra_tags, fail_silently)

    def discard_draft_view(self, request, object_id):
        obj = super().get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        draft = drafts.pending_draft_for(obj)
        if draft is not None:
            if not (self.can_publish(request) or draft.author_id == request.user.pk):
                raise PermissionDenied
            with transaction.atomic():
                drafts.pending_draft_discard(obj=obj)
                history.live_version_add(
                    obj,
                    comment=_("Tog bort ändringarna som väntade på publicering, sparade av %(name)s.")
                    % {"name": history.user_name(draft.author)},
                )
            self.message_user(
                request,
                _("Ändringarna i ”%(title)s” är borttagna. Webbplatsen visar den publicerade versionen.")
                % {"title": obj},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(request.path)

    # --- the list ------------------------------------------------------------------------

    def get_queryset(self, request):
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        pending = drafts.PendingDraft.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
        return super().get_queryset(request).annotate(pending_state=Subquery(pending.values("state")[:1]))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.can_publish(request):
            changelist.list_editable = ()  # e.g. a topic's menu order: that changes the live site
        return changelist
