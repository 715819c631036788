"""The national round of a campaign: wishes and call orders loaded in bulk, solved, offers written in bulk.

- `round_load(campaign)`: a few queries into numpy arrays (no model object per row);
- `round_solve(loaded)`: candidate-proposing deferred acceptance (`gen.matching`);
- `round_apply(...)`: both, in one transaction with what they write: an offer per placed candidate
  (in the session of the best wish it could get), its log row, the sessions' results, the round's
  row and the e-mails;
- `round_start(...)`: queues `round_apply` for the worker (the job "admissions-round"), from the
  national team's page of the campaign.

Who takes part: each wish whose application is still in the running (ranked, in a call order frozen
by its organisation, no offer yet) in a session of the campaign. A session offers the places it has
left: its capacity less the places taken and the offers still waiting for an answer.
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import AdmissionRound, Application, Campaign, CampaignSession, Offer, Wish
from gen.admissions.round_selectors import ROUND_JOB, round_start_refusal, unfrozen_sessions
from gen.admissions.services.round_writes import round_write
from gen.catalogue.models import Session
from gen.jobs.models import JobRun
from gen.jobs.services import job_start
from gen.matching import Allocation, deferred_acceptance

# Wraps a loop to show its progress (tqdm in commands); by default, nothing is shown.
Track = Callable[..., Iterable]


def no_progress(items: Iterable, **options) -> Iterable:
    return items


@dataclass(frozen=True)
class RoundInput:
    campaign: Campaign
    session_ids: np.ndarray  # (S,) the campaign's sessions with a frozen call order, by id
    capacity: np.ndarray  # (S,) their places left
    response_days: np.ndarray  # (S,) days to answer their offers
    candidate_ids: np.ndarray  # (N,) candidates with a wish in the running, by id
    wish_ptr: np.ndarray  # (N + 1,) candidate c's wishes are wish_ptr[c]:wish_ptr[c + 1], preferred first
    wish_session: np.ndarray  # (M,) index in session_ids
    wish_rank: np.ndarray  # (M,) call position − 1
    wish_application: np.ndarray  # (M,) application id
    wish_number: np.ndarray  # (M,) the number the candidate gave the wish (1 = preferred)
    unfrozen: list[Session]  # sessions of the campaign left out: their call order is not frozen
    seconds: float

    @property
    def wishes(self) -> int:
        return len(self.wish_session)


@dataclass(frozen=True)
class RoundResult:
    input: RoundInput
    allocation: Allocation
    granted: np.ndarray  # indices of the granted wishes, one per placed candidate
    seconds: dict[str, float] = field(default_factory=dict)  # load, solve, then what was written

    @property
    def candidates(self) -> int:
        return len(self.input.candidate_ids)

    @property
    def placed(self) -> int:
        return len(self.granted)

    @property
    def placed_first_wish(self) -> int:
        return int(np.count_nonzero(self.input.wish_number[self.granted] == 1))

    @property
    def unplaced(self) -> int:
        return self.candidates - self.placed

    @property
    def places_left(self) -> np.ndarray:
        return self.input.capacity - self.allocation.admitted


def round_load(campaign: Campaign) -> RoundInput:
    started = time.perf_counter()
    sessions = list(
        CampaignSession.objects.filter(campaign=campaign)
        .order_by("session_id")
        .values_list(
            "session_id",
            "session__capacity",
            "session__places_taken",
            "session__selection__response_days",
            "session__selection__call_order_frozen_at",
            named=True,
        )
    )
    frozen = [row for row in sessions if row.session__selection__call_order_frozen_at is not None]
    pending = dict(
        Offer.objects.filter(session__campaign_session__campaign=campaign, state=Offer.State.PENDING)
        .values_list("session_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    session_ids = np.array([row.session_id for row in frozen], dtype=np.int64)
    capacity = np.array(
        [
            max(0, row.session__capacity - row.session__places_taken - pending.get(row.session_id, 0))
            for row in frozen
        ],
        dtype=np.int64,
    )
    wishes = _wishes_in_the_running(campaign)
    candidate, number, application, session, position = wishes.T
    candidate_ids, counts = np.unique(candidate, return_counts=True)
    return RoundInput(
        campaign=campaign,
        session_ids=session_ids,
        capacity=capacity,
        response_days=np.array([row.session__selection__response_days for row in frozen], dtype=np.int64),
        candidate_ids=candidate_ids,
        wish_ptr=np.concatenate(([0], np.cumsum(counts))),
        wish_session=np.searchsorted(session_ids, session),
        wish_rank=position - 1,
        wish_application=application,
        wish_number=number,
        unfrozen=list(
            Session.objects.filter(
                campaign_session__campaign=campaign, selection__call_order_frozen_at__isnull=True
            ).select_related("course")
        ),
        seconds=time.perf_counter() - started,
    )


def _wishes_in_the_running(campaign: Campaign) -> np.ndarray:
    """(M, 5) candidate, wish number, application, session, call position; by candidate then wish."""
    frozen = CampaignSession.objects.filter(
        campaign=campaign, session__selection__call_order_frozen_at__isnull=False
    ).values("session_id")
    rows = (
        Wish.objects.filter(
            campaign=campaign,
            application__state=Application.State.RANKED,
            application__call_position__isnull=False,
            application__session_id__in=frozen,
        )
        # NOT EXISTS rather than a left join: PostgreSQL then plans hash joins (twice as fast).
        .filter(~Exists(Offer.objects.filter(application_id=OuterRef("application_id"))))
        .order_by("candidate_id", "rank")
        .values_list(
            "candidate_id", "rank", "application_id", "application__session_id", "application__call_position"
        )
    )
    return np.array(list(rows), dtype=np.int64).reshape(-1, 5)


def round_solve(loaded: RoundInput) -> RoundResult:
    started = time.perf_counter()
    allocation = deferred_acceptance(loaded.wish_ptr, loaded.wish_session, loaded.wish_rank, loaded.capacity)
    candidate_of_wish = np.repeat(np.arange(len(loaded.candidate_ids)), np.diff(loaded.wish_ptr))
    # A placed candidate holds exactly one wish of the session they got (a session is wished once).
    granted = np.flatnonzero(loaded.wish_session == allocation.assignment[candidate_of_wish])
    return RoundResult(
        input=loaded,
        allocation=allocation,
        granted=granted,
        seconds={"load": loaded.seconds, "solve": time.perf_counter() - started},
    )


def round_apply(
    *, campaign: Campaign, acting_user, skip_unfrozen: bool = False, track: Track = no_progress
) -> RoundResult:
    """Run the round and write its offers, once per campaign, after the wishes have closed."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if AdmissionRound.objects.filter(campaign=campaign).exists():
            raise ValidationError(_("The round of this campaign has already run."))
        if timezone.localdate() <= campaign.wishes_close_on:
            raise ValidationError(
                _("Candidates may order their wishes until %(date)s: run the round after that day.")
                % {"date": campaign.wishes_close_on.strftime("%d/%m/%Y")}
            )
        # Places, pending offers and call orders stay as read until the offers are written.
        list(
            Session.objects.select_for_update().filter(campaign_session__campaign=campaign).values_list("pk")
        )
        result = round_solve(round_load(campaign))
        if result.input.unfrozen and not skip_unfrozen:
            raise ValidationError(
                _("The call order of these sessions is not frozen: %(sessions)s.")
                % {"sessions": ", ".join(str(session) for session in result.input.unfrozen)}
            )
        round_write(result, acting_user=acting_user, track=track)
    return result


