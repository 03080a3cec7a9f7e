"""The trimmed editor: it offers what the cleaner keeps, uploads by XHR with JSON answers, speaks
Swedish, and shows "Källa" (HTML source) only to publishers."""

import html
import json
import re

import pytest
from django.contrib.auth.models import Permission

from tests.articles.factories import ArticleFactory
from vastkom.core.editor.config import BASE_CONFIG, CKEDITOR_SETTINGS, allowed_content
from vastkom.core.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

pytestmark = pytest.mark.django_db


def editor_config(client, url="/admin/articles/article/add/") -> dict:
    page = client.get(url).content.decode()
    match = re.search(r'<textarea name="body"[^>]*data-config="([^"]*)"', page)
    assert match, "no editor on the page"
    return json.loads(html.unescape(match.group(1)))


def toolbar_items(config) -> set[str]:
    return {item for group in config["toolbar_VastKom"] for item in group}


def acf_rules(text: str) -> dict[str, set[str]]:
    """``a[!href,title]; b i[lang]`` -> {"a": {"href", "title"}, "b": {"lang"}, "i": {"lang"}}."""
    rules = {}
    for rule in text.split(";"):
        tags, _, attributes = rule.strip().partition("[")
        names = {a.strip("!") for a in attributes.rstrip("]").split(",") if a}
        for tag in tags.split():
            rules[tag] = names
    return rules


def test_editor_allows_exactly_the_tags_the_cleaner_keeps():
    assert set(acf_rules(allowed_content())) == ALLOWED_TAGS


def test_editor_allows_no_attribute_the_cleaner_drops():
    for tag, attributes in acf_rules(allowed_content()).items():
        kept = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES.get("*", set())
        if tag == "img":
            kept |= {"role"}  # role="presentation" only, which nh3 enforces by value
        assert attributes <= kept, tag


def test_no_styles_sizes_floats_targets_or_classes_are_offered():
    content = allowed_content()

    assert "{" not in content and "(" not in content  # no styles, no classes
    assert "width" not in content and "height" not in content
    assert "target" not in content
    assert "border" not in content


def test_toolbar_has_no_font_colour_or_style_menus():
    for config in CKEDITOR_SETTINGS["CKEDITOR_CONFIGS"].values():
        assert not toolbar_items(config) & {"Font", "FontSize", "TextColor", "BGColor", "Styles", "JustifyLeft"}


def test_uploads_use_xhr_and_pasted_images_are_uploaded_not_inlined():
    assert BASE_CONFIG["filebrowserUploadMethod"] == "xhr"
    assert BASE_CONFIG["clipboard_handleImages"] is False
    assert BASE_CONFIG["language"] == "sv"
    assert BASE_CONFIG["linkShowTargetTab"] is False
    assert "link:target" in BASE_CONFIG["removeDialogTabs"]


def test_the_form_wires_the_editor_to_the_libraries(admin_client):
    config = editor_config(admin_client)

    assert config["uploadUrl"] == "/ckeditor/upload/"
    assert config["filebrowserImageUploadUrl"] == "/ckeditor/upload/"
    assert config["filebrowserImageBrowseUrl"] == "/ckeditor/browse/"
    assert config["filebrowserUploadUrl"] == "/ckeditor/dokument/upload/"
    assert config["filebrowserBrowseUrl"] == "/ckeditor/dokument/browse/"
    assert config["language"] == "sv"


def test_the_form_loads_our_editor_script(admin_client):
    page = admin_client.get("/admin/articles/article/add/").content.decode()

    assert 'src="/static/editor/vastkom-editor.js"' in page


def test_an_editor_without_publish_rights_gets_no_source_button(writer_client):
    assert "Source" not in toolbar_items(editor_config(writer_client))


def test_a_member_of_publicerare_gets_the_source_button(publisher_client):
    assert "Source" in toolbar_items(editor_config(publisher_client))


def test_a_user_with_a_publish_permission_gets_the_source_button(client, django_user_model):
    user = django_user_model.objects.create_user(username="ensam", password="lösen-för-test-1", is_staff=True)
    rights = ["add_article", "change_article", "publish_article"]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=rights))
    client.force_login(user)

    assert "Source" in toolbar_items(editor_config(client))


def test_a_superuser_gets_the_source_button(admin_client):
    assert "Source" in toolbar_items(editor_config(admin_client))


def test_the_topic_form_gets_the_same_per_user_editor(writer_client):
    from tests.topics.factories import TopicFactory

    topic = TopicFactory()
    config = editor_config(writer_client, f"/admin/topics/topic/{topic.pk}/change/")

    assert "Source" not in toolbar_items(config)
    assert config["uploadUrl"] == "/ckeditor/upload/"


def test_alt_text_written_in_the_editor_is_remembered_by_the_library(admin_client, django_capture_on_commit_callbacks):
    from tests.vastkom.admin_forms import admin_form_data
    from tests.vastkom.factories import library_image

    asset = library_image()
    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    body = f'<p><img src="{asset.file.url}" alt="Tre talare på scenen."></p>'

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, admin_form_data(admin_client.get(url), body=body))

    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.alt_text == "Tre talare på scenen."
