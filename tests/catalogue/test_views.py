"""The public catalogue pages: search, course page, map; hostile parameters never break them."""

import datetime

import pytest
from django.urls import reverse

from gen.territories.models import Commune
from tests.factories import CommuneFactory, CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lens():
    return Commune.objects.get(insee_code="62498")


@pytest.fixture
def course(lens, today):
    course = CourseFactory(
        title="Développeur web et mobile", commune=lens, organisation__name="Pop School Lens"
    )
    SessionFactory(course=course, name="Promotion printemps", start_date=today + datetime.timedelta(days=40))
    return course


def test_search_page_lists_matching_courses(client, course):
    CourseFactory(title="Technicien réseaux")

    response = client.get(reverse("catalogue:search"), {"q": "developpeur"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Développeur web et mobile" in content
    assert "Technicien réseaux" not in content
    assert "1 formation trouvée" in content
    assert "Pop School Lens" in content


def test_search_by_postcode_and_distance(client, course):
    far = CommuneFactory(name="Marseille", search_name="marseille", latitude=43.296, longitude=5.37)
    CourseFactory(title="Data analyste", commune=far)

    response = client.get(reverse("catalogue:search"), {"lieu": "62300", "distance": "30"})

    content = response.content.decode()
    assert "Développeur web et mobile" in content
    assert "Data analyste" not in content
    assert "à 0 km" in content


def test_htmx_request_gets_only_the_results(client, course):
    response = client.get(reverse("catalogue:search"), {"q": "web"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="results"')
    assert "<html" not in content


def test_search_page_query_count_does_not_grow_with_results(client, lens, django_assert_max_num_queries):
    for index in range(15):
        course = CourseFactory(title=f"Formation {index}", commune=lens)
        SessionFactory(course=course)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("catalogue:search"))
    assert response.content.decode().count("fr-card__title") == 15


@pytest.mark.parametrize(
    "params, message",
    [
        ({"lieu": "Atlantide"}, "Nous ne trouvons pas la commune « Atlantide »"),
        ({"lieu": "Lens", "distance": "abc"}, "Choisissez une distance dans la liste"),
        ({"distance": "30"}, "Indiquez une commune ou un code postal"),
        ({"debut_apres": "2026-13-45"}, "Saisissez une vraie date"),
        ({"debut_apres": "2026-01-01", "debut_avant": "2025-01-01"}, "avant la date"),
        ({"q": "x" * 10_000}, "Votre recherche est trop longue"),
        ({"metier": "Z9999"}, "Ce métier n’est pas dans la liste"),
        ({"region": "'; DROP TABLE catalogue_course; --"}, "Cette région n’est pas dans la liste"),
        ({"tri": "<script>"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_parameters_get_a_french_message_and_a_normal_page(client, course, params, message):
    response = client.get(reverse("catalogue:search"), params)

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    # The other criteria still apply and the page still lists courses.
    assert "Développeur web et mobile" in content


def test_sql_looking_words_are_just_words(client, course):
    response = client.get(reverse("catalogue:search"), {"q": "' OR 1=1 --"})

    assert response.status_code == 200
    assert "0 formation trouvée" in response.content.decode()


def test_page_number_out_of_range_shows_the_last_page(client, course):
    response = client.get(reverse("catalogue:search"), {"page": "999"})
    assert response.status_code == 200
    assert "Développeur web et mobile" in response.content.decode()
    assert client.get(reverse("catalogue:search"), {"page": "abc"}).status_code == 200


def test_course_page_shows_what_a_candidate_needs(client, course):
    response = client.get(course.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    for expected in (
        "Développeur web et mobile",
        "Pop School Lens",
        "Promotion printemps",
        "Gratuite",
        "560 heures",
    ):
        assert expected in content, expected


def test_unlabelled_or_unknown_course_is_not_found(client):
    hidden = CourseFactory(labelled=False)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    response = client.get("/formations/nexiste-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_map_page_embeds_the_markers_of_the_filtered_courses(client, course):
    CourseFactory(title="Technicien réseaux")

    response = client.get(reverse("catalogue:map"), {"q": "developpeur"})

    assert response.status_code == 200
    markers = response.context["markers"]
    assert [marker["title"] for marker in markers] == ["Développeur web et mobile"]
    assert markers[0]["lat"] == pytest.approx(50.42926)
    assert 'id="course-markers"' in response.content.decode()


def test_only_get_and_head_are_allowed(client, course):
    assert client.post(reverse("catalogue:search")).status_code == 405


@pytest.mark.postgres
def test_a_mistyped_search_says_what_was_searched_instead(client, course):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("typo correction needs PostgreSQL's trigrams")
    response = client.get(reverse("catalogue:search"), {"q": "devloppeur"})

    content = response.content.decode()
    assert "Aucune formation ne correspond à « devloppeur » : résultats pour « developpeur »." in content
    assert "Développeur web et mobile" in content


def test_town_suggestions_as_the_visitor_types(client):
    response = client.get(reverse("catalogue:commune_suggestions"), {"lieu": "le"})

    options = response.content.decode()
    assert '<option value="Lens (62)">' in options
    assert '<option value="Lyon (69)">' not in options


def test_town_suggestions_need_two_letters_and_survive_junk(client):
    assert client.get(reverse("catalogue:commune_suggestions"), {"lieu": "l"}).content.strip() == b""
    response = client.get(reverse("catalogue:commune_suggestions"), {"lieu": "<script>" + "x" * 5000})
    assert response.status_code == 200
    assert response.content.strip() == b""


def test_a_suggested_town_is_understood_by_the_search(client, course):
    response = client.get(reverse("catalogue:search"), {"lieu": "Lens (62)", "distance": "10"})

    assert "Développeur web et mobile" in response.content.decode()
    assert response.context["criteria"].near.insee_code == "62498"
