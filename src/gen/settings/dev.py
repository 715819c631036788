"""Local development and the demo: SQLite by default, e-mails printed on the console."""

import os

from gen.settings.base import *  # noqa: F403
from gen.settings.base import INSTALLED_APPS, env_list

DEBUG = os.environ.get("DEBUG", "1") == "1"
# The demo generator (`gen seed-demo`) is installed only here and in the tests, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "gen.demo"]
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
