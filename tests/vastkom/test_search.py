import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory
from vastkom.core import pagination
from vastkom.core.publishing import Status
from vastkom.site.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, clean_query

pytestmark = pytest.mark.django_db


def hit_titles(response) -> list[str]:
    """Titles of the hits, in the order the page shows them."""
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a></h2>', response.content.decode())


def search(client, q, **params):
    return client.get("/sok/", {"q": q, **params})


# Everywhere (PostgreSQL full text, or the SQLite fallback)


def test_search_page_uses_its_template_and_shows_the_query_in_the_search_field(client):
    response = search(client, "samverkan")

    assert response.status_code == 200
    assert "site/search.html" in [t.name for t in response.templates]
    assert 'value="samverkan"' in response.content.decode()


def test_search_finds_an_article_by_a_word_in_its_title(client):
    ArticleFactory(title="Regional samverkan om kompetensförsörjning")
    ArticleFactory(title="Något helt annat")

    assert hit_titles(search(client, "kompetensförsörjning")) == ["Regional samverkan om kompetensförsörjning"]


def test_search_finds_a_topic_page(client):
    TopicFactory(title="Digitalisering", intro="Gemensam digital infrastruktur för kommunerna.")

    response = search(client, "infrastruktur")

    assert hit_titles(response) == ["Digitalisering"]
    assert "Ämnessida" in response.content.decode()


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"publish_at": timezone.now() + dt.timedelta(days=1)},
        {"publish_at": timezone.now() - dt.timedelta(days=3), "unpublish_at": timezone.now() - dt.timedelta(days=1)},
    ],
    ids=["draft", "scheduled", "unpublished"],
)
def test_search_never_shows_what_the_public_may_not_see(client, hidden):
    ArticleFactory(title="Hemligt kulturprojekt", **hidden)
    TopicFactory(title="Hemlig kulturpolitik", **hidden)

    response = search(client, "hemlig")

    assert hit_titles(response) == []
    assert "gav inga träffar" in response.content.decode()


def test_search_counts_hits_and_paginates(client):
    for n in range(RESULTS_PER_PAGE + 2):
        ArticleFactory(title=f"Folkhälsa rapport {n}")

    first, second = search(client, "folkhälsa"), search(client, "folkhälsa", page=2)

    assert "12 träffar" in first.content.decode()
    assert len(hit_titles(first)) == RESULTS_PER_PAGE
    assert len(hit_titles(second)) == 2
    assert not set(hit_titles(first)) & set(hit_titles(second))
    assert "q=folkh%C3%A4lsa&amp;page=2" in first.content.decode()


def test_search_with_no_hits_says_so_and_offers_a_way_on(client):
    ArticleFactory(title="Nära vård")

    body = search(client, "zebrakorsning").content.decode()

    assert "Sökningen på ”zebrakorsning” gav inga träffar." in body
    assert 'href="/nyheter/"' in body and 'href="/amnen/"' in body
    assert "träffar</p>" not in body


def test_search_without_a_query_asks_for_one_and_searches_nothing(client):
    ArticleFactory(title="Nära vård")

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sok/")

    assert response.status_code == 200
    # No full-text match (PostgreSQL) or LIKE fallback (SQLite) was run.
    assert not [q["sql"] for q in captured if "search_vector" in q["sql"] or " LIKE " in q["sql"].upper()]
    assert hit_titles(response) == []
    assert "Skriv ett eller flera ord" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"nära vård',
        "vård & | ! :* ( ) <-> \\",
        "-",
        "OR OR AND NOT",
        "' OR 1=1 --",
        "a" * 5000,
        "vård\x00kommun",
        "\x00",
        "%_%",
        "<script>alert(1)</script>",
        "🙂 ∑ \u202e",
    ],
)
def test_any_query_gets_a_page_never_a_server_error(client, query):
    ArticleFactory(title="Nära vård i kommunerna")

    response = search(client, query)

    assert response.status_code == 200


def test_the_query_is_escaped_on_the_page(client):
    body = search(client, '<script>alert("x")</script>').content.decode()

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_clean_query_drops_nul_and_control_characters_and_caps_the_length():
    assert clean_query("vård\x00 \x07kommun\n") == "vård kommun"
    assert len(clean_query("å" * 5000)) == MAX_QUERY_LENGTH


