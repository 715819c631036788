import dataclasses
import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from gen.accounts.models import Membership, Role, User
from gen.catalogue.models import Course
from gen.catalogue.selectors import labelled_courses
from gen.demo import builder, featured, people
from gen.demo.builder import demo_clear, demo_seed
from gen.demo.context import demo_organisations
from gen.demo.digest import demo_digest
from gen.demo.labelling import demo_calls
from gen.demo.labelling.digest import labelling_rows
from gen.demo.labelling.dossiers import at
from gen.demo.labelling.history import calendar
from gen.demo.scales import NATIONAL, SMALL
from gen.labelling.models import (
    Attachment,
    CallTransition,
    CoFunding,
    CommitteeDecision,
    Criterion,
    Label,
    LabelApplication,
    LabelApplicationTransition,
    LabellingCall,
    LabelTransition,
    ReviewAssignment,
    Score,
)
from gen.labelling.selectors import visible_applications
from gen.labelling.services.applications import application_missing
from gen.labelling.services.calls import DEFAULT_CRITERIA, call_is_open
from gen.labelling.services.reviews import has_conflict_of_interest
from gen.labelling.services.workflows import APPLICATION_WORKFLOW, CALL_WORKFLOW, LABEL_WORKFLOW
from gen.organisations.models import Organisation
from tests.factories import LabelApplicationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)
State = LabelApplication.State
Outcome = CommitteeDecision.Outcome


@pytest.fixture
def small():
    return demo_seed(scale=SMALL, today=TODAY).dataset


def historical_call() -> LabellingCall:
    return demo_calls().get(state=LabellingCall.State.DECIDED)


def open_call() -> LabellingCall:
    return demo_calls().get(state=LabellingCall.State.PUBLISHED)


def email(local_part: str) -> str:
    return next(user.email for user in people.DEMO_USERS if user.local_part == local_part)


def assert_logged(transitions, workflow, *, final: str, first: str) -> None:
    """The log walks the workflow's table from `first` to `final`, in time order."""
    rows = list(transitions.order_by("at", "pk"))
    assert rows, "no transition logged"
    assert rows[0].from_state == first
    for row, following in zip(rows, rows[1:], strict=False):
        assert row.to_state == following.from_state
        assert row.at <= following.at
    for row in rows:
        assert row.from_state in workflow.transitions[row.to_state]
    assert rows[-1].to_state == final


def test_every_listed_course_holds_a_label_granted_by_the_historical_call(small):
    call = historical_call()
    listed = list(labelled_courses())

    assert len(listed) == SMALL.listed_courses
    for course in listed:
        label = Label.objects.in_force(TODAY).select_related("application").get(course=course)
        application = label.application
        assert application.call == call
        assert application.state == State.DECIDED
        last = application.decisions.latest("decided_on")
        assert last.outcome == Outcome.GRANTED
        assert last.decided_on == label.valid_from
        assert "label" in last.reasons.lower() and last.reasons.endswith(".")
        assert_logged(application.transitions, APPLICATION_WORKFLOW, first=State.DRAFT, final=State.DECIDED)
        assert application_missing(application) == []


def test_the_historical_call_is_national_decided_a_year_ago_with_the_default_criteria(small):
    call = historical_call()
    dates = calendar(TODAY)

    assert call.title == "Appel à projets Grande École du Numérique — septembre 2024"
    assert not call.regions.exists()
    assert call.opens_at < call.deadline < at(dates.committee, 0)
    assert 300 <= (TODAY - dates.committee).days <= 430
    assert list(call.criteria.values_list("title", "weight")) == [(t, w) for t, _, w in DEFAULT_CRITERIA]
    assert_logged(
        CallTransition.objects.filter(subject=call),
        CALL_WORKFLOW,
        first=LabellingCall.State.DRAFT,
        final=LabellingCall.State.DECIDED,
    )


