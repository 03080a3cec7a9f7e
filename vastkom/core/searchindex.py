"""The search index every content type shares: a stored, weighted ``search_vector``.

On PostgreSQL each searchable row keeps a ``search_vector`` (``swedish`` configuration; title
weighted A, lead or intro B, body C; HTML stripped first) that ``save()`` refreshes and a GIN
index serves. The site's search page (``vastkom.site.search``) queries it.
"""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import connections, models
from django.db.models import Value

from vastkom.core.richtext import html_to_text

CONFIG = "swedish"
# Control characters are never indexed or searched for.
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SearchVectorIndex(GinIndex):
    """A GIN index on PostgreSQL; a plain index elsewhere (SQLite has no ``USING gin``)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class SearchableMixin:
    """Keeps the row's ``search_vector`` in step with its text, on PostgreSQL.

    ``SEARCH_FIELDS`` lists ``(field, weight, is_html)``. After the row is saved the vector is
    written with an update of this row alone; rows written around ``save()`` are brought up
    to date with ``update_search_vector()``.
    """

    SEARCH_FIELDS: tuple[tuple[str, str, bool], ...] = ()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {name for name, _w, _h in self.SEARCH_FIELDS} & set(update_fields):
            self.update_search_vector()

    def update_search_vector(self):
        update_search_vector(self, self.SEARCH_FIELDS)


def search_vector_expression(obj, fields):
    """The weighted vector of ``obj``'s text, HTML stripped in Python first."""
    vector = None
    for name, weight, is_html in fields:
        value = getattr(obj, name) or ""
        text = html_to_text(value) if is_html else CONTROL_CHARS_RE.sub(" ", value)
        part = SearchVector(Value(text, output_field=models.TextField()), weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    return vector


def update_search_vector(obj, fields, using=None):
    """Write ``obj``'s vector with an update of its own row (PostgreSQL only)."""
    alias = using or obj._state.db or "default"
    if connections[alias].vendor != "postgresql" or obj.pk is None:
        return
    type(obj)._base_manager.using(alias).filter(pk=obj.pk).update(search_vector=search_vector_expression(obj, fields))
