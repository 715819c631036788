"""Reads of the selection pages: a team's sessions and applicants, always through what the user may see.

Every lookup starts from `sessions_selected_by` / `applications_selected_by`, so a member of another
organisation gets a 404, never someone else's applicants.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from gen.admissions.models import Application, CampaignSession, Offer, OfferTransition, Selection
from gen.admissions.models.candidates import BAC_LEVEL_OR_BELOW, Gender
from gen.admissions.publics import YOUNG_AGE_LIMIT, Public
from gen.admissions.selectors import applications_selected_by, sessions_selected_by
from gen.catalogue.models import Session

State = Application.State


def access_session(*, user, pk: int) -> Session:
    session = sessions_selected_by(user).select_related("course__organisation", "selection").filter(pk=pk)
    session = session.first()
    if session is None:
        raise Http404
    return session


def access_application(*, user, pk: int) -> Application:
    application = (
        applications_selected_by(user)
        .select_related(
            "session__course__organisation",
            "session__selection",
            "candidate__user",
            "candidate__commune__departement",
            "referrer",
            "referrer_organisation",
            "offer",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def selection_of(session: Session) -> Selection | None:
    """The session's selection rules and dates; None until something was saved or frozen."""
    return getattr(session, "selection", None)  # no row yet: the reverse accessor raises


def call_order_frozen_at(session: Session) -> datetime.datetime | None:
    """When the ranking and the call order stopped changing (offers published, or a national round)."""
    selection = selection_of(session)
    return selection.call_order_frozen_at if selection else None


def offers_published_at(session: Session) -> datetime.datetime | None:
    selection = selection_of(session)
    return selection.offers_published_at if selection else None


def round_to_come(session: Session) -> CampaignSession | None:
    """The national campaign the session takes part in, while its round has not run: offers go with it."""
    return (
        CampaignSession.objects.filter(session=session, campaign__round__isnull=True)
        .select_related("campaign")
        .first()
    )


def sessions_board(user) -> QuerySet[Session]:
    """The user's sessions by course, the latest first, each with its applications counted per state."""
    counts = {f"count_{state}": Count("applications", filter=Q(applications__state=state)) for state in State}
    return (
        sessions_selected_by(user)
        .select_related("course__organisation", "selection")
        .annotate(count_all=Count("applications"), **counts)
        .order_by("course__title", "course_id", "-start_date", "pk")
    )


def _date_years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def public_condition(public: str, on_date: datetime.date) -> Q:
    """The database form of `publics_of`: applications whose candidate belongs to `public` on `on_date`."""
    return {
        Public.SCHOLARSHIP_HOLDERS: Q(candidate__is_scholarship_holder=True),
        Public.QPV_ZRR: Q(candidate__lives_in_qpv_or_zrr=True),
        Public.BAC_LEVEL_OR_BELOW: Q(candidate__diploma_level__in=BAC_LEVEL_OR_BELOW),
        Public.JOB_SEEKERS: Q(candidate__is_job_seeker=True),
        Public.WOMEN: Q(candidate__gender=Gender.WOMAN),
        # Under 26 on that day: born after the same day, 26 years earlier.
        Public.UNDER_26: Q(candidate__birth_date__gt=_date_years_before(on_date, YOUNG_AGE_LIMIT)),
    }[Public(public)]


class Sort:
    RECEIVED = "recues"
    NAME = "nom"
    SCORE = "note"
    RANK = "rang"


# Unscored and unranked applications last, on every database.
SORT_ORDERS = {
    Sort.RECEIVED: ("created_at", "pk"),
    Sort.NAME: ("candidate__user__last_name", "candidate__user__first_name", "pk"),
    Sort.SCORE: (F("score").desc(nulls_last=True), "created_at", "pk"),
    Sort.RANK: (F("rank").asc(nulls_last=True), "created_at", "pk"),
}


@dataclass(frozen=True)
class ApplicantFilters:
    state: str = ""
    public: str = ""
    referred: bool | None = None
    text: str = ""
    sort: str = Sort.RECEIVED


def applicants_of(session: Session, filters: ApplicantFilters) -> QuerySet[Application]:
    """A session's applications as the table and the exports list them: filtered, sorted, joined once."""
    applications = session.applications.select_related(
        "candidate__user", "candidate__commune", "referrer", "referrer_organisation", "offer"
    )
    if filters.state:
        applications = applications.filter(state=filters.state)
    if filters.public:
        applications = applications.filter(public_condition(filters.public, session.start_date))
    if filters.referred is not None:
        applications = applications.filter(referrer_organisation__isnull=not filters.referred)
    for word in filters.text.split():
        applications = applications.filter(
            Q(candidate__user__first_name__icontains=word)
            | Q(candidate__user__last_name__icontains=word)
            | Q(candidate__user__email__icontains=word)
        )
    return applications.order_by(*SORT_ORDERS.get(filters.sort, SORT_ORDERS[Sort.RECEIVED]))


def ranking_of(session: Session) -> QuerySet[Application]:
    return session.applications.filter(state=State.RANKED).select_related("candidate__user").order_by("rank")


@dataclass(frozen=True)
class OffersBoard:
    offers: list[Offer]
    waiting: list[Application]
    # Declined, expired or cancelled offers: who, when, why.
    lost: list[OfferTransition]
    pending: int

    def places_left_to_offer(self, session: Session) -> int:
        return max(session.places_left - self.pending, 0)


def offers_board(session: Session) -> OffersBoard:
    offers = list(
        Offer.objects.filter(session=session)
        .select_related("application__candidate__user")
        .order_by("application__call_position", "pk")
    )
    waiting = list(
        session.applications.filter(state=State.RANKED, call_position__isnull=False, offer__isnull=True)
        .select_related("candidate__user")
        .order_by("call_position")
    )
    lost = list(
        OfferTransition.objects.filter(
            subject__session=session,
            to_state__in=[Offer.State.DECLINED, Offer.State.EXPIRED, Offer.State.CANCELLED],
        )
        .select_related("subject__application__candidate__user", "actor")
        .order_by("-at", "-pk")
    )
    pending = sum(offer.state == Offer.State.PENDING for offer in offers)
    return OffersBoard(offers=offers, waiting=waiting, lost=lost, pending=pending)
