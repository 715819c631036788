"""The follow-up step's rows by natural keys (course slug, session start, learner's e-mail), for the
digest. Attendance is summed up per learner (hundreds of thousands of rows at the national scale), and
the survey links' hashes are left out: their secrets are random (see surveys.py)."""

from django.db.models import Count, Max, Min, Q

from gen.cohorts.models import (
    Attendance,
    AttendanceStatus,
    Enrolment,
    EnrolmentTransition,
    Internship,
    InternshipTransition,
)
from gen.demo.context import demo_organisations
from gen.outcomes.models import Outcome, Survey

KEY = ("session__course__slug", "session__start_date", "candidate__user__email")


def follow_up_rows():
    enrolments = Enrolment.objects.filter(session__course__organisation__in=demo_organisations())
    yield from (
        enrolments.order_by(*KEY).values_list(
            *KEY,
            "status",
            "dropped_out_on",
            "drop_out_reason",
            "drop_out_comment",
            "completed_on",
            "certification_obtained",
        )
    )
    yield from _log(EnrolmentTransition, "subject__", enrolments)
    internship_key = _key("enrolment__")
    yield from (
        Internship.objects.filter(enrolment__in=enrolments)
        .order_by(*internship_key, "created_at")
        .values_list(
            *internship_key,
            "company_name",
            "siret",
            "commune__insee_code",
            "job_title",
            "tutor_name",
            "tutor_email",
            "tutor_phone",
            "starts_on",
            "ends_on",
            "agreement_status",
            "hired_afterwards",
            "created_at",
            "updated_at",
        )
    )
    yield from _log(InternshipTransition, "subject__enrolment__", enrolments)
    yield from (
        Attendance.objects.filter(enrolment__in=enrolments)
        .values(*internship_key)
        .annotate(
            first=Min("day"),
            last=Max("day"),
            **{status.name.lower(): Count("status", filter=Q(status=status)) for status in AttendanceStatus},
        )
        .order_by(*internship_key)
        .values_list(*internship_key, "first", "last", *(status.name.lower() for status in AttendanceStatus))
    )
    yield from (
        Survey.objects.filter(enrolment__in=enrolments)
        .order_by(*internship_key, "milestone")
        .values_list(
            *internship_key, "milestone", "due_on", "sent_at", "reminded_at", "answered_at", "expires_at"
        )
    )
    yield from (
        Outcome.objects.filter(enrolment__in=enrolments)
        .order_by(*internship_key, "milestone", "recorded_at")
        .values_list(
            *internship_key,
            "milestone",
            "situation",
            "interim_six_months_or_more",
            "started_on",
            "employer",
            "job_title",
            "job__code",
            "source",
            "source_note",
            "survey__milestone",
            "recorded_at",
            "recorded_by__email",
            "is_current",
        )
    )


def _key(prefix: str) -> list[str]:
    return [prefix + field for field in KEY]


def _log(model, prefix: str, enrolments):
    key = _key(prefix)
    yield from (
        model.objects.filter(**{f"{prefix}in": enrolments})
        .order_by(*key, "at", "to_state", "from_state")
        .values_list(*key, "from_state", "to_state", "at", "actor__email", "reason")
    )
