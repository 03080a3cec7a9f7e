from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Nyheter")

    def ready(self):
        from articles.models import Article
        from articles.views import ArticleDetailView
        from vastkom.core.history import registry as history
        from vastkom.core.previews import registry as previews

        history.register(Article)
        previews.register(Article, ArticleDetailView)
