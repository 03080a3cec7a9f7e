"""Reading versions, "last changed by" for lists, and restoring a version as a new save."""

import copy
import json

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from vastkom.core import drafts
from vastkom.core.editorial import is_approved
from vastkom.core.history.models import PendingRevision
from vastkom.core.history.registry import is_versioned, options_for, restorable_fields
from vastkom.core.redirects.services import following_moves


def versions_of(obj):
    """``obj``'s versions, newest first, with who saved them; ``is_pending``: the version holds
    pending changes (what an editor saved for review), not what the public saw."""
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision__user")
        .annotate(is_pending=Exists(PendingRevision.objects.filter(revision=OuterRef("revision"))))
        .order_by("-pk")
    )


def field_dict_of(obj) -> dict:
    """``obj`` as it is now, in the shape of ``Version.field_dict`` (attnames; m2m as pk lists)."""
    values = {}
    for name in options_for(type(obj)).fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[field.attname] = sorted(getattr(obj, name).values_list("pk", flat=True))
        else:
            values[field.attname] = field.value_from_object(obj)
            if isinstance(field, models.FileField):
                values[field.attname] = values[field.attname].name or ""
    return values


def user_name_expression(prefix: str):
    """Full name, else username, in SQL (one query for a whole list)."""
    full = Trim(Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name", output_field=models.CharField()))
    return Coalesce(NullIf(full, Value("")), f"{prefix}username", output_field=models.CharField())


def with_last_change(queryset):
    """Annotate ``history_user`` (who saved the newest version) and ``history_date``: two subqueries
    in the list's one query, not a query per row."""
    model = queryset.model
    latest = (
        Version.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            db=router.db_for_write(model),
            object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
        )
        .order_by("-pk")
        .annotate(user_name=user_name_expression("revision__user__"))
    )
    return queryset.annotate(
        history_user=Subquery(latest.values("user_name")[:1]),
        history_date=Subquery(latest.values("revision__date_created")[:1]),
    )


def local_datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


def record_initial_version(obj) -> None:
    """Keep ``obj`` as it is now if it has no version yet, so the first edit can be undone."""
    if versions_of(obj).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(_("Innehållet innan versionshistoriken började."))
        reversion.set_date_created(getattr(obj, "updated_at", None) or timezone.now())
        reversion.add_to_revision(obj)


def user_name(user) -> str:
    """How the history names someone: full name, else username ("okänd" for nobody)."""
    if user is None:
        return _("okänd")
    return user.get_full_name() or user.get_username()


def live_version_add(obj, *, comment: str) -> bool:
    """Keep ``obj`` as it is in the revision being made, with ``comment`` (e.g. who removed its
    pending changes): the history says it even though the item's fields did not change."""
    if not reversion.is_active() or not is_versioned(type(obj)):
        return False
    reversion.add_to_revision(obj)
    reversion.set_comment(comment)
    return True


# Pending changes: versions that are not live.


def pending_version_add(copy) -> bool:
    """Keep ``copy`` (an item with its pending changes applied, unsaved: ``drafts.working_copy``)
    in the revision being made, marked as not live. False when no revision is being made or the
    model keeps no versions."""
    if not reversion.is_active() or not is_versioned(type(copy)):
        return False
    reversion.add_to_revision(copy)
    reversion.add_meta(PendingRevision)
    return True


