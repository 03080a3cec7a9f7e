"""Property-based: whatever is posted to the editor's image upload, the answer is 200 or a
Swedish 400 in JSON, never a 500, and a refusal stores nothing (issue 7)."""

import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import image_bytes
from vastkom.core.models import ImageAsset

pytestmark = pytest.mark.django_db

SWEDISH_MESSAGES = (
    "Filen är ingen bild",
    "Filnamnets ändelse",
    "Bildformatet stöds inte",
    "Bilden är skadad",
    "Bilden har för många bildpunkter",
    "Filen är för stor",
    "Ingen fil skickades",
    "Ogiltig begäran från editorn",
)
EXTENSIONS = ["", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".html", ".PNG", ".bmp", ".png.exe"]


@st.composite
def image_like_bytes(draw):
    image_format = draw(st.sampled_from(["PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF"]))
    width = draw(st.integers(min_value=1, max_value=64))
    height = draw(st.integers(min_value=1, max_value=64))
    data = image_bytes(image_format, size=(width, height))
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    if draw(st.booleans()):
        return data
    return data[:cut] + draw(st.binary(max_size=64))


file_names = st.builds(
    lambda stem, ext: stem + ext,
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300),
    st.sampled_from(EXTENSIONS),
)
func_nums = st.one_of(st.none(), st.text(max_size=30), st.integers(min_value=0, max_value=10**9).map(str))


def media_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=file_names, content=st.one_of(st.binary(max_size=512), image_like_bytes()), func_num=func_nums)
def test_any_upload_is_answered_with_json_and_a_refusal_stores_nothing(
    admin_client, media_in_tmp, name, content, func_num
):
    before_files, before_rows = media_files(media_in_tmp), ImageAsset.objects.count()
    query = "" if func_num is None else "?" + urlencode({"CKEditorFuncNum": func_num})

    response = admin_client.post(f"/ckeditor/upload/{query}", {"upload": SimpleUploadedFile(name or "x", content)})

    assert response.status_code in {200, 400}
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    if response.status_code == 400:
        assert body["uploaded"] == 0
        assert body["error"]["message"].startswith(SWEDISH_MESSAGES)
        assert media_files(media_in_tmp) == before_files
        assert ImageAsset.objects.count() == before_rows
    else:
        assert body["uploaded"] == 1
        assert ImageAsset.objects.count() == before_rows + 1
        stored = media_in_tmp / body["url"].removeprefix("/media/")
        assert stored.is_file()
        assert len(stored.name) <= 60
