"""The quality check: what an editor's text gets wrong before the public sees it.

Each rule is a small function that looks at one field (the cleaned HTML of a rich-text field,
or a plain lead) and yields ``Issue`` objects with a Swedish message and a severity:

- **errors** block "Publicera nu"/"Schemalägg" (a draft may always be saved): an image without
  alt text that is not marked decorative, an empty link, an internal link to a page that does
  not exist or is not published by this item's publish time, a body heading at ``h1``;
- **warnings** are shown in the form and the change lists: skipped heading levels, link texts
  that say nothing, one link text for several targets, ``http:`` links, tables without header
  cells, text in capitals over several words, a LIX above 50, a lead over 300 characters.

``check_fields`` runs every rule; the admin (``quality_admin.py``), the models' stored summary
(``QualityCheckedModel``) and ``manage.py content_check`` all go through it. Internal links are
resolved with ``django.urls.resolve`` and the resolved view's ``model``, so the kernel checks
articles, topic pages and documents without importing an app. External links are never
fetched here (``content_check`` does that, not a save).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import models
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vastkom.core.richtext import DECORATIVE_IMAGE_ROLE, clean_html, internal_hosts, is_external

LEAD_MAX_CHARS = 300
LIX_WARNING_ABOVE = 50
LIX_MIN_WORDS = 50
CAPS_MIN_WORDS = 4
VAGUE_LINK_TEXTS = {
    "klicka här", "klicka", "här", "hit", "gå hit", "läs mer", "läs mer här", "mer", "mer info",
    "mer information", "länk", "länken", "denna länk", "den här länken", "klicka på länken", "se här",
}  # fmt: skip
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "blockquote", "figcaption", "br"}
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
URL_TEXT_RE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


class Severity(models.TextChoices):
    ERROR = "error", gettext_lazy("Fel")
    WARNING = "warning", gettext_lazy("Varning")


@dataclass(frozen=True)
class Issue:
    code: str
    severity: str
    message: str
    field: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message, "field": self.field}


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == Severity.WARNING]

    def summary(self) -> dict:
        """What a row stores: small, and enough for the list, the filter and the form."""
        return {"issues": [i.as_dict() for i in self.issues], "figures": self.figures}


# -- A small tree of the cleaned HTML --------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    def iter(self, *tags):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag in tags:
                    yield child
                yield from child.iter(*tags)

    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child.text() if isinstance(child, Node) else child)
            if isinstance(child, Node) and child.tag in BLOCK_TAGS:
                parts.append("\n")
        return "".join(parts)


VOID = {"br", "img", "hr"}


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html_text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html_text or "")
    builder.close()
    return builder.root


# -- Rules ---------------------------------------------------------------------------------------------


@dataclass
class Context:
    field: str
    publish_at: object  # the moment this item goes (or went) live: internal links must be live then
    own_path: str = ""
    link_cache: dict = field(default_factory=dict)

    def error(self, code, message):
        return Issue(code, Severity.ERROR, message, self.field)

    def warning(self, code, message):
        return Issue(code, Severity.WARNING, message, self.field)


HTML_RULES = []  # rules for rich-text fields: fn(tree, context)
TEXT_RULES = []  # rules for every text, rich or plain: fn(blocks of text, context)
LEAD_RULES = []  # rules for the lead only: fn(text, context)


def html_rule(fn):
    HTML_RULES.append(fn)
    return fn


def text_rule(fn):
    TEXT_RULES.append(fn)
    return fn


def lead_rule(fn):
    LEAD_RULES.append(fn)
    return fn


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link_text(node: Node) -> str:
    text = " ".join(node.text().split())
    if text:
        return text
    return " ".join(img.attrs.get("alt", "").strip() for img in node.iter("img")).strip()


@html_rule
def image_without_alt_text(tree, ctx):
    for img in tree.iter("img"):
        if img.attrs.get("role") == DECORATIVE_IMAGE_ROLE or img.attrs.get("alt", "").strip():
            continue
        name = unquote(urlsplit(img.attrs.get("src", "")).path.rsplit("/", 1)[-1]) or _("utan adress")
        yield ctx.error(
            "image_alt_missing",
            _(
                "Bilden ”%(name)s” saknar alternativtext. Dubbelklicka på bilden och beskriv vad den visar, "
                "eller kryssa i ”Dekorativ bild” om den inte tillför något."
            )
            % {"name": short(name, 40)},
        )


@html_rule
def empty_link(tree, ctx):
    for a in tree.iter("a"):
        if a.attrs.get("href") and not link_text(a):
            yield ctx.error(
                "empty_link",
                _("En länk till ”%(href)s” har ingen text. Skriv en länktext eller ta bort länken.")
                % {"href": short(a.attrs["href"])},
            )


@html_rule
def heading_at_h1(tree, ctx):
    for heading in tree.iter("h1"):
        yield ctx.error(
            "h1_in_text",
            _(
                "Rubriken ”%(text)s” är på nivå 1. Sidans titel är den enda rubriken på nivå 1; "
                "välj ”Rubrik 2” eller lägre i menyn Stil."
            )
            % {"text": short(heading.text())},
        )


@html_rule
def internal_link_to_missing_page(tree, ctx):
    seen = set()
    for a in tree.iter("a"):
        path = internal_path(a.attrs.get("href", ""))
        if path is None or path in seen or path == ctx.own_path:
            continue
        seen.add(path)
        if path not in ctx.link_cache:
            ctx.link_cache[path] = link_target_problem(path, ctx.publish_at)
        problem = ctx.link_cache[path]
        if problem == "missing":
            yield ctx.error(
                "internal_link_missing",
                _("Länken ”%(text)s” går till %(path)s, som inte finns på webbplatsen.")
                % {"text": short(link_text(a), 40), "path": path},
            )
        elif problem == "unpublished":
            yield ctx.error(
                "internal_link_unpublished",
                _(
                    "Länken ”%(text)s” går till %(path)s, som inte är publicerad när den här sidan publiceras. "
                    "Publicera den sidan först, eller ta bort länken."
                )
                % {"text": short(link_text(a), 40), "path": path},
            )


@html_rule
def skipped_heading_level(tree, ctx):
    previous = 1  # the page's title
    for heading in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(heading.tag[1])
        if level > previous + 1:
            yield ctx.warning(
                "heading_skip",
                _("Rubriken ”%(text)s” (nivå %(level)s) hoppar över nivå %(missing)s. Använd rubriknivåerna i ordning.")
                % {"text": short(heading.text()), "level": level, "missing": previous + 1},
            )
        previous = level


@html_rule
def vague_link_text(tree, ctx):
    for a in tree.iter("a"):
        text = link_text(a)
        normal = re.sub(r"[\s.:!?»›→…]+$", "", " ".join(text.lower().split()))
        if normal in VAGUE_LINK_TEXTS or URL_TEXT_RE.match(normal):
            yield ctx.warning(
                "vague_link_text",
                _(
                    "Länktexten ”%(text)s” säger inte vart länken går. Skriv vad läsaren hittar där, "
                    "t.ex. ”Årsredovisning 2025”."
                )
                % {"text": short(text, 40)},
            )


@html_rule
def same_text_different_targets(tree, ctx):
    targets = defaultdict(set)
    shown = {}
    for a in tree.iter("a"):
        text = link_text(a)
        href = a.attrs.get("href", "")
        if text and href:
            key = " ".join(text.lower().split())
            targets[key].add(href.rstrip("/"))
            shown.setdefault(key, text)
    for key, hrefs in targets.items():
        if len(hrefs) > 1:
            yield ctx.warning(
                "same_text_different_targets",
                _("Länktexten ”%(text)s” används för %(count)s olika mål. Ge länkarna olika texter.")
                % {"text": short(shown[key], 40), "count": len(hrefs)},
            )


@html_rule
def insecure_link(tree, ctx):
    for a in tree.iter("a"):
        href = a.attrs.get("href", "")
        if href.lower().startswith("http:"):
            yield ctx.warning(
                "http_link",
                _("Länken till ”%(href)s” använder http. Använd https om webbplatsen har det.") % {"href": short(href)},
            )


@html_rule
def table_without_header_cells(tree, ctx):
    for n, table in enumerate(tree.iter("table"), start=1):
        if not any(True for _th in table.iter("th")):
            yield ctx.warning(
                "table_without_headers",
                _(
                    "Tabell %(n)s saknar rubrikceller. Högerklicka i tabellen, välj Tabellegenskaper och "
                    "”Rubriker: Första raden”."
                )
                % {"n": n},
            )


@text_rule
def text_in_capitals(blocks, ctx):
    for block in blocks:
        run = []
        for word in WORD_RE.findall(block) + [""]:
            if len(word) >= 2 and word.isupper():
                run.append(word)
                continue
            if len(run) >= CAPS_MIN_WORDS:
                yield ctx.warning(
                    "all_caps",
                    _(
                        "Texten ”%(text)s” är skriven med versaler. Versaler är svåra att läsa och vissa "
                        "skärmläsare läser dem bokstav för bokstav; skriv med gemener och använd fetstil för betoning."
                    )
                    % {"text": short(" ".join(run), 50)},
                )
            run = []


@lead_rule
def lead_too_long(text, ctx):
    length = len(" ".join(text.split()))
    if length > LEAD_MAX_CHARS:
        yield ctx.warning(
            "lead_too_long",
            _("Ingressen har %(length)s tecken. Håll den under %(max)s tecken så att den går att läsa snabbt.")
            % {"length": length, "max": LEAD_MAX_CHARS},
        )


# -- Readability (LIX) -------------------------------------------------------------------------------------

LIX_BANDS = [
    (30, gettext_lazy("mycket lätt")),
    (40, gettext_lazy("lätt")),
    (50, gettext_lazy("medelsvår")),
    (60, gettext_lazy("svår")),
]


def lix_band(value: int) -> str:
    for limit, label in LIX_BANDS:
        if value < limit:
            return str(label)
    return _("mycket svår")


def lix(blocks: list[str]) -> int | None:
    """LIX = words per sentence + percentage of words over six letters; ``None`` for short texts."""
    words, sentences = [], 0
    for block in blocks:
        for sentence in re.split(r"[.!?:;]+(?=\s|$)", block):
            found = WORD_RE.findall(sentence)
            if found:
                words += found
                sentences += 1
    if len(words) < LIX_MIN_WORDS:
        return None
    long_words = sum(1 for w in words if len(w.replace("-", "")) > 6)
    return round(len(words) / sentences + 100 * long_words / len(words))


def readability_issue(value, ctx):
    if value is not None and value > LIX_WARNING_ABOVE:
        return ctx.warning(
            "lix_high",
            _(
                "Texten har LIX %(lix)s (%(band)s). Kortare meningar och ord gör den lättare att läsa; "
                "sikta på högst %(max)s."
            )
            % {"lix": value, "band": lix_band(value), "max": LIX_WARNING_ABOVE},
        )
    return None


# -- Internal links ---------------------------------------------------------------------------------------------


def internal_path(href: str) -> str | None:
    """The site path of an internal link (``/amnen/nara-vard/``), or ``None`` for anything else."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    if is_external(href, internal_hosts()):
        return None  # read as browsers read it: "/\\host/" leaves the site, as the link marker says
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme or href.startswith("//"):
        if parts.scheme not in {"http", "https", ""} or not parts.hostname:
            return None
        host = parts.hostname.lower()
        if not any(host == h or host.endswith("." + h) for h in internal_hosts()):
            return None
    path = unquote(parts.path)
    return path if path.startswith("/") else None


