"""The catalogue search as JSON, and its OpenAPI description."""

import datetime

import pytest
from django.utils import timezone

from gen.catalogue.models import Job
from gen.territories.models import Commune
from tests.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/formations"


@pytest.fixture
def course():
    lens = Commune.objects.get(insee_code="62498")
    course = CourseFactory(
        title="Développeur web et mobile",
        commune=lens,
        jobs=[Job.objects.get(code="M1855")],
    )
    SessionFactory(
        course=course, start_date=timezone.localdate() + datetime.timedelta(days=30), places_taken=4
    )
    return course


def test_search_returns_courses_with_their_next_session(client, course):
    CourseFactory(title="Technicien réseaux")

    response = client.get(URL, {"q": "developpeur", "lieu": "Lens", "distance": "30"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["pages"] == 1
    result = body["results"][0]
    assert result["title"] == "Développeur web et mobile"
    assert result["url"].endswith(course.get_absolute_url())
    assert result["jobs"] == [{"code": "M1855", "title": "Développeur / Développeuse web"}]
    assert result["next_session"]["places_left"] == 20
    assert result["distance_km"] == 0.0
    assert result["is_free"] is True


def test_results_are_paginated(client, settings):
    settings.CATALOGUE_PAGE_SIZE = 2
    for index in range(5):
        CourseFactory(title=f"Formation {index}")

    body = client.get(URL, {"page": 3}).json()

    assert (body["count"], body["pages"], body["page"], len(body["results"])) == (5, 3, 3, 1)


@pytest.mark.parametrize(
    "params, field",
    [
        ({"distance": "abc", "lieu": "Lens"}, "distance"),
        ({"lieu": "Atlantide"}, "lieu"),
        ({"debut_apres": "2026-13-45"}, "debut_apres"),
        ({"q": "x" * 10_000}, "q"),
        ({"metier": "'; DROP TABLE catalogue_course; --"}, "metier"),
    ],
)
def test_bad_parameters_get_a_400_with_french_messages(client, course, params, field):
    response = client.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Paramètres de recherche invalides."
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0]


@pytest.mark.parametrize("page", ["abc", "0", "99999999999999999999"])
def test_bad_page_number_is_refused_in_french(client, course, page):
    response = client.get(URL, {"page": page})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {"page": ["Valeur invalide pour « page »."]},
    }


def test_openapi_description_documents_the_search(client):
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/formations"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {
        "q",
        "lieu",
        "distance",
        "metier",
        "page",
    }
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.postgres
def test_a_mistyped_search_returns_the_corrected_words(client, course):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("typo correction needs PostgreSQL's trigrams")
    body = client.get(URL, {"q": "devloppeur"}).json()

    assert body["corrected_text"] == "developpeur"
    assert [result["title"] for result in body["results"]] == ["Développeur web et mobile"]


def test_trades_are_found_by_job_title_without_accents(client):
    body = client.get("/api/v1/metiers", {"q": "developpeuse web"}).json()

    assert {"code": "M1855", "title": "Développeur / Développeuse web"} in body


def test_trades_search_refuses_bad_input_in_french(client):
    response = client.get("/api/v1/metiers", {"q": "x" * 300, "limit": "abc"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"q", "limit"}
    assert client.get("/api/v1/metiers").status_code == 400
