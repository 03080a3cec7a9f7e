import csv
import json

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from subscriptions import services
from subscriptions.models import Dispatch, Notice, NoticeStatus, State, Subscriber, SubscriberTopic
from topics.models import Topic


class SubscriberTopicInline(admin.TabularInline):
    model = SubscriberTopic
    extra = 0
    autocomplete_fields = ("topic",)


# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text: a leading apostrophe before a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "state", "followed", "frequency", "requested_at", "confirmed_at", "unsubscribed_at")
    list_filter = ("state", "frequency", "follows_all", "topics")
    search_fields = ("email",)
    date_hierarchy = "requested_at"
    inlines = (SubscriberTopicInline,)
    actions = ("export_csv", "export_personal_data", "erase_selected")
    change_list_template = "subscriptions/admin/subscriber_change_list.html"
    readonly_fields = (
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_version",
        "consent_text",
        "consent_method",
        "consent_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("email", "state", "follows_all", "frequency")}),
        (_("Datum"), {"fields": ("requested_at", "confirmed_at", "unsubscribed_at", "updated_at")}),
        (
            _("Samtycke"),
            {"classes": ("collapse",), "fields": ("consent_version", "consent_method", "consent_at", "consent_text")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # erase_selected does it, through the service
        return actions

    @admin.display(description=_("följer"))
    def followed(self, obj):
        if obj.follows_all:
            return _("Alla nyheter")
        return ", ".join(t.title for t in obj.topics.all()) or "–"

    def changelist_view(self, request, extra_context=None):
        confirmed = Q(subscribers__state=State.CONFIRMED)
        extra_context = {
            **(extra_context or {}),
            "topic_counts": Topic.objects.annotate(n=Count("subscribers", filter=confirmed))
            .filter(n__gt=0)
            .order_by("-n", "title"),
            "all_news_count": Subscriber.objects.confirmed().filter(follows_all=True).count(),
            "state_counts": Subscriber.objects.values("state").annotate(n=Count("pk")).order_by("state"),
        }
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Exportera markerade som CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        writer = csv.writer(_Echo())
        header = [
            "e-post",
            "status",
            "alla nyheter",
            "ämnen",
            "hur ofta",
            "anmäld",
            "bekräftad",
            "avslutad",
            "samtyckesversion",
        ]

        def rows():
            yield writer.writerow(header)
            for s in queryset.order_by("pk").prefetch_related("topics").iterator(chunk_size=2000):
                row = [
                    s.email,
                    s.get_state_display(),
                    "ja" if s.follows_all else "nej",
                    "; ".join(t.title for t in s.topics.all()),
                    s.get_frequency_display(),
                    s.requested_at.isoformat(),
                    s.confirmed_at.isoformat() if s.confirmed_at else "",
                    s.unsubscribed_at.isoformat() if s.unsubscribed_at else "",
                    s.consent_version,
                ]
                yield writer.writerow([csv_cell(cell) for cell in row])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="prenumeranter-{timezone.localdate()}.csv"'
        return response

    @admin.action(description=_("Exportera personuppgifter (JSON) för markerade"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        data = [services.subscriber_export(subscriber=s) for s in queryset.order_by("pk")]
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="personuppgifter-{timezone.localdate()}.json"'
        return response

    @admin.action(description=_("Radera markerade helt (alla uppgifter)"), permissions=["delete"])
    def erase_selected(self, request, queryset):
        count = 0
        for subscriber in queryset:
            services.subscriber_erase(subscriber=subscriber)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d prenumerant raderad.", "%(n)d prenumeranter raderade.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "attempts", "next_attempt_at", "sent_at", "short_error")
    list_filter = ("status", "kind")
    search_fields = ("article__title", "subscriber__email")
    date_hierarchy = "created_at"
    list_select_related = ("article", "subscriber")
    actions = ("retry",)
    readonly_fields = [f.name for f in Notice._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_search_fields(self, request):
        # Searching by address would tell whoever sees the outbox who subscribes: only those
        # who may see the subscribers (Prenumerationsansvarig) search by it.
        if request.user.has_perm("subscriptions.view_subscriber"):
            return self.search_fields
        return tuple(f for f in self.search_fields if not f.startswith("subscriber__"))

    @admin.display(description=_("fel"))
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=_("Försök skicka igen"), permissions=["view"])
    def retry(self, request, queryset):
        count = queryset.filter(status=NoticeStatus.FAILED).update(
            status=NoticeStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        if count:
            from subscriptions.tasks import notices_deliver_task

            notices_deliver_task.enqueue()
        self.message_user(request, _("%(n)d utskick köade igen.") % {"n": count}, messages.SUCCESS)


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    """Per article: how many notices were sent, are waiting, failed."""

    list_display = ("article", "started_at", "fanned_out_at", "sent", "pending", "failed")
    search_fields = ("article__title",)
    date_hierarchy = "started_at"
    list_select_related = ("article",)
    readonly_fields = ("article", "started_at", "fanned_out_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        notices = "article__notices__status"
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_sent=Count("article__notices", filter=Q(**{notices: NoticeStatus.SENT})),
                n_pending=Count(
                    "article__notices", filter=Q(**{f"{notices}__in": [NoticeStatus.PENDING, NoticeStatus.SENDING]})
                ),
                n_failed=Count("article__notices", filter=Q(**{notices: NoticeStatus.FAILED})),
            )
        )

    @admin.display(description=_("skickade"), ordering="n_sent")
    def sent(self, obj):
        return obj.n_sent

    @admin.display(description=_("väntar"), ordering="n_pending")
    def pending(self, obj):
        return obj.n_pending

    @admin.display(description=_("misslyckade"), ordering="n_failed")
    def failed(self, obj):
        return obj.n_failed
