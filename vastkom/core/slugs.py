"""Slugs from Swedish titles: å and ä become a, ö becomes o ("Nära vård" -> "nara-vard")."""

from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
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


_SLUG_URL_PARTS: dict[tuple, tuple[str, str]] = {}
_PLACEHOLDER = "slug-placeholder"


def slug_url(url_name: str, slug: str) -> str:
    """``reverse(url_name, kwargs={"slug": slug})`` for pages addressed by one slug, without
    resolving the URL pattern every time: the address around the slug is reversed once per
    URL configuration and reused (a list of fifty items costs fifty string joins)."""
    key = (url_name, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    parts = _SLUG_URL_PARTS.get(key)
    if parts is None:
        before, after = reverse(url_name, kwargs={"slug": _PLACEHOLDER}).split(_PLACEHOLDER)
        parts = _SLUG_URL_PARTS[key] = (before, after)
    return f"{parts[0]}{quote(str(slug), safe='')}{parts[1]}"
