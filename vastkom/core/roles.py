"""Who may put content before the public.

Every publishable content type has a ``publish_<model>`` permission (its ``Meta.permissions``,
e.g. ``articles.publish_article``). Writing and changing drafts needs the ordinary change
permission; publishing, scheduling, unpublishing and sending back need ``publish``. The
groups that bundle these for people are made by the site (``vastkom/site/roles.py``).
"""

# The editors' groups, as the data migration creates them (names are what admins see).
WRITER_GROUP = "Skribent"
PUBLISHER_GROUP = "Publicerare"
SUBSCRIPTIONS_GROUP = "Prenumerationsansvarig"


def publish_codename(model) -> str:
    return f"publish_{model._meta.model_name}"


def user_can_publish(user, model) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.has_perm(f"{model._meta.app_label}.{publish_codename(model)}")
