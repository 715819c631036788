"""What an applied round writes, in bulk, inside the round's transaction.

At 100,000 candidates that is about 100,000 offers and as many log rows and e-mails: each kind of row
goes in a few large INSERTs (on PostgreSQL Django sends each batch as one INSERT … SELECT FROM UNNEST).
The round's offers all carry the round's time as `sent_at`, which is how pages tell them apart.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.models import AdmissionRound, CampaignSession, Offer, OfferTransition, Selection
from gen.admissions.services.offers import answer_deadline
from gen.admissions.services.round_emails import round_emails_write

if TYPE_CHECKING:
    from gen.admissions.services.rounds import RoundResult, Track

BATCH = 10_000


def round_write(result: RoundResult, *, acting_user, track: Track) -> AdmissionRound:
    started = time.perf_counter()
    loaded, now = result.input, timezone.now()
    granted = result.granted
    sessions = loaded.wish_session[granted]
    deadlines = {days: answer_deadline(now, days) for days in np.unique(loaded.response_days).tolist()}
    deadline_of = [deadlines[days] for days in loaded.response_days.tolist()]
    reason = _("National round of the campaign “%(campaign)s”.") % {"campaign": loaded.campaign.name}
    for start in track(range(0, len(granted), BATCH), total=-(-len(granted) // BATCH), desc=_("Offers")):
        offers = Offer.objects.bulk_create(
            Offer(
                application_id=application,
                session_id=loaded.session_ids[session],
                sent_at=now,
                deadline=deadline_of[session],
            )
            for application, session in zip(
                loaded.wish_application[granted[start : start + BATCH]].tolist(),
                sessions[start : start + BATCH].tolist(),
                strict=True,
            )
        )
        OfferTransition.objects.bulk_create(
            OfferTransition(
                subject_id=offer.pk, from_state="", to_state=Offer.State.PENDING, reason=reason, actor=acting_user, at=now
            )
            for offer in offers
        )
    Selection.objects.filter(
        session__campaign_session__campaign=loaded.campaign,
        call_order_frozen_at__isnull=False,
        offers_published_at__isnull=True,
    ).update(offers_published_at=now)
    _sessions_results(result)
    seconds = {"write": time.perf_counter() - started}
    started = time.perf_counter()
    round_emails_write(loaded.campaign, sent_at=now, track=track)
    seconds["e-mails"] = time.perf_counter() - started
    result.seconds.update(seconds)
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
        write_seconds=seconds["write"] + seconds["e-mails"],
    )


def _sessions_results(result: RoundResult) -> None:
    """Each session's admitted count, and the call position of its last admitted when it filled up."""
    loaded, allocation = result.input, result.allocation
    cutoff = np.where(allocation.full & (allocation.cutoff >= 0), allocation.cutoff + 1, 0)
    rows = [
        CampaignSession(pk=pk, admitted=admitted, cutoff_position=position or None)
        for pk, admitted, position in zip(
            _campaign_session_ids(loaded), allocation.admitted.tolist(), cutoff.tolist(), strict=True
        )
    ]
    CampaignSession.objects.bulk_update(rows, ["admitted", "cutoff_position"], batch_size=1000)


def _campaign_session_ids(loaded) -> list[int]:
    by_session = dict(
        CampaignSession.objects.filter(campaign=loaded.campaign).values_list("session_id", "pk")
    )
    return [by_session[session_id] for session_id in loaded.session_ids.tolist()]
