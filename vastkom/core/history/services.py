"""Reading versions, "last changed by" for lists, and restoring a version as a new save."""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from vastkom.core.history.registry import options_for, restorable_fields
from vastkom.core.publishing import Visibility
from vastkom.core.redirects.services import following_moves


def versions_of(obj):
    """``obj``'s versions, newest first, with who saved them."""
    return Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")


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


def restore_changes_public_page(obj) -> bool:
    """Whether writing to ``obj`` changes what the public sees now or at its scheduled time."""
    return getattr(obj, "visibility", None) in {Visibility.LIVE, Visibility.SCHEDULED}


def may_restore(user, obj) -> bool:
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    return not restore_changes_public_page(obj) or user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def restore_refusal(user, obj) -> str | None:
    """Why ``user`` may not restore a version of ``obj`` (Swedish), or None."""
    if may_restore(user, obj):
        return None
    if restore_changes_public_page(obj):
        return _(
            "Sidan är publicerad eller schemalagd. Bara den som får publicera kan återställa en tidigare "
            "version, eftersom det ändrar den publicerade sidan."
        )
    return _("Du har inte behörighet att ändra det här innehållet.")


def version_restore(*, obj, version: Version, user) -> tuple[models.Model, list[str]]:
    """Write ``version``'s content and relations back to ``obj`` as a new save (a new version).

    The publishing state stays as it is. Raises ``PermissionDenied`` when ``user`` may not, and
    ``ValidationError`` (Swedish, nothing changed) when the version no longer fits: its address
    is taken, a related page it needs is gone, its image file is missing. Relations to items
    deleted since are left out; the returned notes say which.
    """
    model = type(obj)
    if version.content_type_id != ContentType.objects.get_for_model(model).pk or version.object_id != str(obj.pk):
        raise ValidationError(_("Versionen hör inte till det här innehållet."), code="other_object")
    data = version.field_dict
    notes = []
    with transaction.atomic():
        current = model._base_manager.select_for_update().get(pk=obj.pk)
        refusal = restore_refusal(user, current)
        if refusal:
            raise PermissionDenied(refusal)
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
                setattr(current, field.attname, value)
            elif isinstance(field, models.FileField):
                if (value or "") == (getattr(current, field.attname).name or ""):
                    continue
                if value and not field.storage.exists(value):
                    errors.append(_("Filen i fältet %(field)s finns inte längre.") % {"field": field.verbose_name})
                    continue
                setattr(current, field.attname, value)
            else:
                setattr(current, field.attname, value)
        if errors:
            raise ValidationError(errors, code="missing")
        keep = [*options_for(model).keep_on_restore, *(f.name for f in m2m)]
        current.full_clean(exclude=keep)
        with reversion.create_revision(), following_moves(current):
            reversion.set_user(user)
            reversion.set_comment(
                _("Återställde versionen från %(date)s.") % {"date": local_datetime(version.revision.date_created)}
            )
            current.save()
            for field, pks in m2m.items():
                existing = list(field.related_model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
                if len(existing) < len(set(pks)):
                    notes.append(
                        _("Några %(field)s i versionen har tagits bort och kom inte tillbaka.")
                        % {"field": field.verbose_name}
                    )
                getattr(current, field.name).set(existing)
            reversion.add_to_revision(current)
    return current, notes
