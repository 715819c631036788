"""The survey page a learner opens from the e-mail, without logging in, and its error pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gen.outcomes.models import Outcome, Survey
from tests.outcomes.conftest import sent_survey

pytestmark = pytest.mark.django_db


def url(signed: str) -> str:
    return reverse("outcomes:survey", kwargs={"signed": signed})


def test_the_learner_opens_the_survey_without_logging_in(client):
    survey, signed = sent_survey()
    response = client.get(url(signed))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Où en êtes-vous ?" in content
    assert survey.enrolment.session.course.title in content
    assert "Intérim" in content and "Nouvelle formation" in content
    # The secret in the address is never passed on to other sites, never indexed or cached.
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]


def test_the_learner_answers_then_sees_the_thanks(client):
    survey, signed = sent_survey()
    response = client.post(
        url(signed),
        {
            "situation": "cdi",
            "started_on": timezone.localdate().isoformat(),
            "employer": "Agence Web du Nord",
            "job_title": "Développeur / Développeuse web",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("outcomes:survey_thanks")
    outcome = Outcome.objects.get()
    assert (outcome.situation, outcome.employer, outcome.job.code) == ("cdi", "Agence Web du Nord", "M1855")
    thanks = client.get(response.url)
    assert "Merci pour votre réponse" in thanks.content.decode()


def test_a_second_visit_says_the_survey_was_answered(client):
    _, signed = sent_survey()
    client.post(url(signed), {"situation": "training"})
    response = client.get(url(signed))
    assert response.status_code == 410
    assert "Vous avez déjà répondu" in response.content.decode()
    again = client.post(url(signed), {"situation": "inactive"})
    assert again.status_code == 410
    assert list(Outcome.objects.values_list("situation", flat=True)) == ["training"]


def test_an_expired_link_says_the_survey_is_closed(client):
    survey, signed = sent_survey()
    Survey.objects.filter(pk=survey.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(url(signed))
    assert response.status_code == 410
    content = response.content.decode()
    assert "Cette enquête est close" in content
    assert survey.enrolment.session.course.title not in content


@pytest.mark.parametrize("garbage", ["nimportequoi", "a:b:c", "x" * 3000])
def test_an_invalid_link_gets_a_plain_page(client, garbage):
    survey, _ = sent_survey()
    response = client.get(url(garbage))
    assert response.status_code == 404
    content = response.content.decode()
    assert "Ce lien ne fonctionne pas" in content
    assert survey.enrolment.session.course.title not in content
    assert survey.enrolment.candidate.user.email not in content


def test_a_tampered_link_gets_the_same_page(client):
    _, signed = sent_survey()
    response = client.post(url(signed[:-2] + "zz"), {"situation": "cdi"})
    assert response.status_code == 404
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choisissez votre situation."),
        ({"situation": "astronaute"}, "Choisissez une situation dans la liste."),
        ({"situation": "interim"}, "Indiquez si vos missions font 6 mois ou plus au total."),
        ({"situation": "cdi", "started_on": "31/02/2026"}, "Saisissez une date réelle"),
        ({"situation": "cdi", "started_on": "1800-01-01"}, "Vérifiez la date de début"),
        ({"situation": "cdi", "employer": "x" * 300}, "200"),
    ],
)
def test_bad_answers_are_shown_and_nothing_is_recorded(client, data, message):
    survey, signed = sent_survey()
    response = client.post(url(signed), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Votre réponse n’est pas encore enregistrée" in content
    assert message in content
    assert not Outcome.objects.exists()
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_job_titles_are_suggested_as_the_person_types(client):
    response = client.get(reverse("outcomes:job_titles"), {"intitule": "developpeur web"})
    assert response.status_code == 200
    assert 'value="Développeur / Développeuse web"' in response.content.decode()
    assert "M1855" in response.content.decode()
    assert client.get(reverse("outcomes:job_titles"), {"intitule": "x"}).content.strip() == b""
