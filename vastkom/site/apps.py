from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site: what puts the apps together (home, search, feeds, sitemaps, demo content).

    Its label stays "vastkom" so the accessibility statement keeps its table and migrations.
    """

    name = "vastkom.site"
    label = "vastkom"
    verbose_name = _("Webbplatsen")
