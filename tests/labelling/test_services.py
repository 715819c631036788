"""The labelling workflow through its services: call, dossier, review, committee, label life."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gen.accounts.models import Role
from gen.catalogue.models import Course
from gen.labelling.models import CommitteeDecision, Label, LabelApplication, LabellingCall
from gen.labelling.selectors import call_ranking, visible_applications
from gen.labelling.services.applications import (
    application_create,
    application_missing,
    application_submit,
    application_update,
    attachment_add,
)
from gen.labelling.services.calls import call_close, call_create, call_mark_decided, call_publish
from gen.labelling.services.committee import decision_record, label_validity_end
from gen.labelling.services.labels import label_reinstate, label_suspend, label_withdraw, labels_expire
from gen.labelling.services.reviews import review_assign, review_save
from gen.territories.models import Commune
from tests.factories import (
    CourseFactory,
    LabelApplicationFactory,
    LabellingCallFactory,
    MembershipFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return MembershipFactory(role=Role.NATIONAL_TEAM).user


@pytest.fixture
def reviewer():
    return MembershipFactory(role=Role.REVIEWER).user


def pdf(name="programme.pdf", content=b"%PDF-1.7 real enough", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def submitted(**kwargs) -> LabelApplication:
    application = LabelApplicationFactory(complete=True, **kwargs)
    return application_submit(application, acting_user=None)


def under_review(reviewer, team) -> LabelApplication:
    application = submitted()
    review_assign(application, reviewer=reviewer, acting_user=team)
    application.refresh_from_db()
    return application


# Calls


def test_a_call_comes_with_the_default_criteria_and_moves_through_its_states(team, now):
    call = call_create(
        title="Appel 2027",
        text="…",
        opens_at=now - datetime.timedelta(days=40),
        deadline=now - datetime.timedelta(days=1),
        region_codes=["32"],
        acting_user=team,
    )
    assert call.state == LabellingCall.State.DRAFT
    assert call.criteria.count() == 6
    assert list(call.regions.values_list("code", flat=True)) == ["32"]
    assert call.max_seed_grant_rate == Decimal("0.80")

    call_publish(call, acting_user=team)
    call_close(call, acting_user=team)
    call_mark_decided(call, acting_user=team)

    call.refresh_from_db()
    assert call.state == LabellingCall.State.DECIDED
    log = list(call.transitions.values_list("from_state", "to_state", "actor"))
    assert log == [
        ("draft", "published", team.pk),
        ("published", "closed", team.pk),
        ("closed", "decided", team.pk),
    ]


def test_a_call_closes_only_after_its_deadline_and_is_decided_only_when_every_dossier_is(team, reviewer):
    application = under_review(reviewer, team)
    call = application.call
    with pytest.raises(ValidationError, match="après sa date limite"):
        call_close(call, acting_user=team)
    call_close(call, acting_user=team, now=call.deadline + datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="attendent encore une décision"):
        call_mark_decided(call, acting_user=team)


def test_bad_call_dates_and_transitions_are_refused(team, now):
    with pytest.raises(ValidationError):
        call_create(
            title="X", text="…", opens_at=now, deadline=now - datetime.timedelta(days=1), acting_user=team
        )
    call = LabellingCallFactory(state=LabellingCall.State.DRAFT)
    with pytest.raises(ValidationError, match=r"pas possible depuis l’état actuel \(Brouillon → Décidé\)"):
        call_mark_decided(call, acting_user=team)


# Dossiers


def test_a_complete_dossier_is_submitted_then_locked():
    application = LabelApplicationFactory(complete=True)
    assert application_missing(application) == []

    application_submit(application, acting_user=None)

    application.refresh_from_db()
    assert application.state == LabelApplication.State.SUBMITTED
    assert application.submitted_at is not None
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        application_update(application, acting_user=None, sourcing_partners="Autre")
    assert application.transitions.get().to_state == "submitted"


def test_an_incomplete_dossier_says_what_it_lacks():
    application = LabelApplicationFactory()

    missing = application_missing(application)

    assert "femmes (%)" in missing
    assert "budget annuel (€)" in missing
    assert "pièce jointe : Programme pédagogique" in missing
    with pytest.raises(ValidationError, match="Le dossier est incomplet"):
        application_submit(application, acting_user=None)


def test_no_submission_after_the_deadline(now):
    call = LabellingCallFactory(deadline=now + datetime.timedelta(hours=1))
    application = LabelApplicationFactory(call=call, complete=True)

    with pytest.raises(ValidationError, match="date limite"):
        application_submit(application, acting_user=None, now=now + datetime.timedelta(hours=2))
    assert LabelApplication.objects.get(pk=application.pk).state == LabelApplication.State.DRAFT


def test_no_dossier_in_a_closed_call_and_one_per_course():
    course = CourseFactory(labelled=False)
    closed = LabellingCallFactory(state=LabellingCall.State.CLOSED)
    with pytest.raises(ValidationError, match="pas ouvert"):
        application_create(call=closed, course=course, acting_user=None)
    call = LabellingCallFactory()
    application_create(call=call, course=course, acting_user=None)
    with pytest.raises(ValidationError, match="existe déjà"):
        application_create(call=call, course=course, acting_user=None)


def test_a_regional_call_takes_only_courses_of_its_regions():
    call = LabellingCallFactory(region_codes=["32"])
    in_region = CourseFactory(labelled=False, commune=Commune.objects.get(insee_code="62498"))
    elsewhere = CourseFactory(labelled=False, commune=Commune.objects.get(insee_code="69123"))

    application_create(call=call, course=in_region, acting_user=None)
    with pytest.raises(ValidationError, match="d’autres régions"):
        application_create(call=call, course=elsewhere, acting_user=None)


@pytest.mark.parametrize("grant, accepted", [(Decimal("240000"), True), (Decimal("240001"), False)])
def test_the_seed_grant_is_capped_at_80_percent_of_the_budget(grant, accepted):
    application = LabelApplicationFactory()

    if accepted:
        application_update(
            application, acting_user=None, annual_budget=Decimal("300000"), seed_grant_requested=grant
        )
        assert LabelApplication.objects.get(pk=application.pk).seed_grant_requested == grant
    else:
        with pytest.raises(ValidationError, match="80 % du budget"):
            application_update(
                application, acting_user=None, annual_budget=Decimal("300000"), seed_grant_requested=grant
            )
        assert LabelApplication.objects.get(pk=application.pk).seed_grant_requested is None


def test_cost_per_learner_is_computed():
    application = LabelApplicationFactory(complete=True)  # 300,000 € for 2 sessions of 24

    assert application.cost_per_learner == Decimal("6250")


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf(name="programme.docx"), "Seuls les fichiers PDF"),
        (pdf(content_type="image/png"), "Seuls les fichiers PDF"),
        (pdf(content=b"MZ\x90\x00 not a pdf"), "Seuls les fichiers PDF"),
        (pdf(content=b""), "vide"),
        (pdf(content=b"%PDF-" + b"0" * (5 * 1024 * 1024)), "trop volumineux"),
    ],
)
def test_bad_files_are_refused(upload, message):
    application = LabelApplicationFactory()

    with pytest.raises(ValidationError, match=message):
        attachment_add(application, kind="programme", uploaded_file=upload, acting_user=None)
    assert not application.attachments.exists()


def test_a_pdf_is_stored_under_a_name_of_ours():
    application = LabelApplicationFactory()

    attachment = attachment_add(
        application, kind="budget", uploaded_file=pdf("../../etc/passwd.pdf"), acting_user=None
    )

    assert attachment.original_name == "passwd.pdf"  # Django keeps only the base name
    assert attachment.file.name.startswith(f"labelling/applications/{application.pk}/budget-")
    assert ".." not in attachment.file.name


# Review


def test_a_reviewer_never_reviews_their_own_organisation(team, reviewer):
    application = submitted()
    MembershipFactory(user=reviewer, role=Role.ORGANISATION, organisation=application.course.organisation)

    with pytest.raises(ValidationError, match="appartient à l’organisme"):
        review_assign(application, reviewer=reviewer, acting_user=team)
    assert not application.review_assignments.exists()


def test_only_reviewers_are_assigned_and_assignment_starts_the_review(team, reviewer):
    application = submitted()
    with pytest.raises(ValidationError, match="pas instructeur"):
        review_assign(application, reviewer=UserFactory(), acting_user=team)

    review_assign(application, reviewer=reviewer, acting_user=team)

    application.refresh_from_db()
    assert application.state == LabelApplication.State.UNDER_REVIEW
    assert visible_applications(reviewer).get() == application


def test_scores_need_a_comment_below_three_and_every_criterion_to_submit(team, reviewer):
    application = under_review(reviewer, team)
    assignment = application.review_assignments.get()
    criteria = list(application.call.criteria.all())

    with pytest.raises(ValidationError, match="commentaire"):
        review_save(assignment, scores={criteria[0].pk: (2, "")}, submit=False, acting_user=reviewer)
    with pytest.raises(ValidationError, match="Notez chaque critère"):
        review_save(assignment, scores={criteria[0].pk: (4, "")}, submit=True, acting_user=reviewer)
    with pytest.raises(ValidationError, match="instructeur désigné"):
        review_save(assignment, scores={criteria[0].pk: (4, "")}, submit=False, acting_user=team)

    scores = {criterion.pk: (4, "") for criterion in criteria}
    scores[criteria[0].pk] = (1, "Publics prioritaires trop peu présents.")
    review_save(assignment, scores=scores, submit=True, acting_user=reviewer)

    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    with pytest.raises(ValidationError, match="ne peut plus être modifiée"):
        review_save(assignment, scores=scores, submit=True, acting_user=reviewer)


def test_weighted_scores_rank_the_call(team, reviewer):
    good, weak = under_review(reviewer, team), under_review(reviewer, team)
    LabelApplication.objects.filter(pk=weak.pk).update(call=good.call)
    for application, score in ((good, 5), (weak, 2)):
        assignment = application.review_assignments.get()
        scores = {criterion.pk: (score, "Faible.") for criterion in good.call.criteria.all()}
        review_save(assignment, scores=scores, submit=True, acting_user=reviewer)
    waiting = submitted()
    LabelApplication.objects.filter(pk=waiting.pk).update(call=good.call)

    ranking = call_ranking(good.call)

    assert [row.application.pk for row in ranking] == [good.pk, weak.pk, waiting.pk]
    assert [row.score for row in ranking] == [5, 2, None]
    assert [row.reviews_missing for row in ranking] == [0, 0, 0]


# Committee and labels


def test_a_granted_dossier_creates_a_three_year_label_and_lists_the_course(
    team, reviewer, today, django_capture_on_commit_callbacks
):
    application = under_review(reviewer, team)
    member = MembershipFactory(role=Role.ORGANISATION, organisation=application.course.organisation).user
    decided_on = today

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after commit
        decision_record(
            application,
            outcome=CommitteeDecision.Outcome.GRANTED,
            reasons="Dossier solide.",
            decided_on=decided_on,
            acting_user=team,
        )

    label = Label.objects.get(course=application.course)
    assert (label.valid_from, label.valid_until) == (decided_on, label_validity_end(decided_on))
    assert label.application == application
    assert Course.objects.get(pk=application.course_id).is_listed
    application.refresh_from_db()
    assert application.state == LabelApplication.State.DECIDED
    run_queued_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Accordé" in mail.outbox[0].subject
    assert "Dossier solide." in mail.outbox[0].body


def test_refused_and_deferred_dossiers(team, reviewer, today, django_capture_on_commit_callbacks):
    refused, deferred = under_review(reviewer, team), under_review(reviewer, team)
    for application in (refused, deferred):
        MembershipFactory(role=Role.ORGANISATION, organisation=application.course.organisation)

    with django_capture_on_commit_callbacks(execute=True):
        decision_record(
            refused, outcome="refused", reasons="Budget insuffisant.", decided_on=today, acting_user=team
        )
        decision_record(
            deferred, outcome="deferred", reasons="Pièces à compléter.", decided_on=today, acting_user=team
        )

    # Both organisations hear of it, the deferred one too.
    run_queued_tasks()
    assert ["Refusé" in message.subject for message in mail.outbox] == [True, False]
    assert "Ajourné" in mail.outbox[1].subject and "Pièces à compléter." in mail.outbox[1].body

    assert LabelApplication.objects.get(pk=refused.pk).state == LabelApplication.State.DECIDED
    assert LabelApplication.objects.get(pk=deferred.pk).state == LabelApplication.State.UNDER_REVIEW
    assert not Label.objects.exists()
    with pytest.raises(ValidationError, match="motifs"):
        decision_record(deferred, outcome="granted", reasons=" ", decided_on=today, acting_user=team)


def test_a_renewal_replaces_the_label_in_force(team, reviewer, today):
    application = under_review(reviewer, team)
    old = Label.objects.create(
        course=application.course,
        valid_from=today - datetime.timedelta(days=1000),
        valid_until=today + datetime.timedelta(days=60),
    )

    decision_record(application, outcome="granted", reasons="Renouvelé.", decided_on=today, acting_user=team)

    old.refresh_from_db()
    assert old.status == Label.Status.EXPIRED
    assert Label.objects.get(course=application.course, status=Label.Status.ACTIVE).application == application


def test_label_life_is_logged_and_followed_by_the_catalogue(team):
    course = CourseFactory()
    label = course.labels.get()

    with pytest.raises(ValidationError):
        label_suspend(label, reason="", acting_user=team)
    label_suspend(label, reason="Bilan attendu.", acting_user=team)
    assert not Course.objects.get(pk=course.pk).is_listed
    label_reinstate(label, reason="Bilan reçu.", acting_user=team)
    assert Course.objects.get(pk=course.pk).is_listed
    label_withdraw(label, reason="Formation arrêtée.", acting_user=team)

    assert list(label.transitions.values_list("to_state", "reason")) == [
        ("suspended", "Bilan attendu."),
        ("active", "Bilan reçu."),
        ("withdrawn", "Formation arrêtée."),
    ]
    assert not Course.objects.get(pk=course.pk).is_listed


def test_labels_expire_after_their_validity():
    course = CourseFactory()
    label = course.labels.get()

    assert labels_expire(today=label.valid_until) == 0
    assert labels_expire(today=label.valid_until + datetime.timedelta(days=1)) == 1

    label.refresh_from_db()
    assert label.status == Label.Status.EXPIRED
    assert label.transitions.get().actor is None
    assert not Course.objects.get(pk=course.pk).is_listed


def test_a_label_is_valid_three_years_from_the_decision():
    assert label_validity_end(datetime.date(2026, 12, 1)) == datetime.date(2029, 11, 30)
    assert label_validity_end(datetime.date(2028, 2, 29)) == datetime.date(2031, 2, 27)
