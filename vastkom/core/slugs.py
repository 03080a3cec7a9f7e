"""Slugs from Swedish titles: å and ä become a, ö becomes o ("Nära vård" -> "nara-vard")."""

from django.utils.text import slugify

SWEDISH_FOLDS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e", "É": "e"})


def swedish_slugify(text: str, max_length: int = 80) -> str:
    return slugify((text or "").translate(SWEDISH_FOLDS))[:max_length].strip("-")


def unique_slug(instance, text: str, *, field: str = "slug", max_length: int = 80, reserved=frozenset()) -> str:
    """A slug from ``text`` not yet used by another row of ``instance``'s model nor ``reserved``."""
    base = swedish_slugify(text, max_length) or "sida"
    candidate, n = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while candidate in reserved or others.filter(**{field: candidate}).exists():
        suffix = f"-{n}"
        candidate, n = f"{base[: max_length - len(suffix)]}{suffix}", n + 1
    return candidate
