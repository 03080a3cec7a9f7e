"""The README's backup and restore, tried once: scripts/backup.sh, then scripts/restore.sh into a
scratch database and media folder, give back the same rows and files."""

import os
import subprocess
import sys
import uuid

import psycopg2
import pytest
from django.db import connection

from articles.models import Article
from subscriptions.models import Subscriber
from tests.articles.factories import ArticleFactory
from tests.processes import BASE_DIR, database_url, process_env
from tests.subscriptions.factories import SubscriberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def script(name, *args, **env):
    result = subprocess.run(
        ["bash", f"scripts/{name}", *map(str, args)],
        cwd=BASE_DIR,
        env=process_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def admin_connection():
    s = connection.settings_dict
    conn = psycopg2.connect(
        dbname="postgres", user=s["USER"], password=s["PASSWORD"], host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432
    )
    conn.autocommit = True
    return conn


def test_a_backup_restores_into_a_scratch_database_with_its_files(tmp_path):
    ArticleFactory.create_batch(3)
    SubscriberFactory.create_batch(4, confirmed=True)
    media = tmp_path / "media"
    (media / "uploads" / "2026").mkdir(parents=True)
    picture = media / "uploads" / "2026" / "bild.jpg"
    picture.write_bytes(os.urandom(2048))

    backup = script("backup.sh", tmp_path / "backups", DJANGO_MEDIA_ROOT=media)

    scratch = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = admin_connection()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        scratch_url = database_url().rsplit("/", 1)[0] + f"/{scratch}"
        restored = tmp_path / "restored-media"
        script("restore.sh", backup, DATABASE_URL=scratch_url, DJANGO_MEDIA_ROOT=restored)

        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=BASE_DIR, env=process_env(DATABASE_URL=scratch_url), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        with psycopg2.connect(scratch_url) as restored_db, restored_db.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {Article._meta.db_table}")
            articles = cursor.fetchone()[0]
            cursor.execute(f"SELECT email FROM {Subscriber._meta.db_table} ORDER BY email")
            emails = [row[0] for row in cursor.fetchall()]
        restored_db.close()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()

    assert check.returncode == 0, check.stdout + check.stderr  # every migration recorded
    assert articles == 3
    assert emails == sorted(Subscriber.objects.values_list("email", flat=True))
    assert (restored / "uploads" / "2026" / "bild.jpg").read_bytes() == picture.read_bytes()


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path):
    backup = script("backup.sh", tmp_path / "backups", DJANGO_MEDIA_ROOT=tmp_path / "no-media")
    with open(f"{backup}/db.dump", "ab") as dump:
        dump.write(b"x")
    result = subprocess.run(
        ["bash", "scripts/restore.sh", backup],
        cwd=BASE_DIR, env=process_env(DJANGO_MEDIA_ROOT=tmp_path / "m"), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert not (tmp_path / "m").exists()