def test_a_very_long_query_is_searched_by_its_beginning_and_the_page_says_so(client):
    ArticleFactory(title="Kompetensförsörjning")

    response = search(client, "kompetensförsörjning " + "x" * 5000)

    assert response.status_code == 200
    assert "för lång" in response.content.decode()


# PostgreSQL full text (swedish configuration)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("stored", "query"),
    [("Ny vård för äldre", "vården"), ("Avtal med varje kommun", "kommunernas"), ("Barnens hälsa", "barn")],
)
def test_search_finds_inflected_swedish_forms(client, stored, query):
    ArticleFactory(title=stored)

    assert hit_titles(search(client, query)) == [stored]


@pytest.mark.postgres
def test_a_title_hit_ranks_above_a_lead_hit_above_a_body_hit(client):
    ArticleFactory(title="Om budget", lead="Kort.", body="<p>Här nämns äldreomsorgen en gång.</p>")
    TopicFactory(title="Ekonomi", intro="Äldreomsorgen och ekonomin.", body="<p>Text.</p>")
    ArticleFactory(title="Äldreomsorg i fokus", lead="Kort.", body="<p>Text.</p>")

    assert hit_titles(search(client, "äldreomsorg")) == ["Äldreomsorg i fokus", "Ekonomi", "Om budget"]


@pytest.mark.postgres
def test_html_is_stripped_before_indexing(client):
    ArticleFactory(
        title="Länktips",
        body='<p>Läs <a href="https://example.se/hemligadress">rapporten</a> om <strong>kvalitet</strong>s'
        "<em>arbete</em>.</p>",
    )

    assert hit_titles(search(client, "hemligadress")) == []
    assert hit_titles(search(client, "strong")) == []
    assert hit_titles(search(client, "rapporten")) == ["Länktips"]


@pytest.mark.postgres
def test_the_search_vector_follows_each_save(client):
    article = ArticleFactory(title="Gammal rubrik om fritid")
    article.title = "Ny rubrik om idrott"
    article.save()

    assert hit_titles(search(client, "idrott")) == ["Ny rubrik om idrott"]
    assert hit_titles(search(client, "fritid")) == []


@pytest.mark.postgres
def test_quoted_phrases_and_excluded_words_are_understood(client):
    ArticleFactory(title="Nära vård i kommunerna")
    ArticleFactory(title="Vård nära hemmet")
    ArticleFactory(title="Nära vård för barn")

    assert sorted(hit_titles(search(client, '"nära vård"'))) == ["Nära vård för barn", "Nära vård i kommunerna"]
    assert hit_titles(search(client, '"nära vård" -barn')) == ["Nära vård i kommunerna"]


@pytest.mark.postgres
def test_the_snippet_marks_the_words_and_escapes_the_text(client):
    ArticleFactory(title="Om säkerhet", lead='Skript som <script>alert("x")</script> visas aldrig; säkerheten först.')

    body = search(client, "säkerhet").content.decode()
    snippet = re.search(r'<p class="search-hit__snippet">(.*?)</p>', body, re.DOTALL).group(1)

    assert "<mark>säkerheten</mark>" in snippet
    assert "&lt;script&gt;" in snippet
    assert "<script>" not in body


@pytest.mark.postgres
def test_a_body_only_hit_shows_where_the_word_is(client):
    ArticleFactory(title="Rapport", lead="En ingress utan ordet.", body="<p>Längre ner står det om biblioteken.</p>")

    body = search(client, "bibliotek").content.decode()

    assert "<mark>biblioteken</mark>" in body


@pytest.mark.postgres
def test_a_lead_with_the_word_is_the_snippet_even_when_the_body_has_it_too(client):
    ArticleFactory(title="Rapport", lead="Ingressen nämner biblioteken.", body="<p>Brödtexten om bibliotek.</p>")
    ArticleFactory(title="Notis", lead="En ingress utan ordet.", body="<p>Brödtexten om biblioteken.</p>")

    body = search(client, "bibliotek").content.decode()
    snippets = dict(
        re.findall(r'<a href="[^"]*">([^<]*)</a></h2>.*?<p class="search-hit__snippet">(.*?)</p>', body, re.DOTALL)
    )

    assert snippets["Rapport"] == "Ingressen nämner <mark>biblioteken</mark>."
    assert snippets["Notis"].startswith("Brödtexten om <mark>biblioteken</mark>")


