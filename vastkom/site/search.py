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

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.db import connection, models
from django.db.models import F, Func, Q, Value, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from vastkom.core.pagination import CappedPaginator, count_limit
from vastkom.core.richtext import html_to_text
from vastkom.core.searchindex import CONFIG, CONTROL_CHARS_RE
from vastkom.core.slugs import slug_url
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
        "article": (Article, "lead", "articles:detail"),
        "topic": (Topic, "intro", "topics:detail"),
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
        model, lead_field, _url_name = _sources()[kind]
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
            model, lead_field, _url_name = _sources()[kind]
            for obj in model.objects.filter(pk__in=pks):
                loaded[(kind, obj.pk)] = self._hit(kind, obj, lead_field)
        return [loaded[(row["kind"], row["pk"])] for row in rows if (row["kind"], row["pk"]) in loaded]

    def postgres_page(self, limit: int, offset: int, size: int, into: "PostgresPage") -> list[Hit]:
        """PostgreSQL: the hits at ``offset`` and the capped count (set on ``into.total``), in one
        statement (``page_statement``, written once per process)."""
        values = {
            NOW: timezone.now(),
            QUERY: self.query,
            CANDIDATES: max(RANKED_CANDIDATES, self.depth + 1),
            LIMIT: limit,
            SIZE: size,
            OFFSET: offset,
        }
        statement, params = page_statement()
        with connection.cursor() as cursor:
            cursor.execute(
                statement, [values.get(param, param) if isinstance(param, Slot) else param for param in params]
            )
            rows = cursor.fetchall()
        into.total = next(row[9] for row in rows if row[0] is None)
        shown = sorted((row for row in rows if row[0] is not None), key=lambda row: (-row[2], row[0], -row[1]))
        return [
            self._postgres_hit(kind, title, slug, lead, date, lead_marked, body_marked)
            for kind, _pk, _rank, title, slug, lead, date, lead_marked, body_marked, _total in shown
        ]

    @staticmethod
    def _postgres_hit(kind, title, slug, lead, date, lead_marked, body_marked) -> Hit:
        lead_marked, body_marked = lead_marked or "", body_marked or ""
        # Show the lead or intro; when the words are only in the body, show where they are.
        source = lead_marked if (START in lead_marked or START not in body_marked) and lead else body_marked
        return Hit(
            kind=kind,
            title=title,
            url=slug_url(_sources()[kind][2], slug),
            snippet=highlighted(Truncator(source).words(45, truncate=" …")),
            date=date,
        )

    def _hit(self, kind, obj, lead_field) -> Hit:
        """SQLite: the lead or intro (else the body's start), with the query's words marked."""
        lead = getattr(obj, lead_field) or ""
        date = getattr(obj, "published_at", None) if kind == "article" else None
        text = lead or html_to_text(obj.body)
        snippet = fallback_highlighted(Truncator(text).words(45, truncate=" …"), self.words)
        return Hit(kind=kind, title=obj.title, url=obj.get_absolute_url(), snippet=snippet, date=date)


def hits_html(hits) -> SafeString:
    """The results list's items: one function call per page instead of a template loop of a
    dozen nodes per hit, with the markup the loop gave (``tests/vastkom/test_list_markup.py``).
    Every value is escaped (``html.escape``, as Django's ``escape``) but the snippet, which
    ``highlighted`` escaped already."""
    news, topic_page = html.escape(_("Nyhet")), html.escape(_("Ämnessida"))
    items = []
    for hit in hits:
        if hit.kind != "article":
            meta = topic_page
        elif hit.date:
            meta = (
                f'{news} · <time datetime="{html.escape(isotime(hit.date))}">{html.escape(local_date(hit.date))}</time>'
            )
        else:
            meta = news
        items.append(
            f'\n  <li class="search-hit">\n    <h2 class="card__title"><a href="{html.escape(hit.url)}">'
            f"{html.escape(hit.title)}</a></h2>\n"
            f'    <p class="card__meta">{meta}</p>\n'
            f'    <p class="search-hit__snippet">{conditional_escape(hit.snippet)}</p>\n  </li>\n  '
        )
    # Escaped values in our own markup.
    return mark_safe("".join(items))  # noqa: S308


