"""Saving through the admin as an editor would, with a payload in every text field.

A field the admin refuses (a line break in a title, an invalid e-mail address, too long)
shows the form again: that page is checked too, the refusal must be one of the expected
ones, and the value is repaired as an editor would before saving again.
"""

import datetime as dt
import re

from django.utils import timezone

from tests.security.checker import executable_in_html
from vastkom.core.controlchars import text_strip

# Why the admin may refuse a payload, and nothing else.
EXPECTED_REFUSALS = {
    "control_characters",
    "line_break",
    "null_characters_not_allowed",
    "max_length",
    "invalid",
    "phone",
}
# What the publish-time quality check refuses (vastkom/core/quality.py), fixed as an editor
# would: the payload itself stays in the text.
QUALITY_REFUSALS = {"image_alt_missing", "empty_link", "h1_in_text"}
VALID = {"email": "kontakt@example.se", "feedback_email": "info@vastkom.se", "phone": "031-123 45 67"}


def now_fields(prefix: str = "publish_at") -> dict:
    now = timezone.localtime()
    return {f"{prefix}_0": now.strftime("%Y-%m-%d"), f"{prefix}_1": now.strftime("%H:%M:%S")}


def article_data(payload: str, *, topics=(), contacts=()) -> dict:
    return {
        "title": payload,
        "slug": "",
        "lead": payload,
        "body": payload,
        "image_alt": payload,
        "image_caption": payload,
        "status": "published",
        **now_fields(),
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "topics": [t.pk for t in topics],
        "contacts": [c.pk for c in contacts],
    }


def topic_data(payload: str, *, contacts=()) -> dict:
    return {
        "title": payload,
        "slug": "",
        "intro": payload,
        "body": payload,
        "order": "0",
        "show_in_menu": "on",
        "review_by": (timezone.localdate() + dt.timedelta(days=365)).isoformat(),
        "status": "published",
        **now_fields(),
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "contacts": [c.pk for c in contacts],
    }


def contact_data(payload: str) -> dict:
    return {
        "name": payload,
        "role": payload,
        "organisation": payload,
        "email": payload,
        "phone": payload,
        "active": "on",
    }


def statement_data(payload: str, statement) -> dict:
    return {
        "organisation": payload,
        "compliance": "partial",
        "compliance_details": payload,
        "shortcomings": payload,
        "feedback_email": payload,
        "feedback_phone": payload,
        "feedback_details": payload,
        "assessment_method": payload,
        "assessed_on": statement.assessed_on.isoformat(),
        "published_on": statement.published_on.isoformat(),
    }


def quality_repaired(html: str) -> str:
    """``html`` with what the quality check blocks fixed, the way an editor would: every image
    gets an alt text (a first attribute wins over a later one), every link some text, and a
    level-1 heading becomes level 2."""
    html = re.sub(r"<im(?:g|age)\b", '<img alt="Bild" ', html, flags=re.IGNORECASE)  # <image> parses as <img>
    html = re.sub(r"</a\s*>", "länk</a>", html, flags=re.IGNORECASE)
    return re.sub(r"<(/?)h1\b", r"<\1h2", html, flags=re.IGNORECASE)


def repaired(form, data: dict) -> dict:
    """``data`` with each refused field fixed the way an editor would fix it."""
    data = dict(data)
    for name, errors in form.errors.as_data().items():
        codes = {e.code for e in errors}
        expected = EXPECTED_REFUSALS | QUALITY_REFUSALS
        assert codes <= expected, f"{name}: unexpected refusal {codes}: {[e.messages for e in errors]}"
        if codes & QUALITY_REFUSALS:
            data[name] = quality_repaired(data[name])
            continue
        field = form.fields[name]
        multiline = field.widget.__class__.__name__ in {"Textarea", "AdminTextareaWidget"}
        value = data[name]
        if name in VALID:
            value = VALID[name]
        else:
            value = text_strip(value, multiline=multiline)
            if "max_length" in codes:
                value = value[: field.max_length]
        data[name] = value
    return data


def admin_save(client, url: str, data: dict, findings: dict):
    """POST ``data`` to an admin form; a refused form is checked, repaired and posted again
    (twice at most: the publish-time quality check speaks only once the fields are valid).
    Returns the final response (a redirect)."""
    response = client.post(url, data)
    for _attempt in range(2):
        if response.status_code != 200:
            break
        findings.setdefault(f"{url} (refused)", []).extend(executable_in_html(response.content.decode(), admin=True))
        form = response.context["adminform"].form
        data = repaired(form, data)
        response = client.post(url, data)
    assert response.status_code == 302, (url, response.context and response.context["adminform"].form.errors)
    return response
