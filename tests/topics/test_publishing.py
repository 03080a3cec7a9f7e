import pytest
import time_machine

from tests.topics.factories import TopicFactory
from tests.vastkom.publishing_cases import CASES, DAY, NOW, fields
from topics.models import Topic
from vastkom.core.publishing import Status, Visibility

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("status", "publish", "unpublish", "expected"), CASES)
def test_topic_published_queryset_follows_the_rule(status, publish, unpublish, expected):
    topic = TopicFactory(**fields(status, publish, unpublish))

    assert (topic in Topic.objects.published()) is (expected == Visibility.LIVE)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("status", "publish", "unpublish", "expected"), CASES)
def test_topic_is_published_mirrors_the_queryset(status, publish, unpublish, expected):
    topic = TopicFactory(**fields(status, publish, unpublish))

    assert topic.is_published is Topic.objects.published().filter(pk=topic.pk).exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("status", "publish", "unpublish", "expected"), CASES)
def test_topic_visibility_names_the_state(status, publish, unpublish, expected):
    topic = TopicFactory(**fields(status, publish, unpublish))

    assert topic.visibility == expected


def test_unpublished_topic_disappears_when_unpublish_at_passes():
    with time_machine.travel(NOW, tick=False):
        topic = TopicFactory(status=Status.PUBLISHED, publish_at=NOW - DAY, unpublish_at=NOW + DAY)
        assert Topic.objects.published().filter(pk=topic.pk).exists()

    with time_machine.travel(NOW + DAY, tick=False):
        assert not Topic.objects.published().filter(pk=topic.pk).exists()
