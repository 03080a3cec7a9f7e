from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

# The table of the database-backed "shared" cache (settings.CACHES). Made whatever the
# settings say today, so a site that drops REDIS_URL later still finds it.
TABLE = "vastkom_shared_cache"


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_table, drop_table)]
