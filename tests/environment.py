"""Loaded by pytest before Django (``-p tests.environment``): a test run is a local run.

Sets only what is not set already, so CI's DATABASE_URL wins.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("SITE_URL", "http://testserver")
