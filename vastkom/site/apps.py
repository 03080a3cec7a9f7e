from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site: what puts the apps together (home, search, feeds, sitemaps, demo content).

    Its label stays "vastkom" so the accessibility statement keeps its table and migrations.
    """

    name = "vastkom.site"
    label = "vastkom"
    verbose_name = _("Webbplatsen")

    def ready(self):
        from django.db.backends.signals import connection_created

        from vastkom.site.search import register_sqlite_lower

        connection_created.connect(register_sqlite_lower, dispatch_uid="vastkom_sqlite_lower")
