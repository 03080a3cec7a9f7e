from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel: mechanisms every content type shares. It imports no app of ours."""

    name = "vastkom.core"
    label = "core"
    verbose_name = _("Publicering")

    def ready(self):
        from django.test.signals import setting_changed

        from vastkom.core import (
            checks,  # noqa: F401 - registers the deploy checks
            library_admin,  # noqa: F401 - the image and document libraries' admin screens
            pagecache,
        )

        pagecache.connect_signals()
        setting_changed.connect(pagecache.setting_changed, dispatch_uid="pagecache:settings")
