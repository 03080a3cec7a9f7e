"""Two versions side by side, field by field, as an editor reads them.

Text is compared word by word; rich text is first turned into plain text with its paragraphs
kept, so the diff shows what a reader would see change, not the markup. Each change is a list
of segments ``("equal" | "insert" | "delete", text)`` that the template marks with ``<ins>`` and
``<del>`` plus hidden words for screen readers, never by colour alone.
"""

import difflib
import html
import re
from dataclasses import dataclass, field

import nh3
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from vastkom.core.editor.fields import RichTextField
from vastkom.core.history.registry import options_for
from vastkom.core.richtext import DROPPED_WITH_CONTENT

BLOCK_END_RE = re.compile(r"(?i)<br\s*/?>|</(p|h[1-6]|li|blockquote|tr|caption|figcaption|figure|ul|ol|table)>")
TOKEN_RE = re.compile(r"\n+|[^\S\n]+|[^\s]+")


def html_to_paragraphs(value: str) -> str:
    """Plain text of rich text, one paragraph (heading, list item) per line."""
    text = BLOCK_END_RE.sub("\n", value or "")
    text = nh3.clean(text, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in html.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


def text_segments(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two texts, whitespace kept with the words."""
    a, b = TOKEN_RE.findall(old or ""), TOKEN_RE.findall(new or "")
    segments: list[tuple[str, str]] = []

    def add(op, tokens):
        if not tokens:
            return
        text = "".join(tokens)
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        else:
            segments.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return segments


@dataclass
class FieldChange:
    name: str
    label: str
    segments: list[tuple[str, str]] = field(default_factory=list)
    multiline: bool = False  # text: segments run together, line breaks kept
    listing: bool = False  # relations: one segment per related item


def display_value(model_field, value, names: dict) -> str:
    """One stored value as the admin would show it."""
    if model_field.many_to_many:
        return ", ".join(sorted(names.get((model_field.related_model, pk), _("(borttagen)")) for pk in value or []))
    if value in (None, ""):
        return "–"
    if model_field.is_relation:
        return names.get((model_field.related_model, value), _("(borttagen)"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Ja") if value else _("Nej")
    if isinstance(model_field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(model_field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    if isinstance(model_field, models.JSONField):
        return str(value)
    return str(value)


def related_names(model, dicts) -> dict:
    """``(related model, pk) -> str`` for every relation in ``dicts``: one query per relation."""
    wanted: dict[type, set] = {}
    for name in options_for(model).fields:
        model_field = model._meta.get_field(name)
        if not model_field.is_relation:
            continue
        for values in dicts:
            value = values.get(model_field.attname)
            pks = value if model_field.many_to_many else [value]
            wanted.setdefault(model_field.related_model, set()).update(pk for pk in pks or [] if pk is not None)
    names = {}
    for related, pks in wanted.items():
        for obj in related._base_manager.filter(pk__in=pks):
            names[(related, obj.pk)] = str(obj)
    return names


def compare(model, old: dict, new: dict, only=None) -> list[FieldChange]:
    """The fields that differ between two field dicts (``Version.field_dict`` shape), in form order
    (``only``: just these field names)."""
    names = related_names(model, [old, new])
    changes = []
    for name in options_for(model).fields:
        if only is not None and name not in only:
            continue
        model_field = model._meta.get_field(name)
        if not model_field.editable:
            continue  # dates the save itself moves, image sizes: noise beside what the editor changed
        key = model_field.attname
        before, after = old.get(key), new.get(key)
        if model_field.many_to_many:
            before, after = sorted(before or []), sorted(after or [])
        if before == after:
            continue
        label = str(model_field.verbose_name).capitalize()
        if isinstance(model_field, RichTextField):
            segments = text_segments(html_to_paragraphs(before), html_to_paragraphs(after))
            changes.append(FieldChange(name, label, segments, multiline=True))
        elif isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            changes.append(FieldChange(name, label, text_segments(before or "", after or ""), multiline=True))
        elif model_field.many_to_many:
            removed = [names.get((model_field.related_model, pk), _("(borttagen)")) for pk in before if pk not in after]
            added = [names.get((model_field.related_model, pk), _("(borttagen)")) for pk in after if pk not in before]
            kept = [names.get((model_field.related_model, pk), _("(borttagen)")) for pk in after if pk in before]
            segments = [("delete", n) for n in sorted(removed)] + [("insert", n) for n in sorted(added)]
            segments += [("equal", n) for n in sorted(kept)]
            changes.append(FieldChange(name, label, segments, listing=True))
        else:
            segments = [
                ("delete", display_value(model_field, before, names)),
                ("insert", display_value(model_field, after, names)),
            ]
            changes.append(FieldChange(name, label, segments))
    return changes
