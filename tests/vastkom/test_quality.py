"""The quality check's rules: one example that trips each rule and one that passes it."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.topics.factories import TopicFactory
from tests.vastkom.factories import library_document
from vastkom.core.quality import Severity, check_fields, lix, lix_band

pytestmark = pytest.mark.django_db

LONG_EASY_TEXT = " ".join(["Vi har ett möte i dag. Alla får gå dit. Det blir kaffe och bulle."] * 6)
LONG_HARD_TEXT = " ".join(
    [
        "Kommunernas gemensamma verksamhetsutveckling förutsätter långsiktiga överenskommelser, "
        "kompetensförsörjningsinsatser och organisationsövergripande samverkansstrukturer mellan "
        "huvudmännen inom hälso- och sjukvården samt socialtjänsten i regionen."
    ]
    * 4
)


def codes(html="", *, lead=None, publish_at=None):
    report = check_fields(
        rich={"body": html},
        plain={"lead": lead} if lead is not None else {},
        lead_fields=("lead",),
        publish_at=publish_at,
    )
    return {(issue.code, issue.severity) for issue in report.issues}


def error(code):
    return (code, Severity.ERROR)


def warning(code):
    return (code, Severity.WARNING)


# -- Errors ------------------------------------------------------------------------------------------

CASES = [
    # (rule, failing example, passing example)
    pytest.param(
        error("image_alt_missing"),
        '<p><img src="/media/bilder/karta.png"></p>',
        '<p><img src="/media/bilder/karta.png" alt="Karta över regionen."></p>',
        id="image-without-alt",
    ),
    pytest.param(
        error("image_alt_missing"),
        '<p><img src="/media/bilder/karta.png" alt=" "></p>',
        '<p><img src="/media/bilder/monster.png" alt="" role="presentation"></p>',
        id="empty-alt-unless-marked-decorative",
    ),
    pytest.param(
        error("empty_link"),
        '<p><a href="https://www.vgregion.se/"> </a></p>',
        '<p><a href="https://www.vgregion.se/">Västra Götalandsregionen</a></p>',
        id="empty-link",
    ),
    pytest.param(
        error("empty_link"),
        '<p><a href="https://www.vgregion.se/"><img src="/media/a.png" alt="" role="presentation"></a></p>',
        '<p><a href="https://www.vgregion.se/"><img src="/media/a.png" alt="Regionens logotyp"></a></p>',
        id="image-link-needs-alt-as-its-text",
    ),
    pytest.param(
        error("h1_in_text"),
        "<h1>Ny rubrik</h1><p>Text.</p>",
        "<h2>Ny rubrik</h2><p>Text.</p>",
        id="h1-in-body",
    ),
    pytest.param(
        error("internal_link_missing"),
        '<p><a href="/finns-inte/">Sidan</a></p>',
        '<p><a href="/nyheter/">Alla nyheter</a></p>',
        id="link-to-a-path-that-does-not-exist",
    ),
    # -- Warnings ---------------------------------------------------------------------------------
    pytest.param(
        warning("heading_skip"),
        "<h2>Bakgrund</h2><h4>Detaljer</h4>",
        "<h2>Bakgrund</h2><h3>Detaljer</h3><h2>Nästa</h2>",
        id="skipped-heading-level",
    ),
    pytest.param(
        warning("heading_skip"),
        "<h3>Första rubriken</h3>",
        "<h2>Första rubriken</h2>",
        id="first-heading-below-h2",
    ),
    pytest.param(
        warning("vague_link_text"),
        '<p>Rapporten finns <a href="https://www.skr.se/rapport">här</a>.</p>',
        '<p>Läs <a href="https://www.skr.se/rapport">rapporten om nära vård</a>.</p>',
        id="link-text-har",
    ),
    pytest.param(
        warning("vague_link_text"),
        '<p><a href="https://www.skr.se/">Klicka här!</a></p>',
        '<p><a href="https://www.skr.se/">Sveriges Kommuner och Regioner</a></p>',
        id="link-text-klicka-har",
    ),
    pytest.param(
        warning("vague_link_text"),
        '<p><a href="https://www.skr.se/">Läs mer</a></p>',
        '<p><a href="https://www.skr.se/">Läs mer om SKR</a></p>',
        id="link-text-las-mer",
    ),
    pytest.param(
        warning("vague_link_text"),
        '<p><a href="https://www.skr.se/">https://www.skr.se/</a></p>',
        '<p><a href="https://www.skr.se/">skr.se, Sveriges Kommuner och Regioner</a></p>',
        id="bare-url-as-link-text",
    ),
    pytest.param(
        warning("same_text_different_targets"),
        '<p><a href="https://a.example/">Rapporten</a> och <a href="https://b.example/">rapporten</a></p>',
        '<p><a href="https://a.example/">Rapporten</a> och <a href="https://a.example">rapporten</a></p>',
        id="same-text-different-targets",
    ),
    pytest.param(
        warning("http_link"),
        '<p><a href="http://www.vgregion.se/">Regionen</a></p>',
        '<p><a href="https://www.vgregion.se/">Regionen</a></p>',
        id="http-link",
    ),
    pytest.param(
        warning("table_without_headers"),
        "<table><tbody><tr><td>Borås</td><td>113 000</td></tr></tbody></table>",
        '<table><thead><tr><th scope="col">Kommun</th><th scope="col">Invånare</th></tr></thead>'
        "<tbody><tr><td>Borås</td><td>113 000</td></tr></tbody></table>",
        id="table-without-header-cells",
    ),
    pytest.param(
        warning("all_caps"),
        "<p>VIKTIGT MEDDELANDE TILL ALLA KOMMUNER i länet.</p>",
        "<p>Ett möte mellan VGR, SKR och VästKom om EU-medel.</p>",
        id="text-in-capitals",
    ),
    pytest.param(
        warning("lix_high"),
        f"<p>{LONG_HARD_TEXT}</p>",
        f"<p>{LONG_EASY_TEXT}</p>",
        id="lix-above-50",
    ),
]


@pytest.mark.parametrize(("issue", "failing", "passing"), CASES)
def test_rule_finds_the_problem(issue, failing, passing):
    assert issue in codes(failing)


@pytest.mark.parametrize(("issue", "failing", "passing"), CASES)
def test_rule_leaves_good_text_alone(issue, failing, passing):
    assert issue[0] not in {code for code, _severity in codes(passing)}


def test_every_message_is_swedish_and_names_the_field():
    report = check_fields(rich={"body": "".join(str(c.values[1]) for c in CASES)}, plain={}, publish_at=None)

    assert report.issues
    for issue in report.issues:
        assert issue.field == "body"
        assert any(ch in issue.message for ch in "åäöÅÄÖ”"), issue.message


def test_internal_link_to_a_draft_is_an_error():
    draft = ArticleFactory(draft=True)

    assert error("internal_link_unpublished") in codes(f'<p><a href="{draft.get_absolute_url()}">Utkastet</a></p>')


def test_internal_link_to_a_published_topic_is_fine():
    topic = TopicFactory()

    assert codes(f'<p><a href="{topic.get_absolute_url()}">{topic.title}</a></p>') == set()


def test_internal_link_as_full_address_on_our_host_is_checked_too():
    assert error("internal_link_missing") in codes('<p><a href="http://testserver/amnen/saknas/">Ämnet</a></p>')


def test_link_to_a_page_scheduled_after_this_one_is_an_error():
    later = ArticleFactory(publish_at=timezone.now() + dt.timedelta(days=5))
    link = f'<p><a href="{later.get_absolute_url()}">Nästa nyhet</a></p>'

    assert error("internal_link_unpublished") in codes(link, publish_at=timezone.now() + dt.timedelta(days=1))
    assert codes(link, publish_at=timezone.now() + dt.timedelta(days=6)) == set()


def test_link_to_a_page_that_is_unpublished_by_then_is_an_error():
    ending = ArticleFactory(unpublish_at=timezone.now() + dt.timedelta(days=1))
    link = f'<p><a href="{ending.get_absolute_url()}">Nyheten</a></p>'

    assert codes(link) == set()
    assert error("internal_link_unpublished") in codes(link, publish_at=timezone.now() + dt.timedelta(days=2))


def test_link_to_a_library_document_is_checked():
    document = library_document()

    assert codes(f'<p><a href="/dokument/{document.pk}/">Rapporten</a></p>') == set()
    assert error("internal_link_missing") in codes('<p><a href="/dokument/999999/">Rapporten</a></p>')


def test_link_to_a_missing_media_file_is_an_error():
    assert error("internal_link_missing") in codes('<p><a href="/media/dokument/saknas.pdf">Filen</a></p>')


@pytest.mark.parametrize(
    "href",
    [
        "mailto:info@vastkom.se",
        "tel:+46313355199",
        "#kontakt",
        "https://www.regeringen.se/",
        # Backslash forms browsers follow off the site, as the external-link marker reads them.
        "/\\regeringen.se/",
        "\\\\regeringen.se\\",
        "https:/\\regeringen.se/",
    ],
)
def test_links_that_leave_the_site_or_page_are_not_resolved(href):
    assert not {code for code, _s in codes(f'<p><a href="{href}">VästKom kansli</a></p>')} & {
        "internal_link_missing",
        "internal_link_unpublished",
    }


def test_lead_longer_than_300_characters_is_a_warning():
    assert warning("lead_too_long") in codes(lead="Ord " * 80)
    assert warning("lead_too_long") not in codes(lead="En kort ingress om nyheten.")


def test_lead_in_capitals_is_a_warning():
    assert warning("all_caps") in codes(lead="NU ÖPPNAR ANMÄLAN TILL KONFERENSEN")


@pytest.mark.parametrize(
    ("value", "band"),
    [(25, "mycket lätt"), (35, "lätt"), (45, "medelsvår"), (55, "svår"), (65, "mycket svår")],
)
def test_lix_bands_are_the_usual_swedish_ones(value, band):
    assert lix_band(value) == band


def test_lix_is_words_per_sentence_plus_share_of_long_words():
    # Seven words, two of them longer than six letters ("Kommunerna", "samverkar"), ten times:
    # 70 words / 10 sentences + 100 * 20 / 70 = 7 + 28.6 = 36.
    blocks = ["Kommunerna samverkar idag om vård och omsorg. " * 10]

    assert lix(blocks) == 36


def test_lix_is_not_given_for_very_short_texts():
    assert lix(["En kort text."]) is None


def test_the_report_gives_the_body_lix_figure():
    report = check_fields(rich={"body": f"<p>{LONG_EASY_TEXT}</p>"}, plain={})

    assert report.figures["lix"] < 30
    assert report.figures["lix_band"] == "mycket lätt"
