"""The one publishing rule, shared by articles and topic pages.

What the public may see is ``published()``: status published, ``publish_at`` reached and
``unpublish_at`` (if any) not yet reached. It is a query, so scheduled content goes live
by itself; every view, menu, list, feed, sitemap, search and e-mail goes through it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where an item is in its life. Only ``PUBLISHED`` reaches the public (``published_q``).

    ``REVIEW`` is a draft its writer has handed over: "Klar för granskning". It is a status
    rather than a flag beside it, because an item is in exactly one of these states and a
    flag could contradict the status (a published item "ready for review"); changes to an
    item that is already published wait in a pending draft instead (``drafts.py``).
    """

    DRAFT = "draft", _("Utkast")
    REVIEW = "review", _("Klar för granskning")
    PUBLISHED = "published", _("Publicerad")


class Visibility(models.TextChoices):
    """What the public sees of an item right now (derived, for the admin)."""

    DRAFT = "draft", _("Utkast")
    REVIEW = "review", _("Klar för granskning")
    SCHEDULED = "scheduled", _("Schemalagd")
    LIVE = "live", _("Publicerad")
    EXPIRED = "expired", _("Avpublicerad")


def published_q(now=None, prefix=""):
    """The publishing rule as a ``Q``; ``prefix`` reaches it through a relation."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": now}) & (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    )


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_q(now))

    def visible_to(self, user):
        """Published items, and every item for an editor who may change them (preview)."""
        if user_can_preview(user, self.model):
            return self.all()
        return self.published()


def expired_q(now=None):
    """Items the public saw once and sees no more: ended (``unpublish_at`` passed) or taken back."""
    now = now or timezone.now()
    return Q(status=Status.PUBLISHED, unpublish_at__lte=now) | Q(status=Status.DRAFT, published_at__lte=now)


def user_can_preview(user, model) -> bool:
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class PublishableModel(models.Model):
    """Status, scheduling and the two dates readers see: "Publicerad" and "Uppdaterad"."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publiceras"),
        default=timezone.now,
        help_text=_("En tid i framtiden schemalägger publiceringen."),
    )
    unpublish_at = models.DateTimeField(
        _("avpubliceras"),
        null=True,
        blank=True,
        help_text=_("Valfritt: när sidan ska sluta visas för allmänheten."),
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("uppdaterad"), default=timezone.now, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(
        _("kommentar från granskningen"),
        blank=True,
        editable=False,
        help_text=_("Publicerarens kommentar när ett utkast skickas tillbaka till skribenten."),
    )
    # Changes to a published item that wait for review (one at most; see vastkom/core/drafts.py).
    pending_drafts = GenericRelation("core.PendingDraft")

    class Meta:
        abstract = True

    def save(self, *args, minor_change=False, **kwargs):
        """Keep the reader-facing dates right; touches only this row.

        ``published_at`` follows ``publish_at`` until the item has gone live, then stays.
        ``updated_at`` moves on every save except a minor change (a typo fix).
        """
        now = timezone.now()
        going_live = self.status == Status.PUBLISHED and (self.published_at is None or self.published_at > now)
        if going_live:
            self.published_at = self.publish_at
        if not minor_change or self._state.adding:
            self.updated_at = now
        if going_live and self.publish_at <= now:
            # The save that publishes is not an update after publication: no "Uppdaterad" for it.
            self.updated_at = self.publish_at
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "published_at", "updated_at"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {
                    "unpublish_at": ValidationError(
                        _("Avpubliceringen måste ligga efter publiceringen."), code="unpublish_before_publish"
                    )
                }
            )

    @property
    def visibility(self) -> str:
        now = timezone.now()
        if self.status == Status.REVIEW:
            return Visibility.REVIEW
        if self.status != Status.PUBLISHED:
            # Taken back after the public has seen it ("Avpublicera"): not a fresh draft.
            if self.published_at is not None and self.published_at <= now:
                return Visibility.EXPIRED
            return Visibility.DRAFT
        if self.publish_at > now:
            return Visibility.SCHEDULED
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return Visibility.EXPIRED
        return Visibility.LIVE

    def get_visibility_display(self) -> str:
        return Visibility(self.visibility).label

    @property
    def is_published(self) -> bool:
        """Mirrors ``published()`` for one object (the admin, templates)."""
        return self.visibility == Visibility.LIVE

    @property
    def shows_updated(self) -> bool:
        """Whether "Uppdaterad" is worth showing: a substantive edit after publication."""
        if self.published_at is None:
            return False
        return self.updated_at.date() > self.published_at.date() or (
            (self.updated_at - self.published_at).total_seconds() > 3600
        )


# Sitemap sections hold the items of one block of this many ids (vastkom/site/sitemaps.py).
SITEMAP_BLOCK = 2000


def publishing_indexes(prefix: str):
    return [
        models.Index(fields=["status", "publish_at"], name=f"{prefix}_status_publish_idx"),
        # The latest change in each sitemap block is one index probe per block, not a scan.
        models.Index(F("id") / SITEMAP_BLOCK, F("updated_at").desc(), name=f"{prefix}_sitemap_block_idx"),
    ]


def publishing_constraints(prefix: str):
    return [
        models.CheckConstraint(
            condition=Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=F("publish_at")),
            name=f"{prefix}_unpublish_after_publish",
            violation_error_message=_("Avpubliceringen måste ligga efter publiceringen."),
        )
    ]