def test_the_historical_call_granted_refused_and_deferred(small):
    applications = historical_call().applications.all()
    decisions = CommitteeDecision.objects.filter(application__in=applications)
    dates = calendar(TODAY)

    assert applications.count() == 14
    assert set(applications.values_list("state", flat=True)) == {State.DECIDED}
    # Every label granted is for a listed, suspended or withdrawn course; 15% of 11 listed were refused.
    assert Counter(decisions.values_list("outcome", flat=True)) == {
        Outcome.GRANTED: 12,
        Outcome.REFUSED: 2,
        Outcome.DEFERRED: 1,
    }
    deferred = decisions.get(outcome=Outcome.DEFERRED).application
    assert deferred.decisions.get(outcome=Outcome.GRANTED).decided_on == dates.next_committee
    for refusal in decisions.filter(outcome=Outcome.REFUSED).select_related("application__course"):
        assert refusal.reasons
        assert not refusal.application.course.labels.exists()
        assert not refusal.application.course.is_listed
        assert refusal.application.transitions.get(to_state=State.DECIDED).reason == "Refusé"


def test_labels_no_longer_in_force_have_their_status_change_logged(national):
    team = User.objects.get(email=email("equipe"))
    changed = Label.objects.filter(course__organisation__in=demo_organisations()).exclude(
        status=Label.Status.ACTIVE
    )

    assert set(changed.values_list("status", flat=True)) == {
        Label.Status.SUSPENDED,
        Label.Status.WITHDRAWN,
        Label.Status.EXPIRED,
    }
    for label in changed:
        assert_logged(label.transitions, LABEL_WORKFLOW, first=Label.Status.ACTIVE, final=label.status)
        transition = label.transitions.get()
        assert transition.reason == label.status_reason
        if label.status == Label.Status.EXPIRED:
            assert transition.at.date() == label.valid_until + datetime.timedelta(days=1)
        else:
            assert label.application.call == historical_call()
            assert label.valid_from < transition.at.date() < TODAY
            assert transition.actor == team


def test_the_open_call_has_dossiers_in_every_state(small):
    call = open_call()
    applications = call.applications.all()

    assert set(call.regions.values_list("code", flat=True)) == {"32", "11"}
    assert call.deadline.date() == TODAY + datetime.timedelta(weeks=6)
    assert call_is_open(call, at(TODAY, 12))
    assert Counter(applications.values_list("state", flat=True)) == {
        State.DRAFT: 3,
        State.SUBMITTED: 2,
        State.UNDER_REVIEW: 4,
    }
    deferred = CommitteeDecision.objects.get(application__call=call)
    assert deferred.outcome == Outcome.DEFERRED
    assert deferred.application.state == State.UNDER_REVIEW
    assert deferred.decided_on < TODAY
    assert deferred.reasons
    incomplete = [application for application in applications if application_missing(application)]
    assert len(incomplete) == 2
    assert {application.state for application in incomplete} == {State.DRAFT}
    for application in applications.exclude(state=State.DRAFT):
        assert_logged(
            application.transitions, APPLICATION_WORKFLOW, first=State.DRAFT, final=application.state
        )
        assert call.opens_at <= application.submitted_at < at(TODAY, 0)
    for application in applications:
        assert application.seed_grant_rate is None or application.seed_grant_rate <= call.max_seed_grant_rate
    # As application_create requires: the courses are in the call's regions.
    assert set(applications.values_list("course__commune__departement__region__code", flat=True)) <= {
        "32",
        "11",
    }


def test_dossiers_under_review_have_reviews_in_and_reviews_missing(small):
    under_review = open_call().applications.filter(state=State.UNDER_REVIEW)
    assignments = ReviewAssignment.objects.filter(application__in=under_review)
    criteria = open_call().criteria.count()

    assert all(application.review_assignments.exists() for application in under_review)
    submitted = assignments.filter(submitted_at__isnull=False)
    assert submitted.exists() and assignments.filter(submitted_at__isnull=True).exists()
    for assignment in submitted:
        assert assignment.scores.count() == criteria
        assert assignment.assigned_at < assignment.submitted_at < at(TODAY, 0)
    assert {assignment.scores.count() for assignment in assignments.filter(submitted_at__isnull=True)} == {
        0,
        criteria // 2,
    }


