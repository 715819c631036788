"""Retention, as the privacy notice promises: candidates idle for two years, whose sessions all ended two
years ago, are anonymised (`gen purge-personal-data`); everyone else is left alone."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gen.accounts.models import Membership, Role, User
from gen.admissions.models import (
    Application,
    ApplicationNote,
    ApplicationTransition,
    Candidate,
    DiplomaLevel,
    Gender,
    Offer,
    RefusalReason,
)
from gen.admissions.services.applications import application_invite, application_refuse, note_add
from gen.admissions.services.retention import personal_data_preview, personal_data_purge
from gen.catalogue.models import Session
from gen.cohorts.models import DropOutReason, Enrolment
from gen.notifications.models import OutboxMessage
from gen.outcomes.models import Outcome
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    EnrolmentFactory,
    MembershipFactory,
    OfferFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = 800  # days: beyond the two years of retention (730 by default)
RECENTLY = 400  # days: within them


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def idle(user: User, *, days: int = LONG_AGO, logged_in: bool = True) -> None:
    """The account was made, and last used (or never), that many days ago."""
    User.objects.filter(pk=user.pk).update(
        date_joined=days_ago(days + 30), last_login=days_ago(days) if logged_in else None
    )


def ended(session: Session, *, days: int = LONG_AGO) -> None:
    """Move the session, and its application window, back so that it ended that many days ago."""
    shift = session.end_date - (timezone.localdate() - datetime.timedelta(days=days))
    Session.objects.filter(pk=session.pk).update(
        start_date=F("start_date") - shift,
        end_date=F("end_date") - shift,
        application_opens_on=F("application_opens_on") - shift,
        application_closes_on=F("application_closes_on") - shift,
    )


def applied_long_ago(email: str = "alix.durand@example.org", **profile) -> Application:
    """A candidate refused after the information meeting, the team's words on file; then years passed."""
    profile = {
        "birth_date": datetime.date(1998, 3, 14),
        "gender": Gender.WOMAN,
        "diploma_level": DiplomaLevel.LEVEL_4,
        "is_job_seeker": True,
        "lives_in_qpv_or_zrr": True,
        **profile,
    }
    candidate = CandidateFactory(
        user__email=email, user__first_name="Alix", user__last_name="Durand", **profile
    )
    application = ApplicationFactory(candidate=candidate)
    team = MembershipFactory(
        role=Role.ORGANISATION, organisation=application.session.course.organisation
    ).user
    application_invite(
        application=application, acting_user=team, reason="Réunion le 3 mars à 14 h : venez avec Alix Durand."
    )
    note_add(application=application, text="Alix Durand hésite avec une autre formation.", acting_user=team)
    application_refuse(
        application=application,
        reason=RefusalReason.TESTS,
        comment="Alix, retentez votre chance : vos progrès en logique sont nets.",
        acting_user=team,
    )
    idle(candidate.user)
    idle(team)  # the team member is as idle, and must stay untouched
    ended(application.session)
    application.refresh_from_db()
    return application


def anonymised(candidate: Candidate) -> bool:
    return User.objects.get(pk=candidate.user_id).email.startswith("anonyme-")


def purge(**options):
    return personal_data_purge(now=timezone.now(), **options)


# What anonymising removes, and what it keeps


def test_an_idle_candidate_with_old_sessions_loses_everything_that_names_them():
    application = applied_long_ago()
    candidate, user = application.candidate, application.candidate.user
    OutboxMessage.objects.create(to="quelquun@example.org", subject="Autre", body="…", kind="other")

    result = purge()

    assert (result.candidates, result.applications, result.notes) == (1, 1, 1)
    user.refresh_from_db()
    assert user.email == f"anonyme-{user.pk}@invalid"
    assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    application.refresh_from_db()
    assert (application.motivation, application.availability, application.refusal_comment) == ("", "", "")
    assert not ApplicationNote.objects.exists()
    assert set(ApplicationTransition.objects.values_list("reason", flat=True)) == {""}
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["quelquun@example.org"]
    assert Candidate.objects.get(pk=candidate.pk).birth_date == datetime.date(1998, 7, 1)


def test_what_the_figures_need_is_kept():
    application = applied_long_ago()
    before = Application.objects.values(
        "state", "created_at", "session", "refusal_reason", "score", "rank", "referrer"
    ).get()
    transitions = list(ApplicationTransition.objects.values_list("from_state", "to_state", "at", "actor"))
    profile = Candidate.objects.values(
        "gender",
        "diploma_level",
        "is_job_seeker",
        "commune",
        "lives_in_qpv_or_zrr",
        "is_scholarship_holder",
        "heard_from",
        "consent_at",
        "privacy_notice_version",
    ).get()

    purge()

    assert Application.objects.values(*before).get() == before
    assert before["state"] == Application.State.REFUSED
    assert list(ApplicationTransition.objects.values_list("from_state", "to_state", "at", "actor")) == (
        transitions
    )
    assert Candidate.objects.values(*profile).get() == profile
    candidate = Candidate.objects.get(pk=application.candidate_id)
    assert candidate.birth_date.year == 1998
    assert candidate.age_on(datetime.date(2024, 1, 10)) == 25  # still under 26 on that day


