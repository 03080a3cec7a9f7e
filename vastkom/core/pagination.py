"""Pagination that never counts every row: ``CappedPaginator``.

A list of 100,000 news items does not need its exact length on every page view: counting it
is a scan of the whole table per request. ``CappedPaginator`` counts at most ``cap`` rows (or,
for a deep page, as many as that page needs plus one), so the cost of a page no longer grows
with the table. When there are more, ``capped`` is true and the page says "fler än 1 000"
instead of a number; the last page is then not known, only that a next one exists.

With ``keys_first`` (a plain model queryset, e.g. the news archive) a page after the first
takes its rows' keys first, then their rows: PostgreSQL walks past the earlier rows in an index
alone (the listing index holds what the filter and the order read) and fetches only the page's
own rows, instead of reading each row it skips.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
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
    def __init__(
        self,
        object_list,
        per_page,
        *,
        cap: int | None = None,
        wanted_page=None,
        counter=None,
        keys_first=False,
        **kwargs,
    ):
        """``wanted_page`` is the page the request asks for (it may need more than ``cap`` rows);
        ``counter(limit)`` counts at most ``limit`` rows when ``object_list`` is costly to count;
        ``keys_first``: see the module docstring (not for a ``union()``)."""
        super().__init__(object_list, per_page, **kwargs)
        self.keys_first = keys_first
        self.limit = count_limit(wanted_page, self.per_page, cap)
        self.counter = counter

    @cached_property
    def count(self) -> int:
        if self.counter is not None:
            counted = self.counter(self.limit)
        else:
            counted = self.object_list[: self.limit].count()
        return min(counted, self.limit)

    def page(self, number):
        """As ``Paginator.page``, with the rows of a page after the first taken by their keys."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if self.keys_first and isinstance(rows, QuerySet) and bottom > 0:
            page_rows = rows.filter(pk__in=rows.values("pk")[bottom:top])
        else:
            page_rows = rows[bottom:top]
        return self._get_page(page_rows, number, self)

    @property
    def capped(self) -> bool:
        """True when there are more rows than were counted (the count shown is a floor)."""
        return self.count >= self.limit

    @property
    def capped_at(self) -> str:
        """The number to show after "fler än", e.g. "1 000"."""
        return spaced(self.limit - 1)
