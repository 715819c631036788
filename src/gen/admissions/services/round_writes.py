"""What an applied round writes, in bulk, inside the round's transaction.

At 100,000 candidates that is about 100,000 offers, as many log rows and e-mails. On PostgreSQL each
kind of row is one statement fed with arrays (`INSERT … SELECT FROM unnest(…)`, `UPDATE … FROM
unnest(…)`), five times faster than `bulk_create` and thirty times faster than `bulk_update`, which
other databases use. The round's offers all carry the round's time as `sent_at`: that is how the log
rows, the e-mails and the pages find them.
"""

from __future__ import annotations

import datetime
import time
from typing import TYPE_CHECKING

import numpy as np
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import (
    AdmissionRound,
    Application,
    ApplicationTransition,
    CampaignSession,
    Offer,
    OfferTransition,
    Selection,
)
from gen.admissions.services.offers import answer_deadline
from gen.admissions.services.round_emails import round_emails_write

if TYPE_CHECKING:
    from gen.admissions.services.rounds import RoundResult, Track


def round_write(result: RoundResult, *, acting_user, track: Track) -> AdmissionRound:
    loaded, now = result.input, timezone.now()
    reason = _("National round of the campaign “%(campaign)s”.") % {"campaign": loaded.campaign.name}
    steps = {
        "offers": lambda: _offers_insert(result, now),
        "offer log": lambda: _offer_log_insert(loaded.campaign.pk, now, reason, acting_user),
        "sessions": lambda: _sessions_results(result, now),
        "lower wishes": lambda: _lower_wishes_withdraw(result, now, acting_user),
        "e-mails": lambda: round_emails_write(loaded.campaign, sent_at=now),
    }
    for step in track(steps, total=len(steps), desc="Writing", unit="step"):
        started = time.perf_counter()
        steps[step]()
        result.seconds[step] = time.perf_counter() - started
    return AdmissionRound.objects.create(
        campaign=loaded.campaign,
        ran_at=now,
        ran_by=acting_user,
        candidates=result.candidates,
        wishes=loaded.wishes,
        placed=result.placed,
        placed_first_wish=result.placed_first_wish,
        load_seconds=result.seconds["load"],
        solve_seconds=result.seconds["solve"],
        write_seconds=sum(result.seconds[step] for step in steps),
    )


def _offers_insert(result: RoundResult, now: datetime.datetime) -> None:
    """One pending offer per placed candidate, answered before the end of its session's last day."""
    loaded = result.input
    session = loaded.wish_session[result.granted]
    days, deadline = np.unique(loaded.response_days[session], return_inverse=True)
    deadlines = [answer_deadline(now, int(count)) for count in days]
    applications, session_ids = loaded.wish_application[result.granted], loaded.session_ids[session]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {Offer._meta.db_table} (application_id, session_id, state, sent_at, deadline)
                SELECT t.application_id, t.session_id, %s, %s, (%s::timestamptz[])[t.deadline]
                FROM unnest(%s::bigint[], %s::bigint[], %s::integer[]) AS t(application_id, session_id, deadline)
                """,
                [
                    Offer.State.PENDING,
                    now,
                    deadlines,
                    applications.tolist(),
                    session_ids.tolist(),
                    (deadline + 1).tolist(),
                ],
            )
        return
    Offer.objects.bulk_create(
        Offer(application_id=application, session_id=session_id, sent_at=now, deadline=deadlines[index])
        for application, session_id, index in zip(
            applications.tolist(), session_ids.tolist(), deadline.tolist(), strict=True
        )
    )


def _offer_log_insert(campaign_id: int, now: datetime.datetime, reason: str, acting_user) -> None:
    """The log row of each offer the round made, copied from the offers by the database."""
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {OfferTransition._meta.db_table} (subject_id, from_state, to_state, reason, actor_id, at)
            SELECT offer.id, '', %s, %s, %s, %s
            FROM {Offer._meta.db_table} AS offer
            JOIN {CampaignSession._meta.db_table} AS joined ON joined.session_id = offer.session_id
            WHERE joined.campaign_id = %s AND offer.sent_at = %s
            """,
            [Offer.State.PENDING, reason, acting_user.pk if acting_user else None, at, campaign_id, at],
        )


