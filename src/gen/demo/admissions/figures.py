"""The demo's admissions in the figures the seeds quote: applicants per place, share admitted ("seulement
20 % des candidats y sont admis"), shares at bac level or below and under 30 (60 % and 69 %)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum

from gen.admissions.models import Application, Candidate, Offer
from gen.admissions.models.candidates import BAC_LEVEL_OR_BELOW, Gender
from gen.catalogue.models import Session
from gen.demo.context import demo_organisations

State = Application.State
UNDER_30 = 30


@dataclass(frozen=True)
class AdmissionsFigures:
    candidates: int
    applications: int
    # In the sessions whose applications have closed.
    applications_per_place: float
    # Of the candidates to the sessions that have started.
    admitted_share: float
    # Shares of the candidates; age on the first day of the session of their first application.
    bac_level_or_below_share: float
    under_30_share: float
    women_share: float
    qpv_zrr_share: float
    job_seeker_share: float
    scholarship_holder_share: float
    # Share of the applications.
    referred_share: float
    application_states: dict[str, int]
    offer_states: dict[str, int]

    def lines(self) -> list[str]:
        return [
            f"Admissions: {self.candidates} candidates, {self.applications} applications "
            f"({self.applications_per_place:.1f} per place in the sessions whose applications have closed, "
            f"{self.referred_share:.0%} referred by a prescriber); "
            f"{self.admitted_share:.0%} of the candidates to the sessions started were admitted.",
            f"Candidates: {self.bac_level_or_below_share:.0%} at bac level or below, "
            f"{self.under_30_share:.0%} under 30, {self.women_share:.0%} women, "
            f"{self.qpv_zrr_share:.0%} in a QPV or ZRR, {self.job_seeker_share:.0%} job seekers, "
            f"{self.scholarship_holder_share:.0%} scholarship holders.",
            "Applications: "
            + _states(self.application_states)
            + "; offers: "
            + _states(self.offer_states)
            + ".",
        ]


def admissions_figures(today: datetime.date) -> AdmissionsFigures:
    sessions = Session.objects.filter(course__organisation__in=demo_organisations())
    applications = Application.objects.filter(session__in=sessions)
    candidates = Candidate.objects.filter(pk__in=applications.values("candidate"))
    closed = sessions.filter(application_closes_on__lt=today, applications__isnull=False).distinct()
    places = closed.aggregate(places=Sum("capacity"))["places"] or 0
    started = applications.filter(session__start_date__lte=today)
    total = candidates.count()
    profiles = Counter()
    for diploma, gender, qpv_zrr, job_seeker, scholarship in candidates.values_list(
        "diploma_level", "gender", "lives_in_qpv_or_zrr", "is_job_seeker", "is_scholarship_holder"
    ):
        profiles["bac"] += diploma in BAC_LEVEL_OR_BELOW
        profiles["women"] += gender == Gender.WOMAN
        profiles["qpv_zrr"] += qpv_zrr
        profiles["job_seekers"] += job_seeker
        profiles["scholarship"] += scholarship
    return AdmissionsFigures(
        candidates=total,
        applications=applications.count(),
        applications_per_place=applications.filter(session__in=closed).count() / places if places else 0,
        admitted_share=_share(
            started.filter(state=State.ADMITTED).values("candidate").distinct().count(),
            started.values("candidate").distinct().count(),
        ),
        bac_level_or_below_share=_share(profiles["bac"], total),
        under_30_share=_share(_under_30(applications), total),
        women_share=_share(profiles["women"], total),
        qpv_zrr_share=_share(profiles["qpv_zrr"], total),
        job_seeker_share=_share(profiles["job_seekers"], total),
        scholarship_holder_share=_share(profiles["scholarship"], total),
        referred_share=_share(
            applications.filter(referrer_organisation__isnull=False).count(), applications.count()
        ),
        application_states=_counts(applications),
        offer_states=_counts(Offer.objects.filter(session__in=sessions)),
    )


def _under_30(applications) -> int:
    """Candidates under 30 on the first day of the session of their first application."""
    first_start: dict[int, tuple] = {}
    for candidate_id, birth_date, received_at, start in applications.values_list(
        "candidate_id", "candidate__birth_date", "created_at", "session__start_date"
    ):
        if candidate_id not in first_start or received_at < first_start[candidate_id][1]:
            first_start[candidate_id] = (birth_date, received_at, start)
    return sum(_age(birth_date, start) < UNDER_30 for birth_date, _, start in first_start.values())


def _age(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _counts(queryset) -> dict[str, int]:
    return dict(queryset.order_by("state").values_list("state").annotate(count=Count("pk")))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _states(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {state}" for state, count in counts.items())
