"""Who may reach what, role by role: the functions of the permission layer and the pages behind them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from gen.accounts.models import Role
from gen.accounts.permissions import (
    access_of,
    can_manage_organisation_members,
    can_view_organisation,
    forget_access,
    has_role,
    is_national_team,
    role_required,
)
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

# role → (national team, may view `organisation`, may manage its members)
EXPECTED = {
    "national_team": (True, True, True),
    "reviewer": (False, False, False),
    "member": (False, True, False),
    "organisation_admin": (False, True, True),
    "other_organisation_member": (False, False, False),
    "prescriber": (False, False, False),
    "funder": (False, False, False),
    "candidate": (False, False, False),
    "no_role": (False, False, False),
    "inactive": (False, False, False),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_each_role_can_view_and_manage_only_what_it_should(users, organisation, name):
    national, view, manage = EXPECTED[name]
    user = users[name]
    assert is_national_team(user) is national
    assert can_view_organisation(user, organisation.pk) is view
    assert can_manage_organisation_members(user, organisation.pk) is manage


def test_anonymous_user_has_no_access(organisation):
    anonymous = AnonymousUser()
    assert access_of(anonymous).roles == frozenset()
    assert not is_national_team(anonymous)
    assert not has_role(anonymous, *Role.values)
    assert not can_view_organisation(anonymous, organisation.pk)
    assert not can_manage_organisation_members(anonymous, organisation.pk)


def test_inactive_user_loses_every_role(users):
    inactive = users["inactive"]
    assert inactive.memberships.filter(role=Role.NATIONAL_TEAM).exists()
    assert access_of(inactive).roles == frozenset()
    assert not inactive.has_perm("organisations.change_organisation")


def test_access_lists_roles_and_scopes(organisation):
    region = RegionFactory()
    other = OrganisationFactory()
    membership = MembershipFactory(role=Role.ORGANISATION, organisation=organisation, is_admin=True)
    user = membership.user
    MembershipFactory(user=user, role=Role.ORGANISATION, organisation=other)
    MembershipFactory(user=user, role=Role.REVIEWER, region=region)
    funder_membership = MembershipFactory(user=user, role=Role.FUNDER)

    access = access_of(user)

    assert access.roles == {Role.ORGANISATION, Role.REVIEWER, Role.FUNDER}
    assert access.organisation_ids == {organisation.pk, other.pk}
    assert access.admin_organisation_ids == {organisation.pk}
    assert access.funder_ids == {funder_membership.funder_id}
    assert access.reviewer_region_ids == {region.pk}
    assert not access.is_national_team


def test_national_reviewer_has_no_region():
    user = MembershipFactory(role=Role.REVIEWER).user
    assert access_of(user).reviewer_region_ids == {None}


def test_access_is_loaded_once_then_forgotten_on_demand(django_assert_num_queries):
    user = UserFactory()
    with django_assert_num_queries(1):
        assert not is_national_team(user)
        assert not has_role(user, Role.NATIONAL_TEAM)
    MembershipFactory(user=user, role=Role.NATIONAL_TEAM)
    assert not is_national_team(user)  # still the cached access
    forget_access(user)
    assert is_national_team(user)


def test_has_role_accepts_any_of_several_roles():
    user = MembershipFactory(role=Role.FUNDER).user
    assert has_role(user, Role.FUNDER)
    assert has_role(user, Role.NATIONAL_TEAM, Role.FUNDER)
    assert not has_role(user, Role.NATIONAL_TEAM, Role.REVIEWER)


def test_only_the_national_team_has_model_permissions(users):
    for name, user in users.items():
        expected = name == "national_team"
        assert user.has_perm("catalogue.change_course") is expected, name
        assert user.has_module_perms("catalogue") is expected, name


def test_superuser_flag_without_the_role_grants_no_admin_access(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


class TestRoleRequired:
    @staticmethod
    def view(request):
        return HttpResponse("ok")

    def request(self, user):
        request = RequestFactory().get("/reserve/?page=2")
        request.user = user
        return request

    def test_anonymous_goes_to_login_with_next(self):
        response = role_required(Role.FUNDER)(self.view)(self.request(AnonymousUser()))
        assert response.status_code == 302
        assert response.url == reverse("accounts:login") + "?next=/reserve/%3Fpage%3D2"

    def test_wrong_role_is_refused(self):
        user = MembershipFactory(role=Role.CANDIDATE).user
        with pytest.raises(PermissionDenied):
            role_required(Role.FUNDER, Role.NATIONAL_TEAM)(self.view)(self.request(user))

    def test_right_role_passes(self):
        user = MembershipFactory(role=Role.FUNDER).user
        response = role_required(Role.FUNDER, Role.NATIONAL_TEAM)(self.view)(self.request(user))
        assert response.status_code == 200


# Pages, role by role. (url name, kwargs) → expected status for each user; anonymous and inactive go to login.
def _space_url(organisation):
    return reverse("organisations:space", kwargs={"slug": organisation.slug})


PAGES = {
    # name: (my space, the organisation's space, admin index)
    "national_team": (200, 200, 200),
    "reviewer": (200, 404, 302),
    "member": (200, 200, 302),
    "organisation_admin": (200, 200, 302),
    "other_organisation_member": (200, 404, 302),
    "prescriber": (200, 404, 302),
    "funder": (200, 404, 302),
    "candidate": (200, 404, 302),
    "no_role": (200, 404, 302),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_role_reaches_only_its_pages(client, users, organisation, name):
    client.force_login(users[name])
    my_space, organisation_space, admin_index = PAGES[name]
    assert client.get(reverse("accounts:space")).status_code == my_space
    assert client.get(_space_url(organisation)).status_code == organisation_space
    response = client.get(reverse("admin:index"))
    assert response.status_code == admin_index
    if admin_index == 302:
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", ["anonymous", "inactive"])
def test_anonymous_and_inactive_users_are_sent_to_login(client, users, organisation, name):
    if name == "inactive":
        client.force_login(users["inactive"])
    for url in (reverse("accounts:space"), _space_url(organisation)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next={url}"
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
