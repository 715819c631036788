"""Personal data kept no longer than the privacy notice says (`gen purge-personal-data`).

A candidate who has not logged in for the retention period (two years by default), and none of whose
applications is to a session that ended less than that ago, is anonymised: the person goes, the figures
stay. Their account loses its name, e-mail address, password and roles; their profile keeps only what the
national figures count (birth year, gender, diploma, town, priority publics); their applications keep their
states, dates, scores and reasons, but lose the texts written by or about them; their outcomes keep
the situation, its date and its ROME code, not the employer, job title or source details. An account that never got
a profile has nothing to count: it is deleted.

Each batch is one transaction and re-checks the rule under lock, so a candidate logging in meanwhile is
left alone; a run stopped half-way is finished by the next one (the job is idempotent).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import Application, ApplicationNote, ApplicationTransition, Candidate, Offer
from gen.admissions.services.rounds import Track, no_progress
from gen.cohorts.models import Enrolment
from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Outcome

# Replaces the address of an anonymised account, unique and deliverable nowhere (RFC 2606). No form
# accepts a domain without a dot, so nobody can take one of these addresses before the job needs it.
ANONYMOUS_PREFIX, ANONYMOUS_DOMAIN = "anonyme-", "@invalid"
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Retention:
    """Who the rule reaches on a given day."""

    idle_since: datetime.datetime  # not logged in since (or, never logged in, signed up before)
    sessions_ended_before: datetime.date  # every session applied to ended before this day

    @classmethod
    def on(cls, now: datetime.datetime) -> "Retention":
        period = datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
        return cls(idle_since=now - period, sessions_ended_before=timezone.localdate(now) - period)


@dataclass(frozen=True)
class Purge:
    candidates: int  # anonymised
    applications: int  # of theirs, texts blanked
    notes: int  # selection notes deleted
    accounts: int  # accounts without a profile deleted


def _idle_users(retention: Retention) -> QuerySet[User]:
    """Users only ever candidates (nobody who works on the platform), idle for the whole period."""
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .filter(
            Q(last_login__lt=retention.idle_since)
            | Q(last_login__isnull=True, date_joined__lt=retention.idle_since)
        )
        .exclude(Exists(Membership.objects.filter(user=OuterRef("pk")).exclude(role=Role.CANDIDATE)))
        .exclude(email__startswith=ANONYMOUS_PREFIX, email__endswith=ANONYMOUS_DOMAIN)
    )


def candidates_to_anonymise(retention: Retention) -> QuerySet[Candidate]:
    recent = Application.objects.filter(
        candidate=OuterRef("pk"), session__end_date__gte=retention.sessions_ended_before
    )
    # A session ended two years ago has no offer waiting; should one be left, the candidate waits.
    pending = Offer.objects.filter(application__candidate=OuterRef("pk"), state=Offer.State.PENDING)
    return (
        Candidate.objects.filter(user__in=_idle_users(retention))
        .exclude(Exists(recent))
        .exclude(Exists(pending))
    )


def accounts_to_delete(retention: Retention) -> QuerySet[User]:
    """Candidates' accounts that never got a profile: signed up, perhaps activated, never went further."""
    return _idle_users(retention).filter(memberships__role=Role.CANDIDATE, candidate__isnull=True)


def personal_data_preview(*, now: datetime.datetime) -> Purge:
    """What `personal_data_purge` would do, changing nothing."""
    retention = Retention.on(now)
    candidates = candidates_to_anonymise(retention)
    return Purge(
        candidates=candidates.count(),
        applications=Application.objects.filter(candidate__in=candidates).count(),
        notes=ApplicationNote.objects.filter(application__candidate__in=candidates).count(),
        accounts=accounts_to_delete(retention).count(),
    )


def personal_data_purge(
    *, now: datetime.datetime, batch_size: int = BATCH_SIZE, track: Track = no_progress
) -> Purge:
    retention = Retention.on(now)
    pks = list(candidates_to_anonymise(retention).order_by("pk").values_list("pk", flat=True))
    done = [
        _anonymise(retention, pks[start : start + batch_size])
        for start in track(range(0, len(pks), batch_size), unit=" batches")
    ]
    return Purge(
        candidates=sum(batch.candidates for batch in done),
        applications=sum(batch.applications for batch in done),
        notes=sum(batch.notes for batch in done),
        accounts=_delete_accounts(retention, batch_size),
    )


@transaction.atomic
def _anonymise(retention: Retention, batch: list[int]) -> Purge:
    # Lock the accounts, then re-check the rule: whoever logged in since the list was made stays.
    locked = User.objects.select_for_update().filter(candidate__pk__in=batch)
    list(locked.values_list("pk", flat=True))
    rows = candidates_to_anonymise(retention).filter(pk__in=batch)
    rows = list(rows.values_list("pk", "user_id", "user__email", "birth_date__year"))
    if not rows:
        return Purge(candidates=0, applications=0, notes=0, accounts=0)
    pks, user_ids, emails, years = (list(column) for column in zip(*rows, strict=True))

    User.objects.filter(pk__in=user_ids).update(
        email=Concat(Value(ANONYMOUS_PREFIX), Cast("pk", models.CharField()), Value(ANONYMOUS_DOMAIN)),
        first_name="",
        last_name="",
        password=make_password(None),
        is_active=False,
    )
    Membership.objects.filter(user_id__in=user_ids).delete()
    # The birth year is enough for age bands (under 26, under 30) on the session's dates.
    Candidate.objects.filter(pk__in=pks).update(
        birth_date=Case(
            *(When(birth_date__year=year, then=Value(datetime.date(year, 7, 1))) for year in set(years)),
            output_field=models.DateField(),
        )
    )
    applications = Application.objects.filter(candidate_id__in=pks)
    blanked = applications.update(motivation="", availability="", refusal_comment="")
    # The selection team's messages and reasons along the way may name the person; states and dates stay.
    ApplicationTransition.objects.filter(subject__in=applications).exclude(reason="").update(reason="")
    notes, _ = ApplicationNote.objects.filter(application__in=applications).delete()
    Enrolment.objects.filter(candidate_id__in=pks).exclude(drop_out_comment="").update(drop_out_comment="")
    # Outcomes keep the situation, its date and its ROME code (the figures), not who employs the person.
    Outcome.objects.filter(enrolment__candidate_id__in=pks).update(employer="", job_title="", source_note="")
    # The e-mails sent to them carry their name and address.
    OutboxMessage.objects.filter(to__in=emails).delete()
    return Purge(candidates=len(pks), applications=blanked, notes=notes, accounts=0)


def _delete_accounts(retention: Retention, batch_size: int) -> int:
    deleted = 0
    while batch := _delete_accounts_batch(retention, batch_size):
        deleted += batch
    return deleted


@transaction.atomic
def _delete_accounts_batch(retention: Retention, batch_size: int) -> int:
    chosen = accounts_to_delete(retention).order_by("pk").values("pk")[:batch_size]
    accounts = dict(User.objects.select_for_update().filter(pk__in=chosen).values_list("pk", "email"))
    User.objects.filter(pk__in=accounts).delete()
    OutboxMessage.objects.filter(to__in=accounts.values()).delete()
    return len(accounts)
