"""Reads of the national round pages, always through what the user may see.

- an organisation's members see the campaigns their sessions take part in, and only their sessions;
- a candidate sees the campaigns they applied in, and only their own wishes.
Anything else is a 404.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

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
from gen.admissions.services.workflows import OPEN_STATES


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
