"""The content version that cached pages and cached data are keyed by, and what moves it on.

Two things make a cached page stale, and both are folded into what a cached entry is keyed by
or how long it lives:

- **A change** to content: any save, delete or many-to-many change of a model of our own apps
  (articles, topics, contacts, the accessibility statement, redirects, and whatever model is
  added later: the rule is every model of an app in this project, not a list).
  ``content_changed()`` then writes a new random *generation* to ``caches["shared"]``, which
  every process and app server sees on its very next request (Redis, else a database table).
  It is written at once (inside a transaction with the database cache: it becomes visible
  with the commit) and once more after the commit (so no process can read the new generation,
  render the old rows and keep them). Writes around ``save()`` (``QuerySet.update``,
  ``bulk_create``, raw SQL) send no signal: call ``content_changed()`` after them.
- **Time**: a scheduled item going live at ``publish_at`` or expiring at ``unpublish_at``.
  Every cached entry carries the next such boundary of any publishable model as its expiry
  (``next_boundary()``), so nothing cached before it is used after it.

``cached_value()`` keeps derived data (the menu, the topic list of the archive filter, the
archive's counts) in each process under the same rule;
``vastkom.core.middleware.PageCacheMiddleware`` keeps whole pages, in the cache every process
sees and, for the pages a process has served, in the process itself (``kept_page()``): a page
held there costs only the read of the generation, not the transfer of its bytes.
"""

import contextvars
import datetime as dt
import secrets
import threading
from collections import OrderedDict
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

GENERATION_KEY = "pagecache:generation"
SHARED_ALIAS = "shared"
LOCAL_ALIAS = "default"

# The generation read at most once per request (the middleware opens a request's state), so
# one page sees one version and pays for one read.
_request_state: contextvars.ContextVar[dict | None] = contextvars.ContextVar("pagecache_request", default=None)
# Per process: the next publish/unpublish boundary for a generation (valid until it passes).
_boundaries: dict[str, dt.datetime | None] = {}


def read_generation() -> str:
    """The current generation from the shared cache (made, at random, if there is none yet).

    Random, not a counter from 0: a shared cache that was emptied (or a test database rolled
    back) must never give an old generation back to processes that still hold its pages.
    """
    shared = caches[SHARED_ALIAS]
    value = shared.get(GENERATION_KEY)
    if value is None:
        value = secrets.token_hex(8)
        if not shared.add(GENERATION_KEY, value, timeout=None):
            value = shared.get(GENERATION_KEY) or value
    return value


def current_generation() -> str:
    """The generation this request works with (read once, on first use), else a fresh read."""
    state = _request_state.get()
    if state is None:
        return read_generation()
    if "generation" not in state:
        state["generation"] = read_generation()
    return state["generation"]


def _one_store() -> bool:
    """Whether the local and the shared cache are one and the same store (Redis)."""
    caches_setting = settings.CACHES
    return caches_setting.get(LOCAL_ALIAS) == caches_setting.get(SHARED_ALIAS)


def generation_and_entry(key: str):
    """This request's generation and the local cache's entry under ``key``.

    When both caches are one store (``REDIS_URL``), one round trip fetches both: a cached page
    then costs a single ``MGET``. The entry may belong to another generation: the caller
    compares.
    """
    state = _request_state.get()
    local = caches[LOCAL_ALIAS]
    if state is not None and "generation" not in state and _one_store():
        found = local.get_many([GENERATION_KEY, key])
        if GENERATION_KEY in found:
            state["generation"] = found[GENERATION_KEY]
            return state["generation"], found.get(key)
    return current_generation(), local.get(key)


def begin_request() -> contextvars.Token:
    return _request_state.set({})


def end_request(token: contextvars.Token) -> None:
    _request_state.reset(token)


def _write_new_generation() -> None:
    caches[SHARED_ALIAS].set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    # Whatever this request does next sees the new version.
    state = _request_state.get()
    if state is not None:
        state.pop("generation", None)


def content_changed(using: str | None = None) -> None:
    """Every cached page and value is out of date from now on (see the module docstring)."""
    _write_new_generation()
    connection = connections[using or router.db_for_write(None) or "default"]
    if connection.in_atomic_block:
        transaction.on_commit(_write_new_generation, using=connection.alias)


