"""Recording outcomes: every record is kept, the latest recorded for an enrolment and a milestone is the
current one — the one the indicators count (`Outcome.is_current`, see gen.outcomes.definitions)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.admissions.selectors import sessions_selected_by
from gen.cohorts.models import Enrolment
from gen.outcomes.definitions import ALL_SITUATIONS, JOB_DETAIL_SITUATIONS, SituationCode
from gen.outcomes.jobs import job_of_title
from gen.outcomes.models import Outcome, OutcomeSource, Survey
from gen.outcomes.schedule import exit_date_of, milestones_of

# A start date further ahead is a typing mistake (a job may start a few weeks after the survey).
LATEST_START_AHEAD = datetime.timedelta(days=183)
EARLIEST_START = datetime.date(1950, 1, 1)


def _cleaned_answers(
    *,
    situation: str,
    interim_six_months_or_more: bool | None,
    started_on: datetime.date | None,
    employer: str,
    job_title: str,
    today: datetime.date,
) -> dict:
    if situation not in ALL_SITUATIONS:
        raise ValidationError({"situation": _("Choose a situation from the list.")})
    if situation == SituationCode.INTERIM and interim_six_months_or_more is None:
        raise ValidationError(
            {"interim_six_months_or_more": _("Say whether your assignments add up to 6 months or more.")}
        )
    if situation not in JOB_DETAIL_SITUATIONS:
        # Details of a job do not apply to this situation: never keep stray values.
        return {"situation": situation, "interim_six_months_or_more": None, "started_on": None}
    if started_on is not None and not EARLIEST_START <= started_on <= today + LATEST_START_AHEAD:
        raise ValidationError(
            {"started_on": _("Check the start date: it is too far in the past or the future.")}
        )
    employer, job_title = employer.strip(), job_title.strip()
    return {
        "situation": situation,
        "interim_six_months_or_more": interim_six_months_or_more
        if situation == SituationCode.INTERIM
        else None,
        "started_on": started_on,
        "employer": employer,
        "job_title": job_title,
        "job": job_of_title(job_title) if job_title else None,
    }


def outcome_record(
    *,
    enrolment: Enrolment,
    milestone: str,
    answers: dict,
    source: str,
    acting_user,
    survey: Survey | None = None,
    source_note: str = "",
) -> Outcome:
    """Record an outcome and make it the current one (the caller holds a transaction)."""
    today = timezone.localdate()
    fields = _cleaned_answers(**answers, today=today)
    outcome = Outcome(
        enrolment=enrolment,
        milestone=milestone,
        source=source,
        source_note=source_note.strip(),
        survey=survey,
        recorded_by=acting_user,
        is_current=True,
        **fields,
    )
    outcome.full_clean(exclude=["job", "survey", "recorded_by", "enrolment"], validate_constraints=False)
    # The enrolment's row lock serialises records of its outcomes: one current per milestone.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    Outcome.objects.filter(enrolment=enrolment, milestone=milestone, is_current=True).update(is_current=False)
    outcome.save()
    return outcome


@transaction.atomic
def outcome_record_by_organisation(
    *,
    enrolment: Enrolment,
    milestone: str,
    answers: dict,
    source: str,
    source_note: str = "",
    acting_user,
) -> Outcome:
    """An outcome the organisation knows (from the employer, the learner by phone, France Travail…).
    It becomes the current one, even over the learner's own answer: the latest recorded counts."""
    if not sessions_selected_by(acting_user).filter(pk=enrolment.session_id).exists():
        raise PermissionDenied
    if source == OutcomeSource.LEARNER_SURVEY or source not in OutcomeSource.values:
        raise ValidationError({"source": _("Choose where this information comes from.")})
    if source == OutcomeSource.OTHER and not source_note.strip():
        raise ValidationError({"source_note": _("Say where this information comes from.")})
    exit_date = exit_date_of(enrolment)
    if exit_date is None:
        raise ValidationError(
            _("This learner is still in training: their outcome can be recorded once they leave.")
        )
    due = dict(milestones_of(enrolment))
    if milestone not in due:
        raise ValidationError({"milestone": _("This milestone does not apply to this learner.")})
    if due[milestone] > timezone.localdate():
        raise ValidationError(
            {
                "milestone": _("This milestone is not reached yet: it falls on %(date)s.")
                % {"date": due[milestone].strftime("%d/%m/%Y")}
            }
        )
    return outcome_record(
        enrolment=enrolment,
        milestone=milestone,
        answers=answers,
        source=source,
        source_note=source_note,
        acting_user=acting_user,
    )
