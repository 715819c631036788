import pytest

from gen.accounts.models import Role
from tests.factories import (
    FunderFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

PASSWORD = "mot-de-passe-solide-42"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Fabrique de Lens")


@pytest.fixture
def users(db, organisation):
    """One user per role, the organisation roles on `organisation`, plus an inactive national-team member."""
    prescriber_structure = OrganisationFactory(name="Mission locale de Lens", kind="prescriber")
    users = {
        "national_team": MembershipFactory(role=Role.NATIONAL_TEAM).user,
        "reviewer": MembershipFactory(role=Role.REVIEWER, region=RegionFactory()).user,
        "member": MembershipFactory(role=Role.ORGANISATION, organisation=organisation).user,
        "organisation_admin": MembershipFactory(
            role=Role.ORGANISATION, organisation=organisation, is_admin=True
        ).user,
        "other_organisation_member": MembershipFactory(role=Role.ORGANISATION).user,
        "prescriber": MembershipFactory(role=Role.PRESCRIBER, organisation=prescriber_structure).user,
        "funder": MembershipFactory(role=Role.FUNDER, funder=FunderFactory()).user,
        "candidate": MembershipFactory(role=Role.CANDIDATE).user,
        "no_role": UserFactory(),
        "inactive": MembershipFactory(role=Role.NATIONAL_TEAM, user__is_active=False).user,
    }
    return users
