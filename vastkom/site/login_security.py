"""The admin login's defences: the brute-force lock-out (django-axes) and the demo accounts.

* Lock-out: after ``AXES_FAILURE_LIMIT`` failed logins for one username, or from one IP
  (``vastkom.core.clientip``), further attempts are refused for ``AXES_COOLOFF_TIME``. The
  failures are rows in the database (axes' database handler), so every app server and worker
  sees the same count. The refused attempt gets the admin login page with a Swedish message
  (``lockout_response``, status 429). An administrator lifts a lock-out in the admin
  (*Webbplatsen › Spärrade inloggningar*, ``LoginLockout``) or with
  ``manage.py axes_reset_username <namn>`` / ``axes_reset_ip <ip>``.
* Demo accounts: ``load_demo --editor`` makes accounts whose passwords are printed in the
  README. Should a database made under ``DJANGO_DEBUG=1`` ever run in production, those
  credentials must not open it: ``ProductionModelBackend`` refuses them when DEBUG is off.
"""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vastkom.site.demo_content import DEMO_ACCOUNTS

logger = logging.getLogger(__name__)


def is_demo_credentials(username: str | None, password: str | None) -> bool:
    """Whether this is one of the local demo's published username and password pairs."""
    if not username or password is None:
        return False
    known = DEMO_ACCOUNTS.get(username.strip().lower())
    return known is not None and constant_time_compare(known, password)


class ProductionModelBackend(ModelBackend):
    """Django's backend, except that the demo's public credentials never log in when DEBUG is off."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not settings.DEBUG and is_demo_credentials(username, password):
            logger.warning("Refused a login with the demo account's published password (DJANGO_DEBUG is off)")
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    return max(int(cool_off.total_seconds() // 60), 1) if cool_off else 0


def lockout_message() -> str:
    minutes = lockout_minutes()
    return ngettext(
        "För många misslyckade inloggningar. Inloggningen är spärrad i %(minutes)d minut för det här "
        "användarnamnet och den här adressen. Vänta och försök igen, eller be en administratör låsa upp.",
        "För många misslyckade inloggningar. Inloggningen är spärrad i %(minutes)d minuter för det här "
        "användarnamnet och den här adressen. Vänta och försök igen, eller be en administratör låsa upp.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """axes' ``AXES_LOCKOUT_CALLABLE``: the admin login page with the lock-out message (429)."""
    context = {
        **admin.site.each_context(request),
        "title": _("Logga in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "form": AdminAuthenticationForm(request),
        "next": request.GET.get("next", "") or request.POST.get("next", ""),
        "site_header": admin.site.site_header,
        "lockout_message": lockout_message(),
    }
    return render(request, "admin/locked_out.html", context, status=429)