def link_target_problem(path: str, at) -> str | None:
    """``"missing"``, ``"unpublished"`` (not live at ``at``) or ``None`` when the target is fine."""
    from django.core.files.storage import default_storage

    from vastkom.core.publishing import PublishableModel, published_q

    if path.startswith(settings.STATIC_URL):
        return None
    if path.startswith(settings.MEDIA_URL):
        name = path[len(settings.MEDIA_URL) :]
        return None if name and default_storage.exists(name) else "missing"
    match = None
    for candidate in (path, path + "/") if not path.endswith("/") else (path,):
        try:
            match = resolve(candidate)
            break
        except Resolver404:
            continue
    if match is None:
        return "missing"
    view_class = getattr(match.func, "view_class", None)
    model = getattr(view_class, "model", None)
    if model is None:
        return None
    if "pk" in match.kwargs:
        lookup = {"pk": match.kwargs["pk"]}
    elif "slug" in match.kwargs:
        lookup = {getattr(view_class, "slug_field", "slug") or "slug": match.kwargs["slug"]}
    else:
        return None
    queryset = model._default_manager.filter(**lookup)
    if issubclass(model, PublishableModel):
        found = list(queryset.values_list("pk", flat=True)[:1])
        if not found:
            return "missing"
        return None if queryset.filter(published_q(at)).exists() else "unpublished"
    return None if queryset.exists() else "missing"


