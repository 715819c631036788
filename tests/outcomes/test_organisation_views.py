"""An organisation's follow-up pages: its sessions, a session's learners and response rates, a learner's
outcomes and the form to record one. Its own sessions only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.outcomes.models import Outcome, Survey
from gen.outcomes.services.surveys import survey_answer
from tests.factories import CandidateFactory, MembershipFactory
from tests.outcomes.conftest import completed, dropped_out, learner, past_session, sent_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment():
    return completed(timezone.localdate() - datetime.timedelta(days=100))


@pytest.fixture
def member(enrolment):
    return MembershipFactory(role=Role.ORGANISATION, organisation=enrolment.session.course.organisation).user


def urls(enrolment) -> list[str]:
    return [
        reverse("outcomes:sessions"),
        reverse("outcomes:session", kwargs={"pk": enrolment.session_id}),
        reverse("outcomes:learner", kwargs={"pk": enrolment.pk}),
    ]


def test_anonymous_goes_to_login(client, enrolment):
    for url in urls(enrolment):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: CandidateFactory().user, id="candidate"),
        pytest.param(lambda: MembershipFactory(role=Role.PRESCRIBER).user, id="prescriber"),
        pytest.param(lambda: MembershipFactory(role=Role.FUNDER).user, id="funder"),
    ],
)
def test_other_roles_are_refused(client, enrolment, make_user):
    client.force_login(make_user())
    for url in urls(enrolment):
        assert client.get(url).status_code == 403, url
    assert client.post(urls(enrolment)[2], {"milestone": "end"}).status_code == 403


def test_the_learner_sees_their_own_page_refused(client, enrolment):
    client.force_login(enrolment.candidate.user)
    assert client.get(urls(enrolment)[2]).status_code == 403


def test_another_organisation_gets_404s(client, enrolment):
    other = MembershipFactory(role=Role.ORGANISATION).user
    client.force_login(other)
    sessions = client.get(reverse("outcomes:sessions"))
    assert enrolment.session.course.title not in sessions.content.decode()
    for url in urls(enrolment)[1:]:
        assert client.get(url).status_code == 404, url
    response = client.post(urls(enrolment)[2], {"milestone": "end", "situation": "cdi", "source": "employer"})
    assert response.status_code == 404
    assert not Outcome.objects.exists()


def test_unknown_ids_are_404s(client, member):
    client.force_login(member)
    assert client.get(reverse("outcomes:session", kwargs={"pk": 999_999})).status_code == 404
    assert client.get(reverse("outcomes:learner", kwargs={"pk": 999_999})).status_code == 404
    assert client.get("/suivi-sorties/sessions/abc/").status_code == 404


def test_the_sessions_list_counts_surveys(client, enrolment, member):
    survey, signed = sent_survey(enrolment=enrolment, days_ago=2)
    survey_answer(
        signed=signed,
        answers={
            "situation": "cdi",
            "interim_six_months_or_more": None,
            "started_on": None,
            "employer": "",
            "job_title": "",
        },
    )
    learner(session=enrolment.session)
    client.force_login(member)
    response = client.get(reverse("outcomes:sessions"))
    assert response.status_code == 200
    session = response.context["sessions"].get()
    assert (session.learners, session.learners_left, session.surveys_sent, session.surveys_answered) == (
        2,
        1,
        1,
        1,
    )
    assert "100 %" in response.content.decode()


def test_the_session_page_shows_each_milestone_and_the_response_rate(client, enrolment, member):
    survey, signed = sent_survey(enrolment=enrolment, days_ago=2)
    survey_answer(
        signed=signed,
        answers={
            "situation": "training",
            "interim_six_months_or_more": None,
            "started_on": None,
            "employer": "",
            "job_title": "",
        },
    )
    unanswered, _ = sent_survey(enrolment=completed(timezone.localdate(), session=enrolment.session))
    client.force_login(member)
    end = client.get(urls(enrolment)[1]).context["rates"][0]
    # The survey sent today awaits an answer: not in the response rate until it closes.
    assert (end.milestone, end.sent, end.answered, end.still_open, end.response_percent) == (
        "end",
        2,
        1,
        1,
        100,
    )

    Survey.objects.filter(pk=unanswered.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(urls(enrolment)[1])
    assert response.status_code == 200
    end = response.context["rates"][0]
    assert (end.sent, end.answered, end.still_open, end.response_percent, end.known) == (2, 1, 0, 50, 1)
    content = response.content.decode()
    assert "Nouvelle formation" in content and "50 %" in content
    assert enrolment.candidate.user.last_name in content


def test_the_session_page_reads_a_fixed_number_of_queries(
    client, enrolment, member, django_assert_num_queries
):
    client.force_login(member)
    url = urls(enrolment)[1]
    client.get(url)
    with django_assert_num_queries(7):
        client.get(url)
    for days in (10, 20, 30):
        gone = dropped_out(timezone.localdate() - datetime.timedelta(days=days), session=enrolment.session)
        sent_survey(enrolment=gone, milestone="month_3")
    with django_assert_num_queries(7):
        assert len(client.get(url).context["rows"]) == 4


def test_the_organisation_records_an_outcome_it_knows(client, enrolment, member):
    client.force_login(member)
    response = client.post(
        urls(enrolment)[2],
        {
            "milestone": "month_3",
            "situation": "interim",
            "interim_six_months_or_more": "true",
            "employer": "Adecco Lens",
            "job_title": "Développeur / Développeuse web",
            "source": "learner_phone",
            "source_note": "Appel du 3 mars",
        },
    )
    assert response.status_code == 302 and response.url == urls(enrolment)[2]
    outcome = Outcome.objects.get()
    assert (outcome.milestone, outcome.situation, outcome.interim_six_months_or_more, outcome.source) == (
        "month_3",
        "interim",
        True,
        "learner_phone",
    )
    assert outcome.recorded_by == member and outcome.is_current
    page = client.get(urls(enrolment)[2]).content.decode()
    assert "La sortie est enregistrée" in page and "Adecco Lens" in page and "M1855" in page


def test_only_reached_milestones_are_offered(client, enrolment, member):
    client.force_login(member)
    form = client.get(urls(enrolment)[2]).context["form"]
    assert [value for value, _ in form.fields["milestone"].choices] == ["end", "month_3"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"milestone": "end", "situation": "cdi"}, "Indiquez d’où vient cette information."),
        (
            {"milestone": "month_6", "situation": "cdi", "source": "employer"},
            "Choisissez une échéance dans la liste.",
        ),
        (
            {"milestone": "end", "situation": "cdi", "source": "learner_survey"},
            "Choisissez une source dans la liste.",
        ),
        (
            {"milestone": "end", "situation": "cdi", "source": "other"},
            "Précisez d’où vient cette information.",
        ),
        ({"milestone": "end", "situation": "", "source": "employer"}, "Choisissez la situation."),
        ({"milestone": "end", "situation": "interim", "source": "employer"}, "6 mois ou plus"),
    ],
)
def test_bad_input_is_shown_and_nothing_recorded(client, enrolment, member, data, message):
    client.force_login(member)
    response = client.post(urls(enrolment)[2], data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "La sortie n’est pas enregistrée" in content and message in content
    assert not Outcome.objects.exists()


def test_no_form_for_a_learner_still_in_training(client, member, enrolment):
    in_training = learner(session=enrolment.session)
    client.force_login(member)
    response = client.get(urls(in_training)[2])
    assert response.status_code == 200 and response.context["form"] is None
    assert "encore en formation" in response.content.decode()
    assert client.post(urls(in_training)[2], {"milestone": "end"}).status_code == 200
    assert not Outcome.objects.exists()


def test_an_empty_list_says_so(client):
    client.force_login(MembershipFactory(role=Role.ORGANISATION).user)
    past_session()
    assert "Aucun apprenant pour l’instant" in client.get(reverse("outcomes:sessions")).content.decode()
