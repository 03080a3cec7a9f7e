"""Unlocking the admin login: failed-login records (django-axes) for administrators."""

from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vastkom.site.models import LoginLockout


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    """Who failed to log in, from where, how often; "Lås upp" removes the records."""

    list_display = ("user_name", "ip", "failures", "last_attempt", "locked")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    actions = ("unlock",)
    fields = ("user_name", "ip", "failures", "last_attempt", "locked", "agent", "path")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "Lås upp" is the one way to remove records
        return actions

    @admin.display(description=_("användarnamn"), ordering="username")
    def user_name(self, obj):
        return obj.username or "–"

    @admin.display(description=_("IP-adress"), ordering="ip_address")
    def ip(self, obj):
        return obj.ip_address or "–"

    @admin.display(description=_("misslyckade försök"), ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=_("senaste försök"), ordering="attempt_time")
    def last_attempt(self, obj):
        return obj.attempt_time

    @admin.display(description=_("spärrad"), boolean=True)
    def locked(self, obj):
        cool_off = settings.AXES_COOLOFF_TIME
        recent = cool_off is None or obj.attempt_time > timezone.now() - cool_off
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT and recent

    @admin.display(description=_("webbläsare"))
    def agent(self, obj):
        return obj.user_agent

    @admin.display(description=_("sökväg"))
    def path(self, obj):
        return obj.path_info

    @admin.action(description=_("Lås upp markerade"), permissions=["delete"])
    def unlock(self, request, queryset):
        count = 0
        for record in list(queryset):
            # The lock is per username and per IP: lift both.
            if record.username:
                count += reset(username=record.username)
            if record.ip_address:
                count += reset(ip=record.ip_address)
        self.message_user(
            request,
            ngettext("%(n)d spärr hävd.", "%(n)d spärrar hävda.", count) % {"n": count},
            messages.SUCCESS,
        )