# -- Running the rules -----------------------------------------------------------------------------------------


def text_blocks(text: str) -> list[str]:
    return [b for b in (line.strip() for line in text.split("\n")) if b]


def check_fields(
    *,
    rich: dict[str, str],
    plain: dict[str, str] | None = None,
    lead_fields=(),
    publish_at=None,
    own_path: str = "",
    link_cache: dict | None = None,
) -> Report:
    """Every rule over ``rich`` (field -> HTML, cleaned here) and ``plain`` (field -> text)."""
    now = timezone.now()
    at = max(publish_at, now) if publish_at else now
    cache = {} if link_cache is None else link_cache
    report = Report()
    body_blocks = []
    for name, value in rich.items():
        ctx = Context(field=name, publish_at=at, own_path=own_path, link_cache=cache)
        tree = parse(clean_html(value or ""))
        for rule in HTML_RULES:
            report.issues.extend(rule(tree, ctx))
        blocks = text_blocks(tree.text())
        body_blocks += blocks
        for rule in TEXT_RULES:
            report.issues.extend(rule(blocks, ctx))
        value_lix = lix(blocks)
        issue = readability_issue(value_lix, ctx)
        if issue:
            report.issues.append(issue)
    for name, value in (plain or {}).items():
        ctx = Context(field=name, publish_at=at, own_path=own_path, link_cache=cache)
        blocks = text_blocks(value or "")
        for rule in TEXT_RULES:
            report.issues.extend(rule(blocks, ctx))
        if name in lead_fields:
            for rule in LEAD_RULES:
                report.issues.extend(rule(value or "", ctx))
    body_lix = lix(body_blocks)
    if body_lix is not None:
        report.figures = {"lix": body_lix, "lix_band": lix_band(body_lix)}
    return report


