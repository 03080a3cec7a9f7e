"""The one table history adds beside django-reversion's: which revisions are not live."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision


class PendingRevision(models.Model):
    """Marks a revision whose versions hold pending changes (``drafts.working_copy``): what an
    editor saved for review, not what the public saw. Its presence is the mark; restoring such
    a version gives the pending changes back, never a live save (``services.restore_target``)."""

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, primary_key=True, related_name="pending", verbose_name=_("revision")
    )

    class Meta:
        ordering = ["-revision"]
        verbose_name = _("väntande version")
        verbose_name_plural = _("väntande versioner")

    def __str__(self):
        return str(_("Väntande ändringar %(date)s") % {"date": self.revision.date_created})
