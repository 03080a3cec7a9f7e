"""Production settings plus the benchmark's floor: a minimal view returning a page's bytes.

Used only by ``bench/pages.py`` (``DJANGO_SETTINGS_MODULE=bench.settings``).
"""

from vastkom.settings import *  # noqa: F403
from vastkom.settings import PAGE_CACHE_EXCLUDE_PREFIXES

ROOT_URLCONF = "bench.urls"
# The floor is the bare Django stack: the page cache never answers for it.
PAGE_CACHE_EXCLUDE_PREFIXES = [*PAGE_CACHE_EXCLUDE_PREFIXES, "/__floor__/"]
