"""Site search (``/sok/?q=``) over everything the public may see: articles and topic pages.

On PostgreSQL each searchable row keeps a stored ``search_vector`` (``swedish`` configuration,
title weighted A, lead or intro B, body C, HTML stripped first) that ``save()`` refreshes and a
GIN index serves. A query is parsed with ``websearch_to_tsquery`` (quotes, ``OR``, ``-word``),
hits from both models are merged into one list ranked by ``ts_rank`` and paginated in the
database, and only the shown page gets its highlighted snippet (``ts_headline``). All of that
is one statement (``SearchResults.postgres_page``): the newest matches of each type are read once
and serve both the capped count and the ranking, and the shown page's rows and snippets come
with them.

On SQLite (the zero-setup default) a plain fallback finds rows containing every word, in any
case, å, ä and ö included (SQLite's own LIKE folds ASCII only, so both sides are lowered in
Python by a function registered on each connection), newest first.

Contact persons are found by name and role (every word in either), and shown with their card.

Everything shown is escaped: a snippet is escaped text in which only our own markers become
``<mark>``.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.db import connection, models
from django.db.models import F, Func, Q, Value
from django.shortcuts import render
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from vastkom.core.pagination import CappedPaginator, count_limit
from vastkom.core.richtext import html_to_text
from vastkom.core.searchindex import CONFIG, CONTROL_CHARS_RE
from vastkom.core.templatetags.content_tags import isotime, local_date

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
MAX_FALLBACK_WORDS = 8
MAX_CONTACT_HITS = 6
# The SQLite function that lowers text in Python (Unicode), registered by register_sqlite_lower.
SQLITE_LOWER = "vastkom_lower"
# Rows ranked per content type: the newest matches (see SearchResults.candidates).
RANKED_CANDIDATES = 500
# Control characters never stored in cleaned text: they mark the highlighted words in
# ts_headline's output until the text is escaped.
START, STOP = "\x01", "\x02"


def clean_query(raw: str) -> str:
    """What reaches the database: no NUL or control characters, no runs of space, capped."""
    text = CONTROL_CHARS_RE.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


@dataclass
class Hit:
    kind: str  # "article" or "topic"
    title: str
    url: str
    snippet: SafeString
    date: object = None


def highlighted(text: str) -> SafeString:
    """Escape ``text`` and turn only our own START/STOP markers into ``<mark>``."""
    escaped = escape(html.unescape(text))
    marked = re.sub(f"{START}([^{START}{STOP}]*){STOP}", r"<mark>\1</mark>", escaped)
    # Escaped text with only our own <mark> pairs added: safe to show.
    return mark_safe(marked.replace(START, "").replace(STOP, ""))  # noqa: S308


def fallback_highlighted(text: str, words: list[str]) -> SafeString:
    """The SQLite snippet: the words marked in plain text, everything escaped."""
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
        text = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)
    return highlighted(html.escape(text, quote=False))


def register_sqlite_lower(sender=None, connection=None, **kwargs):
    """``connection_created`` receiver: SQLite's LOWER folds ASCII only; Python's folds å, ä, ö."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_LOWER, 1, lambda text: text.lower() if isinstance(text, str) else text, deterministic=True
        )


class Lowered(Func):
    """``LOWER(expr)``: Unicode-aware on PostgreSQL, our registered function on SQLite."""

    function = "LOWER"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_LOWER, **extra_context)


def matching_contacts(query: str) -> list:
    """Active contact persons whose name or role holds every word of the query (any case), in
    name order: read from the kept active contacts (``active_contacts_by_pk``), no query."""
    from topics.selectors import active_contacts_by_pk

    words = [w.lower() for w in query.split()[:MAX_FALLBACK_WORDS]]
    if not words:
        return []
    found = []
    for contact in active_contacts_by_pk().values():
        name, role = contact.name.lower(), (contact.role or "").lower()
        if all(word in name or word in role for word in words):
            found.append(contact)
            if len(found) == MAX_CONTACT_HITS:
                break
    return found


def _sources():
    from articles.models import Article
    from topics.models import Topic

    return {
        "article": (Article, "lead"),
        "topic": (Topic, "intro"),
    }