def test_the_demo_organisation_admin_sees_its_dossiers_of_both_calls(small):
    admin = User.objects.get(email=email("admin.pop"))
    pop = Organisation.objects.get(name=featured.POP.name)

    visible = visible_applications(admin)

    assert set(visible.values_list("course__organisation", flat=True)) == {pop.pk}
    assert {State.DRAFT, State.SUBMITTED, State.UNDER_REVIEW} <= set(
        visible.filter(call=open_call()).values_list("state", flat=True)
    )
    # The small scale's four Pop-like courses in the catalogue.
    assert visible.filter(call=historical_call(), decisions__outcome=Outcome.GRANTED).count() == 4
    submissions = LabelApplicationTransition.objects.filter(subject__in=visible, to_state=State.SUBMITTED)
    assert set(submissions.values_list("actor__email", flat=True)) == {admin.email}


def test_attachments_are_small_valid_pdfs_in_the_storage(small):
    attachments = Attachment.objects.filter(application__call__in=demo_calls())

    assert attachments.exists()
    for attachment in attachments[:10]:
        with default_storage.open(attachment.file.name) as stored:
            content = stored.read()
        assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
        assert len(content) == attachment.size
        assert attachment.uploaded_at <= (attachment.application.submitted_at or at(TODAY, 0))


@pytest.fixture
def national():
    # Without applicants (tested in test_admissions_demo), the national scale seeds in a second.
    return demo_seed(scale=dataclasses.replace(NATIONAL, admissions_sessions=0), today=TODAY).dataset


def test_national_reviewers_scored_a_sample_of_historical_dossiers(national):
    assignments = ReviewAssignment.objects.filter(application__call=historical_call())
    reviewed = Counter(assignments.filter(submitted_at__isnull=False).values_list("application", flat=True))
    scores = Score.objects.filter(assignment__in=assignments)

    assert len(reviewed) == 20
    assert set(reviewed.values()) == {2}
    assert scores.count() == 2 * 20 * len(DEFAULT_CRITERIA)
    values = list(scores.values_list("score", flat=True))
    assert sum(3 <= value <= 5 for value in values) / len(values) > 0.75
    assert not scores.filter(score__lt=3, comment="").exists()
    assert scores.filter(score__lt=3).exists()
    for assignment in assignments:
        assert (
            assignment.submitted_at.date()
            < assignment.application.decisions.earliest("decided_on").decided_on
        )


def test_national_scale_counts(national):
    assert national.counts["labelling calls"] == 2
    assert Counter(historical_call().applications.values_list("decisions__outcome", flat=True)) == {
        Outcome.GRANTED: 176,
        Outcome.REFUSED: 26,
        Outcome.DEFERRED: 11,
    }
    assert Counter(open_call().applications.values_list("state", flat=True)) == {
        State.DRAFT: 6,
        State.SUBMITTED: 7,
        State.UNDER_REVIEW: 12,
    }


def with_reviewers_in_organisations(monkeypatch):
    """The regional reviewer also works for the Pop-like organisation, the national one for another
    organisation of the open call's regions."""
    others = {}

    def build(ctx):
        people.build(ctx)
        pop = ctx.featured["pop"]
        other = next(
            organisation
            for organisation in sorted(ctx.organisations, key=lambda organisation: organisation.siret)
            if organisation.commune.departement.region.code == "11"
        )
        others["other"] = other
        for local_part, organisation in (("instructeur.hdf", pop), ("instructrice", other)):
            user = User.objects.get(email=email(local_part))
            Membership.objects.create(user=user, role=Role.ORGANISATION, organisation=organisation)

    steps = [
        dataclasses.replace(step, build=build) if step.name == "people" else step for step in builder.STEPS
    ]
    monkeypatch.setattr(builder, "STEPS", steps)
    return others


