"""A small network whose every indicator is counted by hand below.

Session "lille-2024" (Hauts-de-France, course leading to M1805, 2024-01-15 → 2024-07-15, 24 places):

| learner | gender | diploma | born       | age on 15/01/2024 | job seeker | QPV | status       | outcome at 6 months (current)      | survey at 6 months |
|---------|--------|---------|------------|-------------------|------------|-----|--------------|------------------------------------|--------------------|
| L1      | woman  | 4       | 2000-03-01 | 23                | yes        | yes | completed    | CDI (survey)                       | answered           |
| L2      | man    | 5       | 1998-01-15 | 26 (birthday)     | no         | no  | completed    | CDI, then job seeking (answered twice: the latest counts) | answered |
| L3      | man    | none    | 1990-06-01 | 33                | yes        | yes | dropped out  | interim ≥ 6 months (employer)      | sent, no answer    |
| L4      | woman  | 7       | 1995-05-05 | 28                | no         | no  | completed    | — (never answered)                 | sent, no answer    |
| L5      | unsaid | 3       | 2003-02-02 | 20                | yes        | no  | completed    | further training (survey)          | answered           |
| L6      | man    | 6       | 1994-01-14 | 30                | no         | no  | completed    | interim < 6 months; CDI at 3 months only | answered     |
| L7      | man    | 5       | 1980-01-01 | 44                | no         | no  | still enrolled | —                                | —                  |

learners 7; bac or below 3 (L1, L3, L5); under 26: 2 (L1, L5); under 30: 4 (L1, L2, L4, L5); women 2;
QPV/ZRR 2 (L1, L3); job seekers 3 (L1, L3, L5). Leavers 6, completers 5. Respondents at 6 months 5
(L1, L2, L3, L5, L6); employed 3 (L1, L3, L6); durable 2 (L1, L3); training 1 (L5). Surveys sent 6,
all closed (their links expired in 2025), answered 4. Applications 10: the 7 learners (offers accepted), 1 offer declined, 2 refused: admitted 7.

Session "lille-2023" (same course, 2023-11-01 → 2024-04-30): L8 completed, CDD of 6 months or more.
Its learners count in 2023 (started), its outcomes in 2024 (ended).

Session "paris-2025" (Île-de-France, another organisation, course leading to E1205, 2025-03-01 →
2025-09-01): L9 completed, CDI (learnt from the employer); the survey sent two days ago awaits an
answer, so it is not in the response rate yet.
"""

import datetime
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from gen.admissions.models import Application, Offer
from gen.admissions.models.candidates import DiplomaLevel, Gender
from gen.catalogue.models import Job
from gen.cohorts.services.enrolments import enrolment_complete, enrolment_drop_out
from gen.outcomes.models import OutcomeSource, Survey
from gen.outcomes.services.outcomes import outcome_record
from gen.stats.refresh import figures_refresh
from gen.territories.models import Commune
from tests.factories import (
    ApplicationFactory,
    CourseFactory,
    EnrolmentFactory,
    OfferFactory,
    OrganisationFactory,
    SessionFactory,
)

D = datetime.date


def _session(course, start: datetime.date, end: datetime.date):
    return SessionFactory(
        course=course,
        start_date=start,
        end_date=end,
        application_opens_on=start - datetime.timedelta(days=90),
        application_closes_on=start - datetime.timedelta(days=30),
    )


def _learner(session, *, gender, diploma, born, job_seeker=False, qpv=False):
    enrolment = EnrolmentFactory(
        session=session,
        application__candidate__gender=gender,
        application__candidate__diploma_level=diploma,
        application__candidate__birth_date=born,
        application__candidate__is_job_seeker=job_seeker,
        application__candidate__lives_in_qpv_or_zrr=qpv,
    )
    now = timezone.now()
    Offer.objects.create(
        application=enrolment.application,
        session=session,
        state=Offer.State.ACCEPTED,
        sent_at=now,
        deadline=now + datetime.timedelta(days=5),
        answered_at=now,
    )
    return enrolment


def _outcome(enrolment, situation, *, milestone="month_6", interim=None, source=OutcomeSource.LEARNER_SURVEY):
    return outcome_record(
        enrolment=enrolment,
        milestone=milestone,
        answers={
            "situation": situation,
            "interim_six_months_or_more": interim,
            "started_on": None,
            "employer": "",
            "job_title": "",
        },
        source=source,
        source_note="",
        acting_user=None,
    )


def _survey(
    enrolment,
    *,
    answered: bool,
    milestone="month_6",
    sent=datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC),
):
    return Survey.objects.create(
        enrolment=enrolment,
        milestone=milestone,
        due_on=D(2025, 1, 15),
        sent_at=sent,
        expires_at=sent + datetime.timedelta(days=30),
        token_hash="a" * 64,
        answered_at=sent + datetime.timedelta(days=2) if answered else None,
    )


