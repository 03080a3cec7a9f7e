"""Old addresses of moved pages answer 301 to where the page is now; editors manage the list."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from tests.vastkom.admin_forms import admin_form_data
from vastkom.core.redirects.models import Redirect

pytestmark = pytest.mark.django_db


@pytest.fixture
def public():
    """A reader without an account (``client`` is the editor's once ``editor_client`` is used)."""
    return Client()


def change_through_admin(client, item, **changes):
    opts = item._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"
    response = client.post(url, admin_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    return item


def assert_moved(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_slug_change_of_a_published_page_leaves_a_301_from_the_old_address(public, editor_client, factory):
    item = factory(slug="gammal-adress")
    old = item.get_absolute_url()

    item = change_through_admin(editor_client, item, slug="ny-adress")

    assert_moved(public, old, item.get_absolute_url())
    assert public.get(item.get_absolute_url()).status_code == 200


def test_the_redirect_keeps_the_query_string(public, editor_client):
    article = ArticleFactory(slug="gammal")
    change_through_admin(editor_client, article, slug="ny")

    assert_moved(public, "/nyheter/gammal/?utm_source=nyhetsbrev", "/nyheter/ny/?utm_source=nyhetsbrev")


@pytest.mark.parametrize("traits", [{"draft": True}, {"scheduled": True}], ids=["draft", "scheduled"])
@pytest.mark.parametrize("factory", [ArticleFactory, TopicFactory])
def test_slug_change_of_a_page_never_public_creates_no_redirect(editor_client, factory, traits):
    item = factory(slug="utkast", **traits)

    change_through_admin(editor_client, item, slug="utkast-nytt-namn")

    assert not Redirect.objects.exists()


def test_an_unpublished_page_that_was_public_keeps_its_old_address_leading_on(public, editor_client):
    article = ArticleFactory(slug="var-publik")
    article = change_through_admin(editor_client, article, status="draft")

    change_through_admin(editor_client, article, slug="nu-utkast")

    assert Redirect.objects.get().old_path == "/nyheter/var-publik/"


def test_a_topic_address_does_not_contain_its_parent_so_a_parent_change_keeps_links_working(public, editor_client):
    topic = TopicFactory(slug="nara-vard", parent=TopicFactory())
    url = topic.get_absolute_url()

    change_through_admin(editor_client, topic, parent=str(TopicFactory().pk))

    assert topic.get_absolute_url() == url == "/amnen/nara-vard/"
    assert public.get(url).status_code == 200
    assert not Redirect.objects.exists()


def test_a_chain_of_moves_leads_straight_to_the_latest_address(public, editor_client):
    article = ArticleFactory(slug="a")
    article = change_through_admin(editor_client, article, slug="b")

    article = change_through_admin(editor_client, article, slug="c")

    assert_moved(public, "/nyheter/a/", "/nyheter/c/")
    assert_moved(public, "/nyheter/b/", "/nyheter/c/")
    assert sorted(Redirect.objects.values_list("old_path", "new_path")) == [
        ("/nyheter/a/", "/nyheter/c/"),
        ("/nyheter/b/", "/nyheter/c/"),
    ]


def test_moving_back_to_an_old_address_makes_no_loop(public, editor_client):
    article = ArticleFactory(slug="a")
    article = change_through_admin(editor_client, article, slug="b")

    change_through_admin(editor_client, article, slug="a")

    assert public.get("/nyheter/a/").status_code == 200
    assert_moved(public, "/nyheter/b/", "/nyheter/a/")
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/nyheter/b/", "/nyheter/a/")]


def test_a_new_page_at_an_old_address_wins_over_the_redirect(public, editor_client):
    moved = ArticleFactory(slug="gammal")
    change_through_admin(editor_client, moved, slug="flyttad")
    newcomer = ArticleFactory(slug="gammal", title="Ny nyhet på gammal adress")

    response = public.get("/nyheter/gammal/")

    assert response.status_code == 200
    assert response.context["article"] == newcomer


def test_a_draft_at_an_old_address_leaves_the_redirect_to_the_public_until_it_is_published(public, editor_client):
    moved = ArticleFactory(slug="gammal")
    change_through_admin(editor_client, moved, slug="flyttad")
    newcomer = ArticleFactory(slug="gammal", draft=True)

    assert_moved(public, "/nyheter/gammal/", "/nyheter/flyttad/")

    change_through_admin(editor_client, newcomer, status="published")

    assert public.get("/nyheter/gammal/").status_code == 200
    assert not Redirect.objects.filter(old_path="/nyheter/gammal/").exists()


def test_an_unknown_address_is_still_not_found(client):
    Redirect.objects.create(old_path="/gammal/", new_path="/nyheter/")

    assert client.get("/finns-inte/").status_code == 404


def test_an_address_no_redirect_can_hold_is_not_found_not_an_error(client):
    """A NUL byte cannot be stored in PostgreSQL: looking it up must not be a 500."""
    assert client.get("/amnen/%00/rss/").status_code == 404
    assert client.get("/prenumeration/bekrafta/%3Cscr%00ipt%3E/%3C/scr%00ipt%3E/").status_code == 404


def test_a_normal_page_costs_no_query_for_redirects(client, settings):
    article = ArticleFactory()
    Redirect.objects.create(old_path="/gammal/", new_path="/nyheter/")
    with CaptureQueriesContext(connection) as with_redirects:
        assert client.get(article.get_absolute_url()).status_code == 200
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RedirectFallback" not in m]
    with CaptureQueriesContext(connection) as without:
        assert client.get(article.get_absolute_url()).status_code == 200

    assert len(with_redirects) == len(without)
    assert not any("core_redirect" in q["sql"] for q in with_redirects.captured_queries)


def test_a_404_costs_one_query_for_redirects(client):
    Redirect.objects.create(old_path="/gammal/", new_path="/nyheter/")

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/finns-inte/").status_code == 404

    assert sum("core_redirect" in q["sql"] for q in captured.captured_queries) == 1


# The editors' list.


@pytest.fixture
def redirects_client(client, editor):
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__endswith="redirect")
    )
    client.force_login(editor)
    return client


def add_redirect(client, old, new):
    return client.post("/admin/core/redirect/add/", {"old_path": old, "new_path": new})


def test_editor_lists_redirects_in_swedish(redirects_client):
    Redirect.objects.create(old_path="/gammal/", new_path="/nyheter/")

    response = redirects_client.get("/admin/core/redirect/")

    assert response.status_code == 200
    assert "Omdirigeringar" in response.content.decode()
    assert "/gammal/" in response.content.decode()


def test_editor_adds_a_redirect_and_it_answers_301(public, redirects_client):
    response = add_redirect(redirects_client, "/gammal-sida/", "/nyheter/")

    assert response.status_code == 302
    assert_moved(public, "/gammal-sida/", "/nyheter/")


def test_an_address_to_our_own_site_is_stored_as_a_path(redirects_client, settings):
    settings.SITE_URL = "https://www.vastkom.se"

    add_redirect(redirects_client, "https://www.vastkom.se/gammal/", "https://www.vastkom.se/nyheter/")

    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/gammal/", "/nyheter/")]


def test_editor_may_lead_to_another_site_over_https(public, redirects_client):
    add_redirect(redirects_client, "/projekt/", "https://www.vgregion.se/projekt/")

    assert_moved(public, "/projekt/", "https://www.vgregion.se/projekt/")


def test_a_manual_redirect_to_an_old_address_leads_straight_to_its_target(redirects_client):
    Redirect.objects.create(old_path="/b/", new_path="/c/")

    add_redirect(redirects_client, "/a/", "/b/")

    assert Redirect.objects.get(old_path="/a/").new_path == "/c/"


def test_a_manual_redirect_from_a_target_collapses_the_chain_before_it(redirects_client):
    Redirect.objects.create(old_path="/a/", new_path="/b/")

    add_redirect(redirects_client, "/b/", "/c/")

    assert Redirect.objects.get(old_path="/a/").new_path == "/c/"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("/samma/", "/samma/", "new_path", "En adress kan inte leda till sig själv."),
        ("/a/", "/b/", "new_path", "Den nya adressen leder redan tillbaka till den gamla. Det skulle bli en slinga."),
        ("gammal", "/nyheter/", "old_path", "Skriv den gamla adressen som en sökväg på webbplatsen"),
        ("//evil.example/", "/nyheter/", "old_path", "Skriv den gamla adressen som en sökväg på webbplatsen"),
        ("https://annan.example/x/", "/nyheter/", "old_path", "Skriv den gamla adressen som en sökväg"),
        ("/a b/", "/nyheter/", "old_path", "Skriv den gamla adressen som en sökväg"),
        ("/gammal/", "http://annan.example/", "new_path", "börjar med https://"),
        ("/gammal/", "javascript:alert(1)", "new_path", "börjar med https://"),
        ("/gammal/", "//evil.example/", "new_path", "Skriv en sökväg på webbplatsen"),
    ],
    ids=["itself", "loop", "relative", "protocol-relative", "other-site", "space", "http", "javascript", "//"],
)
def test_admin_refuses_a_bad_redirect_with_a_swedish_message(redirects_client, old, new, field, message):
    Redirect.objects.create(old_path="/b/", new_path="/a/")

    response = add_redirect(redirects_client, old, new)

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    assert Redirect.objects.count() == 1


def test_admin_refuses_a_second_redirect_from_the_same_address(redirects_client):
    Redirect.objects.create(old_path="/gammal/", new_path="/nyheter/")

    response = add_redirect(redirects_client, "/gammal/", "/amnen/")

    assert response.status_code == 200
    assert Redirect.objects.get().new_path == "/nyheter/"


def test_editor_deletes_a_redirect_and_the_old_address_is_gone(public, redirects_client):
    redirect = Redirect.objects.create(old_path="/gammal/", new_path="/nyheter/")

    response = redirects_client.post(f"/admin/core/redirect/{redirect.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert public.get("/gammal/").status_code == 404
