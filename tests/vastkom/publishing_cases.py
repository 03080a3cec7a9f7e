"""The publishing rule's boundaries, shared by the Article and Topic tests.

Each case: status, ``publish_at`` and ``unpublish_at`` as offsets from the pinned "now"
(``None``: no unpublishing), and what the public should see.
"""

import datetime as dt

import pytest

from vastkom.core.publishing import Status, Visibility

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
SECOND = dt.timedelta(seconds=1)

CASES = [
    pytest.param(Status.DRAFT, -DAY, None, Visibility.DRAFT, id="draft-past-no_unpublish"),
    pytest.param(Status.DRAFT, -2 * DAY, -DAY, Visibility.DRAFT, id="draft-past-unpublish_past"),
    pytest.param(Status.DRAFT, -DAY, DAY, Visibility.DRAFT, id="draft-past-unpublish_future"),
    pytest.param(Status.DRAFT, DAY, None, Visibility.DRAFT, id="draft-future-no_unpublish"),
    pytest.param(Status.DRAFT, DAY, 2 * DAY, Visibility.DRAFT, id="draft-future-unpublish_future"),
    pytest.param(Status.PUBLISHED, -DAY, None, Visibility.LIVE, id="published-past-no_unpublish"),
    pytest.param(Status.PUBLISHED, -2 * DAY, -DAY, Visibility.EXPIRED, id="published-past-unpublish_past"),
    pytest.param(Status.PUBLISHED, -DAY, DAY, Visibility.LIVE, id="published-past-unpublish_future"),
    pytest.param(Status.PUBLISHED, DAY, None, Visibility.SCHEDULED, id="published-future-no_unpublish"),
    pytest.param(Status.PUBLISHED, DAY, 2 * DAY, Visibility.SCHEDULED, id="published-future-unpublish_future"),
    pytest.param(Status.PUBLISHED, dt.timedelta(0), None, Visibility.LIVE, id="published-exactly_now"),
    pytest.param(Status.PUBLISHED, SECOND, None, Visibility.SCHEDULED, id="published-one_second_ahead"),
    pytest.param(Status.PUBLISHED, -DAY, dt.timedelta(0), Visibility.EXPIRED, id="published-unpublish_exactly_now"),
    pytest.param(Status.PUBLISHED, -DAY, SECOND, Visibility.LIVE, id="published-unpublish_one_second_ahead"),
]


def fields(status, publish_offset, unpublish_offset):
    return {
        "status": status,
        "publish_at": NOW + publish_offset,
        "unpublish_at": None if unpublish_offset is None else NOW + unpublish_offset,
    }