def snippet_of(response, title: str) -> str:
    body = response.content.decode()
    snippets = dict(
        re.findall(r'<a href="[^"]*">([^<]*)</a></h2>.*?<p class="search-hit__snippet">(.*?)</p>', body, re.DOTALL)
    )
    return snippets[title]


FILLER = "Vi arbetar tillsammans i regionen med frågor som rör invånarna varje dag. "


@pytest.mark.postgres
def test_a_word_deep_in_a_long_body_is_shown_where_it_is(client):
    ArticleFactory(
        title="Lång text", lead="En ingress utan ordet.", body=f"<p>{FILLER * 80}</p><p>Biblioteken öppnar.</p>"
    )

    snippet = snippet_of(search(client, "bibliotek"), "Lång text")

    assert "<mark>Biblioteken</mark> öppnar" in snippet


@pytest.mark.postgres
def test_a_body_snippet_is_found_when_the_stem_first_begins_another_word(client):
    # "kommun" first begins "Kommunikationen", far from the word that matches.
    ArticleFactory(
        title="Rapport",
        lead="En ingress utan ordet.",
        body=f"<p>Kommunikationen med invånarna. {FILLER * 20}</p><p>Varje kommun ansvarar för skolan.</p>",
    )

    snippet = snippet_of(search(client, "kommun"), "Rapport")

    assert "<mark>kommun</mark> ansvarar" in snippet
    assert "Kommunikationen" not in snippet


