"""The database holds the shape of a membership: its scope follows its role, and no duplicates."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gen.accounts.models import Membership, Role, User
from tests.factories import FunderFactory, MembershipFactory, OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(**fields)


@pytest.mark.parametrize("role", [Role.ORGANISATION, Role.PRESCRIBER])
def test_organisation_roles_need_an_organisation_and_nothing_else(role):
    user = UserFactory()
    assert_refused(user=user, role=role)
    assert_refused(user=user, role=role, organisation=OrganisationFactory(), funder=FunderFactory())
    assert_refused(user=user, role=role, organisation=OrganisationFactory(), region=RegionFactory())
    Membership.objects.create(user=user, role=role, organisation=OrganisationFactory())


def test_funder_role_needs_a_funder_and_nothing_else():
    user = UserFactory()
    assert_refused(user=user, role=Role.FUNDER)
    assert_refused(user=user, role=Role.FUNDER, funder=FunderFactory(), organisation=OrganisationFactory())
    assert_refused(user=user, role=Role.FUNDER, funder=FunderFactory(), region=RegionFactory())
    Membership.objects.create(user=user, role=Role.FUNDER, funder=FunderFactory())


@pytest.mark.parametrize("role", [Role.NATIONAL_TEAM, Role.CANDIDATE])
def test_personal_roles_have_no_scope(role):
    user = UserFactory()
    assert_refused(user=user, role=role, organisation=OrganisationFactory())
    assert_refused(user=user, role=role, funder=FunderFactory())
    assert_refused(user=user, role=role, region=RegionFactory())
    Membership.objects.create(user=user, role=role)


def test_reviewers_may_have_a_region_but_no_organisation_or_funder():
    assert_refused(user=UserFactory(), role=Role.REVIEWER, organisation=OrganisationFactory())
    assert_refused(user=UserFactory(), role=Role.REVIEWER, funder=FunderFactory())
    Membership.objects.create(user=UserFactory(), role=Role.REVIEWER)
    Membership.objects.create(user=UserFactory(), role=Role.REVIEWER, region=RegionFactory())


@pytest.mark.parametrize("role", [Role.NATIONAL_TEAM, Role.REVIEWER, Role.CANDIDATE])
def test_admin_flag_only_in_organisations(role):
    assert_refused(user=UserFactory(), role=role, is_admin=True)


def test_funder_cannot_be_admin():
    assert_refused(user=UserFactory(), role=Role.FUNDER, funder=FunderFactory(), is_admin=True)


@pytest.mark.parametrize("role", [Role.ORGANISATION, Role.PRESCRIBER])
def test_organisation_admins(role):
    membership = Membership.objects.create(
        user=UserFactory(), role=role, organisation=OrganisationFactory(), is_admin=True
    )
    assert membership.is_admin


def test_one_membership_per_user_and_organisation():
    membership = MembershipFactory(role=Role.ORGANISATION)
    assert_refused(user=membership.user, role=Role.ORGANISATION, organisation=membership.organisation)
    assert_refused(user=membership.user, role=Role.PRESCRIBER, organisation=membership.organisation)
    # Another organisation, or another user in the same one, is fine.
    MembershipFactory(user=membership.user, role=Role.ORGANISATION)
    MembershipFactory(role=Role.ORGANISATION, organisation=membership.organisation)


def test_one_membership_per_user_and_funder():
    membership = MembershipFactory(role=Role.FUNDER)
    assert_refused(user=membership.user, role=Role.FUNDER, funder=membership.funder)
    MembershipFactory(user=membership.user, role=Role.FUNDER)


@pytest.mark.parametrize("role", [Role.NATIONAL_TEAM, Role.REVIEWER, Role.CANDIDATE])
def test_personal_roles_are_held_once(role):
    membership = MembershipFactory(role=role)
    assert_refused(user=membership.user, role=role)
    MembershipFactory(role=role)  # another user


def test_constraint_violations_read_in_french_on_forms():
    membership = Membership(user=UserFactory(), role=Role.CANDIDATE, is_admin=True)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "Seuls les membres d’un organisme peuvent en être administrateurs." in error.value.messages


def test_emails_are_stored_and_matched_in_lower_case():
    user = User.objects.create_user("Camille.Martin@Example.ORG", "mot-de-passe-solide-42")
    assert user.email == "camille.martin@example.org"
    assert User.objects.get_by_natural_key(" CAMILLE.martin@example.org ") == user


def test_createsuperuser_gives_the_national_team_role():
    user = User.objects.create_superuser("chef@example.org", "mot-de-passe-solide-42")
    assert user.memberships.get().role == Role.NATIONAL_TEAM
