"""Recording moves and adding redirects; chains are collapsed as they are written.

Every row leads straight to the final address: when B moves on to C, every redirect that led
to B is pointed at C, so A→B→C never costs a visitor two hops. A path a page lives at again
is never the start of a redirect (it would loop, and the page wins anyway).
"""

from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from vastkom.core.redirects.models import Redirect
from vastkom.core.richtext import internal_hosts


def local_path(value: str) -> str:
    """``value`` as a path on this site when it is one (also a full URL to our own host), else itself."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme in {"http", "https"} and (parts.hostname or "").lower() in internal_hosts():
        value = parts.path or "/"
        if parts.query:
            value += "?" + parts.query
    return value


def final_target(path: str, *, ignore: str | None = None) -> str:
    """Where ``path`` ends up after the redirects stored today (at most one hop, chains are collapsed)."""
    row = Redirect.objects.filter(old_path=path).exclude(old_path=ignore).values_list("new_path", flat=True).first()
    return row if row is not None else path


def leads_back(old_path: str, new_path: str) -> bool:
    """Whether a redirect ``old_path`` → ``new_path`` would close a loop."""
    seen, current = {old_path}, new_path
    while current not in seen:
        seen.add(current)
        following = final_target(current, ignore=old_path)
        if following == current:
            return False
        current = following
    return True


@transaction.atomic
def redirect_save(*, redirect: Redirect) -> Redirect:
    """Save ``redirect`` (validated by its form) leading straight to its final address."""
    redirect.new_path = final_target(redirect.new_path, ignore=redirect.old_path)
    redirect.save()
    Redirect.objects.filter(new_path=redirect.old_path).exclude(pk=redirect.pk).update(new_path=redirect.new_path)
    Redirect.objects.filter(old_path=redirect.new_path).delete()
    return redirect


@transaction.atomic
def redirect_record_move(*, old_path: str, new_path: str) -> None:
    """A public page moved from ``old_path`` to ``new_path``: the old address leads to the new one."""
    if old_path == new_path:
        return
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(old_path=old_path, defaults={"new_path": new_path, "automatic": True})


def has_been_public(obj) -> bool:
    """Whether readers may have found ``obj`` at its address (it is, or was, published)."""
    published_at = getattr(obj, "published_at", None)
    return published_at is not None and published_at <= timezone.now()


@contextmanager
def following_moves(obj):
    """Around a save of ``obj``: if a page that has been public gets a new address, the old one
    leads to it; a page that is public at an address takes that address back from any redirect.

    Reads the stored row first (one query), so it sees the address before the form changed it.
    Items without an address of their own (contact persons) pass through.
    """
    if not hasattr(obj, "get_absolute_url"):
        yield
        return
    old_path = None
    if obj.pk is not None:
        stored = type(obj)._base_manager.filter(pk=obj.pk).first()
        if stored is not None and has_been_public(stored):
            old_path = stored.get_absolute_url()
    yield
    new_path = obj.get_absolute_url()
    if old_path and old_path != new_path:
        redirect_record_move(old_path=old_path, new_path=new_path)
    elif getattr(obj, "is_published", False):
        Redirect.objects.filter(old_path=new_path).delete()
