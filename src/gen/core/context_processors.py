from django.conf import settings

from gen.accounts.permissions import access_of


def platform(request) -> dict:
    # Requests refused before the authentication middleware (a bad Host header) have no user.
    access = access_of(getattr(request, "user", None))
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "user_access": access,
        "DEBUG": settings.DEBUG,
    }
