"""A preview link: who made it for which item, until when, and whether it was revoked."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SIGNING_SALT = "vastkom.core.previews"


class PreviewLinkState(models.TextChoices):
    ACTIVE = "active", _("Giltig")
    EXPIRED = "expired", _("Har gått ut")
    REVOKED = "revoked", _("Återkallad")


class PreviewLinkQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def active(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class PreviewLink(models.Model):
    content_type = models.ForeignKey(ContentType, verbose_name=_("innehållstyp"), on_delete=models.CASCADE)
    object_id = models.BigIntegerField(_("id"))
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("sida"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("förhandsvisningslänk")
        verbose_name_plural = _("förhandsvisningslänkar")
        indexes = [models.Index(fields=["content_type", "object_id"], name="previewlink_object_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="previewlink_expires_after_created"
            )
        ]

    def __str__(self):
        return f"{self.object_repr} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("preview-link", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """The signed id in the address: the same every time, so the list can show it again."""
        return signing.Signer(salt=SIGNING_SALT).sign(str(self.pk))

    @classmethod
    def id_from_token(cls, token: str) -> int | None:
        try:
            return int(signing.Signer(salt=SIGNING_SALT).unsign(token))
        except (signing.BadSignature, ValueError):
            return None

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return PreviewLinkState.REVOKED
        if self.expires_at <= timezone.now():
            return PreviewLinkState.EXPIRED
        return PreviewLinkState.ACTIVE

    def get_state_display(self) -> str:
        return PreviewLinkState(self.state).label

    @property
    def is_active(self) -> bool:
        return self.state == PreviewLinkState.ACTIVE
