"""The roles also cover the image and document libraries, preview links and redirects."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from vastkom.site.roles import roles_sync

    roles_sync(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("vastkom", "0003_editor_roles"),
        ("core", "0007_image_and_document_libraries"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
