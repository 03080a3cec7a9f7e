"""Every landmark on a page has its own name: a screen reader's list of landmarks tells them apart."""

from html.parser import HTMLParser

import pytest

from tests.articles.factories import ArticleFactory
from tests.topics.factories import ContactPersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SECTIONING = {"article", "aside", "main", "nav", "section"}


class Landmarks(HTMLParser):
    """Collects (role, name) of each landmark as the HTML-AAM maps elements to roles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, element id) of the open elements
        self.found = []  # [role, aria-label, aria-labelledby]
        self.text = {}  # id -> its text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inside_sectioning = any(t in SECTIONING for t, _ in self.open)
        role = attrs.get("role")
        if role is None:
            role = {"nav": "navigation", "main": "main", "aside": "complementary"}.get(tag)
            if tag == "header" and not inside_sectioning:
                role = "banner"
            if tag == "footer" and not inside_sectioning:
                role = "contentinfo"
            if tag == "section" and (attrs.get("aria-label") or attrs.get("aria-labelledby")):
                role = "region"
        if role in {"banner", "navigation", "main", "complementary", "contentinfo", "region", "search"}:
            self.found.append([role, attrs.get("aria-label"), attrs.get("aria-labelledby")])
        if tag not in VOID:
            self.open.append((tag, attrs.get("id")))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _tag, element_id in self.open:
            if element_id:
                self.text[element_id] = self.text.get(element_id, "") + data

    def names(self) -> list[tuple[str, str]]:
        out = []
        for role, label, labelledby in self.found:
            name = label or " ".join(self.text.get(i, "") for i in (labelledby or "").split())
            out.append((role, " ".join(name.split())))
        return out


def landmarks(html: str) -> list[tuple[str, str]]:
    parser = Landmarks()
    parser.feed(html)
    return parser.names()


@pytest.fixture
def pages():
    contact = ContactPersonFactory(name="Tove Lindqvist")
    area = TopicFactory(title="Kommunal hälso- och sjukvård", show_in_menu=True, contacts=[contact])
    topic = TopicFactory(title="Nära vård", parent=area, contacts=[contact], related_topics=[TopicFactory()])
    area.related_topics.add(TopicFactory(title="Digitalisering"))
    article = ArticleFactory(with_image=True, topics=[topic], contacts=[contact])
    return {
        "home": "/",
        "area": area.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/sok/?q=Tove",
        "subscribe": "/prenumeration/",
        "not-found": "/finns-inte/",
    }


def test_landmark_names_are_unique_on_every_page_type(client, pages):
    for name, url in pages.items():
        found = landmarks(client.get(url).content.decode())

        duplicates = sorted({item for item in found if found.count(item) > 1})
        assert found and duplicates == [], (name, found)


def test_the_topic_page_has_one_kontakt_landmark(client, pages):
    found = landmarks(client.get(pages["area"]).content.decode())

    assert found.count(("region", "Kontakt")) == 1
    assert [role for role, _ in found].count("contentinfo") == 1


def test_the_search_page_names_its_two_search_forms_apart(client, pages):
    found = landmarks(client.get(pages["search"]).content.decode())

    searches = [name for role, name in found if role == "search"]
    assert len(searches) == 2 and len(set(searches)) == 2


def test_the_landmark_check_itself_finds_two_regions_of_one_name():
    html = (
        '<main><section aria-labelledby="a"><h2 id="a">Kontakt</h2></section></main>'
        '<footer><section aria-labelledby="b"><h2 id="b">Kontakt</h2></section></footer>'
    )

    assert landmarks(html).count(("region", "Kontakt")) == 2