class SearchResults:
    """The ranked, merged hits of one query, paginated in the database."""

    def __init__(self, query: str, depth: int = 0):
        """``depth``: how far down the wanted page reaches (its hits must be among the ranked)."""
        self.query = query
        self.depth = depth
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.tsquery = SearchQuery(query, config=CONFIG, search_type="websearch")
        else:
            self.words = query.split()[:MAX_FALLBACK_WORDS]

    def _matches(self, kind):
        """Every row of ``kind`` the public may see that matches the query (no rank yet)."""
        model, lead_field = _sources()[kind]
        queryset = model.objects.published()
        if self.postgres:
            return queryset.filter(search_vector=self.tsquery)
        # SQLite: every word somewhere in the text, in any case (å, ä and ö too: Lowered).
        queryset = queryset.annotate(
            title_lower=Lowered("title"), lead_lower=Lowered(lead_field), body_lower=Lowered("body")
        )
        for word in self.words:
            word = word.lower()
            queryset = queryset.filter(
                Q(title_lower__contains=word) | Q(lead_lower__contains=word) | Q(body_lower__contains=word)
            )
        return queryset

    def count(self, limit: int) -> int:
        """How many rows match, counting at most ``limit`` (the paginator's cap)."""
        return sum(self._matches(kind).order_by()[:limit].count() for kind in _sources())

    def _matching(self, kind):
        # No relevance on SQLite: newest first.
        queryset = self._matches(kind).annotate(rank=F("published_at"))
        return queryset.annotate(kind=Value(kind, output_field=models.CharField())).values("kind", "pk", "rank")

    def ranked(self):
        """SQLite: one list of (kind, pk, rank) rows over both models, newest first (PostgreSQL
        ranks in ``postgres_page``)."""
        articles = self._matching("article").order_by()
        topics = self._matching("topic").order_by()
        return articles.union(topics, all=True).order_by("-rank", "kind", "-pk")

    def hits(self, rows) -> list[Hit]:
        """SQLite: the page's rows as Hits, in order, each with its snippet (one query per model)."""
        by_kind: dict[str, list[int]] = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(row["pk"])
        loaded = {}
        for kind, pks in by_kind.items():
            model, lead_field = _sources()[kind]
            for obj in model.objects.filter(pk__in=pks):
                loaded[(kind, obj.pk)] = self._hit(kind, obj, lead_field)
        return [loaded[(row["kind"], row["pk"])] for row in rows if (row["kind"], row["pk"]) in loaded]

    def postgres_page(self, limit: int, offset: int, size: int, into: "PostgresPage") -> list[Hit]:
        """PostgreSQL: the hits at ``offset`` and the capped count (set on ``into.total``), in one
        statement. Each type's newest ``limit`` matches are read once (``MATERIALIZED``): counted
        (at most ``limit`` each, as ``count``) and, the newest ``RANKED_CANDIDATES`` (or as deep as
        the page) of them, ranked; the page's rows are joined to their texts for the snippets."""
        candidates = max(RANKED_CANDIDATES, self.depth + 1)
        quote = connection.ops.quote_name
        ctes, pages, params, page_params = [], [], [], []
        for kind, (model, lead_field) in _sources().items():
            matches = self._matches(kind).order_by("-pk").values("pk", "search_vector")[:limit]
            sql, sql_params = matches.query.sql_with_params()
            ctes.append(f"m_{kind} AS MATERIALIZED ({sql})")
            params.extend(sql_params)
            table = quote(model._meta.db_table)
            date = f"t.{quote('published_at')}" if kind == "article" else "NULL::timestamptz"
            # The body's snippet only where the lead has no marked word: _hit shows the lead then.
            # (OFFSET 0 keeps the lead's snippet one computed value, not an expression run twice.)
            pages.append(
                f"SELECT p.kind, p.pk, p.rank, t.{quote('title')}, t.{quote('slug')}, t.{quote(lead_field)}, {date},"
                f" h.lead_marked, CASE WHEN strpos(h.lead_marked, %s) > 0 THEN NULL"
                f" ELSE ts_headline(%s::regconfig, t.{quote('body')}, q.query, %s) END"
                f" FROM page p JOIN {table} t ON t.{quote('id')} = p.pk CROSS JOIN q,"
                f" LATERAL (SELECT ts_headline(%s::regconfig, t.{quote(lead_field)}, q.query, %s)"
                f" AS lead_marked OFFSET 0) h"
                f" WHERE p.kind = %s"
            )
            page_params.extend([START, CONFIG, BODY_HEADLINE, CONFIG, LEAD_HEADLINE, kind])
        ranked = " UNION ALL ".join(
            f"SELECT %s AS kind, c.pk, ts_rank(c.search_vector, q.query) AS rank"
            f" FROM (SELECT * FROM m_{kind} ORDER BY pk DESC LIMIT %s) c, q"
            for kind in _sources()
        )
        counted = " + ".join(f"(SELECT LEAST(COUNT(*), %s) FROM m_{kind})" for kind in _sources())
        statement = (
            f"WITH {', '.join(ctes)},"
            " q AS (SELECT websearch_to_tsquery(%s::regconfig, %s) AS query),"
            f" page AS (SELECT * FROM ({ranked}) r ORDER BY rank DESC, kind, pk DESC LIMIT %s OFFSET %s)"
            f" SELECT *, NULL FROM ({' UNION ALL '.join(pages)}) shown"
            f" UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {counted}"
        )
        ranked_params = [value for kind in _sources() for value in (kind, candidates)]
        all_params = [
            *params,
            CONFIG,
            self.query,
            *ranked_params,
            size,
            offset,
            *page_params,
            *([limit] * len(_sources())),
        ]
        with connection.cursor() as cursor:
            cursor.execute(statement, all_params)
            rows = cursor.fetchall()
        into.total = next(row[9] for row in rows if row[0] is None)
        shown = sorted((row for row in rows if row[0] is not None), key=lambda row: (-row[2], row[0], -row[1]))
        hits = []
        for kind, pk, _rank, title, slug, lead, date, lead_marked, body_marked, _total in shown:
            model, lead_field = _sources()[kind]
            obj = model(pk=pk, title=title, slug=slug, body="", **{lead_field: lead})
            obj.lead_headline, obj.body_headline = lead_marked, body_marked
            if kind == "article":
                obj.published_at = date
            hits.append(self._hit(kind, obj, lead_field))
        return hits

    def _hit(self, kind, obj, lead_field) -> Hit:
        lead = getattr(obj, lead_field) or ""
        date = getattr(obj, "published_at", None) if kind == "article" else None
        if self.postgres:
            lead_marked = getattr(obj, "lead_headline", "") or ""
            body_marked = getattr(obj, "body_headline", "") or ""
            # Show the lead or intro; when the words are only in the body, show where they are.
            source = lead_marked if (START in lead_marked or START not in body_marked) and lead else body_marked
            snippet = highlighted(Truncator(source).words(45, truncate=" …"))
        else:
            text = lead or html_to_text(obj.body)
            snippet = fallback_highlighted(Truncator(text).words(45, truncate=" …"), self.words)
        return Hit(kind=kind, title=obj.title, url=obj.get_absolute_url(), snippet=snippet, date=date)


