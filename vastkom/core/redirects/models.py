"""One old address and where it leads now."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Redirect(models.Model):
    old_path = models.CharField(
        _("gammal adress"),
        max_length=300,
        help_text=_("Sökvägen som ska leda vidare, t.ex. /nyheter/gammal-rubrik/."),
    )
    new_path = models.CharField(
        _("ny adress"),
        max_length=500,
        help_text=_("En sökväg på webbplatsen (/nyheter/ny-rubrik/) eller en fullständig https-adress."),
    )
    automatic = models.BooleanField(
        _("skapad automatiskt"),
        default=False,
        editable=False,
        help_text=_("Skapades när en publicerad sida fick en ny adress."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("omdirigering")
        verbose_name_plural = _("omdirigeringar")
        constraints = [
            models.UniqueConstraint(
                fields=["old_path"],
                name="redirect_old_path_unique",
                violation_error_message=_("Det finns redan en omdirigering från den adressen."),
            ),
            models.CheckConstraint(
                condition=~Q(old_path=F("new_path")),
                name="redirect_not_to_itself",
                violation_error_message=_("En adress kan inte leda till sig själv."),
            ),
            models.CheckConstraint(
                condition=Q(old_path__startswith="/") & ~Q(old_path__startswith="//"),
                name="redirect_old_path_is_local",
                violation_error_message=_("Den gamla adressen måste vara en sökväg på webbplatsen."),
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