# ts_headline's options, as SearchHeadline writes them for the same arguments.
LEAD_HEADLINE = f"StartSel='{START}', StopSel='{STOP}', HighlightAll=true"
BODY_HEADLINE = (
    f"StartSel='{START}', StopSel='{STOP}', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=' … '"
)


class Slot(str):
    """A parameter of ``page_statement`` filled in per request."""


NOW, QUERY, CANDIDATES, LIMIT, SIZE, OFFSET = map(Slot, ("now", "query", "candidates", "limit", "size", "offset"))
# What "now" is while the statement is written; every parameter equal to it becomes NOW.
SOME_TIME = dt.datetime(1001, 1, 1, tzinfo=dt.UTC)
# The body's snippet is first looked for in this many characters around the first place one of
# the query's words (its stem, a prefix of the word in Swedish) appears: ts_headline parses every
# character it is given, about 0.2 ms a kilobyte, for each hit. Only where that part holds no
# marked word (the stem also begins another word there) is the whole body parsed.
WINDOW_BEFORE, WINDOW = 200, 600
# The query's words as ts_headline marks them: its positive lexemes, doubled quotes undone.
QUERY_WORDS = (
    "ARRAY(SELECT replace(m[1], '''''', '''') FROM regexp_matches(querytree(x.query), '''((?:[^'']|'''')+)''', 'g') m)"
)


def _near_first_word(body: str) -> str:
    """SQL: the part of ``body`` around ``f.at`` (the first place a query word may start), less a
    cut word or tag at either end; the whole body when no word was found or it is short."""
    part = f"substr({body}, greatest(1, f.at - {WINDOW_BEFORE}), {WINDOW})"
    # At the start: the rest of a cut tag, or a cut word; at the end: an open tag, or a cut word.
    part = rf"CASE WHEN f.at > {WINDOW_BEFORE + 1} THEN regexp_replace({part}, '^([^<>]*>|\S*\s)', '') ELSE {part} END"
    part = (
        rf"CASE WHEN greatest(1, f.at - {WINDOW_BEFORE}) + {WINDOW} <= length({body})"
        rf" THEN regexp_replace({part}, '(<[^>]*|\s\S*)$', '') ELSE {part} END"
    )
    return f"CASE WHEN f.at IS NULL OR length({body}) <= {WINDOW} THEN {body} ELSE {part} END"


