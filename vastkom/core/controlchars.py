"""Control characters and line breaks in stored text: refused in forms, stripped on save.

Text pasted from Word or a PDF can carry invisible C0/C1 control characters (Word's
Shift+Enter pastes as a vertical tab, U+000B). XML 1.0 cannot hold most of them, so one of
them in a title broke the RSS feed; a line break in a title broke every e-mail header built
from it. So, for every model that opts in with ``CleanTextMixin``:

* **Single-line fields** (every ``CharField``: titles, names, roles, captions, alt texts,
  e-mail addresses) refuse line breaks, tab and control characters.
* **Multi-line fields** (``TextField``: leads, intros) keep tab and newlines (CR, LF) and
  refuse every other control character.
* **Rich text** loses control characters quietly: its HTML is written by the editor, not typed.

``clean_fields()`` refuses, so the admin and every ``ModelForm`` show a Swedish message with
a ``code`` (``control_characters``, ``line_break``) and nothing is saved; ``save()`` strips, for
code that saves without validating. Output built from rows written past ``save()``
(``QuerySet.update``, raw SQL) uses ``text_strip`` and ``single_line`` itself: the feeds and
the e-mail subject do.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vastkom.core.editor.fields import RichTextField

# C0 but tab, LF and CR; DEL; C1; and U+FFFE/U+FFFF, which are no characters in XML.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
# What a multi-line field may not hold.
MULTILINE_REFUSED_RE = re.compile(f"[{_CONTROL}]")
# Line breaks someone can type or post (CR, LF, the Unicode line and paragraph separators).
LINE_BREAK_RE = re.compile("[\r\n\u2028\u2029]")
# Everything that ends a line in some program: becomes a newline or, on one line, a space.
_BREAKING_RE = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def text_strip(value: str, *, multiline: bool) -> str:
    """``value`` without control characters.

    Multi-line text keeps tab, LF and CR; a vertical tab, form feed or NEL (line breaks
    in other programs) becomes a newline. Single-line text gets a space for every line
    break and tab.
    """
    if not value:
        return value
    if multiline:
        return MULTILINE_REFUSED_RE.sub("", re.sub("[\x0b\x0c\x85]", "\n", value))
    return MULTILINE_REFUSED_RE.sub("", _BREAKING_RE.sub(" ", value).replace("\t", " "))


def single_line(value: str) -> str:
    """``value`` on one line without control characters: for e-mail headers and feed titles."""
    return text_strip(value or "", multiline=False)


def _refused(value: str, *, multiline: bool):
    """(position, character) of the first character the field may not hold, or ``None``."""
    pattern = MULTILINE_REFUSED_RE if multiline else re.compile(f"[\t\r\n\u2028\u2029{_CONTROL}]")
    match = pattern.search(value)
    return (match.start() + 1, match.group()) if match else None


def validate_text(value: str, *, multiline: bool) -> None:
    """Raise a Swedish ``ValidationError`` if ``value`` holds what its field may not."""
    found = _refused(value or "", multiline=multiline)
    if found is None:
        return
    position, char = found
    if not multiline and LINE_BREAK_RE.match(char):
        raise ValidationError(
            _("Texten ska stå på en enda rad: ta bort radbrytningen på plats %(position)d."),
            code="line_break",
            params={"position": position},
        )
    raise ValidationError(
        _(
            "Texten innehåller ett osynligt styrtecken (%(char)s) på plats %(position)d, t.ex. från text som "
            "klistrats in från Word eller en pdf. Skriv om texten där, eller klistra in den som oformaterad text."
        ),
        code="control_characters",
        params={"char": f"U+{ord(char):04X}", "position": position},
    )


def validate_single_line(value: str) -> None:
    """A validator for form fields: one line, no control characters."""
    validate_text(value, multiline=False)


def validate_multiline(value: str) -> None:
    """A validator for form fields: tab and newlines allowed, no other control characters."""
    validate_text(value, multiline=True)


def text_fields(model) -> list[tuple[str, bool, bool]]:
    """``(attname, multiline, is_rich_text)`` of each text field of ``model``."""
    fields = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.TextField):
            fields.append((field.attname, True, isinstance(field, RichTextField)))
        elif isinstance(field, models.CharField):
            fields.append((field.attname, False, False))
    return fields


class CleanTextMixin:
    """Opt-in for models: no control characters in any text field, no line break in a single-line one.

    Put it first among the bases (``class Article(CleanTextMixin, ..., models.Model)``). It
    adds no field, so opting in needs no migration.
    """

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for attname, multiline, rich in text_fields(type(self)):
            value = getattr(self, attname)
            if (exclude and attname in exclude) or attname in errors or not isinstance(value, str):
                continue
            if rich:
                setattr(self, attname, text_strip(value, multiline=True))
                continue
            try:
                validate_text(value, multiline=multiline)
            except ValidationError as error:
                errors[attname] = error.error_list
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        for attname, multiline, _rich in text_fields(type(self)):
            value = getattr(self, attname)
            if isinstance(value, str):
                setattr(self, attname, text_strip(value, multiline=multiline))
        super().save(*args, **kwargs)