def hits_html(hits) -> str:
    """The results list's items: one function call per page instead of a template loop of a
    dozen nodes per hit, with the markup the loop gave (``tests/vastkom/test_list_markup.py``)."""
    news, topic_page = _("Nyhet"), _("Ämnessida")
    return format_html_join(
        "",
        '\n  <li class="search-hit">\n    <h2 class="card__title"><a href="{}">{}</a></h2>\n'
        '    <p class="card__meta">{}</p>\n    <p class="search-hit__snippet">{}</p>\n  </li>\n  ',
        (
            (
                hit.url,
                hit.title,
                (
                    format_html(
                        "{}{}",
                        news,
                        format_html(' · <time datetime="{}">{}</time>', isotime(hit.date), local_date(hit.date))
                        if hit.date
                        else "",
                    )
                    if hit.kind == "article"
                    else topic_page
                ),
                hit.snippet,
            )
            for hit in hits
        ),
    )


# ts_headline's options, as SearchHeadline writes them for the same arguments.
LEAD_HEADLINE = f"StartSel='{START}', StopSel='{STOP}', HighlightAll=true"
BODY_HEADLINE = (
    f"StartSel='{START}', StopSel='{STOP}', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=' … '"
)


class PostgresPage:
    """The ranked hits as ``CappedPaginator`` reads them, from one statement per page.

    ``count(limit)`` runs the statement for the page the request asked for and returns the
    capped count it brought; slicing returns that page's ``Hit``s (a page the paginator chose
    instead, e.g. the last one for a number past the end, costs one more statement).
    """

    def __init__(self, results: "SearchResults", wanted_page, per_page: int):
        self.results = results
        self.per_page = per_page
        try:
            self.wanted = max(1, int(wanted_page))
        except (TypeError, ValueError):
            self.wanted = 1
        self.limit = None
        self.fetched: tuple[int, list[Hit]] | None = None
        self.total = 0

    def count(self, limit: int) -> int:
        self.limit = limit
        offset = (self.wanted - 1) * self.per_page
        self.fetched = (offset, self.results.postgres_page(limit, offset, self.per_page, self))
        return self.total

    def __getitem__(self, item: slice) -> list[Hit]:
        start, stop = item.start or 0, item.stop
        if self.fetched is None or self.fetched[0] != start:
            self.fetched = (start, self.results.postgres_page(self.limit, start, self.per_page, self))
        return self.fetched[1][: stop - start]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query, "query_too_long": len(request.GET.get("q", "")) > MAX_QUERY_LENGTH}
    if query:
        # Counts at most 1,000 hits (or what a deep page needs): "fler än 1 000 träffar".
        wanted_page = request.GET.get("page")
        results = SearchResults(query, depth=count_limit(wanted_page, RESULTS_PER_PAGE, cap=0) - 1)
        if results.postgres:
            # One statement: count, ranking, the page's rows and their snippets.
            rows = PostgresPage(results, wanted_page, RESULTS_PER_PAGE)
            paginator = CappedPaginator(rows, RESULTS_PER_PAGE, wanted_page=wanted_page, counter=rows.count)
            page_obj = paginator.get_page(wanted_page)
            hits = list(page_obj.object_list)
        else:
            paginator = CappedPaginator(
                results.ranked(), RESULTS_PER_PAGE, wanted_page=wanted_page, counter=results.count
            )
            page_obj = paginator.get_page(wanted_page)
            hits = results.hits(list(page_obj.object_list))
        context.update(
            contacts=matching_contacts(query) if page_obj.number == 1 else [],
            paginator=paginator,
            page_obj=page_obj,
            hits=hits,
            query_string=urlencode({"q": query}),
        )
    return render(request, "site/search.html", context)
