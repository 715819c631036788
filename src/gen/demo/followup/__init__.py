"""The demo's cohorts and what became of their learners, up to the demo's now: drop-outs and
completions with the certification, the roll of the running cohorts and of each organisation's last
finished one, internships with their agreements and hirings, the follow-up surveys at the end of the
course and 3, 6 and 12 months later, their answers and the outcomes organisations recorded.

Tuned so that the national figures land near the seeds': about 70 % of the learners whose situation
is known 6 months after leaving are in a job or run their business, some 80 % complete the course.
The admissions step runs first: its enrolments are the learners.
"""

from collections import Counter

from gen.cohorts.models import Attendance, Enrolment, EnrolmentTransition, Internship, InternshipTransition
from gen.demo.admissions import NOW_HOUR
from gen.demo.context import DemoContext, demo_organisations
from gen.demo.followup import attendance, internships, leaving, named, texts
from gen.demo.followup.careers import CareerMaker
from gen.demo.followup.companies import Companies
from gen.demo.followup.learners import Cohort, load_cohorts
from gen.demo.followup.surveys import FollowUp
from gen.demo.followup.writer import write
from gen.demo.labelling.dossiers import at
from gen.outcomes.jobs import job_of_title
from gen.outcomes.models import Outcome, Survey


def build(ctx: DemoContext) -> None:
    cohorts = load_cohorts(ctx)
    if not cohorts:
        return
    now = at(ctx.today, NOW_HOUR)
    leaving.walk(ctx.rng("cohorts"), cohorts, now)
    companies = Companies(ctx.rng("companies"), ctx.reference, _courses_per_region(cohorts))
    internships.find(ctx.rng("internships"), cohorts, companies, now)
    pop = ctx.featured.get("pop")
    if pop is not None:
        named.leave_one_searching(cohorts, pop.pk, ctx.today)
    featured = {organisation.pk for organisation in ctx.featured.values()}
    attendance.choose(
        cohorts, ctx.today, organisation_ids=None if ctx.scale.attendance_everywhere else featured
    )
    careers = CareerMaker(
        ctx.rng("careers"),
        companies,
        {title: getattr(job_of_title(title), "pk", None) for title in texts.OTHER_JOB_TITLES},
    )
    follow_up = FollowUp(ctx.rng("outcomes"), now)
    for cohort in cohorts:
        for learner in cohort.learners:
            if learner.has_left:
                follow_up.follow(learner, careers.career(learner))
    write(ctx, cohorts, follow_up, ctx.rng("attendance"))


def _courses_per_region(cohorts: list[Cohort]) -> Counter:
    regions = {cohort.session.course_id: cohort.region_code for cohort in cohorts}
    return Counter(regions.values())


def clear() -> None:
    """Remove what the step wrote for the demo's enrolments (which go with the admissions step), the
    rows with many children with only their keys loaded."""
    enrolments = Enrolment.objects.filter(session__course__organisation__in=demo_organisations())
    Outcome.objects.filter(enrolment__in=enrolments).delete()
    Survey.objects.filter(enrolment__in=enrolments).only("pk").delete()
    Attendance.objects.filter(enrolment__in=enrolments).delete()
    InternshipTransition.objects.filter(subject__enrolment__in=enrolments).delete()
    Internship.objects.filter(enrolment__in=enrolments).only("pk").delete()
    EnrolmentTransition.objects.filter(subject__in=enrolments).delete()
