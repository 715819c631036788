"""The national team's campaigns: the facts of each, its round started from its page and run by the worker."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Role
from gen.admissions.models import AdmissionRound, Application, Offer, Selection
from gen.admissions.services.campaigns import campaign_create, campaign_sessions_add, wishes_save
from gen.admissions.services.offers import call_order_freeze
from gen.admissions.services.rounds import round_apply
from gen.admissions.tasks import admissions_round_job
from gen.jobs.models import JobRun
from gen.jobs.progress import no_progress
from tests.factories import ApplicationFactory, CandidateFactory, MembershipFactory, SessionFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
State = Application.State
LOGIN_URL = reverse("accounts:login")
LIST_URL = reverse("admissions:team_campaigns")
OTHER_ROLES = [Role.ORGANISATION, Role.PRESCRIBER, Role.REVIEWER, Role.FUNDER, Role.CANDIDATE]


def member_of(role):
    return MembershipFactory(role=role, **({"region": None} if role == Role.REVIEWER else {})).user


@pytest.fixture
def team(client):
    user = member_of(Role.NATIONAL_TEAM)
    client.force_login(user)
    return user


def page_url(campaign) -> str:
    return reverse("admissions:team_campaign", kwargs={"slug": campaign.slug})


def start_url(campaign) -> str:
    return reverse("admissions:team_round_start", kwargs={"slug": campaign.slug})


def close_wishes(campaign):
    campaign.wishes_close_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save(update_fields=["wishes_close_on"])


def build_campaign(slug="printemps-2027", *, unfrozen=True, closed=True):
    """A campaign with a frozen session of one place wished by two candidates, a third candidate wishing
    it second; and, with `unfrozen`, a session whose call order is not frozen (wished by the third)."""
    campaign = campaign_create(
        name=f"Campagne {slug}",
        slug=slug,
        wishes_close_on=timezone.localdate() + datetime.timedelta(days=7),
        acting_user=None,
    )
    frozen = SessionFactory(capacity=1, course__title="Développeur web", name="Lens")
    sessions = [frozen]
    if unfrozen:
        sessions.append(
            SessionFactory(
                course__title="Technicien réseaux", name="Lille", course__organisation__name="Pop School"
            )
        )
    campaign_sessions_add(campaign=campaign, sessions=sessions, acting_user=None)
    candidates = [CandidateFactory() for _ in range(3)]
    for rank, candidate in enumerate(candidates, start=1):
        applications = []
        if unfrozen and rank == 3:
            applications.append(ApplicationFactory(candidate=candidate, session=sessions[1]))
        applications.append(
            ApplicationFactory(candidate=candidate, session=frozen, state=State.RANKED, rank=rank)
        )
        wishes_save(
            candidate=candidate,
            campaign=campaign,
            application_ids=[application.pk for application in applications],
            acting_user=None,
        )
    call_order_freeze(session=frozen, acting_user=None)
    if closed:
        close_wishes(campaign)
    return campaign, sessions


def card(page: str, slug: str) -> str:
    """The text of a campaign's card on the list, tags removed."""
    html = page[page.index(f'id="campaign-{slug}"') :].split("</li>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# Permissions


def test_anonymous_people_are_sent_to_log_in_and_other_roles_refused(client):
    campaign, _sessions = build_campaign()
    for url in (LIST_URL, page_url(campaign)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(LOGIN_URL)
    response = client.post(start_url(campaign), {"skip_unfrozen": "on"})
    assert response.status_code == 302 and response.url.startswith(LOGIN_URL)
    for role in OTHER_ROLES:
        client.force_login(member_of(role))
        assert client.get(LIST_URL).status_code == 403
        assert client.get(page_url(campaign)).status_code == 403
        assert client.post(start_url(campaign), {"skip_unfrozen": "on"}).status_code == 403
    assert not JobRun.objects.exists()


def test_unknown_campaigns_are_not_found_and_the_round_starts_with_a_post_only(client, team):
    campaign, _sessions = build_campaign()
    assert client.get(reverse("admissions:team_campaign", kwargs={"slug": "inconnue"})).status_code == 404
    assert client.post(reverse("admissions:team_round_start", kwargs={"slug": "inconnue"})).status_code == 404
    assert client.get(start_url(campaign)).status_code == 405
    assert not JobRun.objects.exists()


# What the pages show


def test_the_list_shows_each_campaign_s_facts_and_round(client, team):
    waiting, _sessions = build_campaign("printemps-2027", closed=False)
    done, _sessions = build_campaign("hiver-2026", unfrozen=False)
    round_apply(campaign=done, acting_user=None)

    page = client.get(LIST_URL).content.decode()

    text = card(page, "printemps-2027")
    assert reverse("admissions:team_campaign", kwargs={"slug": "printemps-2027"}) in page
    close_on = waiting.wishes_close_on
    assert f"Fin des vœux {close_on.day} " in text and "ouverts" in text
    assert "Sessions de la campagne 2" in text
    assert "Ordre d'appel figé 1 sur 2" in text
    assert "Candidats ayant des vœux 3 (4 vœux)" in text
    assert "Tour non lancé" in text

    text = card(page, "hiver-2026")
    assert "clos" in text and "Ordre d'appel figé 1 sur 1" in text
    assert "Tour effectué" in text and "1 placés sur 3 candidats, dont 1 sur leur premier vœu" in text


def test_the_list_reads_a_fixed_number_of_queries(client, team):
    build_campaign("un")
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL)
    for slug in ("deux", "trois", "quatre"):
        campaign, _sessions = build_campaign(slug, unfrozen=False)
        if slug == "trois":
            round_apply(campaign=campaign, acting_user=None)
        client.post(start_url(campaign))
    with CaptureQueriesContext(connection) as four:
        client.get(LIST_URL)
    assert len(four) == len(one)


def test_the_campaign_page_lists_the_sessions_left_out_and_offers_to_leave_them_out(client, team):
    campaign, (_frozen, unfrozen) = build_campaign()

    page = client.get(page_url(campaign)).content.decode()

    assert "Sessions dont l'ordre d'appel n'est pas figé" in page
    assert "Technicien réseaux – Lille · Pop School" in page
    assert "Développeur web – Lens ·" not in page
    assert 'name="skip_unfrozen"' in page and "Lancer le tour" in page
    assert start_url(campaign) in page
    assert "Le tour n'a pas encore été lancé depuis cette page." in page

    # Once every session is frozen, nothing to leave out.
    ApplicationFactory(session=unfrozen, state=State.RANKED, rank=1)
    call_order_freeze(session=unfrozen, acting_user=None)
    page = client.get(page_url(campaign)).content.decode()
    assert "Lancer le tour" in page and 'name="skip_unfrozen"' not in page
    assert "Sessions dont l'ordre d'appel n'est pas figé" not in page


def test_while_wishes_are_open_the_page_says_so_instead_of_offering_the_round(client, team):
    campaign, _sessions = build_campaign(closed=False)
    page = client.get(page_url(campaign)).content.decode()
    assert 'id="round-refusal"' in page and "lancez le tour après cette date" in page
    assert start_url(campaign) not in page


# Starting the round, running it


def test_starting_the_round_queues_one_run_the_worker_applies(client, team):
    campaign, (frozen, _unfrozen) = build_campaign()

    response = client.post(start_url(campaign), {"skip_unfrozen": "on"})

    run = JobRun.objects.get()
    assert (run.job, run.trigger, run.state) == ("admissions-round", "manual", "queued")
    assert run.requested_by == team
    assert run.arguments == {"campaign": campaign.slug, "acting_user_id": team.pk, "skip_unfrozen": True}
    run_url = reverse("jobs:run", kwargs={"pk": run.pk})
    assert response.status_code == 302 and response.url == run_url
    assert "Le tour de « Campagne printemps-2027 » est en file" in client.get(run_url).content.decode()
    assert not Offer.objects.exists()

    # Queued: the list and the page link to its run, and the page no longer offers to start it.
    assert "En attente" in card(client.get(LIST_URL).content.decode(), campaign.slug)
    page = client.get(page_url(campaign)).content.decode()
    assert run_url in page and start_url(campaign) not in page
    assert "déjà en attente ou en cours" in page

    run_queued_tasks()

    run.refresh_from_db()
    assert run.state == "succeeded", run.error
    done = AdmissionRound.objects.get(campaign=campaign)
    assert (done.candidates, done.placed, done.placed_first_wish, done.ran_by) == (3, 1, 1, team)
    offer = Offer.objects.get()
    assert offer.session == frozen and offer.application.rank == 1

    fragment = client.get(run_url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Réussie" in fragment
    assert "Candidats placés : 1 (sur leur premier vœu : 1) ; sans place : 2." in fragment
    assert f'href="{page_url(campaign)}"' in fragment and "Voir le résultat" in fragment

    page = client.get(page_url(campaign)).content.decode()
    assert 'id="round-result"' in page and "Placés sur leur premier vœu" in page
    assert "Lancer le tour" not in page and f'id="run-{run.pk}"' in page
    assert "Tour effectué" in card(client.get(LIST_URL).content.decode(), campaign.slug)


def test_a_failed_run_is_shown_and_the_round_may_be_started_again(client, team, monkeypatch):
    campaign, _sessions = build_campaign(unfrozen=False)

    def broken(**kwargs):
        raise ValidationError("Panne de test.")

    monkeypatch.setattr("gen.admissions.tasks.round_apply", broken)
    client.post(start_url(campaign))
    run_queued_tasks()
    run = JobRun.objects.get()
    assert run.state == "failed"

    assert "Dernière tentative échouée" in card(client.get(LIST_URL).content.decode(), campaign.slug)
    page = client.get(page_url(campaign)).content.decode()
    assert "Panne de test." in page and "Lancer le tour" in page
    monkeypatch.undo()
    assert client.post(start_url(campaign)).status_code == 302
    assert JobRun.objects.count() == 2


# Refusals: a message, nothing queued


@pytest.mark.parametrize(
    "case, message",
    [
        ("already_run", "Le tour de cette campagne a déjà eu lieu."),
        ("queued", "déjà en attente ou en cours"),
        ("running", "déjà en attente ou en cours"),
        ("wishes_open", "lancez le tour après cette date"),
        ("unfrozen_not_left_out", "Attendez que leurs organismes le figent, ou laissez-les hors du tour."),
        ("nothing_frozen", "le tour ne placerait personne"),
    ],
)
def test_refusals_say_why_and_change_nothing(client, team, case, message):
    campaign, sessions = build_campaign(closed=case != "wishes_open")
    data = {"skip_unfrozen": "on"}
    if case == "already_run":
        round_apply(campaign=campaign, acting_user=None, skip_unfrozen=True)
    elif case in ("queued", "running"):
        client.post(start_url(campaign), data)
        if case == "running":
            JobRun.objects.update(state=JobRun.State.RUNNING)
    elif case == "unfrozen_not_left_out":
        data = {}
    elif case == "nothing_frozen":
        Selection.objects.filter(session=sessions[0]).update(call_order_frozen_at=None)
    runs, offers = list(JobRun.objects.values_list("pk", "state")), Offer.objects.count()

    response = client.post(start_url(campaign), data, follow=True)

    assert response.redirect_chain == [(page_url(campaign), 302)]
    assert message in response.content.decode()
    assert list(JobRun.objects.values_list("pk", "state")) == runs
    assert Offer.objects.count() == offers


def test_the_job_links_its_result_to_the_campaign_page():
    campaign, _sessions = build_campaign(unfrozen=False)
    result = admissions_round_job(no_progress(), campaign=campaign.slug)
    assert result.url == page_url(campaign)
    assert AdmissionRound.objects.filter(campaign=campaign).exists()


def test_the_team_s_space_links_to_the_campaigns_and_the_jobs(client, team):
    page = client.get(reverse("accounts:space")).content.decode()
    assert f'href="{LIST_URL}"' in page and "Campagnes d'admission" in page
    assert f'href="{reverse("jobs:list")}"' in page and ">Tâches<" in page
