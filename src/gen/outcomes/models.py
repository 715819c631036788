"""Outcome follow-up: the surveys sent to learners after the course, and the outcomes recorded —
by the learner answering a survey, or by the organisation with its source. Definitions of what counts
are in `gen.outcomes.definitions`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gen.outcomes.definitions import MILESTONE_MONTHS, MilestoneCode, SituationCode


class Milestone(models.TextChoices):
    END = MilestoneCode.END, _("End of the course")
    MONTH_3 = MilestoneCode.MONTH_3, _("3 months")
    MONTH_6 = MilestoneCode.MONTH_6, _("6 months")
    MONTH_12 = MilestoneCode.MONTH_12, _("12 months")

    @property
    def months(self) -> int:
        return MILESTONE_MONTHS[MilestoneCode(self.value)]


class Situation(models.TextChoices):
    CDI = SituationCode.CDI, _("Permanent contract (CDI)")
    CDD_LONG = SituationCode.CDD_LONG, _("Fixed-term contract (CDD) of 6 months or more")
    CDD_SHORT = SituationCode.CDD_SHORT, _("Fixed-term contract (CDD) of less than 6 months")
    INTERIM = SituationCode.INTERIM, _("Temporary work (interim)")
    WORK_STUDY = SituationCode.WORK_STUDY, _("Work-study (apprenticeship, professionalisation)")
    SUBSIDISED = SituationCode.SUBSIDISED, _("Subsidised contract")
    BUSINESS_CREATION = SituationCode.BUSINESS_CREATION, _("Business creation or self-employment")
    TRAINING = SituationCode.TRAINING, _("Further training")
    JOB_SEEKING = SituationCode.JOB_SEEKING, _("Looking for a job")
    INACTIVE = SituationCode.INACTIVE, _("Not looking for a job")


class OutcomeSource(models.TextChoices):
    LEARNER_SURVEY = "learner_survey", _("Learner's answer to the survey")
    EMPLOYER = "employer", _("Employer")
    LEARNER_PHONE = "learner_phone", _("Learner, by phone or in person")
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    OTHER = "other", _("Other source")


class SurveyStatus(models.TextChoices):
    """Where a survey stands, worked out from its dates (gen.outcomes.selectors.survey_status)."""

    PLANNED = "planned", _("Planned")
    NOT_SENT = "not_sent", _("Not sent (too late)")
    SENT = "sent", _("Sent")
    REMINDED = "reminded", _("Reminded")
    ANSWERED = "answered", _("Answered")
    EXPIRED = "expired", _("Expired without answer")


class Survey(models.Model):
    """One follow-up survey of one learner at one milestone. The link e-mailed carries a secret of which
    only hashes are stored: one for the invitation's link, one for the reminder's (both stay valid)."""

    enrolment = models.ForeignKey("cohorts.Enrolment", on_delete=models.CASCADE, related_name="surveys")
    milestone = models.CharField(_("milestone"), max_length=10, choices=Milestone.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True)
    reminder_token_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["enrolment", "due_on"]
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")
        indexes = [
            models.Index(fields=["due_on"], condition=Q(sent_at__isnull=True), name="survey_to_send_idx"),
            models.Index(
                fields=["sent_at"],
                condition=Q(reminded_at__isnull=True, answered_at__isnull=True, sent_at__isnull=False),
                name="survey_to_remind_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "milestone"], name="survey_one_per_milestone"),
            models.CheckConstraint(
                name="survey_sent_has_link",
                condition=Q(sent_at__isnull=True) | (Q(expires_at__isnull=False) & ~Q(token_hash="")),
            ),
            models.CheckConstraint(
                name="survey_answered_was_sent",
                condition=Q(answered_at__isnull=True) | Q(sent_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.get_milestone_display()}"


class Outcome(models.Model):
    """A learner's situation at a milestone, as the learner answered it or as the organisation learnt it.
    Several may exist per enrolment and milestone; the latest recorded is current (see definitions)."""

    enrolment = models.ForeignKey("cohorts.Enrolment", on_delete=models.CASCADE, related_name="outcomes")
    milestone = models.CharField(_("milestone"), max_length=10, choices=Milestone.choices)
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    # Asked only for interim: "emploi durable" counts interim of 6 months or more.
    interim_six_months_or_more = models.BooleanField(
        _("assignments of 6 months or more"), null=True, blank=True
    )
    started_on = models.DateField(_("start date"), null=True, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    job = models.ForeignKey(
        "catalogue.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("métier (ROME)"),
    )
    source = models.CharField(_("source"), max_length=20, choices=OutcomeSource.choices)
    source_note = models.CharField(_("details on the source"), max_length=300, blank=True)
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_current = models.BooleanField(_("counts for the indicators"), default=True)

    class Meta:
        ordering = ["enrolment", "milestone", "-recorded_at", "-pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [
            models.Index(fields=["enrolment", "milestone", "-recorded_at"], name="outcome_history_idx"),
            models.Index(
                fields=["milestone", "situation"], condition=Q(is_current=True), name="outcome_current_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "milestone"], condition=Q(is_current=True), name="outcome_one_current"
            ),
            models.CheckConstraint(
                name="outcome_interim_flag_only_for_interim",
                condition=Q(situation="interim") | Q(interim_six_months_or_more__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.get_milestone_display()}: {self.get_situation_display()}"
