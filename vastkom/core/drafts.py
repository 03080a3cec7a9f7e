"""Pending changes to live items: what editors have saved but the public does not see yet.

An item that is published (live, scheduled or ended by ``unpublish_at``) is never changed by
a draft save. The form's values are kept beside it instead, in one ``PendingDraft`` per item
(a generic relation, so every publishable content type shares it): the fields, the ids of
its many-to-many relations and the names of uploaded files, who wrote them, whether they are
still being written or are ready for review, and the reviewer's comment. Publishing applies
them as an ordinary save of the item; sending them back keeps them, with the comment.

``working_copy(obj)`` is the item as its editors last left it (pending changes applied,
unsaved): the admin's form shows it and the preview links render it.
``has_pending_changes(obj)`` says whether there is anything the public does not see yet.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from vastkom.core.editor.fields import RichTextField
from vastkom.core.richtext import clean_html


class DraftState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    REVIEW = "review", _("Klar för granskning")


class PendingDraft(models.Model):
    """Changes to one published item that the public does not see yet (one per item)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("innehållstyp"))
    object_id = models.PositiveBigIntegerField(_("objekt"))
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("ändrade värden"), encoder=DjangoJSONEncoder, default=dict)
    state = models.CharField(_("läge"), max_length=10, choices=DraftState.choices, default=DraftState.DRAFT)
    comment = models.TextField(_("kommentar från granskningen"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skriven av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("påbörjad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senast sparad"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("väntande ändring")
        verbose_name_plural = _("väntande ändringar")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="pendingdraft_one_per_item"),
        ]
        indexes = [models.Index(fields=["state", "updated_at"], name="pendingdraft_state_idx")]

    def __str__(self):
        return str(_("Ändringar i %(item)s") % {"item": self.item})


def pending_draft_for(obj) -> PendingDraft | None:
    """The item's pending draft, or ``None`` (one query; none for an unsaved item)."""
    if obj is None or obj.pk is None:
        return None
    return PendingDraft.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
    ).first()


def has_pending_changes(obj) -> bool:
    """Whether editors have saved changes to ``obj`` that the public does not see yet."""
    if obj is None or obj.pk is None:
        return False
    return PendingDraft.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
    ).exists()


def working_copy(obj, draft: PendingDraft | None = None, *, prefetched=()):
    """``obj`` as its editors last left it (pending changes applied, unsaved).

    A copy: ``obj`` itself is not touched. Its many-to-many managers answer from the
    draft's ids (``copy.topics.all()``), through the prefetch cache. ``prefetched``: the
    lookups ``obj`` was fetched with (a queryset's ``prefetch_related`` lookups); a
    ``Prefetch(to_attr=...)`` list of a relation the draft changes is fetched again for the
    copy through the lookup's own queryset (e.g. only published topics), one query each.
    Without pending changes, ``obj`` itself is returned.
    """
    draft = draft if draft is not None else pending_draft_for(obj)
    if draft is None:
        return obj
    clone = copy.copy(obj)
    clone._prefetched_objects_cache = {}
    draft_apply(draft.data, clone)
    _prefetch_again(clone, draft.data, prefetched)
    return clone


def _prefetch_again(clone, data: dict, lookups) -> None:
    """Lists a view prefetched ``to_attr`` for the live item, made again from the draft's ids."""
    for lookup in lookups:
        if not isinstance(lookup, models.Prefetch) or not lookup.to_attr:
            continue
        name = lookup.prefetch_through
        if name not in data:
            continue  # a relation the draft leaves alone (or a deeper lookup): the live list is right
        try:
            field = clone._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.many_to_many:
            continue
        queryset = lookup.queryset if lookup.queryset is not None else field.remote_field.model._default_manager.all()
        setattr(clone, lookup.to_attr, list(queryset.filter(pk__in=data[name] or [])))


def draft_values(form, exclude=()) -> dict:
    """The model fields of a valid admin form as JSON-ready values (but those in ``exclude``).

    Many-to-many relations become lists of ids, foreign keys an id, uploads are stored now
    (as a save would store them) and kept by name, with their renditions (``images.py``),
    rich text is cleaned as on save.
    """
    instance, opts = form.instance, form.instance._meta
    values = {}
    for name in form.cleaned_data:
        if name in exclude:
            continue
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:  # a form-only field such as "minor_change"
            continue
        if not field.editable:
            continue
        value = form.cleaned_data[name]
        if field.many_to_many:
            values[name] = sorted(item.pk for item in value)
        elif field.many_to_one or field.one_to_one:
            values[name] = value.pk if value is not None else None
        elif isinstance(field, models.FileField):
            values[name] = _stored_file_name(instance, field)
        elif isinstance(field, RichTextField):
            values[name] = clean_html(value or "")
        else:
            values[name] = value
    if hasattr(instance, "renditions_update"):
        # A new image gets its renditions now, as a save would make them, so a preview shows it.
        instance.renditions_update()
        for image_field, json_field in instance.RENDITION_FIELDS.items():
            if image_field in values:
                values[json_field] = getattr(instance, json_field)
    return values


def _stored_file_name(instance, field) -> str:
    """The file the form left on ``instance`` (a new upload is saved to storage first)."""
    fieldfile = getattr(instance, field.attname)
    if not fieldfile:
        return ""
    if isinstance(fieldfile, FieldFile) and not fieldfile._committed:
        fieldfile.save(fieldfile.name, fieldfile.file, save=False)
    return fieldfile.name


def draft_apply(data: dict, obj) -> None:
    """Put the draft's values on ``obj`` in memory; many-to-many ids go to its prefetch cache.

    Fields the model no longer has are skipped, so an old draft never breaks a page.
    """
    opts = obj._meta
    for name, value in data.items():
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            related = field.remote_field.model._default_manager.filter(pk__in=value or [])
            if not hasattr(obj, "_prefetched_objects_cache"):
                obj._prefetched_objects_cache = {}
            obj._prefetched_objects_cache[field.name] = related
        elif field.many_to_one or field.one_to_one:
            setattr(obj, field.attname, value)
            obj._state.fields_cache.pop(field.name, None)
        elif isinstance(field, models.FileField):
            # Straight into the instance: the descriptor would open the file to measure it.
            obj.__dict__[field.attname] = value or ""
        else:
            setattr(obj, field.attname, field.to_python(value))


@transaction.atomic
def pending_draft_save(
    *, obj, values: dict, author, state: str | None = None, comment: str | None = None
) -> PendingDraft:
    """Keep ``values`` as the item's pending draft (creating or replacing it).

    ``state`` ``None`` keeps the draft's state (a new draft starts as "Utkast"). A reviewer's
    ``comment`` is kept until the draft is handed in for review again.
    """
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    draft = PendingDraft.objects.select_for_update().filter(content_type=content_type, object_id=obj.pk).first()
    if draft is None:
        draft = PendingDraft(content_type=content_type, object_id=obj.pk)
    draft.data = values
    draft.author = author
    if state is not None:
        draft.state = state
    if comment is not None:
        draft.comment = comment
    elif draft.state == DraftState.REVIEW:
        draft.comment = ""
    draft.save()
    return draft


def pending_draft_discard(*, obj) -> int:
    """Throw the item's pending changes away (after publishing them, or on request)."""
    if obj is None or obj.pk is None:
        return 0
    deleted, _by_model = PendingDraft.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
    ).delete()
    return deleted
