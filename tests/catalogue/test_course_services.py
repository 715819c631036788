"""Courses created and changed by their organisation: slugs, hours, place, métiers and search text."""

import pytest
from django.core.exceptions import ValidationError

from gen.catalogue.models import Job, Modality
from gen.catalogue.services import course_create, course_update
from gen.territories.models import Commune
from tests.factories import CourseFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lens():
    return Commune.objects.get(insee_code="62498")


@pytest.fixture
def lille():
    return Commune.objects.get(insee_code="59350")


def create(organisation, commune, title="Développeur web"):
    return course_create(
        organisation=organisation,
        title=title,
        summary="Quatre mois de cours puis deux mois de stage.",
        commune=commune,
        address=" 12 rue de la Gare ",
        acting_user=UserFactory(),
    )


def test_a_created_course_has_the_usual_hours_a_unique_slug_and_the_commune_location(lens):
    organisation = OrganisationFactory(name="Pop School")

    first = create(organisation, lens)
    second = create(organisation, lens)

    assert first.slug == "developpeur-web-lens" and second.slug == "developpeur-web-lens-2"
    assert (first.hours_in_centre, first.hours_in_company) == (560, 280)
    assert (first.latitude, first.longitude) == (lens.latitude, lens.longitude)
    assert first.address == "12 rue de la Gare" and first.modality == Modality.IN_PERSON
    assert "developpeur web" in first.search_text and "pop school" in first.search_text
    assert not first.is_listed and not first.jobs.exists()


def test_a_course_needs_a_title(lens):
    with pytest.raises(ValidationError) as error:
        create(OrganisationFactory(), lens, title="  ")

    assert error.value.message_dict == {"title": ["Donnez un titre à la formation."]}


def test_a_course_is_updated_with_its_jobs_place_and_search_text(lens, lille):
    course = CourseFactory(commune=lens, labelled=False)
    jobs = list(Job.objects.filter(code__in=["M1855", "E1206"]))

    course_update(
        course,
        acting_user=UserFactory(),
        jobs=jobs,
        hours_in_centre=600,
        hours_in_company=0,
        modality=Modality.MIXED,
        address="3 place du Théâtre",
        commune=lille,
        prerequisites="Aucun diplôme requis.",
    )

    course.refresh_from_db()
    assert (course.hours_in_centre, course.hours_in_company, course.modality) == (600, 0, Modality.MIXED)
    assert course.commune == lille and (course.latitude, course.longitude) == (
        lille.latitude,
        lille.longitude,
    )
    assert course.prerequisites == "Aucun diplôme requis."
    assert set(course.jobs.values_list("code", flat=True)) == {"M1855", "E1206"}
    assert "lille" in course.search_text and "ux" in course.search_text


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"hours_in_centre": 0},
            {"hours_in_centre": ["Une formation compte au moins 1 heure en centre de formation."]},
        ),
        (
            {"hours_in_company": -1},
            {"hours_in_company": ["Les heures en entreprise ne peuvent pas être négatives."]},
        ),
        ({"jobs": []}, {"jobs": ["Choisissez au moins un métier (ROME)."]}),
    ],
    ids=["no hours in centre", "negative hours in company", "no job"],
)
def test_bad_hours_or_no_job_are_refused_in_french_and_change_nothing(fields, errors):
    job = Job.objects.get(code="M1855")
    course = CourseFactory(jobs=[job], labelled=False)

    with pytest.raises(ValidationError) as error:
        course_update(course, acting_user=UserFactory(), **fields)

    assert error.value.message_dict == errors
    course.refresh_from_db()
    assert (course.hours_in_centre, course.hours_in_company) == (560, 280)
    assert list(course.jobs.all()) == [job]


def test_a_bad_modality_is_refused_and_other_fields_are_not_editable():
    course = CourseFactory(labelled=False)

    with pytest.raises(ValidationError) as error:
        course_update(course, acting_user=UserFactory(), modality="hybrid")
    assert "modality" in error.value.message_dict
    with pytest.raises(ValueError, match="Not editable"):
        course_update(course, acting_user=UserFactory(), is_listed=True)
