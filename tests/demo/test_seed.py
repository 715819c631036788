import dataclasses
import datetime
from collections import Counter

import pytest
from django.contrib.auth.hashers import check_password

from gen.accounts.models import Membership, Role, User
from gen.catalogue.models import Course, Job, Session
from gen.catalogue.selectors import labelled_courses
from gen.catalogue.services import courses_refresh_search_text
from gen.core.geo import distance_km
from gen.demo import featured
from gen.demo.builder import demo_clear, demo_seed
from gen.demo.context import demo_organisations
from gen.demo.digest import demo_digest
from gen.demo.people import DEMO_PASSWORD, DEMO_USERS
from gen.demo.reference import MissingReferenceData
from gen.demo.scales import NATIONAL, SMALL
from gen.funding.models import Funder
from gen.labelling.models import Label
from gen.organisations.models import Organisation
from gen.organisations.validators import siret_is_valid
from gen.territories.models import Region
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)
# Candidates and applications are tested at the small scale (test_admissions_demo): without them, the
# national scale seeds in a second.
NATIONAL_WITHOUT_APPLICANTS = dataclasses.replace(NATIONAL, admissions_sessions=0)


@pytest.fixture
def national():
    return demo_seed(scale=NATIONAL_WITHOUT_APPLICANTS, today=TODAY).dataset


def training_organisations():
    return demo_organisations().filter(kind=Organisation.Kind.TRAINING)


def demo_courses():
    return Course.objects.filter(organisation__in=demo_organisations())


def labelled_demo_courses():
    """Demo courses that hold or held a label; the others only seek one (see test_labelling_demo)."""
    return demo_courses().filter(labels__isnull=False).distinct()


def test_small_scale_creates_a_few_organisations_and_courses():
    outcome = demo_seed(scale=SMALL, today=TODAY)

    assert outcome.created
    assert training_organisations().count() == 6
    assert labelled_demo_courses().count() == 12
    assert labelled_courses().count() == 11
    assert Session.objects.count() == 12 * 6
    # With the 11 courses the labelling step adds: refused by the historical call or new in the open one.
    assert demo_courses().count() == outcome.dataset.counts["courses"] == 12 + 11


def test_national_scale_mirrors_the_first_call(national):
    listed = labelled_courses()

    assert listed.count() == 170
    assert listed.filter(commune__departement__region__code="32").count() == 18
    assert 125 <= training_organisations().count() <= 135
    regions = set(training_organisations().values_list("commune__departement__region__code", flat=True))
    assert regions == set(Region.objects.values_list("code", flat=True))
    assert len(regions) == 18


def test_national_courses_have_two_sessions_a_year_over_three_years(national):
    for course in labelled_demo_courses().prefetch_related("sessions")[:40]:
        years = Counter(session.start_date.year for session in course.sessions.all())
        assert years == {2025: 2, 2026: 2, 2027: 2}
    for session in Session.objects.all():
        assert session.application_opens_on < session.application_closes_on < session.start_date
        assert datetime.timedelta(days=75) <= session.start_date - session.application_opens_on
        assert session.start_date - session.application_closes_on <= datetime.timedelta(days=21)
        assert 175 <= (session.end_date - session.start_date).days <= 190
        assert 0 <= session.places_taken <= session.capacity


def test_only_courses_with_a_label_in_force_are_listed(national):
    listed = set(labelled_courses())
    active = {label.course for label in Label.objects.in_force(TODAY).select_related("course")}
    unlisted = labelled_demo_courses().exclude(pk__in=[course.pk for course in listed])

    assert listed == active
    assert unlisted.count() == NATIONAL.unlisted_courses
    statuses = {label.status for course in unlisted for label in course.labels.all()}
    assert statuses == {Label.Status.SUSPENDED, Label.Status.WITHDRAWN, Label.Status.EXPIRED}
    for label in Label.objects.filter(status=Label.Status.ACTIVE):
        assert label.valid_from <= TODAY <= label.valid_until
        assert label.valid_until.year - label.valid_from.year == 3


