from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Ämnessidor och kontaktpersoner")

    def ready(self):
        from topics.models import Topic
        from topics.views import TopicDetailView
        from vastkom.core.previews import registry

        registry.register(Topic, TopicDetailView)
