"""The Tâches page is the national team's; a run's page is also for the person who started it."""

import pytest
from django.urls import reverse

from gen.accounts.models import Role
from gen.jobs.models import JobRun
from gen.jobs.services import job_start
from tests.factories import MembershipFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

OTHER_ROLES = [Role.ORGANISATION, Role.PRESCRIBER, Role.REVIEWER, Role.FUNDER, Role.CANDIDATE]


@pytest.fixture
def team(client):
    user = MembershipFactory(role=Role.NATIONAL_TEAM).user
    client.force_login(user)
    return user


def member_of(role):
    return MembershipFactory(role=role, **({"region": None} if role == Role.REVIEWER else {})).user


@pytest.mark.parametrize(
    "url",
    [reverse("jobs:list"), reverse("jobs:job", kwargs={"name": "stats-refresh"})],
)
def test_anonymous_people_are_sent_to_log_in_and_other_roles_refused(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    for role in OTHER_ROLES:
        client.force_login(member_of(role))
        assert client.get(url).status_code == 403
        assert client.post(reverse("jobs:start", kwargs={"name": "stats-refresh"})).status_code == 403
    assert not JobRun.objects.exists()


def test_a_run_is_seen_by_the_team_and_by_who_started_it_only(client):
    organiser = member_of(Role.ORGANISATION)
    run = job_start(name="stats-refresh", requested_by=organiser)
    url = reverse("jobs:run", kwargs={"pk": run.pk})
    client.force_login(member_of(Role.ORGANISATION))
    assert client.get(url).status_code == 404
    client.force_login(organiser)
    assert client.get(url).status_code == 200
    client.force_login(member_of(Role.NATIONAL_TEAM))
    assert client.get(url).status_code == 200


def test_the_page_lists_every_job_with_its_last_and_next_run(client, team, monkeypatch):
    job_start(name="catalogue-refresh")
    monkeypatch.setattr("gen.stats.tasks.figures_refresh", lambda **kwargs: 1 / 0)
    job_start(name="stats-refresh")
    run_queued_tasks()

    page = client.get(reverse("jobs:list")).content.decode()
    for title in ["Propositions : relances et expiration", "Statistiques", "Tour national d’admission"]:
        assert title in page
    assert "Réussie" in page and "Échouée" in page
    assert "ZeroDivisionError: division by zero" in page
    assert "toutes les 5 minutes" in page
    assert page.count("Lancer maintenant") == 8


def test_starting_a_job_now_records_who_and_follows_it(client, team):
    response = client.post(reverse("jobs:start", kwargs={"name": "labels-expire"}))
    run = JobRun.objects.get()
    assert (run.job, run.trigger, run.requested_by) == ("labels-expire", "manual", team)
    assert response.status_code == 302 and response.url == reverse("jobs:run", kwargs={"pk": run.pk})

    # Queued twice is refused, with a message.
    response = client.post(reverse("jobs:start", kwargs={"name": "labels-expire"}), follow=True)
    assert "Cette tâche attend déjà le worker" in response.content.decode()
    assert JobRun.objects.count() == 1

    # The run's page refreshes itself until the job ends, then shows the result.
    fragment = client.get(reverse("jobs:run", kwargs={"pk": run.pk}), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in fragment.content.decode()
    run_queued_tasks()
    fragment = client.get(reverse("jobs:run", kwargs={"pk": run.pk}), headers={"HX-Request": "true"})
    content = fragment.content.decode()
    assert "hx-trigger" not in content and "Labels expirés : 0." in content


def test_unknown_jobs_and_jobs_started_elsewhere_are_not_found(client, team):
    assert client.get(reverse("jobs:job", kwargs={"name": "nope"})).status_code == 404
    assert client.post(reverse("jobs:start", kwargs={"name": "nope"})).status_code == 404
    # The round needs its campaign: it starts from the campaign's page.
    assert client.post(reverse("jobs:start", kwargs={"name": "admissions-round"})).status_code == 404
    assert client.get(reverse("jobs:start", kwargs={"name": "labels-expire"})).status_code == 405
    assert client.get(reverse("jobs:run", kwargs={"pk": 999999})).status_code == 404
