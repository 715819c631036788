from django.contrib import admin

from gen.core.admin import ReadOnlyAdmin
from gen.outcomes.models import Outcome, Survey


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    """Written by the daily `gen send-surveys` and the learners' answers only."""

    list_display = ("enrolment", "milestone", "due_on", "sent_at", "reminded_at", "answered_at", "expires_at")
    list_filter = ("milestone",)
    list_select_related = ("enrolment__candidate__user", "enrolment__session__course")
    search_fields = ("enrolment__candidate__user__email", "enrolment__candidate__user__last_name")
    # The link secrets' hashes are of no use to anyone here.
    exclude = ("token_hash", "reminder_token_hash")
    date_hierarchy = "due_on"


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyAdmin):
    """Recorded by the learners' answers and the organisations' pages; every record is kept."""

    list_display = ("enrolment", "milestone", "situation", "source", "is_current", "recorded_at")
    list_filter = ("milestone", "situation", "source", "is_current")
    list_select_related = ("enrolment__candidate__user", "enrolment__session__course")
    search_fields = ("enrolment__candidate__user__email", "enrolment__candidate__user__last_name")
    date_hierarchy = "recorded_at"