def test_an_anonymised_candidate_can_no_longer_log_in_nor_be_found_by_their_address(client):
    application = applied_long_ago()

    purge()

    assert not client.login(username="alix.durand@example.org", password="mot-de-passe-solide-42")
    assert not User.objects.filter(email="alix.durand@example.org").exists()
    assert Application.objects.get().candidate == application.candidate


def test_nobody_can_sign_up_with_an_anonymised_address_before_the_job_gives_it(client):
    """The job's addresses have no dot in their domain, which no form accepts: none can be taken first."""
    user = UserFactory()

    response = client.post(
        reverse("admissions:candidate_signup"),
        {"email": f"anonyme-{user.pk + 1}@invalid", "first_name": "Alix", "last_name": "Durand"},
    )

    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in response.content.decode()
    assert User.objects.count() == 1


def test_a_learner_s_drop_out_keeps_its_reason_and_date_but_not_the_comment():
    enrolment = EnrolmentFactory(
        status=Enrolment.Status.DROPPED_OUT,
        dropped_out_on=timezone.localdate(),
        drop_out_reason=DropOutReason.HEALTH,
        drop_out_comment="Alix est hospitalisée pour trois semaines.",
    )
    idle(enrolment.candidate.user)
    ended(enrolment.session)

    purge()

    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.drop_out_reason) == (
        Enrolment.Status.DROPPED_OUT,
        DropOutReason.HEALTH,
    )
    assert enrolment.dropped_out_on is not None
    assert enrolment.drop_out_comment == ""
    assert Application.objects.get().state == Application.State.ADMITTED


def test_a_learner_s_outcome_keeps_its_situation_but_not_the_employer():
    enrolment = EnrolmentFactory(status=Enrolment.Status.COMPLETED, completed_on=timezone.localdate())
    outcome = Outcome.objects.create(
        enrolment=enrolment,
        milestone="month_6",
        situation="cdi",
        started_on=timezone.localdate(),
        employer="Boulangerie Martin",
        job_title="Développeuse web",
        source="employer",
        source_note="Appel à Mme Martin",
    )
    idle(enrolment.candidate.user)
    ended(enrolment.session)

    purge()

    outcome.refresh_from_db()
    assert (outcome.situation, outcome.started_on) == ("cdi", timezone.localdate())
    assert (outcome.employer, outcome.job_title, outcome.source_note) == ("", "", "")


# Who is anonymised, and who is not


def test_a_candidate_never_logged_in_counts_from_their_sign_up():
    long_ago = applied_long_ago("jamais.connectee@example.org")
    idle(long_ago.candidate.user, logged_in=False)
    recent = applied_long_ago("inscrite.recemment@example.org")
    idle(recent.candidate.user, days=RECENTLY, logged_in=False)

    assert purge().candidates == 1

    assert anonymised(long_ago.candidate)
    assert not anonymised(recent.candidate)


def test_a_candidate_who_logged_in_recently_is_kept_whole():
    application = applied_long_ago()
    idle(application.candidate.user, days=RECENTLY)

    assert purge().candidates == 0

    application.refresh_from_db()
    assert application.candidate.user.email == "alix.durand@example.org"
    assert application.motivation and application.refusal_comment
    assert ApplicationNote.objects.exists()


@pytest.mark.parametrize("days", [RECENTLY, -30])
def test_one_application_to_a_session_ended_recently_or_to_come_keeps_the_candidate(days):
    application = applied_long_ago()
    other = ApplicationFactory(candidate=application.candidate)
    if days > 0:
        ended(other.session, days=days)

    assert purge().candidates == 0

    assert not anonymised(application.candidate)
    assert Application.objects.get(pk=application.pk).motivation


def test_the_retention_period_is_a_setting(settings):
    application = applied_long_ago()
    idle(application.candidate.user, days=RECENTLY)
    ended(application.session, days=RECENTLY)
    settings.PERSONAL_DATA_RETENTION_DAYS = RECENTLY - 10

    assert purge().candidates == 1

    assert anonymised(application.candidate)


