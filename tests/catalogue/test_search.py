"""The catalogue search, through the selector: words, filters, distance, sorting, labels."""

import datetime

import pytest

from gen.catalogue.models import Job, Modality
from gen.catalogue.search import CourseSearch, Sort
from gen.catalogue.selectors import find_courses, labelled_courses, next_sessions, search_courses
from gen.labelling.models import Label
from gen.territories.models import Commune
from tests.factories import CourseFactory, LabelFactory, SessionFactory

pytestmark = pytest.mark.django_db

LENS_LILLE_LYON = {"lens": "62498", "lille": "59350", "lyon": "69123"}


@pytest.fixture
def towns():
    """Real communes of the reference sample: Lens and Lille are 28 km apart, Lyon 563 km away."""
    return {name: Commune.objects.get(insee_code=code) for name, code in LENS_LILLE_LYON.items()}


def titles(courses):
    return [course.title for course in courses]


def test_words_match_without_accents_or_case(towns):
    CourseFactory(title="Développeur web et mobile", commune=towns["lens"])
    CourseFactory(title="Technicien réseaux", commune=towns["lille"])

    for text in ("developpeur", "DÉVELOPPEUR", "Développeur Web", "développeurs"):
        assert titles(search_courses(CourseSearch(text=text))) == ["Développeur web et mobile"], text


def test_words_match_job_titles_organisation_and_town(towns):
    job = Job.objects.get(code="M1844")  # Analyste en cybersécurité
    CourseFactory(title="Formation A", jobs=[job], commune=towns["lens"])
    CourseFactory(title="Formation B", commune=towns["lyon"], organisation__name="Pixel Campus")

    assert titles(search_courses(CourseSearch(text="cybersecurite"))) == ["Formation A"]
    assert titles(search_courses(CourseSearch(text="pixel campus"))) == ["Formation B"]
    assert titles(search_courses(CourseSearch(text="lyon"))) == ["Formation B"]


def test_only_courses_with_a_label_in_force_are_listed(towns, today):
    CourseFactory(title="Labellisée", commune=towns["lens"])
    CourseFactory(title="Sans label", commune=towns["lens"], labelled=False)
    suspended = CourseFactory(title="Suspendue", commune=towns["lens"], labelled=False)
    LabelFactory(course=suspended, status=Label.Status.SUSPENDED)
    expired = CourseFactory(title="Expirée", commune=towns["lens"], labelled=False)
    LabelFactory(
        course=expired,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )

    assert titles(labelled_courses()) == ["Labellisée"]
    assert titles(search_courses(CourseSearch())) == ["Labellisée"]


def test_within_distance_of_a_commune(towns):
    CourseFactory(title="À Lens", commune=towns["lens"])
    CourseFactory(title="À Lille", commune=towns["lille"])  # 28 km from Lens
    CourseFactory(title="À Lyon", commune=towns["lyon"])

    assert titles(search_courses(CourseSearch(near=towns["lens"], within_km=20))) == ["À Lens"]
    near = search_courses(CourseSearch(near=towns["lens"], within_km=30))
    assert titles(near) == ["À Lens", "À Lille"]
    assert near[1].distance_km == pytest.approx(28.05, abs=0.05)
    # Without a radius, every course is listed, nearest first.
    assert titles(search_courses(CourseSearch(near=towns["lens"]))) == ["À Lens", "À Lille", "À Lyon"]


def test_filters_on_job_region_departement_and_modality(towns):
    job = Job.objects.get(code="M1855")  # Développeur / Développeuse web
    CourseFactory(title="Web Lens", jobs=[job], commune=towns["lens"])
    CourseFactory(title="Distance Lyon", commune=towns["lyon"], modality=Modality.REMOTE)

    assert titles(search_courses(CourseSearch(job_code="M1855"))) == ["Web Lens"]
    lyon_region = towns["lyon"].departement.region.code
    assert titles(search_courses(CourseSearch(region_code=lyon_region))) == ["Distance Lyon"]
    lens_departement = towns["lens"].departement.code
    assert titles(search_courses(CourseSearch(departement_code=lens_departement))) == ["Web Lens"]
    assert titles(search_courses(CourseSearch(modality=Modality.REMOTE))) == ["Distance Lyon"]


