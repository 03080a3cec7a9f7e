from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Ämnessidor och kontaktpersoner")

    def ready(self):
        from topics.models import ContactPerson, Topic
        from topics.views import TopicDetailView
        from vastkom.core.history import registry as history
        from vastkom.core.previews import registry as previews

        history.register(Topic)
        history.register(ContactPerson)
        previews.register(Topic, TopicDetailView)
