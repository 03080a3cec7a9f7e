"""Pagination that never counts every row: ``CappedPaginator``.

A list of 100,000 news items does not need its exact length on every page view: counting it
is a scan of the whole table per request. ``CappedPaginator`` counts at most ``cap`` rows (or,
for a deep page, as many as that page needs plus one), so the cost of a page no longer grows
with the table. When there are more, ``capped`` is true and the page says "fler än 1 000"
instead of a number; the last page is then not known, only that a next one exists.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


def spaced(number: int) -> str:
    """1000 -> "1 000" (Swedish thousands with a no-break space)."""
    return f"{number:,}".replace(",", "\u00a0")


def count_limit(wanted_page, per_page: int, cap: int | None = None) -> int:
    """Rows to count: enough to know whether the wanted page exists and has a next one."""
    cap = COUNT_CAP if cap is None else cap
    try:
        wanted = max(1, int(wanted_page))
    except (TypeError, ValueError):
        wanted = 1
    return max(cap, wanted * per_page) + 1


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int | None = None, wanted_page=None, counter=None, **kwargs):
        """``wanted_page`` is the page the request asks for (it may need more than ``cap`` rows);
        ``counter(limit)`` counts at most ``limit`` rows when ``object_list`` is costly to count."""
        super().__init__(object_list, per_page, **kwargs)
        self.limit = count_limit(wanted_page, self.per_page, cap)
        self.counter = counter

    @cached_property
    def count(self) -> int:
        if self.counter is not None:
            counted = self.counter(self.limit)
        else:
            counted = self.object_list[: self.limit].count()
        return min(counted, self.limit)

    @property
    def capped(self) -> bool:
        """True when there are more rows than were counted (the count shown is a floor)."""
        return self.count >= self.limit

    @property
    def capped_at(self) -> str:
        """The number to show after "fler än", e.g. "1 000"."""
        return spaced(self.limit - 1)
