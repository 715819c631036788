"""The demo's labelling rows by natural keys (call slug, course slug, reviewer e-mail), for the digest."""

from gen.demo.context import demo_organisations
from gen.demo.labelling import demo_calls
from gen.labelling.models import (
    Attachment,
    CallTransition,
    CoFunding,
    CommitteeDecision,
    Criterion,
    Label,
    LabelApplication,
    LabelApplicationTransition,
    LabelTransition,
    ReviewAssignment,
    Score,
)


def labelling_rows():
    calls = demo_calls()
    yield from calls.order_by("slug").values_list(
        "slug", "title", "text", "state", "opens_at", "deadline", "max_seed_grant_rate", "created_at"
    )
    yield from calls.order_by("slug", "regions__code").values_list("slug", "regions__code")
    yield from (
        Criterion.objects.filter(call__in=calls)
        .order_by("call__slug", "position")
        .values_list("call__slug", "position", "title", "weight")
    )
    yield from (
        CallTransition.objects.filter(subject__in=calls)
        .order_by("subject__slug", "at")
        .values_list("subject__slug", "from_state", "to_state", "actor__email", "reason", "at")
    )
    applications = LabelApplication.objects.filter(call__in=calls)
    key = ("application__call__slug", "application__course__slug")
    yield from applications.order_by("call__slug", "course__slug").values_list(
        "call__slug",
        "course__slug",
        "state",
        "places_per_session",
        "sessions_per_year",
        "share_low_qualification",
        "share_young",
        "share_women",
        "share_qpv_zrr",
        "share_job_seekers",
        "sourcing_partners",
        "employer_partners",
        "annual_budget",
        "seed_grant_requested",
        "created_at",
        "submitted_at",
    )
    yield from (
        CoFunding.objects.filter(application__in=applications)
        .order_by(*key, "pk")
        .values_list(*key, "funder_name", "amount")
    )
    yield from (
        Attachment.objects.filter(application__in=applications)
        .order_by(*key, "kind")
        .values_list(*key, "kind", "original_name", "size", "token", "uploaded_at")
    )
    yield from (
        LabelApplicationTransition.objects.filter(subject__in=applications)
        .order_by("subject__call__slug", "subject__course__slug", "at", "to_state")
        .values_list(
            "subject__call__slug",
            "subject__course__slug",
            "from_state",
            "to_state",
            "actor__email",
            "reason",
            "at",
        )
    )
    yield from (
        CommitteeDecision.objects.filter(application__in=applications)
        .order_by(*key, "decided_on", "outcome")
        .values_list(*key, "outcome", "reasons", "decided_on", "decided_by__email", "recorded_at")
    )
    yield from (
        ReviewAssignment.objects.filter(application__in=applications)
        .order_by(*key, "reviewer__email")
        .values_list(*key, "reviewer__email", "assigned_by__email", "assigned_at", "submitted_at")
    )
    yield from (
        Score.objects.filter(assignment__application__in=applications)
        .order_by(
            "assignment__application__call__slug",
            "assignment__application__course__slug",
            "assignment__reviewer__email",
            "criterion__position",
        )
        .values_list(
            "assignment__application__course__slug",
            "assignment__reviewer__email",
            "criterion__position",
            "score",
            "comment",
        )
    )
    labels = Label.objects.filter(application__in=applications)
    yield from labels.order_by("course__slug", "valid_from").values_list(
        "course__slug", "valid_from", "application__call__slug", "application__course__slug"
    )
    yield from (
        LabelTransition.objects.filter(subject__course__organisation__in=demo_organisations())
        .order_by("subject__course__slug", "at")
        .values_list(
            "subject__course__slug", "subject__valid_from", "from_state", "to_state", "actor__email", "at"
        )
    )
