"""The organisation space: for its members and the national team; members listed to its admins only."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation

from gen.accounts.models import Role
from tests.factories import CourseFactory, MembershipFactory, OrganisationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Fabrique de Lens", siret="73282932000074", activity_declaration_number="32620312345"
    )


def space_url(organisation) -> str:
    return reverse("organisations:space", kwargs={"slug": organisation.slug})


def test_anonymous_goes_to_login(client, organisation):
    response = client.get(space_url(organisation))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={space_url(organisation)}"


@pytest.mark.parametrize(
    "role", [Role.REVIEWER, Role.CANDIDATE, Role.FUNDER, Role.PRESCRIBER, Role.ORGANISATION]
)
def test_outsiders_get_a_404_as_if_it_did_not_exist(client, organisation, role):
    client.force_login(MembershipFactory(role=role).user)  # scoped elsewhere, if scoped at all
    response = client.get(space_url(organisation))
    assert response.status_code == 404
    assert organisation.name not in response.content.decode()
    assert client.get(reverse("organisations:space", kwargs={"slug": "nexiste-pas"})).status_code == 404


def test_member_sees_identity_and_courses_but_not_the_members(client, organisation):
    today = timezone.localdate()
    web = CourseFactory(organisation=organisation, title="Développeur web")
    SessionFactory(course=web, start_date=today + datetime.timedelta(days=30))
    SessionFactory(course=web, start_date=today + datetime.timedelta(days=200))
    SessionFactory(course=web, start_date=today - datetime.timedelta(days=30))  # started: not counted
    CourseFactory(organisation=organisation, title="Technicien réseaux")
    CourseFactory(title="Une formation d’un autre organisme")
    user = MembershipFactory(role=Role.ORGANISATION, organisation=organisation).user
    client.force_login(user)

    response = client.get(space_url(organisation))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Fabrique de Lens</h1>" in content
    assert "73282932000074" in content
    assert "32620312345" in content
    assert "Numéro de déclaration d’activité" in content
    assert organisation.commune.name in content
    assert response.context["courses"][0].title == "Développeur web"
    assert response.context["courses"][0].upcoming_sessions == 2
    assert response.context["courses"][0].next_start == today + datetime.timedelta(days=30)
    assert response.context["courses"][1].upcoming_sessions == 0
    assert "Développeur web" in content
    with translation.override("fr"):
        next_start = date_filter(today + datetime.timedelta(days=30), "j F Y")
    assert f"2 sessions à venir ·\n                    prochaine rentrée le {next_start}" in content
    assert "Aucune session à venir" in content
    assert "Une formation d’un autre organisme" not in content
    assert "Membres" not in content
    assert user.email not in content


@pytest.mark.parametrize("who", ["admin", "national_team"])
def test_admins_and_national_team_see_the_members(client, organisation, who):
    colleague = MembershipFactory(
        role=Role.ORGANISATION, organisation=organisation, user__first_name="Alix"
    ).user
    admin = MembershipFactory(role=Role.ORGANISATION, organisation=organisation, is_admin=True).user
    outsider = MembershipFactory(role=Role.ORGANISATION).user
    viewer = admin if who == "admin" else MembershipFactory(role=Role.NATIONAL_TEAM).user
    client.force_login(viewer)

    response = client.get(space_url(organisation))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<h2 id="members-title">Membres</h2>' in content
    assert colleague.email in content
    assert admin.email in content
    assert outsider.email not in content
    assert "Membre d’un organisme de formation · administrateur" in content


def test_prescriber_opens_their_own_structure(client):
    structure = OrganisationFactory(kind="prescriber", name="Mission locale de Lens")
    client.force_login(MembershipFactory(role=Role.PRESCRIBER, organisation=structure).user)
    response = client.get(space_url(structure))
    assert response.status_code == 200
    assert "Cet organisme n’a pas encore de formation." in response.content.decode()


def test_inactive_member_is_sent_to_login(client, organisation):
    user = MembershipFactory(role=Role.ORGANISATION, organisation=organisation, user__is_active=False).user
    client.force_login(user)
    assert client.get(space_url(organisation)).status_code == 302


@pytest.mark.parametrize("courses", [1, 5])
def test_query_count_does_not_grow_with_courses_or_members(
    client, django_assert_num_queries, organisation, courses
):
    for _ in range(courses):
        SessionFactory(course=CourseFactory(organisation=organisation))
        MembershipFactory(role=Role.ORGANISATION, organisation=organisation)
    admin = MembershipFactory(role=Role.ORGANISATION, organisation=organisation, is_admin=True).user
    client.force_login(admin)
    # Session, user, roles, the organisation, its courses, its members.
    with django_assert_num_queries(6):
        assert client.get(space_url(organisation)).status_code == 200


def test_user_without_role_gets_a_404(client, organisation):
    client.force_login(UserFactory())
    assert client.get(space_url(organisation)).status_code == 404
