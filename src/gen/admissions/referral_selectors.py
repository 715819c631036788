"""Reads of the prescribers' pages: their own referrals, and the sessions they may refer people to.

Every referral is read through `referrals_of`, so a prescriber gets a 404 on anyone else's, colleagues of
the same structure included: a referral is followed by the adviser who made it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from gen.accounts.models import Role, User
from gen.admissions.models import Application, Candidate
from gen.admissions.selectors import referrals_of
from gen.catalogue.models import Session
from gen.core.text import normalize
from gen.organisations.models import Organisation

_LISTED = ("candidate__user", "session__course__organisation", "offer", "enrolment")


def referrals_listed(user, *, state: str = "") -> QuerySet[Application]:
    referrals = referrals_of(user).select_related(*_LISTED).order_by("-created_at", "-pk")
    return referrals.filter(state=state) if state else referrals


def referral_counts(user) -> dict[str, int]:
    """How many of the user's referrals are in each state (states without any are left out)."""
    rows = referrals_of(user).order_by().values_list("state").annotate(count=Count("pk"))
    return dict(rows)


def access_referral(*, user, pk: int) -> Application:
    referral = (
        referrals_of(user)
        .select_related(*_LISTED, "session__course__commune__departement", "referrer_organisation")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


def prescriber_organisations(user) -> QuerySet[Organisation]:
    """The structures the user refers people for."""
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.PRESCRIBER).order_by(
        "name"
    )


def sessions_open_for_referral(
    *, today: datetime.date, text: str = "", departement_code: str = ""
) -> QuerySet[Session]:
    """Sessions of labelled courses open for applications today, matching every word typed (course
    title, trade, organisation or town) and the département, the soonest start first."""
    sessions = Session.objects.filter(
        application_opens_on__lte=today, application_closes_on__gte=today, course__is_listed=True
    )
    for word in normalize(text).split():
        sessions = sessions.filter(course__search_text__contains=word)
    if departement_code:
        sessions = sessions.filter(course__commune__departement__code=departement_code)
    return sessions.select_related("course__organisation", "course__commune__departement").order_by(
        "start_date", "course__title", "pk"
    )


def access_referable_session(*, pk: int) -> Session:
    """A session of a labelled course, open or not: the referral service says when it is closed."""
    session = (
        Session.objects.filter(course__is_listed=True)
        .select_related("course__organisation", "course__commune__departement")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


@dataclass(frozen=True)
class KnownPerson:
    """What the platform already knows of the person referred, to word the confirmation."""

    has_account: bool
    has_profile: bool


def known_person(email: str) -> KnownPerson:
    email = email.strip().lower()
    return KnownPerson(
        has_account=User.objects.filter(email=email).exists(),
        has_profile=Candidate.objects.filter(user__email=email).exists(),
    )
