"""The public page of a session: dates, place, places, the application window and the way to apply."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def session_url(session) -> str:
    return reverse("catalogue:session", kwargs={"slug": session.course.slug, "pk": session.pk})


def content(response) -> str:
    return response.content.decode()


def test_an_open_session_shows_its_facts_and_the_apply_button(client):
    session = SessionFactory(
        course__title="Développeur web", name="Promotion printemps", capacity=24, places_taken=4
    )

    page = content(client.get(session_url(session)))

    assert "Promotion printemps" in page
    assert "20 places restantes sur 24" in page
    assert session.course.address in page
    assert reverse("admissions:candidate_apply", args=[session.pk]) in page
    assert "Il vous faudra un compte candidat" in page


def test_a_session_not_open_yet_says_when_it_opens(client, today):
    session = SessionFactory(
        start_date=today + datetime.timedelta(days=120),
        application_opens_on=today + datetime.timedelta(days=10),
    )

    page = content(client.get(session_url(session)))

    assert "Les candidatures ouvrent le" in page
    assert reverse("admissions:candidate_apply", args=[session.pk]) not in page


def test_a_closed_session_says_so(client, today):
    session = SessionFactory(
        application_opens_on=today - datetime.timedelta(days=40),
        application_closes_on=today - datetime.timedelta(days=1),
    )

    page = content(client.get(session_url(session)))

    assert "Les candidatures ont fermé le" in page
    assert reverse("admissions:candidate_apply", args=[session.pk]) not in page


def test_a_full_session_still_open_says_a_place_may_free_up(client):
    session = SessionFactory(capacity=2, places_taken=2)
    page = content(client.get(session_url(session)))
    assert "Complet : les 2 places sont prises" in page
    assert "une qui se libère" in page


def test_the_course_page_links_to_its_sessions(client):
    session = SessionFactory()
    assert session_url(session) in content(client.get(session.course.get_absolute_url()))


def test_a_session_of_another_course_or_of_an_unlisted_course_is_a_404(client):
    session = SessionFactory()
    other_course = CourseFactory()
    unlisted = SessionFactory(course=CourseFactory(labelled=False))

    wrong_slug = reverse("catalogue:session", kwargs={"slug": other_course.slug, "pk": session.pk})
    assert client.get(wrong_slug).status_code == 404
    assert client.get(session_url(unlisted)).status_code == 404
    assert client.get(reverse("catalogue:session", kwargs={"slug": "nope", "pk": 999_999})).status_code == 404
