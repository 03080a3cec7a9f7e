import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from vastkom.site.models import DIGG_COMPLAINT_URL, AccessibilityStatement, Compliance

pytestmark = pytest.mark.django_db


def test_the_statement_page_shows_the_fields_digg_requires(client):
    response = client.get("/tillganglighet/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "site/accessibility_statement.html" in [t.name for t in response.templates]
    assert "<h1>Tillgänglighetsredogörelse</h1>" in body
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service." in body
    assert "Innehåll som inte är tillgängligt" in body
    assert 'href="mailto:info@vastkom.se"' in body
    assert f'href="{DIGG_COMPLAINT_URL}"' in body
    assert "Senaste bedömningen gjordes den" in body
    assert "Redogörelsen uppdaterades senast den" in body


def test_without_a_row_the_page_creates_one_with_default_text(client):
    AccessibilityStatement.objects.all().delete()

    client.get("/tillganglighet/")

    assert AccessibilityStatement.objects.count() == 1
    assert AccessibilityStatement.objects.get().shortcomings


def test_what_editors_write_is_shown(client):
    statement = AccessibilityStatement.load()
    statement.compliance = Compliance.FULL
    statement.shortcomings = "<p>Kartan på kontaktsidan saknar textalternativ.</p><script>x()</script>"
    statement.assessed_on = dt.date(2026, 10, 1)
    statement.save()

    body = client.get("/tillganglighet/").content.decode()

    assert "Webbplatsen är helt förenlig" in body
    assert "<p>Kartan på kontaktsidan saknar textalternativ.</p>" in body
    assert "<script>x()" not in body
    assert '<time datetime="2026-10-01">1 oktober 2026</time>' in body


def test_every_page_links_to_the_statement_from_its_footer(client):
    for path in ("/", "/nyheter/", "/sok/?q=vård", "/finns-inte/"):
        body = client.get(path).content.decode()
        footer = body[body.index('<footer class="site-footer">') :]
        assert 'href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in footer, path


def test_editors_change_the_one_statement_in_the_admin_but_cannot_add_or_delete_one(client, django_user_model):
    user = django_user_model.objects.create_user(username="red", password="x-lösen-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="vastkom"))
    client.force_login(user)
    statement = AccessibilityStatement.load()

    change = client.get(f"/admin/vastkom/accessibilitystatement/{statement.pk}/change/")
    add = client.get("/admin/vastkom/accessibilitystatement/add/")
    delete = client.get(f"/admin/vastkom/accessibilitystatement/{statement.pk}/delete/")

    assert change.status_code == 200
    assert add.status_code == 403
    assert delete.status_code == 403


def test_the_statement_page_time_elements_carry_no_microseconds(client):
    statement = AccessibilityStatement.load()
    AccessibilityStatement.objects.filter(pk=statement.pk).update(
        updated_at=dt.datetime(2026, 11, 2, 9, 15, 42, 654321, tzinfo=dt.UTC)
    )

    body = client.get("/tillganglighet/").content.decode()

    assert '<time datetime="2026-11-02T10:15:42+01:00">2 november 2026</time>' in body
    assert "654321" not in body