@functools.cache
def page_statement() -> tuple[str, tuple]:
    """The search statement and its parameters, ``Slot``s where a request's values go; written
    once per process (the ORM compiling the matching rows' queries cost a millisecond a request).

    Each type's newest ``LIMIT`` matches are read once (``MATERIALIZED``): counted (at most
    ``LIMIT`` each, as ``SearchResults.count``) and, the newest ``CANDIDATES`` of them, ranked.
    The shown page's rows are joined to their texts for the snippets, in stages (each a CTE of
    its own, which PostgreSQL plans in a fraction of the time one join of everything takes):
    whether the lead or intro and the body hold one of the query's words is read from the stored
    vector's weights, without parsing any text; the lead gets ``ts_headline`` with every word
    marked where it holds one, and only where it does not, the body its snippet (first near the
    word, ``_near_first_word``, then, if that part had no marked word, the whole body)."""
    quote = connection.ops.quote_name
    tsquery = SearchQuery(QUERY, config=CONFIG, search_type="websearch")
    ctes, texts, params, text_params = [], [], [], []
    for kind, (model, lead_field, _url_name) in _sources().items():
        matches = model.objects.published(now=SOME_TIME).filter(search_vector=tsquery).order_by("-pk")
        # n: the row's place among the newest (the index's order: no sort to pick the candidates);
        # the vector kept only for the candidates, the rest are only counted.
        numbered = matches.annotate(n=Window(RowNumber(), order_by=F("pk").desc()))
        sql, sql_params = numbered.values("pk", "search_vector", "n").query.sql_with_params()
        ctes.append(
            f"m_{kind} AS MATERIALIZED (SELECT s.pk, s.n, CASE WHEN s.n <= %s THEN s.search_vector END"
            f" AS search_vector FROM ({sql} LIMIT %s) s)"
        )
        params.extend([CANDIDATES, *(NOW if param == SOME_TIME else param for param in sql_params), LIMIT])
        weights = {field: weight.lower() for field, weight, _is_html in model.SEARCH_FIELDS}
        date = f"t.{quote('published_at')}" if kind == "article" else "NULL::timestamptz"
        texts.append(
            f"SELECT p.kind, p.pk, p.rank, t.{quote('title')} AS title, t.{quote('slug')} AS slug,"
            f" t.{quote(lead_field)} AS lead, {date} AS date, t.{quote('body')} AS body,"
            f" tsvector_to_array(ts_filter(t.{quote('search_vector')}, %s)) && q.words AS in_lead,"
            f" tsvector_to_array(ts_filter(t.{quote('search_vector')}, %s)) && q.words AS in_body"
            f" FROM page p JOIN {quote(model._meta.db_table)} t ON t.{quote('id')} = p.pk CROSS JOIN q"
            f" WHERE p.kind = %s"
        )
        text_params.extend([f"{{{weights[lead_field]}}}", f"{{{weights['body']}}}", kind])
    ranked = " UNION ALL ".join(
        f"SELECT %s::text AS kind, c.pk, ts_rank(c.search_vector, q.query) AS rank"
        f" FROM (SELECT * FROM m_{kind} WHERE n <= %s) c, q"
        for kind in _sources()
    )
    counted = " + ".join(f"(SELECT LEAST(COUNT(*), %s) FROM m_{kind})" for kind in _sources())
    statement = (
        f"WITH {', '.join(ctes)},"
        f" q AS (SELECT x.query, {QUERY_WORDS} AS words"
        " FROM (SELECT websearch_to_tsquery(%s::regconfig, %s) AS query) x),"
        f" page AS (SELECT * FROM ({ranked}) r ORDER BY rank DESC, kind, pk DESC LIMIT %s OFFSET %s),"
        f" texts AS MATERIALIZED ({' UNION ALL '.join(texts)}),"
        # The first place a query word may start in the body, where the lead has none.
        " places AS MATERIALIZED (SELECT x.*, CASE WHEN x.in_body AND NOT x.in_lead THEN"
        " (SELECT min(nullif(strpos(lower(x.body), w), 0)) FROM unnest(q.words) w) END AS at FROM texts x, q),"
        " nears AS MATERIALIZED (SELECT f.*, CASE WHEN f.in_lead THEN ts_headline(%s::regconfig, f.lead, q.query, %s)"
        " ELSE f.lead END AS lead_marked,"
        f" CASE WHEN f.in_body AND NOT f.in_lead THEN ts_headline(%s::regconfig, {_near_first_word('f.body')},"
        " q.query, %s) END AS near FROM places f, q)"
        " SELECT h.kind, h.pk, h.rank, h.title, h.slug, h.lead, h.date, h.lead_marked,"
        " CASE WHEN h.near IS NULL OR strpos(h.near, %s) > 0 THEN h.near"
        " ELSE ts_headline(%s::regconfig, h.body, q.query, %s) END, NULL FROM nears h, q"
        f" UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {counted}"
    )
    ranked_params = [value for kind in _sources() for value in (kind, CANDIDATES)]
    return statement, (
        *params,
        CONFIG,
        QUERY,
        *ranked_params,
        SIZE,
        OFFSET,
        *text_params,
        CONFIG,
        LEAD_HEADLINE,
        CONFIG,
        BODY_HEADLINE,
        START,
        CONFIG,
        BODY_HEADLINE,
        *[LIMIT] * len(_sources()),
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
