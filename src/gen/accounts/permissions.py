"""The one permission layer: every view, endpoint and admin page asks here who may do what.

Roles come from memberships, loaded once per request and cached on the user object. Anonymous and
inactive users have no role at all.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from gen.accounts.models import Membership, Role

_CACHE_ATTRIBUTE = "_gen_access"


@dataclass(frozen=True)
class Access:
    roles: frozenset[str] = frozenset()
    # Organisations the user belongs to (training organisations and prescribers' structures).
    organisation_ids: frozenset[int] = frozenset()
    admin_organisation_ids: frozenset[int] = frozenset()
    funder_ids: frozenset[int] = frozenset()
    # None stands for a national reviewer.
    reviewer_region_ids: frozenset[int | None] = frozenset()

    @property
    def is_national_team(self) -> bool:
        return Role.NATIONAL_TEAM in self.roles


def access_of(user) -> Access:
    if user is None or not user.is_authenticated or not user.is_active:
        return Access()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        memberships = Membership.objects.filter(user=user).values_list(
            "role", "organisation_id", "funder_id", "region_id", "is_admin", named=True
        )
        roles, organisations, admin_organisations, funders, regions = set(), set(), set(), set(), set()
        for membership in memberships:
            roles.add(membership.role)
            if membership.organisation_id is not None:
                organisations.add(membership.organisation_id)
                if membership.is_admin:
                    admin_organisations.add(membership.organisation_id)
            if membership.funder_id is not None:
                funders.add(membership.funder_id)
            if membership.role == Role.REVIEWER:
                regions.add(membership.region_id)
        cached = Access(
            roles=frozenset(roles),
            organisation_ids=frozenset(organisations),
            admin_organisation_ids=frozenset(admin_organisations),
            funder_ids=frozenset(funders),
            reviewer_region_ids=frozenset(regions),
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_access(user) -> None:
    """Call after changing a user's memberships within the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def has_role(user, *roles: str) -> bool:
    return bool(access_of(user).roles.intersection(roles))


def is_national_team(user) -> bool:
    return access_of(user).is_national_team


def can_view_organisation(user, organisation_id: int) -> bool:
    access = access_of(user)
    return access.is_national_team or organisation_id in access.organisation_ids


def can_manage_organisation_members(user, organisation_id: int) -> bool:
    access = access_of(user)
    return access.is_national_team or organisation_id in access.admin_organisation_ids


def role_required(*roles: str) -> Callable:
    """View decorator: anonymous users go to the login page, users without one of `roles` get a 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