def test_session_filters_dates_and_places_left(towns, today):
    soon = CourseFactory(title="Bientôt", commune=towns["lens"])
    later = CourseFactory(title="Plus tard", commune=towns["lens"])
    full = CourseFactory(title="Complète", commune=towns["lens"])
    SessionFactory(course=soon, start_date=today + datetime.timedelta(days=20))
    SessionFactory(course=later, start_date=today + datetime.timedelta(days=200))
    SessionFactory(course=full, start_date=today + datetime.timedelta(days=30), capacity=24, places_taken=24)
    past = CourseFactory(title="Passée", commune=towns["lens"])
    SessionFactory(course=past, start_date=today - datetime.timedelta(days=30))

    window = CourseSearch(starts_after=today, starts_before=today + datetime.timedelta(days=60))
    assert titles(search_courses(window)) == ["Bientôt", "Complète"]
    assert titles(search_courses(CourseSearch(with_places_left=True))) == ["Bientôt", "Plus tard"]
    # Sorted by next start date by default; courses without an upcoming session come last.
    assert titles(search_courses(CourseSearch())) == ["Bientôt", "Complète", "Plus tard", "Passée"]


def test_next_session_is_the_first_matching_upcoming_one(towns, today):
    course = CourseFactory(commune=towns["lens"])
    first = SessionFactory(course=course, start_date=today + datetime.timedelta(days=10), places_taken=24)
    second = SessionFactory(course=course, start_date=today + datetime.timedelta(days=190))

    assert next_sessions([course.pk])[course.pk] == first
    assert next_sessions([course.pk], criteria=CourseSearch(with_places_left=True))[course.pk] == second


def test_sort_by_distance_or_start_date(towns, today):
    lille = CourseFactory(title="Lille", commune=towns["lille"])
    lens = CourseFactory(title="Lens", commune=towns["lens"])
    SessionFactory(course=lille, start_date=today + datetime.timedelta(days=10))
    SessionFactory(course=lens, start_date=today + datetime.timedelta(days=100))

    assert titles(search_courses(CourseSearch(near=towns["lens"]))) == ["Lens", "Lille"]
    assert titles(search_courses(CourseSearch(near=towns["lens"], sort=Sort.START_DATE))) == ["Lille", "Lens"]
    # Asking to sort by distance without a place falls back to the start date.
    assert titles(search_courses(CourseSearch(sort=Sort.DISTANCE))) == ["Lille", "Lens"]


@pytest.mark.postgres
def test_relevance_puts_the_title_match_first_on_postgresql(towns):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking by relevance needs PostgreSQL's full-text search")
    CourseFactory(
        title="Technicien réseaux",
        summary="Devenir technicien et aussi un peu développeur.",
        commune=towns["lens"],
    )
    CourseFactory(
        title="Développeur web",
        summary="Développeur front et back, développeur mobile.",
        commune=towns["lens"],
    )

    assert titles(search_courses(CourseSearch(text="développeur"))) == [
        "Développeur web",
        "Technicien réseaux",
    ]


@pytest.mark.postgres
def test_typos_are_forgiven_on_postgresql(towns):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram matching needs PostgreSQL")
    CourseFactory(title="Développeur web", commune=towns["lens"])
    CourseFactory(title="Technicien réseaux", commune=towns["lens"])

    found = find_courses(CourseSearch(text="devloppeur web"))
    assert titles(found.courses) == ["Développeur web"]
    assert found.corrected_text == "developpeur web"
    # Words found as typed are not "corrected".
    assert find_courses(CourseSearch(text="technicien")).corrected_text is None
    assert titles(find_courses(CourseSearch(text="xyzzyq")).courses) == []