def test_the_pop_school_like_courses_are_in_lille_lens_roubaix_and_willems(national):
    pop = Organisation.objects.get(name=featured.POP.name)

    towns = set(pop.courses.values_list("commune__name", flat=True))

    assert towns == {"Lille", "Lens", "Roubaix", "Willems"}
    assert pop.courses.filter(pk__in=labelled_courses()).count() == len(featured.POP.courses)


def test_organisations_have_valid_sirets_and_activity_declaration_numbers(national):
    for organisation in demo_organisations():
        assert siret_is_valid(organisation.siret), organisation.siret
        organisation.full_clean()
    for number in training_organisations().values_list("activity_declaration_number", flat=True):
        assert len(number) == 11 and number.isdigit()


def test_courses_are_free_placed_near_their_town_hall_and_searchable(national):
    courses = list(demo_courses().select_related("commune", "organisation").prefetch_related("jobs"))
    search_texts = {course.pk: course.search_text for course in courses}

    for course in courses:
        assert course.is_free
        assert course.jobs.all()
        assert course.target_publics and "job_seekers" in course.target_publics
        assert len(course.summary) <= 300
        town = course.commune
        assert distance_km(town.latitude, town.longitude, course.latitude, course.longitude) < 1
    courses_refresh_search_text(courses)
    assert {course.pk: course.search_text for course in courses} == search_texts
    hours = Counter((course.hours_in_centre, course.hours_in_company) for course in courses)
    assert hours.most_common(1)[0][0] == (560, 280)


def test_demo_users_cover_every_role_with_the_demo_password(national):
    roles = set(Membership.objects.values_list("role", flat=True))

    assert roles == set(Role.values)
    user = User.objects.get(email=DEMO_USERS[0].email)
    assert check_password(DEMO_PASSWORD, user.password)
    named = Membership.objects.filter(user__email__in=[user.email for user in DEMO_USERS])
    admin = named.get(role=Role.ORGANISATION, is_admin=True)
    assert admin.organisation.name == featured.POP.name
    prescriber = named.get(role=Role.PRESCRIBER)
    assert prescriber.organisation.kind == Organisation.Kind.PRESCRIBER
    assert set(Membership.objects.filter(role=Role.FUNDER).values_list("funder__kind", flat=True)) == {
        Funder.Kind.REGION,
        Funder.Kind.EUROPE,
    }


def test_the_same_seed_gives_the_same_data(national):
    first = demo_digest()

    demo_seed(scale=NATIONAL_WITHOUT_APPLICANTS, today=TODAY, reset=True)

    assert demo_digest() == first


def test_another_seed_gives_other_data():
    demo_seed(scale=SMALL, today=TODAY)
    first = demo_digest()

    demo_seed(scale=SMALL, today=TODAY, seed=7, reset=True)

    assert demo_digest() != first


def test_a_second_run_leaves_the_demo_data_alone(national):
    digest, funders = demo_digest(), Funder.objects.count()

    outcome = demo_seed(scale=NATIONAL, today=TODAY)

    assert not outcome.created
    assert outcome.dataset.scale == "national"
    assert demo_digest() == digest
    assert Funder.objects.count() == funders


def test_reset_removes_only_demo_data():
    real_course = CourseFactory()
    demo_seed(scale=SMALL, today=TODAY)

    demo_clear()

    assert list(Course.objects.all()) == [real_course]
    assert not demo_organisations().exists()
    assert not User.objects.filter(email__in=[user.email for user in DEMO_USERS]).exists()
    assert Label.objects.filter(course=real_course).exists()


def test_missing_reference_data_is_reported():
    Job.objects.all().delete()

    with pytest.raises(MissingReferenceData, match="gen load-rome"):
        demo_seed(scale=SMALL, today=TODAY)
