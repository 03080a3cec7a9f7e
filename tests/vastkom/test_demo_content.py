"""The demo content is honest: its own words for every article, and pictures whose alt text
says what the picture really shows (each scene records what it drew)."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from articles.models import Article
from topics.models import Topic
from vastkom.core.richtext import html_to_text
from vastkom.site import demo_content, demo_pictures

pytestmark = pytest.mark.django_db

AFTER_DEMO = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
# Words that say a picture shows people (Swedish).
PEOPLE = re.compile(
    r"\b(person|personer|människ\w*|talare|deltagare|publik\w*|åhörare|kvinn\w*|män|man|barn|elev\w*|"
    r"medarbetare|sjukskötersk\w*|underskötersk\w*|läkare|politiker|folk|ansikte\w*|grupp)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, demo_media):
    """One media folder for the module: the pictures are drawn once, then reused."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


@pytest.fixture
def demo():
    with time_machine.travel(AFTER_DEMO, tick=False):
        call_command("load_demo", stdout=StringIO())


def scene_of() -> dict[str, str]:
    """Article slug -> the scene its picture was drawn from."""
    from vastkom.core.slugs import swedish_slugify

    scenes = {demo_content.SEED_ARTICLE["slug"]: demo_content.SEED_ARTICLE["picture"]}
    for data in demo_content.NEWS:
        if data.get("picture"):
            scenes[swedish_slugify(data["title"])] = data["picture"]
    return scenes


def shows_people_unless_said(alt: str, drawn) -> list[str]:
    """What is wrong with ``alt`` for a picture that drew ``drawn``."""
    problems = []
    if PEOPLE.search(alt) and "person" not in drawn:
        problems.append("speaks of people the picture does not show")
    if "person" in drawn and not PEOPLE.search(alt):
        problems.append("leaves out the people the picture shows")
    return problems


def test_every_demo_article_has_its_own_lead(demo):
    leads = list(Article.objects.published().values_list("lead", flat=True))

    assert len(leads) > 20
    assert len(set(leads)) == len(leads)


def test_every_demo_article_has_at_least_two_paragraphs_of_its_own(demo):
    seen = {}
    for article in Article.objects.published():
        paragraphs = [html_to_text(p) for p in re.findall(r"<p>(.*?)</p>", article.body, re.DOTALL)]
        paragraphs = [p for p in paragraphs if len(p) > 60]
        assert len(paragraphs) >= 2, article.title
        for paragraph in paragraphs:
            assert paragraph not in seen, (article.title, seen.get(paragraph))
            seen[paragraph] = article.title


def test_no_demo_alt_text_speaks_of_people_unless_the_picture_shows_people(demo):
    scenes = scene_of()
    checked = 0
    for article in Article.objects.exclude(image=""):
        drawn = demo_pictures.draw(scenes[article.slug]).drawn
        if article.image_decorative:
            assert article.image_alt_text == "", article.title
            continue
        assert shows_people_unless_said(article.image_alt, drawn) == [], (article.title, article.image_alt, drawn)
        checked += 1

    assert checked >= 10


def test_the_people_check_itself_catches_the_old_demo_photo():
    circles = frozenset({"circles"})

    assert shows_people_unless_said("Tre talare står framför en projektorduk i en konferenssal.", circles)
    assert shows_people_unless_said("En konferenssal.", frozenset({"person", "screen"}))
    assert shows_people_unless_said("Tecknad bild: ett hus och en bil.", frozenset({"house", "car"})) == []


def test_the_seed_picture_shows_the_three_people_its_caption_names():
    drawn = demo_pictures.draw(demo_content.SEED_ARTICLE["picture"]).drawn

    assert {"person", "screen", "chart"} <= drawn
    assert "tre personer" in demo_content.SEED_ARTICLE["alt"]


def test_demo_alt_texts_say_the_pictures_are_drawn(demo):
    for article in Article.objects.exclude(image="").exclude(image_decorative=True):
        assert article.image_alt.startswith(("Tecknad bild:", "Tecknad karta:")), article.image_alt


def test_decorative_demo_pictures_have_empty_alt_on_the_page(client, demo):
    article = Article.objects.filter(image_decorative=True).exclude(image="").first()

    with time_machine.travel(AFTER_DEMO, tick=False):
        content = client.get(article.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="article__figure[^"]*">\s*(<img [^>]*>)', content).group(1)
    assert 'alt=""' in figure


def test_demo_pictures_record_their_width_and_height(demo):
    with_pictures = Article.objects.exclude(image="")

    assert with_pictures.count() >= 10
    assert set(with_pictures.values_list("image_width", "image_height")) == {
        (demo_pictures.WIDTH, demo_pictures.HEIGHT)
    }


def test_list_pages_still_answer_when_the_demo_picture_files_are_gone(client, demo, demo_media):
    for picture in (demo_media / "demo").iterdir():
        picture.unlink()

    with time_machine.travel(AFTER_DEMO, tick=False):
        for url in ("/", "/nyheter/", "/nyheter/?page=2", "/amnen/kommunal-halso-och-sjukvard/"):
            assert client.get(url).status_code == 200, url


def test_demo_seed_topic_has_the_sections_of_the_seed_page(client, demo):
    with time_machine.travel(AFTER_DEMO, tick=False):
        content = client.get("/amnen/kommunal-halso-och-sjukvard/").content.decode()

    text = html_to_text(content)
    assert "över 80 år" in text and "rekrytera" in text and "ny teknik" in text
    assert "<h3>Kompetensutveckling för att möta omställningen</h3>" in content
    for heading in ("Så gör samverkan skillnad", "Stöd i omställningen till nära vård", "Kunskapsunderlag"):
        assert heading in content


def test_demo_seed_article_closes_with_its_photo_and_caption(client, demo):
    article = Article.objects.get(slug=demo_content.SEED_ARTICLE["slug"])

    with time_machine.travel(AFTER_DEMO, tick=False):
        content = client.get(article.get_absolute_url()).content.decode()

    last_paragraph = content.index("Regeringskansliet")
    figure = content.index('<figure class="article__figure article__figure--end">')
    caption = content.index(f"<figcaption>{article.image_caption}</figcaption>")
    assert last_paragraph < figure < caption < content.index('class="page-dates"')


def test_demo_topic_pages_list_each_related_page_once(client, demo):
    with time_machine.travel(AFTER_DEMO, tick=False):
        for topic in Topic.objects.published():
            content = client.get(topic.get_absolute_url()).content.decode()
            aside = content[content.index('class="page-layout__aside"') :]
            links = re.findall(r'<a href="(/amnen/[^"]+/)">', aside)
            assert len(links) == len(set(links)), (topic.slug, links)