@transaction.atomic  # outcome_record locks the enrolment: it runs in its caller's transaction
def build_network() -> SimpleNamespace:
    hauts = Commune.objects.filter(departement__region__code="32").order_by("insee_code").first()
    paris = Commune.objects.filter(departement__region__code="11").order_by("insee_code").first()
    lille_org = OrganisationFactory(name="Fabrique de Lille", commune=hauts)
    paris_org = OrganisationFactory(name="Fabrique de Paris", commune=paris)
    developer = CourseFactory(
        organisation=lille_org, title="Développeur web", commune=hauts, jobs=[Job.objects.get(code="M1805")]
    )
    designer = CourseFactory(
        organisation=paris_org, title="Designer web", commune=paris, jobs=[Job.objects.get(code="E1205")]
    )
    lille_2024 = _session(developer, D(2024, 1, 15), D(2024, 7, 15))
    lille_2023 = _session(developer, D(2023, 11, 1), D(2024, 4, 30))
    paris_2025 = _session(designer, D(2025, 3, 1), D(2025, 9, 1))

    l1 = _learner(
        lille_2024,
        gender=Gender.WOMAN,
        diploma=DiplomaLevel.LEVEL_4,
        born=D(2000, 3, 1),
        job_seeker=True,
        qpv=True,
    )
    l2 = _learner(lille_2024, gender=Gender.MAN, diploma=DiplomaLevel.LEVEL_5, born=D(1998, 1, 15))
    l3 = _learner(
        lille_2024,
        gender=Gender.MAN,
        diploma=DiplomaLevel.NONE,
        born=D(1990, 6, 1),
        job_seeker=True,
        qpv=True,
    )
    l4 = _learner(lille_2024, gender=Gender.WOMAN, diploma=DiplomaLevel.LEVEL_7, born=D(1995, 5, 5))
    l5 = _learner(
        lille_2024, gender=Gender.UNSAID, diploma=DiplomaLevel.LEVEL_3, born=D(2003, 2, 2), job_seeker=True
    )
    l6 = _learner(lille_2024, gender=Gender.MAN, diploma=DiplomaLevel.LEVEL_6, born=D(1994, 1, 14))
    _learner(lille_2024, gender=Gender.MAN, diploma=DiplomaLevel.LEVEL_5, born=D(1980, 1, 1))
    for enrolment in (l1, l2, l4, l5, l6):
        enrolment_complete(
            enrolment=enrolment, on=D(2024, 7, 15), certification_obtained=None, acting_user=None
        )
    enrolment_drop_out(enrolment=l3, on=D(2024, 3, 1), reason="job", acting_user=None)

    _survey(l1, answered=True)
    _outcome(l1, "cdi")
    _survey(l2, answered=True)
    _outcome(l2, "cdi")
    _outcome(l2, "job_seeking")  # answered again: the latest counts
    _survey(l3, answered=False)
    _outcome(l3, "interim", interim=True, source=OutcomeSource.EMPLOYER)
    _survey(l4, answered=False)
    _survey(l5, answered=True)
    _outcome(l5, "training")
    _survey(l6, answered=True)
    _outcome(l6, "interim", interim=False)
    _outcome(l6, "cdi", milestone="month_3")

    declined = ApplicationFactory(session=lille_2024, state=Application.State.RANKED, rank=1, call_position=1)
    OfferFactory(application=declined, session=lille_2024, state=Offer.State.DECLINED)
    for _ in range(2):
        ApplicationFactory(session=lille_2024, state=Application.State.REFUSED, refusal_reason="motivation")

    l8 = _learner(lille_2023, gender=Gender.WOMAN, diploma=DiplomaLevel.LEVEL_4, born=D(1999, 1, 1))
    enrolment_complete(enrolment=l8, on=D(2024, 4, 30), certification_obtained=None, acting_user=None)
    _outcome(l8, "cdd_long")

    l9 = _learner(paris_2025, gender=Gender.MAN, diploma=DiplomaLevel.LEVEL_5, born=D(1990, 1, 1))
    enrolment_complete(enrolment=l9, on=D(2025, 9, 1), certification_obtained=None, acting_user=None)
    _outcome(l9, "cdi", source=OutcomeSource.EMPLOYER)
    _survey(l9, answered=False, sent=timezone.now() - datetime.timedelta(days=2))

    figures_refresh()
    return SimpleNamespace(
        lille_org=lille_org,
        paris_org=paris_org,
        developer=developer,
        designer=designer,
        lille_2024=lille_2024,
        lille_2023=lille_2023,
        paris_2025=paris_2025,
    )
