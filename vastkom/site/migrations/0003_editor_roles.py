"""The editors' groups Skribent, Publicerare and Prenumerationsansvarig (vastkom/site/roles.py)."""

from django.db import migrations


def make_roles(apps, schema_editor):
    from vastkom.site.roles import roles_sync

    roles_sync(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('vastkom', '0002_login_lockout_admin'),
        ("core", "0006_pending_draft"),
        ("articles", "0007_editorial_states"),
        ("topics", "0004_editorial_states"),
        ("subscriptions", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_roles, migrations.RunPython.noop)]