def round_start(*, campaign: Campaign, acting_user, skip_unfrozen: bool = False) -> JobRun:
    """Queue the round of `campaign` for the worker and return its run; refuse what `round_apply` would.

    Refused (ValidationError, nothing queued) when the round has run, is already queued or running,
    the wishes are still open, no session has a frozen call order, or some have not and
    `skip_unfrozen` is not given.
    """
    with transaction.atomic():
        # Two people starting the same round at once: the second finds the campaign locked and is
        # refused rather than waiting (a running round holds this lock too).
        locked = Campaign.objects.select_for_update(skip_locked=True).filter(pk=campaign.pk).first()
        if locked is None:
            raise ValidationError(
                _("The round of this campaign is already queued or running: follow it on its page."),
                code="running",
            )
        if (refusal := round_start_refusal(locked)) is not None:
            raise ValidationError(refusal, code="refused")
        if not skip_unfrozen and (unfrozen := unfrozen_sessions(locked)):
            raise ValidationError(
                _(
                    "The call order of these sessions is not frozen: %(sessions)s. Wait until their "
                    "organisations freeze it, or leave them out of the round."
                )
                % {"sessions": ", ".join(str(session) for session in unfrozen)},
                code="unfrozen",
            )
        return job_start(
            name=ROUND_JOB,
            requested_by=acting_user,
            arguments={
                "campaign": locked.slug,
                "acting_user_id": acting_user.pk if acting_user is not None else None,
                "skip_unfrozen": skip_unfrozen,
            },
        )
