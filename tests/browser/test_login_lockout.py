"""The lock-out page in a real browser: it says why, and axe-core finds nothing on it."""

import pytest
from django.conf import settings

from tests.browser.conftest import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

PASSWORD = "rätt-lösenord-för-test-9"


def fill_login(page, site, username, password):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_the_lock_out_page_is_accessible_and_says_why(page, site, django_user_model):
    django_user_model.objects.create_user(username="anna", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fill_login(page, site, "anna", "fel")

    assert "För många misslyckade inloggningar" in page.inner_text("[role=alert]")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
