"""Tests: the database comes from DATABASE_URL (PostgreSQL in CI), SQLite otherwise."""

import os

from gen.settings.base import *  # noqa: F403
from gen.settings.base import DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "gen.demo"]
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if "DATABASE_URL" not in os.environ:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
MAP_TILES_URL = ""
# Each test builds its own data: nothing may survive from one test to the next in a cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
