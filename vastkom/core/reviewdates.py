"""Review dates: every page someone must look at again by a date ("Granskas senast").

A content type opts in with ``ReviewableModel`` (topic pages do): a date and an owner. Each
substantive save through the admin moves the date to 12 months ahead unless the editor chose
one (``ReviewAdminMixin``). The admin lists overdue pages (a column and a filter). Once a
week ``review_reminders_send`` e-mails each owner their overdue published pages, and the
fallback address (``REVIEW_FALLBACK_EMAIL``) the pages whose owner is missing or inactive.
The public sees none of it.
"""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 30


def default_review_date() -> dt.date:
    """Twelve months from today (29 February: 28 February): when a page saved now is due."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


class ReviewableModel(models.Model):
    """A review date and the person who answers for it."""

    review_by = models.DateField(
        gettext_lazy("granskas senast"),
        default=default_review_date,
        help_text=gettext_lazy(
            "När sidan senast ska ses över. Flyttas 12 månader fram vid varje ändring som inte är en mindre ändring."
        ),
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("ansvarig för granskningen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Får en påminnelse per e-post när sidan ska ses över."),
    )

    class Meta:
        abstract = True

    @property
    def review_overdue(self) -> bool:
        return self.review_by < timezone.localdate()


def reviewable_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, ReviewableModel)]


def overdue_q(today=None) -> models.Q:
    return models.Q(review_by__lt=today or timezone.localdate())


class ReviewDueFilter(admin.SimpleListFilter):
    title = gettext_lazy("granskning")
    parameter_name = "granskning"

    def lookups(self, request, model_admin):
        return [("forsenad", _("Försenad")), ("snart", _("Inom 30 dagar"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "forsenad":
            return queryset.filter(overdue_q(today))
        if self.value() == "snart":
            return queryset.filter(review_by__gte=today, review_by__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
        return queryset


class ReviewAdminMixin:
    """The admin side: an owner among the staff, the column, the filter, the date's default."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "review_owner":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"review_owner": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        # A substantive save restarts the twelve months, unless the editor chose the date.
        minor = form.cleaned_data.get("minor_change", False)
        if "review_by" in form.fields and not minor and "review_by" not in form.changed_data:
            obj.review_by = default_review_date()
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("granskas senast"), ordering="review_by")
    def review_label(self, obj):
        when = date_format(obj.review_by, "j M Y")
        if obj.review_overdue:
            return format_html('<strong class="review-overdue">{} ({})</strong>', when, _("försenad"))
        return when


@dataclass
class ReminderReport:
    owners: int = 0
    pages: int = 0
    fallback_pages: int = 0
    unsent_pages: int = 0
    recipients: list[str] = field(default_factory=list)


def overdue_pages(today=None) -> list:
    """Every overdue page the public sees, with its owner; one query per content type."""
    today = today or timezone.localdate()
    pages = []
    for model in reviewable_models():
        queryset = model._default_manager.filter(overdue_q(today)).select_related("review_owner")
        if hasattr(queryset, "published"):
            queryset = queryset.published()
        pages.extend(queryset.order_by("review_by", "pk"))
    return pages


def admin_url(obj) -> str:
    opts = obj._meta
    try:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""
    return settings.SITE_URL + path


def review_reminders_send(*, today=None) -> ReminderReport:
    """E-mail each owner their overdue pages; the fallback address gets the pages without one."""
    today = today or timezone.localdate()
    by_owner, orphans = defaultdict(list), []
    for page in overdue_pages(today):
        owner = page.review_owner
        if owner is not None and owner.is_active and owner.email:
            by_owner[owner].append(page)
        else:
            orphans.append(page)
    report = ReminderReport()
    messages = []
    for owner, pages in sorted(by_owner.items(), key=lambda item: item[0].pk):
        messages.append(reminder_message(to=owner.email, name=owner.get_full_name() or owner.username, pages=pages))
        report.owners += 1
        report.pages += len(pages)
        report.recipients.append(owner.email)
    fallback = getattr(settings, "REVIEW_FALLBACK_EMAIL", "")
    if orphans and fallback:
        messages.append(reminder_message(to=fallback, name="", pages=orphans, orphans=True))
        report.fallback_pages = len(orphans)
        report.recipients.append(fallback)
    elif orphans:
        report.unsent_pages = len(orphans)
        logger.warning(
            "%d overdue pages have no active owner and DJANGO_REVIEW_FALLBACK_EMAIL is not set", len(orphans)
        )
    if messages:
        get_connection().send_messages(messages)
    return report


def reminder_message(*, to: str, name: str, pages: list, orphans: bool = False) -> EmailMessage:
    context = {
        "name": name,
        "orphans": orphans,
        "pages": [
            {
                "title": str(page),
                "kind": page._meta.verbose_name,
                "review_by": date_format(page.review_by, "j F Y"),
                "owner": (page.review_owner.get_full_name() or page.review_owner.username) if page.review_owner else "",
                "admin_url": admin_url(page),
                "public_url": settings.SITE_URL + page.get_absolute_url(),
            }
            for page in pages
        ],
    }
    subject = (
        _("Sidor utan ansvarig som ska ses över (%(n)d)") % {"n": len(pages)}
        if orphans
        else _("Dina sidor som ska ses över (%(n)d)") % {"n": len(pages)}
    )
    body = render_to_string("core/email/review_reminder.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])
