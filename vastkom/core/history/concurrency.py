"""Two editors, one item: a save from a form opened before someone else saved is refused.

The change form carries a token of what it was opened from (``edit_token``: the item's newest
version and its pending changes, ``drafts.py``). Every save through the admin, to the item or
to its pending changes, adds a version, so a save whose token no longer matches comes from a
stale form. It is refused before anything is written: the form comes back with everything the
editor typed, a message naming who saved and when, and links to compare. The form then carries
the new token, so saving again replaces the other save knowingly. A form posted without a token
(a script, an old page) is not checked.

The check runs with the item's row locked, so two saves at the same moment are taken one at a
time and the second sees the first. ``StaleFormAdminMixin`` is listed before
``HistoryAdminMixin``, so the lock also covers the history's first version of an item.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from reversion.models import Version

from vastkom.core import drafts

TOKEN_FIELD = "_opened_version"
CHANGE_FORM_TEMPLATE = "admin/core/versioned_change_form.html"


@dataclass(frozen=True)
class EditToken:
    version: int  # the newest version's id, 0 for none
    draft: int  # the pending draft's id, 0 for none
    draft_saved: int  # when it was saved last, in microseconds

    def __str__(self):
        return f"{self.version}.{self.draft}.{self.draft_saved}"

    @classmethod
    def parse(cls, text) -> "EditToken | None":
        parts = str(text or "").split(".")
        if len(parts) != 3 or not all(p.isdigit() and len(p) < 20 for p in parts):
            return None
        return cls(*(int(p) for p in parts))


def edit_token(model, pk) -> EditToken:
    """What a change form of ``model`` ``pk`` opened now is opened from (two queries)."""
    version = Version.objects.get_for_object_reference(model, pk).order_by("-pk").values_list("pk", flat=True).first()
    draft = (
        drafts.PendingDraft.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False), object_id=pk
        )
        .values_list("pk", "updated_at")
        .first()
    )
    if draft is None:
        return EditToken(version or 0, 0, 0)
    return EditToken(version or 0, draft[0], int(draft[1].timestamp() * 1_000_000))


def opened_from(model, pk, opened: EditToken | None, current: EditToken) -> bool:
    """Whether a form opened at ``opened`` still shows the item as it is (``current``).

    The history's first version of an item that had none (``record_initial_version``, saved
    without a user by the first admin post, even one the form refused) is what the form
    showed, not a change.
    """
    if opened is None:
        return False
    if opened == current:
        return True
    if opened.version or (opened.draft, opened.draft_saved) != (current.draft, current.draft_saved):
        return False
    versions = list(Version.objects.get_for_object_reference(model, pk).values_list("pk", "revision__user")[:2])
    return versions == [(current.version, None)]


@dataclass(frozen=True)
class StaleSave:
    """Who saved since a form was opened, and when (both may be unknown)."""

    name: str | None
    when: object
    opened_version: int
    newest_version: int


def stale_save(model, pk, opened: EditToken | None, current: EditToken) -> StaleSave:
    from vastkom.core.history.services import user_name

    newest = None
    if current.version and (opened is None or current.version != opened.version):
        newest = Version.objects.select_related("revision__user").filter(pk=current.version).first()
    if newest is not None:
        name, when = user_name(newest.revision.user), newest.revision.date_created
    else:
        draft = drafts.PendingDraft.objects.select_related("author").filter(pk=current.draft).first()
        name, when = (user_name(draft.author), draft.updated_at) if draft else (None, None)
    return StaleSave(
        name=name,
        when=when,
        opened_version=opened.version if opened else 0,
        newest_version=current.version,
    )


def stale_message(model_admin, obj, stale: StaleSave) -> str:
    """The refusal, in Swedish, with links to the history and to what changed."""
    from vastkom.core.history.services import local_datetime

    opts = model_admin.model._meta
    history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    if stale.name is not None:
        who = _("”%(title)s” har sparats av %(name)s %(when)s, efter att du öppnade formuläret.") % {
            "title": obj,
            "name": stale.name,
            "when": local_datetime(stale.when),
        }
    else:
        who = _("”%(title)s” har ändrats efter att du öppnade formuläret.") % {"title": obj}
    keep = _(
        "Ingenting är sparat av det du skrev; det står kvar i formuläret. Se vad som ändrats innan du "
        "sparar igen: sparar du igen ersätter det du skrev de ändringarna."
    )
    if stale.opened_version and stale.newest_version and stale.opened_version != stale.newest_version:
        compare_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history_compare", args=[obj.pk])
        compare_url += "?" + urlencode({"fran": stale.opened_version, "till": stale.newest_version})
        return format_html(
            '{} {} <a href="{}">{}</a> · <a href="{}">{}</a>',
            who,
            keep,
            compare_url,
            _("Jämför med versionen du öppnade"),
            history_url,
            _("Visa historiken"),
        )
    return format_html('{} {} <a href="{}">{}</a>', who, keep, history_url, _("Visa historiken"))


class StaleFormAdminMixin:
    """Optimistic concurrency for the change form of a versioned model (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.change_form_template is None:
            self.change_form_template = CHANGE_FORM_TEMPLATE

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or not object_id or "_discard_draft" in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            pk = None
        with transaction.atomic(using=router.db_for_write(self.model)):
            # Lock first, then read: a save waiting here sees the one before it once it is done.
            if pk is None or not list(self.model._base_manager.select_for_update().filter(pk=pk).values_list("pk")):
                return super().changeform_view(request, object_id, form_url, extra_context)
            current = edit_token(self.model, pk)
            request._edit_token = current
            posted = request.POST.get(TOKEN_FIELD)
            if posted is not None and not opened_from(self.model, pk, EditToken.parse(posted), current):
                request._stale_save = stale_save(self.model, pk, EditToken.parse(posted), current)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        stale = getattr(request, "_stale_save", None)
        if obj is None or stale is None:
            return form
        message = stale_message(self, obj, stale)

        class StaleCheckedForm(form):
            def clean(self):
                super().clean()
                raise ValidationError(message, code="stale_form")

        StaleCheckedForm.__name__ = form.__name__
        return StaleCheckedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not add:
            token = getattr(request, "_edit_token", None) or edit_token(self.model, obj.pk)
            context["edit_token"] = {"name": TOKEN_FIELD, "value": str(token)}
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
