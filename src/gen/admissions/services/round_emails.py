"""The e-mails of an applied round, written to the outbox with the offers, in the same transaction.

Rendering and writing each message on its own (`email_enqueue`) costs about 0.7 ms, over a minute at
100,000 candidates (see bench/admissions_round.py). So the offer e-mail says nothing that differs
between the candidates of a session: it is rendered once per session, and the database copies it to
each placed candidate (PostgreSQL), or Django does (other databases). Prescribers get one e-mail
each, counting the people they referred who got a place. `gen send-outbox` sends them all.
"""

import datetime

from django.db import connection
from django.db.models import Count
from django.urls import reverse

from gen.accounts.models import User
from gen.admissions.models import Application, Campaign, Candidate, Offer
from gen.catalogue.models import Session
from gen.notifications.models import OutboxMessage
from gen.notifications.services import email_render

OFFER_KIND = "admissions.round_offer"
REFERRALS_KIND = "admissions.round_referrals"


def round_emails_write(campaign: Campaign, *, sent_at: datetime.datetime) -> None:
    round_offers = Offer.objects.filter(session__campaign_session__campaign=campaign, sent_at=sent_at)
    deadlines = dict(round_offers.values_list("session_id", "deadline").order_by().distinct())
    sessions = Session.objects.filter(pk__in=round_offers.values("session_id")).select_related(
        "course__organisation"
    )
    urls = {
        "space_url": reverse("admissions:candidate_space"),
        "wishes_url": reverse("admissions:round_wishes", kwargs={"slug": campaign.slug}),
    }
    rendered = {
        session.pk: email_render(
            "admissions/emails/round_offer",
            {"campaign": campaign, "session": session, "deadline": deadlines[session.pk], **urls},
        )
        for session in sessions
    }
    if connection.vendor == "postgresql":
        _copy_to_candidates(campaign, sent_at, rendered)
    else:
        OutboxMessage.objects.bulk_create(
            OutboxMessage(
                to=email, subject=rendered[session_id][0], body=rendered[session_id][1], kind=OFFER_KIND
            )
            for session_id, email in round_offers.values_list(
                "session_id", "application__candidate__user__email"
            )
        )
    OutboxMessage.objects.bulk_create(_referrers_messages(campaign, sent_at))


def _copy_to_candidates(campaign: Campaign, sent_at: datetime.datetime, rendered: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {OutboxMessage._meta.db_table} ("to", subject, body, kind, created_at, attempts, last_error)
            SELECT person.email, text.subject, text.body, %s, now(), 0, ''
            FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS text(session_id, subject, body)
            JOIN {Offer._meta.db_table} AS offer ON offer.session_id = text.session_id
            JOIN {Application._meta.db_table} AS application ON application.id = offer.application_id
            JOIN {Candidate._meta.db_table} AS candidate ON candidate.id = application.candidate_id
            JOIN {User._meta.db_table} AS person ON person.id = candidate.user_id
            WHERE offer.sent_at = %s
            """,
            [
                OFFER_KIND,
                list(rendered),
                [subject for subject, _body in rendered.values()],
                [body for _subject, body in rendered.values()],
                sent_at,
            ],
        )


def _referrers_messages(campaign: Campaign, sent_at: datetime.datetime) -> list[OutboxMessage]:
    referred = (
        Application.objects.filter(
            offer__session__campaign_session__campaign=campaign,
            offer__sent_at=sent_at,
            referrer__is_active=True,
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
