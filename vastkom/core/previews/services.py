"""Making and revoking preview links, and what a link may show."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vastkom.core.drafts import has_pending_changes
from vastkom.core.previews.models import PreviewLink

LIFETIME_OPTIONS_DAYS = (1, 3, 7, 14, 30)


def default_lifetime_days() -> int:
    return settings.PREVIEW_LINK_DAYS


def lifetime_choices() -> list[tuple[int, str]]:
    """The lifetimes an editor may choose from; the setting's default is always one of them."""
    days = sorted({*LIFETIME_OPTIONS_DAYS, default_lifetime_days()})
    return [(d, ngettext("%(n)d dag", "%(n)d dagar", d) % {"n": d}) for d in days]


def preview_is_useful(obj) -> bool:
    """A preview shows something the public cannot see: an unpublished or scheduled item, or a
    published one with changes saved since."""
    return not obj.is_published or has_pending_changes(obj)


def preview_link_create(*, obj, user, days: int | None = None) -> PreviewLink:
    days = default_lifetime_days() if days is None else days
    if days not in dict(lifetime_choices()):
        raise ValidationError(_("Välj hur länge länken ska gälla."), code="lifetime")
    if not preview_is_useful(obj):
        raise ValidationError(
            _("Sidan är publicerad och har inga ändringar som väntar. Dela den vanliga adressen i stället."),
            code="not_needed",
        )
    now = timezone.now()
    return PreviewLink.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        created_by=user,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )


def preview_link_revoke(*, link: PreviewLink) -> PreviewLink:
    """Revoke ``link`` now (a second revoke changes nothing)."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link