def pending_version_record(*, copy, user, comment: str) -> None:
    """``pending_version_add`` in a revision of its own (outside the admin's form)."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        pending_version_add(copy)


# Restoring.

ITEM = "item"  # the restore is saved to the item as a new version
PENDING = "pending"  # the restore becomes the item's pending changes; the public page stays


def may_publish(user, obj) -> bool:
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def version_is_pending(version: Version) -> bool:
    """Whether ``version`` holds pending changes (``versions_of`` has read it already)."""
    pending = getattr(version, "is_pending", None)
    if pending is None:
        pending = PendingRevision.objects.filter(revision_id=version.revision_id).exists()
    return pending


def restore_target(user, obj, version: Version) -> str:
    """Where a restore of ``version`` goes: into the item, or into its pending changes.

    An item before the public (``editorial.is_approved``: live, scheduled or ended) changes
    directly only by someone who may publish, as in the form. A writer's restore of it, and
    anyone's restore of a version that was itself pending changes, become pending changes.
    """
    if not hasattr(obj, "status") or not is_approved(obj):  # contact persons have no publishing
        return ITEM
    if version_is_pending(version) or not may_publish(user, obj):
        return PENDING
    return ITEM


def restore_refusal(user, obj) -> str | None:
    """Why ``user`` may not restore a version of ``obj`` (Swedish), or None."""
    opts = obj._meta
    if user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return None
    return _("Du har inte behörighet att ändra det här innehållet.")


def _apply_version(target, version: Version) -> tuple[dict, list[str]]:
    """Put ``version``'s restorable fields on ``target`` (unsaved); its relations are returned
    as ``{field: pks}``. ``ValidationError`` (Swedish) when the version no longer fits: its
    address is taken, a related item it needs is gone, its file is missing."""
    model = type(target)
    data = version.field_dict
    m2m = {}
    errors = []
    for field in restorable_fields(model):
        if field.attname not in data:
            continue
        value = data[field.attname]
        if field.many_to_many:
            m2m[field] = value or []
        elif field.is_relation and value is not None:
            if not field.related_model._base_manager.filter(pk=value).exists():
                errors.append(
                    _("%(field)s i versionen finns inte längre.") % {"field": str(field.verbose_name).capitalize()}
                )
                continue
            setattr(target, field.attname, value)
        elif isinstance(field, models.FileField):
            if (value or "") == (getattr(target, field.attname).name or ""):
                continue
            if value and not field.storage.exists(value):
                errors.append(_("Filen i fältet %(field)s finns inte längre.") % {"field": field.verbose_name})
                continue
            setattr(target, field.attname, value)
        else:
            setattr(target, field.attname, value)
    if errors:
        raise ValidationError(errors, code="missing")
    keep = [*options_for(model).keep_on_restore, *(f.name for f in m2m)]
    target.full_clean(exclude=keep)
    notes = _drop_deleted_relations(m2m)
    return m2m, notes


def _drop_deleted_relations(m2m: dict) -> list[str]:
    """Leave out of ``m2m`` the related items deleted since; notes saying which relations lost some."""
    notes = []
    for field, pks in list(m2m.items()):
        existing = list(field.related_model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        if len(existing) < len(set(pks)):
            notes.append(
                _("Några %(field)s i versionen har tagits bort och kom inte tillbaka.") % {"field": field.verbose_name}
            )
        m2m[field] = existing
    return notes


def _check_version(obj, version: Version) -> None:
    if version.content_type_id != ContentType.objects.get_for_model(type(obj)).pk or version.object_id != str(obj.pk):
        raise ValidationError(_("Versionen hör inte till det här innehållet."), code="other_object")


def _locked_for_restore(obj, version: Version, user):
    """The item's row, locked until the caller's transaction ends, if ``user`` may restore
    ``version`` over it (else ``PermissionDenied``, or ``ValidationError`` for a foreign version)."""
    _check_version(obj, version)
    current = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    refusal = restore_refusal(user, current)
    if refusal:
        raise PermissionDenied(refusal)
    return current


def version_restore(*, obj, version: Version, user) -> tuple[models.Model, list[str]]:
    """Write ``version``'s content and relations back to ``obj`` as a new save (a new version).

    The publishing state stays as it is, and so do the item's pending changes, if any (the
    caller says so). Raises ``PermissionDenied`` when ``user`` may not, or when the restore
    must go to the pending changes instead (``restore_target``), and ``ValidationError``
    (Swedish, nothing changed) when the version no longer fits. Relations to items deleted
    since are left out; the returned notes say which.
    """
    with transaction.atomic():
        current = _locked_for_restore(obj, version, user)
        if restore_target(user, current, version) != ITEM:
            raise PermissionDenied(_("Den här återställningen sparas som ändringar som väntar på publicering."))
        m2m, notes = _apply_version(current, version)
        with reversion.create_revision(), following_moves(current):
            reversion.set_user(user)
            reversion.set_comment(
                _("Återställde versionen från %(date)s.") % {"date": local_datetime(version.revision.date_created)}
            )
            current.save()
            for field, pks in m2m.items():
                getattr(current, field.name).set(pks)
            reversion.add_to_revision(current)
    return current, notes


def version_restore_as_pending(*, obj, version: Version, user) -> tuple[models.Model, list[str]]:
    """Make ``version``'s content the item's pending changes; the item itself is not saved.

    For a published item whose restore is not a live change (``restore_target``): the public
    keeps the live version until a publisher publishes the changes. Pending changes already
    there are replaced (their saves are in the history); fields a restore leaves alone keep
    the pending values. History grows by one version, marked as pending.
    """
    model = type(obj)
    with transaction.atomic():
        current = _locked_for_restore(obj, version, user)
        draft = drafts.pending_draft_for(current)
        target = copy.copy(drafts.working_copy(current, draft))
        m2m, notes = _apply_version(target, version)
        values = dict(draft.data) if draft is not None else {}
        for field in restorable_fields(model):
            if field in m2m:
                values[field.name] = sorted(m2m[field])
            elif field.attname in version.field_dict:
                value = getattr(target, field.attname)
                values[field.name] = value.name if isinstance(field, models.FileField) else value
        if hasattr(target, "renditions_update"):
            # A restored image gets its renditions now, as a save would make them, so a preview shows it.
            target.renditions_update()
            for image_field, json_field in target.RENDITION_FIELDS.items():
                if image_field in values:
                    values[json_field] = getattr(target, json_field)
        values = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
        new_draft = drafts.pending_draft_save(
            obj=current, values=values, author=user, state=drafts.DraftState.DRAFT, comment=""
        )
        pending_version_record(
            copy=drafts.working_copy(current, new_draft),
            user=user,
            comment=_("Återställde versionen från %(date)s som ändringar som väntar på publicering.")
            % {"date": local_datetime(version.revision.date_created)},
        )
    return current, notes
