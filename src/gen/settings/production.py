"""Production: refuses to start without a real secret key, hosts, database and the address people write
to about their personal data (shown in the privacy notice)."""

import os

from django.core.exceptions import ImproperlyConfigured

from gen.settings.base import *  # noqa: F403
from gen.settings.base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "PRIVACY_CONTACT_EMAIL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production.")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")

DEBUG = False
# Static files served compressed by the application server itself.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host and "*" not in host]
