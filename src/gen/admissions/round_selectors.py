"""Reads of the national round pages, always through what the user may see.

- an organisation's members see the campaigns their sessions take part in, and only their sessions;
- a candidate sees the campaigns they applied in, and only their own wishes;
- the national team sees every campaign, its sessions, its wishes and the runs of its round.
Anything else is a 404.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from gen.admissions.models import (
    AdmissionRound,
    Application,
    Campaign,
    CampaignSession,
    Candidate,
    Offer,
    Wish,
)
from gen.admissions.selectors import applications_of_candidate, sessions_selected_by
from gen.admissions.services.campaigns import wishes_are_open
from gen.admissions.services.workflows import OPEN_STATES
from gen.catalogue.models import Session
from gen.jobs.models import JobRun

# The job that applies a campaign's round in the worker (declared in gen/jobs/schedule.py).
ROUND_JOB = "admissions-round"
ACTIVE_RUN_STATES = (JobRun.State.QUEUED, JobRun.State.RUNNING)


def round_of(campaign: Campaign) -> AdmissionRound | None:
    try:
        return campaign.round
    except ObjectDoesNotExist:
        return None


# Organisations


def campaigns_of_organisation(user) -> QuerySet[Campaign]:
    sessions = CampaignSession.objects.filter(session__in=sessions_selected_by(user))
    return Campaign.objects.filter(pk__in=sessions.values("campaign_id")).select_related("round")


def access_campaign_of_organisation(*, user, slug: str) -> Campaign:
    campaign = campaigns_of_organisation(user).filter(slug=slug).first()
    if campaign is None:
        raise Http404
    return campaign


def campaign_sessions_of(user, campaign: Campaign) -> QuerySet[CampaignSession]:
    """The user's sessions in the campaign, with their ranked candidates, and places not taken nor offered."""
    return (
        CampaignSession.objects.filter(campaign=campaign, session__in=sessions_selected_by(user))
        .select_related("session__course", "session__selection")
        .annotate(
            ranked=Count(
                "session__applications",
                filter=Q(session__applications__state=Application.State.RANKED),
                distinct=True,
            ),
            pending=Count(
                "session__offers", filter=Q(session__offers__state=Offer.State.PENDING), distinct=True
            ),
        )
        .annotate(places_left_now=F("session__capacity") - F("session__places_taken") - F("pending"))
        .order_by("session__course__title", "session__start_date", "session__pk")
    )


def access_campaign_session(*, user, campaign: Campaign, pk: int) -> CampaignSession:
    row = campaign_sessions_of(user, campaign).filter(session_id=pk).first()
    if row is None:
        raise Http404
    return row


# The national team


def _count_by_campaign(rows: QuerySet, expression: Count) -> Coalesce:
    """A subquery counting `rows` of each campaign: no join of sessions with wishes, whatever their size."""
    counted = rows.filter(campaign=OuterRef("pk")).order_by().values("campaign").annotate(n=expression)
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


def campaigns_with_facts() -> QuerySet[Campaign]:
    """Every campaign, with its sessions, those whose call order is frozen, and its candidates with wishes."""
    frozen = Q(session__selection__call_order_frozen_at__isnull=False)
    return Campaign.objects.select_related("round__ran_by").annotate(
        sessions_count=_count_by_campaign(CampaignSession.objects.all(), Count("pk")),
        frozen_count=_count_by_campaign(CampaignSession.objects.filter(frozen), Count("pk")),
        candidates_count=_count_by_campaign(Wish.objects.all(), Count("candidate", distinct=True)),
        wishes_count=_count_by_campaign(Wish.objects.all(), Count("pk")),
    )


def round_runs(slugs: list[str]) -> QuerySet[JobRun]:
    """The runs of the round job for these campaigns, latest first."""
    return JobRun.objects.filter(job=ROUND_JOB, arguments__campaign__in=slugs).select_related("requested_by")


@dataclass(frozen=True)
class CampaignRow:
    """A campaign as the national team sees it: its facts, its round, the latest run of its job."""

    campaign: Campaign  # annotated by `campaigns_with_facts`
    round: AdmissionRound | None
    latest_run: JobRun | None

    @property
    def active_run(self) -> JobRun | None:
        """The run queued or running for this campaign, if any."""
        if self.latest_run is not None and self.latest_run.state in ACTIVE_RUN_STATES:
            return self.latest_run
        return None

    @property
    def unfrozen_count(self) -> int:
        return self.campaign.sessions_count - self.campaign.frozen_count

    @property
    def wishes_open(self) -> bool:
        return wishes_are_open(self.campaign)


def _latest_runs(slugs: list[str]) -> dict[str, JobRun]:
    latest: dict[str, JobRun] = {}
    for run in round_runs(slugs):  # a handful per campaign: one round, a few failed attempts
        latest.setdefault(run.arguments.get("campaign"), run)
    return latest


def campaign_rows() -> list[CampaignRow]:
    campaigns = list(campaigns_with_facts().order_by("-wishes_close_on", "name"))
    latest = _latest_runs([campaign.slug for campaign in campaigns])
    return [
        CampaignRow(campaign=campaign, round=round_of(campaign), latest_run=latest.get(campaign.slug))
        for campaign in campaigns
    ]


@dataclass(frozen=True)
class CampaignBoard(CampaignRow):
    """A campaign's page for the national team: its facts, the sessions left out, every run of its round."""

    unfrozen: list[Session]
    runs: list[JobRun]


