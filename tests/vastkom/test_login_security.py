"""The admin login resists guessing (django-axes) and never opens for the demo's public passwords."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from vastkom.site.demo_content import DEMO_ACCOUNTS
from vastkom.site.models import LoginLockout

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "rätt-lösenord-för-test-9"
LOCKED = "För många misslyckade inloggningar"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Dozens of logins: a fast hasher keeps the test quick (the lock-out does not depend on it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(username="anna", password=PASSWORD, is_staff=True)


def log_in(client, username, password, ip="198.51.100.20"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_right_password_after_repeated_failures_is_refused_with_a_swedish_page(client, staff, settings):
    statuses = [log_in(client, "anna", "fel").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last failure locks
    response = log_in(client, "anna", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "30 minuter" in page
    assert 'name="password"' in page  # still the admin's login page
    assert not logged_in(client)


def test_the_username_is_locked_from_every_ip(client, staff, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "anna", "fel", ip=f"203.0.113.{i}")
    assert log_in(client, "anna", PASSWORD, ip="192.0.2.99").status_code == 429


def test_an_ip_guessing_many_usernames_is_locked_for_all_of_them(client, staff, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"gissning{i}", "fel", ip="203.0.113.66")
    assert log_in(client, "anna", PASSWORD, ip="203.0.113.66").status_code == 429
    assert log_in(client, "anna", PASSWORD, ip="192.0.2.99").status_code == 302


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "anna", "fel")
    assert log_in(client, "anna", PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_lock_out_ends_after_the_cool_off(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "anna", "fel")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)):
        assert log_in(client, "anna", PASSWORD).status_code == 302


def test_an_administrator_unlocks_in_the_admin(client, staff, settings, admin_client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "anna", "fel")
    changelist = admin_client.get("/admin/vastkom/loginlockout/")
    assert changelist.status_code == 200
    assert "spärrade inloggningar" in changelist.content.decode().lower()
    ids = list(LoginLockout.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/vastkom/loginlockout/", {"action": "unlock", "_selected_action": ids}, follow=True
    )
    assert "hävd" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "anna", PASSWORD).status_code == 302


def test_an_administrator_unlocks_with_a_command(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "anna", "fel")
    call_command("axes_reset_username", "anna", verbosity=0)
    assert log_in(client, "anna", PASSWORD, ip="192.0.2.1").status_code == 302


def test_demo_credentials_are_refused_in_production(client, django_user_model, settings):
    settings.DEBUG = False
    username, password = next(iter(DEMO_ACCOUNTS.items()))
    django_user_model.objects.create_user(username=username, password=password, is_staff=True)
    response = log_in(client, username, password)
    assert response.status_code == 200  # the login page again, with its error
    assert not logged_in(client)


def test_ordinary_users_log_in_in_production(client, staff, settings):
    settings.DEBUG = False
    assert log_in(client, "anna", PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_demo_account_whose_password_was_changed_logs_in_in_production(client, django_user_model, settings):
    settings.DEBUG = False
    username = next(iter(DEMO_ACCOUNTS))
    django_user_model.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    assert log_in(client, username, PASSWORD).status_code == 302


def test_demo_credentials_log_in_in_the_local_demo(client, django_user_model, settings):
    settings.DEBUG = True
    username, password = next(iter(DEMO_ACCOUNTS.items()))
    django_user_model.objects.create_user(username=username, password=password, is_staff=True)
    assert log_in(client, username, password).status_code == 302
