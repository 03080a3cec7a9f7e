"""Site-wide content that belongs to no app: the accessibility statement."""

import datetime as dt

from axes.models import AccessAttempt
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vastkom.core.controlchars import CleanTextMixin
from vastkom.core.editor.fields import RichTextField

DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"


class Compliance(models.TextChoices):
    """How well the site meets the law (DOS-lagen), in DIGG's wording."""

    FULL = "full", _("helt förenlig")
    PARTIAL = "partial", _("delvis förenlig")
    NONE = "none", _("inte förenlig")


DEFAULTS = {
    "organisation": "VästKom",
    "compliance": Compliance.PARTIAL,
    "compliance_details": (
        "<p>Webbplatsen är byggd för att följa WCAG 2.1 på nivå AA. Varje sidtyp testas automatiskt "
        "i en riktig webbläsare med verktyget axe-core, med tangentbord och i 320 pixlars bredd.</p>"
    ),
    "shortcomings": (
        "<p>Vi känner till följande brister:</p>"
        "<ul><li>Äldre nyheter kan ha bilder med bristfälliga alternativtexter.</li>"
        "<li>Dokument i pdf-format som länkas från webbplatsen är inte alltid tillgängliga.</li></ul>"
    ),
    "feedback_email": "info@vastkom.se",
    "feedback_phone": "",
    "feedback_details": (
        "<p>Om du upptäcker problem som inte är beskrivna på den här sidan, eller om du behöver "
        "innehåll i ett annat format, hör av dig till oss. Vi svarar inom två arbetsdagar.</p>"
    ),
    "assessment_method": "<p>VästKom har gjort en självskattning (intern testning) av webbplatsen.</p>",
}


class AccessibilityStatement(CleanTextMixin, models.Model):
    """The "Tillgänglighetsredogörelse" DIGG requires; one row, kept current by the editors."""

    organisation = models.CharField(_("organisation"), max_length=160, default="VästKom")
    compliance = models.CharField(
        _("förenlighet med lagen"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Hur väl webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service."),
    )
    compliance_details = RichTextField(
        _("hur tillgänglig webbplatsen är"), blank=True, help_text=_("Vad som är gjort och hur det prövas.")
    )
    shortcomings = RichTextField(
        _("kända brister"), blank=True, help_text=_("Det som inte är tillgängligt, och när det ska vara åtgärdat.")
    )
    feedback_email = models.EmailField(_("e-post för att rapportera brister"))
    feedback_phone = models.CharField(_("telefon för att rapportera brister"), max_length=40, blank=True)
    feedback_details = RichTextField(_("så rapporterar du brister"), blank=True)
    assessment_method = RichTextField(_("hur vi har testat webbplatsen"), blank=True)
    assessed_on = models.DateField(_("senast bedömd"), default=dt.date.today)
    published_on = models.DateField(_("redogörelsen publicerades"), default=dt.date.today)
    updated_at = models.DateTimeField(_("senast uppdaterad"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelse")

    def __str__(self):
        return str(_("Tillgänglighetsredogörelse för %(org)s") % {"org": self.organisation})

    def get_absolute_url(self):
        return reverse("accessibility-statement")

    @classmethod
    def load(cls) -> "AccessibilityStatement":
        """The one statement; made with sensible default text the first time it is asked for."""
        statement = cls.objects.order_by("pk").first()
        if statement is None:
            today = timezone.localdate()
            statement, _created = cls.objects.get_or_create(
                pk=1, defaults={**DEFAULTS, "assessed_on": today, "published_on": today}
            )
        return statement

    @property
    def complaint_url(self) -> str:
        return DIGG_COMPLAINT_URL


class LoginLockout(AccessAttempt):
    """A failed-login record of django-axes, shown in Swedish so an administrator can unlock."""

    class Meta:
        proxy = True
        ordering = ["-attempt_time"]
        verbose_name = _("spärrad inloggning")
        verbose_name_plural = _("spärrade inloggningar")

    def __str__(self):
        return f"{self.username or '–'} ({self.ip_address or '–'})"