def campaign_board(slug: str) -> CampaignBoard:
    campaign = get_object_or_404(campaigns_with_facts(), slug=slug)
    runs = list(round_runs([campaign.slug]))
    return CampaignBoard(
        campaign=campaign,
        round=round_of(campaign),
        latest_run=runs[0] if runs else None,
        unfrozen=unfrozen_sessions(campaign),
        runs=runs,
    )


def unfrozen_sessions(campaign: Campaign) -> list[Session]:
    """The campaign's sessions whose call order is not frozen: the round leaves them out."""
    return list(
        Session.objects.filter(
            campaign_session__campaign=campaign, selection__call_order_frozen_at__isnull=True
        )
        .select_related("course__organisation")
        .order_by("course__organisation__name", "course__title", "start_date", "pk")
    )


def round_start_refusal(campaign: Campaign) -> str | None:
    """Why the round of `campaign` cannot be started now, or None when it can.

    Read before starting it (`gen.admissions.services.rounds.round_start`) and to show the reason on
    the campaign's page instead of the button. Sessions not frozen are checked when starting: they may
    be left out.
    """
    if AdmissionRound.objects.filter(campaign=campaign).exists():
        return _("The round of this campaign has already run.")
    if JobRun.objects.filter(
        job=ROUND_JOB, arguments__campaign=campaign.slug, state__in=ACTIVE_RUN_STATES
    ).exists():
        return _("The round of this campaign is already queued or running: follow it on its page.")
    if wishes_are_open(campaign):
        return _("Candidates may order their wishes until %(date)s: run the round after that day.") % {
            "date": campaign.wishes_close_on.strftime("%d/%m/%Y")
        }
    if not CampaignSession.objects.filter(
        campaign=campaign, session__selection__call_order_frozen_at__isnull=False
    ).exists():
        return _("No session of this campaign has a frozen call order: the round would place nobody.")
    return None


# Candidates


def campaigns_of_candidate(user) -> QuerySet[Campaign]:
    applications = applications_of_candidate(user).filter(session__campaign_session__isnull=False)
    return Campaign.objects.filter(
        pk__in=applications.values("session__campaign_session__campaign_id")
    ).select_related("round")


def access_campaign_of_candidate(*, user, slug: str) -> tuple[Campaign, Candidate]:
    campaign = campaigns_of_candidate(user).filter(slug=slug).first()
    if campaign is None:
        raise Http404
    return campaign, Candidate.objects.get(user=user)


class Outcome(StrEnum):
    """What the round made of a wish."""

    PLACED = "placed"  # the round's place
    FULL = "full"  # preferred, but full with candidates called before
    NO_PLACE = "no_place"  # preferred, but the session had no place left for the round
    NOT_IN_ROUND = "not_in_round"  # preferred, but the application was not in the running
    LESS_PREFERRED = "less_preferred"  # the candidate got a wish they preferred


@dataclass(frozen=True)
class WishRow:
    application: Application
    number: int | None  # the candidate's wish number; None: not among their wishes
    offer: Offer | None
    outcome: Outcome | None = None  # after the round
    cutoff_position: int | None = None


@dataclass(frozen=True)
class WishesBoard:
    campaign: Campaign
    round: AdmissionRound | None
    wishes: list[WishRow]  # in the candidate's order
    others: list[WishRow]  # their other applications in progress to the campaign's sessions

    @property
    def can_add(self) -> bool:
        return len(self.wishes) < self.campaign.max_wishes


def wishes_board(*, user, campaign: Campaign) -> WishesBoard:
    applications = (
        applications_of_candidate(user)
        .filter(session__campaign_session__campaign=campaign)
        .select_related(
            "session__course__organisation", "session__course__commune", "session__campaign_session", "wish"
        )
        .order_by("session__start_date", "pk")
    )
    offers = {offer.application_id: offer for offer in Offer.objects.filter(application__in=applications)}
    wished, others = [], []
    for application in applications:
        wish = _wish_of(application)
        row = WishRow(application=application, number=wish and wish.rank, offer=offers.get(application.pk))
        if wish is not None:
            wished.append(row)
        elif application.state in OPEN_STATES:
            others.append(row)
    wished.sort(key=lambda row: row.number)
    done = round_of(campaign)
    if done is not None:
        wished = _outcomes(wished, done.ran_at)
    return WishesBoard(campaign=campaign, round=done, wishes=wished, others=others)


def _wish_of(application: Application) -> Wish | None:
    try:
        return application.wish
    except ObjectDoesNotExist:
        return None


def _outcomes(rows: list[WishRow], ran_at: datetime.datetime) -> list[WishRow]:
    """Each wish's outcome: the round's place, why each preferred wish was out of reach, the rest."""
    placed_at = next((row.number for row in rows if row.offer and row.offer.sent_at == ran_at), None)
    result = []
    for row in rows:
        joined = row.application.session.campaign_session
        if row.number == placed_at:
            outcome = Outcome.PLACED
        elif placed_at is not None and row.number > placed_at:
            outcome = Outcome.LESS_PREFERRED
        elif (
            joined.cutoff_position is not None
            and (row.application.call_position or 0) > joined.cutoff_position
        ):
            outcome = Outcome.FULL
        elif joined.places == 0:
            outcome = Outcome.NO_PLACE
        else:
            outcome = Outcome.NOT_IN_ROUND
        result.append(
            WishRow(
                application=row.application,
                number=row.number,
                offer=row.offer,
                outcome=outcome,
                cutoff_position=joined.cutoff_position,
            )
        )
    return result
