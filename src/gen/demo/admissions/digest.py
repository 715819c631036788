"""The demo's admissions rows by natural keys (e-mail, course slug and start date), for the digest
(memberships are there already, with the other demo users')."""

from gen.admissions.models import (
    Application,
    ApplicationTransition,
    Candidate,
    MinimumRate,
    Offer,
    OfferTransition,
    Selection,
)
from gen.catalogue.models import Session
from gen.cohorts.models import Enrolment
from gen.demo.context import DEMO_DOMAIN, demo_organisations

APPLICATION_KEY = ("session__course__slug", "session__start_date", "candidate__user__email")


def admissions_rows():
    sessions = Session.objects.filter(course__organisation__in=demo_organisations())
    yield from (
        Candidate.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .order_by("user__email")
        .values_list(
            "user__email",
            "user__first_name",
            "user__last_name",
            "user__date_joined",
            "birth_date",
            "gender",
            "diploma_level",
            "is_job_seeker",
            "commune__insee_code",
            "lives_in_qpv_or_zrr",
            "is_scholarship_holder",
            "heard_from",
            "consent_at",
        )
    )
    yield from (
        Selection.objects.filter(session__in=sessions)
        .order_by("session__course__slug", "session__start_date")
        .values_list("session__course__slug", "session__start_date", "response_days", "offers_published_at")
    )
    yield from (
        MinimumRate.objects.filter(session__in=sessions)
        .order_by("session__course__slug", "session__start_date", "precedence")
        .values_list("session__course__slug", "session__start_date", "public", "rate", "precedence")
    )
    yield from (
        Application.objects.filter(session__in=sessions)
        .order_by(*APPLICATION_KEY)
        .values_list(
            *APPLICATION_KEY,
            "state",
            "motivation",
            "availability",
            "score",
            "rank",
            "call_position",
            "refusal_reason",
            "refusal_comment",
            "referrer__email",
            "referrer_organisation__siret",
            "created_at",
        )
    )
    yield from _log(ApplicationTransition, "subject__")
    yield from (
        Offer.objects.filter(session__in=sessions)
        .order_by(*(f"application__{field}" for field in APPLICATION_KEY))
        .values_list(
            *(f"application__{field}" for field in APPLICATION_KEY),
            "state",
            "sent_at",
            "deadline",
            "answered_at",
            "reminded_at",
        )
    )
    yield from _log(OfferTransition, "subject__application__")
    yield from (
        Enrolment.objects.filter(session__in=sessions)
        .order_by(*(f"application__{field}" for field in APPLICATION_KEY))
        .values_list(*(f"application__{field}" for field in APPLICATION_KEY), "enrolled_at")
    )


def _log(model, prefix: str):
    key = [prefix + field for field in APPLICATION_KEY]
    yield from (
        model.objects.filter(**{f"{prefix}session__course__organisation__in": demo_organisations()})
        .order_by(*key, "at", "to_state", "from_state")
        .values_list(*key, "from_state", "to_state", "at", "actor__email", "reason")
    )
