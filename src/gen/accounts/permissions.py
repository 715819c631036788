"""The one permission layer: every view, endpoint and admin page asks here who may do what.

Roles come from memberships, loaded once per request and cached on the user object.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from gen.accounts.models import Membership, Role

_CACHE_ATTRIBUTE = "_gen_access"


@dataclass(frozen=True)
class Access:
    roles: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    admin_organisation_ids: frozenset[int] = frozenset()
    funder_ids: frozenset[int] = frozenset()
    reviewer_region_ids: frozenset[int | None] = field(default_factory=frozenset)

    @property
    def is_national_team(self) -> bool:
        return Role.NATIONAL_TEAM in self.roles


def access_of(user) -> Access:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Access()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        memberships = list(
            Membership.objects.filter(user=user).values_list(
                "role", "organisation_id", "funder_id", "region_id", "is_admin"
            )
        )
        cached = Access(
            roles=frozenset(role for role, *_ in memberships),
            organisation_ids=frozenset(org for role, org, *_ in memberships if org is not None),
            admin_organisation_ids=frozenset(
                org for role, org, _f, _r, admin in memberships if org and admin
            ),
            funder_ids=frozenset(funder for _role, _org, funder, *_ in memberships if funder is not None),
            reviewer_region_ids=frozenset(
                region for role, _o, _f, region, _a in memberships if role == Role.REVIEWER
            ),
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


def get_visible_or_404(queryset, user, *, check: Callable[[object, object], bool], **lookup):
    """Fetch one object and check the user may see it; a 404 either way, so nothing leaks."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not check(user, obj):
        raise Http404
    return obj


def roles_display(user) -> Iterable[str]:
    labels = dict(Role.choices)
    return [labels[role] for role in sorted(access_of(user).roles)]
