"""Which models keep versions, and which of their fields a restore leaves as they are."""

from dataclasses import dataclass

import reversion
from django.contrib.postgres.search import SearchVectorField
from django.db import models

# A restore brings back content and relations, not the publishing state: whether and when an
# item is public is changed with the publishing controls, by those allowed to.
PUBLISHING_FIELDS = ("status", "publish_at", "unpublish_at", "published_at", "updated_at", "created_at")


@dataclass(frozen=True)
class HistoryOptions:
    fields: tuple[str, ...]  # stored in every version (and compared)
    keep_on_restore: tuple[str, ...]  # stored, but a restore keeps today's value


_options: dict[type, HistoryOptions] = {}


def derived_fields(model) -> set[str]:
    """Fields computed from others on save (search vectors, image renditions): never stored."""
    names = {f.name for f in model._meta.concrete_fields if isinstance(f, SearchVectorField)}
    names |= set(getattr(model, "RENDITION_FIELDS", {}).values())
    return names


def register(model, *, keep_on_restore: tuple[str, ...] = ()) -> None:
    skip = derived_fields(model)
    fields = tuple(
        f.name
        for f in (*model._meta.concrete_fields, *model._meta.many_to_many)
        if f.name not in skip and not f.primary_key
    )
    keep = {*keep_on_restore, *(name for name in PUBLISHING_FIELDS if name in fields)}
    _options[model] = HistoryOptions(fields=fields, keep_on_restore=tuple(sorted(keep)))
    if not reversion.is_registered(model):
        reversion.register(model, fields=fields)


def options_for(model) -> HistoryOptions:
    return _options[model]


def is_versioned(model) -> bool:
    return model in _options


def restorable_fields(model) -> list[models.Field]:
    """The fields a restore writes back: what an editor can change in the form, less the kept ones."""
    opts = options_for(model)
    by_name = {f.name: f for f in (*model._meta.concrete_fields, *model._meta.many_to_many)}
    return [by_name[name] for name in opts.fields if name not in opts.keep_on_restore and by_name[name].editable]
