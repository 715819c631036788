"""The e-mails of an applied round, written to the outbox in bulk with the offers.

Rendering a template per message (`email_enqueue`) would cost longer than the whole round at 100,000
candidates, so the offer e-mail says nothing that differs between the candidates of a session: it is
rendered once per session and copied. Prescribers get one e-mail each, counting the people they
referred who got a place. `gen send-outbox` sends them, as it does every e-mail.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse

from gen.admissions.models import Application, Campaign, Offer
from gen.catalogue.models import Session
from gen.notifications.models import OutboxMessage
from gen.notifications.services import email_render

if TYPE_CHECKING:
    from gen.admissions.services.rounds import Track

BATCH = 10_000
OFFER_KIND = "admissions.round_offer"
REFERRALS_KIND = "admissions.round_referrals"


def round_emails_write(campaign: Campaign, *, sent_at: datetime.datetime, track: Track) -> int:
    """Queue the round's e-mails; returns how many."""
    offers = (
        Offer.objects.filter(session__campaign_session__campaign=campaign, sent_at=sent_at)
        .order_by("session_id")
        .values_list("session_id", "deadline", "application__candidate__user__email")
    )
    sessions = {session.pk: session for session in Session.objects.filter(campaign_session__campaign=campaign)}
    wishes_url = reverse("admissions:round_wishes", kwargs={"slug": campaign.slug})
    rendered: dict[int, tuple[str, str]] = {}
    messages = []
    for session_id, deadline, email in offers:
        if session_id not in rendered:
            session = sessions[session_id]
            rendered[session_id] = email_render(
                "admissions/emails/round_offer",
                {"campaign": campaign, "session": session, "deadline": deadline, "wishes_url": wishes_url},
            )
        subject, body = rendered[session_id]
        messages.append(OutboxMessage(to=email, subject=subject, body=body, kind=OFFER_KIND))
    messages.extend(_referrers_messages(campaign, sent_at))
    for start in track(range(0, len(messages), BATCH), total=-(-len(messages) // BATCH), desc="E-mails"):
        OutboxMessage.objects.bulk_create(messages[start : start + BATCH])
    return len(messages)


def _referrers_messages(campaign: Campaign, sent_at: datetime.datetime) -> list[OutboxMessage]:
    referred = (
        Application.objects.filter(
            offer__session__campaign_session__campaign=campaign, offer__sent_at=sent_at, referrer__is_active=True
        )
        .values_list("referrer__email")
        .annotate(placed=Count("pk"))
        .order_by("referrer__email")
    )
    referrals_url = reverse("admissions:referrals")
    messages = []
    for email, placed in referred:
        subject, body = email_render(
            "admissions/emails/round_referrals",
            {"campaign": campaign, "placed": placed, "referrals_url": referrals_url},
        )
        messages.append(OutboxMessage(to=email, subject=subject, body=body, kind=REFERRALS_KIND))
    return messages