def _sessions_results(result: RoundResult, now: datetime.datetime) -> None:
    """Offers published; each session's places, admitted, and its last admitted's call position when full."""
    loaded, allocation = result.input, result.allocation
    Selection.objects.filter(
        session__campaign_session__campaign=loaded.campaign,
        call_order_frozen_at__isnull=False,
        offers_published_at__isnull=True,
    ).update(offers_published_at=now)
    cutoff = np.where(allocation.full & (allocation.cutoff >= 0), allocation.cutoff + 1, 0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                UPDATE {CampaignSession._meta.db_table} AS joined
                SET places = t.places, admitted = t.admitted, cutoff_position = NULLIF(t.cutoff_position, 0)
                FROM unnest(%s::bigint[], %s::integer[], %s::integer[], %s::integer[])
                    AS t(session_id, places, admitted, cutoff_position)
                WHERE joined.session_id = t.session_id
                """,
                [
                    loaded.session_ids.tolist(),
                    loaded.capacity.tolist(),
                    allocation.admitted.tolist(),
                    cutoff.tolist(),
                ],
            )
        return
    by_session = dict(
        CampaignSession.objects.filter(campaign=loaded.campaign).values_list("session_id", "pk")
    )
    rows = [
        CampaignSession(
            pk=by_session[session_id], places=places, admitted=admitted, cutoff_position=position or None
        )
        for session_id, places, admitted, position in zip(
            loaded.session_ids.tolist(),
            loaded.capacity.tolist(),
            allocation.admitted.tolist(),
            cutoff.tolist(),
            strict=True,
        )
    ]
    CampaignSession.objects.bulk_update(rows, ["places", "admitted", "cutoff_position"], batch_size=500)


def lower_wishes(result: RoundResult) -> np.ndarray:
    """Applications of the wishes each placed candidate ranked below the place they got."""
    loaded = result.input
    candidate_of_wish = np.repeat(np.arange(len(loaded.candidate_ids)), np.diff(loaded.wish_ptr))
    granted_wish = np.full(len(loaded.candidate_ids), -1)
    granted_wish[candidate_of_wish[result.granted]] = result.granted
    granted_of_wish = granted_wish[candidate_of_wish]
    lower = (granted_of_wish >= 0) & (np.arange(len(candidate_of_wish)) > granted_of_wish)
    return loaded.wish_application[lower]


def _lower_wishes_withdraw(result: RoundResult, now: datetime.datetime, acting_user) -> None:
    """A placed candidate leaves the sessions they wished less: a place freed there later is not theirs.

    Their better wishes stay open: a place may still come to them there.
    """
    ids = lower_wishes(result).tolist()
    reason = _("A preferred wish was granted in the national round.")
    withdrawn, ranked = Application.State.WITHDRAWN, Application.State.RANKED
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH moved AS (
                    UPDATE {Application._meta.db_table} SET state = %s, updated_at = %s
                    WHERE id = ANY(%s::bigint[]) AND state = %s RETURNING id
                )
                INSERT INTO {ApplicationTransition._meta.db_table}
                    (subject_id, from_state, to_state, reason, actor_id, at)
                SELECT moved.id, %s, %s, %s, %s, %s FROM moved
                """,
                [
                    withdrawn,
                    now,
                    ids,
                    ranked,
                    ranked,
                    withdrawn,
                    reason,
                    acting_user.pk if acting_user else None,
                    now,
                ],
            )
        return
    moved = list(Application.objects.filter(pk__in=ids, state=ranked).values_list("pk", flat=True))
    Application.objects.filter(pk__in=moved).update(state=withdrawn, updated_at=now)
    ApplicationTransition.objects.bulk_create(
        ApplicationTransition(
            subject_id=pk, from_state=ranked, to_state=withdrawn, reason=reason, actor=acting_user, at=now
        )
        for pk in moved
    )
