"""The admin's start page: what needs the editor's attention, one database query per panel.

Panels: my drafts, ready for review, scheduled in the next 14 days, recently published,
overdue reviews, pages without an active contact, failed e-mails (for those who may see the
outbox) and subscriber counts per topic (numbers only, never addresses). Panels that cover
news and topic pages read both in one ``UNION`` query, so the page costs the same number of
queries whatever the number of items (tests/vastkom/test_dashboard.py).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.models import Article
from subscriptions.models import Notice, NoticeStatus, State, Subscriber
from topics.models import Topic
from vastkom.core.drafts import DraftState
from vastkom.core.publishing import Status, published_q

PANEL_SIZE = 8
SCHEDULED_DAYS = 14
CONTENT = {"article": Article, "topic": Topic}


@dataclass
class Row:
    title: str
    url: str
    kind: str = ""
    when: dt.datetime | dt.date | None = None
    note: str = ""
    comment: str = ""

    @property
    def when_label(self) -> str:
        if isinstance(self.when, dt.datetime):
            return date_format(timezone.localtime(self.when), "j F Y H:i")
        if isinstance(self.when, dt.date):
            return date_format(self.when, "j F Y")
        return ""

    @property
    def meta(self) -> list[str]:
        return [part for part in (self.kind, self.when_label, self.note) if part]


@dataclass
class Panel:
    key: str
    title: str
    empty: str
    rows: list[Row] = field(default_factory=list)
    more: bool = False  # there are more rows than shown
    links: list[tuple[str, str]] = field(default_factory=list)


def change_url(kind: str, pk: int) -> str:
    model = CONTENT[kind]
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])


def list_url(kind: str, **params) -> str:
    model = CONTENT[kind]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def person(prefix: str):
    """A user's name as editors know them: "Förnamn Efternamn", else the username."""
    full = Concat(F(f"{prefix}__first_name"), Value(" "), F(f"{prefix}__last_name"), output_field=CharField())
    return NullIf(Coalesce(NullIf(full, Value(" ")), F(f"{prefix}__username")), Value(""))


def content_union(condition, *, when, note=None, comment=None, order="-when", querysets=None):
    """One query over news and topic pages: rows with kind, pk, title, when, note, comment.

    ``condition`` filters each model; ``when``, ``note`` and ``comment`` are expressions
    (or ``None``) evaluated on each model. Ordered by ``order``, cut after one extra row.
    """
    parts = []
    for kind, model in CONTENT.items():
        queryset = (querysets or {}).get(kind, model.objects.all())
        parts.append(
            queryset.filter(condition)
            .order_by()
            .annotate(
                row_kind=Value(kind, output_field=CharField()),
                row_pk=F("pk"),
                row_title=F("title"),
                when=when,
                row_note=note if note is not None else Value("", output_field=CharField()),
                row_comment=comment if comment is not None else Value("", output_field=TextField()),
            )
            .values("row_kind", "row_pk", "row_title", "when", "row_note", "row_comment")
        )
    first, *rest = parts
    return list(first.union(*rest, all=True).order_by(order)[: PANEL_SIZE + 1])


def to_panel(panel: Panel, rows: list[dict], kind_labels: dict) -> Panel:
    panel.more = len(rows) > PANEL_SIZE
    panel.rows = [
        Row(
            title=row["row_title"],
            url=change_url(row["row_kind"], row["row_pk"]),
            kind=kind_labels[row["row_kind"]],
            when=row["when"],
            note=row["row_note"] or "",
            comment=row["row_comment"] or "",
        )
        for row in rows[:PANEL_SIZE]
    ]
    return panel


