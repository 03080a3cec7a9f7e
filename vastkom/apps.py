from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VastkomConfig(AppConfig):
    name = "vastkom"
    verbose_name = _("Webbplatsen")
