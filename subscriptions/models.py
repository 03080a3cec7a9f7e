import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from topics.models import Topic
from vastkom.core.controlchars import CleanTextMixin


def new_key() -> str:
    return secrets.token_urlsafe(12)


class State(models.TextChoices):
    PENDING = "pending", _("Väntar på bekräftelse")
    CONFIRMED = "confirmed", _("Bekräftad")
    UNSUBSCRIBED = "unsubscribed", _("Avslutad")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Varje nyhet när den publiceras")
    WEEKLY = "weekly", _("En sammanfattning per vecka")


class ConsentMethod(models.TextChoices):
    WEB_FORM = "web-form", _("Webbformulär")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=State.CONFIRMED)

    def following(self, topic_ids):
        """Subscribers of all news, or of at least one of ``topic_ids`` (no duplicates)."""
        ids = list(topic_ids)
        following_topic = Q(pk__in=SubscriberTopic.objects.filter(topic_id__in=ids).values("subscriber_id"))
        return self.filter(Q(follows_all=True) | following_topic) if ids else self.filter(follows_all=True)


class Subscriber(CleanTextMixin, models.Model):
    """One e-mail address and what it follows. The address exists once, whatever its case."""

    email = models.EmailField(_("e-postadress"), max_length=254)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PENDING)
    follows_all = models.BooleanField(_("alla nyheter"), default=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("ämnen"), blank=True, through="SubscriberTopic", related_name="subscribers"
    )
    frequency = models.CharField(_("hur ofta"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    confirm_nonce = models.CharField(
        _("bekräftelsenyckel"),
        max_length=32,
        blank=True,
        default=new_key,
        editable=False,
        help_text=_("Tom när länken har använts: samma länk fungerar bara en gång."),
    )
    manage_key = models.CharField(_("hanteringsnyckel"), max_length=32, default=new_key, editable=False)
    requested_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    consent_version = models.CharField(_("samtyckestextens version"), max_length=20, blank=True)
    consent_text = models.TextField(_("samtyckestext"), blank=True)
    consent_method = models.CharField(
        _("samtycke lämnat via"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    consent_at = models.DateTimeField(_("samtycke lämnat"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="subscriber_email_ci_unique",
                violation_error_message=_("Adressen finns redan."),
            ),
            models.CheckConstraint(
                condition=~Q(state="confirmed") | Q(confirmed_at__isnull=False, consent_at__isnull=False),
                name="subscriber_confirmed_has_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "frequency"], name="subscriber_state_freq_idx"),
            models.Index(fields=["state", "requested_at"], name="subscriber_state_req_idx"),
        ]

    def __str__(self):
        from subscriptions.privacy import mask_email

        return mask_email(self.email)


class SubscriberTopic(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, verbose_name=_("prenumerant"))
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, verbose_name=_("ämne"))

    class Meta:
        ordering = ["subscriber", "topic"]
        verbose_name = _("följt ämne")
        verbose_name_plural = _("följda ämnen")
        constraints = [models.UniqueConstraint(fields=["subscriber", "topic"], name="subscriber_topic_unique")]
        indexes = [models.Index(fields=["topic", "subscriber"], name="subscriber_topic_topic_idx")]

    def __str__(self):
        return f"{self.subscriber} – {self.topic}"


class Dispatch(models.Model):
    """That an article's notices have been queued ("fanned out"): one row per article, once.

    The row is written when fan-out starts; ``fanned_out_at`` when every subscriber has a
    notice in the outbox. A later save of the article never fans it out again.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, verbose_name=_("nyhet"), related_name="dispatch")
    started_at = models.DateTimeField(_("påbörjat"), default=timezone.now)
    fanned_out_at = models.DateTimeField(_("alla köade"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")

    def __str__(self):
        return str(self.article)


class NoticeKind(models.TextChoices):
    ARTICLE = "article", _("Nyhet")
    DIGEST = "digest", _("Veckosammanfattning")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickad")
    FAILED = "failed", _("Misslyckad")
    CANCELLED = "cancelled", _("Inte skickad")


class Notice(models.Model):
    """The outbox: one e-mail to one subscriber, about one article or one week.

    The unique constraints make a second fan-out harmless; the status, claimed under a
    row lock, makes two workers never send the same row.
    """

    kind = models.CharField(_("typ"), max_length=10, choices=NoticeKind.choices, default=NoticeKind.ARTICLE)
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, verbose_name=_("prenumerant"), related_name="notices"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("nyhet"), related_name="notices"
    )
    week = models.DateField(_("vecka (måndag)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    next_attempt_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    claimed_until = models.DateTimeField(_("reserverad till"), null=True, blank=True)
    claimed_by = models.CharField(_("reserverad av"), max_length=100, blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)
    created_at = models.DateTimeField(_("köad"), default=timezone.now)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("utskick till prenumerant")
        verbose_name_plural = _("utkorg")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "subscriber"],
                condition=Q(kind="article"),
                name="notice_article_subscriber_unique",
            ),
            models.UniqueConstraint(
                fields=["week", "subscriber"],
                condition=Q(kind="digest"),
                name="notice_week_subscriber_unique",
            ),
            models.CheckConstraint(
                condition=(Q(kind="article", article__isnull=False, week__isnull=True))
                | Q(kind="digest", article__isnull=True, week__isnull=False),
                name="notice_kind_matches_target",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notice_due_idx"),
            models.Index(fields=["article", "status"], name="notice_article_status_idx"),
        ]

    def __str__(self):
        target = self.article if self.kind == NoticeKind.ARTICLE else self.week
        return f"{target} → {self.subscriber}"