def test_no_reviewer_reviews_their_own_organisation(monkeypatch):
    others = with_reviewers_in_organisations(monkeypatch)
    demo_seed(scale=SMALL, today=TODAY)
    pop = Organisation.objects.get(name=featured.POP.name)
    assignments = ReviewAssignment.objects.select_related("reviewer", "application__course")

    assert assignments.exists()
    for assignment in assignments:
        assert not has_conflict_of_interest(assignment.reviewer, assignment.application)
    regional = assignments.filter(reviewer__email=email("instructeur.hdf"))
    assert not regional.filter(application__course__organisation=pop).exists()
    assert open_call().applications.filter(course__organisation=pop).exists()
    assert not open_call().applications.filter(course__organisation=others["other"]).exists()


def test_regional_reviewers_review_only_in_their_region(small):
    regional = ReviewAssignment.objects.filter(reviewer__email=email("instructeur.hdf"))

    assert regional.exists()
    assert set(
        regional.values_list("application__course__commune__departement__region__code", flat=True)
    ) == {"32"}


def test_the_same_seed_gives_the_same_labelling_rows(small):
    rows, digest = list(labelling_rows()), demo_digest()

    demo_seed(scale=SMALL, today=TODAY, reset=True)

    assert list(labelling_rows()) == rows
    assert demo_digest() == digest
    demo_seed(scale=SMALL, today=TODAY, seed=7, reset=True)
    assert list(labelling_rows()) != rows


def test_reset_clears_every_labelling_row_and_file_of_the_demo():
    real = LabelApplicationFactory(complete=True)
    demo_seed(scale=SMALL, today=TODAY)
    files = list(Attachment.objects.filter(application__call__in=demo_calls()).values_list("file", flat=True))
    # A dossier a demo user starts for a demo course during the demo goes too.
    demo_course = Course.objects.filter(organisation__in=demo_organisations(), is_listed=True).first()
    LabelApplication.objects.create(call=open_call(), course=demo_course)

    demo_clear()

    assert list(LabellingCall.objects.all()) == [real.call]
    assert list(LabelApplication.objects.all()) == [real]
    assert set(Criterion.objects.values_list("call", flat=True)) == {real.call.pk}
    assert set(Attachment.objects.values_list("application", flat=True)) == {real.pk}
    assert not CommitteeDecision.objects.exclude(application=real).exists()
    assert not CoFunding.objects.exclude(application=real).exists()
    assert not ReviewAssignment.objects.exists() and not Score.objects.exists()
    assert not CallTransition.objects.exists()
    assert not LabelApplicationTransition.objects.exclude(subject=real).exists()
    assert not LabelTransition.objects.exists()
    assert files and not any(default_storage.exists(name) for name in files)


def test_seed_demo_reset_recreates_the_labelling_data(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--scale", "small", stdout=StringIO())
    first = list(labelling_rows())

    call_command("seed_demo", "--scale", "small", "--reset", stdout=StringIO())

    assert demo_calls().count() == 2
    assert len(list(labelling_rows())) == len(first)


def test_stress_builds_only_the_historical_call_and_the_label_links():
    demo_seed(scale=dataclasses.replace(SMALL, name="stress"), today=TODAY)

    call = historical_call()
    assert demo_calls().count() == 1
    assert not ReviewAssignment.objects.exists() and not Attachment.objects.exists()
    assert set(CommitteeDecision.objects.values_list("outcome", flat=True)) == {Outcome.GRANTED}
    assert call.applications.count() == Label.objects.exclude(application=None).count() == 12
    for label in Label.objects.in_force(TODAY):
        assert label.application.call == call
        assert label.application.decisions.get().decided_on == label.valid_from


def test_courses_seeking_a_label_stay_out_of_the_catalogue(small):
    seeking = Course.objects.filter(organisation__in=demo_organisations(), labels__isnull=True)

    assert seeking.count() == 11
    for course in seeking:
        assert not course.is_listed
        assert not course.sessions.exists()
        assert course.jobs.exists()
        assert course.label_applications.exists()