def dashboard_panels(*, user, now=None) -> list[Panel]:
    now = now or timezone.now()
    kinds = {"article": _("Nyhet"), "topic": _("Ämnessida")}
    pending_when = Coalesce(F("pending_drafts__updated_at"), F("updated_at"), output_field=DateTimeField())
    panels = []

    mine = content_union(
        Q(status__in=[Status.DRAFT, Status.REVIEW], created_by=user) | Q(pending_drafts__author=user),
        when=pending_when,
        # A pending draft is a change to a published page: say so.
        note=Case(
            When(pending_drafts__isnull=False, then=Concat(Value("pending-"), F("pending_drafts__state"))),
            default=F("status"),
            output_field=CharField(),
        ),
        comment=Coalesce(
            NullIf(F("pending_drafts__comment"), Value("")), F("review_comment"), output_field=TextField()
        ),
    )
    states = {
        Status.DRAFT: _("utkast"),
        Status.REVIEW: _("klar för granskning"),
        f"pending-{DraftState.DRAFT}": _("ändringar i utkast"),
        f"pending-{DraftState.REVIEW}": _("ändringar klara för granskning"),
    }
    for row in mine:
        row["row_note"] = states.get(row["row_note"], "")
    panels.append(to_panel(Panel("mine", _("Mina utkast"), _("Du har inga utkast.")), mine, kinds))

    review = content_union(
        Q(status=Status.REVIEW) | Q(pending_drafts__state=DraftState.REVIEW),
        when=pending_when,
        note=Coalesce(person("pending_drafts__author"), person("created_by"), Value(""), output_field=CharField()),
    )
    panel = to_panel(Panel("review", _("Klara för granskning"), _("Inget väntar på granskning.")), review, kinds)
    panel.links = [
        (_("Nyheter"), list_url("article", synlighet="review")),
        (_("Ämnessidor"), list_url("topic", synlighet="review")),
    ]
    panels.append(panel)

    scheduled = content_union(
        Q(status=Status.PUBLISHED, publish_at__gt=now, publish_at__lte=now + dt.timedelta(days=SCHEDULED_DAYS)),
        when=F("publish_at"),
        order="when",
    )
    panel = to_panel(
        Panel("scheduled", _("Schemalagt de närmaste 14 dagarna"), _("Inget är schemalagt.")), scheduled, kinds
    )
    panel.links = [(_("Nyheter"), list_url("article", synlighet="scheduled"))]
    panels.append(panel)

    recent = content_union(published_q(now), when=F("publish_at"))
    panels.append(to_panel(Panel("recent", _("Senast publicerat"), _("Inget är publicerat ännu.")), recent, kinds))

    overdue = list(
        Topic.objects.published(now)
        .filter(review_by__lt=timezone.localdate(now))
        .annotate(owner_name=person("review_owner"))
        .order_by("review_by", "pk")
        .values("pk", "title", "review_by", "owner_name")[: PANEL_SIZE + 1]
    )
    panel = Panel("overdue", _("Försenad granskning"), _("Inga sidor är försenade."), more=len(overdue) > PANEL_SIZE)
    panel.rows = [
        Row(
            title=row["title"],
            url=change_url("topic", row["pk"]),
            kind=kinds["topic"],
            when=row["review_by"],
            note=(_("ansvarig: %(name)s") % {"name": row["owner_name"]}) if row["owner_name"] else _("ingen ansvarig"),
        )
        for row in overdue[:PANEL_SIZE]
    ]
    panel.links = [(_("Alla försenade"), list_url("topic", granskning="forsenad"))]
    panels.append(panel)

    panels.append(pages_without_contact(now=now, kinds=kinds))

    if user.has_perm("subscriptions.view_notice"):
        panels.append(failed_emails())
    panels.append(subscriber_counts())
    return panels


def pages_without_contact(*, now, kinds) -> Panel:
    """Published topic pages with no active contact, and news whose contacts have all left."""
    topic_links = Topic.contacts.through.objects.filter(topic_id=OuterRef("pk"))
    article_links = Article.contacts.through.objects.filter(article_id=OuterRef("pk"))
    rows = content_union(
        Q(),
        when=F("publish_at"),
        querysets={
            "topic": Topic.objects.published(now).filter(~Exists(topic_links.filter(contactperson__active=True))),
            "article": Article.objects.published(now).filter(
                Exists(article_links), ~Exists(article_links.filter(contactperson__active=True))
            ),
        },
    )
    return to_panel(
        Panel("no-contact", _("Sidor utan aktiv kontaktperson"), _("Alla sidor har en aktiv kontaktperson.")),
        rows,
        kinds,
    )


def failed_emails() -> Panel:
    rows = list(
        Notice.objects.filter(status=NoticeStatus.FAILED)
        .values("kind", "article_id", "article__title", "week")
        .annotate(failed=Count("pk"), latest=Max("created_at"))
        .order_by("-latest")[: PANEL_SIZE + 1]
    )
    outbox = reverse("admin:subscriptions_notice_changelist")
    panel = Panel("failed", _("Misslyckade utskick"), _("Inga utskick har misslyckats."), more=len(rows) > PANEL_SIZE)
    for row in rows[:PANEL_SIZE]:
        if row["article_id"]:
            title = row["article__title"]
            url = (
                f"{outbox}?{urlencode({'status__exact': NoticeStatus.FAILED, 'article__id__exact': row['article_id']})}"
            )
        else:
            title = _("Veckosammanfattning %(week)s") % {"week": row["week"]}
            url = f"{outbox}?{urlencode({'status__exact': NoticeStatus.FAILED, 'kind__exact': row['kind']})}"
        n = row["failed"]
        panel.rows.append(Row(title=title, url=url, when=row["latest"], note=_("%(n)d brev") % {"n": n}))
    panel.links = [(_("Utkorgen"), f"{outbox}?{urlencode({'status__exact': NoticeStatus.FAILED})}")]
    return panel


def subscriber_counts() -> Panel:
    """Confirmed subscribers per topic and of all news: numbers only."""
    confirmed = Subscriber.objects.filter(state=State.CONFIRMED)
    all_news = confirmed.filter(follows_all=True).order_by().values("state").annotate(n=Count("pk")).values("n")
    rows = list(
        Topic.objects.annotate(
            n=Count("subscribers", filter=Q(subscribers__state=State.CONFIRMED)),
            all_news=Coalesce(Subquery(all_news, output_field=IntegerField()), 0),
        )
        .order_by("-n", "title")
        .values("title", "n", "all_news")
    )
    panel = Panel("subscribers", _("Prenumeranter per ämne"), _("Inga bekräftade prenumeranter ännu."))
    if rows and rows[0]["all_news"]:
        panel.rows.append(Row(title=_("Alla nyheter"), url="", note=str(rows[0]["all_news"])))
    panel.rows += [Row(title=row["title"], url="", note=str(row["n"])) for row in rows if row["n"]]
    return panel