@pytest.mark.postgres
@pytest.mark.parametrize("before", range(150, 260, 9))
def test_a_body_snippet_never_shows_a_cut_tag_or_its_attributes(client, before):
    # The snippet's part of the body starts some 200 characters before the word: here, for some
    # of these lengths, inside the link's tag. Long words and the word last, so that the snippet
    # reaches back to where that part starts.
    link = '<a href="https://example.se/sida/om/planering" class="extern" title="Planering">läs mer</a>'
    text = ("samverkansöverenskommelserna " * 10)[: before - len(link) // 2]
    ArticleFactory(
        title="Länkar",
        lead="En ingress utan ordet.",
        body=f"<p>{FILLER * 10}{link} {text} biblioteken.</p>",
    )

    snippet = snippet_of(search(client, "bibliotek"), "Länkar")

    assert "<mark>biblioteken</mark>" in snippet
    for leaked in ("href", "example", "extern", "title=", "sida", "<", ">"):
        assert leaked not in snippet.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.postgres
@pytest.mark.parametrize("after", range(470, 560, 9))
def test_a_body_snippet_never_ends_in_a_cut_tag(client, after):
    # The word first, then long words up to the link, which for some of these lengths is cut
    # where the snippet's part of the body (600 characters) ends.
    link = '<a href="https://example.se/sida/om/planering" class="extern" title="Planering">läs mer</a>'
    text = ("samverkansöverenskommelserna " * 25)[:after]
    ArticleFactory(title="Länkar", lead="En ingress utan ordet.", body=f"<p>Biblioteken {text}{link} {FILLER * 10}</p>")

    snippet = snippet_of(search(client, "bibliotek"), "Länkar")

    assert "<mark>Biblioteken</mark>" in snippet
    for leaked in ("href", "example", "extern", "title=", "sida", "<", ">"):
        assert leaked not in snippet.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.postgres
def test_a_title_only_hit_shows_its_lead_unmarked(client):
    ArticleFactory(title="Biblioteken i regionen", lead="Om läsning och lån.", body="<p>Text om annat.</p>")

    assert snippet_of(search(client, "bibliotek"), "Biblioteken i regionen") == "Om läsning och lån."


@pytest.mark.postgres
def test_search_reads_the_time_of_each_request_not_of_the_first(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    now = timezone.now()
    ArticleFactory(title="Biblioteken öppnar", publish_at=now + dt.timedelta(hours=1))
    assert hit_titles(search(client, "bibliotek")) == []

    with time_machine.travel(now + dt.timedelta(hours=2), tick=False):
        assert hit_titles(search(client, "bibliotek")) == ["Biblioteken öppnar"]


@pytest.mark.postgres
def test_search_queries_do_not_grow_with_the_number_of_hits(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory(title="Kultur nummer 0")
    TopicFactory(title="Kulturområde 0")
    search(client, "kultur")  # the menu and the next publishing boundary are kept from here on
    with CaptureQueriesContext(connection) as few:
        search(client, "kultur")
    for n in range(1, 25):
        ArticleFactory(title=f"Kultur nummer {n}")
    for n in range(1, 5):
        TopicFactory(title=f"Kulturområde {n}")
    search(client, "kultur")

    with CaptureQueriesContext(connection) as many:
        response = search(client, "kultur")

    assert len(hit_titles(response)) == RESULTS_PER_PAGE
    assert len(many) == len(few)


@pytest.mark.postgres
def test_the_search_vectors_have_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('article_search_idx', 'topic_search_idx')"
        )
        rows = dict(cursor.fetchall())

    assert set(rows) == {"article_search_idx", "topic_search_idx"}
    assert all("USING gin (search_vector)" in definition for definition in rows.values())


@pytest.mark.postgres
def test_the_stored_vector_weights_title_lead_and_body():
    article = ArticleFactory(title="Tåg", lead="Buss", body="<p>Cykel</p>")

    vector = Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)

    assert vector == "'buss':2B 'cykel':3C 'tåg':1A"


# Contact persons, the page's own search box, order and case


def test_search_finds_a_contact_person_by_name_and_shows_the_card(client):
    ContactPersonFactory(name="Tove Lindqvist", role="Analytiker och projektledare", phone="031-335 51 99")
    ContactPersonFactory(name="Johan Berglund", role="Direktör")

    body = search(client, "lindqvist").content.decode()

    assert '<p class="contact-card__name">Tove Lindqvist</p>' in body
    assert '<a href="tel:+46313355199">031-335 51 99</a>' in body
    assert "Johan Berglund" not in body
    assert "1 kontaktperson" in body
    assert "gav inga träffar" not in body


def test_search_finds_contact_persons_by_role_in_any_case(client):
    ContactPersonFactory(name="Johan Berglund", role="Direktör")
    ContactPersonFactory(name="Sara Ekström", role="Kommunikatör")

    body = search(client, "DIREKTÖR").content.decode()

    assert '<p class="contact-card__name">Johan Berglund</p>' in body
    assert "Sara Ekström" not in body


def test_search_leaves_out_inactive_contact_persons(client):
    ContactPersonFactory(name="Slutat Lindqvist", active=False)

    body = search(client, "lindqvist").content.decode()

    assert "Slutat Lindqvist" not in body
    assert "gav inga träffar" in body


def test_search_page_has_its_own_search_box_with_the_query_filled_in(client):
    body = search(client, "nära vård").content.decode()

    main = body[body.index("<main") :]
    form = re.search(r'<form class="search-form search-form--page"[^>]*>.*?</form>', main, re.DOTALL).group(0)
    assert 'action="/sok/"' in form
    assert re.search(r'<input id="sok-sida-q" type="search" name="q" value="nära vård"', form)
    assert '<label for="sok-sida-q">' in form


def test_search_without_a_query_still_offers_the_search_box(client):
    body = client.get("/sok/").content.decode()

    assert 'id="sok-sida-q"' in body[body.index("<main") :]


def test_search_matches_swedish_letters_in_any_case(client):
    ArticleFactory(title="ÄLDREOMSORG I ÖSTRA KOMMUNER")
    TopicFactory(title="Vårdens medarbetare")

    assert hit_titles(search(client, "äldreomsorg östra")) == ["ÄLDREOMSORG I ÖSTRA KOMMUNER"]
    assert hit_titles(search(client, "VÅRDENS")) == ["Vårdens medarbetare"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_sqlite_fallback_lists_the_newest_first(client):
    now = timezone.now()
    ArticleFactory(title="Regional samverkan i titeln", publish_at=now - dt.timedelta(days=5))
    ArticleFactory(title="Nyare nyhet", lead="Om regional samverkan.", publish_at=now - dt.timedelta(days=1))
    TopicFactory(title="Ämne om samverkan", publish_at=now - dt.timedelta(days=3))

    assert hit_titles(search(client, "samverkan")) == [
        "Nyare nyhet",
        "Ämne om samverkan",
        "Regional samverkan i titeln",
    ]


@pytest.mark.postgres
def test_postgresql_lists_by_relevance_not_date(client):
    now = timezone.now()
    ArticleFactory(title="Samverkan om samverkan", lead="Samverkan.", publish_at=now - dt.timedelta(days=30))
    ArticleFactory(title="Nyare nyhet", body="<p>Ett ord om samverkan.</p>", publish_at=now - dt.timedelta(days=1))

    assert hit_titles(search(client, "samverkan")) == ["Samverkan om samverkan", "Nyare nyhet"]


@pytest.mark.postgres
def test_a_page_of_results_is_one_statement_and_the_contact_persons_none(client, settings):
    """Count, ranking, the page's rows and their snippets come in one statement; the contact
    persons from the kept active contacts, without a query of their own."""
    settings.PAGE_CACHE_ENABLED = False
    for n in range(12):
        ArticleFactory(title=f"Kultur nummer {n}")
    TopicFactory(title="Kulturområde")
    ContactPersonFactory(name="Kim Kulturchef")
    search(client, "kultur")  # the menu, the contacts and the next publishing boundary are kept from here on

    def content_queries(**params):
        with CaptureQueriesContext(connection) as captured:
            response = search(client, "kultur", **params)
        assert response.status_code == 200
        return response, [q["sql"] for q in captured if "vastkom_shared_cache" not in q["sql"]]

    (first, first_queries), (_second, second_queries) = content_queries(), content_queries(page=2)

    assert len(first_queries) == 1
    assert "ts_headline" in first_queries[0] and "ts_rank" in first_queries[0]
    assert '<p class="contact-card__name">Kim Kulturchef</p>' in first.content.decode()
    assert len(second_queries) == 1


def test_a_contact_person_who_leaves_is_gone_from_the_next_search(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    contact = ContactPersonFactory(name="Tove Lindqvist")
    ContactPersonFactory(name="Tage Lindqvist")
    assert "Tove Lindqvist" in search(client, "lindqvist").content.decode()

    contact.active = False
    contact.save()
    newcomer = ContactPersonFactory(name="Tilda Lindqvist")
    body = search(client, "lindqvist").content.decode()

    assert "Tove Lindqvist" not in body
    assert "Tage Lindqvist" in body and newcomer.name in body
    assert body.index("Tage Lindqvist") < body.index("Tilda Lindqvist")


def test_at_most_six_contact_persons_are_shown_in_name_order(client):
    for name in ("Åsa", "Bo", "Cecilia", "Alva", "Dan", "Erik", "Frida", "Gun"):
        ContactPersonFactory(name=f"{name} Samordnare")

    body = search(client, "samordnare").content.decode()
    shown = re.findall(r'<p class="contact-card__name">([^<]*)</p>', body)

    assert shown == [f"{name} Samordnare" for name in ("Alva", "Bo", "Cecilia", "Dan", "Erik", "Frida")]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("articles", "topics", "shown"),
    [(10, 0, "10 träffar"), (6, 4, "10 träffar"), (11, 0, "Fler än 10 träffar"), (6, 5, "Fler än 10 träffar")],
)
def test_the_count_is_exact_up_to_the_cap_then_says_more_than(client, monkeypatch, articles, topics, shown):
    """With the cap at 3, the first page still counts the ten rows it shows and one more."""
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    for n in range(articles):
        ArticleFactory(title=f"Cykelväg {n}")
    for n in range(topics):
        TopicFactory(title=f"Cykelvägar {n}")

    body = search(client, "cykelväg").content.decode()

    assert body.split('class="result-count" role="status">')[1].split("</p>")[0] == shown


@pytest.mark.postgres
def test_a_page_number_past_the_end_shows_the_last_page(client):
    for n in range(13):
        ArticleFactory(title=f"Kultur nummer {n}", publish_at=timezone.now() - dt.timedelta(hours=n))

    response = search(client, "kultur", page=9)

    assert response.status_code == 200
    assert len(hit_titles(response)) == 3
    assert "Sida 2 av 2" in response.content.decode()