@pytest.mark.parametrize("role", [Role.PRESCRIBER, Role.ORGANISATION, Role.NATIONAL_TEAM, Role.REVIEWER])
def test_people_who_work_on_the_platform_are_never_touched(role):
    worker = MembershipFactory(role=role).user
    idle(worker)
    # One who once applied to a course themselves keeps their account too.
    applied = applied_long_ago("conseillere@example.org")
    MembershipFactory(user=applied.candidate.user, role=role)

    result = purge()

    assert (result.candidates, result.accounts) == (0, 0)
    assert User.objects.filter(email=worker.email, is_active=True).exists()
    assert not anonymised(applied.candidate)
    assert Membership.objects.filter(user=worker, role=role).exists()


def test_staff_accounts_are_never_touched():
    staff = CandidateFactory(user__is_superuser=True, user__is_staff=True).user
    idle(staff)

    assert purge().candidates == 0
    assert User.objects.get(pk=staff.pk).email == staff.email


def test_a_candidate_with_an_offer_still_waiting_is_skipped():
    offer = OfferFactory()
    idle(offer.application.candidate.user)
    ended(offer.session)

    assert purge().candidates == 0

    assert not anonymised(offer.application.candidate)
    assert Offer.objects.get().state == Offer.State.PENDING


def test_an_idle_account_without_a_profile_is_deleted():
    never_finished = MembershipFactory(role=Role.CANDIDATE, user__email="sans.profil@example.org").user
    idle(never_finished, logged_in=False)
    OutboxMessage.objects.create(to="sans.profil@example.org", subject="Activez", body="…", kind="activate")
    recent = MembershipFactory(role=Role.CANDIDATE).user
    idle(recent, days=RECENTLY)
    no_role = UserFactory()  # not a candidate's account: not for this job to decide
    idle(no_role)

    assert purge().accounts == 1

    assert set(User.objects.values_list("pk", flat=True)) == {recent.pk, no_role.pk}
    assert not OutboxMessage.objects.exists()


# Running the job


def test_a_second_run_changes_nothing():
    applied_long_ago()
    idle(MembershipFactory(role=Role.CANDIDATE).user)
    purge()
    state = (
        list(User.objects.values()),
        list(Candidate.objects.values()),
        list(Application.objects.values()),
    )

    result = purge()

    assert (result.candidates, result.applications, result.notes, result.accounts) == (0, 0, 0, 0)
    assert state == (
        list(User.objects.values()),
        list(Candidate.objects.values()),
        list(Application.objects.values()),
    )
    assert personal_data_preview(now=timezone.now()).candidates == 0


def test_batches_cover_everyone_and_report_their_progress():
    applications = [applied_long_ago(f"personne{n}@example.org") for n in range(3)]
    seen = []

    def track(items, **options):
        for item in items:
            seen.append(item)
            yield item

    for membership in MembershipFactory.create_batch(3, role=Role.CANDIDATE):
        idle(membership.user)

    result = purge(batch_size=2, track=track)

    assert (result.candidates, result.accounts) == (3, 3)
    assert len(seen) == 2
    assert all(anonymised(application.candidate) for application in applications)
    assert not User.objects.filter(candidate__isnull=True, memberships__role=Role.CANDIDATE).exists()


def test_the_number_of_queries_does_not_grow_with_the_candidates():
    def queries_for(count: int, offset: int) -> int:
        for n in range(count):
            applied_long_ago(f"lot{offset + n}@example.org", birth_date=datetime.date(1980 + n, 5, 2))
        with CaptureQueriesContext(connection) as queries:
            assert purge().candidates == count
        return len(queries)

    assert queries_for(1, 0) == queries_for(5, 100)


def test_the_command_is_a_dry_run_unless_applied():
    applied_long_ago()
    idle(MembershipFactory(role=Role.CANDIDATE).user, logged_in=False)
    before = (
        list(User.objects.values()),
        list(Application.objects.values()),
        ApplicationNote.objects.count(),
    )
    out = io.StringIO()

    call_command("purge_personal_data", stdout=out)

    assert "Retention 730 days" in out.getvalue()
    assert "1 candidate(s) would be anonymised: 1 application(s) would be stripped" in out.getvalue()
    assert "1 selection note(s) would be deleted. 1 account(s) without a profile would be deleted." in (
        out.getvalue()
    )
    assert "Run with --apply to do it." in out.getvalue()
    assert before == (
        list(User.objects.values()),
        list(Application.objects.values()),
        ApplicationNote.objects.count(),
    )


def test_the_command_applied_does_it_and_says_so():
    application = applied_long_ago()
    out = io.StringIO()

    call_command("purge_personal_data", "--apply", stdout=out, verbosity=0)

    assert "1 candidate(s) anonymised: 1 application(s) stripped of their texts" in out.getvalue()
    assert anonymised(application.candidate)
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "0 candidate(s) would be anonymised" in out.getvalue()
    assert "--apply" not in out.getvalue()
