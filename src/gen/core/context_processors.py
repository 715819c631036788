from django.conf import settings

from gen.accounts.permissions import access_of


def platform(request) -> dict:
    access = access_of(request.user)
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "user_access": access,
        "DEBUG": settings.DEBUG,
    }