def next_boundary(generation: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """The next moment a publishable item goes live or expires (``None``: none is scheduled).

    Kept per process for each generation while it lies ahead: it can only move when content
    changes, and then the generation changes too. A few indexed queries when it is computed.
    """
    now = now or timezone.now()
    if generation in _boundaries:
        known = _boundaries[generation]
        if known is None or known > now:
            return known
    from vastkom.core.publishing import PublishableModel, Status

    candidates = []
    for model in apps.get_models():
        if not issubclass(model, PublishableModel):
            continue
        published = model._base_manager.filter(status=Status.PUBLISHED).order_by()
        for field in ("publish_at", "unpublish_at"):
            first = published.filter(**{f"{field}__gt": now}).order_by(field).values_list(field, flat=True).first()
            if first is not None:
                candidates.append(first)
    boundary = min(candidates, default=None)
    if len(_boundaries) > 32:
        _boundaries.clear()
    _boundaries[generation] = boundary
    return boundary


def entry_timeout(expires: dt.datetime | None, now: dt.datetime, limit: int) -> float:
    """Seconds an entry may live: its own limit, and never past the next boundary."""
    if expires is None:
        return limit
    return max(0.0, min(limit, (expires - now).total_seconds()))


# Per process: derived data by name -> (generation, expires, value).
_values: dict[str, tuple[str, dt.datetime | None, object]] = {}
MAX_VALUES = 2000


def cached_value(name: str, build):
    """``build()``'s value, kept in this process until content changes or a boundary passes.

    Keyed by the shared generation, so every process sees a change on its next request as
    the page cache does; kept as the object itself (no cache backend, no pickling), so the
    value must be treated as read-only by whoever uses it.
    """
    generation = current_generation()
    now = timezone.now()
    entry = _values.get(name)
    if entry is not None and entry[0] == generation and (entry[1] is None or entry[1] > now):
        return entry[2]
    value = build()
    if len(_values) >= MAX_VALUES:
        _values.clear()
    _values[name] = (generation, next_boundary(generation, now), value)
    return value


# --- What counts as content: every model of an app in this project -------------------------


def is_project_app(app_config) -> bool:
    """Apps whose code lives in this repository (not in a virtualenv's site-packages)."""
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and "site-packages" not in path.parts


def content_models() -> list:
    """Models whose changes can show on a public page: every model of our apps, many-to-many
    tables included, except the apps in ``PAGE_CACHE_IGNORE_APPS`` (e.g. subscribers, who are
    never shown on a cached page)."""
    ignored = set(getattr(settings, "PAGE_CACHE_IGNORE_APPS", ()))
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config is not None
        and model._meta.app_label not in ignored
        and is_project_app(model._meta.app_config)
    ]


def _saved_or_deleted(sender, using=None, **kwargs):
    content_changed(using)


def _m2m_changed(sender, action, using=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed(using)


def connect_signals() -> None:
    """Called from the kernel's ``ready()``; per model, so other models keep fast deletes."""
    for model in content_models():
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid)


# --- Whole pages this process has served, in the process --------------------------------
#
# The cache every process sees (Redis) holds each page once; a process also keeps the pages it
# served itself, most recently used first, up to ``PAGE_CACHE_PROCESS_BYTES`` of bodies. An
# entry here is used under exactly the rule of the shared one (its generation is the request's,
# its boundary lies ahead), so it is never staler; it only saves moving the page's bytes.

_pages: "OrderedDict[str, tuple]" = OrderedDict()
_pages_bytes = 0
_pages_lock = threading.Lock()


def _page_limit() -> int:
    return getattr(settings, "PAGE_CACHE_PROCESS_BYTES", 32 * 1024 * 1024)


def kept_page(key: str):
    """The entry this process holds for ``key`` (``None`` if none); its generation is the caller's
    to check."""
    with _pages_lock:
        entry = _pages.get(key)
        if entry is not None:
            _pages.move_to_end(key)
        return entry


def keep_page(key: str, entry: tuple) -> None:
    """Hold ``entry`` (``(generation, expires, status, headers, content)``) for ``key``; the least
    recently used go when the bodies pass the limit, and a body over a quarter of it is not held."""
    global _pages_bytes
    size = len(entry[4])
    limit = _page_limit()
    with _pages_lock:
        old = _pages.pop(key, None)
        if old is not None:
            _pages_bytes -= len(old[4])
        if size > limit // 4:
            return
        _pages[key] = entry
        _pages_bytes += size
        while _pages_bytes > limit and _pages:
            _key, dropped = _pages.popitem(last=False)
            _pages_bytes -= len(dropped[4])


def forget_page(key: str) -> None:
    global _pages_bytes
    with _pages_lock:
        old = _pages.pop(key, None)
        if old is not None:
            _pages_bytes -= len(old[4])


def forget_pages() -> None:
    global _pages_bytes
    with _pages_lock:
        _pages.clear()
        _pages_bytes = 0


def reset_local() -> None:
    """Forget what this process keeps: boundaries, derived data, pages and, when it is local
    memory, its cache.

    A shared Redis is never flushed, and the database is not touched.
    """
    _boundaries.clear()
    _values.clear()
    forget_pages()
    state = _request_state.get()
    if state is not None:
        state.pop("generation", None)
    local = caches[LOCAL_ALIAS]
    if type(local).__name__ == "LocMemCache":
        local.clear()


def setting_changed(**kwargs):
    """Tests change settings that pages show (``SITE_URL``, ...): nothing this process kept
    survives (the test process is the server; the test may have no database access)."""
    reset_local()