def check_object(obj, *, at=None, link_cache=None) -> Report:
    """``check_fields`` for a model instance that declares its ``QUALITY_*_FIELDS``."""
    own_path = ""
    if obj.pk and hasattr(obj, "get_absolute_url"):
        try:
            own_path = obj.get_absolute_url()
        except Exception:  # noqa: BLE001 - a row without a usable slug has no own address
            own_path = ""
    return check_fields(
        rich={f: getattr(obj, f) for f in obj.QUALITY_RICH_FIELDS},
        plain={f: getattr(obj, f) for f in obj.QUALITY_LEAD_FIELDS},
        lead_fields=obj.QUALITY_LEAD_FIELDS,
        publish_at=at or getattr(obj, "publish_at", None),
        own_path=own_path,
        link_cache=link_cache,
    )


class QualityCheckedModel(models.Model):
    """Opt-in for content types: the last check's summary on the row (for the list and filter).

    ``QUALITY_RICH_FIELDS`` are checked as HTML, ``QUALITY_LEAD_FIELDS`` as the lead. The
    summary is written by ``save()`` (this row only) and refreshed by ``content_check``.
    """

    quality_errors = models.PositiveSmallIntegerField(gettext_lazy("fel"), default=0, editable=False)
    quality_warnings = models.PositiveSmallIntegerField(gettext_lazy("varningar"), default=0, editable=False)
    quality_summary = models.JSONField(gettext_lazy("kvalitetskontroll"), default=dict, blank=True, editable=False)

    QUALITY_RICH_FIELDS: tuple[str, ...] = ("body",)
    QUALITY_LEAD_FIELDS: tuple[str, ...] = ()
    QUALITY_SUMMARY_FIELDS = ("quality_errors", "quality_warnings", "quality_summary")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        checked = {*self.QUALITY_RICH_FIELDS, *self.QUALITY_LEAD_FIELDS, "publish_at"}
        if update_fields is None or checked & set(update_fields):
            self.apply_quality_report(check_object(self))
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *self.QUALITY_SUMMARY_FIELDS}
        super().save(*args, **kwargs)

    def apply_quality_report(self, report: Report) -> bool:
        """Put ``report``'s summary on the instance; whether anything changed."""
        values = {
            "quality_errors": len(report.errors),
            "quality_warnings": len(report.warnings),
            "quality_summary": report.summary(),
        }
        changed = any(getattr(self, k) != v for k, v in values.items())
        for name, value in values.items():
            setattr(self, name, value)
        return changed
