"""The editors' roles: which permissions each group holds, across the apps.

The groups are made by a data migration (``vastkom/site/migrations/0003_editor_roles.py``,
synced again by later ones), so production has them after ``migrate``, not only the demo.
They are defined here, in code:
to change a role, change ``ROLES`` and add a migration that calls ``roles_sync`` again.

- **Skribent** writes and changes drafts of news and topic pages, sees previews, makes and
  revokes preview links and hands a draft in as "Klar för granskning". Changes to a published
  page are kept as a pending draft until a publisher publishes them. May add contact persons,
  images and documents, not change those in use (they show on live pages at once).
- **Publicerare** all of that, plus publish, schedule, unpublish, send back with a comment,
  delete, change contact persons, images and documents, manage redirects, edit the
  accessibility statement and see the outbox (failed e-mails, addresses masked).
- **Prenumerationsansvarig** alone sees and handles subscribers and their addresses.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from vastkom.core.roles import PUBLISHER_GROUP, SUBSCRIPTIONS_GROUP, WRITER_GROUP

WRITE = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

ROLES = {
    WRITER_GROUP: {
        "articles.article": WRITE,
        "topics.topic": WRITE,
        "topics.contactperson": ("view", "add"),
        "vastkom.accessibilitystatement": ("view",),
        "core.imageasset": ("view", "add"),
        "core.document": ("view", "add"),
        "core.previewlink": WRITE,
        "core.redirect": ("view",),
    },
    PUBLISHER_GROUP: {
        "articles.article": (*ALL, "publish"),
        "topics.topic": (*ALL, "publish"),
        "topics.contactperson": ALL,
        "vastkom.accessibilitystatement": ("view", "change"),
        "core.imageasset": ALL,
        "core.document": ALL,
        "core.previewlink": ALL,
        "core.redirect": ALL,
        "subscriptions.notice": ("view",),
        "subscriptions.dispatch": ("view",),
    },
    SUBSCRIPTIONS_GROUP: {
        "subscriptions.subscriber": ALL,
        "subscriptions.subscribertopic": ALL,
        "subscriptions.notice": ("view",),
        "subscriptions.dispatch": ("view",),
        "topics.topic": ("view",),  # choosing a subscriber's topics
    },
}


def roles_sync(*, apps=global_apps, using=DEFAULT_DB_ALIAS) -> None:
    """Make the groups and give each exactly the permissions in ``ROLES``.

    Runs inside a migration (``apps`` is then the historical registry, where permissions do
    not exist yet: they are made here first) and in tests after a database flush.
    Permissions of models that do not exist yet are skipped.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        made_up = getattr(app_config, "models_module", None) is None
        if made_up:
            app_config.models_module = True  # historical apps have no module; permissions need one
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            if made_up:
                app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, spec in ROLES.items():
        group, _created = group_model.objects.using(using).get_or_create(name=name)
        permissions = []
        for label, actions in spec.items():
            app_label, model_name = label.split(".")
            permissions += permission_model.objects.using(using).filter(
                content_type__app_label=app_label,
                content_type__model=model_name,
                codename__in=[f"{action}_{model_name}" for action in actions],
            )
        group.permissions.set(permissions)
