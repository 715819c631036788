"""Reading admissions, always through what the user may see.

- an organisation's members see the applicants of their own sessions, and nothing else;
- a prescriber sees the applications they made for people, and nothing else;
- a candidate sees their own applications.
"""

from dataclasses import dataclass

from django.db.models import Max, QuerySet

from gen.accounts.models import Role
from gen.accounts.permissions import access_of, has_role
from gen.admissions.models import Application, Offer
from gen.catalogue.models import Session


def sessions_selected_by(user) -> QuerySet[Session]:
    """Sessions whose selection the user runs (members of the course's organisation)."""
    if not has_role(user, Role.ORGANISATION):
        return Session.objects.none()
    return Session.objects.filter(course__organisation_id__in=access_of(user).organisation_ids)


def applications_selected_by(user) -> QuerySet[Application]:
    return Application.objects.filter(session__in=sessions_selected_by(user))


def applications_of_candidate(user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(candidate__user=user)


def referrals_of(user) -> QuerySet[Application]:
    """The applications a prescriber made for people, whatever became of them."""
    if not has_role(user, Role.PRESCRIBER):
        return Application.objects.none()
    return Application.objects.filter(referrer=user)


def offers_of_candidate(user) -> QuerySet[Offer]:
    return Offer.objects.filter(application__in=applications_of_candidate(user))


@dataclass(frozen=True)
class Standing:
    """Where a ranked candidate stands, in the words of the call order."""

    call_position: int | None
    # The call position of the last candidate who received an offer (None: no offer yet).
    last_called: int | None
    capacity: int
    places_taken: int
    waiting_ahead: int

    @property
    def is_waiting(self) -> bool:
        return self.call_position is not None and (self.last_called or 0) < self.call_position


def standing_of(application: Application) -> Standing:
    session = application.session
    last_called = Offer.objects.filter(session=session).aggregate(last=Max("application__call_position"))[
        "last"
    ]
    waiting_ahead = 0
    if application.call_position is not None:
        waiting_ahead = session.applications.filter(
            state=Application.State.RANKED,
            call_position__lt=application.call_position,
            offer__isnull=True,
        ).count()
    return Standing(
        call_position=application.call_position,
        last_called=last_called,
        capacity=session.capacity,
        places_taken=session.places_taken,
        waiting_ahead=waiting_ahead,
    )
